"""The LVBB's validation of one opdracht.zip without servers: what a plan software supplier runs for a quick check
(``ketentest lvbb-controle``). The same layers as the LVBB mock (opdracht, manifest, STOP, IO/GIO, OW, and OZON's
rules against the objects it is told OZON already knows), on a chosen peildatum and with the given machtigingen;
the verslag as the LVBB would send it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from chain_tests.config import Tijden
from chain_tests.errors import OngeldigeInvoer
from chain_tests.klok import HandmatigeKlok
from chain_tests.standards import lvbb, owgraaf
from chain_tests.standards.meldingcodes import CodeMelding
from mocks.dso_lv.ozon import OzonMock
from mocks.lvbb.register import Register
from mocks.lvbb.validatie import Context, uitkomst, valideer


@dataclass(frozen=True)
class Controle:
    """The verslag, and which checks could not be made here (say so: a quick check is not the LVBB)."""

    verslag: lvbb.Verslag
    niet_gecontroleerd: list[str]
    valide: bool


def controleer_pakket(
    pakket: bytes | Path,
    peildatum: dt.date,
    ozon_bekend: set[str] | None = None,
    machtigingen: set[tuple[str, str]] | None = None,
    afzender: str | None = None,
    gepubliceerd: list[bytes | Path] | None = None,
) -> Controle:
    """The verslag of ``pakket`` on ``peildatum``. ``machtigingen`` (aanleveraar, bevoegd gezag): None means not
    checked; ``afzender`` the OIN of the sender's certificate (None: not checked, there is no certificate here);
    ``gepubliceerd`` the leveringen the LVBB published before (a wijzigingsbesluit's was-version, the besluit of a
    kennisgeving): taken up in its register, their OW objects known to OZON."""
    data = pakket.read_bytes() if isinstance(pakket, Path) else pakket
    ozon = OzonMock(HandmatigeKlok(), Tijden(), "", lambda: None)  # type: ignore[arg-type,return-value]
    register, eerder_ow = _gepubliceerd(gepubliceerd or [], ozon)
    opdracht = _opdracht(data)
    niet = []
    if afzender is None:
        niet.append("idAanleveraar tegen het certificaat van de afzender (er is hier geen certificaat)")
    if machtigingen is None:
        niet.append("de machtiging van de aanleveraar voor het bevoegd gezag (geef --machtiging)")
    ozon.bekend |= (ozon_bekend or set()) | eerder_ow
    ctx = Context(
        afzender=afzender or (opdracht.aanleveraar if opdracht else ""),
        id_verzoek=opdracht.id_levering if opdracht else "",
        soort=opdracht.soort if opdracht else "validatie",
        vandaag=peildatum,
        eerder_gezien=False,
        mag_aanleveren=lambda a, b: machtigingen is None or (a, b) in machtigingen or a == b,
        ozon=ozon.controleer,
        register=register,
    )
    _, _, meldingen = valideer(data, ctx)
    nu = dt.datetime.combine(peildatum, dt.time(9), tzinfo=dt.UTC)
    soort = opdracht.soort if opdracht else "validatie"
    oordeel = uitkomst(meldingen)
    if soort == "publicatie" and oordeel == "valide":  # the LVBB's verslag after validating a publicatie
        verslag = lvbb.Verslag(soort, ctx.id_verzoek, nu, meldingen, voortgang="validatie-voltooid")
    else:
        verslag = lvbb.Verslag(soort, ctx.id_verzoek or "onbekend", nu, meldingen, uitkomst=oordeel)
    return Controle(verslag, niet, oordeel == "valide")


def _gepubliceerd(pakketten: list[bytes | Path], ozon: OzonMock) -> tuple[Register, set[str]]:
    """The register after ``pakketten`` were published (OZON given their text), and the OW objects they delivered."""
    register, ow_ids = Register(), set()
    for pakket in pakketten:
        bestanden = lvbb.pak_uit(pakket)
        register.neem_pakket_op(bestanden)
        ozon.neem_tekst_op(bestanden)
        ow_ids |= set(owgraaf.lees(bestanden).objecten)
    return register, ow_ids


def _opdracht(data: bytes) -> lvbb.Opdracht | None:
    """The opdracht, when it can be read (else the validation itself says why)."""
    try:
        xml = lvbb.pak_uit(data).get("opdracht.xml")
        return lvbb.lees_opdracht(xml) if xml else None
    except OngeldigeInvoer:  # the validation itself reports it, with its LVBB code
        return None


def meldingen_tekst(meldingen: list[CodeMelding]) -> list[str]:
    return [f"{m.code} ({m.ernst}, {m.soort}): {m.beschrijving}" for m in meldingen]
