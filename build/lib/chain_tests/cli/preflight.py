"""``ketentest preflight``: meet every party of a profile as the chain does, before a run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from chain_tests.errors import ChainTestError
from chain_tests.preflight import onderzoek, rapport, wacht_en_controleer
from chain_tests.profiel import laad_profiel


def voeg_toe(sub: Any) -> None:
    pf = sub.add_parser("preflight", help="controleer eindpunten, TLS, certificaten en API-keys van een profiel")
    pf.add_argument("--omgeving", default=None, help="het profiel (keten-omgeving); standaard $KETENTEST_OMGEVING")
    pf.add_argument("--profiel", type=Path, default=None, help="het profielbestand (standaard ketentest.toml)")
    pf.add_argument(
        "--wacht",
        type=float,
        default=0.0,
        metavar="SECONDEN",
        help="wacht zo lang tot de eindpunten bereikbaar zijn (servers die nog starten), voor het rapport",
    )


def draai(args: argparse.Namespace) -> int:
    """Exit 0 when nothing stops a run (warnings may remain), 1 when something does, 2 for a bad profile."""
    try:
        naam, profiel = laad_profiel(args.omgeving, args.profiel)
    except ChainTestError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.wacht > 0:
        wacht_en_controleer(profiel, args.wacht)
    preflight = onderzoek(profiel)
    print(rapport(naam, preflight.problemen, preflight.gezien))
    return 1 if preflight.blokkerend else 0
