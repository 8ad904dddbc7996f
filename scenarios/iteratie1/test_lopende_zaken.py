"""Iteratie 1 – de zaakstatus bij de burger: MijnOverheid Lopende Zaken (werkplaats-bevinding 4).

Every scenario that reaches a zaak already checks that MijnOverheid shows it as *Ontvangen*; this one
follows the zaak to its end: in behandeling, then afgehandeld with a resultaat and an einddatum.
"""

from __future__ import annotations

from pathlib import Path

import allure
import pytest

from chain_tests import Keten, laad_casus, speel_casus

CASUSSEN = Path(__file__).parents[1] / "casussen" / "iteratie1"
pytestmark = [
    pytest.mark.iteratie1,
    *(getattr(pytest.mark, f"stap{n}") for n in (5, 6, 7, 8, 9)),
    pytest.mark.stap8a,
    pytest.mark.stap8b,
]


@allure.feature("VTH-systeem → MijnOverheid Lopende Zaken")
@pytest.mark.vereist("zaakstatus", "lopende_zaken")
@allure.title("Kappen van een boom: de burger ziet de zaak ontvangen, in behandeling en afgehandeld in MijnOverheid")
def test_zaakstatus_van_ontvangen_tot_afgehandeld_bij_mijnoverheid(keten: Keten) -> None:
    uitkomst = speel_casus(keten, laad_casus(CASUSSEN / "kappen-boom-vergunningplicht.yaml"))
    assert uitkomst.zaak is not None and uitkomst.indiening is not None
    drimmelen = keten.config.organisatie("Drimmelen")

    zaak = keten.behandel_zaak(uitkomst.zaak, drimmelen, "in behandeling")
    zaak = keten.behandel_zaak(zaak, drimmelen, "afgehandeld", "Verleend")
    gezien = keten.controleer_lopende_zaken(
        zaak,
        uitkomst.indiening.aanvraag,
        drimmelen,
        ["Ontvangen", "In behandeling", "Afgehandeld (Verleend)"],
        eind=True,
    )

    assert gezien is not None and zaak.einddatum is not None
    assert gezien.einddatum == zaak.einddatum.replace("-", "")  # JJJJMMDD in StUF
    assert gezien.resultaat == "Verleend" and gezien.bsn_gemaskeerd == "******019"
    lk01: list[object] = []
    for _ in range(50):  # served: the VTH records its last send a moment after Lopende Zaken stored it
        keten.omgeving.pomp()
        lk01 = [r for r in keten.omgeving.trace.regels if r.ids.get("Action") == "zakLk01"]
        if len(lk01) >= 3:
            break
        keten.omgeving.wacht(0.1)
    assert len(lk01) == 3 and all(r.status == 202 for r in lk01)  # type: ignore[attr-defined]
