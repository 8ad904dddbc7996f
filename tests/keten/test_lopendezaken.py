"""Self-tests of MijnOverheid Lopende Zaken (werkplaats finding 4): each check of what the citizen sees fails
against a faulty VTH, and the Lopende Zaken mock refuses what Logius would refuse."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from chain_tests import Fouten, VthFouten
from chain_tests.casus import Casus
from chain_tests.errors import KetenBevinding
from chain_tests.keten import Aanvraag, Keten
from chain_tests.offline import OfflineKeten
from chain_tests.scenario import speel_casus
from chain_tests.standards import api, lopendezaken
from chain_tests.standards.cpa import LOPENDE_ZAKEN
from chain_tests.standards.ebms import MimeDeel, ontleed
from tests.bouwstenen import DRIMMELEN, LELYSTAD, verpakt, volgens_cpa
from tests.catalogus import zoals_in_catalogus
from tests.conftest import Rapport

LZ_CPA = LOPENDE_ZAKEN[0]

VP = "kappen-boom-vergunningplicht"


def bevinding(keten: Keten, casus: Casus) -> KetenBevinding:
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, casus)
    return zoals_in_catalogus(info.value)


def _afhandelen(keten: Keten, casus: Casus) -> KetenBevinding:
    """Play the casus to a zaak, then in behandeling and afgehandeld; the Lopende Zaken check of all three."""
    uitkomst = speel_casus(keten, casus)
    assert uitkomst.zaak is not None and uitkomst.indiening is not None
    d = keten.config.organisatie("Drimmelen")
    zaak = keten.behandel_zaak(keten.behandel_zaak(uitkomst.zaak, d, "in behandeling"), d, "afgehandeld", "Verleend")
    with pytest.raises(KetenBevinding) as info:
        keten.controleer_lopende_zaken(
            zaak, uitkomst.indiening.aanvraag, d, ["Ontvangen", "In behandeling", "Afgehandeld (Verleend)"], eind=True
        )
    zoals_in_catalogus(info.value)
    return info.value


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(stuurt_geen_lopende_zaken=True)}))
def test_vth_that_never_tells_mijnoverheid_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, casus(VP))
    assert (b.code, b.stap, b.partij) == ("KB-LZ-ONTBREEKT", 9, "VTH-systeem Gemeente Drimmelen (Lopende Zaken)")
    assert (b.verwacht, b.gezien) == ("zaak ZAAK-00001 met de statussen Ontvangen", "niets")


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(verkeerde_bsn=True)}))
def test_zaakstatus_at_another_citizen_is_reported_without_showing_either_bsn(
    keten: Keten, casus: Callable[[str], Casus]
) -> None:
    b = bevinding(keten, casus(VP))
    assert (b.code, b.stap) == ("KB-LZ-BSN", 9)
    assert b.verwacht == "BSN ******019" and b.gezien.startswith("BSN ******") and b.gezien != b.verwacht
    assert "999990019" not in str(b)


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(statussen_door_elkaar=True)}))
def test_statuses_out_of_order_are_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = _afhandelen(keten, casus(VP))
    assert b.code == "KB-LZ-VOLGORDE"
    assert b.gezien.startswith("Ontvangen 20260105") and "In behandeling 20260104" in b.gezien


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(zonder_einddatum=True)}))
def test_final_status_without_einddatum_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = _afhandelen(keten, casus(VP))
    assert (b.code, b.verwacht, b.gezien) == (
        "KB-LZ-EINDDATUM",
        "einddatum bij 'Afgehandeld (Verleend)'",
        "geen einddatum",
    )


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(zonder_verwijzing=True)}))
def test_missing_zaakdossier_link_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, casus(VP))
    assert (b.code, b.verwacht, b.gezien) == (
        "KB-LZ-VERWIJZING",
        "https://mijn.drimmelen.ketentest.test/zaken/ZAAK-00001",
        "None",
    )


def _zaklk01(**anders: str) -> bytes:
    velden = {
        "zender": DRIMMELEN,
        "zender_applicatie": "test",
        "referentienummer": "r-1",
        "tijdstip_bericht": "20260105090000000",
        "zaak_id": "Z1",
        "omschrijving": "x",
        "startdatum": "20260105",
        "zaaktype_code": "X",
        "zaaktype_omschrijving": "X",
        "status": "Ontvangen",
        "datum_status_gezet": "20260105090000",
        "bsn": "999990019",
    } | anders
    return lopendezaken.zaklk01_xml(lopendezaken.Zaakstatus(**velden))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("inhoud", "van", "code"),
    [
        (_zaklk01(bsn="999990018"), DRIMMELEN, "LZ-BSN"),
        (_zaklk01(zender=LELYSTAD), DRIMMELEN, "LZ-ZENDER"),
        (_zaklk01(datum_status_gezet="gisteren"), DRIMMELEN, "LZ-SCHEMA"),
        (b"<geen/>", DRIMMELEN, "LZ-BERICHT"),
    ],
)
def test_lopende_zaken_refuses_what_logius_would_refuse(inhoud: bytes, van: str, code: str) -> None:
    keten = OfflineKeten()
    lz = keten.config.lopende_zaken
    bericht = volgens_cpa(LZ_CPA, van, lz.oin, lopendezaken.ACTION, [MimeDeel("z@t", "application/xml", inhoud)])
    headers, body = verpakt(bericht)
    with keten.client("VTH", van) as c:
        r = c.post(lz.base_url + api.EBMS, content=body, headers=headers)
    fouten = ontleed(r.headers["Content-Type"], r.content).fouten
    assert r.status_code == 400 and fouten[0][0] == "Inconsistent" and f"[{code}]" in fouten[0][1]
    assert keten.mocks.lopende_zaken.zaken == {}
    keten.sluit()


def test_a_referentienummer_is_used_once() -> None:
    keten = OfflineKeten()
    lz = keten.config.lopende_zaken
    antwoorden = []
    for message_id in ("m-1@t", "m-2@t"):  # two messages, one referentienummer
        deel = MimeDeel("z@t", "application/xml", _zaklk01())
        bericht = volgens_cpa(LZ_CPA, DRIMMELEN, lz.oin, lopendezaken.ACTION, [deel], message_id=message_id)
        headers, body = verpakt(bericht)
        with keten.client("VTH", DRIMMELEN) as c:
            antwoorden.append(c.post(lz.base_url + api.EBMS, content=body, headers=headers))
    assert antwoorden[0].status_code == 202 and antwoorden[1].status_code == 400
    assert "[LZ-REFERENTIE]" in antwoorden[1].text
    keten.sluit()


def _gespeeld(keten: Keten, casus: Casus) -> tuple[api.Zaak, Aanvraag]:
    uitkomst = speel_casus(keten, casus)
    assert uitkomst.zaak is not None and uitkomst.indiening is not None
    return uitkomst.zaak, uitkomst.indiening.aanvraag


@pytest.mark.parametrize(
    ("kvk", "tekst"),
    [
        ("12345678", "De initiatiefnemer is een organisatie (KvK 12345678) zonder BSN: Lopende Zaken is per burger, "),
        (None, "De initiatiefnemer is een organisatie (KvK onbekend) zonder BSN: Lopende Zaken is per burger, "),
    ],
)
def test_an_organisation_without_bsn_is_not_checked_and_the_report_says_why(
    keten: Keten, casus: Callable[[str], Casus], rapport: Rapport, kvk: str | None, tekst: str
) -> None:
    zaak, aanvraag = _gespeeld(keten, casus(VP))
    bedrijf = replace(aanvraag, initiatiefnemer=api.Persoon(naam="Bouwbedrijf De Hoek B.V.", kvk_nummer=kvk))
    d = keten.config.organisatie("Drimmelen")
    assert keten.controleer_lopende_zaken(zaak, bedrijf, d, ["Ontvangen"]) is None
    assert rapport.stappen[-1].bijlagen == [("Lopende Zaken", tekst + "dus er gaat geen bericht naar MijnOverheid.")]


def test_against_a_real_mijnoverheid_the_report_says_lopende_zaken_was_not_checked(
    keten: Keten, casus: Callable[[str], Casus], rapport: Rapport, monkeypatch: pytest.MonkeyPatch
) -> None:
    zaak, aanvraag = _gespeeld(keten, casus(VP))
    monkeypatch.setattr(keten.omgeving, "inspectie", lambda: None)
    assert keten.controleer_lopende_zaken(zaak, aanvraag, keten.config.organisatie("Drimmelen"), ["Ontvangen"]) is None
    tekst = (
        "Wat de burger in MijnOverheid Lopende Zaken ziet: MijnOverheid Lopende Zaken is hier geen ketentest-mock; "
        "alleen Logius kan het tonen"
    )
    assert rapport.stappen[-1].bijlagen == [("Niet gecontroleerd (echte partij)", tekst)]
    assert keten.niet_gecontroleerd == [tekst]
    keten.controleer_lopende_zaken(zaak, aanvraag, keten.config.organisatie("Drimmelen"), ["Ontvangen"])
    assert keten.niet_gecontroleerd == [tekst]  # said once per keten


def test_a_status_that_never_arrives_is_reported_with_the_statuses_that_did(
    keten: Keten, casus: Callable[[str], Casus]
) -> None:
    zaak, aanvraag = _gespeeld(keten, casus(VP))
    d = keten.config.organisatie("Drimmelen")
    zaak = keten.behandel_zaak(zaak, d, "in behandeling")
    keten.controleer_lopende_zaken(zaak, aanvraag, d, ["Ontvangen", "In behandeling"])
    with pytest.raises(KetenBevinding) as info:
        keten.controleer_lopende_zaken(zaak, aanvraag, d, ["Ontvangen", "In behandeling", "Afgehandeld (Verleend)"])
    b = zoals_in_catalogus(info.value)
    assert (b.code, b.verwacht, b.gezien) == (
        "KB-LZ-ONTBREEKT",
        "zaak ZAAK-00001 met de statussen Ontvangen, In behandeling, Afgehandeld (Verleend)",
        "Ontvangen, In behandeling",
    )


def test_a_wrong_zaakdossier_link_is_reported_with_the_link_seen(keten: Keten, casus: Callable[[str], Casus]) -> None:
    from chain_tests.keten.lopendezaken import _controleer

    zaak, aanvraag = _gespeeld(keten, casus(VP))
    d = keten.config.organisatie("Drimmelen")
    gevonden = keten.controleer_lopende_zaken(zaak, aanvraag, d, ["Ontvangen"])
    assert gevonden is not None and aanvraag.initiatiefnemer.bsn
    verkeerd = gevonden.model_copy(update={"verwijzing": "https://elders.test/zaken/ZAAK-00001"})
    with pytest.raises(KetenBevinding) as info:
        _controleer(verkeerd, zaak, aanvraag.initiatiefnemer.bsn, d, "VTH", eind=False)
    assert (info.value.code, info.value.gezien) == ("KB-LZ-VERWIJZING", "https://elders.test/zaken/ZAAK-00001")


def test_the_citizen_sees_an_aanvulling_once_and_an_intrekking_as_the_end(
    keten: Keten, casus: Callable[[str], Casus]
) -> None:
    """MijnOverheid gets a status only when the zaak's status changes: a second aanvulling adds nothing, an
    intrekking closes the zaak with its einddatum."""
    from chain_tests import BijlageBron

    uitkomst = speel_casus(keten, casus(VP))
    assert uitkomst.indiening is not None and uitkomst.zaak is not None
    d = keten.config.organisatie("Drimmelen")
    bronnen = [
        BijlageBron(naam=x.naam, grootte=x.grootte, bijlage_type=x.bijlage_type, activiteit_id=x.activiteit_id)
        for x in uitkomst.indiening.documenten
    ]
    inspectie = keten.omgeving.inspectie()
    assert inspectie is not None

    def gezien() -> tuple[list[str], str | None]:
        (lz,) = inspectie.lopende_zaken(d.oin, uitkomst.zaak.zaak_id) or []  # type: ignore[union-attr]
        return [s.status for s in lz.statussen], lz.einddatum

    eerste = keten.vul_aan(uitkomst.indiening, d, bronnen)
    keten.wacht_op_zaak(eerste, d, volgnummer=2)
    assert gezien() == (["Ontvangen", "Aanvulling ontvangen"], None)
    tweede = keten.vul_aan(eerste, d, bronnen)
    keten.wacht_op_zaak(tweede, d, volgnummer=3)
    assert gezien() == (["Ontvangen", "Aanvulling ontvangen"], None)
    zaak = keten.wacht_op_zaak(keten.trek_in(tweede, d), d, volgnummer=4)
    assert zaak.einddatum is not None
    assert gezien() == (["Ontvangen", "Aanvulling ontvangen", "Ingetrokken"], zaak.einddatum.replace("-", ""))
