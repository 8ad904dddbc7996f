"""The REST contracts between the parties: paths and JSON bodies, in one place.

Paths follow the DSO pre-productie layout from the brief; where the real path or body is not public
it is marked UNCONFIRMED and lives only here, so that clients and mocks change together.
Field names are camelCase on the wire (``alias_generator``) and snake_case in Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Any, Literal
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field, PlainValidator
from pydantic.alias_generators import to_camel

from chain_tests.standards.tekst import Bestandsnaam, xml_tekst

# -- paths (relative to a party's base URL) -------------------------------------------------------
RTR_ACTIVITEIT_TOEPASBAAR = "/overheid/toepasbare-regels/api/rtrbeheer/v1/activiteiten/{activiteit_id}"  # UNCONFIRMED
RTR_ACTIVITEIT = "/publiek/toepasbare-regels/api/rtrgegevens/v2/activiteiten/{activiteit_id}"
RTR_TOEPASBARE_REGELS = "/publiek/toepasbare-regels/api/rtrgegevens/v2/toepasbareRegels"
RTR_STTR_BESTAND = "/publiek/toepasbare-regels/api/rtrgegevens/v2/toepasbareRegels/{regel_id}/sttrBestand"
VERIFIEREN = "/publiek/toepasbare-regels/api/verifierenregels/v2/verificaties"  # suffix UNCONFIRMED
AANLEVEREN = "/overheid/toepasbare-regels/aanleverentoepasbareregels/v1"
VERGUNNINGCHECK = "/publiek/omgevingsloket/api/vergunningcheck/v1/conclusies"  # UNCONFIRMED
INDIENEN = "/publiek/verzoeken/api/indienen/v4/verzoeken"
INDIENEN_DOCUMENTEN = INDIENEN + "/{verzoek_id}/documenten"
INDIENEN_INHOUD = INDIENEN + "/{verzoek_id}/documenten/{document_id}/inhoud"
INDIENEN_INDIENEN = INDIENEN + "/{verzoek_id}/indienen"
AFHANDELEN = "/overheid/verzoeken/api/afhandelen/v2/verzoeken/{verzoeknummer}"
AFHANDELEN_STAM = AFHANDELEN + "/stam"
AFHANDELEN_BIJLAGE = AFHANDELEN + "/bijlagen/{document_id}"
AFHANDELEN_DOORZETTEN = AFHANDELEN + "/doorzetten"  # UNCONFIRMED
BEHANDELDIENST = "/overheid/verzoeksroutering/api/behandeldienst/v2/activiteiten/{activiteit_id}"  # UNCONFIRMED
EBMS = "/digikoppeling/ebms"
VTH_ZAKEN = "/vth/api/v1/zaken"  # reference VTH query API
VTH_DOORZETTEN = "/vth/api/v1/zaken/{zaak_id}/doorzetten"  # reference VTH: the behandelaar's "doorzetten"
VTH_STATUS = "/vth/api/v1/zaken/{zaak_id}/status"  # reference VTH: the behandelaar sets a status

#: the media type of every JSON body on the wire (read-only: shared by every caller)
JSON_HEADERS: Mapping[str, str] = MappingProxyType({"Content-Type": "application/json"})


def pad(template: str, **params: object) -> str:
    """A concrete path from a template: every parameter is one percent-encoded path segment, so an id
    with ``#``, ``?``, ``/`` or ``é`` arrives whole (the server decodes it per segment)."""
    return template.format(**{k: quote(str(v), safe="") for k, v in params.items()})


