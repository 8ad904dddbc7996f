"""OZON's *waardelijst* rules: each field of an OW object holds a value of its IMOW waardelijst (a fout), not a
deprecated one (a waarschuwing), when the waardelijsten are configured (:mod:`chain_tests.standards.waardelijsten`)."""

from __future__ import annotations

import dataclasses

from chain_tests.standards.meldingcodes import CodeMelding, melding
from chain_tests.standards.owgraaf import OwGraaf
from chain_tests.standards.waardelijsten import Waardelijsten

#: (object type, field) → (the code, the waardelijst its value comes from); a Gebiedsaanwijzing's groep comes from
#: the list of its type (OZON0080); OZON0203's text names the list Thema, its field is the idealisatie
WAARDELIJST: dict[tuple[str, str], tuple[str, str]] = {
    ("ActiviteitLocatieaanduiding", "activiteitregelkwalificatie"): ("OZON0070", "activiteitregelkwalificatie"),
    ("Instructieregel", "instructieregelTaakuitoefening"): ("OZON0071", "adressaat"),
    ("Instructieregel", "instructieregelInstrument"): ("OZON0072", "instrument"),
    ("Activiteit", "groep"): ("OZON0073", "activiteitengroep"),
    ("Omgevingsnorm", "groep"): ("OZON0074", "omgevingsnormgroep"),
    ("Omgevingswaarde", "groep"): ("OZON0075", "omgevingswaardegroep"),
    ("Gebiedsaanwijzing", "type"): ("OZON0076", "type gebiedsaanwijzing"),
    ("RegelVoorIedereen", "idealisatie"): ("OZON0077", "idealisatie"),
    ("Instructieregel", "idealisatie"): ("OZON0078", "idealisatie"),
    ("Omgevingswaarderegel", "idealisatie"): ("OZON0079", "idealisatie"),
    ("Omgevingsnorm", "type"): ("OZON0113", "type norm"),
    ("Omgevingswaarde", "type"): ("OZON0114", "type norm"),
    ("Omgevingsnorm", "eenheid"): ("OZON0115", "eenheid"),
    ("Omgevingswaarde", "eenheid"): ("OZON0116", "eenheid"),
    ("Instructieregel", "thema"): ("OZON0117", "thema"),
    ("Omgevingswaarderegel", "thema"): ("OZON0118", "thema"),
    ("RegelVoorIedereen", "thema"): ("OZON0119", "thema"),
    ("Tekstdeel", "thema"): ("OZON0120", "thema"),
    ("Tekstdeel", "idealisatie"): ("OZON0203", "idealisatie"),
}
TYPE_GEBIEDSAANWIJZING = "type gebiedsaanwijzing"


def waardelijsten(graaf: OwGraaf, lijsten: Waardelijsten | None) -> list[CodeMelding]:
    """Each field of :data:`WAARDELIJST` holds a value of its list (a fout), not a deprecated one (a waarschuwing);
    nothing when no waardelijsten are configured."""
    if lijsten is None:
        return []
    meldingen = []
    for o in graaf.objecten.values():
        for veld, waarden in o.waarden.items():
            regel = WAARDELIJST.get((o.soort, veld))
            if o.soort == "Gebiedsaanwijzing" and veld == "groep":
                lijst = _groeplijst(o.waarden.get("type", [""])[0], lijsten)
                regel = ("OZON0080", lijst) if lijst else None
            if regel is not None:
                meldingen += [m for w in waarden if (m := _waarde(regel, o.id, w, lijsten)) is not None]
    return meldingen


def _groeplijst(type_: str, lijsten: Waardelijsten) -> str:
    """The list of a Gebiedsaanwijzing's groep: its type's label and 'groep' (…/Functie → functiegroep,
    …/RuimtelijkGebruik → ruimtelijk gebruikgroep); '' for a type not in the list (OZON0076 names it)."""
    if type_ not in lijsten.lijsten.get(TYPE_GEBIEDSAANWIJZING, {}):
        return ""
    naam = type_.rsplit("/", 1)[-1].lower()
    return next((lijst for lijst in lijsten.lijsten if lijst.endswith("groep") and
                 lijst.removesuffix("groep").replace(" ", "") == naam), "")  # fmt: skip


def _waarde(regel: tuple[str, str], ident: str, waarde: str, lijsten: Waardelijsten) -> CodeMelding | None:
    code, lijst = regel
    vervallen = lijsten.vervallen(lijst, waarde)
    if vervallen is None:
        return melding(code, detail=f"{ident}: {waarde} staat niet in de waardelijst {lijst} ({lijsten.versie})")
    if vervallen:
        m = melding(code, detail=f"{ident}: {waarde} is vervallen in de waardelijst {lijst} ({lijsten.versie})")
        return dataclasses.replace(m, ernst="waarschuwing")
    return None
