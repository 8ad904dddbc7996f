"""``ketentest cpa --omgeving NAAM --partij OIN [--profiel osb-rm|osb-rm-s|osb-rm-e]``: the CPA (ebXML CPP/CPA 2.0)
of the verzoeknotificaties DSO-LV sends that party, with the endpoints of the profile and, for the signed
profiles, both parties' certificates from the profile's certificate folder; valid against the OASIS XSD."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from chain_tests.errors import ChainTestError
from chain_tests.profiel import laad_profiel
from chain_tests.standards import cpa


def voeg_toe(sub: Any) -> None:
    c = sub.add_parser("cpa", help="schrijf de CPA (ebXML CPP/CPA 2.0) tussen DSO-LV en een partij")
    c.add_argument("--omgeving", default=None, help="het profiel (keten-omgeving); standaard $KETENTEST_OMGEVING")
    c.add_argument("--profielbestand", type=Path, default=None, help="het profielbestand (standaard ketentest.toml)")
    c.add_argument("--partij", required=True, help="OIN of naam van de organisatie (het VTH-systeem)")
    c.add_argument(
        "--profiel",
        choices=cpa.PROFIELEN,
        default=None,
        help="Digikoppeling-profiel (standaard dat van het profiel: osb-rm-s, ondertekend)",
    )
    c.add_argument("--uit", type=Path, default=None, help="schrijf naar dit bestand (standaard: het scherm)")


def draai(args: argparse.Namespace) -> int:
    try:
        _, profiel = laad_profiel(args.omgeving, args.profielbestand)
        config = profiel.keten_config()
        partij = config.organisatie(args.partij)
    except ChainTestError as exc:
        print(exc, file=sys.stderr)
        return 2
    # on a signed profile each party's certificate comes from the profile's folder 'certificaten' (the keyring)
    alle = cpa.overeenkomsten(config, args.profiel)
    overeenkomst = alle[cpa.cpa_id(cpa.VERZOEKNOTIFICATIE[0], config.dso_lv.oin, partij.oin)]
    xml = cpa.als_xml(overeenkomst)
    if args.uit is None:
        sys.stdout.write(xml.decode())
    else:
        args.uit.write_bytes(xml)
        print(f"{args.uit}: CPA {overeenkomst.cpa_id} ({overeenkomst.profiel})")
    return 0
