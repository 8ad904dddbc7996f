"""Every OW object of a delivery as a graph, whatever its type: its identificatie, its references (which element
of the object holds them, to what) and its simple values. :mod:`chain_tests.standards.ow` reads the few types
the chain acts on into a typed model; this module serves the validatiematrix's generic rules (references
that must exist or be unique, object types a soort regeling may not hold), so a type it never models is
still checked.

Also the two things OZON's rules need from the besluit: the soort regeling and the ``wId`` of each element.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from chain_tests.standards.ow import DC, NSMAP, XLINK
from chain_tests.standards.xml import parse_xml

STOP_DATA = "https://standaarden.overheid.nl/stop/imop/data/"
#: STOP's waardelijst soortregeling, by the names the validatiematrix uses in its texts
SOORTEN_REGELING = {
    "Algemene maatregel van bestuur": "/join/id/stop/regelingtype_001",
    "Ministeriële regeling": "/join/id/stop/regelingtype_002",
    "Omgevingsplan": "/join/id/stop/regelingtype_003",
    "Omgevingsverordening": "/join/id/stop/regelingtype_004",
    "Waterschapsverordening": "/join/id/stop/regelingtype_005",
    "Omgevingsvisie": "/join/id/stop/regelingtype_006",
    "Projectbesluit": "/join/id/stop/regelingtype_007",
    "Instructie": "/join/id/stop/regelingtype_008",
    "Voorbeschermingsregels": "/join/id/stop/regelingtype_009",
    "Programma": "/join/id/stop/regelingtype_010",
    "Reactieve interventie": "/join/id/stop/regelingtype_011",
    "Aanwijzingsbesluit N2000": "/join/id/stop/regelingtype_012",
    "Toegangsbeperkingsbesluit": "/join/id/stop/regelingtype_013",
    "Omgevingsplanregels uit een projectbesluit": "/join/id/stop/regelingtype_014",
    "Voorbeschermingsregels omgevingsplan": "/join/id/stop/regelingtype_015",
    "Voorbeschermingsregels omgevingsverordening": "/join/id/stop/regelingtype_016",
}


@dataclass(frozen=True)
class Verwijzing:
    van: str  # identificatie of the referring object
    soort: str  # its object type, e.g. RegelVoorIedereen
    via: str  # the object's own element that holds the reference, e.g. locatieaanduiding
    ref: str  # the reference element, e.g. LocatieRef; for an object held inside this one, its type
    naar: str  # the identificatie referred to


@dataclass
class OwObject:
    soort: str
    id: str
    bestand: str
    wid: str | None = None
    waarden: dict[str, list[str]] = field(default_factory=dict)  # simple values by element name (thema, type, …)
    genest: bool = False  # held inside another object (an ALA in a regel, a Normwaarde in a norm)


@dataclass
class OwGraaf:
    objecten: dict[str, OwObject] = field(default_factory=dict)
    verwijzingen: list[Verwijzing] = field(default_factory=list)
    objecttypen: dict[str, list[str]] = field(default_factory=dict)  # per owBestand: its sl:objectTypen
    voorkomens: list[tuple[str, str]] = field(default_factory=list)  # (identificatie, owBestand) of each owObject

    def van_soort(self, soort: str) -> list[OwObject]:
        return [o for o in self.objecten.values() if o.soort == soort]


def _naam(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _id(el: etree._Element) -> str | None:
    for kind in el:
        if _naam(kind) == "identificatie":
            return (kind.text or "").strip()
    return None


def _lees(el: etree._Element, eigenaar: OwObject, via: str, graaf: OwGraaf, bestand: str) -> None:
    for kind in el:
        naam = _naam(kind)
        if not naam or naam == "identificatie":
            continue
        href = kind.get(f"{{{XLINK}}}href")
        ident = _id(kind)
        if href is not None:
            graaf.verwijzingen.append(Verwijzing(eigenaar.id, eigenaar.soort, via or naam, naam, href.strip()))
        elif ident is not None:  # an object inside another (ALA, Normwaarde, Kaartlaag): referred to by its type
            graaf.verwijzingen.append(Verwijzing(eigenaar.id, eigenaar.soort, via or naam, naam, ident))
            _object(kind, ident, graaf, bestand)
        elif len(kind):
            _lees(kind, eigenaar, via or naam, graaf, bestand)
        elif (kind.text or "").strip():
            eigenaar.waarden.setdefault(naam, []).append((kind.text or "").strip())


def _object(el: etree._Element, ident: str, graaf: OwGraaf, bestand: str, *, genest: bool = True) -> None:
    """The object read once: a second object of the same identificatie adds nothing (the reference to it counts)."""
    if ident in graaf.objecten:
        return
    obj = graaf.objecten[ident] = OwObject(_naam(el), ident, bestand, el.get("wId"), genest=genest)
    _lees(el, obj, "", graaf, bestand)


def lees(bestanden: dict[str, bytes]) -> OwGraaf:
    """The graph of every OW object in the owBestand files among ``bestanden`` (other files are ignored)."""
    graaf = OwGraaf()
    for naam, data in bestanden.items():
        if not naam.lower().endswith(".xml"):
            continue
        root = parse_xml(data, bron=naam)
        if root.tag != f"{{{DC}}}owBestand":
            continue
        graaf.objecttypen[naam] = [(t.text or "").strip() for t in root.iterfind(".//sl:objectType", NSMAP)]
        for el in root.iterfind("sl:standBestand/sl:stand/ow-dc:owObject/*", NSMAP):
            graaf.voorkomens.append((_id(el) or "", naam))
            _object(el, _id(el) or "", graaf, naam, genest=False)
    return graaf


@dataclass(frozen=True)
class Besluit:
    soort_regeling: str  # the STOP uri, e.g. /join/id/stop/regelingtype_003
    wids: dict[str, str]  # wId → element name (Artikel, Lid, Divisie, …)
    ontwerp: bool = False  # soortProcedure ontwerp (else definitief)
    regelingen: frozenset[str] = frozenset()  # the FRBRWork of each RegelingVersieInformatie
    doelen: frozenset[tuple[str, str]] = frozenset()  # (doel, regeling work) of each BeoogdeRegeling
    stappen: tuple[str, ...] = ()  # the soortStap of each Procedurestap of its Procedureverloop
    expressie: str = ""  # the besluit's own FRBRExpression
    versies: tuple[tuple[tuple[str, ...], str], ...] = ()  # (doelen, instrumentVersie) of each BeoogdeRegeling
    regelingversies: frozenset[str] = frozenset()  # the FRBRExpression of each RegelingVersieInformatie
    initieel: bool = False  # it holds a regeling's whole text (a new regeling), not only mutations
    intrekkingen: tuple[str, ...] = ()  # the instruments it withdraws
    met_leden: frozenset[str] = frozenset()  # the wIds of the Artikelen that hold Leden
    buiten_lichaam: frozenset[str] = frozenset()  # the wIds in a Bijlage or Toelichting of a regeling
    eindverantwoordelijke: str = ""  # the regeling's bevoegd gezag: its RegelingMetadata's, else the besluit's
    met_procedureverloop: bool = False  # it holds a Procedureverloop
    tijdelijk: tuple[tuple[str, str], ...] = ()  # (work, hoofdregeling) of each RegelingTijdelijkdeel it sets


#: the parts of a regeling's text beside its Lichaam (STOP tekst), where no IMOW object may point (OZON2041)
BUITEN_LICHAAM = frozenset({"Bijlage", "Toelichting", "ArtikelgewijzeToelichting", "AlgemeneToelichting"})


def _d(naam: str) -> str:
    return f"{{{STOP_DATA}}}{naam}"


def _tekst(el: etree._Element, pad: str) -> str:
    return (el.findtext(pad) or "").strip()


def _lees_besluit(root: etree._Element) -> Besluit:
    wids = {w: _naam(el) for el in root.iter() if isinstance(el.tag, str) and (w := el.get("wId"))}
    rvi = [e for r in root.iterfind("{*}RegelingVersieInformatie") for e in r.iterfind(_d("ExpressionIdentificatie"))]
    versies = tuple(
        (tuple((d.text or "").strip() for d in b.iter(_d("doel"))), _tekst(b, _d("instrumentVersie")))
        for b in root.iter(_d("BeoogdeRegeling"))
    )
    return Besluit(
        soort_regeling=(root.findtext(f".//{_d('soortRegeling')}") or "").strip(),
        wids=wids,
        ontwerp=(root.findtext(f".//{_d('soortProcedure')}") or "").strip().endswith("proceduretype_ontwerp"),
        regelingen=frozenset(_tekst(e, _d("FRBRWork")) for e in rvi),
        doelen=frozenset((d, v.split("@")[0].rsplit("/", 1)[0]) for doelen, v in versies for d in doelen),
        stappen=tuple((t.text or "").strip() for t in root.iter(_d("soortStap"))),
        expressie=(
            root.findtext(f"{{*}}BesluitVersie/{_d('ExpressionIdentificatie')}/{_d('FRBRExpression')}") or ""
        ).strip(),
        versies=versies,
        regelingversies=frozenset(_tekst(e, _d("FRBRExpression")) for e in rvi),
        initieel=any(
            _naam(e).startswith("Regeling") and e.get("wordt") and _naam(e) != "RegelingMutatie"
            for e in root.iter()
            if isinstance(e.tag, str)
        ),
        intrekkingen=tuple((t.text or "").strip() for t in root.iter(_d("instrument"))),
        met_leden=frozenset(
            w
            for el in root.iter()
            if isinstance(el.tag, str)
            and _naam(el) == "Artikel"
            and (w := el.get("wId"))
            and any(_naam(k) == "Lid" for k in el if isinstance(k.tag, str))
        ),
        buiten_lichaam=frozenset(
            w
            for deel in root.iter()
            if isinstance(deel.tag, str) and _naam(deel) in BUITEN_LICHAAM
            for el in deel.iter()
            if isinstance(el.tag, str) and (w := el.get("wId"))
        ),
        eindverantwoordelijke=_tekst(root, f".//{_d('RegelingMetadata')}/{_d('eindverantwoordelijke')}")
        or _tekst(root, f".//{_d('BesluitMetadata')}/{_d('eindverantwoordelijke')}"),
        met_procedureverloop=root.find(f".//{_d('Procedureverloop')}") is not None,
        tijdelijk=tuple(
            (
                _tekst(e, _d("FRBRWork")),
                _tekst(e, f"{_d('isTijdelijkDeelVan')}/{_d('WorkIdentificatie')}/{_d('FRBRWork')}"),
            )
            for e in rvi
            if e.find(_d("isTijdelijkDeelVan")) is not None
        ),
    )


def lees_besluit(bestanden: dict[str, bytes]) -> Besluit | None:
    """The besluit among ``bestanden`` (root ``AanleveringBesluit``), or None when the delivery holds none."""
    for naam, data in bestanden.items():
        if not naam.lower().endswith(".xml") or b"AanleveringBesluit" not in data[:4096]:
            continue
        root = parse_xml(data, bron=naam)
        if _naam(root) == "AanleveringBesluit":
            return _lees_besluit(root)
    return None
