"""Self-tests of the plan keten (iteratie 3): every check of stap 1–4, and of the toepasbare regels against
the plan, fails against a faulty mock (or a faulty rule file), naming the stap and the party at fault."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from chain_tests import Fouten, LvbbFouten, OzonFouten, Verbindingsfout
from chain_tests.casus import Casus
from chain_tests.errors import KetenBevinding
from chain_tests.keten import Keten, Plan
from chain_tests.scenario import speel_casus
from chain_tests.standards.api import Melding
from tests.bouwstenen import LVBB, PLANSOFTWARE
from tests.catalogus import zoals_in_catalogus

HAPPY = "plan-kappen-boom-made"


def bevinding(keten: Keten, casus: Casus) -> KetenBevinding:
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, casus)
    return zoals_in_catalogus(info.value)


@pytest.mark.keten_fouten(Fouten(lvbb=LvbbFouten(antwoordt_niet=True)))
def test_lvbb_that_never_answers_is_reported(keten: Keten, plan_casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, plan_casus(HAPPY))
    assert (b.code, b.stap, b.partij) == ("KB-LVBB-GEEN-ANTWOORD", 2, "LVBB")
    assert "de LVBB ontving de levering maar stuurde geen eindverslag" in b.gezien
    assert "ketentest_val_plan-kappen-boom-made_" in b.verwacht


@pytest.mark.keten_fouten(Fouten(verbindingen=[Verbindingsfout(van=PLANSOFTWARE, naar=LVBB, aantal=99)]))
def test_plansoftware_that_cannot_reach_the_lvbb_is_reported_on_that_hop(
    keten: Keten, plan_casus: Callable[[str], Casus]
) -> None:
    b = bevinding(keten, plan_casus(HAPPY))
    assert (b.code, b.stap, b.partij) == ("KB-LVBB-GEEN-ANTWOORD", 2, "Plansoftware → LVBB (Digikoppeling)")
    assert "de LVBB ontving levering" in b.gezien and "niet (verzending mislukt: verbindingsfout" in b.gezien


@pytest.mark.keten_fouten(Fouten(verbindingen=[Verbindingsfout(van=LVBB, naar=PLANSOFTWARE, aantal=99)]))
def test_verslag_that_never_reaches_the_plansoftware_is_reported_on_that_hop(
    keten: Keten, plan_casus: Callable[[str], Casus]
) -> None:
    b = bevinding(keten, plan_casus(HAPPY))
    assert (b.code, b.stap, b.partij) == ("KB-LVBB-GEEN-ANTWOORD", 2, "LVBB → Plansoftware (Digikoppeling)")
    assert "['valide']" in b.gezien and "bezorging mislukt" in b.gezien


@pytest.mark.keten_fouten(Fouten(lvbb=LvbbFouten(keurt_af=True)))
def test_lvbb_that_refuses_a_valid_package_is_reported(keten: Keten, plan_casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, plan_casus(HAPPY))
    assert (b.code, b.stap, b.partij) == ("KB-LVBB-NIET-VALIDE", 2, "LVBB")
    assert b.gezien.startswith("niet-valide: LVBB3504: ")


@pytest.mark.keten_fouten(Fouten(lvbb=LvbbFouten(valideert_niet=True)))
def test_lvbb_that_accepts_a_wrong_package_is_reported(keten: Keten, plan_casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, plan_casus("lvbb1501-datum-bekendmaking-verleden"))
    assert (b.code, b.stap, b.partij) == ("KB-LVBB-MELDING", 2, "LVBB")
    assert "LVBB1501" in b.verwacht and b.gezien == "valide: geen foutmeldingen"


@pytest.mark.keten_fouten(Fouten(lvbb=LvbbFouten(slaat_voortgang_over=True)))
def test_publication_that_skips_registratie_voltooid_is_reported(
    keten: Keten, plan_casus: Callable[[str], Casus]
) -> None:
    b = bevinding(keten, plan_casus(HAPPY))
    assert (b.code, b.stap, b.partij) == ("KB-LVBB-VOORTGANG", 3, "LVBB")
    assert b.gezien == "validatie-voltooid → gepubliceerd"


@pytest.mark.keten_fouten(Fouten(lvbb=LvbbFouten(levert_niet_door=True)))
def test_publication_that_never_reaches_ozon_blames_the_lvbb(keten: Keten, plan_casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, plan_casus(HAPPY))
    assert (b.code, b.stap, b.partij) == ("KB-OZON-ONTBREEKT", 4, "LVBB (doorlevering naar OZON)")
    assert "de LVBB leverde niet door (geen poging)" in b.gezien


@pytest.mark.keten_fouten(Fouten(ozon=OzonFouten(vergeet_publicatie=True)))
def test_publication_that_ozon_loses_blames_ozon(keten: Keten, plan_casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, plan_casus(HAPPY))
    assert (b.code, b.stap, b.partij) == ("KB-OZON-ONTBREEKT", 4, "OZON")
    assert "niet in OZON" in b.gezien and "leverde niet door" not in b.gezien


@pytest.mark.keten_fouten(Fouten(ozon=OzonFouten(vergeet_regels=True)))
def test_ozon_showing_an_activity_without_its_rule_is_reported(
    keten: Keten, plan_casus: Callable[[str], Casus]
) -> None:
    b = bevinding(keten, plan_casus(HAPPY))
    assert (b.code, b.stap, b.partij) == ("KB-OZON-ONTBREEKT", 4, "OZON")
    assert b.samenvatting == "OZON toont niet wat is gepubliceerd"
    assert b.gezien == (
        "activiteit nl.imow-gm1719.activiteit.KappenBoomMade: geen regel met "
        "Vergunningplicht op nl.imow-gm1719.gebied.BomenMade"
    )


@pytest.mark.keten_fouten(Fouten(ozon=OzonFouten(verschuift_geometrie=True)))
def test_ozon_showing_other_geometry_is_reported(keten: Keten, plan_casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, plan_casus(HAPPY))
    assert (b.code, b.stap, b.partij) == ("KB-OZON-GEOMETRIE", 4, "OZON")
    assert "(4000000 m²)" in b.verwacht and "m² verschil" in b.gezien


@pytest.mark.keten_fouten(Fouten(ozon=OzonFouten(synchroniseert_niet=True)))
def test_activity_that_never_reaches_the_functionele_structuur_is_reported(
    keten: Keten, plan_casus: Callable[[str], Casus]
) -> None:
    begin: list[dt.datetime] = []
    controleer = keten.controleer_functionele_structuur

    def gemeten(plan: Plan) -> None:
        begin.append(keten.omgeving.nu())
        controleer(plan)

    keten.controleer_functionele_structuur = gemeten  # type: ignore[method-assign]
    b = bevinding(keten, plan_casus(HAPPY))
    assert (b.code, b.stap) == ("KB-FUNCTIONELE-STRUCTUUR", 4)
    assert "functionele structuur" in b.partij and "KappenBoomMade" in b.verwacht
    gewacht = (keten.omgeving.nu() - begin[0]).total_seconds()  # the manual clock: what "na 300 s" claims
    assert b.gezien == "niet gevonden na 300 s (OZON toont haar wel)" and 300 <= gewacht <= 302, gewacht


def test_sttr_referring_to_a_locatie_outside_the_plan_is_reported(
    keten: Keten, plan_casus: Callable[[str], Casus]
) -> None:
    casus = plan_casus(HAPPY)
    assert casus.regels is not None and casus.regels.vragenboom is not None
    casus.regels.vragenboom.conclusie.vragen[0].locatie = "nl.imow-gm1719.gebied.ElderS"
    b = bevinding(keten, casus)
    assert (b.code, b.stap, b.partij) == ("KB-STTR-LOCATIE", 6, "Regelsoftware")
    assert b.gezien == "nl.imow-gm1719.gebied.ElderS"


def test_every_locatie_outside_the_plan_is_named(keten: Keten, plan_casus: Callable[[str], Casus]) -> None:
    casus = plan_casus(HAPPY)
    assert casus.regels is not None and casus.regels.vragenboom is not None
    vragen = casus.regels.vragenboom.conclusie.vragen
    tweede = vragen[0].model_copy(update={"id": vragen[0].id + "-2", "locatie": "nl.imow-gm1719.gebied.Anders"})
    vragen[0].locatie = "nl.imow-gm1719.gebied.ElderS"
    vragen.append(tweede)
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, casus)
    assert (info.value.code, info.value.gezien) == (
        "KB-STTR-LOCATIE",
        "nl.imow-gm1719.gebied.Anders, nl.imow-gm1719.gebied.ElderS",
    )


def test_conclusion_contradicting_the_plans_kwalificatie_is_reported(
    keten: Keten, plan_casus: Callable[[str], Casus]
) -> None:
    casus = plan_casus(HAPPY)
    assert casus.plan is not None
    casus.plan.activiteiten[0].regel.kwalificatie = "Meldingsplicht"
    b = bevinding(keten, casus)
    assert (b.code, b.stap, b.partij) == ("KB-KWALIFICATIE", 6, "Regelsoftware")
    assert "Meldingsplicht" in b.verwacht and "Vergunningplicht" in b.gezien


def test_iteratie3_makes_no_activity_out_of_thin_air(keten: Keten, plan_casus: Callable[[str], Casus]) -> None:
    """Once Drimmelen has a plan, an activity that is not in it cannot be made toepasbaar (RTR-FS-ONBEKEND)."""
    speel_casus(keten, plan_casus("plan-kappen-boom-buiten-werkingsgebied"))
    drimmelen = keten.config.organisatie("Drimmelen")
    with pytest.raises(KetenBevinding) as info:
        keten.maak_activiteit_toepasbaar(drimmelen, "nl.imow-gm1719.activiteit.NietInHetPlan", "Niet in het plan")
    zoals_in_catalogus(info.value)
    assert info.value.code == "KB-RTR-TOEPASBAAR" and "RTR-FS-ONBEKEND" in info.value.gezien


@pytest.mark.keten_fouten(Fouten(lvbb=LvbbFouten(publiceert_niet=True)))
def test_publication_that_stops_after_its_progress_names_the_progress_seen(
    keten: Keten, plan_casus: Callable[[str], Casus]
) -> None:
    b = bevinding(keten, plan_casus(HAPPY))
    assert (b.code, b.stap, b.partij) == ("KB-LVBB-GEEN-ANTWOORD", 3, "LVBB")
    assert b.gezien == (
        "de LVBB ontving de levering maar stuurde geen eindverslag (wel: validatie-voltooid, registratie-voltooid)"
    )


def test_against_real_systems_a_missing_verslag_is_named_without_inspection(
    plan_casus: Callable[[str], Casus],
) -> None:
    """Against a real LVBB there is no /_ketentest/ inspection: what the plansoftware saw still names the LVBB."""
    from chain_tests.offline import OfflineKeten

    omgeving = OfflineKeten(fouten=Fouten(lvbb=LvbbFouten(publiceert_niet=True)))
    omgeving.inspectie = lambda: None  # type: ignore[method-assign]
    try:
        b = bevinding(Keten(omgeving), plan_casus(HAPPY))
    finally:
        omgeving.sluit()
    assert (b.code, b.stap, b.partij) == ("KB-LVBB-GEEN-ANTWOORD", 3, "LVBB")
    assert b.gezien.endswith("(wel: validatie-voltooid, registratie-voltooid)")


def _geleverd(keten: Keten, casus: Casus, *soorten: str) -> Plan:
    """Stap 1 and the deliveries asked for, as speel_plan does them, without its checks."""
    from chain_tests.scenario import kenmerk

    assert casus.plan is not None
    plan = keten.stel_plan_op(keten.config.organisatie(casus.gemeente), casus.plan, kenmerk(casus))
    for soort in soorten:
        (keten.valideer_plan if soort == "validatie" else keten.publiceer_plan)(plan)
    return plan


@pytest.mark.keten_fouten(Fouten(lvbb=LvbbFouten(keurt_af=True)))
def test_a_refusal_with_other_codes_than_expected_is_reported_with_every_expected_code(
    keten: Keten, plan_casus: Callable[[str], Casus]
) -> None:
    plan = _geleverd(keten, plan_casus(HAPPY), "validatie")
    eind = plan.leveringen["validatie"].eind
    assert eind is not None
    eind.meldingen += [Melding(code="LVBB9", tekst="alleen ter info", ernst="informatie"), Melding(code="X", tekst="y")]
    with pytest.raises(KetenBevinding) as info:
        keten.controleer_levering(plan, "validatie", ["LVBB1501", "LVBB1502"])
    b = info.value
    assert (b.code, b.stap, b.partij) == ("KB-LVBB-MELDING", 2, "LVBB")
    assert b.verwacht == "uitkomst niet-valide of behandeling-afgebroken met LVBB1501, LVBB1502"
    assert b.gezien.startswith("niet-valide: LVBB3504: ") and b.gezien.endswith("; X: y")  # the errors only


def test_a_publication_that_succeeds_where_a_refusal_was_expected_is_reported_in_stap_3(
    keten: Keten, plan_casus: Callable[[str], Casus]
) -> None:
    plan = _geleverd(keten, plan_casus(HAPPY), "validatie", "publicatie")
    keten.controleer_levering(plan, "publicatie", [])
    with pytest.raises(KetenBevinding) as info:
        keten.controleer_levering(plan, "publicatie", ["LVBB1501"])
    b = info.value
    assert (b.code, b.stap, b.gezien) == ("KB-LVBB-MELDING", 3, "gepubliceerd: geen foutmeldingen")


def test_the_expected_code_with_a_valid_outcome_is_still_a_finding(
    keten: Keten, plan_casus: Callable[[str], Casus]
) -> None:
    """A melding with the expected code does not make up for an outcome that lets the wrong package through."""
    plan = _geleverd(keten, plan_casus(HAPPY), "validatie")
    eind = plan.leveringen["validatie"].eind
    assert eind is not None and eind.uitkomst == "valide"
    eind.meldingen.append(Melding(code="LVBB1501", ernst="fout", tekst="t"))
    with pytest.raises(KetenBevinding) as info:
        keten.controleer_levering(plan, "validatie", ["LVBB1501"])
    assert (info.value.code, info.value.gezien) == ("KB-LVBB-MELDING", "valide: LVBB1501: t")


@pytest.mark.keten_fouten(Fouten(lvbb=LvbbFouten(keurt_af=True)))
def test_a_valid_package_refused_without_meldingen_says_so(keten: Keten, plan_casus: Callable[[str], Casus]) -> None:
    plan = _geleverd(keten, plan_casus(HAPPY), "validatie")
    for v in plan.leveringen["validatie"].verslagen:
        v.meldingen.clear()
    with pytest.raises(KetenBevinding) as info:
        keten.controleer_levering(plan, "validatie", [])
    assert (info.value.code, info.value.gezien) == ("KB-LVBB-NIET-VALIDE", "niet-valide: geen foutmeldingen")


def test_the_plan_keten_waits_for_the_lvbb_and_ozon_until_the_plan_deadline_not_the_zaak_deadline(
    plan_casus: Callable[[str], Casus],
) -> None:
    """OZON shows a publication only after its synchronisation time; the plan keten waits up to
    Tijden.deadline_plan for it (and for the LVBB's verslagen), however short the deadline for a zaak."""
    from chain_tests.config import KetenConfig, Tijden
    from chain_tests.offline import OfflineKeten

    omgeving = OfflineKeten(KetenConfig(tijden=Tijden(deadline_zaak=0.5, ozon_vertraging=200, deadline_plan=300)))
    try:
        start = omgeving.klok.nu()
        plan = speel_casus(Keten(omgeving), plan_casus(HAPPY)).plan
        gewacht = (omgeving.klok.nu() - start).total_seconds()
    finally:
        omgeving.sluit()
    assert plan is not None and 200 <= gewacht < 300


def test_a_missing_verslag_of_a_delivery_the_plansoftware_does_not_know_is_named(
    keten: Keten, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = keten._geen_verslag("ketentest_val_onbekend", "validatie", 2, None)
    assert (b.partij, b.gezien) == (
        "Plansoftware → LVBB (Digikoppeling)",
        "de LVBB ontving levering ketentest_val_onbekend niet (verzending onbekend)",
    )
    monkeypatch.setattr(keten.omgeving, "inspectie", lambda: None)  # a real LVBB: nothing to ask
    b = keten._geen_verslag("ketentest_val_onbekend", "validatie", 2, None)
    assert (b.partij, b.gezien) == ("LVBB", "de LVBB ontving de levering maar stuurde geen eindverslag")


def test_a_publication_without_its_tijdstip_is_reported(keten: Keten, plan_casus: Callable[[str], Casus]) -> None:
    plan = _geleverd(keten, plan_casus(HAPPY), "validatie", "publicatie")
    eind = plan.leveringen["publicatie"].eind
    assert eind is not None and eind.tijdstip_publicatie
    eind.tijdstip_publicatie = None
    with pytest.raises(KetenBevinding) as info:
        keten.controleer_levering(plan, "publicatie", [])
    assert (info.value.code, info.value.gezien) == (
        "KB-LVBB-VOORTGANG",
        "validatie-voltooid → registratie-voltooid → gepubliceerd, zonder tijdstipPublicatie",
    )


class _Ozon:
    """What OZON shows, as told: ``locatie`` and the activities by id (an absent one is not shown)."""

    def __init__(self, locatie: object, activiteiten: dict[str, object]) -> None:
        self._locatie, self._activiteiten = locatie, activiteiten

    def locatie(self, identificatie: str) -> object:
        return self._locatie

    def activiteit(self, identificatie: str) -> object:
        return self._activiteiten.get(identificatie)


def test_every_ozon_shortfall_is_named(keten: Keten, plan_casus: Callable[[str], Casus]) -> None:
    """The locatie missing, an activity missing (and the next one still checked), and a rule with the right
    kwalificatie on another locatie: each its own tekort."""
    from chain_tests.keten.plan import PlanStappen
    from chain_tests.standards.planketen import OzonActiviteit, OzonRegelkwalificatie

    plan = speel_casus(keten, plan_casus(HAPPY)).plan
    assert plan is not None
    echt = plan.fragment.activiteiten[0]
    weg = echt.model_copy(update={"id": "nl.imow-gm1719.activiteit.Weg"})
    plan.fragment = plan.fragment.model_copy(update={"activiteiten": [weg, echt]})
    gebied = plan.fragment.werkingsgebied.id
    elders = OzonRegelkwalificatie(juridische_regel="r", kwalificatie=echt.regel.kwalificatie, locaties=["elders"])
    getoond = OzonActiviteit(
        identificatie=echt.id,
        naam="n",
        groep="g",
        bovenliggende_activiteit="b",
        bevoegd_gezag="x",
        regeling="w",
        regels=[elders],
    )
    tekorten = PlanStappen._ozon_tekorten(plan, _Ozon(None, {echt.id: getoond}))  # type: ignore[arg-type]
    assert tekorten == [
        f"locatie {gebied} ontbreekt",
        "activiteit nl.imow-gm1719.activiteit.Weg ontbreekt",
        f"activiteit {echt.id}: geen regel met {echt.regel.kwalificatie} op {gebied}",
    ]


def test_an_id_levering_from_a_long_casus_name_is_cut_to_80_characters_and_still_valid(
    keten: Keten, plan_casus: Callable[[str], Casus]
) -> None:
    """The LVBB's idLevering is at most 80 characters: a long kenmerk is cut, and the package stays valid."""
    casus = plan_casus(HAPPY)
    assert casus.plan is not None
    plan = keten.stel_plan_op(keten.config.organisatie(casus.gemeente), casus.plan, "k" * 100)
    assert [len(plan.id_levering[s]) for s in ("validatie", "publicatie")] == [80, 80]
    assert plan.id_levering["validatie"].startswith("ketentest_val_kkk")
    keten.valideer_plan(plan)
    keten.controleer_levering(plan, "validatie", [])


@pytest.mark.keten_fouten(Fouten(ozon=OzonFouten(vergeet_regels=True)))
def test_ozon_missing_both_the_locatie_and_a_rule_names_both(
    keten: Keten, plan_casus: Callable[[str], Casus], monkeypatch: pytest.MonkeyPatch
) -> None:
    from chain_tests.clients.plan import OzonClient

    monkeypatch.setattr(OzonClient, "locatie", lambda self, identificatie: None)
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, plan_casus(HAPPY))
    gebied = "nl.imow-gm1719.gebied.BomenMade"
    assert info.value.code == "KB-OZON-ONTBREEKT"
    assert info.value.gezien.startswith(f"locatie {gebied} ontbreekt; activiteit nl.imow-gm1719.activiteit.")
