"""The chain steps in the domain's words. Scenarios call these; these call the clients.

Every step is an Allure step with a Dutch title naming its stap; every check about the system under
test raises :class:`~chain_tests.errors.KetenBevinding` naming the stap, the party, and what was
expected versus seen. Waits poll with a deadline and say where a verzoek stopped.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from chain_tests.clients.aanleveren import AanleverClient, AanleverResultaat
from chain_tests.clients.base import Weigering
from chain_tests.clients.loket import LoketClient
from chain_tests.clients.rtr import RtrClient
from chain_tests.config import Organisatie
from chain_tests.errors import KetenBevinding
from chain_tests.omgeving import KetenOmgeving
from chain_tests.reporting.verslag import bijlage, stap
from chain_tests.standards import api
from chain_tests.standards.sttr.model import SttrBestand, parse_sttr
from chain_tests.standards.sttr.verify import Verificatieresultaat

CHUNK = 1024 * 1024
T = TypeVar("T")
DSO = "DSO-LV"


@dataclass
class BijlageBron:
    """A bijlage to submit: a real file, or deterministic generated content of a given size."""

    naam: str
    grootte: int
    mime_type: str = "application/pdf"
    bijlage_type: str | None = None
    activiteit_id: str | None = None
    bestand: Path | None = None

    def chunks(self) -> Iterator[bytes]:
        if self.bestand is not None:
            with self.bestand.open("rb") as fh:
                while chunk := fh.read(CHUNK):
                    yield chunk
            return
        rng = random.Random(self.naam)
        rest = self.grootte
        while rest > 0:
            n = min(CHUNK, rest)
            yield rng.randbytes(n)
            rest -= n


@dataclass
class AanvraagActiviteit:
    activiteit_id: str
    naam: str
    bevoegd_gezag: Organisatie
    antwoorden: dict[str, Any] = field(default_factory=dict)  # by uitvoeringsregel id


@dataclass
class Aanvraag:
    initiatiefnemer: api.Persoon
    locatie: str
    activiteiten: list[AanvraagActiviteit]
    bijlagen: list[BijlageBron] = field(default_factory=list)
    verzoektype: str = "Aanvraag vergunning"


@dataclass(frozen=True)
class VerstuurdDocument:
    naam: str
    bijlage_type: str | None
    activiteit_id: str | None
    grootte: int
    sha256: str
    document_id: str


@dataclass
class Indiening:
    aanvraag: Aanvraag
    verzoeknummers: dict[str, str]  # bevoegd gezag OIN → verzoeknummer
    project_id: str
    documenten: list[VerstuurdDocument]


class AanvraagGeweigerd(Exception):
    """The Omgevingsloket refused the submission (e.g. indieningsvereisten not met)."""

    def __init__(self, meldingen: list[tuple[str, str]]) -> None:
        self.meldingen = meldingen
        super().__init__("; ".join(t for _, t in meldingen))


def _antwoord_tekst(waarde: Any) -> str | None:
    if waarde is None:
        return None
    return ("true" if waarde else "false") if isinstance(waarde, bool) else str(waarde)


class _Hasher:
    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks, self.sha, self.grootte = chunks, hashlib.sha256(), 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.sha.update(chunk)
            self.grootte += len(chunk)
            yield chunk


class Keten:
    """One chain run against a :class:`~chain_tests.omgeving.KetenOmgeving`."""

    def __init__(self, omgeving: KetenOmgeving) -> None:
        self.omgeving = omgeving
        self.config = omgeving.config
        dso = self.config.dso_lv.base_url
        self._clients = [omgeving.client("Initiatiefnemer (Omgevingsloket)", None, dso)]
        self.loket = LoketClient(self._clients[0])
        self._regel: dict[str, tuple[RtrClient, AanleverClient]] = {}

    def _regelsoftware(self, gemeente: Organisatie) -> tuple[RtrClient, AanleverClient]:
        """The municipality's rule software: one client (its certificate OIN) and one parsed WSDL each."""
        if gemeente.oin not in self._regel:
            dso = self.config.dso_lv.base_url
            client = self.omgeving.client(f"Regelsoftware {gemeente.naam}", gemeente.oin, dso)
            self._clients.append(client)
            self._regel[gemeente.oin] = (
                RtrClient(client, self.config.api_key),
                AanleverClient(client, dso + api.AANLEVEREN),
            )
        return self._regel[gemeente.oin]

    def sluit(self) -> None:
        for client in self._clients:
            client.close()

    # -- stap 5–7 -----------------------------------------------------------------------------------
    def maak_activiteit_toepasbaar(self, gemeente: Organisatie, activiteit_id: str, naam: str) -> None:
        with stap(5, f"Activiteit '{naam}' toepasbaar maken in het RTR ({gemeente.naam})"):
            rtr, _ = self._regelsoftware(gemeente)
            try:
                rtr.toepasbaar_maken(activiteit_id, naam, gemeente.oin)
                bijlage("RTR-activiteit", rtr.activiteit(activiteit_id))
            except Weigering as exc:
                raise KetenBevinding(
                    "activiteit kon niet toepasbaar worden gemaakt",
                    code="KB-RTR-TOEPASBAAR",
                    stap=5,
                    partij="RTR",
                    verwacht=f"activiteit {activiteit_id} toepasbaar",
                    gezien=str(exc),
                ) from exc

    def verifieer_regels(self, gemeente: Organisatie, bestandsnaam: str, sttr: bytes) -> Verificatieresultaat:
        with stap(6, f"Toepasbare regels verifiëren: {bestandsnaam}"):
            bijlage(bestandsnaam, sttr, "xml")
            rtr, _ = self._regelsoftware(gemeente)
            resultaat = rtr.verifieer(sttr)
            bijlage("Verificatieresultaat", resultaat.model_dump())
            if not resultaat.valide:
                fouten = "; ".join(f"{m.code}: {m.tekst}" for m in resultaat.meldingen if m.ernst == "fout")
                raise KetenBevinding(
                    f"{bestandsnaam} is niet valide",
                    code="KB-STTR-NIET-VALIDE",
                    stap=6,
                    partij="Regelsoftware / RTR verifiëren",
                    verwacht="geen foutmeldingen",
                    gezien=fouten,
                )
            return resultaat

    def lever_regels_aan(
        self, gemeente: Organisatie, activiteit_id: str, bestandsnaam: str, sttr: bytes
    ) -> SttrBestand:
        with stap(7, f"Toepasbare regels aanleveren (SOAP): {bestandsnaam}"):
            rtr, aanlever = self._regelsoftware(gemeente)
            resultaat = aanlever.lever_aan(
                bevoegd_gezag=gemeente.oin, activiteit_id=activiteit_id, bestandsnaam=bestandsnaam, sttr=sttr
            )
            bijlage("SOAP-verzoek aanleveren", resultaat.verzoek_xml, "xml")
            bijlage("SOAP-antwoord aanleveren", resultaat.antwoord_xml, "xml")
            self._controleer_aanlevering(resultaat, bestandsnaam)
            bestand = parse_sttr(sttr)
            self._controleer_opvraagbaar(rtr, bestand, sttr)
            return bestand

    @staticmethod
    def _controleer_aanlevering(resultaat: AanleverResultaat, bestandsnaam: str) -> None:
        if not resultaat.geaccepteerd:
            raise KetenBevinding(
                f"aanlevering van {bestandsnaam} afgewezen",
                code="KB-RTR-AFGEWEZEN",
                stap=7,
                partij="RTR",
                verwacht="resultaat Geaccepteerd",
                gezien=f"{resultaat.resultaat}: " + "; ".join(f"{c}: {t}" for _, c, t in resultaat.meldingen),
            )

    @staticmethod
    def _controleer_opvraagbaar(rtr: RtrClient, bestand: SttrBestand, sttr: bytes) -> None:
        gevonden = rtr.regels(bestand.functionele_structuur_ref)
        opgehaald = rtr.sttr_bestand(str(gevonden[0]["id"])) if gevonden else b""
        if opgehaald != sttr:
            raise KetenBevinding(
                "gepubliceerde regels niet opvraagbaar via de RTR-API",
                code="KB-RTR-NIET-OPVRAAGBAAR",
                stap=7,
                partij="RTR",
                verwacht=f"STTR-bestand bij {bestand.functionele_structuur_ref}",
                gezien=f"{len(gevonden)} treffer(s), {len(opgehaald)} bytes (anders dan aangeleverd)",
            )

    # -- stap 8 ---------------------------------------------------------------------------------------
    def doe_vergunningcheck(
        self, gemeente: Organisatie, activiteit_id: str, antwoorden: dict[str, Any]
    ) -> api.VergunningcheckAntwoord:
        with stap("8a", "Vergunningcheck doen in het Omgevingsloket"):
            vraag = api.VergunningcheckVraag(
                bevoegd_gezag=gemeente.oin, activiteit_id=activiteit_id, antwoorden=antwoorden
            )
            bijlage("Vergunningcheck: antwoorden", vraag.model_dump(by_alias=True))
            antwoord = self.loket.vergunningcheck(vraag)
            bijlage("Vergunningcheck: uitkomst", antwoord.model_dump(by_alias=True))
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
        with stap("8b", "Aanvraag indienen in het Omgevingsloket"):
            bericht = api.Indienbericht(
                verzoektype=aanvraag.verzoektype,
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
            bijlage("Indienbericht", bericht.json_bytes(), "json")
            concept = self.loket.maak_verzoek(bericht)
            documenten = [self._upload(concept.verzoek_id, b) for b in aanvraag.bijlagen]
            try:
                ingediend = self.loket.dien_in(concept.verzoek_id)
            except Weigering as exc:
                if exc.status != 422:
                    raise
                bijlage("Weigering indienen", "\n".join(f"{c}: {t}" for c, t in exc.meldingen))
                raise AanvraagGeweigerd(exc.meldingen) from exc
            bijlage("Ingediend", ingediend.model_dump(by_alias=True))
            return Indiening(aanvraag, ingediend.verzoeknummers, ingediend.project_id, documenten)

    def _upload(self, verzoek_id: str, b: BijlageBron) -> VerstuurdDocument:
        meta = api.DocumentMetadata(
            bestandsnaam=b.naam, mime_type=b.mime_type, bijlage_type=b.bijlage_type, activiteit_id=b.activiteit_id
        )
        hasher = _Hasher(b.chunks())
        ontvangen = self.loket.voeg_document_toe(verzoek_id, meta, iter(hasher), b.grootte)
        verstuurd = VerstuurdDocument(
            b.naam, b.bijlage_type, b.activiteit_id, hasher.grootte, hasher.sha.hexdigest(), ontvangen.document_id
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

    # -- stap 9 ---------------------------------------------------------------------------------------
    def wacht_op_zaak(self, indiening: Indiening, gemeente: Organisatie) -> api.Zaak:
        nummer = indiening.verzoeknummers.get(gemeente.oin)
        if nummer is None:
            raise KetenBevinding(
                "het Omgevingsloket maakte geen verzoek voor dit bevoegd gezag",
                code="KB-GEEN-VERZOEK",
                stap=8,
                partij="Omgevingsloket",
                verwacht=f"verzoek voor {gemeente.naam} ({gemeente.oin})",
                gezien=f"verzoeken voor {sorted(indiening.verzoeknummers)}",
            )
        with stap("9", f"Verzoek {nummer} ontvangen en ophalen in het VTH-systeem van {gemeente.naam}"):
            adapter = self.omgeving.vth_adapter(gemeente)
            start = len(self.omgeving.trace.regels)
            zaken = self._wacht(lambda: adapter.zaken(nummer) or None)
            if zaken is None:
                raise self._waar_gestopt(nummer, gemeente, adapter.naam)
            if len(zaken) > 1:
                raise KetenBevinding(
                    "meer dan één zaak voor één verzoeknummer",
                    code="KB-DUBBELE-ZAAK",
                    stap=9,
                    partij=adapter.naam,
                    verwacht="precies één zaak",
                    gezien=", ".join(z.zaak_id for z in zaken),
                    verzoeknummer=nummer,
                )
            self._controleer_bevestiging(nummer, gemeente)
            self._berichten_naar_verslag(nummer, start)
            bijlage("Zaak in het VTH-systeem", zaken[0].model_dump(by_alias=True))
            return zaken[0]

    def _wacht(self, probeer: Callable[[], T | None]) -> T | None:
        """Poll ``probeer`` (letting background work run) until it returns a value or the deadline passes."""
        t = self.config.tijden
        gewacht = 0.0
        while gewacht <= t.deadline_zaak:
            self.omgeving.pomp()
            waarde = probeer()
            if waarde is not None:
                return waarde
            self.omgeving.wacht(t.poll_interval)
            gewacht += t.poll_interval
        return None

    def _controleer_bevestiging(self, nummer: str, gemeente: Organisatie) -> None:
        """osb-rm: the zaak alone is not enough; the verzoeknotificatie must be acknowledged too."""
        inspectie = self.omgeving.inspectie()
        if inspectie is None:  # real DSO-LV: the ack state is not observable from here
            return
        klaar = self._wacht(
            lambda: s if (s := inspectie.bezorging(nummer)).status in ("bevestigd", "mislukt") else None
        )
        status = klaar or inspectie.bezorging(nummer)
        if status.status != "bevestigd":
            raise self._geen_ack(nummer, gemeente, status, "de zaak is aangemaakt, maar ")

    def _geen_ack(self, nummer: str, gemeente: Organisatie, s: api.Bezorgstatus, prefix: str = "") -> KetenBevinding:
        return KetenBevinding(
            prefix + "de verzoeknotificatie is niet bevestigd (geen ebMS Acknowledgment)",
            code="KB-GEEN-ACK",
            stap=9,
            partij=f"Digikoppeling-endpoint {gemeente.naam}",
            verwacht="een Acknowledgment op de verzoeknotificatie",
            gezien=f"status {s.status} na {s.pogingen} poging(en); laatste fout: {s.laatste_fout or '-'}",
            verzoeknummer=nummer,
        )

    def _berichten_naar_verslag(self, nummer: str, start: int) -> None:
        """Attach the bytes that crossed the wire for this verzoek: ebMS2 notification + ack, STAM XML."""
        regels = self.omgeving.trace.sinds(start)
        notificaties = [r for r in regels if r.soort == "ebMS2-bericht" and r.verzoek and nummer.encode() in r.verzoek]
        ids = {r.ids.get("MessageId") for r in notificaties}
        for r in notificaties:
            bijlage(f"ebMS2-verzoeknotificatie {r.ids.get('MessageId')} ({r.van} → {r.naar})", r.verzoek or b"")
        for r in regels:
            if r.soort == "ebMS2-bericht" and r.ids.get("RefToMessageId") in ids and r.verzoek:
                bijlage(f"ebMS2-Acknowledgment ({r.van} → {r.naar})", r.verzoek, "xml")
            if r.soort == "STAM-verzoek ophalen" and r.ids.get("verzoeknummer") == nummer and r.antwoord:
                bijlage(f"STAM-verzoek {nummer}", r.antwoord, "xml")

    def _waar_gestopt(self, nummer: str, gemeente: Organisatie, vth: str) -> KetenBevinding:
        deadline = f"binnen {self.config.tijden.deadline_zaak:g} s"
        inspectie = self.omgeving.inspectie()
        if inspectie is None:
            return KetenBevinding(
                f"geen zaak {deadline}; de bezorgstatus bij DSO-LV is niet op te vragen",
                code="KB-GEEN-ZAAK",
                stap=9,
                partij=vth,
                verwacht="een zaak",
                gezien="geen zaak",
                verzoeknummer=nummer,
            )
        s = inspectie.bezorging(nummer)
        bijlage("Bezorgstatus DSO-LV", s.model_dump(by_alias=True))
        if s.status == "geen":
            return KetenBevinding(
                "er is geen verzoeknotificatie verstuurd",
                code="KB-GEEN-NOTIFICATIE",
                stap=9,
                partij="DSO-LV (Omgevingsloket/verzoeksroutering)",
                verwacht=f"verzoeknotificatie aan {gemeente.naam} via Digikoppeling",
                gezien=f"verzoek ingediend, maar geen notificatie {deadline}",
                verzoeknummer=nummer,
            )
        if s.status != "bevestigd":
            return self._geen_ack(nummer, gemeente, s)
        if gemeente.oin not in s.opgehaald_door:
            return KetenBevinding(
                "het verzoek is niet opgehaald bij Verzoek afhandelen",
                code="KB-NIET-OPGEHAALD",
                stap=9,
                partij=vth,
                verwacht="ophalen van verzoekreferenties, STAM en bijlagen",
                gezien=f"notificatie bevestigd, maar niets opgehaald {deadline}",
                verzoeknummer=nummer,
            )
        return KetenBevinding(
            "het verzoek is opgehaald maar er is geen zaak aangemaakt",
            code="KB-GEEN-ZAAK",
            stap=9,
            partij=vth,
            verwacht="een zaak met dit verzoeknummer",
            gezien=f"opgehaald ({len(s.opgehaalde_documenten)} bijlage(n)), geen zaak {deadline}",
            verzoeknummer=nummer,
        )

    def controleer_zaak(self, zaak: api.Zaak, indiening: Indiening, gemeente: Organisatie) -> None:
        with stap("9", f"Zaak {zaak.zaak_id} controleren: activiteiten, antwoorden en bijlagen"):
            acts = [a for a in indiening.aanvraag.activiteiten if a.bevoegd_gezag.oin == gemeente.oin]
            tekorten = _ontbrekende_activiteiten(zaak, acts) + _ontbrekende_antwoorden(zaak, acts)
            tekorten += _ontbrekende_bijlagen(zaak, indiening.documenten, {a.activiteit_id for a in acts})
            if zaak.initiatiefnemer != indiening.aanvraag.initiatiefnemer.naam:
                tekorten.append(
                    f"initiatiefnemer {zaak.initiatiefnemer!r} in plaats van "
                    f"{indiening.aanvraag.initiatiefnemer.naam!r}"
                )
            if tekorten:
                raise KetenBevinding(
                    "de zaak is niet volledig",
                    code="KB-ZAAK-ONVOLLEDIG",
                    stap=9,
                    partij=f"VTH-systeem {gemeente.naam}",
                    verwacht="alle activiteiten, antwoorden en bijlagen (zelfde sha256) uit de aanvraag",
                    gezien="; ".join(tekorten),
                    verzoeknummer=zaak.verzoeknummer,
                )


def _ontbrekende_activiteiten(zaak: api.Zaak, acts: list[AanvraagActiviteit]) -> list[str]:
    return [
        f"activiteit {a.naam} ({a.activiteit_id}) ontbreekt" for a in acts if a.activiteit_id not in zaak.activiteiten
    ]


def _ontbrekende_antwoorden(zaak: api.Zaak, acts: list[AanvraagActiviteit]) -> list[str]:
    gezien = {(z.activiteit_id, z.vraag_id): z.antwoord for z in zaak.antwoorden}
    tekorten = []
    for a in acts:
        for vraag, waarde in a.antwoorden.items():
            verwacht = _antwoord_tekst(waarde)
            sleutel = (a.activiteit_id, vraag)
            if sleutel not in gezien:
                tekorten.append(f"antwoord op vraag {vraag} ontbreekt")
            elif gezien[sleutel] != verwacht:
                tekorten.append(f"antwoord op vraag {vraag} is {gezien[sleutel]!r} in plaats van {verwacht!r}")
    return tekorten


def _ontbrekende_bijlagen(zaak: api.Zaak, documenten: list[VerstuurdDocument], activiteiten: set[str]) -> list[str]:
    in_zaak = {b.document_id: b for b in zaak.bijlagen}
    tekorten = []
    for d in documenten:
        if d.activiteit_id not in (None, *activiteiten):
            continue
        z = in_zaak.get(d.document_id)
        if z is None:
            tekorten.append(f"bijlage {d.naam!r} ontbreekt")
        elif (z.sha256, z.bestandsgrootte) != (d.sha256, d.grootte):
            tekorten.append(
                f"bijlage {d.naam!r} wijkt af: {z.bestandsgrootte} bytes, sha256 {z.sha256[:12]}… in plaats "
                f"van {d.grootte} bytes, sha256 {d.sha256[:12]}…"
            )
    return tekorten
