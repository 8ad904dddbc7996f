"""Every casus file placed directly in scenarios/casussen/ by a functioneel beheerder.

The markers follow the casus (see :mod:`scenarios._casusparams`), so ``pytest -m iteratie1`` and
``pytest -m stap9`` select these too. A casus file that does not load is one *broken* scenario naming the
file and the field; the others still run.
"""

from __future__ import annotations

from pathlib import Path

import allure
import pytest

from chain_tests import Keten, casussen, laad_casus, scenario_titel, speel_casus
from scenarios._casusparams import casus_param

MAP = Path(__file__).parent / "casussen"


@allure.feature("Casus van de functioneel beheerder")
@pytest.mark.parametrize("pad", [casus_param(p) for p in casussen(MAP)])
def test_casus(keten: Keten, pad: Path) -> None:
    scenario_titel(pad.stem)
    casus = laad_casus(pad)
    scenario_titel(casus.titel)
    uitkomst = speel_casus(keten, casus)
    verwacht_zaak = casus.verwacht.uitkomst == "zaak"
    assert (uitkomst.zaak is not None) == verwacht_zaak
