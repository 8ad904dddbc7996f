"""Serving a mock party: HTTPS with mutual TLS under uvicorn, its ``/_ketentest/`` administration, and its
background work in a thread on the system clock.

A :class:`Dienst` is one server to run (its ASGI app, port, certificate and background step);
:func:`bediend` wraps a party in one, with the administration routes that make it anew or set its faults;
:func:`draai` runs a set of them until interrupted. The parties, URLs and certificates come as plain settings
(:class:`Serveerconfig`), made from a profile by the command line.
"""

from __future__ import annotations

import dataclasses
import logging
import signal
import socket
import ssl
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

import httpx
import uvicorn

from chain_tests.config import KetenConfig, Organisatie
from chain_tests.errors import ConfiguratieFout
from chain_tests.standards import inspectie
from chain_tests.standards.inspectie import Foutgroep
from chain_tests.trace import Trace, TracingTransport
from mocks._infra import beheer
from mocks._infra.asgi import CertificaatProtocol, PartijApp
from mocks._infra.routing import MockPartij

log = logging.getLogger("ketentest.mocks")


@dataclasses.dataclass(frozen=True)
class Serveerconfig:
    """What the served mocks need: the keten (parties, URLs, timing), the CA and each party's certificate."""

    keten: KetenConfig
    ca: Path | None
    certificaat_van: Callable[[str], tuple[Path, Path] | None]
    beheer_token: str | None = None  # /_ketentest/ from another address than loopback (never logged)
    #: the OINs of the parties that are ketentest mocks (they record what they send themselves); None: every party
    mocks: frozenset[str] | None = None


@dataclasses.dataclass
class Dienst:
    """One server to run: its ASGI app, where to listen, its TLS material and its background step."""

    app: PartijApp
    poort: int
    certificaat: tuple[Path, Path]
    werk: Callable[[], None]


#: Lines a served mock keeps in its trace: it may run for days; the harness fetches what is new as it goes.
TRACE_REGELS = 20_000


def certificaat(instellingen: Serveerconfig, o: Organisatie) -> tuple[Path, Path]:
    cert = instellingen.certificaat_van(o.oin)
    if cert is None:
        raise ConfiguratieFout(
            f"Geen certificaat voor {o.naam} ({o.oin}).",
            code="KT-SERVE-CERT",
            hint="Maak de test-PKI met `python -m mocks pki --map <map>` en zet 'certificaten' "
            "in het profiel op die map.",
        )
    return cert


def _ssl(instellingen: Serveerconfig) -> ssl.SSLContext:
    if instellingen.ca is None:
        raise ConfiguratieFout(
            "Het profiel noemt geen CA ('ca').", code="KT-SERVE-CA", hint="Zet 'ca' op het ca.pem van de test-PKI."
        )
    return ssl.create_default_context(cafile=str(instellingen.ca))


def client_factory(
    instellingen: Serveerconfig, o: Organisatie, trace: Trace, van: str | None = None
) -> Callable[..., httpx.Client]:
    cert = certificaat(instellingen, o)
    context = _ssl(instellingen)
    context.load_cert_chain(*map(str, cert))

    def maak(base_url: str = "") -> httpx.Client:
        transport = TracingTransport(httpx.HTTPTransport(verify=context), trace, van or o.naam)
        headers = {inspectie.BRON_HEADER: "mock"}  # recorded here, so the receiving mock leaves it out
        return httpx.Client(transport=transport, base_url=base_url, timeout=30.0, headers=headers)

    return maak


def poort(url: str) -> int:
    return httpx.URL(url).port or 443


class _Partij(Protocol):
    def partij(self) -> MockPartij: ...

    def werk(self) -> None: ...


P = TypeVar("P", bound=_Partij)


def bediend(
    instellingen: Serveerconfig, o: Organisatie, trace: Trace, maak: Callable[[], P], fouten: Foutgroep | None
) -> tuple[Dienst, P]:
    """One served party made by ``maak``, with the administration routes; ``/_ketentest/toestand`` makes it
    anew, ``/_ketentest/fouten`` sets ``fouten`` (a party without faults refuses any)."""
    huidig = [maak()]

    def zet(data: bytes) -> None:
        if fouten is None:
            if data.strip() not in (b"", b"{}"):
                raise ValueError(f"{o.naam} kent geen opzettelijke fouten")
            return
        fouten.neem_over(type(fouten).model_validate_json(data))

    def herstel() -> None:
        if fouten is not None:
            fouten.neem_over(type(fouten)())

    def partij() -> MockPartij:
        p = huidig[0].partij()
        p.voeg_toe(beheer.routes(p.naam, p.oin, trace, zet, herstel, wis))
        return p

    def wis() -> None:
        huidig[0] = maak()
        app.vervang(partij())

    app = PartijApp(partij(), trace, instellingen.keten.oin_namen(), instellingen.beheer_token, instellingen.mocks)
    return Dienst(app, poort(o.base_url), certificaat(instellingen, o), lambda: huidig[0].werk()), huidig[0]


