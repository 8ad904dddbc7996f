"""The command line: ``ketentest <opdracht>`` (the installed command) or ``python -m chain_tests <opdracht>``.

One module per command, each with ``voeg_toe(sub)`` (its arguments, Dutch help) and ``draai(args) -> int`` (the
exit code): :mod:`.preflight`, :mod:`.belasting`, :mod:`.herhaal`, :mod:`.contract`, :mod:`.keten` (the scenarios
against a profile), :mod:`.mocks` (serving the mocks and the test PKI, run as their own process).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from importlib import import_module

from chain_tests import geheugen
from chain_tests.versie import __version__

OPDRACHTEN = ("preflight", "keten", "mocks", "herhaal", "verschil", "belasting", "contract", "cpa", "lvbb-controle")


def parser() -> tuple[argparse.ArgumentParser, dict[str, Callable[[argparse.Namespace], int]]]:
    hoofd = argparse.ArgumentParser(
        prog="ketentest",
        description="ketentest: de Werkplaats DSO-keten als tests, tegen de ingebouwde mocks of echte systemen",
    )
    hoofd.add_argument("--version", action="version", version=f"ketentest {__version__}")
    sub = hoofd.add_subparsers(dest="opdracht", required=True, metavar="OPDRACHT")
    draaiers: dict[str, Callable[[argparse.Namespace], int]] = {}
    for naam in OPDRACHTEN:
        module = import_module(f"chain_tests.cli.{naam.replace('-', '_')}")
        module.voeg_toe(sub)
        draaiers[naam] = module.draai
    return hoofd, draaiers


def main(argv: list[str] | None = None) -> int:
    hoofd, draaiers = parser()
    args, rest = hoofd.parse_known_args(argv)
    if rest and not getattr(import_module(f"chain_tests.cli.{args.opdracht}"), "DOORGEEFBAAR", False):
        hoofd.error(f"onbekende argumenten voor '{args.opdracht}': {' '.join(rest)}")
    args.doorgeven = rest
    geheugen.stem_af()
    return draaiers[args.opdracht](args)
