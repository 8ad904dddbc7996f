"""The pytest plugin: markers with Dutch help, strict markers, selection, findings register."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.bouwstenen import DATA, ROOT

pytest_plugins = ["pytester"]

SCENARIO = (DATA / "scenario_met_fout_vth.txt").read_text(encoding="utf-8")


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


def test_junit_xml_carries_the_findings_code_party_and_stap_per_test_case(
    pytester: pytest.Pytester, tmp_path: Path
) -> None:
    """A supplier's CI reads JUnit XML: each finding's code, party, stap and verzoeknummer are properties of its
    test case (pytest's junitxml reads them from the item, not from the call's report)."""
    from xml.etree import ElementTree

    casus = ROOT / "scenarios" / "casussen" / "iteratie1" / "kappen-boom-vergunningplicht.yaml"
    pytester.makepyfile(SCENARIO % casus)
    junit = tmp_path / "junit.xml"
    pytester.runpytest("-m", "iteratie1", f"--junitxml={junit}", "-p", "no:cacheprovider").assert_outcomes(failed=1)
    (case,) = ElementTree.parse(junit).getroot().iter("testcase")
    eigenschappen = {p.get("name"): p.get("value") for p in case.iter("property")}
    assert eigenschappen == {
        "titel": "Een VTH dat een bijlage laat vallen",
        "iteratie": "1",
        "bevinding": "KB-ZAAK-ONVOLLEDIG",
        "partij": "VTH-systeem Gemeente Drimmelen",
        "stap": "9",
        "verzoeknummer": "3000001",
    }
    assert len(list(case.iter("property"))) == len(eigenschappen)  # each once


def test_finding_is_registered_and_written_to_the_workbook(pytester: pytest.Pytester, tmp_path: Path) -> None:
    casus = ROOT / "scenarios" / "casussen" / "iteratie1" / "kappen-boom-vergunningplicht.yaml"
    pytester.makepyfile(SCENARIO % casus)
    werkboek = tmp_path / "bevindingen.xlsx"
    result = pytester.runpytest("-m", "iteratie1", f"--bevindingen={werkboek}", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1, deselected=1)
    result.stdout.fnmatch_lines(["*KB-ZAAK-ONVOLLEDIG*Stap 9*VTH-systeem Gemeente Drimmelen*"])
    blad = load_workbook(werkboek).active
    rows = list(blad.iter_rows(values_only=True))
    assert rows[0] == (
        "Scenario", "Keten-omgeving", "Iteratie", "Stap", "Partij (handelt)", "Code", "Verzoeknummer", "Samenvatting",
        "Verwacht", "Gezien", "Wat te doen", "Ernst", "Status", "Datum", "Rapport", "Bundel (zip)", "Scenario-id",
    )  # fmt: skip
    assert len(rows) == 2
    rij = dict(zip(rows[0], rows[1], strict=True))
    assert [rij[k] for k in ("Scenario", "Keten-omgeving", "Iteratie", "Stap", "Partij (handelt)", "Code")] == [
        "Een VTH dat een bijlage laat vallen", "offline", "1", "9", "VTH-systeem Gemeente Drimmelen",
        "KB-ZAAK-ONVOLLEDIG",
    ]  # fmt: skip  # iteratie and stap both text (8a and 8b stay apart)
    assert (rij["Verzoeknummer"], rij["Gezien"], rij["Ernst"], rij["Status"], rij["Rapport"]) == (
        "3000001",
        "bijlage 'foto-boom.jpg' ontbreekt",
        "middel",
        "nieuw",
        "ketentest-rapport.html",
    )
    assert rij["Wat te doen"].startswith("Meld het bij de leverancier of beheerder van VTH-systeem Gemeente Drimmelen")
    assert rij["Bundel (zip)"] == "bevindingen/KB-ZAAK-ONVOLLEDIG-test-faulty-vth.zip"
    assert (werkboek.parent / rij["Bundel (zip)"]).is_file()
    assert isinstance(rij["Datum"], datetime) and abs(rij["Datum"] - datetime.now()) < timedelta(minutes=5)  # local
    assert rij["Scenario-id"] == "test_finding_is_registered_and_written_to_the_workbook.py::test_faulty_vth"
    (keuze,) = blad.data_validations.dataValidation  # Status is chosen from a list
    assert keuze.formula1 == '"nieuw,in behandeling,opgelost,geen bevinding"' and "M2" in str(keuze.sqref)
    (regel,) = werkboek.with_suffix(".jsonl").read_text(encoding="utf-8").splitlines()
    json_rij = json.loads(regel)
    velden = {"titel": "Scenario", "omgeving": "Keten-omgeving", "stap": "Stap", "wat_te_doen": "Wat te doen"}
    assert {k: json_rij[k] for k in velden} == {k: rij[v] for k, v in velden.items()}  # the same fields
    assert datetime.fromisoformat(json_rij["datum"]).utcoffset() is not None


def test_verbose_shows_dutch_titles_and_a_summary_per_iteratie(pytester: pytest.Pytester) -> None:
    casus = ROOT / "scenarios" / "casussen" / "iteratie1" / "kappen-boom-vergunningplicht.yaml"
    pytester.makepyfile(SCENARIO % casus)
    result = pytester.runpytest("-v", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        [
            "*::test_faulty_vth BEVINDING KB-ZAAK-ONVOLLEDIG · Een VTH dat een bijlage laat vallen*",
            "*::test_other_iteration GESLAAGD · Een andere iteratie*",
            "*= Samenvatting per iteratie =*",
            "Iteratie 1: 0 geslaagd, 1 bevinding(en) (KB-ZAAK-ONVOLLEDIG), 0 gebroken",
            "Iteratie 2: 1 geslaagd, 0 bevinding(en), 0 gebroken",
        ]
    )


def test_stap_marker_selects_scenarios(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        "import pytest\n@pytest.mark.stap7\ndef test_a():\n    pass\n@pytest.mark.stap9\ndef test_b():\n    pass\n"
    )
    pytester.runpytest("-m", "stap7").assert_outcomes(passed=1, deselected=1)


def _casus_project(pytester: pytest.Pytester, kapot: str) -> None:
    root = ROOT
    pytester.makepyfile(test_casussen=(root / "scenarios" / "test_casussen.py").read_text(encoding="utf-8"))
    casussen = pytester.path / "casussen"
    casussen.mkdir()
    goed = (root / "scenarios/casussen/iteratie1/kappen-boom-toestemmingsvrij.yaml").read_text(encoding="utf-8")
    (casussen / "a-goed.yaml").write_text(goed, encoding="utf-8")
    (casussen / "b-kapot.yaml").write_text(kapot, encoding="utf-8")


def test_a_broken_casus_file_is_one_broken_scenario_and_the_others_run(pytester: pytest.Pytester) -> None:
    root = ROOT
    goed = (root / "scenarios/casussen/iteratie1/kappen-boom-toestemmingsvrij.yaml").read_text(encoding="utf-8")
    _casus_project(pytester, goed.replace("iteratie: 1", "iteratie: 1\nonbekend_veld: 3"))
    result = pytester.runpytest("-m", "iteratie1", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)  # broken once, in the iteratie the file names
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    tekst = result.stdout.str()
    assert "Interrupted" not in tekst and "b-kapot.yaml" in tekst and "onbekend_veld: is geen bekend veld" in tekst
    result = pytester.runpytest("-m", "iteratie2", "-p", "no:cacheprovider")
    result.assert_outcomes(deselected=2)  # not '1 gebroken' in another iteratie as well


def test_a_report_never_says_passed_when_nothing_ran(pytester: pytest.Pytester, tmp_path: Path) -> None:
    import json

    pytester.makepyfile(test_kapot="def test_x(:\n    pass\n")
    resultaten = tmp_path / "allure-results"
    result = pytester.runpytest(f"--alluredir={resultaten}", "-p", "no:cacheprovider")
    assert result.ret != 0
    gelezen = [json.loads(p.read_text()) for p in resultaten.glob("*-result.json")]
    assert {r["status"] for r in gelezen} == {"broken"}
    namen = {r["name"] for r in gelezen}
    assert "Geen scenario's uitgevoerd" in namen and any(n.startswith("Niet te verzamelen") for n in namen)


def test_a_selection_that_runs_nothing_is_not_a_passed_report(pytester: pytest.Pytester, tmp_path: Path) -> None:
    import json

    pytester.makepyfile("import pytest\n@pytest.mark.iteratie1\ndef test_a():\n    pass\n")
    resultaten = tmp_path / "allure-results"
    pytester.runpytest(f"--alluredir={resultaten}", "-m", "iteratie3", "-p", "no:cacheprovider")
    (r,) = [json.loads(p.read_text()) for p in resultaten.glob("*-result.json")]
    assert (r["name"], r["status"]) == ("Geen scenario's uitgevoerd", "broken")


def test_a_finding_prints_as_its_dutch_block_without_a_traceback(pytester: pytest.Pytester) -> None:
    casus = ROOT / "scenarios" / "casussen" / "iteratie1" / "kappen-boom-vergunningplicht.yaml"
    pytester.makepyfile(SCENARIO % casus)
    kort = pytester.runpytest("-m", "iteratie1", "-p", "no:cacheprovider").stdout.str()
    assert "Bevinding in test_" in kort and "verwacht: alle activiteiten" in kort and "gezien:   bijlage" in kort
    assert "Traceback" not in kort and "def speel_casus" not in kort and "raise " not in kort
    lang = pytester.runpytest("-m", "iteratie1", "--tb=long", "-p", "no:cacheprovider").stdout.str()
    assert "def speel_casus" in lang or "raise " in lang


def test_no_bsn_in_clear_in_the_report_the_trace_or_the_workbook(pytester: pytest.Pytester, tmp_path: Path) -> None:
    casus = ROOT / "scenarios" / "casussen" / "iteratie1" / "kappen-boom-vergunningplicht.yaml"
    bsn = "999990019"
    assert bsn.encode() in casus.read_bytes()  # the initiatiefnemer's BSN travels in the indienbericht and STAM
    pytester.makepyfile(
        SCENARIO % casus
        + "\n\n@pytest.mark.iteratie1\ndef test_goed(keten: Keten):\n"
        + f"    speel_casus(keten, laad_casus(pathlib.Path(r'{casus}')))\n"
    )
    resultaten, werkboek = tmp_path / "allure", tmp_path / "bevindingen.xlsx"
    result = pytester.runpytest("-m", "iteratie1", f"--alluredir={resultaten}", f"--bevindingen={werkboek}")
    result.assert_outcomes(failed=1, passed=1, deselected=1)
    bestanden = [p for p in resultaten.iterdir() if p.is_file()]
    uitslagen = [json.loads(p.read_text(encoding="utf-8")) for p in resultaten.glob("*-result.json")]
    epics = {u["name"]: [lab["value"] for lab in u["labels"] if lab["name"] == "epic"] for u in uitslagen}
    assert epics == {"Een VTH dat een bijlage laat vallen": ["Iteratie 1"], "test_goed": ["Iteratie 1"]}
    stories = {u["name"]: [lab["value"] for lab in u["labels"] if lab["name"] == "story"] for u in uitslagen}
    assert stories["Een VTH dat een bijlage laat vallen"] == [
        "Stap 9: Verzoeknotificatie via Digikoppeling ontvangen, verzoek en bijlagen ophalen: zaak in het VTH-systeem"
    ]
    gelezen = b"".join(p.read_bytes() for p in bestanden)
    assert len(bestanden) > 20 and b"STAM" in gelezen and b"******019" in gelezen
    assert bsn.encode() not in gelezen
    assert bsn not in str(list(load_workbook(werkboek).active.iter_rows(values_only=True)))
    assert bsn not in result.stdout.str()


def test_a_broken_profile_stops_the_run_with_one_dutch_message(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        "\n".join(f"def test_{i}(keten):\n    pass\n" for i in range(5))  # five scenarios that need the keten
    )
    (pytester.path / "ketentest.toml").write_text('[profielen.kapot]\nsoort = "served"\n', encoding="utf-8")
    result = pytester.runpytest("--keten-omgeving", "kapot", "--keten-profiel", "ketentest.toml")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    uitvoer = result.stdout.str() + result.stderr.str()
    assert uitvoer.count("KT-PROFIEL") == 1 and "dso_lv.url" in uitvoer
    assert "Traceback" not in uitvoer and "Value error" not in uitvoer and "4. Profiel" in uitvoer


def test_the_scenarios_run_in_parallel_with_xdist() -> None:
    """pytest -n 2: each worker builds its own offline keten; the Dutch summary still counts every scenario."""
    import subprocess
    import sys

    r = subprocess.run(
        [sys.executable, "-m", "pytest", "scenarios/iteratie1", "-n", "2", "-q", "-p", "no:cacheprovider"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stdout[-2000:]
    assert "6 passed" in r.stdout and "bringing up nodes" in r.stdout  # xdist's own line: really in parallel
    assert "Iteratie 1: 6 geslaagd, 0 bevinding(en), 0 gebroken" in r.stdout


STAPPEN_SCENARIO = """
import pytest
from tests.bouwstenen import DATA, ROOT

