"""pytest plugin for mutation runs: the test that killed a mutant of a function runs first for the next one.

mutmut runs, per mutant, the tests that reach the mutated function with ``-x``, in file order. A mutant that
is killed by the 200th of them costs the 199 before it — for the chain's core functions a few hundred tests
that each play a casus. Mutants of one function are mostly killed by the same few tests, and mutmut runs them
one after the other (it orders by expected time, which is per function). So this plugin, active only in a
mutant's child (``MUTANT_UNDER_TEST`` names a mutant), records which test failed, per function, in
``mutatie-doders.jsonl`` (in mutmut's working folder ``mutants/``), and orders the tests of the next mutant:
earlier killers of the same function first (most kills first), then killers of other functions of the same
module, then the rest by duration (shortest first, from mutmut's own stats). The verdict is the same: the same
tests run until one fails, only sooner. Loaded by ``PYTEST_PLUGINS`` in ``make mutatie*``; without a mutant
it does nothing.

With ``MUTATIE_BUDGET`` (seconds) a mutant runs only the head of that order whose expected durations add up
to the budget (the function's earlier killers always): a quick first pass. A mutant that survives it may
still be killed by a test left out, so its "survived" is provisional — retest the survivors without the
budget (``mutatie/per_module.py --opnieuw``); a killed verdict is final. The score of such a pass is a lower
bound.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

DODERS = Path("mutatie-doders.jsonl")
STATS = Path("mutmut-stats.json")


def _mutant() -> str | None:
    naam = os.environ.get("MUTANT_UNDER_TEST", "")
    return naam if "__mutmut_" in naam else None


def functie(mutant: str) -> str:
    """The mutated function of a mutant name (``module.xǁKlasseǁmethode__mutmut_12`` → without the number)."""
    return mutant.rsplit("__mutmut_", 1)[0]


def module(mutant: str) -> str:
    return mutant.split(".x", 1)[0]


def _doders() -> list[tuple[str, str]]:
    if not DODERS.exists():
        return []
    paren = []
    for regel in DODERS.read_text(encoding="utf-8").splitlines():
        try:
            r = json.loads(regel)
        except ValueError:  # a line half written by the other child
            continue
        paren.append((r["functie"], r["test"]))
    return paren


def _duren() -> dict[str, float]:
    try:
        return {k: float(v) for k, v in json.loads(STATS.read_text(encoding="utf-8"))["duration_by_test"].items()}
    except (OSError, ValueError, KeyError):
        return {}


def volgorde(nodeids: list[str], mutant: str, doders: list[tuple[str, str]], duren: dict[str, float]) -> list[str]:
    """The order to run ``nodeids`` in for ``mutant`` (stable: ties keep the given order)."""
    eigen = Counter(t for f, t in doders if f == functie(mutant))
    buren = Counter(t for f, t in doders if module(f) == module(mutant))

    def sleutel(nodeid: str) -> tuple[int, int, float]:
        return (-eigen[nodeid], -buren[nodeid], duren.get(nodeid, 0.0))

    return sorted(nodeids, key=sleutel)


def binnen_budget(volgorde_: list[str], budget: float, duren: dict[str, float], vast: set[str]) -> list[str]:
    """The head of ``volgorde_`` whose expected durations fit in ``budget`` seconds (at least one test), plus
    every test in ``vast`` (the function's earlier killers)."""
    gekozen, tijd = [], 0.0
    for nodeid in volgorde_:
        duur = duren.get(nodeid, 0.0)
        if nodeid in vast or not gekozen or tijd + duur <= budget:
            gekozen.append(nodeid)
            tijd += duur
    return gekozen


def _budget() -> float | None:
    waarde = os.environ.get("MUTATIE_BUDGET", "")
    return float(waarde) if waarde else None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    mutant = _mutant()
    if mutant is None:
        return
    per = {item.nodeid: item for item in items}
    doders, duren = _doders(), _duren()
    orde = volgorde(list(per), mutant, doders, duren)
    budget = _budget()
    if budget is not None:
        gekozen = binnen_budget(orde, budget, duren, {t for f, t in doders if f == functie(mutant)})
        weg = set(orde) - set(gekozen)
        config.hook.pytest_deselected(items=[per[n] for n in orde if n in weg])
        orde = gekozen
    items[:] = [per[n] for n in orde]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    mutant = _mutant()
    if mutant is None or not report.failed:
        return
    regel = json.dumps({"functie": functie(mutant), "test": report.nodeid}) + "\n"
    with DODERS.open("a", encoding="utf-8") as f:  # one short write: the two children do not interleave
        f.write(regel)
