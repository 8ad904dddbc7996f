"""Profiles: per keten environment, where each party is and how the harness authenticates to it.

A profile is ``offline`` (every party an in-process mock) or ``served`` (every party reached over
HTTP(S): served mocks, DSO pre-productie, a supplier's VTH system); its name (the *profielnaam*) is what a user
passes as ``--keten-omgeving``. Profiles come from built-ins, then the ``[profielen.<naam>]`` tables of a
``ketentest.toml`` file (``[omgevingen.<naam>]``, the older name, is still read), then environment variables
(``KETENTEST_PROFIELEN__<NAAM>__…``, nested with ``__``; read in :mod:`chain_tests.variabelen`), each overriding
the previous. Validation errors name the field and the fix. Secrets (API keys) are ``SecretStr``: never printed,
logged or put in the trace or report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator
from pydantic_settings import (
    BaseSettings,
    JsonConfigSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from chain_tests import variabelen
from chain_tests.config import EbmsInterop, EbmsProfiel, Grenzen, KetenConfig, Organisatie, PlanInstellingen, Tijden
from chain_tests.errors import ConfiguratieFout
from chain_tests.standards.zgw import ZgwInstellingen

PRE_OVERHEID = "https://pkio.service.pre.omgevingswet.overheid.nl"
PRE_PUBLIEK = "https://service.pre.omgevingswet.overheid.nl"


class Eindpunt(BaseModel):
    """How to reach one party and what the harness presents to it."""

    model_config = ConfigDict(extra="forbid")
    url: str | None = Field(None, pattern=r"^https?://", description="basis-URL; leeg = in-process mock (offline)")
    publiek_url: str | None = Field(None, pattern=r"^https?://", description="DSO-LV: basis-URL van /publiek/-API's")
    certificaat: Path | None = Field(
        None, description="clientcertificaat (PEM) van de partij namens wie de harness praat"
    )
    sleutel: Path | None = Field(None, description="privésleutel (PEM) bij dat certificaat")
    api_key: SecretStr | None = Field(None, description="DSO-LV: x-api-key voor de /publiek/-API's")
    adapter: str = Field("referentie", description="VTH-adapter (entry point in groep ketentest.vth_adapters)")
    kan: list[Literal["zaakstatus", "doorzetten", "lopende_zaken"]] | None = Field(
        None,
        description="VTH-systeem: wat het biedt naast ontvangen en de zaak tonen (zie VERMOGENS in "
        "chain_tests/werkplaats.py); leeg: alles wat de adapter kan",
    )
    zgw: ZgwInstellingen | None = Field(
        None, description="VTH-systeem met adapter 'zgw': de API-roots, client-id en geheim van het zaaksysteem"
    )
    inspectie: bool | None = Field(
        None,
        description="deze partij is een ketentest-mock met /_ketentest/-inspectie (trace, fouten, toestand); "
        "false voor een echt systeem (uw eigen VTH, DSO pre-productie), dat dan alleen krijgt wat het protocol "
        "biedt; leeg: de waarde 'inspectie' van het profiel",
    )


class Profiel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    soort: Literal["offline", "served"] = "offline"
    ca: Path | None = Field(None, description="CA-bundel (PEM) om de servercertificaten te vertrouwen")
    certificaten: Path | None = Field(None, description="map met <OIN>.pem en <OIN>-key.pem per organisatie")
    inspectie: bool = Field(
        False,
        description="de servers zijn ketentest-mocks met /_ketentest/-inspectie; per partij te overschrijven met "
        "'inspectie' bij die partij",
    )
    dso_lv: Eindpunt = Field(default_factory=Eindpunt)
    lvbb: Eindpunt = Field(default_factory=Eindpunt, description="de LVBB (bronhouderkoppelvlak, iteratie 3)")
    plansoftware: Eindpunt = Field(default_factory=Eindpunt, description="de plansoftware (iteratie 3)")
    lopende_zaken: Eindpunt = Field(default_factory=Eindpunt, description="MijnOverheid Lopende Zaken (Logius)")
    vth: dict[str, Eindpunt] = Field(default_factory=dict, description="per organisatie (naam of OIN)")
    tijden: Tijden | None = None
    grenzen: Grenzen | None = Field(None, description="served mocks: grootte-grenzen van berichten (bytes)")
    cpa: list[Path] = Field(
        default_factory=list,
        description="CPA-bestanden (ebXML CPP/CPA 2.0) van uw eigen systeem: de mocks gebruiken ze in plaats van de "
        "afspraak met dezelfde CPAId die ketentest maakt",
    )
    ebms_profiel: EbmsProfiel | None = Field(
        None,
        description="Digikoppeling-profiel: osb-rm-s (standaard, ondertekend) of osb-rm (uw adapter ondertekent nog "
        "niet; de rapportage noemt dan dat ondertekening niet is getest)",
    )
    plan: PlanInstellingen | None = Field(
        None, description="served LVBB en OZON: peildatum, machtigingen en wat OZON al kent (voor uw eigen pakketten)"
    )
    ebms_interop: EbmsInterop | None = Field(
        None, description="afwijkingen van de ondertekening en versleuteling voor een bestaande Digikoppeling-adapter"
    )
    certificaat_dagen: int = Field(14, ge=0, description="preflight: certificaat minstens zo lang geldig")
    beheer_token: SecretStr | None = Field(
        None,
        description="served mocks: token voor /_ketentest/ (trace, fouten, toestand) vanaf een ander adres dan "
        "loopback (header x-ketentest-beheer); zonder token alleen vanaf deze machine",
    )
    organisaties: list[Organisatie] | None = Field(
        None,
        description="de organisaties van deze keten (naam, OIN, basis-URL, soort); standaard de werkplaats rond "
        "Drimmelen. Zo test een beheerder met de eigen gemeente, zonder Python.",
    )

    @model_validator(mode="after")
    def samenhang(self) -> Profiel:
        if self.soort == "served" and not self.dso_lv.url:
            raise ValueError("soort 'served' vraagt dso_lv.url (de basis-URL van DSO-LV of de served mocks)")
        urls = [self.dso_lv.url, self.lvbb.url, self.plansoftware.url, self.lopende_zaken.url]
        urls += [e.url for e in self.vth.values()]
        if self.soort == "offline" and any(urls):
            raise ValueError("soort 'offline' draait alles in-process; zet soort = 'served' om URL's te gebruiken")
        return self

    def keten_config(self, basis: KetenConfig | None = None) -> KetenConfig:
        """The parties with this profile's organisations and URLs (offline: the configured organisations)."""
        basis = basis or (KetenConfig(organisaties=self.organisaties) if self.organisaties else KetenConfig())
        if self.grenzen:
            basis = basis.model_copy(update={"grenzen": self.grenzen})
        if self.cpa:
            basis = basis.model_copy(update={"cpa_bestanden": self.cpa})
        if self.ebms_profiel:
            basis = basis.model_copy(update={"ebms_profiel": self.ebms_profiel})
        if self.ebms_interop:
            basis = basis.model_copy(update={"ebms_interop": self.ebms_interop})
        if self.plan:
            basis = basis.model_copy(update={"plan": self.plan})
        if self.certificaten:
            basis = basis.model_copy(update={"sleutelmap": self.certificaten})
        if self.soort == "offline":
            return basis.model_copy(update={"tijden": self.tijden}) if self.tijden else basis
        organisaties = []
        for o in basis.organisaties:
            e = self.eindpunt_van(o)
            organisaties.append(o.model_copy(update={"base_url": e.url.rstrip("/")}) if e and e.url else o)
        dso = basis.dso_lv.model_copy(update={"base_url": (self.dso_lv.url or "").rstrip("/")})
        plan = {
            naam: getattr(basis, naam).model_copy(update={"base_url": e.url.rstrip("/")})
            for naam, e in (
                ("lvbb", self.lvbb),
                ("plansoftware", self.plansoftware),
                ("lopende_zaken", self.lopende_zaken),
            )
            if e.url
        }
        return basis.model_copy(
            update={
                **plan,
                "dso_lv": dso,
                "organisaties": organisaties,
                "tijden": self.tijden
                or Tijden(poll_interval=0.2, deadline_zaak=30.0, ebms_retries=3, ebms_retry_interval=1.0),
                "api_key": self.dso_lv.api_key.get_secret_value() if self.dso_lv.api_key else basis.api_key,
            }
        )

    def is_mock(self, eindpunt: Eindpunt | None) -> bool:
        """Is this party a ketentest mock that answers /_ketentest/? Only those ever get such a call."""
        if self.soort == "offline":
            return True
        if eindpunt is not None and eindpunt.inspectie is not None:
            return eindpunt.inspectie
        return self.inspectie

    def eindpunt_van(self, organisatie: Organisatie) -> Eindpunt | None:
        return next((e for k, e in self.vth.items() if organisatie.noemt(k)), None)

    def certificaat_van(self, oin: str, eindpunt: Eindpunt | None = None) -> tuple[Path, Path] | None:
        if eindpunt and eindpunt.certificaat and eindpunt.sleutel:
            return eindpunt.certificaat, eindpunt.sleutel
        if self.certificaten and (self.certificaten / f"{oin}.pem").is_file():
            return self.certificaten / f"{oin}.pem", self.certificaten / f"{oin}-key.pem"
        return None


