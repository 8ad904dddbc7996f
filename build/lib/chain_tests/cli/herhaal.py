"""``ketentest herhaal BUNDEL``: play a finding's casus again against a keten-omgeving."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from chain_tests.errors import ChainTestError, ConfiguratieFout


def voeg_toe(sub: Any) -> None:
    hh = sub.add_parser(
        "herhaal",
        help="speel de casus van een bevinding (bundel uit reports/bevindingen/) opnieuw tegen een keten-omgeving",
    )
    hh.add_argument("bundel", type=Path, help="de bundel (zip) van de bevinding")
    hh.add_argument(
        "--omgeving", default=None, help="keten-omgeving uit het profiel (standaard: die waarin de bundel is opgenomen)"
    )
    hh.add_argument("--profiel", type=Path, default=None)
    hh.add_argument("--zonder-fouten", action="store_true", help="zonder de opzettelijke fouten van een zelftest")
    hh.add_argument(
        "--rapport",
        "--verslag",
        dest="rapport",
        type=Path,
        default=None,
        metavar="MAP",
        help="schrijf volgordediagram en trace in deze map",
    )


def draai(args: argparse.Namespace) -> int:
    """Exit 1 when the replay found a finding (the bundle's or another), 0 when the keten now does what was
    expected, 2 for a bad bundle or profile, 3 when the harness or a mock failed during the replay."""
    from chain_tests.herhaal import herhaal

    try:
        uitslag = herhaal(args.bundel, args.omgeving, args.profiel, met_fouten=not args.zonder_fouten)
    except ConfiguratieFout as exc:
        print(exc, file=sys.stderr)
        return 2
    except ChainTestError as exc:
        print(
            f"De herhaling brak af door een fout in harness of mock, niet in de geteste partij:\n{exc}", file=sys.stderr
        )
        return 3
    print("\n".join(uitslag.regels()))
    if args.rapport is not None:
        args.rapport.mkdir(parents=True, exist_ok=True)
        (args.rapport / "volgordediagram.svg").write_text(uitslag.diagram, encoding="utf-8")
        (args.rapport / "trace.txt").write_text(uitslag.trace + "\n", encoding="utf-8")
        print(f"Volgordediagram en trace: {args.rapport}/")
    return 1 if uitslag.gezien is not None else 0
