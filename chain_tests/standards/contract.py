"""The HTTP interfaces a supplier's system offers or may call, as OpenAPI 3.1 documents.

Generated from the wire models (:mod:`chain_tests.standards.api`) and the one endpoint table
(:mod:`chain_tests.standards.operaties`), never written by hand: ``python -m chain_tests contract`` writes them to
``docs/contract/``, and ``tests/standards/test_contract.py`` fails when the checked-in documents and the code
drift apart. The tests validate the reference VTH's and the mocks' answers against these documents with
openapi-core, and schemathesis runs against the served reference VTH with them.

Three documents:

- ``vth-zaken``: the zaak API a VTH system offers for the harness's ``referentie`` adapter (stap 9's check);
- ``verzoek-afhandelen``: what DSO-LV (our mock, and the real one as far as public) serves a VTH system;
- ``digikoppeling``: the ebMS2 endpoint every party offers (the messages themselves: ``docs/contract/ebms.md``).

Where a path or body is not public it is ketentest's own (UNCONFIRMED), and the document says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from chain_tests.config import KetenConfig
from chain_tests.standards import api, cpa, operaties
from chain_tests.standards.ebms import EbmsBericht, MimeDeel, acknowledgment, foutbericht, serialiseer
from chain_tests.standards.operaties import Operatie
from chain_tests.standards.stam import (
    Projectactiviteit,
    Specificatie,
    StamDocument,
    StamOrganisatie,
    StamPersoon,
    StamVerzoek,
    Verzoeknotificatie,
    notificatie_naar_xml,
    stam_naar_xml,
)

VERSIE = "1.0.0"
_SCHEMAS = "#/components/schemas/{model}"
_MTLS: list[dict[str, list[str]]] = [{"pkioverheid": []}]


@dataclass(frozen=True)
class Antwoord:
    """One answer of an operation: its description and body (a model, or a media type with a plain schema)."""

    beschrijving: str
    model: type[BaseModel] | None = None
    media: str = "application/json"
    schema: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)  # header name → description


@dataclass(frozen=True)
class Queryparameter:
    naam: str
    beschrijving: str
    verplicht: bool = False
    schema: dict[str, Any] = field(default_factory=lambda: {"type": "string"})


@dataclass(frozen=True)
class Bewerking:
    operatie: Operatie
    id: str
    samenvatting: str
    beschrijving: str
    antwoorden: dict[int, Antwoord]
    body: type[BaseModel] | None = None
    body_media: str | None = None  # a body that is not JSON (ebMS: multipart/related)
    query: tuple[Queryparameter, ...] = ()
    onbevestigd: bool = False


def _fout(beschrijving: str) -> Antwoord:
    return Antwoord(beschrijving, api.Foutbericht)


_GEEN_EIGEN = _fout("het certificaat is niet van deze organisatie zelf (MOCK-EIGEN bij de mocks)")
_ZAAK = Antwoord("de zaak na de wijziging", api.Zaak)

VTH_ZAKEN = (
    Bewerking(
        operaties.VTH_ZAKEN,
        "zakenZoeken",
        "Zaken bij een verzoeknummer",
        "Elke zaak waar dit verzoeknummer bij hoort: normaal precies één; een Wkb-dossier (de zaak van de "
        "bouwmelding) ook bij de verzoeknummers van de meldingen erna. Geen zaak: een lege lijst, geen 404. Alleen "
        "voor het certificaat van de eigen organisatie (tweezijdig TLS, OIN in subject.serialNumber).",
        {200: Antwoord("de zaken", api.ZakenAntwoord), 400: _fout("een ongeldige query"), 403: _GEEN_EIGEN},
        query=(Queryparameter("verzoeknummer", "het verzoeknummer van DSO-LV", verplicht=True),),
        onbevestigd=True,
    ),
    Bewerking(
        operaties.VTH_DOORZETTEN,
        "zaakDoorzetten",
        "Zaak doorzetten naar een behandeldienst (stap 10)",
        "De behandelaar zet de zaak door; het VTH-systeem roept daarvoor Verzoek afhandelen *doorzetten* aan en "
        "legt de overdracht vast (overgedragenAan, status overgedragen). Nodig voor de scenario's van stap 10.",
        {200: _ZAAK, 403: _GEEN_EIGEN, 404: _fout("onbekende zaak"), 409: _fout("doorzetten kan niet")},
        body=api.VthDoorzetten,
        onbevestigd=True,
    ),
    Bewerking(
        operaties.VTH_STATUS,
        "zaakstatusZetten",
        "De zaak in behandeling nemen of afhandelen",
        "De behandelaar zet de status; het VTH-systeem meldt elke statuswijziging aan MijnOverheid Lopende Zaken. "
        "Nodig voor de scenario's die zaakstatussen volgen.",
        {200: _ZAAK, 400: _fout("een ongeldige status"), 403: _GEEN_EIGEN, 404: _fout("onbekende zaak")},
        body=api.VthStatus,
        onbevestigd=True,
    ),
)

_VOLGNUMMER = Queryparameter(
    "volgnummer",
    "de versie van het verzoek (1 het eerste, 2 de eerste aanvulling of intrekking, …); leeg: de laatste. De "
    "verzoeknotificatie en de referenties noemen haar.",
    schema={"type": "integer", "minimum": 1, "maximum": 999999999},
)
_OPHALEN_FOUTEN = {
    403: _fout("dit OIN is geen bevoegd gezag of uitvoerende instantie van het verzoek"),
    404: _fout("onbekend verzoek (of versie, of document)"),
    503: _fout("tijdelijk niet beschikbaar: later opnieuw proberen"),
}

VERZOEK_AFHANDELEN = (
    Bewerking(
        operaties.REFERENTIES,
        "verzoekreferentiesOphalen",
        "Verzoekreferenties: waar het STAM-verzoek en de bijlagen staan",
        "Na een verzoeknotificatie haalt het VTH-systeem hiermee op wat bij het verzoek hoort; de URL's wijzen naar "
        "precies deze versie.",
        {200: Antwoord("de referenties", api.Verzoekreferenties), **_OPHALEN_FOUTEN},
        query=(_VOLGNUMMER,),
    ),
    Bewerking(
        operaties.STAM,
        "stamVerzoekOphalen",
        "Het STAM-verzoek (XML)",
        "Het verzoek als STAM-XML: activiteiten, antwoorden, initiatiefnemer en per document de naam, grootte en "
        "sha256 waarmee een opgehaalde bijlage wordt gecontroleerd. Schema: afgeleid (UNCONFIRMED), "
        "chain_tests/standards/schemas/stam/stam-verzoek-derived.xsd.",
        {200: Antwoord("het STAM-verzoek", media="application/xml"), **_OPHALEN_FOUTEN},
        query=(_VOLGNUMMER,),
    ),
    Bewerking(
        operaties.BIJLAGE,
        "bijlageOphalen",
        "Een bijlage (de bytes, gestreamd)",
        "De bytes van één document; grootte en sha256 moeten kloppen met het STAM-verzoek, anders opnieuw ophalen.",
        {
            200: Antwoord(
                "de bijlage, met het mediatype waarmee zij werd ingediend",
                media="*/*",
                headers={"Content-Disposition": "de bestandsnaam (RFC 6266, filename* in UTF-8)"},
            ),
            **_OPHALEN_FOUTEN,
        },
        query=(_VOLGNUMMER,),
    ),
    Bewerking(
        operaties.DOORZETTEN,
        "verzoekDoorzetten",
        "Het verzoek doorzetten naar een uitvoerende instantie",
        "Alleen het bevoegd gezag; DSO-LV notificeert daarna de behandeldienst.",
        {
            202: Antwoord(
                "doorgezet",
                schema={
                    "type": "object",
                    "required": ["verzoeknummer", "uitvoerendeInstantie"],
                    "properties": {
                        "verzoeknummer": {"type": "string"},
                        "uitvoerendeInstantie": {"type": "string", "pattern": "^[0-9]{20}$"},
                    },
                },
            ),
            400: _fout("een organisatie die niet op het DSO is aangesloten"),
            403: _fout("alleen het bevoegd gezag mag doorzetten"),
            404: _fout("onbekend verzoek"),
            503: _fout("tijdelijk niet beschikbaar"),
        },
        body=api.Doorzetten,
        onbevestigd=True,
    ),
)

_EBMS_FOUT = Antwoord(
    "het bericht is geweigerd: een ebMS ErrorList (SOAP 1.1, text/xml) met errorCode en een Nederlandse "
    "beschrijving; zie docs/contract/ebms.md",
    media="text/xml",
)

DIGIKOPPELING = (
    Bewerking(
        operaties.EBMS,
        "ebmsBericht",
        "Een ebMS2-bericht (Digikoppeling osb-rm)",
        "Gebruikersberichten (multipart/related: de SOAP-envelope met eb:MessageHeader, eb:AckRequested en "
        "eb:Manifest, daarna de payloads) en signalen (text/xml: eb:Acknowledgment, eb:ErrorList). Een aangenomen "
        "gebruikersbericht krijgt 202 (of 200) zonder inhoud; de Acknowledgment gaat daarna als eigen signaalbericht "
        "naar het Digikoppeling-endpoint van de afzender. Tweezijdig TLS; From/PartyId moet het OIN uit het "
        "clientcertificaat zijn. De berichten, velden en controles: docs/contract/ebms.md.",
        {
            200: Antwoord("aangenomen (zonder inhoud)", media=""),
            202: Antwoord("aangenomen (zonder inhoud)", media=""),
            400: _EBMS_FOUT,
            403: _EBMS_FOUT,
            413: _EBMS_FOUT,
        },
        body_media="multipart/related",
    ),
)

DOCUMENTEN: dict[str, tuple[str, str, tuple[Bewerking, ...]]] = {
    "vth-zaken": (
        "VTH-systeem: zaak-API voor ketentest",
        "Wat een VTH-systeem aanbiedt zodat ketentest (adapter 'referentie') in stap 9 ziet hoe een verzoek als zaak "
        "aankwam. Het pad en de velden zijn van ketentest (UNCONFIRMED: geen DSO-koppelvlak); een VTH-systeem met "
        "alleen ZGW-API's gebruikt de adapter 'zgw'. Velden die dit document niet noemt, negeert de harness.",
        VTH_ZAKEN,
    ),
    "verzoek-afhandelen": (
        "DSO-LV: Verzoek afhandelen, zoals ketentest het serveert",
        "Wat een VTH-systeem bij DSO-LV ophaalt na een verzoeknotificatie. Paden naar de indeling van DSO "
        "pre-productie; waar het echte pad of bericht niet openbaar is staat UNCONFIRMED.",
        VERZOEK_AFHANDELEN,
    ),
    "digikoppeling": (
        "Digikoppeling ebMS2-endpoint",
        "Het endpoint dat elke partij aanbiedt voor Digikoppeling ebMS2 (osb-rm). De berichten zelf staan in "
        "docs/contract/ebms.md.",
        DIGIKOPPELING,
    ),
}


def _schemas(bewerkingen: tuple[Bewerking, ...]) -> dict[str, Any]:
    modellen: set[type[BaseModel]] = set()
    for b in bewerkingen:
        modellen |= {a.model for a in b.antwoorden.values() if a.model is not None}
        if b.body is not None:
            modellen.add(b.body)
    gesorteerd = sorted(modellen, key=lambda m: m.__name__)
    _, schema = models_json_schema([(m, "serialization") for m in gesorteerd], ref_template=_SCHEMAS, by_alias=True)
    return dict(sorted(schema.get("$defs", {}).items()))


def _inhoud(a: Antwoord) -> dict[str, Any]:
    """A JSON body by its schema; XML, MIME and binary bodies by their media type only (their own schemas: the
    XSDs and docs/contract/ebms.md)."""
    if a.model is not None:
        return {a.media: {"schema": {"$ref": _SCHEMAS.format(model=a.model.__name__)}}}
    return {a.media: {"schema": a.schema}} if a.schema else {a.media: {}}


def _antwoord(a: Antwoord) -> dict[str, Any]:
    uit: dict[str, Any] = {"description": a.beschrijving}
    if a.media:
        uit["content"] = _inhoud(a)
    if a.headers:
        uit["headers"] = {n: {"description": d, "schema": {"type": "string"}} for n, d in a.headers.items()}
    return uit


#: Answers every operation with a JSON body can give before its handler runs (the mocks' one dispatch).
_JSON_WEIGERINGEN = {
    400: _fout("de body is geen geldige JSON of past niet op het schema (de melding noemt het veld)"),
    413: _fout("de body is groter dan de grens"),
    415: _fout("de body is niet application/json"),
}


def _bewerking(b: Bewerking) -> dict[str, Any]:
    parameters = [
        {"name": n, "in": "path", "required": True, "schema": {"type": "string"}} for n in b.operatie.regex.groupindex
    ]
    parameters += [
        {"name": q.naam, "in": "query", "required": q.verplicht, "description": q.beschrijving, "schema": q.schema}
        for q in b.query
    ]
    uit: dict[str, Any] = {
        "operationId": b.id,
        "summary": b.samenvatting,
        "description": b.beschrijving + (" (UNCONFIRMED: ketentest's eigen pad of bericht.)" if b.onbevestigd else ""),
        "responses": {str(s): _antwoord(a) for s, a in sorted(_antwoorden(b).items())},
    }
    if parameters:
        uit["parameters"] = parameters
    if b.operatie.certificaat:
        uit["security"] = _MTLS
    if b.body is not None:
        schema = {"$ref": _SCHEMAS.format(model=b.body.__name__)}
        uit["requestBody"] = {"required": True, "content": {"application/json": {"schema": schema}}}
    elif b.body_media is not None:
        uit["requestBody"] = {"required": True, "content": {b.body_media: {}}}
    return uit


def _antwoorden(b: Bewerking) -> dict[int, Antwoord]:
    """The operation's own answers, and the refusals of its body or query that every party gives alike."""
    extra = dict(_JSON_WEIGERINGEN) if b.body is not None else {}
    if b.query:
        extra[400] = _fout("een ontbrekende of ongeldige queryparameter (de melding noemt haar)")
    return {**extra, **b.antwoorden}


