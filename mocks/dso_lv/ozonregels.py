"""OZON's generic rules from the validatiematrix, on the graph of every OW object in a delivery
(:mod:`chain_tests.standards.owgraaf`) plus what OZON already holds:

- *verwijzing.moetbestaan*: each reference resolves to an object of the type its element names, in the
  delivery or in OZON (the rule's own code per object type and element; OZON0109 where the matrix has none),
  and the references an object must have are there (a juridische regel's locaties and regeltekst, a
  groep's leden, …); a Regeltekst is some juridische regel's text (OZON0102); each delivered geometry is a
  locatie's (OZON0086); a Regeltekst's wId is an Artikel or Lid of the besluit (OZON2000), a Divisie's a
  Divisie (OZON2040).
- *verwijzing.moetuniekzijn* and *magnietbestaan*: an object refers to the same target (or holds the same
  object), or names the same thema/instrument, once; no activity above or related to itself (OZON0083,
  0085); one kind of juridische regel per Regeltekst (0098–0100).
- *algemeen*: at most one Pons (0104), a status only 'beëindigen' (0122), an identificatie naming the
  object's own type (5001), an Instructieregel with an instrument or taakuitoefening (5002), one kind of
  normwaarde per norm (5003) and a kwantitatieve one where it has an eenheid (5004), a Tekstdeel with a
  locatie and an idealisatie (5005), a geometry in one locatie only (0370), a reference whose identificatie
  names what it refers to (0222–0225), a procedurestatus as the besluit's procedure asks (0126, 0127), an
  owBestand that lists the object types it holds and only known ones (0010, 0013).
- *bevoegd_gezag*: a gemeente's (provincie's, waterschap's) activity hangs under one of its own organisation
  (0213–0215) or, for at most one of them, under another kind's (0206–0208), and then under the Rijk's
  'activiteit in omgevingsplan' (RTRG0016).
- *geometrie*: a Lijn's geometry a line, a Punt's a point, a Gebied's a surface (0129–0131), a Lijn's or
  Punt's present (0067, 0068); a groep's geometries in one coordinate reference system (0069).
- *beëindigen*: an object ended must be known to OZON (4001) and nothing delivered may still refer to it (0350);
  an ontwerpbesluit that withdraws a regeling ends each object delivered (4011) and each OZON holds (4012).
- *waardelijst*: each field's value in its IMOW waardelijst, when one is configured (0070–0080, 0113–0120, 0203;
  a deprecated value a waarschuwing).
- *Mag niet voorkomen*: an object type (a gebiedsaanwijzing of a type) that a soort regeling may not hold;
  which soorten is read from the rule's own text in the matrix, so table and matrix cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache

from chain_tests.standards.kennisgeving import STAPPEN_DEFINITIEF, STAPPEN_ONTWERP
from chain_tests.standards.meldingcodes import CodeMelding, melding, regel, rijen
from chain_tests.standards.ow import ManifestOw
from chain_tests.standards.owgraaf import SOORTEN_REGELING, Besluit, OwGraaf, Verwijzing

#: how a bevoegd gezag ends (OZON1019): its kind, a slash and its organisation code (gm0037, pv30, ws0155, mnre1034)
BEVOEGD_GEZAG = re.compile(r"/(ministerie|provincie|gemeente|waterschap)/[a-z]+[0-9]+$")
LOCATIES = frozenset({"Gebied", "Lijn", "Punt", "Gebiedengroep", "Lijnengroep", "Puntengroep", "Ambtsgebied"})
JURIDISCH = ("RegelVoorIedereen", "Instructieregel", "Omgevingswaarderegel")
#: the object types a reference element may point to (IMOW 3.1.0); a reference element not named here may
#: point to any object, and GeometrieRef points into the GML (GEOMETRY.03.1)
DOEL: dict[str, frozenset[str]] = {
    "LocatieRef": LOCATIES,
    "GebiedRef": frozenset({"Gebied"}),
    "LijnRef": frozenset({"Lijn"}),
    "PuntRef": frozenset({"Punt"}),
    "ActiviteitRef": frozenset({"Activiteit"}),
    "RegeltekstRef": frozenset({"Regeltekst"}),
    "GebiedsaanwijzingRef": frozenset({"Gebiedsaanwijzing"}),
    "OmgevingsnormRef": frozenset({"Omgevingsnorm"}),
    "OmgevingswaardeRef": frozenset({"Omgevingswaarde"}),
    "KaartRef": frozenset({"Kaart"}),
    "DivisieRef": frozenset({"Divisie"}),
    "DivisietekstRef": frozenset({"Divisietekst"}),
    "HoofdlijnRef": frozenset({"Hoofdlijn"}),
    "ActiviteitLocatieaanduidingRef": frozenset({"ActiviteitLocatieaanduiding"}),
}
GEEN_OW = "GeometrieRef"

#: (object type, its element, reference element) → the code for a reference that does not exist
MOET_BESTAAN: dict[tuple[str, str, str], str] = {
    ("RegelVoorIedereen", "artikelOfLid", "RegeltekstRef"): "OZON0033",
    ("Instructieregel", "artikelOfLid", "RegeltekstRef"): "OZON0035",
    ("Omgevingswaarderegel", "artikelOfLid", "RegeltekstRef"): "OZON0037",
    ("RegelVoorIedereen", "activiteitaanduiding", "ActiviteitRef"): "OZON0038",
    ("RegelVoorIedereen", "gebiedsaanwijzing", "GebiedsaanwijzingRef"): "OZON0040",
    ("Instructieregel", "gebiedsaanwijzing", "GebiedsaanwijzingRef"): "OZON0041",
    ("RegelVoorIedereen", "omgevingsnormaanduiding", "OmgevingsnormRef"): "OZON0042",
    ("Instructieregel", "omgevingsnormaanduiding", "OmgevingsnormRef"): "OZON0043",
    ("Omgevingswaarderegel", "omgevingswaardeaanduiding", "OmgevingswaardeRef"): "OZON0044",
    ("RegelVoorIedereen", "locatieaanduiding", "LocatieRef"): "OZON0045",
    ("Instructieregel", "locatieaanduiding", "LocatieRef"): "OZON0046",
    ("Omgevingswaarderegel", "locatieaanduiding", "LocatieRef"): "OZON0047",
    ("Gebiedengroep", "groepselement", "GebiedRef"): "OZON0053",
    ("Lijnengroep", "groepselement", "LijnRef"): "OZON0059",
    ("Puntengroep", "groepselement", "PuntRef"): "OZON0065",
    ("Activiteit", "bovenliggendeActiviteit", "ActiviteitRef"): "OZON0082",
    ("Activiteit", "gerelateerdeActiviteit", "ActiviteitRef"): "OZON0084",
    ("RegelVoorIedereen", "kaartaanduiding", "KaartRef"): "OZON0088",
    ("Tekstdeel", "kaartaanduiding", "KaartRef"): "OZON0089",
    ("Tekstdeel", "divisieaanduiding", "DivisieRef"): "OZON0092",
    ("Tekstdeel", "divisieaanduiding", "DivisietekstRef"): "OZON0092",
    ("Tekstdeel", "gebiedsaanwijzing", "GebiedsaanwijzingRef"): "OZON0093",
    ("Tekstdeel", "hoofdlijnaanduiding", "HoofdlijnRef"): "OZON0094",
    ("Gebiedsaanwijzing", "locatieaanduiding", "LocatieRef"): "OZON0096",
    ("Normwaarde", "locatieaanduiding", "LocatieRef"): "OZON0101",
    ("ActiviteitLocatieaanduiding", "locatieaanduiding", "LocatieRef"): "OZON0121",
    ("Tekstdeel", "locatieaanduiding", "LocatieRef"): "OZON0204",
    ("Pons", "locatieaanduiding", "LocatieRef"): "OZON0217",
    ("Regelingsgebied", "locatieaanduiding", "LocatieRef"): "OZON0124",
    ("Kaartlaag", "activiteitlocatieweergave", "ActiviteitLocatieaanduidingRef"): "OZON0349",
    ("Kaartlaag", "normweergave", "OmgevingsnormRef"): "OZON0349",
    ("Kaartlaag", "normweergave", "OmgevingswaardeRef"): "OZON0349",
    ("Kaartlaag", "gebiedsaanwijzingweergave", "GebiedsaanwijzingRef"): "OZON0349",
}
#: every reference not in MOET_BESTAAN: "OW-informatie waar naar verwezen wordt … moet bestaan"
ALGEMEEN = "OZON0109"

#: (object type, reference element) an object of that type must have at least once → the code
VERPLICHT: dict[tuple[str, str], str] = {
    ("RegelVoorIedereen", "RegeltekstRef"): "OZON0033",
    ("Instructieregel", "RegeltekstRef"): "OZON0035",
    ("Omgevingswaarderegel", "RegeltekstRef"): "OZON0037",
    ("RegelVoorIedereen", "LocatieRef"): "OZON0045",
    ("Instructieregel", "LocatieRef"): "OZON0046",
    ("Omgevingswaarderegel", "LocatieRef"): "OZON0047",
    ("Gebiedengroep", "GebiedRef"): "OZON0053",
    ("Lijnengroep", "LijnRef"): "OZON0059",
    ("Puntengroep", "PuntRef"): "OZON0065",
    ("Gebiedsaanwijzing", "LocatieRef"): "OZON0096",
    ("Normwaarde", "LocatieRef"): "OZON0101",
    ("ActiviteitLocatieaanduiding", "LocatieRef"): "OZON0121",
}

#: (object type, its element, reference element) that may name the same target only once → the code
UNIEK_VERWIJZING: dict[tuple[str, str, str], str] = {
    ("ActiviteitLocatieaanduiding", "locatieaanduiding", "LocatieRef"): "OZON0369",
    ("Activiteit", "gerelateerdeActiviteit", "ActiviteitRef"): "OZON0371",
    ("Gebiedengroep", "groepselement", "GebiedRef"): "OZON0372",
    ("Lijnengroep", "groepselement", "LijnRef"): "OZON0373",
    ("Puntengroep", "groepselement", "PuntRef"): "OZON0374",
    ("Kaartlaag", "activiteitlocatieweergave", "ActiviteitLocatieaanduidingRef"): "OZON0376",
    ("Kaartlaag", "normweergave", "OmgevingsnormRef"): "OZON0377",
    ("Kaartlaag", "gebiedsaanwijzingweergave", "GebiedsaanwijzingRef"): "OZON0378",
    ("Normwaarde", "locatieaanduiding", "LocatieRef"): "OZON0385",
    ("RegelVoorIedereen", "locatieaanduiding", "LocatieRef"): "OZON0320",
    ("Omgevingswaarderegel", "locatieaanduiding", "LocatieRef"): "OZON0321",
    ("Instructieregel", "locatieaanduiding", "LocatieRef"): "OZON0322",
    ("RegelVoorIedereen", "omgevingsnormaanduiding", "OmgevingsnormRef"): "OZON0324",
    ("RegelVoorIedereen", "omgevingswaardeaanduiding", "OmgevingswaardeRef"): "OZON0325",
    ("RegelVoorIedereen", "gebiedsaanwijzing", "GebiedsaanwijzingRef"): "OZON0326",
    ("Omgevingswaarderegel", "gebiedsaanwijzing", "GebiedsaanwijzingRef"): "OZON0327",
    ("Instructieregel", "gebiedsaanwijzing", "GebiedsaanwijzingRef"): "OZON0328",
    ("Instructieregel", "omgevingsnormaanduiding", "OmgevingsnormRef"): "OZON0329",
    ("Gebiedsaanwijzing", "locatieaanduiding", "LocatieRef"): "OZON0331",
    ("Tekstdeel", "hoofdlijnaanduiding", "HoofdlijnRef"): "OZON0340",
    ("Tekstdeel", "locatieaanduiding", "LocatieRef"): "OZON0341",
    ("Tekstdeel", "gebiedsaanwijzing", "GebiedsaanwijzingRef"): "OZON0342",
    ("RegelVoorIedereen", "kaartaanduiding", "KaartRef"): "OZON0343",
    ("Omgevingswaarderegel", "kaartaanduiding", "KaartRef"): "OZON0344",
    ("Instructieregel", "kaartaanduiding", "KaartRef"): "OZON0345",
    ("Tekstdeel", "kaartaanduiding", "KaartRef"): "OZON0346",
    ("RegelVoorIedereen", "activiteitaanduiding", "ActiviteitLocatieaanduiding"): "OZON0348",
    ("Kaart", "kaartlagen", "Kaartlaag"): "OZON0375",
    ("Omgevingsnorm", "normwaarde", "Normwaarde"): "OZON0384",
    ("Omgevingswaarde", "normwaarde", "Normwaarde"): "OZON0384",
}
#: (object type, value element) that may hold the same value only once → the code
UNIEK_WAARDE: dict[tuple[str, str], str] = {
    ("RegelVoorIedereen", "thema"): "OZON0379",
    ("Instructieregel", "thema"): "OZON0380",
    ("Omgevingswaarderegel", "thema"): "OZON0381",
    ("Instructieregel", "instructieregelInstrument"): "OZON0382",
    ("Instructieregel", "instructieregelTaakuitoefening"): "OZON0383",
}

#: (object type, for a Gebiedsaanwijzing its type) a soort regeling may not hold → the code; which soorten
#: comes from the rule's own text (:func:`verboden_soorten`), which must name the same object type
NIET_TOEGESTAAN: dict[tuple[str, str | None], str] = {
    ("Regeltekst", None): "OZON6000",
    ("RegelVoorIedereen", None): "OZON6001",
    ("Instructieregel", None): "OZON6002",
    ("Omgevingswaarderegel", None): "OZON6003",
    ("Divisie", None): "OZON6004",
    ("Divisietekst", None): "OZON6005",
    ("Tekstdeel", None): "OZON6006",
    ("Hoofdlijn", None): "OZON6007",
    ("Activiteit", None): "OZON6008",
    ("ActiviteitLocatieaanduiding", None): "OZON6008",  # the matrix lists OZON6008 twice
    ("Omgevingswaarde", None): "OZON6009",
    ("Omgevingsnorm", None): "OZON6010",
    ("Kaart", None): "OZON6011",
    ("Kaartlaag", None): "OZON6012",
    ("SymbolisatieItem", None): "OZON6013",
    ("Pons", None): "OZON6014",
    ("Gebiedsaanwijzing", "Beperkingengebied"): "OZON6033",
    ("Gebiedsaanwijzing", "Bodem"): "OZON6034",
    ("Gebiedsaanwijzing", "Bouw"): "OZON6035",
    ("Gebiedsaanwijzing", "Defensie"): "OZON6036",
    ("Gebiedsaanwijzing", "Energievoorziening"): "OZON6037",
    ("Gebiedsaanwijzing", "Erfgoed"): "OZON6038",
    ("Gebiedsaanwijzing", "Externe veiligheid"): "OZON6039",
    ("Gebiedsaanwijzing", "Functie"): "OZON6040",
    ("Gebiedsaanwijzing", "Geluid"): "OZON6041",
    ("Gebiedsaanwijzing", "Geur"): "OZON6042",
    ("Gebiedsaanwijzing", "Landschap"): "OZON6043",
    ("Gebiedsaanwijzing", "Leiding"): "OZON6044",
    ("Gebiedsaanwijzing", "Lucht"): "OZON6045",
    ("Gebiedsaanwijzing", "Mijnbouw"): "OZON6046",
    ("Gebiedsaanwijzing", "Natuur"): "OZON6047",
    ("Gebiedsaanwijzing", "Recreatie"): "OZON6048",
    ("Gebiedsaanwijzing", "Ruimtelijk gebruik"): "OZON6049",
    ("Gebiedsaanwijzing", "Verkeer"): "OZON6050",
    ("Gebiedsaanwijzing", "Water en watersysteem"): "OZON6051",
}
_NIET_IN = re.compile(r"Een (\w+)(?: van het type: (.+?))? mag niet voorkomen in de volgende regelingen: (.+?)\.?$")


@cache
def verboden_soorten() -> dict[tuple[str, str | None], tuple[str, frozenset[str]]]:
    """(object type, gebiedsaanwijzing type) → (code, the soort regeling uris it may not occur in), the soorten
    read from the texts of the matrix's *Mag niet voorkomen* rules. A text about another object type than
    :data:`NIET_TOEGESTAAN` gives its code is refused: the table and the matrix disagree."""
    uit: dict[tuple[str, str | None], tuple[str, frozenset[str]]] = {}
    for r in rijen():
        m = _NIET_IN.search(r.beschrijving) if r.categorie == "Mag niet voorkomen" else None
        if m is None:
            continue
        sleutel = (m[1], m[2])
        if NIET_TOEGESTAAN.get(sleutel) != r.code:
            raise ValueError(f"{r.code} gaat in de validatiematrix over {sleutel}, NIET_TOEGESTAAN zegt iets anders")
        uit[sleutel] = (r.code, frozenset(SOORTEN_REGELING[n.strip()] for n in m[3].split(",")))
    return uit


def _laatste(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


def _gelijk(naam: str, uri: str) -> bool:
    """A gebiedsaanwijzing type by its matrix name ('Externe veiligheid') against the waardelijst uri's last
    part ('ExterneVeiligheid')."""
    return naam.replace(" ", "").lower() == _laatste(uri).lower()


# -- verwijzing.moetbestaan -----------------------------------------------------------------------------------
def _bestaat(v: Verwijzing, graaf: OwGraaf, bekend: set[str]) -> bool:
    doel = graaf.objecten.get(v.naar)
    if doel is None:
        return v.naar in bekend
    return v.ref not in DOEL or doel.soort in DOEL[v.ref]


def _niet_gevonden(v: Verwijzing, graaf: OwGraaf) -> str:
    doel = graaf.objecten.get(v.naar)
    if doel is None:
        return f"{v.van} verwijst via {v.via} naar {v.naar}, dat niet bestaat"
    return f"{v.van} verwijst via {v.via} met een {v.ref} naar {v.naar}, een {doel.soort}"


def bestaan(graaf: OwGraaf, bekend: set[str]) -> list[CodeMelding]:
    """Each reference resolves, each object has the references it must have."""
    meldingen = [
        melding(MOET_BESTAAN.get((v.soort, v.via, v.ref), ALGEMEEN), detail=_niet_gevonden(v, graaf))
        for v in dict.fromkeys(graaf.verwijzingen)
        if v.ref != GEEN_OW and not _bestaat(v, graaf, bekend)
    ]
    heeft = {(v.van, v.ref) for v in graaf.verwijzingen}
    meldingen += [
        melding(code, detail=f"{o.id} verwijst naar geen {ref.removesuffix('Ref')}")
        for o in graaf.objecten.values()
        for (soort, ref), code in VERPLICHT.items()
        if o.soort == soort and (o.id, ref) not in heeft
    ]
    return meldingen


def regelteksten_zonder_regel(graaf: OwGraaf) -> list[CodeMelding]:
    """OZON0102: a Regeltekst that no juridische regel in the delivery names as its artikel or lid."""
    genoemd = {v.naar for v in graaf.verwijzingen if v.ref == "RegeltekstRef" and v.soort in JURIDISCH}
    return [
        melding("OZON0102", detail=f"geen juridische regel verwijst naar {t.id}")
        for t in graaf.van_soort("Regeltekst")
        if t.id not in genoemd
    ]


def geometrie_zonder_locatie(graaf: OwGraaf, geometrieen: Iterable[str]) -> list[CodeMelding]:
    """OZON0086: a geometry delivered in a GML that no locatie refers to."""
    genoemd = {v.naar for v in graaf.verwijzingen if v.ref == GEEN_OW}
    return [
        melding("OZON0086", detail=f"geen locatie verwijst naar geometrie {g}")
        for g in sorted(set(geometrieen) - genoemd)
    ]


def in_besluit(graaf: OwGraaf, besluit: Besluit) -> list[CodeMelding]:
    """OZON2000: a Regeltekst's wId is an Artikel or Lid of the besluit, an Artikel only when it has no Leden
    (OZON2060); OZON2040: a Divisie(tekst)'s wId is a Divisie(tekst) there; either in the regeling's Lichaam, not in
    a Bijlage or Toelichting (OZON2041)."""
    eisen = {"Regeltekst": ("OZON2000", {"Artikel", "Lid"}), "Divisie": ("OZON2040", {"Divisie", "Divisietekst"})}
    eisen["Divisietekst"] = eisen["Divisie"]
    meldingen = []
    for o in graaf.objecten.values():
        if o.soort not in eisen:
            continue
        code, soorten = eisen[o.soort]
        gevonden = besluit.wids.get(o.wid or "")
        if gevonden not in soorten:
            wat = f"een {gevonden}" if gevonden else "niet in het besluit"
            meldingen.append(melding(code, detail=f"{o.id}: wId {o.wid or '(geen)'} is {wat}"))
        elif o.wid in besluit.buiten_lichaam:
            meldingen.append(melding("OZON2041", detail=f"{o.id}: wId {o.wid} staat in een bijlage of toelichting"))
        elif o.wid in besluit.met_leden:
            meldingen.append(melding("OZON2060", detail=f"{o.id}: artikel {o.wid} heeft leden"))
    return meldingen


_AANWEZIG = re.compile(r"Er moet een (.+?) zijn die verwijst naar de (\w+)\.?$")
#: Divisie(tekst): the matrix words it the other way round ("moet verwijzen naar … Tekstdelen")
DIVISIE_TEKSTDEEL = "OZON0090"


#: the presence rules ketentest runs, by the object type each is about (the referrers come from the text)
AANWEZIG = {"OZON0017": "Activiteit", "OZON0022": "Gebiedsaanwijzing", "OZON0026": "Omgevingsnorm",
            "OZON0027": "Kaart", "OZON0030": "Omgevingswaarde"}  # fmt: skip


@cache
def aanwezig_eisen() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """code → (the object types, the types of which one must refer to such an object), read from the matrix;
    the matrix must word each rule of :data:`AANWEZIG` so, about its type, and no other rule."""
    uit = {
        r.code: (frozenset({m[2]}), frozenset(re.split(r", | of (?:een )?", m[1])))
        for r in rijen()
        if r.categorie == "verwijzing.moetbestaan" and (m := _AANWEZIG.match(r.beschrijving.strip()))
    }
    if {c: next(iter(soorten)) for c, (soorten, _) in uit.items()} != AANWEZIG:
        raise ValueError("de aanwezigheidsregels in de validatiematrix zijn andere dan AANWEZIG")
    uit[DIVISIE_TEKSTDEEL] = (frozenset({"Divisie", "Divisietekst"}), frozenset({"Tekstdeel"}))
    return uit


def aanwezig(graaf: OwGraaf, bekend: set[str]) -> list[CodeMelding]:
    """An object new to OZON that some kind of object must refer to: one in the delivery does (an object
    OZON held already may be referred to from what OZON holds)."""
    verwezen = {(v.soort, v.naar) for v in graaf.verwijzingen}
    meldingen = []
    for code, (soorten, van) in aanwezig_eisen().items():
        meldingen += [
            melding(code, detail=f"geen {' of '.join(sorted(van))} verwijst naar {o.id}")
            for o in graaf.objecten.values()
            if o.soort in soorten and o.id not in bekend and not any((s, o.id) in verwezen for s in van)
        ]
    return meldingen


# -- verwijzing.moetuniekzijn ---------------------------------------------------------------------------------
def uniek(graaf: OwGraaf) -> list[CodeMelding]:
    tellingen = Counter((v.soort, v.via, v.ref, v.van, v.naar) for v in graaf.verwijzingen)
    meldingen = [
        melding(UNIEK_VERWIJZING[(soort, via, ref)], detail=f"{van} verwijst {n} keer naar {naar}")
        for (soort, via, ref, van, naar), n in tellingen.items()
        if n > 1 and (soort, via, ref) in UNIEK_VERWIJZING
    ]
    for o in graaf.objecten.values():
        for (soort, veld), code in UNIEK_WAARDE.items():
            if o.soort != soort:
                continue
            dubbel = sorted(w for w, n in Counter(o.waarden.get(veld, [])).items() if n > 1)
            meldingen += [melding(code, detail=f"{o.id} noemt {veld} {w} meer dan eens") for w in dubbel]
    return meldingen


# -- Mag niet voorkomen ---------------------------------------------------------------------------------------
def _verbod(soort: str, waarden: dict[str, list[str]]) -> list[tuple[str, frozenset[str], str]]:
    verboden = verboden_soorten()
    if soort == "Gebiedsaanwijzing":
        return [
            (code, soorten, f"Gebiedsaanwijzing van het type {naam}")
            for (s, naam), (code, soorten) in verboden.items()
            if s == soort and naam is not None and any(_gelijk(naam, t) for t in waarden.get("type", []))
        ]
    code, soorten = verboden.get((soort, None), ("", frozenset()))
    return [(code, soorten, soort)] if code else []


def niet_toegestaan(graaf: OwGraaf, besluit: Besluit) -> list[CodeMelding]:
    """An object the soort regeling of the besluit may not hold (TPOD2400–2433)."""
    naam = next((n for n, uri in SOORTEN_REGELING.items() if uri == besluit.soort_regeling), besluit.soort_regeling)
    return [
        melding(code, detail=f"{o.id}: een {wat} in een {naam}")
        for o in graaf.objecten.values()
        for code, soorten, wat in _verbod(o.soort, o.waarden)
        if besluit.soort_regeling in soorten
    ]


# -- verwijzing.magnietbestaan and algemeen ------------------------------------------------------------------
def _bovenliggend(graaf: OwGraaf) -> dict[str, str]:
    return {v.van: v.naar for v in graaf.verwijzingen if v.soort == "Activiteit" and v.via == "bovenliggendeActiviteit"}


def activiteiten(graaf: OwGraaf) -> list[CodeMelding]:
    """OZON0083: no activity above itself, directly or through others; OZON0085: none related to itself."""
    boven = _bovenliggend(graaf)
    meldingen = []
    for start in sorted(boven):
        keten, huidig = [start], boven[start]
        while huidig in boven and huidig not in keten:
            keten.append(huidig)
            huidig = boven[huidig]
        if huidig == start:
            meldingen.append(melding("OZON0083", detail=" → ".join([*keten, start])))
    meldingen += [
        melding("OZON0085", detail=v.van)
        for v in dict.fromkeys(graaf.verwijzingen)
        if v.soort == "Activiteit" and v.via == "gerelateerdeActiviteit" and v.naar == v.van
    ]
    return meldingen


#: the kind of juridische regel → the code when a Regeltekst has it beside another kind (TPOD1850)
EEN_SOORT_REGEL = {"RegelVoorIedereen": "OZON0098", "Omgevingswaarderegel": "OZON0099", "Instructieregel": "OZON0100"}


def regelsoorten(graaf: OwGraaf) -> list[CodeMelding]:
    soorten: dict[str, set[str]] = defaultdict(set)
    for v in graaf.verwijzingen:
        if v.ref == "RegeltekstRef" and v.soort in JURIDISCH:
            soorten[v.naar].add(v.soort)
    return [
        melding(code, detail=f"{tekst}: {', '.join(sorted(s))}")
        for tekst, s in sorted(soorten.items())
        for soort, code in EEN_SOORT_REGEL.items()
        if soort in s and len(s) > 1
    ]


#: (object type, reference element) → (code, the words one of which its identificatie must hold)
VERWIJZING_NAAM: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("RegelVoorIedereen", "OmgevingsnormRef"): ("OZON0222", ("omgevingsnorm",)),
    ("Omgevingswaarderegel", "OmgevingswaardeRef"): ("OZON0223", ("omgevingswaarde",)),
    ("Instructieregel", "OmgevingsnormRef"): ("OZON0224", ("omgevingsnorm",)),
    ("Gebiedsaanwijzing", "LocatieRef"): (
        "OZON0225",
        ("gebied", "gebiedengroep", "lijn", "lijnengroep", "punt", "puntengroep", "ambtsgebied"),
    ),
}
_TYPE_IN_ID = re.compile(r"nl\.imow-[a-z]+[0-9]+\.([a-z]+)\.")


def _type_in_id(ident: str) -> str | None:
    m = _TYPE_IN_ID.match(ident)
    return m[1] if m else None


def namen(graaf: OwGraaf) -> list[CodeMelding]:
    """OZON5001: an identificatie names its object's own type; OZON0222–0225: a reference names what it refers to."""
    meldingen = []
    for o in graaf.objecten.values():
        typ = _type_in_id(o.id)
        verwacht = "juridischeregel" if o.soort in JURIDISCH else o.soort.lower()
        if typ is not None and typ != verwacht:
            meldingen.append(melding("OZON5001", o.id, o.soort))
    for v in dict.fromkeys(graaf.verwijzingen):
        code, woorden = VERWIJZING_NAAM.get((v.soort, v.ref), ("", ()))
        if code and _type_in_id(v.naar) not in woorden:
            meldingen.append(melding(code, detail=f"{v.van} → {v.naar}"))
    return meldingen


