"""``python -m chain_tests <opdracht>``: the same command line as the installed ``ketentest`` (chain_tests.cli).

Started without ketentest's dependencies installed (outside the venv), it says in Dutch what to run instead of
a ``ModuleNotFoundError``."""

from __future__ import annotations

import sys


def _start() -> int:
    try:
        from chain_tests.cli import main

        return main()
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] in ("chain_tests", "mocks", "scenarios"):
            raise
        print(
            f"ketentest kan niet starten: de module {exc.name!r} ontbreekt in deze Python ({sys.executable}).\n"
            "Installeer ketentest eerst: `make install` in de map van ketentest, en gebruik dan "
            "`.venv/bin/python -m chain_tests …` (of activeer de venv: `. .venv/bin/activate`); of installeer het "
            "pakket: `pip install ketentest` en gebruik `ketentest …`.",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(_start())
