"""Plan keten clients: the plansoftware's API, OZON's read side (Presenteren v8-shaped), the RTR's
functionele structuur."""

from __future__ import annotations

import httpx

from chain_tests.clients.base import lees, verwacht
from chain_tests.standards import api, planketen


class PlansoftwareClient:
    PARTIJ = "Plansoftware"

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def lever_aan(self, opdracht_zip: bytes) -> planketen.PlanLevering:
        r = self.client.post(
            planketen.PLAN_LEVERINGEN, content=opdracht_zip, headers={"Content-Type": "application/zip"}
        )
        return lees(planketen.PlanLevering, self.PARTIJ, r, 202)

    def levering(self, id_levering: str, soort: str) -> planketen.PlanLevering | None:
        r = self.client.get(api.pad(planketen.PLAN_LEVERING, id_levering=id_levering), params={"soort": soort})
        return None if r.status_code == 404 else lees(planketen.PlanLevering, self.PARTIJ, r, 200)


class OzonClient:
    PARTIJ = "OZON"

    def __init__(self, client: httpx.Client, api_key: str) -> None:
        self.client, self.headers = client, {"x-api-key": api_key}

    def _haal(self, pad: str) -> httpx.Response | None:
        r = self.client.get(pad, headers=self.headers)
        return None if r.status_code == 404 else verwacht(self.PARTIJ, r)

    def regeling(self, work: str) -> planketen.OzonRegeling | None:
        r = self.client.get(planketen.OZON_REGELINGEN, params={"workIdentificatie": work}, headers=self.headers)
        gevonden = lees(planketen.OzonRegelingen, self.PARTIJ, r, 200).regelingen
        return gevonden[0] if gevonden else None

    def activiteit(self, identificatie: str) -> planketen.OzonActiviteit | None:
        r = self._haal(api.pad(planketen.OZON_ACTIVITEIT, identificatie=identificatie))
        return lees(planketen.OzonActiviteit, self.PARTIJ, r) if r is not None else None

    def locatie(self, identificatie: str) -> planketen.OzonLocatie | None:
        r = self._haal(api.pad(planketen.OZON_LOCATIE, identificatie=identificatie))
        return lees(planketen.OzonLocatie, self.PARTIJ, r) if r is not None else None

    def geometrie(self, identificatie: str) -> planketen.Geometrie | None:
        r = self._haal(api.pad(planketen.GEOMETRIE, identificatie=identificatie))
        return lees(planketen.Geometrie, self.PARTIJ, r) if r is not None else None


class StructuurClient:
    """The RTR's functionele structuur (read side)."""

    PARTIJ = "RTR (functionele structuur)"

    def __init__(self, client: httpx.Client, api_key: str) -> None:
        self.client, self.headers = client, {"x-api-key": api_key}

    def activiteit(self, bevoegd_gezag: str, activiteit_id: str) -> planketen.FsActiviteit | None:
        pad = api.pad(planketen.RTR_FS_ACTIVITEIT, bevoegd_gezag=bevoegd_gezag, activiteit_id=activiteit_id)
        r = self.client.get(pad, headers=self.headers)
        return None if r.status_code == 404 else lees(planketen.FsActiviteit, self.PARTIJ, r, 200)
