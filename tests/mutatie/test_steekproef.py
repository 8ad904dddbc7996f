"""The sampled mutation score (mutatie/steekproef.py): proportional, seeded, with a Wilson interval."""

from __future__ import annotations

from collections import Counter

import pytest

from mutatie.steekproef import rapport, steekproef, wilson

NAMEN = [f"chain_tests.keten.a.x_f__mutmut_{i}" for i in range(90)] + [f"mocks.b.x_g__mutmut_{i}" for i in range(10)]


def test_each_module_is_sampled_in_proportion_and_at_least_once() -> None:
    gekozen = steekproef(NAMEN, 20, zaad=1)
    per = Counter(n.split(".x", 1)[0] for n in gekozen)
    assert per == {"chain_tests.keten.a": 18, "mocks.b": 2}
    assert Counter(n.split(".x", 1)[0] for n in steekproef(NAMEN, 1, zaad=1)) == {
        "chain_tests.keten.a": 1,
        "mocks.b": 1,
    }


def test_the_same_seed_gives_the_same_sample_and_another_seed_another() -> None:
    assert steekproef(NAMEN, 20, zaad=7) == steekproef(list(reversed(NAMEN)), 20, zaad=7)
    assert steekproef(NAMEN, 20, zaad=7) != steekproef(NAMEN, 20, zaad=8)


@pytest.mark.parametrize(("k", "n", "onder", "boven"), [(90, 100, 0.8256, 0.9448), (0, 10, 0.0, 0.2775), (0, 0, 0, 0)])
def test_wilson_interval(k: int, n: int, onder: float, boven: float) -> None:
    assert wilson(k, n) == pytest.approx((onder, boven), abs=1e-4)


def test_the_report_fails_below_ninety_percent(capsys: pytest.CaptureFixture[str]) -> None:
    namen = [f"m.x_f__mutmut_{i}" for i in range(10)]
    assert rapport(namen, dict.fromkeys(namen[:9], "killed") | {namen[9]: "survived"}) == 0
    assert rapport(namen, dict.fromkeys(namen[:8], "killed") | {namen[8]: "timeout", namen[9]: "survived"}) == 0
    assert rapport(namen, dict.fromkeys(namen[:8], "killed") | {namen[8]: "survived"}) == 1
    assert "steekproef: 8/9 gedood = 88.9%" in capsys.readouterr().out


def test_module_by_module_takes_what_has_no_result_and_with_opnieuw_the_survivors() -> None:
    from mutatie.per_module import te_doen

    resultaten = {
        "mocks.b.x_g__mutmut_1": "not checked",
        "mocks.b.x_g__mutmut_2": "survived",
        "mocks.b.x_g__mutmut_3": "killed",
        "chain_tests.keten.a.x_f__mutmut_1": "survived",
    }
    assert te_doen(resultaten, False, []) == {"mocks.b": ["mocks.b.x_g__mutmut_1"]}
    assert te_doen(resultaten, True, ["mocks.*"]) == {"mocks.b": ["mocks.b.x_g__mutmut_1", "mocks.b.x_g__mutmut_2"]}
    assert te_doen(resultaten, True, []).keys() == {"mocks.b", "chain_tests.keten.a"}


def test_a_mutant_runs_the_earlier_killers_of_its_function_first_then_the_shortest() -> None:
    """mutatie/volgorde.py: the same tests, in an order that fails sooner; ties keep their order."""
    from mutatie.volgorde import volgorde

    tests = ["t::traag", "t::snel", "t::doder", "t::buur", "t::ook_snel"]
    duren = {"t::traag": 9.0, "t::snel": 0.1, "t::doder": 5.0, "t::buur": 3.0, "t::ook_snel": 0.1}
    doders = [
        ("m.a.x_f", "t::doder"),
        ("m.a.x_f", "t::doder"),
        ("m.a.x_f", "t::traag"),
        ("m.a.x_g", "t::buur"),  # another function of the same module
        ("m.b.x_f", "t::snel"),  # another module: no reason to go first
    ]
    assert volgorde(tests, "m.a.x_f__mutmut_3", doders, duren) == [
        "t::doder",
        "t::traag",
        "t::buur",
        "t::snel",
        "t::ook_snel",
    ]
    assert volgorde(tests, "m.c.x_h__mutmut_1", [], duren) == [
        "t::snel",
        "t::ook_snel",
        "t::buur",
        "t::doder",
        "t::traag",
    ]
    assert sorted(volgorde(tests, "m.a.x_f__mutmut_3", doders, {})) == sorted(tests)


def test_mutants_that_mypy_rejects_are_counted_apart_not_as_killed() -> None:
    from mutatie.score import _regel, _score

    c = Counter({"killed": 9, "survived": 1, "caught by type check": 40, "equivalent": 2, "not checked": 3})
    assert _score(c) == 0.9  # 9 of the 10 that could land
    assert _regel(c).split() == ["9", "1", "0", "2", "40", "3", "90.0%"]


def test_a_survivor_listed_as_equivalent_is_not_retested(monkeypatch: pytest.MonkeyPatch) -> None:
    import mutatie.per_module as per_module

    monkeypatch.setattr(per_module, "_equivalent", lambda: {"mocks.b.x_g__mutmut_2"})
    resultaten = {"mocks.b.x_g__mutmut_1": "survived", "mocks.b.x_g__mutmut_2": "survived"}
    assert per_module.te_doen(resultaten, True, []) == {"mocks.b": ["mocks.b.x_g__mutmut_1"]}


def test_a_budget_keeps_the_head_of_the_order_and_always_the_earlier_killers() -> None:
    from mutatie.volgorde import binnen_budget

    duren = {"a": 1.0, "b": 2.0, "c": 4.0, "d": 0.5}
    assert binnen_budget(["a", "b", "c", "d"], 3.5, duren, set()) == ["a", "b", "d"]  # d still fits after c
    assert binnen_budget(["c", "a"], 1.0, duren, set()) == ["c"]  # at least one test, even over budget
    assert binnen_budget(["a", "b", "c"], 1.0, duren, {"c"}) == ["a", "c"]  # an earlier killer always runs
