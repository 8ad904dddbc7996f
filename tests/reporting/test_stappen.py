"""What a scenario puts in the report: the keten's steps with their stap numbers and titles, in order, each
with its attachments, and a failing check marking its own step. Pinned because this is what a
functioneel beheerder reads (and what the browser test of the report looks for)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from lxml import html

from chain_tests import (
    BijlageBron,
    Casus,
    Fouten,
    Keten,
    KetenBevinding,
    LoketFouten,
    VthFouten,
    laad_casus,
    speel_casus,
)
from tests.bouwstenen import DRIMMELEN, OMWB, ROOT
from tests.catalogus import zoals_in_catalogus

CASUSSEN = ROOT / "scenarios" / "casussen"

PUBLICEREN = [
    (
        "Stap 5: Activiteit 'Kappen van een boom' toepasbaar maken in het RTR (Gemeente Drimmelen) · RTR",
        ["RTR-activiteit"],
    ),
    (
        "Stap 6: Toepasbare regels verifiëren: Kappen van een boom - Conclusie.xml · RTR (regels verifiëren)",
        ["Kappen van een boom - Conclusie.xml", "Verificatieresultaat"],
    ),
    (
        "Stap 7: Toepasbare regels aanleveren (SOAP): Kappen van een boom - Conclusie.xml · RTR (toepasbare regels aanleveren)",
        ["SOAP-verzoek aanleveren", "SOAP-antwoord aanleveren"],
    ),
    (
        "Stap 6: Toepasbare regels verifiëren: Kappen van een boom - Indieningsvereisten.xml · RTR (regels verifiëren)",
        ["Kappen van een boom - Indieningsvereisten.xml", "Verificatieresultaat"],
    ),
    (
        "Stap 7: Toepasbare regels aanleveren (SOAP): Kappen van een boom - Indieningsvereisten.xml · RTR (toepasbare regels aanleveren)",
        ["SOAP-verzoek aanleveren", "SOAP-antwoord aanleveren"],
    ),
]
INDIENEN = [
    (
        "Stap 8a: Vergunningcheck doen in het Omgevingsloket (Gemeente Drimmelen) · Omgevingsloket (vergunningcheck)",
        ["Vergunningcheck: antwoorden", "Vergunningcheck: uitkomst"],
    ),
    (
        "Stap 8b: Aanvraag indienen in het Omgevingsloket · Omgevingsloket (indienen)",
        ["Indienbericht", "Verdeling per bevoegd gezag"],
    ),
]
ONTVANGEN = [
    (
        "Stap 9: Verzoek 3000001 (volgnummer 1) ontvangen en ophalen in het VTH-systeem van Gemeente Drimmelen · VTH-systeem Gemeente Drimmelen",
        [
            "ebMS2-verzoeknotificatie * (DSO landelijke voorzieningen (mock) → VTH-systeem Gemeente Drimmelen)",
            "ebMS2-Acknowledgment (VTH-systeem Gemeente Drimmelen → DSO landelijke voorzieningen (mock))",
            "STAM-verzoek 3000001",
            "Zaak in het VTH-systeem van Gemeente Drimmelen",
        ],
    ),
    (
        "Stap 9: Zaak ZAAK-00001 controleren: activiteiten, antwoorden en bijlagen van Gemeente Drimmelen · VTH-systeem Gemeente Drimmelen",
        [],
    ),
    (
        "Stap 9: Zaakstatus in MijnOverheid Lopende Zaken: Ontvangen · VTH-systeem Gemeente Drimmelen (Lopende Zaken)",
        ["MijnOverheid Lopende Zaken: wat de burger ziet"],
    ),
]


def _zelfde(rapport: object, verwacht: list[tuple[str, list[str]]]) -> None:
    gezien = [(s.titel, [n for n, _ in s.bijlagen]) for s in rapport.stappen if s.diepte == 0]  # type: ignore[attr-defined]
    assert len(gezien) == len(verwacht), [t for t, _ in gezien]
    for (titel, namen), (v_titel, v_namen) in zip(gezien, verwacht, strict=True):
        assert titel == v_titel
        assert len(namen) == len(v_namen) and all(
            re.fullmatch(re.escape(v).replace(r"\*", ".+"), n) for n, v in zip(namen, v_namen, strict=True)
        ), (titel, namen)


def _casus(naam: str) -> Casus:
    return laad_casus(CASUSSEN / f"{naam}.yaml")


def test_the_vergunningplicht_scenario_reports_each_step_with_its_attachments(keten: Keten, rapport: object) -> None:
    speel_casus(keten, _casus("iteratie1/kappen-boom-vergunningplicht"))
    _zelfde(rapport, PUBLICEREN + INDIENEN + ONTVANGEN)
    assert {s.status for s in rapport.stappen} == {"passed"}  # type: ignore[attr-defined]


def test_attachments_carry_what_crossed_the_wire(keten: Keten, rapport: object) -> None:
    speel_casus(keten, _casus("iteratie1/kappen-boom-vergunningplicht"))
    stap = rapport.stap  # type: ignore[attr-defined]
    bijlagen = dict(stap("Stap 8a").bijlagen)
    assert json.loads(bijlagen["Vergunningcheck: uitkomst"])["conclusie"] == "Vergunningplicht"
    assert json.loads(bijlagen["Vergunningcheck: antwoorden"])["bevoegdGezag"] == DRIMMELEN
    bijlagen = dict(stap("Stap 9: Verzoek").bijlagen)
    ((titel, notificatie),) = [(n, v) for n, v in bijlagen.items() if n.startswith("ebMS2-verzoeknotificatie")]
    assert b"<eb:Action>Verzoeknotificatie</eb:Action>" in notificatie and b"3000001" in notificatie
    gevonden = re.search(rb"<eb:MessageId>([^<]+)</eb:MessageId>", notificatie)
    assert gevonden is not None
    message_id = gevonden.group(1).decode()  # the title names the message it holds
    assert titel.startswith(f"ebMS2-verzoeknotificatie {message_id} (") and titel.endswith(")")
    soorten = rapport.soorten  # type: ignore[attr-defined]
    ack_titel = next(n for n in bijlagen if n.startswith("ebMS2-Acknowledgment"))
    assert (soorten[ack_titel], soorten["STAM-verzoek 3000001"]) == ("application/xml", "application/xml")
    ack = next(v for n, v in bijlagen.items() if n.startswith("ebMS2-Acknowledgment"))
    assert b"eb:Acknowledgment" in ack
    stam = bijlagen["STAM-verzoek 3000001"]
    assert b"<stam:verzoeknummer>3000001</stam:verzoeknummer>" in stam
    assert stam.count(b"<stam:mimeType>application/pdf</stam:mimeType>") == 2  # both bijlagen, as uploaded
    zaak = json.loads(bijlagen["Zaak in het VTH-systeem van Gemeente Drimmelen"])
    assert (zaak["zaakId"], zaak["verzoeknummer"]) == ("ZAAK-00001", "3000001")
    stap7 = dict(
        stap(
            "Stap 7: Toepasbare regels aanleveren (SOAP): Kappen van een boom - Conclusie.xml · RTR (toepasbare regels aanleveren)"
        ).bijlagen
    )
    assert b"aanleverenToepasbareRegelsVerzoek" in stap7["SOAP-verzoek aanleveren"]
    assert b"Geaccepteerd" in stap7["SOAP-antwoord aanleveren"]


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(laat_bijlage_vallen=True)}))
def test_a_failing_check_marks_its_own_step_and_only_that_one(keten: Keten, rapport: object) -> None:
    with pytest.raises(KetenBevinding):
        speel_casus(keten, _casus("iteratie1/kappen-boom-vergunningplicht"))
    statussen = [(s.titel.split(":")[0], s.status) for s in rapport.stappen]  # type: ignore[attr-defined]
    assert statussen[-1] == ("Stap 9", "failed")
    assert {s for _, s in statussen[:-1]} == {"passed"}


@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(negeert_regels=True)))
def test_a_wrong_conclusion_marks_the_vergunningcheck_step(keten: Keten, rapport: object) -> None:
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, _casus("iteratie1/kappen-boom-vergunningplicht"))
    zoals_in_catalogus(info.value)
    assert info.value.code == "KB-CONCLUSIE"
    statussen = [(s.titel.split(":")[0], s.status) for s in rapport.stappen]  # type: ignore[attr-defined]
    assert statussen[-1] == ("Stap 8a", "failed")
    assert {s for _, s in statussen[:-1]} == {"passed"}


def test_aanvulling_and_intrekking_are_named_in_their_steps(keten: Keten, rapport: object) -> None:
    uitkomst = speel_casus(keten, _casus("iteratie1/kappen-boom-vergunningplicht"))
    assert uitkomst.indiening is not None
    d = keten.config.organisatie("Drimmelen")
    bronnen = [
        BijlageBron(naam=x.naam, grootte=x.grootte, bijlage_type=x.bijlage_type, activiteit_id=x.activiteit_id)
        for x in uitkomst.indiening.documenten
    ]
    aanvulling = keten.vul_aan(uitkomst.indiening, d, bronnen)
    keten.wacht_op_zaak(aanvulling, d, volgnummer=2)
    keten.wacht_op_zaak(keten.trek_in(aanvulling, d), d, volgnummer=3)
    assert rapport.titels()[-4:] == [  # type: ignore[attr-defined]
        "Stap 8b: Aanvulling indienen voor verzoek 3000001 in het Omgevingsloket · Omgevingsloket (indienen)",
        "Stap 9: Verzoek 3000001 (volgnummer 2) ontvangen en ophalen in het VTH-systeem van Gemeente Drimmelen · VTH-systeem Gemeente Drimmelen",
        "Stap 8b: Verzoek intrekken voor verzoek 3000001 in het Omgevingsloket · Omgevingsloket (indienen)",
        "Stap 9: Verzoek 3000001 (volgnummer 3) ontvangen en ophalen in het VTH-systeem van Gemeente Drimmelen · VTH-systeem Gemeente Drimmelen",
    ]
    # each stap 9 shows its own message once: volgnummer 2's step does not repeat volgnummer 1's notification
    # and DSO-LV's notification tells the VTH what the verzoek is for (STAM: doel) before it fetches it
    for volgnummer, doel in ((1, "Initiëren"), (2, "Aanvullen"), (3, "Intrekken")):
        stap = rapport.stap(f"Stap 9: Verzoek 3000001 (volgnummer {volgnummer})")  # type: ignore[attr-defined]
        (notificatie,) = [v for n, v in stap.bijlagen if n.startswith("ebMS2-verzoeknotificatie")]
        assert f"volgnummer>{volgnummer}</".encode() in notificatie
        assert f"doel>{doel}</".encode() in notificatie, notificatie
        assert b"\r\nContent-Type: application/xml\r\n" in notificatie  # the payload part, as XML
        # the header a supplier's Digikoppeling adapter matches against its CPA (docs/architecture.md)
        cpa = f"CPAId>dso-verzoeknotificatie_{keten.config.dso_lv.oin}_{d.oin}_v1<".encode()
        assert cpa in notificatie and b"Action>Verzoeknotificatie<" in notificatie
        assert b'type="urn:osb:services">urn:osb:services:dso:verzoeknotificatie:v1</eb:Service>' in notificatie


def test_behandeldienst_and_doorzetten_steps(keten: Keten, rapport: object) -> None:
    speel_casus(keten, _casus("iteratie2/kappen-boom-behandeldienst"))
    titels = rapport.titels()  # type: ignore[attr-defined]
    assert titels[5:] == [
        "Stap 10: Gemeente Drimmelen stelt Omgevingsdienst Midden- en West-Brabant in als behandeldienst voor "
        "nl.imow-gm1719.activiteit.KappenBoom · DSO-LV (verzoeksroutering)",
        "Stap 8a: Vergunningcheck doen in het Omgevingsloket (Gemeente Drimmelen) · Omgevingsloket (vergunningcheck)",
        "Stap 8b: Aanvraag indienen in het Omgevingsloket · Omgevingsloket (indienen)",
        "Stap 9: Verzoek 3000001 (volgnummer 1) ontvangen en ophalen in het VTH-systeem van Omgevingsdienst Midden- "
        "en West-Brabant · VTH-systeem Omgevingsdienst Midden- en West-Brabant",
        "Stap 9: Zaak ZAAK-00001 controleren: activiteiten, antwoorden en bijlagen van Gemeente Drimmelen"
        " · VTH-systeem Omgevingsdienst Midden- en West-Brabant",
        "Stap 9: Zaakstatus in MijnOverheid Lopende Zaken: Ontvangen"
        " · VTH-systeem Omgevingsdienst Midden- en West-Brabant (Lopende Zaken)",
        "Stap 10: Gemeente Drimmelen ziet dat verzoek 3000001 is gerouteerd naar Omgevingsdienst Midden- en "
        "West-Brabant · DSO-LV (Verzoek afhandelen)",
        "Stap 9: Controleren dat Gemeente Drimmelen geen (dubbele) zaak maakt voor verzoek 3000001 · VTH-systeem Gemeente Drimmelen",
    ]
    ((naam, stam),) = rapport.stap("Stap 10: Gemeente Drimmelen ziet").bijlagen  # type: ignore[attr-defined]
    assert naam == "STAM-verzoek 3000001 zoals Gemeente Drimmelen het ziet"
    gezien = json.loads(stam)
    assert (gezien["verzoeknummer"], gezien["uitvoerende_instantie"]["oin"]) == ("3000001", OMWB)
    # DSO-LV's notification to the behandeldienst names it as uitvoerende instantie, next to the bevoegd gezag
    stap9 = rapport.stap("Stap 9: Verzoek 3000001 (volgnummer 1) ontvangen")  # type: ignore[attr-defined]
    (notificatie,) = [v for n, v in stap9.bijlagen if n.startswith("ebMS2-verzoeknotificatie")]
    assert b"uitvoerendeInstantie>00000001008888001000</" in notificatie, notificatie
    assert f"bevoegdGezag>{DRIMMELEN}</".encode() in notificatie


def test_doorzetten_step(keten: Keten, rapport: object) -> None:
    uitkomst = speel_casus(keten, _casus("iteratie1/kappen-boom-vergunningplicht"))
    assert uitkomst.zaak is not None
    keten.zet_door(uitkomst.zaak, keten.config.organisatie("Drimmelen"), keten.config.organisatie("OMWB"))
    stap = rapport.stappen[-1]  # type: ignore[attr-defined]
    assert (
        stap.titel
        == "Stap 10: Gemeente Drimmelen zet verzoek 3000001 door naar Omgevingsdienst Midden- en West-Brabant · VTH-systeem Gemeente Drimmelen"
    )
    ((naam, inhoud),) = stap.bijlagen
    assert naam == "Zaak bij Gemeente Drimmelen na doorzetten" and json.loads(inhoud)["status"] == "overgedragen"


def test_advies_steps(keten: Keten, rapport: object, casus: Callable[[str], Casus]) -> None:
    uitkomst = speel_casus(keten, casus("kappen-boom-vergunningplicht"))
    assert uitkomst.zaak is not None
    d, g = keten.config.organisatie("Drimmelen"), keten.config.organisatie("Geertruidenberg")
    vraag = keten.vraag_advies(d, uitkomst.zaak.verzoeknummer, g, "VT", [(BijlageBron(naam="a.pdf", grootte=10), "RV")])
    keten.ontvang_adviesvraag(vraag)
    advies = keten.lever_advies(vraag, BijlageBron(naam="advies.pdf", grootte=10))
    keten.controleer_advies(vraag, advies)
    keten.controleer_afscherming(vraag, keten.config.organisatie("Lelystad"))
    vraag2 = keten.vraag_advies(
        d, uitkomst.zaak.verzoeknummer, g, "BT", [(BijlageBron(naam="a.pdf", grootte=10), "RV")]
    )
    keten.trek_adviesvraag_in(vraag2)
    assert rapport.titels()[-7:] == [  # type: ignore[attr-defined]
        "Stap 11: Gemeente Drimmelen vraagt advies aan Gemeente Geertruidenberg over verzoek 3000001 (privilege VT) · DSO-LV (samenwerken)",
        "Stap 11: Gemeente Geertruidenberg ontvangt de adviesvraag en haalt de stukken op (privilege VT) · DSO-LV (samenwerken)",
        "Stap 11: Gemeente Geertruidenberg levert het advies en meldt het actieverzoek gereed · DSO-LV (samenwerken)",
        "Stap 11: Gemeente Drimmelen ziet status GEREED en haalt het advies op · DSO-LV (samenwerken)",
        "Stap 11: Gemeente Lelystad (geen deelnemer) krijgt geen toegang tot de samenwerking · DSO-LV (samenwerken)",
        "Stap 11: Gemeente Drimmelen vraagt advies aan Gemeente Geertruidenberg over verzoek 3000001 (privilege BT) · DSO-LV (samenwerken)",
        "Stap 11: Gemeente Drimmelen trekt de adviesvraag aan Gemeente Geertruidenberg in · DSO-LV (samenwerken)",
    ]
    vraag_stap = rapport.stap("Stap 11: Gemeente Drimmelen vraagt advies")  # type: ignore[attr-defined]
    gedeeld = dict(vraag_stap.bijlagen)
    samenwerking, actieverzoek = json.loads(gedeeld["Samenwerking"]), json.loads(gedeeld["Actieverzoek advies"])
    assert (samenwerking["verzoeknummer"], samenwerking["samenwerkingId"]) == (
        "3000001",
        vraag.samenwerking.samenwerking_id,
    )
    assert (actieverzoek["ontvanger"], actieverzoek["actieverzoekId"]) == (g.oin, vraag.actieverzoek.actieverzoek_id)
    assert actieverzoek["toelichting"] == "Graag uw advies over dit verzoek."  # the default a beheerder sees
    zicht = dict(rapport.stap("Stap 11: Gemeente Geertruidenberg ontvangt").bijlagen)  # type: ignore[attr-defined]
    assert json.loads(zicht["Stukken zichtbaar voor Gemeente Geertruidenberg"]) == ["a.pdf"]
    gereed = dict(rapport.stap("Stap 11: Gemeente Geertruidenberg levert").bijlagen)  # type: ignore[attr-defined]
    na_gereed = json.loads(gereed["Actieverzoek na gereedmelding"])  # as on the wire: camelCase
    assert (na_gereed["status"], na_gereed["resultaatDocumenten"]) == ("GEREED", [advies.document_id])


def test_the_plan_keten_reports_stap_1_to_4_with_the_plans_evidence(keten: Keten, rapport: object) -> None:
    speel_casus(keten, _casus("iteratie3/plan-kappen-boom-made"))
    val, pub = (
        "ketentest_val_plan-kappen-boom-made_20260105090000",
        "ketentest_pub_plan-kappen-boom-made_20260105090000",
    )
    plan = [
        (
            "Stap 1: Omgevingsplan opstellen in de plansoftware: "
            "Wijziging omgevingsplan Drimmelen: kappen van bomen in Made · Plansoftware",
            ["Aanlevering: bestanden in opdracht.zip", "besluit.xml", "owActiviteiten.xml", "owRegelteksten.xml"],
        ),
        (
            f"Stap 2: Omgevingsplan valideren bij de LVBB (validatieOpdracht {val}) · LVBB",
            ["opdracht.xml", "Verslag 1 van de LVBB: valide"],
        ),
        (
            f"Stap 3: Omgevingsplan publiceren bij de LVBB (publicatieOpdracht {pub}) · LVBB",
            [
                "opdracht.xml",
                "Verslag 1 van de LVBB: validatie-voltooid",
                "Verslag 2 van de LVBB: registratie-voltooid",
                "Verslag 3 van de LVBB: gepubliceerd",
            ],
        ),
        (
            "Stap 4: Omgevingsplan controleren in OZON (/akn/nl/act/gm1719/2026/OmgevingsplanBomenMade) · OZON",
            [
                "OZON: regeling",
                "OZON: activiteit nl.imow-gm1719.activiteit.KappenBoomMade",
                "OZON: geometrie van nl.imow-gm1719.gebied.BomenMade",
            ],
        ),
        (
            "Stap 4: Activiteiten in de functionele structuur van het RTR · RTR (functionele structuur)",
            ["Functionele structuur: nl.imow-gm1719.activiteit.KappenBoomMade"],
        ),
    ]
    titels = [s.titel for s in rapport.stappen if s.diepte == 0]  # type: ignore[attr-defined]
    _zelfde(_Eerste(rapport, len(plan)), plan)
    assert (
        titels[len(plan)]
        == "Stap 5: Activiteit 'Kappen van een boom in Made' toepasbaar maken in het RTR (Gemeente Drimmelen) · RTR"
    )
    assert titels[len(plan) + 1] == (
        "Stap 6: Toepasbare regels toetsen aan het omgevingsplan (nl.imow-gm1719.activiteit.KappenBoomMade) · Regelsoftware"
    )
    tabel = json.loads(rapport.stap("Stap 1").bijlagen[0][1])  # type: ignore[attr-defined]
    assert [r["bestand"] for r in tabel][:2] == ["manifest.xml", "opdracht.xml"]
    fs = dict(rapport.stap("Stap 4: Activiteiten").bijlagen)  # type: ignore[attr-defined]
    gevonden = json.loads(fs["Functionele structuur: nl.imow-gm1719.activiteit.KappenBoomMade"])  # camelCase
    assert (gevonden["identificatie"], gevonden["bevoegdGezag"]) == (
        "nl.imow-gm1719.activiteit.KappenBoomMade",
        keten.config.organisatie("Drimmelen").oin,
    )
    opdracht = dict(rapport.stap("Stap 2").bijlagen)["opdracht.xml"]  # type: ignore[attr-defined]
    assert b"validatieOpdracht" in opdracht and val.encode() in opdracht  # the bytes sent, not a label
    stap1 = dict(rapport.stap("Stap 1").bijlagen)  # type: ignore[attr-defined]
    assert isinstance(stap1["besluit.xml"], bytes) and stap1["besluit.xml"].startswith(b"<?xml")
    eind = dict(rapport.stap("Stap 3").bijlagen)["Verslag 3 van de LVBB: gepubliceerd"]  # type: ignore[attr-defined]
    assert isinstance(eind, bytes) and b"gepubliceerd" in eind and eind.lstrip().startswith(b"<")
    soorten = rapport.soorten  # type: ignore[attr-defined]
    for naam in ("besluit.xml", "owActiviteiten.xml", "opdracht.xml", "Verslag 3 van de LVBB: gepubliceerd"):
        assert soorten[naam] == "application/xml", naam


class _Eerste:
    """The first ``n`` top-level steps of a report."""

    def __init__(self, rapport: object, n: int) -> None:
        self.stappen = [s for s in rapport.stappen if s.diepte == 0][:n]  # type: ignore[attr-defined]


def test_a_melding_is_titled_as_one(keten: Keten, rapport: object) -> None:
    speel_casus(keten, _casus("iteratie1/kappen-boom-meldingsplicht"))
    titels = [s.titel for s in rapport.stappen if s.diepte == 0]  # type: ignore[attr-defined]
    assert "Stap 8b: Melding doen in het Omgevingsloket · Omgevingsloket (indienen)" in titels
    assert not any(t.startswith("Stap 8b: Aanvraag") for t in titels)


@pytest.mark.parametrize(("nummer", "getal"), [(9, 9), ("8a", 8), ("10", 10), ("stap", 0)])
def test_a_step_number_as_a_finding_carries_it(nummer: int | str, getal: int) -> None:
    from chain_tests.keten.basis import stapnummer

    assert stapnummer(nummer) == getal


def test_each_bevoegd_gezag_has_its_own_messages_in_its_stap_9(keten: Keten, rapport: object) -> None:
    """A meervoudige aanvraag: the second bevoegd gezag's stap 9 carries its own notification, ack and STAM,
    although DSO-LV delivered it while the first one's stap 9 was waiting; each message is shown once."""
    speel_casus(keten, _casus("iteratie2/meervoudig-zonder-bijlagen"))
    ontvangen = [s for s in rapport.stappen if s.diepte == 0 and "ontvangen en ophalen" in s.titel]  # type: ignore[attr-defined]
    assert len(ontvangen) == 2
    nummers = set()
    for stap in ontvangen:
        namen = [n for n, _ in stap.bijlagen]
        notificatie = [v for n, v in stap.bijlagen if n.startswith("ebMS2-verzoeknotificatie")]
        assert len(notificatie) == 1 and sum(n.startswith("ebMS2-Acknowledgment") for n in namen) == 1, namen
        (stam,) = [n for n in namen if n.startswith("STAM-verzoek ")]
        nummer = stam.removeprefix("STAM-verzoek ")
        assert nummer in stap.titel and nummer.encode() in notificatie[0]
        nummers.add(nummer)
    assert len(nummers) == 2


