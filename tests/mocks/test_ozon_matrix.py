"""OZON's generic validatiematrix rules (:mod:`mocks.dso_lv.ozonregels`), each shown by a negative package built
from the real ``1_Initieel_Besluit`` with one defect: every OW file stays valid against the IMOW 3.1.0 schema,
and OZON answers exactly that one code. Where the defect needs an object the omgevingsplan may not hold, the
besluit's soort regeling is set to one that may (and back, to show the ban)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from chain_tests.config import Tijden
from chain_tests.klok import HandmatigeKlok
from chain_tests.standards import owgraaf, schemas, waardelijsten
from chain_tests.standards.meldingcodes import CodeMelding, regels, rijen
from chain_tests.standards.waardelijsten import Waardelijsten
from chain_tests.standards.xml import parse_xml
from mocks.dso_lv import ozonregels, ozonstand, ozonwaarden
from mocks.dso_lv.ozon import OzonMock

NS = " ".join(
    f'xmlns:{p}="http://www.geostandaarden.nl/imow/{n}"'
    for p, n in [("l", "locatie"), ("r", "regels"), ("rol", "regelsoplocatie"), ("ga", "gebiedsaanwijzing"),
                 ("vt", "vrijetekst"), ("k", "kaart"), ("p", "pons"), ("rg", "regelingsgebied")]
) + ' xmlns:xlink="http://www.w3.org/1999/xlink"'  # fmt: skip
TOP = "nl.imow-gm9920.activiteit.ActInOmgevingsplanGem"  # the package's parent activity, held by OZON
GEBIED = "nl.imow-gm9920.gebied.Testeiland"
ACTIVITEIT = "nl.imow-gm9920.activiteit.sanitycheckdatum"
REGELTEKST = "nl.imow-gm9920.regeltekst.sanitycheckdatum"
LID = "gm9920_1__chp_1__art_1.1__para_1"
TEKSTDEEL_BEKEND = "nl.imow-gm9920.divisietekst.bekend"  # a Divisietekst OZON holds
ONBEKEND = "nl.imow-gm9920.gebied.BestaatNiet"
SOORT = {"OP": "003", "AMvB": "001", "OV": "004", "WV": "005", "OVi": "006", "I": "008", "RI": "011", "TB": "013"}
STANDAARD = "http://standaarden.omgevingswet.overheid.nl"
AANWEZIG = frozenset(ozonregels.aanwezig_eisen())  # the presence rules: some regel must refer to the object


def _echt(referentie: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (referentie / "lvbb-testeiland" / "1_Initieel_Besluit").iterdir()}


def _ref(soort: str, naar: str) -> str:
    return f'<{soort} xlink:href="{naar}"/>'


def _loc(naar: str = GEBIED, el: str = "r:locatieaanduiding") -> str:
    return f"<{el}>{_ref('l:LocatieRef', naar)}</{el}>"


def _object(xml: str) -> bytes:
    """One owObject, its namespaces declared on itself so it fits any owBestand."""
    eerste = re.match(r"<([\w:]+)", xml)
    assert eerste is not None
    xml = xml.replace(eerste[0], f"{eerste[0]} {NS}", 1)
    return f"<sl:stand><ow-dc:owObject>{xml}</ow-dc:owObject></sl:stand>".encode()


def _regel(
    soort: str,
    ident: str,
    *,
    tekst: str = REGELTEKST,
    loc: str = GEBIED,
    midden: str = "",
    eind: str = "",
    keer: str = "1",
) -> str:
    locatie = f"<r:locatieaanduiding>{_ref('l:LocatieRef', loc) * int(keer)}</r:locatieaanduiding>"
    return (
        f"<r:{soort}><r:identificatie>{ident}</r:identificatie>"
        f"<r:idealisatie>{STANDAARD}/idealisatie/id/concept/Exact</r:idealisatie>"
        f"<r:artikelOfLid>{_ref('r:RegeltekstRef', tekst)}</r:artikelOfLid>{midden}{locatie}{eind}</r:{soort}>"
    )


def _ga(type_: str = "Functie", loc: str = GEBIED, ident: str = "nl.imow-gm9920.gebiedsaanwijzing.ga1") -> str:
    return (
        f"<ga:Gebiedsaanwijzing><ga:identificatie>{ident}</ga:identificatie>"
        f"<ga:type>{STANDAARD}/typegebiedsaanwijzing/id/concept/{type_.replace(' ', '')}</ga:type>"
        f"<ga:naam>Gebiedsaanwijzing</ga:naam>"
        f"<ga:groep>{STANDAARD}/functie/id/concept/Bedrijf</ga:groep>{_loc(loc, 'ga:locatieaanduiding')}"
        f"</ga:Gebiedsaanwijzing>"
    )


def _groep(soort: str, lid: str, *naar: str) -> str:
    refs = "".join(_ref(f"l:{lid}Ref", n) for n in naar)
    return (
        f"<l:{soort}><l:identificatie>nl.imow-gm9920.{soort.lower()}.g1</l:identificatie>"
        f"<l:groepselement>{refs}</l:groepselement></l:{soort}>"
    )


def _normwaarde(n: int, loc: str = GEBIED, soort: str = "kwantitatieveWaarde", waarde: str = "5", keer: int = 1) -> str:
    return (
        f"<rol:Normwaarde><rol:identificatie>nl.imow-gm9920.normwaarde.n{n}</rol:identificatie>"
        f"<rol:{soort}>{waarde}</rol:{soort}>"
        f"<rol:locatieaanduiding>{_ref('l:LocatieRef', loc) * keer}</rol:locatieaanduiding></rol:Normwaarde>"
    )


def _norm(soort: str, loc: str = GEBIED, *, dubbel: bool = False, waarden: str = "", eenheid: str = "") -> str:
    """A norm with one kwantitatieve Normwaarde (or ``waarden``), ``eenheid`` an eenheid element if given."""
    s = soort.lower()
    waarden = waarden or _normwaarde(1, loc, keer=2 if dubbel else 1)
    return (
        f"<rol:{soort}><rol:identificatie>nl.imow-gm9920.{s}.n1</rol:identificatie><rol:naam>Norm</rol:naam>"
        f"<rol:type>{STANDAARD}/typenorm/id/concept/Maximumwaarde</rol:type>{eenheid}"
        f"<rol:normwaarde>{waarden}</rol:normwaarde>"
        f"<rol:groep>{STANDAARD}/{s}groep/id/concept/Geluid</rol:groep></rol:{soort}>"
    )


def _tekstdeel(divisie: str, *, extra: str = "", zonder_idealisatie: bool = False) -> str:
    """A Tekstdeel of ``divisie``; with a locatie it has an idealisatie too (TPOD2110), unless told otherwise."""
    met = "locatie" in extra and not zonder_idealisatie
    ideaal = f"<vt:idealisatie>{STANDAARD}/idealisatie/id/concept/Exact</vt:idealisatie>" if met else ""
    return (
        f"<vt:Tekstdeel><vt:identificatie>nl.imow-gm9920.tekstdeel.t1</vt:identificatie>{ideaal}"
        f"<vt:divisieaanduiding>{_ref('vt:DivisietekstRef', divisie)}</vt:divisieaanduiding>{extra}</vt:Tekstdeel>"
    )


def _beoogd(versie: str) -> str:
    """A second BeoogdeRegeling (for ``versie``), closing the BeoogdeRegelgeving."""
    return (f"<BeoogdeRegeling><doelen><doel>{DOEL}</doel></doelen><instrumentVersie>{versie}</instrumentVersie>"
            "</BeoogdeRegeling></BeoogdeRegelgeving>")  # fmt: skip


class Pakket:
    def __init__(self, referentie: Path) -> None:
        self.bestanden = _echt(referentie)
        self.bekend = {TOP}
        self.eerder: list[dict[str, bytes]] = []  # deliveries OZON took before (their besluit's text)

    def na(self, vervang: tuple[str, str]) -> Pakket:
        """OZON took the real package before, with ``vervang`` (old, new) applied to its besluit."""
        oud, nieuw = vervang
        eerder = dict(self.bestanden)
        eerder[BESLUIT] = eerder[BESLUIT].replace(oud.encode(), nieuw.encode())
        assert eerder[BESLUIT] != self.bestanden[BESLUIT]
        self.eerder.append(eerder)
        return self

    def vervang(self, bestand: str, oud: str, nieuw: str, keer: int = 1) -> Pakket:
        tekst = self.bestanden[bestand].decode()
        assert tekst.count(oud) >= keer, oud
        self.bestanden[bestand] = tekst.replace(oud, nieuw, keer).encode()
        return self

    def voeg_toe(self, *xml: str, bestand: str = "owRegeltekst.xml") -> Pakket:
        """The objects added to ``bestand``, and their types to its sl:objectTypen (OZON0013)."""
        data = self.bestanden[bestand]
        objecten = b"".join(_object(x) for x in xml)
        data = data.replace(b"</sl:standBestand>", objecten + b"</sl:standBestand>", 1)
        for x in xml:
            soort = re.match(r"<\w+:(\w+)", x)[1].encode()  # type: ignore[index]
            if b"<sl:objectType>" + soort + b"<" not in data:
                data = data.replace(
                    b"</sl:objectTypen>", b"<sl:objectType>" + soort + b"</sl:objectType></sl:objectTypen>", 1
                )
        self.bestanden[bestand] = data
        return self

    def zonder(self, bestand: str, element: str) -> Pakket:
        tekst = self.bestanden[bestand].decode()
        begin, eind = tekst.index(f"<{element}"), tekst.index(f"</{element}>") + len(f"</{element}>")
        self.bestanden[bestand] = (tekst[:begin] + tekst[eind:]).encode()
        return self

    def soort(self, afkorting: str) -> Pakket:
        return self.vervang("Initieel_besluit.xml", "regelingtype_003", f"regelingtype_{SOORT[afkorting]}")

    def met_geometrie(self, soort: str, ident: str | None = None) -> Pakket:
        """A second geometry in the GML: a surface (``Gebied``), a line (``Lijn``) or a point (``Punt``)."""
        tekst = self.bestanden[GML].decode()
        locatie = tekst[tekst.index("<geo:Locatie>") : tekst.index("</geo:Locatie>") + len("</geo:Locatie>")]
        locatie = locatie.replace("a18d6c2e-128c-4076-8d0b-0907958ec0dd", ident or TWEEDE_GEOMETRIE)
        if soort in VORMEN:
            begin, eind = locatie.index("<gml:MultiSurface"), locatie.index("</gml:MultiSurface>") + 19
            locatie = locatie[:begin] + VORMEN[soort] + locatie[eind:]
        return self.vervang(GML, "</geo:locaties>", locatie + "</geo:locaties>")

    def met_bekend(self, *ids: str) -> Pakket:
        """OZON holds ``ids`` too; without any, not even the package's parent activity."""
        self.bekend = self.bekend | set(ids) if ids else set()
        return self

    def alleen_locaties(self) -> Pakket:
        """Only the Gebied and the Regelingsgebied: no regels, no activiteiten (for a soort that bans them)."""
        del self.bestanden["owRegeltekst.xml"], self.bestanden["owActiviteiten.xml"]
        return self

    def codes(self, *, met_aanwezig: bool = False) -> list[str]:
        """The codes OZON gives; those of the presence rules (an object no regel refers to) only when asked:
        a package that adds a bare object to show another rule breaks them too, and they have their own cases."""
        return [m.code for m in self.meldingen() if met_aanwezig or m.code not in AANWEZIG]

    def meldingen(self) -> list[CodeMelding]:
        imow = schemas.imow_schema()
        assert imow is not None
        for naam, data in self.bestanden.items():
            if naam.startswith("ow"):
                assert schemas.validate(imow, parse_xml(data, bron=naam)) == [], naam
        ozon = OzonMock(HandmatigeKlok(), Tijden(), "lvbb", rtr_client=lambda: None)  # type: ignore[arg-type,return-value]
        ozon.bekend = set(self.bekend)
        for eerder in self.eerder:
            ozon.neem_tekst_op(eerder)
        return ozon.controleer(self.bestanden)


@pytest.fixture
def pakket(referentie: Path) -> Pakket:
    return Pakket(referentie)


def test_the_real_package_breaks_no_rule(pakket: Pakket) -> None:
    assert pakket.codes(met_aanwezig=True) == []


def _lijn(soort: str) -> str:
    s = soort.lower()
    return (
        f"<l:{soort}><l:identificatie>nl.imow-gm9920.{s}.l1</l:identificatie>"
        f"<l:geometrie>{_ref('l:GeometrieRef', TWEEDE_GEOMETRIE)}</l:geometrie></l:{soort}>"
    )


def _kaart(weergave: str) -> str:
    return (
        "<k:Kaart><k:identificatie>nl.imow-gm9920.kaart.k1</k:identificatie><k:naam>Kaart</k:naam>"
        "<k:uitsnede><k:Kaartextent><k:minX>0</k:minX><k:minY>0</k:minY><k:maxX>1</k:maxX><k:maxY>1</k:maxY>"
        "</k:Kaartextent></k:uitsnede><k:kaartlagen><k:Kaartlaag><k:identificatie>nl.imow-gm9920.kaartlaag.k1"
        f"</k:identificatie><k:niveau>1</k:niveau>{weergave}</k:Kaartlaag></k:kaartlagen></k:Kaart>"
    )


def _tweede_locatie(gml: bytes) -> str:
    tekst = gml.decode()
    locatie = tekst[tekst.index("<geo:Locatie>") : tekst.index("</geo:Locatie>") + len("</geo:Locatie>")]
    return locatie.replace("a18d6c2e-128c-4076-8d0b-0907958ec0dd", TWEEDE_GEOMETRIE)


def _objecttype(soort: str) -> str:
    return f"<sl:objectType>{soort}</sl:objectType>"


