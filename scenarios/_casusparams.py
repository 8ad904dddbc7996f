"""One pytest parameter per casus file, with the markers that follow from the casus.

``iteratieN`` from its ``iteratie`` field and a ``stapN`` marker for every step it goes through, so
``pytest -m iteratie3`` and ``pytest -m stap4`` select it. A casus file that does not load is one *broken*
scenario in every iteratie (no selection hides it); the others still run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from chain_tests import ConfiguratieFout, iteraties_in, laad_casus
from chain_tests import stapmarkers as markers_van

F = TypeVar("F", bound=Callable[..., object])


def casus_param(pad: Path) -> object:
    try:
        casus = laad_casus(pad)
    except ConfiguratieFout:  # a broken casus is one broken scenario: in its own iteratie when that can be read
        return pytest.param(pad, marks=[getattr(pytest.mark, f"iteratie{n}") for n in iteraties_in(pad)], id=pad.stem)
    marks = [getattr(pytest.mark, f"iteratie{casus.iteratie}")]
    marks += [getattr(pytest.mark, naam) for naam in markers_van(casus)]
    return pytest.param(pad, marks=marks, id=pad.stem)


def stapmarkers(pad: Path) -> Callable[[F], F]:
    """Decorate a scenario that plays the casus at ``pad`` with the stap markers derived from that casus."""

    def markeer(functie: F) -> F:
        for naam in markers_van(laad_casus(pad)):
            functie = getattr(pytest.mark, naam)(functie)
        return functie

    return markeer
