"""Mock Omgevingsloket: vergunningcheck (evaluates the published Conclusie file) and *Verzoek
indienen* (v4-shaped: create, add streamed documents, submit → verzoeknummer).

On submit the loket checks the Indieningsvereisten file of every activity, splits the submission
into one verzoek per bevoegd gezag (same projectId), asks the routering who handles it, writes the
STAM verzoek, and puts a verzoeknotificatie in the DSO-LV outbox. It never calls a VTH itself.
"""

from __future__ import annotations

import itertools
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

from chain_tests.standards import api
from chain_tests.standards.stam import (
    Organisatie,
    Persoon,
    Projectactiviteit,
    Specificatie,
    StamDocument,
    StamVerzoek,
    stam_naar_xml,
)
from chain_tests.standards.sttr.dmn import evalueer
from chain_tests.standards.sttr.model import SttrBestand, Uitvoeringsregel
from chain_tests.streams import schrijf_stream
from mocks.routing import Route, fout, json_response
from mocks.rtr import RtrMock

#: Most binding outcome first: the conclusion of a vergunningcheck with several outcomes.
CONCLUSIE_VOLGORDE = ("Vergunningplicht", "Meldingsplicht", "Informatieplicht", "Toestemmingsvrij", "NietVanToepassing")


@dataclass
class Document:
    document_id: str
    meta: api.DocumentMetadata
    pad: Path
    grootte: int = -1
    sha256: str = ""


@dataclass
class Concept:
    verzoek_id: str
    bericht: api.Indienbericht
    documenten: dict[str, Document] = field(default_factory=dict)


@dataclass
class Verzoek:
    """One verzoek for one bevoegd gezag, as stored by DSO-LV after submission."""

    stam: StamVerzoek
    stam_xml: bytes
    documenten: dict[str, Document]

    @property
    def verzoeknummer(self) -> str:
        return self.stam.verzoeknummer

    def mag_ophalen(self, oin: str | None) -> bool:
        toegestaan = {self.stam.bevoegd_gezag.oin}
        if self.stam.uitvoerende_instantie:
            toegestaan.add(self.stam.uitvoerende_instantie.oin)
        return oin in toegestaan


@dataclass
class LoketFouten:
    """Deliberate faults for self-tests."""

    bezorgt_niet: bool = False  # submitted verzoeken never reach the outbox
    verminkt_upload: bool = False  # reports a different checksum than the bytes it received
    negeert_regels: bool = False  # the vergunningcheck always answers "Toestemmingsvrij"
    accepteert_alles: bool = False  # skips the indieningsvereisten check
    vage_weigering: bool = False  # refuses with a melding that does not say what is missing
    routeert_naar: str | None = None  # verzoeksroutering sends every activity to this OIN


