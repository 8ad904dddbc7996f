"""Mock Omgevingsloket: vergunningcheck (evaluates the published Conclusie file) and *Verzoek
indienen* (v4-shaped: create, add streamed documents, submit → verzoeknummer).

The vergunningcheck is location-aware when the question carries a point (RD) and OZON knows the
activity: outside every locatie where the plan's rules for it apply the answer is NietVanToepassing;
inside, a location question (``uitv:geoVerwijzing``) the user left open is answered from the map (``ja``
when the point lies in that locatie, else ``nee``), as the real loket does with its map.

On submit the loket asks the verzoeksroutering for the bevoegd gezag of every activity, checks the
Indieningsvereisten, splits the submission into one verzoek per bevoegd gezag (same projectId) with
the behandeldienst as uitvoerende instantie where one is set, writes the STAM verzoek, and puts a
verzoeknotificatie in the DSO-LV outbox. It never calls a VTH itself. Aanvullen and Intrekken add a
version (volgnummer + 1) to an existing verzoeknummer.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import httpx

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards import api, operaties, wkb
from chain_tests.standards.inspectie import LoketFouten
from chain_tests.standards.stam import (
    Projectactiviteit,
    Specificatie,
    StamOrganisatie,
    StamPersoon,
    StamVerzoek,
    stam_naar_xml,
)
from chain_tests.standards.sttr.antwoorden import als_tekst, typeer
from chain_tests.standards.sttr.dmn import DmnFout, evalueer
from chain_tests.standards.sttr.model import SttrBestand, Uitvoeringsregel
from chain_tests.streams import schrijf_stream
from mocks._infra.antwoorden import foutantwoord, json_antwoord
from mocks._infra.bewaren import begrens
from mocks._infra.opslag import opslagmap
from mocks._infra.routing import Route, lees_json
from mocks.dso_lv.routering import VerzoeksrouteringMock
from mocks.dso_lv.rtr import RtrMock
from mocks.dso_lv.verzoeken import Document, Verzoek, Verzoekregister

#: Most binding outcome first: the conclusion of a vergunningcheck with several outcomes.
CONCLUSIE_VOLGORDE = ("Vergunningplicht", "Meldingsplicht", "Informatieplicht", "Toestemmingsvrij", "NietVanToepassing")


class Kaart(Protocol):
    """What the loket asks OZON (the same party, in-process)."""

    def werkingsgebied(self, activiteit: str) -> list[str] | None: ...

    def ringen(self, locatie: str) -> list[list[tuple[float, float]]] | None: ...

    def bevat(self, locatie: str, x: float, y: float) -> bool: ...


class GeenKaart:
    def werkingsgebied(self, activiteit: str) -> list[str] | None:
        return None

    def ringen(self, locatie: str) -> list[list[tuple[float, float]]] | None:
        return None

    def bevat(self, locatie: str, x: float, y: float) -> bool:
        return False


@dataclass
class Concept:
    verzoek_id: str
    bericht: api.Indienbericht
    documenten: dict[str, Document] = field(default_factory=dict)


@dataclass
class LoketMock:
    base_url: str
    rtr: RtrMock
    routering: VerzoeksrouteringMock
    register: Verzoekregister
    namen: dict[str, str]  # OIN → organisation name (for STAM)
    max_bijlage_bytes: int
    bezorg: Callable[..., None]
    fouten: LoketFouten = field(default_factory=LoketFouten)
    kaart: Kaart = field(default_factory=GeenKaart)
    concepten: dict[str, Concept] = field(default_factory=dict)
    opslag: Path = field(default_factory=lambda: opslagmap("loket"))

    def routes(self) -> list[Route]:
        return [
            Route(operaties.VERGUNNINGCHECK, self.vergunningcheck),
            Route(operaties.VERZOEK_AANMAKEN, self.maak_verzoek),
            Route(operaties.DOCUMENT_AANMELDEN, self.meld_document),
            Route(operaties.DOCUMENT_UPLOADEN, self.upload),
            Route(operaties.VERZOEK_INDIENEN, self.dien_in),
        ]

    # -- vergunningcheck ----------------------------------------------------------------------------
    def vergunningcheck(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        vraag = lees_json(request, api.VergunningcheckVraag)
        g = self.rtr.zoek(vraag.bevoegd_gezag, vraag.activiteit_id, "Conclusie")
        if g is None:
            return foutantwoord(
                404,
                "Geen conclusieregels",
                (
                    "LOKET-GEEN-REGELS",
                    f"Voor activiteit {vraag.activiteit_id} "
                    f"van {vraag.bevoegd_gezag} zijn geen Conclusie-regels gepubliceerd (stap 7).",
                ),
            )
        antwoorden = getypeerd([g.bestand], vraag.antwoorden)
        if vraag.locatie is not None:
            buiten = self._buiten(vraag.activiteit_id, vraag.locatie)
            if buiten is not None:
                return json_antwoord(
                    api.VergunningcheckAntwoord(
                        conclusie="NietVanToepassing",
                        uitkomsten=["NietVanToepassing"],
                        toepasbare_regel_id=g.regel_id,
                        gematchte_regels={},
                        toelichting=buiten,
                    )
                )
            antwoorden |= self._op_de_kaart(g.bestand, antwoorden, vraag.locatie)
        try:
            resultaat = evalueer(g.bestand, antwoorden, open_is_onbekend=not self.fouten.negeert_regels)
        except DmnFout as exc:  # a construct the mock cannot evaluate: its limitation, not the loket's
            return foutantwoord(501, "Niet ondersteund door de mock", ("MOCK-501", str(exc)))
        antwoord = api.VergunningcheckAntwoord(
            conclusie=None,
            uitkomsten=[],
            toepasbare_regel_id=g.regel_id,
            gematchte_regels=resultaat.gematcht,
            voorbehouden=resultaat.voorbehouden,
        )
        if not resultaat.bepaald:  # the loket asks every question that can still change the conclusie
            teksten = {r.id: r.tekst for r in g.bestand.uitvoeringsregels}
            antwoord.open_vragen = [api.OpenVraag(vraag_id=i, vraagtekst=teksten[i]) for i in resultaat.open_vragen]
            return json_antwoord(antwoord)
        uitkomsten = [u for u in resultaat.als_lijst() if u is not None]
        if self.fouten.negeert_regels:
            uitkomsten = ["Toestemmingsvrij"]
        antwoord.uitkomsten = [str(u) for u in uitkomsten]
        antwoord.conclusie = next((c for c in CONCLUSIE_VOLGORDE if c in uitkomsten), None)
        if self.fouten.breekt_contract:
            return httpx.Response(200, json={"uitkomst": antwoord.conclusie})
        return json_antwoord(antwoord)

    def _buiten(self, activiteit: str, punt: api.Punt) -> str | None:
        """Why the activity does not apply at this point (outside its werkingsgebied), or None."""
        locaties = self.kaart.werkingsgebied(activiteit)
        if locaties is None or any(self.kaart.bevat(loc, punt.x, punt.y) for loc in locaties):
            return None
        return (
            f"De regels voor activiteit {activiteit} gelden op deze locatie ({punt.x:g}, {punt.y:g}) niet: het punt "
            f"ligt buiten het werkingsgebied ({', '.join(locaties) or 'geen'})."
        )

    def _op_de_kaart(self, bestand: SttrBestand, antwoorden: dict[str, object], punt: api.Punt) -> dict[str, object]:
        """Open location questions answered from the map, for locaties OZON knows."""
        return {
            r.id: "ja" if self.kaart.bevat(r.locatie, punt.x, punt.y) else "nee"
            for r in bestand.uitvoeringsregels
            if r.soort == "geo" and r.locatie and r.id not in antwoorden and self.kaart.ringen(r.locatie) is not None
        }

    # -- indienen: concept and documents -----------------------------------------------------------
    def maak_verzoek(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        if self.fouten.weigert_indienen:
            return foutantwoord(
                self.fouten.weigert_indienen, "Storing", ("LOKET-STORING", "Indienen is tijdelijk niet mogelijk.")
            )
        bericht = lees_json(request, api.Indienbericht)
        if bericht.doel in ("Aanvullen", "Intrekken") and self.register.laatste(bericht.verzoeknummer or "") is None:
            return foutantwoord(
                422,
                "Onbekend verzoek",
                (
                    "LOKET-VERVOLG",
                    f"{bericht.doel} vraagt het verzoeknummer van een "
                    f"ingediend verzoek; {bericht.verzoeknummer!r} is niet bekend.",
                ),
            )
        vorige = self.register.laatste(bericht.verzoeknummer or "")
        bouwmelding = vorige is not None and any(
            a.activiteit_id == wkb.BOUWMELDING for a in vorige.stam.projectactiviteiten
        )
        if bericht.doel == "Aanvullen" and bouwmelding and not self.fouten.vult_bouwmelding_aan:
            return foutantwoord(
                422,
                "Een bouwmelding kan niet worden aangevuld",
                (
                    "LOKET-WKB-AANVULLEN",
                    f"Verzoek {bericht.verzoeknummer} is een bouwmelding; een onvolledige melding kunt u niet "
                    "aanvullen. Doe een nieuwe bouwmelding (de termijn van 4 weken begint dan opnieuw).",
                ),
            )
        if bericht.project_id is not None and not self.register.heeft_project(bericht.project_id):
            return foutantwoord(
                422,
                "Onbekend project",
                (
                    "LOKET-PROJECT",
                    f"Project {bericht.project_id!r} is niet bekend; een vervolg hoort bij een ingediend project.",
                ),
            )
        verzoek_id = str(uuid.uuid4())
        self.concepten[verzoek_id] = Concept(verzoek_id, bericht)
        begrens(self.concepten, self.register.bewaar)  # abandoned concepts do not pile up
        return json_antwoord(
            api.ConceptVerzoek(
                verzoek_id=verzoek_id, documenten_url=api.pad(api.INDIENEN_DOCUMENTEN, verzoek_id=verzoek_id)
            ),
            201,
        )

    def meld_document(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        concept = self.concepten.get(p["verzoek_id"])
        if concept is None:
            return foutantwoord(404, "Onbekend verzoek", ("LOKET-404", f"Geen conceptverzoek {p['verzoek_id']}."))
        meta = lees_json(request, api.DocumentMetadata)
        doc_id = str(uuid.uuid4())
        concept.documenten[doc_id] = Document(doc_id, meta, self.opslag / doc_id)
        url = api.pad(api.INDIENEN_INHOUD, verzoek_id=concept.verzoek_id, document_id=doc_id)
        return json_antwoord(api.DocumentAangemaakt(document_id=doc_id, upload_url=url), 201)

    def upload(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        concept = self.concepten.get(p["verzoek_id"])
        doc = concept.documenten.get(p["document_id"]) if concept else None
        if doc is None:
            return foutantwoord(
                404, "Onbekend document", ("LOKET-404", f"Document {p['document_id']} is niet aangemeld.")
            )
        stream = request.stream if isinstance(request.stream, httpx.SyncByteStream) else [request.read()]
        doc.grootte, doc.sha256 = schrijf_stream(stream, doc.pad, self.max_bijlage_bytes)
        if self.fouten.verminkt_upload:
            doc.sha256 = "0" * 64
        return json_antwoord(
            api.DocumentOntvangen(document_id=doc.document_id, bestandsgrootte=doc.grootte, sha256=doc.sha256)
        )

    # -- indienen: submit ---------------------------------------------------------------------------
    def dien_in(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        concept = self.concepten.get(p["verzoek_id"])
        if concept is None:
            return foutantwoord(404, "Onbekend verzoek", ("LOKET-404", f"Geen conceptverzoek {p['verzoek_id']}."))
        onvolledig = [d.meta.bestandsnaam for d in concept.documenten.values() if d.grootte < 0]
        if onvolledig:
            return foutantwoord(
                422,
                "Documenten niet geüpload",
                *[
                    ("LOKET-UPLOAD", f"Document {n!r} is aangemeld maar de inhoud is niet geüpload.")
                    for n in onvolledig
                ],
            )
        vervolg = concept.bericht.doel in ("Aanvullen", "Intrekken")
        routes = self._routes(concept)
        zonder = [a.activiteit_naam for a in concept.bericht.activiteiten if routes[a.activiteit_id] is None]
        if zonder:
            return foutantwoord(
                422,
                "Geen bevoegd gezag gevonden",
                *[
                    (
                        "LOKET-ROUTERING",
                        f"Voor activiteit {n!r} is geen "
                        "bevoegd gezag gevonden; is de activiteit toepasbaar gemaakt in het RTR (stap 5)?",
                    )
                    for n in zonder
                ],
            )
        if concept.bericht.doel != "Intrekken":
            meldingen = [m for a in concept.bericht.activiteiten for m in self._indieningsvereisten(a, routes, concept)]
            if meldingen and not self.fouten.accepteert_alles:
                if self.fouten.vage_weigering:
                    meldingen = [("LOKET-ONVOLLEDIG", "De aanvraag is onvolledig.")]
                return foutantwoord(422, "Niet voldaan aan de indieningsvereisten", *meldingen)
        del self.concepten[concept.verzoek_id]
        ingediend = self._vervolg(concept) if vervolg else self._nieuw(concept, routes)
        return json_antwoord(ingediend)

    def _routes(self, concept: Concept) -> dict[str, str | None]:
        vorige = self.register.laatste(concept.bericht.verzoeknummer or "")
        if vorige is not None:  # Aanvullen / Intrekken stay with the bevoegd gezag of the verzoek
            return {a.activiteit_id: vorige.stam.bevoegd_gezag.oin for a in concept.bericht.activiteiten}
        return {a.activiteit_id: self.routering.bevoegd_gezag(a.activiteit_id) for a in concept.bericht.activiteiten}

    def _nieuw(self, concept: Concept, routes: dict[str, str | None]) -> api.Ingediend:
        project_id = concept.bericht.project_id or str(uuid.uuid4())
        groepen = _per_bevoegd_gezag(concept.bericht, routes)
        nummers = {bg: self.register.nieuw_nummer() for bg in groepen}
        if self._verliest(concept):
            for nummer in nummers.values():
                if self.fouten.meldt_verlies:
                    self.register.meld(
                        nummer,
                        "storing",
                        f"Uw aanvraag {nummer} kon niet worden verwerkt. "
                        "Dien de aanvraag opnieuw in of neem contact op met het bevoegd gezag.",
                    )
            return api.Ingediend(verzoeknummers=nummers, project_id=project_id)
        for bg, acts in groepen.items():
            uitvoerend = next((od for a in acts if (od := self.routering.behandeldienst(bg, a.activiteit_id))), None)
            if self.fouten.splitst_niet:
                acts = concept.bericht.activiteiten
            eigen_project = str(uuid.uuid4()) if self.fouten.project_id_per_verzoek else project_id
            stam = self._stam(concept, nummers[bg], 1, bg, uitvoerend, eigen_project, acts)
            self._bewaar_en_bezorg(Verzoek(stam, stam_naar_xml(stam), _documenten(concept, acts)))
        return api.Ingediend(verzoeknummers=nummers, project_id=project_id)

    def _vervolg(self, concept: Concept) -> api.Ingediend:
        vorige = self.register.laatste(concept.bericht.verzoeknummer or "")
        assert vorige is not None
        s = vorige.stam
        intrekken = concept.bericht.doel == "Intrekken"
        acts = concept.bericht.activiteiten
        stam = self._stam(
            concept,
            s.verzoeknummer,
            s.volgnummer + 1,
            s.bevoegd_gezag.oin,
            s.uitvoerende_instantie.oin if s.uitvoerende_instantie else None,
            s.project_id,
            acts,
            vorige=None if not intrekken else vorige,
        )
        docs = {} if intrekken else _documenten(concept, acts)
        self._bewaar_en_bezorg(Verzoek(stam, stam_naar_xml(stam), docs))
        return api.Ingediend(verzoeknummers={s.bevoegd_gezag.oin: s.verzoeknummer}, project_id=s.project_id)

    def _bewaar_en_bezorg(self, verzoek: Verzoek) -> None:
        self.register.bewaar_verzoek(verzoek)
        self.register.meld(
            verzoek.verzoeknummer,
            "ontvangstbevestiging",
            f"Uw verzoek is ontvangen onder nummer {verzoek.verzoeknummer} (volgnummer {verzoek.stam.volgnummer}).",
        )
        if not self.fouten.bezorgt_niet:
            self.bezorg(verzoek)
        if self.fouten.kopie_naar_bevoegd_gezag and verzoek.stam.uitvoerende_instantie:
            self.bezorg(
                Verzoek(verzoek.stam, verzoek.stam_xml, verzoek.documenten), naar=verzoek.stam.bevoegd_gezag.oin
            )

    def _verliest(self, concept: Concept) -> bool:
        grens = self.fouten.verliest_groot_vanaf
        totaal = sum(d.grootte for d in concept.documenten.values())
        return grens is not None and len(concept.bericht.activiteiten) > 1 and totaal >= grens

    def _indieningsvereisten(
        self, a: api.IndienActiviteit, routes: dict[str, str | None], concept: Concept
    ) -> list[tuple[str, str]]:
        g = self.rtr.zoek(routes[a.activiteit_id] or "", a.activiteit_id, "Indieningsvereisten")
        if g is None:
            return []
        c = self.rtr.zoek(routes[a.activiteit_id] or "", a.activiteit_id, "Conclusie")
        alle = getypeerd([g.bestand, *([c.bestand] if c else [])], {x.vraag_id: x.antwoord for x in a.antwoorden})
        eigen = {r.id for r in g.bestand.uitvoeringsregels}
        invoer = {k: v for k, v in alle.items() if k in eigen}
        docs = [d for d in concept.documenten.values() if d.meta.activiteit_id in (None, a.activiteit_id)]
        for r in g.bestand.bijlagen:
            namen = [d.meta.bestandsnaam for d in docs if d.meta.bijlage_type == r.tekst]
            invoer[r.id] = namen or None
        if evalueer(g.bestand, invoer).uitkomst is True:
            return []
        return _ontbrekend(g.bestand, invoer, a.activiteit_naam)

    def _stam(
        self,
        concept: Concept,
        nummer: str,
        volgnummer: int,
        bg: str,
        uitvoerend: str | None,
        project_id: str,
        acts: list[api.IndienActiviteit],
        vorige: Verzoek | None = None,
    ) -> StamVerzoek:
        b = concept.bericht
        docs = _documenten(concept, acts)
        activiteiten = vorige.stam.projectactiviteiten if vorige else [self._activiteit(bg, a, docs) for a in acts]
        return StamVerzoek(
            verzoeknummer=nummer,
            doel=b.doel,
            type=b.verzoektype,
            volgnummer=volgnummer,
            indien_datum=datetime.now(UTC),
            project_id=project_id,
            bevoegd_gezag=StamOrganisatie(oin=bg, naam=self.namen.get(bg)),
            uitvoerende_instantie=StamOrganisatie(oin=uitvoerend, naam=self.namen.get(uitvoerend))
            if uitvoerend
            else None,
            initiatiefnemer=StamPersoon(
                naam=b.initiatiefnemer.naam, bsn=b.initiatiefnemer.bsn, kvk_nummer=b.initiatiefnemer.kvk_nummer
            ),
            projectlocaties=[b.locatie],
            projectactiviteiten=activiteiten,
            verzoekbijlages=[] if vorige else [d.stam() for d in docs.values()],
        )

    def _activiteit(self, bg: str, a: api.IndienActiviteit, docs: dict[str, Document]) -> Projectactiviteit:
        regels = [self.rtr.zoek(bg, a.activiteit_id, t) for t in ("Conclusie", "Indieningsvereisten")]
        teksten = {r.id: r.tekst for g in regels if g for r in g.bestand.uitvoeringsregels}
        specs = [
            Specificatie(
                vraag_id=x.vraag_id, vraagtekst=teksten.get(x.vraag_id, x.vraag_id), antwoord=als_tekst(x.antwoord)
            )
            for x in a.antwoorden
        ]
        per_type: dict[str, list[Document]] = {}
        for d in docs.values():
            if d.meta.bijlage_type and d.meta.activiteit_id in (None, a.activiteit_id):
                per_type.setdefault(d.meta.bijlage_type, []).append(d)
        specs += [
            Specificatie(vraag_id=f"bijlage:{t}", vraagtekst=t, bijlage_type=t, documenten=[d.stam() for d in ds])
            for t, ds in per_type.items()
        ]
        return Projectactiviteit(activiteit_naam=a.activiteit_naam, activiteit_id=a.activiteit_id, specificaties=specs)


def _documenten(concept: Concept, acts: list[api.IndienActiviteit]) -> dict[str, Document]:
    """The documents that belong to these activities (or to the whole aanvraag)."""
    ids = {a.activiteit_id for a in acts}
    return {d.document_id: d for d in concept.documenten.values() if d.meta.activiteit_id in (None, *ids)}


def _per_bevoegd_gezag(b: api.Indienbericht, routes: dict[str, str | None]) -> dict[str, list[api.IndienActiviteit]]:
    groepen: dict[str, list[api.IndienActiviteit]] = {}
    for a in b.activiteiten:
        groepen.setdefault(routes[a.activiteit_id] or "", []).append(a)
    return groepen


def getypeerd(bestanden: list[SttrBestand], antwoorden: Mapping[str, object]) -> dict[str, object]:
    """Answers by uitvoeringsregel id (or vraagtekst), typed by the published question; an unknown question
    or a value of the wrong type is refused (HTTP 400) as a real loket would."""
    result: dict[str, object] = {}
    for sleutel, waarde in antwoorden.items():
        regel = next((r for b in bestanden if (r := b.regel(sleutel))), None)
        if regel is None:
            raise OngeldigeInvoer(f"vraag {sleutel!r} komt niet voor in de gepubliceerde regels", code="LOKET-VRAAG")
        try:
            result[regel.id] = typeer(regel, waarde, streng=True)
        except ValueError as exc:
            raise OngeldigeInvoer(f"vraag {regel.tekst or regel.id!r}: {exc}", code="LOKET-ANTWOORD") from exc
    return result


def _invulling(r: Uitvoeringsregel) -> object:
    return {"boolean": True, "number": 1, "bijlage": ["aanwezig"]}.get(
        r.gegevens_type, r.opties[0] if r.opties else "ingevuld"
    )


def _ontbrekend(bestand: SttrBestand, invoer: dict[str, object], activiteit: str) -> list[tuple[str, str]]:
    """Name what is missing.

    1. each absent vraag/bijlage whose presence alone completes the aanvraag; else
    2. if filling every absent one completes it: each absent one that is necessary for that; else
    3. each absent one that changes the outcome.
    """
    leeg = [r for r in bestand.uitvoeringsregels if invoer.get(r.id) is None]
    ingevuld = {r.id: _invulling(r) for r in leeg}

    def compleet(extra: dict[str, object]) -> bool:
        return evalueer(bestand, {**invoer, **extra}).uitkomst is True

    relevant = [r for r in leeg if compleet({r.id: ingevuld[r.id]})]
    if not relevant and compleet(ingevuld):
        relevant = [r for r in leeg if not compleet({k: v for k, v in ingevuld.items() if k != r.id})]
    if not relevant:
        basis = evalueer(bestand, invoer).uitkomst
        relevant = [r for r in leeg if evalueer(bestand, {**invoer, r.id: ingevuld[r.id]}).uitkomst != basis]
    meldingen = [
        ("IV-BIJLAGE", f"{activiteit}: bijlage '{r.tekst}' ontbreekt.")
        if r.soort == "bijlage"
        else ("IV-VRAAG", f"{activiteit}: vraag '{r.tekst}' is niet beantwoord.")
        for r in relevant
    ]
    return meldingen or [("IV-ONVOLLEDIG", f"{activiteit}: de aanvraag voldoet niet aan de indieningsvereisten.")]
