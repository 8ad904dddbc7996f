"""The ZGW face of one reference VTH: the three components' operations bound to the endpoint table, each refusal
(an :class:`~mocks.vth.zgw.toegang.Afgewezen`) turned into its problem+json answer."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from chain_tests.standards import operaties as o
from chain_tests.standards import zgw
from mocks._infra.routing import Route
from mocks.vth.zgw.bron import ZaakBron
from mocks.vth.zgw.catalogus import Catalogus
from mocks.vth.zgw.documenten import DocumentenApi
from mocks.vth.zgw.toegang import Afgewezen
from mocks.vth.zgw.weergave import Weergave
from mocks.vth.zgw.zaken import ZakenApi

Handler = Callable[[httpx.Request, dict[str, str]], httpx.Response]
_NS = uuid.UUID("2f4a3c1e-7a1b-4c5d-8e9f-5a6b7c8d9e0f")


def _zonder_uitzondering(handler: Handler) -> Handler:
    def behandel(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        try:
            return handler(request, p)
        except Afgewezen as exc:
            return exc.antwoord

    return behandel


@dataclass
class ZgwGezicht:
    bron: ZaakBron
    weergave: Weergave = field(init=False)

    def __post_init__(self) -> None:
        basis = self.bron.base_url.rstrip("/")
        ns = uuid.uuid5(_NS, self.bron.oin)
        catalogus = Catalogus(basis + zgw.CATALOGI_ROOT, ns)
        self.weergave = Weergave(self.bron, basis + zgw.ZAKEN_ROOT, basis + zgw.DOCUMENTEN_ROOT, catalogus)

    def routes(self) -> list[Route]:
        zaken, documenten, catalogus = ZakenApi(self.weergave), DocumentenApi(self.weergave), self.weergave.catalogus
        paren: list[tuple[o.Operatie, Handler]] = [
            (o.ZGW_ZAKEN, zaken.zaken_lezen),
            (o.ZGW_ZAAK, zaken.zaak_lezen),
            (o.ZGW_ZOEK, zaken.zoek),
            (o.ZGW_ZAAKOBJECTEN, zaken.zaakobjecten_lezen),
            (o.ZGW_ZAAKOBJECT, zaken.zaakobject_lezen),
            (o.ZGW_STATUSSEN, zaken.statussen_lezen),
            (o.ZGW_STATUS_ZETTEN, zaken.status_zetten),
            (o.ZGW_STATUS, zaken.status_lezen),
            (o.ZGW_RESULTATEN, zaken.resultaten_lezen),
            (o.ZGW_RESULTAAT_ZETTEN, zaken.resultaat_zetten),
            (o.ZGW_RESULTAAT, zaken.resultaat_lezen),
            (o.ZGW_ZIO, zaken.zios_lezen),
            (o.ZGW_EIGENSCHAPPEN, zaken.eigenschappen_lezen),
            (o.ZGW_EIOS, documenten.lijst),
            (o.ZGW_EIO, documenten.lezen),
            (o.ZGW_DOWNLOAD, documenten.download),
            (o.ZGW_ZAAKTYPE, catalogus.zaaktype_lezen),
            (o.ZGW_STATUSTYPEN, catalogus.statustypen_lezen),
            (o.ZGW_STATUSTYPE, catalogus.statustype_lezen),
            (o.ZGW_RESULTAATTYPEN, catalogus.resultaattypen_lezen),
            (o.ZGW_RESULTAATTYPE, catalogus.resultaattype_lezen),
        ]
        return [Route(operatie, _zonder_uitzondering(handler)) for operatie, handler in paren]
