"""The LVBB's rules for AKN and JOIN identifications (STOP), each with the validatiematrix's code and text:
the besluit a bill and the regeling an act (LVBB1502, LVBB4005), and per expression in the delivery —
``/soort/land-of-id/type/maker/jaar/naam/taal@versie`` — seven parts (2019); akn or join (2008); a land
(2009) or ``id``/``set`` (2011); the type of its kind (2010, 2012) and, for an officialGazette, a publication
(2022); a year or date (2013); a name of allowed characters and length (2020, 2021); a language (2016);
a JOIN version year not before the work's (2015); no dot anywhere (2017)."""

from __future__ import annotations

import datetime as dt
import re

from chain_tests.standards.meldingcodes import CodeMelding, melding

AKN_TYPEN = ("bill", "act", "doc", "officialGazette")
JOIN_TYPEN = ("regdata", "pubdata", "infodata", "proces", "stop")
SOORTEN = ("akn", "join")
LANDEN = ("nl", "aw", "cw", "sx")
JOIN_TWEEDE = ("id", "set")
PUBLICATIES = ("stb", "stcrt", "trb", "gmb", "prb", "bgr", "wsb")
TALEN = ("nld", "eng", "fry", "pap", "mul", "und")


def derde(identificatie: str) -> str:
    delen = identificatie.strip("/").split("/")
    return delen[2] if len(delen) > 2 else ""


def identificaties(besluit: str, regeling: str, expressies: list[tuple[str, str]]) -> list[CodeMelding]:
    """The besluit's work a bill, the regeling's an act, and each (file, expression) by :func:`expressie`."""
    fouten = []
    if derde(besluit) != "bill":
        fouten.append(melding("LVBB1502", "derde deel", besluit, "bill"))
    if derde(regeling) != "act":
        fouten.append(melding("LVBB4005", "derde deel", regeling, "act"))
    for bron, e in expressies:
        fouten += expressie(f"[{bron}]", e)
    return fouten


def _jaar(bron: str, jaar: str, expressie: str) -> list[CodeMelding]:
    """LVBB2013: the fifth part a year (4 digits) or a date (JJJJ-MM-DD), each fault with its own variant."""
    if len(jaar) not in (4, 10):
        return [melding("LVBB2013", bron, "werk", jaar, expressie)]  # the first variant: the length
    if len(jaar) == 4:
        return [] if jaar.isdigit() else [melding("LVBB2013", bron, "werk", jaar, expressie, variant="numeriek")]
    try:
        dt.date.fromisoformat(jaar)
    except ValueError:
        return [melding("LVBB2013", bron, "werk", jaar, expressie, variant="juiste datum")]
    return []


def _soort(bron: str, delen: list[str], expressie: str) -> list[CodeMelding]:
    soort, tweede, type_, vierde = delen[:4]
    if soort not in SOORTEN:
        return [melding("LVBB2008", bron, soort, expressie, " of ".join(SOORTEN))]
    if soort == "akn":
        fouten = [] if tweede in LANDEN else [melding("LVBB2009", bron, tweede, expressie, ", ".join(LANDEN))]
        if type_ not in AKN_TYPEN:
            fouten.append(melding("LVBB2010", bron, type_, expressie, ", ".join(AKN_TYPEN)))
        elif type_ == "officialGazette" and vierde not in PUBLICATIES:
            fouten.append(melding("LVBB2022", bron, vierde, expressie, ", ".join(PUBLICATIES)))
        return fouten
    fouten = [] if tweede in JOIN_TWEEDE else [melding("LVBB2011", bron, tweede, expressie)]
    if type_ not in JOIN_TYPEN:
        fouten.append(melding("LVBB2012", bron, type_, expressie, ", ".join(JOIN_TYPEN)))
    return fouten


def _versiejaar(bron: str, soort: str, jaar: str, versie: str, expressie: str) -> list[CodeMelding]:
    """LVBB2015: a JOIN expression whose version starts with a year has it no earlier than the work's."""
    eerste = re.split(r"[-;]", versie, maxsplit=1)[0]
    jaartallen = eerste.isdigit() and len(eerste) == 4 and len(jaar) in (4, 10) and jaar[:4].isdigit()
    if soort != "join" or not jaartallen:  # a fifth part that is no year is LVBB2013's matter
        return []
    return [] if eerste >= jaar[:4] else [melding("LVBB2015", bron, eerste, expressie, jaar[:4])]


def expressie(bron: str, expressie: str) -> list[CodeMelding]:
    """``bron`` names the file, as LVBB's own texts start with the document they are about."""
    werk, _, versie = expressie.partition("@")
    delen = werk.strip("/").split("/")
    if len(delen) != 7:
        return [melding("LVBB2019", bron, expressie)]
    soort, jaar, naam, taal = delen[0], delen[4], delen[5], delen[6]
    fouten = [*_soort(bron, delen, expressie), *_jaar(bron, jaar, expressie)]
    if not re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_-]*", naam):
        fouten.append(melding("LVBB2020", bron, naam, expressie))
    if len(naam) > 128:
        fouten.append(melding("LVBB2021", bron, naam, expressie))
    if taal not in TALEN:
        fouten.append(melding("LVBB2016", bron, taal, expressie, ", ".join(TALEN)))
    fouten += _versiejaar(bron, soort, jaar, versie, expressie)
    if "." in expressie:
        fouten.append(melding("LVBB2017", bron, expressie))
    return fouten
