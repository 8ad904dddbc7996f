"""Bounded retention of the mocks' per-verzoek state.

A served mock may run for days beside a supplier's CI, and a load run pushes thousands of verzoeken through
one keten: every store that grows per verzoek (DSO-LV's register and outbox, the loket's concepts, the
reference VTH's zaken, MijnOverheid Lopende Zaken) keeps the newest ``Grenzen.bewaar_verzoeken`` entries and
forgets the oldest. A scenario handles a handful of verzoeken, far below the bound.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def begrens(d: MutableMapping[K, V], bewaar: int, weg: Callable[[V], None] | None = None) -> None:
    """Drop the oldest entries of an insertion-ordered mapping until at most ``bewaar`` remain."""
    while len(d) > bewaar:
        oudste = next(iter(d))
        waarde = d.pop(oudste)
        if weg is not None:
            weg(waarde)


def begrens_lijst(lijst: list[V], bewaar: int) -> None:
    """Keep the newest ``bewaar`` items of a list (in place)."""
    if len(lijst) > bewaar:
        del lijst[: len(lijst) - bewaar]
