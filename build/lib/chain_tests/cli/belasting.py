"""``ketentest belasting``: many verzoeken through one offline keten, some with a fault; what became of each."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def voeg_toe(sub: Any) -> None:
    bl = sub.add_parser(
        "belasting", help="veel verzoeken door een offline keten, een deel met een fout; wat werd er van elk?"
    )
    bl.add_argument("--verzoeken", type=int, default=1000, help="aantal verzoeken (standaard 1000)")
    bl.add_argument("--fouten", type=float, default=0.2, help="deel van de verzoeken met een fout (standaard 0.2)")
    bl.add_argument("--zaad", type=int, default=1, help="zaad van de toevalsgenerator (zelfde zaad, zelfde fouten)")
    bl.add_argument("--bewaar", type=int, default=100, help="zoveel verzoeken bewaren de mocks (standaard 100)")


def draai(args: argparse.Namespace) -> int:
    """Exit 1 when a verzoek was lost unseen or doubled, 2 for bad arguments."""
    from chain_tests.belasting import balk, belast

    if args.verzoeken < 1 or not 0 <= args.fouten <= 1 or args.bewaar < 10:
        print(
            "--verzoeken moet minstens 1 zijn, --fouten tussen 0 en 1 liggen en --bewaar minstens 10.", file=sys.stderr
        )
        return 2
    uitslag = belast(args.verzoeken, args.fouten, args.zaad, balk(), args.bewaar)
    print("\n".join(uitslag.regels()))
    return 1 if uitslag.verloren or uitslag.dubbel else 0
