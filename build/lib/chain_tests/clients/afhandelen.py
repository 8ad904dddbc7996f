"""*Verzoek afhandelen* client, used by VTH systems: referenties, STAM XML, bijlagen (streamed)."""

from __future__ import annotations

from pathlib import Path

import httpx

from chain_tests.clients.base import download, lees, verwacht
from chain_tests.standards import api

PARTIJ = "Verzoek afhandelen"


class AfhandelenClient:
    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def referenties(self, verzoeknummer: str, volgnummer: int | None = None) -> api.Verzoekreferenties:
        """The referenties of a verzoek: of the given version (from the verzoeknotificatie) or the latest."""
        params = {"volgnummer": str(volgnummer)} if volgnummer is not None else None
        r = self.client.get(api.pad(api.AFHANDELEN, verzoeknummer=verzoeknummer), params=params)
        return lees(api.Verzoekreferenties, PARTIJ, r, 200)

    def stam(self, url: str) -> bytes:
        return verwacht(PARTIJ, self.client.get(url)).content

    def download(self, url: str, doel: Path) -> tuple[int, str]:
        """Stream a bijlage to ``doel``; return (bytes, sha256 hex)."""
        return download(self.client, PARTIJ, url, doel)
