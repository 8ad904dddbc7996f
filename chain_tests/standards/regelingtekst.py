"""What a besluit's text does to regelingen, read for the LVBB's rules over several leveringen: each new regeling
(a ``RegelingCompact``/… with ``@wordt``) with the wIds it holds, each ``RegelingMutatie`` (``@was`` →
``@wordt``) with what it adds (``VoegToe``), replaces (``Vervang``) and removes (``Verwijder``) or the whole text
it brings instead (``VervangRegeling``: a regeling model without ``@wordt`` inside the mutation), and each
``RegelingVersieInformatie`` (expression, soortWork, soortRegeling, opvolgerVan).

The element names follow STOP's tekst model as the real packages of Geonovum's LVBB test repository use it
(``Sanity-check-testeiland/2_Wijzigingsbesluit``: ``RegelingMutatie was= wordt=``, ``Vervang wat=``,
``VoegToe context= positie=``).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from chain_tests.standards.stop import NS, REGELINGMODELLEN, TEKST
from chain_tests.standards.xml import parse_xml


@dataclass(frozen=True)
class NieuweRegeling:
    wordt: str  # the expression the text sets
    wids: frozenset[str]  # every wId in it
    model: str = ""  # RegelingCompact, RegelingVrijetekst, …


@dataclass(frozen=True)
class Vervanging:
    wat: str  # @wat: the wId of the element replaced
    element: str  # the wId of the element that replaces it ('' when it has none)
    wids: frozenset[str]  # every wId in the replacement


@dataclass(frozen=True)
class Mutatie:
    was: str
    wordt: str
    toevoegingen: tuple[tuple[str, frozenset[str]], ...]  # each VoegToe: (@context, every wId inside it)
    vervangingen: tuple[Vervanging, ...]
    verwijderd: tuple[str, ...]  # each Verwijder's @wat
    bijlage: str = ""  # the eId of the WijzigBijlage that holds it
    model: str = ""  # a VervangRegeling: the model of the text it brings ('' for a mutation by parts)
    geheel: frozenset[str] = frozenset()  # a VervangRegeling: every wId of the text it brings

    @property
    def toegevoegd(self) -> frozenset[str]:
        return frozenset().union(*(wids for _, wids in self.toevoegingen))


@dataclass(frozen=True)
class VersieInformatie:
    expressie: str
    soort_work: str
    soort_regeling: str  # '' without RegelingMetadata
    eindverantwoordelijke: str  # of the RegelingMetadata ('' without)
    opvolger_van: tuple[str, ...]  # works
    tijdelijk_deel_van: str = ""  # a RegelingTijdelijkdeel: the work of its hoofdregeling (isTijdelijkDeelVan)


@dataclass(frozen=True)
class Regelingtekst:
    nieuw: tuple[NieuweRegeling, ...]
    mutaties: tuple[Mutatie, ...]
    versies: tuple[VersieInformatie, ...]
    schemaversie: str = ""  # AanleveringBesluit/@schemaversie


def _t(naam: str) -> str:
    return f"{{{TEKST}}}{naam}"


def _wids(e: etree._Element) -> frozenset[str]:
    return frozenset(w for x in e.iter() if isinstance(x.tag, str) and (w := x.get("wId")))


def _mutatie(m: etree._Element) -> Mutatie:
    vervangingen = tuple(
        Vervanging(
            v.get("wat") or "",
            next((k.get("wId") or "" for k in v if isinstance(k.tag, str)), ""),
            _wids(v),
        )
        for v in m.iter(_t("Vervang"))
    )
    vervang = next(iter(m.iter(_t("VervangRegeling"))), None)
    tekst = next((e for e in vervang if isinstance(e.tag, str)), None) if vervang is not None else None
    return Mutatie(
        model=etree.QName(tekst).localname if tekst is not None else "",
        geheel=_wids(tekst) if tekst is not None else frozenset(),
        was=(m.get("was") or "").strip(),
        wordt=(m.get("wordt") or "").strip(),
        toevoegingen=tuple((v.get("context") or "", _wids(v)) for v in m.iter(_t("VoegToe"))),
        vervangingen=vervangingen,
        verwijderd=tuple(v.get("wat") or "" for v in m.iter(_t("Verwijder"))),
        bijlage=next((b.get("eId") or "" for b in m.iterancestors(_t("WijzigBijlage"))), ""),
    )


def _versie(info: etree._Element) -> VersieInformatie:
    def tekst(pad: str) -> str:
        return (info.findtext(pad, namespaces=NS) or "").strip()

    return VersieInformatie(
        expressie=tekst("data:ExpressionIdentificatie/data:FRBRExpression"),
        soort_work=tekst("data:ExpressionIdentificatie/data:soortWork"),
        soort_regeling=tekst("data:RegelingMetadata/data:soortRegeling"),
        eindverantwoordelijke=tekst("data:RegelingMetadata/data:eindverantwoordelijke"),
        opvolger_van=tuple(
            (o.text or "").strip() for o in info.iterfind("data:RegelingMetadata/data:opvolging/data:opvolgerVan", NS)
        ),
        tijdelijk_deel_van=tekst(
            "data:ExpressionIdentificatie/data:isTijdelijkDeelVan/data:WorkIdentificatie/data:FRBRWork"
        ),
    )


def lees(data: bytes, bron: str = "besluit") -> Regelingtekst:
    root = parse_xml(data, bron=bron)
    return Regelingtekst(
        nieuw=tuple(
            NieuweRegeling((r.get("wordt") or "").strip(), _wids(r), etree.QName(r).localname)
            for r in root.iter(*(_t(m) for m in REGELINGMODELLEN))
            if next(r.iterancestors(_t("RegelingMutatie")), None) is None  # a VervangRegeling's text is the mutation's
        ),
        mutaties=tuple(_mutatie(m) for m in root.iter(_t("RegelingMutatie"))),
        versies=tuple(_versie(i) for i in root.iterfind("a:RegelingVersieInformatie", NS)),
        schemaversie=(root.get("schemaversie") or "").strip(),
    )
