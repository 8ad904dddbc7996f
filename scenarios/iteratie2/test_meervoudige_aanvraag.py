"""Iteratie 2 – meervoudige aanvraag: gesplitst per bevoegd gezag, met en zonder bijlagen, groot, en
bevinding 1 van de werkplaats (stil verlies) (stap 8–9)."""

from __future__ import annotations

import allure
import pytest

from chain_tests import Fouten, Keten, KetenBevinding, LoketFouten, speel_casus
from chain_tests.variabelen import GROOT_BYTES, lees
from scenarios.iteratie2._hulp import casus, groot_meervoudig

pytestmark = [
    pytest.mark.iteratie2,
    *(getattr(pytest.mark, f"stap{n}") for n in (5, 6, 7, 8, 9)),
    pytest.mark.stap8a,
    pytest.mark.stap8b,
]
#: Total size of the "large" aanvraag in the scenario; the benchmark (bench/meervoudig_bench.py) uses 1 GiB.
GROOT = int(lees(GROOT_BYTES) or 48 * 1024 * 1024)


@allure.feature("Omgevingsloket → meerdere bevoegde gezagen")
@allure.title("Meervoudige aanvraag met bijlagen: één verzoek per bevoegd gezag, elk met alleen zijn eigen deel")
def test_meervoudige_aanvraag_met_bijlagen(keten: Keten) -> None:
    uitkomst = speel_casus(keten, casus("meervoudig-met-bijlagen"))

    drimmelen, waterschap = (
        keten.config.organisatie("Drimmelen"),
        keten.config.organisatie("Waterschap Brabantse Delta"),
    )
    assert uitkomst.indiening is not None and set(uitkomst.indiening.verzoeknummers) == {drimmelen.oin, waterschap.oin}
    gemeente, ws = uitkomst.zaken[drimmelen.oin], uitkomst.zaken[waterschap.oin]
    assert gemeente.project_id == ws.project_id == uitkomst.indiening.project_id
    assert len(gemeente.activiteiten) == 2 and len(gemeente.bijlagen) == 4
    assert ws.activiteiten == ["nl.imow-ws0655.activiteit.BeschermingszoneWaterkering"]
    assert [b.bestandsnaam for b in ws.bijlagen] == ["dwarsprofiel.pdf"]


@allure.feature("Omgevingsloket → meerdere bevoegde gezagen")
@allure.title("Meervoudige aanvraag zonder bijlagen: beide zaken compleet, zonder documenten")
def test_meervoudige_aanvraag_zonder_bijlagen(keten: Keten) -> None:
    uitkomst = speel_casus(keten, casus("meervoudig-zonder-bijlagen"))

    assert len(uitkomst.zaken) == 2
    assert all(z.bijlagen == [] for z in uitkomst.zaken.values())


@allure.feature("Omgevingsloket → meerdere bevoegde gezagen")
@allure.title(
    "Grote meervoudige aanvraag: acht activiteiten, 32 bijlagen, alles komt gestreamd en heel aan (checksums)"
)
def test_grote_meervoudige_aanvraag_komt_heel_aan(keten: Keten) -> None:
    uitkomst = speel_casus(keten, groot_meervoudig(GROOT))

    totaal = sum(b.bestandsgrootte for z in uitkomst.zaken.values() for b in z.bijlagen)
    assert totaal >= GROOT - 64 and sum(len(z.bijlagen) for z in uitkomst.zaken.values()) == 8 * 4
    assert sum(len(z.activiteiten) for z in uitkomst.zaken.values()) == 8


@allure.feature("Bevinding 1: aanvraag met meerdere activiteiten en grote bestanden")
@allure.title("Stil verlies: een verloren grote meervoudige aanvraag zonder melding aan de aanvrager wordt gemeld")
@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(verliest_groot_vanaf=10 * 1024 * 1024)))
def test_stil_verlies_wordt_gemeld(keten: Keten) -> None:

    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, casus("meervoudig-met-bijlagen"))

    b = info.value
    assert (b.code, b.stap) == ("KB-STIL-VERLOREN", 9)
    assert "geen melding aan de aanvrager" in b.gezien and b.verzoeknummer
    allure.attach(str(b), name="Gemelde bevinding", attachment_type=allure.attachment_type.TEXT)


@allure.feature("Bevinding 1: aanvraag met meerdere activiteiten en grote bestanden")
@allure.title("Verlies mét melding aan de aanvrager: de harness meldt het verlies en toont de melding")
@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(verliest_groot_vanaf=10 * 1024 * 1024, meldt_verlies=True)))
def test_verlies_met_melding_aan_aanvrager(keten: Keten) -> None:

    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, casus("meervoudig-met-bijlagen"))

    assert info.value.code == "KB-NIET-BEZORGD-GEMELD"
    assert "kon niet worden verwerkt" in info.value.gezien
