"""A STOP kennisgeving (``AanleveringKennisgeving``) as the LVBB reads it, and the procedure steps of a besluit
or kennisgeving.

The shape follows the real package of Geonovum's LVBB test repository
(``Sanity-check-testeiland/5_KennisgevingOpWijzigingsbesluit``): ``KennisgevingVersie`` with its
``ExpressionIdentificatie``, ``KennisgevingMetadata`` (``soortKennisgeving``, ``mededelingOver``) and a
``Procedureverloopmutatie`` (``voegStappenToe``, ``vervangStappen``, ``verwijderStappen``). The steps are STOP's
waardelijst ``procedurestap`` (LVBB bronhouderkoppelvlak 1.2.0).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from chain_tests.standards.stop import AANLEVERING, NS
from chain_tests.standards.xml import parse_xml

PUBLICATIE = "/join/id/stop/procedure/stap_004"
EINDE_INZAGE = "/join/id/stop/procedure/stap_005"
BEGIN_INZAGE = "/join/id/stop/procedure/stap_014"
EINDE_BEZWAAR = "/join/id/stop/procedure/stap_015"
EINDE_BEROEP = "/join/id/stop/procedure/stap_016"
MUTATIES = ("voegStappenToe", "vervangStappen", "verwijderStappen")
_STAP = "/join/id/stop/procedure/stap_"
#: the waardelijsten procedurestap_ontwerp and procedurestap_definitief (LVBB bronhouderkoppelvlak 1.2.0)
STAPPEN_ONTWERP = frozenset(_STAP + n for n in ("002", "003", "004", "005", "014"))
STAPPEN_DEFINITIEF = frozenset(_STAP + n for n in ("002", "003", "004", "015", "016", "018", "019", "020", "021"))


def is_kennisgeving(data: bytes, bron: str = "publicatie") -> bool:
    """Whether ``data`` is an AanleveringKennisgeving."""
    return bool(parse_xml(data, bron=bron).tag == f"{{{AANLEVERING}}}AanleveringKennisgeving")


def stappen(element: etree._Element) -> tuple[tuple[str, str], ...]:
    """(soortStap, voltooidOp) of each Procedurestap below ``element``."""
    return tuple(
        (
            (s.findtext("data:soortStap", namespaces=NS) or "").strip(),
            (s.findtext("data:voltooidOp", namespaces=NS) or "").strip(),
        )
        for s in element.iter(f"{{{NS['data']}}}Procedurestap")
    )


@dataclass(frozen=True)
class Kennisgeving:
    work: str
    expressie: str
    soort: str  # soortKennisgeving ('' when not given)
    mededeling_over: str  # the besluit's expression
    stappen: tuple[tuple[str, str], ...]  # (soortStap, voltooidOp)
    met_mutatie: bool  # a Procedureverloopmutatie
    mutaties: tuple[str, ...]  # the kinds it holds: voegStappenToe, …
    bekend_op: str = ""  # the Procedureverloopmutatie's bekendOp
    voeg_toe: tuple[tuple[str, str], ...] = ()  # the steps of voegStappenToe
    vervang: tuple[tuple[str, str], ...] = ()  # of vervangStappen
    verwijder: tuple[tuple[str, str], ...] = ()  # of verwijderStappen


def lees(data: bytes, bron: str = "kennisgeving") -> Kennisgeving:
    root = parse_xml(data, bron=bron)
    v = "a:KennisgevingVersie/"

    def tekst(pad: str) -> str:
        return (root.findtext(v + pad, namespaces=NS) or "").strip()

    mutatie = root.find(v + "data:Procedureverloopmutatie", NS)

    def van(soort: str) -> tuple[tuple[str, str], ...]:
        deel = mutatie.find(f"data:{soort}", NS) if mutatie is not None else None
        return stappen(deel) if deel is not None else ()

    return Kennisgeving(
        work=tekst("data:ExpressionIdentificatie/data:FRBRWork"),
        expressie=tekst("data:ExpressionIdentificatie/data:FRBRExpression"),
        soort=tekst("data:KennisgevingMetadata/data:soortKennisgeving"),
        mededeling_over=tekst("data:KennisgevingMetadata/data:mededelingOver"),
        stappen=stappen(root),
        met_mutatie=mutatie is not None,
        mutaties=tuple(m for m in MUTATIES if mutatie is not None and mutatie.find(f"data:{m}", NS) is not None),
        bekend_op=tekst("data:Procedureverloopmutatie/data:bekendOp"),
        voeg_toe=van("voegStappenToe"),
        vervang=van("vervangStappen"),
        verwijder=van("verwijderStappen"),
    )


def na_mutatie(stappen: tuple[tuple[str, str], ...], k: Kennisgeving) -> tuple[tuple[str, str], ...]:
    """The procedure's steps after kennisgeving ``k``: less each step it removes (by soort and voltooidOp) and each
    of a soort it replaces, plus what it replaces them with and what it adds (STOP's Procedureverloopmutatie)."""
    vervangen = {soort for soort, _ in k.vervang}
    blijft = tuple(s for s in stappen if s not in k.verwijder and s[0] not in vervangen)
    return (*blijft, *k.vervang, *k.voeg_toe)


def besluit_procedure(data: bytes, bron: str = "besluit") -> tuple[tuple[tuple[str, str], ...], str]:
    """The procedure steps of an AanleveringBesluit and its Procedureverloop's bekendOp."""
    root = parse_xml(data, bron=bron)
    return stappen(root), (root.findtext(".//data:Procedureverloop/data:bekendOp", namespaces=NS) or "").strip()