def _waarden(graaf: OwGraaf, soort: str, veld: str) -> list[tuple[str, list[str]]]:
    return [(o.id, o.waarden.get(veld, [])) for o in graaf.van_soort(soort)]


NORMWAARDEN = ("kwalitatieveWaarde", "kwantitatieveWaarde", "waardeInRegeltekst")


def _normen(graaf: OwGraaf) -> list[CodeMelding]:
    """OZON5003: one kind of normwaarde per norm; OZON5004: a norm with an eenheid has a kwantitatieve one;
    OZON0097: each Normwaarde one value, kwalitatief, kwantitatief or in the regeltekst."""
    meldingen = [
        melding("OZON0097", detail=f"{w.id}: {len(gevuld)} waarden")
        for w in graaf.van_soort("Normwaarde")
        if len(gevuld := [veld for veld in NORMWAARDEN if w.waarden.get(veld)]) != 1
    ]
    for norm in [*graaf.van_soort("Omgevingsnorm"), *graaf.van_soort("Omgevingswaarde")]:
        waarden = [
            graaf.objecten[v.naar]
            for v in graaf.verwijzingen
            if v.van == norm.id and v.ref == "Normwaarde" and v.naar in graaf.objecten
        ]
        soorten = {veld for w in waarden for veld in NORMWAARDEN if w.waarden.get(veld)}
        if len(soorten) > 1:
            meldingen.append(melding("OZON5003", norm.id))
        if norm.waarden.get("eenheid") and "kwantitatieveWaarde" not in soorten:
            meldingen.append(melding("OZON5004", norm.id))
    return meldingen


