"""Validation codes of the DSO-keten (LVBB, STOP/TPOD, OZON incl. GEOMETRY, RTR) with their real texts.

The codes and texts come from the *DSO Validatiematrix* by Geonovum (CC BY 4.0; source, version and
changes in ``validatiematrix/NOTICE.md``, which ships beside the data). The LVBB mock and the OZON mock
answer with these, so a beheerder sees the same code and wording as from the real chain.

:func:`melding` fills a code's LVBB melding text (``%1``, ``%2`` or ``<naam>`` placeholders, in order)
or, for codes without one (OZON, GEOMETRY), takes the rule text; a detail (which file, which line) follows
in parentheses.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

BESTAND = Path(__file__).parent / "validatiematrix" / "codes.csv"
BRON = "DSO Validatiematrix, Geonovum (CC BY 4.0)"

Ernst = Literal["fout", "waarschuwing", "informatie"]
Soort = Literal["technisch", "inhoudelijk"]
_TECHNISCH = {"Leveringsverzoek", "Opdracht"}
_PLAATSHOUDER = re.compile(r"%\d|<[a-zA-Z][a-zA-Z -]*>")


@dataclass(frozen=True)
class Matrixregel:
    """One rule of the validatiematrix."""

    code: str
    ernst: str
    categorie: str
    beschrijving: str
    meldingtekst: str  # the LVBB melding text ("" when the matrix gives none); variants split by "OF"/"EN/OF" lines
    ozon_wijziging: str = ""  # OZON rows: "Verwijderd" when this version of the matrix drops the rule
    ozon_geimplementeerd: str = ""  # OZON rows: "Nee" when OZON itself does not run the rule


@dataclass(frozen=True)
class CodeMelding:
    """A melding as the LVBB verslag carries it (``stop:melding``)."""

    code: str
    ernst: Ernst
    soort: Soort
    beschrijving: str


@cache
def rijen() -> tuple[Matrixregel, ...]:
    """Every row of the matrix, in its order (a code listed twice gives two rows: OZON6008, OZON4005)."""
    with BESTAND.open(encoding="utf-8", newline="") as fh:
        return tuple(
            Matrixregel(
                rij["code"].strip(),
                rij["ernst"],
                rij["categorie"],
                rij["beschrijving"].strip(),
                rij["lvbb_meldingtekst"],
                rij["ozon_wijziging"].strip(),
                rij["ozon_geimplementeerd"].strip(),
            )
            for rij in csv.DictReader(fh)
        )


@cache
def regels() -> dict[str, Matrixregel]:
    """Every rule by code (the first row of a code that the matrix lists twice)."""
    result: dict[str, Matrixregel] = {}
    for r in rijen():
        result.setdefault(r.code, r)
    return result


def regel(code: str) -> Matrixregel:
    try:
        return regels()[code]
    except KeyError:
        raise KeyError(f"code {code} staat niet in de validatiematrix ({BESTAND.name})") from None


def _variant(tekst: str, variant: str | None) -> str:
    """The variant of a text that names ``variant`` (else the first): the matrix separates them by OF / EN-OF
    lines, and once (LVBB5003) as an OUD and a NIEUW line, whose label is not part of the text."""
    varianten = [
        deel.strip()
        for v in re.split(r"\s*(?:EN/)?\bOF:?[ \t]*\n", tekst)
        for deel in re.split(r"\s*\n(?=NIEUW )", v)
        if deel.strip()
    ]
    gekozen = next((v for v in varianten if variant and variant in v), varianten[0])
    return re.sub(r"^(?:OUD|NIEUW) ", "", gekozen)


def _vul_in(tekst: str, waarden: tuple[str, ...]) -> str:
    """``%N`` takes the N-th value (the matrix numbers them, not always in order: LVBB3506 has %3 before %1);
    ``<naam>`` placeholders take the values after the highest ``%N`` of the text, in order ("Bij %1 (<label
    soortRegeling>)": the first value, then the second). One without a value stays as it is."""
    genummerd = [int(n) for n in re.findall(r"%(\d)", tekst)]
    rest = iter(waarden[max(genummerd, default=0) :])

    def vervang(m: re.Match[str]) -> str:
        if m.group().startswith("%"):
            n = int(m.group()[1:])
            return waarden[n - 1] if 0 < n <= len(waarden) else m.group()
        return next(rest, m.group())

    return _PLAATSHOUDER.sub(vervang, tekst)


def melding(code: str, *waarden: str, variant: str | None = None, detail: str = "") -> CodeMelding:
    """The melding for ``code``: its LVBB text with ``waarden`` filled in (else the rule text, whose ``{}`` take
    the values in order, as OZON's own texts have them), plus ``detail``."""
    r = regel(code)
    if r.meldingtekst.strip():
        tekst = _vul_in(_variant(r.meldingtekst, variant), waarden)
    else:
        rest = iter(waarden)
        tekst = re.sub(r"\{\}", lambda m: next(rest, m.group()), r.beschrijving)
    tekst += f" ({detail})" if detail else ""
    ernst: Ernst = "waarschuwing" if r.ernst.lower() == "waarschuwing" else "fout"
    soort: Soort = "technisch" if r.categorie in _TECHNISCH else "inhoudelijk"
    return CodeMelding(code, ernst, soort, tekst)
