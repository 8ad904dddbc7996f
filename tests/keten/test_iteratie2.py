"""Self-tests for the iteratie 2 checks: each finding type fails against a faulty mock, naming stap,
party, verzoeknummer and what was expected versus seen."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from chain_tests import AfhandelenFouten, Casus, Fouten, LoketFouten, SamenwerkenFouten, VthFouten, laad_casus
from chain_tests.errors import KetenBevinding
from chain_tests.keten import AanvraagGeweigerd, BijlageBron, Keten
from chain_tests.scenario import speel_casus
from chain_tests.standards.api import Vertrouwelijkheid
from tests.bouwstenen import DRIMMELEN, OMWB, ROOT
from tests.catalogus import zoals_in_catalogus

Maker = Callable[[Fouten], Keten]
CASUSSEN = ROOT / "scenarios" / "casussen"


def casus(naam: str) -> Casus:
    """A casus data file from scenarios/casussen/iteratie2/ (or iteratie1/ with that prefix)."""
    return laad_casus(CASUSSEN / f"{naam if '/' in naam else 'iteratie2/' + naam}.yaml")


STUKKEN: list[tuple[BijlageBron, Vertrouwelijkheid]] = [
    (BijlageBron(naam="samenvatting.pdf", grootte=10_000), "RV"),
    (BijlageBron(naam="vertrouwelijk.pdf", grootte=10_000), "SV"),
]


def bevinding(keten: Keten, naam: str) -> KetenBevinding:
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, casus(naam))
    return zoals_in_catalogus(info.value)


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(haalt_geen_bijlagen=True)}))
def test_vth_without_the_bijlagen_of_a_meervoudige_aanvraag_lists_them(keten: Keten) -> None:
    # Seed: "meervoudige aanvraag zonder bijlagen in VTH".
    b = bevinding(keten, "meervoudig-met-bijlagen")
    assert (b.code, b.stap, b.partij) == ("KB-ZAAK-ONVOLLEDIG", 9, "VTH-systeem Gemeente Drimmelen")
    assert b.gezien == (
        "4 bijlage(n) ontbreken: 'situatietekening-kap.pdf', 'foto-es.jpg', 'tekening-uitweg.pdf', "
        "'bouwtekening-groot.pdf'"
    )
    assert b.verzoeknummer


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(nieuwe_zaak_per_bericht=True)}))
def test_vth_that_makes_a_second_zaak_for_an_aanvulling_names_the_verzoeknummer(keten: Keten) -> None:
    uitkomst = speel_casus(keten, casus("iteratie1/kappen-boom-vergunningplicht"))
    drimmelen = keten.config.organisatie("Drimmelen")
    assert uitkomst.indiening is not None
    bijlagen = [
        BijlageBron(naam=d.naam, grootte=d.grootte, bijlage_type=d.bijlage_type, activiteit_id=d.activiteit_id)
        for d in uitkomst.indiening.documenten
    ]
    aanvulling = keten.vul_aan(uitkomst.indiening, drimmelen, bijlagen)
    with pytest.raises(KetenBevinding) as info:
        keten.wacht_op_zaak(aanvulling, drimmelen, volgnummer=2)
    zoals_in_catalogus(info.value)
    b = info.value
    nummer = uitkomst.indiening.verzoeknummers[DRIMMELEN]
    assert (b.code, b.verzoeknummer) == ("KB-DUBBELE-ZAAK", nummer)
    assert f"verzoeknummer: {nummer}" in str(b) and "(volgnummer 2)" in b.gezien


@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(kopie_naar_bevoegd_gezag=True)))
def test_municipality_that_also_makes_a_zaak_next_to_the_behandeldienst(keten: Keten) -> None:
    b = bevinding(keten, "kappen-boom-behandeldienst")
    assert (b.code, b.partij) == ("KB-ONTERECHTE-ZAAK", "VTH-systeem Gemeente Drimmelen")


@pytest.mark.keten_fouten(
    Fouten(loket=LoketFouten(kopie_naar_bevoegd_gezag=True), vth={DRIMMELEN: VthFouten(dubbele_zaak=True)})
)
def test_every_zaak_at_the_municipality_next_to_the_behandeldienst_is_named(keten: Keten) -> None:
    b = bevinding(keten, "kappen-boom-behandeldienst")
    assert (b.code, b.gezien) == ("KB-ONTERECHTE-ZAAK", "ZAAK-00001, ZAAK-00002")


@pytest.mark.keten_fouten(Fouten(afhandelen=AfhandelenFouten(verbergt_routering=True)))
def test_routing_to_the_behandeldienst_must_be_visible(keten: Keten) -> None:
    b = bevinding(keten, "kappen-boom-behandeldienst")
    assert (b.code, b.stap) == ("KB-ROUTERING", 10)
    assert OMWB in b.verwacht and "leeg" in b.gezien


@pytest.mark.keten_fouten(Fouten(weigert_behandeldienst=True))
def test_behandeldienst_that_cannot_be_set(keten: Keten) -> None:
    b = bevinding(keten, "kappen-boom-behandeldienst")
    assert (b.code, b.stap) == ("KB-ROUTERING", 10)
    assert "ROUTERING-503" in b.gezien


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(legt_overdracht_niet_vast=True)}))
def test_doorzetten_must_be_recorded_in_the_zaak(keten: Keten) -> None:
    uitkomst = speel_casus(keten, casus("iteratie1/kappen-boom-vergunningplicht"))
    assert uitkomst.zaak is not None
    with pytest.raises(KetenBevinding) as info:
        keten.zet_door(uitkomst.zaak, keten.config.organisatie("Drimmelen"), keten.config.organisatie("OMWB"))
    zoals_in_catalogus(info.value)
    assert (info.value.code, info.value.stap) == ("KB-DOORZETTEN", 10)
    assert info.value.gezien == "overgedragen aan niemand"


def _doorzetten(keten: Keten) -> KetenBevinding:
    uitkomst = speel_casus(keten, casus("iteratie1/kappen-boom-vergunningplicht"))
    assert uitkomst.zaak is not None
    with pytest.raises(KetenBevinding) as info:
        keten.zet_door(uitkomst.zaak, keten.config.organisatie("Drimmelen"), keten.config.organisatie("OMWB"))
    assert info.value.verzoeknummer == uitkomst.zaak.verzoeknummer
    return zoals_in_catalogus(info.value)


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(weigert_doorzetten=True)}))
def test_vth_that_refuses_doorzetten_is_blamed(keten: Keten) -> None:
    b = _doorzetten(keten)
    assert (b.code, b.stap, b.partij) == ("KB-DOORZETTEN", 10, "VTH-systeem Gemeente Drimmelen")
    assert "VTH-409" in b.gezien and "HTTP 409" in b.gezien


@pytest.mark.keten_fouten(Fouten(afhandelen=AfhandelenFouten(weigert_doorzetten=True)))
def test_doorzetten_refused_by_dso_lv_blames_dso_lv_not_the_vth(keten: Keten) -> None:
    b = _doorzetten(keten)
    assert (b.code, b.stap, b.partij) == ("KB-DOORZETTEN", 10, "DSO-LV (Verzoek afhandelen)")
    assert b.samenvatting == "DSO-LV weigerde het doorzetten (gemeld door VTH-systeem Gemeente Drimmelen)"
    assert "AFH-503" in b.gezien and "HTTP 502" in b.gezien


def _advies(keten: Keten, privilege: str) -> object:
    uitkomst = speel_casus(keten, casus("iteratie1/kappen-boom-vergunningplicht"))
    assert uitkomst.zaak is not None
    org = keten.config.organisatie
    return keten.vraag_advies(
        org("Drimmelen"),
        uitkomst.zaak.verzoeknummer,
        org("Geertruidenberg"),
        privilege,  # type: ignore[arg-type]
        STUKKEN,
    )


def _sw(fout: SamenwerkenFouten, *rest: str) -> object:
    return pytest.param(*rest, marks=pytest.mark.keten_fouten(Fouten(samenwerken=fout)))


@pytest.mark.parametrize(
    ("stap", "code", "gezien"),
    [
        _sw(SamenwerkenFouten(toont_sv_aan_bt=True), "ontvang", "KB-SAMENWERKEN-VERTROUWELIJK", "'vertrouwelijk.pdf'"),
        _sw(SamenwerkenFouten(meldt_niets=True), "ontvang", "KB-SAMENWERKEN-NOTIFICATIE", "geen binnen"),
        _sw(SamenwerkenFouten(verliest_advies=True), "advies", "KB-SAMENWERKEN-ADVIES", "resultaatdocumenten []"),
        _sw(SamenwerkenFouten(laat_iedereen_toe=True), "afscherming", "KB-SAMENWERKEN-AFSCHERMING", "documentenlijst"),
        _sw(SamenwerkenFouten(negeert_intrekking=True), "intrekken", "KB-SAMENWERKEN-STATUS", "geaccepteerd"),
        _sw(SamenwerkenFouten(verminkt_document=True), "vraag", "KB-SAMENWERKEN-DOCUMENT", "sha256 " + "0" * 64),
        _sw(
            SamenwerkenFouten(verbergt_documenten=True),
            "ontvang",
            "KB-SAMENWERKEN-DOCUMENT",
            "ontbreekt: 'samenvatting.pdf'",
        ),
        _sw(SamenwerkenFouten(levert_ander_document=True), "ontvang", "KB-SAMENWERKEN-DOCUMENT", "sha256 "),
        _sw(
            SamenwerkenFouten(levert_sv_aan_bt=True),
            "ontvang",
            "KB-SAMENWERKEN-VERTROUWELIJK",
            "document 'vertrouwelijk.pdf' geleverd",
        ),
    ],
)
def test_samenwerken_checks_fail_against_a_faulty_mock(keten: Keten, stap: str, code: str, gezien: str) -> None:
    with pytest.raises(KetenBevinding) as info:
        vraag = _advies(keten, "BT")
        if stap == "intrekken":
            keten.trek_adviesvraag_in(vraag)  # type: ignore[arg-type]
        keten.ontvang_adviesvraag(vraag)  # type: ignore[arg-type]
        if stap == "afscherming":
            keten.controleer_afscherming(vraag, keten.config.organisatie("Lelystad"))  # type: ignore[arg-type]
        advies = keten.lever_advies(vraag, BijlageBron(naam="advies.pdf", grootte=1000))  # type: ignore[arg-type]
        keten.controleer_advies(vraag, advies)  # type: ignore[arg-type]
    zoals_in_catalogus(info.value)
    b = info.value
    assert (b.code, b.stap, b.partij) == (code, 11, "DSO-LV (samenwerken)")
    assert gezien in b.gezien and b.verzoeknummer


@pytest.mark.keten_fouten(Fouten(samenwerken=SamenwerkenFouten(levert_ander_document=True)))
def test_an_advice_that_arrives_with_other_bytes_at_the_asker_is_reported(keten: Keten) -> None:
    uitkomst = speel_casus(keten, casus("iteratie1/kappen-boom-vergunningplicht"))
    assert uitkomst.zaak is not None
    org = keten.config.organisatie
    vraag = keten.vraag_advies(org("Drimmelen"), uitkomst.zaak.verzoeknummer, org("Geertruidenberg"), "BT", [])
    keten.ontvang_adviesvraag(vraag)  # nothing shared to fetch: the fault shows only on the advice
    advies = keten.lever_advies(vraag, BijlageBron(naam="advies.pdf", grootte=1000))
    with pytest.raises(KetenBevinding) as info:
        keten.controleer_advies(vraag, advies)
    b = zoals_in_catalogus(info.value)
    assert (b.code, b.stap, b.partij) == ("KB-SAMENWERKEN-DOCUMENT", 11, "DSO-LV (samenwerken)")
    assert b.verwacht == f"sha256 {advies.sha256}" and b.gezien.startswith("sha256 ") and b.gezien != b.verwacht
    assert b.verzoeknummer == uitkomst.zaak.verzoeknummer


def test_an_advice_altered_when_the_adviser_shares_it_is_reported(keten: Keten) -> None:
    """The samenwerken mock reports another checksum only from the moment the adviser shares the advice."""
    uitkomst = speel_casus(keten, casus("iteratie1/kappen-boom-vergunningplicht"))
    assert uitkomst.zaak is not None
    org = keten.config.organisatie
    vraag = keten.vraag_advies(org("Drimmelen"), uitkomst.zaak.verzoeknummer, org("Geertruidenberg"), "BT", [])
    keten.ontvang_adviesvraag(vraag)
    keten.omgeving.fouten.samenwerken.verminkt_document = True  # type: ignore[attr-defined]
    with pytest.raises(KetenBevinding) as info:
        keten.lever_advies(vraag, BijlageBron(naam="advies.pdf", grootte=1000))
    b = zoals_in_catalogus(info.value)
    assert (b.code, b.stap, b.partij) == ("KB-SAMENWERKEN-DOCUMENT", 11, "DSO-LV (samenwerken)")
    assert b.samenvatting == "document 'advies.pdf' kwam anders aan bij samenwerken"
    assert b.gezien == "sha256 " + "0" * 64 and b.verzoeknummer == uitkomst.zaak.verzoeknummer


VIER_STUKKEN: list[tuple[BijlageBron, Vertrouwelijkheid]] = [
    (BijlageBron(naam=naam, grootte=100), soort)
    for naam, soort in [("b.pdf", "RV"), ("a.pdf", "RV"), ("geheim-b.pdf", "SV"), ("geheim-a.pdf", "SV")]
]


@pytest.mark.parametrize(
    "gezien",
    [
        _sw(SamenwerkenFouten(toont_sv_aan_bt=True), "ook zichtbaar: 'geheim-a.pdf', 'geheim-b.pdf'"),
        _sw(SamenwerkenFouten(verbergt_documenten=True), "ontbreekt: 'a.pdf', 'b.pdf'"),
    ],
)
def test_every_document_wrongly_shown_or_hidden_is_named_in_order(keten: Keten, gezien: str) -> None:
    uitkomst = speel_casus(keten, casus("iteratie1/kappen-boom-vergunningplicht"))
    assert uitkomst.zaak is not None
    org = keten.config.organisatie
    vraag = keten.vraag_advies(
        org("Drimmelen"), uitkomst.zaak.verzoeknummer, org("Geertruidenberg"), "BT", VIER_STUKKEN
    )
    with pytest.raises(KetenBevinding) as info:
        keten.ontvang_adviesvraag(vraag)
    assert info.value.gezien == gezien


def test_a_gereed_for_another_adviesvraag_does_not_count(keten: Keten) -> None:
    """Two adviesvragen to one adviser; only the first is answered: the second has no GEREED of its own."""
    uitkomst = speel_casus(keten, casus("iteratie1/kappen-boom-vergunningplicht"))
    assert uitkomst.zaak is not None
    org = keten.config.organisatie
    d, g = org("Drimmelen"), org("Geertruidenberg")
    eerste = keten.vraag_advies(d, uitkomst.zaak.verzoeknummer, g, "BT", [])
    tweede = keten.vraag_advies(d, uitkomst.zaak.verzoeknummer, g, "BT", [])
    advies = keten.lever_advies(eerste, BijlageBron(naam="advies.pdf", grootte=100))
    keten.controleer_advies(eerste, advies)
    with pytest.raises(KetenBevinding) as info:
        keten.controleer_advies(tweede, advies)
    b = info.value
    assert b.code == "KB-SAMENWERKEN-NOTIFICATIE"
    assert b.samenvatting == "Gemeente Drimmelen kreeg geen notificatie GEREED"


def test_refusal_names_every_missing_bijlage_when_several_are_needed(keten: Keten, rapport: object) -> None:
    # An aanvulling that leaves out both required bijlagen: neither alone would complete it, so the
    # loket must name both (not a vague "onvolledig").
    uitkomst = speel_casus(keten, casus("iteratie1/kappen-boom-vergunningplicht"))
    assert uitkomst.indiening is not None
    with pytest.raises(AanvraagGeweigerd) as info:
        keten.vul_aan(uitkomst.indiening, keten.config.organisatie("Drimmelen"), [])
    assert info.value.meldingen == [
        ("IV-BIJLAGE", "Kappen van een boom: bijlage 'Situatietekening kappen' ontbreekt."),
        ("IV-BIJLAGE", "Kappen van een boom: bijlage 'Foto van de boom' ontbreekt."),
    ]
    assert str(info.value) == (
        "Kappen van een boom: bijlage 'Situatietekening kappen' ontbreekt.; "
        "Kappen van een boom: bijlage 'Foto van de boom' ontbreekt."
    )
    stap = [s for s in rapport.stappen if s.titel.startswith("Stap 8b: Aanvulling")][-1]  # type: ignore[attr-defined]
    assert dict(stap.bijlagen)["Weigering indienen"] == (
        "IV-BIJLAGE: Kappen van een boom: bijlage 'Situatietekening kappen' ontbreekt.\n"
        "IV-BIJLAGE: Kappen van een boom: bijlage 'Foto van de boom' ontbreekt."
    )


def _aangevuld(keten: Keten) -> tuple[object, object]:
    """The vergunningplicht casus, then an aanvulling with the photo replaced (volgnummer 2)."""
    uitkomst = speel_casus(keten, casus("iteratie1/kappen-boom-vergunningplicht"))
    drimmelen = keten.config.organisatie("Drimmelen")
    assert uitkomst.indiening is not None
    bijlagen = [
        BijlageBron(
            naam=d.naam,
            grootte=d.grootte,
            bijlage_type=d.bijlage_type,
            activiteit_id=d.activiteit_id,
            variant="v2" if d.naam == "foto-boom.jpg" else "",
        )
        for d in uitkomst.indiening.documenten
    ]
    return drimmelen, keten.vul_aan(uitkomst.indiening, drimmelen, bijlagen)


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(negeert_vervolg=True)}))
def test_vth_that_never_processes_an_aanvulling(keten: Keten) -> None:
    drimmelen, aanvulling = _aangevuld(keten)
    with pytest.raises(KetenBevinding) as info:
        keten.wacht_op_zaak(aanvulling, drimmelen, volgnummer=2)  # type: ignore[arg-type]
    zoals_in_catalogus(info.value)
    b = info.value
    assert (b.code, b.samenvatting) == (
        "KB-GEEN-ZAAK",
        "het verzoek (volgnummer 2) is opgehaald maar de zaak is niet bijgewerkt",
    )
    assert b.verwacht == "de zaak bijgewerkt tot volgnummer 2" and "nog op een eerder volgnummer" in b.gezien


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(negeert_vervolg=True)}))
def test_vth_that_never_processes_an_intrekking_either(keten: Keten) -> None:
    """The fault 'negeert_vervolg' covers both kinds of vervolg: an intrekking leaves the zaak as it was too."""
    uitkomst = speel_casus(keten, casus("iteratie1/kappen-boom-vergunningplicht"))
    assert uitkomst.indiening is not None
    drimmelen = keten.config.organisatie("Drimmelen")
    intrekking = keten.trek_in(uitkomst.indiening, drimmelen)
    with pytest.raises(KetenBevinding) as info:
        keten.wacht_op_zaak(intrekking, drimmelen, volgnummer=2)
    assert (info.value.code, info.value.samenvatting) == (
        "KB-GEEN-ZAAK",
        "het verzoek (volgnummer 2) is opgehaald maar de zaak is niet bijgewerkt",
    )


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(bewaart_vervallen_bijlagen=True)}))
def test_vth_that_keeps_vervallen_documents_after_an_aanvulling(keten: Keten) -> None:
    drimmelen, aanvulling = _aangevuld(keten)
    zaak = keten.wacht_op_zaak(aanvulling, drimmelen, volgnummer=2)  # type: ignore[arg-type]
    with pytest.raises(KetenBevinding) as info:
        keten.controleer_zaak(zaak, aanvulling, drimmelen)  # type: ignore[arg-type]
    zoals_in_catalogus(info.value)
    assert info.value.code == "KB-ZAAK-ONVOLLEDIG"
    assert "bijlage 'foto-boom.jpg' hoort niet (meer) bij dit verzoek" in info.value.gezien


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(negeert_intrekking=True)}))
def test_vth_that_does_not_record_an_intrekking(keten: Keten) -> None:
    drimmelen, aanvulling = _aangevuld(keten)
    keten.wacht_op_zaak(aanvulling, drimmelen, volgnummer=2)  # type: ignore[arg-type]
    intrekking = keten.trek_in(aanvulling, drimmelen)  # type: ignore[arg-type]
    zaak = keten.wacht_op_zaak(intrekking, drimmelen, volgnummer=3)  # type: ignore[arg-type]
    with pytest.raises(KetenBevinding) as info:
        keten.controleer_zaak(zaak, intrekking, drimmelen)  # type: ignore[arg-type]
    zoals_in_catalogus(info.value)
    assert info.value.gezien == "status 'aangevuld' in plaats van 'ingetrokken' na intrekken"


@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(splitst_niet=True)))
def test_loket_that_does_not_split_a_meervoudige_aanvraag(keten: Keten) -> None:
    b = bevinding(keten, "meervoudig-zonder-bijlagen")
    assert b.code == "KB-ZAAK-ONVOLLEDIG"
    assert (
        "activiteit Werkzaamheden in de beschermingszone van een waterkering hoort bij een ander bevoegd gezag"
        in b.gezien
    )


@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(project_id_per_verzoek=True)))
def test_loket_that_gives_each_verzoek_its_own_project_id(keten: Keten) -> None:
    b = bevinding(keten, "meervoudig-zonder-bijlagen")
    assert b.code == "KB-ZAAK-ONVOLLEDIG" and b.gezien.startswith("projectId ") and " in plaats van " in b.gezien


def test_an_aanvulling_of_a_melding_stays_a_melding(keten: Keten) -> None:
    uitkomst = speel_casus(keten, casus("iteratie1/kappen-boom-meldingsplicht"))
    assert uitkomst.indiening is not None and uitkomst.zaak is not None
    drimmelen = keten.config.organisatie("Drimmelen")
    aanvulling = keten.vul_aan(uitkomst.indiening, drimmelen, uitkomst.indiening.aanvraag.bijlagen)
    assert aanvulling.aanvraag.verzoektype == uitkomst.indiening.aanvraag.verzoektype
    zaak = keten.wacht_op_zaak(aanvulling, drimmelen, volgnummer=2)
    assert (zaak.zaak_id, zaak.verzoektype) == (uitkomst.zaak.zaak_id, "Melding")


@pytest.mark.parametrize(
    ("privilege", "gemeld"), [("VT", {"samenvatting.pdf", "vertrouwelijk.pdf"}), ("BT", {"samenvatting.pdf"})]
)
def test_a_participant_is_told_of_exactly_the_shared_documents_it_may_see(
    keten: Keten, privilege: str, gemeld: set[str]
) -> None:
    from chain_tests.clients.samenwerken import SamenwerkenClient

    vraag = _advies(keten, privilege)
    adviseur = SamenwerkenClient(keten.client("Samenwerken", keten.config.organisatie("Geertruidenberg")))
    ids = {n.document_id for n in adviseur.notificaties() if n.soort == "DOCUMENT_GEDEELD"}
    namen = {d.bestandsnaam for i, d in vraag.gedeeld.items() if i in ids}  # type: ignore[attr-defined]
    assert namen == gemeld
