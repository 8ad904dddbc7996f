"""``ketentest verschil MAP``: replay a recorded cassette against the offline mocks and name where they differ."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from chain_tests.errors import ConfiguratieFout


def voeg_toe(sub: Any) -> None:
    v = sub.add_parser(
        "verschil",
        help="speel een opgenomen run (pytest --opnemen MAP) tegen de offline mocks en toon waar zij afwijken",
    )
    v.add_argument("cassette", type=Path, help="de map (of het bestand) met de opname")


def draai(args: argparse.Namespace) -> int:
    """Exit 0 when the mocks answer in the recorded shape, 1 when they differ somewhere, 2 for a bad cassette."""
    from chain_tests.verschil import rapport, vergelijk

    try:
        tekst, anders = rapport(vergelijk(args.cassette))
    except ConfiguratieFout as exc:
        print(exc, file=sys.stderr)
        return 2
    print(tekst)
    return 1 if anders else 0