def _activiteit(ident: str, boven: str) -> str:
    return (
        f"<rol:Activiteit><rol:identificatie>{ident}</rol:identificatie><rol:naam>Tweede</rol:naam>"
        f"<rol:groep>{STANDAARD}/activiteit/id/concept/Bouwactiviteit</rol:groep>"
        f"{_el('rol:bovenliggendeActiviteit', 'rol:ActiviteitRef', boven)}</rol:Activiteit>"
    )


def _gebied(ident: str, geometrie: str, status: str = "") -> str:
    return (
        f"<l:Gebied>{status}<l:identificatie>{ident}</l:identificatie>"
        f"<l:geometrie>{_ref('l:GeometrieRef', geometrie)}</l:geometrie></l:Gebied>"
    )


def _kaartlaag_xml() -> str:
    return (
        "<k:Kaartlaag><k:identificatie>nl.imow-gm9920.kaartlaag.k1</k:identificatie>"
        "<k:niveau>1</k:niveau></k:Kaartlaag>"
    )


def _activiteitaanduiding(p: Pakket) -> str:
    """The RegelVoorIedereen's activiteitaanduiding once more: the same ALA a second time."""
    tekst = p.bestanden[RT].decode()
    begin = tekst.index("<r:activiteitaanduiding>")
    return tekst[begin : tekst.index("</r:activiteitaanduiding>") + len("</r:activiteitaanduiding>")]


def _hoofdlijn(gerelateerd: str = "") -> str:
    rel = _el("vt:gerelateerdeHoofdlijn", "vt:HoofdlijnRef", gerelateerd) if gerelateerd else ""
    return (
        "<vt:Hoofdlijn><vt:identificatie>nl.imow-gm9920.hoofdlijn.h1</vt:identificatie>"
        f"<vt:soort>Doel</vt:soort><vt:naam>Hoofdlijn</vt:naam>{rel}</vt:Hoofdlijn>"
    )


def _pons(loc: str) -> str:
    return (
        f"<p:Pons><p:identificatie>nl.imow-gm9920.pons.p1</p:identificatie>{_loc(loc, 'p:locatieaanduiding')}</p:Pons>"
    )


def _groep_van_twee(p: Pakket, stelsel: str) -> Pakket:
    """A second Gebied, its geometry in coordinate reference system ``stelsel``, in a Gebiedengroep with the first."""
    tweede = "nl.imow-gm9920.gebied.Tweede"
    locatie = _tweede_locatie(p.bestanden[GML]).replace("EPSG::28992", stelsel)
    p.vervang(GML, "</geo:locaties>", locatie + "</geo:locaties>")
    return p.voeg_toe(_gebied(tweede, TWEEDE_GEOMETRIE), _groep("Gebiedengroep", "Gebied", GEBIED, tweede), bestand=LOC)


def _tweede_aanlevering(p: Pakket, bestand: str) -> Pakket:
    """The manifest-ow with a second Aanlevering, for another regeling, listing ``bestand`` (a copy of the Gebied's
    file when it is a new one)."""
    if bestand not in p.bestanden:
        p.bestanden[bestand] = p.bestanden[LOC]
    aanlevering = (f"<Aanlevering><WorkIDRegeling>{REGELING}Twee</WorkIDRegeling><DoelID>{DOEL}</DoelID><Bestand>"
                   f"<naam>{bestand}</naam><objecttype>Gebied</objecttype></Bestand></Aanlevering>")  # fmt: skip
    return p.vervang("manifest-ow.xml", "</Aanleveringen>", aanlevering + "</Aanleveringen>")


def _divisietekst_in_lichaam(p: Pakket) -> str:
    """A Divisietekst object on a Divisietekst the regeling's Lichaam gets (the real one's only Divisietekst is in its
    Bijlage, where no IMOW object may point: OZON2041)."""
    wid = "gm9920_1__content_o_9"
    p.vervang(BESLUIT, '<Hoofdstuk eId="chp_1"', f'<Divisietekst eId="content_o_9" wId="{wid}"><Inhoud><Al>Tekst.'
              '</Al></Inhoud></Divisietekst><Hoofdstuk eId="chp_1"')  # fmt: skip
    return _divisie("Divisietekst", wid)


def _divisie(soort: str, wid: str) -> str:
    ident = f"nl.imow-gm9920.{soort.lower()}.d1"
    return f'<vt:{soort} wId="{wid}"><vt:identificatie>{ident}</vt:identificatie></vt:{soort}>'


def _regeltekst(ident: str, wid: str) -> str:
    return f'<r:Regeltekst wId="{wid}"><r:identificatie>{ident}</r:identificatie></r:Regeltekst>'


ALA = "nl.imow-gm9920.activiteitlocatieaanduiding.sanitycheckdatum"
GA, NORM = "nl.imow-gm9920.gebiedsaanwijzing.ga1", "nl.imow-gm9920.omgevingsnorm.n1"
ANDERE_GEMEENTE, PROVINCIE = "nl.imow-gm0001.activiteit.Ander", "nl.imow-pv26.activiteit.Ander"
RIJK = "nl.imow-mnre1034.activiteit.ActInOmgevingsplan"
EINDE = '<ow:status xmlns:ow="http://www.geostandaarden.nl/imow/owobject">beëindigen</ow:status>'
KAART, HOOFDLIJN = "nl.imow-gm9920.kaart.k1", "nl.imow-gm9920.hoofdlijn.h1"
VERKEERD = "nl.imow-gm9920.gebied.verkeerd"  # an identificatie of a Gebied where a norm or waarde is meant
ACTIVITEIT_ALS_LOCATIE = "nl.imow-gm9920.activiteit.alslocatie"
GEOMETRIE = "a18d6c2e-128c-4076-8d0b-0907958ec0dd"
EENHEID = f"<rol:eenheid>{STANDAARD}/eenheid/id/concept/Decibel</rol:eenheid>"
GML = "Testeiland.gml"
TWEEDE_GEOMETRIE = "b18d6c2e-128c-4076-8d0b-0907958ec0dd"
RT, LOC, ACT = "owRegeltekst.xml", "owLocatie.xml", "owActiviteiten.xml"
BESLUIT = "Initieel_besluit.xml"
DOEL = "/join/id/proces/gm9920/2021/TesteilandDoel"
REGELING = "/akn/nl/act/gm9920/2021/TestReeksNummer1"
RVI_LOC = f'<r:locatieaanduiding>\n                  <l:LocatieRef xlink:href="{GEBIED}"/>'
ALA_LOC = f'<r:locatieaanduiding>\n                        <l:LocatieRef xlink:href="{GEBIED}"/>'
RVI_NA_LOC = "</r:locatieaanduiding>\n               <r:activiteitaanduiding>"
RVI_EIND = "</r:activiteitaanduiding>\n            </r:RegelVoorIedereen>"
RVI_NA_TEKST = "</r:artikelOfLid>\n               <r:locatieaanduiding>"
GELUID = f"<r:thema>{STANDAARD}/thema/id/concept/Geluid</r:thema>"
TEKST_REF = f'<r:RegeltekstRef xlink:href="{REGELTEKST}"/>'
BOVEN = "<rol:bovenliggendeActiviteit>"
X = "nl.imow-gm9920.{}.x1"  # an identificatie nobody delivered, of a type


#: a Lid of the besluit for the Regeltekst of each kind of juridische regel a case adds (one kind per Regeltekst)
EIGEN_LID = {
    "Omgevingswaarderegel": "gm9920_1__chp_1__art_1.1__para_2",
    "Instructieregel": "gm9920_1__chp_1__art_1.1__para_3",
}
INSTRUMENT = (
    f"<r:instructieregelInstrument>{STANDAARD}/instrument/id/concept/Omgevingsplan</r:instructieregelInstrument>"
)


def _ow_regel(soort: str, tekst: str | None = None, **kw: str) -> list[str]:
    """A juridische regel of ``soort`` with its own Regeltekst (or the given one); an Instructieregel with an
    instrument (TPOD2080)."""
    eigen = f"nl.imow-gm9920.regeltekst.{soort.lower()}1"
    if soort == "Instructieregel" and "<r:instructieregel" not in kw.get("eind", ""):
        eind = kw.get("eind", "")
        kw["eind"] = (
            eind.replace("<r:omgevingsnorm", INSTRUMENT + "<r:omgevingsnorm", 1)
            if "<r:omgevingsnorm" in eind
            else eind + INSTRUMENT
        )
    regel = _regel(soort, f"nl.imow-gm9920.juridischeregel.{soort.lower()}1", tekst=tekst or eigen, **kw)
    return [regel] if tekst else [_regeltekst(eigen, EIGEN_LID[soort]), regel]


def _el(naam: str, ref: str, naar: str, keer: int = 1) -> str:
    """``<naam>`` holding ``keer`` references ``ref`` to ``naar``."""
    return f"<{naam}>{_ref(ref, naar) * keer}</{naam}>"


def _rvi(oud: str, nieuw: str) -> Callable[[Pakket], Pakket]:
    return lambda p: p.vervang(RT, oud, nieuw)


def _na_locatie(xml: str) -> Callable[[Pakket], Pakket]:
    return _rvi(RVI_NA_LOC, RVI_NA_LOC.replace("</r:locatieaanduiding>", f"</r:locatieaanduiding>{xml}"))


def _instructieregel(**kw: str) -> Callable[[Pakket], Pakket]:
    """An Instructieregel with its own Regeltekst and an instrument, in an omgevingsverordening."""
    return lambda p: p.soort("OV").voeg_toe(*_ow_regel("Instructieregel", **kw))


def _tekstdeel_met(
    extra: str = "", divisie: str = TEKSTDEEL_BEKEND, soort: str = "OVi", zonder_idealisatie: bool = False
) -> Callable[[Pakket], Pakket]:
    """A Tekstdeel beside the locaties only, in an omgevingsvisie, its Divisietekst held by OZON."""
    deel = _tekstdeel(divisie, extra=extra, zonder_idealisatie=zonder_idealisatie)
    return lambda p: p.alleen_locaties().soort(soort).voeg_toe(deel, bestand=LOC).met_bekend(TEKSTDEEL_BEKEND)


def _gerelateerd(naar: str, keer: int = 1) -> Callable[[Pakket], Pakket]:
    return lambda p: p.vervang(ACT, BOVEN, _el("rol:gerelateerdeActiviteit", "rol:ActiviteitRef", naar, keer) + BOVEN)


def _lijnengroep(soort: str) -> Callable[[Pakket], Pakket]:
    """A groep naming its one Lijn/Punt twice; the Lijn/Punt with a line/point geometry of its own."""
    lid = f"nl.imow-gm9920.{soort.lower()}.l1"
    return lambda p: p.met_geometrie(soort).voeg_toe(
        _lijn(soort), _groep(f"{soort}engroep", soort, lid, lid), bestand=LOC
    )


#: a line and a point in RD, as the GML of a GIO holds them
VORMEN = {
    "Lijn": '<gml:LineString srsName="urn:ogc:def:crs:EPSG::28992"><gml:posList>97900 540200 98000 540300</gml:posList>'
    "</gml:LineString>",
    "Punt": '<gml:Point srsName="urn:ogc:def:crs:EPSG::28992"><gml:pos>97900 540200</gml:pos></gml:Point>',
}


def _kaartlaag(weergave: str, ref: str, naar: str, keer: int = 1) -> Callable[[Pakket], Pakket]:
    return lambda p: p.voeg_toe(_kaart(_el(f"k:{weergave}", ref, naar, keer)))


