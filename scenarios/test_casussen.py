"""Every casus file placed directly in scenarios/casussen/ by a functioneel beheerder.

The markers follow the casus: ``iteratieN`` from its ``iteratie`` field and the stap markers of
the path it takes, so ``pytest -m iteratie1`` and ``pytest -m stap9`` select these too.
"""

from __future__ import annotations

from pathlib import Path

import allure
import pytest

from chain_tests.casus import Casus, casussen, laad_casus
from chain_tests.keten import Keten
from chain_tests.scenario import speel_casus

MAP = Path(__file__).parent / "casussen"


def _stappen(casus: Casus) -> list[int]:
    stappen = list(range(5, 10) if casus.verwacht.uitkomst == "zaak" else range(5, 9))
    if any(a.behandeldienst for a in casus.alle_activiteiten()):
        stappen.append(10)
    return stappen


def _params() -> list[object]:
    params = []
    for pad in casussen(MAP):
        casus = laad_casus(pad)
        marks = [getattr(pytest.mark, f"iteratie{casus.iteratie}")]
        marks += [getattr(pytest.mark, f"stap{n}") for n in _stappen(casus)]
        params.append(pytest.param(pad, marks=marks, id=pad.stem))
    return params


@allure.feature("Casus van de functioneel beheerder")
@pytest.mark.parametrize("pad", _params())
def test_casus(keten: Keten, pad: Path) -> None:
    casus = laad_casus(pad)
    allure.dynamic.title(casus.titel)
    uitkomst = speel_casus(keten, casus)
    verwacht_zaak = casus.verwacht.uitkomst == "zaak"
    assert (uitkomst.zaak is not None) == verwacht_zaak
