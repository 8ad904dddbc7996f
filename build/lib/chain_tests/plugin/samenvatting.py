"""The terminal: a scenario's Dutch title and a finding's code with ``-v``, and a short Dutch summary per
iteratie at the end (geslaagd, bevindingen with their codes, gebroken)."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

_WOORD = {"passed": ("GESLAAGD", ".", "green"), "failed": ("MISLUKT", "F", "red")}


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config) -> tuple[str, str, object] | None:
    """``-v`` shows the Dutch title of a scenario, and a finding's code, after the node id."""
    eigenschappen = dict(getattr(report, "user_properties", ()))  # a CollectReport has none
    titel = eigenschappen.get("titel")
    if report.when != "call" or config.option.verbose <= 0 or report.outcome not in _WOORD or not titel:
        return None
    woord, letter, kleur = _WOORD[report.outcome]
    if "bevinding" in eigenschappen:
        woord = f"BEVINDING {eigenschappen['bevinding']}"
    return report.outcome, letter, (f"{woord} · {titel}", {kleur: True})


@pytest.hookimpl(tryfirst=True)
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    reports = [r for soort in ("passed", "failed", "error") for r in terminalreporter.stats.get(soort, [])]
    regels = samenvatting([r for r in reports if isinstance(r, pytest.TestReport)])
    if regels:
        terminalreporter.write_sep("=", "Samenvatting per iteratie")
        for regel in regels:
            terminalreporter.write_line(regel)


def samenvatting(reports: list[pytest.TestReport]) -> list[str]:
    geslaagd: Counter[str] = Counter()
    gebroken: Counter[str] = Counter()
    codes: dict[str, list[str]] = defaultdict(list)
    for r in reports:
        eigenschappen = dict(r.user_properties)
        for iteratie in str(eigenschappen.get("iteratie") or "").split(", "):
            if not iteratie:
                continue
            if "bevinding" in eigenschappen:
                codes[iteratie].append(str(eigenschappen["bevinding"]))
            elif r.passed and r.when == "call":
                geslaagd[iteratie] += 1
            elif r.failed:
                gebroken[iteratie] += 1
    regels = []
    for iteratie in sorted(set(geslaagd) | set(gebroken) | set(codes)):
        gevonden = codes[iteratie]
        tekst = f" ({', '.join(sorted(set(gevonden)))})" if gevonden else ""
        regels.append(
            f"Iteratie {iteratie}: {geslaagd[iteratie]} geslaagd, {len(gevonden)} bevinding(en){tekst}, "
            f"{gebroken[iteratie]} gebroken"
        )
    return regels
