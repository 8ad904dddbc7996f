"""STOP documents of a plan fragment: the besluit, the GIO (informatieobject) and its GML. UNCONFIRMED.

No public STOP schema could be used offline, so these are built to the documented structure of the
real minimal package ``lvbb-testeiland/1_Initieel_Besluit`` (``AanleveringBesluit`` and
``AanleveringInformatieObject`` in the LVBB STOP-aanlevering namespace, ``GeoInformatieObjectVaststelling``
in IMOP geo 1.3.0) and are UNCONFIRMED: this module is the one place where that shape lives. A user with
the official schemas configures their folder (``schemas.configureer(stop=…)``) and the tests validate
against it; without it the shape is checked by the reader below and by the LVBB mock.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from lxml import etree

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards import geometrie
from chain_tests.standards.xml import parse_xml, to_bytes
from chain_tests.standards.xml import sub as _el

AANLEVERING = "https://standaarden.overheid.nl/lvbb/stop/aanlevering/"
DATA = "https://standaarden.overheid.nl/stop/imop/data/"
TEKST = "https://standaarden.overheid.nl/stop/imop/tekst/"
GEO = "https://standaarden.overheid.nl/stop/imop/geo/"
GIO = "https://standaarden.overheid.nl/stop/imop/gio/"
BASISGEO = "http://www.geostandaarden.nl/basisgeometrie/1.0"
GML = "http://www.opengis.net/gml/3.2"
NS = {"a": AANLEVERING, "data": DATA, "tekst": TEKST, "geo": GEO, "gio": GIO, "basisgeo": BASISGEO, "gml": GML}
REGELINGMODELLEN = ("RegelingCompact", "RegelingKlassiek", "RegelingVrijetekst", "RegelingTijdelijkdeel")
SCHEMAVERSIE = "1.2.0"  # as in the reference package (UNCONFIRMED for current LVBB releases)


def sha512(data: bytes) -> str:
    """The hash LVBB compares with the one in the GIO (LVBB3008): SHA-512, lower-case hex."""
    return hashlib.sha512(data).hexdigest()


def _expressie(parent: etree._Element, work: str, expressie: str, soort: str) -> None:
    e = _el(parent, DATA, "ExpressionIdentificatie")
    _el(e, DATA, "FRBRWork", work)
    _el(e, DATA, "FRBRExpression", expressie)
    _el(e, DATA, "soortWork", soort)


# -- besluit ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Lid:
    wid: str
    tekst: str


@dataclass(frozen=True)
class Besluit:
    bevoegd_gezag: str  # code, e.g. "gm1719"
    work: str  # /akn/nl/bill/…
    expressie: str
    regeling_work: str  # /akn/nl/act/…
    regeling_expressie: str
    titel: str
    doel: str  # /join/id/proces/…
    bekend_op: str  # JJJJ-MM-DD
    informatieobjecten: tuple[str, ...]  # GIO expression ids
    leden: tuple[Lid, ...]
    met_regelingmetadata: bool = True


def besluit_xml(b: Besluit) -> bytes:
    root = etree.Element(f"{{{AANLEVERING}}}AanleveringBesluit", nsmap={None: AANLEVERING, "data": DATA})  # type: ignore[dict-item]  # lxml-stubs: default ns
    root.set("schemaversie", SCHEMAVERSIE)
    versie = _el(root, AANLEVERING, "BesluitVersie")
    _expressie(versie, b.work, b.expressie, "/join/id/stop/work_003")
    meta = _el(versie, DATA, "BesluitMetadata")
    tooi = f"/tooi/id/gemeente/{b.bevoegd_gezag}"
    _el(meta, DATA, "eindverantwoordelijke", tooi)
    _el(meta, DATA, "maker", tooi)
    _el(meta, DATA, "officieleTitel", b.titel)
    _el(meta, DATA, "soortProcedure", "/join/id/stop/proceduretype_definitief")
    refs = _el(meta, DATA, "informatieobjectRefs")
    for io in b.informatieobjecten:
        _el(refs, DATA, "informatieobjectRef", io)
    verloop = _el(versie, DATA, "Procedureverloop")
    _el(verloop, DATA, "bekendOp", b.bekend_op)
    ci = _el(versie, DATA, "ConsolidatieInformatie")
    beoogd = _el(_el(ci, DATA, "BeoogdeRegelgeving"), DATA, "BeoogdeRegeling")
    _el(_el(beoogd, DATA, "doelen"), DATA, "doel", b.doel)
    _el(beoogd, DATA, "instrumentVersie", b.regeling_expressie)
    _el(beoogd, DATA, "eId", "art_I")
    stempel = _el(_el(ci, DATA, "Tijdstempels"), DATA, "Tijdstempel")
    _el(stempel, DATA, "doel", b.doel)
    _el(stempel, DATA, "soortTijdstempel", "juridischWerkendVanaf")
    _el(stempel, DATA, "datum", b.bekend_op)
    _el(stempel, DATA, "eId", "art_I")
    compact = _el(versie, TEKST, "BesluitCompact")
    _el(_el(compact, TEKST, "RegelingOpschrift", eId="longTitle", wId="longTitle"), TEKST, "Al", b.titel)
    lichaam = _el(compact, TEKST, "Lichaam", eId="body", wId="body")
    wa = _el(lichaam, TEKST, "WijzigArtikel", eId="art_I", wId=f"{b.bevoegd_gezag}_1__art_I")
    wat = _el(wa, TEKST, "Wat", "De regeling wordt vastgesteld zoals aangegeven in ")
    _el(wat, TEKST, "IntRef", "Bijlage A", ref="cmp_A").tail = "."
    wb = _el(compact, TEKST, "WijzigBijlage", eId="cmp_A", wId=f"{b.bevoegd_gezag}_1__cmp_A")
    regeling = _el(wb, TEKST, "RegelingCompact", wordt=b.regeling_expressie, componentnaam="regeling")
    artikel = _el(_el(regeling, TEKST, "Lichaam", eId="body", wId="body"), TEKST, "Artikel")
    for lid in b.leden:
        _el(_el(_el(artikel, TEKST, "Lid", wId=lid.wid), TEKST, "Inhoud"), TEKST, "Al", lid.tekst)
    bijlage = _el(regeling, TEKST, "Bijlage", eId="cmp_I", wId=f"{b.bevoegd_gezag}_1__cmp_I")
    lijst = _el(_el(_el(bijlage, TEKST, "Divisietekst"), TEKST, "Inhoud"), TEKST, "Begrippenlijst")
    for io in b.informatieobjecten:
        begrip = _el(lijst, TEKST, "Begrip")
        _el(begrip, TEKST, "Term", io.rsplit("/", 2)[-2])
        _el(_el(_el(begrip, TEKST, "Definitie"), TEKST, "Al"), TEKST, "ExtIoRef", io, ref=io)
    rvi = _el(root, AANLEVERING, "RegelingVersieInformatie")
    _expressie(rvi, b.regeling_work, b.regeling_expressie, "/join/id/stop/work_019")
    if b.met_regelingmetadata:
        rm = _el(rvi, DATA, "RegelingMetadata")
        _el(rm, DATA, "officieleTitel", b.titel)
        _el(rm, DATA, "soortRegeling", "/join/id/stop/regelingtype_003")
    return to_bytes(root)


@dataclass(frozen=True)
class GelezenBesluit:
    work: str
    regeling_work: str
    regeling_expressie: str
    informatieobjecten: tuple[str, ...]
    wids: frozenset[str]
    met_regelingmetadata: bool


def lees_besluit(data: bytes, bron: str = "besluit") -> GelezenBesluit:
    root = parse_xml(data, bron=bron)
    if root.tag != f"{{{AANLEVERING}}}AanleveringBesluit":
        raise OngeldigeInvoer(
            f"{bron}: verwacht AanleveringBesluit, niet {etree.QName(root).localname}", code="LVBB1515"
        )
    if not re.fullmatch(r"\d+\.\d+\.\d+", root.get("schemaversie") or ""):
        raise OngeldigeInvoer(
            f"{bron}: schemaversie {root.get('schemaversie')!r} is geen versie als 1.2.0", code="LVBB1515"
        )
    rvi = root.find("a:RegelingVersieInformatie", NS)
    return GelezenBesluit(
        work=(root.findtext("a:BesluitVersie/data:ExpressionIdentificatie/data:FRBRWork", namespaces=NS) or "").strip(),
        regeling_work=(rvi.findtext("data:ExpressionIdentificatie/data:FRBRWork", namespaces=NS) or "").strip()
        if rvi is not None
        else "",
        regeling_expressie=(
            rvi.findtext("data:ExpressionIdentificatie/data:FRBRExpression", namespaces=NS) or ""
        ).strip()
        if rvi is not None
        else "",
        informatieobjecten=tuple(
            (r.text or "").strip() for r in root.iterfind(".//data:informatieobjectRefs/data:informatieobjectRef", NS)
        ),
        wids=frozenset(w for el in root.iter() if isinstance(el.tag, str) and (w := el.get("wId"))),
        met_regelingmetadata=rvi is not None and rvi.find("data:RegelingMetadata", NS) is not None,
    )


# -- GIO: the informatieobject and its GML ------------------------------------------------------------
@dataclass(frozen=True)
class Consolidatie:
    """What the LVBB checks of a besluit beyond its identifications: procedure, maker, ConsolidatieInformatie
    and the ExtIoRefs in its text."""

    besluit: str  # the besluit's expression
    definitief: bool  # soortProcedure definitief (not an ontwerp)
    eindverantwoordelijke: str  # /tooi/id/gemeente/gm1719, …
    regelingen: tuple[tuple[str, str], ...]  # BeoogdeRegeling: (doel, instrumentVersie)
    informatieobjecten: tuple[tuple[str, str], ...]  # BeoogdInformatieobject: (doel, instrumentVersie)
    intrekkingen: tuple[str, ...]  # the instruments (works) withdrawn
    terugtrekkingen: bool
    tijdstempels: tuple[tuple[str, str, str], ...]  # (doel, soortTijdstempel, datum)
    ext_io_refs: tuple[tuple[str, str], ...]  # (the ref attribute, the text), untrimmed
    soort_regeling: str = ""  # of the first RegelingMetadata: /join/id/stop/regelingtype_003, …
    regelingmodel: str = ""  # the first RegelingCompact / RegelingKlassiek / RegelingVrijetekst / RegelingTijdelijkdeel
    met_regelingmetadata: bool = True
    wordt: tuple[str, ...] = ()  # the @wordt of each regeling (or mutation) in the text
    regelingversies: tuple[str, ...] = ()  # the FRBRExpression of each RegelingVersieInformatie
    io_refs: tuple[str, ...] = ()  # BesluitMetadata's informatieobjectRefs
    wijzigingen: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (wId of a WijzigArtikel/WijzigLid, its IntRef refs)
    wijzigbijlagen: tuple[str, ...] = ()  # the eId of each WijzigBijlage
    intrekking_doelen: tuple[tuple[str, str], ...] = ()  # Intrekking: (doel, instrument) for each of its doelen
    illustraties: tuple[str, ...] = ()  # the @naam of each tekst:Illustratie: the image files the text shows


def _beoogd(ci: etree._Element, soort: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (d.strip(), (b.findtext("data:instrumentVersie", namespaces=NS) or "").strip())
        for b in ci.iterfind(f"data:BeoogdeRegelgeving/data:{soort}", NS)
        for d in [t.text or "" for t in b.iterfind("data:doelen/data:doel", NS)] or [""]
    )


def lees_consolidatie(data: bytes, bron: str = "besluit") -> Consolidatie:
    root = parse_xml(data, bron=bron)
    v = "a:BesluitVersie/"
    ci = root.find(v + "data:ConsolidatieInformatie", NS)
    ci = ci if ci is not None else etree.Element("leeg")
    return Consolidatie(
        besluit=(root.findtext(v + "data:ExpressionIdentificatie/data:FRBRExpression", namespaces=NS) or "").strip(),
        definitief=(root.findtext(v + "data:BesluitMetadata/data:soortProcedure", namespaces=NS) or "")
        .strip()
        .endswith("proceduretype_definitief"),
        eindverantwoordelijke=(
            root.findtext(v + "data:BesluitMetadata/data:eindverantwoordelijke", namespaces=NS) or ""
        ).strip(),
        regelingen=_beoogd(ci, "BeoogdeRegeling"),
        informatieobjecten=_beoogd(ci, "BeoogdInformatieobject"),
        intrekkingen=tuple(
            (t.text or "").strip() for t in ci.iterfind("data:Intrekkingen/data:Intrekking/data:instrument", NS)
        ),
        terugtrekkingen=ci.find("data:Terugtrekkingen", NS) is not None,
        tijdstempels=tuple(
            (
                (t.findtext("data:doel", namespaces=NS) or "").strip(),
                (t.findtext("data:soortTijdstempel", namespaces=NS) or "").strip(),
                (t.findtext("data:datum", namespaces=NS) or "").strip(),
            )
            for t in ci.iterfind("data:Tijdstempels/data:Tijdstempel", NS)
        ),
        ext_io_refs=tuple((e.get("ref") or "", e.text or "") for e in root.iter(f"{{{TEKST}}}ExtIoRef")),
        met_regelingmetadata=root.find(".//data:RegelingMetadata", NS) is not None,
        wordt=tuple(w for e in root.iter() if isinstance(e.tag, str) and (w := e.get("wordt"))),
        regelingversies=tuple(
            (e.text or "").strip()
            for e in root.iterfind("a:RegelingVersieInformatie/data:ExpressionIdentificatie/data:FRBRExpression", NS)
        ),
        io_refs=tuple((r.text or "").strip() for r in root.iterfind(".//data:informatieobjectRef", NS)),
        wijzigingen=tuple(
            (w.get("wId") or "", tuple(r.get("ref") or "" for r in w.iter(f"{{{TEKST}}}IntRef")))
            for w in root.iter(f"{{{TEKST}}}WijzigArtikel", f"{{{TEKST}}}WijzigLid")
        ),
        wijzigbijlagen=tuple(b.get("eId") or "" for b in root.iter(f"{{{TEKST}}}WijzigBijlage")),
        illustraties=tuple((i.get("naam") or "").strip() for i in root.iter(f"{{{TEKST}}}Illustratie")),
        intrekking_doelen=tuple(
            ((d.text or "").strip(), (i.findtext("data:instrument", namespaces=NS) or "").strip())
            for i in ci.iterfind("data:Intrekkingen/data:Intrekking", NS)
            for d in i.iterfind("data:doelen/data:doel", NS)
        ),
        soort_regeling=(root.findtext(".//data:RegelingMetadata/data:soortRegeling", namespaces=NS) or "").strip(),
        regelingmodel=next(
            (etree.QName(e).localname for e in root.iter(*(f"{{{TEKST}}}{m}" for m in REGELINGMODELLEN))), ""
        ),
    )


@dataclass(frozen=True)
class Gio:
    work: str  # /join/id/regdata/…
    expressie: str
    gml_naam: str
    gml_hash: str
    geboorteregeling: str
    titel: str


def gio_xml(g: Gio, bevoegd_gezag: str) -> bytes:
    root = etree.Element(f"{{{AANLEVERING}}}AanleveringInformatieObject", nsmap={None: AANLEVERING, "data": DATA})  # type: ignore[dict-item]  # lxml-stubs: default ns
    root.set("schemaversie", SCHEMAVERSIE)
    versie = _el(root, AANLEVERING, "InformatieObjectVersie")
    _expressie(versie, g.work, g.expressie, "/join/id/stop/work_010")
    vm = _el(versie, DATA, "InformatieObjectVersieMetadata")
    bestand = _el(_el(_el(vm, DATA, "heeftBestanden"), DATA, "heeftBestand"), DATA, "Bestand")
    _el(bestand, DATA, "bestandsnaam", g.gml_naam)
    _el(bestand, DATA, "hash", g.gml_hash)
    _el(vm, DATA, "heeftGeboorteregeling", g.geboorteregeling)
    m = _el(versie, DATA, "InformatieObjectMetadata")
    tooi = f"/tooi/id/gemeente/{bevoegd_gezag}"
    _el(m, DATA, "eindverantwoordelijke", tooi)
    _el(m, DATA, "maker", tooi)
    _el(m, DATA, "officieleTitel", g.work)
    _el(m, DATA, "naamInformatieObject", g.titel)
    _el(m, DATA, "publicatieinstructie", "TeConsolideren")
    _el(m, DATA, "formaatInformatieobject", "/join/id/stop/informatieobject/gio_002")
    return to_bytes(root)


@dataclass(frozen=True)
class GelezenGio:
    work: str
    expressie: str
    bestanden: tuple[tuple[str, str], ...]  # (bestandsnaam, hash)
    geboorteregeling: str = ""
    publicatieinstructie: str = ""  # TeConsolideren, AlleenBekendTeMaken, Informatief
    met_metadata: bool = True  # InformatieObjectMetadata present
    opvolger_van: tuple[str, ...] = ()  # the works this IO succeeds (InformatieObjectMetadata/opvolging)
    eindverantwoordelijke: str = ""  # of the InformatieObjectMetadata
    formaat: str = ""  # formaatInformatieobject


def is_gio(data: bytes) -> bool:
    """Whether ``data`` looks like a GIO (its root named in its first bytes; :func:`lees_gio` decides)."""
    return b"AanleveringInformatieObject" in data[:4096]


def lees_gio(data: bytes, bron: str = "GIO") -> GelezenGio | None:
    """The GIO, or None when ``data`` is another kind of document."""
    root = parse_xml(data, bron=bron)
    if root.tag != f"{{{AANLEVERING}}}AanleveringInformatieObject":
        return None
    v = "a:InformatieObjectVersie/"
    return GelezenGio(
        work=(root.findtext(v + "data:ExpressionIdentificatie/data:FRBRWork", namespaces=NS) or "").strip(),
        expressie=(root.findtext(v + "data:ExpressionIdentificatie/data:FRBRExpression", namespaces=NS) or "").strip(),
        bestanden=tuple(
            (
                (b.findtext("data:bestandsnaam", namespaces=NS) or "").strip(),
                (b.findtext("data:hash", namespaces=NS) or "").strip(),
            )
            for b in root.iterfind(".//data:heeftBestanden/data:heeftBestand/data:Bestand", NS)
        ),
        geboorteregeling=(root.findtext(".//data:heeftGeboorteregeling", namespaces=NS) or "").strip(),
        publicatieinstructie=(root.findtext(".//data:publicatieinstructie", namespaces=NS) or "").strip(),
        met_metadata=root.find(v + "data:InformatieObjectMetadata", NS) is not None,
        opvolger_van=tuple((o.text or "").strip() for o in root.iterfind(".//data:opvolging/data:opvolgerVan", NS)),
        eindverantwoordelijke=(
            root.findtext(v + "data:InformatieObjectMetadata/data:eindverantwoordelijke", namespaces=NS) or ""
        ).strip(),
        formaat=(root.findtext(".//data:formaatInformatieobject", namespaces=NS) or "").strip(),
    )


@dataclass(frozen=True)
class GmlLocatie:
    naam: str
    id: str  # basisgeo:id, referred to by the OW Gebied's GeometrieRef
    ring: tuple[tuple[float, float], ...]  # exterior ring, RD


def gml_xml(work: str, expressie: str, locaties: list[GmlLocatie]) -> bytes:
    root = etree.Element(
        f"{{{GEO}}}GeoInformatieObjectVaststelling",
        nsmap={k: v for k, v in NS.items() if k in ("geo", "gio", "basisgeo", "gml")},
    )
    root.set("schemaversie", "1.3.0")
    ctx = _el(_el(root, GEO, "context"), GIO, "GeografischeContext")
    _el(ctx, GIO, "achtergrondVerwijzing", "brt")
    _el(ctx, GIO, "achtergrondActualiteit", "2026-01-01")
    versie = _el(_el(root, GEO, "vastgesteldeVersie"), GEO, "GeoInformatieObjectVersie")
    _el(versie, GEO, "FRBRWork", work)
    _el(versie, GEO, "FRBRExpression", expressie)
    lijst = _el(versie, GEO, "locaties")
    for loc in locaties:
        el = _el(lijst, GEO, "Locatie")
        _el(el, GEO, "naam", loc.naam)
        geo = _el(_el(el, GEO, "geometrie"), BASISGEO, "Geometrie")
        _el(geo, BASISGEO, "id", loc.id)
        ms = _el(_el(geo, BASISGEO, "geometrie"), GML, "MultiSurface", srsName=geometrie.CRS)
        ring = _el(_el(_el(_el(ms, GML, "surfaceMember"), GML, "Polygon"), GML, "exterior"), GML, "LinearRing")
        _el(ring, GML, "posList", geometrie.poslist(loc.ring))
    return to_bytes(root)


@dataclass
class GelezenGml:
    work: str
    expressie: str
    geometrieen: dict[str, list[list[tuple[float, float]]]] = field(default_factory=dict)  # basisgeo:id → rings
    soorten: dict[str, str] = field(default_factory=dict)  # basisgeo:id → vlak, lijn or punt (GML's own element)
    crs: dict[str, str] = field(default_factory=dict)  # basisgeo:id → the srsName of its geometry


#: the GML element that holds a geometry → what kind of locatie it can be
GML_SOORTEN = {
    "Polygon": "vlak", "MultiSurface": "vlak", "Surface": "vlak",
    "LineString": "lijn", "MultiCurve": "lijn", "Curve": "lijn",
    "Point": "punt", "MultiPoint": "punt",
}  # fmt: skip


def lees_gml(data: bytes, bron: str = "GML") -> GelezenGml:
    root = parse_xml(data, bron=bron, max_bytes=100 * 1024 * 1024)
    if root.tag != f"{{{GEO}}}GeoInformatieObjectVaststelling":
        raise OngeldigeInvoer(f"{bron}: verwacht geo:GeoInformatieObjectVaststelling", code="STOP-GML")
    v = "geo:vastgesteldeVersie/geo:GeoInformatieObjectVersie/"
    gml = GelezenGml(
        (root.findtext(v + "geo:FRBRWork", namespaces=NS) or "").strip(),
        (root.findtext(v + "geo:FRBRExpression", namespaces=NS) or "").strip(),
    )
    for geo in root.iterfind(".//basisgeo:Geometrie", NS):
        ringen = [
            geometrie.uit_poslist(p.text or "") for p in geo.iterfind(".//gml:exterior/gml:LinearRing/gml:posList", NS)
        ]
        ident = (geo.findtext("basisgeo:id", namespaces=NS) or "").strip()
        gml.geometrieen[ident] = ringen
        vorm = next(iter(geo.iterfind("basisgeo:geometrie/*", NS)), None)
        if vorm is not None:
            gml.soorten[ident] = GML_SOORTEN.get(etree.QName(vorm).localname, etree.QName(vorm).localname)
            gml.crs[ident] = vorm.get("srsName", "")
    return gml
