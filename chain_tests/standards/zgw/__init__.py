"""The ZGW APIs (Zaken gericht werken, VNG Realisatie) as ketentest uses them: Zaken API 1.5, Documenten API 1.4
and Catalogi API 1.3.

Paths are relative to a component's API root (open-zaak serves them at ``/zaken/api/v1``, ``/documenten/api/v1``
and ``/catalogi/api/v1``; another zaaksysteem elsewhere: the profile names each root). The wire models are in
:mod:`.modellen`, the authorisation (a JWT signed with the client's secret) in :mod:`.autorisatie`, the settings a
profile gives the ZGW adapter in :class:`ZgwInstellingen`.

How a DSO verzoek is found as a zaak (the convention a VTH on ZGW follows, docs/leveranciersgids.md): the zaak has
a *zaakobject* with ``objectType`` ``overige``, ``objectTypeOverige`` ``dso_verzoek`` and as ``object`` the URL of
the verzoek in DSO-LV's Verzoek afhandelen API, one per verzoek of its dossier; ``GET /zaakobjecten?object=`` (a
filter the specification offers) finds it without scanning every zaak.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, SecretStr

# -- the components' API roots, as open-zaak serves them (and the reference VTH's ZGW face) ------------
ZAKEN_ROOT = "/zaken/api/v1"
DOCUMENTEN_ROOT = "/documenten/api/v1"
CATALOGI_ROOT = "/catalogi/api/v1"
VERSIES = {"zaken": "1.5.1", "documenten": "1.4.3", "catalogi": "1.3.1"}

# -- Zaken API (relative to its root) ---------------------------------------------------------------
ZAKEN = "/zaken"
ZAAK = "/zaken/{uuid}"
ZAKEN_ZOEK = "/zaken/_zoek"
ZAAKOBJECTEN = "/zaakobjecten"
ZAAKOBJECT = "/zaakobjecten/{uuid}"
STATUSSEN = "/statussen"
STATUS = "/statussen/{uuid}"
RESULTATEN = "/resultaten"
RESULTAAT = "/resultaten/{uuid}"
ZAAKINFORMATIEOBJECTEN = "/zaakinformatieobjecten"
ZAAKEIGENSCHAPPEN = "/zaken/{zaak_uuid}/zaakeigenschappen"

# -- Documenten API ----------------------------------------------------------------------------------
INFORMATIEOBJECTEN = "/enkelvoudiginformatieobjecten"
INFORMATIEOBJECT = "/enkelvoudiginformatieobjecten/{uuid}"
DOWNLOAD = "/enkelvoudiginformatieobjecten/{uuid}/download"

# -- Catalogi API ------------------------------------------------------------------------------------
ZAAKTYPE = "/zaaktypen/{uuid}"
STATUSTYPEN = "/statustypen"
STATUSTYPE = "/statustypen/{uuid}"
RESULTAATTYPEN = "/resultaattypen"
RESULTAATTYPE = "/resultaattypen/{uuid}"

# -- conventions -------------------------------------------------------------------------------------
CRS = "EPSG:4326"
#: the Zaken API asks these on every operation on zaken (a ZRC answers 412 without them)
CRS_HEADERS = {"Accept-Crs": CRS, "Content-Crs": CRS}
OBJECT_TYPE_OVERIGE = "dso_verzoek"
KENMERK_BRON = "DSO"
#: the scopes the adapter needs: read zaken, documents and the catalogue; add a status and a resultaat
SCOPES_LEZEN = ("zaken.lezen", "documenten.lezen", "catalogi.lezen")
SCOPES_STATUS = ("zaken.statussen.toevoegen", "zaken.bijwerken")
#: our zaak statuses by their statustype's omschrijving (case does not matter), unless the profile maps them
STATUS_OMSCHRIJVINGEN = {
    "ontvangen": "Ontvangen",
    "aangevuld": "Aangevuld",
    "ingetrokken": "Ingetrokken",
    "overgedragen": "Overgedragen",
    "in behandeling": "In behandeling",
    "afgehandeld": "Afgehandeld",
}
MOCK_CLIENT_ID = "ketentest"
MOCK_SECRET = (
    "ketentest-zgw-geheim-alleen-voor-ketentest-mocks"  # the ketentest mocks' own client: never a real system's
)
MAX_PAGINAS = 50  # a list the adapter pages through (statustypen, resultaattypen): bounded


class ZgwInstellingen(BaseModel):
    """How the ZGW adapter reaches a zaaksysteem (the profile's ``[profielen.X.vth.Y.zgw]``).

    Empty roots are the open-zaak layout under the VTH's URL. Without client id and secret the adapter uses the
    ketentest mocks' own client, which only a ketentest mock accepts.
    """

    model_config = ConfigDict(extra="forbid")
    zaken: str | None = Field(None, pattern=r"^https?://", description="API-root van de Zaken API (ZRC)")
    documenten: str | None = Field(None, pattern=r"^https?://", description="API-root van de Documenten API (DRC)")
    catalogi: str | None = Field(None, pattern=r"^https?://", description="API-root van de Catalogi API (ZTC)")
    client_id: str | None = Field(None, min_length=1, description="client-id van de harness bij de ZGW-API's")
    secret: SecretStr | None = Field(None, description="het geheim (JWT, HS256) bij die client-id")
    verzoek_url: str | None = Field(
        None,
        pattern=r"^https?://.*\{verzoeknummer\}",
        description="hoe het VTH-systeem een DSO-verzoek als zaakobject (object) vastlegt, met {verzoeknummer}; "
        "leeg: de URL van het verzoek in Verzoek afhandelen van DSO-LV",
    )
    statustypen: dict[str, str] = Field(
        default_factory=dict,
        description="per zaakstatus van ketentest (ontvangen, in behandeling, afgehandeld, …) de omschrijving van "
        "het statustype in uw zaaktype, als die anders is",
    )

    def roots(self, basis: str) -> tuple[str, str, str]:
        """The three API roots, each without a trailing slash."""
        basis = basis.rstrip("/")
        return (
            (self.zaken or basis + ZAKEN_ROOT).rstrip("/"),
            (self.documenten or basis + DOCUMENTEN_ROOT).rstrip("/"),
            (self.catalogi or basis + CATALOGI_ROOT).rstrip("/"),
        )

    def statustype(self, status: str) -> str:
        """The omschrijving of the statustype that stands for our ``status``."""
        return self.statustypen.get(status) or STATUS_OMSCHRIJVINGEN.get(status, status)
