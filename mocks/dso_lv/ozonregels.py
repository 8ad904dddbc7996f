"""OZON's generic rules from the validatiematrix, on the graph of every OW object in a delivery
(:mod:`chain_tests.standards.owgraaf`) plus what OZON already holds:

- *verwijzing.moetbestaan*: each reference resolves to an object of the type its element names, in the
  delivery or in OZON (the rule's own code per object type and element; OZON0109 where the matrix has none),
  and the references an object must have are there (a juridische regel's locaties and regeltekst, a
  groep's leden, …); a Regeltekst is some juridische regel's text (OZON0102); each delivered geometry is a
  locatie's (OZON0086); a Regeltekst's wId is an Artikel or Lid of the besluit (OZON2000), a Divisie's a
  Divisie (OZON2040).
- *verwijzing.moetuniekzijn*: an object refers to the same target, or names the same thema/instrument, once.
- *Mag niet voorkomen*: an object type (a gebiedsaanwijzing of a type) that a soort regeling may not hold;
  which soorten is read from the rule's own text in the matrix, so table and matrix cannot disagree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from chain_tests.standards.meldingcodes import CodeMelding, melding, rijen
from chain_tests.standards.owgraaf import SOORTEN_REGELING, Besluit, OwGraaf, Verwijzing

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
    """OZON2000: a Regeltekst's wId is an Artikel or Lid of the besluit; OZON2040: a Divisie(tekst)'s wId is a
    Divisie(tekst) there."""
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
