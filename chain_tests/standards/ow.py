"""OW files (IMOW): the Omgevingswet objects of a plan fragment, written and read.

Written as the plansoftware delivers them (``owBestand`` per object kind: locaties, activiteiten,
regelteksten with their juridische regels, the regelingsgebied, and ``manifest-ow.xml``), modelled on
the real minimal package ``lvbb-testeiland/1_Initieel_Besluit``; the tests validate them against the IMOW
3.1.0 schemas. Read back by the LVBB and OZON mocks into :class:`OwLevering` (ids and references only).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards.xml import parse_xml, to_bytes
from chain_tests.standards.xml import sub as _el

DC = "http://www.geostandaarden.nl/imow/bestanden/deelbestand"
SL = "http://www.geostandaarden.nl/bestanden-ow/standlevering-generiek"
L = "http://www.geostandaarden.nl/imow/locatie"
ROL = "http://www.geostandaarden.nl/imow/regelsoplocatie"
R = "http://www.geostandaarden.nl/imow/regels"
RG = "http://www.geostandaarden.nl/imow/regelingsgebied"
XLINK = "http://www.w3.org/1999/xlink"
MANIFEST_OW = "http://www.geostandaarden.nl/bestanden-ow/manifest-ow"
NSMAP = {"ow-dc": DC, "sl": SL, "l": L, "rol": ROL, "r": R, "rg": RG, "xlink": XLINK}

STANDAARDEN = "http://standaarden.omgevingswet.overheid.nl"
KWALIFICATIE = STANDAARDEN + "/activiteitregelkwalificatie/id/concept/"
GROEP = STANDAARDEN + "/activiteit/id/concept/"
IDEALISATIE = STANDAARDEN + "/idealisatie/id/concept/Exact"
#: The Rijk's placeholder every gemeente's tophaak hangs under (TPOD1951–1954; Regels-bij-activiteiten README).
ACT_IN_OMGEVINGSPLAN = "nl.imow-mnre1034.activiteit.ActInOmgevingsplan"
KWALIFICATIES = ("Vergunningplicht", "Meldingsplicht", "Informatieplicht", "Toegestaan", "Verbod", "AndersGeduid")


@dataclass(frozen=True)
class Gebied:
    id: str
    noemer: str
    geometrie: str  # basisgeo:id of the geometry in the GIO's GML


@dataclass(frozen=True)
class Activiteit:
    id: str
    naam: str
    groep: str  # last part of the waardelijst URI, e.g. "MilieubelastendeActiviteit"
    bovenliggend: str


@dataclass(frozen=True)
class Regeltekst:
    id: str
    wid: str  # the wId of the Lid/Artikel in the besluit


@dataclass(frozen=True)
class ActiviteitAanduiding:
    id: str  # activiteitlocatieaanduiding id
    activiteit: str
    kwalificatie: str  # last part of the URI, e.g. "Vergunningplicht"
    locaties: tuple[str, ...]


@dataclass(frozen=True)
class JuridischeRegel:
    id: str
    regeltekst: str
    locaties: tuple[str, ...]
    activiteiten: tuple[ActiviteitAanduiding, ...]


@dataclass(frozen=True)
class Regelingsgebied:
    id: str
    locatie: str


@dataclass
class OwLevering:
    """Every OW object of a delivery, by id."""

    gebieden: dict[str, Gebied] = field(default_factory=dict)
    activiteiten: dict[str, Activiteit] = field(default_factory=dict)
    regelteksten: dict[str, Regeltekst] = field(default_factory=dict)
    regels: dict[str, JuridischeRegel] = field(default_factory=dict)
    regelingsgebieden: dict[str, Regelingsgebied] = field(default_factory=dict)
    objecttypen: dict[str, list[str]] = field(default_factory=dict)  # file → sl:objectType list

    def ids(self) -> set[str]:
        soorten: list[dict[str, object]] = [
            self.gebieden,  # type: ignore[list-item]
            self.activiteiten,  # type: ignore[list-item]
            self.regelteksten,  # type: ignore[list-item]
            self.regels,  # type: ignore[list-item]
            self.regelingsgebieden,  # type: ignore[list-item]
        ]
        return {i for s in soorten for i in s}


@dataclass(frozen=True)
class ManifestOw:
    work_id: str  # WorkIDRegeling
    doel_id: str
    bestanden: dict[str, tuple[str, ...]]  # naam → objecttypen


# -- writing ---------------------------------------------------------------------------------------
def _ref(parent: etree._Element, ns: str, tag: str, href: str) -> None:
    _el(parent, ns, tag, **{f"{{{XLINK}}}href": href})


def _bestand(objecttypen: list[str], levering: str, objecten: list[etree._Element]) -> bytes:
    root = etree.Element(f"{{{DC}}}owBestand", nsmap=NSMAP)
    stand = _el(root, SL, "standBestand")
    _el(stand, SL, "dataset", "ketentest")
    inhoud = _el(stand, SL, "inhoud")
    _el(inhoud, SL, "gebied", "ketentest")
    _el(inhoud, SL, "leveringsId", levering)
    typen = _el(inhoud, SL, "objectTypen")
    for t in objecttypen:
        _el(typen, SL, "objectType", t)
    for obj in objecten:
        _el(_el(stand, SL, "stand"), DC, "owObject").append(obj)
    return to_bytes(root)


def _los(ns: str, tag: str) -> etree._Element:
    return etree.Element(f"{{{ns}}}{tag}", nsmap=NSMAP)


def locaties_xml(gebieden: list[Gebied], levering: str) -> bytes:
    objecten = []
    for g in gebieden:
        el = _los(L, "Gebied")
        _el(el, L, "identificatie", g.id)
        _el(el, L, "noemer", g.noemer)
        _ref(_el(el, L, "geometrie"), L, "GeometrieRef", g.geometrie)
        objecten.append(el)
    return _bestand(["Gebied"], levering, objecten)


def activiteiten_xml(activiteiten: list[Activiteit], levering: str) -> bytes:
    objecten = []
    for a in activiteiten:
        el = _los(ROL, "Activiteit")
        _el(el, ROL, "identificatie", a.id)
        _el(el, ROL, "naam", a.naam)
        _el(el, ROL, "groep", GROEP + a.groep)
        _ref(_el(el, ROL, "bovenliggendeActiviteit"), ROL, "ActiviteitRef", a.bovenliggend)
        objecten.append(el)
    return _bestand(["Activiteit"], levering, objecten)


def regelteksten_xml(teksten: list[Regeltekst], regels: list[JuridischeRegel], levering: str) -> bytes:
    objecten = []
    for t in teksten:
        el = _los(R, "Regeltekst")
        el.set("wId", t.wid)
        _el(el, R, "identificatie", t.id)
        objecten.append(el)
    for regel in regels:
        el = _los(R, "RegelVoorIedereen")
        _el(el, R, "identificatie", regel.id)
        _el(el, R, "idealisatie", IDEALISATIE)
        _ref(_el(el, R, "artikelOfLid"), R, "RegeltekstRef", regel.regeltekst)
        lokaties = _el(el, R, "locatieaanduiding")
        for loc in regel.locaties:
            _ref(lokaties, L, "LocatieRef", loc)
        for a in regel.activiteiten:
            aand = _el(el, R, "activiteitaanduiding")
            _ref(aand, ROL, "ActiviteitRef", a.activiteit)
            ala = _el(aand, R, "ActiviteitLocatieaanduiding")
            _el(ala, R, "identificatie", a.id)
            _el(ala, R, "activiteitregelkwalificatie", KWALIFICATIE + a.kwalificatie)
            ala_loc = _el(ala, R, "locatieaanduiding")
            for loc in a.locaties:
                _ref(ala_loc, L, "LocatieRef", loc)
        objecten.append(el)
    return _bestand(["Regeltekst", "RegelVoorIedereen"], levering, objecten)


def regelingsgebied_xml(rg: Regelingsgebied, levering: str) -> bytes:
    el = _los(RG, "Regelingsgebied")
    _el(el, RG, "identificatie", rg.id)
    _ref(_el(el, RG, "locatieaanduiding"), L, "LocatieRef", rg.locatie)
    return _bestand(["Regelingsgebied"], levering, [el])


def manifest_ow_xml(m: ManifestOw) -> bytes:
    root = etree.Element(f"{{{MANIFEST_OW}}}Aanleveringen", nsmap={None: MANIFEST_OW})  # type: ignore[dict-item]  # lxml-stubs: default ns
    _el(root, MANIFEST_OW, "domein", "omgevingswet")
    a = _el(root, MANIFEST_OW, "Aanlevering")
    _el(a, MANIFEST_OW, "WorkIDRegeling", m.work_id)
    _el(a, MANIFEST_OW, "DoelID", m.doel_id)
    for naam, typen in m.bestanden.items():
        b = _el(a, MANIFEST_OW, "Bestand")
        _el(b, MANIFEST_OW, "naam", naam)
        for t in typen:
            _el(b, MANIFEST_OW, "objecttype", t)
    return to_bytes(root)


# -- reading ---------------------------------------------------------------------------------------
def _t(el: etree._Element, pad: str) -> str:
    return (el.findtext(pad, namespaces=NSMAP) or "").strip()


def _hrefs(el: etree._Element, pad: str) -> tuple[str, ...]:
    return tuple(r.get(f"{{{XLINK}}}href") or "" for r in el.iterfind(pad, namespaces=NSMAP))


def _laatste(uri: str) -> str:
    return uri.rstrip("/").rsplit("/", 1)[-1]


def aanleveringen(data: bytes) -> list[tuple[str, tuple[str, ...]]]:
    """(WorkIDRegeling, the names of its Bestanden) of every Aanlevering in a manifest-ow, in order."""
    ns = {"m": MANIFEST_OW}
    return [
        (
            (a.findtext("m:WorkIDRegeling", namespaces=ns) or "").strip(),
            tuple((b.findtext("m:naam", namespaces=ns) or "").strip() for b in a.iterfind("m:Bestand", ns)),
        )
        for a in parse_xml(data, bron="manifest-ow.xml").iterfind("m:Aanlevering", ns)
    ]


def lees_manifest_ow(data: bytes) -> ManifestOw:
    root = parse_xml(data, bron="manifest-ow.xml")
    ns = {"m": MANIFEST_OW}
    a = root.find("m:Aanlevering", ns)
    if root.tag != f"{{{MANIFEST_OW}}}Aanleveringen" or a is None:
        raise OngeldigeInvoer("manifest-ow.xml: verwacht Aanleveringen met een Aanlevering", code="LVBB1032")
    bestanden = {
        (b.findtext("m:naam", namespaces=ns) or "").strip(): tuple(
            (t.text or "").strip() for t in b.iterfind("m:objecttype", ns)
        )
        for b in a.iterfind("m:Bestand", ns)
    }
    return ManifestOw(
        (a.findtext("m:WorkIDRegeling", namespaces=ns) or "").strip(),
        (a.findtext("m:DoelID", namespaces=ns) or "").strip(),
        bestanden,
    )


def _aanduiding(el: etree._Element) -> ActiviteitAanduiding:
    ala = el.find("r:ActiviteitLocatieaanduiding", NSMAP)
    return ActiviteitAanduiding(
        id=_t(ala, "r:identificatie") if ala is not None else "",
        activiteit=next(iter(_hrefs(el, "rol:ActiviteitRef")), ""),
        kwalificatie=_laatste(_t(ala, "r:activiteitregelkwalificatie")) if ala is not None else "",
        locaties=_hrefs(ala, "r:locatieaanduiding/l:LocatieRef") if ala is not None else (),
    )


def _lees_object(obj: etree._Element, lev: OwLevering) -> None:
    soort = etree.QName(obj).localname
    if soort == "Gebied":
        g = Gebied(
            _t(obj, "l:identificatie"), _t(obj, "l:noemer"), next(iter(_hrefs(obj, "l:geometrie/l:GeometrieRef")), "")
        )
        lev.gebieden[g.id] = g
    elif soort == "Activiteit":
        a = Activiteit(
            _t(obj, "rol:identificatie"),
            _t(obj, "rol:naam"),
            _laatste(_t(obj, "rol:groep")),
            next(iter(_hrefs(obj, "rol:bovenliggendeActiviteit/rol:ActiviteitRef")), ""),
        )
        lev.activiteiten[a.id] = a
    elif soort == "Regeltekst":
        t = Regeltekst(_t(obj, "r:identificatie"), obj.get("wId") or "")
        lev.regelteksten[t.id] = t
    elif soort == "RegelVoorIedereen":
        regel = JuridischeRegel(
            _t(obj, "r:identificatie"),
            next(iter(_hrefs(obj, "r:artikelOfLid/r:RegeltekstRef")), ""),
            _hrefs(obj, "r:locatieaanduiding/l:LocatieRef"),
            tuple(_aanduiding(a) for a in obj.iterfind("r:activiteitaanduiding", NSMAP)),
        )
        lev.regels[regel.id] = regel
    elif soort == "Regelingsgebied":
        rg = Regelingsgebied(
            _t(obj, "rg:identificatie"), next(iter(_hrefs(obj, "rg:locatieaanduiding/l:LocatieRef")), "")
        )
        lev.regelingsgebieden[rg.id] = rg


def lees_ow(bestanden: dict[str, bytes]) -> OwLevering:
    """Every OW object in the given owBestand files (other files are ignored)."""
    lev = OwLevering()
    for naam, data in bestanden.items():
        root = parse_xml(data, bron=naam)
        if root.tag != f"{{{DC}}}owBestand":
            continue
        lev.objecttypen[naam] = [(t.text or "").strip() for t in root.iterfind(".//sl:objectType", NSMAP)]
        for obj in root.iterfind("sl:standBestand/sl:stand/ow-dc:owObject/*", NSMAP):
            _lees_object(obj, lev)
    return lev
