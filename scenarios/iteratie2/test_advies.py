"""Iteratie 2 – advies aan de buurgemeente via samenwerken (stap 11)."""

from __future__ import annotations

import allure
import pytest

from chain_tests import BijlageBron, Keten, Vertrouwelijkheid, speel_casus
from scenarios.iteratie2._hulp import casus

pytestmark = [
    pytest.mark.iteratie2,
    *(getattr(pytest.mark, f"stap{n}") for n in (5, 6, 7, 8, 9, 11)),
    pytest.mark.stap8a,
    pytest.mark.stap8b,
]

STUKKEN: list[tuple[BijlageBron, Vertrouwelijkheid]] = [
    (BijlageBron(naam="aanvraag-samenvatting.pdf", grootte=120 * 1024), "RV"),
    (BijlageBron(naam="eigendomsgegevens.pdf", grootte=60 * 1024), "SV"),
]


def _ingediend(keten: Keten) -> str:
    uitkomst = speel_casus(keten, casus("iteratie1/kappen-boom-vergunningplicht"))
    assert uitkomst.zaak is not None
    return uitkomst.zaak.verzoeknummer


@allure.feature("Samenwerken → buurgemeente")
@allure.title(
    "Advies met volledige toegang (VT): de buurgemeente ziet ook het strikt vertrouwelijke stuk en levert advies"
)
def test_advies_met_volledige_toegang(keten: Keten) -> None:
    drimmelen, buur = keten.config.organisatie("Drimmelen"), keten.config.organisatie("Geertruidenberg")
    vraag = keten.vraag_advies(drimmelen, _ingediend(keten), buur, "VT", STUKKEN)

    gezien = keten.ontvang_adviesvraag(vraag)
    advies = keten.lever_advies(vraag, BijlageBron(naam="advies-geertruidenberg.pdf", grootte=40 * 1024))
    actieverzoek = keten.controleer_advies(vraag, advies)
    keten.controleer_afscherming(vraag, keten.config.organisatie("Lelystad"))

    assert {d.bestandsnaam for d in gezien} == {"aanvraag-samenvatting.pdf", "eigendomsgegevens.pdf"}
    assert actieverzoek.status == "GEREED" and actieverzoek.resultaat_documenten == [advies.document_id]


@allure.feature("Samenwerken → buurgemeente")
@allure.title(
    "Advies met beperkte toegang (BT): alleen reguliere stukken zichtbaar, het vertrouwelijke stuk wordt geweigerd"
)
def test_advies_met_beperkte_toegang(keten: Keten) -> None:
    drimmelen, buur = keten.config.organisatie("Drimmelen"), keten.config.organisatie("Geertruidenberg")
    vraag = keten.vraag_advies(drimmelen, _ingediend(keten), buur, "BT", STUKKEN)

    gezien = keten.ontvang_adviesvraag(vraag)
    advies = keten.lever_advies(vraag, BijlageBron(naam="advies-beperkt.pdf", grootte=20 * 1024))
    keten.controleer_advies(vraag, advies)

    assert [d.bestandsnaam for d in gezien] == ["aanvraag-samenvatting.pdf"]


@allure.feature("Samenwerken → buurgemeente")
@allure.title("Adviesvraag intrekken: status INGETROKKEN, de buurgemeente kan niet meer gereedmelden")
def test_adviesvraag_intrekken(keten: Keten) -> None:
    drimmelen, buur = keten.config.organisatie("Drimmelen"), keten.config.organisatie("Geertruidenberg")
    vraag = keten.vraag_advies(drimmelen, _ingediend(keten), buur, "BT", STUKKEN[:1])

    actieverzoek = keten.trek_adviesvraag_in(vraag)

    assert actieverzoek.status == "INGETROKKEN"
