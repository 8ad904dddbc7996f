"""The Zaken API 1.5 of the reference VTH: zaken (with their filters, ``_zoek`` and the CRS headers), zaakobjecten,
statussen and resultaten (read, and set: the behandelaar moves the zaak on), zaakinformatieobjecten and
zaakeigenschappen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from pydantic import ValidationError

from chain_tests.standards.zgw import modellen as m
from mocks._infra.antwoorden import probleem
from mocks.vth.zgw.toegang import (
    CRS_ANTWOORD,
    Afgewezen,
    antwoord,
    crs,
    filter_op,
    is_url,
    niet_gevonden,
    ongeldig,
    pagina,
    toegang,
)
from mocks.vth.zgw.weergave import Weergave

B = TypeVar("B", bound=m.ZgwModel)
LEZEN = "zaken.lezen"
ZOEKVELDEN = ("identificatie", "bronorganisatie", "zaaktype")


def _body(request: httpx.Request, model: type[B]) -> B:
    """A JSON body as ``model``: 415 for another media type, 400 naming each invalid field."""
    soort = request.headers.get("Content-Type", "").split(";")[0].strip()
    if soort != "application/json":
        detail = f"Media type {soort or '(geen)'!r} wordt niet ondersteund; stuur application/json."
        raise Afgewezen(probleem(request, 415, "Media type niet ondersteund", "unsupported_media_type", detail))
    try:
        return model.model_validate_json(request.read())
    except ValidationError as exc:
        fouten = [(".".join(map(str, e["loc"])) or "nonFieldErrors", e["type"], e["msg"]) for e in exc.errors()]
        ongeldig_ = probleem(request, 400, "Ongeldige invoer", "invalid", "Het verzoek is ongeldig.", *fouten)
        raise Afgewezen(ongeldig_) from None


def _zoekbody(request: httpx.Request, body: m.ZaakZoek) -> None:
    """What the model cannot say: a filter given as null filters nothing (refused, as the spec has no null there),
    and zaaktype is a URL."""
    for naam in body.model_fields_set:
        if getattr(body, naam) is None:
            raise ongeldig(request, naam, "null", f"{naam!r} is null; laat het veld weg om er niet op te filteren.")
    if body.zaaktype is not None and not is_url(body.zaaktype):
        raise ongeldig(request, "zaaktype", "invalid", "'zaaktype' vraagt een geldige URL.")


@dataclass
class ZakenApi:
    weergave: Weergave

    @property
    def zaken(self) -> list[m.Zaak]:
        return [self.weergave.zaak(z) for z in self.weergave.bron.zaken]

    def _zaak_van(self, url: str) -> Any:
        return next((z for z in self.weergave.bron.zaken if self.weergave.zaak_url(z) == url), None)

    # -- zaken -----------------------------------------------------------------------------------------
    def zaken_lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, LEZEN)
        crs(request)
        gevonden = filter_op(request, self.zaken, **{n: _veld(n) for n in ZOEKVELDEN})
        return antwoord(pagina(request, gevonden), "zaken", headers=CRS_ANTWOORD)

    def zaak_lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, LEZEN)
        crs(request)
        gevonden = next((z for z in self.zaken if z.uuid == p["uuid"]), None)
        if gevonden is None:
            raise niet_gevonden(request, f"Zaak {p['uuid']}")
        return antwoord(gevonden, "zaken", headers=CRS_ANTWOORD)

    def zoek(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        """``POST /zaken/_zoek``: the filters of the list in a body (and ``uuid__in``)."""
        toegang(request, LEZEN)
        crs(request)
        filter_op(request, [], page=lambda _: "")  # only 'page' in the query: a filter belongs in the body
        body = _body(request, m.ZaakZoek)
        _zoekbody(request, body)
        gevonden = [
            z
            for z in self.zaken
            if all(getattr(body, n) in (None, getattr(z, n)) for n in ZOEKVELDEN)
            and (body.uuid__in is None or z.uuid in body.uuid__in)
        ]
        return antwoord(pagina(request, gevonden), "zaken", headers=CRS_ANTWOORD)

    # -- zaakobjecten, zaakinformatieobjecten, zaakeigenschappen -----------------------------------------
    def zaakobjecten_lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, LEZEN)
        alle = [zo for z in self.weergave.bron.zaken for zo in self.weergave.zaakobjecten(z)]
        gevonden = filter_op(
            request, alle, zaak=lambda zo: zo.zaak, object=lambda zo: zo.object, objectType=lambda zo: zo.object_type
        )
        return antwoord(pagina(request, gevonden), "zaken")

    def zaakobject_lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, LEZEN)
        alle = [zo for z in self.weergave.bron.zaken for zo in self.weergave.zaakobjecten(z)]
        return antwoord(_een(request, alle, p["uuid"], "Zaakobject"), "zaken")

    def zios_lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, LEZEN)
        alle = [zio for z in self.weergave.bron.zaken for zio in self.weergave.zios(z)]
        gevonden = filter_op(request, alle, zaak=lambda x: x.zaak, informatieobject=lambda x: x.informatieobject)
        return antwoord(gevonden, "zaken")

    def eigenschappen_lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, LEZEN)
        z = next((z for z in self.weergave.bron.zaken if self.weergave.uuid("zaak", z.zaak_id) == p["zaak_uuid"]), None)
        return antwoord(self.weergave.eigenschappen(z) if z else [], "zaken")

    # -- statussen ---------------------------------------------------------------------------------------
    def _statussen(self) -> list[m.Status]:
        w = self.weergave
        return [w.status(z, regel) for z in w.bron.zaken for regel in w.statussen(z)]

    def statussen_lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, LEZEN)
        gevonden = filter_op(request, self._statussen(), zaak=lambda s: s.zaak, statustype=lambda s: s.statustype)
        return antwoord(pagina(request, gevonden), "zaken")

    def status_lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, LEZEN)
        return antwoord(_een(request, self._statussen(), p["uuid"], "Status"), "zaken")

    def status_zetten(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        """A new status: the behandelaar's 'in behandeling' or 'afgehandeld' (after a resultaat, as ZGW asks)."""
        toegang(request, "zaken.aanmaken", "zaken.statussen.toevoegen", "zaken.heropenen")
        body = _body(request, m.NieuweStatus)
        z = self._zaak_van(body.zaak)
        if z is None:
            raise ongeldig(request, "zaak", "does_not_exist", f"Zaak {body.zaak} bestaat niet.")
        status = self.weergave.catalogus.status_van(body.statustype)
        if status is None:
            raise ongeldig(request, "statustype", "does_not_exist", f"Statustype {body.statustype} is onbekend.")
        if status not in ("in behandeling", "afgehandeld"):
            reden = (
                f"De referentie-VTH zet '{status}' zelf (uit de keten); via de Zaken API alleen 'in behandeling' "
                "of 'afgehandeld'."
            )
            raise ongeldig(request, "statustype", "ketentest-niet-ondersteund", reden)
        resultaattype = self.weergave.resultaattype(z)
        if status == "afgehandeld" and resultaattype is None:
            reden = "Een eindstatus vraagt eerst een resultaat (POST /resultaten)."
            raise ongeldig(request, "nonFieldErrors", "resultaat-does-not-exist", reden)
        resultaat = self.weergave.catalogus.resultaattype_van(resultaattype) if resultaattype else None
        nieuw = self.weergave.bron.behandel(z.zaak_id, status, resultaat.omschrijving if resultaat else None)
        assert nieuw is not None  # the zaak was found above
        self.weergave.leg_vast(nieuw, status, body.datum_status_gezet)
        gezet = self.weergave.status(nieuw, self.weergave.statussen(nieuw)[-1])
        return antwoord(gezet, "zaken", 201, {"Location": gezet.url})

    # -- resultaten --------------------------------------------------------------------------------------
    def _resultaten(self) -> list[m.Resultaat]:
        return [r for z in self.weergave.bron.zaken if (r := self.weergave.resultaat(z)) is not None]

    def resultaten_lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, LEZEN)
        gevonden = filter_op(
            request, self._resultaten(), zaak=lambda r: r.zaak, resultaattype=lambda r: r.resultaattype
        )
        return antwoord(pagina(request, gevonden), "zaken")

    def resultaat_lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, LEZEN)
        return antwoord(_een(request, self._resultaten(), p["uuid"], "Resultaat"), "zaken")

    def resultaat_zetten(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, "zaken.bijwerken", "zaken.geforceerd-bijwerken")
        body = _body(request, m.NieuwResultaat)
        z = self._zaak_van(body.zaak)
        if z is None:
            raise ongeldig(request, "zaak", "does_not_exist", f"Zaak {body.zaak} bestaat niet.")
        if self.weergave.catalogus.resultaattype_van(body.resultaattype) is None:
            raise ongeldig(
                request, "resultaattype", "does_not_exist", f"Resultaattype {body.resultaattype} is onbekend."
            )
        if self.weergave.resultaattype(z) is not None:
            raise ongeldig(request, "zaak", "unique", f"Zaak {z.zaak_id} heeft al een resultaat.")
        self.weergave.geheugen.resultaten[z.zaak_id] = body.resultaattype
        gezet = self.weergave.resultaat(z)
        assert gezet is not None  # just recorded
        return antwoord(gezet, "zaken", 201, {"Location": gezet.url})


def _veld(naam: str) -> Callable[[m.Zaak], str]:
    return lambda z: str(getattr(z, naam))


def _een(request: httpx.Request, alle: list[Any], eigen: str, wat: str) -> Any:
    gevonden = next((x for x in alle if x.uuid == eigen), None)
    if gevonden is None:
        raise niet_gevonden(request, f"{wat} {eigen}")
    return gevonden