#: the longest a background step waits for a request that wakes it, and the least it rests between steps
INTERVAL, RUST = 0.1, 0.005


def _werker(werk: Callable[[], None], stop: threading.Event, wek: threading.Event | None = None) -> None:
    """Run ``werk`` until ``stop``: again as soon as a request has been handled (``wek``: it may have brought
    work, e.g. a verzoek for the outbox), at least every ``INTERVAL`` (for retries that come due), never more
    often than every ``RUST`` (a stream of requests does not make it spin)."""
    while not stop.is_set():
        if wek is not None:
            wek.clear()  # before the step: a request during it wakes the next one
        try:
            werk()
        except Exception:  # keep serving; the failure is in the log
            log.exception("achtergrondtaak mislukt")
        (wek or stop).wait(INTERVAL)
        stop.wait(RUST)


def server(dienst: Dienst, instellingen: Serveerconfig, host: str = "127.0.0.1") -> uvicorn.Server:
    cert, key = dienst.certificaat
    config = uvicorn.Config(
        dienst.app,
        host=host,
        port=dienst.poort,
        http=CertificaatProtocol,
        lifespan="off",
        log_config=None,
        access_log=False,
        ssl_certfile=str(cert),
        ssl_keyfile=str(key),
        ssl_ca_certs=str(instellingen.ca),
        ssl_cert_reqs=ssl.CERT_OPTIONAL,
    )
    return uvicorn.Server(config)


def controleer_poorten(diensten: list[Dienst], host: str) -> None:
    """Every port free before any server starts: a taken port is a clear error, not a silent exit 0."""
    for d in diensten:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind((host, d.poort))
            except OSError as exc:
                raise ConfiguratieFout(
                    f"{d.app.partij.naam} kan niet luisteren op {host}:{d.poort}: {exc.strerror}.",
                    code="KT-SERVE-POORT",
                    hint=f"Stop het programma dat poort {d.poort} gebruikt (bijvoorbeeld mocks die nog draaien: "
                    f"`ss -ltnp | grep {d.poort}`), of kies in het profiel een andere poort in de URL van deze partij.",
                ) from exc


def _stop_bij_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def draai(
    diensten: list[Dienst],
    instellingen: Serveerconfig,
    host: str = "127.0.0.1",
    sockets: dict[int, socket.socket] | None = None,
) -> None:
    """Run the servers (each in its own thread) and their background work until interrupted; a server that
    could not start ends the rest with an error naming it. ``sockets`` (port → a socket already bound and
    listening, handed over by whoever started this process) are served as they are: a port that the caller
    holds cannot be taken by anyone else between choosing and listening."""
    sockets = sockets or {}
    controleer_poorten([d for d in diensten if d.poort not in sockets], host)
    signal.signal(signal.SIGTERM, _stop_bij_sigterm)  # a normal exit: the mocks' stores are removed (atexit)
    stop = threading.Event()
    servers = [server(d, instellingen, host) for d in diensten]
    threads = [
        threading.Thread(target=s.run, args=([sockets[d.poort]],) if d.poort in sockets else (), daemon=True)
        for d, s in zip(diensten, servers, strict=True)
    ]
    threads += [threading.Thread(target=_werker, args=(d.werk, stop, d.app.wek), daemon=True) for d in diensten]
    for t in threads:
        t.start()
    for d in diensten:
        log.info("%s luistert op https://%s:%d", d.app.partij.naam, host, d.poort)
    try:
        while all(t.is_alive() for t in threads[: len(servers)]):
            time.sleep(0.2)
    except KeyboardInterrupt:
        return
    finally:
        stop.set()
        for s in servers:
            s.should_exit = True
    gestopt = [d for d, s in zip(diensten, servers, strict=True) if not s.started]
    if gestopt:
        namen = ", ".join(f"{d.app.partij.naam} (poort {d.poort})" for d in gestopt)
        raise ConfiguratieFout(
            f"De mock-server van {namen} kon niet starten.", code="KT-SERVE-START", hint="Zie de log hierboven."
        )
