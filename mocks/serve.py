"""Serve the mocks over HTTPS with mutual TLS: DSO-LV, the LVBB and the plansoftware each as one app, each
reference VTH as its own.

The parties, URLs and certificates come as plain settings (:class:`Serveerconfig`; the command line in
:mod:`mocks.__main__` makes them from a profile). Each server runs its background work (DSO-LV: delivery and
OZON; the LVBB: its leveringen; a VTH: acks and fetching) in a thread on the system clock.

Trace: every mock records the requests it *sends* (its traced client marks them ``x-ketentest-bron: mock``)
and the requests it receives from a party that is not a ketentest mock (a supplier's system); so every hop
is in exactly one mock's trace, and the harness merges them all.
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
from chain_tests.klok import Systeemklok
from chain_tests.standards import api, inspectie
from chain_tests.standards.inspectie import Fouten, Foutgroep, LvbbFouten, VthFouten
from chain_tests.trace import Trace, TracingTransport
from mocks import beheer
from mocks.asgi import CertificaatProtocol, PartijApp
from mocks.dso_lv import DsoLv, adresboek
from mocks.lopendezaken import LopendeZakenMock
from mocks.lvbb import LvbbMock
from mocks.plansoftware import ReferentiePlansoftware
from mocks.routing import MockPartij
from mocks.verzoeken import Verzoekregister
from mocks.vth import ReferentieVth

log = logging.getLogger("ketentest.mocks")


@dataclasses.dataclass(frozen=True)
class Serveerconfig:
    """What the served mocks need: the keten (parties, URLs, timing), the CA and each party's certificate."""

    keten: KetenConfig
    ca: Path | None
    certificaat_van: Callable[[str], tuple[Path, Path] | None]
    beheer_token: str | None = None  # /_ketentest/ from another address than loopback (never logged)


@dataclasses.dataclass
class Dienst:
    """One server to run: its ASGI app, where to listen, its TLS material and its background step."""

    app: PartijApp
    poort: int
    certificaat: tuple[Path, Path]
    stap: Callable[[], None]


#: Lines a served mock keeps in its trace: it may run for days; the harness fetches what is new as it goes.
TRACE_REGELS = 20_000


def _certificaat(instellingen: Serveerconfig, o: Organisatie) -> tuple[Path, Path]:
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


def _client_factory(
    instellingen: Serveerconfig, o: Organisatie, trace: Trace, van: str | None = None
) -> Callable[..., httpx.Client]:
    cert = _certificaat(instellingen, o)
    context = _ssl(instellingen)
    context.load_cert_chain(*map(str, cert))

    def maak(base_url: str = "") -> httpx.Client:
        transport = TracingTransport(httpx.HTTPTransport(verify=context), trace, van or o.naam)
        headers = {inspectie.BRON_HEADER: "mock"}  # recorded here, so the receiving mock leaves it out
        return httpx.Client(transport=transport, base_url=base_url, timeout=30.0, headers=headers)

    return maak


def _poort(url: str) -> int:
    return httpx.URL(url).port or 443


def dso_lv(instellingen: Serveerconfig) -> tuple[Dienst, DsoLv]:
    config = instellingen.keten
    trace = Trace(partijen=config.partijnamen(), max_regels=TRACE_REGELS)
    fouten = Fouten()
    client = _client_factory(instellingen, config.dso_lv, trace)
    ozon = _client_factory(instellingen, config.dso_lv, trace, van="OZON")
    register = Verzoekregister()

    def nieuw(register: Verzoekregister) -> DsoLv:
        ozon_client = lambda: ozon(config.dso_lv.base_url)  # noqa: E731
        return DsoLv(config, fouten, Systeemklok(), client, adresboek(config), register, ozon_client)

    huidig = [nieuw(register)]

    def zet(data: bytes) -> None:
        nieuw = Fouten.model_validate_json(data)  # a bad body is refused (HTTP 400, naming the field)
        if nieuw.vth or nieuw.verbindingen or nieuw.lvbb != LvbbFouten():
            raise ValueError(
                "vth-, lvbb- en verbindingsfouten horen niet bij DSO-LV; zet ze bij het VTH-systeem of de LVBB"
            )
        fouten.neem_over(nieuw)

    def partij() -> MockPartij:
        p = huidig[0].partij()
        p.voeg_toe(beheer.routes(p.naam, p.oin, trace, zet, lambda: fouten.neem_over(Fouten()), wis))
        return p

    def wis() -> None:
        """Fresh mocks (the verzoeknummer counter and the message log carry on)."""
        huidig[0].sluit()
        huidig[0] = nieuw(Verzoekregister(_nummers=register._nummers))
        app.vervang(partij())

    app = PartijApp(partij(), trace, config.oin_namen(), instellingen.beheer_token)
    dienst = Dienst(
        app, _poort(config.dso_lv.base_url), _certificaat(instellingen, config.dso_lv), lambda: huidig[0].stap()
    )
    return dienst, huidig[0]


