"""The conformance cases for a Digikoppeling ebMS2 endpoint: what a conformance test sends a receiver, and what a
receiver must answer (an Acknowledgment, the MSH's own answer, or a refusal with an ebMS 2.0 error code and the
element it is about).

The table follows the public ebms-core conformance suite ("TestSuite EbMS Sync", Apache-2.0; its cases and
expected error codes as facts, adapted to Digikoppeling's asynchronous osb-rm profile: no SyncReply, and
Acknowledgments as their own messages) with Digikoppeling's CPAId, OINs, Service and Action. Each case starts
from a message exactly as the CPA has it and changes one thing; :func:`maak` gives the bytes to send.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from lxml import etree

from chain_tests.standards.cpa import Overeenkomst, bericht
from chain_tests.standards.ebms import (
    EB,
    MSH_SERVICE,
    NEXT_MSH,
    SOAP,
    EbmsBericht,
    MimeDeel,
    envelope,
    serialiseer_envelop,
)
from chain_tests.standards.ondertekening import onderteken, versleuteld_voor
from chain_tests.standards.sleutels import Identiteit, Sleutelbos, sleutelbos
from chain_tests.standards.xml import to_bytes

MH = "//Header/MessageHeader"
Uitkomst = str  # "ack", "pong", "status", "weigering"


@dataclass(frozen=True)
class Verwachting:
    uitkomst: Uitkomst
    codes: tuple[str, ...] = ()  # errorCodes that are right (the first is ebms-core's)
    locatie: str | None = None  # the eb:location the reference gives

    def beschrijf(self) -> str:
        if self.uitkomst == "ack":
            return "een Acknowledgment"
        if self.uitkomst == "pong":
            return "een Pong"
        if self.uitkomst == "status":
            return "een StatusResponse (Received of Processed)"
        if self.uitkomst == "dubbel":
            return "dezelfde Acknowledgment als de eerste keer (zelfde MessageId)"
        codes = " of ".join(self.codes) if self.codes else "een weigering"
        return f"geweigerd met {codes}" + (f" ({self.locatie})" if self.locatie else "") + ", geen Acknowledgment"


@dataclass
class Verzending:
    """What a case sends: (headers, body) per message, and the MessageId whose answer counts."""

    berichten: list[tuple[dict[str, str], bytes]]
    message_id: str
    eerste_id: str | None = None  # the duplicate case: the MessageId of the first (same) message


Wijziging = Callable[[etree._Element], None]


@dataclass(frozen=True)
class Geval:
    id: str
    titel: str  # Dutch, for the report
    bron: str  # the ebms-core test step it follows (or "ketentest")
    verwacht: Verwachting
    wijzig: Wijziging | None = None  # on the envelope of a correct message
    zonder_soapaction: bool = False
    soort: str = "bericht"  # bericht, ping, status, dubbel, xxe
    extra: dict[str, object] = field(default_factory=dict)
    handtekening: str = "cpa"  # cpa (as the CPA says), weg, zwak, ander (another party's certificate), bijlage
    # (a payload changed after signing), onversleuteld (a plain payload on osb-rm-e)
    na_ondertekening: Wijziging | None = None  # on the envelope after signing (a signature that no longer holds)
    ondertekend_kanaal: bool = False  # only meaningful on osb-rm-s/osb-rm-e
    versleuteld_kanaal: bool = False  # only meaningful on osb-rm-e

    def van_toepassing(self, cpa: Overeenkomst) -> bool:
        return (cpa.ondertekend or not self.ondertekend_kanaal) and (cpa.versleuteld or not self.versleuteld_kanaal)


def _eb(env: etree._Element, pad: str) -> etree._Element:
    el = env.find(pad, {"eb": EB, "SOAP": SOAP})
    assert el is not None, pad
    return el


def _zet(pad: str, attr: str, waarde: str, ns: str = EB) -> Wijziging:
    return lambda env: _eb(env, pad).set(f"{{{ns}}}{attr}", waarde)


def _tekst(pad: str, waarde: str) -> Wijziging:
    def wijzig(env: etree._Element) -> None:
        _eb(env, pad).text = waarde

    return wijzig


def _weg(pad: str) -> Wijziging:
    def wijzig(env: etree._Element) -> None:
        el = _eb(env, pad)
        el.getparent().remove(el)  # type: ignore[union-attr]

    return wijzig


def _erbij(pad: str, tag: str, **attrs: str) -> Wijziging:
    def wijzig(env: etree._Element) -> None:
        el = etree.SubElement(_eb(env, pad), f"{{{EB}}}{tag}", {f"{{{EB}}}{k}": v for k, v in attrs.items()})
        el.set(f"{{{SOAP}}}mustUnderstand", "1")
        if tag == "MessageOrder":
            etree.SubElement(el, f"{{{EB}}}SequenceNumber").text = "00000001"
        if tag == "SyncReply":
            el.set(f"{{{SOAP}}}actor", "http://schemas.xmlsoap.org/soap/actor/next")

    return wijzig


def _na(pad: str, tag: str, tekst: str) -> Wijziging:
    def wijzig(env: etree._Element) -> None:
        el = etree.Element(f"{{{EB}}}{tag}")
        el.text = tekst
        _eb(env, pad).addnext(el)

    return wijzig


def _verlopen(env: etree._Element) -> None:
    gisteren = "2020-01-01T00:00:00.000Z"
    _eb(env, "SOAP:Header/eb:MessageHeader/eb:MessageData/eb:Timestamp").text = gisteren
    _na("SOAP:Header/eb:MessageHeader/eb:MessageData/eb:Timestamp", "TimeToLive", gisteren)(env)


H, AR = "SOAP:Header/eb:MessageHeader", "SOAP:Header/eb:AckRequested"
INC, VNR, SF = ("Inconsistent",), ("ValueNotRecognized",), ("SecurityFailure",)
SIG = "//Header/Signature"


def _w(uitkomst: Uitkomst, codes: tuple[str, ...] = (), locatie: str | None = None) -> Verwachting:
    return Verwachting(uitkomst, codes, locatie)


GEVALLEN: tuple[Geval, ...] = (
    Geval("ping", "Ping krijgt een Pong", "EbMSPing", _w("pong"), soort="ping"),
    Geval("goed", "Een geldig bericht wordt bevestigd", "EbMSMessageOk", _w("ack")),
    Geval("status", "Een StatusRequest over een ontvangen bericht", "EbMSMessageStatus", _w("status"), soort="status"),
    Geval("dubbel", "Een dubbel bericht krijgt dezelfde Acknowledgment", "EbMSMessageDuplicate", _w("dubbel"), soort="dubbel"),  # noqa: E501
    Geval("soapaction", "Zonder SOAPAction", "EbMSMessageInvalid", _w("weigering"), zonder_soapaction=True),
    Geval("kopversie", "MessageHeader met versie 1.0", "EbMSMessageInvalidMessageHeaderVersion", _w("weigering", INC, f"{MH}/@version"), _zet(H, "version", "1.0")),  # noqa: E501
    Geval("cpaid", "Een onbekende CPAId", "EbMSMessageInvalidCPAId", _w("weigering", ("ValueNotRecognized", "Inconsistent"), f"{MH}/CPAId"), _tekst(f"{H}/eb:CPAId", "cpaId")),  # noqa: E501
    Geval("van_partij", "Een onbekende From/PartyId", "EbMSMessageInvalidFromPartyId", _w("weigering", ("Inconsistent", "SecurityFailure"), f"{MH}/From/PartyId"), _tekst(f"{H}/eb:From/eb:PartyId", "fromPartyId")),  # noqa: E501
    Geval("van_type", "Een From/PartyId van een ander type", "EbMSMessageInvalidFromPartyType", _w("weigering", ("Inconsistent", "SecurityFailure"), f"{MH}/From/PartyId"), _zet(f"{H}/eb:From/eb:PartyId", "type", "type")),  # noqa: E501
    Geval("van_rol", "Een onbekende From/Role", "EbMSMessageInvalidFromRole", _w("weigering", VNR, f"{MH}/Action"), _tekst(f"{H}/eb:From/eb:Role", "fromRole")),  # noqa: E501
    Geval("zonder_van_rol", "Zonder From/Role", "EbMSMessageMissingFromRole", _w("weigering", INC, f"{MH}/From/Role"), _weg(f"{H}/eb:From/eb:Role")),  # noqa: E501
    Geval("naar_partij", "Een onbekende To/PartyId", "EbMSMessageInvalidToPartyId", _w("weigering", INC, f"{MH}/To/PartyId"), _tekst(f"{H}/eb:To/eb:PartyId", "toPartyId")),  # noqa: E501
    Geval("naar_type", "Een To/PartyId van een ander type", "EbMSMessageInvalidToPartyType", _w("weigering", INC, f"{MH}/To/PartyId"), _zet(f"{H}/eb:To/eb:PartyId", "type", "type")),  # noqa: E501
    Geval("naar_rol", "Een onbekende To/Role", "EbMSMessageInvalidToRole", _w("weigering", VNR, f"{MH}/Action"), _tekst(f"{H}/eb:To/eb:Role", "toRole")),  # noqa: E501
    Geval("service", "Een onbekende Service", "EbMSMessageInvalidService", _w("weigering", VNR, f"{MH}/Action"), _tekst(f"{H}/eb:Service", "service")),  # noqa: E501
    Geval("service_type", "Een Service van een ander type", "EbMSMessageInvalidServiceType", _w("weigering", VNR, f"{MH}/Action"), _zet(f"{H}/eb:Service", "type", "type")),  # noqa: E501
    Geval("action", "Een onbekende Action", "EbMSMessageInvalidAction", _w("weigering", VNR, f"{MH}/Action"), _tekst(f"{H}/eb:Action", "action")),  # noqa: E501
    Geval("ref", "Een onbekende RefToMessageId", "EbMSMessageInvalidRefToMessageId", _w("weigering", VNR, f"{MH}/MessageData/RefToMessageId"), _na(f"{H}/eb:MessageData/eb:Timestamp", "RefToMessageId", "@localhost")),  # noqa: E501
    Geval("ttl", "Een verstreken TimeToLive", "EbMSMessageTimetoLiveExpired", _w("weigering", ("TimeToLiveExpired",), f"{MH}/MessageData/TimeToLive"), _verlopen),  # noqa: E501
    Geval("zonder_dubbelfilter", "Zonder DuplicateElimination", "EbMSMessageMissingDuplicateElimination", _w("weigering", INC, f"{MH}/DuplicateElimination"), _weg(f"{H}/eb:DuplicateElimination")),  # noqa: E501
    Geval("zonder_ack", "Zonder AckRequested", "EbMSMessageMissingAckRequested", _w("weigering", INC, "//Header/AckRequested"), _weg(AR)),  # noqa: E501
    Geval("ack_versie", "AckRequested met versie 1.0", "EbMSMessageInvalidAckRequestedVersion", _w("weigering", INC, "//Header/AckRequested/@version"), _zet(AR, "version", "1.0")),  # noqa: E501
    Geval("ack_nextmsh", "AckRequested voor de nextMSH", "EbMSMessageNextMSHAckRequestedActor", _w("weigering", ("NotSupported",), "//Header/AckRequested/@actor"), _zet(AR, "actor", NEXT_MSH, SOAP)),  # noqa: E501
    Geval("ack_actor", "AckRequested voor een onbekende actor", "EbMSMessageInvalidAckRequestedActor", _w("weigering", INC, "//Header/AckRequested/@actor"), _zet(AR, "actor", "actor", SOAP)),  # noqa: E501
    Geval("ack_signed", "AckRequested signed anders dan de CPA afspreekt", "EbMSMessageInvalidAckRequestedSigned", _w("weigering", INC, "//Header/AckRequested/@signed"), soort="ack_signed"),  # noqa: E501
    Geval("syncreply", "SyncReply op een asynchroon kanaal", "EbMSMessageMissingSyncReply", _w("weigering", INC, "//Header/SyncReply"), _erbij("SOAP:Header", "SyncReply", version="2.0")),  # noqa: E501
    Geval("volgorde", "MessageOrder", "EbMSMessageMessageOrder", _w("weigering", ("NotSupported",), "//Header/MessageOrder"), _erbij("SOAP:Header", "MessageOrder", version="2.0")),  # noqa: E501
    Geval("manifest_versie", "Manifest met versie 1.0", "EbMSMessageInvalidManifestVersion", _w("weigering", INC, "//Body/Manifest/@version"), _zet("SOAP:Body/eb:Manifest", "version", "1.0")),  # noqa: E501
    Geval("cid_geen", "Een manifestverwijzing zonder cid:", "EbMSMessageInvalidCID", _w("weigering", ("MimeProblem",)), lambda env: _cid(env, strip=True)),  # noqa: E501
    Geval("cid_onbekend", "Een manifestverwijzing naar een ontbrekend deel", "EbMSMessageUnknownCID", _w("weigering", ("MimeProblem",), "cid:cid"), lambda env: _cid(env, strip=False)),  # noqa: E501
    Geval("xxe", "Een envelope met een externe entiteit (XXE)", "EbMSPingXXE", _w("weigering"), soort="xxe"),
    Geval("ds_weg", "Zonder handtekening op een ondertekend kanaal", "ketentest", _w("weigering", SF, SIG), handtekening="weg", ondertekend_kanaal=True),  # noqa: E501
    Geval("ds_envelop", "De envelope veranderd na ondertekening", "ketentest", _w("weigering", SF, SIG), na_ondertekening=_tekst(f"{H}/eb:ConversationId", "veranderd"), ondertekend_kanaal=True),  # noqa: E501
    Geval("ds_bijlage", "Een bijlage veranderd na ondertekening", "ketentest", _w("weigering", SF, SIG), handtekening="bijlage", ondertekend_kanaal=True),  # noqa: E501
    Geval("ds_ander", "Ondertekend met het certificaat van een ander OIN", "ketentest", _w("weigering", SF, SIG), handtekening="ander", ondertekend_kanaal=True),  # noqa: E501
    Geval("ds_zwak", "Ondertekend met SHA-1 (te zwak)", "ketentest", _w("weigering", SF, SIG), handtekening="zwak", ondertekend_kanaal=True),  # noqa: E501
    Geval("xenc_weg", "Een onversleutelde bijlage op een versleuteld kanaal", "ketentest", _w("weigering", SF, "//Body/Manifest"), handtekening="onversleuteld", ondertekend_kanaal=True, versleuteld_kanaal=True),  # noqa: E501
)  # fmt: skip


def _cid(env: etree._Element, strip: bool) -> None:
    ref = _eb(env, "SOAP:Body/eb:Manifest/eb:Reference")
    href = ref.get("{http://www.w3.org/1999/xlink}href") or ""
    ref.set("{http://www.w3.org/1999/xlink}href", href.removeprefix("cid:") if strip else "cid:cid")


def geval(id_: str) -> Geval:
    return next(g for g in GEVALLEN if g.id == id_)


def _payload(verzoeknummer: str) -> list[MimeDeel]:
    from chain_tests.standards.stam import Verzoeknotificatie, notificatie_naar_xml

    inhoud = notificatie_naar_xml(Verzoeknotificatie(verzoeknummer=verzoeknummer, bevoegd_gezag_oin="0" * 20))
    return [MimeDeel(f"verzoeknotificatie-{verzoeknummer}@conformiteit", "application/xml", inhoud)]


@dataclass(frozen=True)
class _Ondertekening:
    """How a case signs: the keyring, whether the CPA asks it, and the case's deviation."""

    sleutels: Sleutelbos
    cpa: Overeenkomst
    soort: str = "cpa"
    na: Wijziging | None = None

    def onderteken(self, env: etree._Element, b: EbmsBericht) -> None:
        if not self.cpa.ondertekend or self.soort == "weg":
            return
        identiteit = self._ander(b.van_oin) if self.soort == "ander" else self.sleutels.nodig(b.van_oin)
        onderteken(env, b.payloads, identiteit, zwak=self.soort == "zwak", c14n=self.cpa.interop.c14n)
        if self.na is not None:
            self.na(env)

    def onderweg(self, b: EbmsBericht) -> list[MimeDeel]:
        """The payloads as they travel: one changed after signing (the case says so), encrypted on osb-rm-e."""
        payloads = b.payloads
        if self.soort == "bijlage" and payloads:
            eerste = payloads[0]
            payloads = [MimeDeel(eerste.content_id, eerste.content_type, eerste.inhoud + b" "), *payloads[1:]]
        if self.soort == "onversleuteld":
            return payloads
        return versleuteld_voor(self.cpa, b.naar_oin, payloads, self.sleutels)

    def _ander(self, van: str) -> Identiteit:
        for oin in (self.cpa.andere(van).oin, "zonder-oin"):
            gevonden = self.sleutels.identiteit(oin)
            if gevonden is not None:
                return gevonden
        return self.sleutels.nodig(self.cpa.andere(van).oin)


