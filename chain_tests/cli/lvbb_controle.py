"""``ketentest lvbb-controle opdracht.zip [--peildatum D] [--ozon-bekend FILE] [--machtiging A:B]
[--gepubliceerd EERDER.zip] [--waardelijsten WL.json] [--uit X]``: the
LVBB mock's validation of one package without servers, for a plan software supplier's quick check. Prints the
verslag in Dutch (uitkomst, every melding with its code, what was not checked) and writes it as the LVBB's XML.

Exit codes: 0 valide (a publicatie: validatie-voltooid); 1 niet-valide or behandeling-afgebroken (the package
has errors); 2 the command could not run (a file that cannot be read, a wrong date or machtiging, a waardelijsten
file of another shape)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from chain_tests.errors import ConfiguratieFout, OngeldigeInvoer
from chain_tests.standards import lvbb, waardelijsten


def voeg_toe(sub: Any) -> None:
    c = sub.add_parser("lvbb-controle", help="valideer een opdracht.zip zoals de LVBB-mock, zonder servers")
    c.add_argument("pakket", type=Path, help="de opdracht.zip")
    c.add_argument("--peildatum", default=None, help="de datum van de LVBB (JJJJ-MM-DD; standaard vandaag)")
    c.add_argument(
        "--ozon-bekend",
        type=Path,
        default=None,
        help="bestand met wat OZON al kent (activiteiten, gebieden, regelingsgebieden): één identificatie per regel",
    )
    c.add_argument(
        "--machtiging",
        action="append",
        default=None,
        metavar="AANLEVERAAR:BEVOEGD_GEZAG",
        help="een machtiging (OIN's); herhaalbaar. Zonder: de machtiging wordt niet gecontroleerd",
    )
    c.add_argument(
        "--gepubliceerd",
        type=Path,
        action="append",
        default=None,
        metavar="EERDER.zip",
        help="een opdracht.zip die de LVBB al publiceerde (de was-versie van een wijziging, het besluit van een "
        "kennisgeving); herhaalbaar, in volgorde van publicatie",
    )
    c.add_argument(
        "--waardelijsten",
        type=Path,
        default=None,
        metavar="WL.json",
        help="de IMOW-waardelijsten van Geonovum ('waardelijsten IMOW <versie>.json'); standaard "
        "KETENTEST_WAARDELIJSTEN, zonder: de waarden worden niet tegen de waardelijsten gecontroleerd",
    )
    c.add_argument("--uit", type=Path, default=None, help="schrijf het verslag als XML (validatieVerzoekResultaat)")


def draai(args: argparse.Namespace) -> int:
    try:
        peildatum = dt.date.fromisoformat(args.peildatum) if args.peildatum else dt.date.today()
        pakket = args.pakket.read_bytes()
        bekend = _bekend(args.ozon_bekend)
        machtigingen = _machtigingen(args.machtiging)
        eerder = _bestaand(args.gepubliceerd or [])
        _waardelijsten(args.waardelijsten)
    except (OSError, ValueError, ConfiguratieFout) as exc:
        print(f"lvbb-controle: {exc}", file=sys.stderr)
        return 2
    from chain_tests.offline import lvbb_controle

    try:
        verslag, niet, valide = lvbb_controle(
            pakket, dt.datetime.combine(peildatum, dt.time()), bekend, machtigingen, eerder
        )
    except OngeldigeInvoer as exc:  # an earlier package that cannot be read as a levering
        print(f"lvbb-controle: --gepubliceerd: {exc}", file=sys.stderr)
        return 2
    assert isinstance(verslag, lvbb.Verslag)
    _toon(args.pakket, peildatum, verslag, niet)
    if args.uit is not None:
        args.uit.write_bytes(lvbb.resultaat_xml(verslag))
        print(f"Verslag geschreven naar {args.uit}")
    return 0 if valide else 1


def _waardelijsten(pad: Path | None) -> None:
    """Use the waardelijsten file ``pad`` (read now: a file of another shape stops the command, exit 2)."""
    if pad is None:
        return
    if not pad.is_file():
        raise ValueError(f"--waardelijsten {pad}: dat bestand bestaat niet")
    waardelijsten.configureer(pad)
    waardelijsten.imow()


def _bestaand(paden: list[Path]) -> list[Path]:
    for p in paden:
        if not p.is_file():
            raise ValueError(f"--gepubliceerd {p}: dat bestand bestaat niet")
    return paden


def _bekend(pad: Path | None) -> set[str]:
    if pad is None:
        return set()
    return {r.strip() for r in pad.read_text(encoding="utf-8").splitlines() if r.strip() and not r.startswith("#")}


def _machtigingen(waarden: list[str] | None) -> set[tuple[str, str]] | None:
    if waarden is None:
        return None
    uit = set()
    for w in waarden:
        a, _, b = w.partition(":")
        if not (len(a) == len(b) == 20 and a.isdigit() and b.isdigit()):
            raise ValueError(f"--machtiging {w!r}: verwacht AANLEVERAAR:BEVOEGD_GEZAG, twee OIN's van 20 cijfers")
        uit.add((a, b))
    return uit


def _toon(pakket: Path, peildatum: dt.date, v: lvbb.Verslag, niet: list[str]) -> None:
    oordeel = v.uitkomst or f"valide ({v.voortgang})"
    print(f"{pakket}: {oordeel} (peildatum {peildatum.isoformat()}, {v.soort}, idLevering {v.id_levering})")
    for m in v.meldingen:
        print(f"  {m.code} [{m.ernst}, {m.soort}] {m.beschrijving}")
    if not v.meldingen:
        print("  geen meldingen")
    for tekst in niet:
        print(f"  niet gecontroleerd: {tekst}")