class _Partij(Protocol):
    def partij(self) -> MockPartij: ...

    def stap(self) -> None: ...


P = TypeVar("P", bound=_Partij)


def _dienst(
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

    app = PartijApp(partij(), trace, instellingen.keten.oin_namen(), instellingen.beheer_token)
    return Dienst(app, _poort(o.base_url), _certificaat(instellingen, o), lambda: huidig[0].stap()), huidig[0]


def vth(instellingen: Serveerconfig, sleutel: str) -> tuple[Dienst, ReferentieVth]:
    config = instellingen.keten
    o = config.organisatie(sleutel)
    trace = Trace(partijen=config.partijnamen(), max_regels=TRACE_REGELS)
    client = _client_factory(instellingen, o, trace)
    dso = config.dso_lv.base_url
    fouten = VthFouten()

    def maak() -> ReferentieVth:
        return ReferentieVth(
            f"VTH-systeem {o.naam}",
            o.oin,
            o.base_url,
            config.dso_lv.oin,
            dso + api.EBMS,
            afhandelen_client=lambda: client(dso),
            dso_client=lambda: client(),
            klok=Systeemklok(),
            tijden=config.tijden,
            grenzen=config.grenzen,
            fouten=fouten,
            lopende_zaken=(config.lopende_zaken.oin, config.lopende_zaken.base_url + api.EBMS),
            zaakdossier_url=o.zaakdossier_url,
        )

    return _dienst(instellingen, o, trace, maak, fouten)


def lvbb(instellingen: Serveerconfig) -> tuple[Dienst, LvbbMock]:
    config = instellingen.keten
    trace = Trace(partijen=config.partijnamen(), max_regels=TRACE_REGELS)
    client = _client_factory(instellingen, config.lvbb, trace)
    fouten = LvbbFouten()

    def maak() -> LvbbMock:
        return LvbbMock(config, Systeemklok(), lambda: client(), lambda: client(config.dso_lv.base_url), fouten)

    return _dienst(instellingen, config.lvbb, trace, maak, fouten)


def plansoftware(instellingen: Serveerconfig) -> tuple[Dienst, ReferentiePlansoftware]:
    config = instellingen.keten
    trace = Trace(partijen=config.partijnamen(), max_regels=TRACE_REGELS)
    client = _client_factory(instellingen, config.plansoftware, trace)
    return _dienst(
        instellingen,
        config.plansoftware,
        trace,
        lambda: ReferentiePlansoftware(config, Systeemklok(), lambda: client()),
        None,
    )


def lopende_zaken(instellingen: Serveerconfig) -> tuple[Dienst, LopendeZakenMock]:
    config = instellingen.keten
    trace = Trace(partijen=config.partijnamen(), max_regels=TRACE_REGELS)
    client = _client_factory(instellingen, config.lopende_zaken, trace)
    return _dienst(
        instellingen,
        config.lopende_zaken,
        trace,
        lambda: LopendeZakenMock(config, Systeemklok(), lambda: client()),
        None,
    )


def _werker(stap: Callable[[], None], stop: threading.Event, interval: float = 0.1) -> None:
    while not stop.is_set():
        try:
            stap()
        except Exception:  # keep serving; the failure is in the log
            log.exception("achtergrondtaak mislukt")
        stop.wait(interval)


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


def draai(diensten: list[Dienst], instellingen: Serveerconfig, host: str = "127.0.0.1") -> None:
    """Run the servers (each in its own thread) and their background work until interrupted; a server that
    could not start ends the rest with an error naming it."""
    controleer_poorten(diensten, host)
    signal.signal(signal.SIGTERM, _stop_bij_sigterm)  # a normal exit: the mocks' stores are removed (atexit)
    stop = threading.Event()
    servers = [server(d, instellingen, host) for d in diensten]
    threads = [threading.Thread(target=s.run, daemon=True) for s in servers]
    threads += [threading.Thread(target=_werker, args=(d.stap, stop), daemon=True) for d in diensten]
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
