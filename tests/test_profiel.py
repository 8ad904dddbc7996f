"""Issue 8 §5 — configuration as objects: a beheerder configures their own gemeente in the profile (no
Python), profiles load from a given file without touching the environment, schema folders are settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chain_tests.profiel import laad_profiel

pytest_plugins = ["pytester"]
ROOT = Path(__file__).parents[1]

PROFIEL = """
[omgevingen.testdorp]
soort = "offline"

[[omgevingen.testdorp.organisaties]]
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

    gids = (Path(__file__).parents[1] / "docs" / "leveranciersgids.md").read_text(encoding="utf-8")
    blokken = [b for b in re.findall(r"```toml\n(.*?)```", gids, re.S) if "[omgevingen.mijnvth" in b]
    bestand = tmp_path / "ketentest.toml"
    bestand.write_text("\n".join(blokken), encoding="utf-8")
    _, profiel = laad_profiel("mijnvth", bestand)
    config = profiel.keten_config()
    assert {o.oin for o in KetenConfig().organisaties} == set(profiel.vth)
    assert all(o.base_url.startswith("https://") and "ketentest.test" not in o.base_url for o in config.organisaties)
    assert profiel.grenzen is not None and config.grenzen.lees_seconden == 10
    assert profiel.vth["00000001001719001000"].adapter == "zgw"
