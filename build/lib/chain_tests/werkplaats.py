"""The Werkplaats DSO-keten's own structure: its three iteraties and eleven stappen, as the markers, the report
and the register name them. Domain words only; no pytest here."""

from __future__ import annotations

ITERATIES = {
    1: "Iteratie 1: toepasbare regel kappen van een boom, aanvraag, aankomst in het VTH-systeem (stap 5–9)",
    2: "Iteratie 2: behandeldienst, meervoudige aanvraag, advies buurgemeente (stap 8–11)",
    3: "Iteratie 3: Wkb-keten en omgevingsplan publiceren (stap 1–9)",
}
STAPPEN = {
    1: "Omgevingsplan(wijziging) opstellen in de plansoftware",
    2: "Valideren bij de LVBB",
    3: "Publiceren bij de LVBB",
    4: "Controleren in het DSO (OZON, functionele structuur)",
    5: "Activiteit toepasbaar maken in het RTR",
    6: "Toepasbare regels opstellen en verifiëren (STTR)",
    7: "Toepasbare regels aanleveren (publiceren)",
    8: "Vergunningcheck doen en aanvraag of melding indienen in het Omgevingsloket",
    9: "Verzoeknotificatie via Digikoppeling ontvangen, verzoek en bijlagen ophalen: zaak in het VTH-systeem",
    10: "Doorzetten naar behandeldienst of ketenpartner",
    11: "Samenwerken: advies vragen en leveren",
}

#: What a VTH system (through its adapter) may offer beyond receiving a verzoek and showing its zaak: a scenario
#: that needs one declares it (``@pytest.mark.vereist("doorzetten")``); a profile says per VTH what it offers
#: (``kan``). A scenario whose needs a VTH lacks is not played, and the run says why.
VERMOGENS = {
    "zaakstatus": "de behandelaar zet de status van een zaak (in behandeling, afgehandeld) via de adapter",
    "doorzetten": "de behandelaar zet een zaak door naar een behandeldienst via de adapter (stap 10)",
    "lopende_zaken": "het VTH-systeem meldt elke zaakstatus aan MijnOverheid Lopende Zaken",
}
