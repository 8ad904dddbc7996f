"""Unusual names and ids: path segments encoded, question texts normalised, control characters
refused, SOAP refusals as SOAP Faults, the DOCTYPE check independent of the encoding."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from chain_tests.casus import laad_casus
from chain_tests.clients.base import Weigering
from chain_tests.clients.rtr import RtrClient
from chain_tests.errors import KetenBevinding, OngeldigeInvoer
from chain_tests.keten import Keten
from chain_tests.scenario import speel_casus
from chain_tests.standards import aanleveren as contract
from chain_tests.standards import api
from chain_tests.standards.xml import parse_xml
from tests.bouwstenen import DRIMMELEN, ROOT
from tests.catalogus import zoals_in_catalogus

GOED = (ROOT / "scenarios/casussen/iteratie1/kappen-boom-vergunningplicht.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("vreemd", ["Kap#Boom", "Kap?Boom", "Kap/Boom", "Kapé", "Kap’", "Kap<b>", "Kap🌳", "Kap%2F"])
def test_every_path_segment_is_encoded_so_the_id_arrives_whole(keten: Keten, vreemd: str) -> None:
    rtr = RtrClient(keten.client("Regelsoftware", keten.config.organisatie("Drimmelen")), keten.config.api_key)
    activiteit_id = f"nl.imow-gm1719.activiteit.{vreemd}"
    with pytest.raises(Weigering) as info:
        rtr.toepasbaar_maken(activiteit_id, "Kappen", DRIMMELEN)
    assert info.value.status == 400 and repr(activiteit_id) in str(info.value)


def test_a_question_text_with_surrounding_spaces_is_found(tmp_path: Path, keten: Keten) -> None:
    tekst = GOED.replace('tekst: "Wilt u een boom kappen?"', 'tekst: "  Wilt u   een boom kappen?  "').replace(
        "    kappen: true\n    monumentaal", '    "Wilt u een boom kappen? ": true\n    monumentaal'
    )
    pad = tmp_path / "casus.yaml"
    pad.write_text(tekst, encoding="utf-8")
    uitkomst = speel_casus(keten, laad_casus(pad))
    assert uitkomst.conclusie.conclusie == "Vergunningplicht"


def test_a_real_question_text_with_a_double_space_is_found_with_a_single_one(keten: Keten) -> None:
    from chain_tests.standards.sttr.model import parse_sttr

    pad = ROOT / "scenarios/casussen/bestanden/lelystad/lelystad-boom-kappen-indieningsvereisten.sttr.xml"
    bestand = parse_sttr(pad.read_bytes())
    regel = bestand.regel("Beschrijf wat u wilt gaan doen.")
    assert regel is not None and regel.tekst == "Beschrijf  wat u wilt gaan doen."


def test_a_hostile_sttr_inside_a_valid_soap_envelope_gets_a_soap_fault(keten: Keten) -> None:
    xxe = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'
    t = contract.TNS
    envelope = (
        f'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="{t}"><soapenv:Body>'
        f"<t:{contract.REQUEST}><t:bevoegdGezag>{DRIMMELEN}</t:bevoegdGezag>"
        "<t:activiteitId>nl.imow-gm1719.activiteit.KappenBoom</t:activiteitId><t:bestandsnaam>x.xml</t:bestandsnaam>"
        f"<t:sttrBestand>{base64.b64encode(xxe).decode()}</t:sttrBestand></t:{contract.REQUEST}>"
        "</soapenv:Body></soapenv:Envelope>"
    ).encode()
    c = keten.client("Regelsoftware", keten.config.organisatie("Drimmelen"))
    r = c.post(api.AANLEVEREN, content=envelope, headers={"Content-Type": "text/xml"})
    assert r.status_code == 500 and r.headers["Content-Type"].startswith("text/xml")
    assert b"<faultstring>" in r.content and b"DOCTYPE" in r.content


def test_a_hostile_sttr_delivered_by_the_keten_is_a_finding_with_the_soap_fault(keten: Keten) -> None:
    drimmelen = keten.config.organisatie("Drimmelen")
    keten.maak_activiteit_toepasbaar(drimmelen, "nl.imow-gm1719.activiteit.KappenBoom", "Kappen")
    xxe = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'
    with pytest.raises(KetenBevinding) as info:
        keten.lever_regels_aan(drimmelen, "nl.imow-gm1719.activiteit.KappenBoom", "boom.xml", xxe)
    zoals_in_catalogus(info.value)
    assert info.value.code == "KB-WEIGERING" and "SOAP Fault" in info.value.gezien and "DOCTYPE" in info.value.gezien


@pytest.mark.parametrize("codering", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_the_doctype_check_does_not_depend_on_the_encoding(codering: str) -> None:
    doc = f'<?xml version="1.0" encoding="{codering.upper()}"?><!DOCTYPE d [<!ENTITY x "x">]><d>&x;</d>'
    data = doc.encode(codering)
    if codering == "utf-16":
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff")  # with a BOM
    with pytest.raises(OngeldigeInvoer) as info:
        parse_xml(data)
    assert info.value.code == "KT-XML-DTD"


def test_utf16_without_doctype_still_parses() -> None:
    root = parse_xml('<?xml version="1.0" encoding="UTF-16"?><d>é</d>'.encode("utf-16"))
    assert root.text == "é"


@pytest.mark.parametrize("codering", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_the_doctype_pre_check_itself_decodes_before_looking(codering: str) -> None:
    from chain_tests.standards.xml import _refuse_doctype

    doc = f'<?xml version="1.0" encoding="{codering.upper()}"?><!DOCTYPE d><d/>'
    with pytest.raises(OngeldigeInvoer) as info:
        _refuse_doctype(doc.encode(codering), "test")  # before libxml2 ever sees the bytes
    assert info.value.code == "KT-XML-DTD"
