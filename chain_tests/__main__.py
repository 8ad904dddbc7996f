"""``python -m chain_tests preflight [--omgeving NAAM] [--profiel ketentest.toml]``"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chain_tests.errors import ChainTestError
from chain_tests.preflight import controleer, rapport
from chain_tests.profiel import laad_profiel


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chain_tests", description="ketentest")
    sub = parser.add_subparsers(dest="opdracht", required=True)
    pf = sub.add_parser("preflight", help="controleer eindpunten, certificaten en API-keys van een keten-omgeving")
    pf.add_argument("--omgeving", default=None)
    pf.add_argument("--profiel", type=Path, default=None)
    args = parser.parse_args(argv)
    try:
        naam, profiel = laad_profiel(args.omgeving, args.profiel)
    except ChainTestError as exc:
        print(exc, file=sys.stderr)
        return 2
    problemen = controleer(profiel)
    print(rapport(naam, problemen))
    return 1 if problemen else 0


if __name__ == "__main__":
    sys.exit(main())
