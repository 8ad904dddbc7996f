"""Shared helpers for the harness's own tests."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from chain_tests.casus import Casus, laad_casus
from chain_tests.keten import Keten
from mocks.omgeving import Fouten

ROOT = Path(__file__).parents[1]
CASUSSEN = ROOT / "scenarios" / "casussen" / "iteratie1"
REFERENCE = Path(os.environ.get("KETENTEST_REFERENTIE", ROOT.parent / "shared" / "reference"))
DRIMMELEN = "00000001001719001000"


@pytest.fixture
def casus() -> Callable[[str], Casus]:
    return lambda naam: laad_casus(CASUSSEN / f"{naam}.yaml")


@pytest.fixture
def faulty_keten(keten_met_fouten: Callable[[Fouten], Keten]) -> Callable[[Fouten], Keten]:
    """Build a keten whose mocks carry deliberate faults (the plugin's factory, typed)."""
    return keten_met_fouten
