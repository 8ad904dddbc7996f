"""Configuration as objects: a beheerder configures their own gemeente in the profile (no
Python), profiles load from a given file without touching the environment, schema folders are settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chain_tests.profiel import laad_profiel
from tests.bouwstenen import DRIMMELEN, ROOT

pytest_plugins = ["pytester"]

PROFIEL = """
[profielen.testdorp]
soort = "offline"

[[profielen.testdorp.organisaties]]
naam = "Gemeente Testdorp"
oin = "00000001001234567000"
base_url = "https://vth.testdorp.test"
"""

CASUS = (ROOT / "scenarios/casussen/iteratie1/kappen-boom-vergunningplicht.yaml").read_text(encoding="utf-8")


def test_organisations_come_from_the_profile(tmp_path: Path) -> None:
    pad = tmp_path / "ketentest.toml"
    pad.write_text(PROFIEL, encoding="utf-8")
    voor = dict(os.environ)
    _, profiel = laad_profiel("testdorp", pad)
    assert dict(os.environ) == voor  # loading a profile does not write to the environment
    (org,) = profiel.keten_config().organisaties
    assert (org.naam, org.oin) == ("Gemeente Testdorp", "00000001001234567000")


def test_the_older_section_name_and_variables_are_still_read_under_the_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A profile written before [profielen] ([omgevingen.*], KETENTEST_OMGEVINGEN__…) still loads; where both
    names set a field, [profielen] and KETENTEST_PROFIELEN__ win."""
    pad = tmp_path / "ketentest.toml"
    pad.write_text(
        PROFIEL.replace("profielen.", "omgevingen.")
        + '[omgevingen.oud]\nsoort = "served"\ncertificaat_dagen = 3\n[profielen.oud]\ncertificaat_dagen = 5\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("KETENTEST_OMGEVINGEN__OUD__DSO_LV__URL", "https://oud.test")
    monkeypatch.setenv("KETENTEST_OMGEVINGEN__OUD__BEHEER_TOKEN", "oud")
    monkeypatch.setenv("KETENTEST_PROFIELEN__OUD__BEHEER_TOKEN", "nieuw")
    (org,) = laad_profiel("testdorp", pad)[1].keten_config().organisaties
    assert org.naam == "Gemeente Testdorp"
    _, oud = laad_profiel("oud", pad)
    assert (oud.dso_lv.url, oud.certificaat_dagen) == ("https://oud.test", 5)
    assert oud.beheer_token is not None and oud.beheer_token.get_secret_value() == "nieuw"


def test_a_beheerder_plays_a_casus_for_their_own_gemeente_without_python(pytester: pytest.Pytester) -> None:
    (pytester.path / "ketentest.toml").write_text(PROFIEL, encoding="utf-8")
    casussen = pytester.path / "casussen"
    casussen.mkdir()
    tekst = CASUS.replace("gemeente: Drimmelen", "gemeente: Testdorp").replace(
        "nl.imow-gm1719.activiteit.KappenBoom", "nl.imow-gm1234.activiteit.KappenBoom"
    )
    (casussen / "testdorp.yaml").write_text(tekst, encoding="utf-8")
    pytester.makepyfile(test_casussen=(ROOT / "scenarios" / "test_casussen.py").read_text(encoding="utf-8"))
    result = pytester.runpytest("--keten-omgeving", "testdorp", "-p", "no:cacheprovider", "-v")
    result.assert_outcomes(passed=1)


def test_the_supplier_guides_example_profile_loads_complete(tmp_path: Path) -> None:
    """docs/leveranciersgids.md as written: its toml blocks of profile 'mijnvth' make one valid profile with every
    party and organisation of the werkplaats at a URL."""
    import re

    from chain_tests.config import KetenConfig
    from chain_tests.profiel import laad_profiel

    gids = (ROOT / "docs" / "leveranciersgids.md").read_text(encoding="utf-8")
    blokken = [b for b in re.findall(r"```toml\n(.*?)```", gids, re.S) if "[profielen.mijnvth" in b]
    bestand = tmp_path / "ketentest.toml"
    bestand.write_text("\n".join(blokken), encoding="utf-8")
    _, profiel = laad_profiel("mijnvth", bestand)
    config = profiel.keten_config()
    assert {o.oin for o in KetenConfig().organisaties} == set(profiel.vth)
    assert all(o.base_url.startswith("https://") and "ketentest.test" not in o.base_url for o in config.organisaties)
    assert profiel.grenzen is not None and config.grenzen.lees_seconden == 10
    assert profiel.vth[DRIMMELEN].adapter == "zgw"


def test_pki_als_nodig_keeps_a_valid_test_pki_and_renews_one_near_its_end(tmp_path: Path) -> None:
    from chain_tests.pki import nog_geldig
    from mocks.__main__ import main as mocks_main

    pki = tmp_path / "pki"
    assert not nog_geldig(pki, dagen=14)
    assert mocks_main(["pki", "--map", str(pki), "--als-nodig"]) == 0 and nog_geldig(pki, dagen=14)
    ca = (pki / "ca.pem").read_bytes()
    assert mocks_main(["pki", "--map", str(pki), "--als-nodig"]) == 0
    assert (pki / "ca.pem").read_bytes() == ca  # still valid: kept
    assert not nog_geldig(pki, dagen=31)  # test certificates last 30 days
    from chain_tests.pki import TestCA

    TestCA(pki).certificaat(DRIMMELEN, "Gemeente Drimmelen", DRIMMELEN, dagen=3)
    assert not nog_geldig(pki, dagen=14)
    assert mocks_main(["pki", "--map", str(pki), "--als-nodig"]) == 0 and nog_geldig(pki, dagen=14)


def test_preflight_wacht_waits_for_an_endpoint_that_does_not_answer_then_names_it(tmp_path: Path) -> None:
    import time

    from chain_tests.preflight import wacht_en_controleer
    from chain_tests.profiel import Profiel

    profiel = Profiel.model_validate({"soort": "served", "dso_lv": {"url": "https://127.0.0.1:9"}})
    meldingen: list[str] = []
    start = time.monotonic()
    problemen = wacht_en_controleer(profiel, 1.5, meldingen.append)
    assert time.monotonic() - start >= 1.5 and meldingen and meldingen[0].startswith("Wacht op ")
    assert [p.onbereikbaar for p in problemen] == [True] and "niet bereikbaar" in problemen[0].tekst


def test_preflight_advice_for_a_certificate_near_its_end_fits_its_pki(tmp_path: Path) -> None:
    import datetime as dt

    from chain_tests.pki import TestCA, lees_certificaat
    from chain_tests.preflight import _nieuw_certificaat

    test = TestCA(tmp_path / "t").certificaat("x", "Gemeente", DRIMMELEN, dagen=3)
    echt = TestCA(tmp_path / "p", naam="Staat der Nederlanden Private Services CA - G1").certificaat(
        "x", "Gemeente", DRIMMELEN, dagen=3
    )
    assert "python -m mocks pki" in _nieuw_certificaat(lees_certificaat(test.certificaat))
    assert "PKIoverheid-certificaat" in _nieuw_certificaat(lees_certificaat(echt.certificaat))
    assert dt.datetime.now(dt.UTC) < lees_certificaat(echt.certificaat).not_valid_after_utc
