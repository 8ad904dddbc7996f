"""Hostile and malformed XML: refused with a clear melding, nothing expanded, nothing read from disk."""

from __future__ import annotations

import json

import pytest

from chain_tests.errors import OngeldigeInvoer
from chain_tests.offline import OfflineKeten
from chain_tests.standards import api
from chain_tests.standards.xml import parse_xml
from tests.bouwstenen import DRIMMELEN

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<dmn:definitions xmlns:dmn="http://www.omg.org/spec/DMN/20180521/MODEL/" name="&xxe;" id="x" namespace="n"/>"""

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<dmn:definitions xmlns:dmn="http://www.omg.org/spec/DMN/20180521/MODEL/" name="&lol9;" id="x" namespace="n"/>"""


def verifieer_via_mock(omgeving: OfflineKeten, body: bytes) -> tuple[int, dict[str, object]]:
    with omgeving.client("Regelsoftware", None, omgeving.config.dso_lv.base_url) as c:
        r = c.post(api.VERIFIEREN, content=body, headers={"Content-Type": "application/xml"})
    return r.status_code, json.loads(r.content)


@pytest.mark.parametrize("payload", [XXE, BOMB], ids=["xxe", "entity-bomb"])
def test_verifieren_refuses_dtd_payloads(keten_omgeving: OfflineKeten, payload: bytes) -> None:
    status, body = verifieer_via_mock(keten_omgeving, payload)
    assert status == 400
    tekst = json.dumps(body, ensure_ascii=False)
    assert "KT-XML-DTD" in tekst and "DOCTYPE" in tekst and "niets uitgebreid of ingelezen" in tekst
    assert "root:" not in tekst and "lollol" not in tekst


def test_parser_never_expands_entities_even_past_the_doctype_check() -> None:
    # Defence in depth: the DOCTYPE pre-check is the first line; the parser itself is also hardened.
    from lxml import etree

    from chain_tests.standards.xml import _parser

    doc = b'<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><d>&xxe;</d>'
    root = etree.fromstring(doc, parser=_parser())
    assert "root:" not in etree.tostring(root).decode()


def test_malformed_xml_names_the_line() -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        parse_xml(b"<a>\n<b></a>", bron="test.xml")
    assert info.value.code == "KT-XML-SYNTAX" and "test.xml" in str(info.value) and "regel 2" in str(info.value)


def test_oversized_xml_is_refused_before_parsing() -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        parse_xml(b"<a>" + b"x" * 2000 + b"</a>", max_bytes=1000)
    assert info.value.code == "KT-XML-GROOTTE" and "1000" in str(info.value)


def test_verifieren_malformed_xml_gets_a_melding(keten_omgeving: OfflineKeten) -> None:
    status, body = verifieer_via_mock(keten_omgeving, b"<dmn:definitions")
    assert status == 400 and "KT-XML-SYNTAX" in json.dumps(body)


def test_aanleveren_with_xxe_gets_a_soap_fault(keten_omgeving: OfflineKeten) -> None:
    envelope = XXE.replace(
        b"<dmn:definitions", b"<soapenv:Envelope xmlns:soapenv='http://schemas.xmlsoap.org/soap/envelope/'><x"
    )
    with keten_omgeving.client("Regelsoftware", DRIMMELEN, keten_omgeving.config.dso_lv.base_url) as c:
        r = c.post(api.AANLEVEREN, content=envelope, headers={"Content-Type": "text/xml"})
    assert r.status_code == 500 and b"Fault" in r.content and b"DOCTYPE" in r.content


# -- BSNs are never in clear in what people read ----------------------------------------------------
def test_a_bsn_is_masked_and_other_numbers_are_left_alone() -> None:
    from chain_tests.privacy import is_bsn, maskeer, maskeer_bytes

    assert is_bsn("999990019") and not is_bsn("999990018") and not is_bsn("000000000")
    tekst = "bsn 999990019, verzoek 3000001, kvk 12345678, hash a999990019b, 1999990019, sha 999990019999"
    assert (
        maskeer(tekst) == "bsn ******019, verzoek 3000001, kvk 12345678, hash a999990019b, 1999990019, sha 999990019999"
    )
    assert maskeer_bytes(b"<BG:inp.bsn>900198424</BG:inp.bsn>") == b"<BG:inp.bsn>******424</BG:inp.bsn>"
    assert maskeer("123456789") == "123456789"  # nine digits that fail the elfproef are not a BSN
