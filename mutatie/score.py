"""Mutation score per module from ``mutmut results --all true`` (make mutatie).

Killed = killed + timeout (a mutant that hangs the tests is noticed). Left out of the denominator, each in its own
column: equivalent mutants (listed in ``mutatie/equivalent.txt`` with the reason) and mutants that mypy
--strict rejects ("caught by type check": such a change cannot land, ``make test`` type-checks first). So the score
is what the tests kill of the mutants that could land — stricter than counting mypy's catches as kills.
Prints a table and the total; exit status 1 when the total is below the target.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

DOEL = 0.90
EQUIVALENT = Path(__file__).with_name("equivalent.txt")


def _equivalent() -> set[str]:
    if not EQUIVALENT.exists():
        return set()
    return {r.split()[0] for r in EQUIVALENT.read_text(encoding="utf-8").splitlines() if r.strip() and r[0] != "#"}


def _module(naam: str) -> str:
    return naam.split(".x", 1)[0]


def main() -> int:
    uit = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"], capture_output=True, text=True, check=True
    ).stdout
    equivalent = _equivalent()
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for regel in uit.splitlines():
        if ":" not in regel:
            continue
        naam, status = (x.strip() for x in regel.rsplit(":", 1))
        status = "equivalent" if naam in equivalent else status
        per[_module(naam)][status] += 1
    totaal: Counter[str] = Counter()
    kop = f"{'gedood':>7} {'overleefd':>9} {'geen test':>9} {'equiv.':>6} {'mypy':>5} {'open':>5} {'score':>6}"
    print(f"{'module':45} {kop}")
    for module, c in sorted(per.items()):
        totaal.update(c)
        print(f"{module:45} {_regel(c)}")
    print(f"{'totaal':45} {_regel(totaal)}")
    return 0 if _score(totaal) >= DOEL else 1


def _regel(c: Counter[str]) -> str:
    """One row; 'open' counts the mutants not tested yet, and a module without any result has no score."""
    score = f"{_score(c):6.1%}" if _gedood(c) + c["survived"] + c["no tests"] + c["suspicious"] else f"{'–':>6}"
    mypy, open_ = c["caught by type check"], c["not checked"]
    return f"{_gedood(c):7} {c['survived']:9} {c['no tests']:9} {c['equivalent']:6} {mypy:5} {open_:5} {score}"


def _gedood(c: Counter[str]) -> int:
    return c["killed"] + c["timeout"]


def _score(c: Counter[str]) -> float:
    noemer = _gedood(c) + c["survived"] + c["no tests"] + c["suspicious"]
    return _gedood(c) / noemer if noemer else 1.0


if __name__ == "__main__":
    sys.exit(main())
