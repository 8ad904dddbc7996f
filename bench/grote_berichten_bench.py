"""Grote Berichten on the served plan keten: a 1 GiB opdracht.zip uploaded to the served reference plansoftware,
sent to the served LVBB as metadata, fetched by the LVBB over mutual TLS (resumable, streamed to disk) and held
to its size and SHA-256; next to the baseline of the same run: a plain httpx stream of the same file from the
same server over loopback with one sha256. Peak RSS (VmHWM) of the plansoftware and LVBB processes.

    .venv/bin/python -m bench.grote_berichten_bench [--grootte 1000MiB]

The LVBB's verdict on such a package is LVBB1041 (its files together past the mock's 256 MiB in-memory bound):
this measures the transport, which is what Grote Berichten are.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import ssl
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx

from chain_tests.casus import parse_grootte
from chain_tests.config import Grenzen
from chain_tests.mockservers import MockServers
from chain_tests.standards import grote_berichten as gb
from chain_tests.standards import lvbb, planketen

MIB = 1024 * 1024
DRIMMELEN = "00000001001719001000"


def _pakket(doel: Path, grootte: int, plansoftware: str) -> None:
    """opdracht.xml, manifest.xml and random (incompressible) files of 95 MiB up to ``grootte``, stored."""
    morgen = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    opdracht = lvbb.Opdracht("publicatie", "ketentest_bench_gb", DRIMMELEN, plansoftware, "besluit.xml", morgen)
    namen = [f"deel-{i:02d}.bin" for i in range(max(1, -(-grootte // (95 * MIB))))]
    with zipfile.ZipFile(doel, "w", zipfile.ZIP_STORED, allowZip64=True) as z:
        z.writestr("opdracht.xml", lvbb.opdracht_xml(opdracht))
        z.writestr("manifest.xml", lvbb.manifest_xml(["opdracht.xml", "manifest.xml", *namen]))
        rest = grootte
        for naam in namen:
            deel = min(95 * MIB, rest) if naam != namen[-1] else rest
            rest -= deel
            with z.open(naam, "w", force_zip64=True) as fh:
                for _ in range(deel // MIB):
                    fh.write(os.urandom(MIB))


def _stukken(pad: Path) -> Iterator[bytes]:
    with pad.open("rb") as fh:
        while stuk := fh.read(MIB):
            yield stuk


def _hwm_mib(pid: int) -> float:
    regel = next(r for r in Path(f"/proc/{pid}/status").read_text().splitlines() if r.startswith("VmHWM:"))
    return int(regel.split()[1]) / 1024


def _ctx(servers: MockServers, oin: str) -> ssl.SSLContext:
    pki = servers.map / "pki"
    ctx = ssl.create_default_context(cafile=str(pki / "ca.pem"))
    ctx.load_cert_chain(str(pki / f"{oin}.pem"), str(pki / f"{oin}-key.pem"))
    return ctx


def _wacht_op_eind(c: httpx.Client, pad: str, deadline: float) -> planketen.PlanLevering:
    eind = time.monotonic() + deadline
    while time.monotonic() < eind:
        r = c.get(pad)
        if r.status_code == 200 and (lev := planketen.PlanLevering.model_validate_json(r.content)).eind is not None:
            return lev
        time.sleep(0.2)
    raise TimeoutError(f"geen eindverslag binnen {deadline} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--grootte", default="1000MiB")  # the zip stays under the LVBB's 1 GiB bound (LVBB1040)
    grootte = parse_grootte(parser.parse_args().grootte)
    with tempfile.TemporaryDirectory(prefix="ketentest-gb-bench-") as tmp:
        map_ = Path(tmp)
        servers = MockServers(map_ / "mocks", grenzen=Grenzen(pakket_bytes=2 * grootte, groot_bericht_bytes=32 * MIB))
        servers.start(deadline=60)
        try:
            _meet(servers, map_, grootte)
        finally:
            servers.stop()


def _meet(servers: MockServers, map_: Path, grootte: int) -> None:
    c = servers.config
    zip_ = map_ / "opdracht.zip"
    _pakket(zip_, grootte, c.plansoftware.oin)
    omvang = zip_.stat().st_size
    plan_url = servers.urls[c.plansoftware.oin]
    with httpx.Client(base_url=plan_url, verify=_ctx(servers, DRIMMELEN), timeout=600) as planauteur:
        start = time.perf_counter()
        r = planauteur.post(
            planketen.PLAN_LEVERINGEN, content=_stukken(zip_), headers={"Content-Type": "application/zip"}
        )
        r.raise_for_status()
        geupload = time.perf_counter() - start
        lev = _wacht_op_eind(planauteur, api_pad("ketentest_bench_gb"), 600)
        keten = time.perf_counter() - start
    print(
        f"pakket {omvang / MIB:.0f} MiB; upload {geupload:.1f} s; upload → eindverslag {keten:.1f} s "
        f"({lev.eind.uitkomst if lev.eind else '-'}: {', '.join(m.code for v in lev.verslagen for m in v.meldingen)})"
    )
    lvbb_ = c.lvbb.oin
    url = _gb_url(servers)
    m = gb.Metadata("bench", "opdracht.zip", "application/zip", _sha256(zip_), omvang, url)
    basis = _basislijn(servers, url, lvbb_)
    start = time.perf_counter()
    gb.haal_op(
        lambda: httpx.Client(verify=_ctx(servers, lvbb_), timeout=600),
        m,
        map_ / "opgehaald.zip",
        dt.datetime.now(dt.UTC),
    )
    ophalen = time.perf_counter() - start
    mib = omvang / MIB
    print(f"basislijn: httpx-stream over loopback (mutual TLS) met één sha256: {mib / basis:.0f} MiB/s")
    print(
        f"Groot Bericht ophalen (haal_op: stream naar schijf, grootte en SHA-256): {mib / ophalen:.0f} MiB/s "
        f"= {100 * basis / ophalen:.0f} % van de basislijn"
    )
    for naam, proces, _ in servers.processen:
        if naam in ("lvbb", "plansoftware"):
            print(f"piek-RSS {naam}: {_hwm_mib(proces.pid):.0f} MiB")


def api_pad(id_levering: str) -> str:
    from chain_tests.standards import api

    return api.pad(planketen.PLAN_LEVERING, id_levering=id_levering)


def _gb_url(servers: MockServers) -> str:
    """The Groot Bericht's URL, from the metadata in the LVBB's trace of the publicatieVerzoek."""
    from chain_tests.standards import inspectie

    r = httpx.get(servers.urls[servers.config.lvbb.oin] + inspectie.TRACE, verify=str(servers.map / "pki" / "ca.pem"))
    import base64
    import json

    for regel in json.loads(r.content):
        if "/grote-berichten/" in regel["pad"]:
            return servers.urls[servers.config.plansoftware.oin] + str(regel["pad"])
        body = base64.b64decode(regel["verzoek"]) if regel.get("verzoek") else b""
        if b"senderUrl" in body:
            return body.split(b'type="xs:anyURI">', 1)[1].split(b"<", 1)[0].decode()
    raise RuntimeError(f"geen Groot Bericht in de trace van de LVBB: {[x['pad'] for x in json.loads(r.content)]}")


def _sha256(pad: Path) -> str:
    sha = hashlib.sha256()
    for stuk in _stukken(pad):
        sha.update(stuk)
    return sha.hexdigest()


def _basislijn(servers: MockServers, url: str, oin: str) -> float:
    sha = hashlib.sha256()
    start = time.perf_counter()
    with httpx.Client(verify=_ctx(servers, oin), timeout=600) as c, c.stream("GET", url) as r:
        for stuk in r.iter_bytes():
            sha.update(stuk)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
