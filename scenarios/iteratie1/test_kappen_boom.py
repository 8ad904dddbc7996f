"""Iteratie 1 – kappen van een boom: regels publiceren, vergunningcheck, indienen, aankomst in het VTH.

Each scenario plays a casus file from scenarios/casussen/iteratie1/ and then checks what is specific
to its path, from the keten's trace and outcome.
"""

from __future__ import annotations

from pathlib import Path

import allure
import pytest

from chain_tests import Keten, laad_casus, speel_casus

CASUSSEN = Path(__file__).parents[1] / "casussen" / "iteratie1"
pytestmark = [
    pytest.mark.iteratie1,
    pytest.mark.stap5,
    pytest.mark.stap6,
    pytest.mark.stap7,
    pytest.mark.stap8,
    pytest.mark.stap8a,
]


def soorten(keten: Keten) -> list[str]:
    return [r.soort for r in keten.omgeving.trace.regels]


@allure.feature("Omgevingsloket → Digikoppeling → VTH-systeem")
@allure.title("Kappen van een boom – vergunningplicht: de aanvraag komt compleet aan in het VTH-systeem")
@pytest.mark.stap9
@pytest.mark.stap8b
def test_vergunningplicht_komt_aan_in_vth(keten: Keten) -> None:
    uitkomst = speel_casus(keten, laad_casus(CASUSSEN / "kappen-boom-vergunningplicht.yaml"))

    assert uitkomst.zaak is not None and uitkomst.indiening is not None
    assert len(uitkomst.zaak.bijlagen) == 2
    ebms = [r for r in keten.omgeving.trace.regels if r.soort == "ebMS2-bericht" and "DSO" in r.van + r.naar]
    assert [r.ids.get("Action") for r in ebms] == ["Verzoeknotificatie", "Acknowledgment"]
    assert ebms[1].ids["RefToMessageId"] == ebms[0].ids["MessageId"]
    assert soorten(keten).count("bijlage ophalen") == 2


@allure.feature("Omgevingsloket (vergunningcheck)")
@allure.title("Kappen van een boom – toestemmingsvrij: geen vergunning nodig, de keten stopt na de vergunningcheck")
def test_toestemmingsvrij_stopt_na_vergunningcheck(keten: Keten) -> None:
    uitkomst = speel_casus(keten, laad_casus(CASUSSEN / "kappen-boom-toestemmingsvrij.yaml"))

    assert uitkomst.conclusie.conclusie == "Toestemmingsvrij"
    assert uitkomst.indiening is None
    assert "verzoek indienen" not in soorten(keten)


@allure.feature("Omgevingsloket (indienen)")
@allure.title("Kappen van een boom – verplichte bijlage ontbreekt: indienen geweigerd met een Nederlandse melding")
@pytest.mark.stap8b
def test_ontbrekende_bijlage_wordt_geweigerd(keten: Keten) -> None:
    uitkomst = speel_casus(keten, laad_casus(CASUSSEN / "kappen-boom-bijlage-ontbreekt.yaml"))

    assert uitkomst.weigering is not None
    assert uitkomst.weigering.meldingen == [
        ("IV-BIJLAGE", "Kappen van een boom: bijlage 'Situatietekening kappen' ontbreekt.")
    ]
    assert "ebMS2-bericht" not in soorten(keten)


@allure.feature("RTR → Omgevingsloket → VTH-systeem")
@allure.title("Lelystad – echte STTR-bestanden: gepubliceerd, gecheckt, ingediend en aangekomen")
@pytest.mark.stap9
@pytest.mark.stap8b
def test_lelystad_echte_regels(keten: Keten) -> None:
    uitkomst = speel_casus(keten, laad_casus(CASUSSEN / "lelystad-boom-kappen.yaml"))

    assert uitkomst.conclusie.conclusie == "Vergunningplicht"
    assert uitkomst.zaak is not None
    assert uitkomst.zaak.bevoegd_gezag == "00000001005024249000"
    assert {b.bestandsnaam for b in uitkomst.zaak.bijlagen} == {
        "situatietekening-kappen.pdf",
        "gegevens-houtopstanden.pdf",
    }


@allure.feature("Omgevingsloket → Digikoppeling → VTH-systeem")
@allure.title("Kappen van een boom – meldingsplicht: het verzoek is een Melding, ook in het VTH-systeem")
@pytest.mark.stap9
@pytest.mark.stap8b
def test_meldingsplicht_komt_aan_als_melding(keten: Keten) -> None:
    uitkomst = speel_casus(keten, laad_casus(CASUSSEN / "kappen-boom-meldingsplicht.yaml"))

    assert uitkomst.conclusie.conclusie == "Meldingsplicht"
    assert uitkomst.indiening is not None and uitkomst.indiening.aanvraag.verzoektype == "Melding"
    assert uitkomst.zaak is not None and uitkomst.zaak.verzoektype == "Melding"
    stam = next(r.antwoord for r in keten.omgeving.trace.regels if r.soort == "STAM-verzoek ophalen")
    assert stam is not None and b"<stam:type>Melding</stam:type>" in stam
