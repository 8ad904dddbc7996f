"""VTH adapters: how the harness asks a VTH system whether (and how) a verzoek arrived as a zaak.

The reference VTH in ``mocks/`` is the first implementation (its query API); suppliers add theirs.
"""

from __future__ import annotations

from typing import Protocol

import httpx

from chain_tests.clients.base import verwacht
from chain_tests.standards import api


class VthAdapter(Protocol):
    naam: str

    def zaken(self, verzoeknummer: str) -> list[api.Zaak]:
        """Every zaak the VTH system holds for this verzoeknummer (normally exactly one)."""
        ...

    def zet_door(self, zaak_id: str, naar_oin: str) -> api.Zaak:
        """Step 10: hand the zaak to a behandeldienst (the VTH calls Verzoek afhandelen *doorzetten*)."""
        ...


class ReferentieVthAdapter:
    """Adapter for the reference VTH's query API (``GET /vth/api/v1/zaken?verzoeknummer=``)."""

    def __init__(self, client: httpx.Client, naam: str) -> None:
        self.client, self.naam = client, naam

    def zaken(self, verzoeknummer: str) -> list[api.Zaak]:
        r = verwacht(self.naam, self.client.get(api.VTH_ZAKEN, params={"verzoeknummer": verzoeknummer}))
        return [api.Zaak.model_validate(z) for z in r.json()["zaken"]]

    def zet_door(self, zaak_id: str, naar_oin: str) -> api.Zaak:
        body = api.VthDoorzetten(naar=naar_oin).json_bytes()
        r = self.client.post(
            api.pad(api.VTH_DOORZETTEN, zaak_id=zaak_id), content=body, headers={"Content-Type": "application/json"}
        )
        return api.Zaak.model_validate_json(verwacht(self.naam, r).content)


class InspectieClient:
    """Reads the mocks' own state (offline/served mocks only) to say where a verzoek stopped."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def bezorging(self, verzoeknummer: str) -> api.Bezorgstatus:
        r = verwacht("DSO-LV (mock)", self.client.get(api.pad(api.INSPECTIE_BEZORGING, verzoeknummer=verzoeknummer)))
        return api.Bezorgstatus.model_validate_json(r.content)
