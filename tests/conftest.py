"""Shared helpers for the harness's own tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from chain_tests.casus import Casus, laad_casus
from chain_tests.keten import Keten
from mocks.omgeving import Fouten, OfflineKeten

ROOT = Path(__file__).parents[1]
CASUSSEN = ROOT / "scenarios" / "casussen" / "iteratie1"
REFERENCE = ROOT.parent / "shared" / "reference"
DRIMMELEN = "00000001001719001000"


@pytest.fixture
def casus() -> Callable[[str], Casus]:
    return lambda naam: laad_casus(CASUSSEN / f"{naam}.yaml")


@pytest.fixture
def faulty_keten() -> Iterator[Callable[[Fouten], Keten]]:
    """Build a keten whose mocks carry deliberate faults."""
    made: list[tuple[OfflineKeten, Keten]] = []

    def make(fouten: Fouten) -> Keten:
        omgeving = OfflineKeten(fouten=fouten)
        made.append((omgeving, Keten(omgeving)))
        return made[-1][1]

    yield make
    for omgeving, keten in made:
        keten.sluit()
        omgeving.sluit()
