"""The LVBB's rules for an AKN or JOIN identification, one boundary at a time, each with the matrix's own text
(LVBB2010, LVBB2012, LVBB2019, LVBB2020, LVBB2021)."""

from __future__ import annotations

import pytest

from chain_tests.standards.meldingcodes import melding
from mocks.lvbb.identificatie import AKN_TYPEN, JOIN_TYPEN
from mocks.lvbb.identificatie import expressie as _expressie

BRON = "besluit.xml"
GOED = "/akn/nl/act/gm1719/2026/omgevingsplan/nld@2026-01-01"


@pytest.mark.parametrize(
    "expressie",
    [GOED, "/join/id/regdata/gm1719/2026/gebied/nld@2026", "akn/nl/act/gm1719/2026/omgevingsplan/nld",
     "/akn/nl/doc/gm1719/2026/a/nld@x@y", "/akn/nl/bill/gm1719/2026/" + "a" * 128 + "/nld@1",
     "/akn/nl/officialGazette/gmb/2026/A-b_9/nld@1"],
    ids=["akn", "join", "zonder-schuine-strepen", "tweede-apenstaart", "128-tekens", "scheidingstekens"],
)  # fmt: skip
def test_a_valid_identification_gets_no_melding(expressie: str) -> None:
    assert _expressie(BRON, expressie) == []


