"""ebMS2 envelopes and the reference VTH's Digikoppeling behaviour."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from syrupy.assertion import SnapshotAssertion

from chain_tests.errors import OngeldigeInvoer
from chain_tests.offline import OfflineKeten
from chain_tests.standards import api
from chain_tests.standards.ebms import EbmsBericht, envelope, ontleed, serialiseer
from chain_tests.standards.schemas import ebms_schema, validate
from tests.bouwstenen import DRIMMELEN, DSO, LELYSTAD, verpakt, verzoeknotificatie

bericht = verzoeknotificatie


def test_user_message_is_mime_multipart_and_validates_against_the_xsds() -> None:
    b = bericht()
    headers, body = serialiseer(b)
    assert headers["SOAPAction"] == '"ebXML"'
    assert headers["Content-Type"].startswith("multipart/related") and 'type="text/xml"' in headers["Content-Type"]
    assert validate(ebms_schema(), envelope(b)) == []
    terug = ontleed(headers["Content-Type"], body)
    assert (terug.van_oin, terug.naar_oin, terug.message_id) == (DSO, DRIMMELEN, b.message_id)
    assert terug.ack_requested and terug.duplicate_elimination
    assert terug.payloads[0].inhoud == b.payloads[0].inhoud


def test_unresolvable_manifest_reference_is_refused() -> None:
    headers, body = serialiseer(bericht())
    with pytest.raises(OngeldigeInvoer) as info:
        ontleed(headers["Content-Type"], body.replace(b"cid:n@dso", b"cid:weg@dso"))
    assert info.value.code == "KT-EBMS-MANIFEST" and "cid:weg@dso" in str(info.value)


@pytest.mark.parametrize(
    ("fout", "melding"),
    [
        (b'eb:type="urn:osb:oin">00000001003214345000', "verwacht 'urn:osb:oin'"),
        (b"<eb:Action>Verzoeknotificatie</eb:Action>", "witruimte"),
        (rb"<eb:CPAId>[^<]*</eb:CPAId>", "XSD"),
    ],
)
def test_digikoppeling_rules_beyond_the_xsd(fout: bytes, melding: str) -> None:
    headers, body = serialiseer(bericht())
    vervanging = {
        b'eb:type="urn:osb:oin">00000001003214345000': b'eb:type="urn:kvk">00000001003214345000',
        b"<eb:Action>Verzoeknotificatie</eb:Action>": b"<eb:Action>Verzoek notificatie</eb:Action>",
        rb"<eb:CPAId>[^<]*</eb:CPAId>": b"",
    }[fout]
    with pytest.raises(OngeldigeInvoer, match=melding):
        ontleed(
            headers["Content-Type"], re.sub(re.escape(fout) if b"[" not in fout else fout, vervanging, body, count=1)
        )


def post(omgeving: OfflineKeten, b: EbmsBericht, body: bytes | None = None) -> int:
    headers, data = verpakt(b)
    with omgeving.client("DSO-LV", DSO) as c:
        return c.post(omgeving.vths[DRIMMELEN].base_url + api.EBMS, content=body or data, headers=headers).status_code


def test_vth_drops_duplicate_message_ids_but_acknowledges_each(keten_omgeving: OfflineKeten) -> None:
    vth = keten_omgeving.vths[DRIMMELEN]
    b = bericht()
    assert post(keten_omgeving, b) == 202
    assert post(keten_omgeving, b) == 202
    assert len(vth.inbox) == 1 and len(vth.acks) == 2
    assert vth.logboek == [f"dubbel bericht {b.message_id} genegeerd"]


def test_vth_refuses_a_message_for_another_party_with_an_ebms_error(keten_omgeving: OfflineKeten) -> None:
    headers, body = serialiseer(bericht(naar_oin=LELYSTAD))
    with keten_omgeving.client("DSO-LV", DSO) as c:
        r = c.post(keten_omgeving.vths[DRIMMELEN].base_url + api.EBMS, content=body, headers=headers)
    assert r.status_code == 400
    fout = ontleed(r.headers["Content-Type"], r.content)
    assert fout.fouten[0][0] == "Inconsistent" and fout.fout_locatie == "//Header/MessageHeader/To/PartyId"
    assert LELYSTAD in fout.fouten[0][1] and validate(ebms_schema(), envelope(fout)) == []


@pytest.mark.parametrize(
    ("inhoud", "status"),
    [
        (b"<geen-soap/>", 400),
        (b"geen xml", 500),
        (b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', 500),
    ],
    ids=["geen-soap", "geen-xml", "xxe"],
)
def test_vth_refuses_garbage_with_an_ebms_error_or_a_soap_fault(
    keten_omgeving: OfflineKeten, inhoud: bytes, status: int
) -> None:
    """XML that is no ebMS message gets an ErrorList; what is no XML at all (or asks for a DTD) a SOAP Fault."""
    with keten_omgeving.client("DSO-LV", DSO) as c:
        r = c.post(
            keten_omgeving.vths[DRIMMELEN].base_url + api.EBMS,
            content=inhoud,
            headers={"Content-Type": "text/xml", "SOAPAction": '"ebXML"'},
        )
    assert r.status_code == status and b"root:" not in r.content
    if status == 400:
        assert ontleed(r.headers["Content-Type"], r.content).fouten[0][0] == "Inconsistent"
    else:
        assert b"faultcode" in r.content and keten_omgeving.vths[DRIMMELEN].inbox == []


def test_delivery_gives_up_on_an_unknown_endpoint(keten_omgeving: OfflineKeten) -> None:
    keten_omgeving.dso.bezorger.adresboek.clear()
    from chain_tests.standards.stam import StamOrganisatie, StamPersoon, StamVerzoek
    from mocks.dso_lv.loket import Verzoek

    stam = StamVerzoek(
        verzoeknummer="1",
        indien_datum=keten_omgeving.klok.nu(),
        project_id="p",
        bevoegd_gezag=StamOrganisatie(oin=DRIMMELEN),
        initiatiefnemer=StamPersoon(naam="x", bsn="999990019"),
        projectlocaties=["x"],
        projectactiviteiten=[],
    )
    keten_omgeving.dso.bezorger.plaats(Verzoek(stam, b"", {}))
    keten_omgeving.pomp()
    b = keten_omgeving.dso.bezorger.outbox[0]
    assert b.status == "mislukt" and "geen Digikoppeling-endpoint" in (b.laatste_fout or "")


def test_an_envelope_against_the_xsd_is_refused_with_its_code() -> None:
    headers, body = serialiseer(bericht())
    with pytest.raises(OngeldigeInvoer) as info:
        ontleed(headers["Content-Type"], re.sub(rb"<eb:CPAId>[^<]*</eb:CPAId>", b"", body, count=1))
    assert info.value.code == "KT-EBMS-XSD" and "regel " in str(info.value)


def test_a_manifest_reference_that_is_not_a_cid_is_named() -> None:
    headers, body = serialiseer(bericht())
    with pytest.raises(OngeldigeInvoer) as info:
        ontleed(headers["Content-Type"], body.replace(b'xlink:href="cid:n@dso"', b'xlink:href="http://x/n"'))
    assert info.value.code == "KT-EBMS-MANIFEST"
    assert "manifestverwijzing 'http://x/n' is geen cid:-verwijzing" in str(info.value)


def test_an_acknowledgment_round_trips_with_what_it_acknowledges() -> None:
    from chain_tests.standards.ebms import acknowledgment

    origineel = bericht()
    ack = acknowledgment(origineel)
    headers, body = serialiseer(ack)
    assert headers["Content-Type"].startswith("text/xml") and b"DuplicateElimination" not in body
    terug = ontleed(headers["Content-Type"], body)
    assert terug.is_ack and terug.ack_voor == origineel.message_id and not terug.ack_requested
    assert terug.timestamp.tzinfo is not None and abs((terug.timestamp - ack.timestamp).total_seconds()) < 1


def test_only_a_user_message_asks_for_duplicate_elimination() -> None:
    from chain_tests.standards.ebms import foutbericht

    assert b"DuplicateElimination" in serialiseer(bericht())[1]
    fout = foutbericht(bericht(), "Inconsistent", "x", van=DRIMMELEN, naar=DSO)
    assert b"DuplicateElimination" not in serialiseer(fout)[1]


@pytest.mark.parametrize("met_origineel", [True, False], ids=["op-een-bericht", "onleesbaar-bericht"])
def test_an_error_list_travels_as_an_msh_message_error(met_origineel: bool) -> None:
    """ebMS 2.0 §4.2.4: an ErrorList goes back in the conversation of the message it refuses, as Action
    MessageError of the MSH service; for a message that could not be read, CPAId and ConversationId say so."""
    from chain_tests.standards.ebms import MSH_SERVICE, foutbericht

    origineel = bericht() if met_origineel else None
    fout = foutbericht(origineel, "Inconsistent", "CPAId past niet", van=DRIMMELEN, naar=DSO)
    assert validate(ebms_schema(), envelope(fout)) == []
    headers, body = serialiseer(fout)
    terug = ontleed(headers["Content-Type"], body)
    assert (terug.van_oin, terug.naar_oin) == (DRIMMELEN, DSO)
    assert (terug.service, terug.action) == (MSH_SERVICE, "MessageError")
    assert terug.fouten == [("Inconsistent", "CPAId past niet")] and not terug.ack_requested
    verwacht = (
        (origineel.cpa_id, origineel.conversation_id, origineel.message_id)
        if origineel
        else ("onbekend", "onbekend", None)
    )
    assert (terug.cpa_id, terug.conversation_id, terug.ref_to_message_id) == verwacht


@pytest.mark.parametrize(
    ("kapot", "melding"),
    [
        ({"van_oin": "1719"}, "eb:From/eb:PartyId '1719' is geen OIN van 20 cijfers"),
        ({"naar_oin": "0000000100171900100X"}, "eb:To/eb:PartyId '0000000100171900100X' is geen OIN van 20 cijfers"),
        ({"action": "Verzoek notificatie"}, "eb:Action bevat witruimte"),
        ({"cpa_id": " "}, "eb:CPAId ontbreekt of is leeg"),
    ],
)
def test_a_header_that_breaks_digikoppeling_is_refused_naming_the_element(kapot: dict[str, str], melding: str) -> None:
    headers, body = serialiseer(bericht(**kapot))
    with pytest.raises(OngeldigeInvoer) as info:
        ontleed(headers["Content-Type"], body)
    assert info.value.code == "KT-EBMS"
    assert str(info.value).startswith(f"[KT-EBMS] ebMS-bericht geweigerd: {melding}")


def test_only_a_message_that_asks_for_it_carries_ack_requested() -> None:
    assert b"AckRequested" in serialiseer(bericht())[1]
    assert b"AckRequested" not in serialiseer(bericht(ack_requested=False))[1]
    headers, body = serialiseer(bericht(ack_requested=False))
    assert not ontleed(headers["Content-Type"], body).ack_requested


def test_a_business_service_carries_its_type_and_the_msh_service_none() -> None:
    """ebMS 2.0 §3.1.5: a Service that is not a URI of the MSH carries a type (here urn:osb:services)."""
    from chain_tests.standards.ebms import acknowledgment

    def service(b: EbmsBericht) -> dict[str, str]:
        el = envelope(b).find(".//{*}Service")
        assert el is not None
        return dict(el.attrib)

    assert service(bericht()) == {
        "{http://www.oasis-open.org/committees/ebxml-msg/schema/msg-header-2_0.xsd}type": "urn:osb:services"
    }
    assert service(acknowledgment(bericht())) == {}


def test_dso_lv_refuses_a_verzoeknotificatie_from_a_vth_by_the_cpa(
    keten_omgeving: OfflineKeten,
) -> None:
    """In the CPA a VTH receives verzoeknotificaties; sending one is an action its role does not have."""
    b = bericht(van_oin=DRIMMELEN, naar_oin=DSO)
    headers, data = verpakt(b)
    with keten_omgeving.client("VTH-systeem", DRIMMELEN) as c:
        r = c.post(keten_omgeving.config.dso_lv.base_url + api.EBMS, content=data, headers=headers)
    antwoord = ontleed(r.headers["Content-Type"], r.content)
    assert r.status_code == 400
    assert antwoord.fouten[0][0] == "ValueNotRecognized" and antwoord.fout_locatie == "//Header/MessageHeader/Action"
    assert "eb:From/eb:Role 'Verzender'" in antwoord.fouten[0][1] and "'Ontvanger'" in antwoord.fouten[0][1]
    assert (antwoord.van_oin, antwoord.naar_oin, antwoord.ref_to_message_id) == (DSO, DRIMMELEN, b.message_id)
    assert (antwoord.cpa_id, antwoord.conversation_id) == (b.cpa_id, b.conversation_id)


def test_without_a_start_parameter_the_first_part_is_the_soap_envelope() -> None:
    """RFC 2387: a multipart/related without ``start`` has its root in the first part, whatever its Content-ID."""
    headers, body = serialiseer(bericht())
    zonder_start = "; ".join(p for p in headers["Content-Type"].split("; ") if not p.startswith("start="))
    assert "start=" not in zonder_start
    terug = ontleed(zonder_start, body)
    assert terug.van_oin == DSO and terug.payloads[0].inhoud == bericht().payloads[0].inhoud


def _vast(b: EbmsBericht, message_id: str) -> EbmsBericht:
    b.message_id, b.timestamp = message_id, datetime(2026, 12, 3, 9, 30, 0, 123456, tzinfo=UTC)
    return b


@pytest.mark.parametrize("soort", ["verzoeknotificatie", "acknowledgment", "errorlist"])
def test_the_bytes_on_the_wire_per_message_kind(soort: str, snapshot: SnapshotAssertion) -> None:
    """What a Digikoppeling adapter of a supplier receives, byte for byte (MIME boundaries and the generated
    Content-ID of the SOAP part normalised): the header, the signals with their SOAP actor and mustUnderstand,
    the Manifest. Reviewed against ebMS 2.0 and the Digikoppeling ebMS2 koppelvlakstandaard; a change needs review."""
    from chain_tests.standards.ebms import acknowledgment, foutbericht

    origineel = _vast(bericht(), "m1@dso")
    fout = foutbericht(origineel, "Inconsistent", "CPAId past niet", van=DRIMMELEN, naar=DSO)
    b = {
        "verzoeknotificatie": origineel,
        "acknowledgment": _vast(acknowledgment(origineel), "a1@vth"),
        "errorlist": _vast(fout, "f1@vth"),
    }[soort]
    headers, body = serialiseer(b)
    tekst = f"{headers}\n{body.decode()}".replace("\r\n", "␍\n")  # CRLF where MIME needs it, shown
    for gegenereerd in set(re.findall(r"MIMEBoundary_[0-9a-f]{32}|soap-[0-9a-f]{32}@ketentest", tekst)):
        tekst = tekst.replace(gegenereerd, gegenereerd.split("_")[0].split("-")[0] + "-X")
    assert tekst == snapshot
