"""Stap 11: samenwerken — advies vragen aan een buurgemeente en het advies leveren.

The harness acts for both sides (the bevoegd gezag and the adviser), each with its own OIN, and
checks what the samenwerken service lets each of them see and do.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from chain_tests.clients.base import Weigering
from chain_tests.clients.samenwerken import SamenwerkenClient
from chain_tests.config import Organisatie
from chain_tests.errors import KetenBevinding
from chain_tests.keten.basis import KetenBasis
from chain_tests.keten.model import BijlageBron
from chain_tests.reporting.stappen import voeg_bij
from chain_tests.standards import api
from chain_tests.streams import Hasher

PARTIJ = "DSO-LV (samenwerken)"


@dataclass
class Adviesvraag:
    bevoegd_gezag: Organisatie
    adviseur: Organisatie
    privilege: api.Privilege
    samenwerking: api.Samenwerking
    actieverzoek: api.Actieverzoek
    gedeeld: dict[str, api.SwDocument] = field(default_factory=dict)  # document id → as shared (with sha256)


def _bevinding(samenvatting: str, code: str, verwacht: str, gezien: str, nummer: str) -> KetenBevinding:
    return KetenBevinding(
        samenvatting, code=code, stap=11, partij=PARTIJ, verwacht=verwacht, gezien=gezien, verzoeknummer=nummer
    )


class SamenwerkStappen(KetenBasis):
    def _sw(self, organisatie: Organisatie) -> SamenwerkenClient:
        return SamenwerkenClient(self.client("Samenwerken", organisatie))

    def vraag_advies(
        self,
        bevoegd_gezag: Organisatie,
        verzoeknummer: str,
        adviseur: Organisatie,
        privilege: api.Privilege,
        stukken: list[tuple[BijlageBron, api.Vertrouwelijkheid]],
        toelichting: str = "Graag uw advies over dit verzoek.",
    ) -> Adviesvraag:
        with self.stap(
            11,
            f"{bevoegd_gezag.naam} vraagt advies aan {adviseur.naam} over verzoek {verzoeknummer} "
            f"(privilege {privilege})",
            partij=PARTIJ,
        ):
            sw = self._sw(bevoegd_gezag)
            samenwerking = sw.start(verzoeknummer, f"Advies over verzoek {verzoeknummer}")
            sw.nodig_uit(samenwerking.samenwerking_id, adviseur.oin, privilege)
            gedeeld = {}
            for bron, vertrouwelijkheid in stukken:
                doc = self._deel(sw, samenwerking, bron, vertrouwelijkheid, verzoeknummer)
                gedeeld[doc.document_id] = doc
            av = sw.vraag(
                samenwerking.samenwerking_id, api.NieuwActieverzoek(ontvanger=adviseur.oin, toelichting=toelichting)
            )
            voeg_bij("Samenwerking", samenwerking.model_dump(by_alias=True))
            voeg_bij("Actieverzoek advies", av.model_dump(by_alias=True))
            return Adviesvraag(bevoegd_gezag, adviseur, privilege, samenwerking, av, gedeeld)

    def _deel(
        self,
        sw: SamenwerkenClient,
        samenwerking: api.Samenwerking,
        bron: BijlageBron,
        vertrouwelijkheid: api.Vertrouwelijkheid,
        nummer: str,
    ) -> api.SwDocument:
        hasher = Hasher(bron.chunks())
        meta = api.NieuwSwDocument(
            bestandsnaam=bron.naam, mime_type=bron.mime_type, vertrouwelijkheid=vertrouwelijkheid
        )
        doc = sw.deel(samenwerking.samenwerking_id, meta, iter(hasher))
        if doc.sha256 != hasher.sha256:
            raise _bevinding(
                f"document {bron.naam!r} kwam anders aan bij samenwerken",
                "KB-SAMENWERKEN-DOCUMENT",
                f"sha256 {hasher.sha256}",
                f"sha256 {doc.sha256}",
                nummer,
            )
        return doc

    def ontvang_adviesvraag(self, vraag: Adviesvraag) -> list[api.SwDocument]:
        """The adviser polls its notificaties, and fetches exactly what its privilege allows."""
        nummer = vraag.samenwerking.verzoeknummer
        with self.stap(
            11,
            f"{vraag.adviseur.naam} ontvangt de adviesvraag en haalt de stukken op (privilege {vraag.privilege})",
            partij=PARTIJ,
        ):
            sw = self._sw(vraag.adviseur)
            self._wacht_op_notificatie(sw, "ACTIEVERZOEK", vraag, vraag.adviseur)
            zichtbaar = {d.document_id: d for d in sw.documenten(vraag.samenwerking.samenwerking_id)}
            verwacht = {i for i, d in vraag.gedeeld.items() if d.vertrouwelijkheid == "RV" or vraag.privilege == "VT"}
            self._controleer_zicht(vraag, set(zichtbaar), verwacht)
            with tempfile.TemporaryDirectory(prefix="ketentest-advies-") as tmp:
                for doc_id in sorted(verwacht):
                    _, sha = sw.download(vraag.samenwerking.samenwerking_id, doc_id, Path(tmp) / doc_id)
                    if sha != vraag.gedeeld[doc_id].sha256:
                        raise _bevinding(
                            "de adviseur kreeg een ander document dan er gedeeld is",
                            "KB-SAMENWERKEN-DOCUMENT",
                            f"sha256 {vraag.gedeeld[doc_id].sha256}",
                            f"sha256 {sha}",
                            nummer,
                        )
                for doc_id in set(vraag.gedeeld) - verwacht:
                    self._moet_geweigerd(sw, vraag, doc_id, Path(tmp) / doc_id)
            voeg_bij(f"Stukken zichtbaar voor {vraag.adviseur.naam}", [d.bestandsnaam for d in zichtbaar.values()])
            return [zichtbaar[i] for i in sorted(verwacht)]

    def _controleer_zicht(self, vraag: Adviesvraag, gezien: set[str], verwacht: set[str]) -> None:
        nummer = vraag.samenwerking.verzoeknummer
        naam = {i: d.bestandsnaam for i, d in vraag.gedeeld.items()}
        te_veel = sorted(naam[i] for i in gezien - verwacht if i in naam)
        if te_veel:
            raise _bevinding(
                "strikt vertrouwelijke stukken zichtbaar bij beperkte toegang",
                "KB-SAMENWERKEN-VERTROUWELIJK",
                f"met privilege {vraag.privilege} alleen reguliere (RV) stukken",
                "ook zichtbaar: " + ", ".join(map(repr, te_veel)),
                nummer,
            )
        te_weinig = sorted(naam[i] for i in verwacht - gezien)
        if te_weinig:
            raise _bevinding(
                "gedeelde stukken niet zichtbaar voor de adviseur",
                "KB-SAMENWERKEN-DOCUMENT",
                "alle stukken die het privilege toestaat",
                "ontbreekt: " + ", ".join(map(repr, te_weinig)),
                nummer,
            )

    def _moet_geweigerd(self, sw: SamenwerkenClient, vraag: Adviesvraag, doc_id: str, doel: Path) -> None:
        try:
            sw.download(vraag.samenwerking.samenwerking_id, doc_id, doel)
        except Weigering as exc:
            if exc.status == 403:
                return
            raise
        raise _bevinding(
            "een strikt vertrouwelijk stuk kon worden opgehaald met beperkte toegang",
            "KB-SAMENWERKEN-VERTROUWELIJK",
            "HTTP 403 (privilege VT vereist)",
            f"document {vraag.gedeeld[doc_id].bestandsnaam!r} geleverd",
            vraag.samenwerking.verzoeknummer,
        )

    def lever_advies(self, vraag: Adviesvraag, advies: BijlageBron) -> api.SwDocument:
        with self.stap(11, f"{vraag.adviseur.naam} levert het advies en meldt het actieverzoek gereed", partij=PARTIJ):
            sw = self._sw(vraag.adviseur)
            doc = self._deel(sw, vraag.samenwerking, advies, "RV", vraag.samenwerking.verzoeknummer)
            av = sw.gereedmelden(
                vraag.samenwerking.samenwerking_id, vraag.actieverzoek.actieverzoek_id, [doc.document_id]
            )
            voeg_bij("Actieverzoek na gereedmelding", av.model_dump(by_alias=True))
            return doc

    def controleer_advies(self, vraag: Adviesvraag, advies: api.SwDocument) -> api.Actieverzoek:
        nummer = vraag.samenwerking.verzoeknummer
        with self.stap(11, f"{vraag.bevoegd_gezag.naam} ziet status GEREED en haalt het advies op", partij=PARTIJ):
            sw = self._sw(vraag.bevoegd_gezag)
            self._wacht_op_notificatie(sw, "GEREED", vraag, vraag.bevoegd_gezag)
            av = sw.actieverzoek(vraag.samenwerking.samenwerking_id, vraag.actieverzoek.actieverzoek_id)
            if av.status != "GEREED" or advies.document_id not in av.resultaat_documenten:
                raise _bevinding(
                    "het advies is niet (volledig) terug bij de vrager",
                    "KB-SAMENWERKEN-ADVIES",
                    f"status GEREED met adviesdocument {advies.bestandsnaam!r}",
                    f"status {av.status}, resultaatdocumenten {av.resultaat_documenten}",
                    nummer,
                )
            with tempfile.TemporaryDirectory(prefix="ketentest-advies-") as tmp:
                _, sha = sw.download(vraag.samenwerking.samenwerking_id, advies.document_id, Path(tmp) / "advies")
            if sha != advies.sha256:
                raise _bevinding(
                    "het advies kwam anders aan bij de vrager",
                    "KB-SAMENWERKEN-DOCUMENT",
                    f"sha256 {advies.sha256}",
                    f"sha256 {sha}",
                    nummer,
                )
            return av

    def trek_adviesvraag_in(self, vraag: Adviesvraag) -> api.Actieverzoek:
        nummer = vraag.samenwerking.verzoeknummer
        with self.stap(
            11, f"{vraag.bevoegd_gezag.naam} trekt de adviesvraag aan {vraag.adviseur.naam} in", partij=PARTIJ
        ):
            av = self._sw(vraag.bevoegd_gezag).trek_in(
                vraag.samenwerking.samenwerking_id, vraag.actieverzoek.actieverzoek_id
            )
            adviseur = self._sw(vraag.adviseur)
            self._wacht_op_notificatie(adviseur, "INGETROKKEN", vraag, vraag.adviseur)
            try:
                adviseur.gereedmelden(vraag.samenwerking.samenwerking_id, vraag.actieverzoek.actieverzoek_id, [])
            except Weigering as exc:
                if exc.status == 409:
                    return av
                raise
            raise _bevinding(
                "een ingetrokken actieverzoek kon nog gereed worden gemeld",
                "KB-SAMENWERKEN-STATUS",
                "HTTP 409 na intrekken",
                "gereedmelding geaccepteerd",
                nummer,
            )

    def controleer_afscherming(self, vraag: Adviesvraag, buitenstaander: Organisatie) -> None:
        """An organisation that is not part of the samenwerking may not read it."""
        with self.stap(
            11, f"{buitenstaander.naam} (geen deelnemer) krijgt geen toegang tot de samenwerking", partij=PARTIJ
        ):
            try:
                self._sw(buitenstaander).documenten(vraag.samenwerking.samenwerking_id)
            except Weigering as exc:
                if exc.status == 403:
                    return
                raise
            raise _bevinding(
                "een buitenstaander kon de samenwerking lezen",
                "KB-SAMENWERKEN-AFSCHERMING",
                f"HTTP 403 voor {buitenstaander.naam}",
                "documentenlijst geleverd",
                vraag.samenwerking.verzoeknummer,
            )

    def _wacht_op_notificatie(self, sw: SamenwerkenClient, soort: str, vraag: Adviesvraag, wie: Organisatie) -> None:
        av_id = vraag.actieverzoek.actieverzoek_id
        gevonden = self._wacht(
            lambda: next((n for n in sw.notificaties() if n.soort == soort and n.actieverzoek_id == av_id), None),
            wat=f"notificatie {soort} voor {wie.naam}",
        )
        if gevonden is None:
            raise _bevinding(
                f"{wie.naam} kreeg geen notificatie {soort}",
                "KB-SAMENWERKEN-NOTIFICATIE",
                f"notificatie {soort} voor actieverzoek {av_id}",
                f"geen binnen {self.config.tijden.deadline_zaak:g} s",
                vraag.samenwerking.verzoeknummer,
            )
