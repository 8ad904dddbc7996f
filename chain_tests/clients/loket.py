"""Omgevingsloket clients: vergunningcheck, and *Verzoek indienen* (v4-shaped) with streamed documents."""

from __future__ import annotations

from collections.abc import Iterator

import httpx

from chain_tests.clients.base import lees
from chain_tests.standards import api
from chain_tests.streams import METER, Hasher

PARTIJ = "Omgevingsloket"


class LoketClient:
    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def vergunningcheck(self, vraag: api.VergunningcheckVraag) -> api.VergunningcheckAntwoord:
        r = self.client.post(
            api.VERGUNNINGCHECK, content=vraag.json_bytes(), headers={"Content-Type": "application/json"}
        )
        return lees(api.VergunningcheckAntwoord, PARTIJ, r, 200)

    def maak_verzoek(self, bericht: api.Indienbericht) -> api.ConceptVerzoek:
        r = self.client.post(api.INDIENEN, content=bericht.json_bytes(), headers={"Content-Type": "application/json"})
        return lees(api.ConceptVerzoek, PARTIJ, r, 201)

    def voeg_document_toe(
        self, verzoek_id: str, meta: api.DocumentMetadata, inhoud: Iterator[bytes] | Hasher, grootte: int
    ) -> api.DocumentOntvangen:
        """Announce and upload a document; ``inhoud`` as a :class:`Hasher` is hashed once, for the caller and
        the trace alike."""
        path = api.pad(api.INDIENEN_DOCUMENTEN, verzoek_id=verzoek_id)
        r = self.client.post(path, content=meta.json_bytes(), headers={"Content-Type": "application/json"})
        aangemaakt = lees(api.DocumentAangemaakt, PARTIJ, r, 201)
        upload = self.client.put(
            aangemaakt.upload_url,
            content=iter(inhoud),
            headers={"Content-Type": meta.mime_type, "Content-Length": str(grootte)},
            extensions={METER: inhoud} if isinstance(inhoud, Hasher) else None,
        )
        return lees(api.DocumentOntvangen, PARTIJ, upload, 200, 201)

    def dien_in(self, verzoek_id: str) -> api.Ingediend:
        r = self.client.post(api.pad(api.INDIENEN_INDIENEN, verzoek_id=verzoek_id))
        return lees(api.Ingediend, PARTIJ, r, 200)
