"""*Verzoek afhandelen* client, used by VTH systems: referenties, STAM XML, bijlagen (streamed)."""

from __future__ import annotations

from pathlib import Path

import httpx

from chain_tests.clients.base import lees, verwacht
from chain_tests.standards import api
from chain_tests.streams import CHUNK, schrijf_stream

PARTIJ = "Verzoek afhandelen"


class AfhandelenClient:
    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def referenties(self, verzoeknummer: str) -> api.Verzoekreferenties:
        r = self.client.get(api.AFHANDELEN.format(verzoeknummer=verzoeknummer))
        return lees(api.Verzoekreferenties, PARTIJ, r, 200)

    def stam(self, url: str) -> bytes:
        return verwacht(PARTIJ, self.client.get(url)).content

    def download(self, url: str, doel: Path, max_bytes: int = 64 * 1024**3) -> tuple[int, str]:
        """Stream a bijlage to ``doel``; return (bytes, sha256 hex). Never holds the file in memory."""
        with self.client.stream("GET", url) as r:
            verwacht(PARTIJ, r)
            return schrijf_stream(r.iter_bytes(CHUNK), doel, max_bytes)
