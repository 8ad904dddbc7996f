"""XMLDSig of ebMS2 messages (osb-rm-s): what is signed, what a receiver refuses, and the library pairing."""

from __future__ import annotations

import copy
import re

import pytest
import xmlsec
from lxml import etree

from chain_tests.pki import oin_van
from chain_tests.standards import ondertekening
from chain_tests.standards.ebms import NEXT_MSH, SOAP, MimeDeel, envelope
from chain_tests.standards.ondertekening import DS, OndertekeningFout, onderteken, verifieer
from chain_tests.standards.schemas import ebms_schema, validate
from chain_tests.standards.sleutels import Sleutelbos, sleutelbos
from chain_tests.standards.xml import parse_xml, to_bytes
from tests.bouwstenen import DRIMMELEN, DSO, verzoeknotificatie

NS = {"ds": DS, "SOAP": SOAP}


def _getekend(payloads: list[MimeDeel] | None = None) -> tuple[etree._Element, dict[str, MimeDeel]]:
    """A verzoeknotificatie signed by DSO-LV, as the receiver parses it from the wire."""
    b = verzoeknotificatie(payloads=payloads) if payloads is not None else verzoeknotificatie()
    env = envelope(b)
    onderteken(env, b.payloads, sleutelbos().nodig(DSO))
    return parse_xml(to_bytes(env), bron="test"), {p.content_id: p for p in b.payloads}


def test_a_signed_message_verifies_and_still_validates_against_the_ebms_xsd() -> None:
    env, delen = _getekend()
    cert = verifieer(env, delen, DSO, sleutelbos())
    assert validate(ebms_schema(), env) == []
    assert oin_van(cert) == DSO
    sig = env.find("SOAP:Header/ds:Signature", NS)
    assert sig is not None
    refs = [r.get("URI") for r in sig.iterfind("ds:SignedInfo/ds:Reference", NS)]
    assert refs == ["", "cid:n@dso"]
    transforms = [t.get("Algorithm") for t in sig.iterfind("ds:SignedInfo/ds:Reference[@URI='']//ds:Transform", NS)]
    assert transforms == [ondertekening.ENVELOPED, ondertekening.XPATH, ondertekening.EXC_C14N]


def test_what_the_next_msh_may_change_is_outside_the_signature_and_nothing_else_is() -> None:
    env, delen = _getekend()
    kop = env.find("SOAP:Header", NS)
    assert kop is not None
    onderweg = etree.SubElement(kop, "{urn:voorbeeld}Route")
    onderweg.set(f"{{{SOAP}}}actor", NEXT_MSH)
    verifieer(env, delen, DSO, sleutelbos())  # added by an intermediary for the next MSH: still valid
    onderweg.set(f"{{{SOAP}}}actor", "urn:iemand-anders")
    with pytest.raises(OndertekeningFout, match="klopt niet"):
        verifieer(env, delen, DSO, sleutelbos())


def test_a_changed_payload_breaks_the_signature() -> None:
    env, delen = _getekend()
    delen["n@dso"] = MimeDeel("n@dso", "application/xml", delen["n@dso"].inhoud + b" ")
    with pytest.raises(OndertekeningFout, match="klopt niet"):
        verifieer(env, delen, DSO, sleutelbos())


def test_a_payload_outside_the_signature_is_refused() -> None:
    env, delen = _getekend()
    delen["extra@dso"] = MimeDeel("extra@dso", "application/xml", b"<stil-erbij/>")
    with pytest.raises(OndertekeningFout, match="extra@dso niet ondertekend"):
        verifieer(env, delen, DSO, sleutelbos())


def test_a_reference_to_anything_but_a_part_of_the_message_is_refused_before_it_is_opened() -> None:
    env, delen = _getekend()
    sig = env.find("SOAP:Header/ds:Signature/ds:SignedInfo", NS)
    assert sig is not None
    extra = etree.SubElement(sig, f"{{{DS}}}Reference", URI="file:///etc/passwd")
    etree.SubElement(extra, f"{{{DS}}}DigestMethod", Algorithm="http://www.w3.org/2001/04/xmlenc#sha256")
    etree.SubElement(extra, f"{{{DS}}}DigestValue").text = "AAAA"
    with pytest.raises(OndertekeningFout, match="file:///etc/passwd"):
        verifieer(env, delen, DSO, sleutelbos())


