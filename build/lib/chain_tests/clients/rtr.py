"""RTR clients: activiteit toepasbaar maken, regels verifiëren (REST), public read API."""

from __future__ import annotations

import httpx

from chain_tests.clients.base import json_object, lees, verwacht
from chain_tests.standards import api
from chain_tests.standards.sttr.verify import Verificatieresultaat

PARTIJ = "RTR"


class RtrClient:
    def __init__(self, client: httpx.Client, api_key: str) -> None:
        self.client, self.api_key = client, api_key

    def toepasbaar_maken(self, activiteit_id: str, activiteit_naam: str, bevoegd_gezag: str) -> None:
        body = api.ToepasbaarMaken(bevoegd_gezag=bevoegd_gezag, activiteit_naam=activiteit_naam)
        r = self.client.put(
            api.pad(api.RTR_ACTIVITEIT_TOEPASBAAR, activiteit_id=activiteit_id),
            content=body.json_bytes(),
            headers={"Content-Type": "application/json"},
        )
        verwacht(PARTIJ, r, 200, 201)

    def verifieer(self, sttr: bytes) -> Verificatieresultaat:
        r = self.client.post(api.VERIFIEREN, content=sttr, headers={"Content-Type": "application/xml"})
        return lees(Verificatieresultaat, PARTIJ, r, 200)

    def activiteit(self, activiteit_id: str) -> dict[str, object]:
        r = self.client.get(
            api.pad(api.RTR_ACTIVITEIT, activiteit_id=activiteit_id), headers={"x-api-key": self.api_key}
        )
        result = json_object(PARTIJ, verwacht(PARTIJ, r))
        return result

    def regels(self, functionele_structuur_ref: str) -> list[dict[str, object]]:
        r = self.client.get(
            api.RTR_TOEPASBARE_REGELS,
            params={"functioneleStructuurRef": functionele_structuur_ref},
            headers={"x-api-key": self.api_key},
        )
        embedded = json_object(PARTIJ, verwacht(PARTIJ, r)).get("_embedded", {})
        found: list[dict[str, object]] = embedded.get("toepasbareRegels", [])
        return found

    def sttr_bestand(self, regel_id: str) -> bytes:
        r = self.client.get(api.pad(api.RTR_STTR_BESTAND, regel_id=regel_id), headers={"x-api-key": self.api_key})
        return verwacht(PARTIJ, r).content