def _is_datum(tekst: str) -> bool:
    try:
        dt.date.fromisoformat(tekst)
    except ValueError:
        return False
    return True


def algemeen(graaf: OwGraaf) -> list[CodeMelding]:
    meldingen = []
    pons = sorted(o.id for o in graaf.van_soort("Pons"))
    if len(pons) > 1:
        meldingen.append(melding("OZON0104", detail=", ".join(pons)))
    meldingen += [
        melding("OZON0122", detail=f"{o.id}: {status}")
        for o in graaf.objecten.values()
        for status in o.waarden.get("status", [])
        if status != "beëindigen"
    ]
    meldingen += [
        melding("OZON0123", detail=f"{o.id}: geldigOp {o.waarden.get('geldigOp', ['(geen)'])[0]}")
        for o in graaf.van_soort("Ambtsgebied")
        if not _is_datum(o.waarden.get("geldigOp", [""])[0])
    ]
    meldingen += [
        melding("OZON5002", o.id)
        for o in graaf.van_soort("Instructieregel")
        if not any(o.waarden.get(v) for v in ("instructieregelInstrument", "instructieregelTaakuitoefening"))
    ]
    met_locatie = {v.van for v in graaf.verwijzingen if v.soort == "Tekstdeel" and v.ref == "LocatieRef"}
    meldingen += [
        melding("OZON5005", ident)
        for ident, ideaal in _waarden(graaf, "Tekstdeel", "idealisatie")
        if ident in met_locatie and not ideaal
    ]
    gebruik = Counter(v.naar for v in dict.fromkeys(graaf.verwijzingen) if v.ref == GEEN_OW)
    meldingen += [
        melding("OZON0370", detail=f"geometrie {g} in {n} locaties") for g, n in sorted(gebruik.items()) if n > 1
    ]
    return [*meldingen, *_normen(graaf)]


