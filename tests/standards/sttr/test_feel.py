"""The FEEL subset: unary tests and expressions as STTR files use them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chain_tests.standards.sttr.feel import FeelFout, evaluate, unary_test

CONTAINS_ANDERS = 'if ?=null then false else contains(?,"Anders")'


@pytest.mark.parametrize(
    ("test", "value", "expected"),
    [
        ("-", None, True),
        ("-", "iets", True),
        ("true", True, True),
        ("true", False, False),
        ("true", 1, False),  # FEEL: a number is not a boolean
        ("false", False, True),
        ("false", None, False),
        ("not(null)", None, False),
        ("not(null)", False, True),
        ("null", None, True),
        ('"no hit"', "no hit", True),
        ('"no hit"', "Vergunningplicht", False),
        ('"deels","nee"', "nee", True),
        ('"deels","nee"', "deels", True),
        ('"deels","nee"', "ja", False),
        ('not("ja")', "nee", True),
        ('not("ja")', "ja", False),
        ("< 5", 4, True),
        ("< 5", 5, False),
        ("<= 5", 5, True),
        (">= 10", Decimal("9.5"), False),
        ("> 2.5", 3, True),
        ("!= 3", 4, True),
        ("[1..5]", 5, True),
        ("]1..5[", 5, False),
        ("(1..5)", 1, False),
        ("< 5", None, False),
        ("< 5", "4", False),
        (CONTAINS_ANDERS, "Anders", True),
        (CONTAINS_ANDERS, "Kappen", False),
        (CONTAINS_ANDERS, None, False),
        ('if ?=null then false else not(contains(?,"Anders"))', "Kappen", True),
        ('if ?=null then false else not(contains(?,"Anders"))', None, False),
        ('if ?=null then false else contains(?,"pad 1_")', "Vergunningplicht pad 1_", True),
        ("? > 3 and ? < 10", 5, True),
        ("? > 3 and ? < 10", 11, False),
        ('"a, b"', "a, b", True),  # a comma inside a string is not a disjunction
    ],
)
def test_unary_tests(test: str, value: object, expected: bool) -> None:
    assert unary_test(test, value) is expected


@pytest.mark.parametrize(
    ("expr", "ctx", "expected"),
    [
        ("a b + 2", {"a b": 3}, Decimal(5)),
        ('if x > 2 then "groot" else "klein"', {"x": 3}, "groot"),
        ('if x > 2 then "groot" else "klein"', {"x": None}, "klein"),
        ("true or null", {}, True),
        ("false or null", {}, None),
        ("false and null", {}, False),
        ("true and null", {}, None),
        ('string length("abc")', {}, Decimal(3)),
        ('upper case("eik")', {}, "EIK"),
        ('starts with("Vergunningplicht", "Verg")', {}, True),
        ("count([1, 2, 3])", {}, Decimal(3)),
        ("sum([1, 2, 3])", {}, Decimal(6)),
        ("list contains([1, 2], 2)", {}, True),
        ("10 / 4", {}, Decimal("2.5")),
        ("1 / 0", {}, None),
        ('"a" + "b"', {}, "ab"),
        (
            "Boom kappen of houtopstand vellen_Niet van toepassing_cross",
            {"Boom kappen of houtopstand vellen_Niet van toepassing_cross": "x"},
            "x",
        ),
        ('contains(1, "a")', {}, None),
        ('"regel\\"s"', {}, 'regel"s'),
    ],
)
def test_expressions(expr: str, ctx: dict[str, object], expected: object) -> None:
    assert evaluate(expr, ctx) == expected


@pytest.mark.parametrize("bad", ["if x then", "contains(", "onbekend", "1 +", "#", "? > 1"])
def test_unsupported_or_broken_expressions_raise_a_clear_error(bad: str) -> None:
    with pytest.raises(FeelFout) as info:
        evaluate(bad, {"x": True})
    assert "FEEL-expressie" in str(info.value) and bad in str(info.value)
