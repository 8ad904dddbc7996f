"""The REST contracts of the plan keten (iteratie 3): the plansoftware, OZON, and the RTR's functionele structuur.

- The reference plansoftware's API (``/plansoftware/api/v1``) is ketentest's own: how the harness hands a
  built aanlevering to the plansoftware and reads the LVBB verslagen it received. A supplier's plansoftware
  offers the same or is wrapped by an adapter.
- OZON's read side is shaped after the *Omgevingsdocumenten Presenteren API v8* and *Geometrie Opvragen v1*
  (paths from the DSO developer docs; bodies reduced to what the keten needs: UNCONFIRMED).
- LVBB → OZON (validation and doorlevering) and OZON → RTR (functionele structuur) are internal to the
  chain and not public: their paths and bodies are UNCONFIRMED and live only here.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from chain_tests.standards.api import Melding, Model

# -- paths ------------------------------------------------------------------------------------------
PLAN_LEVERINGEN = "/plansoftware/api/v1/leveringen"
PLAN_LEVERING = PLAN_LEVERINGEN + "/{id_levering}"
PLAN_GROOT_BERICHT = "/plansoftware/grote-berichten/v1/{bestand}"  # Digikoppeling Grote Berichten (PULL)
OZON_VALIDEREN = "/overheid/omgevingsdocumenten/api/ozon/v1/validaties"  # UNCONFIRMED (internal)
OZON_DOORLEVERING = "/overheid/omgevingsdocumenten/api/ozon/v1/doorleveringen"  # UNCONFIRMED (internal)
PRESENTEREN = "/publiek/omgevingsdocumenten/api/presenteren/v8"
OZON_REGELINGEN = PRESENTEREN + "/regelingen"  # ?workIdentificatie=…
OZON_ACTIVITEIT = PRESENTEREN + "/activiteiten/{identificatie}"
OZON_LOCATIE = PRESENTEREN + "/locaties/{identificatie}"
GEOMETRIE = "/publiek/omgevingsdocumenten/api/geometrieopvragen/v1/geometrieen/{identificatie}"
RTR_FS_BIJWERKEN = "/overheid/toepasbare-regels/api/functionelestructuur/v1/activiteiten"  # UNCONFIRMED (internal)
RTR_FS = "/publiek/toepasbare-regels/api/rtrgegevens/v2/functionelestructuur"  # UNCONFIRMED
RTR_FS_ACTIVITEIT = RTR_FS + "/{bevoegd_gezag}/activiteiten/{activiteit_id}"


# -- the reference plansoftware --------------------------------------------------------------------
class PlanVerslag(Model):
    """One LVBB verslag as the plansoftware received it (the raw XML beside the fields)."""

    soort: Literal["validatie", "publicatie", "breekPublicatieAf"]
    tijdstip: str
    uitkomst: str | None = None
    voortgang: str | None = None
    tijdstip_publicatie: str | None = None
    meldingen: list[Melding] = Field(default_factory=list)
    xml: str


class PlanLevering(Model):
    id_levering: str
    soort: Literal["validatie", "publicatie", "breekPublicatieAf"]
    verzending: str = Field(description="bezorgstatus van het verzoek aan de LVBB (Digikoppeling)")
    laatste_fout: str | None = None
    verslagen: list[PlanVerslag] = Field(default_factory=list)

    @property
    def eind(self) -> PlanVerslag | None:
        """The verslag with an uitkomst (the end of the levering), if it arrived."""
        return next((v for v in reversed(self.verslagen) if v.uitkomst), None)


# -- OZON (Presenteren v8-shaped) -------------------------------------------------------------------
class OzonRegelkwalificatie(Model):
    juridische_regel: str
    kwalificatie: str  # e.g. Vergunningplicht
    locaties: list[str]


class OzonActiviteit(Model):
    identificatie: str
    naam: str
    groep: str
    bovenliggende_activiteit: str
    bevoegd_gezag: str
    regeling: str  # WorkIDRegeling
    regels: list[OzonRegelkwalificatie] = Field(default_factory=list)


class OzonLocatie(Model):
    identificatie: str
    noemer: str
    geometrie_identificatie: str
    regeling: str


class OzonRegeling(Model):
    work_identificatie: str
    bevoegd_gezag: str
    tijdstip_publicatie: str
    activiteiten: list[str]
    locaties: list[str]
    juridische_regels: list[str]


class OzonRegelingen(Model):
    regelingen: list[OzonRegeling]


class Geometrie(Model):
    """GeoJSON-like (RD coordinates, as Geometrie Opvragen gives with ``crs=EPSG:28992``)."""

    identificatie: str
    crs: str = "EPSG:28992"
    type: Literal["MultiPolygon"] = "MultiPolygon"
    coordinates: list[list[list[tuple[float, float]]]]  # polygons → rings → positions


class OzonValidatie(Model):
    """OZON's answer to the LVBB's validation request: its meldingen (codes from the validatiematrix)."""

    meldingen: list[Melding] = Field(default_factory=list)


# -- RTR functionele structuur ---------------------------------------------------------------------
class FsActiviteit(Model):
    identificatie: str
    naam: str
    bevoegd_gezag: str
    bovenliggende_activiteit: str
    regeling: str
    locaties: list[str] = Field(default_factory=list)


class FsBijwerken(Model):
    activiteiten: list[FsActiviteit]
