"""Progress of long work: nothing for quick work, then a Dutch line at most every few seconds
with what is waited for or sent, how far it got and the deadline; on the pytest terminal."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator

import pytest

from chain_tests import Fouten, OzonFouten, VthFouten
from chain_tests.casus import Casus
from chain_tests.errors import KetenBevinding
from chain_tests.keten import Keten
from chain_tests.offline import OfflineKeten
from chain_tests.reporting import voortgang
from chain_tests.reporting.voortgang import Melder, grootte, stroom
from chain_tests.scenario import speel_casus
from tests.bouwstenen import DRIMMELEN

pytest_plugins = ["pytester"]


class Klok:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def regels() -> Iterator[list[str]]:
    gezien: list[str] = []
    voortgang.zet_uitvoer(gezien.append)
    yield gezien
    voortgang.zet_uitvoer(None)


def test_quick_work_prints_nothing_and_long_work_prints_at_most_every_few_seconds(regels: list[str]) -> None:
    klok = Klok()
    m = Melder(na=2.0, elke=5.0, klok=klok)
    for stap in (0.5, 1.0, 2.0, 4.0, 7.0, 8.0, 12.0):
        klok.t = 100.0 + stap
        m.meld(f"wacht op de zaak: {stap:.0f} van 30 s tot de deadline")
    assert regels == [
        "  … wacht op de zaak: 2 van 30 s tot de deadline (2 s bezig)",
        "  … wacht op de zaak: 7 van 30 s tot de deadline (7 s bezig)",
        "  … wacht op de zaak: 12 van 30 s tot de deadline (12 s bezig)",
    ]


def test_a_large_bijlage_shows_how_much_has_gone(regels: list[str]) -> None:
    klok = Klok()

    def chunks() -> Iterator[bytes]:
        for _ in range(4):
            klok.t += 3.0
            yield b"x" * (256 * 1024 * 1024 // 4)

    assert (
        sum(map(len, stroom(chunks(), "bijlage tekening.pdf versturen", 256 * 1024 * 1024, Melder(klok=klok))))
        == 256 * 2**20
    )
    assert regels == [
        "  … bijlage tekening.pdf versturen: 64.0 MiB van 256.0 MiB (3 s bezig)",
        "  … bijlage tekening.pdf versturen: 192.0 MiB van 256.0 MiB (9 s bezig)",
    ]


def test_without_output_nothing_is_written() -> None:
    voortgang.zet_uitvoer(None)
    klok = Klok()
    m = Melder(na=0.0, klok=klok)
    m.meld("x")  # no output configured: no error, nothing kept
    assert m.vorige is None


def test_sizes_in_dutch_units() -> None:
    assert [grootte(n) for n in (512, 2048, 3 * 2**20, 5 * 2**30)] == ["512 B", "2.0 KiB", "3.0 MiB", "5.0 GiB"]


def test_progress_reaches_the_pytest_terminal(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        "from chain_tests.reporting.voortgang import Melder\n"
        "def test_lang():\n"
        "    Melder(na=0.0).meld('wacht op de zaak voor verzoek 3000001: 4 van 30 s tot de deadline')\n"
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*… wacht op de zaak voor verzoek 3000001: 4 van 30 s tot de deadline (0 s bezig)*"])


@pytest.mark.parametrize(
    ("fouten", "tekst"),
    [
        (
            Fouten(vth={DRIMMELEN: VthFouten(maakt_geen_zaak=True)}),
            "wacht op de zaak voor verzoek 3000001 in VTH-systeem Gemeente Drimmelen:",
        ),
        (
            Fouten(vth={DRIMMELEN: VthFouten(bevestigt_niet=True)}),
            "wacht op de ebMS Acknowledgment van Gemeente Drimmelen voor verzoek 3000001:",
        ),
        (
            Fouten(vth={DRIMMELEN: VthFouten(stuurt_geen_lopende_zaken=True)}),
            "wacht op zaak ZAAK-00001 in MijnOverheid Lopende Zaken:",
        ),
    ],
)
def test_a_wait_names_what_it_waits_for_and_its_deadline(
    regels: list[str], monkeypatch: pytest.MonkeyPatch, casus: Callable[[str], Casus], fouten: Fouten, tekst: str
) -> None:
    monkeypatch.setattr(Melder.__init__, "__defaults__", (0.0, 0.0, time.monotonic))  # show every poll
    omgeving = OfflineKeten(fouten=fouten)
    try:
        with pytest.raises(KetenBevinding):
            speel_casus(Keten(omgeving), casus("kappen-boom-vergunningplicht"))
    finally:
        omgeving.sluit()
    gewacht = [r for r in regels if tekst in r]
    assert gewacht and f"van {omgeving.config.tijden.deadline_zaak:.0f} s tot de deadline" in gewacht[-1]


def test_the_wait_for_ozon_names_the_regeling_and_the_plan_deadline(
    regels: list[str], monkeypatch: pytest.MonkeyPatch, plan_casus: Callable[[str], Casus]
) -> None:
    monkeypatch.setattr(Melder.__init__, "__defaults__", (0.0, 0.0, time.monotonic))  # show every poll
    omgeving = OfflineKeten(fouten=Fouten(ozon=OzonFouten(vergeet_publicatie=True)))
    try:
        with pytest.raises(KetenBevinding):
            speel_casus(Keten(omgeving), plan_casus("plan-kappen-boom-made"))
    finally:
        omgeving.sluit()
    gewacht = [r for r in regels if "wacht op de regeling in OZON:" in r]
    assert gewacht and f"van {omgeving.config.tijden.deadline_plan:.0f} s tot de deadline" in gewacht[-1]


def test_uploading_a_bijlage_in_the_keten_shows_its_name_and_total_size(
    regels: list[str], monkeypatch: pytest.MonkeyPatch, casus: Callable[[str], Casus]
) -> None:
    monkeypatch.setattr(Melder.__init__, "__defaults__", (0.0, 0.0, time.monotonic))  # show every chunk
    omgeving = OfflineKeten()
    try:
        speel_casus(Keten(omgeving), casus("kappen-boom-vergunningplicht"))
    finally:
        omgeving.sluit()
    versturen = [r for r in regels if "bijlage situatietekening.pdf versturen:" in r]
    assert versturen and re.search(r"versturen: [0-9.]+ [KM]iB van [0-9.]+ [KM]iB \(", versturen[-1]), versturen
