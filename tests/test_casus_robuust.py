"""Casus files: hostile YAML is refused before it is played, paths stay inside the casus
folder, activity ids follow IMOW, messages are Dutch and count positions from 1."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from chain_tests.casus import laad_casus
from chain_tests.errors import ConfiguratieFout
from tests.bouwstenen import ROOT

GOED = (ROOT / "scenarios/casussen/iteratie1/kappen-boom-vergunningplicht.yaml").read_text(encoding="utf-8")

BILJOEN = """titel: bom
iteratie: 1
gemeente: Drimmelen
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def schrijf(map_: Path, tekst: str, naam: str = "casus.yaml") -> Path:
    pad = map_ / naam
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(tekst, encoding="utf-8")
    return pad


def test_a_billion_laughs_casus_is_refused_quickly_and_nothing_is_expanded(tmp_path: Path) -> None:
    start = time.perf_counter()
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(schrijf(tmp_path, BILJOEN))
    assert time.perf_counter() - start < 5  # a bound, not a benchmark: the refusal must not expand anything
    assert info.value.code == "KT-CASUS-VIJANDIG" and "YAML-verwijzingen" in str(info.value)


def test_a_few_nested_aliases_as_an_answer_value_are_bounded_by_the_expanded_size(tmp_path: Path) -> None:
    klein = BILJOEN.replace("i: &i", "j: 1\ni: &i").replace("[*h,*h,*h,*h,*h,*h,*h,*h,*h]", "[*h,*h]")
    tekst = klein.split("a: &a")[0] + "x: &a " + klein.split("a: &a")[1]
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(schrijf(tmp_path, tekst))
    assert info.value.code == "KT-CASUS-VIJANDIG"


def test_an_oversized_casus_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(schrijf(tmp_path, GOED + "#" * (1024 * 1024)))
    assert info.value.code == "KT-CASUS-GROOTTE"


@pytest.mark.parametrize("pad", ["../../../etc/passwd", "/etc/passwd", "../buiten.pdf"])
def test_bestand_paths_stay_inside_the_casus_folder(tmp_path: Path, pad: str) -> None:
    casussen = tmp_path / "casussen"
    (tmp_path / "buiten.pdf").write_bytes(b"%PDF")
    tekst = GOED.replace("grootte: 180 KiB", f"bestand: {pad}")
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(schrijf(casussen, tekst))
    tekst_ = str(info.value)
    assert (
        info.value.code == "KT-CASUS-PAD"
        and "aanvraag.bijlagen[1].bestand" in tekst_
        and "buiten de casusmap" in tekst_
    )


def test_a_bestand_path_to_a_sibling_folder_inside_the_casus_root_is_fine(tmp_path: Path) -> None:
    casussen = tmp_path / "casussen"
    (casussen / "bestanden").mkdir(parents=True)
    (casussen / "bestanden" / "tekening.pdf").write_bytes(b"%PDF-1.7")
    tekst = GOED.replace("grootte: 180 KiB", "bestand: ../bestanden/tekening.pdf")
    casus = laad_casus(schrijf(casussen / "iteratie1", tekst))
    assert casus.aanvraag is not None and casus.aanvraag.bijlagen[0].bestand == Path("../bestanden/tekening.pdf")


@pytest.mark.parametrize(
    "activiteit_id",
    [
        "nl.imow-gm1719.activiteit.Kappen#Boom",
        "nl.imow-gm1719.activiteit.Kappen?Boom",
        "nl.imow-gm1719.activiteit.Kappen/Boom",
        "nl.imow-gm1719.activiteit.KappenBoóm",
        "nl.imow-gm1719.activiteit.Kappen’Boom",
        "nl.imow-gm1719.activiteit.Kappen<Boom",
        "nl.imow-gm1719.activiteit.Kappen🌳",
        "nl.imow-gm1719.activiteit." + "a" * 33,
        "nl.imow-xx1719.activiteit.KappenBoom",
        "nl.imow-gm1719.gebied.KappenBoom",
    ],
)
def test_an_activity_id_that_is_not_a_legal_imow_id_is_refused_when_loading(tmp_path: Path, activiteit_id: str) -> None:
    tekst = GOED.replace("id: nl.imow-gm1719.activiteit.KappenBoom", f"id: '{activiteit_id}'")
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(schrijf(tmp_path, tekst))
    assert "activiteit.id: " in str(info.value) and "geen geldige IMOW-identificatie" in str(info.value)


