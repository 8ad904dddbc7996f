"""Served mode: the mocks as separate HTTPS processes with mutual TLS, and what they refuse."""

from __future__ import annotations

import ssl
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from chain_tests.casus import Casus
from chain_tests.config import KetenConfig
from chain_tests.errors import ChainTestError, ConfiguratieFout
from chain_tests.mockservers import NAAM, MockServers
from chain_tests.pki import TestCA
from chain_tests.preflight import controleer, rapport
from chain_tests.profiel import laad_profiel
from chain_tests.served import ServedKeten
from chain_tests.standards import api, inspectie
from chain_tests.standards.ebms import ontleed, serialiseer
from tests.bouwstenen import DRIMMELEN, DSO, LELYSTAD, ONBEKEND, ROOT, verpakt, verzoeknotificatie
from tests.catalogus import zoals_in_catalogus

CASUSSEN = ROOT / "scenarios" / "casussen" / "iteratie1"


@pytest.fixture
def served(mockservers: MockServers) -> MockServers:
    return mockservers


def context(served: MockServers, oin: str | None = None) -> ssl.SSLContext:
    pki = served.map / "pki"
    ctx = ssl.create_default_context(cafile=str(pki / "ca.pem"))
    if oin:
        ctx.load_cert_chain(str(pki / f"{oin}.pem"), str(pki / f"{oin}-key.pem"))
    return ctx


def wacht_op_logregel(pad: Path, tekst: str, deadline: float = 10.0) -> str:
    """The server writes its log line after the response: wait for it (with a deadline), never race it."""
    eind = time.monotonic() + deadline
    while time.monotonic() < eind:
        regel = next((r for r in pad.read_text().splitlines() if tekst in r), None)
        if regel is not None:
            return regel
        time.sleep(0.05)
    raise AssertionError(f"geen logregel met {tekst!r} in {pad} binnen {deadline} s")


def notificatie(van: str, naar: str) -> tuple[dict[str, str], bytes]:
    return serialiseer(verzoeknotificatie(van_oin=van, naar_oin=naar))


def test_a_client_without_certificate_is_refused_with_a_clear_melding(served: MockServers) -> None:
    r = httpx.get(served.urls[DSO] + api.AFHANDELEN.format(verzoeknummer="1"), verify=context(served))
    assert r.status_code == 403
    assert "MOCK-MTLS" in r.text and "clientcertificaat" in r.text and "serialNumber" in r.text


def test_ebms_without_certificate_gets_an_ebms_security_error(served: MockServers) -> None:
    headers, body = notificatie(DSO, DRIMMELEN)
    r = httpx.post(served.urls[DRIMMELEN] + api.EBMS, content=body, headers=headers, verify=context(served))
    assert r.status_code == 403
    assert ontleed(r.headers["Content-Type"], r.content).fouten[0][0] == "SecurityFailure"


def test_ebms_from_party_must_match_the_certificate_oin(served: MockServers) -> None:
    # Lelystad's certificate, but the message claims to come from DSO-LV.
    headers, body = notificatie(DSO, DRIMMELEN)
    r = httpx.post(served.urls[DRIMMELEN] + api.EBMS, content=body, headers=headers, verify=context(served, LELYSTAD))
    assert r.status_code == 403
    code, tekst = ontleed(r.headers["Content-Type"], r.content).fouten[0]
    assert code == "SecurityFailure" and DSO in tekst and LELYSTAD in tekst and "clientcertificaat" in tekst


def test_a_certificate_from_another_ca_fails_the_handshake(served: MockServers, tmp_path: Path) -> None:
    vreemd = TestCA(tmp_path / "vreemd").certificaat("x", "Vreemde partij", DRIMMELEN)
    ctx = ssl.create_default_context(cafile=str(served.map / "pki" / "ca.pem"))
    ctx.load_cert_chain(str(vreemd.certificaat), str(vreemd.sleutel))
    # TLS 1.3 verifies the client certificate after the handshake: the server drops the connection.
    with pytest.raises((httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError)):
        httpx.get(served.urls[DSO] + "/_ketentest/vreemde-ca", verify=ctx)
    assert "vreemde-ca" not in (served.map / "dso-lv.log").read_text()


