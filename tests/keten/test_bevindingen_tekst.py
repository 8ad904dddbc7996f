"""Each finding's full Dutch text, pinned: the code, stap and party, and the samenvatting, verwacht and gezien
that end up in a supplier's ticket and a gemeente's escalation. One faulty mock per row."""

from __future__ import annotations

import re

import pytest

from chain_tests import (
    AfhandelenFouten,
    Fouten,
    Keten,
    KetenBevinding,
    LoketFouten,
    LvbbFouten,
    OzonFouten,
    RtrFouten,
    VthFouten,
    laad_casus,
    speel_casus,
)
from tests.bouwstenen import DRIMMELEN, LELYSTAD, ROOT, gegenereerd_sha256
from tests.catalogus import zoals_in_catalogus

CASUSSEN = ROOT / "scenarios" / "casussen"
#: the situatietekening of the casus (180 KiB, generated) as sent, and as the faulty VTH stores it
SITUATIE = gegenereerd_sha256("situatietekening.pdf", 184320)
VERMINKT = gegenereerd_sha256("situatietekening.pdf", 184320, eerste_byte_omgedraaid=True)
D = DRIMMELEN
L = LELYSTAD
VP, ONTBREEKT = "iteratie1/kappen-boom-vergunningplicht", "iteratie1/kappen-boom-bijlage-ontbreekt"
ZAAK = (
    "de zaak klopt niet met wat is ingediend",
    "alle activiteiten, antwoorden en bijlagen (zelfde sha256) die voor Gemeente Drimmelen zijn ingediend, "
    "en niets anders",
)
VTH_D = "VTH-systeem Gemeente Drimmelen"
LOKET = "Omgevingsloket (indienen)"
VERLOREN = "verzoeknotificatie aan Gemeente Drimmelen, of een melding aan de aanvrager"
PLAN = "iteratie3/plan-kappen-boom-made"
VAL = "ketentest_val_plan-kappen-boom-made_20260105090000"

