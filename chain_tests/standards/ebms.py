"""ebMS 2.0 messages as Digikoppeling uses them (signing per the CPA is in :mod:`.ondertekening`).

A message carries the roles of the CPA (``eb:From/eb:Role``, ``eb:To/eb:Role``) for a business service, and may
carry a ``TimeToLive``. Signals: Acknowledgment, ErrorList (each error with the ``eb:location`` of the element it
is about), and the MSH's own service: Ping/Pong and StatusRequest/StatusResponse.

A user message is SOAP 1.1 with attachments: MIME ``multipart/related`` whose first part is the SOAP
envelope (``eb:MessageHeader``, ``eb:AckRequested``, ``eb:Manifest`` with ``cid:`` references) and
whose further parts are the payloads. Signal messages (``eb:Acknowledgment``, ``eb:ErrorList``) are a
bare SOAP envelope. Every envelope is validated against the SOAP 1.1 + ebMS 2.0 header XSDs, plus the
Digikoppeling rules the XSD cannot express (OIN party ids, no whitespace in Action, resolvable cids).
MIME is read with the standard library's ``email`` parser (byte-exact) and framed by hand when written (the
stdlib generator rewrites line endings inside binary parts).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from lxml import etree

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards.schemas import ebms_schema, validate
from chain_tests.standards.xml import parse_xml, to_bytes

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
EB = "http://www.oasis-open.org/committees/ebxml-msg/schema/msg-header-2_0.xsd"
XLINK = "http://www.w3.org/1999/xlink"
OIN_TYPE = "urn:osb:oin"
SERVICE_TYPE = "urn:osb:services"
MSH_SERVICE = "urn:oasis:names:tc:ebxml-msg:service"
TO_PARTY_MSH = "urn:oasis:names:tc:ebxml-msg:actor:toPartyMSH"
NEXT_MSH = "urn:oasis:names:tc:ebxml-msg:actor:nextMSH"
ERRORS_CONTEXT = "urn:oasis:names:tc:ebxml-msg:service:errors"
SOAP_ACTION = '"ebXML"'
_NSMAP = {"SOAP": SOAP, "eb": EB, "xlink": XLINK}


@dataclass
class MimeDeel:
    content_id: str
    content_type: str
    inhoud: bytes


@dataclass
class EbmsBericht:
    """One ebMS message: header fields, signal kind, and payloads by Content-ID."""

    van_oin: str
    naar_oin: str
    cpa_id: str
    conversation_id: str
    service: str
    action: str
    message_id: str = field(default_factory=lambda: f"{uuid.uuid4()}@ketentest")
    timestamp: datetime = field(default_factory=lambda: datetime.now(UTC))
    ref_to_message_id: str | None = None
    ack_requested: bool = True
    duplicate_elimination: bool = True
    payloads: list[MimeDeel] = field(default_factory=list)
    ack_voor: str | None = None  # set on an Acknowledgment signal
    fouten: list[tuple[str, str]] = field(default_factory=list)  # (errorCode, description) of an ErrorList
    fout_locatie: str | None = None  # eb:location of the (first) error
    van_rol: str | None = None  # eb:From/eb:Role (the CPA's role of the sender)
    naar_rol: str | None = None
    time_to_live: datetime | None = None
    status_vraag: str | None = None  # StatusRequest: the MessageId asked about
    status_antwoord: tuple[str, str] | None = None  # StatusResponse: (messageStatus, RefToMessageId)
    ack_ondertekend: bool = False  # AckRequested signed="true": the Acknowledgment must be signed (osb-rm-s/-e)
    envelop: etree._Element | None = field(default=None, repr=False, compare=False)  # as received

    @property
    def is_ack(self) -> bool:
        return self.ack_voor is not None


def _eb(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    # attributeFormDefault="qualified": every attribute of the eb: schema is in the eb: namespace.
    el = etree.SubElement(parent, f"{{{EB}}}{tag}", {f"{{{EB}}}{k}": v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _header(b: EbmsBericht, header: etree._Element) -> None:
    mh = _eb(header, "MessageHeader", version="2.0")
    mh.set(f"{{{SOAP}}}mustUnderstand", "1")
    for tag, oin, rol in (("From", b.van_oin, b.van_rol), ("To", b.naar_oin, b.naar_rol)):
        kant = _eb(mh, tag)
        _eb(kant, "PartyId", oin, type=OIN_TYPE)
        if rol:
            _eb(kant, "Role", rol)
    _eb(mh, "CPAId", b.cpa_id)
    _eb(mh, "ConversationId", b.conversation_id)
    _eb(mh, "Service", b.service, **({} if b.service == MSH_SERVICE else {"type": SERVICE_TYPE}))
    _eb(mh, "Action", b.action)
    md = _eb(mh, "MessageData")
    _eb(md, "MessageId", b.message_id)
    _eb(md, "Timestamp", b.timestamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    if b.ref_to_message_id:
        _eb(md, "RefToMessageId", b.ref_to_message_id)
    if b.time_to_live is not None:
        _eb(md, "TimeToLive", b.time_to_live.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    if b.duplicate_elimination and not b.is_ack and not b.fouten:
        _eb(mh, "DuplicateElimination")


def _signals(b: EbmsBericht, header: etree._Element) -> None:
    if b.ack_requested and not b.is_ack and not b.fouten:
        ack = _eb(header, "AckRequested", version="2.0", signed="true" if b.ack_ondertekend else "false")
        ack.set(f"{{{SOAP}}}mustUnderstand", "1")
        ack.set(f"{{{SOAP}}}actor", TO_PARTY_MSH)
    if b.is_ack:
        ack = _eb(header, "Acknowledgment", version="2.0")
        ack.set(f"{{{SOAP}}}mustUnderstand", "1")
        ack.set(f"{{{SOAP}}}actor", TO_PARTY_MSH)
        _eb(ack, "Timestamp", b.timestamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
        _eb(ack, "RefToMessageId", b.ack_voor or "")
    if b.fouten:
        el = _eb(header, "ErrorList", version="2.0", highestSeverity="Error")
        el.set(f"{{{SOAP}}}mustUnderstand", "1")
        for i, (code, description) in enumerate(b.fouten):
            plaats = {"location": b.fout_locatie} if b.fout_locatie and i == 0 else {}
            err = _eb(el, "Error", errorCode=code, severity="Error", codeContext=ERRORS_CONTEXT, **plaats)
            desc = _eb(err, "Description", description)
            desc.set("{http://www.w3.org/XML/1998/namespace}lang", "nl")


def envelope(b: EbmsBericht) -> etree._Element:
    env = etree.Element(f"{{{SOAP}}}Envelope", nsmap=_NSMAP)
    header = etree.SubElement(env, f"{{{SOAP}}}Header")
    _header(b, header)
    _signals(b, header)
    body = etree.SubElement(env, f"{{{SOAP}}}Body")
    if b.status_vraag is not None:
        _eb(_eb(body, "StatusRequest", version="2.0"), "RefToMessageId", b.status_vraag)
    if b.status_antwoord is not None:
        sr = _eb(body, "StatusResponse", version="2.0", messageStatus=b.status_antwoord[0])
        _eb(sr, "RefToMessageId", b.status_antwoord[1])
    if b.payloads:
        manifest = _eb(body, "Manifest", version="2.0")
        for p in b.payloads:
            ref = _eb(manifest, "Reference")
            ref.set(f"{{{XLINK}}}href", f"cid:{p.content_id}")
            ref.set(f"{{{XLINK}}}type", "simple")
    return env


def serialiseer(b: EbmsBericht, mime_id: str | None = None) -> tuple[dict[str, str], bytes]:
    """Return (HTTP headers, body). User messages are multipart/related; signals plain text/xml. ``mime_id`` fixes
    the MIME boundary and the SOAP part's Content-ID (the published examples); by default both are random."""
    return serialiseer_envelop(to_bytes(envelope(b)), b.payloads, mime_id)


