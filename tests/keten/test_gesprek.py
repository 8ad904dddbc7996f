"""The keten's conversation, pinned: for a scenario of each iteratie, every message in order as the trace
(and so the trace table and the sequence diagram in the report) shows it — who, to whom, what kind, which
status. A change in who talks to whom, or in how a party or a message is named, shows up here for review
(``pytest --snapshot-update``)."""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from chain_tests import BijlageBron, Keten, laad_casus, speel_casus
from chain_tests.trace import TraceRegel
from tests.bouwstenen import ROOT

CASUSSEN = ROOT / "scenarios" / "casussen"


def _regel(r: TraceRegel) -> str:
    actie = f" {r.ids['Action']}" if "Action" in r.ids else ""
    return f"{r.van} → {r.naar}: {r.soort}{actie} ({r.methode} {r.status})"


def _gesprek(regels: list[TraceRegel]) -> str:
    """One line per message; a run of the same message (polling) counts once, with how often."""
    uit: list[list[object]] = []
    for r in regels:
        tekst = _regel(r)
        if uit and uit[-1][0] == tekst:
            uit[-1][1] = int(str(uit[-1][1])) + 1
        else:
            uit.append([tekst, 1])
    return "\n".join(f"{t}" + (f"  ×{n}" if n != 1 else "") for t, n in uit)


@pytest.mark.parametrize(
    "casus",
    [
        "iteratie1/kappen-boom-vergunningplicht",
        "iteratie2/kappen-boom-behandeldienst",
        "iteratie3/plan-kappen-boom-made",
    ],
)
def test_the_conversation_of_a_scenario(keten: Keten, casus: str, snapshot: SnapshotAssertion) -> None:
    speel_casus(keten, laad_casus(CASUSSEN / f"{casus}.yaml"))
    assert _gesprek(keten.omgeving.trace.regels) == snapshot


def test_the_conversation_of_an_advice(keten: Keten, snapshot: SnapshotAssertion) -> None:
    uitkomst = speel_casus(keten, laad_casus(CASUSSEN / "iteratie1/kappen-boom-vergunningplicht.yaml"))
    assert uitkomst.zaak is not None
    begin = len(keten.omgeving.trace.regels)
    d, g = keten.config.organisatie("Drimmelen"), keten.config.organisatie("Geertruidenberg")
    vraag = keten.vraag_advies(d, uitkomst.zaak.verzoeknummer, g, "VT", [(BijlageBron(naam="a.pdf", grootte=10), "RV")])
    keten.ontvang_adviesvraag(vraag)
    keten.controleer_advies(vraag, keten.lever_advies(vraag, BijlageBron(naam="advies.pdf", grootte=10)))
    keten.controleer_afscherming(vraag, keten.config.organisatie("Lelystad"))
    keten.trek_adviesvraag_in(
        keten.vraag_advies(d, uitkomst.zaak.verzoeknummer, g, "BT", [(BijlageBron(naam="b.pdf", grootte=10), "RV")])
    )
    assert _gesprek(keten.omgeving.trace.regels[begin:]) == snapshot