#: (fault, casus, code, stap, partij, samenvatting, verwacht, gezien as a regular expression, verzoeknummer)
GEVALLEN = [
    (Fouten(vth={D: VthFouten(laat_bijlage_vallen=True)}), VP, "KB-ZAAK-ONVOLLEDIG", 9, VTH_D, *ZAAK,
     re.escape("bijlage 'foto-boom.jpg' ontbreekt"), "3000001"),
    (Fouten(vth={D: VthFouten(bevestigt_niet=True)}), VP, "KB-GEEN-ACK", 9, "Digikoppeling-endpoint Gemeente Drimmelen",
     "de zaak is aangemaakt, maar de verzoeknotificatie is niet bevestigd (geen ebMS Acknowledgment)",
     "een Acknowledgment op de verzoeknotificatie",
     re.escape("status mislukt na 4 poging(en); laatste fout: geen Acknowledgment na 4 pogingen"), "3000001"),
    (Fouten(vth={D: VthFouten(bevestigt_dubbel=True)}), VP, "KB-DUBBELE-ACK", 9,
     "Digikoppeling-endpoint Gemeente Drimmelen",
     "het Digikoppeling-endpoint bevestigde de verzoeknotificatie vaker dan zij binnenkwam",
     "één ebMS Acknowledgment per ontvangen bericht (ook een herhaald bericht krijgt er één)",
     re.escape("2 Acknowledgments op 1 bezorging(en) van hetzelfde bericht"), "3000001"),
    (Fouten(loket=LoketFouten(bezorgt_niet=True)), VP, "KB-STIL-VERLOREN", 9, "DSO-LV (Omgevingsloket)",
     "het verzoek is stil verloren gegaan: niet bezorgd en de aanvrager is niets gemeld", VERLOREN,
     "geen notificatie binnen 120 s en geen melding aan de aanvrager", "3000001"),
    (Fouten(vth={D: VthFouten(laat_antwoord_vallen=True)}), VP, "KB-ZAAK-ONVOLLEDIG", 9, VTH_D, *ZAAK,
     re.escape("antwoord op vraag uitv__69e327ff-f248-5f63-842d-b768485c162d ontbreekt"), "3000001"),
    (Fouten(vth={D: VthFouten(haalt_niet_op=True)}), VP, "KB-NIET-OPGEHAALD", 9, VTH_D,
     "het verzoek is niet opgehaald bij Verzoek afhandelen", "ophalen van verzoekreferenties, STAM en bijlagen",
     "notificatie bevestigd, maar niets opgehaald binnen 120 s", "3000001"),
    (Fouten(vth={D: VthFouten(maakt_geen_zaak=True)}), VP, "KB-GEEN-ZAAK", 9, VTH_D,
     "het verzoek is opgehaald maar er is geen zaak aangemaakt", "een zaak met dit verzoeknummer",
     re.escape("opgehaald (2 bijlage(n)); geen zaak binnen 120 s"), "3000001"),
    (Fouten(vth={D: VthFouten(dubbele_zaak=True)}), VP, "KB-DUBBELE-ZAAK", 9, VTH_D,
     "meer dan één zaak voor één verzoeknummer", "precies één zaak per verzoeknummer (ook na aanvulling of intrekking)",
     re.escape("ZAAK-00001 (volgnummer 1), ZAAK-00002 (volgnummer 1)"), "3000001"),
    (Fouten(vth={D: VthFouten(verminkt_bijlage=True)}), VP, "KB-ZAAK-ONVOLLEDIG", 9, VTH_D, *ZAAK,
     re.escape(f"bijlage 'situatietekening.pdf' wijkt af: 184320 bytes, sha256 {VERMINKT[:12]}… in plaats van "
               f"184320 bytes, sha256 {SITUATIE[:12]}…"), "3000001"),
    (Fouten(rtr=RtrFouten(weigert_toepasbaar=True)), VP, "KB-RTR-TOEPASBAAR", 5, "RTR",
     "activiteit kon niet toepasbaar worden gemaakt", "activiteit nl.imow-gm1719.activiteit.KappenBoom toepasbaar",
     re.escape("[KT-HTTP-500] RTR weigerde PUT /overheid/toepasbare-regels/api/rtrbeheer/v1/activiteiten/"
               "nl.imow-gm1719.activiteit.KappenBoom (HTTP 500): Interne fout — RTR-500: Het RTR kon de activiteit "
               "niet verwerken."), None),
    (Fouten(rtr=RtrFouten(verliest_regels=True)), VP, "KB-RTR-NIET-OPVRAAGBAAR", 7, "RTR",
     "gepubliceerde regels niet opvraagbaar via de RTR-API",
     "STTR-bestand bij http://toepasbare-regels.omgevingswet.overheid.nl/00000001001719001000/id/concept/"
     "Conclusienl.imow-gm1719.activiteit.KappenBoom",
     re.escape("0 treffer(s), 0 bytes (anders dan aangeleverd)"), None),
    (Fouten(loket=LoketFouten(negeert_regels=True)), VP, "KB-CONCLUSIE", 8, "Omgevingsloket (vergunningcheck)",
     "de vergunningcheck geeft een andere conclusie", "Vergunningplicht",
     re.escape("Toestemmingsvrij (uitkomsten ['Toestemmingsvrij'])"), None),
    (Fouten(loket=LoketFouten(verminkt_upload=True)), VP, "KB-UPLOAD", 8, LOKET,
     "bijlage situatietekening.pdf kwam anders aan bij het Omgevingsloket",
     f"184320 bytes, sha256 {SITUATIE}",
     "184320 bytes, sha256 " + "0" * 64, None),
    (Fouten(loket=LoketFouten(accepteert_alles=True)), ONTBREEKT, "KB-AANVRAAG-NIET-GEWEIGERD", 8, LOKET,
     "de aanvraag werd aangenomen terwijl de indieningsvereisten niet zijn vervuld", "weigering met melding",
     re.escape("verzoeknummers {'00000001001719001000': '3000001'}"), None),
    (Fouten(loket=LoketFouten(vage_weigering=True)), ONTBREEKT, "KB-WEIGERING-ONDUIDELIJK", 8, LOKET,
     "de weigering noemt niet wat er ontbreekt", "melding met 'Situatietekening kappen'",
     re.escape("De aanvraag is onvolledig."), None),
    (Fouten(loket=LoketFouten(routeert_naar=L)), VP, "KB-GEEN-VERZOEK", 8, "Omgevingsloket",
     "het Omgevingsloket maakte geen verzoek voor dit bevoegd gezag",
     "verzoek voor Gemeente Drimmelen (00000001001719001000)",
     re.escape("verzoeken voor Gemeente Lelystad (00000001005024249000)"), None),
    (Fouten(vth={D: VthFouten(haalt_geen_bijlagen=True)}), "iteratie2/meervoudig-met-bijlagen", "KB-ZAAK-ONVOLLEDIG", 9,
     VTH_D, *ZAAK, re.escape("4 bijlage(n) ontbreken: 'situatietekening-kap.pdf', 'foto-es.jpg', "
                             "'tekening-uitweg.pdf', 'bouwtekening-groot.pdf'"), "3000001"),
    (Fouten(loket=LoketFouten(kopie_naar_bevoegd_gezag=True)), "iteratie2/kappen-boom-behandeldienst",
     "KB-ONTERECHTE-ZAAK", 9, VTH_D, "een zaak bij een organisatie die het verzoek niet behandelt",
     "geen zaak (een ander behandelt het verzoek)", "ZAAK-00001", "3000001"),
    (Fouten(afhandelen=AfhandelenFouten(verbergt_routering=True)), "iteratie2/kappen-boom-behandeldienst",
     "KB-ROUTERING", 10, "DSO-LV (verzoeksroutering)",
     "de routering naar de behandeldienst is niet zichtbaar in het verzoek",
     "uitvoerendeInstantie Omgevingsdienst Midden- en West-Brabant (00000001008888001000)",
     "uitvoerendeInstantie leeg", "3000001"),
    (Fouten(weigert_behandeldienst=True), "iteratie2/kappen-boom-behandeldienst", "KB-ROUTERING", 10,
     "DSO-LV (verzoeksroutering)", "de behandeldienst kon niet worden ingesteld",
     "Omgevingsdienst Midden- en West-Brabant ingesteld",
     re.escape("[KT-HTTP-503] Verzoeksroutering weigerde PUT /overheid/verzoeksroutering/api/behandeldienst/v2/"
               "activiteiten/nl.imow-gm1719.activiteit.KappenBoom (HTTP 503): Niet beschikbaar — ROUTERING-503: "
               "De verzoeksroutering is tijdelijk niet beschikbaar."), None),
    (Fouten(loket=LoketFouten(splitst_niet=True)), "iteratie2/meervoudig-zonder-bijlagen", "KB-ZAAK-ONVOLLEDIG", 9,
     VTH_D, *ZAAK, "activiteit Werkzaamheden in de beschermingszone van een waterkering hoort bij een ander "
     "bevoegd gezag", "3000001"),
    (Fouten(loket=LoketFouten(project_id_per_verzoek=True)), "iteratie2/meervoudig-zonder-bijlagen",
     "KB-ZAAK-ONVOLLEDIG", 9, VTH_D, *ZAAK, "projectId [0-9a-f-]{36} in plaats van [0-9a-f-]{36}", "3000001"),
    (Fouten(afhandelen=AfhandelenFouten(onbeschikbaar=10_000)), VP, "KB-OPHALEN-MISLUKT", 9,
     "DSO-LV (Verzoek afhandelen)", "het VTH-systeem kon het verzoek niet ophalen bij Verzoek afhandelen",
     "verzoekreferenties, STAM en bijlagen leverbaar aan de behandelaar die genotificeerd is",
     r"\d+ poging\(en\) binnen 120 s; laatste fout: " + re.escape(
         "[KT-HTTP-503] Verzoek afhandelen weigerde GET /overheid/verzoeken/api/afhandelen/v2/verzoeken/3000001 "
         "(HTTP 503): Tijdelijk niet beschikbaar — AFH-503: Verzoek afhandelen is tijdelijk niet beschikbaar."),
     "3000001"),
    (Fouten(vth={D: VthFouten(maakt_alles_aanvraag=True)}), "iteratie1/kappen-boom-meldingsplicht",
     "KB-ZAAK-ONVOLLEDIG", 9, VTH_D, *ZAAK,
     re.escape("verzoektype 'Aanvraag vergunning' in plaats van 'Melding'"), "3000001"),
    (Fouten(lvbb=LvbbFouten(antwoordt_niet=True)), PLAN, "KB-LVBB-GEEN-ANTWOORD", 2, "LVBB",
     "geen validatieverslag van de LVBB binnen 300 s",
     "een validatieVerzoekResultaat met een uitkomst voor idLevering " + VAL,
     "de LVBB ontving de levering maar stuurde geen eindverslag", None),
    (Fouten(lvbb=LvbbFouten(keurt_af=True)), PLAN, "KB-LVBB-NIET-VALIDE", 2, "LVBB",
     "de LVBB keurde een aanlevering af die de harness valide bouwde (validatie)", "uitkomst valide",
     re.escape("niet-valide: LVBB3504: Het informatieobject (opzettelijke fout in de mock) is niet aangeleverd, "
               "maar staat wel in de lijst met informatieobjectRefs bij de BesluitMetadata."), None),
    (Fouten(lvbb=LvbbFouten(valideert_niet=True)), "iteratie3/lvbb1501-datum-bekendmaking-verleden",
     "KB-LVBB-MELDING", 2, "LVBB", "de LVBB gaf niet de melding die bij deze fout in de aanlevering hoort",
     "uitkomst niet-valide of behandeling-afgebroken met LVBB1501", "valide: geen foutmeldingen", None),
    (Fouten(lvbb=LvbbFouten(slaat_voortgang_over=True)), PLAN, "KB-LVBB-VOORTGANG", 3, "LVBB",
     "de publicatie doorliep niet de stappen van het bronhouderkoppelvlak",
     "validatie-voltooid → registratie-voltooid → gepubliceerd (met tijdstipPublicatie)",
     "validatie-voltooid → gepubliceerd", None),
    (Fouten(lvbb=LvbbFouten(levert_niet_door=True)), PLAN, "KB-OZON-ONTBREEKT", 4, "LVBB (doorlevering naar OZON)",
     "de publicatie komt niet in OZON",
     "de gepubliceerde regeling, activiteiten en locaties in OZON (na de synchronisatietijd)",
     re.escape("regeling /akn/nl/act/gm1719/2026/OmgevingsplanBomenMade niet in OZON na 300 s; de LVBB leverde "
               "niet door (geen poging)"), None),
    (Fouten(ozon=OzonFouten(verschuift_geometrie=True)), PLAN, "KB-OZON-GEOMETRIE", 4, "OZON",
     "OZON toont een andere geometrie dan gepubliceerd",
     "de polygoon van nl.imow-gm1719.gebied.BomenMade uit de GIO (4000000 m²)",
     "4000000 m², 780000 m² verschil", None),
    (Fouten(ozon=OzonFouten(synchroniseert_niet=True)), PLAN, "KB-FUNCTIONELE-STRUCTUUR", 4,
     "DSO-LV (OZON → RTR functionele structuur)", "de activiteit komt niet in de functionele structuur",
     "activiteit nl.imow-gm1719.activiteit.KappenBoomMade in de functionele structuur van Gemeente Drimmelen",
     re.escape("niet gevonden na 300 s (OZON toont haar wel)"), None),
    (Fouten(loket=LoketFouten(verliest_groot_vanaf=10 * 1024 * 1024, meldt_verlies=True)),
     "iteratie2/meervoudig-met-bijlagen", "KB-NIET-BEZORGD-GEMELD", 9, "DSO-LV (Omgevingsloket)",
     "het verzoek is niet bezorgd; de aanvrager heeft wel een melding gekregen", VERLOREN,
     re.escape("geen notificatie binnen 120 s; melding aan aanvrager: 'Uw aanvraag 3000001 kon niet worden "
               "verwerkt. Dien de aanvraag opnieuw in of neem contact op met het bevoegd gezag.'"), "3000001"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("casus", "code", "stap", "partij", "samenvatting", "verwacht", "gezien", "verzoeknummer"),
    [
        pytest.param(*rest, marks=pytest.mark.keten_fouten(f), id=f"{rest[1]}-{i}")
        for i, (f, *rest) in enumerate(GEVALLEN)
    ],
)
def test_the_finding_says_exactly_this(
    keten: Keten,
    casus: str,
    code: str,
    stap: int,
    partij: str,
    samenvatting: str,
    verwacht: str,
    gezien: str,
    verzoeknummer: str | None,
) -> None:
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, laad_casus(CASUSSEN / f"{casus}.yaml"))
    zoals_in_catalogus(info.value)
    b = info.value
    assert (b.code, b.stap, b.partij, b.samenvatting, b.verwacht) == (code, stap, partij, samenvatting, verwacht)
    assert re.fullmatch(gezien, b.gezien), b.gezien
    assert b.verzoeknummer == verzoeknummer
    regels = str(b).splitlines()
    assert regels[0] == f"[{code}] Stap {stap} – {partij}: {samenvatting}"
    assert regels[-2:] == [f"  verwacht: {verwacht}", f"  gezien:   {b.gezien}"]
    assert (f"  verzoeknummer: {verzoeknummer}" in regels) == (verzoeknummer is not None)