@pytest.mark.parametrize(
    "expressie",
    ["/akn/nl/act/gm1719/2026/omgevingsplan/nld@2026;1/x", "/akn/nl/act/gm1719/2026/omgevingsplan/nld@x/y@z",
     "/akn/nl/act/gm1719/2026/plan/nld@", "/akn/nl/act/gm1719/2026/plan/nld"],
    ids=["schuine-streep-na-apenstaart", "apenstaarten-en-strepen", "lege-versie", "zonder-versie"],
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
    """An AKN type in a JOIN id and a JOIN type in an AKN id are refused; another first part is LVBB2008 alone."""
    assert [m.code for m in _expressie(BRON, "/akn/nl/regdata/gm1719/2026/x/nld@1")] == ["LVBB2010"]
    assert _expressie(BRON, "/anders/nl/wet/gm1719/2026/x/nld@1") == [
        melding("LVBB2008", BRON, "anders", "/anders/nl/wet/gm1719/2026/x/nld@1", "akn of join")
    ]


@pytest.mark.parametrize("naam", ["_begint-met-streep", "-min", "met spatie", "é", ""])
def test_a_sixth_part_with_other_characters_is_lvbb2020(naam: str) -> None:
    expressie = f"/akn/nl/act/gm1719/2026/{naam}/nld@2026"
    assert _expressie(BRON, expressie) == [melding("LVBB2020", BRON, naam, expressie)]


def test_a_sixth_part_over_128_characters_is_lvbb2021() -> None:
    naam = "a" * 129
    expressie = f"/akn/nl/act/gm1719/2026/{naam}/nld@2026"
    assert _expressie(BRON, expressie) == [melding("LVBB2021", BRON, naam, expressie)]


def test_every_rule_broken_at_once_is_named_each() -> None:
    naam = "_" + "a" * 200
    expressie = f"/akn/nl/wet/gm1719/2026/{naam}/nld@2026"
    assert [m.code for m in _expressie(BRON, expressie)] == ["LVBB2010", "LVBB2020", "LVBB2021"]


# -- the further parts: LVBB2008, 2009, 2011, 2013, 2015, 2016, 2017, 2022 ------------------------------------------
@pytest.mark.parametrize("land", ["nl", "aw", "cw", "sx"])
def test_each_land_of_the_kingdom_is_an_akn_second_part(land: str) -> None:
    assert _expressie(BRON, f"/akn/{land}/act/gm1719/2026/plan/nld@2026") == []


@pytest.mark.parametrize("land", ["ln", "be", "NL", "id"])
def test_another_akn_second_part_is_lvbb2009(land: str) -> None:
    e = f"/akn/{land}/act/gm1719/2026/plan/nld@2026"
    assert _expressie(BRON, e) == [melding("LVBB2009", BRON, land, e, "nl, aw, cw, sx")]


@pytest.mark.parametrize(("tweede", "goed"), [("id", True), ("set", True), ("nl", False), ("ID", False)])
def test_a_join_second_part_is_id_or_set_else_lvbb2011(tweede: str, goed: bool) -> None:
    e = f"/join/{tweede}/regdata/gm1719/2026/gebied/nld@2026"
    assert _expressie(BRON, e) == ([] if goed else [melding("LVBB2011", BRON, tweede, e)])


@pytest.mark.parametrize("publicatie", ["stb", "stcrt", "trb", "gmb", "prb", "bgr", "wsb"])
def test_each_publication_follows_officialgazette(publicatie: str) -> None:
    assert _expressie(BRON, f"/akn/nl/officialGazette/{publicatie}/2026/g1/nld@2026") == []


@pytest.mark.parametrize("publicatie", ["gm1719", "GMB", "bla"])
def test_another_part_after_officialgazette_is_lvbb2022_but_not_after_another_type(publicatie: str) -> None:
    e = f"/akn/nl/officialGazette/{publicatie}/2026/g1/nld@2026"
    assert _expressie(BRON, e) == [melding("LVBB2022", BRON, publicatie, e, "stb, stcrt, trb, gmb, prb, bgr, wsb")]
    assert _expressie(BRON, f"/akn/nl/act/{publicatie}/2026/g1/nld@2026") == []


@pytest.mark.parametrize("jaar", ["2026", "0001", "2026-01-31", "2024-02-29"])
def test_a_year_or_a_date_is_the_fifth_part(jaar: str) -> None:
    assert _expressie(BRON, f"/akn/nl/act/gm1719/{jaar}/plan/nld@2026") == []


LENGTE = "lengte ongelijk"


@pytest.mark.parametrize(
    ("jaar", "variant"),
    [("202", LENGTE), ("20266", LENGTE), ("2026-1-31", LENGTE), ("", LENGTE), ("20x6", "niet numeriek"),
     ("2026-02-30", "geen juiste datum"), ("2025-02-29", "geen juiste datum"), ("2026/01/31", LENGTE)],
)  # fmt: skip
def test_another_fifth_part_is_lvbb2013_saying_what_is_wrong(jaar: str, variant: str) -> None:
    e = f"/akn/nl/act/gm1719/{jaar}/plan/nld@2026"
    if "/" in jaar:
        assert [m.code for m in _expressie(BRON, e)] == ["LVBB2019"]
        return
    (m,) = _expressie(BRON, e)
    assert m.code == "LVBB2013" and variant in m.beschrijving and f"werk-datum {jaar} binnen {e}" in m.beschrijving


@pytest.mark.parametrize("taal", ["nld", "eng", "fry", "pap", "mul", "und"])
def test_each_language_may_stand_before_the_at_sign(taal: str) -> None:
    assert _expressie(BRON, f"/akn/nl/act/gm1719/2026/plan/{taal}@2026") == []


@pytest.mark.parametrize("taal", ["X", "NLD", "nl", "dut", "nld "])
def test_another_language_is_lvbb2016(taal: str) -> None:
    e = f"/akn/nl/act/gm1719/2026/plan/{taal}@2026"
    assert _expressie(BRON, e) == [melding("LVBB2016", BRON, taal, e, "nld, eng, fry, pap, mul, und")]


@pytest.mark.parametrize(
    ("versie", "fout"),
    [("2026", False), ("2027-01-01", False), ("2026;2", False), ("2025", True), ("2025-12-31;1", True),
     ("1", False), ("x2025", False), ("20250", False)],
)  # fmt: skip
def test_a_join_version_year_before_the_works_is_lvbb2015(versie: str, fout: bool) -> None:
    e = f"/join/id/regdata/gm1719/2026/gebied/nld@{versie}"
    assert _expressie(BRON, e) == ([melding("LVBB2015", BRON, "2025", e, "2026")] if fout else [])
    assert _expressie(BRON, f"/akn/nl/act/gm1719/2026/plan/nld@{versie}") == []  # AKN: no such rule


def test_the_version_year_is_compared_with_the_year_of_a_work_date() -> None:
    e = "/join/id/regdata/gm1719/2026-06-01/gebied/nld@2025"
    assert _expressie(BRON, e) == [melding("LVBB2015", BRON, "2025", e, "2026")]


@pytest.mark.parametrize(
    "e", ["/akn/nl/act/gm1719/2026/plan/nld@2026;1.0", "/join/id/regdata/gm1719/2026/g/nld@2026.1"]
)
def test_a_dot_anywhere_is_lvbb2017(e: str) -> None:
    assert _expressie(BRON, e) == [melding("LVBB2017", BRON, e)]


def test_a_dot_in_the_name_breaks_two_rules() -> None:
    e = "/akn/nl/act/gm1719/2026/punt.erin/nld@2026"
    assert [m.code for m in _expressie(BRON, e)] == ["LVBB2020", "LVBB2017"]
