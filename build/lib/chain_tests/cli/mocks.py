"""``ketentest mocks pki|serve …``: the served mocks and the test PKI, as their own process
(``python -m mocks``); the harness itself never imports the mocks but through the offline seam."""

from __future__ import annotations

import argparse
import subprocess
import sys
from typing import Any


def voeg_toe(sub: Any) -> None:
    m = sub.add_parser(
        "mocks",
        help="de mocks als HTTPS-servers of een test-PKI (zoals python -m mocks): 'mocks serve alles', 'mocks pki'",
    )
    m.add_argument("argumenten", nargs=argparse.REMAINDER, help="de opdracht voor de mocks, bv. serve alles")


#: Everything after ``mocks`` is the mocks' own command line.
DOORGEEFBAAR = True


def draai(args: argparse.Namespace) -> int:
    return subprocess.call([sys.executable, "-m", "mocks", *args.argumenten, *args.doorgeven])