def _lokaal() -> dict[str, Any]:
    """Served mocks on this machine (make mocks): Lopende Zaken on 8440, the LVBB on 8441, the plansoftware on 8442,
    DSO-LV on 8443, a reference VTH per organisation from 8444."""
    vth = {o.oin: {"url": f"https://127.0.0.1:{8444 + i}"} for i, o in enumerate(KetenConfig().organisaties)}
    return {
        "soort": "served",
        "ca": "reports/pki/ca.pem",
        "certificaten": "reports/pki",
        "inspectie": True,
        "dso_lv": {"url": "https://127.0.0.1:8443", "api_key": "offline-api-key"},
        "lvbb": {"url": "https://127.0.0.1:8441"},
        "plansoftware": {"url": "https://127.0.0.1:8442"},
        "lopende_zaken": {"url": "https://127.0.0.1:8440"},
        "vth": vth,
    }


INGEBOUWD: dict[str, dict[str, Any]] = {
    "offline": {"soort": "offline"},
    "lokaal": _lokaal(),
    "pre": {"soort": "served", "dso_lv": {"url": PRE_OVERHEID, "publiek_url": PRE_PUBLIEK}, "certificaat_dagen": 30},
}


class _Bestand(BaseSettings):
    """The profiles in a file (TOML, or JSON as written by :mod:`chain_tests.mockservers`). The file is given per
    call (:func:`_bestand_uit`), never through the environment."""

    model_config = SettingsConfigDict(extra="ignore")
    profielen: dict[str, dict[str, Any]] = Field(default_factory=dict)
    omgevingen: dict[str, dict[str, Any]] = Field(default_factory=dict, description="the older name of profielen")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        bestand = settings_cls.model_config.get("json_file") or settings_cls.model_config.get("toml_file")
        if str(bestand).endswith(".json"):
            return (JsonConfigSettingsSource(settings_cls),)
        return (TomlConfigSettingsSource(settings_cls),)