def test_a_transform_beyond_ebms_is_refused() -> None:
    env, delen = _getekend()
    transforms = env.find("SOAP:Header/ds:Signature/ds:SignedInfo/ds:Reference[@URI='']/ds:Transforms", NS)
    assert transforms is not None
    etree.SubElement(transforms, f"{{{DS}}}Transform", Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116")
    with pytest.raises(OndertekeningFout, match="transforms"):
        verifieer(env, delen, DSO, sleutelbos())


def test_sha1_is_too_weak() -> None:
    b = verzoeknotificatie()
    env = envelope(b)
    onderteken(env, b.payloads, sleutelbos().nodig(DSO), zwak=True)
    with pytest.raises(OndertekeningFout, match="te zwak"):
        verifieer(parse_xml(to_bytes(env), bron="test"), {p.content_id: p for p in b.payloads}, DSO, sleutelbos())


def test_the_signer_must_be_the_sender_and_known() -> None:
    env, delen = _getekend()
    with pytest.raises(OndertekeningFout, match=f"certificaat van OIN {DSO}, maar het bericht komt van {DRIMMELEN}"):
        verifieer(env, delen, DRIMMELEN, sleutelbos())
    with pytest.raises(OndertekeningFout, match="vertrouwde CA"):
        verifieer(env, delen, DSO, Sleutelbos())  # another CA: a certificate with the right OIN, not trusted
    ander = sleutelbos().nodig(DRIMMELEN).certificaat.public_bytes(ondertekening.serialization.Encoding.DER)
    with pytest.raises(OndertekeningFout, match="ander certificaat dan de CPA"):
        verifieer(env, delen, DSO, sleutelbos(), cpa_certificaat=ander)


def test_a_missing_signature_is_named() -> None:
    b = verzoeknotificatie()
    with pytest.raises(OndertekeningFout, match="niet ondertekend"):
        verifieer(envelope(b), {p.content_id: p for p in b.payloads}, DSO, sleutelbos())


def test_xmlsec_and_lxml_share_one_libxml2_and_a_mismatch_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The wheels of python-xmlsec and lxml each bundle libxml2; pyproject pins a pair whose versions agree."""
    assert xmlsec.get_libxml_version() == etree.LIBXML_VERSION
    ondertekening.controleer_bibliotheken()
    monkeypatch.setattr(xmlsec, "get_libxml_version", lambda: (2, 0, 0))
    with pytest.raises(RuntimeError, match="libxml2"):
        ondertekening.controleer_bibliotheken()


@pytest.mark.parametrize(
    ("pad", "algoritme", "melding"),
    [
        (
            "ds:SignedInfo/ds:Reference/ds:DigestMethod",
            "http://www.w3.org/2000/09/xmldsig#sha1",
            "digestalgoritme 'http://www.w3.org/2000/09/xmldsig#sha1' is te zwak",
        ),
        (
            "ds:SignedInfo/ds:CanonicalizationMethod",
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
            "CanonicalizationMethod 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315'; de CPA spreekt "
            "'http://www.w3.org/2001/10/xml-exc-c14n#' af",
        ),
        (
            "ds:SignedInfo/ds:SignatureMethod",
            "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
            "handtekeningalgoritme 'http://www.w3.org/2000/09/xmldsig#rsa-sha1' is te zwak",
        ),
    ],
    ids=["digest", "c14n", "handtekening"],
)
def test_each_algorithm_is_named_when_it_is_not_the_agreed_one(pad: str, algoritme: str, melding: str) -> None:
    """Each check on its own (the others pass): the refusal names the algorithm that was seen."""
    env, delen = _getekend()
    sig = env.find("SOAP:Header/ds:Signature", NS)
    assert sig is not None
    el = sig.find(pad, NS)
    assert el is not None
    el.set("Algorithm", algoritme)
    with pytest.raises(OndertekeningFout, match=re.escape(melding)):
        verifieer(env, delen, DSO, sleutelbos())


def test_a_missing_canonicalization_or_keyinfo_is_named() -> None:
    env, delen = _getekend()
    sig = env.find("SOAP:Header/ds:Signature", NS)
    assert sig is not None
    c14n = sig.find("ds:SignedInfo/ds:CanonicalizationMethod", NS)
    assert c14n is not None
    c14n.getparent().remove(c14n)  # type: ignore[union-attr]
    with pytest.raises(OndertekeningFout, match="CanonicalizationMethod None"):
        verifieer(env, delen, DSO, sleutelbos())
    env, delen = _getekend()
    sig = env.find("SOAP:Header/ds:Signature", NS)
    assert sig is not None
    info = sig.find("ds:KeyInfo", NS)
    info.getparent().remove(info)  # type: ignore[union-attr]
    with pytest.raises(OndertekeningFout, match="ds:KeyInfo noemt geen X509Certificate"):
        verifieer(env, delen, DSO, sleutelbos())


def test_a_reference_with_transforms_on_a_payload_or_a_second_envelope_reference_is_refused() -> None:
    env, delen = _getekend()
    sig = env.find("SOAP:Header/ds:Signature/ds:SignedInfo", NS)
    assert sig is not None
    cid = sig.find("ds:Reference[@URI='cid:n@dso']", NS)
    assert cid is not None
    transforms = etree.Element(f"{{{DS}}}Transforms")
    etree.SubElement(transforms, f"{{{DS}}}Transform", Algorithm=ondertekening.EXC_C14N)
    cid.insert(0, transforms)
    with pytest.raises(
        OndertekeningFout, match=re.escape("Reference 'cid:n@dso': een bijlage wordt zonder transforms")
    ):
        verifieer(env, delen, DSO, sleutelbos())
    env, delen = _getekend()
    info = env.find("SOAP:Header/ds:Signature/ds:SignedInfo", NS)
    assert info is not None
    info.append(copy.deepcopy(info.find("ds:Reference[@URI='']", NS)))
    with pytest.raises(OndertekeningFout, match=re.escape('precies één keer dekken (Reference URI="")')):
        verifieer(env, delen, DSO, sleutelbos())
