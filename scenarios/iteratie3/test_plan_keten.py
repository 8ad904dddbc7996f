"""Iteratie 3 – de plan keten: omgevingsplan opstellen, valideren en publiceren bij de LVBB, controleren in
OZON en de functionele structuur, en daarna stap 5–9 op de activiteit uit het plan.

The happy path plays ``plan-kappen-boom-made.yaml`` and checks what is specific to it (the trace's order,
the map-aware vergunningcheck, the STAM activity id); every casus file in ``casussen/iteratie3/`` — each
LVBB/OZON melding code a negative case a beheerder can add without Python — is played as its own scenario.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import allure
import pytest

from chain_tests import Keten, casussen, laad_casus, scenario_titel, speel_casus
from scenarios._casusparams import casus_param

CASUSSEN = Path(__file__).parents[1] / "casussen" / "iteratie3"
HAPPY = CASUSSEN / "plan-kappen-boom-made.yaml"
pytestmark = [pytest.mark.iteratie3]


def _eerste(keten: Keten, van: str, soort: str) -> datetime:
    """When the first such message was sent (served, the mocks' own trace lines are merged in later, so
    their volgnummers do not follow time)."""
    return next(r.tijd for r in keten.omgeving.trace.regels if r.van.startswith(van) and r.soort == soort)


@allure.feature("Plansoftware → LVBB → OZON → RTR → Omgevingsloket → VTH-systeem")
@allure.title("Omgevingsplan Drimmelen: gepubliceerd, in OZON en de functionele structuur, toepasbaar, aangevraagd")
@pytest.mark.stap1
@pytest.mark.stap2
@pytest.mark.stap3
@pytest.mark.stap4
@pytest.mark.stap5
@pytest.mark.stap6
@pytest.mark.stap7
@pytest.mark.stap8
@pytest.mark.stap8a
@pytest.mark.stap8b
@pytest.mark.stap9
def test_plan_keten_van_stap_1_tot_en_met_9(keten: Keten) -> None:
    casus = laad_casus(HAPPY)
    uitkomst = speel_casus(keten, casus)

    assert uitkomst.zaak is not None and uitkomst.plan is not None
    assert casus.plan is not None
    assert uitkomst.zaak.activiteiten == [casus.plan.activiteiten[0].id]  # the STAM activity is the plan's
    volgorde = [
        _eerste(keten, "Plansoftware", "ebMS2-bericht"),
        _eerste(keten, "LVBB", "publicatie doorleveren"),
        _eerste(keten, "OZON", "functionele structuur bijwerken"),
        _eerste(keten, "Regelsoftware", "activiteit toepasbaar maken"),
        _eerste(keten, "DSO landelijke voorzieningen", "ebMS2-bericht"),
    ]
    assert volgorde == sorted(volgorde)


@allure.feature("Casus van de functioneel beheerder (iteratie 3)")
@pytest.mark.parametrize("pad", [casus_param(p) for p in casussen(CASUSSEN)])
def test_casus_iteratie3(keten: Keten, pad: Path) -> None:
    scenario_titel(pad.stem)
    casus = laad_casus(pad)
    scenario_titel(casus.titel)
    uitkomst = speel_casus(keten, casus)

    assert uitkomst.plan is not None
    codes = {m.code for lev in uitkomst.plan.leveringen.values() for v in lev.verslagen for m in v.meldingen}
    assert set(casus.verwacht.meldingen) <= codes
    assert (uitkomst.zaak is not None) == (casus.verwacht.uitkomst == "zaak")