def _bestand_uit(pad: Path) -> dict[str, dict[str, Any]]:
    """Per profielnaam (lower case) the fields a file sets: ``[omgevingen.*]`` first, ``[profielen.*]`` over it;
    then the environment's ``KETENTEST_PROFIELEN__…`` over both."""
    sleutel = "json_file" if pad.suffix == ".json" else "toml_file"
    soort = type("_BestandUit", (_Bestand,), {"model_config": {**_Bestand.model_config, sleutel: pad}})
    gelezen = soort()
    uit: dict[str, dict[str, Any]] = {}
    for deel in (gelezen.omgevingen, gelezen.profielen, variabelen.profiel_overschrijvingen()):
        for naam, velden in deel.items():
            uit[naam.lower()] = _samen(uit.get(naam.lower(), {}), velden)
    return uit


def _samen(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = dict(a)
    for k, v in b.items():
        out[k] = _samen(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def laad_profiel(profielnaam: str | None = None, bestand: Path | None = None) -> tuple[str, Profiel]:
    """Load the named profile (default: $KETENTEST_OMGEVING or 'offline') from ``bestand`` (default:
    $KETENTEST_PROFIEL or ketentest.toml), over the built-in ones; returns its name (lower case) and the profile."""
    naam = profielnaam or variabelen.lees(variabelen.PROFIELNAAM) or "offline"
    bestand = bestand or Path(variabelen.lees(variabelen.PROFIEL) or "ketentest.toml")
    try:
        uit_bestand = _bestand_uit(bestand)
    except Exception as exc:  # a broken toml file
        raise ConfiguratieFout(
            f"Profielbestand {bestand} is niet te lezen: {exc}",
            code="KT-PROFIEL-BESTAND",
            hint="Controleer de TOML-syntaxis op de genoemde regel.",
        ) from exc
    bekend = sorted(set(INGEBOUWD) | set(uit_bestand))
    if naam.lower() not in bekend:
        raise ConfiguratieFout(
            f"Onbekende keten-omgeving {naam!r}.",
            code="KT-PROFIEL-NAAM",
            hint=f"Kies een van: {', '.join(bekend)} (of voeg [profielen.{naam}] toe aan ketentest.toml).",
        )
    data = _samen(INGEBOUWD.get(naam.lower(), {}), uit_bestand.get(naam.lower(), {}))
    try:
        return naam.lower(), Profiel.model_validate(data)
    except ValidationError as exc:
        regels = [
            f"  - profielen.{naam}.{'.'.join(str(x) for x in e['loc']) or '(geheel)'}: "
            + e["msg"].removeprefix("Value error, ")
            for e in exc.errors()
        ]
        raise ConfiguratieFout(
            f"Keten-omgeving {naam!r} klopt niet:\n" + "\n".join(regels),
            code="KT-PROFIEL-VELD",
            hint="Zie docs/leveranciersgids.md, paragraaf '4. Profiel', voor de velden.",
        ) from exc
