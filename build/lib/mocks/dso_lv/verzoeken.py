"""DSO-LV's store of submitted verzoeken: versions per verzoeknummer, their STAM XML and documents,
and the messages the applicant got."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from chain_tests.standards import api, inspectie
from chain_tests.standards.stam import StamDocument, StamOrganisatie, StamVerzoek, stam_naar_xml
from mocks._infra.bewaren import begrens


@dataclass
class Document:
    document_id: str
    meta: api.DocumentMetadata
    pad: Path
    grootte: int = -1
    sha256: str = ""

    def stam(self) -> StamDocument:
        return StamDocument(
            document_id=self.document_id,
            bestandsnaam=self.meta.bestandsnaam,
            mime_type=self.meta.mime_type,
            bestandsgrootte=self.grootte,
            sha256=self.sha256,
        )


@dataclass
class Verzoek:
    """One version (volgnummer) of a verzoek for one bevoegd gezag."""

    stam: StamVerzoek
    stam_xml: bytes
    documenten: dict[str, Document]

    @property
    def verzoeknummer(self) -> str:
        return self.stam.verzoeknummer

    @property
    def ontvanger(self) -> str:
        """Who gets the notification: the uitvoerende instantie if set, else the bevoegd gezag."""
        s = self.stam
        return s.uitvoerende_instantie.oin if s.uitvoerende_instantie else s.bevoegd_gezag.oin

    def mag_ophalen(self, oin: str | None) -> bool:
        toegestaan = {self.stam.bevoegd_gezag.oin}
        if self.stam.uitvoerende_instantie:
            toegestaan.add(self.stam.uitvoerende_instantie.oin)
        return oin in toegestaan

    def met_uitvoerende_instantie(self, oin: str, naam: str | None) -> Verzoek:
        stam = self.stam.model_copy(update={"uitvoerende_instantie": StamOrganisatie(oin=oin, naam=naam)})
        return Verzoek(stam, stam_naar_xml(stam), self.documenten)


@dataclass
class Verzoekregister:
    versies: dict[str, list[Verzoek]] = field(default_factory=dict)
    berichten: dict[str, list[inspectie.BerichtAanAanvrager]] = field(default_factory=dict)
    _nummers: itertools.count[int] = field(default_factory=lambda: itertools.count(3_000_001))
    bewaar: int = 2000  # verzoeknummers kept in memory (Grenzen.bewaar_verzoeken); the oldest are forgotten

    def nieuw_nummer(self) -> str:
        return str(next(self._nummers))

    def bewaar_verzoek(self, verzoek: Verzoek) -> None:
        self.versies.setdefault(verzoek.verzoeknummer, []).append(verzoek)
        begrens(self.versies, self.bewaar)  # their files stay (a document may serve more verzoeken) until sluit
        begrens(self.berichten, self.bewaar)

    def vervang_laatste(self, verzoek: Verzoek) -> None:
        self.versies[verzoek.verzoeknummer][-1] = verzoek

    def heeft_project(self, project_id: str) -> bool:
        return any(v.stam.project_id == project_id for versies in self.versies.values() for v in versies)

    def laatste(self, nummer: str) -> Verzoek | None:
        versies = self.versies.get(nummer)
        return versies[-1] if versies else None

    def versie(self, nummer: str, volgnummer: int | None) -> Verzoek | None:
        """The given version (volgnummer) of a verzoek, or the latest when none is asked."""
        if volgnummer is None:
            return self.laatste(nummer)
        return next((v for v in reversed(self.versies.get(nummer, [])) if v.stam.volgnummer == volgnummer), None)

    def meld(self, nummer: str, soort: Literal["ontvangstbevestiging", "storing"], tekst: str) -> None:
        self.berichten.setdefault(nummer, []).append(inspectie.BerichtAanAanvrager(soort=soort, tekst=tekst))
