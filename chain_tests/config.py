"""Harness settings: the parties of one keten, their OINs and endpoints, and the timing rules.

The offline defaults describe a fictitious municipality (Drimmelen, gm1719) on the embedded mocks.
OINs marked *fictief* are made up; the Lelystad OIN is the real one from its public STTR export.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

OIN_PATTERN = r"^\d{20}$"


class Organisatie(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    naam: str
    oin: str = Field(pattern=OIN_PATTERN)
    base_url: str = Field(description="basis-URL van de Digikoppeling-/API-endpoint van deze partij")


class Tijden(BaseModel):
    """Waits and retries, in seconds (on the manual clock offline, real seconds when served)."""

    model_config = ConfigDict(extra="forbid")
    poll_interval: float = Field(1.0, gt=0)
    deadline_zaak: float = Field(120.0, gt=0)
    ebms_retries: int = Field(3, ge=0, description="CPA default 8; scaled down for tests")
    ebms_retry_interval: float = Field(10.0, gt=0, description="CPA default 3 h; scaled down")


class KetenConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    dso_lv: Organisatie = Organisatie(
        naam="DSO landelijke voorzieningen (mock)", oin="00000001003214345000", base_url="https://dso-lv.ketentest.test"
    )
    gemeenten: list[Organisatie] = Field(
        default_factory=lambda: [
            Organisatie(
                naam="Gemeente Drimmelen", oin="00000001001719001000", base_url="https://vth.drimmelen.ketentest.test"
            ),
            Organisatie(
                naam="Gemeente Lelystad", oin="00000001005024249000", base_url="https://vth.lelystad.ketentest.test"
            ),
        ]
    )
    api_key: str = "offline-api-key"
    max_bijlage_bytes: int = Field(4 * 1024**3, gt=0)
    tijden: Tijden = Field(default_factory=Tijden)

    def organisatie(self, sleutel: str) -> Organisatie:
        """Find an organisation by OIN or by (case-insensitive) name or name suffix."""
        for o in [self.dso_lv, *self.gemeenten]:
            if sleutel == o.oin or sleutel.lower() in (o.naam.lower(), o.naam.lower().removeprefix("gemeente ")):
                return o
        from chain_tests.errors import ConfiguratieFout

        bekend = ", ".join(f"{o.naam} ({o.oin})" for o in self.gemeenten)
        raise ConfiguratieFout(
            f"Onbekende organisatie {sleutel!r}.", code="KT-CONF-ORG", hint=f"Gebruik een van: {bekend}."
        )
