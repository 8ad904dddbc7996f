"""Preflight meets a party the way the chain does: with the profile's CA and the client certificate the harness
presents there. A supplier's VTH that requires a client certificate (as every Digikoppeling endpoint does) passes;
each thing that can be wrong with a party is named with the fix that fits it, and a supplier's own system is never
told to "make mocks"."""

from __future__ import annotations

import http.server
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from chain_tests.aftasten import tast_af
from chain_tests.pki import TestCA
from chain_tests.preflight import onderzoek, rapport
from chain_tests.profiel import Profiel
from tests.bouwstenen import DRIMMELEN, ONBEKEND


class _Antwoord(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Vth:
    """A VTH stand-in in a thread: HTTPS on 127.0.0.1 that requires a client certificate of ``client_ca``."""

    url: str
    server: http.server.ThreadingHTTPServer


@pytest.fixture
def pki(tmp_path: Path) -> TestCA:
    ca = TestCA(tmp_path / "pki")
    ca.certificaat(DRIMMELEN, "Gemeente Drimmelen", DRIMMELEN, hosts=("127.0.0.1",))
    return ca


def _vth(server_cert: tuple[Path, Path], client_ca: Path, versie: ssl.TLSVersion) -> Iterator[Vth]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = context.maximum_version = versie
    context.load_cert_chain(*map(str, server_cert))
    context.load_verify_locations(str(client_ca))
    context.verify_mode = ssl.CERT_REQUIRED
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Antwoord)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Vth(f"https://127.0.0.1:{server.server_address[1]}", server)
    server.shutdown()
    server.server_close()


def _profiel(pki: TestCA, url: str, **vth: object) -> Profiel:
    return Profiel.model_validate(
        {
            "soort": "served",
            "ca": pki.pem,
            "certificaten": pki.map,
            "dso_lv": {"url": "https://127.0.0.1:9", "inspectie": True},
            "vth": {DRIMMELEN: {"url": url, "inspectie": False, **vth}},
        }
    )


def _drimmelen(profiel: Profiel) -> tuple[list[str], str]:
    p = onderzoek(profiel)
    van = [str(x) for x in p.problemen if x.partij == "VTH-systeem Gemeente Drimmelen"]
    return van, rapport("mijnvth", p.problemen, p.gezien)


@pytest.mark.parametrize("versie", [ssl.TLSVersion.TLSv1_3, ssl.TLSVersion.TLSv1_2])
def test_a_vth_that_requires_a_client_certificate_passes_with_ours(pki: TestCA, versie: ssl.TLSVersion) -> None:
    server = pki.certificaat("vth-server", "Gemeente Drimmelen", DRIMMELEN, hosts=("127.0.0.1",))
    for vth in _vth((server.certificaat, server.sleutel), pki.pem, versie):
        problemen, tekst = _drimmelen(_profiel(pki, vth.url))
        assert problemen == []
        regel = next(r for r in tekst.splitlines() if "VTH-systeem Gemeente Drimmelen (echt systeem)" in r)
        naam = "TLSv1.3" if versie is ssl.TLSVersion.TLSv1_3 else "TLSv1.2"
        assert f"{naam}, servercertificaat vertrouwd, OIN {DRIMMELEN}" in regel
        assert "clientcertificaat van Gemeente Drimmelen geaccepteerd" in regel


@pytest.mark.parametrize("versie", [ssl.TLSVersion.TLSv1_3, ssl.TLSVersion.TLSv1_2])
def test_a_vth_that_does_not_trust_our_client_certificate_is_named_with_what_its_admin_must_do(
    pki: TestCA, tmp_path: Path, versie: ssl.TLSVersion
) -> None:
    ander = TestCA(tmp_path / "ander", naam="Andere CA")
    server = pki.certificaat("vth-server", "Gemeente Drimmelen", DRIMMELEN, hosts=("127.0.0.1",))
    for vth in _vth((server.certificaat, server.sleutel), ander.pem, versie):
        problemen, tekst = _drimmelen(_profiel(pki, vth.url))
        (probleem,) = problemen
        assert probleem.startswith(
            "✗ VTH-systeem Gemeente Drimmelen: VTH-systeem Gemeente Drimmelen accepteert het clientcertificaat van "
            "Gemeente Drimmelen niet"
        )
        assert "laat de beheerder van VTH-systeem Gemeente Drimmelen het certificaat van Gemeente Drimmelen" in probleem
        assert "make mocks" not in probleem and "CA-bundel" not in probleem
        assert "clientcertificaat van Gemeente Drimmelen GEWEIGERD" in tekst