GEVALLEN: dict[str, Callable[[Pakket], Pakket]] = {
    # presence: an object new to OZON that no regel in the delivery refers to
    "OZON0017": lambda p: p.voeg_toe(_activiteit("nl.imow-gm9920.activiteit.tweede", TOP), bestand=ACT),
    "OZON0022": lambda p: p.voeg_toe(_ga(), bestand=LOC),
    "OZON0026": lambda p: p.voeg_toe(_norm("Omgevingsnorm")),
    "OZON0027": lambda p: p.voeg_toe(_kaart("")),
    "OZON0030": lambda p: p.voeg_toe(_norm("Omgevingswaarde")),
    # the besluit and the manifest-ow
    "OZON1020": lambda p: p.vervang(BESLUIT, "regelingtype_003", "regelingtype_099"),
    "OZON1022": lambda p: p.zonder(BESLUIT, "RegelingVersieInformatie"),
    "OZON1027": lambda p: p.vervang(BESLUIT, f"<doel>{DOEL}</doel>", f"<doel>{DOEL}</doel><doel>{DOEL}2</doel>"),
    "OZON1028": lambda p: p.vervang(BESLUIT, f"<instrumentVersie>{REGELING}/nld@1<",
                                    f"<instrumentVersie>{REGELING}/nld@2<"),
    "OZON1029": lambda p: p.vervang(BESLUIT, "</BeoogdeRegelgeving>", _beoogd(f"{REGELING}Ander/nld@1")),
    "OZON4006": lambda p: p.vervang(BESLUIT, "</BeoogdeRegelgeving>", _beoogd(f"{REGELING}/nld@1")),
    "OZON2060": _rvi(f'wId="{LID}"', 'wId="gm9920_1__chp_1__art_1.1"'),
    # against what OZON took before: the same besluit (of another regeling), the same regeling (by another besluit)
    "OZON1045": lambda p: p.na((f"{REGELING}<", f"{REGELING}Eerder<")),
    "OZON1026": lambda p: p.na(("TestNummer1Initieel", "TestNummer0Eerder")),
    "OZON1025": lambda p: p.vervang(BESLUIT, "<Tijdstempels",
                                    '<Intrekkingen xmlns="https://standaarden.overheid.nl/stop/imop/data/">'
                                    f"<Intrekking><doelen><doel>{DOEL}</doel></doelen><instrument>{REGELING}Onbekend"
                                    "</instrument><eId>art_II</eId></Intrekking></Intrekkingen><Tijdstempels"),
    "OZON1046": lambda p: p.vervang(BESLUIT, "procedure/stap_003", "procedure/stap_005"),  # einde inzagetermijn
    "OZON2140": lambda p: p.vervang("manifest-ow.xml", "TestReeksNummer1<", "TestReeksNummer9<"),
    "OZON2210": lambda p: p.vervang("manifest-ow.xml", "TesteilandDoel<", "AnderDoel<"),
    "OZON0097": lambda p: p.voeg_toe(_norm("Omgevingsnorm", waarden=_normwaarde(1).replace(
        "<rol:kwantitatieveWaarde>5</rol:kwantitatieveWaarde>", ""))),
    "OZON0090": lambda p: p.alleen_locaties().soort("OVi").voeg_toe(VERBODEN["Divisietekst"](p, ""), bestand=LOC),
    # verwijzing.moetbestaan: a RegelVoorIedereen's references (OZON0033 keeps the Regeltekst named: OZON0102)
    "OZON0033": lambda p: _rvi(TEKST_REF, _ref("r:RegeltekstRef", X.format("regeltekst")))(p).voeg_toe(
        *_ow_regel("Omgevingswaarderegel", tekst=REGELTEKST)
    ),
    "OZON0038": _rvi(_ref("rol:ActiviteitRef", ACTIVITEIT), _ref("rol:ActiviteitRef", X.format("activiteit"))),
    "OZON0045": _rvi(RVI_LOC, RVI_LOC.replace(GEBIED, ONBEKEND)),
    "OZON0121": _rvi(ALA_LOC, ALA_LOC.replace(GEBIED, ONBEKEND)),
    "OZON0040": _na_locatie(_el("r:gebiedsaanwijzing", "ga:GebiedsaanwijzingRef", X.format("gebiedsaanwijzing"))),
    "OZON0088": _na_locatie(_el("r:kaartaanduiding", "k:KaartRef", X.format("kaart"))),
    "OZON0042": _rvi(RVI_EIND, "</r:activiteitaanduiding>"
                     + _el("r:omgevingsnormaanduiding", "rol:OmgevingsnormRef", X.format("omgevingsnorm"))
                     + "</r:RegelVoorIedereen>"),
    "OZON0369": _rvi(ALA_LOC, ALA_LOC + _ref("l:LocatieRef", GEBIED)),
    "OZON0379": _rvi(RVI_NA_TEKST, RVI_NA_TEKST.replace("</r:artikelOfLid>", "</r:artikelOfLid>" + GELUID * 2)),
    # an Omgevingswaarderegel (the omgevingsplan may hold one)
    "OZON0037": lambda p: p.voeg_toe(*_ow_regel("Omgevingswaarderegel", tekst=X.format("regeltekst"))),
    "OZON0047": lambda p: p.voeg_toe(*_ow_regel("Omgevingswaarderegel", loc=ONBEKEND)),
    "OZON0044": lambda p: p.voeg_toe(*_ow_regel("Omgevingswaarderegel", eind=_el(
        "r:omgevingswaardeaanduiding", "rol:OmgevingswaardeRef", X.format("omgevingswaarde")))),
    "OZON0381": lambda p: p.voeg_toe(*_ow_regel("Omgevingswaarderegel", midden=GELUID * 2)),
    # an Instructieregel, in an omgevingsverordening (an omgevingsplan may not hold one: OZON6002)
    "OZON6002": lambda p: p.voeg_toe(*_ow_regel("Instructieregel")),
    "OZON0035": _instructieregel(tekst=X.format("regeltekst")),
    "OZON0046": _instructieregel(loc=ONBEKEND),
    "OZON0041": _instructieregel(
        eind=_el("r:gebiedsaanwijzing", "ga:GebiedsaanwijzingRef", X.format("gebiedsaanwijzing"))),
    "OZON0043": _instructieregel(
        eind=_el("r:omgevingsnormaanduiding", "rol:OmgevingsnormRef", X.format("omgevingsnorm"))),
    "OZON0380": _instructieregel(midden=GELUID * 2),
    "OZON0382": _instructieregel(eind=f"<r:instructieregelInstrument>{STANDAARD}/instrument/id/concept/Omgevingsplan"
                                      "</r:instructieregelInstrument>" * 2),
    "OZON0383": _instructieregel(eind=f"<r:instructieregelTaakuitoefening>{STANDAARD}/adressaat/id/concept/Gemeente"
                                      "</r:instructieregelTaakuitoefening>" * 2),
    # the activity's other references
    "OZON0082": lambda p: p.met_bekend(),
    "OZON0084": _gerelateerd(X.format("activiteit")),
    "OZON0371": _gerelateerd(TOP, keer=2),
    # locaties and groepen
    "OZON0053": lambda p: p.voeg_toe(_groep("Gebiedengroep", "Gebied", ONBEKEND), bestand=LOC),
    "OZON0372": lambda p: p.voeg_toe(_groep("Gebiedengroep", "Gebied", GEBIED, GEBIED), bestand=LOC),
    "OZON0059": lambda p: p.voeg_toe(_groep("Lijnengroep", "Lijn", X.format("lijn")), bestand=LOC),
    "OZON0065": lambda p: p.voeg_toe(_groep("Puntengroep", "Punt", X.format("punt")), bestand=LOC),
    "OZON0373": _lijnengroep("Lijn"),
    "OZON0374": _lijnengroep("Punt"),
    "OZON0124": lambda p: p.vervang("owRegelingsgebied.xml", f'"{GEBIED}"', f'"{ONBEKEND}"'),
    # a reference the matrix has no rule of its own for: a Hoofdlijn's related Hoofdlijn, in an omgevingsvisie
    "OZON0109": lambda p: p.alleen_locaties().soort("OVi").voeg_toe(_hoofdlijn(X.format("hoofdlijn")), bestand=LOC),
    # a second geometry in the GML that no locatie names (the GIO's hash is the LVBB's matter, not OZON's)
    "OZON0086": lambda p: p.vervang(
        "Testeiland.gml", "</geo:locaties>", _tweede_locatie(p.bestanden["Testeiland.gml"]) + "</geo:locaties>"
    ),
    # the GIO born in another regeling than the besluit's
    "OZON0087": lambda p: p.vervang("Testeiland.xml", f">{REGELING}<", f">{REGELING}Anders<"),
    # a Gebiedengroep of the Gebied and a second one whose geometry is in ETRS89, not RD
    "OZON0069": lambda p: _groep_van_twee(p, "EPSG::4258"),
    # gebiedsaanwijzingen, normen, pons
    "OZON0096": lambda p: p.voeg_toe(_ga(loc=ONBEKEND), bestand=LOC),
    "OZON0101": lambda p: p.voeg_toe(_norm("Omgevingsnorm", ONBEKEND)),
    "OZON0385": lambda p: p.voeg_toe(_norm("Omgevingsnorm", dubbel=True)),
    "OZON0217": lambda p: p.voeg_toe(_pons(ONBEKEND), bestand=LOC),
    # vrije tekst (an omgevingsplan may not hold it: OZON6006)
    "OZON6006": _tekstdeel_met(soort="OP"),
    "OZON0092": _tekstdeel_met(divisie=X.format("divisietekst")),
    "OZON0204": _tekstdeel_met(_loc(ONBEKEND, "vt:locatieaanduiding")),
    "OZON0089": _tekstdeel_met(_el("vt:kaartaanduiding", "k:KaartRef", X.format("kaart"))),
    "OZON0093": _tekstdeel_met(_el("vt:gebiedsaanwijzing", "ga:GebiedsaanwijzingRef", X.format("gebiedsaanwijzing"))),
    "OZON0094": _tekstdeel_met(_el("vt:hoofdlijnaanduiding", "vt:HoofdlijnRef", X.format("hoofdlijn"))),
    "OZON2040": lambda p: p.alleen_locaties().soort("OVi").voeg_toe(
        _divisie("Divisietekst", "gm9920_1__chp_1"), bestand=LOC),
    # a Divisietekst on the regeling's Bijlage (its begrippen), not its Lichaam
    "OZON2041": lambda p: p.alleen_locaties().soort("OVi").voeg_toe(
        _divisie("Divisietekst", "gm9920_1__cmp_I__content_o_1"), bestand=LOC),
    # a second Aanlevering (another regeling) that lists the Gebied's file again (4007), or its own file holding
    # the Gebied again (4008)
    "OZON4007": lambda p: _tweede_aanlevering(p, LOC),
    "OZON4008": lambda p: _tweede_aanlevering(p, "owLocatie2.xml"),
    # the bevoegd gezag (of the besluit and the regeling) without the letters of its organisation code
    "OZON1019": lambda p: p.vervang(BESLUIT, "<eindverantwoordelijke>/tooi/id/gemeente/gm9920<",
                                    "<eindverantwoordelijke>/tooi/id/gemeente/9920<", keer=2),
    # kaartlagen (an omgevingsplan may hold a kaart)
    "OZON0349": _kaartlaag(
        "activiteitlocatieweergave", "r:ActiviteitLocatieaanduidingRef", X.format("activiteitlocatieaanduiding")),
    "OZON0376": _kaartlaag("activiteitlocatieweergave", "r:ActiviteitLocatieaanduidingRef", ALA, keer=2),
    "OZON0377": lambda p: _kaartlaag("normweergave", "rol:OmgevingsnormRef", "nl.imow-gm9920.omgevingsnorm.n1", keer=2)(
        p.voeg_toe(_norm("Omgevingsnorm"))),
    "OZON0378": lambda p: _kaartlaag("gebiedsaanwijzingweergave", "ga:GebiedsaanwijzingRef",
                                     "nl.imow-gm9920.gebiedsaanwijzing.ga1", keer=2)(p.voeg_toe(_ga(), bestand=LOC)),
    # regeltekst and besluit
    "OZON0102": lambda p: p.voeg_toe(_regeltekst("nl.imow-gm9920.regeltekst.los", "gm9920_1__chp_1__art_1.1__para_2")),
    # the owBestand's objectTypen
    "OZON0010": lambda p: p.vervang(LOC, "</sl:objectTypen>", _objecttype("Onbekend") + "</sl:objectTypen>"),
    "OZON0013": lambda p: p.vervang(LOC, _objecttype("Gebied"), _objecttype("Lijn")),
    # the bevoegd gezag of an activity and its parent (OZON knows the parents named here)
    "OZON0213": lambda p: p.vervang(ACT, _ref("rol:ActiviteitRef", TOP), _ref("rol:ActiviteitRef", ANDERE_GEMEENTE))
    .met_bekend(ANDERE_GEMEENTE),
    "RTRG0016": lambda p: p.vervang(ACT, _ref("rol:ActiviteitRef", TOP), _ref("rol:ActiviteitRef", PROVINCIE))
    .met_bekend(PROVINCIE),
    "OZON0206": lambda p: p.vervang(ACT, _ref("rol:ActiviteitRef", TOP), _ref("rol:ActiviteitRef", RIJK))
    .voeg_toe(_activiteit("nl.imow-gm9920.activiteit.tweede", RIJK), bestand=ACT).met_bekend(RIJK),
    # ending: an object OZON does not know, an object others still refer to
    "OZON4001": lambda p: p.vervang(GML, "</geo:locaties>", _tweede_locatie(p.bestanden[GML]) + "</geo:locaties>")
    .voeg_toe(_gebied("nl.imow-gm9920.gebied.onbekend", TWEEDE_GEOMETRIE, EINDE), bestand=LOC),
    "OZON2000": _rvi(f'wId="{LID}"', 'wId="gm9920_1__chp_1"'),
    # at most once to the same target (verwijzing.magnietbestaan)
    "OZON0320": _rvi(RVI_LOC, RVI_LOC + _ref("l:LocatieRef", GEBIED)),
    "OZON0321": lambda p: p.voeg_toe(*_ow_regel("Omgevingswaarderegel", keer="2")),
    "OZON0322": _instructieregel(keer="2"),
    "OZON0324": lambda p: _rvi(RVI_EIND, "</r:activiteitaanduiding>"
                               + _el("r:omgevingsnormaanduiding", "rol:OmgevingsnormRef", NORM, 2)
                               + "</r:RegelVoorIedereen>")(p.voeg_toe(_norm("Omgevingsnorm"))),
    "OZON0326": lambda p: _na_locatie(_el("r:gebiedsaanwijzing", "ga:GebiedsaanwijzingRef", GA, 2))(
        p.voeg_toe(_ga(), bestand=LOC)),
    "OZON0327": lambda p: p.voeg_toe(_ga(), bestand=LOC).voeg_toe(*_ow_regel(
        "Omgevingswaarderegel", eind=_el("r:gebiedsaanwijzing", "ga:GebiedsaanwijzingRef", GA, 2))),
    "OZON0328": lambda p: _instructieregel(eind=_el("r:gebiedsaanwijzing", "ga:GebiedsaanwijzingRef", GA, 2))(
        p.voeg_toe(_ga(), bestand=LOC)),
    "OZON0329": lambda p: _instructieregel(eind=_el("r:omgevingsnormaanduiding", "rol:OmgevingsnormRef", NORM, 2))(
        p.voeg_toe(_norm("Omgevingsnorm"))),
    "OZON0331": lambda p: p.voeg_toe(_ga().replace(_ref("l:LocatieRef", GEBIED), _ref("l:LocatieRef", GEBIED) * 2),
                                     bestand=LOC),
    "OZON0340": lambda p: _tekstdeel_met(_el("vt:hoofdlijnaanduiding", "vt:HoofdlijnRef", HOOFDLIJN, 2))(p).voeg_toe(
        _hoofdlijn(), bestand=LOC),
    "OZON0341": _tekstdeel_met(_el("vt:locatieaanduiding", "l:LocatieRef", GEBIED, 2)),
    "OZON0342": lambda p: _tekstdeel_met(_el("vt:gebiedsaanwijzing", "ga:GebiedsaanwijzingRef", GA, 2))(p).voeg_toe(
        _ga("Bodem"), bestand=LOC),
    "OZON0343": lambda p: _na_locatie(_el("r:kaartaanduiding", "k:KaartRef", KAART, 2))(p.voeg_toe(_kaart(""))),
    "OZON0344": lambda p: p.voeg_toe(_kaart("")).voeg_toe(*_ow_regel(
        "Omgevingswaarderegel", eind=_el("r:kaartaanduiding", "k:KaartRef", KAART, 2))),
    "OZON0345": lambda p: _instructieregel(eind=_el("r:kaartaanduiding", "k:KaartRef", KAART, 2))(
        p.voeg_toe(_kaart(""))),
    "OZON0346": lambda p: _tekstdeel_met(_el("vt:kaartaanduiding", "k:KaartRef", KAART, 2))(p).voeg_toe(
        _kaart(""), bestand=LOC),
    "OZON0348": lambda p: p.vervang(
        RT, "</r:activiteitaanduiding>", "</r:activiteitaanduiding>" + _activiteitaanduiding(p)),
    "OZON0375": lambda p: p.voeg_toe(_kaart("").replace("</k:kaartlagen>", _kaartlaag_xml() + "</k:kaartlagen>")),
    "OZON0384": lambda p: p.voeg_toe(_norm("Omgevingsnorm", waarden=_normwaarde(1) * 2)),
    # activities, regelteksten and pons
    "OZON0083": lambda p: p.vervang(ACT, _ref("rol:ActiviteitRef", TOP), _ref("rol:ActiviteitRef", ACTIVITEIT)),
    "OZON0085": _gerelateerd(ACTIVITEIT),
    "OZON0104": lambda p: p.voeg_toe(_pons(GEBIED), _pons(GEBIED).replace("pons.p1", "pons.p2"), bestand=LOC),
    # a reference that names another type than it refers to (OZON knows the object, so it exists)
    "OZON0222": lambda p: _rvi(RVI_EIND, "</r:activiteitaanduiding>"
                               + _el("r:omgevingsnormaanduiding", "rol:OmgevingsnormRef", VERKEERD)
                               + "</r:RegelVoorIedereen>")(p).met_bekend(TOP, VERKEERD),
    "OZON0223": lambda p: p.voeg_toe(*_ow_regel("Omgevingswaarderegel", eind=_el(
        "r:omgevingswaardeaanduiding", "rol:OmgevingswaardeRef", VERKEERD))).met_bekend(TOP, VERKEERD),
    "OZON0224": lambda p: _instructieregel(eind=_el("r:omgevingsnormaanduiding", "rol:OmgevingsnormRef", VERKEERD))(
        p).met_bekend(TOP, VERKEERD),
    "OZON0225": lambda p: p.voeg_toe(_ga(loc=ACTIVITEIT_ALS_LOCATIE), bestand=LOC).met_bekend(
        TOP, ACTIVITEIT_ALS_LOCATIE),
    "OZON0370": lambda p: p.voeg_toe(_gebied("nl.imow-gm9920.gebied.tweede", GEOMETRIE), bestand=LOC),
    # algemeen: the identificatie's type, an instructieregel's instrument, normwaarden, a tekstdeel's idealisatie
    "OZON5001": lambda p: p.vervang(GML, "</geo:locaties>", _tweede_locatie(p.bestanden[GML]) + "</geo:locaties>")
    .voeg_toe(_gebied("nl.imow-gm9920.lijn.eigenlijkgebied", TWEEDE_GEOMETRIE), bestand=LOC),
    "OZON5002": lambda p: p.soort("OV").voeg_toe(
        _regeltekst("nl.imow-gm9920.regeltekst.ir1", EIGEN_LID["Instructieregel"]),
        _regel("Instructieregel", "nl.imow-gm9920.juridischeregel.ir1", tekst="nl.imow-gm9920.regeltekst.ir1")),
    "OZON5003": lambda p: p.voeg_toe(_norm("Omgevingsnorm", waarden=_normwaarde(1) + _normwaarde(
        2, soort="kwalitatieveWaarde", waarde="hoog"))),
    "OZON5004": lambda p: p.voeg_toe(_norm("Omgevingsnorm", waarden=_normwaarde(1, soort="kwalitatieveWaarde",
                                                                          waarde="hoog"), eenheid=EENHEID)),
    "OZON5005": _tekstdeel_met(_el("vt:locatieaanduiding", "l:LocatieRef", GEBIED), zonder_idealisatie=True),
    # procedure: a vastgesteld object without procedurestatus, an ontwerp one with it
    # an ontwerpbesluit whose Regelingsgebied says ontwerp and whose Gebied does not
    "OZON0127": lambda p: p.alleen_locaties().vervang(BESLUIT, "proceduretype_definitief", "proceduretype_ontwerp")
    .vervang("owRegelingsgebied.xml", "<rg:identificatie>", "<ow:procedurestatus>ontwerp</ow:procedurestatus>"
             "<rg:identificatie>"),
    "OZON0126": lambda p: p.vervang(LOC, "<l:identificatie>", "<ow:procedurestatus>ontwerp</ow:procedurestatus>"
                                               "<l:identificatie>"),
}  # fmt: skip


