"""Mutation testing module by module, smallest first (make mutatie-per-module).

A full ``make mutatie`` takes longer than a working session on 2 cores, and mutmut works through the
mutants in its own order, so a run that is stopped leaves every module half done. This runs mutmut once per
module, the smallest first, on the mutants without a result (and with ``--opnieuw``, also the survivors,
retested with the current tests). A run that is stopped leaves whole modules scored; run it again to go on.
Scores as ``mutatie/score.py`` (which it prints at the end).

    python mutatie/per_module.py [--opnieuw] [--samen] [--max-children 2] [PATROON ...]

Each mutmut run first type-checks the mutants and runs the clean tests (about three minutes here);
``--samen`` runs all the selected modules in one mutmut run (mutmut then orders the mutants by expected
time, not by module).
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))
from mutatie.score import _equivalent, _module
from mutatie.score import main as score
from mutatie.steekproef import _resultaten


def te_doen(resultaten: dict[str, str], opnieuw: bool, patronen: list[str]) -> dict[str, list[str]]:
    """Per module the mutants still to test: without a result, and the survivors when ``opnieuw`` (not those
    listed as equivalent: a survivor costs a run of every test that covers it)."""
    soorten = {"not checked", "survived"} if opnieuw else {"not checked"}
    equivalent = _equivalent()
    per: dict[str, list[str]] = defaultdict(list)
    for naam, status in sorted(resultaten.items()):
        if (
            status in soorten
            and naam not in equivalent
            and (not patronen or any(fnmatch.fnmatch(_module(naam), p) for p in patronen))
        ):
            per[_module(naam)].append(naam)
    return per


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--opnieuw", action="store_true", help="test ook de overlevers opnieuw")
    args.add_argument("--max-children", type=int, default=2)
    args.add_argument(
        "--samen", action="store_true", help="één mutmut-run voor alle modules (scheelt per module de opstart)"
    )
    args.add_argument(
        "--budget",
        type=float,
        help="voorronde: per mutant alleen de tests die samen zoveel seconden duren (mutatie/volgorde.py); "
        "'overleefd' is dan voorlopig: test de overlevers daarna opnieuw zonder budget",
    )
    args.add_argument("patronen", nargs="*", help="alleen deze modules (fnmatch), bv. 'mocks.*'")
    a = args.parse_args()
    per = te_doen(_resultaten(), a.opnieuw, a.patronen)
    groepen = sorted(per.items(), key=lambda mn: (len(mn[1]), mn[0]))
    if a.samen and groepen:
        groepen = [(", ".join(m for m, _ in groepen), [n for _, namen in groepen for n in namen])]
    for module, namen in groepen:
        print(f"== {module}: {len(namen)} mutant(en)", flush=True)
        cmd = [sys.executable, "-m", "mutmut", "run", "--max-children", str(a.max_children), *namen]
        omgeving = os.environ | ({"MUTATIE_BUDGET": str(a.budget)} if a.budget else {})
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, env=omgeving)
    if a.budget:
        print("Voorronde met budget: de overlevers zijn voorlopig; test ze opnieuw met --opnieuw zonder --budget.")
    return score()


if __name__ == "__main__":
    sys.exit(main())