@dataclass
class LoketMock:
    base_url: str
    rtr: RtrMock
    namen: dict[str, str]  # OIN → organisation name (for STAM)
    max_bijlage_bytes: int
    bezorg: Callable[[Verzoek], None]
    routering: dict[tuple[str, str], str] = field(default_factory=dict)  # (bg OIN, activiteit) → uitvoerende OIN
    fouten: LoketFouten = field(default_factory=LoketFouten)
    concepten: dict[str, Concept] = field(default_factory=dict)
    verzoeken: dict[str, Verzoek] = field(default_factory=dict)
    opslag: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="ketentest-loket-")))
    _nummers: itertools.count[int] = field(default_factory=lambda: itertools.count(3_000_001))

    def routes(self) -> list[Route]:
        return [
            Route("POST", api.VERGUNNINGCHECK, self.vergunningcheck),
            Route("POST", api.INDIENEN, self.maak_verzoek),
            Route("POST", api.INDIENEN_DOCUMENTEN, self.meld_document),
            Route("PUT", api.INDIENEN_INHOUD, self.upload),
            Route("POST", api.INDIENEN_INDIENEN, self.dien_in),
        ]

    # -- vergunningcheck ----------------------------------------------------------------------------
    def vergunningcheck(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        vraag = api.VergunningcheckVraag.model_validate_json(request.read())
        g = self.rtr.zoek(vraag.bevoegd_gezag, vraag.activiteit_id, "Conclusie")
        if g is None:
            return fout(
                404,
                "Geen conclusieregels",
                (
                    "LOKET-GEEN-REGELS",
                    f"Voor activiteit {vraag.activiteit_id} "
                    f"van {vraag.bevoegd_gezag} zijn geen Conclusie-regels gepubliceerd (stap 7).",
                ),
            )
        resultaat = evalueer(g.bestand, _antwoorden_op_id(g.bestand, vraag.antwoorden))
        uitkomsten = [u for u in resultaat.als_lijst() if u is not None]
        if self.fouten.negeert_regels:
            uitkomsten = ["Toestemmingsvrij"]
        conclusie = next((c for c in CONCLUSIE_VOLGORDE if c in uitkomsten), None)
        return json_response(
            api.VergunningcheckAntwoord(
                conclusie=conclusie,
                uitkomsten=[str(u) for u in uitkomsten],
                toepasbare_regel_id=g.regel_id,
                gematchte_regels=resultaat.gematcht,
            )
        )

    # -- indienen -----------------------------------------------------------------------------------
    def maak_verzoek(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        bericht = api.Indienbericht.model_validate_json(request.read())
        verzoek_id = str(uuid.uuid4())
        self.concepten[verzoek_id] = Concept(verzoek_id, bericht)
        return json_response(
            api.ConceptVerzoek(
                verzoek_id=verzoek_id, documenten_url=api.INDIENEN_DOCUMENTEN.format(verzoek_id=verzoek_id)
            ),
            201,
        )

    def meld_document(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        concept = self.concepten.get(p["verzoek_id"])
        if concept is None:
            return fout(404, "Onbekend verzoek", ("LOKET-404", f"Geen conceptverzoek {p['verzoek_id']}."))
        meta = api.DocumentMetadata.model_validate_json(request.read())
        doc_id = str(uuid.uuid4())
        concept.documenten[doc_id] = Document(doc_id, meta, self.opslag / doc_id)
        url = api.INDIENEN_INHOUD.format(verzoek_id=concept.verzoek_id, document_id=doc_id)
        return json_response(api.DocumentAangemaakt(document_id=doc_id, upload_url=url), 201)

    def upload(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        concept = self.concepten.get(p["verzoek_id"])
        doc = concept.documenten.get(p["document_id"]) if concept else None
        if doc is None:
            return fout(404, "Onbekend document", ("LOKET-404", f"Document {p['document_id']} is niet aangemeld."))
        stream = request.stream if isinstance(request.stream, httpx.SyncByteStream) else [request.read()]
        doc.grootte, doc.sha256 = schrijf_stream(stream, doc.pad, self.max_bijlage_bytes)
        if self.fouten.verminkt_upload:
            doc.sha256 = "0" * 64
        return json_response(
            api.DocumentOntvangen(document_id=doc.document_id, bestandsgrootte=doc.grootte, sha256=doc.sha256)
        )

    def dien_in(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        concept = self.concepten.get(p["verzoek_id"])
        if concept is None:
            return fout(404, "Onbekend verzoek", ("LOKET-404", f"Geen conceptverzoek {p['verzoek_id']}."))
        onvolledig = [d.meta.bestandsnaam for d in concept.documenten.values() if d.grootte < 0]
        if onvolledig:
            return fout(
                422,
                "Documenten niet geüpload",
                *[
                    ("LOKET-UPLOAD", f"Document {n!r} is aangemeld maar de inhoud is niet geüpload.")
                    for n in onvolledig
                ],
            )
        routes = {a.activiteit_id: self._routeer(a.activiteit_id) for a in concept.bericht.activiteiten}
        zonder = [a.activiteit_naam for a in concept.bericht.activiteiten if routes[a.activiteit_id] is None]
        if zonder:
            return fout(
                422,
                "Geen bevoegd gezag gevonden",
                *[
                    (
                        "LOKET-ROUTERING",
                        f"Voor activiteit {n!r} is geen bevoegd gezag gevonden; is de activiteit "
                        "toepasbaar gemaakt in het RTR (stap 5)?",
                    )
                    for n in zonder
                ],
            )
        meldingen = [m for a in concept.bericht.activiteiten for m in self._indieningsvereisten(a, routes, concept)]
        if meldingen and not self.fouten.accepteert_alles:
            if self.fouten.vage_weigering:
                meldingen = [("LOKET-ONVOLLEDIG", "De aanvraag is onvolledig.")]
            return fout(422, "Niet voldaan aan de indieningsvereisten", *meldingen)
        project_id = str(uuid.uuid4())
        nummers = {
            bg: self._maak_verzoek(concept, bg, acts, project_id)
            for bg, acts in _per_bevoegd_gezag(concept.bericht, routes).items()
        }
        del self.concepten[concept.verzoek_id]
        return json_response(api.Ingediend(verzoeknummers=nummers, project_id=project_id))

    def _routeer(self, activiteit_id: str) -> str | None:
        """Verzoeksroutering, bevoegd gezag bepalen: the organisation that made the activity toepasbaar."""
        return self.fouten.routeert_naar or self.rtr.bevoegd_gezag(activiteit_id)

    def _indieningsvereisten(
        self, a: api.IndienActiviteit, routes: dict[str, str | None], concept: Concept
    ) -> list[tuple[str, str]]:
        g = self.rtr.zoek(routes[a.activiteit_id] or "", a.activiteit_id, "Indieningsvereisten")
        if g is None:
            return []
        invoer = _antwoorden_op_id(g.bestand, {x.vraag_id: x.antwoord for x in a.antwoorden})
        docs = [d for d in concept.documenten.values() if d.meta.activiteit_id in (None, a.activiteit_id)]
        for r in g.bestand.bijlagen:
            namen = [d.meta.bestandsnaam for d in docs if d.meta.bijlage_type == r.tekst]
            invoer[r.id] = namen or None
        if evalueer(g.bestand, invoer).uitkomst is True:
            return []
        return _ontbrekend(g.bestand, invoer, a.activiteit_naam)

    def _maak_verzoek(self, concept: Concept, bg: str, acts: list[api.IndienActiviteit], project_id: str) -> str:
        nummer = str(next(self._nummers))
        uitvoerend = next(
            (self.routering[(bg, a.activiteit_id)] for a in acts if (bg, a.activiteit_id) in self.routering), None
        )
        docs = {
            d.document_id: d
            for d in concept.documenten.values()
            if d.meta.activiteit_id is None or d.meta.activiteit_id in {a.activiteit_id for a in acts}
        }
        b = concept.bericht
        stam = StamVerzoek(
            verzoeknummer=nummer,
            doel=b.doel,
            type=b.verzoektype,
            volgnummer=1,
            indien_datum=datetime.now(UTC),
            project_id=project_id,
            bevoegd_gezag=Organisatie(oin=bg, naam=self.namen.get(bg)),
            uitvoerende_instantie=Organisatie(oin=uitvoerend, naam=self.namen.get(uitvoerend)) if uitvoerend else None,
            initiatiefnemer=Persoon(
                naam=b.initiatiefnemer.naam, bsn=b.initiatiefnemer.bsn, kvk_nummer=b.initiatiefnemer.kvk_nummer
            ),
            projectlocaties=[b.locatie],
            projectactiviteiten=[self._activiteit(a, docs) for a in acts],
            verzoekbijlages=[_stam_doc(d) for d in docs.values()],
        )
        verzoek = Verzoek(stam, stam_naar_xml(stam), docs)
        self.verzoeken[nummer] = verzoek
        if not self.fouten.bezorgt_niet:
            self.bezorg(verzoek)
        return nummer

    def _activiteit(self, a: api.IndienActiviteit, docs: dict[str, Document]) -> Projectactiviteit:
        bg = self.rtr.bevoegd_gezag(a.activiteit_id) or ""
        regels = [self.rtr.zoek(bg, a.activiteit_id, t) for t in ("Conclusie", "Indieningsvereisten")]
        teksten = {r.id: r.tekst for g in regels if g for r in g.bestand.uitvoeringsregels}
        specs = [
            Specificatie(
                vraag_id=x.vraag_id, vraagtekst=teksten.get(x.vraag_id, x.vraag_id), antwoord=_als_tekst(x.antwoord)
            )
            for x in a.antwoorden
        ]
        per_type: dict[str, list[Document]] = {}
        for d in docs.values():
            if d.meta.bijlage_type and d.meta.activiteit_id in (None, a.activiteit_id):
                per_type.setdefault(d.meta.bijlage_type, []).append(d)
        specs += [
            Specificatie(vraag_id=f"bijlage:{t}", vraagtekst=t, bijlage_type=t, documenten=[_stam_doc(d) for d in ds])
            for t, ds in per_type.items()
        ]
        return Projectactiviteit(activiteit_naam=a.activiteit_naam, activiteit_id=a.activiteit_id, specificaties=specs)


def _stam_doc(d: Document) -> StamDocument:
    return StamDocument(
        document_id=d.document_id,
        bestandsnaam=d.meta.bestandsnaam,
        mime_type=d.meta.mime_type,
        bestandsgrootte=d.grootte,
        sha256=d.sha256,
    )


def _als_tekst(antwoord: object) -> str | None:
    if antwoord is None:
        return None
    if isinstance(antwoord, bool):
        return "true" if antwoord else "false"
    return str(antwoord)


def _per_bevoegd_gezag(b: api.Indienbericht, routes: dict[str, str | None]) -> dict[str, list[api.IndienActiviteit]]:
    groepen: dict[str, list[api.IndienActiviteit]] = {}
    for a in b.activiteiten:
        groepen.setdefault(routes[a.activiteit_id] or "", []).append(a)
    return groepen


def _antwoorden_op_id(bestand: SttrBestand, antwoorden: dict[str, object]) -> dict[str, object]:
    """Answers may be keyed by uitvoeringsregel id or by exact vraagtekst; return them by id."""
    result: dict[str, object] = {}
    for sleutel, waarde in antwoorden.items():
        r = bestand.regel(sleutel)
        result[r.id if r else sleutel] = waarde
    return result


def _invulling(r: Uitvoeringsregel) -> object:
    return {"boolean": True, "number": 1, "bijlage": ["aanwezig"]}.get(
        r.gegevens_type, r.opties[0] if r.opties else "ingevuld"
    )


def _ontbrekend(bestand: SttrBestand, invoer: dict[str, object], activiteit: str) -> list[tuple[str, str]]:
    """Name what is missing: each absent vraag/bijlage whose presence alone completes the aanvraag,
    otherwise every absent one that changes the outcome."""
    leeg = [r for r in bestand.uitvoeringsregels if invoer.get(r.id) is None]
    basis = evalueer(bestand, invoer).uitkomst
    beslissend = [r for r in leeg if evalueer(bestand, {**invoer, r.id: _invulling(r)}).uitkomst is True]
    relevant = beslissend or [r for r in leeg if evalueer(bestand, {**invoer, r.id: _invulling(r)}).uitkomst != basis]
    meldingen = [
        (
            "IV-BIJLAGE" if r.soort == "bijlage" else "IV-VRAAG",
            f"{activiteit}: bijlage '{r.tekst}' ontbreekt."
            if r.soort == "bijlage"
            else f"{activiteit}: vraag '{r.tekst}' is niet beantwoord.",
        )
        for r in relevant
    ]
    return meldingen or [("IV-ONVOLLEDIG", f"{activiteit}: de aanvraag voldoet niet aan de indieningsvereisten.")]