def _toestanden(besluit: Besluit) -> list[CodeMelding]:
    """Each new toestand (BeoogdeRegeling): one doel (OZON1027), its instrumentVersie a RegelingVersie of the
    besluit (1029: none of that regeling; 1028: another expression), and once per regeling and doel (4006)."""
    meldingen = []
    for doelen, versie in besluit.versies:
        if len(doelen) != 1:
            meldingen.append(melding("OZON1027", detail=f"{versie}: {len(doelen)} doelen"))
        werk = versie.split("@")[0].rsplit("/", 1)[0]
        if werk not in besluit.regelingen:
            meldingen.append(melding("OZON1029", detail=versie))
        elif versie not in besluit.regelingversies:
            meldingen.append(
                melding("OZON1028", detail=f"{versie}, de regelingversie is {sorted(besluit.regelingversies)[0]}")
            )
    paren = Counter((d, v.split("@")[0].rsplit("/", 1)[0]) for doelen, v in besluit.versies for d in doelen)
    meldingen += [melding("OZON4006", detail=f"regeling {w}, doel {d}") for (d, w), n in sorted(paren.items()) if n > 1]
    return meldingen


def besluit_regels(besluit: Besluit, manifest: ManifestOw | None) -> list[CodeMelding]:
    """OZON1022: the besluit holds a RegelingVersie; OZON1039/1046: its procedure steps are of the waardelijst
    of an ontwerp or definitief besluit; OZON1020: its soort regeling is one of the waardelijst; OZON1019: the
    regeling's eindverantwoordelijke ends in its kind and organisation code (…/gemeente/gm0037); OZON1043: an
    ontwerpbesluit has a Procedureverloop;
    OZON2140: the manifest-ow's WorkIDRegeling is a regeling of the besluit, and OZON2210 with the manifest's
    doel as the besluit sets it."""
    if not besluit.regelingen:
        return [melding("OZON1022")]
    code, lijst = ("OZON1039", STAPPEN_ONTWERP) if besluit.ontwerp else ("OZON1046", STAPPEN_DEFINITIEF)
    meldingen = [melding(code, detail=stap) for stap in besluit.stappen if stap not in lijst]
    if besluit.soort_regeling not in SOORTEN_REGELING.values():
        meldingen.append(melding("OZON1020", detail=besluit.soort_regeling or "(geen)"))
    bg = besluit.eindverantwoordelijke
    if bg and not BEVOEGD_GEZAG.search(bg):
        meldingen.append(melding("OZON1019", detail=bg))
    if besluit.ontwerp and not besluit.met_procedureverloop:
        meldingen.append(melding("OZON1043", detail=besluit.expressie))
    meldingen += _toestanden(besluit)
    if manifest is None:
        return meldingen
    if manifest.work_id not in besluit.regelingen:
        meldingen.append(melding("OZON2140", detail=f"WorkIDRegeling {manifest.work_id}"))
    elif (manifest.doel_id, manifest.work_id) not in besluit.doelen:
        meldingen.append(melding("OZON2210", detail=f"doel {manifest.doel_id}, regeling {manifest.work_id}"))
    return meldingen