def test_each_request_is_logged_in_one_line_without_secrets(served: MockServers) -> None:
    httpx.get(
        served.urls[DSO] + api.AFHANDELEN.format(verzoeknummer="424242"),
        verify=context(served, DRIMMELEN),
        headers={"x-api-key": "GEHEIM-SLEUTEL-123"},
    )
    regel = wacht_op_logregel(served.map / "dso-lv.log", "424242")
    log = (served.map / "dso-lv.log").read_text()
    assert "DSO landelijke voorzieningen (mock) VTH-systeem Gemeente Drimmelen GET" in regel
    assert regel.rstrip().endswith("404 verzoeknummer=424242")
    assert "GEHEIM-SLEUTEL-123" not in log


def test_the_log_names_the_harness_role_beside_the_certificate(served: MockServers) -> None:
    """The rule software presents the municipality's certificate; the log says it was the rule software."""
    keten = ServedKeten(laad_profiel(NAAM, served.profiel_pad)[1])
    try:
        keten.client("Regelsoftware Gemeente Drimmelen", DRIMMELEN, served.urls[DSO]).get(
            api.AFHANDELEN.format(verzoeknummer="515151")
        )
    finally:
        keten.sluit()
    regel = wacht_op_logregel(served.map / "dso-lv.log", "515151")
    assert "Regelsoftware Gemeente Drimmelen (certificaat van VTH-systeem Gemeente Drimmelen) GET" in regel


def test_preflight_passes_against_the_served_mocks(served: MockServers) -> None:
    naam, omgeving = laad_profiel(NAAM, served.profiel_pad)
    assert controleer(omgeving) == []
    assert rapport(naam, []).startswith("✓ Preflight")


def test_preflight_names_each_problem_with_its_fix(
    served: MockServers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ca = TestCA(tmp_path)
    bijna_verlopen = ca.certificaat(DRIMMELEN, "Gemeente Drimmelen", DRIMMELEN, dagen=3)
    ander_oin = ca.certificaat(LELYSTAD, "Gemeente Lelystad", ONBEKEND)
    del bijna_verlopen, ander_oin
    monkeypatch.setenv(f"KETENTEST_PROFIELEN__{NAAM.upper()}__CERTIFICATEN", str(tmp_path))
    monkeypatch.setenv(f"KETENTEST_PROFIELEN__{NAAM.upper()}__DSO_LV__PUBLIEK_URL", served.urls[DSO])
    monkeypatch.delenv(f"KETENTEST_PROFIELEN__{NAAM.upper()}__DSO_LV__API_KEY", raising=False)
    dode_poort = "https://127.0.0.1:9"
    monkeypatch.setenv(f"KETENTEST_PROFIELEN__{NAAM.upper()}__VTH__00000001000779001000__URL", dode_poort)
    naam, omgeving = laad_profiel(NAAM, served.profiel_pad)
    omgeving = omgeving.model_copy(update={"dso_lv": omgeving.dso_lv.model_copy(update={"api_key": None})})
    tekst = rapport(naam, controleer(omgeving))
    assert "Gemeente Drimmelen: het certificaat is nog 2 dag(en) geldig" in tekst
    assert (
        "het OIN in het certificaat (00000001999999999000) is niet het geconfigureerde OIN 00000001005024249000"
        in tekst
    )
    assert f"VTH-systeem Gemeente Geertruidenberg: {dode_poort} is niet bereikbaar" in tekst
    assert "er is geen API-key voor de /publiek/-API's" in tekst
    assert "Omgevingsdienst Midden- en West-Brabant: er is geen clientcertificaat geconfigureerd" in tekst
    assert tekst.count("Oplossing:") == tekst.count("✗")


def test_secrets_stay_out_of_the_trace(served: MockServers, monkeypatch: pytest.MonkeyPatch) -> None:
    from chain_tests.casus import laad_casus
    from chain_tests.keten import Keten
    from chain_tests.scenario import speel_casus
    from chain_tests.served import ServedKeten

    _, omgeving = laad_profiel(NAAM, served.profiel_pad)
    geheim = "offline-api-key"  # the served mocks' API key: must never appear in the trace
    keten_omgeving = ServedKeten(omgeving)
    try:
        speel_casus(Keten(keten_omgeving), laad_casus(CASUSSEN / "kappen-boom-vergunningplicht.yaml"))
        alles = repr(keten_omgeving.trace.regels) + keten_omgeving.trace.als_tabel()
        bodies = b"".join((r.verzoek or b"") + (r.antwoord or b"") for r in keten_omgeving.trace.regels)
        assert geheim not in alles and geheim.encode() not in bodies
        soorten = [r.soort for r in keten_omgeving.trace.regels]
        assert "ebMS2-bericht" in soorten and "STAM-verzoek ophalen" in soorten  # merged from the served DSO-LV
    finally:
        keten_omgeving.sluit()
    log = (served.map / "dso-lv.log").read_text()
    assert geheim not in log


@pytest.mark.parametrize(
    ("toml", "melding"),
    [
        ('[profielen.x]\nsoort = "served"\n', "profielen.x.(geheel): soort 'served' vraagt dso_lv.url"),
        ('[profielen.x]\nsoort = "served"\n[profielen.x.dso_lv]\nurl = "ftp://a"\n', "profielen.x.dso_lv.url"),
        ("[profielen.x]\nonbekend = 1\n", "profielen.x.onbekend: Extra inputs are not permitted"),
        (
            '[profielen.x]\nsoort = "offline"\n[profielen.x.vth.drimmelen]\nurl = "https://a"\n',
            "zet soort = 'served'",
        ),
    ],
)
def test_a_bad_profile_gives_one_message_naming_the_field(tmp_path: Path, toml: str, melding: str) -> None:
    pad = tmp_path / "ketentest.toml"
    pad.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfiguratieFout) as info:
        laad_profiel("x", pad)
    assert info.value.code == "KT-PROFIEL-VELD" and melding in str(info.value) and "leveranciersgids" in str(info.value)