class Model(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")

    def json_bytes(self) -> bytes:
        return self.model_dump_json(by_alias=True, exclude_none=True).encode()


class Melding(Model):
    code: str
    tekst: str
    ernst: Literal["fout", "waarschuwing", "informatie"] = "fout"


class Foutbericht(Model):
    """Problem-details-like error body used by every mock (Dutch ``meldingen``)."""

    status: int
    titel: str
    meldingen: list[Melding] = Field(default_factory=list)


# -- RTR ------------------------------------------------------------------------------------------
class ToepasbaarMaken(Model):
    bevoegd_gezag: str = Field(pattern=r"^\d{20}$")
    activiteit_naam: str
    typeringen: list[str] = Field(default_factory=lambda: ["Conclusie", "Indieningsvereisten"])


# -- vergunningcheck --------------------------------------------------------------------------------
def _antwoordwaarde(waarde: object) -> bool | int | float | str | None:
    """An answer on the wire: ja/nee, a number or text (or null); never a list or a mapping."""
    if waarde is None or isinstance(waarde, bool | int | float):
        return waarde
    if isinstance(waarde, str):
        return xml_tekst(waarde)
    soort = {"dict": "een mapping", "list": "een lijst"}.get(type(waarde).__name__, type(waarde).__name__)
    raise ValueError(f"een antwoord is ja/nee, een getal of tekst, niet {soort}")


Antwoordwaarde = Annotated[bool | int | float | str | None, PlainValidator(_antwoordwaarde)]


class Punt(Model):
    """A location in RD (EPSG:28992), in metres."""

    x: float = Field(ge=0, le=300_000)
    y: float = Field(ge=289_000, le=629_000)


class VergunningcheckVraag(Model):
    bevoegd_gezag: str
    activiteit_id: str
    antwoorden: dict[str, Antwoordwaarde]
    locatie: Punt | None = Field(None, description="waar de activiteit plaatsvindt: de loket-kaart (RD)")


class OpenVraag(Model):
    vraag_id: str
    vraagtekst: str


class VergunningcheckAntwoord(Model):
    """The outcome; with open questions there is no conclusie yet (the loket asks them first)."""

    conclusie: str | None = None
    uitkomsten: list[Any]
    toepasbare_regel_id: str
    gematchte_regels: dict[str, list[str]]
    open_vragen: list[OpenVraag] = Field(default_factory=list)
    voorbehouden: list[str] = Field(default_factory=list)
    toelichting: str | None = Field(None, description="bijvoorbeeld: buiten het werkingsgebied van de regels")


# -- indienen ---------------------------------------------------------------------------------------
class Antwoord(Model):
    vraag_id: str
    antwoord: Antwoordwaarde


class Persoon(Model):
    naam: str
    bsn: str | None = Field(None, repr=False)  # never in a repr (tracebacks, reports): see chain_tests.privacy
    kvk_nummer: str | None = None


class IndienActiviteit(Model):
    """An activity in the aanvraag. The bevoegd gezag is not chosen by the applicant: the loket's
    verzoeksroutering determines it."""

    activiteit_id: str
    activiteit_naam: str
    antwoorden: list[Antwoord] = Field(default_factory=list)


Verzoektype = Literal["Aanvraag vergunning", "Melding", "Informatie"]
#: The verzoektype a conclusion of the vergunningcheck leads to (the loket offers that type of verzoek).
VERZOEKTYPE_BIJ: dict[str, Verzoektype] = {
    "Vergunningplicht": "Aanvraag vergunning",
    "Meldingsplicht": "Melding",
    "Informatieplicht": "Informatie",
}


class Indienbericht(Model):
    verzoektype: Verzoektype = "Aanvraag vergunning"
    doel: Literal["Initiëren", "Conceptverzoek", "Aanvullen", "Intrekken"] = "Initiëren"
    verzoeknummer: str | None = Field(None, description="bij Aanvullen en Intrekken: het verzoek waar het om gaat")
    project_id: str | None = Field(
        None, description="een vervolg in een bestaand project van de aanvrager (bijvoorbeeld de Wkb-meldingen)"
    )
    initiatiefnemer: Persoon
    locatie: str
    activiteiten: list[IndienActiviteit] = Field(min_length=1)


class ConceptVerzoek(Model):
    verzoek_id: str
    documenten_url: str


class DocumentMetadata(Model):
    bestandsnaam: Bestandsnaam
    mime_type: str = "application/octet-stream"
    bijlage_type: str | None = None
    activiteit_id: str | None = None


class DocumentAangemaakt(Model):
    document_id: str
    upload_url: str


class DocumentOntvangen(Model):
    document_id: str
    bestandsgrootte: int
    sha256: str


class Ingediend(Model):
    verzoeknummers: dict[str, str]  # bevoegd gezag OIN → verzoeknummer
    project_id: str


class Behandeldienst(Model):
    """Verzoeksroutering, behandeldienst bepalen: who handles an activity for the bevoegd gezag."""

    uitvoerende_instantie: str = Field(pattern=r"^\d{20}$")


# -- verzoek afhandelen -----------------------------------------------------------------------------
class Doorzetten(Model):
    uitvoerende_instantie: str = Field(pattern=r"^\d{20}$")


class VerzoekReferentie(Model):
    soort: Literal["STAM", "PDF", "BIJLAGE"]
    url: str
    document_id: str | None = None
    bestandsnaam: str | None = None


class Verzoekreferenties(Model):
    verzoeknummer: str
    volgnummer: int
    referenties: list[VerzoekReferentie]


# -- reference VTH ---------------------------------------------------------------------------------
class VthAntwoord(Model):
    """An answer of a VTH system's zaak API: fields the contract does not name are ignored (a supplier's system
    may offer more), the named ones are checked."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")


class ZaakBijlage(VthAntwoord):
    document_id: str
    bestandsnaam: str
    bestandsgrootte: int
    sha256: str


class ZaakAntwoord(VthAntwoord):
    activiteit_id: str
    vraag_id: str
    antwoord: str | None


ZaakStatus = Literal["ontvangen", "aangevuld", "ingetrokken", "overgedragen", "in behandeling", "afgehandeld"]


class Zaak(VthAntwoord):
    zaak_id: str
    verzoeknummer: str
    volgnummer: int
    project_id: str
    verzoektype: str = "Aanvraag vergunning"
    status: ZaakStatus = "ontvangen"
    bevoegd_gezag: str
    uitvoerende_instantie: str | None = None
    overgedragen_aan: str | None = None
    activiteiten: list[str]
    antwoorden: list[ZaakAntwoord]
    initiatiefnemer: str
    bijlagen: list[ZaakBijlage]
    verzoeken: list[str] = Field(
        default_factory=list, description="elk verzoeknummer in dit dossier (Wkb: bouwmelding en de meldingen erna)"
    )
    signalen: list[str] = Field(
        default_factory=list, description="wat het VTH-systeem signaleert (geen bouwmelding, …)"
    )
    resultaat: str | None = None
    einddatum: str | None = Field(None, description="JJJJ-MM-DD, als de zaak is afgehandeld of ingetrokken")


class ZakenAntwoord(VthAntwoord):
    """The reference VTH's zaak query: ``{"zaken": [...]}``."""

    zaken: list[Zaak]


class VthDoorzetten(Model):
    naar: str = Field(pattern=r"^\d{20}$")


class VthStatus(Model):
    """The behandelaar moves the zaak on: in behandeling, or afgehandeld with a resultaat."""

    status: Literal["in behandeling", "afgehandeld"]
    resultaat: str | None = None


# -- samenwerken (v4-shaped; JSON bodies UNCONFIRMED) ----------------------------------------------
SAMENWERKEN = "/overheid/samenwerken/api/behandelen/v4"
SW_SAMENWERKINGEN = SAMENWERKEN + "/samenwerkingen"
SW_SAMENWERKING = SW_SAMENWERKINGEN + "/{samenwerking_id}"
SW_DEELNEMERS = SW_SAMENWERKING + "/deelnemers"
SW_DOCUMENTEN = SW_SAMENWERKING + "/documenten"
SW_DOCUMENT_INHOUD = SW_DOCUMENTEN + "/{document_id}/inhoud"
SW_ACTIEVERZOEKEN = SW_SAMENWERKING + "/actieverzoeken"
SW_ACTIEVERZOEK = SW_ACTIEVERZOEKEN + "/{actieverzoek_id}"
SW_GEREEDMELDEN = SW_ACTIEVERZOEK + "/gereedmelden"
SW_INTREKKEN = SW_ACTIEVERZOEK + "/intrekken"
SW_NOTIFICATIES = SAMENWERKEN + "/notificaties"

Privilege = Literal["BT", "VT"]  # beperkte / volledige toegang
Vertrouwelijkheid = Literal["RV", "SV"]  # regulier / strikt vertrouwelijk


class NieuweSamenwerking(Model):
    verzoeknummer: str
    titel: str


class Deelnemer(Model):
    oin: str = Field(pattern=r"^\d{20}$")
    privilege: Privilege


class Samenwerking(Model):
    samenwerking_id: str
    verzoeknummer: str
    titel: str
    status: Literal["OPEN", "GESLOTEN"] = "OPEN"
    eigenaar: str
    deelnemers: list[Deelnemer] = Field(default_factory=list)


class NieuwSwDocument(Model):
    bestandsnaam: Bestandsnaam
    mime_type: str = "application/pdf"
    vertrouwelijkheid: Vertrouwelijkheid = "RV"


class SwDocument(Model):
    document_id: str
    bestandsnaam: str
    vertrouwelijkheid: Vertrouwelijkheid
    eigenaar: str
    bestandsgrootte: int = -1
    sha256: str = ""
    upload_url: str | None = None


class NieuwActieverzoek(Model):
    soort: Literal["advies", "informatie", "zienswijze"] = "advies"
    ontvanger: str = Field(pattern=r"^\d{20}$")
    toelichting: str = ""


class Actieverzoek(Model):
    actieverzoek_id: str
    samenwerking_id: str
    soort: str
    afzender: str
    ontvanger: str
    toelichting: str
    status: Literal["OPEN", "GEREED", "INGETROKKEN"] = "OPEN"
    resultaat_documenten: list[str] = Field(default_factory=list)


class Gereedmelding(Model):
    document_ids: list[str] = Field(default_factory=list)


class SwNotificatie(Model):
    notificatie_id: int
    soort: Literal["UITGENODIGD", "DOCUMENT_GEDEELD", "ACTIEVERZOEK", "GEREED", "INGETROKKEN"]
    samenwerking_id: str
    actieverzoek_id: str | None = None
    document_id: str | None = None