def test_a_status_change_shows_the_zaak_as_the_vth_returned_it(keten: Keten, rapport: object) -> None:
    uitkomst = speel_casus(keten, _casus("iteratie1/kappen-boom-vergunningplicht"))
    assert uitkomst.zaak is not None
    d = keten.config.organisatie("Drimmelen")
    keten.behandel_zaak(uitkomst.zaak, d, "afgehandeld", "Verleend")
    stap = rapport.stappen[-1]  # type: ignore[attr-defined]
    assert stap.titel == "Stap 9: Zaak ZAAK-00001 op 'afgehandeld (Verleend)' zetten in het VTH-systeem · " + (
        "VTH-systeem Gemeente Drimmelen"
    )
    ((naam, inhoud),) = stap.bijlagen
    zaak = json.loads(inhoud)  # as on the wire: camelCase
    assert (naam, zaak["zaakId"], zaak["status"]) == ("Zaak", "ZAAK-00001", "afgehandeld")


def test_the_split_shows_a_dash_without_bijlagen_and_a_question_mark_for_a_verzoek_without_bevoegd_gezag(
    keten: Keten, rapport: object
) -> None:
    from dataclasses import replace

    from chain_tests.keten.indienen import _verdeling

    uitkomst = speel_casus(keten, _casus("iteratie2/meervoudig-zonder-bijlagen"))
    assert uitkomst.indiening is not None
    pagina = html.fromstring(dict(rapport.stap("Stap 8b").bijlagen)["Verdeling per bevoegd gezag"])  # type: ignore[attr-defined]
    assert {r[3].text_content() for r in pagina.findall(".//tr")[1:]} == {"–"}
    zonder = replace(uitkomst.indiening, verzoeknummers={"": "3000009"})
    rij = html.fromstring(_verdeling(zonder, keten.config.organisatie)).findall(".//tr")[1]
    assert [c.text_content() for c in rij[:2]] == ["?", "3000009"]


