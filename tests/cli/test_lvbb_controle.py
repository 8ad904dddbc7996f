"""``ketentest lvbb-controle``: a plan software supplier's own package checked as the LVBB mock checks it, without
servers; the real public sanity-check package as the example."""

from __future__ import annotations

from pathlib import Path

import pytest

from chain_tests.cli import main
from chain_tests.standards import lvbb, schemas
from chain_tests.standards.xml import parse_xml

GM9920, AANLEVERAAR = "00000001002564440000", "00000003560458830000"
TOPHAAK = "nl.imow-gm9920.activiteit.ActInOmgevingsplanGem"


@pytest.fixture
def pakket(referentie: Path, tmp_path: Path) -> Path:
    map_ = referentie / "lvbb-testeiland" / "1_Initieel_Besluit"
    doel = tmp_path / "opdracht.zip"
    doel.write_bytes(lvbb.pak_in({p.name: p.read_bytes() for p in sorted(map_.iterdir())}))
    return doel


def _draai(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["lvbb-controle", *args])
    uit = capsys.readouterr()
    return code, uit.out + uit.err


def test_the_real_package_on_its_peildatum_is_refused_only_for_what_ozon_does_not_know(
    pakket: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, tekst = _draai([str(pakket), "--peildatum", "2021-12-01", "--machtiging", f"{AANLEVERAAR}:{GM9920}"], capsys)
    assert code == 1 and "niet-valide" in tekst and "OZON0082" in tekst
    assert "LVBB1512" not in tekst and "LVBB1501" not in tekst


def test_with_what_ozon_knows_the_real_package_is_valide_and_the_verslag_is_the_lvbbs(
    pakket: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bekend = tmp_path / "ozon.txt"
    bekend.write_text(f"# wat OZON al kent\n{TOPHAAK}\n", encoding="utf-8")
    uit = tmp_path / "verslag.xml"
    args = [str(pakket), "--peildatum", "2021-12-01", "--ozon-bekend", str(bekend), "--uit", str(uit)]
    code, tekst = _draai([*args, "--machtiging", f"{AANLEVERAAR}:{GM9920}"], capsys)
    assert code == 0 and ": valide (validatie-voltooid)" in tekst, tekst
    transport = schemas.lvbb_schema()
    assert transport is not None and schemas.validate(transport, parse_xml(uit.read_bytes())) == []
    assert lvbb.lees_resultaat(uit.read_bytes()).voortgang == "validatie-voltooid"


def test_what_it_cannot_check_it_says_and_the_peildatum_and_machtiging_count(
    pakket: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, tekst = _draai([str(pakket), "--peildatum", "2021-12-01"], capsys)
    assert "niet gecontroleerd: de machtiging" in tekst and "niet gecontroleerd: idAanleveraar" in tekst
    code, tekst = _draai([str(pakket), "--peildatum", "2021-12-10", "--machtiging", f"{AANLEVERAAR}:{GM9920}"], capsys)
    assert code == 1 and "LVBB1501" in tekst  # the datumBekendmaking (2021-12-09) is past on that peildatum
    code, tekst = _draai([str(pakket), "--peildatum", "2021-12-01", "--machtiging", f"{GM9920}:{AANLEVERAAR}"], capsys)
    assert code == 1 and "LVBB1512" in tekst  # a machtiging the other way round does not count


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["--machtiging", "123:456"], "twee OIN's van 20 cijfers"),
        (["--peildatum", "gisteren"], "gisteren"),
    ],
)
def test_wrong_arguments_exit_2_with_a_dutch_reason(
    pakket: Path, args: list[str], melding: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, tekst = _draai([str(pakket), *args], capsys)
    assert code == 2 and melding in tekst


def test_a_file_that_is_no_zip_is_behandeling_afgebroken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    geen = tmp_path / "geen.zip"
    geen.write_bytes(b"dit is geen zip")
    code, tekst = _draai([str(geen)], capsys)
    assert code == 1 and "behandeling-afgebroken" in tekst and "LVBB1001" in tekst


def test_a_wijziging_is_checked_against_the_packages_published_before(
    pakket: Path, referentie: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The wijzigingsbesluit on version 1 of the real package: without it published, its was-version does not
    exist (LVBB4015); with ``--gepubliceerd`` it is valid, and the OW objects of the earlier package count as known."""
    from tests.mocks.lvbb.test_echt_pakket import _echt
    from tests.mocks.lvbb.test_register import _wijziging

    wijziging = tmp_path / "wijziging.zip"
    wijziging.write_bytes(lvbb.pak_in(_wijziging()(_echt(referentie))))
    basis = [str(wijziging), "--peildatum", "2021-12-01", "--machtiging", f"{AANLEVERAAR}:{GM9920}"]
    code, tekst = _draai(basis, capsys)
    assert code == 1 and "LVBB4015" in tekst
    bekend = tmp_path / "ozon.txt"
    bekend.write_text(TOPHAAK, encoding="utf-8")
    code, tekst = _draai([*basis, "--gepubliceerd", str(pakket), "--ozon-bekend", str(bekend)], capsys)
    assert code == 0 and ": valide (validatie-voltooid)" in tekst, tekst


def test_an_earlier_package_that_is_missing_or_no_levering_is_named(
    pakket: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, tekst = _draai([str(pakket), "--gepubliceerd", str(tmp_path / "weg.zip")], capsys)
    assert code == 2 and "weg.zip: dat bestand bestaat niet" in tekst
    geen = tmp_path / "geen.zip"
    geen.write_bytes(lvbb.pak_in({"manifest.xml": b"<manifest/>"}))
    code, tekst = _draai([str(pakket), "--gepubliceerd", str(geen)], capsys)
    assert code == 2 and "--gepubliceerd: [LVBB1002] geen opdracht.xml in de levering" in tekst


def test_with_waardelijsten_the_values_are_checked_and_a_broken_file_stops_the_command(
    pakket: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from chain_tests.standards import waardelijsten
    from tests.bouwstenen import TESTWAARDELIJSTEN

    args = [str(pakket), "--peildatum", "2021-12-01", "--machtiging", f"{AANLEVERAAR}:{GM9920}"]
    try:
        bekend = tmp_path / "ozon.txt"
        bekend.write_text(f"{TOPHAAK}\n", encoding="utf-8")
        code, tekst = _draai([*args, "--ozon-bekend", str(bekend)], capsys)
        assert code == 0 and "KETENTEST-WAARDELIJST [informatie" in tekst
        code, tekst = _draai([*args, "--ozon-bekend", str(bekend), "--waardelijsten", str(TESTWAARDELIJSTEN)], capsys)
        assert code == 0 and "KETENTEST-WAARDELIJST" not in tekst
        kapot = tmp_path / "wl.json"
        kapot.write_text("{kapot", encoding="utf-8")
        code, tekst = _draai([*args, "--waardelijsten", str(kapot)], capsys)
        assert code == 2 and "[KT-CONF-WAARDELIJST]" in tekst and "wl.json" in tekst
        code, tekst = _draai([*args, "--waardelijsten", str(tmp_path / "weg.json")], capsys)
        assert code == 2 and "weg.json: dat bestand bestaat niet" in tekst
    finally:
        waardelijsten.configureer(None)
