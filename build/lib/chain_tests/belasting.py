"""``python -m chain_tests belasting``: many verzoeken through one offline keten, a seeded share of them with a
fault of the Digikoppeling chain, and what became of each.

Every verzoek must end as exactly one zaak, or — when a fault loses it by design — as a finding that says
where it stopped. Reported: lost (neither), doubled (two zaken), located (a finding), the time per verzoek
(p50, p95, first and last hundred) and the process's memory. Faults, one per chosen verzoek:

- ``vth-503``: the VTH answers the delivery once with HTTP 503 (DSO-LV retries);
- ``afhandelen-503``: Verzoek afhandelen answers the first fetch with 503 (the VTH retries);
- ``verbinding``: DSO-LV's first connection to the VTH is refused (DSO-LV retries);
- ``stil-verloren``: the Omgevingsloket never puts the verzoek in its outbox (lost by design: the harness
  must locate it, KB-STIL-VERLOREN).
"""

from __future__ import annotations

import dataclasses
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from chain_tests.casus import laad_casus
from chain_tests.config import Grenzen, KetenConfig
from chain_tests.errors import KetenBevinding
from chain_tests.keten import Aanvraag, Keten
from chain_tests.offline import OfflineKeten
from chain_tests.scenario import speel_casus
from chain_tests.standards.inspectie import Verbindingsfout, VthFouten

CASUS = Path(__file__).parents[1] / "scenarios" / "casussen" / "iteratie1" / "kappen-boom-vergunningplicht.yaml"
FOUTEN = ("vth-503", "afhandelen-503", "verbinding", "stil-verloren")
BIJLAGE_BYTES = 8 * 1024
#: Verzoeken the mocks keep during a load run (Grenzen.bewaar_verzoeken): memory stays flat past it.
BEWAAR = 100


@dataclasses.dataclass
class Uitslag:
    verzoeken: int = 0
    zaken: int = 0
    verloren: int = 0  # no zaak and no finding: the harness did not see it
    dubbel: int = 0  # more than one zaak for one verzoek
    gevonden: Counter[str] = dataclasses.field(default_factory=Counter)  # finding code → count
    fouten: Counter[str] = dataclasses.field(default_factory=Counter)  # injected fault → count
    tijden: list[float] = dataclasses.field(default_factory=list)  # seconds per verzoek
    rss_mib: list[float] = dataclasses.field(default_factory=list)  # after each hundred

    def regels(self) -> list[str]:
        ms = sorted(t * 1000 for t in self.tijden)
        eerste, laatste = ms_gemiddeld(self.tijden[:100]), ms_gemiddeld(self.tijden[-100:])
        return [
            f"verzoeken: {self.verzoeken} · met een fout: {sum(self.fouten.values())} "
            f"({', '.join(f'{k} {v}' for k, v in sorted(self.fouten.items())) or 'geen'})",
            f"zaak: {self.zaken} · bevinding: {sum(self.gevonden.values())} "
            f"({', '.join(f'{k} {v}' for k, v in sorted(self.gevonden.items())) or 'geen'}) · "
            f"verloren zonder bevinding: {self.verloren} · dubbele zaak: {self.dubbel}",
            f"tijd per verzoek: p50 {_kwantiel(ms, 0.5):.0f} ms · p95 {_kwantiel(ms, 0.95):.0f} ms · "
            f"eerste 100 {eerste:.0f} ms · laatste 100 {laatste:.0f} ms",
            f"geheugen (RSS): begin {self.rss_mib[0]:.0f} MiB · eind {self.rss_mib[-1]:.0f} MiB · "
            f"groei {self.rss_mib[-1] - self.rss_mib[0]:.0f} MiB",
        ]


def ms_gemiddeld(tijden: list[float]) -> float:
    return statistics.fmean(tijden) * 1000 if tijden else 0.0


def _kwantiel(gesorteerd: list[float], q: float) -> float:
    return gesorteerd[min(len(gesorteerd) - 1, int(q * len(gesorteerd)))] if gesorteerd else 0.0


def rss_mib() -> float:
    """The current resident set size of this process (every in-process party runs in it)."""
    for regel in Path("/proc/self/status").read_text().splitlines():
        if regel.startswith("VmRSS:"):
            return int(regel.split()[1]) / 1024
    return 0.0