def test_every_text_of_the_besluit_and_history_rules_names_what_is_wrong(
    referentie: Path, snapshot: SnapshotAssertion
) -> None:
    codes = ("OZON1025", "OZON1026", "OZON1027", "OZON1028", "OZON1029", "OZON1045", "OZON2060", "OZON4006")
    teksten = {c: [m.beschrijving for m in GEVALLEN[c](Pakket(referentie)).meldingen()] for c in codes}
    assert teksten == snapshot


@pytest.mark.parametrize("code", sorted(GEVALLEN))
def test_each_negative_package_gets_its_own_code_alone(pakket: Pakket, code: str) -> None:
    assert GEVALLEN[code](pakket).codes(met_aanwezig=code in AANWEZIG) == [code]


# -- Mag niet voorkomen: each banned object type, in a soort regeling that bans it and in one that does not ------
VERBODEN: dict[str, Callable[[Pakket, str], str]] = {  # each object as XML, from the package and a type
    "Gebiedsaanwijzing": lambda _, type_: _ga(type_),
    "Hoofdlijn": lambda _, __: (
        "<vt:Hoofdlijn><vt:identificatie>nl.imow-gm9920.hoofdlijn.h1</vt:identificatie>"
        "<vt:soort>Doel</vt:soort><vt:naam>Hoofdlijn</vt:naam></vt:Hoofdlijn>"
    ),
    "Divisietekst": lambda p, _: _divisietekst_in_lichaam(p),
    "Tekstdeel": lambda _, __: _tekstdeel(TEKSTDEEL_BEKEND),
    "Omgevingswaarde": lambda _, __: _norm("Omgevingswaarde"),
    "Omgevingsnorm": lambda _, __: _norm("Omgevingsnorm"),
    "Pons": lambda _, __: _pons(GEBIED),
}  # fmt: skip
ALLE_SOORTEN = sorted(owgraaf.SOORTEN_REGELING.values())


BANNEN = [
    ("OZON6005", "Divisietekst", None), ("OZON6006", "Tekstdeel", None), ("OZON6007", "Hoofdlijn", None),
    ("OZON6009", "Omgevingswaarde", None), ("OZON6010", "Omgevingsnorm", None), ("OZON6014", "Pons", None),
    ("OZON6033", "Gebiedsaanwijzing", "Beperkingengebied"), ("OZON6034", "Gebiedsaanwijzing", "Bodem"),
    ("OZON6035", "Gebiedsaanwijzing", "Bouw"), ("OZON6036", "Gebiedsaanwijzing", "Defensie"),
    ("OZON6037", "Gebiedsaanwijzing", "Energievoorziening"), ("OZON6038", "Gebiedsaanwijzing", "Erfgoed"),
    ("OZON6039", "Gebiedsaanwijzing", "Externe veiligheid"), ("OZON6040", "Gebiedsaanwijzing", "Functie"),
    ("OZON6041", "Gebiedsaanwijzing", "Geluid"), ("OZON6042", "Gebiedsaanwijzing", "Geur"),
    ("OZON6043", "Gebiedsaanwijzing", "Landschap"), ("OZON6044", "Gebiedsaanwijzing", "Leiding"),
    ("OZON6045", "Gebiedsaanwijzing", "Lucht"), ("OZON6046", "Gebiedsaanwijzing", "Mijnbouw"),
    ("OZON6047", "Gebiedsaanwijzing", "Natuur"), ("OZON6048", "Gebiedsaanwijzing", "Recreatie"),
    ("OZON6049", "Gebiedsaanwijzing", "Ruimtelijk gebruik"), ("OZON6050", "Gebiedsaanwijzing", "Verkeer"),
    ("OZON6051", "Gebiedsaanwijzing", "Water en watersysteem"),
]  # fmt: skip


@pytest.mark.parametrize(("code", "soort", "type_"), BANNEN)
def test_an_object_a_soort_regeling_may_not_hold_is_banned_there_only(
    referentie: Path, code: str, soort: str, type_: str | None
) -> None:
    """Each banned object alone beside the locaties: in the first soort regeling the matrix text bans it in,
    that code alone; in the first soort it does not name, nothing."""
    _, verboden = ozonregels.verboden_soorten()[(soort, type_)]
    for soort_regeling in (min(verboden), min(set(ALLE_SOORTEN) - verboden)):
        p = Pakket(referentie).alleen_locaties()
        p.vervang("Initieel_besluit.xml", "/join/id/stop/regelingtype_003", soort_regeling)
        p.voeg_toe(VERBODEN[soort](p, type_ or ""), bestand="owLocatie.xml").met_bekend(TEKSTDEEL_BEKEND)
        assert p.codes() == ([code] if soort_regeling in verboden else []), soort_regeling


def test_the_real_omgevingsplan_in_an_omgevingsvisie_breaks_the_bans_of_its_regels_and_activiteiten(
    pakket: Pakket,
) -> None:
    assert sorted(pakket.soort("OVi").codes()) == ["OZON6000", "OZON6001", "OZON6008", "OZON6008"]


def test_a_divisie_kaart_and_symbolisatie_are_banned_too(referentie: Path) -> None:
    divisie = (
        '<vt:Divisie wId="gm9920_1__chp_1"><vt:identificatie>nl.imow-gm9920.divisie.d1</vt:identificatie></vt:Divisie>'
    )
    p = Pakket(referentie).alleen_locaties().voeg_toe(divisie, bestand="owLocatie.xml")
    assert sorted(p.codes()) == ["OZON2040", "OZON6004"]  # and its wId is a Hoofdstuk, not a Divisie
    kaart = (
        "<k:Kaart><k:identificatie>nl.imow-gm9920.kaart.k1</k:identificatie><k:naam>Kaart</k:naam>"
        "<k:uitsnede><k:Kaartextent><k:minX>0</k:minX><k:minY>0</k:minY><k:maxX>1</k:maxX><k:maxY>1</k:maxY>"
        "</k:Kaartextent></k:uitsnede><k:kaartlagen><k:Kaartlaag><k:identificatie>nl.imow-gm9920.kaartlaag.k1"
        "</k:identificatie><k:niveau>1</k:niveau></k:Kaartlaag></k:kaartlagen></k:Kaart>"
    )
    p = Pakket(referentie).alleen_locaties().soort("I").voeg_toe(kaart, bestand="owLocatie.xml")
    assert sorted(p.codes()) == ["OZON6011", "OZON6012"]
    # IMOW 3.1.0 has no SymbolisatieItem object, so no package carries one: the rule on the graph itself
    graaf = owgraaf.OwGraaf({"s": owgraaf.OwObject("SymbolisatieItem", "s", "owX.xml")})
    besluit = owgraaf.Besluit(owgraaf.SOORTEN_REGELING["Instructie"], {})
    assert [m.code for m in ozonregels.niet_toegestaan(graaf, besluit)] == ["OZON6013"]
    assert ozonregels.niet_toegestaan(graaf, owgraaf.Besluit(owgraaf.SOORTEN_REGELING["Omgevingsplan"], {})) == []


def test_an_omgevingswaarderegel_is_banned_in_a_waterschapsverordening(pakket: Pakket) -> None:
    assert pakket.soort("WV").voeg_toe(*_ow_regel("Omgevingswaarderegel")).codes() == ["OZON6003"]


def test_every_ban_of_the_matrix_is_read_with_its_soorten() -> None:
    """The table names the object of each *Mag niet voorkomen* rule, the matrix text gives the soorten."""
    verboden = ozonregels.verboden_soorten()
    teksten = [r for r in rijen() if r.categorie == "Mag niet voorkomen"]
    assert len(verboden) == len(teksten) == len(ozonregels.NIET_TOEGESTAAN)
    assert verboden[("Instructieregel", None)][1] >= {owgraaf.SOORTEN_REGELING["Omgevingsplan"]}
    assert owgraaf.SOORTEN_REGELING["Omgevingsplan"] not in verboden[("Gebiedsaanwijzing", "Bouw")][1]


# -- the melding texts, and the rules a schema-valid package cannot reach ---------------------------------------
def test_the_texts_name_the_object_the_element_and_the_target(pakket: Pakket) -> None:
    GEVALLEN["OZON0045"](pakket)
    (m,) = pakket.meldingen()
    assert m.beschrijving == (
        f"{regels()['OZON0045'].beschrijving} (nl.imow-gm0297.juridischeregel.sanitycheckdatum verwijst via"
        f" locatieaanduiding naar {ONBEKEND}, dat niet bestaat)"
    )