@pytest.mark.parametrize("activiteit_id", ["nl.imow-mnre1034.activiteit.A", "nl.imow-pv30.activiteit.X1y2Z3"])
def test_legal_imow_ids_load(tmp_path: Path, activiteit_id: str) -> None:
    tekst = GOED.replace("id: nl.imow-gm1719.activiteit.KappenBoom", f"id: {activiteit_id}")
    assert laad_casus(schrijf(tmp_path, tekst)).activiteit is not None


def test_messages_are_dutch_count_from_one_and_suggest_the_field_meant(tmp_path: Path) -> None:
    tekst = GOED.replace("      bijlagetype: Foto van de boom", "      bijlagtype: Foto van de boom")
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(schrijf(tmp_path, tekst))
    tekst_ = str(info.value)
    assert "aanvraag.bijlagen[2].bijlagtype: is geen bekend veld (bedoelt u 'bijlagetype'?)" in tekst_
    assert "posities tellen vanaf 1" in tekst_ and "Extra inputs" not in tekst_


def test_a_control_character_in_a_name_is_refused_with_a_melding(tmp_path: Path) -> None:
    tekst = GOED.replace("naam: Kappen van een boom\nregels", 'naam: "Kappen\\x01 van een boom"\nregels')
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(schrijf(tmp_path, tekst))
    assert "activiteit.naam: bevat het stuurteken U+0001" in str(info.value) and "positie 7" in str(info.value)


@pytest.mark.parametrize("grootte", [0, 1, 2**20 - 1, 2**20, 2**20 + 1, 3 * 2**20 + 1])  # around the chunk size
def test_a_generated_bijlage_has_exactly_its_size_and_the_same_bytes_each_time(grootte: int) -> None:
    from chain_tests.keten import BijlageBron

    bron = BijlageBron(naam="x.pdf", grootte=grootte)
    eerste = b"".join(bron.chunks())
    assert len(eerste) == grootte and eerste == b"".join(bron.chunks())
    if grootte:
        assert eerste != b"".join(BijlageBron(naam="x.pdf", grootte=grootte, variant="2").chunks())


@pytest.mark.parametrize("nesting", ["[" * 5000 + "]" * 5000, "{a: " * 3000 + "1" + "}" * 3000], ids=["lijst", "map"])
def test_a_casus_nested_thousands_deep_is_refused_not_a_recursion_error(tmp_path: Path, nesting: str) -> None:
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(schrijf(tmp_path, f"titel: diep\niteratie: 1\ngemeente: Drimmelen\nx: {nesting}\n"))
    assert info.value.code == "KT-CASUS-VIJANDIG" and "niveaus genest (regel 4)" in str(info.value)


def test_a_real_casus_is_not_too_deep(tmp_path: Path) -> None:
    for pad in sorted((ROOT / "scenarios" / "casussen").rglob("*.yaml")):
        laad_casus(pad)  # every shipped casus stays within the bound


def test_a_casus_that_contradicts_its_own_vragenboom_is_the_casus_mistake(tmp_path: Path) -> None:
    """'verwacht: Toestemmingsvrij' where the casus's own rules give Vergunningplicht for its own answers: a casus
    error at load time naming the activity and the rule, never a finding against the Omgevingsloket."""
    tegen = GOED.replace("  verwacht: Vergunningplicht", "  verwacht: Toestemmingsvrij", 1)
    assert tegen != GOED
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(schrijf(tmp_path, tegen))
    assert (
        info.value.code == "KT-CASUS-VERWACHT"
        and "geeft regel" in str(info.value)
        and "'Vergunningplicht'" in str(info.value)
    )
    laad_casus(schrijf(tmp_path, GOED, "goed.yaml"))  # the casus as written is consistent


