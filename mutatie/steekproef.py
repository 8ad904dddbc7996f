"""A seeded, stratified sample of the mutants, tested and scored with a 95 % interval (make mutatie-steekproef).

A full ``make mutatie`` takes hours on 2 cores; a sample of a few hundred mutants estimates the same score in
minutes. Each module contributes in proportion to its mutants (at least one). The sampled mutants are
(re)tested explicitly with the current tests, so earlier results do not count. Equivalent mutants listed in
``mutatie/equivalent.txt`` are left out, as in ``mutatie/score.py``.

    python mutatie/steekproef.py [--aantal 300] [--zaad 1] [--max-children 2] [--alleen-open]

With ``--alleen-open`` only mutants without a result are sampled: with a stopped full run, the exact figures of
the tested part and this estimate of the rest together estimate the whole.
"""

from __future__ import annotations

import argparse
import math
import random
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))
from mutatie.score import _equivalent, _module

GEDOOD = ("killed", "timeout")


def _resultaten() -> dict[str, str]:
    uit = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"], capture_output=True, text=True, check=True
    ).stdout
    paren = (regel.rsplit(":", 1) for regel in uit.splitlines() if ":" in regel)
    return {naam.strip(): status.strip() for naam, status in paren}


def steekproef(namen: list[str], aantal: int, zaad: int) -> list[str]:
    """Proportional per module, at least one per module, seeded."""
    per: dict[str, list[str]] = defaultdict(list)
    for naam in sorted(namen):
        per[_module(naam)].append(naam)
    kans = random.Random(zaad)
    gekozen: list[str] = []
    for _, lijst in sorted(per.items()):
        n = max(1, round(aantal * len(lijst) / len(namen)))
        gekozen += kans.sample(lijst, min(n, len(lijst)))
    return gekozen


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of k successes in n trials."""
    if n == 0:
        return 0.0, 0.0
    p = k / n
    midden = (p + z * z / (2 * n)) / (1 + z * z / n)
    breedte = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return midden - breedte, midden + breedte


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--aantal", type=int, default=300)
    args.add_argument("--zaad", type=int, default=1)
    args.add_argument("--max-children", type=int, default=2)
    args.add_argument(
        "--alleen-open", action="store_true", help="alleen mutanten zonder uitslag (de rest van een onvolledige run)"
    )
    opties = args.parse_args()
    if not _resultaten():  # no mutants generated yet: generate them (and the test stats) without testing any
        subprocess.run([sys.executable, "-m", "mutmut", "run", "__nog_geen_mutant__"], check=False)
    equivalent = _equivalent()
    open_ = {n for n, status in _resultaten().items() if status == "not checked"} if opties.alleen_open else None
    namen = [n for n in _resultaten() if n not in equivalent and (open_ is None or n in open_)]
    gekozen = steekproef(namen, opties.aantal, opties.zaad)
    gedraaid = subprocess.run(
        [sys.executable, "-m", "mutmut", "run", "--max-children", str(opties.max_children), *gekozen], check=False
    )
    if gedraaid.returncode != 0:  # earlier results of these mutants would be reported as if new
        print(f"mutmut run stopte met code {gedraaid.returncode}; geen score", file=sys.stderr)
        return 2
    return rapport(gekozen, _resultaten())


def rapport(gekozen: list[str], resultaten: dict[str, str]) -> int:
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for naam in gekozen:
        per[_module(naam)][resultaten.get(naam, "not checked")] += 1
    print(f"{'module':45} {'gedood':>7} {'overleefd':>9} {'geen test':>9} {'van':>5}")
    totaal: Counter[str] = Counter()
    for module, c in sorted(per.items()):
        totaal.update(c)
        print(f"{module:45} {sum(c[s] for s in GEDOOD):7} {c['survived']:9} {c['no tests']:9} {sum(c.values()):5}")
    gedood, getest = sum(totaal[s] for s in GEDOOD), sum(totaal.values()) - totaal["not checked"]
    onder, boven = wilson(gedood, getest)
    print(f"steekproef: {gedood}/{getest} gedood = {gedood / max(getest, 1):.1%} (95 %: {onder:.1%}–{boven:.1%})")
    return 0 if getest and gedood / getest >= 0.90 else 1


if __name__ == "__main__":
    sys.exit(main())