def test_a_reference_to_an_object_of_another_type_does_not_exist_as_that_type(pakket: Pakket) -> None:
    pakket.vervang("owRegeltekst.xml", RVI_LOC, RVI_LOC.replace(GEBIED, ACTIVITEIT))
    (m,) = pakket.meldingen()
    assert m.code == "OZON0045" and m.beschrijving.endswith(f"met een LocatieRef naar {ACTIVITEIT}, een Activiteit)")


def _graaf(*objecten: owgraaf.OwObject, verwijzingen: tuple[owgraaf.Verwijzing, ...] = ()) -> owgraaf.OwGraaf:
    return owgraaf.OwGraaf({o.id: o for o in objecten}, list(verwijzingen))


@pytest.mark.parametrize(("sleutel", "code"), sorted(ozonregels.VERPLICHT.items()))
def test_an_object_without_a_reference_it_must_have_is_named(sleutel: tuple[str, str], code: str) -> None:
    """Without schemas configured nothing else stops it: a RegelVoorIedereen without locatie, a groep without leden."""
    soort, ref = sleutel
    meldingen = ozonregels.bestaan(_graaf(owgraaf.OwObject(soort, "o1", "ow.xml")), set())
    assert [m.code for m in meldingen if m.code == code] == [code]
    assert any(m.beschrijving.endswith(f"(o1 verwijst naar geen {ref.removesuffix('Ref')})") for m in meldingen)
    ander = owgraaf.OwObject("Gebied", "g1", "ow.xml")
    assert ozonregels.bestaan(_graaf(ander, verwijzingen=(owgraaf.Verwijzing("g1", "Gebied", "x", ref, "o1"),)), set())


def test_a_reference_ozon_holds_exists_whatever_its_type_and_a_geometry_is_no_ow_reference() -> None:
    v = owgraaf.Verwijzing("g1", "Gebied", "geometrie", "GeometrieRef", "geo-1")
    w = owgraaf.Verwijzing("h", "Hoofdlijn", "gerelateerdeHoofdlijn", "HoofdlijnRef", "bekend")
    graaf = _graaf(owgraaf.OwObject("Gebied", "g1", "ow.xml"), owgraaf.OwObject("Hoofdlijn", "h", "ow.xml"),
                   verwijzingen=(v, w))  # fmt: skip
    assert ozonregels.bestaan(graaf, {"bekend"}) == []
    assert [m.code for m in ozonregels.bestaan(graaf, set())] == ["OZON0109"]


# -- each rule's text names the object, and the boundaries of the rules on the graph ---------------------------
def _obj(soort: str, ident: str, wid: str | None = None, **waarden: list[str]) -> owgraaf.OwObject:
    return owgraaf.OwObject(soort, ident, "ow.xml", wid, dict(waarden))


def _v(van: str, soort: str, via: str, ref: str, naar: str) -> owgraaf.Verwijzing:
    return owgraaf.Verwijzing(van, soort, via, ref, naar)


def _teksten(meldingen: list[CodeMelding]) -> list[tuple[str, str]]:
    """(code, detail): what the melding adds in parentheses to the rule's own text."""
    uit = []
    for m in meldingen:
        regeltekst = regels()[m.code].beschrijving + " ("
        assert m.beschrijving.startswith(regeltekst) and m.beschrijving.endswith(")"), m.beschrijving
        uit.append((m.code, m.beschrijving[len(regeltekst) : -1]))
    return uit


def test_a_regeltekst_counts_as_named_only_by_a_juridische_regels_regeltekstref() -> None:
    tekst = _obj("Regeltekst", "t1")
    assert _teksten(ozonregels.regelteksten_zonder_regel(_graaf(tekst))) == [
        ("OZON0102", "geen juridische regel verwijst naar t1")
    ]
    anders = (_v("r1", "RegelVoorIedereen", "locatieaanduiding", "LocatieRef", "t1"),
              _v("x1", "Tekstdeel", "artikelOfLid", "RegeltekstRef", "t1"))  # fmt: skip
    assert [m.code for m in ozonregels.regelteksten_zonder_regel(_graaf(tekst, verwijzingen=anders))] == ["OZON0102"]
    for soort in ozonregels.JURIDISCH:
        goed = (_v("r1", soort, "artikelOfLid", "RegeltekstRef", "t1"),)
        assert ozonregels.regelteksten_zonder_regel(_graaf(tekst, verwijzingen=goed)) == []


def test_a_geometry_without_locatie_is_named() -> None:
    v = (_v("g1", "Gebied", "geometrie", "GeometrieRef", "geo-1"),)
    assert _teksten(ozonregels.geometrie_zonder_locatie(_graaf(verwijzingen=v), ["geo-2", "geo-1"])) == [
        ("OZON0086", "geen locatie verwijst naar geometrie geo-2")
    ]


@pytest.mark.parametrize(
    ("soort", "wid", "gevonden", "tekst"),
    [("Regeltekst", "w1", "Artikel", None), ("Regeltekst", "w1", "Lid", None),
     ("Regeltekst", "w1", "Hoofdstuk", "t: wId w1 is een Hoofdstuk"),
     ("Regeltekst", "w2", "Lid", "t: wId w2 is niet in het besluit"),
     ("Regeltekst", None, "Lid", "t: wId (geen) is niet in het besluit"), ("Divisie", "w1", "Divisie", None),
     ("Divisie", "w1", "Divisietekst", None), ("Divisietekst", "w1", "Divisie", None),
     ("Divisietekst", "w1", "Artikel", "t: wId w1 is een Artikel"), ("Gebied", None, "Lid", None)],
)  # fmt: skip
def test_a_wid_must_be_an_element_of_the_right_kind_in_the_besluit(
    soort: str, wid: str | None, gevonden: str, tekst: str | None
) -> None:
    besluit = owgraaf.Besluit("/join/id/stop/regelingtype_003", {"w1": gevonden})
    code = "OZON2000" if soort == "Regeltekst" else "OZON2040"
    assert _teksten(ozonregels.in_besluit(_graaf(_obj(soort, "t", wid)), besluit)) == ([(code, tekst)] if tekst else [])


def test_the_uniqueness_texts_count_and_name_what_repeats() -> None:
    twee = (_v("g", "Gebiedengroep", "groepselement", "GebiedRef", "a"),) * 2
    assert _teksten(ozonregels.uniek(_graaf(verwijzingen=twee))) == [("OZON0372", "g verwijst 2 keer naar a")]
    assert ozonregels.uniek(_graaf(verwijzingen=twee[:1])) == []
    regel = _obj("RegelVoorIedereen", "r", thema=["geluid", "water", "geluid"])
    assert _teksten(ozonregels.uniek(_graaf(regel))) == [("OZON0379", "r noemt thema geluid meer dan eens")]
    assert ozonregels.uniek(_graaf(_obj("RegelVoorIedereen", "r", thema=["geluid", "water"]))) == []
    assert ozonregels.uniek(_graaf(_obj("Tekstdeel", "r", thema=["geluid", "geluid"]))) == []  # no rule for it


def test_a_banned_object_is_named_with_the_soort_regeling() -> None:
    besluit = owgraaf.Besluit(owgraaf.SOORTEN_REGELING["Omgevingsplan"], {})
    ga = _obj("Gebiedsaanwijzing", "ga", type=["Bouw"])  # a bare value, no uri: its last part is itself
    assert ozonregels.niet_toegestaan(_graaf(ga), besluit) == []
    amvb = owgraaf.Besluit(owgraaf.SOORTEN_REGELING["Algemene maatregel van bestuur"], {})
    assert _teksten(ozonregels.niet_toegestaan(_graaf(ga), amvb)) == [
        ("OZON6035", "ga: een Gebiedsaanwijzing van het type Bouw in een Algemene maatregel van bestuur")
    ]
    tekstdeel = _obj("Tekstdeel", "td")
    assert _teksten(ozonregels.niet_toegestaan(_graaf(tekstdeel), besluit)) == [
        ("OZON6006", "td: een Tekstdeel in een Omgevingsplan")
    ]
    assert ozonregels.niet_toegestaan(_graaf(_obj("Gebied", "g")), besluit) == []


@pytest.mark.parametrize(
    ("toevoegen", "codes"),
    [(["Omgevingswaarderegel"], ["OZON0098", "OZON0099"]), (["Instructieregel"], ["OZON0098", "OZON0100"]),
     (["Omgevingswaarderegel", "Instructieregel"], ["OZON0098", "OZON0099", "OZON0100"])],
)  # fmt: skip
def test_a_regeltekst_of_two_kinds_of_regel_breaks_the_rule_of_each_kind(
    pakket: Pakket, toevoegen: list[str], codes: list[str]
) -> None:
    """TPOD1850 in three rules, one per kind: a mix breaks the rule of each kind in it, and nothing else."""
    pakket.soort("OV")  # where an Instructieregel may stand
    for soort in toevoegen:
        pakket.voeg_toe(*_ow_regel(soort, tekst=REGELTEKST))
    meldingen = pakket.meldingen()
    assert sorted(m.code for m in meldingen) == codes
    soorten = ", ".join(sorted(["RegelVoorIedereen", *toevoegen]))
    assert {m.beschrijving.rsplit(" (", 1)[1] for m in meldingen} == {f"{REGELTEKST}: {soorten})"}


def test_an_activity_above_itself_is_named_with_its_circle_and_one_above_a_circle_is_not() -> None:
    boven = [("a", "b"), ("b", "c"), ("c", "b"), ("d", "d"), ("e", "f")]
    v = tuple(_v(van, "Activiteit", "bovenliggendeActiviteit", "ActiviteitRef", naar) for van, naar in boven)
    assert _teksten(ozonregels.activiteiten(_graaf(verwijzingen=v))) == [
        ("OZON0083", "b → c → b"), ("OZON0083", "c → b → c"), ("OZON0083", "d → d")
    ]  # fmt: skip
    gerelateerd = (_v("a", "Activiteit", "gerelateerdeActiviteit", "ActiviteitRef", "a"),
                   _v("b", "Activiteit", "gerelateerdeActiviteit", "ActiviteitRef", "a"),
                   _v("c", "Activiteit", "bovenliggendeActiviteit", "ActiviteitRef", "d"))  # fmt: skip
    assert _teksten(ozonregels.activiteiten(_graaf(verwijzingen=gerelateerd))) == [("OZON0085", "a")]


def test_the_general_rules_name_the_object() -> None:
    g = _graaf(
        _obj("Pons", "p2"), _obj("Pons", "p1"), _obj("Gebied", "g1", status=["wijzigen"]),
        _obj("Gebied", "g2", status=["beëindigen"]), _obj("Instructieregel", "ir1"),
        _obj("Instructieregel", "ir2", instructieregelTaakuitoefening=["x"]), _obj("Tekstdeel", "td1"),
        _obj("Tekstdeel", "td2", idealisatie=["Exact"]),
        verwijzingen=(_v("td1", "Tekstdeel", "locatieaanduiding", "LocatieRef", "g1"),
                      _v("td2", "Tekstdeel", "locatieaanduiding", "LocatieRef", "g1"),
                      _v("g1", "Gebied", "geometrie", "GeometrieRef", "geo"),
                      _v("g2", "Gebied", "geometrie", "GeometrieRef", "geo")),
    )  # fmt: skip
    meldingen = ozonregels.algemeen(g)
    assert _teksten([m for m in meldingen if not m.code.startswith("OZON500")]) == [
        ("OZON0104", "p1, p2"), ("OZON0122", "g1: wijzigen"), ("OZON0370", "geometrie geo in 2 locaties")
    ]  # fmt: skip
    teksten = {m.code: m.beschrijving for m in meldingen}
    assert [m.code for m in meldingen].count("OZON5002") == 1 and [m.code for m in meldingen].count("OZON5005") == 1
    assert "Een instructieregel met identificatie ir1 moet" in teksten["OZON5002"]
    assert "HetTekstdeel met identificatie td1 heeft een locatie maar geen idealisatie" in teksten["OZON5005"]


def test_the_norm_rules_name_the_norm() -> None:
    def norm(ident: str, *waarden: dict[str, list[str]], eenheid: bool = False) -> list[object]:
        n = _obj("Omgevingsnorm", ident, **({"eenheid": ["dB"]} if eenheid else {}))
        ws = [owgraaf.OwObject("Normwaarde", f"{ident}.w{i}", "ow.xml", None, w) for i, w in enumerate(waarden)]
        vs = [_v(ident, "Omgevingsnorm", "normwaarde", "Normwaarde", w.id) for w in ws]
        return [n, *ws, *vs]

    delen = [*norm("n1", {"kwantitatieveWaarde": ["5"]}, {"kwalitatieveWaarde": ["hoog"]}),
             *norm("n2", {"kwalitatieveWaarde": ["hoog"]}, eenheid=True),
             *norm("n3", {"kwantitatieveWaarde": ["5"]}, {"kwantitatieveWaarde": ["6"]}, eenheid=True)]  # fmt: skip
    objecten = [d for d in delen if isinstance(d, owgraaf.OwObject)]
    verwijzingen = tuple(d for d in delen if isinstance(d, owgraaf.Verwijzing))
    meldingen = ozonregels.algemeen(_graaf(*objecten, verwijzingen=verwijzingen))
    assert [(m.code, m.beschrijving.split("identificatie ")[1].split(" ")[0]) for m in meldingen] == [
        ("OZON5003", "n1"), ("OZON5004", "n2")
    ]  # fmt: skip


NORMREF = "OmgevingsnormRef"


