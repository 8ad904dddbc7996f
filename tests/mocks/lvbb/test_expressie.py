"""The LVBB's rules for an AKN or JOIN identification, one boundary at a time, each with the matrix's own text
(LVBB2010, LVBB2012, LVBB2019, LVBB2020, LVBB2021)."""

from __future__ import annotations

import pytest

from chain_tests.standards.meldingcodes import melding
from mocks.lvbb.validatie import AKN_TYPEN, JOIN_TYPEN, _expressie

BRON = "besluit.xml"
GOED = "/akn/nl/act/gm1719/2026/omgevingsplan/nld@2026-01-01"


@pytest.mark.parametrize(
    "expressie",
    [GOED, "/join/id/regdata/gm1719/2026/gebied/nld@2026", "akn/nl/act/gm1719/2026/omgevingsplan/nld",
     "/akn/nl/doc/gm1719/2026/a/nld@x@y", "/akn/nl/bill/gm1719/2026/" + "a" * 128 + "/nld@1",
     "/akn/nl/officialGazette/gm1719/2026/A-b_9/nld@1"],
    ids=["akn", "join", "zonder-schuine-strepen", "tweede-apenstaart", "128-tekens", "scheidingstekens"],
)  # fmt: skip
def test_a_valid_identification_gets_no_melding(expressie: str) -> None:
    assert _expressie(BRON, expressie) == []


@pytest.mark.parametrize(
    "expressie",
    ["/akn/nl/act/gm1719/2026/omgevingsplan/nld@2026;1/x", "/akn/nl/act/gm1719/2026/omgevingsplan/nld@x/y@z",
     "/akn/nl/act/gm1719/2026/plan/X@1", "/akn/nl/act/gm1719/2026/plan/nld@"],
    ids=["schuine-streep-na-apenstaart", "apenstaarten-en-strepen", "zevende-deel-X", "lege-versie"],
)  # fmt: skip
def test_only_what_stands_before_the_first_at_sign_counts(expressie: str) -> None:
    """What follows the first '@' (the version) is not part of the seven: a '/' or '@' there changes nothing."""
    assert _expressie(BRON, expressie) == []


@pytest.mark.parametrize(
    "expressie",
    ["/akn/nl/act/gm1719/2026/omgevingsplan@2026", "/akn/nl/act/gm1719/2026/omgevingsplan/nld/x@2026",
     "/akn/nl/act/gm1719/2026/omgevingsplan/nld/x", "", "/@"],
    ids=["6-delen", "8-delen", "8-zonder-apenstaart", "leeg", "alleen-apenstaart"],
)  # fmt: skip
def test_not_seven_parts_is_lvbb2019_and_nothing_else(expressie: str) -> None:
    assert _expressie(BRON, expressie) == [melding("LVBB2019", BRON, expressie)]


def test_an_unknown_akn_type_is_lvbb2010_naming_the_types() -> None:
    expressie = "/akn/nl/wet/gm1719/2026/omgevingsplan/nld@2026"
    assert _expressie(BRON, expressie) == [melding("LVBB2010", BRON, "wet", expressie, ", ".join(AKN_TYPEN))]
    assert "bill, act, doc, officialGazette" in _expressie(BRON, expressie)[0].beschrijving


def test_an_unknown_join_type_is_lvbb2012_naming_the_types() -> None:
    expressie = "/join/id/act/gm1719/2026/gebied/nld@2026"  # a type of AKN, not of JOIN
    assert _expressie(BRON, expressie) == [melding("LVBB2012", BRON, "act", expressie, ", ".join(JOIN_TYPEN))]
    assert "regdata, pubdata, infodata, proces, stop" in _expressie(BRON, expressie)[0].beschrijving


def test_the_types_belong_to_their_own_kind_only() -> None:
    """An AKN type in a JOIN id and a JOIN type in an AKN id are refused; another first part is neither."""
    assert [m.code for m in _expressie(BRON, "/akn/nl/regdata/gm1719/2026/x/nld@1")] == ["LVBB2010"]
    assert _expressie(BRON, "/anders/nl/wet/gm1719/2026/x/nld@1") == []


@pytest.mark.parametrize("naam", ["_begint-met-streep", "-min", "met spatie", "punt.erin", "é", ""])
def test_a_seventh_part_with_other_characters_is_lvbb2020(naam: str) -> None:
    expressie = f"/akn/nl/act/gm1719/2026/{naam}/nld@2026"
    assert _expressie(BRON, expressie) == [melding("LVBB2020", BRON, naam, expressie)]


def test_a_seventh_part_over_128_characters_is_lvbb2021() -> None:
    naam = "a" * 129
    expressie = f"/akn/nl/act/gm1719/2026/{naam}/nld@2026"
    assert _expressie(BRON, expressie) == [melding("LVBB2021", BRON, naam, expressie)]


def test_every_rule_broken_at_once_is_named_each() -> None:
    naam = "_" + "a" * 200
    expressie = f"/akn/nl/wet/gm1719/2026/{naam}/nld@2026"
    assert [m.code for m in _expressie(BRON, expressie)] == ["LVBB2010", "LVBB2020", "LVBB2021"]
