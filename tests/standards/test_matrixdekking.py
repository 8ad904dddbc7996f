"""docs/validatiematrix.md is the code's own account of the validatiematrix: generated, and held to the code."""

from __future__ import annotations

from pathlib import Path

from chain_tests.standards import matrixdekking
from chain_tests.standards.meldingcodes import regels
from tests.bouwstenen import ROOT


def test_the_table_in_the_docs_is_the_one_the_code_gives() -> None:
    op_schijf = (ROOT / "docs" / "validatiematrix.md").read_text(encoding="utf-8")
    assert op_schijf == matrixdekking.markdown(), "draai: python -m chain_tests.standards.matrixdekking"


def test_a_code_in_the_source_counts_as_implemented_and_its_absence_does_not(tmp_path: Path) -> None:
    (tmp_path / "mocks").mkdir()
    (tmp_path / "chain_tests").mkdir()
    (tmp_path / "mocks" / "x.py").write_text('melding("LVBB1001")\nmelding("GEOMETRY.03.5")\nniet = "XYZW1234"\n')
    gebruikt = matrixdekking.gebruikt(tmp_path)
    assert gebruikt == {"LVBB1001", "GEOMETRY.03.5"}
    assert matrixdekking.status("LVBB1001", gebruikt) == "geïmplementeerd"
    assert matrixdekking.status("LVBB1002", gebruikt) == "nog niet"
    toestand = next(c for c, r in regels().items() if r.categorie == "RegelingVersie/Toestand")
    assert matrixdekking.status(toestand, gebruikt).startswith("niet in een mock: de consolidatie")


#: implemented codes without a negative package yet (a ratchet: the test fails when one gets one, or a new one lacks it)
ZONDER_NEGATIEF: set[str] = set()


def test_every_implemented_code_has_a_negative_case_in_the_tests_or_casussen() -> None:
    bronnen = [*(ROOT / "tests").rglob("*.py"), *(ROOT / "scenarios").rglob("*.yaml")]
    tekst = "".join(p.read_text(encoding="utf-8") for p in bronnen if p.name != "test_matrixdekking.py")
    zonder = {c for c in matrixdekking.gebruikt() if c not in tekst}
    assert zonder == ZONDER_NEGATIEF


def test_a_rule_the_matrix_drops_or_ozon_does_not_run_is_no_work_left() -> None:
    """The matrix's own columns: 'Verwijderd' (this version drops the rule), 'Geïmplementeerd: Nee' (OZON does not
    run it); a mock that imitates OZON leaves those out, and the table says why."""
    assert matrixdekking.status("GEOMETRY.03.5", set()) == matrixdekking.VERVALLEN
    assert matrixdekking.status("OZON0201", set()) == matrixdekking.NIET_IN_OZON
    assert matrixdekking.status("OZON0201", {"OZON0201"}) == "geïmplementeerd"
    assert matrixdekking.status("OZON0017", set()) == "nog niet"


def test_a_rule_not_yet_implemented_says_why_where_a_group_shares_a_reason() -> None:
    assert matrixdekking.status("LVBB1559", set()).startswith("nog niet: een afbreekregel")
    assert matrixdekking.status("LVBB4713", set()).startswith("nog niet: een afbreekregel")
    assert matrixdekking.status("LVBB4737", set()).startswith("nog niet: de STOP-waardelijsten")
    assert matrixdekking.status("LVBB1553", {"LVBB1553"}) == "geïmplementeerd"
    assert matrixdekking.status("LVBB4750", set()) == "nog niet"  # no shared reason: plainly not yet
    assert matrixdekking.status("LVBB1580", set()) == "nog niet"  # the patterns match whole codes only


def test_a_rule_of_a_part_the_mocks_do_not_imitate_says_which_part() -> None:
    assert matrixdekking.status("LVBB1572", set()).startswith("niet in een mock: de interne processtappen van de LVBB")
    assert matrixdekking.status("OZON0216", set()) == (
        "niet in een mock: de registratie van bestuurlijke gebieden, die ketentest niet nabootst"
    )
    assert matrixdekking.status("LVBB1574", set()).startswith("nog niet: het doorleveren")  # 157[1-3] only


def test_the_table_naming_a_code_to_say_why_is_not_an_implementation(tmp_path: Path) -> None:
    (tmp_path / "mocks").mkdir()
    (tmp_path / "chain_tests").mkdir()
    (tmp_path / "chain_tests" / "matrixdekking.py").write_text('WAAROM = {r"OZON0216": "x"}\n')
    (tmp_path / "chain_tests" / "ander.py").write_text('melding("OZON0219")\n')
    assert matrixdekking.gebruikt(tmp_path) == {"OZON0219"}
