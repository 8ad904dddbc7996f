"""What a scenario shows under Voorbereiding and Afsluiten in Allure: Dutch titles for the
harness's fixtures, no pytest plumbing, no unknown-status entries, a failure always kept, and the casus
parameter as a path relative to the project."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from chain_tests.reporting.voorbereiding import TITELS, Voorbereiding, herschrijf

pytest_plugins = ["pytester"]

SCENARIO = """
import pathlib
import pytest

@pytest.fixture
def eigen_gegevens(tmp_path):
    yield tmp_path

@pytest.mark.iteratie1
@pytest.mark.parametrize("pad", [pathlib.Path(r"{casus}")])
def test_scenario(keten, eigen_gegevens, pad, monkeypatch):
    pass
"""


def _item(naam: str, status: str | None) -> SimpleNamespace:
    return SimpleNamespace(name=naam, status=status)


def test_harness_fixtures_get_dutch_titles_and_plumbing_is_left_out() -> None:
    befores = [_item(n, "passed") for n in ("_syrupy_apply_ide_patches", "tmp_path_factory", "keten_omgeving", "mijn")]
    assert [b.name for b in herschrijf(befores, na=False)] == [TITELS["keten_omgeving"][0], "mijn"]


def test_unknown_status_is_dropped_and_a_failure_is_always_kept() -> None:
    afters = [
        _item("keten_profiel::<lambda>", None),
        _item("keten_omgeving::1", "passed"),
        _item("keten_config::1", "passed"),  # no title for its teardown: nothing to show
        _item("tmp_path_factory::1", "broken"),
        _item("mijn::1", "passed"),
    ]
    gezien = herschrijf(afters, na=True)
    assert [(a.name, a.status) for a in gezien] == [
        ("Keten opgeruimd", "passed"),
        ("tmp_path_factory::1", "broken"),
        ("mijn::1", "passed"),
    ]


def test_a_path_parameter_is_shown_relative_to_the_project(tmp_path: Path) -> None:
    v = Voorbereiding(tmp_path)
    assert v.relatief(f"PosixPath('{tmp_path}/scenarios/casussen/a.yaml')") == "scenarios/casussen/a.yaml"
    assert v.relatief("PosixPath('/elders/b.yaml')") == "/elders/b.yaml"
    assert v.relatief("'ja'") == "'ja'" and v.relatief(3) == 3


def test_the_allure_results_show_the_chain_not_the_plumbing(pytester: pytest.Pytester, tmp_path: Path) -> None:
    casus = pytester.path / "scenarios" / "casussen" / "x.yaml"
    pytester.makepyfile(SCENARIO.format(casus=casus))
    resultaten = tmp_path / "allure"
    pytester.runpytest(f"--alluredir={resultaten}").assert_outcomes(passed=1)
    containers = [json.loads(p.read_text(encoding="utf-8")) for p in resultaten.glob("*-container.json")]
    befores = {b["name"] for c in containers for b in c.get("befores", [])}
    afters = [(a["name"], a.get("status")) for c in containers for a in c.get("afters", [])]
    harnas = ("keten_profiel", "keten_config", "keten_cassette", "keten_omgeving", "keten", "pad")
    assert befores == {TITELS[n][0] for n in harnas} | {"eigen_gegevens"}
    assert all(status == "passed" for _, status in afters) and ("Keten gesloten", "passed") in afters
    (uitslag,) = [json.loads(p.read_text(encoding="utf-8")) for p in resultaten.glob("*-result.json")]
    assert {"name": "pad", "value": "scenarios/casussen/x.yaml"} in uitslag["parameters"]


WEIGERING = """
import allure
import pytest

def _weiger():
    with allure.step("Stap 8b: Aanvraag indienen"):
        raise ValueError("bijlage 'situatietekening' ontbreekt; BSN 999990019")

@pytest.mark.iteratie1
def test_verwacht():
    with pytest.raises(ValueError):
        _weiger()

@pytest.mark.iteratie1
def test_onverwacht():
    _weiger()
"""


def test_a_passing_scenario_shows_its_expected_refusal_as_a_passed_step(
    pytester: pytest.Pytester, tmp_path: Path
) -> None:
    pytester.makepyfile(WEIGERING)
    resultaten = tmp_path / "allure"
    pytester.runpytest(f"--alluredir={resultaten}").assert_outcomes(passed=1, failed=1)
    uitslagen = {
        u["name"]: u for p in resultaten.glob("*-result.json") if (u := json.loads(p.read_text(encoding="utf-8")))
    }
    (verwacht,) = uitslagen["test_verwacht"]["steps"]
    assert verwacht["status"] == "passed"
    assert verwacht["parameters"] == [
        {"name": "verwachte weigering", "value": "ValueError: bijlage 'situatietekening' ontbreekt; BSN ******019"}
    ]
    (onverwacht,) = uitslagen["test_onverwacht"]["steps"]  # a scenario that failed keeps its red step
    assert onverwacht["status"] in ("failed", "broken") and not onverwacht.get("parameters")


def _stap(status: str, bericht: str, *binnen: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(status=status, statusDetails=SimpleNamespace(message=bericht), steps=list(binnen))


def test_the_step_a_finding_comes_from_is_red_and_other_broken_steps_stay_yellow() -> None:
    """KB-AANVRAAG-GEWEIGERD: the loket's refusal broke stap 8b; the finding reports that refusal, so stap 8b is
    red. A step broken by something the finding does not report stays broken."""
    from chain_tests.reporting.voorbereiding import rode_stappen

    weigering = "Verplichte bijlage 'situatietekening' ontbreekt"
    stap8b = _stap("broken", weigering, _stap("passed", ""))
    anders = _stap("broken", "iets anders")
    bevinding = (
        f"[KB-AANVRAAG-GEWEIGERD] Stap 8 – Omgevingsloket (indienen): de aanvraag werd geweigerd\n  gezien: {weigering}"
    )
    rode_stappen([stap8b, anders], bevinding)
    assert (stap8b.status, anders.status, stap8b.steps[0].status) == ("failed", "broken", "passed")
