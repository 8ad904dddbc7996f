"""The STOP schemas, where a user configures them (they are not public offline): the besluit or kennisgeving
(LVBB2003), each GIO (3501), each GML (3009; an error in a basisgeometrie element 3010). The schemas here are our
own small ones in the STOP namespaces (the root elements, no other attributes; a basisgeo:Geometrie has its id):
enough to show which document's error gets which code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from chain_tests.standards import lvbb, schemas, stop
from chain_tests.standards.meldingcodes import CodeMelding
from mocks.lvbb.validatie import Context, valideer
from tests.mocks.lvbb.test_echt_pakket import BESLUIT, GIO, GML, _echt, _met_hash, _overal, _vervang
from tests.mocks.lvbb.test_kennisgeving import _pakket as kennisgeving_pakket
from tests.mocks.lvbb.test_kennisgeving import _register as kennisgeving_register

XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"'
VRIJ = '<xs:complexType><xs:sequence><xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence><xs:attribute name="schemaversie"/></xs:complexType>'  # noqa: E501


def _schema(ns: str, elementen: str, extra: str = "") -> str:
    return (f'<xs:schema {XS} targetNamespace="{ns}" elementFormDefault="qualified">{extra}{elementen}'
            "</xs:schema>")  # fmt: skip


@pytest.fixture
def stop_schemas(tmp_path: Path) -> Iterator[Path]:
    wortels = ("AanleveringBesluit", "AanleveringKennisgeving", "AanleveringInformatieObject")
    aanlevering = "".join(f'<xs:element name="{n}">{VRIJ}</xs:element>' for n in wortels)
    (tmp_path / "lvbb-stop-aanlevering.xsd").write_text(_schema(stop.AANLEVERING, aanlevering))
    basis = ('<xs:element name="Geometrie"><xs:complexType><xs:sequence><xs:element name="id" type="xs:string"/>'
             '<xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>'
             "</xs:element>")  # fmt: skip
    (tmp_path / "basisgeometrie.xsd").write_text(_schema(stop.BASISGEO, basis))
    importeer = f'<xs:import namespace="{stop.BASISGEO}" schemaLocation="basisgeometrie.xsd"/>'
    geo = f'<xs:element name="GeoInformatieObjectVaststelling">{VRIJ}</xs:element>'
    (tmp_path / "imop-geo.xsd").write_text(_schema(stop.GEO, geo, importeer))
    oud = schemas.MAPPEN.stop
    schemas.configureer(stop=tmp_path)
    yield tmp_path
    schemas.MAPPEN.stop = oud


def _fouten(bestanden: dict[str, bytes]) -> list[CodeMelding]:
    ctx = Context("00000003560458830000", "RdG_SanityCheck_001_gemaaktOp_", "publicatie", dt.date(2021, 12, 1),
                  False, lambda a, b: True, lambda d: [])  # fmt: skip
    return [m for m in valideer(lvbb.pak_in(bestanden), ctx)[2] if m.ernst == "fout"]


def _attribuut(bestanden: dict[str, bytes], naam: str, root: str) -> dict[str, bytes]:
    return _vervang(bestanden, naam, f"<{root} ", f'<{root} onbekend="x" ')


def test_the_real_package_meets_these_schemas(referentie: Path, stop_schemas: Path) -> None:
    assert _fouten(_echt(referentie)) == []


@pytest.mark.parametrize(
    ("naam", "root", "code", "tekst"),
    [(BESLUIT, "AanleveringBesluit", "LVBB2003", "Fouten in schema bij AanleveringBesluit"),
     (GIO, "AanleveringInformatieObject", "LVBB3501", "Fouten in schema bij AanleveringIO"),
     (GML, "geo:GeoInformatieObjectVaststelling", "LVBB3009", "Fouten in schema bij Geometrie")],
)  # fmt: skip
def test_each_document_that_breaks_its_schema_gets_its_own_code(
    referentie: Path, stop_schemas: Path, naam: str, root: str, code: str, tekst: str
) -> None:
    (m,) = _fouten(_attribuut(_echt(referentie), naam, root))
    assert m.code == code and m.beschrijving.startswith(f"{tekst} ({naam} regel ") and "onbekend" in m.beschrijving


def test_an_error_in_a_basisgeometrie_element_is_lvbb3010(referentie: Path, stop_schemas: Path) -> None:
    tekst = _echt(referentie)[GML].decode()
    begin, eind = tekst.index("<basisgeo:id>"), tekst.index("</basisgeo:id>") + len("</basisgeo:id>")
    fouten = _fouten(_met_hash({**_echt(referentie), GML: (tekst[:begin] + tekst[eind:]).encode()}))
    (m,) = fouten
    assert m.code == "LVBB3010" and m.beschrijving.startswith("Fouten in schema bij BasisGeometrie")


def test_a_kennisgeving_that_breaks_its_schema_is_named_as_one(referentie: Path, stop_schemas: Path) -> None:
    from tests.mocks.lvbb.test_kennisgeving import K, _kennisgeving

    pakket = kennisgeving_pakket(
        _kennisgeving().replace(b"<AanleveringKennisgeving ", b'<AanleveringKennisgeving onbekend="x" ')
    )
    ctx = Context("00000003560458830000", "kennisgeving_1", "publicatie", dt.date(2021, 12, 1), False,
                  lambda a, b: True, lambda d: [], kennisgeving_register(referentie))  # fmt: skip
    fouten = [m for m in valideer(lvbb.pak_in(pakket), ctx)[2] if m.ernst == "fout"]
    assert [m.code for m in fouten] == ["LVBB2003"]
    assert fouten[0].beschrijving.startswith(f"Fouten in schema bij AanleveringKennisgeving ({K} regel ")


def test_without_stop_schemas_nothing_of_this_is_checked(referentie: Path) -> None:
    assert schemas.stop_schema() is None
    assert _fouten(_attribuut(_echt(referentie), GIO, "AanleveringInformatieObject")) == []


def test_each_documents_errors_count_whatever_the_order_of_the_files(referentie: Path, stop_schemas: Path) -> None:
    """A GML whose name sorts before the besluit's, both breaking their schema: both are named."""
    b = _met_hash(_attribuut(_echt(referentie), GML, "geo:GeoInformatieObjectVaststelling"))
    b = _overal(b, "Testeiland.gml", "Aaa.gml")
    b = _attribuut({("Aaa.gml" if n == GML else n): d for n, d in b.items()}, BESLUIT, "AanleveringBesluit")
    assert sorted(m.code for m in _fouten(b)) == ["LVBB2003", "LVBB3009"]
