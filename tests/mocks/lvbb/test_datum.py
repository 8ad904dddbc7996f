"""datumBekendmaking at its boundaries: missing, not a date, today, yesterday, tomorrow, a weekend day, a public
holiday — each with the matrix's code, variant and the value in the text (LVBB1505, LVBB1501, LVBB1519)."""

from __future__ import annotations

import datetime as dt

import pytest

from chain_tests.standards import lvbb
from chain_tests.standards.meldingcodes import melding
from mocks.lvbb.validatie import _datum

VANDAAG = dt.date(2026, 12, 7)  # a Monday


def _opdracht(datum: str) -> lvbb.Opdracht:
    return lvbb.Opdracht("publicatie", "lev1", "00000001001719001000", "00000001003214345000", "besluit.xml", datum)


def test_no_date_is_lvbb1505() -> None:
    assert _datum(_opdracht(""), VANDAAG) == [melding("LVBB1505")]


@pytest.mark.parametrize("datum", ["2026-13-01", "7-12-2026", "morgen", "2026-12-08T00:00"])
def test_not_a_date_is_lvbb1501_format(datum: str) -> None:
    assert _datum(_opdracht(datum), VANDAAG) == [melding("LVBB1501", datum, variant="formaat")]


@pytest.mark.parametrize("dagen", [0, -1, -400])
def test_today_or_earlier_is_lvbb1501_future(dagen: int) -> None:
    datum = (VANDAAG + dt.timedelta(days=dagen)).isoformat()
    assert _datum(_opdracht(datum), VANDAAG) == [melding("LVBB1501", datum, variant="toekomst")]


def test_tomorrow_a_working_day_is_fine() -> None:
    assert _datum(_opdracht("2026-12-08"), VANDAAG) == []


@pytest.mark.parametrize(
    "datum", ["2026-12-12", "2026-12-13", "2026-12-25", "2027-04-27"], ids=["za", "zo", "kerst", "koningsdag"]
)
def test_a_weekend_day_or_a_public_holiday_is_lvbb1519(datum: str) -> None:
    assert _datum(_opdracht(datum), VANDAAG) == [melding("LVBB1519", datum)]


def test_the_texts_differ_per_variant_and_carry_the_date() -> None:
    formaat = _datum(_opdracht("2026-13-01"), VANDAAG)[0]
    toekomst = _datum(_opdracht("2026-12-07"), VANDAAG)[0]
    assert formaat.beschrijving != toekomst.beschrijving
    assert "2026-13-01" in formaat.beschrijving and "2026-12-07" in toekomst.beschrijving
