"""What a Digikoppeling ebMS2 receiver checks of a message before it acknowledges it, against the CPA: the ebMS 2.0
error code and the ``eb:location`` of the element each refusal is about, as ebMS 2.0 §4.2.3 prescribes and as the
public ebms-core conformance suite expects them.

:func:`controleer` reads the message (MIME, SOAP, safely: no DTD or entities), checks what the CPA agrees
(CPAId, From and To PartyId and Role, Service and Action and who may send it, duplicate elimination, an
AckRequested of version 2.0 for the toPartyMSH with the agreed ``signed``, no SyncReply on an asynchronous
channel, no MessageOrder, a TimeToLive not passed, a known RefToMessageId, a Manifest of version 2.0 whose
references resolve to MIME parts), then the XSD, and returns the message or the one :class:`EbmsFout` to answer.
The MSH's own service (Ping, StatusRequest, signals) is checked for CPA and parties only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from lxml import etree

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards.cpa import SERVICE_TYPE, Overeenkomst
from chain_tests.standards.ebms import (
    EB,
    MSH_SERVICE,
    NEXT_MSH,
    OIN_TYPE,
    SOAP,
    TO_PARTY_MSH,
    XLINK,
    EbmsBericht,
    MimeDeel,
    bericht_uit,
    lees_envelop,
)
from chain_tests.standards.ondertekening import OndertekeningFout, verifieer
from chain_tests.standards.schemas import ebms_schema, validate
from chain_tests.standards.sleutels import Sleutelbos, sleutelbos
from chain_tests.standards.versleuteling import VersleutelingFout, ontsleutel

MH = "//Header/MessageHeader"
#: signals about a message of the receiver's own (checked against that message, not against the CPA)
SIGNALEN = ("Acknowledgment", "MessageError", "Pong", "StatusResponse")


@dataclass(frozen=True)
class EbmsFout:
    """A refusal: the ebMS 2.0 errorCode, the eb:location and a Dutch description."""

    code: str  # Inconsistent, ValueNotRecognized, NotSupported, MimeProblem, TimeToLiveExpired, SecurityFailure, …
    locatie: str | None
    tekst: str
    soap_fault: bool = False  # not an ebMS message at all: answered with a SOAP Fault (HTTP 500), as ebms-core does
    bericht: EbmsBericht | None = None  # what could be read of the refused message (its ids, for the ErrorList)


class _Fout(Exception):
    def __init__(self, fout: EbmsFout) -> None:
        self.fout = fout


def _weiger(code: str, locatie: str | None, tekst: str) -> _Fout:
    return _Fout(EbmsFout(code, locatie, tekst))


def _eb(el: etree._Element, pad: str) -> etree._Element | None:
    return el.find(pad, {"eb": EB, "SOAP": SOAP})


def _a(el: etree._Element, naam: str, ns: str = EB) -> str | None:
    return el.get(f"{{{ns}}}{naam}")


def _tekst(el: etree._Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def controleer(
    content_type: str,
    body: bytes,
    soap_action: str | None,
    eigen_oin: str,
    cpas: Mapping[str, Overeenkomst] | None,
    nu: datetime,
    eigen_bericht: Callable[[str], bool] = lambda _: False,
    afzender: str | None = None,
    sleutels: Sleutelbos | None = None,
) -> EbmsBericht | EbmsFout:
    """The message, or the refusal to answer. ``eigen_bericht(id)``: whether a RefToMessageId is one of ours;
    ``afzender``: the OIN of the client certificate (None: not known here), which must be the From PartyId;
    ``cpas`` None: no CPA checks at all (a careless receiver, for the self-tests), only SOAPAction and the XSD;
    ``sleutels``: the CA trusted for signatures where the CPA names no certificate (default: this process's)."""
    if (soap_action or "").strip().strip('"') != "ebXML":
        tekst = f'SOAPAction {soap_action!r}: een ebMS-bericht heeft SOAPAction "ebXML".'
        return EbmsFout("Inconsistent", None, tekst, soap_fault=True)
    env: etree._Element | None = None
    try:
        env, delen = lees_envelop(content_type, body)
        if cpas is not None:
            cpa = _controleer(env, delen, eigen_oin, cpas, nu, eigen_bericht, afzender)
            if cpa is not None and cpa.versleuteld:
                delen = _ontsleuteld(env, delen, cpa, sleutels or sleutelbos(), eigen_oin)
            if cpa is not None and cpa.ondertekend:
                _handtekening(env, delen, cpa, sleutels or sleutelbos())
        fouten = validate(ebms_schema(), env)
        if fouten:
            raise _weiger(
                "Inconsistent", None, f"voldoet niet aan de ebMS 2.0-XSD (regel {fouten[0].regel}): {fouten[0].tekst}"
            )
        return bericht_uit(env, delen)
    except _Fout as exc:
        return replace(exc.fout, bericht=_kop(env)) if env is not None else exc.fout
    except OngeldigeInvoer as exc:
        code = "MimeProblem" if exc.code in ("KT-EBMS-CONTENT-TYPE", "KT-EBMS-MANIFEST") else "Inconsistent"
        return EbmsFout(code, None, str(exc), soap_fault=exc.code.startswith("KT-XML"))


def _controleer(
    env: etree._Element,
    delen: dict[str, MimeDeel],
    eigen_oin: str,
    cpas: Mapping[str, Overeenkomst],
    nu: datetime,
    eigen_bericht: Callable[[str], bool],
    afzender: str | None,
) -> Overeenkomst | None:
    """The CPA the message falls under (None: a signal about our own message under no CPA of ours)."""
    mh = _eb(env, "SOAP:Header/eb:MessageHeader")
    if mh is None:
        raise _weiger("Inconsistent", "//Header/MessageHeader", "eb:MessageHeader ontbreekt.")
    van = _tekst(_eb(mh, "eb:From/eb:PartyId"))
    if afzender is not None and van != afzender:
        tekst = (
            f"From/PartyId {van} komt niet overeen met het OIN {afzender} in het clientcertificaat; het bericht is "
            "geweigerd."
        )
        raise _Fout(EbmsFout("SecurityFailure", f"{MH}/From/PartyId", tekst))
    if _a(mh, "version") != "2.0":
        raise _weiger(
            "Inconsistent", f"{MH}/@version", f"eb:MessageHeader version {_a(mh, 'version')!r}; verwacht 2.0."
        )
    if _tekst(_eb(mh, "eb:Service")) == MSH_SERVICE and _tekst(_eb(mh, "eb:Action")) in SIGNALEN:
        # a signal about one of our own messages: held to that message by the one it is about; signed on a
        # signed channel (an ErrorList is not: a refusal changes nothing but the sender's log)
        signaal_cpa = cpas.get(_tekst(_eb(mh, "eb:CPAId")))
        return signaal_cpa if _tekst(_eb(mh, "eb:Action")) != "MessageError" else None
    cpa_id = _tekst(_eb(mh, "eb:CPAId"))
    cpa = cpas.get(cpa_id)
    if cpa is None:
        raise _weiger("ValueNotRecognized", f"{MH}/CPAId", f"CPAId {cpa_id!r} is geen overeenkomst van dit systeem.")
    _partij(mh, "From", cpa, lambda oin: oin != eigen_oin, "SecurityFailure" if afzender else "Inconsistent")
    _partij(mh, "To", cpa, lambda oin: oin == eigen_oin)
    service = _eb(mh, "eb:Service")
    if _tekst(service) == MSH_SERVICE:
        return cpa  # the MSH's own service and signals: parties and CPA only
    _rollen(mh, cpa, van)
    _dienst(mh, service, cpa, van)
    _berichtgegevens(mh, nu, eigen_bericht)
    _betrouwbaarheid(env, mh, cpa)
    _manifest(env, delen)
    return cpa


def _ontsleuteld(
    env: etree._Element, delen: dict[str, MimeDeel], cpa: Overeenkomst, sleutels: Sleutelbos, eigen_oin: str
) -> dict[str, MimeDeel]:
    """The payloads decrypted with this party's key (osb-rm-e); a plain or undecryptable one is a SecurityFailure."""
    try:
        identiteit = sleutels.nodig(eigen_oin)
        return {cid: ontsleutel(d, identiteit, cpa.interop) for cid, d in delen.items()}
    except VersleutelingFout as exc:
        raise _weiger("SecurityFailure", "//Body/Manifest", f"Versleuteling geweigerd: {exc}.") from None


def _handtekening(env: etree._Element, delen: dict[str, MimeDeel], cpa: Overeenkomst, sleutels: Sleutelbos) -> None:
    van = _tekst(_eb(env, "SOAP:Header/eb:MessageHeader/eb:From/eb:PartyId"))
    partij = cpa.partij(van)
    try:
        verifieer(env, delen, van, sleutels, partij.certificaat if partij else None, cpa.interop.c14n)
    except OndertekeningFout as exc:
        raise _weiger("SecurityFailure", "//Header/Signature", f"Handtekening geweigerd: {exc}.") from None


def _kop(env: etree._Element) -> EbmsBericht | None:
    """The ids of a refused message, as far as they can be read (for the RefToMessageId of the ErrorList)."""
    mh = _eb(env, "SOAP:Header/eb:MessageHeader")
    if mh is None:
        return None
    return EbmsBericht(
        van_oin=_tekst(_eb(mh, "eb:From/eb:PartyId"))[:20],
        naar_oin=_tekst(_eb(mh, "eb:To/eb:PartyId"))[:20],
        cpa_id=_tekst(_eb(mh, "eb:CPAId"))[:200] or "onbekend",
        conversation_id=_tekst(_eb(mh, "eb:ConversationId"))[:200] or "onbekend",
        service=_tekst(_eb(mh, "eb:Service"))[:200],
        action=_tekst(_eb(mh, "eb:Action"))[:200],
        message_id=_tekst(_eb(mh, "eb:MessageData/eb:MessageId"))[:200] or "onbekend",
    )


def _partij(
    mh: etree._Element, kant: str, cpa: Overeenkomst, past: Callable[[str], bool], code: str = "Inconsistent"
) -> str:
    """The OIN on this side; a sender with a certificate that is no party of the CPA is a SecurityFailure."""
    pid = _eb(mh, f"eb:{kant}/eb:PartyId")
    oin, soort = _tekst(pid), _a(pid, "type") if pid is not None else None
    locatie = f"{MH}/{kant}/PartyId"
    if pid is None:
        raise _weiger("Inconsistent", locatie, f"eb:{kant}/eb:PartyId ontbreekt.")
    if soort != OIN_TYPE or cpa.partij(oin) is None or not past(oin):
        tekst = f"eb:{kant}/eb:PartyId {oin!r} (type {soort!r}) is geen partij van CPA {cpa.cpa_id} aan deze kant."
        raise _weiger(code if soort == OIN_TYPE and len(oin) == 20 else "Inconsistent", locatie, tekst)
    return oin


def _rollen(mh: etree._Element, cpa: Overeenkomst, van: str) -> None:
    for kant, oin in (("From", van), ("To", cpa.andere(van).oin)):
        rol = _eb(mh, f"eb:{kant}/eb:Role")
        verwacht = cpa.partij(oin).rol  # type: ignore[union-attr]  # checked by _partij
        if rol is None:
            raise _weiger(
                "Inconsistent", f"{MH}/{kant}/Role", f"eb:{kant}/eb:Role ontbreekt; de CPA noemt {verwacht!r}."
            )
        if _tekst(rol) != verwacht:
            tekst = f"eb:{kant}/eb:Role {_tekst(rol)!r} heeft in CPA {cpa.cpa_id} geen actie; verwacht {verwacht!r}."
            raise _weiger("ValueNotRecognized", f"{MH}/Action", tekst)


def _dienst(mh: etree._Element, service: etree._Element | None, cpa: Overeenkomst, van: str) -> None:
    naam, soort, actie = (
        _tekst(service),
        _a(service, "type") if service is not None else None,
        _tekst(_eb(mh, "eb:Action")),
    )
    if naam != cpa.service or soort != SERVICE_TYPE:
        tekst = (
            f"Service {naam!r} (type {soort!r}) staat niet in CPA {cpa.cpa_id} "
            f"(wel {cpa.service!r}, type {SERVICE_TYPE!r})."
        )
        raise _weiger("ValueNotRecognized", f"{MH}/Action", tekst)
    bekend = cpa.actie(actie)
    if bekend is None or bekend.verzender != van:
        acties = ", ".join(a.naam for a in cpa.acties if a.verzender == van) or "geen"
        raise _weiger(
            "ValueNotRecognized", f"{MH}/Action", f"Action {actie!r} mag deze afzender niet sturen (wel: {acties})."
        )


def _berichtgegevens(mh: etree._Element, nu: datetime, eigen_bericht: Callable[[str], bool]) -> None:
    ref = _tekst(_eb(mh, "eb:MessageData/eb:RefToMessageId"))
    if ref and not eigen_bericht(ref):
        tekst = f"RefToMessageId {ref!r} is geen bericht van dit systeem."
        raise _weiger("ValueNotRecognized", f"{MH}/MessageData/RefToMessageId", tekst)
    ttl = _tekst(_eb(mh, "eb:MessageData/eb:TimeToLive"))
    try:
        verlopen = bool(ttl) and datetime.fromisoformat(ttl) < nu
    except ValueError:
        raise _weiger(
            "Inconsistent", f"{MH}/MessageData/TimeToLive", f"TimeToLive {ttl[:40]!r} is geen tijdstip."
        ) from None
    if verlopen:
        raise _weiger("TimeToLiveExpired", f"{MH}/MessageData/TimeToLive", f"TimeToLive {ttl} is verstreken.")


def _betrouwbaarheid(env: etree._Element, mh: etree._Element, cpa: Overeenkomst) -> None:
    if cpa.duplicate_elimination and _eb(mh, "eb:DuplicateElimination") is None:
        tekst = "eb:DuplicateElimination ontbreekt; de CPA vraagt duplicateElimination=always."
        raise _weiger("Inconsistent", f"{MH}/DuplicateElimination", tekst)
    kop = _eb(env, "SOAP:Header")
    assert kop is not None  # the MessageHeader is in it
    ack = _eb(kop, "eb:AckRequested")
    if ack is None and cpa.ack_requested:
        raise _weiger(
            "Inconsistent", "//Header/AckRequested", "eb:AckRequested ontbreekt; de CPA vraagt ackRequested=always."
        )
    if ack is not None:
        _ack_gevraagd(ack, cpa)
    if _eb(kop, "eb:SyncReply") is not None:
        tekst = "eb:SyncReply, maar de CPA is asynchroon (syncReplyMode=none): antwoorden gaan als eigen bericht."
        raise _weiger("Inconsistent", "//Header/SyncReply", tekst)
    if _eb(kop, "eb:MessageOrder") is not None:
        raise _weiger(
            "NotSupported", "//Header/MessageOrder", "eb:MessageOrder wordt niet ondersteund (Digikoppeling)."
        )


def _ack_gevraagd(ack: etree._Element, cpa: Overeenkomst) -> None:
    plaats = "//Header/AckRequested"
    if _a(ack, "version") != "2.0":
        raise _weiger(
            "Inconsistent", f"{plaats}/@version", f"AckRequested version {_a(ack, 'version')!r}; verwacht 2.0."
        )
    actor = _a(ack, "actor", SOAP)
    if actor == NEXT_MSH:
        raise _weiger("NotSupported", f"{plaats}/@actor", "AckRequested voor de nextMSH wordt niet ondersteund.")
    if actor != TO_PARTY_MSH:
        raise _weiger("Inconsistent", f"{plaats}/@actor", f"AckRequested actor {actor!r}; verwacht {TO_PARTY_MSH}.")
    verwacht = "true" if cpa.ondertekend else "false"
    if (_a(ack, "signed") or "false") != verwacht:
        tekst = f"AckRequested signed={_a(ack, 'signed')!r}; de CPA ({cpa.profiel}) vraagt signed={verwacht}."
        raise _weiger("Inconsistent", f"{plaats}/@signed", tekst)


def _manifest(env: etree._Element, delen: dict[str, MimeDeel]) -> None:
    manifest = _eb(env, "SOAP:Body/eb:Manifest")
    if manifest is None:
        return
    if _a(manifest, "version") != "2.0":
        raise _weiger(
            "Inconsistent",
            "//Body/Manifest/@version",
            f"eb:Manifest version {_a(manifest, 'version')!r}; verwacht 2.0.",
        )
    for ref in manifest.iterfind(f"{{{EB}}}Reference"):
        href = ref.get(f"{{{XLINK}}}href") or ""
        if not href.startswith("cid:"):
            locatie = f"//Body/Manifest/Reference[@href='{href}']"
            raise _weiger("MimeProblem", locatie, f"Manifestverwijzing {href!r} is geen cid:-verwijzing.")
        if href[4:] not in delen:
            raise _weiger("MimeProblem", href, f"Manifestverwijzing {href!r}: dat MIME-deel ontbreekt.")
