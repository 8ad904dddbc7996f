"""The Digikoppeling conformance suite as one Dutch table: in the terminal at the end of a run, and as
``reports/digikoppeling-conformiteit.md`` beside the register (from the reports' properties, so xdist too)."""

from __future__ import annotations

from pathlib import Path

import pytest


def tabel(reports: list[pytest.TestReport]) -> list[str]:
    """One row per case: title, what the standard asks, the verdict, what the endpoint answered."""
    rijen = ["| Geval | Verwacht | Oordeel | Antwoord |", "|---|---|---|---|"]
    for r in reports:
        e = dict(r.user_properties)
        if r.when != "call" or "ebms_geval" not in e:
            continue
        if "bevinding" in e:
            oordeel = f"bevinding {e['bevinding']}"
        elif "niet_gecontroleerd" in e:
            oordeel = "niet gecontroleerd"
        else:
            oordeel = "goed" if r.passed else "gebroken (ketentest of mock)"
        titel = e.get("ebms_titel", e["ebms_geval"])
        rijen.append(f"| {titel} | {e['ebms_verwacht']} | {oordeel} | {e.get('ebms_antwoord', '-')} |")
    return rijen if len(rijen) > 2 else []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    reports = [r for s in ("passed", "failed") for r in terminalreporter.stats.get(s, [])]
    rijen = tabel([r for r in reports if isinstance(r, pytest.TestReport)])
    if not rijen:
        return
    terminalreporter.write_sep("=", "Digikoppeling-conformiteit")
    for regel in rijen:
        terminalreporter.write_line(regel)
    pad = config.getoption("bevindingen", None)
    if pad is not None:
        doel = Path(pad).parent / "digikoppeling-conformiteit.md"
        doel.parent.mkdir(parents=True, exist_ok=True)
        doel.write_text("# Digikoppeling-conformiteit\n\n" + "\n".join(rijen) + "\n", encoding="utf-8")
        terminalreporter.write_line(f"Tabel: {doel}")
