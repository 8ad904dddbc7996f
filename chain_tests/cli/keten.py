"""``ketentest keten``: the werkplaats's scenarios (shipped with ketentest) against a profile, with the report's
results, the findings register and JUnit XML in ``reports/`` — no clone of the repository needed."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path
from typing import Any

import pytest

#: Arguments ``keten`` does not know itself go to pytest (``-m iteratie1``, ``-x``, ``-k …``).
DOORGEEFBAAR = True


def voeg_toe(sub: Any) -> None:
    k = sub.add_parser(
        "keten",
        help="speel de scenario's van de werkplaats tegen een profiel; resultaten in reports/",
        description="Extra pytest-opties (zoals -m iteratie1 of -x) mogen na de eigen opties.",
    )
    k.add_argument("--omgeving", default=None, help="het profiel (keten-omgeving); standaard $KETENTEST_OMGEVING")
    k.add_argument("--profiel", type=Path, default=None, help="het profielbestand (standaard ketentest.toml)")
    k.add_argument("--rapport", type=Path, default=Path("reports"), help="map voor de resultaten (standaard reports)")


def scenariomap() -> Path:
    """Where the shipped scenarios are (the ``scenarios`` package), found without importing it."""
    spec = importlib.util.find_spec("scenarios")
    if spec is None or spec.origin is None:
        raise SystemExit("De scenario's van ketentest zijn niet geïnstalleerd (pakket 'scenarios' ontbreekt).")
    return Path(spec.origin).parent


def draai(args: argparse.Namespace) -> int:
    """pytest's own exit code: 0 all passed, 1 a finding or a failure, 2 interrupted or a usage error, …"""
    map_ = scenariomap()
    rapport: Path = args.rapport
    opties = [
        str(map_),
        f"--rootdir={map_}",
        "-p",
        "no:cacheprovider",
        "-W",
        "ignore::pytest.PytestAssertRewriteWarning",  # the command line imported chain_tests before pytest did
        f"--alluredir={rapport / 'allure-results'}",
        f"--bevindingen={rapport / 'bevindingen.xlsx'}",
        f"--junitxml={rapport / 'junit.xml'}",
    ]
    if args.omgeving:
        opties.append(f"--keten-omgeving={args.omgeving}")
    if args.profiel:
        opties.append(f"--keten-profiel={args.profiel.resolve()}")
    return int(pytest.main(opties + [a for a in args.doorgeven if a != "--"]))
