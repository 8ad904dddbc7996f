"""DSO-LV's outbox and delivery worker for verzoeknotificaties over Digikoppeling ebMS2 (osb-rm).

:meth:`Bezorger.stap` is one pass of the worker: it sends each due message (the same MessageId on
every retry), counts attempts, and gives up after the configured retries. Acknowledgments arrive as
separate ebMS signal messages at DSO-LV's own ebMS endpoint (:meth:`Bezorger.ontvang`). Offline, the
harness drives :meth:`stap` deterministically on a manual clock; no sleeps.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx

from chain_tests.config import Tijden
from chain_tests.klok import Klok
from chain_tests.standards import inspectie, operaties
from chain_tests.standards.ebms import EbmsBericht, MimeDeel, serialiseer
from chain_tests.standards.stam import Verzoeknotificatie, notificatie_naar_xml
from mocks import digikoppeling
from mocks.routing import Route, client_oin, json_response
from mocks.verzoeken import Verzoek, Verzoekregister

SERVICE = "urn:osb:services:dso:verzoeknotificatie:v1"  # UNCONFIRMED
ACTION = "Verzoeknotificatie"


@dataclass
class Bezorging:
    verzoeknummer: str
    ontvanger_oin: str
    bericht: EbmsBericht
    status: inspectie.BezorgStatus = "in_wachtrij"
    pogingen: int = 0
    volgende_poging: datetime | None = None
    laatste_fout: str | None = None
    ack: EbmsBericht | None = None
    geweigerd: list[str] = field(default_factory=list)  # signals refused (forged or from another conversation)


@dataclass
class Bezorger:
    dso_oin: str
    adresboek: dict[str, str]  # OIN → Digikoppeling ebMS endpoint URL
    tijden: Tijden
    klok: Klok
    client: Callable[[], httpx.Client]
    opgehaald: Callable[[str], list[tuple[str, str]]]
    register: Verzoekregister
    outbox: list[Bezorging] = field(default_factory=list)

    def routes(self) -> list[Route]:
        return [
            Route(operaties.EBMS, self.ontvang),
            Route(operaties.BEZORGING, self.inspectie),
        ]

    def plaats(self, verzoek: Verzoek, naar: str | None = None) -> None:
        s = verzoek.stam
        ontvanger = naar or verzoek.ontvanger
        notificatie = Verzoeknotificatie(
            verzoeknummer=s.verzoeknummer,
            volgnummer=s.volgnummer,
            doel=s.doel,
            bevoegd_gezag_oin=s.bevoegd_gezag.oin,
            uitvoerende_instantie_oin=s.uitvoerende_instantie.oin if s.uitvoerende_instantie else None,
        )
        bericht = EbmsBericht(
            van_oin=self.dso_oin,
            naar_oin=ontvanger,
            cpa_id=f"dso-verzoeknotificatie_{self.dso_oin}_{ontvanger}_v1",
            conversation_id=str(uuid.uuid4()),
            service=SERVICE,
            action=ACTION,
            payloads=[
                MimeDeel(
                    f"verzoeknotificatie-{s.verzoeknummer}@dso-lv", "application/xml", notificatie_naar_xml(notificatie)
                )
            ],
        )
        self.outbox.append(Bezorging(s.verzoeknummer, ontvanger, bericht, volgende_poging=self.klok.nu()))

    def stap(self) -> None:
        for b in self.outbox:
            if b.status in ("bevestigd", "mislukt") or b.volgende_poging is None or self.klok.nu() < b.volgende_poging:
                continue
            if b.pogingen > self.tijden.ebms_retries:
                b.status, b.volgende_poging = "mislukt", None
                opgegeven = f"geen Acknowledgment na {b.pogingen} pogingen"
                b.laatste_fout = f"{b.laatste_fout} — {opgegeven}" if b.laatste_fout else opgegeven
                continue
            self._verstuur(b)

    def _verstuur(self, b: Bezorging) -> None:
        b.pogingen += 1
        b.volgende_poging = self.klok.nu() + timedelta(seconds=self.tijden.ebms_retry_interval)
        endpoint = self.adresboek.get(b.ontvanger_oin)
        if endpoint is None:
            b.status, b.laatste_fout, b.volgende_poging = (
                "mislukt",
                f"geen Digikoppeling-endpoint voor OIN {b.ontvanger_oin}",
                None,
            )
            return
        headers, body = serialiseer(b.bericht)
        try:
            with self.client() as c:
                r = c.post(endpoint, content=body, headers=headers)
        except httpx.TransportError as exc:
            b.laatste_fout = f"verbindingsfout: {exc}"
            return
        if r.status_code in (200, 202):
            b.status = "verzonden" if b.status != "bevestigd" else b.status
        elif r.status_code == 503:
            b.laatste_fout = "HTTP 503 (tijdelijk niet beschikbaar)"
        else:
            b.status, b.volgende_poging = "mislukt", None
            b.laatste_fout = f"HTTP {r.status_code}: {r.text[:300]}"

    def ontvang(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        """Signals from the receivers: an Acknowledgment counts only from the party the message was sent
        to (certificate OIN = the original To/PartyId) in the same CPA and conversation."""
        bericht = digikoppeling.ontvang(request, self.dso_oin)
        if isinstance(bericht, httpx.Response):
            return bericht
        afzender = client_oin(request)
        if not bericht.is_ack and not bericht.fouten:
            return digikoppeling.weigering(
                self.dso_oin,
                bericht,
                "NotSupported",
                "DSO-LV neemt hier alleen Acknowledgments en foutberichten aan.",
                afzender,
            )
        ref = bericht.ack_voor or bericht.ref_to_message_id
        b = next((x for x in self.outbox if x.bericht.message_id == ref), None)
        if b is None:
            return digikoppeling.weigering(
                self.dso_oin,
                bericht,
                "ValueNotRecognized",
                f"RefToMessageId {ref} is geen bericht van DSO-LV.",
                afzender,
            )
        weigering = self._echtheid(b, bericht, afzender)
        if weigering is not None:
            b.geweigerd.append(f"{bericht.action} van {afzender or 'onbekend'} geweigerd: {weigering[1]}")
            return digikoppeling.weigering(
                self.dso_oin,
                bericht,
                weigering[0],
                weigering[1],
                afzender,
                status=403 if weigering[0] == "SecurityFailure" else 400,
            )
        if bericht.is_ack:
            b.status, b.ack, b.volgende_poging = "bevestigd", bericht, None
        elif b.status != "bevestigd":
            b.laatste_fout = "ebMS-foutbericht van de ontvanger: " + "; ".join(f"{c}: {t}" for c, t in bericht.fouten)
        return httpx.Response(202)

    @staticmethod
    def _echtheid(b: Bezorging, signaal: EbmsBericht, afzender: str | None) -> tuple[str, str] | None:
        if afzender != b.ontvanger_oin:
            return (
                "SecurityFailure",
                f"alleen de ontvanger van bericht {b.bericht.message_id} ({b.ontvanger_oin}) mag het bevestigen; "
                f"dit bericht komt met het certificaat van OIN {afzender or 'onbekend'}.",
            )
        for veld, naam in (("cpa_id", "CPAId"), ("conversation_id", "ConversationId")):
            if getattr(signaal, veld) != getattr(b.bericht, veld):
                return (
                    "Inconsistent",
                    f"{naam} {getattr(signaal, veld)!r} hoort niet bij bericht {b.bericht.message_id} "
                    f"({naam} {getattr(b.bericht, veld)!r}).",
                )
        return None

    def inspectie(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        nummer = p["verzoeknummer"]
        b = next((x for x in reversed(self.outbox) if x.verzoeknummer == nummer), None)
        opgehaald = self.opgehaald(nummer)
        return json_response(
            inspectie.Bezorgstatus(
                verzoeknummer=nummer,
                ontvanger_oin=b.ontvanger_oin if b else None,
                status=b.status if b else "geen",
                pogingen=b.pogingen if b else 0,
                laatste_fout=b.laatste_fout if b else None,
                opgehaald_door=sorted({oin for oin, _ in opgehaald}),
                opgehaalde_documenten=[w for _, w in opgehaald if w not in ("referenties", "STAM")],
                berichten_aan_aanvrager=self.register.berichten.get(nummer, []),
                geweigerde_signalen=b.geweigerd if b else [],
            )
        )
