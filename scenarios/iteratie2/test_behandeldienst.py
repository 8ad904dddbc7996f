"""Iteratie 2 – behandeldienst: routering naar de omgevingsdienst en doorzetten (stap 8–10)."""

from __future__ import annotations

import allure
import pytest

from chain_tests import Keten, speel_casus
from scenarios.iteratie2._hulp import casus

pytestmark = [
    pytest.mark.iteratie2,
    *(getattr(pytest.mark, f"stap{n}") for n in (5, 6, 7, 8, 9, 10)),
    pytest.mark.stap8a,
    pytest.mark.stap8b,
]


@allure.feature("Verzoeksroutering → behandeldienst")
@allure.title(
    "Behandeldienst: de OMWB ontvangt het verzoek en maakt de zaak; de gemeente ziet de routering, zonder dubbele zaak"
)
def test_behandeldienst_ontvangt_het_verzoek(keten: Keten) -> None:
    uitkomst = speel_casus(keten, casus("kappen-boom-behandeldienst"))

    omwb = keten.config.organisatie("OMWB")
    zaak = uitkomst.zaak
    assert zaak is not None and zaak.uitvoerende_instantie == omwb.oin
    notificaties = [r for r in keten.omgeving.trace.regels if r.ids.get("Action") == "Verzoeknotificatie"]
    assert [r.naar for r in notificaties] == [f"VTH-systeem {omwb.naam}"]


@allure.feature("Verzoek afhandelen → doorzetten")
@pytest.mark.vereist("doorzetten")
@allure.title(
    "Doorzetten: een verzoek dat bij de gemeente is binnengekomen gaat naar de OMWB; de zaak legt de overdracht vast"
)
def test_doorzetten_naar_behandeldienst(keten: Keten) -> None:
    uitkomst = speel_casus(keten, casus("iteratie1/kappen-boom-vergunningplicht"))
    drimmelen, omwb = keten.config.organisatie("Drimmelen"), keten.config.organisatie("OMWB")
    assert uitkomst.zaak is not None and uitkomst.indiening is not None

    overgedragen = keten.zet_door(uitkomst.zaak, drimmelen, omwb)
    zaak_od = keten.wacht_op_zaak(uitkomst.indiening, drimmelen, behandelaar=omwb)
    keten.controleer_zaak(zaak_od, uitkomst.indiening, drimmelen, behandelaar=omwb)
    keten.controleer_routering(uitkomst.indiening, drimmelen, omwb)

    assert overgedragen.status == "overgedragen" and overgedragen.overgedragen_aan == omwb.oin
    assert zaak_od.verzoeknummer == uitkomst.zaak.verzoeknummer and zaak_od.uitvoerende_instantie == omwb.oin
