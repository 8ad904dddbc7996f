"""The pytest plugin: markers with Dutch help, strict markers, selection, findings register."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

pytest_plugins = ["pytester"]

SCENARIO = (Path(__file__).parent / "data" / "scenario_met_fout_vth.txt").read_text(encoding="utf-8")


def test_markers_are_registered_with_dutch_help(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--markers")
    assert result.ret == 0
    result.stdout.fnmatch_lines(
        [
            "@pytest.mark.iteratie1: Iteratie 1: toepasbare regel kappen van een boom*",
            "@pytest.mark.stap7: stap 7 – Toepasbare regels aanleveren (publiceren)",
            "@pytest.mark.stap11: stap 11 – Samenwerken: advies vragen en leveren",
        ]
    )


def test_unknown_marker_is_an_error_with_strict_markers(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("import pytest\n@pytest.mark.iteratie9\ndef test_x():\n    pass\n")
    result = pytester.runpytest("--strict-markers")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*'iteratie9' not found in `markers` configuration option*"])


def test_finding_is_registered_and_written_to_the_workbook(pytester: pytest.Pytester, tmp_path: Path) -> None:
    casus = Path(__file__).parents[1] / "scenarios" / "casussen" / "iteratie1" / "kappen-boom-vergunningplicht.yaml"
    pytester.makepyfile(SCENARIO % casus)
    werkboek = tmp_path / "bevindingen.xlsx"
    result = pytester.runpytest("-m", "iteratie1", f"--bevindingen={werkboek}", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1, deselected=1)
    result.stdout.fnmatch_lines(["*KB-ZAAK-ONVOLLEDIG*Stap 9*VTH-systeem Gemeente Drimmelen*"])
    rows = list(load_workbook(werkboek).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("Tijdstip", "Scenario", "Code", "Stap", "Partij")
    assert len(rows) == 2
    assert rows[1][2:5] == ("KB-ZAAK-ONVOLLEDIG", 9, "VTH-systeem Gemeente Drimmelen")
    assert rows[1][8] == "bijlage 'foto-boom.jpg' ontbreekt"


def test_stap_marker_selects_scenarios(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        "import pytest\n@pytest.mark.stap7\ndef test_a():\n    pass\n@pytest.mark.stap9\ndef test_b():\n    pass\n"
    )
    pytester.runpytest("-m", "stap7").assert_outcomes(passed=1, deselected=1)
