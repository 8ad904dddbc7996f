"""The part of the ZGW APIs that ketentest uses, as OpenAPI documents (docs/contract/zgw/): derived from Zaken API
1.5.1, Documenten API 1.4.3 and Catalogi API 1.3.1 (VNG Realisatie, EUPL-1.2), not a copy of them.

Each operation the adapter calls or the reference VTH's ZGW face serves is described with the specification's
path (relative to the component's API root), its scopes, the query parameters ketentest uses, the CRS headers,
the request body and the answers with their media types; each resource with the fields ketentest reads or
writes and the fields the specification *requires* (:data:`VEREIST`, transcribed from the specifications). The
tests check every exchange of the adapter and the mock against these documents, and, when the official
documents are at hand (``KETENTEST_ZGW_SPECS``), against those too and these documents' schemas against theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from chain_tests.standards import zgw
from chain_tests.standards.zgw import modellen as m

Soort = Literal["object", "pagina", "lijst", "binair"]
_REF = "#/components/schemas/{model}"

#: the fields each resource carries in an answer (request bodies: the writable ones), as the specifications
#: require them
VEREIST: dict[type[BaseModel], tuple[str, ...]] = {
    m.Zaak: (
        "betalingsindicatieWeergave",
        "bronorganisatie",
        "deelzaken",
        "eigenschappen",
        "einddatum",
        "resultaat",
        "rollen",
        "startdatum",
        "status",
        "url",
        "uuid",
        "verantwoordelijkeOrganisatie",
        "zaakinformatieobjecten",
        "zaakobjecten",
        "zaaktype",
    ),
    m.ZaakKenmerk: ("bron", "kenmerk"),
    m.ZaakObject: ("objectType", "url", "uuid", "zaak"),
    m.NieuweStatus: ("datumStatusGezet", "statustype", "zaak"),
    m.Status: (
        "datumStatusGezet",
        "indicatieLaatstGezetteStatus",
        "statustype",
        "url",
        "uuid",
        "zaak",
        "zaakinformatieobjecten",
    ),
    m.NieuwResultaat: ("resultaattype", "zaak"),
    m.Resultaat: ("resultaattype", "url", "uuid", "zaak"),
    m.ZaakEigenschap: ("eigenschap", "naam", "url", "uuid", "waarde", "zaak"),
    m.ZaakInformatieObject: ("aardRelatieWeergave", "informatieobject", "registratiedatum", "url", "uuid", "zaak"),
    m.Integriteit: ("algoritme", "datum", "waarde"),
    m.EnkelvoudigInformatieObject: (
        "auteur",
        "beginRegistratie",
        "bestandsdelen",
        "bronorganisatie",
        "creatiedatum",
        "informatieobjecttype",
        "locked",
        "taal",
        "titel",
        "url",
        "versie",
    ),
    m.StatusType: (
        "catalogus",
        "isEindstatus",
        "omschrijving",
        "url",
        "volgnummer",
        "zaakobjecttype",
        "zaaktype",
        "zaaktypeIdentificatie",
    ),
    m.ResultaatType: (
        "besluittypeOmschrijving",
        "informatieobjecttypeOmschrijving",
        "omschrijving",
        "omschrijvingGeneriek",
        "resultaattypeomschrijving",
        "selectielijstklasse",
        "url",
        "zaakobjecttypen",
        "zaaktype",
        "zaaktypeIdentificatie",
    ),
    m.Fout: ("code", "detail", "instance", "status", "title"),
    m.ValidatieFout: ("code", "detail", "instance", "invalidParams", "status", "title"),
    m.FieldValidationError: ("code", "name", "reason"),
}
#: each model's name in the official documents
OFFICIEEL: dict[type[BaseModel], str] = {
    m.NieuweStatus: "Status",
    m.NieuwResultaat: "Resultaat",
    m.Integriteit: "Integriteit",
}


@dataclass(frozen=True)
class ZgwBewerking:
    methode: str
    pad: str  # relative to the component's API root
    samenvatting: str
    scopes: tuple[str, ...]
    soort: Soort
    model: type[BaseModel] | None = None
    query: tuple[str, ...] = ()
    crs: bool = False
    body: type[BaseModel] | None = None
    enkel: bool = False  # one resource by its uuid: it can be missing (404)


_L, _S = ("zaken.lezen",), ("zaken.aanmaken", "zaken.statussen.toevoegen", "zaken.heropenen")
ZAKEN: tuple[ZgwBewerking, ...] = (
    ZgwBewerking("GET", zgw.ZAKEN, "Zaken opvragen", _L, "pagina", m.Zaak, ("identificatie", "bronorganisatie", "zaaktype", "page"), crs=True),  # noqa: E501
    ZgwBewerking("GET", zgw.ZAAK, "Een zaak opvragen", _L, "object", m.Zaak, crs=True, enkel=True),
    ZgwBewerking("POST", zgw.ZAKEN_ZOEK, "Zaken zoeken", _L, "pagina", m.Zaak, ("page",), crs=True, body=m.ZaakZoek),
    ZgwBewerking("GET", zgw.ZAAKOBJECTEN, "Zaakobjecten opvragen", _L, "pagina", m.ZaakObject, ("zaak", "object", "objectType", "page")),  # noqa: E501
    ZgwBewerking("GET", zgw.ZAAKOBJECT, "Een zaakobject opvragen", _L, "object", m.ZaakObject, enkel=True),
    ZgwBewerking("GET", zgw.STATUSSEN, "Statussen opvragen", _L, "pagina", m.Status, ("zaak", "statustype", "page")),
    ZgwBewerking("POST", zgw.STATUSSEN, "Een status zetten", _S, "object", m.Status, body=m.NieuweStatus),
    ZgwBewerking("GET", zgw.STATUS, "Een status opvragen", _L, "object", m.Status, enkel=True),
    ZgwBewerking("GET", zgw.RESULTATEN, "Resultaten opvragen", _L, "pagina", m.Resultaat, ("zaak", "resultaattype", "page")),  # noqa: E501
    ZgwBewerking("POST", zgw.RESULTATEN, "Een resultaat vastleggen", ("zaken.bijwerken", "zaken.geforceerd-bijwerken"), "object", m.Resultaat, body=m.NieuwResultaat),  # noqa: E501
    ZgwBewerking("GET", zgw.RESULTAAT, "Een resultaat opvragen", _L, "object", m.Resultaat, enkel=True),
    ZgwBewerking("GET", zgw.ZAAKINFORMATIEOBJECTEN, "Zaakinformatieobjecten opvragen", _L, "lijst", m.ZaakInformatieObject, ("zaak", "informatieobject")),  # noqa: E501
    ZgwBewerking("GET", zgw.ZAAKEIGENSCHAPPEN, "Zaakeigenschappen opvragen", _L, "lijst", m.ZaakEigenschap),
)  # fmt: skip
_DL = ("documenten.lezen",)
DOCUMENTEN: tuple[ZgwBewerking, ...] = (
    ZgwBewerking("GET", zgw.INFORMATIEOBJECTEN, "Informatieobjecten opvragen", _DL, "pagina", m.EnkelvoudigInformatieObject, ("identificatie", "bronorganisatie", "page")),  # noqa: E501
    ZgwBewerking("GET", zgw.INFORMATIEOBJECT, "Een informatieobject opvragen", _DL, "object", m.EnkelvoudigInformatieObject, enkel=True),  # noqa: E501
    ZgwBewerking("GET", zgw.DOWNLOAD, "De inhoud downloaden", _DL, "binair", enkel=True),
)  # fmt: skip
_CL = ("catalogi.lezen",)
CATALOGI: tuple[ZgwBewerking, ...] = (
    ZgwBewerking("GET", zgw.STATUSTYPEN, "Statustypen opvragen", _CL, "pagina", m.StatusType, ("zaaktype", "page")),
    ZgwBewerking("GET", zgw.STATUSTYPE, "Een statustype opvragen", _CL, "object", m.StatusType, enkel=True),
    ZgwBewerking("GET", zgw.RESULTAATTYPEN, "Resultaattypen opvragen", _CL, "pagina", m.ResultaatType, ("zaaktype", "page")),  # noqa: E501
    ZgwBewerking("GET", zgw.RESULTAATTYPE, "Een resultaattype opvragen", _CL, "object", m.ResultaatType, enkel=True),
)  # fmt: skip

COMPONENTEN: dict[str, tuple[str, str, tuple[ZgwBewerking, ...]]] = {
    "zaken": ("Zaken API", zgw.ZAKEN_ROOT, ZAKEN),
    "documenten": ("Documenten API", zgw.DOCUMENTEN_ROOT, DOCUMENTEN),
    "catalogi": ("Catalogi API", zgw.CATALOGI_ROOT, CATALOGI),
}


def _modellen(bewerkingen: tuple[ZgwBewerking, ...]) -> list[type[BaseModel]]:
    modellen: set[type[BaseModel]] = {m.Fout, m.ValidatieFout}
    for b in bewerkingen:
        modellen |= {x for x in (b.model, b.body) if x is not None}
        if b.soort == "pagina" and b.model is not None:
            modellen.add(m.Pagina[b.model])  # type: ignore[name-defined]  # a generic of a runtime model
    return sorted(modellen, key=lambda x: x.__name__)


def _schemas(bewerkingen: tuple[ZgwBewerking, ...]) -> dict[str, Any]:
    paren = [(x, "serialization") for x in _modellen(bewerkingen)]
    _, schema = models_json_schema(paren, ref_template=_REF, by_alias=True)  # type: ignore[arg-type]
    defs: dict[str, Any] = schema.get("$defs", {})
    namen = {x.__name__: x for x in VEREIST}
    for naam, d in defs.items():
        model = namen.get(naam)
        if model is not None:
            d["required"] = sorted(VEREIST[model])
        if naam.startswith("Pagina"):
            d["required"] = ["count", "results"]
        for veld in d.get("properties", {}).values():
            veld.pop("default", None)
            veld.pop("title", None)
        d.pop("title", None)
    return dict(sorted(defs.items()))


def _probleem(beschrijving: str, validatie: bool = False) -> dict[str, Any]:
    schema = {"$ref": _REF.format(model="ValidatieFout" if validatie else "Fout")}
    return {"description": beschrijving, "content": {"application/problem+json": {"schema": schema}}}


def _antwoorden(b: ZgwBewerking) -> dict[str, Any]:
    if b.soort == "binair":
        goed: dict[str, Any] = {"application/octet-stream": {}}  # OpenAPI 3.1: binary bytes, no schema
    elif b.soort == "lijst":
        goed = {"application/json": {"schema": {"type": "array", "items": {"$ref": _REF.format(model=_naam(b.model))}}}}
    else:
        naam = f"Pagina_{_naam(b.model)}_" if b.soort == "pagina" else _naam(b.model)
        goed = {"application/json": {"schema": {"$ref": _REF.format(model=naam)}}}
    uit: dict[str, Any] = {
        "201" if b.methode == "POST" and b.pad != zgw.ZAKEN_ZOEK else "200": {"description": "gelukt", "content": goed},
        "401": _probleem("geen of een ongeldige JWT"),
        "403": _probleem("de client heeft de scope niet"),
        "500": _probleem("interne fout"),
    }
    if b.query or b.body is not None:
        uit["400"] = _probleem("ongeldige invoer (invalidParams noemt het veld)", validatie=True)
    if b.enkel:
        uit["404"] = _probleem("bestaat niet")
    if b.crs:
        uit["406"] = _probleem("een CRS dat niet wordt ondersteund")
        uit["412"] = _probleem("de header Accept-Crs of Content-Crs ontbreekt")
    if b.body is not None:
        uit["415"] = _probleem("de body is geen application/json")
    return dict(sorted(uit.items()))


def _naam(model: type[BaseModel] | None) -> str:
    assert model is not None
    return model.__name__


def _bewerking(b: ZgwBewerking) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = [  # zaak_uuid: the list of zaakeigenschappen has no refusal for a bad one
        {
            "name": n,
            "in": "path",
            "required": True,
            "schema": {"type": "string"} | ({"format": "uuid"} if b.enkel else {}),
        }
        for n in ("uuid", "zaak_uuid")
        if "{" + n + "}" in b.pad
    ]
    parameters += [
        {"name": q, "in": "query", "required": False, "schema": {"type": "integer"} if q == "page" else _tekst(q)}
        for q in b.query
    ]
    if b.crs:
        parameters += [
            {"name": n, "in": "header", "required": True, "schema": {"type": "string", "enum": [zgw.CRS]}}
            for n in zgw.CRS_HEADERS
        ]
    uit: dict[str, Any] = {
        "summary": b.samenvatting,
        "security": [{"JWT-Claims": list(b.scopes)}],
        "responses": _antwoorden(b),
    }
    if parameters:
        uit["parameters"] = parameters
    if b.body is not None:
        schema = {"$ref": _REF.format(model=b.body.__name__)}
        uit["requestBody"] = {"required": True, "content": {"application/json": {"schema": schema}}}
    return uit


def _tekst(naam: str) -> dict[str, Any]:
    uri = naam in ("zaak", "object", "zaaktype", "statustype", "resultaattype", "informatieobject")
    return {"type": "string", "format": "uri"} if uri else {"type": "string"}


def document(component: str) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the part of ``component`` (zaken, documenten, catalogi) ketentest uses."""
    titel, root, bewerkingen = COMPONENTEN[component]
    paden: dict[str, dict[str, Any]] = {}
    for b in bewerkingen:
        paden.setdefault(b.pad, {})[b.methode.lower()] = _bewerking(b)
    beschrijving = (
        f"Het deel van de {titel} {zgw.VERSIES[component]} (VNG Realisatie, EUPL-1.2) dat ketentest gebruikt: de "
        "ZGW-adapter roept deze operaties aan, de referentie-VTH biedt ze. Afgeleid van de specificatie, geen kopie: "
        "de officiële specificatie gaat voor. De velden die een antwoord moet bevatten zijn die van de specificatie."
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{titel} (deel dat ketentest gebruikt)",
            "version": zgw.VERSIES[component],
            "description": beschrijving,
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        },
        "servers": [{"url": "https://zaaksysteem.example" + root}],
        "paths": paden,
        "components": {
            "schemas": _schemas(bewerkingen),
            "securitySchemes": {"JWT-Claims": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        },
    }