def _bytes(
    b: EbmsBericht, wijzig: Wijziging | None, zonder_soapaction: bool, ondertekening: _Ondertekening
) -> tuple[dict[str, str], bytes]:
    env = envelope(b)
    if wijzig is not None:
        wijzig(env)
    ondertekening.onderteken(env, b)
    headers, body = serialiseer_envelop(to_bytes(env), ondertekening.onderweg(b))
    if zonder_soapaction:
        headers = {k: v for k, v in headers.items() if k != "SOAPAction"}
    return headers, body


def _msh(cpa: Overeenkomst, van: str, actie: str, **velden: object) -> EbmsBericht:
    b = bericht(cpa, van, actie, [], service=MSH_SERVICE, ack_requested=False, duplicate_elimination=False, **velden)
    b.van_rol = b.naar_rol = None
    return b


def maak(
    g: Geval, cpa: Overeenkomst, van: str, actie: str, nu: datetime, sleutels: Sleutelbos | None = None
) -> Verzending:
    """The bytes of case ``g`` in agreement ``cpa``, sent by ``van`` with ``actie`` (the verzoeknotificatie), signed
    with ``van``'s key from ``sleutels`` where the CPA asks it (default: this process's keyring)."""
    nummer = "9" + uuid.uuid4().hex[:8]  # a verzoek no one submitted: the receiver cannot fetch it, nor need to
    goed = bericht(cpa, van, actie, _payload(nummer), timestamp=nu, time_to_live=nu + timedelta(hours=1))
    o = _Ondertekening(sleutels or sleutelbos(), cpa, g.handtekening, g.na_ondertekening)
    cpa_o = _Ondertekening(o.sleutels, cpa)
    if g.soort == "ping":
        ping = _msh(cpa, van, "Ping", timestamp=nu)
        return Verzending([_bytes(ping, None, False, o)], ping.message_id)
    if g.soort == "status":
        vraag = _msh(cpa, van, "StatusRequest", timestamp=nu, status_vraag=goed.message_id)
        verzonden = [_bytes(goed, None, False, cpa_o), _bytes(vraag, None, False, o)]
        return Verzending(verzonden, vraag.message_id, goed.message_id)
    if g.soort == "dubbel":
        een = _bytes(goed, None, False, o)
        return Verzending([een, een], goed.message_id, goed.message_id)
    if g.soort == "ack_signed":
        anders = _zet(AR, "signed", "false" if cpa.ondertekend else "true")
        return Verzending([_bytes(goed, anders, False, o)], goed.message_id)
    if g.soort == "xxe":
        headers, body = _bytes(goed, None, False, o)
        dtd = b'<!DOCTYPE SOAP:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        body = re.sub(rb"(<\?xml[^>]*\?>\s*)?(<SOAP:Envelope)", dtd + rb"\2", body, count=1)
        return Verzending([(headers, body.replace(b"</eb:Action>", b"&xxe;</eb:Action>", 1))], goed.message_id)
    return Verzending([_bytes(goed, g.wijzig, g.zonder_soapaction, o)], goed.message_id)
