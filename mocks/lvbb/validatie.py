"""The LVBB mock's validation of one levering: what it really checks, with the validatiematrix's codes.

In order, stopping at the first layer with a fout (as LVBB does): the zip (LVBB1001, 1004, 1040–1042);
the opdracht and manifest (LVBB1002, 1003, 1006 incl. the idLevering pattern, 1008, 1009, 1010, 1012, 1510,
1511, 1512, 1575, and the content types 1019–1021);
then the content, all reported together: datum bekendmaking (1501, 1505, 1519), the publicatie file (1506),
manifest-ow (1016, 1025–1027, 1032, 2504), AKN/JOIN identifiers (:mod:`mocks.lvbb.identificatie`), the
informatieobjecten and their GML (3008, 3504, 3506, 3507, 3509), the besluit's consolidatie and its IOs
(:mod:`mocks.lvbb.besluitregels`), and OZON's rules on the OW files (asked of OZON,
which answers with its own codes). Schema checks run where a schema folder is
configured (LVBB transport, IMOW); without one the verslag says so in an informatie melding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards import geometrie, kennisgeving, lvbb, ow, regelingtekst, schemas, stop, waardelijsten
from chain_tests.standards.meldingcodes import CodeMelding, melding, regels
from chain_tests.standards.xml import parse_xml
from mocks.lvbb import afbreekregels, besluitregels, identificatie, inhoudstypen, kennisgevingregels, mutatieregels
from mocks.lvbb.register import Register

MANIFEST_OW = "manifest-ow.xml"
ZONDER_SCHEMA = CodeMelding(
    "KETENTEST-SCHEMA",
    "informatie",
    "technisch",
    "Geen schemamap ingesteld: opdracht, manifest en OW-bestanden zijn niet tegen hun XSD gevalideerd.",
)
ZONDER_WAARDELIJSTEN = CodeMelding(
    "KETENTEST-WAARDELIJST",
    "informatie",
    "technisch",
    "Geen IMOW-waardelijsten ingesteld (KETENTEST_WAARDELIJSTEN): de waarden in de OW-objecten zijn niet tegen de "
    "waardelijsten gecontroleerd (OZON0070–0080, 0113–0120, 0203).",
)


@dataclass
class Context:
    """What validation needs from the LVBB around it."""

    afzender: str  # OIN of the ebMS sender (its certificate)
    id_verzoek: str  # idLevering in the verzoek
    soort: lvbb.Soort
    vandaag: dt.date
    eerder_gezien: bool  # another levering of this sender already had this idLevering (LVBB1012)
    mag_aanleveren: Callable[[str, str], bool]  # (aanleveraar, bevoegd gezag) → machtiging
    ozon: Callable[[dict[str, bytes]], list[CodeMelding]]  # OZON's validation of the OW part
    register: Register = field(default_factory=Register)  # what the LVBB has published (read only here)
    wachtend: Register = field(default_factory=Register)  # publicaties validated, not yet published (read only)


def uitkomst(meldingen: list[CodeMelding]) -> str:
    """The LVBB's verdict on a validation: a technical error ends the behandeling (the package could not be read
    as one: zip, opdracht, manifest, schema); a content error makes it niet-valide; otherwise valide."""
    fouten = [m for m in meldingen if m.ernst == "fout"]
    if any(m.soort == "technisch" for m in fouten):
        return "behandeling-afgebroken"
    return "niet-valide" if fouten else "valide"


class Afgebroken(Exception):
    """A layer failed: the levering goes no further (the meldingen say why)."""

    def __init__(self, meldingen: list[CodeMelding]) -> None:
        self.meldingen = meldingen


def valideer(data: bytes | Path, ctx: Context) -> tuple[lvbb.Opdracht | None, dict[str, bytes], list[CodeMelding]]:
    """(opdracht, files, meldingen) of one levering; ``meldingen`` with ernst fout means not valid."""
    try:
        bestanden = lvbb.pak_uit(data)
    except lvbb.ZipFout as exc:
        return None, {}, [exc.melding]
    try:
        opdracht = _opdracht(bestanden, ctx)
    except Afgebroken as exc:
        return None, bestanden, exc.meldingen
    if opdracht.soort == lvbb.AFBREKEN:
        fouten = [melding("LVBB1028")] if MANIFEST_OW in bestanden else []
        return opdracht, bestanden, [*fouten, *afbreekregels.controleer(opdracht, ctx.register, ctx.vandaag)]
    try:
        if is_kennisgeving(opdracht, bestanden):
            meldingen = _kennisgeving(opdracht, bestanden, ctx)
        else:
            meldingen = _besluit(opdracht, bestanden, ctx)
    except OngeldigeInvoer as exc:  # a document that is not well-formed or not what its name says
        if exc.code in regels():  # the matrix's own text, the document's defect as its detail
            return opdracht, bestanden, [melding(exc.code, detail=exc.tekst)]
        return opdracht, bestanden, [CodeMelding("LVBB2003", "fout", "technisch", str(exc))]
    if schemas.lvbb_schema() is None or schemas.imow_schema() is None:
        meldingen.append(ZONDER_SCHEMA)
    return opdracht, bestanden, meldingen


def is_kennisgeving(o: lvbb.Opdracht, bestanden: dict[str, bytes]) -> bool:
    return o.publicatie in bestanden and kennisgeving.is_kennisgeving(bestanden[o.publicatie], bron=o.publicatie)


def _besluit(opdracht: lvbb.Opdracht, bestanden: dict[str, bytes], ctx: Context) -> list[CodeMelding]:
    meldingen = [
        *_datum(opdracht, ctx.vandaag),
        *_publicatie(opdracht, bestanden),
        *_stop(opdracht, bestanden),
        *_manifest_ow(bestanden),
        *_informatieobjecten(opdracht, bestanden, ctx.register, ctx.wachtend),
    ]
    if not any(m.ernst == "fout" for m in meldingen):
        meldingen += _ow(opdracht, bestanden, ctx)
        if waardelijsten.imow() is None:
            meldingen.append(ZONDER_WAARDELIJSTEN)
    return meldingen


def _kennisgeving(o: lvbb.Opdracht, bestanden: dict[str, bytes], ctx: Context) -> list[CodeMelding]:
    """A kennisgeving: no OW, its own date rule (LVBB4712: today is allowed), its rules against the register."""
    fouten = [melding("LVBB1028")] if MANIFEST_OW in bestanden else []
    k = kennisgeving.lees(bestanden[o.publicatie], bron=o.publicatie)
    eigen = kennisgevingregels.controleer(k, o, ctx.register, ctx.vandaag.isoformat(), ctx.wachtend)
    return [*fouten, *_stop(o, bestanden), *_datum(o, ctx.vandaag, kennisgeving=True), *eigen]


def _schema(code: str, naam: str, data: bytes, soort: str) -> list[CodeMelding]:
    return _tegen(schemas.lvbb_schema() if soort == "lvbb" else schemas.imow_schema(), code, naam, data)


def _stop(o: lvbb.Opdracht, bestanden: dict[str, bytes]) -> list[CodeMelding]:
    """Where the STOP schemas are configured: the publicatie (LVBB2003), each GIO (3501) and each GML (3009; an
    error in a basisgeometrie element 3010)."""
    schema = schemas.stop_schema()
    if schema is None:
        return []
    fouten = []
    for naam, data in sorted(bestanden.items()):
        if naam == o.publicatie:
            variant = "Kennisgeving" if kennisgeving.is_kennisgeving(data, bron=naam) else None
            fouten += _tegen(schema, "LVBB2003", naam, data, variant)
        elif naam.lower().endswith(".gml"):
            fouten += _tegen(schema, "LVBB3009", naam, data, basisgeometrie="LVBB3010")
        elif stop.is_gio(data):
            fouten += _tegen(schema, "LVBB3501", naam, data)
    return fouten


def _tegen(
    schema: etree.XMLSchema | None,
    code: str,
    naam: str,
    data: bytes,
    variant: str | None = None,
    basisgeometrie: str = "",
) -> list[CodeMelding]:
    """Each schema error of document ``naam`` (at most three) with ``code``; one in a basisgeometrie element with
    ``basisgeometrie`` when given."""
    if schema is None:
        return []
    try:
        document = parse_xml(data, bron=naam)
    except OngeldigeInvoer as exc:  # not well-formed, or a DOCTYPE/entities: refused before anything else
        return [melding(code, detail=str(exc))]
    fouten = schemas.validate(schema, document)
    return [
        melding(basisgeometrie if basisgeometrie and stop.BASISGEO in f.tekst else code, variant=variant,
                detail=f"{naam} regel {f.regel}: {f.tekst}")
        for f in fouten[:3]
    ]  # fmt: skip


def _opdracht(bestanden: dict[str, bytes], ctx: Context) -> lvbb.Opdracht:
    for naam, code in (("opdracht.xml", "LVBB1002"), ("manifest.xml", "LVBB1003")):
        if naam not in bestanden:
            raise Afgebroken([melding(code)])
    fouten = _schema("LVBB1006", "opdracht.xml", bestanden["opdracht.xml"], "lvbb")
    fouten += _schema("LVBB1008", "manifest.xml", bestanden["manifest.xml"], "lvbb")
    try:
        opdracht = lvbb.lees_opdracht(bestanden["opdracht.xml"])
        manifest = lvbb.manifest_bestanden(bestanden["manifest.xml"])
    except OngeldigeInvoer as exc:
        raise Afgebroken(
            [*fouten, melding(exc.code if exc.code.startswith("LVBB") else "LVBB1006", detail=str(exc))]
        ) from None
    if opdracht.soort != ctx.soort or opdracht.id_levering != ctx.id_verzoek:
        anders = f"{opdracht.soort}Opdracht {opdracht.id_levering} hoort niet bij {ctx.soort}Verzoek {ctx.id_verzoek}"
        fouten.append(melding("LVBB1006", detail=anders))
    genoemd = [naam for naam, _ in manifest]
    fouten += [melding("LVBB1009", n) for n in genoemd if n not in bestanden]
    fouten += [melding("LVBB1010", n) for n in bestanden if n not in genoemd]
    fouten += [melding("LVBB1575", detail=n) for n in sorted({n for n in genoemd if genoemd.count(n) > 1})]
    fouten += inhoudstypen.controleer(manifest, bestanden)
    fouten += [melding(code) for code, waarde in (("LVBB1510", opdracht.bevoegd_gezag),
                                                  ("LVBB1511", opdracht.aanleveraar)) if not waarde]  # fmt: skip
    if not lvbb.geldig_id(opdracht.id_levering):
        fouten.append(
            melding("LVBB1006", detail=f"idLevering {opdracht.id_levering!r}: [0-9A-z][0-9A-z_-]+, hoogstens 80")
        )
    if ctx.eerder_gezien:
        fouten.append(melding("LVBB1012"))
    if opdracht.aanleveraar and (
        opdracht.aanleveraar != ctx.afzender or not ctx.mag_aanleveren(opdracht.aanleveraar, opdracht.bevoegd_gezag)
    ):
        fouten.append(melding("LVBB1512"))
    if fouten:
        raise Afgebroken(fouten)
    return opdracht


def _datum(o: lvbb.Opdracht, vandaag: dt.date, *, kennisgeving: bool = False) -> list[CodeMelding]:
    """A besluit's datum bekendmaking lies after today (LVBB1501), a kennisgeving's not before today (4712)."""
    if not o.datum_bekendmaking:
        return [melding("LVBB1505")]
    try:
        datum = dt.date.fromisoformat(o.datum_bekendmaking)
    except ValueError:
        return [melding("LVBB1501", o.datum_bekendmaking, variant="formaat")]
    if kennisgeving and datum < vandaag:
        return [melding("LVBB4712", o.datum_bekendmaking, o.aanleveraar, o.id_levering)]
    if not kennisgeving and datum <= vandaag:
        return [melding("LVBB1501", o.datum_bekendmaking, variant="toekomst")]
    if not geometrie.is_werkdag(datum):
        return [melding("LVBB1519", o.datum_bekendmaking)]
    return []


def _publicatie(o: lvbb.Opdracht, bestanden: dict[str, bytes]) -> list[CodeMelding]:
    return [] if o.publicatie in bestanden else [melding("LVBB1506", o.publicatie)]


def _manifest_ow(bestanden: dict[str, bytes]) -> list[CodeMelding]:
    if MANIFEST_OW not in bestanden:
        return [melding("LVBB1027")]
    fouten = _schema("LVBB1032", MANIFEST_OW, bestanden[MANIFEST_OW], "imow")
    m = ow.lees_manifest_ow(bestanden[MANIFEST_OW])
    ontbreekt: list[str] = []  # per doel (LVBB2504) what LVBB1016 names per file
    for naam, typen in m.bestanden.items():
        if naam.lower().endswith(".gml"):
            fouten.append(melding("LVBB1026", naam))
        elif "Geometrie" in typen:
            fouten.append(melding("LVBB1025", naam))
        elif naam not in bestanden:
            fouten.append(melding("LVBB1016", naam))
            ontbreekt.append(naam)
        else:
            fouten += _schema("OZON3000", naam, bestanden[naam], "imow")
    if ontbreekt:
        fouten.append(melding("LVBB2504", m.doel_id, ", ".join(ontbreekt)))
    return fouten


def _informatieobjecten(
    o: lvbb.Opdracht, bestanden: dict[str, bytes], register: Register, wachtend: Register
) -> list[CodeMelding]:
    if o.publicatie not in bestanden:
        return []
    besluit = stop.lees_besluit(bestanden[o.publicatie], bron=o.publicatie)
    gios = {
        g.expressie: (naam, g)
        for naam, data in bestanden.items()
        if naam.endswith(".xml") and (g := stop.lees_gio(data, naam))
    }
    expressies = [(o.publicatie, besluit.regeling_expressie), *((naam, g.expressie) for naam, g in gios.values())]
    fouten = identificatie.identificaties(besluit.work, besluit.regeling_work, expressies)
    fouten += [melding("LVBB3504", io) for io in besluit.informatieobjecten if io not in gios]
    fouten += [melding("LVBB3509", io) for io in gios if io not in besluit.informatieobjecten]
    consolidatie = stop.lees_consolidatie(bestanden[o.publicatie], bron=o.publicatie)
    bekend = frozenset(register.regelingen)
    fouten += besluitregels.consolidatie(consolidatie, o.publicatie, o.datum_bekendmaking, bekend)
    if MANIFEST_OW in bestanden:
        fouten += besluitregels.domeinmanifest(ow.lees_manifest_ow(bestanden[MANIFEST_OW]), consolidatie)
    tekst = regelingtekst.lees(bestanden[o.publicatie], bron=o.publicatie)
    aanlevering = mutatieregels.Aanlevering(
        consolidatie, tekst, tuple(g for _, g in gios.values()), o.aanleveraar, o.id_levering
    )
    fouten += mutatieregels.controleer(aanlevering, register, wachtend)
    fouten += kennisgevingregels.publicatiestap(kennisgeving.besluit_procedure(bestanden[o.publicatie])[0])
    regelingen = {besluit.regeling_work} | {besluitregels.werk(v) for _, v in consolidatie.regelingen}
    inhoud = dict(lvbb.manifest_bestanden(bestanden["manifest.xml"]))
    fouten += besluitregels.afbeeldingen(consolidatie.illustraties, inhoud, bestanden, o)
    for naam, g in gios.values():
        gmls = {}
        for gml, hash_ in g.bestanden:
            if gml not in bestanden:
                fouten.append(melding("LVBB3506", o.bevoegd_gezag, o.id_levering, gml))
                continue
            fouten += besluitregels.inhoudstype(g, gml, inhoud[gml])  # the manifest names it (else LVBB1010)
            if stop.sha512(bestanden[gml]) != hash_.lower():
                fouten.append(melding("LVBB3008", naam, gml))
            gmls[gml] = stop.lees_gml(bestanden[gml], bron=gml)
        fouten += besluitregels.informatieobject(naam, g, regelingen, gmls)
    return fouten


def _ow(opdracht: lvbb.Opdracht, bestanden: dict[str, bytes], ctx: Context) -> list[CodeMelding]:
    """OZON's part: the OW files, the GIOs with their GMLs and the besluit (for the soort regeling and its wIds)."""
    m = ow.lees_manifest_ow(bestanden[MANIFEST_OW])
    deel = {n: bestanden[n] for n in (*m.bestanden, MANIFEST_OW, opdracht.publicatie) if n in bestanden}
    deel |= {n: d for n, d in bestanden.items() if n.lower().endswith(".gml") or stop.is_gio(d)}
    return ctx.ozon(deel)
