"""Verification of an STTR file, as the RTR's *Regels verifiëren* service does it.

Syntax: the DMN 1.2 XSD plus the STTR v1.0 extension schemas (when configured).
Semantics: references resolve, a top decision with a valid functioneleStructuurRef exists, tables
are well-formed, FEEL entries parse, and every question is used. Each problem is a Dutch melding.
"""

from __future__ import annotations

from typing import Literal

from lxml import etree
from pydantic import BaseModel

from chain_tests.errors import ChainTestError, OngeldigeInvoer
from chain_tests.standards.schemas import dmn12_schema, sttr_schema, validate
from chain_tests.standards.sttr.feel import FeelFout, unary_test
from chain_tests.standards.sttr.model import STTR_BASE, Beslissing, SttrBestand, sttr_from_root
from chain_tests.standards.xml import parse_xml


class Verificatiemelding(BaseModel):
    ernst: Literal["fout", "waarschuwing", "informatie"]
    code: str
    tekst: str
    regel: int | None = None


class Verificatieresultaat(BaseModel):
    valide: bool
    meldingen: list[Verificatiemelding]


def _fout(code: str, tekst: str, regel: int | None = None) -> Verificatiemelding:
    return Verificatiemelding(ernst="fout", code=code, tekst=tekst, regel=regel)


def _syntax(root: etree._Element) -> list[Verificatiemelding]:
    schema = sttr_schema()
    meldingen = [_fout("STTR-XSD", f"schemafout: {f.tekst}", f.regel) for f in validate(schema or dmn12_schema(), root)]
    if schema is None:
        meldingen.append(
            Verificatiemelding(
                ernst="waarschuwing",
                code="STTR-XSD-STTR",
                tekst="De STTR-extensieschema's zijn niet geconfigureerd; alleen DMN 1.2 is gecontroleerd.",
            )
        )
    return meldingen


def _referenties(b: SttrBestand) -> list[Verificatiemelding]:
    meldingen: list[Verificatiemelding] = []
    regel_ids = {r.id for r in b.uitvoeringsregels}
    for i in b.invoer.values():
        if i.uitvoeringsregel_id is not None and i.uitvoeringsregel_id not in regel_ids:
            meldingen.append(
                _fout(
                    "STTR-SEM-001",
                    f"inputData {i.id!r} verwijst naar uitvoeringsregel "
                    f"{i.uitvoeringsregel_id!r}, die niet in het bestand staat.",
                )
            )
    for d in b.beslissingen.values():
        for ref in d.vereiste_invoer:
            if ref not in b.invoer:
                meldingen.append(
                    _fout("STTR-SEM-002", f"beslissing {d.naam!r} vereist inputData #{ref}, die niet bestaat.")
                )
        for ref in d.vereiste_beslissingen:
            if ref not in b.beslissingen:
                meldingen.append(
                    _fout("STTR-SEM-002", f"beslissing {d.naam!r} vereist beslissing #{ref}, die niet bestaat.")
                )
    return meldingen


def _top(b: SttrBestand, root: etree._Element) -> list[Verificatiemelding]:
    tops = [d for d in b.beslissingen.values() if d.functionele_structuur_ref]
    if not tops:
        return [
            _fout(
                "STTR-SEM-003",
                "geen enkele beslissing heeft een bedr:functioneleStructuurRef; het RTR kan "
                "de regels dan niet aan een activiteit koppelen.",
            )
        ]
    if not b.activiteit_id:
        return [
            _fout(
                "STTR-SEM-004",
                f"functioneleStructuurRef {tops[0].functionele_structuur_ref!r} heeft niet de vorm "
                f"{STTR_BASE}{{OIN}}/id/concept/{{Typering}}{{activiteit-id}}.",
            )
        ]
    default_ns = root.get("namespace", "")
    if default_ns != f"{STTR_BASE}{b.oin}":
        return [
            _fout(
                "STTR-SEM-004",
                f"de OIN in functioneleStructuurRef ({b.oin}) past niet bij de namespace "
                f"{default_ns!r} van het bestand.",
            )
        ]
    return []


def _tabel(b: SttrBestand, d: Beslissing) -> list[Verificatiemelding]:
    if d.tabel is None:
        return [_fout("STTR-SEM-005", f"beslissing {d.naam!r} heeft geen beslistabel.")]
    meldingen: list[Verificatiemelding] = []
    names = {b.beslissingen[r].variabele: None for r in d.vereiste_beslissingen if r in b.beslissingen}
    names |= {b.invoer[r].variabele: None for r in d.vereiste_invoer if r in b.invoer}
    for expr in d.tabel.invoer:
        if expr not in names:
            meldingen.append(
                _fout(
                    "STTR-SEM-006",
                    f"beslissing {d.naam!r}: invoerexpressie {expr!r} verwijst niet "
                    "naar een vereiste inputData of beslissing.",
                )
            )
    for r in d.tabel.regels:
        if len(r.invoer) != len(d.tabel.invoer):
            meldingen.append(
                _fout(
                    "STTR-SEM-005",
                    f"beslissing {d.naam!r}, regel {r.id}: {len(r.invoer)} invoertests "
                    f"voor {len(d.tabel.invoer)} invoerkolommen.",
                )
            )
            continue
        for entry in r.invoer:
            try:
                unary_test(entry, None, names)
            except FeelFout as exc:
                meldingen.append(_fout("STTR-SEM-008", f"beslissing {d.naam!r}, regel {r.id}: {exc}"))
    return meldingen


def _niet_ondersteund(b: SttrBestand) -> list[Verificatiemelding]:
    return [
        Verificatiemelding(
            ernst="waarschuwing",
            code="STTR-KT-001",
            tekst=f"uitvoeringsregel {r.id} (uitv:{r.element}) verwijst naar regels buiten dit bestand; de "
            "vergunningcheck van ketentest evalueert die niet (het DSO wel).",
        )
        for r in b.uitvoeringsregels
        if r.soort == "niet-ondersteund"
    ]


def _ongebruikt(b: SttrBestand) -> list[Verificatiemelding]:
    gebruikt = {i.uitvoeringsregel_id for i in b.invoer.values()}
    return [
        Verificatiemelding(
            ernst="waarschuwing",
            code="STTR-SEM-007",
            tekst=f"uitvoeringsregel {r.id} ({r.tekst!r}) wordt door geen inputData gebruikt.",
        )
        for r in b.uitvoeringsregels
        if r.id not in gebruikt
    ]


def verifieer(data: bytes, *, bron: str = "STTR-bestand") -> Verificatieresultaat:
    """Verify STTR bytes. Hostile XML raises OngeldigeInvoer (the caller turns it into a melding)."""
    root = parse_xml(data, bron=bron)
    meldingen = _syntax(root)
    try:
        bestand = sttr_from_root(root, bron=bron)
    except ChainTestError as exc:  # pragma: no cover - defensive; parse errors surface as XSD errors
        raise OngeldigeInvoer(str(exc), code="KT-STTR") from exc
    meldingen += _referenties(bestand) + _top(bestand, root)
    for d in bestand.beslissingen.values():
        meldingen += _tabel(bestand, d)
    meldingen += _ongebruikt(bestand) + _niet_ondersteund(bestand)
    return Verificatieresultaat(valide=not any(m.ernst == "fout" for m in meldingen), meldingen=meldingen)
