"""What a beheerder sees under "Voorbereiding" and "Afsluiten" of a scenario, and its parameters.

allure-pytest reports every fixture a scenario used, by its Python name, and every finalizer pytest wraps,
including its own internal ones that allure never sees end ("keten_profiel::<lambda>", status unknown).
This allure-commons plugin rewrites each container just before the file logger writes it: the harness's
fixtures get a Dutch title that says what was prepared or cleaned up, pytest's and plugins' plumbing that
passed is left out, and entries whose end Allure never saw are dropped. A fixture that failed is always kept,
whatever its name. Path parameters (the casus file) are shown relative to the project, and in a scenario that
passed, a step that ended in an expected refusal is shown as passed with the refusal beside it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import allure_commons
from allure_commons.model2 import Parameter

from chain_tests.privacy import maskeer

#: Per harness fixture: its title in "Voorbereiding", and in "Afsluiten" (None: nothing to show).
TITELS: dict[str, tuple[str, str | None]] = {
    "keten_profiel": ("Keten-omgeving gekozen en gecontroleerd (preflight)", "Keten-omgeving afgesloten"),
    "keten_config": ("Partijen en termijnen van de keten gelezen", None),
    "keten_cassette": ("Opname van de uitwisselingen met echte partijen voorbereid (--opnemen)", None),
    "keten_omgeving": ("Keten opgebouwd (mocks of echte systemen)", "Keten opgeruimd"),
    "keten": ("Keten klaar voor het scenario", "Keten gesloten"),
    "pad": ("Casusbestand gekozen", None),
}
#: pytest's own fixtures and those of its plugins: plumbing, not part of the chain.
TECHNISCH = frozenset(
    {
        "request",
        "pytestconfig",
        "tmp_path",
        "tmp_path_factory",
        "tmpdir",
        "tmpdir_factory",
        "monkeypatch",
        "capsys",
        "capsysbinary",
        "capfd",
        "capfdbinary",
        "caplog",
        "recwarn",
        "record_property",
        "record_testsuite_property",
        "record_xml_attribute",
        "cache",
        "doctest_namespace",
        "snapshot",
        "worker_id",
        "testrun_uid",
    }
)
_PAD = re.compile(r"^(?:Posix|Windows)?Path\('(?P<pad>.*)'\)$")


def _fixture(naam: str) -> str:
    """The fixture a before/after belongs to: "keten_omgeving::1" → "keten_omgeving"."""
    return naam.split("::", 1)[0]


def _technisch(naam: str) -> bool:
    fixture = _fixture(naam)
    return fixture.startswith("_") or fixture in TECHNISCH


def _titel(naam: str, na: bool) -> str | None:
    """The Dutch title of a harness fixture's before (na=False) or after; None when it has none."""
    titels = TITELS.get(_fixture(naam))
    return None if titels is None else titels[1] if na else titels[0]


def herschrijf(items: list[Any], na: bool) -> list[Any]:
    """The befores or afters a beheerder should see, with Dutch titles where the harness has one."""
    gezien = []
    for item in items:
        if item.status is None:  # allure never saw it end: an unknown-status entry tells nothing
            continue
        titel = _titel(item.name, na)
        if titel is not None:
            item.name = titel
            gezien.append(item)
        elif item.status != "passed" or not (_technisch(item.name) or _fixture(item.name) in TITELS):
            gezien.append(item)  # a failure is always shown; so is a fixture of the scenario's own
    return gezien


def verwachte_weigeringen(stappen: list[Any]) -> None:
    """In a scenario that passed, a step that ended in a refusal or finding was one the scenario expected and
    handled (bijlage ontbreekt, stil verlies, a Wkb termijn): it is shown as passed, with the refusal as the
    step's parameter "verwachte weigering" — a passing scenario has no red step."""
    for stap in stappen:
        if stap.status in ("failed", "broken"):
            melding = getattr(stap.statusDetails, "message", None) or ""
            stap.status = "passed"
            stap.parameters.append(Parameter(name="verwachte weigering", value=maskeer(melding.strip())[:500]))
        verwachte_weigeringen(stap.steps)


def rode_stappen(stappen: list[Any], bevinding: str) -> None:
    """In a scenario that failed with a finding, a step that broke on what the finding reports (its message is in
    the finding, e.g. the loket's refusal behind KB-AANVRAAG-GEWEIGERD) is the finding's step: red, not yellow. A
    red step always belongs to a finding (docs/beheerdersgids.md)."""
    for stap in stappen:
        melding = (getattr(stap.statusDetails, "message", None) or "").strip()
        if stap.status == "broken" and melding and melding in bevinding:
            stap.status = "failed"
        rode_stappen(stap.steps, bevinding)


class Voorbereiding:
    """The allure-commons plugin: runs before the file logger (tryfirst) and rewrites in place."""

    def __init__(self, project: Path) -> None:
        self.project = project

    @allure_commons.hookimpl(tryfirst=True)  # type: ignore[untyped-decorator]
    def report_container(self, container: Any) -> None:
        container.befores = herschrijf(container.befores, na=False)
        container.afters = herschrijf(container.afters, na=True)

    @allure_commons.hookimpl(tryfirst=True)  # type: ignore[untyped-decorator]
    def report_result(self, result: Any) -> None:
        for parameter in result.parameters:
            parameter.value = self.relatief(parameter.value)
        if result.status == "passed":
            verwachte_weigeringen(result.steps)
        elif result.status == "failed":
            rode_stappen(result.steps, getattr(result.statusDetails, "message", None) or "")

    def relatief(self, waarde: object) -> object:
        """`PosixPath('/…/scenarios/casussen/x.yaml')` → `scenarios/casussen/x.yaml` (inside the project)."""
        m = _PAD.match(waarde) if isinstance(waarde, str) else None
        if not m:
            return waarde
        pad = Path(m["pad"])
        return pad.relative_to(self.project).as_posix() if pad.is_relative_to(self.project) else pad.as_posix()