def test_an_identificatie_names_its_type_and_a_reference_the_type_it_refers_to() -> None:
    g = _graaf(
        _obj("Gebied", "nl.imow-gm9920.lijn.x"), _obj("RegelVoorIedereen", "nl.imow-gm9920.juridischeregel.r"),
        _obj("Gebied", "nl.imow-gm9920.gebied.y"), _obj("Gebied", "geen-imow-id"),
        verwijzingen=(_v("r", "RegelVoorIedereen", "omgevingsnormaanduiding", NORMREF, "nl.imow-gm9920.gebied.z"),
                      _v("r", "RegelVoorIedereen", "omgevingsnormaanduiding", NORMREF, NORM),
                      _v("ga", "Gebiedsaanwijzing", "locatieaanduiding", "LocatieRef", "nl.imow-gm9920.lijnengroep.l")),
    )  # fmt: skip
    meldingen = ozonregels.namen(g)
    assert [m.code for m in meldingen] == ["OZON5001", "OZON0222"]
    assert "identificatie nl.imow-gm9920.lijn.x heeft het type Gebied" in meldingen[0].beschrijving
    assert meldingen[1].beschrijving.endswith("(r → nl.imow-gm9920.gebied.z)")


def test_the_procedure_rules_name_each_object() -> None:
    g = _graaf(_obj("Gebied", "g1", procedurestatus=["ontwerp"]), _obj("Gebied", "g2"))
    vastgesteld = owgraaf.Besluit("/join/id/stop/regelingtype_003", {})
    assert _teksten(ozonregels.procedure(g, vastgesteld)) == [("OZON0126", "g1")]
    ontwerp = owgraaf.Besluit("/join/id/stop/regelingtype_003", {}, ontwerp=True)
    assert _teksten(ozonregels.procedure(g, ontwerp)) == [("OZON0127", "g2")]


def test_a_regel_voor_iedereen_names_an_omgevingswaarde_once_on_the_graph() -> None:
    """OZON0325: IMOW 3.1.0 gives a RegelVoorIedereen no omgevingswaarde, so only the graph can show it."""
    v = (_v("r", "RegelVoorIedereen", "omgevingswaardeaanduiding", "OmgevingswaardeRef", "w"),) * 2
    assert _teksten(ozonregels.uniek(_graaf(verwijzingen=v))) == [("OZON0325", "r verwijst 2 keer naar w")]


def test_ending_an_object_others_still_refer_to_names_each_of_them(pakket: Pakket) -> None:
    """OZON0350: the Gebied ended (OZON knows it) while the regelingsgebied, the regel and its ALA still point there."""
    pakket.vervang(LOC, "<l:identificatie>", EINDE + "<l:identificatie>").met_bekend(TOP, GEBIED)
    meldingen = pakket.meldingen()
    assert {m.code for m in meldingen} == {"OZON0350"} and len(meldingen) == 3
    assert {m.beschrijving.rsplit("(", 1)[1].split(" → ")[0] for m in meldingen} == {
        "nl.imow-gm9920.regelingsgebied.OPWregelingsgebied", "nl.imow-gm0297.juridischeregel.sanitycheckdatum", ALA
    }  # fmt: skip


@pytest.mark.parametrize(
    ("eigen", "boven", "codes"),
    [("gm1", "gm2", ["OZON0213"]), ("pv1", "pv2", ["OZON0214"]), ("ws1", "ws2", ["OZON0215"]), ("gm1", "gm1", []),
     ("pv1", "mnre1", []), ("ws1", "gm1", []), ("gm1", "pv1", ["RTRG0016"])],
)  # fmt: skip
def test_an_activity_hangs_under_its_own_organisation_or_once_under_another_kind(
    eigen: str, boven: str, codes: list[str]
) -> None:
    v = (_v(f"nl.imow-{eigen}.activiteit.a", "Activiteit", "bovenliggendeActiviteit", "ActiviteitRef",
            f"nl.imow-{boven}.activiteit.b"),)  # fmt: skip
    assert [m.code for m in ozonregels.bevoegd_gezag(_graaf(verwijzingen=v))] == codes


@pytest.mark.parametrize(("soort", "code"), [("gm", "OZON0206"), ("pv", "OZON0207"), ("ws", "OZON0208")])
def test_at_most_one_activity_of_an_organisation_hangs_under_another_kind(soort: str, code: str) -> None:
    def onder_rijk(naam: str) -> owgraaf.Verwijzing:
        return _v(f"nl.imow-{soort}1.activiteit.{naam}", "Activiteit", "bovenliggendeActiviteit", "ActiviteitRef", RIJK)

    assert [m.code for m in ozonregels.bevoegd_gezag(_graaf(verwijzingen=(onder_rijk("a"),)))] == []
    (m,) = ozonregels.bevoegd_gezag(_graaf(verwijzingen=(onder_rijk("a"), onder_rijk("b"))))
    assert m.code == code and m.beschrijving.endswith(f"(nl.imow-{soort}1.activiteit.a, nl.imow-{soort}1.activiteit.b)")


def test_the_norm_rules_hold_for_an_omgevingswaarde_too_and_one_pons_is_allowed() -> None:
    waarde = _obj("Omgevingswaarde", "ow1", eenheid=["dB"])
    w = owgraaf.OwObject("Normwaarde", "ow1.w", "ow.xml", None, {"kwalitatieveWaarde": ["hoog"]})
    g = _graaf(
        waarde, w, _obj("Pons", "p1"), verwijzingen=(_v("ow1", "Omgevingswaarde", "normwaarde", "Normwaarde", "ow1.w"),)
    )
    assert [m.code for m in ozonregels.algemeen(g)] == ["OZON5004"]


def test_the_file_rules_name_the_file_and_the_object() -> None:
    g = _graaf(
        owgraaf.OwObject("Gebied", "g1", "owLocatie.xml"), owgraaf.OwObject("Lijn", "l1", "owLocatie.xml", genest=True)
    )
    g.objecttypen["owLocatie.xml"] = ["Lijn", "Onbekend"]
    assert _teksten(ozonregels.bestanden(g)) == [
        ("OZON0010", "owLocatie.xml: Onbekend"), ("OZON0013", "owLocatie.xml: Gebied g1")
    ]  # fmt: skip


def test_the_bevoegd_gezag_rules_name_both_activities_and_look_past_ids_of_no_organisation() -> None:
    boven = [("a.zonder.organisatie", "b"), ("nl.imow-gm1.activiteit.x", "nl.imow-gm2.activiteit.y"),
             ("nl.imow-gm1.activiteit.z", "nl.imow-pv1.activiteit.p")]  # fmt: skip
    v = tuple(_v(van, "Activiteit", "bovenliggendeActiviteit", "ActiviteitRef", naar) for van, naar in boven)
    assert _teksten(ozonregels.bevoegd_gezag(_graaf(verwijzingen=v))) == [
        ("OZON0213", "nl.imow-gm1.activiteit.x → nl.imow-gm2.activiteit.y"),
        ("RTRG0016", "nl.imow-gm1.activiteit.z → nl.imow-pv1.activiteit.p"),
    ]


def test_ending_an_unknown_object_names_it() -> None:
    g = _graaf(_obj("Gebied", "g1", status=["beëindigen"]), _obj("Gebied", "g2", status=["beëindigen"]))
    assert _teksten(ozonregels.beeindigen(g, {"g2"})) == [("OZON4001", "g1")]


@pytest.mark.parametrize(
    ("soort", "geometrie", "code"),
    [("Lijn", "Gebied", "OZON0129"), ("Punt", "Lijn", "OZON0130"), ("Gebied", "Punt", "OZON0131"),
     ("Lijn", "Lijn", None), ("Punt", "Punt", None)],
)  # fmt: skip
def test_a_locatie_has_a_geometry_of_its_own_kind(pakket: Pakket, soort: str, geometrie: str, code: str | None) -> None:
    pakket.met_geometrie(geometrie)
    ident = f"nl.imow-gm9920.{soort.lower()}.eigen"
    xml = _lijn(soort).replace(f"nl.imow-gm9920.{soort.lower()}.l1", ident)
    pakket.voeg_toe(xml, bestand=LOC)
    meldingen = pakket.meldingen()
    assert [m.code for m in meldingen] == ([code] if code else [])
    if code:
        soortnaam = {"Gebied": "vlak", "Lijn": "lijn", "Punt": "punt"}[geometrie]
        assert meldingen[0].beschrijving.endswith(f"({ident}: geometrie {TWEEDE_GEOMETRIE} is een {soortnaam})")


@pytest.mark.parametrize(("soort", "code"), [("Lijn", "OZON0067"), ("Punt", "OZON0068")])
def test_a_lijn_or_punt_without_its_geometry_is_named_unless_ozon_has_it(pakket: Pakket, soort: str, code: str) -> None:
    pakket.voeg_toe(_lijn(soort), bestand=LOC)
    (m,) = pakket.meldingen()
    assert m.code == code and m.beschrijving.endswith(f": geen geometrie {TWEEDE_GEOMETRIE})")
    assert ozonregels.geometrie_soort(owgraaf.lees(pakket.bestanden), {}, {TWEEDE_GEOMETRIE}) == []


def test_only_a_geometry_reference_of_a_locatie_is_held_to_its_kind() -> None:
    anders = (_v("l1", "Lijn", "x", "LocatieRef", "g1"), _v("a1", "Activiteit", "geometrie", "GeometrieRef", "g2"))
    assert ozonregels.geometrie_soort(_graaf(verwijzingen=anders), {"g1": "vlak", "g2": "vlak"}, set()) == []


def test_presence_asks_a_referrer_of_the_right_kind_for_a_new_object_only() -> None:
    onder = _v("a2", "Activiteit", "bovenliggendeActiviteit", "ActiviteitRef", "a1")  # an activity is no regel
    regel = _v("r1", "RegelVoorIedereen", "activiteitaanduiding", "ActiviteitRef", "a3")
    graaf = _graaf(_obj("Activiteit", "a1"), _obj("Activiteit", "a2"), _obj("Activiteit", "a3"),
                   _obj("Divisie", "d1"), verwijzingen=(onder, regel))  # fmt: skip
    assert _teksten(ozonregels.aanwezig(graaf, {"a2"})) == [
        ("OZON0017", "geen RegelVoorIedereen verwijst naar a1"),
        ("OZON0090", "geen Tekstdeel verwijst naar d1"),
    ]
    eisen = ozonregels.aanwezig_eisen()
    assert eisen["OZON0026"] == (frozenset({"Omgevingsnorm"}), frozenset({"RegelVoorIedereen", "Instructieregel"}))
    assert eisen["OZON0022"][1] == {"RegelVoorIedereen", "Omgevingswaarderegel", "Instructieregel", "Tekstdeel"}
    (m,) = ozonregels.aanwezig(_graaf(_obj("Kaart", "k1")), set())
    assert _teksten([m]) == [("OZON0027", "geen RegelVoorIedereen of Tekstdeel verwijst naar k1")]


def test_a_normwaarde_holds_exactly_one_value() -> None:
    leeg, twee = _obj("Normwaarde", "n0"), _obj("Normwaarde", "n2", kwalitatieveWaarde=["x"], kwantitatieveWaarde=["5"])
    een = _obj("Normwaarde", "n1", waardeInRegeltekst=["waarde staat in regeltekst"])
    assert _teksten(ozonregels.algemeen(_graaf(leeg, een, twee))) == [
        ("OZON0097", "n0: 0 waarden"),
        ("OZON0097", "n2: 2 waarden"),
    ]


def test_the_manifest_names_a_regeling_and_doel_of_the_besluit() -> None:
    from chain_tests.standards.ow import ManifestOw

    besluit = owgraaf.Besluit("/join/id/stop/regelingtype_003", {}, False, frozenset({"/akn/r"}),
                              frozenset({("d1", "/akn/r")}))  # fmt: skip
    goed = ManifestOw("/akn/r", "d1", {})
    assert ozonregels.besluit_regels(besluit, goed) == []
    assert ozonregels.besluit_regels(besluit, None) == []
    assert _teksten(ozonregels.besluit_regels(besluit, ManifestOw("/akn/x", "d2", {}))) == [
        ("OZON2140", "WorkIDRegeling /akn/x")
    ]
    assert _teksten(ozonregels.besluit_regels(besluit, ManifestOw("/akn/r", "d2", {}))) == [
        ("OZON2210", "doel d2, regeling /akn/r")
    ]
    vreemd = owgraaf.Besluit("/join/id/stop/regelingtype_099", {}, False, frozenset({"/akn/r"}))
    assert _teksten(ozonregels.besluit_regels(vreemd, None)) == [("OZON1020", "/join/id/stop/regelingtype_099")]
    geen = owgraaf.Besluit("", {}, False, frozenset({"/akn/r"}))
    assert _teksten(ozonregels.besluit_regels(geen, None)) == [("OZON1020", "(geen)")]
    assert [m.code for m in ozonregels.besluit_regels(owgraaf.Besluit("x", {}), goed)] == ["OZON1022"]


def test_an_ontwerpbesluit_has_the_steps_of_its_own_waardelijst() -> None:
    stap = "/join/id/stop/procedure/stap_"
    ontwerp = owgraaf.Besluit("/join/id/stop/regelingtype_003", {}, True, frozenset({"/akn/r"}),
                              stappen=(stap + "014", stap + "015"), met_procedureverloop=True)  # fmt: skip
    assert _teksten(ozonregels.besluit_regels(ontwerp, None)) == [("OZON1039", stap + "015")]
    definitief = owgraaf.Besluit("/join/id/stop/regelingtype_003", {}, False, frozenset({"/akn/r"}),
                                 stappen=(stap + "014", stap + "015"))  # fmt: skip
    assert _teksten(ozonregels.besluit_regels(definitief, None)) == [("OZON1046", stap + "014")]