def test_unknown_profile_and_broken_toml(tmp_path: Path) -> None:
    pad = tmp_path / "ketentest.toml"
    pad.write_text("[profielen.x\n", encoding="utf-8")
    with pytest.raises(ConfiguratieFout, match="KT-PROFIEL-BESTAND"):
        laad_profiel("x", pad)
    pad.write_text("", encoding="utf-8")
    with pytest.raises(ConfiguratieFout) as info:
        laad_profiel("bestaatniet", pad)
    assert "Kies een van: lokaal, offline, pre" in str(info.value)


def test_builtin_pre_profile_uses_the_pre_productie_hosts() -> None:
    _, pre = laad_profiel("pre", Path("/nonexistent/ketentest.toml"))
    assert pre.dso_lv.url == "https://pkio.service.pre.omgevingswet.overheid.nl"
    assert pre.dso_lv.publiek_url == "https://service.pre.omgevingswet.overheid.nl"


def test_supplier_setup_zgw_adapter_through_the_profile(tmp_path: Path) -> None:
    """As in docs/leveranciersgids.md: the profile names the adapter; the zaak is read through ZGW."""
    from chain_tests.casus import laad_casus
    from chain_tests.keten import Keten
    from chain_tests.scenario import speel_casus
    from chain_tests.served import ServedKeten

    mocks = MockServers(tmp_path, adapters={DRIMMELEN: "zgw"})
    mocks.start()
    try:
        _, omgeving = laad_profiel(NAAM, mocks.profiel_pad)
        keten_omgeving = ServedKeten(omgeving)
        try:
            uitkomst = speel_casus(Keten(keten_omgeving), laad_casus(CASUSSEN / "kappen-boom-vergunningplicht.yaml"))
            assert uitkomst.zaak is not None and len(uitkomst.zaak.bijlagen) == 2
        finally:
            keten_omgeving.sluit()
        log = (tmp_path / f"vth-{DRIMMELEN}.log").read_text()
        assert "GET /zaken/api/v1/zaakobjecten " in log and "GET /zaken/api/v1/zaken " not in log  # found, not scanned
    finally:
        mocks.stop()


