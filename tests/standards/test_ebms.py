"""Reading ebMS messages as a receiver does (chain_tests.standards.ebms.ontleed): every header field comes
back as sent, and each way a message can break Digikoppeling is refused naming what is wrong."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards.ebms import (
    EbmsBericht,
    MimeDeel,
    acknowledgment,
    foutbericht,
    kopgegevens,
    ontleed,
    serialiseer,
)
from tests.bouwstenen import DRIMMELEN, DSO

BINAIR = bytes(range(256)) + b"\r\n\n\r--MIMEBoundary_nep\r\n\x00"  # line endings, NUL and a fake boundary


def gebruikersbericht(**kw: object) -> EbmsBericht:
    defaults: dict[str, object] = dict(
        van_oin=DSO,
        naar_oin=DRIMMELEN,
        cpa_id="cpa-dso-drimmelen",
        conversation_id="gesprek-1",
        service="urn:osb:services:dso:verzoeknotificatie:v1",
        action="Verzoeknotificatie",
        message_id="m1@dso",
        timestamp=datetime(2026, 12, 3, 9, 30, 0, 123456, tzinfo=UTC),
        ref_to_message_id="eerder@dso",
        payloads=[
            MimeDeel("notificatie@dso", "application/xml", b"<n/>"),
            MimeDeel("tekening@dso", "application/pdf", BINAIR),
        ],
    )
    return EbmsBericht(**(defaults | kw))  # type: ignore[arg-type]


def heen_en_terug(b: EbmsBericht) -> EbmsBericht:
    headers, body = serialiseer(b)
    return ontleed(headers["Content-Type"], body)


def test_a_user_message_comes_back_field_for_field_with_its_payloads_byte_exact() -> None:
    b = gebruikersbericht()
    assert heen_en_terug(b) == b


def test_a_user_message_without_ack_and_duplicate_elimination_comes_back_so() -> None:
    b = gebruikersbericht(ack_requested=False, duplicate_elimination=False, ref_to_message_id=None)
    assert heen_en_terug(b) == b


def test_signals_come_back_field_for_field() -> None:
    origineel = gebruikersbericht()
    ack = acknowledgment(origineel)
    fout = foutbericht(origineel, "SecurityFailure", "certificaat past niet", van=DRIMMELEN, naar=DSO)
    fout.duplicate_elimination = ack.duplicate_elimination = False  # signals never ask for it
    assert heen_en_terug(ack) == ack and heen_en_terug(ack).ack_voor == "m1@dso"
    assert heen_en_terug(fout) == fout


def test_an_oin_in_pretty_printed_xml_is_read_without_its_whitespace() -> None:
    headers, body = serialiseer(gebruikersbericht())
    body = body.replace(f">{DSO}<".encode(), f">\n    {DSO}\n  <".encode())
    assert ontleed(headers["Content-Type"], body).van_oin == DSO


def _kapot(oud: bytes, nieuw: bytes) -> OngeldigeInvoer:
    headers, body = serialiseer(gebruikersbericht())
    assert oud in body
    with pytest.raises(OngeldigeInvoer) as info:
        ontleed(headers["Content-Type"], body.replace(oud, nieuw, 1))
    return info.value


@pytest.mark.parametrize(
    ("oud", "nieuw", "melding"),
    [
        (
            b'eb:type="urn:osb:oin">' + DRIMMELEN.encode(),
            b">" + DRIMMELEN.encode(),
            "eb:To/eb:PartyId heeft type None, verwacht 'urn:osb:oin'",
        ),
        (
            b'eb:type="urn:osb:oin">' + DSO.encode(),
            b'eb:type="urn:osb:kvk">' + DSO.encode(),
            "eb:From/eb:PartyId heeft type 'urn:osb:kvk', verwacht 'urn:osb:oin'",
        ),
        (b"<eb:ConversationId>gesprek-1<", b"<eb:ConversationId> <", "eb:ConversationId ontbreekt of is leeg"),
        (b">urn:osb:services:dso:verzoeknotificatie:v1<", b"> <", "eb:Service ontbreekt of is leeg"),
        (b"<eb:Action>Verzoeknotificatie<", b"<eb:Action> <", "eb:Action ontbreekt of is leeg"),
        (b"<eb:MessageId>m1@dso<", b"<eb:MessageId> <", "eb:MessageData/eb:MessageId ontbreekt of is leeg"),
        (b"<eb:Action>Verzoeknotificatie<", b"<eb:Action>Verzoek\tnotificatie<", "eb:Action bevat witruimte"),
    ],
)
def test_a_header_field_that_breaks_digikoppeling_is_named(oud: bytes, nieuw: bytes, melding: str) -> None:
    fout = _kapot(oud, nieuw)
    assert (fout.code, str(fout).splitlines()[0]) == ("KT-EBMS", f"[KT-EBMS] ebMS-bericht geweigerd: {melding}")


def test_a_party_without_party_id_is_refused_by_the_xsd_with_its_line() -> None:
    fout = _kapot(b'<eb:PartyId eb:type="urn:osb:oin">' + DSO.encode() + b"</eb:PartyId>", b"")
    assert fout.code == "KT-EBMS-XSD" and "(regel 2)" in str(fout) and "PartyId" in str(fout)


def test_an_envelope_without_message_header_is_refused() -> None:
    headers, body = serialiseer(gebruikersbericht(payloads=[]))
    start, eind = body.index(b"<eb:MessageHeader"), body.index(b"</eb:MessageHeader>") + len(b"</eb:MessageHeader>")
    with pytest.raises(OngeldigeInvoer) as info:
        ontleed(headers["Content-Type"], body[:start] + body[eind:])
    assert str(info.value).startswith("[KT-EBMS] ebMS-bericht geweigerd: eb:MessageHeader ontbreekt")


@pytest.mark.parametrize(
    ("content_type", "melding"),
    [
        ("application/json", "Content-Type application/json is geen ebMS-bericht; verwacht text/xml (SOAP 1.1)"),
        ("", "Content-Type (geen) is geen ebMS-bericht"),
    ],
)
def test_a_body_that_is_no_ebms_message_is_refused_by_its_content_type(content_type: str, melding: str) -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        ontleed(content_type, b"{}")
    assert info.value.code == "KT-EBMS-CONTENT-TYPE" and melding in str(info.value)


def test_content_types_are_read_case_insensitively_with_parameters() -> None:
    headers, body = serialiseer(acknowledgment(gebruikersbericht()))
    assert ontleed("Text/XML ; charset=utf-8", body).is_ack
    headers, body = serialiseer(gebruikersbericht())
    assert ontleed(headers["Content-Type"].replace("multipart/related", "Multipart/Related"), body).payloads


def test_a_multipart_without_parts_is_refused() -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        ontleed('multipart/related; boundary="b"; start="<s>"', b"geen delen\r\n")
    assert str(info.value).startswith("[KT-EBMS] ebMS-bericht geweigerd: multipart/related zonder delen")


def test_a_start_parameter_naming_no_part_is_refused_naming_it() -> None:
    headers, body = serialiseer(gebruikersbericht())
    kapot = headers["Content-Type"].rsplit("start=", 1)[0] + 'start="<weg@dso>"'
    with pytest.raises(OngeldigeInvoer) as info:
        ontleed(kapot, body)
    assert str(info.value).startswith("[KT-EBMS] ebMS-bericht geweigerd: het SOAP-deel (start=weg@dso) ontbreekt")


def test_the_start_parameter_picks_the_soap_part_wherever_it_is() -> None:
    """RFC 2387: ``start`` names the root part; a sender may put the payloads first."""
    b = gebruikersbericht()
    headers, body = serialiseer(b)
    grens = headers["Content-Type"].split('boundary="', 1)[1].split('"', 1)[0].encode()
    delen = body.split(b"--" + grens + b"\r\n")[1:]
    delen[-1] = delen[-1].removesuffix(b"--" + grens + b"--\r\n")
    omgedraaid = b"".join(b"--" + grens + b"\r\n" + d for d in reversed(delen)) + b"--" + grens + b"--\r\n"
    assert ontleed(headers["Content-Type"], omgedraaid) == b


def test_the_trace_reads_message_id_reference_and_action_and_nothing_from_garbage() -> None:
    headers, body = serialiseer(gebruikersbericht())
    assert kopgegevens(headers["Content-Type"], body) == {
        "MessageId": "m1@dso",
        "RefToMessageId": "eerder@dso",
        "Action": "Verzoeknotificatie",
    }
    headers, body = serialiseer(gebruikersbericht(ref_to_message_id=None, payloads=[]))
    assert kopgegevens(headers["Content-Type"], body) == {"MessageId": "m1@dso", "Action": "Verzoeknotificatie"}
    assert kopgegevens("application/json", b"{}") == {}
    assert kopgegevens("text/xml", b"<niet-gesloten") == {}
    assert kopgegevens("text/xml", b"<SOAP:Envelope xmlns:SOAP='http://schemas.xmlsoap.org/soap/envelope/'/>") == {}


def test_malformed_xml_in_the_soap_part_is_refused_naming_the_soap_envelope() -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        ontleed("text/xml", b"<SOAP:Envelope")
    assert "SOAP-envelope" in str(info.value)


def test_a_part_without_content_id_cannot_be_referenced_from_the_manifest() -> None:
    """A MIME part without Content-ID has no cid: a manifest reference such as cid:None must not find it."""
    headers, body = serialiseer(gebruikersbericht(payloads=[MimeDeel("None", "application/xml", b"<n/>")]))
    zonder = body.replace(b"Content-ID: <None>\r\n", b"", 1)
    assert zonder != body
    with pytest.raises(OngeldigeInvoer) as info:
        ontleed(headers["Content-Type"], zonder)
    assert info.value.code == "KT-EBMS-MANIFEST" and "cid:None" in str(info.value)


def test_the_trace_reads_the_ids_from_the_soap_part_only_whatever_the_payload_weighs() -> None:
    """The ids come from the SOAP part in the first MiB: a 64 MiB payload is not parsed or copied for them (the
    stdlib email parser cost 9 to 13 times the body)."""
    import tracemalloc

    groot = MimeDeel("pakket@plan", "application/zip", b"\0" * (64 * 1024 * 1024))
    headers, body = serialiseer(gebruikersbericht(payloads=[groot]))
    tracemalloc.start()
    try:
        ids = kopgegevens(headers["Content-Type"], body)
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert ids["MessageId"] == "m1@dso" and piek < 8 * 1024 * 1024, piek
    verstopt = body.replace(
        b"\r\n\r\n<?xml", b"\r\n" + b"X-Opvulling: " + b"x" * (2 * 1024 * 1024) + b"\r\n\r\n<?xml", 1
    )
    assert kopgegevens(headers["Content-Type"], verstopt) == {}  # the SOAP part beyond the first MiB: not read