def serialiseer_envelop(
    env_bytes: bytes, payloads: list[MimeDeel], mime_id: str | None = None
) -> tuple[dict[str, str], bytes]:
    """(HTTP headers, body) of a SOAP envelope as bytes and its payloads (the conformance cases send envelopes
    that are wrong on purpose)."""
    if not payloads:
        return {"Content-Type": "text/xml; charset=UTF-8", "SOAPAction": SOAP_ACTION}, env_bytes
    mime_id = mime_id or uuid.uuid4().hex
    start = f"soap-{mime_id}@ketentest"
    boundary = f"MIMEBoundary_{mime_id}"
    parts = [_part(start, 'text/xml; charset="UTF-8"', env_bytes)]
    parts += [_part(p.content_id, p.content_type, p.inhoud) for p in payloads]
    body = (
        b"".join(b"--" + boundary.encode() + b"\r\n" + part + b"\r\n" for part in parts)
        + f"--{boundary}--\r\n".encode()
    )
    content_type = f'multipart/related; type="text/xml"; boundary="{boundary}"; start="<{start}>"'
    return {"Content-Type": content_type, "SOAPAction": SOAP_ACTION}, body


def _part(content_id: str, content_type: str, inhoud: bytes) -> bytes:
    # Framed by hand on purpose: the stdlib email generator rewrites line endings inside binary
    # parts (\n → \r\n), which corrupts payloads. Parsing uses the stdlib parser, which is byte-exact.
    headers = f"Content-Type: {content_type}\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <{content_id}>\r\n\r\n"
    return headers.encode() + inhoud


