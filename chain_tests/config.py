"""Harness settings: the parties of one keten, their OINs and endpoints, and the timing rules.

The offline defaults describe a fictitious werkplaats around Drimmelen (gm1719): the municipality, its
omgevingsdienst (OMWB), a waterschap and a neighbouring municipality, plus the LVBB and a plansoftware
supplier for the plan keten. Their OINs are made up; the Lelystad OIN is the real one from its public
STTR export.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import httpx
from pydantic import BaseModel, ConfigDict, Field, field_validator

from chain_tests.errors import ConfiguratieFout

#: the Digikoppeling ebMS2 profiles: reliable; reliable and signed; reliable, signed and encrypted
EbmsProfiel = Literal["osb-rm", "osb-rm-s", "osb-rm-e"]


class PlanInstellingen(BaseModel):
    """What the LVBB and OZON mocks know that a real package needs: the LVBB's date, the machtigingen beyond the
    keten's own, and the objects OZON already holds (a supplier's package hangs its activities under them)."""

    model_config = ConfigDict(extra="forbid")
    peildatum: dt.date | None = Field(None, description="de datum van de LVBB (standaard: vandaag)")
    machtigingen: list[str] = Field(
        default_factory=list,
        description="'AANLEVERAAR:BEVOEGD_GEZAG' (OIN's): wie voor welk bevoegd gezag mag aanleveren, naast de keten",
    )
    ozon_bekend: list[str] = Field(
        default_factory=list, description="identificaties die OZON al kent (activiteiten, gebieden, regelingsgebieden)"
    )
    ozon_bekend_bestand: Path | None = Field(None, description="bestand met zulke identificaties, één per regel")

    @field_validator("machtigingen")
    @classmethod
    def _oins(cls, waarden: list[str]) -> list[str]:
        for w in waarden:
            a, _, b = w.partition(":")
            if not (len(a) == len(b) == 20 and a.isdigit() and b.isdigit()):
                raise ValueError(f"machtiging {w!r}: verwacht 'AANLEVERAAR:BEVOEGD_GEZAG', twee OIN's van 20 cijfers")
        return waarden

    def gemachtigd(self, aanleveraar: str, bevoegd_gezag: str) -> bool:
        return f"{aanleveraar}:{bevoegd_gezag}" in self.machtigingen

    def bekend_bij_ozon(self) -> set[str]:
        """The identifiers of ``ozon_bekend`` and of the file (lines; # starts a comment)."""
        uit = set(self.ozon_bekend)
        if self.ozon_bekend_bestand is not None:
            try:
                regels = self.ozon_bekend_bestand.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise ConfiguratieFout(
                    f"ozon_bekend_bestand {self.ozon_bekend_bestand} is niet te lezen: {exc.strerror or exc}.",
                    code="KT-CONF-PLAN",
                    hint="Geef een tekstbestand met één identificatie per regel, of laat ozon_bekend_bestand weg.",
                ) from None
            uit |= {r.strip() for r in regels if r.strip() and not r.lstrip().startswith("#")}
        return uit


class EbmsInterop(BaseModel):
    """Variants of signing and encryption seen in deployed Digikoppeling adapters; the defaults are what
    Digikoppeling prescribes, each other value an explicit choice of the agreement."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    c14n: Literal["exclusief", "inclusief"] = Field("exclusief", description="canonicalisatie van de handtekening")
    versleuteling: Literal["aes128-gcm", "aes256-gcm", "aes128-cbc"] = Field(
        "aes128-gcm", description="versleuteling van de bijlagen (osb-rm-e)"
    )
    sleuteltransport: Literal["rsa-oaep", "rsa-1_5"] = Field(
        "rsa-oaep", description="hoe de sleutel van de versleuteling meegaat (osb-rm-e)"
    )


OIN_PATTERN = r"^\d{20}$"


def netloc(base_url: str) -> str:
    """``host`` or ``host:port`` of a base URL: how the trace names the party behind it."""
    url = httpx.URL(base_url)
    return f"{url.host}:{url.port}" if url.port else url.host


class Organisatie(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    naam: str
    oin: str = Field(pattern=OIN_PATTERN)
    base_url: str = Field(description="basis-URL van de Digikoppeling-/API-endpoint van deze partij")
    soort: Literal["gemeente", "omgevingsdienst", "waterschap", "provincie", "landelijk", "leverancier"] = "gemeente"
    korte_naam: str = ""
    zaakdossier_url: str | None = Field(
        None, description="waar een burger zijn zaak ziet ({zaak_id} wordt ingevuld): de verwijzing in Lopende Zaken"
    )

    def noemt(self, sleutel: str) -> bool:
        s = sleutel.lower()
        namen = {self.oin, self.naam.lower(), self.korte_naam.lower(), self.naam.lower().removeprefix("gemeente ")}
        return s in namen or sleutel in namen


class Grenzen(BaseModel):
    """Size bounds of request bodies at the mocks, per kind of body, in bytes: checked before a body is read
    (Content-Length) and while it streams; past the bound the answer is 413 with a Dutch melding."""

    model_config = ConfigDict(extra="forbid")
    json_bytes: int = Field(1024**2, gt=0, description="JSON-berichten (indienen, samenwerken, routering, beheer)")
    bericht_bytes: int = Field(8 * 1024**2, gt=0, description="XML-, SOAP- en ebMS-berichten (als MAX_XML_BYTES)")
    pakket_bytes: int = Field(
        100 * 1024**2,
        gt=0,
        description="LVBB-pakketten: ebMS aan de LVBB, aanleveringen bij de plansoftware",
    )

    groot_bericht_bytes: int = Field(
        32 * 1024**2,
        gt=0,
        description="een opdracht.zip vanaf deze grootte stuurt de plansoftware als Groot Bericht (Digikoppeling GB)",
    )

    def voor_pakketten(self) -> Grenzen:
        """The bounds of a party that receives LVBB packages (the LVBB, the plansoftware): messages may be
        as large as a package."""
        return self.model_copy(update={"bericht_bytes": self.pakket_bytes})

    lees_seconden: float = Field(
        10.0, gt=0, description="served: zo lang mag een client stil blijven terwijl de mock zijn bericht leest (408)"
    )
    bewaar_verzoeken: int = Field(
        2000, ge=10, description="zoveel verzoeken (en zaken) bewaren de mocks; de oudste vergeten ze daarna"
    )


class Tijden(BaseModel):
    """Waits and retries, in seconds (on the manual clock offline, real seconds when served)."""

    model_config = ConfigDict(extra="forbid")
    poll_interval: float = Field(1.0, gt=0)
    deadline_zaak: float = Field(120.0, gt=0)
    ebms_retries: int = Field(3, ge=0, description="CPA default 8; scaled down for tests")
    ebms_retry_interval: float = Field(10.0, gt=0, description="CPA default 3 h; scaled down")
    ophaal_interval: float = Field(1.0, gt=0, description="VTH: first wait before fetching a verzoek again")
    ophaal_max_interval: float = Field(30.0, gt=0, description="VTH: longest wait between fetch attempts")
    ophaal_deadline: float = Field(120.0, gt=0, description="VTH: give up fetching a verzoek after this long")
    ozon_vertraging: float = Field(5.0, ge=0, description="OZON: from doorlevering until the objects are visible")
    deadline_plan: float = Field(300.0, gt=0, description="harness: longest wait for an LVBB verslag or OZON")


class KetenConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    dso_lv: Organisatie = Organisatie(
        soort="landelijk",
        naam="DSO landelijke voorzieningen (mock)",
        oin="00000001003214345000",
        base_url="https://dso-lv.ketentest.test",
    )
    lvbb: Organisatie = Organisatie(
        soort="landelijk",
        naam="LVBB (mock)",
        korte_naam="LVBB",
        oin="00000001003214345100",
        base_url="https://lvbb.ketentest.test",
    )
    lopende_zaken: Organisatie = Organisatie(
        soort="landelijk",
        naam="MijnOverheid Lopende Zaken (mock)",
        korte_naam="Lopende Zaken",
        oin="00000004003214345001",  # Logius, the receiver in every real zakLk01
        base_url="https://lopendezaken.ketentest.test",
    )
    plansoftware: Organisatie = Organisatie(
        soort="leverancier",
        naam="Plansoftware (referentie)",
        korte_naam="Plansoftware",
        oin="00000003001719002000",
        base_url="https://plansoftware.ketentest.test",
    )
    organisaties: list[Organisatie] = Field(
        default_factory=lambda: [
            Organisatie(
                naam="Gemeente Drimmelen",
                oin="00000001001719001000",
                base_url="https://vth.drimmelen.ketentest.test",
                zaakdossier_url="https://mijn.drimmelen.ketentest.test/zaken/{zaak_id}",
            ),
            Organisatie(
                naam="Gemeente Lelystad", oin="00000001005024249000", base_url="https://vth.lelystad.ketentest.test"
            ),
            Organisatie(
                naam="Omgevingsdienst Midden- en West-Brabant",
                korte_naam="OMWB",
                soort="omgevingsdienst",
                oin="00000001008888001000",
                base_url="https://vth.omwb.ketentest.test",
            ),
            Organisatie(
                naam="Waterschap Brabantse Delta",
                soort="waterschap",
                oin="00000001009999001000",
                base_url="https://vth.brabantsedelta.ketentest.test",
            ),
            Organisatie(
                naam="Gemeente Geertruidenberg",
                oin="00000001000779001000",
                base_url="https://vth.geertruidenberg.ketentest.test",
            ),
        ],
        description="bevoegde gezagen, omgevingsdiensten en adviseurs; elk met een eigen (referentie-)VTH-systeem",
    )
    api_key: str = "offline-api-key"
    max_bijlage_bytes: int = Field(4 * 1024**3, gt=0)
    grenzen: Grenzen = Field(default_factory=Grenzen)
    tijden: Tijden = Field(default_factory=Tijden)
    ebms_profiel: EbmsProfiel = Field(
        "osb-rm-s",
        description="Digikoppeling-profiel van de ebMS-afspraken die ketentest maakt: osb-rm-s (ondertekend, zoals de "
        "keten), osb-rm (zonder ondertekening, voor een adapter die nog niet ondertekent)",
    )
    plan: PlanInstellingen = Field(
        default_factory=PlanInstellingen, description="de plan-keten: peildatum, machtigingen, wat OZON al kent"
    )
    ebms_interop: EbmsInterop = Field(
        default_factory=EbmsInterop,
        description="afwijkingen voor een bestaande adapter (inclusieve c14n, AES-CBC, RSA v1.5); standaard uit",
    )
    sleutelmap: Path | None = Field(
        None,
        description="map met <OIN>.pem, <OIN>-key.pem en ca.pem waarmee de mocks ondertekenen; leeg: sleutels van "
        "een test-CA in het geheugen",
    )
    cpa_bestanden: list[Path] = Field(
        default_factory=list,
        description="CPA's (ebXML CPP/CPA 2.0) die de mocks gebruiken in plaats van de afspraak die ketentest zelf "
        "maakt, per CPAId (bijvoorbeeld de CPA van uw eigen Digikoppeling-adapter)",
    )

    def landelijk(self) -> list[Organisatie]:
        """The parties that are not an organisation's own system: DSO-LV, the LVBB, the plansoftware, and
        MijnOverheid Lopende Zaken."""
        return [self.dso_lv, self.lvbb, self.plansoftware, self.lopende_zaken]

    def partijnamen(self) -> dict[str, str]:
        """Host[:port] → party name, for the trace: the landelijke parties, and each organisation's VTH system."""
        namen = {netloc(o.base_url): o.naam for o in self.landelijk()}
        return namen | {netloc(o.base_url): f"VTH-systeem {o.naam}" for o in self.organisaties}

    def oin_namen(self) -> dict[str, str]:
        """OIN → the party that presents it on Digikoppeling: a landelijke party, or the organisation's VTH."""
        return {o.oin: o.naam for o in self.landelijk()} | {o.oin: f"VTH-systeem {o.naam}" for o in self.organisaties}

    def organisatie(self, sleutel: str) -> Organisatie:
        """Find an organisation by OIN or by (case-insensitive) name or name suffix."""
        for o in [*self.landelijk(), *self.organisaties]:
            if o.noemt(sleutel):
                return o
        import difflib

        bekend = ", ".join(f"{o.naam} ({o.oin})" for o in self.organisaties)
        namen = {n: o.naam for o in self.organisaties for n in (o.naam, o.naam.split()[-1])}
        bijna = difflib.get_close_matches(sleutel, list(namen), n=1, cutoff=0.6)
        raise ConfiguratieFout(
            f"Onbekende organisatie {sleutel!r}" + (f" (bedoelt u {namen[bijna[0]]!r}?)." if bijna else "."),
            code="KT-CONF-ORG",
            hint=f"Gebruik een van: {bekend}.",
        )
