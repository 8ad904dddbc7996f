"""The IMOW waardelijsten reader: Geonovum's JSON shape (our own small file in that shape in tests/data), what a
broken or missing file says, and how a configured file is found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chain_tests import variabelen
from chain_tests.errors import ConfiguratieFout
from chain_tests.standards import waardelijsten
from tests.bouwstenen import TESTWAARDELIJSTEN

S = "http://standaarden.omgevingswet.overheid.nl"


def test_each_list_holds_its_values_and_whether_they_are_deprecated() -> None:
    wl = waardelijsten.lees(TESTWAARDELIJSTEN.read_bytes())
    assert wl.versie == "test-1"
    assert wl.vervallen("idealisatie", f"{S}/idealisatie/id/concept/Exact") is False
    assert wl.vervallen("activiteitregelkwalificatie", f"{S}/activiteitregelkwalificatie/id/concept/Vervallen") is True
    assert wl.vervallen("idealisatie", f"{S}/idealisatie/id/concept/Onbekend") is None
    assert wl.vervallen("bestaat niet", f"{S}/idealisatie/id/concept/Exact") is None


@pytest.mark.parametrize(("waarde", "vervallen"), [(True, True), ("true", True), (" True ", True), ("false", False),
                                                    (False, False), ("", False), (None, False)])  # fmt: skip
def test_deprecated_is_read_as_geonovum_writes_it(waarde: object, vervallen: bool) -> None:
    lijst = {"label": "l", "waarden": {"waarde": [{"uri": "u", "deprecated": waarde}]}}
    data = json.dumps({"waardelijsten": {"versie": "1", "waardelijst": [lijst]}}).encode()
    assert waardelijsten.lees(data).vervallen("l", "u") is vervallen


def test_a_value_without_deprecated_is_current_and_a_file_without_versie_has_none() -> None:
    data = json.dumps({"waardelijsten": {"waardelijst": [{"label": "l", "waarden": {"waarde": [{"uri": "u"}]}}]}})
    wl = waardelijsten.lees(data.encode())
    assert (wl.versie, wl.vervallen("l", "u")) == ("", False)


@pytest.mark.parametrize(
    ("data", "waarom"),
    [(b"{kapot", "JSONDecodeError"), (b'{"lijsten": []}', "veld 'waardelijsten'"),
     (b'{"waardelijsten": {"waardelijst": [{"label": "l"}]}}', "veld 'waarden'"),
     (b'{"waardelijsten": {"waardelijst": [1]}}', "TypeError")],
)  # fmt: skip
def test_a_file_of_another_shape_says_what_is_wrong_and_what_to_do(data: bytes, waarom: str) -> None:
    with pytest.raises(ConfiguratieFout) as fout:
        waardelijsten.lees(data, bron="wl.json")
    assert fout.value.code == "KT-CONF-WAARDELIJST" and waarom in str(fout.value)
    assert str(fout.value).startswith("[KT-CONF-WAARDELIJST] wl.json: geen waardelijsten van Geonovum")
    assert variabelen.WAARDELIJSTEN in fout.value.hint and "TPOD-waardelijsten" in fout.value.hint


def test_a_file_too_large_is_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(waardelijsten, "MAX_BYTES", 10)
    with pytest.raises(ConfiguratieFout, match="groter dan"):
        waardelijsten.lees(b"x" * 11)
    with pytest.raises(ConfiguratieFout, match="JSONDecodeError"):  # ten bytes: read, and not JSON
        waardelijsten.lees(b"x" * 10)


def test_the_file_comes_from_the_setting_else_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(variabelen.WAARDELIJSTEN, raising=False)
    waardelijsten.configureer(None)
    assert waardelijsten.imow() is None and waardelijsten.pad() is None
    monkeypatch.setenv(variabelen.WAARDELIJSTEN, str(TESTWAARDELIJSTEN))
    wl = waardelijsten.imow()
    assert wl is not None and wl.versie == "test-1"
    ander = tmp_path / "ander.json"
    ander.write_text('{"waardelijsten": {"versie": "2", "waardelijst": []}}')
    waardelijsten.configureer(ander)
    try:
        assert waardelijsten.pad() == ander and waardelijsten.imow().versie == "2"  # type: ignore[union-attr]
    finally:
        waardelijsten.configureer(None)


def test_a_configured_file_that_is_not_there_is_named(tmp_path: Path) -> None:
    waardelijsten.configureer(tmp_path / "weg.json")
    try:
        with pytest.raises(ConfiguratieFout, match=r"weg\.json: niet te lezen"):
            waardelijsten.imow()
    finally:
        waardelijsten.configureer(None)


def test_what_a_refusal_says_word_for_word(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfiguratieFout) as fout:
        waardelijsten.lees(b"{kapot")
    assert fout.value.tekst.startswith("waardelijsten: geen waardelijsten van Geonovum (JSONDecodeError: Expecting")
    monkeypatch.setattr(waardelijsten, "MAX_BYTES", 2 * 1024 * 1024)
    with pytest.raises(ConfiguratieFout) as fout:
        waardelijsten.lees(b" " * (2 * 1024 * 1024 + 1), bron="wl.json")
    assert (fout.value.code, fout.value.tekst) == ("KT-CONF-WAARDELIJST", "wl.json: groter dan 2 MiB")
    assert variabelen.WAARDELIJSTEN in fout.value.hint
