"""The reference VTH's link to MijnOverheid Lopende Zaken: each status change of a zaak with a natural-person
initiator goes out as a ``zakLk01`` over Digikoppeling ebMS2 (its own outbox, retries and acks).

A zaak whose initiator has no BSN (a company, by KvK-nummer) is never sent: Lopende Zaken is per citizen.
Deliberate faults (:class:`~chain_tests.standards.inspectie.VthFouten`) make the self-tests' faulty VTH:
never sending, the wrong citizen, statuses out of order, no einddatum on the final status.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta

import httpx

from chain_tests.config import Tijden
from chain_tests.klok import Klok
from chain_tests.privacy import is_bsn
from chain_tests.standards import api, lopendezaken
from chain_tests.standards.cpa import Overeenkomst
from chain_tests.standards.ebms import MimeDeel
from chain_tests.standards.inspectie import VthFouten
from chain_tests.standards.sleutels import Sleutelbos, sleutelbos
from mocks._infra.bewaren import begrens
from mocks.digikoppeling.postvak import Postvak

CPA = "mijnoverheid-lopendezaken"


@dataclass
class Statusmelder:
    naam: str  # the VTH's
    oin: str  # the organisation's: the zender
    lopende_zaken: tuple[str, str] | None  # (Logius OIN, its ebMS endpoint), or None when not connected
    zaakdossier_url: str | None
    tijden: Tijden
    klok: Klok
    client: Callable[[], httpx.Client]
    fouten: VthFouten
    bsn: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # zaak_id → (BSN, naam, startdatum)
    bewaar: int = 2000  # zaken and messages kept (Grenzen.bewaar_verzoeken)
    cpas: Mapping[str, Overeenkomst] = field(default_factory=dict)
    sleutels: Sleutelbos = field(default_factory=sleutelbos)

    def __post_init__(self) -> None:
        adresboek = {self.lopende_zaken[0]: self.lopende_zaken[1]} if self.lopende_zaken else {}
        self.postvak = Postvak(
            self.naam,
            self.oin,
            adresboek,
            self.tijden,
            self.klok,
            self.client,
            bewaar=self.bewaar,
            cpas=self.cpas,
            sleutels=self.sleutels,
        )

    def onthoud(self, zaak_id: str, bsn: str | None, naam: str) -> None:
        if bsn:
            self.bsn[zaak_id] = (bsn, naam, self.klok.nu().strftime("%Y%m%d"))
            begrens(self.bsn, self.postvak.bewaar)

    def meld(self, zaak: api.Zaak, status: str, eind: bool = False) -> None:
        """Send ``status`` of ``zaak`` to Lopende Zaken (a final one with its einddatum)."""
        if self.lopende_zaken is None or self.fouten.stuurt_geen_lopende_zaken or zaak.zaak_id not in self.bsn:
            return
        bsn, naam, start = self.bsn[zaak.zaak_id]
        nu = self.klok.nu()
        gezet = nu - timedelta(days=1) if self.fouten.statussen_door_elkaar and self._eerder(zaak.zaak_id) else nu
        bericht = lopendezaken.Zaakstatus(
            zender=self.oin,
            zender_applicatie="ketentest referentie-VTH",
            referentienummer=str(uuid.uuid4()),
            tijdstip_bericht=nu.strftime("%Y%m%d%H%M%S%f")[:17],
            zaak_id=zaak.zaak_id,
            omschrijving=f"{zaak.verzoektype} {zaak.verzoeknummer}",
            startdatum=start,
            zaaktype_code=(zaak.activiteiten[0].rsplit(".", 1)[-1] if zaak.activiteiten else "onbekend")[:40],
            zaaktype_omschrijving=zaak.verzoektype,
            status=status,
            datum_status_gezet=gezet.strftime("%Y%m%d%H%M%S"),
            bsn=_ander(bsn) if self.fouten.verkeerde_bsn else bsn,
            geslachtsnaam=naam.rsplit(" ", 1)[-1],
            einddatum=zaak.einddatum.replace("-", "")
            if eind and zaak.einddatum and not self.fouten.zonder_einddatum
            else None,
            resultaat=zaak.resultaat,
            verwijzing=self._verwijzing(zaak.zaak_id),
        )
        deel = MimeDeel(f"zaklk01-{bericht.referentienummer}@vth", "application/xml", lopendezaken.zaklk01_xml(bericht))
        assert self.lopende_zaken is not None
        self.postvak.verstuur(
            zaak.zaak_id, self.lopende_zaken[0], lopendezaken.SERVICE, lopendezaken.ACTION, [deel], CPA
        )

    def _verwijzing(self, zaak_id: str) -> str | None:
        if self.zaakdossier_url is None or self.fouten.zonder_verwijzing:
            return None
        return self.zaakdossier_url.format(zaak_id=zaak_id)

    def _eerder(self, zaak_id: str) -> bool:
        return any(b.sleutel == zaak_id for b in self.postvak.outbox)


def _ander(bsn: str) -> str:
    """Another valid BSN (the fault 'verkeerde_bsn')."""
    getal = int(bsn)
    while True:
        getal = (getal + 1) % 1_000_000_000
        kandidaat = f"{getal:09d}"
        if is_bsn(kandidaat):
            return kandidaat
