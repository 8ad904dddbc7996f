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