def procedure(graaf: OwGraaf, besluit: Besluit) -> list[CodeMelding]:
    """OZON0126: an object of a vastgesteld besluit has no procedurestatus; OZON0127: one of an ontwerpbesluit
    has procedurestatus 'ontwerp'."""
    if besluit.ontwerp:
        return [
            melding("OZON0127", detail=o.id)
            for o in graaf.objecten.values()
            if o.waarden.get("procedurestatus") != ["ontwerp"]
        ]
    return [melding("OZON0126", detail=o.id) for o in graaf.objecten.values() if o.waarden.get("procedurestatus")]


# -- objectTypen ------------------------------------------------------------------------------------------------
@cache
def objecttypen() -> frozenset[str]:
    """The object types an owBestand may list, from the text of OZON0010."""
    tekst = regel("OZON0010").beschrijving
    lijst = tekst.split("moet een ", 1)[1].removesuffix(" zijn.")
    # the text leaves out the Regelingsgebied, which IMOW delivers in an owBestand of its own (as the real
    # 1_Initieel_Besluit does); OZON0103 asks for one, so OZON cannot refuse the type
    return frozenset({"Regelingsgebied", *(t.strip() for t in re.split(r",| of ", lijst) if t.strip())})


def bestanden(graaf: OwGraaf) -> list[CodeMelding]:
    """OZON0010: each listed objectType is one OZON knows; OZON0013: each object's type is listed in its file."""
    meldingen = [
        melding("OZON0010", detail=f"{naam}: {t}")
        for naam, typen in sorted(graaf.objecttypen.items())
        for t in typen
        if t not in objecttypen()
    ]
    meldingen += [
        melding("OZON0013", detail=f"{o.bestand}: {o.soort} {o.id}")
        for o in graaf.objecten.values()
        if not o.genest and o.soort not in graaf.objecttypen.get(o.bestand, [])
    ]
    return meldingen