def _fout(tekst: str, code: str = "KT-EBMS") -> OngeldigeInvoer:
    return OngeldigeInvoer(f"ebMS-bericht geweigerd: {tekst}", code=code)


def _split_mime(content_type: str, body: bytes) -> tuple[bytes, dict[str, MimeDeel]]:
    soort = content_type.split(";", 1)[0].strip().lower()
    if soort == "text/xml":  # SOAP 1.1 without attachments
        return body, {}
    if soort != "multipart/related":
        raise _fout(
            f"Content-Type {soort or '(geen)'} is geen ebMS-bericht; verwacht text/xml (SOAP 1.1) of "
            "multipart/related (met bijlagen).",
            "KT-EBMS-CONTENT-TYPE",
        )
    msg = BytesParser(policy=policy.HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    parts = list(msg.iter_parts()) if isinstance(msg, EmailMessage) else []
    if not parts:
        raise _fout("multipart/related zonder delen")
    start = msg.get_param("start") or ""
    start_id = str(start).strip("<>") if start else None
    soap, bijlagen = None, {}
    for part in parts:
        cid = str(part.get("Content-ID", "")).strip().strip("<>")
        data = part.get_payload(decode=True)
        inhoud = data if isinstance(data, bytes) else b""
        if soap is None and (start_id is None or cid == start_id):
            soap = inhoud
        else:
            bijlagen[cid] = MimeDeel(cid, part.get_content_type(), inhoud)
    if soap is None:
        raise _fout(f"het SOAP-deel (start={start_id}) ontbreekt")
    return soap, bijlagen


def _tekst(mh: etree._Element, path: str) -> str:
    el = mh.find(path, {"eb": EB})
    return (el.text or "").strip() if el is not None else ""


def _party(mh: etree._Element, kant: str) -> str:
    pid = mh.find(f"eb:{kant}/eb:PartyId", {"eb": EB})
    if pid is None:
        raise _fout(f"eb:{kant}/eb:PartyId ontbreekt")
    if pid.get(f"{{{EB}}}type") != OIN_TYPE:
        raise _fout(f"eb:{kant}/eb:PartyId heeft type {pid.get(f'{{{EB}}}type')!r}, verwacht {OIN_TYPE!r}")
    oin = (pid.text or "").strip()
    if len(oin) != 20 or not oin.isdigit():
        raise _fout(f"eb:{kant}/eb:PartyId {oin!r} is geen OIN van 20 cijfers")
    return oin


def _check_header(mh: etree._Element) -> None:
    for path in ("eb:CPAId", "eb:ConversationId", "eb:Service", "eb:Action", "eb:MessageData/eb:MessageId"):
        if not _tekst(mh, path):
            raise _fout(f"{path} ontbreekt of is leeg")
    if any(c.isspace() for c in _tekst(mh, "eb:Action")):
        raise _fout("eb:Action bevat witruimte")


def _manifest(env: etree._Element, bijlagen: dict[str, MimeDeel]) -> list[MimeDeel]:
    payloads = []
    for ref in env.iterfind(f"{{{SOAP}}}Body/{{{EB}}}Manifest/{{{EB}}}Reference"):
        href = ref.get(f"{{{XLINK}}}href") or ""
        if not href.startswith("cid:"):
            raise _fout(f"manifestverwijzing {href!r} is geen cid:-verwijzing", "KT-EBMS-MANIFEST")
        if href[4:] not in bijlagen:
            raise _fout(f"manifestverwijzing {href!r} verwijst naar een ontbrekend MIME-deel", "KT-EBMS-MANIFEST")
        payloads.append(bijlagen[href[4:]])
    return payloads


def lees_envelop(content_type: str, body: bytes) -> tuple[etree._Element, dict[str, MimeDeel]]:
    """The SOAP envelope (parsed safely: no DTD, no entities) and the MIME parts by Content-ID; not yet checked."""
    soap, bijlagen = _split_mime(content_type, body)
    return parse_xml(soap, bron="SOAP-envelope"), bijlagen


def ontleed(content_type: str, body: bytes) -> EbmsBericht:
    """Parse and validate an ebMS message as received over HTTP; refusals raise OngeldigeInvoer."""
    env, bijlagen = lees_envelop(content_type, body)
    fouten = validate(ebms_schema(), env)
    if fouten:
        raise _fout(
            f"envelope voldoet niet aan SOAP 1.1/ebMS 2.0 XSD (regel {fouten[0].regel}): {fouten[0].tekst}",
            "KT-EBMS-XSD",
        )
    return bericht_uit(env, bijlagen)


def _rol(mh: etree._Element, kant: str) -> str | None:
    return _tekst(mh, f"eb:{kant}/eb:Role") or None


def _tijd(tekst: str) -> datetime | None:
    try:
        return datetime.fromisoformat(tekst) if tekst else None  # "Z" is read since 3.11
    except ValueError:
        raise _fout(f"tijdstip {tekst[:40]!r} is geen xsd:dateTime") from None


def bericht_uit(env: etree._Element, bijlagen: dict[str, MimeDeel]) -> EbmsBericht:
    """The message of a schema-valid envelope (the Digikoppeling rules the XSD cannot express are checked)."""
    mh = env.find(f"{{{SOAP}}}Header/{{{EB}}}MessageHeader")
    if mh is None:
        raise _fout("eb:MessageHeader ontbreekt")
    _check_header(mh)
    header = env.find(f"{{{SOAP}}}Header")
    ack = header.find(f"{{{EB}}}Acknowledgment") if header is not None else None
    errs = header.findall(f"{{{EB}}}ErrorList/{{{EB}}}Error") if header is not None else []
    sr = env.find(f"{{{SOAP}}}Body/{{{EB}}}StatusResponse")
    ack_gevraagd = header.find(f"{{{EB}}}AckRequested") if header is not None else None
    return EbmsBericht(
        van_oin=_party(mh, "From"),
        naar_oin=_party(mh, "To"),
        cpa_id=_tekst(mh, "eb:CPAId"),
        conversation_id=_tekst(mh, "eb:ConversationId"),
        service=_tekst(mh, "eb:Service"),
        action=_tekst(mh, "eb:Action"),
        message_id=_tekst(mh, "eb:MessageData/eb:MessageId"),
        timestamp=_tijd(_tekst(mh, "eb:MessageData/eb:Timestamp")) or datetime.now(UTC),
        ref_to_message_id=_tekst(mh, "eb:MessageData/eb:RefToMessageId") or None,
        ack_requested=ack_gevraagd is not None,
        ack_ondertekend=ack_gevraagd is not None and ack_gevraagd.get(f"{{{EB}}}signed") == "true",
        duplicate_elimination=mh.find(f"{{{EB}}}DuplicateElimination") is not None,
        payloads=_manifest(env, bijlagen),
        ack_voor=_tekst(ack, "eb:RefToMessageId") if ack is not None else None,
        fouten=[(e.get(f"{{{EB}}}errorCode") or "", _tekst(e, "eb:Description")) for e in errs],
        fout_locatie=errs[0].get(f"{{{EB}}}location") if errs else None,
        van_rol=_rol(mh, "From"),
        naar_rol=_rol(mh, "To"),
        time_to_live=_tijd(_tekst(mh, "eb:MessageData/eb:TimeToLive")),
        status_vraag=_tekst(env, f"{{{SOAP}}}Body/eb:StatusRequest/eb:RefToMessageId") or None,
        status_antwoord=(sr.get(f"{{{EB}}}messageStatus") or "", _tekst(sr, "eb:RefToMessageId"))
        if sr is not None
        else None,
        envelop=env,
    )


def kopgegevens(content_type: str, body: bytes) -> dict[str, str]:
    """MessageId, RefToMessageId and Action of a message, for the trace; empty when it is not readable
    ebMS (the receiver refuses such a message itself; the trace only records what crossed the wire)."""
    try:
        soap = _soap_deel(content_type, body)
        mh = parse_xml(soap, bron="SOAP-envelope").find(f"{{{SOAP}}}Header/{{{EB}}}MessageHeader") if soap else None
    except OngeldigeInvoer:
        return {}
    if mh is None:
        return {}
    velden = {
        "MessageId": _tekst(mh, "eb:MessageData/eb:MessageId"),
        "RefToMessageId": _tekst(mh, "eb:MessageData/eb:RefToMessageId"),
        "Action": _tekst(mh, "eb:Action"),
    }
    return {k: v for k, v in velden.items() if v}


_KOP_GRENS = 1024 * 1024  # the SOAP part of a message is found in its first MiB, or not read at all


def _soap_deel(content_type: str, body: bytes) -> bytes | None:
    """The SOAP envelope of a message, from its first MiB only: the payloads are never parsed (a 90 MiB package
    costs no copy for the trace). None when it is not there."""
    soort = content_type.split(";", 1)[0].strip().lower()
    if soort == "text/xml":
        return body if len(body) <= _KOP_GRENS else None
    m = re.search(r'boundary="?([^";]+)"?', content_type)
    if soort != "multipart/related" or m is None:
        return None
    grens = b"--" + m.group(1).encode()
    kop = memoryview(body)[:_KOP_GRENS].tobytes()
    begin = kop.find(grens)
    eind = kop.find(b"\r\n" + grens, begin + len(grens)) if begin >= 0 else -1
    if eind < 0:
        return None
    _, _, inhoud = kop[begin + len(grens) : eind].partition(b"\r\n\r\n")
    return inhoud


def acknowledgment(ontvangen: EbmsBericht) -> EbmsBericht:
    """The Acknowledgment signal for a received user message (From/To swapped, same conversation)."""
    return EbmsBericht(
        van_oin=ontvangen.naar_oin,
        naar_oin=ontvangen.van_oin,
        cpa_id=ontvangen.cpa_id,
        conversation_id=ontvangen.conversation_id,
        service=MSH_SERVICE,
        action="Acknowledgment",
        ref_to_message_id=ontvangen.message_id,
        ack_requested=False,
        ack_voor=ontvangen.message_id,
    )


def foutbericht(
    ontvangen: EbmsBericht | None, code: str, tekst: str, *, van: str, naar: str, locatie: str | None = None
) -> EbmsBericht:
    """An ErrorList signal message (ebMS 2.0 errorCode, e.g. 'Inconsistent', 'ValueNotRecognized', 'SecurityFailure',
    with the eb:location of the element it is about)."""
    return EbmsBericht(
        van_oin=van,
        naar_oin=naar,
        cpa_id=ontvangen.cpa_id if ontvangen else "onbekend",
        conversation_id=ontvangen.conversation_id if ontvangen else "onbekend",
        service=MSH_SERVICE,
        action="MessageError",
        ref_to_message_id=ontvangen.message_id if ontvangen else None,
        ack_requested=False,
        fouten=[(code, tekst)],
        fout_locatie=locatie,
    )


def msh_antwoord(vraag: EbmsBericht, action: str, status: tuple[str, str] | None = None) -> EbmsBericht:
    """The MSH's answer to its own service: Pong to a Ping, a StatusResponse to a StatusRequest."""
    return EbmsBericht(
        van_oin=vraag.naar_oin,
        naar_oin=vraag.van_oin,
        cpa_id=vraag.cpa_id,
        conversation_id=vraag.conversation_id,
        service=MSH_SERVICE,
        action=action,
        ref_to_message_id=vraag.message_id,
        ack_requested=False,
        duplicate_elimination=False,
        status_antwoord=status,
    )