def test_serve_alles_zonder_leaves_out_the_suppliers_systems(tmp_path: Path) -> None:
    mocks = MockServers(tmp_path)
    mocks.map.mkdir(parents=True, exist_ok=True)
    mocks.maak_profiel()
    mocks.sluit_sockets()  # this test starts the parties itself, on the ports of the profile
    log = (tmp_path / "alles.log").open("wb")
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mocks",
            "serve",
            "alles",
            "--omgeving",
            NAAM,
            "--profiel",
            str(mocks.profiel_pad),
            "--zonder",
            DRIMMELEN,
            "--zonder",
            "plansoftware",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        ctx = ssl.create_default_context(cafile=str(tmp_path / "pki" / "ca.pem"))
        eind = time.monotonic() + 30.0
        while True:
            try:
                if httpx.get(mocks.urls[LELYSTAD] + "/_ketentest/gezond", verify=ctx, timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < eind, (tmp_path / "alles.log").read_text()
                time.sleep(0.1)
        assert httpx.get(mocks.urls[DSO] + "/_ketentest/gezond", verify=ctx).json()["oin"] == DSO
        lvbb = mocks.config.lvbb.oin
        assert httpx.get(mocks.urls[lvbb] + "/_ketentest/gezond", verify=ctx).json()["oin"] == lvbb
        for weg in (DRIMMELEN, mocks.config.plansoftware.oin):  # the supplier's own VTH and plansoftware
            with pytest.raises(httpx.ConnectError):
                httpx.get(mocks.urls[weg] + "/_ketentest/gezond", verify=ctx, timeout=1)
    finally:
        proces.terminate()
        proces.wait(timeout=10)


def test_delivery_to_a_vth_that_is_down_retries_then_reports_no_ack(tmp_path: Path) -> None:
    from chain_tests.casus import laad_casus
    from chain_tests.errors import KetenBevinding
    from chain_tests.keten import Keten
    from chain_tests.scenario import speel_casus
    from chain_tests.served import ServedKeten

    mocks = MockServers(tmp_path)
    mocks.start()
    try:
        proces = next(p for n, p, _ in mocks.processen if n == f"vth-{DRIMMELEN}")
        proces.terminate()
        proces.wait(timeout=10)
        _, omgeving = laad_profiel(NAAM, mocks.profiel_pad)
        keten_omgeving = ServedKeten(omgeving)
        try:
            with pytest.raises(KetenBevinding) as info:
                speel_casus(Keten(keten_omgeving), laad_casus(CASUSSEN / "kappen-boom-vergunningplicht.yaml"))
            zoals_in_catalogus(info.value)
        finally:
            keten_omgeving.sluit()
        b = info.value
        retries = omgeving.keten_config().tijden.ebms_retries
        assert (b.code, b.partij) == ("KB-GEEN-ACK", "Digikoppeling-endpoint Gemeente Drimmelen")
        assert f"status mislukt na {retries + 1} poging(en)" in b.gezien and "verbindingsfout" in b.gezien
    finally:
        mocks.stop()


def test_pre_productie_publiek_requests_go_to_the_publiek_host_with_the_api_key() -> None:
    from chain_tests.profiel import Profiel
    from chain_tests.served import ServedKeten

    omgeving = Profiel.model_validate(
        {
            "soort": "served",
            "dso_lv": {
                "url": "https://127.0.0.1:9001",
                "publiek_url": "https://127.0.0.1:9002",
                "api_key": "GEHEIM-PRE",
            },
        }
    )
    keten = ServedKeten(omgeving)  # no inspectie: nothing is contacted
    try:
        publiek = httpx.Request("POST", "https://127.0.0.1:9001/publiek/verzoeken/api/indienen/v4/verzoeken")
        overheid = httpx.Request("GET", "https://127.0.0.1:9001/overheid/verzoeken/api/afhandelen/v2/verzoeken/1")
        keten._publiek(publiek)
        keten._publiek(overheid)
        assert (publiek.url.port, publiek.headers["x-api-key"]) == (9002, "GEHEIM-PRE")
        assert overheid.url.port == 9001 and "x-api-key" not in overheid.headers
        assert "GEHEIM-PRE" not in repr(omgeving)
    finally:
        keten.sluit()


def test_served_dso_lv_refuses_an_ack_forged_by_another_certified_party(served: MockServers) -> None:
    from chain_tests.casus import laad_casus
    from chain_tests.keten import Keten
    from chain_tests.scenario import speel_casus
    from chain_tests.served import ServedKeten
    from chain_tests.standards.ebms import acknowledgment

    _, omgeving = laad_profiel(NAAM, served.profiel_pad)
    keten_omgeving = ServedKeten(omgeving)
    try:
        speel_casus(Keten(keten_omgeving), laad_casus(CASUSSEN / "kappen-boom-vergunningplicht.yaml"))
        # the last one: the served mocks' trace may still hold notifications of earlier tests
        r = [r for r in keten_omgeving.trace.regels if r.ids.get("Action") == "Verzoeknotificatie"][-1]
    finally:
        keten_omgeving.sluit()
    ack = acknowledgment(ontleed(r.verzoek_type or "", r.verzoek or b""))
    ack.van_oin = LELYSTAD  # Lelystad's certificate, acknowledging a message sent to Drimmelen
    headers, body = verpakt(ack, KetenConfig(sleutelmap=served.map / "pki"))  # signed with Lelystad's own key
    antwoord = httpx.post(served.urls[DSO] + api.EBMS, content=body, headers=headers, verify=context(served, LELYSTAD))
    assert antwoord.status_code == 403, antwoord.text
    code, tekst = ontleed(antwoord.headers["Content-Type"], antwoord.content).fouten[0]
    assert code == "SecurityFailure" and DRIMMELEN in tekst and LELYSTAD in tekst


def test_served_vth_accepts_verzoeknotificaties_only_from_dso_lv(served: MockServers) -> None:
    headers, body = notificatie(LELYSTAD, DRIMMELEN)
    r = httpx.post(served.urls[DRIMMELEN] + api.EBMS, content=body, headers=headers, verify=context(served, LELYSTAD))
    assert r.status_code == 403
    code, tekst = ontleed(r.headers["Content-Type"], r.content).fouten[0]
    assert code == "SecurityFailure" and DSO in tekst


def test_served_mock_crash_is_a_harness_error_not_a_finding_against_the_vth(served: MockServers) -> None:
    from chain_tests import AfhandelenFouten, Fouten
    from chain_tests.casus import laad_casus
    from chain_tests.errors import KetenBevinding, MockStoring
    from chain_tests.keten import Keten
    from chain_tests.scenario import speel_casus
    from chain_tests.served import ServedKeten

    _, omgeving = laad_profiel(NAAM, served.profiel_pad)
    keten_omgeving = ServedKeten(omgeving)
    keten_omgeving.zet_fouten(Fouten(afhandelen=AfhandelenFouten(crasht=True)))
    try:
        with pytest.raises(MockStoring) as info:
            speel_casus(Keten(keten_omgeving), laad_casus(CASUSSEN / "kappen-boom-vergunningplicht.yaml"))
    finally:
        keten_omgeving.herstel_fouten()
        keten_omgeving.sluit()
    assert not isinstance(info.value, KetenBevinding)
    assert "DSO landelijke voorzieningen (mock)" in str(info.value) and "RuntimeError" in str(info.value)


def test_served_any_dutch_file_name_goes_through_the_whole_chain(
    served: MockServers, vreemde_namen: list[str], casus_met_namen: Callable[[list[str]], Casus]
) -> None:
    from chain_tests.keten import Keten
    from chain_tests.scenario import speel_casus
    from chain_tests.served import ServedKeten

    _, omgeving = laad_profiel(NAAM, served.profiel_pad)
    keten_omgeving = ServedKeten(omgeving)
    try:
        uitkomst = speel_casus(Keten(keten_omgeving), casus_met_namen(vreemde_namen))
    finally:
        keten_omgeving.sluit()
    assert uitkomst.zaak is not None
    assert sorted(b.bestandsnaam for b in uitkomst.zaak.bijlagen) == sorted(vreemde_namen)


def test_serve_on_a_taken_port_exits_non_zero_naming_the_port(served: MockServers) -> None:
    poort = httpx.URL(served.urls[DSO]).port  # the running DSO-LV holds it
    r = subprocess.run(
        [sys.executable, "-m", "mocks", "serve", "dso-lv", "--omgeving", NAAM, "--profiel", str(served.profiel_pad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2
    assert "[KT-SERVE-POORT]" in r.stderr and f"127.0.0.1:{poort}" in r.stderr and "ss -ltnp" in r.stderr


@pytest.mark.parametrize("met_lengte", [True, False], ids=["Content-Length", "chunked"])
def test_served_json_past_its_bound_is_a_413_without_reading_it_all(served: MockServers, met_lengte: bool) -> None:
    grens = served.config.grenzen.json_bytes
    grootte = 8 * grens

    def body() -> Iterator[bytes]:
        for _ in range(grootte // 65536):
            yield b" " * 65536

    headers = {"Content-Type": "application/json", "x-api-key": served.config.api_key}
    if met_lengte:
        headers["Content-Length"] = str(grootte)
    r = httpx.post(served.urls[DSO] + api.INDIENEN, content=body(), headers=headers, verify=context(served))
    assert r.status_code == 413
    melding = r.json()["meldingen"][0]
    assert melding["code"] == "MOCK-413" and f"grens van {grens} bytes voor JSON" in melding["tekst"]


def test_slow_clients_do_not_freeze_a_party(served: MockServers) -> None:
    """200 connections that send headers and 1 of 1,000 declared body bytes; meanwhile a whole
    scenario passes through the same DSO-LV (bodies are read without holding a worker thread)."""
    import socket

    from chain_tests.casus import laad_casus
    from chain_tests.keten import Keten
    from chain_tests.scenario import speel_casus
    from chain_tests.served import ServedKeten

    url = httpx.URL(served.urls[DSO])
    kop = (
        f"PUT {inspectie.FOUTEN} HTTP/1.1\r\nHost: {url.host}\r\nContent-Type: application/json\r\n"
        "Content-Length: 1000\r\n\r\n{"
    ).encode()
    traag: list[ssl.SSLSocket] = []
    try:
        for _ in range(200):
            verbinding = socket.create_connection((url.host, url.port), timeout=10)
            s = context(served).wrap_socket(verbinding, server_hostname=url.host)
            s.sendall(kop)
            traag.append(s)
        _, omgeving = laad_profiel(NAAM, served.profiel_pad)
        keten_omgeving = ServedKeten(omgeving)
        try:
            start = time.monotonic()
            uitkomst = speel_casus(Keten(keten_omgeving), laad_casus(CASUSSEN / "kappen-boom-vergunningplicht.yaml"))
            assert uitkomst.zaak is not None and time.monotonic() - start < 30
        finally:
            keten_omgeving.sluit()
    finally:
        for s in traag:
            s.close()


def test_a_new_keten_starts_reading_each_mocks_trace_where_it_now_ends(served: MockServers) -> None:
    """The mocks' traces go on across scenarios; a keten merges only what happened since it began (the length is
    asked with the largest 'sinds' the mocks accept; a larger one is refused, which read as length 0)."""
    from chain_tests.profiel import laad_profiel
    from chain_tests.served import ServedKeten

    _, profiel = laad_profiel(NAAM, served.profiel_pad)
    eerste = ServedKeten(profiel)
    dso = eerste.config.dso_lv.base_url
    eerste.beheer(dso).get(api.pad(inspectie.BEZORGING, verzoeknummer="1"))
    headers, body = notificatie(DRIMMELEN, DSO)
    with eerste.client("VTH", DRIMMELEN, dso) as c:  # a (refused) message to DSO-LV: one line in its trace
        c.post(api.EBMS, content=body, headers=headers)
    lengte = int(eerste.beheer(dso).get(inspectie.TRACE).headers["X-Trace-Lengte"])
    tweede = ServedKeten(profiel, wis=False)
    assert lengte > 0 and tweede._mock_sinds[dso] == lengte
    eerste.sluit()
    tweede.sluit()


def test_a_party_marked_as_a_real_system_gets_no_ketentest_call(served: MockServers) -> None:
    """Per party the profile says whether it is a ketentest mock; a real one (here Drimmelen's VTH) is never
    reset, inspected or traced through /_ketentest/, and faults for it are refused before anything is sent."""
    from chain_tests.profiel import laad_profiel
    from chain_tests.served import ServedKeten, fouten_passen
    from chain_tests.standards.inspectie import Fouten, VthFouten

    _, profiel = laad_profiel(NAAM, served.profiel_pad)
    echt = profiel.model_copy(deep=True)
    echt.vth = {k: v.model_copy(update={"inspectie": False}) if k == DRIMMELEN else v for k, v in profiel.vth.items()}
    keten = ServedKeten(echt)
    drimmelen = served.urls[DRIMMELEN]
    assert drimmelen not in keten._mock_urls() and served.urls[LELYSTAD] in keten._mock_urls()
    beheer = keten.inspectie()
    assert beheer is not None and drimmelen not in beheer.partij_urls
    assert beheer.ophalen(drimmelen, "3000001") is None
    fouten = Fouten(vth={DRIMMELEN: VthFouten(bevestigt_niet=True)})
    assert not fouten_passen(echt, fouten) and fouten_passen(profiel, fouten)
    with pytest.raises(ChainTestError, match="Gemeente Drimmelen, maar dat is geen ketentest-mock"):
        keten.zet_fouten(fouten)
    keten.sluit()


def test_the_conformance_suite_served_passes_the_reference_and_names_a_careless_vth(served: MockServers) -> None:
    """Over mutual TLS, signed: the served reference VTH answers the cases as the standard asks; the same VTH
    made careless (no CPA checks) acknowledges what it must refuse, and each such case is a finding naming it."""
    from chain_tests import Fouten, VthFouten
    from chain_tests.errors import KetenBevinding
    from chain_tests.keten import Keten
    from chain_tests.standards.ebms_gevallen import geval

    _, profiel = laad_profiel(NAAM, served.profiel_pad)
    omgeving = ServedKeten(profiel)
    keten = Keten(omgeving)
    drimmelen = omgeving.config.organisatie("Drimmelen")
    gevallen = [geval(g) for g in ("goed", "cpaid", "ds_envelop")]
    try:
        antwoorden = [keten.ebms_geval(drimmelen, g) for g in gevallen]
        assert all(a is not None for a in antwoorden)
        omgeving.zet_fouten(Fouten(vth={DRIMMELEN: VthFouten(ebms_slordig=True)}))
        fout = []
        for g in gevallen:
            try:
                keten.ebms_geval(drimmelen, g)
            except KetenBevinding as exc:
                assert exc.code == "KB-EBMS-CONFORMITEIT" and g.titel in str(exc)
                fout.append(g.id)
        assert fout == ["cpaid", "ds_envelop"]
    finally:
        omgeving.herstel_fouten()
        omgeving.sluit()


def test_a_load_keten_without_mock_traces_reaches_the_same_verdict_and_fetches_no_mock_lines(
    served: MockServers,
) -> None:
    """mocktraces=False (the Locust run): the zaak is checked as ever, the keten's trace holds only the harness's
    own exchanges — no line of a mock, so many ketens on one set of mocks do not fetch each other's."""
    from chain_tests import Keten, laad_casus, speel_casus

    omgeving = ServedKeten(laad_profiel(NAAM, served.profiel_pad)[1], wis=False, mocktraces=False)
    try:
        uitkomst = speel_casus(Keten(omgeving), laad_casus(CASUSSEN / "kappen-boom-vergunningplicht.yaml"))
        assert uitkomst.zaak is not None and len(uitkomst.zaak.bijlagen) == 2
        afzenders = {r.van for r in omgeving.trace.regels}
        assert afzenders and not any("mock" in a or a.startswith("VTH-systeem") for a in afzenders), afzenders
    finally:
        omgeving.sluit()
    met = ServedKeten(laad_profiel(NAAM, served.profiel_pad)[1], wis=False)
    try:
        speel_casus(Keten(met), laad_casus(CASUSSEN / "kappen-boom-vergunningplicht.yaml"))
        assert any(r.soort == "ebMS2-bericht" for r in met.trace.regels)  # the default: the mocks' lines merged
    finally:
        met.sluit()