def test_a_server_certificate_from_another_ca_or_with_another_oin_is_named(pki: TestCA, tmp_path: Path) -> None:
    ander = TestCA(tmp_path / "ander", naam="Andere CA")
    vreemd = ander.certificaat("vreemd", "Gemeente Drimmelen", DRIMMELEN, hosts=("127.0.0.1",))
    for vth in _vth((vreemd.certificaat, vreemd.sleutel), pki.pem, ssl.TLSVersion.TLSv1_3):
        (probleem,) = _drimmelen(_profiel(pki, vth.url))[0]
        assert "het servercertificaat van" in probleem and "wordt niet vertrouwd" in probleem
        assert (
            "Oplossing: zet 'ca' in het profiel op de CA die het servercertificaat van deze partij uitgaf" in probleem
        )
    verkeerd = pki.certificaat("verkeerd", "Iemand anders", ONBEKEND, hosts=("127.0.0.1",))
    for vth in _vth((verkeerd.certificaat, verkeerd.sleutel), pki.pem, ssl.TLSVersion.TLSv1_3):
        (probleem,) = _drimmelen(_profiel(pki, vth.url))[0]
        assert f"draagt OIN {ONBEKEND}, het profiel verwacht {DRIMMELEN}" in probleem


def test_a_server_certificate_near_its_end_is_a_warning_that_does_not_stop_the_run(pki: TestCA) -> None:
    bijna = pki.certificaat("bijna", "Gemeente Drimmelen", DRIMMELEN, hosts=("127.0.0.1",), dagen=3)
    for vth in _vth((bijna.certificaat, bijna.sleutel), pki.pem, ssl.TLSVersion.TLSv1_3):
        p = onderzoek(_profiel(pki, vth.url))
        (waarschuwing,) = [x for x in p.problemen if x.partij == "VTH-systeem Gemeente Drimmelen"]
        assert not waarschuwing.blokkeert and str(waarschuwing).startswith("! VTH-systeem Gemeente Drimmelen:")
        assert "nog 2 dag(en) geldig" in waarschuwing.tekst or "nog 3 dag(en) geldig" in waarschuwing.tekst
        assert all(x.onbereikbaar for x in p.blokkerend)  # only the absent DSO-LV stops this run


def test_an_unreachable_party_gets_advice_that_fits_whether_it_is_a_mock(pki: TestCA) -> None:
    p = onderzoek(_profiel(pki, "https://127.0.0.1:9"))
    dso = next(x for x in p.problemen if x.partij.startswith("DSO"))
    vth = next(x for x in p.problemen if x.partij == "VTH-systeem Gemeente Drimmelen")
    assert dso.onbereikbaar and "make mocks" in dso.oplossing
    assert vth.onbereikbaar and "make mocks" not in vth.oplossing
    assert "controleer of het systeem van VTH-systeem Gemeente Drimmelen draait" in vth.oplossing


def test_feeling_out_an_endpoint_sees_each_step_apart(pki: TestCA) -> None:
    server = pki.certificaat("vth-server", "Gemeente Drimmelen", DRIMMELEN, hosts=("127.0.0.1",))
    for vth in _vth((server.certificaat, server.sleutel), pki.pem, ssl.TLSVersion.TLSv1_3):
        zonder = tast_af(vth.url, pki.pem, None)
        assert (zonder.bereikbaar, zonder.tls, zonder.vertrouwd, zonder.client_geaccepteerd) == (
            True,
            "TLSv1.3",
            True,
            None,
        )
        assert zonder.server_oin == DRIMMELEN and zonder.server_dagen is not None and zonder.server_dagen >= 29
    assert not tast_af("https://127.0.0.1:9", pki.pem, None).bereikbaar
