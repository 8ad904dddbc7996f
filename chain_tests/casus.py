"""Casus files: a functioneel beheerder describes a scenario in YAML, without Python.

See docs/beheerdersgids.md for the format. Errors name the file and the field.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from chain_tests.errors import ConfiguratieFout
from chain_tests.standards.sttr.build import Vragenboom

_EENHEDEN = {"b": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2, "gb": 1000**3, "gib": 1024**3}
_GROOTTE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-zA-Z]*)\s*$")


def parse_grootte(value: object) -> int:
    if isinstance(value, int):
        return value
    m = _GROOTTE.match(str(value))
    if not m or m.group(2).lower() not in (_EENHEDEN | {"": 1}):
        raise ValueError(f"{value!r} is geen grootte; schrijf bijvoorbeeld 250 KiB, 3 MB of 1024")
    return int(float(m.group(1).replace(",", ".")) * (_EENHEDEN.get(m.group(2).lower(), 1)))


class Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Activiteit(Strikt):
    id: str = Field(pattern=r"^nl\.imow-[a-z]{2}\d{4}\.activiteit\.\S+$")
    naam: str


class Regels(Strikt):
    vragenboom: Vragenboom | None = None
    conclusie: Path | None = Field(None, description="bestaand Conclusie STTR-bestand")
    indieningsvereisten: Path | None = None

    @model_validator(mode="after")
    def een_bron(self) -> Regels:
        if (self.vragenboom is None) == (self.conclusie is None):
            raise ValueError("geef óf 'vragenboom' óf 'conclusie' (een bestand), niet beide en niet geen van beide")
        return self


class Vergunningcheck(Strikt):
    antwoorden: dict[str, Any]
    verwacht: Literal["Vergunningplicht", "Meldingsplicht", "Informatieplicht", "Toestemmingsvrij", "NietVanToepassing"]


class Initiatiefnemer(Strikt):
    naam: str
    bsn: str | None = Field(None, pattern=r"^\d{9}$")
    kvk_nummer: str | None = Field(None, pattern=r"^\d{8}$")


class Bijlage(Strikt):
    naam: str
    bijlagetype: str | None = None
    type: str = "application/pdf"
    grootte: int | None = None
    bestand: Path | None = None

    @field_validator("grootte", mode="before")
    @classmethod
    def _grootte(cls, v: object) -> int | None:
        return None if v is None else parse_grootte(v)

    @model_validator(mode="after")
    def een_inhoud(self) -> Bijlage:
        if (self.grootte is None) == (self.bestand is None):
            raise ValueError("geef óf 'grootte' (de harness maakt de inhoud) óf 'bestand', niet beide")
        return self


class Aanvraag(Strikt):
    initiatiefnemer: Initiatiefnemer = Initiatiefnemer(naam="J. de Vries", bsn="999990019")
    locatie: str = "Hoofdstraat 1, Made"
    antwoorden: dict[str, Any] = Field(default_factory=dict, description="bij één activiteit")
    bijlagen: list[Bijlage] = Field(default_factory=list, description="bij één activiteit")


class CasusActiviteit(Strikt):
    """One activity of a (meervoudige) aanvraag, with its own bevoegd gezag, rules and bijlagen."""

    id: str = Field(pattern=r"^nl\.imow-[a-z]{2}\d{4}\.activiteit\.\S+$")
    naam: str
    bevoegd_gezag: str | None = Field(None, description="naam of OIN; standaard de gemeente van de casus")
    behandeldienst: str | None = Field(None, description="naam of OIN van de omgevingsdienst die behandelt")
    regels: Regels | None = None
    vergunningcheck: Vergunningcheck | None = None
    antwoorden: dict[str, Any] = Field(default_factory=dict)
    bijlagen: list[Bijlage] = Field(default_factory=list)


class Verwachting(Strikt):
    uitkomst: Literal["zaak", "toestemmingsvrij", "niet-van-toepassing", "geweigerd"]
    melding_bevat: list[str] = Field(default_factory=list)


class Casus(Strikt):
    titel: str
    iteratie: int = Field(ge=1, le=3)
    gemeente: str
    activiteit: Activiteit | None = Field(None, description="één activiteit (met 'regels' en 'vergunningcheck')")
    regels: Regels | None = None
    vergunningcheck: Vergunningcheck | None = None
    activiteiten: list[CasusActiviteit] = Field(default_factory=list, description="meervoudige aanvraag")
    aanvraag: Aanvraag | None = None
    verwacht: Verwachting
    map: Path = Field(default=Path("."), exclude=True)

    @model_validator(mode="after")
    def samenhang(self) -> Casus:
        if (self.activiteit is None) == (not self.activiteiten):
            raise ValueError("geef óf 'activiteit' (met 'regels' en 'vergunningcheck') óf een lijst 'activiteiten'")
        if self.activiteit is not None and (self.regels is None or self.vergunningcheck is None):
            raise ValueError("bij 'activiteit' horen ook 'regels' en 'vergunningcheck'")
        if self.activiteiten and (self.regels is not None or self.vergunningcheck is not None):
            raise ValueError("bij 'activiteiten' staan 'regels' en 'vergunningcheck' per activiteit")
        if self.verwacht.uitkomst in ("zaak", "geweigerd") and self.aanvraag is None:
            raise ValueError(f"uitkomst {self.verwacht.uitkomst!r} vraagt om een 'aanvraag'-blok")
        return self

    def alle_activiteiten(self) -> list[CasusActiviteit]:
        """The activities, the single-activity form included (its answers and bijlagen from 'aanvraag')."""
        if self.activiteit is None:
            return self.activiteiten
        a = self.aanvraag or Aanvraag()
        return [
            CasusActiviteit(
                id=self.activiteit.id,
                naam=self.activiteit.naam,
                regels=self.regels,
                vergunningcheck=self.vergunningcheck,
                antwoorden=a.antwoorden,
                bijlagen=a.bijlagen,
            )
        ]

    def pad(self, p: Path) -> Path:
        return p if p.is_absolute() else (self.map / p).resolve()


def _veld(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(x) for x in loc) or "(bovenste niveau)"


def laad_casus(pad: Path) -> Casus:
    """Load and validate a casus file; every error names the file and the field."""
    try:
        data = yaml.safe_load(pad.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfiguratieFout(
            f"Casusbestand {pad}: geen geldige YAML: {exc}",
            code="KT-CASUS-YAML",
            hint="Controleer inspringing en dubbele punten op de genoemde regel.",
        ) from exc
    except OSError as exc:
        raise ConfiguratieFout(f"Casusbestand {pad} kan niet gelezen worden: {exc}", code="KT-CASUS-IO") from exc
    if not isinstance(data, dict):
        raise ConfiguratieFout(
            f"Casusbestand {pad}: verwacht een YAML-mapping met velden als 'titel'.", code="KT-CASUS-VORM"
        )
    try:
        return Casus.model_validate({**data, "map": pad.parent})
    except ValidationError as exc:
        regels = [f"  - {_veld(e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise ConfiguratieFout(
            f"Casusbestand {pad} klopt niet:\n" + "\n".join(regels),
            code="KT-CASUS-VELD",
            hint="Zie docs/beheerdersgids.md voor het casusformaat.",
        ) from exc


def casussen(map_: Path) -> list[Path]:
    return sorted(map_.glob("*.yaml"))
