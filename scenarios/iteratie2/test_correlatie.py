"""Iteratie 2 – bevinding 3: aanvulling en intrekking horen bij dezelfde zaak (stap 8–9)."""

from __future__ import annotations

import allure
import pytest

from chain_tests import BijlageBron, Keten, speel_casus
from scenarios.iteratie2._hulp import casus

pytestmark = [
    pytest.mark.iteratie2,
    *(getattr(pytest.mark, f"stap{n}") for n in (5, 6, 7, 8, 9)),
    pytest.mark.stap8a,
    pytest.mark.stap8b,
]


@allure.feature("Bevinding 3: berichten over één verzoek horen bij één zaak")
@allure.title("Aanvulling (volgnummer 2, één document vervangen) en intrekking (volgnummer 3) komen op dezelfde zaak")
def test_aanvulling_en_intrekking_op_dezelfde_zaak(keten: Keten) -> None:
    uitkomst = speel_casus(keten, casus("iteratie1/kappen-boom-vergunningplicht"))
    drimmelen = keten.config.organisatie("Drimmelen")
    assert uitkomst.zaak is not None and uitkomst.indiening is not None
    origineel = {d.naam: d for d in uitkomst.indiening.documenten}

    # The full verzoek again, with the photo replaced by a new version (different content).
    bijlagen = [
        BijlageBron(
            naam=d.naam,
            grootte=d.grootte,
            bijlage_type=d.bijlage_type,
            activiteit_id=d.activiteit_id,
            variant="v2" if d.naam == "foto-boom.jpg" else "",
        )
        for d in origineel.values()
    ]
    aanvulling = keten.vul_aan(uitkomst.indiening, drimmelen, bijlagen)
    zaak2 = keten.wacht_op_zaak(aanvulling, drimmelen, volgnummer=2)
    keten.controleer_zaak(zaak2, aanvulling, drimmelen)

    intrekking = keten.trek_in(aanvulling, drimmelen)
    zaak3 = keten.wacht_op_zaak(intrekking, drimmelen, volgnummer=3)
    keten.controleer_zaak(zaak3, intrekking, drimmelen)

    assert zaak2.zaak_id == zaak3.zaak_id == uitkomst.zaak.zaak_id
    assert aanvulling.verzoeknummers == intrekking.verzoeknummers == uitkomst.indiening.verzoeknummers
    nieuwe_foto = next(b for b in zaak2.bijlagen if b.bestandsnaam == "foto-boom.jpg")
    assert nieuwe_foto.sha256 != origineel["foto-boom.jpg"].sha256
    assert (zaak3.status, zaak3.volgnummer) == ("ingetrokken", 3)
