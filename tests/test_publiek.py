"""The public surface is pinned (as httpx pins its ``__all__``), and the layer rules are enforced:
a deliberate upward import makes ``lint-imports`` (part of ``make lint``) fail."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import chain_tests
from tests.bouwstenen import ROOT


def test_the_public_surface_is_exactly_this() -> None:
    assert chain_tests.__all__ == [
        "EBMS_GEVALLEN",
        "Aanvraag",
        "AanvraagActiviteit",
        "AanvraagGeweigerd",
        "Adviesvraag",
        "AfhandelenFouten",
        "BijlageBron",
        "Casus",
        "CasusAanvraag",
        "CasusBijlage",
        "CasusUitkomst",
        "ChainTestError",
        "ConfiguratieFout",
        "EbmsGeval",
        "Fouten",
        "Indiening",
        "Keten",
        "KetenBevinding",
        "KetenConfig",
        "LoketFouten",
        "LvbbFouten",
        "MockStoring",
        "OngeldigeInvoer",
        "Organisatie",
        "OzonFouten",
        "Plan",
        "Planfragment",
        "Privilege",
        "RtrFouten",
        "SamenwerkenFouten",
        "Tijden",
        "Verbindingsfout",
        "Vertrouwelijkheid",
        "VthFouten",
        "Zaak",
        "casussen",
        "iteraties_in",
        "laad_casus",
        "scenario_titel",
        "speel_casus",
        "stapmarkers",
        "stappen",
        "vergroot",
    ]
    assert all(hasattr(chain_tests, naam) for naam in chain_tests.__all__)


def _lint_imports(map_: Path) -> subprocess.CompletedProcess[str]:
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(lint), "--no-cache", "--config", "pyproject.toml"],
        cwd=map_,
        env={"PYTHONPATH": str(map_), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def kopie(tmp_path: Path) -> Path:
    for deel in ("chain_tests", "mocks", "scenarios", "tests", "bench", "mutatie"):
        shutil.copytree(ROOT / deel, tmp_path / deel, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_contracts_hold_for_the_code_as_it_is(kopie: Path) -> None:
    result = _lint_imports(kopie)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("bestand", "regel", "gebroken"),
    [
        ("chain_tests/standards/xml.py", "import chain_tests.keten", "Harness layers"),
        ("chain_tests/keten/basis.py", "import chain_tests.plugin", "Harness layers"),
        ("chain_tests/keten/basis.py", "import mocks.vth.partij", "one seam"),
        ("mocks/dso_lv/loket.py", "import chain_tests.served", "Mocks stand beside the harness"),
        ("mocks/lvbb/partij.py", "import mocks.dso_lv.ozon", "independent voorzieningen"),
        ("mocks/digikoppeling/postvak.py", "import mocks.vth.partij", "independent voorzieningen"),
        ("mocks/_infra/routing.py", "import mocks.digikoppeling.ontvangst", "independent voorzieningen"),
        ("scenarios/test_casussen.py", "import mocks.dso_lv.loket", "public surface"),
        ("tests/standards/sttr/test_feel.py", "import scenarios.iteratie2._hulp", "do not import scenarios"),
    ],
)
def test_a_deliberate_upward_import_breaks_a_contract(kopie: Path, bestand: str, regel: str, gebroken: str) -> None:
    pad = kopie / bestand
    pad.write_text(pad.read_text(encoding="utf-8") + f"\n{regel}  # noqa\n", encoding="utf-8")
    result = _lint_imports(kopie)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and gebroken in result.stdout.split("Broken contracts")[-1]
