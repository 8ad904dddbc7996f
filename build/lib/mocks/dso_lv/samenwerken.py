"""Mock *Samenwerken* (v4-shaped): samenwerkingen, deelnemers with privilege BT/VT, documenten RV/SV,
actieverzoeken (OPEN → GEREED by the recipient, or INGETROKKEN by the sender) and notificaties that
each participant polls. Every call is made on behalf of the OIN of the caller's certificate; a call
for a samenwerking the OIN is not part of is refused.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from chain_tests.standards import api, operaties
from chain_tests.standards.inspectie import SamenwerkenFouten
from chain_tests.standards.tekst import content_disposition
from chain_tests.streams import BestandStream, schrijf_stream
from mocks._infra.antwoorden import foutantwoord, json_antwoord
from mocks._infra.opslag import opslagmap
from mocks._infra.routing import Route, client_oin, getal_param, lees_json
from mocks.dso_lv.verzoeken import Verzoekregister


@dataclass
class _Sw:
    samenwerking: api.Samenwerking
    documenten: dict[str, api.SwDocument] = field(default_factory=dict)
    paden: dict[str, Path] = field(default_factory=dict)
    actieverzoeken: dict[str, api.Actieverzoek] = field(default_factory=dict)

    def privilege(self, oin: str | None) -> str | None:
        if oin == self.samenwerking.eigenaar:
            return "VT"
        return next((d.privilege for d in self.samenwerking.deelnemers if d.oin == oin), None)


@dataclass
class SamenwerkenMock:
    register: Verzoekregister
    max_bytes: int
    fouten: SamenwerkenFouten = field(default_factory=SamenwerkenFouten)
    samenwerkingen: dict[str, _Sw] = field(default_factory=dict)
    notificaties: list[tuple[str, api.SwNotificatie]] = field(default_factory=list)  # (ontvanger OIN, notificatie)
    opslag: Path = field(default_factory=lambda: opslagmap("samenwerken"))
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def routes(self) -> list[Route]:
        return [
            Route(operaties.SW_SAMENWERKINGEN, self.maak),
            Route(operaties.SW_SAMENWERKING, self.lees),
            Route(operaties.SW_DEELNEMERS, self.nodig_uit),
            Route(operaties.SW_DOCUMENT_AANMELDEN, self.meld_document),
            Route(operaties.SW_DOCUMENTEN, self.documenten),
            Route(operaties.SW_DOCUMENT_DELEN, self.upload),
            Route(operaties.SW_DOCUMENT_OPHALEN, self.download),
            Route(operaties.SW_ACTIEVERZOEKEN, self.maak_actieverzoek),
            Route(operaties.SW_ACTIEVERZOEK, self.lees_actieverzoek),
            Route(operaties.SW_GEREEDMELDEN, self.gereedmelden),
            Route(operaties.SW_INTREKKEN, self.intrekken),
            Route(operaties.SW_NOTIFICATIES, self.lees_notificaties),
        ]

    # -- helpers --------------------------------------------------------------------------------------
    def _meld(self, ontvanger: str, soort: str, sw: _Sw, **ids: str) -> None:
        if not self.fouten.meldt_niets:
            n = api.SwNotificatie(
                notificatie_id=next(self._ids),
                soort=soort,
                samenwerking_id=sw.samenwerking.samenwerking_id,
                **ids,
            )
            self.notificaties.append((ontvanger, n))

    def _sw(self, request: httpx.Request, p: dict[str, str]) -> _Sw | httpx.Response:
        sw = self.samenwerkingen.get(p["samenwerking_id"])
        if sw is None:
            return foutantwoord(
                404, "Onbekende samenwerking", ("SW-404", f"Samenwerking {p['samenwerking_id']} bestaat niet.")
            )
        if sw.privilege(client_oin(request)) is None and not self.fouten.laat_iedereen_toe:
            return foutantwoord(
                403,
                "Geen deelnemer",
                ("SW-403", f"OIN {client_oin(request)} neemt niet deel aan samenwerking {p['samenwerking_id']}."),
            )
        return sw

    def _zichtbaar(self, sw: _Sw, oin: str | None, doc: api.SwDocument) -> bool:
        return doc.vertrouwelijkheid == "RV" or sw.privilege(oin) == "VT" or self.fouten.toont_sv_aan_bt

    # -- samenwerking and deelnemers --------------------------------------------------------------------
    def maak(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        body = lees_json(request, api.NieuweSamenwerking)
        verzoek = self.register.laatste(body.verzoeknummer)
        oin = client_oin(request) or ""
        if verzoek is None or not verzoek.mag_ophalen(oin):
            return foutantwoord(
                403,
                "Niet geautoriseerd",
                (
                    "SW-403",
                    f"OIN {oin} behandelt verzoek {body.verzoeknummer} niet en mag er geen samenwerking voor starten.",
                ),
            )
        s = api.Samenwerking(
            samenwerking_id=str(uuid.uuid4()), verzoeknummer=body.verzoeknummer, titel=body.titel, eigenaar=oin
        )
        self.samenwerkingen[s.samenwerking_id] = _Sw(s)
        return json_antwoord(s, 201)

    def lees(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        sw = self._sw(request, p)
        return sw if isinstance(sw, httpx.Response) else json_antwoord(sw.samenwerking)

    def nodig_uit(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        sw = self._sw(request, p)
        if isinstance(sw, httpx.Response):
            return sw
        if client_oin(request) != sw.samenwerking.eigenaar:
            return foutantwoord(
                403, "Alleen de eigenaar", ("SW-403", "Alleen de eigenaar van de samenwerking nodigt uit.")
            )
        d = lees_json(request, api.Deelnemer)
        sw.samenwerking.deelnemers = [x for x in sw.samenwerking.deelnemers if x.oin != d.oin] + [d]
        self._meld(d.oin, "UITGENODIGD", sw)
        return json_antwoord(d, 201)

    # -- documenten --------------------------------------------------------------------------------------
    def meld_document(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        sw = self._sw(request, p)
        if isinstance(sw, httpx.Response):
            return sw
        meta = lees_json(request, api.NieuwSwDocument)
        if meta.vertrouwelijkheid == "SV" and sw.privilege(client_oin(request)) != "VT":
            return foutantwoord(
                403, "Onvoldoende privilege", ("SW-403", "Strikt vertrouwelijke documenten vragen privilege VT.")
            )
        doc_id = str(uuid.uuid4())
        url = api.pad(api.SW_DOCUMENT_INHOUD, samenwerking_id=p["samenwerking_id"], document_id=doc_id)
        doc = api.SwDocument(
            document_id=doc_id,
            bestandsnaam=meta.bestandsnaam,
            vertrouwelijkheid=meta.vertrouwelijkheid,
            eigenaar=client_oin(request) or "",
            upload_url=url,
        )
        sw.documenten[doc_id] = doc
        sw.paden[doc_id] = self.opslag / doc_id
        return json_antwoord(doc, 201)

    def upload(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        sw = self._sw(request, p)
        if isinstance(sw, httpx.Response):
            return sw
        doc = sw.documenten.get(p["document_id"])
        if doc is None or doc.eigenaar != client_oin(request):
            return foutantwoord(404, "Onbekend document", ("SW-404", f"Geen eigen document {p['document_id']}."))
        stream = request.stream if isinstance(request.stream, httpx.SyncByteStream) else [request.read()]
        grootte, sha = schrijf_stream(stream, sw.paden[doc.document_id], self.max_bytes)
        sha = "0" * 64 if self.fouten.verminkt_document else sha
        doc = doc.model_copy(update={"bestandsgrootte": grootte, "sha256": sha, "upload_url": None})
        sw.documenten[doc.document_id] = doc
        for oin in [sw.samenwerking.eigenaar, *(d.oin for d in sw.samenwerking.deelnemers)]:
            if oin != doc.eigenaar and self._zichtbaar(sw, oin, doc):
                self._meld(oin, "DOCUMENT_GEDEELD", sw, document_id=doc.document_id)
        return json_antwoord(doc)

    def documenten(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        sw = self._sw(request, p)
        if isinstance(sw, httpx.Response):
            return sw
        oin = client_oin(request)
        zichtbaar = [
            d
            for d in sw.documenten.values()
            if d.bestandsgrootte >= 0
            and self._zichtbaar(sw, oin, d)
            and not (self.fouten.verbergt_documenten and d.eigenaar != oin)
        ]
        body = b"[" + b",".join(d.json_bytes() for d in zichtbaar) + b"]"
        return httpx.Response(200, content=body, headers=api.JSON_HEADERS)

    def download(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        sw = self._sw(request, p)
        if isinstance(sw, httpx.Response):
            return sw
        doc = sw.documenten.get(p["document_id"])
        if doc is None or doc.bestandsgrootte < 0:
            return foutantwoord(404, "Onbekend document", ("SW-404", f"Geen document {p['document_id']}."))
        if not (self._zichtbaar(sw, client_oin(request), doc) or self.fouten.levert_sv_aan_bt):
            return foutantwoord(
                403,
                "Strikt vertrouwelijk",
                ("SW-403", f"Document {doc.bestandsnaam!r} is strikt vertrouwelijk; daarvoor is privilege VT nodig."),
            )
        anders = self.fouten.levert_ander_document and doc.eigenaar != client_oin(request)
        return httpx.Response(
            200,
            stream=_Omgekeerd(BestandStream(sw.paden[doc.document_id]))
            if anders
            else BestandStream(sw.paden[doc.document_id]),
            headers={
                "Content-Length": str(doc.bestandsgrootte),
                "Content-Type": "application/octet-stream",
                "Content-Disposition": content_disposition(doc.bestandsnaam),
            },
        )

    # -- actieverzoeken -----------------------------------------------------------------------------------
    def maak_actieverzoek(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        sw = self._sw(request, p)
        if isinstance(sw, httpx.Response):
            return sw
        nieuw = lees_json(request, api.NieuwActieverzoek)
        if sw.privilege(nieuw.ontvanger) is None:
            return foutantwoord(
                422, "Ontvanger neemt niet deel", ("SW-422", f"Nodig {nieuw.ontvanger} eerst uit als deelnemer.")
            )
        av = api.Actieverzoek(
            actieverzoek_id=str(uuid.uuid4()),
            samenwerking_id=p["samenwerking_id"],
            soort=nieuw.soort,
            afzender=client_oin(request) or "",
            ontvanger=nieuw.ontvanger,
            toelichting=nieuw.toelichting,
        )
        sw.actieverzoeken[av.actieverzoek_id] = av
        self._meld(av.ontvanger, "ACTIEVERZOEK", sw, actieverzoek_id=av.actieverzoek_id)
        return json_antwoord(av, 201)

    def _av(self, request: httpx.Request, p: dict[str, str]) -> tuple[_Sw, api.Actieverzoek] | httpx.Response:
        sw = self._sw(request, p)
        if isinstance(sw, httpx.Response):
            return sw
        av = sw.actieverzoeken.get(p["actieverzoek_id"])
        if av is None:
            return foutantwoord(404, "Onbekend actieverzoek", ("SW-404", f"Geen actieverzoek {p['actieverzoek_id']}."))
        return sw, av

    def lees_actieverzoek(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        r = self._av(request, p)
        return r if isinstance(r, httpx.Response) else json_antwoord(r[1])

    def gereedmelden(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        r = self._av(request, p)
        if isinstance(r, httpx.Response):
            return r
        sw, av = r
        if client_oin(request) != av.ontvanger:
            return foutantwoord(
                403, "Alleen de ontvanger", ("SW-403", "Alleen de ontvanger van het actieverzoek meldt het gereed.")
            )
        if av.status != "OPEN" and not self.fouten.negeert_intrekking:
            return foutantwoord(
                409,
                "Actieverzoek niet open",
                ("SW-409", f"Het actieverzoek is {av.status}; gereedmelden kan niet meer."),
            )
        melding = lees_json(request, api.Gereedmelding)
        docs = [] if self.fouten.verliest_advies else melding.document_ids
        sw.actieverzoeken[av.actieverzoek_id] = av = av.model_copy(
            update={"status": "GEREED", "resultaat_documenten": docs}
        )
        self._meld(av.afzender, "GEREED", sw, actieverzoek_id=av.actieverzoek_id)
        return json_antwoord(av)

    def intrekken(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        r = self._av(request, p)
        if isinstance(r, httpx.Response):
            return r
        sw, av = r
        if client_oin(request) != av.afzender:
            return foutantwoord(403, "Alleen de afzender", ("SW-403", "Alleen de afzender trekt een actieverzoek in."))
        if av.status != "OPEN":
            return foutantwoord(409, "Actieverzoek niet open", ("SW-409", f"Het actieverzoek is al {av.status}."))
        sw.actieverzoeken[av.actieverzoek_id] = av = av.model_copy(update={"status": "INGETROKKEN"})
        self._meld(av.ontvanger, "INGETROKKEN", sw, actieverzoek_id=av.actieverzoek_id)
        return json_antwoord(av)

    def lees_notificaties(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        oin = client_oin(request)
        sinds = getal_param(request, "sinds", 0)
        eigen = [n for o, n in self.notificaties if o == oin and n.notificatie_id > sinds]
        body = b"[" + b",".join(n.json_bytes() for n in eigen) + b"]"
        return httpx.Response(200, content=body, headers=api.JSON_HEADERS)


class _Omgekeerd(httpx.SyncByteStream):
    """Fault ``levert_ander_document``: the same length, every byte inverted."""

    def __init__(self, bron: httpx.SyncByteStream) -> None:
        self.bron = bron

    def __iter__(self) -> Iterator[bytes]:
        for stuk in self.bron:
            yield bytes(b ^ 0xFF for b in stuk)
