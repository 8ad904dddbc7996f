"""Progress of long work on the terminal: waits with their deadline, large bijlagen on their way.

A beheerder who runs the scenarios against served or real systems should not stare at a silent terminal
for 30 seconds: once a piece of work has taken ``NA`` seconds of real time, a Dutch line says what it is,
how far it got and what the deadline is, at most every ``ELKE`` seconds. Offline (a manual clock) nothing
takes that long, so nothing is printed. The pytest plugin points the output at the terminal.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator

#: Show a piece of work once it has taken this long (seconds of real time), then at most this often.
NA, ELKE = 2.0, 5.0
Schrijver = Callable[[str], None]
_uitvoer: list[Schrijver] = []


def zet_uitvoer(schrijver: Schrijver | None) -> None:
    """Where progress lines go (the pytest terminal); ``None``: nowhere."""
    _uitvoer.clear()
    if schrijver is not None:
        _uitvoer.append(schrijver)


def grootte(n: float) -> str:
    for eenheid in ("B", "KiB", "MiB"):
        if n < 1024:
            return f"{n:.0f} {eenheid}" if eenheid == "B" else f"{n:.1f} {eenheid}"
        n /= 1024
    return f"{n:.1f} GiB"


class Melder:
    """Reports one piece of work: nothing until it has taken ``na`` seconds, then at most every ``elke``."""

    def __init__(self, na: float = NA, elke: float = ELKE, klok: Callable[[], float] = time.monotonic) -> None:
        self.klok, self.na, self.elke = klok, na, elke
        self.begin = klok()
        self.vorige: float | None = None

    def meld(self, tekst: str) -> None:
        if not _uitvoer:
            return
        nu = self.klok()
        if nu - self.begin < self.na or (self.vorige is not None and nu - self.vorige < self.elke):
            return
        self.vorige = nu
        for schrijf in _uitvoer:
            schrijf(f"  … {tekst} ({nu - self.begin:.0f} s bezig)")


def stroom(chunks: Iterable[bytes], wat: str, totaal: int | None, melder: Melder | None = None) -> Iterator[bytes]:
    """Pass chunks through, reporting how much of ``wat`` has gone (of ``totaal`` bytes, when known)."""
    m = melder or Melder()
    gedaan = 0
    for chunk in chunks:
        gedaan += len(chunk)
        m.meld(f"{wat}: {grootte(gedaan)}" + (f" van {grootte(totaal)}" if totaal else ""))
        yield chunk
