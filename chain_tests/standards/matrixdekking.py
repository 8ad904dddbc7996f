"""How much of the DSO validatiematrix the mocks implement: per code *geïmplementeerd* (the code is in the mocks'
or the harness's source), *niet in een mock* (it needs a DSO system ketentest does not imitate, the reason per
category, or OZON itself does not run it), *vervallen* (the matrix marks it removed) or *nog niet*.
``python -m chain_tests.standards.matrixdekking`` writes ``docs/validatiematrix.md``; a test holds that file to
the code, so the table cannot drift."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from chain_tests.standards.meldingcodes import BRON, regels

WORTEL = Path(__file__).resolve().parents[2]
BRONNEN = ("mocks", "chain_tests")
#: categories whose rules need a DSO system ketentest does not imitate
NIET_IN_EEN_MOCK = {
    "OfficielePublicatie": "het publicatieplatform (officielebekendmakingen.nl), dat ketentest niet nabootst",
    "RegelingVersie/Toestand": "de consolidatie van de LVBB (toestanden van een regeling door de tijd)",
    "RegelingVersie/Toestand (Doel)": "de consolidatie van de LVBB (toestanden per doel)",
}
#: why a rule is not yet implemented, for the groups that share a reason (code pattern → reason)
#: rules that need a part of a DSO system the mocks do not imitate (code pattern → which part)
NIET_IN_EEN_MOCK_CODES = {
    r"LVBB150[79]": "de interne verwerking van de LVBB (de regisseur die de bestanden klaarzet, de database)",
    r"LVBB157[1-3]": (
        "de interne processtappen van de LVBB (status-identifiers, het afmelden van validatierapporten), die het "
        "bronhouderkoppelvlak niet aanbiedt"
    ),
    r"OZON0216": "de registratie van bestuurlijke gebieden, die ketentest niet nabootst",
    r"OZON0200": "een controle van de waardelijsten zelf (tegen de typen van CIMOW), niet van een levering",
}
#: why a rule is not yet implemented, for the groups that share a reason (code pattern → reason)
NOG_NIET_WAAROM = {
    r"LVBB15(5\d|6[0-8]|7[6-9])|LVBB47(11|1[3-6])|LVBB5008": (
        "een afbreekregel over wat de LVBB-mock niet bijhoudt (zijn interne verwerking en wachtrijen, de "
        "was-versies van informatieobjecten); wat al gepubliceerd is, meldt de mock als LVBB1553"
    ),
    r"LVBB600[0-3]|OZON0(220|221)|OZON1030": (
        "de publicatie van een omgevingsvergunning (afwijkvergunning) kent de mock nog niet"
    ),
    r"LVBB(1043|1516|1574)": "het doorleveren van een regelingversie (directe mutatie) kent de LVBB-mock nog niet",
    r"LVBB15(17|18)": "een GIO zonder besluit (valideerGio, publiceerGio) kent de LVBB-mock nog niet",
    r"LVBB4039|OZON1031": (
        "het mimetype van een afbeelding in de tekst zelf, en de afbeeldingen aan OZON, kent de mock nog niet"
    ),
    r"LVBB40(36|37|42)|LVBB4737": (
        "de STOP-waardelijsten (TOOI) staan niet in de referentiegegevens; de regel wacht op een ingesteld bestand"
    ),
    r"LVBB200[24]": (
        "de conformprofielen van STOP en hun validatieplannen staan niet in de referentiegegevens; de regel wacht "
        "op een ingestelde map"
    ),
    r"OZON0128|OZON0347": "symbolisatie (SymbolisatieItem) kent de OZON-mock nog niet",
    r"OZON1040": "een procedureverloopmutatie (procedureverloopmutatieVerzoek) kent de LVBB-mock nog niet",
    r"LVBB351[56]|OZON4004": "een GIO-mutatie (wasID, alleen de gewijzigde locaties) kent de mock nog niet",
    r"LVBB4006": "de publicatie van een AMvB in het Staatsblad kent de LVBB-mock nog niet",
    r"OZON0110|OZON0112|OZON1024|OZON4000": (
        "OZON's eigen tijdlijn per OW-versie (geldigheid, inwerkingtreding, mutatietype) houdt de mock niet bij"
    ),
    r"RTRG001[78]": (
        "de identificatie van de Rijksactiviteit 'activiteit in omgevingsverordening' / 'in waterschapsverordening' "
        "staat niet in de referentiegegevens"
    ),
}
_CODE = re.compile(r"""["']([A-Z]{3,4}\d{3,5}|GEOMETRY(?:\.\d+)+)["']""")


def gebruikt(wortel: Path = WORTEL) -> set[str]:
    """The matrix codes that appear as a literal in the source of the mocks and the harness."""
    bekend = set(regels())
    gevonden: set[str] = set()
    for map_ in BRONNEN:
        for pad in sorted((wortel / map_).rglob("*.py")):
            if pad.name == Path(__file__).name:  # this table names codes to say why they are not implemented
                continue
            gevonden |= {c for c in _CODE.findall(pad.read_text(encoding="utf-8")) if c in bekend}
    return gevonden


VERVALLEN = "vervallen: de validatiematrix markeert de regel als verwijderd"
NIET_IN_OZON = "niet in een mock: OZON voert de regel zelf niet uit (Geïmplementeerd: Nee in de matrix)"


def status(code: str, geimplementeerd: set[str]) -> str:
    if code in geimplementeerd:
        return "geïmplementeerd"
    r = regels()[code]
    if r.ozon_wijziging == "Verwijderd":
        return VERVALLEN
    if r.ozon_geimplementeerd == "Nee":
        return NIET_IN_OZON
    if r.categorie in NIET_IN_EEN_MOCK:
        return f"niet in een mock: {NIET_IN_EEN_MOCK[r.categorie]}"
    deel = next((w for patroon, w in NIET_IN_EEN_MOCK_CODES.items() if re.fullmatch(patroon, code)), "")
    if deel:
        return f"niet in een mock: {deel}"
    waarom = next((w for patroon, w in NOG_NIET_WAAROM.items() if re.fullmatch(patroon, code)), "")
    return f"nog niet: {waarom}" if waarom else "nog niet"


def markdown(wortel: Path = WORTEL) -> str:
    geimplementeerd = gebruikt(wortel)
    alle = regels()
    telling = Counter(status(c, geimplementeerd).split(":")[0] for c in alle)
    regels_md = [
        "# De validatiematrix in ketentest",
        "",
        f"Gegenereerd door `python -m chain_tests.standards.matrixdekking` uit de code en de validatiematrix ({BRON}).",
        "Een test houdt deze tabel gelijk aan de code.",
        "",
        f"- geïmplementeerd: {telling['geïmplementeerd']} van {len(alle)} codes",
        f"- niet in een mock: {telling['niet in een mock']}",
        f"- vervallen (de matrix zelf laat ze vallen): {telling['vervallen']}",
        f"- nog niet: {telling['nog niet']}",
        "",
        "| code | categorie | ernst | status |",
        "|---|---|---|---|",
    ]
    for code, r in sorted(alle.items()):
        regels_md.append(f"| {code} | {r.categorie or '-'} | {r.ernst or '-'} | {status(code, geimplementeerd)} |")
    return "\n".join(regels_md) + "\n"


if __name__ == "__main__":
    doel = WORTEL / "docs" / "validatiematrix.md"
    doel.write_text(markdown(), encoding="utf-8")
    print(f"{doel}: geschreven", file=sys.stderr)
