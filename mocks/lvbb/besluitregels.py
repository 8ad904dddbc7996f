"""The LVBB's rules on what a besluit says beyond its identifications, and on its informatieobjecten, each with
the validatiematrix's code and text:

- ConsolidatieInformatie: one doel (LVBB4803); one version per instrument (4802); an instrument either set or
  withdrawn (4804); no terugtrekkingen (4500); a juridisch-werkend-vanaf at most 90 days after the datum
  bekendmaking (1580) and, for a definitive besluit of a decentrale overheid, one for every regelingversie
  (3519) and informatieobjectversie (3518) it sets; an ExtIoRef without surrounding spaces (3517).
- The domeinmanifest (manifest-ow): a doel (LVBB2502) that the besluit has (2503), with the regeling the
  besluit sets for it (2505).
- The text against the consolidatie: soortRegeling a STOP regelingtype (LVBB4007), RegelingMetadata for a new
  regeling (4040: one the LVBB has not published, :mod:`.register`), each @wordt a RegelingVersie's
  expression and back (4033), each BeoogdeRegeling's version a @wordt and each BeoogdInformatieobject's an
  informatieobjectRef (4032), each WijzigArtikel/WijzigLid pointing at a WijzigBijlage that exists and each
  WijzigBijlage pointed at (4002).
- TPOD2437–2481: per soort regeling the eindverantwoordelijke it needs (a ministerie, provincie, gemeente or
  waterschap) and the regeling model (RegelingCompact, …); which ones is read from the rule's own text.
- Informatieobjecten: the geboorteregeling is a regeling of the besluit (3510), given when the IO is to be
  consolidated and absent otherwise (3150), the IO's metadata present (3513: the LVBB mock holds no earlier
  IO versions, so every IO is a new work); the GIO and its GML name the same work (3511) and expression (3512);
  an IO only to be made known (AlleenBekendTeMaken) in the pubdata collection (3502); the JOIN work of a GIO
  with its maker (the fourth part: 4041); each image the text shows delivered, and each image delivered shown
  (4038).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import cache
from typing import Literal

from chain_tests.standards import lvbb, ow, stop
from chain_tests.standards.meldingcodes import CodeMelding, melding, regel
from chain_tests.standards.owgraaf import SOORTEN_REGELING

ALLEEN_BEKEND_TE_MAKEN = "AlleenBekendTeMaken"
IO_INHOUD = ("application/gml+xml", "application/pdf")  # the content types of an informatieobject's file
DECENTRAAL = ("/tooi/id/gemeente/", "/tooi/id/provincie/", "/tooi/id/waterschap/")
MAX_DAGEN_JWV = 90
JWV = "juridischWerkendVanaf"


def werk(expressie: str) -> str:
    """The work of an expression: what stands before its language part."""
    return expressie.split("@", 1)[0].rsplit("/", 1)[0]


def _doelen(c: stop.Consolidatie) -> list[CodeMelding]:
    doelen = sorted({d for d, _ in (*c.regelingen, *c.informatieobjecten)} | {d for d, _, _ in c.tijdstempels})
    doelen = [d for d in doelen if d]
    return [melding("LVBB4803", c.besluit, ", ".join(doelen))] if len(doelen) > 1 else []


def _versies(c: stop.Consolidatie) -> list[CodeMelding]:
    fouten = []
    # the first variant of a text is its default: only the informatieobject's needs naming
    for variant, paren in ((None, c.regelingen), ("bevat informatieobject", c.informatieobjecten)):
        per_werk: dict[str, set[str]] = defaultdict(set)
        for _, versie in paren:
            per_werk[werk(versie)].add(versie)
        fouten += [
            melding("LVBB4802", c.besluit, w, ", ".join(sorted(v)), variant=variant)
            for w, v in sorted(per_werk.items())
            if len(v) > 1
        ]
    for ingetrokken in c.intrekkingen:
        gesteld = sorted(v for _, v in c.regelingen if werk(v) == ingetrokken)
        if gesteld:
            fouten.append(melding("LVBB4804", c.besluit, ingetrokken, ", ".join(gesteld)))
    return fouten


def _datums(c: stop.Consolidatie, datum_bekendmaking: str) -> list[CodeMelding]:
    jwv = {d: datum for d, soort, datum in c.tijdstempels if soort == JWV}
    fouten = []
    try:
        grens = dt.date.fromisoformat(datum_bekendmaking) + dt.timedelta(days=MAX_DAGEN_JWV)
    except ValueError:  # the datum itself is LVBB1501's matter
        grens = None
    for datum in sorted(set(jwv.values())):
        try:
            te_laat = grens is not None and dt.date.fromisoformat(datum) > grens
        except ValueError:
            continue
        if te_laat:
            fouten.append(melding("LVBB1580", datum, str(MAX_DAGEN_JWV), datum_bekendmaking))
    if c.definitief and c.eindverantwoordelijke.startswith(DECENTRAAL):
        fouten += [melding("LVBB3519", v) for d, v in c.regelingen if d not in jwv]
        fouten += [melding("LVBB3518", v) for d, v in c.informatieobjecten if d not in jwv]
    return fouten


def consolidatie(
    c: stop.Consolidatie, bron: str, datum_bekendmaking: str, bekend: frozenset[str] = frozenset()
) -> list[CodeMelding]:
    """``bekend``: the regelingen (works) the LVBB has published."""
    fouten = [*_doelen(c), *_versies(c), *tpod(c), *tekst(c, bekend)]
    if c.terugtrekkingen:
        fouten.append(melding("LVBB4500"))
    fouten += _datums(c, datum_bekendmaking)
    fouten += [
        melding("LVBB3517", bron, ref.strip() or tekst.strip())
        for ref, tekst in c.ext_io_refs
        if ref != ref.strip() or tekst != tekst.strip()
    ]
    return fouten


def informatieobject(
    naam: str, gio: stop.GelezenGio, regelingen: set[str], gmls: dict[str, stop.GelezenGml]
) -> list[CodeMelding]:
    """The rules on one GIO (file ``naam``): ``regelingen`` are the works the besluit sets, ``gmls`` its GMLs read."""
    fouten = []
    if gio.geboorteregeling and gio.geboorteregeling not in regelingen:
        fouten.append(melding("LVBB3510", gio.geboorteregeling, gio.expressie))
    te_consolideren = gio.publicatieinstructie == "TeConsolideren"
    if te_consolideren and not gio.geboorteregeling:
        fouten.append(melding("LVBB3150", gio.expressie))
    if gio.publicatieinstructie and not te_consolideren and gio.geboorteregeling:
        fouten.append(melding("LVBB3150", gio.expressie, variant="niet te consolideren"))
    if not gio.met_metadata:
        fouten.append(melding("LVBB3513", gio.expressie))
    collectie = _deel(gio.work, 2)
    if gio.publicatieinstructie == ALLEEN_BEKEND_TE_MAKEN and collectie != "pubdata":
        fouten.append(melding("LVBB3502", collectie, gio.work, "pubdata"))
    if gio.work.startswith("/join/") and _zeven_delen(gio.expressie) and not _deel(gio.work, 3):
        fouten.append(melding("LVBB4041", gio.work))
    for gml_naam, _ in gio.bestanden:
        gml = gmls.get(gml_naam)
        if gml is None:
            continue
        if gml.work != gio.work:
            fouten.append(melding("LVBB3511", f"{naam} ({gio.work})", f"{gml_naam} ({gml.work})"))
        elif gml.expressie != gio.expressie:
            fouten.append(melding("LVBB3512", f"{naam} ({gio.expressie})", f"{gml_naam} ({gml.expressie})"))
    return fouten


def afbeeldingen(
    illustraties: tuple[str, ...], manifest: dict[str, str], bestanden: dict[str, bytes], o: lvbb.Opdracht
) -> list[CodeMelding]:
    """LVBB4038: each image the text shows (tekst:Illustratie @naam) is delivered, and each image delivered (an
    ``image/…`` of the manifest) is shown."""
    fouten = [
        melding("LVBB4038", o.aanleveraar, o.id_levering, naam)
        for naam in sorted(set(illustraties))
        if naam not in bestanden
    ]
    fouten += [
        melding("LVBB4038", o.publicatie, o.aanleveraar, o.id_levering, naam, variant="is meegeleverd")
        for naam, soort in sorted(manifest.items())
        if soort.startswith("image/") and naam not in illustraties
    ]
    return fouten


def inhoudstype(gio: stop.GelezenGio, naam: str, soort: str) -> list[CodeMelding]:
    """LVBB3507: the file ``naam`` of an informatieobject is, by the manifest, a GML or a PDF."""
    return [] if soort in IO_INHOUD else [melding("LVBB3507", gio.expressie, naam, soort)]


def domeinmanifest(m: ow.ManifestOw, c: stop.Consolidatie) -> list[CodeMelding]:
    if not m.doel_id:
        return [melding("LVBB2502")]
    doelen = {d for d, _ in (*c.regelingen, *c.informatieobjecten)}
    if m.doel_id not in doelen:
        return [melding("LVBB2503", m.doel_id)]
    return [
        melding("LVBB2505", doel, werk(versie))
        for doel, versie in c.regelingen
        if doel == m.doel_id and _zeven_delen(versie) and werk(versie) != m.work_id
    ]


def _deel(identificatie: str, n: int) -> str:
    """Part ``n`` (from 0) of a JOIN or AKN identification: /join/id/regdata/gm9920/… → 2: regdata, 3: gm9920."""
    delen = identificatie.strip("/").split("/")
    return delen[n] if len(delen) > n else ""


def _zeven_delen(expressie: str) -> bool:
    """A well-formed expression (else its work cannot be read: LVBB2019 says so)."""
    return len(expressie.split("@", 1)[0].strip("/").split("/")) == 7


# -- TPOD: eindverantwoordelijke and regeling model per soort regeling ----------------------------------------------
WAARDELIJSTEN = {
    "Ministerie": "/tooi/id/ministerie/",
    "Provincie": "/tooi/id/provincie/",
    "Gemeente": "/tooi/id/gemeente/",
    "Waterschap": "/tooi/id/waterschap/",
}
Eis = Literal["eindverantwoordelijke", "regeling"]
EV: Eis = "eindverantwoordelijke"
RM: Eis = "regeling"
#: code → (soort regeling, only for an eindverantwoordelijke of this waardelijst, what it demands); what is
#: allowed comes from the rule's text (:func:`tpod_eisen`), which must name the same soort and condition
TPOD_EISEN: dict[str, tuple[str, str | None, Eis]] = {
    "TPOD2437": ("Ministeriële regeling", None, EV), "TPOD2438": ("Ministeriële regeling", None, RM),
    "TPOD2440": ("Instructie", None, EV), "TPOD2441": ("Instructie", None, RM),
    "TPOD2443": ("Aanwijzingsbesluit N2000", None, EV), "TPOD2444": ("Aanwijzingsbesluit N2000", None, RM),
    "TPOD2446": ("Toegangsbeperkingsbesluit", None, EV),
    "TPOD2447": ("Toegangsbeperkingsbesluit", "Ministerie", RM),
    "TPOD2449": ("Toegangsbeperkingsbesluit", "Provincie", RM),
    "TPOD2451": ("Omgevingsplan", None, EV), "TPOD2452": ("Omgevingsplan", None, RM),
    "TPOD2454": ("Omgevingsverordening", None, EV), "TPOD2455": ("Omgevingsverordening", None, RM),
    "TPOD2457": ("Omgevingsvisie", None, EV), "TPOD2458": ("Omgevingsvisie", None, RM),
    "TPOD2460": ("Programma", None, RM),
    "TPOD2462": ("Projectbesluit", None, EV), "TPOD2463": ("Projectbesluit", None, RM),
    "TPOD2465": ("Omgevingsplanregels uit een projectbesluit", None, EV),
    "TPOD2466": ("Omgevingsplanregels uit een projectbesluit", None, RM),
    "TPOD2468": ("Reactieve interventie", None, EV), "TPOD2469": ("Reactieve interventie", None, RM),
    "TPOD2471": ("Voorbeschermingsregels", None, EV), "TPOD2472": ("Voorbeschermingsregels", None, RM),
    "TPOD2474": ("Voorbeschermingsregels omgevingsplan", None, EV),
    "TPOD2475": ("Voorbeschermingsregels omgevingsplan", None, RM),
    "TPOD2477": ("Voorbeschermingsregels omgevingsverordening", None, EV),
    "TPOD2478": ("Voorbeschermingsregels omgevingsverordening", None, RM),
    "TPOD2480": ("Waterschapsverordening", None, EV), "TPOD2481": ("Waterschapsverordening", None, RM),
}  # fmt: skip
_EIS = re.compile(
    r"Als soortRegeling = '(.+?)'(?: en eindverantwoordelijke van het besluit = waarde uit waardelijst '(\w+)')? "
    r"dan MOET (?:de eindverantwoordelijke van het besluit een waarde uit waardelijst (.+?) zijn"
    r"|voor de regeling (.+?) gebruikt worden)"
)


@cache
def tpod_eisen() -> dict[str, tuple[str, str | None, Eis, frozenset[str]]]:
    """Per code (soort regeling, condition, what, the allowed eindverantwoordelijke prefixes or models)."""
    uit: dict[str, tuple[str, str | None, Eis, frozenset[str]]] = {}
    for code, (soort, voorwaarde, wat) in TPOD_EISEN.items():
        m = _EIS.search(regel(code).beschrijving)
        if m is None or (m[1], m[2], EV if m[3] else RM) != (soort, voorwaarde, wat):
            raise ValueError(f"{code}: de tekst in de validatiematrix zegt iets anders dan TPOD_EISEN")
        toegestaan = (
            [WAARDELIJSTEN[n] for n in re.findall(r"'(\w+)'", m[3])] if m[3] else re.findall(r"Regeling\w+", m[4])
        )
        uit[code] = (soort, voorwaarde, wat, frozenset(toegestaan))
    return uit


def tpod(c: stop.Consolidatie) -> list[CodeMelding]:
    naam = next((n for n, uri in SOORTEN_REGELING.items() if uri == c.soort_regeling), None)
    regeling = next((v for _, v in c.regelingen), c.besluit)
    fouten = []
    for code, (soort, voorwaarde, wat, toegestaan) in tpod_eisen().items():
        if soort != naam or (voorwaarde and not c.eindverantwoordelijke.startswith(WAARDELIJSTEN[voorwaarde])):
            continue
        if wat == EV:
            fout = not c.eindverantwoordelijke.startswith(tuple(toegestaan))
        else:
            fout = bool(c.regelingmodel) and c.regelingmodel not in toegestaan
        if fout:
            fouten.append(melding(code, regeling, soort))
    return fouten


# -- the text against the consolidatie ----------------------------------------------------------------------------
def tekst(c: stop.Consolidatie, bekend: frozenset[str] = frozenset()) -> list[CodeMelding]:
    fouten = []
    if c.soort_regeling and not c.soort_regeling.startswith("/join/id/stop/regelingtype_0"):
        fouten.append(melding("LVBB4007", c.soort_regeling))
    if not c.met_regelingmetadata:
        fouten += [melding("LVBB4040", v, werk(v)) for v in c.regelingversies[:1] if werk(v) not in bekend]
    akn = [w for w in c.wordt if w.startswith("/akn/")]
    fouten += [melding("LVBB4033", w) for w in akn if w not in c.regelingversies]
    terug = "Controles RegelingVersieInformatie"  # the variant for a version no text sets
    fouten += [melding("LVBB4033", v, variant=terug) for v in c.regelingversies if v not in akn]
    fouten += [melding("LVBB4032", v) for _, v in c.regelingen if v.startswith("/akn/") and v not in akn]
    fouten += [melding("LVBB4032", v, variant="JOIN") for _, v in c.informatieobjecten if v not in c.io_refs]
    for wid, refs in c.wijzigingen:
        fouten += [melding("LVBB4002", wid, r) for r in refs if r.startswith("cmp_") and r not in c.wijzigbijlagen]
    genoemd = {r for _, refs in c.wijzigingen for r in refs}
    los = [b for b in c.wijzigbijlagen if b not in genoemd]
    fouten += [melding("LVBB4002", b, variant="Controleer WijzigBijlage]") for b in los]
    return fouten
