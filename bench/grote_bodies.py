"""Benchmark: a large request body to every kind of endpoint of the served mocks, and what it costs them.

Starts the served mocks (loopback only), sends each endpoint a body of ``--grootte`` bytes, once with a
Content-Length and once chunked, and reports per endpoint the answer and how much the peak RSS (VmHWM) of
the server process rose. The bounds (``grenzen`` in the profile: JSON 1 MiB, messages 8 MiB, LVBB
packages 100 MiB by default) make a body past them a 413 before or while it is read (a SOAP Fault with 413
at the SOAP endpoint); bijlage uploads stream to disk. Usage:

    .venv/bin/python -m bench.grote_bodies --grootte 200MiB

Figures are recorded in docs/architecture.md (section Benchmarks).
"""

from __future__ import annotations

import argparse
import ssl
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx

from chain_tests.casus import parse_grootte
from chain_tests.mockservers import MockServers
from chain_tests.standards import api, inspectie

STUK = 1024 * 1024
DRIMMELEN, DSO = "00000001001719001000", "00000001003214345000"
# (name, server process, party, path, method, the certificate presented, extra headers)
EINDPUNTEN = [
    ("indienen (JSON)", "dso-lv", DSO, api.INDIENEN, "POST", None, {"Content-Type": "application/json"}),
    ("verifiëren (XML)", "dso-lv", DSO, api.VERIFIEREN, "POST", None, {"Content-Type": "application/xml"}),
    ("aanleveren (SOAP)", "dso-lv", DSO, api.AANLEVEREN, "POST", DRIMMELEN, {"Content-Type": "text/xml"}),
    ("ebMS bij DSO-LV", "dso-lv", DSO, api.EBMS, "POST", DRIMMELEN, {"Content-Type": "text/xml"}),
    (
        "doorzetten (JSON)",
        "dso-lv",
        DSO,
        api.pad(api.AFHANDELEN_DOORZETTEN, verzoeknummer="3000001"),
        "POST",
        DRIMMELEN,
        {"Content-Type": "application/json"},
    ),
    ("beheer: fouten", "dso-lv", DSO, inspectie.FOUTEN, "PUT", None, {"Content-Type": "application/json"}),
    ("ebMS bij het VTH-systeem", f"vth-{DRIMMELEN}", DRIMMELEN, api.EBMS, "POST", DSO, {"Content-Type": "text/xml"}),
]


def _body(grootte: int) -> Iterator[bytes]:
    stuk = b" " * STUK
    for _ in range(grootte // STUK):
        yield stuk


def _hwm_kib(pid: int) -> int:
    for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
        if regel.startswith("VmHWM:"):
            return int(regel.split()[1])
    raise RuntimeError("VmHWM niet gevonden")


def _stuur(
    servers: MockServers,
    partij: str,
    pad: str,
    methode: str,
    oin: str | None,
    headers: dict[str, str],
    grootte: int,
    met_lengte: bool,
) -> str:
    pki = servers.map / "pki"
    ctx = ssl.create_default_context(cafile=str(pki / "ca.pem"))
    if oin:
        ctx.load_cert_chain(str(pki / f"{oin}.pem"), str(pki / f"{oin}-key.pem"))
    h = {**headers, "x-api-key": servers.config.api_key}
    if met_lengte:
        h["Content-Length"] = str(grootte)
    try:
        with httpx.Client(base_url=servers.urls[partij], verify=ctx, timeout=120) as c:
            r = c.request(methode, pad, content=_body(grootte), headers=h)
            return str(r.status_code)
    except httpx.TransportError as exc:  # the server answered early and closed: the rest was not read
        return f"verbinding gesloten ({type(exc).__name__})"


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--grootte", default="200MiB")
    grootte = parse_grootte(args.parse_args().grootte)
    with tempfile.TemporaryDirectory(prefix="ketentest-bench-") as tmp:
        servers = MockServers(Path(tmp))
        servers.start()
        try:
            pids = {naam: proces.pid for naam, proces, _ in servers.processen}
            print(f"{'eindpunt':28} {'wijze':15} {'antwoord':28} {'RSS-piek +MiB':>13}")
            for naam, proces, partij, pad, methode, oin, headers in EINDPUNTEN:
                for met_lengte in (True, False):
                    voor = _hwm_kib(pids[proces])
                    antwoord = _stuur(servers, partij, pad, methode, oin, headers, grootte, met_lengte)
                    erbij = (_hwm_kib(pids[proces]) - voor) / 1024
                    wijze = "Content-Length" if met_lengte else "chunked"
                    print(f"{naam:28} {wijze:15} {antwoord:28} {erbij:13.1f}")
        finally:
            servers.stop()


if __name__ == "__main__":
    main()