def document(naam: str) -> dict[str, Any]:
    """The OpenAPI 3.1 document ``naam`` (a key of :data:`DOCUMENTEN`)."""
    titel, beschrijving, bewerkingen = DOCUMENTEN[naam]
    paden: dict[str, dict[str, Any]] = {}
    for b in bewerkingen:
        paden.setdefault(b.operatie.pad, {})[b.operatie.methode.lower()] = _bewerking(b)
    return {
        "openapi": "3.1.0",
        "info": {"title": titel, "version": VERSIE, "description": beschrijving, "license": {"name": "EUPL-1.2"}},
        "paths": paden,
        "components": {
            "schemas": _schemas(bewerkingen),
            "securitySchemes": {
                "pkioverheid": {
                    "type": "mutualTLS",
                    "description": "tweezijdig TLS met een PKIoverheid-certificaat; het OIN in subject.serialNumber",
                }
            },
        },
    }


# -- the published examples (docs/contract/voorbeelden/): real bytes, with fixed ids and times ----------------
_DSO, _DRIMMELEN = "00000001003214345000", "00000001001719001000"
_TIJD = datetime(2026, 12, 7, 9, 30, 0, tzinfo=UTC)


def _http(headers: dict[str, str], body: bytes) -> bytes:
    kop = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return f"POST /digikoppeling/ebms HTTP/1.1\r\n{kop}Content-Length: {len(body)}\r\n\r\n".encode() + body


