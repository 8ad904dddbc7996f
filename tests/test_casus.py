"""Casus files: every shipped one loads; broken ones get one clear message naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from chain_tests.casus import laad_casus, parse_grootte
from chain_tests.config import KetenConfig
from chain_tests.errors import ConfiguratieFout
from chain_tests.keten import Keten
from chain_tests.scenario import speel_casus
from tests.bouwstenen import ROOT

GOED = (ROOT / "scenarios" / "casussen" / "iteratie1" / "kappen-boom-toestemmingsvrij.yaml").read_text()


@pytest.mark.parametrize("pad", sorted((ROOT / "scenarios" / "casussen").rglob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_casus_loads(pad: Path) -> None:
    assert laad_casus(pad).titel


def schrijf(tmp_path: Path, tekst: str) -> Path:
    pad = tmp_path / "casus.yaml"
    pad.write_text(tekst, encoding="utf-8")
    return pad


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        (("iteratie: 1", "iteratie: 7"), "iteratie"),
        (("id: nl.imow-gm1719.activiteit.KappenBoom", "id: kappen"), "activiteit.id"),
        (("verwacht: Toestemmingsvrij", "verwacht: Misschien"), "vergunningcheck.verwacht"),
        (("uitkomst: toestemmingsvrij", "uitkomst: zaak"), "(bovenste niveau)"),
        (("gemeente: Drimmelen", "gemeente: Drimmelen\nonbekend_veld: 1"), "onbekend_veld"),
    ],
)
def test_broken_casus_names_the_field(tmp_path: Path, wijziging: tuple[str, str], veld: str) -> None:
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(schrijf(tmp_path, GOED.replace(*wijziging)))
    tekst = str(info.value)
    assert info.value.code == "KT-CASUS-VELD" and f"  - {veld}:" in tekst and "casus.yaml" in tekst
    assert "beheerdersgids" in tekst


def test_yaml_syntax_error_is_explained(tmp_path: Path) -> None:
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(schrijf(tmp_path, "titel: [niet gesloten\n"))
    assert info.value.code == "KT-CASUS-YAML" and "(regel 2, kolom 1)" in str(info.value)


def test_not_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(ConfiguratieFout, match="YAML-mapping"):
        laad_casus(schrijf(tmp_path, "- een lijst\n"))


def test_bijlage_needs_exactly_one_content_source(tmp_path: Path) -> None:
    tekst = GOED.replace(
        "verwacht:\n  uitkomst: toestemmingsvrij",
        "aanvraag:\n  bijlagen:\n    - {naam: a.pdf}\nverwacht:\n  uitkomst: toestemmingsvrij",
    )
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(schrijf(tmp_path, tekst))
    assert "aanvraag.bijlagen[1]" in str(info.value) and "grootte" in str(info.value)


@pytest.mark.parametrize(
    ("tekst", "bytes_"), [("250 KiB", 256000), ("3 MB", 3_000_000), ("1024", 1024), ("2,5 MiB", 2621440)]
)
def test_sizes(tekst: str, bytes_: int) -> None:
    assert parse_grootte(tekst) == bytes_


def test_unknown_size_unit() -> None:
    with pytest.raises(ValueError, match="250 KiB"):
        parse_grootte("12 parsec")


def test_unknown_question_lists_the_known_ones(tmp_path: Path, keten: Keten) -> None:
    pad = schrijf(tmp_path, GOED.replace("antwoorden: {kappen: true,", "antwoorden: {kapen: true,"))
    with pytest.raises(ConfiguratieFout) as info:
        speel_casus(keten, laad_casus(pad))
    assert "vergunningcheck.antwoorden.kapen" in str(info.value) and "Wilt u een boom kappen?" in str(info.value)


def test_unknown_gemeente_lists_the_configured_ones() -> None:
    with pytest.raises(ConfiguratieFout) as info:
        KetenConfig().organisatie("Breda")
    assert "Gemeente Drimmelen (00000001001719001000)" in str(info.value)


def test_missing_rule_file_is_explained(tmp_path: Path, keten: Keten) -> None:
    tekst = (ROOT / "scenarios" / "casussen" / "lelystad-niet-van-toepassing.yaml").read_text()
    with pytest.raises(ConfiguratieFout) as info:
        speel_casus(keten, laad_casus(schrijf(tmp_path, tekst)))
    assert info.value.code == "KT-CASUS-BESTAND" and "relatief aan de map" in str(info.value)


def test_stap_8_is_marked_in_its_halves_so_minus_m_stap8a_and_stap8b_select() -> None:
    """-m stap8a selects the vergunningcheck, -m stap8b submitting: a casus that stops after the check has 8a only."""
    from chain_tests.casus import stapmarkers

    map_ = ROOT / "scenarios" / "casussen"
    vrij = stapmarkers(laad_casus(map_ / "iteratie1" / "kappen-boom-toestemmingsvrij.yaml"))
    plicht = stapmarkers(laad_casus(map_ / "iteratie1" / "kappen-boom-vergunningplicht.yaml"))
    assert "stap8a" in vrij and "stap8b" not in vrij and "stap9" not in vrij
    assert {"stap8", "stap8a", "stap8b", "stap9"} <= set(plicht)


def test_a_casus_that_does_not_load_is_broken_once_in_its_own_iteratie(tmp_path: Path) -> None:
    """A broken casus file counts once: in the iteratie it names, not as '1 gebroken' in each of the three."""
    from chain_tests.casus import iteraties_in

    kapot = GOED.replace("gemeente: Drimmelen", "gemeente: Drimmelen\nonbekend: 1").replace(
        "iteratie: 1", "iteratie: 2"
    )
    assert iteraties_in(schrijf(tmp_path, kapot)) == (2,)
    assert iteraties_in(schrijf(tmp_path, "titel: [niet gesloten\n")) == (1, 2, 3)  # nothing to read


def test_an_organisation_almost_named_right_is_suggested() -> None:
    with pytest.raises(ConfiguratieFout) as info:
        KetenConfig().organisatie("Drimelen")
    assert info.value.code == "KT-CONF-ORG" and "bedoelt u 'Gemeente Drimmelen'?" in str(info.value)
    with pytest.raises(ConfiguratieFout) as info:
        KetenConfig().organisatie("Xyzzy")
    assert "bedoelt u" not in str(info.value)
