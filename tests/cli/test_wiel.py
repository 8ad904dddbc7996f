"""A supplier installs a tool, not a clone: the wheel (python -m build) installed into a fresh venv outside the
checkout gives the ``ketentest`` command, which plays the shipped scenarios and casus files from there and names
its version in the report's environment."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path
from xml.etree import ElementTree

import pytest

from chain_tests.versie import __version__
from tests.bouwstenen import ROOT


@pytest.fixture(scope="module")
def geinstalleerd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    map_ = tmp_path_factory.mktemp("wiel")
    bouw = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(map_ / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert bouw.returncode == 0, bouw.stdout[-2000:] + bouw.stderr[-2000:]
    (wiel,) = (map_ / "dist").glob("ketentest-*.whl")
    venv.create(map_ / "venv", with_pip=True)
    pip = subprocess.run(
        [str(map_ / "venv" / "bin" / "pip"), "install", "--quiet", str(wiel)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert pip.returncode == 0, pip.stderr[-3000:]
    return map_ / "venv" / "bin" / "ketentest"


def test_the_installed_command_plays_the_shipped_scenarios_outside_the_checkout(
    geinstalleerd: Path, tmp_path: Path
) -> None:
    assert subprocess.run([str(geinstalleerd), "--version"], capture_output=True, text=True).stdout.strip() == (
        f"ketentest {__version__}"
    )
    r = subprocess.run(
        [str(geinstalleerd), "keten", "-m", "iteratie1"], cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "Iteratie 1: 7 geslaagd, 0 bevinding(en), 0 gebroken" in r.stdout
    assert str(ROOT) not in r.stdout  # played from the installed package, not from this checkout
    gevallen = list(ElementTree.parse(tmp_path / "reports" / "junit.xml").getroot().iter("testcase"))
    assert len(gevallen) == 7
    omgeving = (tmp_path / "reports" / "allure-results" / "environment.properties").read_text(encoding="utf-8")
    assert f"ketentest={__version__}" in omgeving and "keten-omgeving=offline" in omgeving


def test_the_installed_command_says_in_dutch_what_is_wrong(geinstalleerd: Path, tmp_path: Path) -> None:
    r = subprocess.run(
        [str(geinstalleerd), "preflight", "--omgeving", "bestaat-niet"], cwd=tmp_path, capture_output=True, text=True
    )
    assert r.returncode == 2 and "Onbekende keten-omgeving 'bestaat-niet'" in r.stderr and "Traceback" not in r.stderr


def test_started_outside_the_venv_it_says_what_to_run(tmp_path: Path) -> None:
    """``python -m chain_tests`` with a Python that lacks the dependencies says in Dutch what to run."""
    r = subprocess.run(
        [
            "/usr/bin/env",
            "-i",
            "PATH=/usr/bin:/bin",
            sys.base_prefix + "/bin/python3",
            "-m",
            "chain_tests",
            "preflight",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2 and "de module 'httpx' ontbreekt" in r.stderr
    assert "make install" in r.stderr and ".venv/bin/python -m chain_tests" in r.stderr and "Traceback" not in r.stderr