def test_a_casus_expecting_a_zaak_without_a_bijlage_its_own_rules_require_is_the_casus_mistake(
    tmp_path: Path,
) -> None:
    """A typo in a required bijlagetype ('Situatietekening kapen') would make the loket refuse the aanvraag, a
    finding against the Omgevingsloket; it is a casus error at load time naming line, field and the likely word."""
    tikfout = GOED.replace("bijlagetype: Situatietekening kappen", "bijlagetype: Situatietekening kapen", 1)
    assert tikfout != GOED
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(schrijf(tmp_path, tikfout))
    regel = 1 + tikfout.splitlines().index("      bijlagetype: Situatietekening kapen")
    assert info.value.code == "KT-CASUS-BIJLAGETYPE"
    assert f"regel {regel}, veld aanvraag.bijlagen[1].bijlagetype" in str(info.value)
    assert "Bedoelt u 'Situatietekening kappen'?" in str(info.value)
    weg = GOED.replace("      bijlagetype: Situatietekening kappen\n", "", 1)  # no type near it: the list is named
    with pytest.raises(ConfiguratieFout, match=r"veld aanvraag\.bijlagen, .*'Situatietekening kappen' verplicht"):
        laad_casus(schrijf(tmp_path, weg))


def test_a_casus_expecting_a_refusal_or_adding_an_optional_bijlage_is_no_mistake(tmp_path: Path) -> None:
    """An extra bijlage of a type the rules do not require is fine (the loket takes it); a casus that expects the
    refusal may leave the required one out on purpose."""
    erbij = "    - {naam: extra.pdf, bijlagetype: Iets anders, grootte: 1 KiB}\n"
    extra = GOED.replace("      grootte: 2.5 MiB\n", "      grootte: 2.5 MiB\n" + erbij, 1)
    assert "Iets anders" in extra
    laad_casus(schrijf(tmp_path, extra))
    weigering = GOED.replace("bijlagetype: Situatietekening kappen", "bijlagetype: Toelichting", 1).replace(
        "  uitkomst: zaak", "  uitkomst: geweigerd", 1
    )
    assert "uitkomst: geweigerd" in weigering
    laad_casus(schrijf(tmp_path, weigering))


def test_every_contradiction_of_a_casus_is_named_in_one_melding(tmp_path: Path) -> None:
    beide = GOED.replace("  verwacht: Vergunningplicht", "  verwacht: Toestemmingsvrij", 1).replace(
        "bijlagetype: Situatietekening kappen", "bijlagetype: Situatietekening kapen", 1
    )
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(schrijf(tmp_path, beide))
    tekst = str(info.value)
    assert info.value.code == "KT-CASUS-REGELS"
    assert "veld vergunningcheck.verwacht" in tekst and "veld aanvraag.bijlagen[1].bijlagetype" in tekst


def test_a_casus_in_the_project_is_named_relative_to_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pad = schrijf(tmp_path / "scenarios" / "casussen", "titel: x\n")
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(pad)
    assert str(info.value).startswith("[KT-CASUS-VELD] Casusbestand scenarios/casussen/casus.yaml klopt niet")
    assert str(tmp_path) not in str(info.value)


@pytest.mark.parametrize(
    ("tekst", "plek", "nederlands"),
    [
        ("titel: x\niteratie: 1\n  gemeente: Drimmelen: y\n", "regel 3, kolom 11", "hier staat een ':'"),
        ('titel: "x\niteratie: 1\n', "regel 3, kolom 1", "houdt onverwacht op"),
        ("titel: x\n\tgemeente: y\n", "regel 2, kolom 1", "een tab; YAML springt in met spaties"),
        ("titel: x\nlijst: [a, b\niteratie: 1\n", "regel 3, kolom 9", "een lijst [ … ] is niet goed gesloten"),
        ("titel: x\nvelden:\n  a: 1\n b: 2\n", "regel 4, kolom 2", "de inspringing klopt niet"),
        ("titel: x\n---\ntitel: y\n", "regel 2, kolom 1", "meer dan één document"),
    ],
    ids=["dubbele-punt", "aanhalingsteken", "tab", "lijst", "inspringing", "twee-documenten"],
)
def test_a_yaml_syntax_error_is_said_in_dutch_with_line_and_column(
    tmp_path: Path, tekst: str, plek: str, nederlands: str
) -> None:
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(schrijf(tmp_path, tekst))
    eerste = str(info.value).splitlines()[0]
    assert info.value.code == "KT-CASUS-YAML" and f"({plek})" in eerste and nederlands in eerste, eerste
    assert not any(w in eerste for w in ("found", "expected", "allowed")), eerste  # none of PyYAML's English


def test_a_yaml_problem_the_table_lacks_keeps_its_words_marked() -> None:
    import yaml

    from chain_tests.yamltekst import probleem

    fout = yaml.scanner.ScannerError(problem="something new happened")
    assert probleem(fout) == "something new happened (melding van de YAML-lezer)"