def test_the_split_per_bevoegd_gezag_lists_each_ones_own_activities_and_bijlagen(keten: Keten, rapport: object) -> None:
    speel_casus(keten, _casus("iteratie2/meervoudig-met-bijlagen"))
    stap = rapport.stap("Stap 8b")  # type: ignore[attr-defined]
    pagina = html.fromstring(dict(stap.bijlagen)["Verdeling per bevoegd gezag"])
    assert re.fullmatch(r"projectId [0-9a-f-]{36}", pagina.findtext(".//p"))
    rijen = {r[0].text_content(): [c.text_content() for c in r[1:]] for r in pagina.findall(".//tr")[1:]}
    drimmelen, waterschap = rijen["Gemeente Drimmelen"], rijen["Waterschap Brabantse Delta"]
    assert drimmelen[1:] == [
        "Kappen van een boom, Een uitweg aanleggen",
        "situatietekening-kap.pdf, foto-es.jpg, tekening-uitweg.pdf, bouwtekening-groot.pdf",
    ]
    assert waterschap[1:] == ["Werkzaamheden in de beschermingszone van een waterkering", "dwarsprofiel.pdf"]
    assert drimmelen[0] != waterschap[0] and all(n.isdigit() for n in (drimmelen[0], waterschap[0]))
    assert rapport.soorten["Verdeling per bevoegd gezag"] == "text/html"  # type: ignore[attr-defined]
    project = pagina.findtext(".//p").removeprefix("projectId ")
    assert dict(stap.bijlagen)["Verdeling per bevoegd gezag"] == (  # the whole page, as the report shows it
        "<html><head><meta charset='utf-8'></head><body>"
        f"<p>projectId {project}</p><table>"
        "<tr><th>bevoegd gezag</th><th>verzoeknummer</th><th>activiteiten</th><th>bijlagen</th></tr>"
        f"<tr><td>Gemeente Drimmelen</td><td>{drimmelen[0]}</td><td>{drimmelen[1]}</td><td>{drimmelen[2]}</td></tr>"
        f"<tr><td>Waterschap Brabantse Delta</td><td>{waterschap[0]}</td><td>{waterschap[1]}</td>"
        f"<td>{waterschap[2]}</td></tr>"
        "</table></body></html>"
    )
