"""``python -m chain_tests preflight [--omgeving NAAM] [--profiel ketentest.toml]``
``python -m chain_tests belasting [--verzoeken 1000] [--fouten 0.2] [--zaad 1]``"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chain_tests.errors import ChainTestError
from chain_tests.preflight import controleer, rapport, wacht_en_controleer
from chain_tests.profiel import laad_profiel


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chain_tests", description="ketentest")
    sub = parser.add_subparsers(dest="opdracht", required=True)
    pf = sub.add_parser("preflight", help="controleer eindpunten, certificaten en API-keys van een keten-omgeving")
    pf.add_argument("--omgeving", default=None)
    pf.add_argument("--profiel", type=Path, default=None)
    pf.add_argument(
        "--wacht",
        type=float,
        default=0.0,
        metavar="SECONDEN",
        help="wacht zo lang tot de eindpunten bereikbaar zijn (servers die nog starten), voor het rapport",
    )
    bl = sub.add_parser(
        "belasting", help="veel verzoeken door een offline keten, een deel met een fout; wat werd er van elk?"
    )
    bl.add_argument("--verzoeken", type=int, default=1000, help="aantal verzoeken (standaard 1000)")
    bl.add_argument("--fouten", type=float, default=0.2, help="deel van de verzoeken met een fout (standaard 0.2)")
    bl.add_argument("--zaad", type=int, default=1, help="zaad van de toevalsgenerator (zelfde zaad, zelfde fouten)")
    args = parser.parse_args(argv)
    if args.opdracht == "belasting":
        return _belasting(args.verzoeken, args.fouten, args.zaad)
    try:
        naam, profiel = laad_profiel(args.omgeving, args.profiel)
    except ChainTestError as exc:
        print(exc, file=sys.stderr)
        return 2
    problemen = wacht_en_controleer(profiel, args.wacht) if args.wacht > 0 else controleer(profiel)
    print(rapport(naam, problemen))
    return 1 if problemen else 0


def _belasting(verzoeken: int, fractie: float, zaad: int) -> int:
    from chain_tests.belasting import balk, belast

    if verzoeken < 1 or not 0 <= fractie <= 1:
        print("--verzoeken moet minstens 1 zijn en --fouten tussen 0 en 1 liggen.", file=sys.stderr)
        return 2
    uitslag = belast(verzoeken, fractie, zaad, balk())
    print("\n".join(uitslag.regels()))
    return 1 if uitslag.verloren or uitslag.dubbel else 0


if __name__ == "__main__":
    sys.exit(main())
