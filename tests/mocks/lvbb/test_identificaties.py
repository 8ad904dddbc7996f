"""The besluit is a bill, the regeling an act (LVBB1502, LVBB4005), and every expression is held to the AKN/JOIN
rules with its file named in brackets."""

from __future__ import annotations

import pytest

from chain_tests.standards.meldingcodes import melding
from mocks.lvbb.identificatie import derde as _derde
from mocks.lvbb.identificatie import identificaties

BILL = "/akn/nl/bill/gm1719/2026/besluit1"
ACT = "/akn/nl/act/gm1719/2026/omgevingsplan"
EXPRESSIE = ACT + "/nld@2026-01-01"


def _identificaties(besluit: tuple[str, str], expressies: list[tuple[str, str]]) -> list[object]:
    return list(identificaties(*besluit, expressies))


def _besluit(work: str = BILL, regeling: str = ACT) -> tuple[str, str]:
    return work, regeling


@pytest.mark.parametrize(
    ("identificatie", "derde"),
    [(BILL, "bill"), ("akn/nl/act", "act"), ("/akn/nl", ""), ("", ""), ("/a/b/c/d", "c"), ("X/nl/bill/x", "bill")],
)
def test_the_third_part_is_read_from_the_identification(identificatie: str, derde: str) -> None:
    assert _derde(identificatie) == derde


def test_a_bill_with_an_act_and_valid_expressions_gets_no_melding() -> None:
    assert _identificaties(_besluit(), [("besluit.xml", EXPRESSIE)]) == []


def test_a_besluit_that_is_no_bill_is_lvbb1502() -> None:
    werk = "/akn/nl/act/gm1719/2026/besluit1"
    assert _identificaties(_besluit(work=werk), []) == [melding("LVBB1502", "derde deel", werk, "bill")]


def test_a_regeling_that_is_no_act_is_lvbb4005() -> None:
    werk = "/akn/nl/bill/gm1719/2026/omgevingsplan"
    assert _identificaties(_besluit(regeling=werk), []) == [melding("LVBB4005", "derde deel", werk, "act")]


def test_each_expression_is_checked_with_its_file_in_brackets() -> None:
    fout = "/akn/nl/act/gm1719/2026/omgevingsplan@2026"  # six parts
    gio = "/join/id/regdata/gm1719/2026/gebied/nld@2026"
    assert _identificaties(_besluit(), [("besluit.xml", fout), ("gio.xml", gio), ("gio2.xml", fout)]) == [
        melding("LVBB2019", "[besluit.xml]", fout),
        melding("LVBB2019", "[gio2.xml]", fout),
    ]