def test_an_ontwerpbesluit_without_procedureverloop_is_ozon1043_a_definitive_one_is_not(pakket: Pakket) -> None:
    ontwerp = dataclasses.replace(_OZON_BESLUIT, ontwerp=True, expressie="/akn/nl/bill/x/2026/b/nld@1")
    assert _teksten(ozonregels.besluit_regels(ontwerp, None)) == [("OZON1043", "/akn/nl/bill/x/2026/b/nld@1")]
    assert ozonregels.besluit_regels(dataclasses.replace(ontwerp, met_procedureverloop=True), None) == []
    assert ozonregels.besluit_regels(dataclasses.replace(ontwerp, ontwerp=False), None) == []
    besluit = owgraaf.lees_besluit(pakket.bestanden)
    assert besluit is not None and besluit.met_procedureverloop
    zonder = pakket.zonder(BESLUIT, "Procedureverloop")
    besluit = owgraaf.lees_besluit(zonder.bestanden)
    assert besluit is not None and not besluit.met_procedureverloop


_OZON_BESLUIT = owgraaf.Besluit("/join/id/stop/regelingtype_003", {}, False, frozenset({"/akn/r"}))


def _ozon_met(*eerder: owgraaf.Besluit) -> OzonMock:
    ozon = OzonMock(HandmatigeKlok(), Tijden(), "lvbb", rtr_client=lambda: None)  # type: ignore[arg-type,return-value]
    for b in eerder:
        ozon.besluiten.add(b.expressie)
        if b.ontwerp:
            ozon.ontwerpversies |= b.regelingversies
    return ozon


def test_an_ontwerpregeling_set_by_an_earlier_ontwerp_is_ozon1038() -> None:
    eerste = dataclasses.replace(
        _OZON_BESLUIT, ontwerp=True, expressie="/akn/b1", regelingversies=frozenset({"/akn/r/nld@1"})
    )
    tweede = dataclasses.replace(eerste, expressie="/akn/b2")
    ozon = _ozon_met(eerste)
    assert _teksten(ozon._over_leveringen(tweede)) == [("OZON1038", "/akn/r/nld@1")]
    assert ozon._over_leveringen(dataclasses.replace(tweede, regelingversies=frozenset({"/akn/r/nld@2"}))) == []
    assert ozon._over_leveringen(dataclasses.replace(tweede, ontwerp=False)) == []
    assert _ozon_met(dataclasses.replace(eerste, ontwerp=False))._over_leveringen(tweede) == []


def test_ozon_remembers_the_regelingversies_of_ontwerpbesluiten_only(pakket: Pakket) -> None:
    ozon = _ozon_met()
    ozon.neem_tekst_op(pakket.bestanden)
    assert ozon.ontwerpversies == set()
    ozon.neem_tekst_op(pakket.vervang(BESLUIT, "proceduretype_definitief", "proceduretype_ontwerp").bestanden)
    assert ozon.ontwerpversies == {f"{REGELING}/nld@1"}


def test_an_ontwerpregeling_without_regelingsgebied_needs_one_ozon_holds() -> None:
    from chain_tests.standards import ow

    ontwerp = dataclasses.replace(_OZON_BESLUIT, ontwerp=True)
    ozon = _ozon_met()
    leeg = ow.OwLevering()
    assert _teksten(ozonstand.ontwerp_zonder_gebied(leeg, ontwerp, "/akn/r", ozon.publicaties)) == [
        ("OZON1041", "/akn/r")
    ]
    assert (
        ozonstand.ontwerp_zonder_gebied(leeg, dataclasses.replace(ontwerp, ontwerp=False), "/akn/r", ozon.publicaties)
        == []
    )
    assert ozonstand.ontwerp_zonder_gebied(leeg, None, "/akn/r", ozon.publicaties) == []
    met = ow.OwLevering(regelingsgebieden={"rg": ow.Regelingsgebied("rg", "g")})
    assert ozonstand.ontwerp_zonder_gebied(met, ontwerp, "/akn/r", ozon.publicaties) == []
    ozon.publicaties["/akn/r"] = None  # type: ignore[assignment]  # OZON holds the regeling (its content unread)
    assert ozonstand.ontwerp_zonder_gebied(leeg, ontwerp, "/akn/r", ozon.publicaties) == []


def test_a_groep_in_one_coordinate_reference_system_is_fine(pakket: Pakket) -> None:
    assert _groep_van_twee(pakket, "EPSG::28992").codes() == []


def _held(
    ozon: OzonMock, regeling: str, objecten: dict[str, tuple[str, str]], *refs: tuple[str, str], bg: str = ""
) -> None:
    """OZON holds ``regeling`` (of bevoegd gezag ``bg``) with ``objecten`` (id → type, wId) and the references
    ``refs``."""
    import datetime as dt

    from chain_tests.standards import ow
    from mocks.dso_lv.ozon import Publicatie

    ozon.publicaties[regeling] = Publicatie(regeling, "oin", "", ow.OwLevering(), {}, dt.datetime.now(dt.UTC),
                                            objecten=objecten, verwijzingen=frozenset(refs),
                                            eindverantwoordelijke=bg)  # fmt: skip


ANDER = "/akn/nl/act/pv30/2021/Ander"
PV30 = "/tooi/id/provincie/pv30"


def test_an_object_of_a_regeling_the_besluit_does_not_change_is_ozon0352(pakket: Pakket) -> None:
    graaf, besluit = owgraaf.lees(pakket.bestanden), owgraaf.lees_besluit(pakket.bestanden)
    assert besluit is not None
    ozon = _ozon_met()
    _held(ozon, ANDER, {GEBIED: ("Gebied", "")}, bg=besluit.eindverantwoordelijke)
    assert _teksten(ozonstand.andere_regelingen(graaf, besluit, ozon.publicaties)) == [
        ("OZON0352", f"{GEBIED} hoort bij {ANDER}")
    ]
    assert (
        ozonstand.andere_regelingen(
            graaf, dataclasses.replace(besluit, regelingen=frozenset({ANDER})), ozon.publicaties
        )
        == []
    )
    assert ozonstand.andere_regelingen(graaf, None, ozon.publicaties) == []


def test_a_reference_to_another_bevoegd_gezags_object_is_ozon0353_an_activitys_parent_is_not(pakket: Pakket) -> None:
    p = pakket.vervang("owRegelingsgebied.xml", f'"{GEBIED}"', f'"{ONBEKEND}"')
    graaf, besluit = owgraaf.lees(p.bestanden), owgraaf.lees_besluit(p.bestanden)
    assert besluit is not None
    ozon = _ozon_met()
    _held(ozon, ANDER, {ONBEKEND: ("Gebied", ""), TOP: ("Activiteit", "")}, bg=PV30)
    ((code, detail),) = _teksten(ozonstand.andere_regelingen(graaf, besluit, ozon.publicaties))
    assert code == "OZON0353" and detail.endswith(f" → {ONBEKEND} ({PV30})")
    _held(ozon, ANDER, {ONBEKEND: ("Gebied", ""), TOP: ("Activiteit", "")}, bg=besluit.eindverantwoordelijke)
    assert ozonstand.andere_regelingen(graaf, besluit, ozon.publicaties) == []
    _held(ozon, ANDER, {ONBEKEND: ("Gebied", "")})  # a bevoegd gezag OZON does not know: not compared
    assert ozonstand.andere_regelingen(graaf, besluit, ozon.publicaties) == []
    zonder = dataclasses.replace(besluit, eindverantwoordelijke="")
    _held(ozon, ANDER, {ONBEKEND: ("Gebied", "")}, bg=PV30)
    assert ozonstand.andere_regelingen(graaf, zonder, ozon.publicaties) == []


def test_a_divisietekst_another_regeling_holds_is_ozon0219_and_its_own_on_another_wid_ozon0211(pakket: Pakket) -> None:
    p = pakket.alleen_locaties().soort("OVi")
    p.voeg_toe(VERBODEN["Divisietekst"](p, ""), bestand=LOC)
    graaf = owgraaf.lees(p.bestanden)
    ident = "nl.imow-gm9920.divisietekst.d1"
    ozon = _ozon_met()
    assert ozonstand.tekstdelen(graaf, REGELING, ozon.publicaties) == []
    _held(ozon, "/akn/nl/act/gm9920/2021/Ander", {ident: ("Divisietekst", "gm9920_1__content_o_9")})
    assert _teksten(ozonstand.tekstdelen(graaf, REGELING, ozon.publicaties)) == [("OZON0219", f"al in OZON: {ident}")]
    assert ozonstand.tekstdelen(graaf, "/akn/nl/act/gm9920/2021/Ander", ozon.publicaties) == []  # its own: the same wId
    _held(ozon, "/akn/nl/act/gm9920/2021/Ander", {ident: ("Divisietekst", "gm9920_1__content_o_8")})
    assert _teksten(ozonstand.tekstdelen(graaf, "/akn/nl/act/gm9920/2021/Ander", ozon.publicaties)) == [
        ("OZON0211", f"{ident}: was gm9920_1__content_o_8, nu gm9920_1__content_o_9")
    ]
    _held(ozon, "/akn/nl/act/gm9920/2021/Ander", {ident: ("Gebied", "")})  # not a tekstdeel there
    assert ozonstand.tekstdelen(graaf, REGELING, ozon.publicaties) == []


def test_ending_what_an_object_ozon_holds_refers_to_is_ozon0351(pakket: Pakket) -> None:
    """The Gebied ended while OZON's regel still points at it; delivered anew, the regel is the delivery's (0350)."""
    zonder_einde = owgraaf.lees(pakket.bestanden)
    p = pakket.vervang(LOC, "<l:identificatie>", EINDE + "<l:identificatie>")
    ozon = _ozon_met()
    regel = "nl.imow-gm9920.juridischeregel.elders"
    _held(ozon, "/akn/nl/act/gm9920/2021/Ander", {regel: ("RegelVoorIedereen", "")}, (regel, GEBIED), (regel, "x"))
    graaf = owgraaf.lees(p.bestanden)
    assert _teksten(ozonstand.verwezen(graaf, ozon.publicaties)) == [("OZON0351", f"{regel} → {GEBIED}")]
    assert ozonstand.verwezen(zonder_einde, ozon.publicaties) == []  # nothing ended
    graaf.objecten[regel] = owgraaf.OwObject("RegelVoorIedereen", regel, "f")
    assert ozonstand.verwezen(graaf, ozon.publicaties) == []


def test_ozon_keeps_what_each_object_refers_to_and_forgets_what_a_new_version_drops() -> None:
    from mocks.dso_lv.ozonstand import verwijzingen_na as _verwijzingen_na

    graaf = owgraaf.OwGraaf({"a": owgraaf.OwObject("Gebied", "a", "f")}, [_v("a", "Gebied", "x", "GebiedRef", "c")])
    assert _verwijzingen_na(frozenset({("a", "b"), ("d", "b")}), graaf) == {("a", "c"), ("d", "b")}


def test_an_ambtsgebied_is_valid_on_a_date() -> None:
    goed, fout = _obj("Ambtsgebied", "a1", geldigOp=["2026-01-01"]), _obj("Ambtsgebied", "a2", geldigOp=["morgen"])
    assert _teksten(ozonregels.algemeen(_graaf(goed, fout, _obj("Ambtsgebied", "a3")))) == [
        ("OZON0123", "a2: geldigOp morgen"),
        ("OZON0123", "a3: geldigOp (geen)"),
    ]


def test_the_presence_table_and_the_matrix_texts_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    eisen = ozonregels.aanwezig_eisen()
    assert {c: next(iter(s)) for c, (s, _) in eisen.items() if c != "OZON0090"} == ozonregels.AANWEZIG
    ozonregels.aanwezig_eisen.cache_clear()
    monkeypatch.setitem(ozonregels.AANWEZIG, "OZON0017", "Gebied")
    with pytest.raises(ValueError, match="AANWEZIG"):
        ozonregels.aanwezig_eisen()
    monkeypatch.undo()
    ozonregels.aanwezig_eisen.cache_clear()


def test_the_regelings_bevoegd_gezag_is_its_own_metadatas_before_the_besluits(pakket: Pakket) -> None:
    p = pakket.vervang(BESLUIT, "<eindverantwoordelijke>/tooi/id/gemeente/gm9920<",
                       "<eindverantwoordelijke>/tooi/id/gemeente/gm0001<")  # fmt: skip  # the first: BesluitMetadata
    besluit = owgraaf.lees_besluit(p.bestanden)
    assert besluit is not None and besluit.eindverantwoordelijke == "/tooi/id/gemeente/gm9920"
    besluit = owgraaf.lees_besluit(p.zonder(BESLUIT, "RegelingMetadata").bestanden)
    assert besluit is not None and besluit.eindverantwoordelijke == "/tooi/id/gemeente/gm0001"


# -- waardelijsten (our own small file in Geonovum's shape: tests/data/waardelijsten-test.json) -----------------
def _lijsten() -> Waardelijsten:
    from tests.bouwstenen import TESTWAARDELIJSTEN

    return waardelijsten.lees(TESTWAARDELIJSTEN.read_bytes())


#: the matrix's waardelijst rules on a field, each a row of ozonwaarden.WAARDELIJST (OZON0080: the groep's list)
WAARDELIJST_CODES = ["OZON0070", "OZON0071", "OZON0072", "OZON0073", "OZON0074", "OZON0075", "OZON0076", "OZON0077",
                     "OZON0078", "OZON0079", "OZON0113", "OZON0114", "OZON0115", "OZON0116", "OZON0117", "OZON0118",
                     "OZON0119", "OZON0120", "OZON0203"]  # fmt: skip


def test_the_waardelijst_table_is_the_matrixs() -> None:
    """Every rule once, each on the object and field its matrix text names (an activity's groep, a norm's groep
    named by the list; a RegelVoorIedereen's activiteitregelkwalificatie sits on its ActiviteitLocatieaanduiding)."""
    assert sorted(code for code, _ in ozonwaarden.WAARDELIJST.values()) == WAARDELIJST_CODES
    for (soort, veld), (code, _) in ozonwaarden.WAARDELIJST.items():
        tekst = regels()[code].beschrijving
        assert f"{soort if soort != 'ActiviteitLocatieaanduiding' else 'RegelVoorIedereen'}.{veld}" in tekst or (
            code in ("OZON0073", "OZON0074")), tekst  # fmt: skip


