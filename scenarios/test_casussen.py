"""Every casus file placed directly in scenarios/casussen/ by a functioneel beheerder.

The markers follow the casus: ``iteratieN`` from its ``iteratie`` field and the stap markers of
the path it takes, so ``pytest -m iteratie1`` and ``pytest -m stap9`` select these too. A casus file
that does not load is one *broken* scenario naming the file and the field; the others still run.
"""

from __future__ import annotations

from pathlib import Path

import allure
import pytest

from chain_tests import Casus, ConfiguratieFout, Keten, casussen, laad_casus, speel_casus

MAP = Path(__file__).parent / "casussen"


def _stappen(casus: Casus) -> list[int]:
    stappen = list(range(5, 10) if casus.verwacht.uitkomst == "zaak" else range(5, 9))
    if any(a.behandeldienst for a in casus.alle_activiteiten()):
        stappen.append(10)
    return stappen


def _param(pad: Path) -> object:
    try:
        casus = laad_casus(pad)
    except ConfiguratieFout:  # shown as a broken scenario in every iteratie, so no selection hides it
        return pytest.param(pad, marks=[getattr(pytest.mark, f"iteratie{n}") for n in (1, 2, 3)], id=pad.stem)
    marks = [getattr(pytest.mark, f"iteratie{casus.iteratie}")]
    marks += [getattr(pytest.mark, f"stap{n}") for n in _stappen(casus)]
    return pytest.param(pad, marks=marks, id=pad.stem)


@allure.feature("Casus van de functioneel beheerder")
@pytest.mark.parametrize("pad", [_param(p) for p in casussen(MAP)])
def test_casus(keten: Keten, pad: Path) -> None:
    allure.dynamic.title(pad.stem)
    casus = laad_casus(pad)
    allure.dynamic.title(casus.titel)
    uitkomst = speel_casus(keten, casus)
    verwacht_zaak = casus.verwacht.uitkomst == "zaak"
    assert (uitkomst.zaak is not None) == verwacht_zaak