# -- bevoegd gezag of activities ----------------------------------------------------------------------------------
_ORGANISATIE = re.compile(r"nl\.imow-(gm|pv|ws|mnre)([0-9]+)\.")
#: per kind of organisation: (its own parent-of-same-kind code, the at-most-one code)
BG_CODES = {"gm": ("OZON0213", "OZON0206"), "pv": ("OZON0214", "OZON0207"), "ws": ("OZON0215", "OZON0208")}
ACT_IN_OMGEVINGSPLAN = "nl.imow-mnre1034.activiteit.ActInOmgevingsplan"


def organisatie(ident: str) -> tuple[str, str] | None:
    m = _ORGANISATIE.match(ident)
    return (m[1], m[2]) if m else None


def bevoegd_gezag(graaf: OwGraaf) -> list[CodeMelding]:
    meldingen = []
    naar_ander: dict[str, list[str]] = defaultdict(list)
    for van, naar in sorted(_bovenliggend(graaf).items()):
        eigen, boven = organisatie(van), organisatie(naar)
        if eigen is None or boven is None or eigen[0] not in BG_CODES:
            continue
        if boven[0] == eigen[0] and boven[1] != eigen[1]:
            meldingen.append(melding(BG_CODES[eigen[0]][0], detail=f"{van} → {naar}"))
        elif boven[0] != eigen[0]:
            naar_ander[eigen[0]].append(van)
            if eigen[0] == "gm" and naar != ACT_IN_OMGEVINGSPLAN:
                meldingen.append(melding("RTRG0016", detail=f"{van} → {naar}"))
    meldingen += [
        melding(BG_CODES[soort][1], detail=", ".join(acts))
        for soort, acts in sorted(naar_ander.items())
        if len(acts) > 1
    ]
    return meldingen


