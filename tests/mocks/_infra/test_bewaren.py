"""Bounded retention: the mocks keep the newest ``Grenzen.bewaar_verzoeken`` verzoeken and
zaken and forget the oldest, so a long run stays flat; what is still under way is never forgotten."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from chain_tests.belasting import belast
from chain_tests.casus import Casus
from chain_tests.config import Grenzen, KetenConfig
from chain_tests.keten import Keten
from chain_tests.offline import OfflineKeten
from chain_tests.scenario import speel_casus
from chain_tests.trace import Trace
from mocks._infra.bewaren import begrens, begrens_lijst
from tests.bouwstenen import DRIMMELEN


def test_begrens_drops_the_oldest_first() -> None:
    d = {str(i): i for i in range(12)}
    weg: list[int] = []
    begrens(d, 10, weg.append)
    assert list(d) == [str(i) for i in range(2, 12)] and weg == [0, 1]
    lijst = list(range(12))
    begrens_lijst(lijst, 10)
    assert lijst == list(range(2, 12))


def test_the_mocks_keep_only_the_newest_verzoeken(casus: Callable[[str], Casus]) -> None:
    omgeving = OfflineKeten(KetenConfig(grenzen=Grenzen(bewaar_verzoeken=10)))
    try:
        keten = Keten(omgeving)
        uitkomst = speel_casus(keten, casus("kappen-boom-vergunningplicht"))
        assert uitkomst.indiening is not None
        aanvraag = uitkomst.indiening.aanvraag
        klein = dataclasses.replace(
            aanvraag, bijlagen=[dataclasses.replace(b, grootte=1024) for b in aanvraag.bijlagen]
        )
        drimmelen = keten.config.organisatie(DRIMMELEN)
        for _ in range(24):
            indiening = keten.dien_in(klein)
            zaak = keten.wacht_op_zaak(indiening, drimmelen)
            keten.controleer_zaak(zaak, indiening, drimmelen)  # the newest still whole
        dso, vth, lz = omgeving.mocks.dso, omgeving.mocks.vths[DRIMMELEN], omgeving.mocks.lopende_zaken
        assert len(dso.register.versies) == 10 and "3000025" in dso.register.versies
        assert "3000001" not in dso.register.versies  # the oldest is forgotten
        assert len(dso.bezorger.outbox) <= 10 and len(dso.afhandelen_mock.opgehaald) <= 10
        assert len(vth.zaken) == 10 and len(vth.verwerkt) <= 10 and len(vth.ontvangen_ids) <= 10
        assert len(lz.zaken) <= 10 and len(lz.referenties) <= 10
    finally:
        omgeving.sluit()


def test_a_load_run_with_a_small_bound_still_ends_every_verzoek_as_one_zaak() -> None:
    uitslag = belast(40, 0.0, 1, bewaar=10)
    assert (uitslag.verzoeken, uitslag.zaken, uitslag.dubbel, uitslag.verloren) == (40, 40, 0, 0)


def test_a_bounded_trace_keeps_the_newest_lines_and_keeps_counting() -> None:
    trace = Trace(max_regels=5, bodies_bewaard=1000)
    for i in range(12):
        trace.voeg_toe(
            van="a", naar="b", soort="x", methode="GET", pad=f"/{i}", status=200, ids={},
            bytes_verzonden=100, bytes_ontvangen=0, verzoek=b"x" * 100,
        )  # fmt: skip
    assert [r.volgnummer for r in trace.regels] == [8, 9, 10, 11, 12] and trace.laatste == 12
    assert [r.volgnummer for r in trace.sinds(10)] == [11, 12]
    assert trace._bytes == sum(len(r.verzoek or b"") for r in trace.regels) == 500
