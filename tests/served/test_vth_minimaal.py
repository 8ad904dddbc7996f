"""A VTH system written from the contract alone (docs/voorbeelden/vth-minimaal/: its own process, its own web
framework and ebMS parsing, nothing of ketentest, a client certificate required) passes iteratie 1 and a Wkb
dossier through the served DSO-LV; it never receives a /_ketentest/ call; and broken on purpose, the finding names
it with the right code."""

from __future__ import annotations

import ast
import json
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from chain_tests.mockservers import NAAM, MockServers
from tests.bouwstenen import DRIMMELEN, DSO, ROOT

VTH = ROOT / "docs" / "voorbeelden" / "vth-minimaal" / "vth.py"
SCENARIOS = [
    "scenarios/iteratie1",
    "scenarios/test_casussen.py",
    "scenarios/iteratie3/test_wkb.py::test_casus_wkb[wkb-woning-made]",
]


@dataclass
class Opstelling:
    servers: MockServers
    sock: socket.socket
    map: Path
    url: str
    proces: subprocess.Popen[bytes] | None = None

    @property
    def verzoeklog(self) -> Path:
        return self.map / "verzoeken.jsonl"

    def start(self, *fouten: str) -> None:
        self.stop()
        pki = self.servers.map / "pki"
        argv = [
            sys.executable,
            str(VTH),
            *("--oin", DRIMMELEN, "--dso-oin", DSO, "--dso-url", self.servers.urls[DSO]),
            *("--cert", str(pki / f"{DRIMMELEN}.pem"), "--key", str(pki / f"{DRIMMELEN}-key.pem")),
            *("--ca", str(pki / "ca.pem"), "--fd", str(self.sock.fileno()), "--verzoeklog", str(self.verzoeklog)),
            *(a for f in fouten for a in ("--fout", f)),
        ]
        log = (self.map / "vth.log").open("ab")
        self.proces = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, pass_fds=[self.sock.fileno()])
        self._wacht_tot_het_antwoordt(pki)

    def _wacht_tot_het_antwoordt(self, pki: Path) -> None:
        context = ssl.create_default_context(cafile=str(pki / "ca.pem"))
        context.load_cert_chain(str(pki / f"{DRIMMELEN}.pem"), str(pki / f"{DRIMMELEN}-key.pem"))
        eind = time.monotonic() + 30
        while time.monotonic() < eind:
            assert self.proces is not None and self.proces.poll() is None, (self.map / "vth.log").read_text()
            try:
                url = self.url + "/vth/api/v1/zaken?verzoeknummer=0"
                if httpx.get(url, verify=context, timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError(f"vth-minimaal antwoordde niet binnen 30 s:\n{(self.map / 'vth.log').read_text()}")

    def stop(self) -> None:
        if self.proces is not None:
            self.proces.terminate()
            self.proces.wait(timeout=10)
            self.proces = None

    def speel(self, *scenarios: str) -> tuple[subprocess.CompletedProcess[str], list[dict[str, str]]]:
        werkboek = self.map / f"bevindingen-{time.monotonic_ns()}.xlsx"
        r = subprocess.run(
            [
                sys.executable,
                *("-m", "pytest", *scenarios, "-p", "no:cacheprovider", "-q", "-rA"),
                *("--keten-omgeving", NAAM, "--keten-profiel", str(self.servers.profiel_pad)),
                f"--bevindingen={werkboek}",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        regels = werkboek.with_suffix(".jsonl")
        bevindingen = [json.loads(x) for x in regels.read_text().splitlines()] if regels.is_file() else []
        return r, bevindingen


@pytest.fixture(scope="module")
def opstelling(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Opstelling]:
    map_ = tmp_path_factory.mktemp("vth-minimaal")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    sock.set_inheritable(True)
    url = f"https://127.0.0.1:{sock.getsockname()[1]}"
    # the example does not sign (docs/voorbeelden/vth-minimaal/README.md): its profile chooses osb-rm
    eigen = {DRIMMELEN: {"url": url, "kan": ["zaakstatus", "doorzetten"]}}
    servers = MockServers(map_ / "mocks", eigen=eigen, ebms_profiel="osb-rm")
    servers.start()
    o = Opstelling(servers, sock, map_, url)
    try:
        yield o
    finally:
        o.stop()
        servers.stop()
        sock.close()


def test_the_example_imports_nothing_of_ketentest() -> None:
    boom = ast.parse(VTH.read_text(encoding="utf-8"))
    modules = {a.name.split(".")[0] for n in ast.walk(boom) if isinstance(n, ast.Import) for a in n.names}
    modules |= {n.module.split(".")[0] for n in ast.walk(boom) if isinstance(n, ast.ImportFrom) and n.module}
    assert not modules & {"chain_tests", "mocks", "scenarios", "tests"} and {"aiohttp", "lxml"} <= modules


def test_a_vth_written_from_the_contract_passes_iteratie_1_and_a_wkb_dossier(opstelling: Opstelling) -> None:
    opstelling.start()
    r, bevindingen = opstelling.speel(*SCENARIOS)
    assert r.returncode == 0 and bevindingen == [], r.stdout[-4000:]
    assert " passed" in r.stdout and "failed" not in r.stdout
    # the scenario that needs zaakstatussen in MijnOverheid is not played, and the run says why
    assert "Niet gespeeld: het VTH-systeem biedt niet wat deze scenario's vragen" in r.stdout
    assert "lopende_zaken" in r.stdout and "test_zaakstatus_van_ontvangen_tot_afgehandeld_bij_mijnoverheid" in r.stdout
    # what could not be checked against a real system is named
    assert "Niet gecontroleerd: echte partijen geven alleen wat het protocol biedt" in r.stdout
    paden = [json.loads(regel)["pad"] for regel in opstelling.verzoeklog.read_text().splitlines()]
    assert "/digikoppeling/ebms" in paden and "/vth/api/v1/zaken" in paden
    assert [p for p in paden if p.startswith("/_ketentest")] == []  # a real party gets only the protocol


@pytest.mark.parametrize(
    ("fout", "code", "partij"),
    [
        ("laat-bijlage-vallen", "KB-ZAAK-ONVOLLEDIG", "VTH-systeem Gemeente Drimmelen"),
        ("bevestigt-niet", "KB-GEEN-ACK", "Digikoppeling-endpoint Gemeente Drimmelen"),
        ("bevestigt-dubbel", "KB-DUBBELE-ACK", "Digikoppeling-endpoint Gemeente Drimmelen"),
    ],
)
def test_the_example_broken_on_purpose_is_named_with_the_right_code(
    opstelling: Opstelling, fout: str, code: str, partij: str
) -> None:
    opstelling.start(fout)
    r, bevindingen = opstelling.speel("scenarios/iteratie1/test_kappen_boom.py::test_vergunningplicht_komt_aan_in_vth")
    assert r.returncode == 1, r.stdout[-3000:]
    assert [(b["code"], b["partij"]) for b in bevindingen] == [(code, partij)]
