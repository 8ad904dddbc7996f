"""``ketentest cpa --omgeving NAAM --partij OIN [--profiel osb-rm|osb-rm-s|osb-rm-e]``: the CPA (ebXML CPP/CPA 2.0)
of the verzoeknotificaties DSO-LV sends that party, with the endpoints of the profile and, for the signed
profiles, both parties' certificates from the profile's certificate folder; valid against the OASIS XSD."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from chain_tests.errors import ChainTestError
from chain_tests.profiel import Profiel, laad_profiel
from chain_tests.standards import api, cpa


def voeg_toe(sub: Any) -> None:
    c = sub.add_parser("cpa", help="schrijf de CPA (ebXML CPP/CPA 2.0) tussen DSO-LV en een partij")
    c.add_argument("--omgeving", default=None, help="het profiel (keten-omgeving); standaard $KETENTEST_OMGEVING")
    c.add_argument("--profielbestand", type=Path, default=None, help="het profielbestand (standaard ketentest.toml)")
    c.add_argument("--partij", required=True, help="OIN of naam van de organisatie (het VTH-systeem)")
    c.add_argument(
        "--profiel", choices=cpa.PROFIELEN, default="osb-rm", help="Digikoppeling-profiel (standaard osb-rm)"
    )
    c.add_argument("--uit", type=Path, default=None, help="schrijf naar dit bestand (standaard: het scherm)")


def _certificaat(profiel: Profiel, oin: str) -> bytes | None:
    if profiel.certificaten is None or not (pad := profiel.certificaten / f"{oin}.pem").is_file():
        return None
    return x509.load_pem_x509_certificate(pad.read_bytes()).public_bytes(Encoding.DER)


def draai(args: argparse.Namespace) -> int:
    try:
        _, profiel = laad_profiel(args.omgeving, args.profielbestand)
        config = profiel.keten_config()
        partij = config.organisatie(args.partij)
    except ChainTestError as exc:
        print(exc, file=sys.stderr)
        return 2
    dso = config.dso_lv
    van = (dso.oin, dso.naam, dso.base_url + api.EBMS)
    naar = (partij.oin, partij.naam, partij.base_url + api.EBMS)
    overeenkomst = cpa.overeenkomst(cpa.VERZOEKNOTIFICATIE, van, naar, config, args.profiel)
    if overeenkomst.ondertekend:
        certs = [_certificaat(profiel, p.oin) for p in overeenkomst.partijen]
        partijen = tuple(
            p.model_copy(update={"certificaat": c}) for p, c in zip(overeenkomst.partijen, certs, strict=True)
        )
        overeenkomst = overeenkomst.model_copy(update={"partijen": partijen})
    xml = cpa.als_xml(overeenkomst)
    if args.uit is None:
        sys.stdout.write(xml.decode())
    else:
        args.uit.write_bytes(xml)
        print(f"{args.uit}: CPA {overeenkomst.cpa_id} ({overeenkomst.profiel})")
    return 0
