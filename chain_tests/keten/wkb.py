"""Stap 9 for the Wkb: each melding of one bouwwerk in the one dossier of its bouwmelding, and the deadlines.

The bouwmelding makes the dossier (a zaak); the informatieplichten and the gereedmelding are separate
verzoeken in the same project that the VTH must put in that zaak (werkplaats finding 3 across weeks). A
melding without a bouwmelding in its project must be signalled by the VTH. The deadlines of the Bbl are
checked on the dates in the meldingen; a missed one is a finding naming the deadline, the dates and who must
act (the bouwer), so a beheerder sees it in the report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chain_tests.config import Organisatie
from chain_tests.errors import KetenBevinding
from chain_tests.keten.basis import KetenBasis
from chain_tests.keten.controles import antwoord_tekorten, bijlage_tekorten
from chain_tests.keten.model import Indiening
from chain_tests.reporting.stappen import voeg_bij
from chain_tests.standards import api, wkb


@dataclass
class WkbDossier:
    """What the harness knows of one bouwwerk's dossier while its meldingen go through the keten."""

    gemeente: Organisatie
    zaak: api.Zaak | None = None  # the bouwmelding's zaak
    project_id: str | None = None
    bouwmelding: dt.date | None = None
    statussen: list[str] = field(default_factory=list)  # what MijnOverheid should show, in order
    overschrijdingen: list[wkb.Overschrijding] = field(default_factory=list)


class WkbStappen(KetenBasis):
    def controleer_in_dossier(
        self, zaak: api.Zaak, indiening: Indiening, stap: wkb.Wkbfase, dossier: WkbDossier
    ) -> None:
        nummer = indiening.verzoeknummer(dossier.gemeente) or "?"
        vth = f"VTH-systeem {dossier.gemeente.naam}"
        titel = f"{wkb.ACTIVITEITEN[stap].naam}: verzoek {nummer} in het Wkb-dossier"
        with self.stap("9", titel, partij=vth):
            voeg_bij("Zaak (Wkb-dossier)", zaak.model_dump(by_alias=True))
            if dossier.zaak is None:  # no bouwmelding before this melding (the bouwmelding sets it)
                self._zonder_bouwmelding(zaak, nummer, vth)
                return
            if dossier.zaak is not None and zaak.zaak_id != dossier.zaak.zaak_id:
                raise KetenBevinding(
                    "de melding staat niet in het dossier van de bouwmelding",
                    code="KB-WKB-DOSSIER",
                    stap=9,
                    partij=vth,
                    verwacht=f"verzoek {nummer} in zaak {dossier.zaak.zaak_id} "
                    f"(bouwmelding, project {dossier.project_id})",
                    gezien=f"een eigen zaak {zaak.zaak_id}",
                    verzoeknummer=nummer,
                )
            tekorten = [] if nummer in zaak.verzoeken else [f"verzoek {nummer} staat niet bij de zaak"]
            tekorten += antwoord_tekorten(zaak, indiening.aanvraag.activiteiten)
            tekorten += bijlage_tekorten(zaak, indiening.documenten, alleen_deze=False)
            if tekorten:
                raise self.in_controle(
                    KetenBevinding(
                        "de melding is niet volledig in het dossier opgenomen",
                        code="KB-ZAAK-ONVOLLEDIG",
                        stap=9,
                        partij=vth,
                        verwacht="de antwoorden en bijlagen (zelfde sha256) van de melding in de dossierzaak",
                        gezien="; ".join(tekorten),
                        verzoeknummer=nummer,
                    )
                )

    @staticmethod
    def _zonder_bouwmelding(zaak: api.Zaak, nummer: str, vth: str) -> None:
        voeg_bij(
            "Wkb: geen bouwmelding",
            "Deze melding hoort bij geen bouwmelding: de bouwer moet eerst een bouwmelding doen (minstens 4 weken "
            "voor de start van de bouw). Het VTH-systeem hoort dat te signaleren.",
        )
        if not any(s.startswith(wkb.GEEN_BOUWMELDING) for s in zaak.signalen):
            raise KetenBevinding(
                "het VTH-systeem signaleert niet dat de bouwmelding ontbreekt",
                code="KB-WKB-ZONDER-BOUWMELDING",
                stap=9,
                partij=vth,
                verwacht=f"zaak {zaak.zaak_id} met het signaal '{wkb.GEEN_BOUWMELDING}'",
                gezien=f"signalen: {zaak.signalen or 'geen'}",
                verzoeknummer=nummer,
            )

    def controleer_termijnen(self, dossier: WkbDossier) -> None:
        with self.stap("9", "Termijnen van de Wkb controleren", partij="Initiatiefnemer (bouwer)"):
            o = dossier.overschrijdingen
            voeg_bij("Wkb-termijnen", [{"stap": x.stap, "termijn": x.termijn, "data": x.data, "wie": x.wie} for x in o])
            if o:
                raise KetenBevinding(
                    "een termijn van de Wkb is niet gehaald",
                    code="KB-WKB-TERMIJN",
                    stap=9,
                    partij="Initiatiefnemer (bouwer)",
                    verwacht="; ".join(f"{x.stap}: {x.termijn}" for x in o),
                    gezien="; ".join(f"{x.data} — wie moet handelen: {x.wie}" for x in o),
                    verzoeknummer=dossier.zaak.verzoeknummer if dossier.zaak else None,
                )