# -- beëindigen ----------------------------------------------------------------------------------------------
def beeindigd(graaf: OwGraaf) -> set[str]:
    """The objects the delivery ends (status beëindigen)."""
    return {o.id for o in graaf.objecten.values() if o.waarden.get("status") == ["beëindigen"]}


def beeindigen(graaf: OwGraaf, bekend: set[str]) -> list[CodeMelding]:
    """OZON4001: an object ended (status beëindigen) is known to OZON; OZON0350: nothing else delivered and
    not ended itself still refers to it."""
    einde = beeindigd(graaf)
    meldingen = [melding("OZON4001", detail=e) for e in sorted(einde - bekend)]
    meldingen += [
        melding("OZON0350", detail=f"{v.van} → {v.naar}")
        for v in dict.fromkeys(graaf.verwijzingen)
        if v.naar in einde and v.van not in einde
    ]
    return meldingen


# -- geometrie --------------------------------------------------------------------------------------------------
#: the locatie type → (the code when its geometry is of another kind, the kind it needs, the code when it has none)
GEOMETRIE_SOORT: dict[str, tuple[str, str, str | None]] = {
    "Gebied": ("OZON0131", "vlak", None),  # a Gebied without geometry is GEOMETRY.03.1
    "Lijn": ("OZON0129", "lijn", "OZON0067"),
    "Punt": ("OZON0130", "punt", "OZON0068"),
}