@pytest.mark.iteratie1
@pytest.mark.stap5
@pytest.mark.stap7
def test_markers(keten):
    with keten.stap(5, "Activiteit toepasbaar maken", partij="RTR"):
        pass
    with keten.stap(6, "Regels verifiëren", partij="RTR"):
        pass
"""


def test_stap_markers_must_match_the_steps_a_scenario_ran(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(STAPPEN_SCENARIO)
    streng = pytester.runpytest("--strikte-stapmarkers")
    streng.assert_outcomes(failed=1)
    streng.stdout.fnmatch_lines(["*KT-STAPMARKERS*liep stap 5, 6; marker ontbreekt: stap6; marker zonder stap: stap7*"])
    los = pytester.runpytest()  # without the option: the scenario passes, the mismatch is listed at the end
    los.assert_outcomes(passed=1)
    los.stdout.fnmatch_lines(["*Stapmarkers kloppen niet met de gelopen stappen*", "*marker ontbreekt: stap6*"])


def test_opnemen_writes_a_cassette_with_only_what_real_parties_said(pytester: pytest.Pytester, tmp_path: Path) -> None:
    """Offline every party is a mock: the cassette has its header (the profile, the organisations) and no exchange."""
    casus = ROOT / "scenarios" / "casussen" / "iteratie1" / "kappen-boom-toestemmingsvrij.yaml"
    pytester.makepyfile(SCENARIO % casus)
    map_ = tmp_path / "opname"
    pytester.runpytest("-m", "iteratie1", f"--opnemen={map_}", "-p", "no:cacheprovider")
    (bestand,) = map_.glob("cassette*.jsonl")
    kop, *wissels = [json.loads(r) for r in bestand.read_text(encoding="utf-8").splitlines()]
    assert (kop["cassette"], kop["profiel"], len(kop["organisaties"]), wissels) == (1, "offline", 5, [])
