"""OZON's own rules on a delivery, called directly on the packages of the iteratie-3 casussen built to break
them: each code alone, with what it refers to in its text (OZON0082, OZON0103, OZON0124, OZON0066,
GEOMETRY.03.1/03.2)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from chain_tests.casus import Casus
from chain_tests.standards import ow, owgraaf
from chain_tests.standards.aanlevering import bouw_pakket
from mocks.dso_lv import ozonregels
from mocks.dso_lv.ozon import _geometrie, _gml, _gmls, _verwijzingen
from tests.bouwstenen import DRIMMELEN, PLANSOFTWARE


def _bestanden(plan_casus: Callable[[str], Casus], naam: str) -> dict[str, bytes]:
    fragment = plan_casus(naam).plan
    assert fragment is not None
    return bouw_pakket(
        fragment, soort="validatie", id_levering="ozon_test", bevoegd_gezag=DRIMMELEN, gemeente="Gemeente Drimmelen",
        aanleveraar=PLANSOFTWARE, datum_bekendmaking=dt.date(2026, 1, 7),
    ).bestanden  # fmt: skip


#: what OZON holds before any plan: the national activity a gemeente's activities hang under
RIJK = {ow.ACT_IN_OMGEVINGSPLAN}


def _regels(bestanden: dict[str, bytes], bekend: set[str] = RIJK) -> list[tuple[str, str]]:
    lev, (geos, soorten) = ow.lees_ow(bestanden), _gmls(bestanden)
    meldingen = [
        *ozonregels.bestaan(owgraaf.lees(bestanden), bekend),
        *_verwijzingen(lev, geos, soorten),
        *_geometrie(lev, geos),
    ]
    return [(m.code, m.beschrijving) for m in meldingen]


def test_the_happy_plan_breaks_no_rule(plan_casus: Callable[[str], Casus]) -> None:
    assert _regels(_bestanden(plan_casus, "plan-kappen-boom-made")) == []


@pytest.mark.parametrize(
    ("casus", "code"),
    [("ozon0082-bovenliggende-activiteit-bestaat-niet", "OZON0082"), ("ozon0103-geen-regelingsgebied", "OZON0103"),
     ("ozon0124-regelingsgebied-verwijst-naar-onbekende-locatie", "OZON0124"),
     ("geometry0302-zelfdoorsnijdende-polygoon", "GEOMETRY.03.2")],
)  # fmt: skip
def test_each_casus_breaks_its_own_rule_alone(plan_casus: Callable[[str], Casus], casus: str, code: str) -> None:
    regels = _regels(_bestanden(plan_casus, casus))
    assert regels and {c for c, _ in regels} == {code}, regels


def test_the_texts_name_what_is_referred_to(plan_casus: Callable[[str], Casus]) -> None:
    ((_, bovenliggend),) = _regels(_bestanden(plan_casus, "ozon0082-bovenliggende-activiteit-bestaat-niet"))
    assert "via bovenliggendeActiviteit naar nl.imow-gm1719.activiteit." in bovenliggend
    ((_, geen),) = _regels(_bestanden(plan_casus, "ozon0103-geen-regelingsgebied"))
    assert "0 Regelingsgebieden aangeleverd" in geen
    ((_, verwijzing),) = _regels(_bestanden(plan_casus, "ozon0124-regelingsgebied-verwijst-naar-onbekende-locatie"))
    assert verwijzing.endswith(
        "(nl.imow-gm1719.regelingsgebied.BomenMade verwijst via locatieaanduiding naar nl.imow-gm1719.gebied.Onbekend,"
        " dat niet bestaat)"
    )


def test_a_reference_ozon_already_holds_is_no_error(plan_casus: Callable[[str], Casus]) -> None:
    bestanden = _bestanden(plan_casus, "ozon0082-bovenliggende-activiteit-bestaat-niet")
    lev = ow.lees_ow(bestanden)
    ontbrekend = {a.bovenliggend for a in lev.activiteiten.values() if a.bovenliggend not in lev.ids()}
    assert ontbrekend and _regels(bestanden, bekend=RIJK | ontbrekend) == []
    assert [c for c, _ in _regels(bestanden, bekend=set())] == ["OZON0082", "OZON0082"]  # nor the Rijk's known


def test_two_regelingsgebieden_and_a_gebied_without_gml_are_named(plan_casus: Callable[[str], Casus]) -> None:
    """A Gebied whose geometry is neither delivered nor held by OZON is OZON0066; one OZON holds is fine; a
    delivered Geometrie without a shape is GEOMETRY.03.1."""
    bestanden = _bestanden(plan_casus, "plan-kappen-boom-made")
    lev, (geos, soorten) = ow.lees_ow(bestanden), _gmls(bestanden)
    (rg,) = lev.regelingsgebieden.values()
    lev.regelingsgebieden["tweede"] = rg
    gebied = next(iter(lev.gebieden.values()))
    codes = [m.code for m in _verwijzingen(lev, {}, {})]
    assert codes.count("OZON0103") == 1 and "OZON0066" in codes
    teksten = [m.beschrijving for m in _verwijzingen(lev, {}, {}) if m.code == "OZON0066"]
    assert any(gebied.id in t and gebied.geometrie in t for t in teksten)
    assert "2 Regelingsgebieden aangeleverd" in next(m.beschrijving for m in _verwijzingen(lev, geos, soorten)
                                                     if m.code == "OZON0103")  # fmt: skip
    del lev.regelingsgebieden["tweede"]
    assert _verwijzingen(lev, {}, {}, bekend={g.geometrie for g in lev.gebieden.values()}) == []
    leeg = [m for m in _verwijzingen(lev, geos, {}) if m.code == "GEOMETRY.03.1"]
    assert len(leeg) == len(lev.gebieden) and gebied.geometrie in leeg[0].beschrijving
    assert [m for m in _verwijzingen(lev, geos, soorten)] == []


@pytest.mark.parametrize("operatie", ["OZON_DOORLEVERING", "OZON_VALIDEREN"])
@pytest.mark.parametrize("oin", [DRIMMELEN, PLANSOFTWARE, None], ids=["gemeente", "plansoftware", "geen"])
def test_only_the_lvbb_delivers_to_ozon(plan_casus: Callable[[str], Casus], operatie: str, oin: str | None) -> None:
    """A gemeente, a plansoftware or a caller without certificate that posts a package to OZON is refused (403,
    OZON-403) and OZON takes nothing; the LVBB's own delivery is taken."""
    from chain_tests.offline import OfflineKeten
    from chain_tests.standards import lvbb, operaties

    omgeving = OfflineKeten()
    try:
        op = getattr(operaties, operatie)
        pakket = lvbb.pak_in(_bestanden(plan_casus, "plan-kappen-boom-made"))
        dso = omgeving.config.dso_lv.base_url
        r = omgeving.client("indringer", oin, dso).request(op.methode, op.pad, content=pakket)
        assert r.status_code == 403 and ("OZON-403" in r.text or (oin is None and "MOCK-MTLS" in r.text))
        ozon = omgeving.mocks.dso.ozon
        assert ozon.ontvangen == [] and ozon.publicaties == {}
        lvbb_oin = omgeving.config.lvbb.oin
        r = omgeving.client("LVBB", lvbb_oin, dso).request(op.methode, op.pad, content=pakket)
        assert r.status_code in (200, 202)
    finally:
        omgeving.sluit()


