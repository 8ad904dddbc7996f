"""A party's Digikoppeling ebMS2 (osb-rm) post: reliable sending with retries, and receiving with acks.

Shared by every mock party that sends messages over Digikoppeling (DSO-LV's verzoeknotificaties, the LVBB's
verslagen, the plansoftware's verzoeken). Sending: :meth:`Postvak.verstuur` puts a message in the outbox;
each :meth:`Postvak.werk` sends what is due (the same MessageId on every retry), counts attempts and gives
up after the configured retries. An Acknowledgment counts only from the party the message was sent to
(certificate OIN = the original To/PartyId), in the same CPA and conversation. Receiving:
:meth:`Postvak.neem_aan` drops duplicate MessageIds and queues an Acknowledgment, sent as its own signal
message on the next :meth:`werk`. Offline the harness drives :meth:`werk` on a manual clock; no sleeps.

This is the protocol only: the deliberate faults of a real chain (a refused connection, a lost Acknowledgment,
…) are wrapped around it in :mod:`mocks.digikoppeling.storingen`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx

from chain_tests.config import KetenConfig, Organisatie, Tijden
from chain_tests.errors import OngeldigeInvoer
from chain_tests.klok import Klok
from chain_tests.standards import api, inspectie
from chain_tests.standards.cpa import Overeenkomst, overeenkomsten
from chain_tests.standards.ebms import EbmsBericht, MimeDeel, acknowledgment, kopgegevens, ontleed
from chain_tests.standards.ondertekening import verpak
from chain_tests.standards.sleutels import Sleutelbos, sleutelbos
from mocks._infra.antwoorden import ebms_weigering
from mocks._infra.bewaren import begrens, begrens_lijst
from mocks._infra.routing import client_oin
from mocks.digikoppeling import ontvangst


@dataclass
class Bezorging:
    """One outgoing message and its delivery state."""

    sleutel: str  # what the message is about: a verzoeknummer, an idLevering
    ontvanger_oin: str
    bericht: EbmsBericht
    status: inspectie.BezorgStatus = "in_wachtrij"
    pogingen: int = 0
    volgende_poging: datetime | None = None
    laatste_fout: str | None = None
    ack: EbmsBericht | None = None
    geweigerd: list[str] = field(default_factory=list)  # signals refused (forged or from another conversation)
    volgnummer: int | None = None  # the version of the verzoek the message is about (keten faults may pick it)
    bezorgd: int = 0  # times the message reached the receiver (an HTTP answer came back)
    acks: int = 0  # authentic Acknowledgments received for it (one per delivery at most)


@dataclass
class Postvak:
    naam: str  # how refusals name this party ("DSO-LV", "LVBB", …)
    eigen_oin: str
    adresboek: dict[str, str]  # OIN → Digikoppeling ebMS endpoint URL
    tijden: Tijden
    klok: Klok
    client: Callable[[], httpx.Client]
    outbox: list[Bezorging] = field(default_factory=list)
    ontvangen_ids: dict[str, None] = field(default_factory=dict)  # insertion-ordered: the oldest are forgotten
    acks: list[EbmsBericht] = field(default_factory=list)
    logboek: list[str] = field(default_factory=list)
    bewaar: int = 2000  # messages kept in the outbox and ids remembered (Grenzen.bewaar_verzoeken)
    cpas: Mapping[str, Overeenkomst] = field(default_factory=dict)  # the agreements: CPAId → CPA
    bevestigingen: dict[str, EbmsBericht] = field(default_factory=dict)  # MessageId → the Acknowledgment sent
    sleutels: Sleutelbos = field(default_factory=sleutelbos)  # signs per the CPA (osb-rm-s), trusts its CA
    _open: httpx.Client | None = field(default=None, init=False, repr=False)  # kept open: no TLS handshake per post

    def _verbinding(self) -> httpx.Client:
        """One client for every delivery and Acknowledgment (its connections kept alive); dropped after a
        transport error, so the next attempt connects anew."""
        if self._open is None:
            self._open = self.client()
        return self._open

    def _verbreek(self) -> None:
        if self._open is not None:
            self._open.close()
            self._open = None

    # -- sending -----------------------------------------------------------------------------------
    def verstuur(
        self,
        sleutel: str,
        naar: str,
        service: str,
        action: str,
        payloads: list[MimeDeel],
        cpa: str,
        volgnummer: int | None = None,
    ) -> Bezorging:
        cpa_id = f"{cpa}_{self.eigen_oin}_{naar}_v1"
        overeenkomst = self.cpas.get(cpa_id)
        bericht = EbmsBericht(
            van_oin=self.eigen_oin,
            naar_oin=naar,
            cpa_id=cpa_id,
            conversation_id=str(uuid.uuid4()),
            service=service,
            action=action,
            payloads=payloads,
            van_rol=_rol(overeenkomst, self.eigen_oin),
            naar_rol=_rol(overeenkomst, naar),
            ack_requested=overeenkomst.ack_requested if overeenkomst else True,
            duplicate_elimination=overeenkomst.duplicate_elimination if overeenkomst else True,
            ack_ondertekend=overeenkomst.ondertekend if overeenkomst else False,
        )
        b = Bezorging(sleutel, naar, bericht, volgende_poging=self.klok.nu(), volgnummer=volgnummer)
        self.outbox.append(b)
        if len(self.outbox) > self.bewaar:  # forget the oldest finished deliveries, never one still under way
            klaar = {
                id(x) for x in self.outbox[: len(self.outbox) - self.bewaar] if x.status in ("bevestigd", "mislukt")
            }
            self.outbox = [x for x in self.outbox if id(x) not in klaar]
        return b

    def werk(self) -> None:
        """Send queued acks, then every message that is due; give up after the configured retries. A message the
        mock itself fails on ends as mislukt (saying so) and the others still go; the first such error is raised
        after the pass, for the party to record as its own storing (once: the message is not tried again)."""
        self._stuur_acks()
        eerste: Exception | None = None
        for b in self.outbox:
            try:
                self._bezorg_als_het_tijd_is(b)
            except Exception as exc:
                b.status, b.volgende_poging = "mislukt", None
                b.laatste_fout = f"storing in de mock bij het versturen: {type(exc).__name__}: {exc}"
                eerste = eerste or exc
        if eerste is not None:
            raise eerste

    def _bezorg_als_het_tijd_is(self, b: Bezorging) -> None:
        if b.status in ("bevestigd", "mislukt") or b.volgende_poging is None or self.klok.nu() < b.volgende_poging:
            return
        if b.pogingen > self._retries(b)[0]:
            b.status, b.volgende_poging = "mislukt", None
            opgegeven = f"geen Acknowledgment na {b.pogingen} pogingen"
            b.laatste_fout = f"{b.laatste_fout} — {opgegeven}" if b.laatste_fout else opgegeven
            return
        self._poging(b)

    def _retries(self, b: Bezorging) -> tuple[int, float]:
        """Retries and retry interval: the CPA's (its ReliableMessaging), else the configured ones."""
        cpa = self.cpas.get(b.bericht.cpa_id)
        if cpa is not None:
            return cpa.retries, float(cpa.retry_interval)
        return self.tijden.ebms_retries, self.tijden.ebms_retry_interval

    def _poging(self, b: Bezorging) -> httpx.Response | None:
        """One attempt: counted, the next one planned, the message posted and the answer weighed."""
        if not self._tel_poging(b):
            return None
        r = self._post(b)
        if r is not None:
            self._weeg_antwoord(b, r)
        return r

    def _tel_poging(self, b: Bezorging) -> bool:
        """Count an attempt and plan the next; False (and the delivery failed) when the receiver has no endpoint."""
        b.pogingen += 1
        b.volgende_poging = self.klok.nu() + timedelta(seconds=self._retries(b)[1])
        if self.adresboek.get(b.ontvanger_oin) is None:
            b.status, b.laatste_fout, b.volgende_poging = (
                "mislukt",
                f"geen Digikoppeling-endpoint voor OIN {b.ontvanger_oin}",
                None,
            )
            return False
        return True

    def _weeg_antwoord(self, b: Bezorging, r: httpx.Response) -> None:
        if r.status_code in (200, 202):
            b.status = "verzonden" if b.status != "bevestigd" else b.status
        elif r.status_code == 503:
            b.laatste_fout = "HTTP 503 (tijdelijk niet beschikbaar)"
        else:
            b.status, b.volgende_poging = "mislukt", None
            b.laatste_fout = f"HTTP {r.status_code}: {r.text[:300]}"

    def _post(self, b: Bezorging) -> httpx.Response | None:
        """One delivery of the message (the same bytes and MessageId every time); None on a transport error."""
        headers, body = verpak(b.bericht, self.cpas, self.sleutels)
        try:
            r = self._verbinding().post(self.adresboek[b.ontvanger_oin], content=body, headers=headers)
            b.bezorgd += 1
            return r
        except httpx.TransportError as exc:
            self._verbreek()
            b.laatste_fout = f"verbindingsfout: {str(exc) or type(exc).__name__}"
            return None

    # -- receiving ---------------------------------------------------------------------------------
    def lees_bericht(self, request: httpx.Request) -> EbmsBericht | httpx.Response:
        """A received message checked against this party's CPAs, or the answer to send back (a refusal, a Pong, a
        StatusResponse)."""
        uitkomst = ontvangst.ontvang(
            request, self.eigen_oin, self.cpas, self.klok.nu(), self.eigen_bericht, self._status_van, self.sleutels
        )
        if isinstance(uitkomst, httpx.Response) and uitkomst.status_code in (400, 403):
            self._noteer_weigering(request, uitkomst)
        return uitkomst

    def _noteer_weigering(self, request: httpx.Request, antwoord: httpx.Response) -> None:
        """A refused signal about one of our messages (an unsigned Acknowledgment, say) is kept with that
        message, so the report can say why it never counted."""
        kop = kopgegevens(request.headers.get("Content-Type", ""), request.content)
        b = next((x for x in self.outbox if x.bericht.message_id == kop.get("RefToMessageId")), None)
        if b is None:
            return
        try:
            fouten = ontleed(antwoord.headers.get("Content-Type", ""), antwoord.content).fouten
            reden = "; ".join(f"{code}: {tekst}" for code, tekst in fouten)
        except OngeldigeInvoer:
            reden = f"HTTP {antwoord.status_code}"
        b.geweigerd.append(f"{kop.get('Action', 'bericht')} van {client_oin(request) or 'onbekend'} geweigerd: {reden}")
        begrens_lijst(b.geweigerd, 20)

    def eigen_bericht(self, message_id: str) -> bool:
        return any(b.bericht.message_id == message_id for b in self.outbox)

    def _status_van(self, message_id: str) -> str:
        return "Processed" if message_id in self.ontvangen_ids else "NotRecognized"

    def neem_aan(self, bericht: EbmsBericht) -> bool:
        """True for a new message (its Acknowledgment is queued); False for a duplicate, which gets the
        Acknowledgment it got the first time (the same MessageId), as ebMS 2.0 §6.4 asks."""
        nieuw = bericht.message_id not in self.ontvangen_ids
        if not nieuw:
            self.logboek.append(f"dubbel bericht {bericht.message_id} genegeerd")
        self.ontvangen_ids[bericht.message_id] = None
        begrens(self.ontvangen_ids, self.bewaar)
        begrens_lijst(self.logboek, self.bewaar)
        if bericht.ack_requested:
            ack = self.bevestigingen.get(bericht.message_id) or acknowledgment(bericht)
            self.bevestigingen[bericht.message_id] = ack
            begrens(self.bevestigingen, self.bewaar)
            self.acks.append(ack)
        return nieuw

    def _stuur_acks(self) -> None:
        acks, self.acks = self.acks, []  # swap first: a handler thread may append meanwhile (served mode)
        for ack in acks:
            endpoint = self.adresboek.get(ack.naar_oin)
            if endpoint is None:
                self.logboek.append(f"Acknowledgment {ack.ack_voor}: geen endpoint voor OIN {ack.naar_oin}")
                continue
            headers, body = verpak(ack, self.cpas, self.sleutels)
            try:
                self._verbinding().post(endpoint, content=body, headers=headers)
            except httpx.TransportError as exc:  # the sender will resend; it gets a new ack then
                self._verbreek()
                self.logboek.append(f"Acknowledgment {ack.ack_voor} niet verstuurd: {exc}")

    def signaal(self, request: httpx.Request, bericht: EbmsBericht) -> httpx.Response:
        """An Acknowledgment or error message about a message in the outbox: counted only when authentic."""
        afzender = client_oin(request)
        ref = bericht.ack_voor or bericht.ref_to_message_id
        b = next((x for x in self.outbox if x.bericht.message_id == ref), None)
        if b is None:
            return ebms_weigering(
                self.eigen_oin,
                bericht,
                "ValueNotRecognized",
                f"RefToMessageId {ref} is geen bericht van {self.naam}.",
                afzender,
            )
        weigering = _echtheid(b, bericht, afzender)
        if weigering is not None:
            b.geweigerd.append(f"{bericht.action} van {afzender or 'onbekend'} geweigerd: {weigering[1]}")
            return ebms_weigering(
                self.eigen_oin,
                bericht,
                weigering[0],
                weigering[1],
                afzender,
                status=403 if weigering[0] == "SecurityFailure" else 400,
            )
        if bericht.is_ack:
            self._bevestigd(b, bericht)
        elif b.status != "bevestigd":
            b.laatste_fout = "ebMS-foutbericht van de ontvanger: " + "; ".join(f"{c}: {t}" for c, t in bericht.fouten)
        return httpx.Response(202)

    def _bevestigd(self, b: Bezorging, ack: EbmsBericht) -> None:
        b.status, b.ack, b.volgende_poging = "bevestigd", ack, None
        b.acks += 1

    def laatste(self, sleutel: str) -> Bezorging | None:
        return next((x for x in reversed(self.outbox) if x.sleutel == sleutel), None)


def postvak_voor(
    naam: str, oin: str, naar: Organisatie, config: KetenConfig, klok: Klok, client: Callable[[], httpx.Client]
) -> Postvak:
    """A party's post to its one counterpart ``naar``, with the configuration's timing, agreements and keys."""
    return Postvak(
        naam,
        oin,
        {naar.oin: naar.base_url + api.EBMS},
        config.tijden,
        klok,
        client,
        cpas=overeenkomsten(config),
        sleutels=sleutelbos(config),
    )


def _rol(cpa: Overeenkomst | None, oin: str) -> str | None:
    partij = cpa.partij(oin) if cpa else None
    return partij.rol if partij else None


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
