"""The physical baselines every benchmark prints its figure next to, measured in the same run (issue 27 §1).

Absolute figures vary between runs and machines; the ratio to what the machine does at the same moment does not
as much. Three baselines:

- ``stroom``: a plain httpx stream over loopback from a bare server in another process (a fixed buffer sent
  again and again: no generating), with one sha256 over what arrives — the fastest a byte can cross a hop;
- ``schijf``: writing a file of the same size in 1 MiB chunks, where the mocks keep their files;
- ``verzoeken``: small requests per second to a bare uvicorn endpoint over mutual TLS (the test CA of the
  served mocks), with ``gelijktijdig`` clients.

    .venv/bin/python -m bench.basislijn [--grootte 1GiB]
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import socket
import ssl
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx

from chain_tests.casus import parse_grootte

MIB = 1024 * 1024


@dataclass(frozen=True)
class Basislijn:
    naam: str
    waarde: float
    eenheid: str

    def regel(self) -> str:
        return f"basislijn {self.naam}: {self.waarde:.0f} {self.eenheid}"


def verhouding(naam: str, waarde: float, basis: Basislijn) -> str:
    """``naam``: figure, baseline and their ratio, on one line."""
    return f"{naam}: {waarde:.0f} {basis.eenheid} = {100 * waarde / basis.waarde:.0f} % van de {basis.regel()}"


# -- stroom --------------------------------------------------------------------------------------------------------
def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stroomserver(poort: int, grootte: int, klaar: Any) -> None:
    """A bare HTTP/1.1 server on loopback: every GET answers ``grootte`` bytes (one random MiB, repeated)."""
    blok = os.urandom(MIB)
    with socket.create_server(("127.0.0.1", poort)) as server:
        klaar.set()
        while True:
            conn, _ = server.accept()
            with conn:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % grootte)
                rest = grootte
                while rest > 0:
                    n = min(MIB, rest)
                    conn.sendall(blok[:n] if n < MIB else blok)
                    rest -= n


def _stroomclient(poort: int, grootte: int, uit: Connection) -> None:
    sha, start = hashlib.sha256(), time.perf_counter()
    with httpx.Client(timeout=120) as c, c.stream("GET", f"http://127.0.0.1:{poort}/") as r:
        for stuk in r.iter_raw(MIB):
            sha.update(stuk)
    uit.send(grootte / MIB / (time.perf_counter() - start))


def stroom(grootte: int = 1024 * MIB) -> Basislijn:
    """MiB/s of a plain httpx stream over loopback with one sha256: server and client each in a fresh process (the
    measuring process's own state, its heap after a large run, does not move the baseline)."""
    spawn = multiprocessing.get_context("spawn")
    poort, klaar = _vrije_poort(), spawn.Event()
    server = spawn.Process(target=_stroomserver, args=(poort, grootte, klaar), daemon=True)
    server.start()
    try:
        if not klaar.wait(30):
            raise RuntimeError("de basislijnserver startte niet binnen 30 s")
        ontvang, zend = spawn.Pipe(duplex=False)
        client = spawn.Process(target=_stroomclient, args=(poort, grootte, zend), daemon=True)
        client.start()
        if not ontvang.poll(300):
            raise RuntimeError("de basislijnclient was niet binnen 300 s klaar")
        snelheid = float(ontvang.recv())
        client.join(10)
        return Basislijn("loopback-stroom met één sha256", snelheid, "MiB/s")
    finally:
        server.kill()
        server.join(10)


# -- schijf --------------------------------------------------------------------------------------------------------
def schijf(grootte: int = 1024 * MIB) -> Basislijn:
    """MiB/s writing a file in 1 MiB chunks in the temp folder the mocks use (into the page cache, as theirs)."""
    blok = os.urandom(MIB)
    with tempfile.NamedTemporaryFile(prefix="ketentest-basislijn-") as fh:
        start, rest = time.perf_counter(), grootte
        while rest > 0:
            n = min(MIB, rest)
            fh.write(blok[:n] if n < MIB else blok)
            rest -= n
        fh.flush()
        return Basislijn("schijf schrijven", grootte / MIB / (time.perf_counter() - start), "MiB/s")


# -- verzoeken -----------------------------------------------------------------------------------------------------
def _kaal(poort: int, certificaat: str, sleutel: str, ca: str) -> None:
    import uvicorn

    async def app(scope: dict[str, object], receive: Callable[..., object], send: Callable[..., object]) -> None:
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})  # type: ignore[misc]
        await send({"type": "http.response.body", "body": b"ok"})  # type: ignore[misc]

    uvicorn.run(
        app, host="127.0.0.1", port=poort, log_level="error", access_log=False,
        ssl_certfile=certificaat, ssl_keyfile=sleutel, ssl_ca_certs=ca, ssl_cert_reqs=ssl.CERT_REQUIRED,
    )  # fmt: skip


def verzoeken(duur: float = 3.0, gelijktijdig: int = 16) -> Basislijn:
    """Requests/s to a bare uvicorn endpoint over mutual TLS, ``gelijktijdig`` keep-alive clients in threads."""
    from chain_tests.pki import TestCA

    ca = TestCA(Path(tempfile.mkdtemp(prefix="ketentest-basislijn-")))
    server = ca.certificaat("server", "basislijn", None, hosts=("127.0.0.1",))
    client = ca.certificaat("client", "Gemeente Drimmelen", "00000001001719001000")
    poort = _vrije_poort()
    proces = multiprocessing.Process(
        target=_kaal, args=(poort, str(server.certificaat), str(server.sleutel), str(ca.pem)), daemon=True
    )
    proces.start()
    try:
        ctx = ssl.create_default_context(cafile=str(ca.pem))
        ctx.load_cert_chain(str(client.certificaat), str(client.sleutel))
        url = f"https://127.0.0.1:{poort}/"
        _wacht_op(url, ctx)
        tellers = [0] * gelijktijdig
        einde = time.perf_counter() + duur

        def werk(i: int) -> None:
            with httpx.Client(verify=ctx, timeout=10) as c:
                while time.perf_counter() < einde:
                    c.get(url).raise_for_status()
                    tellers[i] += 1

        draden = [threading.Thread(target=werk, args=(i,)) for i in range(gelijktijdig)]
        start = time.perf_counter()
        for d in draden:
            d.start()
        for d in draden:
            d.join()
        return Basislijn(
            f"kale uvicorn over mutual TLS ({gelijktijdig} clients)", sum(tellers) / (time.perf_counter() - start),
            "verzoeken/s",
        )  # fmt: skip
    finally:
        proces.kill()
        proces.join(10)


def _wacht_op(url: str, ctx: ssl.SSLContext, deadline: float = 30.0) -> None:
    einde = time.perf_counter() + deadline
    while True:
        try:
            httpx.get(url, verify=ctx, timeout=2)
            return
        except httpx.TransportError:
            if time.perf_counter() > einde:
                raise RuntimeError(f"de kale server op {url} antwoordde niet binnen {deadline:g} s") from None
            time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grootte", default="1GiB")
    args = parser.parse_args()
    grootte = parse_grootte(args.grootte)
    for meting in (stroom(grootte), schijf(grootte), verzoeken()):
        print(meting.regel())


if __name__ == "__main__":
    main()
