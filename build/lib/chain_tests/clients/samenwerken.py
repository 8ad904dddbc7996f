"""*Samenwerken* client (v4-shaped), on behalf of the OIN of the given httpx client's certificate."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
from pydantic import TypeAdapter

from chain_tests.clients.base import download, lees, verwacht
from chain_tests.standards import api

PARTIJ = "Samenwerken"
_DOCS = TypeAdapter(list[api.SwDocument])
_NOTIFICATIES = TypeAdapter(list[api.SwNotificatie])
_JSON = {"Content-Type": "application/json"}


class SamenwerkenClient:
    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def start(self, verzoeknummer: str, titel: str) -> api.Samenwerking:
        body = api.NieuweSamenwerking(verzoeknummer=verzoeknummer, titel=titel).json_bytes()
        return lees(api.Samenwerking, PARTIJ, self.client.post(api.SW_SAMENWERKINGEN, content=body, headers=_JSON), 201)

    def nodig_uit(self, samenwerking_id: str, oin: str, privilege: api.Privilege) -> None:
        body = api.Deelnemer(oin=oin, privilege=privilege).json_bytes()
        verwacht(
            PARTIJ,
            self.client.post(api.pad(api.SW_DEELNEMERS, samenwerking_id=samenwerking_id), content=body, headers=_JSON),
            201,
        )

    def deel(self, samenwerking_id: str, meta: api.NieuwSwDocument, inhoud: Iterator[bytes]) -> api.SwDocument:
        r = self.client.post(
            api.pad(api.SW_DOCUMENTEN, samenwerking_id=samenwerking_id), content=meta.json_bytes(), headers=_JSON
        )
        doc = lees(api.SwDocument, PARTIJ, r, 201)
        return lees(api.SwDocument, PARTIJ, self.client.put(doc.upload_url or "", content=inhoud))

    def documenten(self, samenwerking_id: str) -> list[api.SwDocument]:
        r = verwacht(PARTIJ, self.client.get(api.pad(api.SW_DOCUMENTEN, samenwerking_id=samenwerking_id)))
        return _DOCS.validate_json(r.content)

    def download(self, samenwerking_id: str, document_id: str, doel: Path) -> tuple[int, str]:
        url = api.pad(api.SW_DOCUMENT_INHOUD, samenwerking_id=samenwerking_id, document_id=document_id)
        return download(self.client, PARTIJ, url, doel)

    def vraag(self, samenwerking_id: str, verzoek: api.NieuwActieverzoek) -> api.Actieverzoek:
        r = self.client.post(
            api.pad(api.SW_ACTIEVERZOEKEN, samenwerking_id=samenwerking_id), content=verzoek.json_bytes(), headers=_JSON
        )
        return lees(api.Actieverzoek, PARTIJ, r, 201)

    def actieverzoek(self, samenwerking_id: str, actieverzoek_id: str) -> api.Actieverzoek:
        url = api.pad(api.SW_ACTIEVERZOEK, samenwerking_id=samenwerking_id, actieverzoek_id=actieverzoek_id)
        return lees(api.Actieverzoek, PARTIJ, self.client.get(url))

    def gereedmelden(self, samenwerking_id: str, actieverzoek_id: str, document_ids: list[str]) -> api.Actieverzoek:
        url = api.pad(api.SW_GEREEDMELDEN, samenwerking_id=samenwerking_id, actieverzoek_id=actieverzoek_id)
        body = api.Gereedmelding(document_ids=document_ids).json_bytes()
        return lees(api.Actieverzoek, PARTIJ, self.client.post(url, content=body, headers=_JSON))

    def trek_in(self, samenwerking_id: str, actieverzoek_id: str) -> api.Actieverzoek:
        url = api.pad(api.SW_INTREKKEN, samenwerking_id=samenwerking_id, actieverzoek_id=actieverzoek_id)
        return lees(api.Actieverzoek, PARTIJ, self.client.post(url))

    def notificaties(self, sinds: int = 0) -> list[api.SwNotificatie]:
        r = verwacht(PARTIJ, self.client.get(api.SW_NOTIFICATIES, params={"sinds": sinds}))
        return _NOTIFICATIES.validate_json(r.content)
