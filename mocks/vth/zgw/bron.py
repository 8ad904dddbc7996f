"""What the ZGW face needs of the reference VTH: its zaken, clock and stored bijlagen, the URL of a verzoek in
DSO-LV's Verzoek afhandelen API, and the behandelaar's act of moving a zaak on."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from chain_tests.klok import Klok
from chain_tests.standards import api


class ZaakBron(Protocol):
    oin: str
    base_url: str
    zaken: list[api.Zaak]
    klok: Klok

    def verzoek_url(self, verzoeknummer: str) -> str:
        """The verzoek in DSO-LV's Verzoek afhandelen API (the zaakobject's ``object``)."""
        ...

    def bestand(self, bijlage: api.ZaakBijlage) -> Path | None:
        """Where the VTH stored this bijlage's bytes (None: not kept)."""
        ...

    def behandel(self, zaak_id: str, status: str, resultaat: str | None) -> api.Zaak | None:
        """The behandelaar moves the zaak on (in behandeling, afgehandeld); None for an unknown zaak."""
        ...


def rsin(oin: str) -> str:
    """The RSIN in an organisation's OIN (``00000001`` + RSIN + ``000``), as ZGW's bronorganisatie."""
    return oin[8:17] if len(oin) == 20 and oin.startswith("00000001") else oin[:9]
