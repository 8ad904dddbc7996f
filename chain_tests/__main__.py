"""``python -m chain_tests preflight [--omgeving NAAM] [--profiel ketentest.toml]``
``python -m chain_tests belasting [--verzoeken 1000] [--fouten 0.2] [--zaad 1]``
``python -m chain_tests herhaal BUNDEL.zip [--omgeving NAAM] [--profiel ketentest.toml] [--zonder-fouten]``"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chain_tests.errors import ChainTestError
from chain_tests.preflight import onderzoek, rapport, wacht_en_controleer
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
    bl.add_argument("--bewaar", type=int, default=100, help="zoveel verzoeken bewaren de mocks (standaard 100)")
    hh = sub.add_parser(
        "herhaal",
        help="speel de casus van een bevinding (bundel uit reports/bevindingen/) opnieuw tegen een keten-omgeving",
    )
    hh.add_argument("bundel", type=Path, help="de bundel (zip) van de bevinding")
    hh.add_argument("--omgeving", default=None, help="keten-omgeving uit het profiel (standaard: offline)")
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
    args = parser.parse_args(argv)
    if args.opdracht == "belasting":
        return _belasting(args.verzoeken, args.fouten, args.zaad, args.bewaar)
    if args.opdracht == "herhaal":
        return _herhaal(args.bundel, args.omgeving, args.profiel, not args.zonder_fouten, args.rapport)
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


def _belasting(verzoeken: int, fractie: float, zaad: int, bewaar: int = 100) -> int:
    from chain_tests.belasting import balk, belast

    if verzoeken < 1 or not 0 <= fractie <= 1 or bewaar < 10:
        print(
            "--verzoeken moet minstens 1 zijn, --fouten tussen 0 en 1 liggen en --bewaar minstens 10.", file=sys.stderr
        )
        return 2
    uitslag = belast(verzoeken, fractie, zaad, balk(), bewaar)
    print("\n".join(uitslag.regels()))
    return 1 if uitslag.verloren or uitslag.dubbel else 0


def _herhaal(bundel: Path, omgeving: str | None, profiel: Path | None, met_fouten: bool, verslag: Path | None) -> int:
    """Exit 1 when the replay found a finding (the bundle's or another), 0 when the keten now does what was
    expected, 2 for a bad bundle or profile, 3 when the harness or a mock failed during the replay."""
    from chain_tests.errors import ConfiguratieFout
    from chain_tests.herhaal import herhaal

    try:
        uitslag = herhaal(bundel, omgeving, profiel, met_fouten=met_fouten)
    except ConfiguratieFout as exc:
        print(exc, file=sys.stderr)
        return 2
    except ChainTestError as exc:
        print(
            f"De herhaling brak af door een fout in harness of mock, niet in de geteste partij:\n{exc}", file=sys.stderr
        )
        return 3
    print("\n".join(uitslag.regels()))
    if verslag is not None:
        verslag.mkdir(parents=True, exist_ok=True)
        (verslag / "volgordediagram.svg").write_text(uitslag.diagram, encoding="utf-8")
        (verslag / "trace.txt").write_text(uitslag.trace + "\n", encoding="utf-8")
        print(f"Volgordediagram en trace: {verslag}/")
    return 1 if uitslag.gezien is not None else 0


if __name__ == "__main__":
    sys.exit(main())
