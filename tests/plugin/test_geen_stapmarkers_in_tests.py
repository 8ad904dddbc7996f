"""`pytest -m stap7` selects the werkplaats's scenarios that run stap 7, never one of the harness's own tests:
no test under tests/ carries a stap marker (in a decorator or a pytestmark)."""

from __future__ import annotations

import ast
import re

from tests.bouwstenen import ROOT

STAP = re.compile(r"^stap\d+[a-z]?$")


def _stapmarkers(boom: ast.AST) -> list[int]:
    """Line numbers of ``pytest.mark.stapN`` used as code (not inside a string)."""
    return [
        knoop.lineno
        for knoop in ast.walk(boom)
        if isinstance(knoop, ast.Attribute)
        and STAP.match(knoop.attr)
        and isinstance(knoop.value, ast.Attribute)
        and knoop.value.attr == "mark"
    ]


def test_no_harness_test_carries_a_stap_marker() -> None:
    gevonden = {
        str(pad.relative_to(ROOT)): regels
        for pad in (ROOT / "tests").rglob("*.py")
        if (regels := _stapmarkers(ast.parse(pad.read_text(encoding="utf-8"))))
    }
    assert gevonden == {}


def test_the_check_finds_a_stap_marker() -> None:
    bron = "import pytest\n\n@pytest.mark.stap7\ndef test_x():\n    pass\n\nS = '@pytest.mark.stap9'\n"
    assert _stapmarkers(ast.parse(bron)) == [3]