def _zet_fout(omgeving: OfflineKeten, fout: str, gemeente: str) -> None:
    f = omgeving.fouten
    if fout == "vth-503":
        f.vth.setdefault(gemeente, VthFouten()).onbeschikbaar = 1
    elif fout == "afhandelen-503":
        f.afhandelen.onbeschikbaar = 1
    elif fout == "verbinding":
        f.verbindingen.append(Verbindingsfout(van=omgeving.config.dso_lv.oin, naar=gemeente, aantal=1))
    else:
        f.loket.bezorgt_niet = True


def _herstel(omgeving: OfflineKeten) -> None:
    omgeving.fouten.loket.bezorgt_niet = False
    omgeving.fouten.verbindingen.clear()


def belast(
    verzoeken: int,
    fractie: float,
    zaad: int,
    voortgang: Callable[[int, int], None] | None = None,
    bewaar: int = BEWAAR,
) -> Uitslag:
    """Play ``verzoeken`` verzoeken through one offline keten; a seeded ``fractie`` of them gets one fault. The
    mocks keep the newest ``bewaar`` verzoeken (each is checked before the next starts)."""
    omgeving = OfflineKeten(KetenConfig(grenzen=Grenzen(bewaar_verzoeken=bewaar)))
    omgeving.trace.max_regels = 20 * bewaar  # about 15 lines a verzoek: the newest verzoeken's whole story
    try:
        keten = Keten(omgeving)
        uitkomst = speel_casus(keten, laad_casus(CASUS))  # publishes the rules; its verzoek is the first
        assert uitkomst.indiening is not None
        aanvraag = _klein(uitkomst.indiening.aanvraag)
        gemeente = aanvraag.activiteiten[0].bevoegd_gezag
        kans, uitslag = random.Random(zaad), Uitslag(rss_mib=[rss_mib()])
        for i in range(verzoeken):
            fout = kans.choice(FOUTEN) if kans.random() < fractie else None
            if fout:
                uitslag.fouten[fout] += 1
                _zet_fout(omgeving, fout, gemeente.oin)
            start = time.perf_counter()
            _een_verzoek(keten, aanvraag, uitslag)
            uitslag.tijden.append(time.perf_counter() - start)
            _herstel(omgeving)
            uitslag.verzoeken += 1
            if (i + 1) % 100 == 0:
                uitslag.rss_mib.append(rss_mib())
            if voortgang:
                voortgang(i + 1, verzoeken)
        uitslag.rss_mib.append(rss_mib())
        return uitslag
    finally:
        omgeving.sluit()


def _klein(aanvraag: Aanvraag) -> Aanvraag:
    bijlagen = [dataclasses.replace(b, grootte=BIJLAGE_BYTES) for b in aanvraag.bijlagen]
    return dataclasses.replace(aanvraag, bijlagen=bijlagen)


def _een_verzoek(keten: Keten, aanvraag: Aanvraag, uitslag: Uitslag) -> None:
    gemeente = aanvraag.activiteiten[0].bevoegd_gezag
    indiening = keten.dien_in(aanvraag)
    nummer = indiening.verzoeknummer(gemeente) or ""
    try:
        keten.wacht_op_zaak(indiening, gemeente)
    except KetenBevinding as b:
        uitslag.gevonden[b.code] += 1
        if b.verzoeknummer != nummer:  # a finding that does not name the verzoek did not locate it
            uitslag.verloren += 1
        return
    zaken = keten.omgeving.vth_adapter(gemeente).zaken(nummer)
    uitslag.zaken += 1
    uitslag.dubbel += len(zaken) > 1


def balk(uit: TextIO = sys.stderr) -> Callable[[int, int], None]:
    """A Dutch progress bar on one line."""

    def toon(gedaan: int, totaal: int) -> None:
        if gedaan % max(1, totaal // 50) and gedaan != totaal:
            return
        vol = int(30 * gedaan / totaal)
        uit.write(f"\rVerzoeken [{'#' * vol}{'.' * (30 - vol)}] {gedaan}/{totaal}")
        if gedaan == totaal:
            uit.write("\n")
        uit.flush()

    return toon
