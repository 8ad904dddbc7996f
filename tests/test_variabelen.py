"""Every KETENTEST_* environment variable is named and read in chain_tests/variabelen.py and nowhere else, and
the developers' documentation lists each of them."""

from __future__ import annotations

import re

import pytest

from chain_tests import variabelen
from tests.bouwstenen import DOCS, ROOT

_LEZEN = re.compile(r"(os\.environ(\.get)?\s*[\[(]\s*[\"']KETENTEST_|getenv\(\s*[\"']KETENTEST_)")


def test_no_module_but_variabelen_reads_a_ketentest_variable_itself() -> None:
    lezers = [
        str(p.relative_to(ROOT))
        for map_ in ("chain_tests", "mocks", "bench", "rapporttest", "scenarios", "mutatie")
        for p in (ROOT / map_).rglob("*.py")
        if _LEZEN.search(p.read_text(encoding="utf-8")) and p.name != "variabelen.py"
    ]
    assert lezers == []


def test_the_reader_sees_a_variable_read_directly() -> None:
    """The scan above is not blind: it finds the forms a direct read takes."""
    for regel in ('os.environ.get("KETENTEST_X")', "os.environ['KETENTEST_X']", 'os.getenv("KETENTEST_X")'):
        assert _LEZEN.search(regel), regel


def test_every_variable_is_in_the_architecture_docs() -> None:
    tekst = (DOCS / "architecture.md").read_text(encoding="utf-8")
    ontbreekt = [naam for naam in variabelen.ALLE if f"`{naam}`" not in tekst]
    assert ontbreekt == []


def test_profile_overrides_nest_by_double_underscore_and_read_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETENTEST_PROFIELEN__MIJNVTH__DSO_LV__API_KEY", "geheim")
    monkeypatch.setenv("KETENTEST_PROFIELEN__MIJNVTH__ORGANISATIES", '[{"naam": "Gemeente X"}]')
    monkeypatch.setenv("KETENTEST_PROFIELEN__MIJNVTH__LEEG", "")
    monkeypatch.setenv("KETENTEST_PROFIELEN__ALLEEN", "geen veld")
    assert variabelen.profiel_overschrijvingen() == {
        "mijnvth": {"dso_lv": {"api_key": "geheim"}, "organisaties": [{"naam": "Gemeente X"}]}
    }


def test_only_ketentest_variables_are_read_through_it() -> None:
    with pytest.raises(ValueError, match="HOME"):
        variabelen.lees("HOME")