@pytest.mark.parametrize(("sleutel", "regel"), sorted(ozonwaarden.WAARDELIJST.items()), ids=lambda x: str(x))
def test_each_field_takes_a_value_of_its_waardelijst(sleutel: tuple[str, str], regel: tuple[str, str]) -> None:
    (soort, veld), (code, lijst) = sleutel, regel
    lijsten = _lijsten()
    goed = next(iter(lijsten.lijsten[lijst]))
    assert ozonwaarden.waardelijsten(_graaf(_obj(soort, "o1", **{veld: [goed]})), lijsten) == []
    fout = f"{STANDAARD}/{lijst.replace(' ', '')}/id/concept/Onbekend"
    assert _teksten(ozonwaarden.waardelijsten(_graaf(_obj(soort, "o1", **{veld: [goed, fout]})), lijsten)) == [
        (code, f"o1: {fout} staat niet in de waardelijst {lijst} (test-1)")
    ]
    assert ozonwaarden.waardelijsten(_graaf(_obj(soort, "o1", **{veld: [fout]})), None) == []  # none configured


def test_a_deprecated_value_is_a_warning() -> None:
    vervallen = f"{STANDAARD}/activiteitregelkwalificatie/id/concept/Vervallen"
    (m,) = ozonwaarden.waardelijsten(_graaf(_obj("ActiviteitLocatieaanduiding", "a", activiteitregelkwalificatie=[
        vervallen])), _lijsten())  # fmt: skip
    assert (m.code, m.ernst) == ("OZON0070", "waarschuwing")
    assert m.beschrijving.endswith(
        f"(a: {vervallen} is vervallen in de waardelijst activiteitregelkwalificatie (test-1))"
    )


@pytest.mark.parametrize(
    ("type_", "groep", "codes"),
    [("Functie", "functie/id/concept/Bedrijf", []), ("Functie", "functie/id/concept/Onbekend", ["OZON0080"]),
     ("RuimtelijkGebruik", "ruimtelijkgebruik/id/concept/Wonen", []),
     ("RuimtelijkGebruik", "functie/id/concept/Bedrijf", ["OZON0080"]),
     ("Onbekend", "functie/id/concept/Bedrijf", ["OZON0076"])],
)  # fmt: skip
def test_a_gebiedsaanwijzings_groep_comes_from_the_list_of_its_type(type_: str, groep: str, codes: list[str]) -> None:
    ga = _obj("Gebiedsaanwijzing", "ga", type=[f"{STANDAARD}/typegebiedsaanwijzing/id/concept/{type_}"],
              groep=[f"{STANDAARD}/{groep}"])  # fmt: skip
    meldingen = ozonwaarden.waardelijsten(_graaf(ga), _lijsten())
    assert [m.code for m in meldingen] == codes
    if codes == ["OZON0080"]:
        lijst = "functiegroep" if type_ == "Functie" else "ruimtelijk gebruikgroep"
        assert meldingen[0].beschrijving.endswith(f"staat niet in de waardelijst {lijst} (test-1))")


@pytest.mark.parametrize(
    ("oud", "nieuw", "code"),
    [("activiteitregelkwalificatie/id/concept/Vergunningplicht", "activiteitregelkwalificatie/id/concept/Plicht",
      "OZON0070"), ("idealisatie/id/concept/Exact", "idealisatie/id/concept/Precies", "OZON0077")],
)  # fmt: skip
def test_the_real_package_holds_values_of_the_waardelijsten(
    pakket: Pakket, testwaardelijsten: Path, oud: str, nieuw: str, code: str
) -> None:
    assert pakket.codes() == []
    assert pakket.vervang(RT, oud, nieuw).codes() == [code]


def test_the_real_activitys_groep_is_of_the_activiteitengroep(pakket: Pakket, testwaardelijsten: Path) -> None:
    oud = "activiteit/id/concept/MilieubelastendeActiviteit"
    assert pakket.vervang("owActiviteiten.xml", oud, "activiteit/id/concept/Onbekend").codes() == ["OZON0073"]


# -- what the newer rules name (each value in its place) ---------------------------------------------------------
def test_the_bijlage_the_besluit_and_the_crs_rules_name_what_they_found(pakket: Pakket) -> None:
    wid = "gm9920_1__cmp_I__content_o_1"
    p = pakket.alleen_locaties().soort("OVi").voeg_toe(_divisie("Divisietekst", wid), bestand=LOC)
    (m,) = [m for m in p.meldingen() if m.code == "OZON2041"]
    assert m.beschrijving.endswith(f"(nl.imow-gm9920.divisietekst.d1: wId {wid} staat in een bijlage of toelichting)")
    besluit = dataclasses.replace(_OZON_BESLUIT, eindverantwoordelijke="/tooi/id/gemeente/9920")
    assert _teksten(ozonregels.besluit_regels(besluit, None)) == [("OZON1019", "/tooi/id/gemeente/9920")]
    g = _graaf(verwijzingen=(_v("groep", "Gebiedengroep", "groepselement", "GebiedRef", "a"),
                             _v("groep", "Gebiedengroep", "groepselement", "GebiedRef", "b"),
                             _v("a", "Gebied", "geometrie", "GeometrieRef", "ga"),
                             _v("b", "Gebied", "geometrie", "GeometrieRef", "gb")))  # fmt: skip
    assert _teksten(ozonregels.crs(g, {"ga": "EPSG::28992", "gb": "EPSG::4258"})) == [
        ("OZON0069", "groep: EPSG::28992, EPSG::4258")
    ]


def test_a_delivery_for_several_regelingen_names_the_file_the_object_and_the_regelingen() -> None:
    from mocks.dso_lv import ozonlevering

    g = _graaf(_obj("Gebied", "g"))
    g.voorkomens.extend([("g", "a.xml"), ("g", "b.xml"), ("h", "c.xml")])
    aanleveringen = [("/akn/r1", ("a.xml", "c.xml")), ("/akn/r2", ("b.xml", "c.xml"))]
    assert _teksten(ozonlevering.meerdere_regelingen(aanleveringen, g)) == [
        ("OZON4007", "c.xml: /akn/r1, /akn/r2"), ("OZON4008", "g: /akn/r1, /akn/r2")]  # fmt: skip


def test_a_gios_geboorteregeling_is_named_and_a_broken_gio_by_its_file(pakket: Pakket) -> None:
    from chain_tests.errors import OngeldigeInvoer
    from mocks.dso_lv import ozonlevering

    besluit = owgraaf.lees_besluit(pakket.bestanden)
    assert besluit is not None
    anders = pakket.vervang("Testeiland.xml", f">{REGELING}<", f">{REGELING}Anders<").bestanden
    (m,) = ozonlevering.geboorteregelingen(anders, besluit)
    assert m.beschrijving.endswith(f"(/join/id/regdata/gm9920/2021/Testeiland/nld@2021-08-25;1: {REGELING}Anders)")
    kapot = {"Kapot.xml": b"<AanleveringInformatieObject><niet-af"}
    with pytest.raises(OngeldigeInvoer, match=r"Kapot\.xml"):
        ozonlevering.geboorteregelingen(kapot, besluit)


def test_a_tekstdeel_keeps_no_wid_and_a_divisietekst_without_one_is_named_so(pakket: Pakket) -> None:
    ozon = _ozon_met()
    ident = "nl.imow-gm9920.divisietekst.d1"
    _held(ozon, REGELING, {ident: ("Divisietekst", ""), "td": ("Tekstdeel", "a")})
    kaal = _graaf(_obj("Divisietekst", ident), owgraaf.OwObject("Tekstdeel", "td", "f", "b"))
    assert ozonstand.tekstdelen(kaal, REGELING, ozon.publicaties) == []  # no wId then, none now; a Tekstdeel has none
    _held(ozon, REGELING, {ident: ("Divisietekst", "w")})
    assert _teksten(ozonstand.tekstdelen(kaal, REGELING, ozon.publicaties)) == [
        ("OZON0211", f"{ident}: was w, nu (geen)")
    ]


def test_every_reference_to_another_bevoegd_gezag_counts_and_a_regel_on_its_activity_too(pakket: Pakket) -> None:
    graaf, besluit = owgraaf.lees(pakket.bestanden), owgraaf.lees_besluit(pakket.bestanden)
    assert besluit is not None
    ozon = _ozon_met()
    _held(ozon, ANDER, {ACTIVITEIT: ("Activiteit", ""), GEBIED: ("Gebied", "")}, bg=PV30)
    graaf.verwijzingen.insert(0, _v("x", "RegelVoorIedereen", "locatieaanduiding", "LocatieRef", "onbekend"))
    codes = [m.code for m in ozonstand.andere_regelingen(graaf, dataclasses.replace(besluit, regelingen=frozenset({
        REGELING, ANDER})), ozon.publicaties)]  # fmt: skip
    # the regel's activiteitaanduiding to the provincie's activity, and each reference to its Gebied
    assert "OZON0352" not in codes and codes.count("OZON0353") >= 2
    assert any(v.naar == ACTIVITEIT and v.soort != "Activiteit" for v in graaf.verwijzingen)
    teksten = [m.beschrijving for m in ozonstand.andere_regelingen(graaf, dataclasses.replace(
        besluit, regelingen=frozenset({REGELING, ANDER})), ozon.publicaties)]  # fmt: skip
    assert any(f"→ {ACTIVITEIT} ({PV30})" in t for t in teksten)


def test_a_type_whose_groep_list_is_missing_leaves_the_groep_unchecked() -> None:
    lijsten = dataclasses.replace(_lijsten(), lijsten={**_lijsten().lijsten, "type gebiedsaanwijzing": {
        f"{STANDAARD}/typegebiedsaanwijzing/id/concept/Bodem": False}})  # fmt: skip
    ga = _obj("Gebiedsaanwijzing", "ga", type=[f"{STANDAARD}/typegebiedsaanwijzing/id/concept/Bodem"],
              groep=[f"{STANDAARD}/bodem/id/concept/Iets"])  # fmt: skip
    assert ozonwaarden.waardelijsten(_graaf(ga), lijsten) == []


# -- tijdelijke regelingdelen ------------------------------------------------------------------------------------
def test_a_tijdelijk_deel_needs_its_hoofdregeling_held_not_itself_a_deel_and_no_pons() -> None:
    deel = dataclasses.replace(
        _OZON_BESLUIT, regelingen=frozenset({"/akn/deel"}), tijdelijk=(("/akn/deel", "/akn/hoofd"),)
    )
    pons = _graaf(_obj("Pons", "p1"))
    assert _teksten(ozonstand.tijdelijke_delen(pons, deel, {}, set())) == [
        ("OZON1032", "/akn/deel: /akn/hoofd"), ("OZON1037", "p1")]  # fmt: skip
    assert ozonstand.tijdelijke_delen(_graaf(), deel, {}, {"/akn/hoofd"}) == []
    samen = dataclasses.replace(deel, regelingen=frozenset({"/akn/deel", "/akn/hoofd"}))
    assert ozonstand.tijdelijke_delen(_graaf(), samen, {}, set()) == []  # delivered with its hoofdregeling
    assert _teksten(ozonstand.tijdelijke_delen(_graaf(), deel, {"/akn/hoofd": "/akn/x"}, {"/akn/hoofd"})) == [
        ("OZON1036", "/akn/deel: /akn/hoofd is zelf een tijdelijk deel")
    ]
    assert ozonstand.tijdelijke_delen(pons, _OZON_BESLUIT, {}, set()) == []  # a Pons in a regeling of its own
    assert ozonstand.tijdelijke_delen(pons, None, {}, set()) == []
    zonder = dataclasses.replace(deel, tijdelijk=(("/akn/deel", ""),))
    assert _teksten(ozonstand.tijdelijke_delen(_graaf(), zonder, {}, set())) == [("OZON1032", "/akn/deel: (geen)")]


def test_a_hoofdregeling_is_not_withdrawn_while_a_tijdelijk_deel_belongs_to_it() -> None:
    tijdelijk = {"/akn/deel": "/akn/hoofd", "/akn/ander": "/akn/elders"}
    intrekking = dataclasses.replace(_OZON_BESLUIT, intrekkingen=("/akn/hoofd",))
    assert _teksten(ozonstand.tijdelijke_delen(_graaf(), intrekking, tijdelijk, {"/akn/hoofd"})) == [
        ("OZON1033", "/akn/hoofd: /akn/deel")
    ]
    beide = dataclasses.replace(intrekking, intrekkingen=("/akn/hoofd", "/akn/deel"))
    assert ozonstand.tijdelijke_delen(_graaf(), beide, tijdelijk, {"/akn/hoofd"}) == []


def test_ozon_reads_and_remembers_each_tijdelijk_deel(pakket: Pakket) -> None:
    deel = (f"<soortWork>/join/id/stop/work_019</soortWork><isTijdelijkDeelVan><WorkIdentificatie><FRBRWork>"
            f"{REGELING}Hoofd</FRBRWork></WorkIdentificatie></isTijdelijkDeelVan>")  # fmt: skip
    p = pakket.vervang(BESLUIT, "<soortWork>/join/id/stop/work_019</soortWork>", deel)
    besluit = owgraaf.lees_besluit(p.bestanden)
    assert besluit is not None and besluit.tijdelijk == ((REGELING, f"{REGELING}Hoofd"),)
    assert "OZON1032" in p.codes()  # a hoofdregeling OZON does not hold
    ozon = _ozon_met()
    ozon.neem_tekst_op(p.bestanden)
    assert ozon.tijdelijk == {REGELING: f"{REGELING}Hoofd"}