GROEPEN = frozenset({"Gebiedengroep", "Lijnengroep", "Puntengroep"})


def crs(graaf: OwGraaf, stelsels: dict[str, str]) -> list[CodeMelding]:
    """OZON0069: a locatie of several geometries (a groep) has them in one coordinate reference system (``stelsels``:
    geometry → its srsName, of the delivered GMLs)."""
    geometrie = {v.van: v.naar for v in graaf.verwijzingen if v.ref == GEEN_OW}
    leden: dict[str, set[str]] = defaultdict(set)
    for v in graaf.verwijzingen:
        if v.soort in GROEPEN and v.naar in geometrie and geometrie[v.naar] in stelsels:
            leden[v.van].add(stelsels[geometrie[v.naar]])
    return [melding("OZON0069", detail=f"{g}: {', '.join(sorted(s))}") for g, s in sorted(leden.items()) if len(s) > 1]


def geometrie_soort(graaf: OwGraaf, soorten: dict[str, str], bekend: set[str]) -> list[CodeMelding]:
    """OZON0129–0131: a Lijn's geometry is a line, a Punt's a point, a Gebied's a surface; OZON0067/0068: a Lijn or
    Punt has its geometry in the delivery or in OZON (``bekend``)."""
    meldingen = []
    for v in dict.fromkeys(graaf.verwijzingen):
        if v.ref != GEEN_OW or v.soort not in GEOMETRIE_SOORT:
            continue
        code, nodig, ontbreekt = GEOMETRIE_SOORT[v.soort]
        soort = soorten.get(v.naar)
        if soort is None and ontbreekt and v.naar not in bekend:
            meldingen.append(melding(ontbreekt, detail=f"{v.van}: geen geometrie {v.naar}"))
        elif soort is not None and soort != nodig:
            meldingen.append(melding(code, detail=f"{v.van}: geometrie {v.naar} is een {soort}"))
    return meldingen
