"""``python -m mocks``: serve the mocks, or make a test PKI.

The command line is the composition root of the served mocks: it reads a profile (the harness's
:mod:`chain_tests.profiel`) and hands :mod:`mocks.serve` plain settings. Nothing else in ``mocks`` imports
the harness above its standards, configuration and clients (see the import-linter contracts).

python -m mocks pki --map reports/pki
python -m mocks serve dso-lv [--omgeving lokaal] [--profiel ketentest.toml]
python -m mocks serve vth --oin 00000001001719001000 [--omgeving lokaal]
python -m mocks serve lvbb | plansoftware | lopende-zaken [--omgeving lokaal]
python -m mocks serve alles [--omgeving lokaal]     # DSO-LV, LVBB, plansoftware and a VTH per organisation
python -m mocks partijen < opdracht.json            # several parties, a process each (mocks._infra.partijen)
"""

from __future__ import annotations

import argparse
import logging
import socket
import sys
from pathlib import Path

from chain_tests import geheugen
from chain_tests.errors import ChainTestError
from chain_tests.pki import maak_test_pki, nog_geldig
from chain_tests.profiel import Profiel, laad_profiel
from mocks import serve
from mocks._infra import partijen, server


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m mocks", description="ketentest: mocks serveren of een test-PKI maken"
    )
    sub = parser.add_subparsers(dest="opdracht", required=True)
    pki = sub.add_parser("pki", help="maak een test-CA en certificaten (OIN in subject.serialNumber)")
    pki.add_argument(
        "--map", type=Path, default=Path("reports/pki"), help="map voor de test-PKI (standaard reports/pki)"
    )
    pki.add_argument(
        "--als-nodig",
        action="store_true",
        help="alleen als de map geen test-PKI heeft of een certificaat binnen 14 dagen verloopt (make mocks)",
    )
    sub.add_parser(
        "partijen",
        help="start meerdere partijen, elk in een eigen proces, met één keer importeren "
        "(opdracht als JSON op stdin; gebruikt door de tests van de harness)",
    )
    _serve_opties(sub.add_parser("serve", help="start mock-servers (HTTPS, tweezijdig TLS)"))
    return parser


def _serve_opties(srv: argparse.ArgumentParser) -> None:
    srv.add_argument(
        "rol",
        choices=["dso-lv", "lvbb", "plansoftware", "lopende-zaken", "vth", "alles"],
        help="welke partij(en): 'alles' = DSO-LV, LVBB, plansoftware, Lopende Zaken en een VTH per organisatie",
    )
    srv.add_argument("--oin", help="bij 'vth': OIN of naam van de organisatie")
    srv.add_argument(
        "--zonder",
        action="append",
        default=[],
        metavar="OIN",
        help="bij 'alles': geen referentie-VTH voor deze organisatie, of geen referentie-plansoftware "
        "('plansoftware'): uw eigen systeem neemt die plaats in",
    )
    srv.add_argument("--omgeving", default="lokaal", help="naam van het profiel (standaard 'lokaal')")
    srv.add_argument("--profiel", type=Path, default=None, help="ketentest.toml (standaard $KETENTEST_PROFIEL)")
    srv.add_argument(
        "--host",
        default="127.0.0.1",
        help="adres om op te luisteren (standaard 127.0.0.1; bij 0.0.0.0: zet beheer_token in het profiel)",
    )
    srv.add_argument(
        "--socket",
        action="append",
        default=[],
        metavar="POORT=FD",
        help="luister voor de partij op POORT op de al geopende socket FD (gebruikt door de launcher van de tests)",
    )


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    geheugen.stem_af()  # uploads and downloads stream in 1 MiB chunks: reuse the heap
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    if args.opdracht == "partijen":
        return partijen.main(main)
    try:
        if args.opdracht == "pki":
            return _pki(args.map, args.als_nodig)
        if args.rol == "vth" and not args.oin:
            parser.error("'serve vth' vraagt --oin (OIN of naam van de organisatie)")
        _, profiel = laad_profiel(args.omgeving, args.profiel)
        token = profiel.beheer_token.get_secret_value() if profiel.beheer_token else None
        instellingen = server.Serveerconfig(
            profiel.keten_config(), profiel.ca, profiel.certificaat_van, token, _mocks(profiel)
        )
        diensten = _diensten(instellingen, args.rol, args.oin, args.zonder)
        server.draai(diensten, instellingen, args.host, _sockets(parser, args.socket))
    except ChainTestError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


def _mocks(profiel: Profiel) -> frozenset[str]:
    """The OINs of the parties the profile calls ketentest mocks (per party 'inspectie', else the profile's)."""
    c = profiel.keten_config()
    landelijk = [
        (c.dso_lv, profiel.dso_lv),
        (c.lvbb, profiel.lvbb),
        (c.plansoftware, profiel.plansoftware),
        (c.lopende_zaken, profiel.lopende_zaken),
    ]
    eigen = [(o, profiel.eindpunt_van(o)) for o in c.organisaties]
    return frozenset(o.oin for o, e in [*landelijk, *eigen] if profiel.is_mock(e))


def _pki(map_: Path, als_nodig: bool) -> int:
    if als_nodig and nog_geldig(map_, dagen=14):
        print(f"Test-PKI in {map_} is nog minstens 14 dagen geldig.")
        return 0
    maak_test_pki(map_)
    print(f"Test-PKI gemaakt in {map_} (ca.pem, <OIN>.pem, <OIN>-key.pem).")
    return 0


def _diensten(instellingen: server.Serveerconfig, rol: str, oin: str | None, zonder: list[str]) -> list[server.Dienst]:
    """The servers of ``rol`` ('alles': every landelijke party and a VTH per organisation, minus ``zonder``)."""
    keten = instellingen.keten
    diensten = []
    if rol in ("dso-lv", "alles"):
        diensten.append(serve.dso_lv(instellingen)[0])
    if rol in ("lvbb", "alles"):
        diensten.append(serve.lvbb(instellingen)[0])
    if rol in ("lopende-zaken", "alles"):
        diensten.append(serve.lopende_zaken(instellingen)[0])
    if rol in ("plansoftware", "alles") and not any(keten.plansoftware.noemt(z) for z in zonder):
        diensten.append(serve.plansoftware(instellingen)[0])
    if rol == "vth" and oin is not None:
        diensten.append(serve.vth(instellingen, oin)[0])
    if rol == "alles":
        diensten += [
            serve.vth(instellingen, o.oin)[0] for o in keten.organisaties if not any(o.noemt(z) for z in zonder)
        ]
    return diensten


def _sockets(parser: argparse.ArgumentParser, waarden: list[str]) -> dict[int, socket.socket]:
    uit = {}
    for waarde in waarden:
        poort, _, fd = waarde.partition("=")
        if not (poort.isdigit() and fd.isdigit()):
            parser.error(f"--socket {waarde}: verwacht POORT=FD, twee gehele getallen")
        uit[int(poort)] = socket.socket(fileno=int(fd))
    return uit


if __name__ == "__main__":
    sys.exit(main())
