"""The ZGW resources ketentest reads and writes, as the specifications define them (field names, required fields,
lengths and enumerations of Zaken API 1.5.1, Documenten API 1.4.3 and Catalogi API 1.3.1).

One model per resource serves both sides: the reference VTH's ZGW face writes every field the specification
requires; the adapter reads a real zaaksysteem's answer, which may carry many more fields (ignored) and leaves
out what the adapter does not need (defaults). The tests hold these models to the specifications
(tests/standards/test_zgw.py).
"""

from __future__ import annotations

from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

T = TypeVar("T")
Uri = Annotated[str, Field(json_schema_extra={"format": "uri"})]
Uuid = Annotated[str, Field(json_schema_extra={"format": "uuid"})]
Datum = Annotated[str, Field(json_schema_extra={"format": "date"})]
Tijdstip = Annotated[str, Field(json_schema_extra={"format": "date-time"})]


class ZgwModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")

    def json_bytes(self) -> bytes:
        return self.model_dump_json(by_alias=True, serialize_as_any=True).encode()


class Pagina(ZgwModel, Generic[T]):
    """A paginated list (``count``, ``next``, ``previous``, ``results``)."""

    count: int
    next: Uri | None = None
    previous: Uri | None = None
    results: list[T]


# -- errors (application/problem+json) ---------------------------------------------------------------
class Fout(ZgwModel):
    type: str = ""
    code: str
    title: str
    status: int
    detail: str
    instance: str


class FieldValidationError(ZgwModel):
    name: str
    code: str
    reason: str


class ValidatieFout(Fout):
    invalid_params: list[FieldValidationError]


# -- Zaken API -----------------------------------------------------------------------------------------
class ZaakKenmerk(ZgwModel):
    kenmerk: str = Field(max_length=40)
    bron: str = Field(max_length=40)


class Zaak(ZgwModel):
    url: Uri
    uuid: Uuid
    identificatie: str = Field("", max_length=40)
    bronorganisatie: str = Field("", max_length=9)
    omschrijving: str = Field("", max_length=80)
    zaaktype: Uri = ""
    registratiedatum: Datum = ""
    verantwoordelijke_organisatie: str = Field("", max_length=9)
    startdatum: Datum = ""
    einddatum: Datum | None = None
    betalingsindicatie_weergave: str = ""
    deelzaken: list[Uri] = Field(default_factory=list)
    eigenschappen: list[Uri] = Field(default_factory=list)
    rollen: list[Uri] = Field(default_factory=list)
    status: Uri | None = None
    resultaat: Uri | None = None
    zaakinformatieobjecten: list[Uri] = Field(default_factory=list)
    zaakobjecten: list[Uri] = Field(default_factory=list)
    kenmerken: list[ZaakKenmerk] = Field(default_factory=list)


class ZaakZoek(ZgwModel):
    """The body of ``POST /zaken/_zoek`` (the filters ketentest uses)."""

    identificatie: str | None = None
    bronorganisatie: str | None = Field(None, max_length=9)
    zaaktype: Uri | None = None
    uuid__in: list[Uuid] | None = Field(None, alias="uuid__in")


class ZaakObject(ZgwModel):
    url: Uri
    uuid: Uuid
    zaak: Uri
    object: Uri = ""
    object_type: str
    object_type_overige: str = Field("", max_length=100)
    relatieomschrijving: str = Field("", max_length=80)


class NieuweStatus(ZgwModel):
    """The body of ``POST /statussen``."""

    zaak: Uri
    statustype: Uri
    datum_status_gezet: Tijdstip
    statustoelichting: str = Field("", max_length=1000)


class Status(NieuweStatus):
    url: Uri
    uuid: Uuid
    indicatie_laatst_gezette_status: bool = False
    zaakinformatieobjecten: list[Uri] = Field(default_factory=list)


class NieuwResultaat(ZgwModel):
    """The body of ``POST /resultaten``."""

    zaak: Uri
    resultaattype: Uri
    toelichting: str = Field("", max_length=1000)


class Resultaat(NieuwResultaat):
    url: Uri
    uuid: Uuid


class ZaakEigenschap(ZgwModel):
    url: Uri
    uuid: Uuid
    zaak: Uri
    eigenschap: Uri
    naam: str
    waarde: str


class ZaakInformatieObject(ZgwModel):
    url: Uri
    uuid: Uuid
    informatieobject: Uri
    zaak: Uri
    aard_relatie_weergave: Literal["Hoort bij, omgekeerd: kent", "Legt vast, omgekeerd: kan vastgelegd zijn als"] = (
        "Hoort bij, omgekeerd: kent"
    )
    titel: str = Field("", max_length=200)
    registratiedatum: Tijdstip = ""


# -- Documenten API ----------------------------------------------------------------------------------
class Integriteit(ZgwModel):
    algoritme: str
    waarde: str = Field(max_length=128)
    datum: Datum


class EnkelvoudigInformatieObject(ZgwModel):
    url: Uri
    identificatie: str = Field("", max_length=40)
    bronorganisatie: str = Field("", max_length=9)
    creatiedatum: Datum = ""
    titel: str = Field("", max_length=200)
    auteur: str = Field("", max_length=200)
    taal: str = Field("dut", min_length=3, max_length=3)
    versie: int = 1
    begin_registratie: Tijdstip = ""
    formaat: str = Field("", max_length=255)
    bestandsnaam: str = Field("", max_length=255)
    inhoud: Uri | None = None
    bestandsomvang: int | None = Field(None, ge=0)
    integriteit: Integriteit | None = None
    informatieobjecttype: Uri = ""
    locked: bool = False
    bestandsdelen: list[dict[str, object]] = Field(default_factory=list)


# -- Catalogi API ------------------------------------------------------------------------------------
class StatusType(ZgwModel):
    url: Uri
    omschrijving: str = Field(max_length=80)
    zaaktype: Uri = ""
    zaaktype_identificatie: str = ""
    catalogus: Uri = ""
    volgnummer: int = Field(1, ge=1, le=9999)
    is_eindstatus: bool = False
    zaakobjecttype: Uri = ""


class ResultaatType(ZgwModel):
    url: Uri
    omschrijving: str = Field(max_length=30)
    zaaktype: Uri = ""
    zaaktype_identificatie: str = ""
    resultaattypeomschrijving: Uri = ""
    omschrijving_generiek: str = ""
    selectielijstklasse: Uri = ""
    besluittype_omschrijving: list[str] = Field(default_factory=list)
    informatieobjecttype_omschrijving: list[str] = Field(default_factory=list)
    zaakobjecttypen: list[Uri] = Field(default_factory=list)