def _ozon_met_plan(plan_casus: Callable[[str], Casus], zichtbaar_over: float = -1.0) -> Any:
    """OZON holding the happy plan, visible ``zichtbaar_over`` seconds from now (negative: already visible)."""
    from chain_tests.config import Tijden
    from chain_tests.klok import Systeemklok
    from mocks.dso_lv.ozon import OzonMock, Publicatie

    bestanden = _bestanden(plan_casus, "plan-kappen-boom-made")
    ozon = OzonMock(Systeemklok(), Tijden(), "lvbb", rtr_client=lambda: None)  # type: ignore[arg-type,return-value]
    nu = ozon.klok.nu()
    ozon.publicaties["regeling"] = Publicatie(
        "regeling", DRIMMELEN, nu.isoformat(), ow.lees_ow(bestanden), _gml(bestanden),
        nu + dt.timedelta(seconds=zichtbaar_over),
    )  # fmt: skip
    return ozon


def test_the_werkingsgebied_of_an_activity_is_where_its_rules_apply(plan_casus: Callable[[str], Casus]) -> None:
    ozon = _ozon_met_plan(plan_casus)
    lev = ozon.publicaties["regeling"].ow
    activiteit = next(iter(lev.activiteiten))
    verwacht = sorted({loc for r in lev.regels.values() for a in r.activiteiten if a.activiteit == activiteit
                       for loc in a.locaties})  # fmt: skip
    assert verwacht and ozon.werkingsgebied(activiteit) == verwacht
    # a rule about another activity, elsewhere, is no part of this activity's werkingsgebied
    regel = next(iter(lev.regels.values()))
    ander = ow.ActiviteitAanduiding(
        "aanduiding.ander", "nl.imow-gm1719.activiteit.Ander", "Vergunningplicht", ("nl.imow-gm1719.gebied.Ander",)
    )
    lev.regels["regel.ander"] = dataclasses.replace(regel, id="regel.ander", activiteiten=(ander,))
    lev.activiteiten["nl.imow-gm1719.activiteit.Ander"] = next(iter(lev.activiteiten.values()))
    assert ozon.werkingsgebied(activiteit) == verwacht
    assert ozon.werkingsgebied("nl.imow-gm1719.activiteit.Ander") == ["nl.imow-gm1719.gebied.Ander"]
    assert ozon.werkingsgebied("nl.imow-gm1719.activiteit.Onbekend") is None
    assert all(ozon.kent_locatie(loc) for loc in verwacht) and not ozon.kent_locatie("nl.imow-gm1719.gebied.X")


def test_a_plan_not_yet_visible_is_not_known(plan_casus: Callable[[str], Casus]) -> None:
    ozon = _ozon_met_plan(plan_casus, zichtbaar_over=3600)
    activiteit = next(iter(ozon.publicaties["regeling"].ow.activiteiten))
    assert ozon.werkingsgebied(activiteit) is None and ozon.heeft_plan(DRIMMELEN)


def test_a_self_intersecting_polygon_is_named_with_its_gebied_and_the_reason(
    plan_casus: Callable[[str], Casus],
) -> None:
    from chain_tests.standards import geometrie

    bestanden = _bestanden(plan_casus, "geometry0302-zelfdoorsnijdende-polygoon")
    lev, geos = ow.lees_ow(bestanden), _gml(bestanden)
    (m,) = _geometrie(lev, geos)
    (g,) = lev.gebieden.values()
    reden = geometrie.ongeldig(geos[g.geometrie][0])
    assert reden and m.beschrijving.endswith(f"({g.id}: {reden})")
