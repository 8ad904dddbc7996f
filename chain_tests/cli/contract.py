"""``ketentest contract [--map docs/contract]``: write the OpenAPI documents of the supplier's contract."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from chain_tests.standards import contract
from chain_tests.standards.zgw import contract as zgw_contract


def voeg_toe(sub: Any) -> None:
    c = sub.add_parser("contract", help="schrijf de OpenAPI-documenten van het koppelvlak voor leveranciers")
    c.add_argument("--map", type=Path, default=Path("docs/contract"), help="waarheen (standaard docs/contract)")


def tekst(naam: str) -> str:
    """One document as it is written: JSON, two-space indent, UTF-8, a final newline."""
    return json.dumps(contract.document(naam), indent=2, ensure_ascii=False) + "\n"


def zgw_tekst(component: str) -> str:
    """The derived ZGW document of one component (docs/contract/zgw/), written alike."""
    return json.dumps(zgw_contract.document(component), indent=2, ensure_ascii=False) + "\n"


def draai(args: argparse.Namespace) -> int:
    args.map.mkdir(parents=True, exist_ok=True)
    for naam in contract.DOCUMENTEN:
        pad = args.map / f"{naam}.openapi.json"
        pad.write_text(tekst(naam), encoding="utf-8")
        print(f"{pad}")
    (args.map / "zgw").mkdir(exist_ok=True)
    for component in zgw_contract.COMPONENTEN:
        pad = args.map / "zgw" / f"{component}.openapi.json"
        pad.write_text(zgw_tekst(component), encoding="utf-8")
        print(f"{pad}")
    (args.map / "voorbeelden").mkdir(exist_ok=True)
    for bestand, inhoud in contract.voorbeelden().items():
        pad = args.map / "voorbeelden" / bestand
        pad.write_bytes(inhoud)
        print(f"{pad}")
    return 0
