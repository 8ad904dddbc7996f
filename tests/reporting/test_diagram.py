"""The sequence diagram of a scenario's keten-trace."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from lxml import etree

from chain_tests import Casus, Fouten, Keten, VthFouten, speel_casus
from chain_tests.errors import KetenBevinding
from chain_tests.reporting.diagram import grootte, partijen, volgordediagram
from chain_tests.trace import Trace

SVG = "{http://www.w3.org/2000/svg}"
DSO, VTH, BURGER = (
    "DSO landelijke voorzieningen (mock)",
    "VTH-systeem Gemeente Drimmelen",
    "Initiatiefnemer (Omgevingsloket)",
)


def _trace() -> Trace:
    t = Trace()

    def regel(van: str, naar: str, soort: str, pad: str, status: int, **ids: str) -> None:
        t.voeg_toe(
            van=van, naar=naar, soort=soort, methode="POST", pad=pad, status=status, ids=ids,
            bytes_verzonden=2048, bytes_ontvangen=0, tijd=datetime(2026, 12, 2, tzinfo=UTC),
        )  # fmt: skip

    regel(BURGER, DSO, "verzoek indienen", "/indienen", 503)
    regel(BURGER, DSO, "verzoek indienen", "/indienen", 200)
    regel(DSO, VTH, "ebMS2-bericht", "/ebms", 202, MessageId="abcdef123456@x", Action="Verzoeknotificatie")
    regel(DSO, VTH, "ebMS2-bericht", "/ebms", 202, MessageId="abcdef123456@x", Action="Verzoeknotificatie")
    regel(VTH, DSO, "STAM-verzoek ophalen", "/stam", 200, verzoeknummer="3000001")
    regel(VTH, DSO, "bijlage ophalen", "/bijlage", 500, verzoeknummer="3000001")
    regel(BURGER, DSO, "vergunningcheck", "/check", 200)
    return t


def _berichten(svg: str) -> list[etree._Element]:
    return etree.fromstring(svg.encode()).findall(f".//{SVG}g[@data-volgnummer]")


def _tekst(e: etree._Element) -> str:
    return "".join(t.strip() for t in e.itertext())


def test_one_arrow_per_message_with_retries_duplicates_and_faults_marked() -> None:
    berichten = _berichten(volgordediagram(_trace().regels))

    assert [g.get("data-volgnummer") for g in berichten] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [g.get("class", "").split()[1] for g in berichten] == [
        "fout", "herhaling", "ok", "dubbel", "ok", "fout", "ok",
    ]  # fmt: skip
    teksten = [_tekst(g) for g in berichten]
    assert teksten[0] == "1. verzoek indienen · 2.0 kB · HTTP 503"
    assert teksten[2] == "3. ebMS2-bericht · Verzoeknotificatie · msg abcdef12 · 2.0 kB"
    assert teksten[3].endswith("(dubbel)") and teksten[1].endswith("(herhaling)")
    assert teksten[4] == "5. STAM-verzoek ophalen · verzoek 3000001 · 2.0 kB"


def test_the_message_where_the_verzoek_stopped_carries_the_code() -> None:
    bevinding = KetenBevinding(
        "x", code="KB-GEEN-ZAAK", stap=9, partij=VTH, verwacht="", gezien="", verzoeknummer="3000001"
    )

    berichten = _berichten(volgordediagram(_trace().regels, bevinding))

    gestopt = [g for g in berichten if g.find(f"{SVG}circle[@class='gestopt']") is not None]
    assert [g.get("data-volgnummer") for g in gestopt] == ["6"]  # the last one naming 3000001, not the last message
    assert "hier gestopt: KB-GEEN-ZAAK" in _tekst(gestopt[0])


def test_without_a_verzoeknummer_the_last_message_is_marked() -> None:
    bevinding = KetenBevinding("x", code="KB-CONCLUSIE", stap=8, partij="Omgevingsloket", verwacht="", gezien="")

    gestopt = [g for g in _berichten(volgordediagram(_trace().regels, bevinding)) if "gestopt" in _tekst(g)]

    assert [g.get("data-volgnummer") for g in gestopt] == ["7"]


def test_lanes_start_with_the_initiatiefnemer_and_end_with_the_receivers() -> None:
    t = _trace()
    assert partijen(t.regels) == [BURGER, DSO, VTH]
    koppen = etree.fromstring(volgordediagram(t.regels).encode()).findall(f"{SVG}text")
    assert [_tekst(k) for k in koppen] == [
        "Initiatiefnemer(Omgevingsloket)", "DSO landelijkevoorzieningen (mock)", "VTH-systeem GemeenteDrimmelen",
    ]  # fmt: skip


@pytest.mark.parametrize(("n", "tekst"), [(0, "0 B"), (1023, "1023 B"), (1024, "1.0 kB"), (3 * 1024 * 1024, "3.0 MB")])
def test_sizes_as_people_read_them(n: int, tekst: str) -> None:
    assert grootte(n) == tekst


@pytest.mark.keten_fouten(Fouten(vth={"00000001001719001000": VthFouten(bevestigt_niet=True)}))
def test_a_scenario_that_stops_at_the_vth_shows_it_in_red(keten: Keten, casus: Callable[[str], Casus]) -> None:
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, casus("kappen-boom-vergunningplicht"))

    svg = volgordediagram(keten.omgeving.trace.regels, info.value)

    berichten = _berichten(svg)
    assert len(berichten) == len(keten.omgeving.trace.regels)
    gestopt = [g for g in berichten if g.find(f"{SVG}circle[@class='gestopt']") is not None]
    assert len(gestopt) == 1 and "ebMS2-bericht" in _tekst(gestopt[0])
    # the harness asked DSO-LV's mock whether the notification was acknowledged: that exchange is drawn too, but
    # the verzoek did not stop there
    from chain_tests.trace import INSPECTIE

    gevraagd = [r for r in keten.omgeving.trace.regels if r.van == INSPECTIE]
    assert gevraagd and all("bezorging" in r.soort for r in gevraagd)
    assert any("inspectie bezorging" in _tekst(g) for g in berichten)


@pytest.mark.keten_fouten(Fouten(vth={"00000001001719001000": VthFouten(laat_bijlage_vallen=True)}))
def test_the_dot_sits_on_the_zaak_query_where_an_incomplete_zaak_was_seen(
    keten: Keten, casus: Callable[[str], Casus]
) -> None:
    """KB-ZAAK-ONVOLLEDIG is seen in the harness's query of the zaak: that exchange is in the trace and carries the
    dot, not the last (successful) bijlage download before it."""
    from chain_tests.reporting.diagram import stoppunt
    from chain_tests.trace import CONTROLE

    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, casus("kappen-boom-vergunningplicht"))
    regels = keten.omgeving.trace.regels
    stop = next(r for r in regels if r.volgnummer == stoppunt(regels, info.value))
    assert info.value.code == "KB-ZAAK-ONVOLLEDIG"
    assert (stop.van, stop.naar, stop.soort) == (CONTROLE, "VTH-systeem Gemeente Drimmelen", "zaak opvragen")


def test_many_lanes_make_narrower_lanes_not_a_wider_picture() -> None:
    """The report shows a diagram about 840 px wide: with the plan keten's many lanes the picture stays near that
    width (its text near its size on screen), and the plan author stands first, as in the chain."""
    from chain_tests.reporting.diagram import BAAN, MAX_BREEDTE, MIN_BAAN, baanbreedte, partijen
    from chain_tests.trace import TraceRegel

    assert baanbreedte(3) == BAAN and baanbreedte(8) * 8 <= MAX_BREEDTE and baanbreedte(40) == MIN_BAAN
    nu = __import__("datetime").datetime(2026, 1, 1)
    regels = [
        TraceRegel(1, nu, "Plansoftware", "LVBB", "x", "POST", "/", 202, {}, 0, 0),
        TraceRegel(2, nu, "Planauteur Gemeente Drimmelen", "Plansoftware", "x", "POST", "/", 202, {}, 0, 0),
    ]
    assert partijen(regels)[0] == "Planauteur Gemeente Drimmelen"


def test_the_plan_keten_is_drawn_per_phase_each_with_its_own_lanes(plan_casus: Callable[[str], Casus]) -> None:
    """Iteratie 3 crosses 13 lanes: one picture per phase of the werkplaats, each narrower than the report shows
    it, together every message once."""
    from chain_tests.offline import OfflineKeten
    from chain_tests.reporting.diagram import MAX_BREEDTE, volgordediagrammen

    omgeving = OfflineKeten()
    speel_casus(Keten(omgeving), plan_casus("plan-kappen-boom-made"))
    regels = omgeving.trace.regels
    omgeving.sluit()
    delen = volgordediagrammen(regels)
    assert [naam.split(":")[0] for naam, _ in delen] == ["stap 1–4", "stap 5–7", "stap 8–11"]
    breedtes = [float(etree.fromstring(svg.encode()).get("width") or 0) for _, svg in delen]
    assert all(b <= MAX_BREEDTE for b in breedtes), breedtes
    assert sum(len(_berichten(svg)) for _, svg in delen) == len(regels)
