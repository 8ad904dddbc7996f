"""Stap 8: vergunningcheck and indienen (initial aanvraag, aanvulling, intrekking)."""

from __future__ import annotations

from typing import Any

from chain_tests.clients.base import Weigering
from chain_tests.clients.loket import LoketClient
from chain_tests.config import Organisatie
from chain_tests.errors import ConfiguratieFout, KetenBevinding
from chain_tests.keten.basis import KetenBasis
from chain_tests.keten.model import Aanvraag, AanvraagGeweigerd, BijlageBron, Indiening, VerstuurdDocument
from chain_tests.reporting.stappen import voeg_bij
from chain_tests.reporting.voortgang import stroom
from chain_tests.standards import api
from chain_tests.streams import Hasher

_DOEL = {"Aanvullen": "Aanvulling indienen", "Intrekken": "Verzoek intrekken"}
_NIEUW = {"Aanvraag vergunning": "Aanvraag indienen", "Melding": "Melding doen", "Informatie": "Informatie verstrekken"}


class IndienStappen(KetenBasis):
    @property
    def loket(self) -> LoketClient:
        return LoketClient(self.client("Initiatiefnemer (Omgevingsloket)"))

    def doe_vergunningcheck(
        self,
        gemeente: Organisatie,
        activiteit_id: str,
        antwoorden: dict[str, Any],
        bron: str = "de scenario-code",
        locatie: api.Punt | None = None,
        verwacht: str | None = None,
    ) -> api.VergunningcheckAntwoord:
        """The vergunningcheck (at ``locatie`` on the map, when given); questions left open are the caller's
        mistake (``bron`` names the casus). With ``verwacht`` the conclusion is checked inside this step, so a
        wrong one marks this step, not a later one."""
        with self.stap(
            "8a",
            f"Vergunningcheck doen in het Omgevingsloket ({gemeente.naam})",
            partij="Omgevingsloket (vergunningcheck)",
        ):
            vraag = api.VergunningcheckVraag(
                bevoegd_gezag=gemeente.oin, activiteit_id=activiteit_id, antwoorden=antwoorden, locatie=locatie
            )
            voeg_bij("Vergunningcheck: antwoorden", vraag.model_dump(by_alias=True))
            antwoord = self.loket.vergunningcheck(vraag)
            voeg_bij("Vergunningcheck: uitkomst", antwoord.model_dump(by_alias=True))
            if antwoord.open_vragen:
                raise ConfiguratieFout(
                    f"de vergunningcheck voor {activiteit_id} is niet af: in {bron} ontbreken antwoorden op "
                    + "; ".join(f"'{v.vraagtekst or v.vraag_id}'" for v in antwoord.open_vragen),
                    code="KT-CASUS-OPEN-VRAGEN",
                    hint="Het Omgevingsloket stelt eerst elke vraag die de conclusie nog kan veranderen; "
                    "vul die antwoorden aan in 'vergunningcheck.antwoorden', met de vraagtekst (of het id uit de "
                    "vragenboom van de casus) als sleutel.",
                )
            if verwacht is not None:
                self.controleer_conclusie(antwoord, verwacht)
            return antwoord

    @staticmethod
    def controleer_conclusie(antwoord: api.VergunningcheckAntwoord, verwacht: str) -> None:
        if antwoord.conclusie != verwacht:
            raise KetenBevinding(
                "de vergunningcheck geeft een andere conclusie",
                code="KB-CONCLUSIE",
                stap=8,
                partij="Omgevingsloket (vergunningcheck)",
                verwacht=verwacht,
                gezien=f"{antwoord.conclusie} (uitkomsten {antwoord.uitkomsten})",
            )

    def dien_in(self, aanvraag: Aanvraag) -> Indiening:
        titel = _DOEL.get(aanvraag.doel) or _NIEUW[aanvraag.verzoektype]
        titel += f" voor verzoek {aanvraag.verzoeknummer}" if aanvraag.verzoeknummer else ""
        with self.stap("8b", f"{titel} in het Omgevingsloket", partij="Omgevingsloket (indienen)"):
            bericht = api.Indienbericht(
                verzoektype=aanvraag.verzoektype,
                doel=aanvraag.doel,
                verzoeknummer=aanvraag.verzoeknummer,
                project_id=aanvraag.project_id,
                initiatiefnemer=aanvraag.initiatiefnemer,
                locatie=aanvraag.locatie,
                activiteiten=[
                    api.IndienActiviteit(
                        activiteit_id=a.activiteit_id,
                        activiteit_naam=a.naam,
                        antwoorden=[api.Antwoord(vraag_id=k, antwoord=v) for k, v in a.antwoorden.items()],
                    )
                    for a in aanvraag.activiteiten
                ],
            )
            voeg_bij("Indienbericht", bericht.json_bytes(), "json")
            try:
                concept = self.loket.maak_verzoek(bericht)
                documenten = [self._upload(concept.verzoek_id, b) for b in aanvraag.bijlagen]
                ingediend = self.loket.dien_in(concept.verzoek_id)
            except Weigering as exc:
                if exc.status != 422:  # 422: the loket refuses the verzoek itself (incomplete, not allowed)
                    raise
                voeg_bij("Weigering indienen", "\n".join(f"{c}: {t}" for c, t in exc.meldingen))
                raise AanvraagGeweigerd(exc.meldingen) from exc
            indiening = Indiening(aanvraag, ingediend.verzoeknummers, ingediend.project_id, documenten)
            voeg_bij("Verdeling per bevoegd gezag", _verdeling(indiening, self.config.organisatie), "html")
            return indiening

    def _upload(self, verzoek_id: str, b: BijlageBron) -> VerstuurdDocument:
        meta = api.DocumentMetadata(
            bestandsnaam=b.naam, mime_type=b.mime_type, bijlage_type=b.bijlage_type, activiteit_id=b.activiteit_id
        )
        hasher = Hasher(stroom(b.chunks(), f"bijlage {b.naam} versturen", b.grootte))
        ontvangen = self.loket.voeg_document_toe(verzoek_id, meta, hasher, b.grootte)
        verstuurd = VerstuurdDocument(
            b.naam, b.bijlage_type, b.activiteit_id, hasher.grootte, hasher.sha256, ontvangen.document_id
        )
        if (ontvangen.sha256, ontvangen.bestandsgrootte) != (verstuurd.sha256, verstuurd.grootte):
            raise KetenBevinding(
                f"bijlage {b.naam} kwam anders aan bij het Omgevingsloket",
                code="KB-UPLOAD",
                stap=8,
                partij="Omgevingsloket (indienen)",
                verwacht=f"{verstuurd.grootte} bytes, sha256 {verstuurd.sha256}",
                gezien=f"{ontvangen.bestandsgrootte} bytes, sha256 {ontvangen.sha256}",
            )
        return verstuurd

    def vul_aan(self, indiening: Indiening, bevoegd_gezag: Organisatie, bijlagen: list[BijlageBron]) -> Indiening:
        """Aanvullen: the full verzoek for this bevoegd gezag again (same verzoeknummer), with these bijlagen."""
        return self.dien_in(self._vervolg(indiening, bevoegd_gezag, "Aanvullen", bijlagen))

    def trek_in(self, indiening: Indiening, bevoegd_gezag: Organisatie) -> Indiening:
        return self.dien_in(self._vervolg(indiening, bevoegd_gezag, "Intrekken", []))

    @staticmethod
    def _vervolg(indiening: Indiening, bg: Organisatie, doel: Any, bijlagen: list[BijlageBron]) -> Aanvraag:
        a = indiening.aanvraag
        return Aanvraag(
            initiatiefnemer=a.initiatiefnemer,
            locatie=a.locatie,
            activiteiten=a.van(bg),
            bijlagen=bijlagen,
            verzoektype=a.verzoektype,
            doel=doel,
            verzoeknummer=indiening.verzoeknummer(bg),
        )


def _verdeling(indiening: Indiening, organisatie: Any) -> str:
    """The split of a (meervoudige) aanvraag per bevoegd gezag, as an HTML table for the report."""
    rows = []
    for oin, nummer in indiening.verzoeknummers.items():
        acts = [a for a in indiening.aanvraag.activiteiten if a.bevoegd_gezag.oin == oin]
        ids = {a.activiteit_id for a in acts}
        docs = [d.naam for d in indiening.documenten if d.activiteit_id in (None, *ids)]
        naam = organisatie(oin).naam if oin else "?"
        rows.append(
            f"<tr><td>{naam}</td><td>{nummer}</td><td>{', '.join(a.naam for a in acts)}</td>"
            f"<td>{', '.join(docs) or '–'}</td></tr>"
        )
    return (
        "<html><head><meta charset='utf-8'></head><body><p>projectId " + indiening.project_id + "</p><table>"
        "<tr><th>bevoegd gezag</th><th>verzoeknummer</th><th>activiteiten</th><th>bijlagen</th></tr>"
        + "".join(rows)
        + "</table></body></html>"
    )
