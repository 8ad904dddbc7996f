"""The sampled mutation score (bench/mutatie_steekproef.py): proportional, seeded, with a Wilson interval."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.mutatie_steekproef import rapport, steekproef, wilson

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
    from bench.mutatie_per_module import te_doen

    resultaten = {
        "mocks.b.x_g__mutmut_1": "not checked",
        "mocks.b.x_g__mutmut_2": "survived",
        "mocks.b.x_g__mutmut_3": "killed",
        "chain_tests.keten.a.x_f__mutmut_1": "survived",
    }
    assert te_doen(resultaten, False, []) == {"mocks.b": ["mocks.b.x_g__mutmut_1"]}
    assert te_doen(resultaten, True, ["mocks.*"]) == {"mocks.b": ["mocks.b.x_g__mutmut_1", "mocks.b.x_g__mutmut_2"]}
    assert te_doen(resultaten, True, []).keys() == {"mocks.b", "chain_tests.keten.a"}