def _notificatie() -> EbmsBericht:
    payload = notificatie_naar_xml(Verzoeknotificatie(verzoeknummer="3000001", bevoegd_gezag_oin=_DRIMMELEN))
    dso = (_DSO, "DSO-LV", "https://dso-lv.example/digikoppeling/ebms")
    vth = (_DRIMMELEN, "Gemeente Drimmelen", "https://vth.example/digikoppeling/ebms")
    overeenkomst = cpa.overeenkomst(cpa.VERZOEKNOTIFICATIE, dso, vth, KetenConfig())
    return cpa.bericht(
        overeenkomst,
        _DSO,
        "Verzoeknotificatie",
        [MimeDeel("verzoeknotificatie-3000001@dso-lv", "application/xml", payload)],
        conversation_id="7d9f6a52-3c1e-4a55-9d0b-5b7c0c1d2e3f",
        message_id="5f2b8c1e-0a4d-4c1b-8e7f-1a2b3c4d5e6f@ketentest",
        timestamp=_TIJD,
    )


def _stam() -> bytes:
    bijlage = StamDocument(
        document_id="doc-0001",
        bestandsnaam="situatietekening.pdf",
        mime_type="application/pdf",
        bestandsgrootte=12345,
        sha256="5a2e5b8c0f1d3a7e9b4c6d8e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c",
    )
    vraag = Specificatie(vraag_id="uitv__kappen-1", vraagtekst="Gaat u een boom kappen?", antwoord="true")
    tekening = Specificatie(
        vraag_id="uitv__tekening", vraagtekst="Situatietekening", bijlage_type="Situatietekening", documenten=[bijlage]
    )
    return stam_naar_xml(
        StamVerzoek(
            verzoeknummer="3000001",
            indien_datum=_TIJD,
            project_id="P-00001",
            bevoegd_gezag=StamOrganisatie(oin=_DRIMMELEN, naam="Gemeente Drimmelen"),
            initiatiefnemer=StamPersoon(naam="J. de Vries", bsn="999990019"),
            projectlocaties=["Hoofdstraat 1, Made"],
            projectactiviteiten=[
                Projectactiviteit(
                    activiteit_naam="Kappen van een boom",
                    activiteit_id="nl.imow-gm1719.activiteit.KappenBoom",
                    specificaties=[vraag, tekening],
                )
            ],
        )
    )


def voorbeelden() -> dict[str, bytes]:
    """File name → bytes of each published example, as the parties put them on the wire."""
    notificatie = _notificatie()
    ack = acknowledgment(notificatie)
    ack.message_id, ack.timestamp = "9c8b7a6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d@vth", _TIJD
    tekst = "Action 'Verzoeknotificatie2' mag deze afzender niet sturen (wel: Verzoeknotificatie)."
    fout = foutbericht(
        notificatie, "ValueNotRecognized", tekst, van=_DRIMMELEN, naar=_DSO, locatie="//Header/MessageHeader/Action"
    )
    fout.message_id, fout.timestamp = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d@vth", _TIJD
    return {
        "verzoeknotificatie.http": _http(*serialiseer(notificatie, mime_id="0a1b2c3d4e5f")),
        "acknowledgment.http": _http(*serialiseer(ack)),
        "errorlist.http": _http(*serialiseer(fout)),
        "stam-verzoek.xml": _stam(),
    }
