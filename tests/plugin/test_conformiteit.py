"""The Digikoppeling conformance suite's Dutch table: one row per case with the verdict the run gave it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from chain_tests.plugin.conformiteit import tabel
from tests.bouwstenen import ROOT


def _report(uitkomst: str, **eigenschappen: str) -> pytest.TestReport:
    return pytest.TestReport(
        "scenarios/x.py::t", ("x.py", 1, "t"), {}, uitkomst, None, "call", user_properties=list(eigenschappen.items())
    )


def test_each_case_gets_its_verdict() -> None:
    rijen = tabel(
        [
            _report("passed", ebms_geval="ping", ebms_verwacht="een Pong", ebms_titel="Ping", ebms_antwoord="Pong"),
            _report("failed", ebms_geval="cpaid", ebms_verwacht="geweigerd", bevinding="KB-EBMS-CONFORMITEIT"),
            _report("passed", ebms_geval="ds_weg", ebms_verwacht="geweigerd", niet_gecontroleerd="osb-rm"),
            _report("failed", ebms_geval="xxe", ebms_verwacht="geweigerd"),
            _report("passed", titel="Een gewoon scenario"),
        ]
    )
    assert rijen[2:] == [
        "| Ping | een Pong | goed | Pong |",
        "| cpaid | geweigerd | bevinding KB-EBMS-CONFORMITEIT | - |",
        "| ds_weg | geweigerd | niet gecontroleerd | - |",
        "| xxe | geweigerd | gebroken (ketentest of mock) | - |",
    ]
    assert tabel([_report("passed", titel="Een gewoon scenario")]) == []


def test_a_run_of_the_suite_writes_the_table_beside_the_register(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "scenarios/digikoppeling", "-q", "-p", "no:randomly", "-k", "ping or cpaid",
         "--bevindingen", str(tmp_path / "bevindingen.xlsx")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout[-2000:]
    tekst = (tmp_path / "digikoppeling-conformiteit.md").read_text(encoding="utf-8")
    assert "| Ping krijgt een Pong | een Pong | goed | HTTP 200; Pong |" in tekst and "| Een onbekende CPAId |" in tekst
