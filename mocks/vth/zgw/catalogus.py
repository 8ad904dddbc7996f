"""The reference VTH's zaaktypecatalogus (Catalogi API 1.3): one zaaktype for a verzoek from the Omgevingsloket,
its statustypen (one per zaak status, 'Afgehandeld' the eindstatus) and resultaattypen."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TypeVar

import httpx

from chain_tests.standards import api, zgw
from chain_tests.standards.zgw.modellen import ResultaatType, StatusType, ZgwModel
from mocks.vth.zgw.toegang import antwoord, filter_op, niet_gevonden, pagina, toegang

ZAAKTYPE_IDENTIFICATIE = "DSO-VERZOEK"
#: statustypen in their order; the last is the eindstatus (ZGW: the highest volgnummer)
STATUSSEN = ("ontvangen", "aangevuld", "in behandeling", "overgedragen", "ingetrokken", "afgehandeld")
RESULTATEN = ("Verleend", "Deels verleend", "Geweigerd", "Ingetrokken", "Buiten behandeling gesteld")


def _uuid(ns: uuid.UUID, *delen: str) -> str:
    return str(uuid.uuid5(ns, "|".join(delen)))


class Zaaktype(ZgwModel):
    url: str
    identificatie: str
    omschrijving: str
    catalogus: str
    statustypen: list[str]
    resultaattypen: list[str]


@dataclass
class Catalogus:
    root: str  # the Catalogi API root, without a trailing slash
    ns: uuid.UUID

    @property
    def zaaktype(self) -> str:
        return self.root + api.pad(zgw.ZAAKTYPE, uuid=_uuid(self.ns, "zaaktype"))

    def statustypen(self) -> list[StatusType]:
        return [
            StatusType(
                url=self.root + api.pad(zgw.STATUSTYPE, uuid=_uuid(self.ns, "statustype", s)),
                omschrijving=zgw.STATUS_OMSCHRIJVINGEN[s],
                zaaktype=self.zaaktype,
                zaaktype_identificatie=ZAAKTYPE_IDENTIFICATIE,
                catalogus=self.root + "/catalogussen/" + _uuid(self.ns, "catalogus"),
                volgnummer=i,
                is_eindstatus=s == STATUSSEN[-1],
                zaakobjecttype=self.root + "/zaakobjecttypen/" + _uuid(self.ns, "zaakobjecttype"),
            )
            for i, s in enumerate(STATUSSEN, start=1)
        ]

    def resultaattypen(self) -> list[ResultaatType]:
        return [
            ResultaatType(
                url=self.root + api.pad(zgw.RESULTAATTYPE, uuid=_uuid(self.ns, "resultaattype", r)),
                omschrijving=r,
                zaaktype=self.zaaktype,
                zaaktype_identificatie=ZAAKTYPE_IDENTIFICATIE,
                resultaattypeomschrijving=self.root + "/resultaattypeomschrijvingen/" + _uuid(self.ns, "rto", r),
                omschrijving_generiek=r,
                selectielijstklasse=self.root + "/selectielijstklassen/" + _uuid(self.ns, "slk", r),
            )
            for r in RESULTATEN
        ]

    def statustype_van(self, status: str) -> StatusType:
        """The statustype that stands for a zaak status of the reference VTH."""
        return self.statustypen()[STATUSSEN.index(status)]

    def status_van(self, statustype: str) -> str | None:
        """The zaak status a statustype URL stands for (None: not of this catalogue)."""
        return next((s for s, t in zip(STATUSSEN, self.statustypen(), strict=True) if t.url == statustype), None)

    def resultaattype_van(self, url: str) -> ResultaatType | None:
        return next((r for r in self.resultaattypen() if r.url == url), None)

    # -- the Catalogi API's operations ---------------------------------------------------------------
    def zaaktype_lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, "catalogi.lezen", "documenten.lezen", "zaken.lezen")
        if self.root + api.pad(zgw.ZAAKTYPE, uuid=p["uuid"]) != self.zaaktype:
            raise niet_gevonden(request, f"Zaaktype {p['uuid']}")
        typen = Zaaktype(
            url=self.zaaktype,
            identificatie=ZAAKTYPE_IDENTIFICATIE,
            omschrijving="Verzoek via het Omgevingsloket",
            catalogus=self.root + "/catalogussen/" + _uuid(self.ns, "catalogus"),
            statustypen=[t.url for t in self.statustypen()],
            resultaattypen=[r.url for r in self.resultaattypen()],
        )
        return antwoord(typen, "catalogi")

    def statustypen_lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, "catalogi.lezen")
        gevonden = filter_op(request, self.statustypen(), zaaktype=lambda t: t.zaaktype)
        return antwoord(pagina(request, gevonden), "catalogi")

    def statustype_lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, "catalogi.lezen")
        return antwoord(_een(request, self.statustypen(), p["uuid"], "Statustype"), "catalogi")

    def resultaattypen_lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, "catalogi.lezen")
        gevonden = filter_op(request, self.resultaattypen(), zaaktype=lambda r: r.zaaktype)
        return antwoord(pagina(request, gevonden), "catalogi")

    def resultaattype_lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, "catalogi.lezen")
        return antwoord(_een(request, self.resultaattypen(), p["uuid"], "Resultaattype"), "catalogi")


T = TypeVar("T", StatusType, ResultaatType)


def _een(request: httpx.Request, typen: list[T], eigen: str, wat: str) -> T:
    """The type whose URL ends in ``eigen``; 404 otherwise."""
    gevonden = next((t for t in typen if t.url.endswith("/" + eigen)), None)
    if gevonden is None:
        raise niet_gevonden(request, f"{wat} {eigen}")
    return gevonden
