"""The LVBB's rules on a besluit against what it has published before (:class:`~mocks.lvbb.register.Register`),
and the rules on a besluit's regelingmutaties that its own text shows, each with the validatiematrix's code:

- The besluit and new regelingen: a besluit's work not yet published (LVBB4001), its doel without a
  juridisch-werkend-vanaf already (4805); a new regeling not yet existing (5019) and no version set twice (4014);
  a wordt-version named (5005).
- A ``RegelingMutatie``: its was-version named (5006) and published (4015), not by an ontwerpbesluit (5007),
  of the same soortWork (5009) and schemaversie (5020) as the wordt-version, of a regeling not withdrawn (5012),
  not built on by another definitive besluit already (5015; its version's start is then the was-version's end,
  which the wordt-version begins before: 4201, 4207), with a juridisch-werkend-vanaf before the
  wordt-version's (4200) and one (4204), and a geldig-vanaf (4209) not after the wordt-version's (4206), where
  the wordt-version has one; what it
  adds not yet in the was-version (5023), what it removes or replaces there (5024), a replacement with the
  element's own children, no new ones (5025), none from elsewhere (5028), none left out (5026); each context in
  the wordt-version (5027), no context removed by the same mutation (5030), nothing added relative to itself
  (5032), each ``Vervang``'s ``@wat`` the wId of the element it brings (5003); at least one change (5021); a
  ``VervangRegeling`` (the whole text anew) in the was-version's regeling model (5100).
- A besluit still in behandeling (validated, not yet published: ``wachtend``): no mutation on a version it sets
  (4211), no withdrawal of a regeling it sets (4212).
- Withdrawals: a regeling withdrawn must exist (5014) and be juridisch werkend, not only an ontwerp or already
  withdrawn (5013), its current version juridisch werkend and geldig before the withdrawal's dates (4205,
  4210); an informatieobject withdrawn must exist (3800), not be withdrawn already (3801) and have a version
  still standing (3802: not all ended by an afbreekopdracht); no new version of a withdrawn regeling (4052) or
  informatieobject (4051).
- Informatieobjecten: no expression published before (3900); one only to be made known not named by an
  ExtIoRef, which is the regeling's (3902: the besluit's own part names it by ExtRef); each ExtIoRef to one
  delivered or published (3514); each IO of the besluit to be consolidated named by an ExtIoRef (3151);
  opvolgerVan only for an IO to be consolidated (4054) and only to a published one (4050), likewise for a
  regeling (4049); the soortRegeling of a published regeling unchanged (4046), and an informatieobject's formaat
  and publicatieinstructie (4048); the eindverantwoordelijke of a regeling (4055) and of an informatieobject
  (4056) in the same group (gemeente, …).
- ``Vervang`` mutations that overlap (one within another's element, or the same twice: 5033).
- A regeling that succeeds a published one withdraws it, unless withdrawn already (4043).
- A RegelingTijdelijkdeel of a definitive besluit: not the tijdelijk deel of an ontwerpregeling (5022).
- RegelingVersieInformatie: each expression once (4045); soortWork ``work_019``, or ``work_021`` for a
  RegelingTijdelijkdeel (4044).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from chain_tests.standards import stop
from chain_tests.standards.meldingcodes import CodeMelding, melding
from chain_tests.standards.regelingtekst import Mutatie, Regelingtekst, Vervanging
from mocks.lvbb.besluitregels import ALLEEN_BEKEND_TE_MAKEN, werk
from mocks.lvbb.register import GELDIG, Register, Versie, na_mutatie, tijdstempel_per_versie
from mocks.lvbb.register import JWV as JWV_SOORT

SOORT_WORK_REGELING = "/join/id/stop/work_019"
SOORT_WORK_TIJDELIJKDEEL = "/join/id/stop/work_021"
TE_CONSOLIDEREN = "TeConsolideren"


@dataclass(frozen=True)
class Aanlevering:
    """One besluit as the rules read it."""

    consolidatie: stop.Consolidatie
    tekst: Regelingtekst
    gios: tuple[stop.GelezenGio, ...]
    aanleveraar: str
    id_levering: str


def _lijst(wids: Iterable[str]) -> str:
    return ", ".join(sorted(wids))


def controleer(a: Aanlevering, r: Register, wachtend: Register) -> list[CodeMelding]:
    """``r``: what the LVBB has published; ``wachtend``: the publicaties it has validated, not yet published."""
    return [
        *_besluit(a, r),
        *(f for m in a.tekst.mutaties for f in mutatie(m, a, r, wachtend)),
        *_intrekkingen(a.consolidatie, r, wachtend),
        *_informatieobjecten(a, r),
        *_versie_informatie(a, r),
    ]


def _besluit(a: Aanlevering, r: Register) -> list[CodeMelding]:
    c = a.consolidatie
    besluit = werk(c.besluit)
    fouten = [melding("LVBB4001", besluit)] if besluit in r.besluiten else []
    doelen = sorted({d for d, _ in (*c.regelingen, *c.informatieobjecten)} | {d for d, _, _ in c.tijdstempels})
    fouten += [melding("LVBB4805", d, *r.doelen[d]) for d in doelen if d in r.doelen]
    for n in a.tekst.nieuw:
        if not n.wordt:
            fouten.append(melding("LVBB5005"))
        elif r.versie(n.wordt) is not None:
            fouten.append(melding("LVBB4014", n.wordt))
        elif werk(n.wordt) in r.regelingen:
            fouten.append(melding("LVBB5019", werk(n.wordt)))
    return fouten


def mutatie(m: Mutatie, a: Aanlevering, r: Register, wachtend: Register) -> list[CodeMelding]:
    fouten = _eigen(m)
    if not m.wordt or not m.was:
        return [*fouten, *(melding(c) for c, leeg in (("LVBB5005", not m.wordt), ("LVBB5006", not m.was)) if leeg)]
    if r.versie(m.wordt) is not None:
        fouten.append(melding("LVBB4014", m.wordt))
    was = r.versie(m.was)
    if was is None:
        return [*fouten, melding("LVBB4211") if wachtend.stelt_vast(m.was) else melding("LVBB4015", m.was)]
    return [*fouten, *_op_was(m, was, a, r), *_wids(m, was)]


def _eigen(m: Mutatie) -> list[CodeMelding]:
    """What the mutation's own text shows."""
    fouten = [
        melding("LVBB5003", m.wordt, v.wat, v.element, variant="NIEUW")
        for v in m.vervangingen
        if v.element and v.wat != v.element
    ]
    zelf = [c for c, wids in m.toevoegingen if c in wids]
    if zelf:
        fouten.append(melding("LVBB5032", _lijst(zelf)))
    weg = [c for c, _ in m.toevoegingen if c in m.verwijderd]
    if weg:
        fouten.append(melding("LVBB5030", _lijst(weg)))
    if not (m.toevoegingen or m.vervangingen or m.verwijderd or m.model):
        fouten.append(melding("LVBB5021", m.bijlage))
    wat = [v.wat for v in m.vervangingen]
    overlap = {w for i, w in enumerate(wat) for j, x in enumerate(wat) if i != j and (w == x or _onder(w, x))}
    if overlap:
        fouten.append(melding("LVBB5033", _lijst(overlap)))
    return fouten


def _op_was(m: Mutatie, was: Versie, a: Aanlevering, r: Register) -> list[CodeMelding]:
    fouten = [melding("LVBB5007", m.was)] if was.ontwerp else []
    soort = next((v.soort_work for v in a.tekst.versies if v.expressie == m.wordt), "")
    if soort and was.soort_work and soort != was.soort_work:
        fouten.append(melding("LVBB5009", m.was, was.soort_work, soort, m.wordt))
    if werk(m.was) in r.ingetrokken:
        fouten.append(melding("LVBB5012", werk(m.was), m.wordt))
    if m.was in r.gebaseerd_op:
        fouten.append(melding("LVBB5015", m.was, r.gebaseerd_op[m.was]))
    if m.model and was.model and m.model != was.model:
        fouten.append(melding("LVBB5100", werk(m.was), was.model, m.model))
    if a.tekst.schemaversie != was.schemaversie:
        fouten.append(melding("LVBB5020", "Regelingversie", m.wordt, a.tekst.schemaversie, m.was, was.schemaversie))
    return [*fouten, *_tijdstempels(m, was, a.consolidatie), *_voor_het_einde(m, r.opvolger(m.was), a.consolidatie)]


def _voor_het_einde(m: Mutatie, opvolger: Versie | None, c: stop.Consolidatie) -> list[CodeMelding]:
    """The was-version ends where the version another besluit built on it begins: the wordt-version begins before
    that (juridisch werkend 4201, geldig 4207)."""
    if opvolger is None:
        return []
    jwv = tijdstempel_per_versie(c).get(m.wordt, "")
    geldig = tijdstempel_per_versie(c, GELDIG).get(m.wordt, "")
    fouten = []
    if jwv and opvolger.jwv and jwv >= opvolger.jwv:
        fouten.append(melding("LVBB4201", jwv, opvolger.jwv))
    if geldig and opvolger.geldig and geldig >= opvolger.geldig:
        fouten.append(melding("LVBB4207", geldig, opvolger.geldig))
    return fouten


def _tijdstempels(m: Mutatie, was: Versie, c: stop.Consolidatie) -> list[CodeMelding]:
    jwv = tijdstempel_per_versie(c).get(m.wordt, "")
    geldig = tijdstempel_per_versie(c, GELDIG).get(m.wordt, "")
    fouten = []
    if jwv and was.jwv and jwv <= was.jwv:
        fouten.append(melding("LVBB4200", jwv, was.jwv))
    if jwv and not was.jwv:
        fouten.append(melding("LVBB4204", m.was, m.wordt, jwv))
    if geldig and not was.geldig:
        fouten.append(melding("LVBB4209", m.was, m.wordt, geldig))
    if geldig and was.geldig and geldig < was.geldig:
        fouten.append(melding("LVBB4206", geldig, was.geldig))
    return fouten


def _wids(m: Mutatie, was: Versie) -> list[CodeMelding]:
    fouten = []
    dubbel = m.toegevoegd & was.wids
    if dubbel:
        fouten.append(melding("LVBB5023", _lijst(dubbel)))
    onbekend = [w for w in (*m.verwijderd, *(v.wat for v in m.vervangingen)) if w not in was.wids]
    if onbekend:
        fouten.append(melding("LVBB5024", _lijst(onbekend)))
    for v in (v for v in m.vervangingen if v.wat in was.wids):
        fouten += _vervanging(v, was.wids)
    wordt = na_mutatie(was.wids, m)
    zonder = [c for c, _ in m.toevoegingen if c and c not in wordt and c not in m.verwijderd]
    if zonder:
        fouten.append(melding("LVBB5027", _lijst(zonder)))
    return fouten


def _onder(wid: str, ouder: str) -> bool:
    return wid.startswith(ouder + "__")


def _vervanging(v: Vervanging, was: frozenset[str]) -> list[CodeMelding]:
    """A replacement brings the element's own children: none new (5025), none from elsewhere (5028), none left
    out (5026)."""
    kinderen = v.wids - {v.wat, v.element}
    fouten = []
    nieuw = kinderen - was
    if nieuw:
        fouten.append(melding("LVBB5025", _lijst(nieuw)))
    elders = {w for w in kinderen & was if not _onder(w, v.wat)}
    if elders:
        fouten.append(melding("LVBB5028", v.wat, _lijst(elders)))
    weg = {w for w in was if _onder(w, v.wat)} - v.wids
    if weg:
        fouten.append(melding("LVBB5026", _lijst(weg)))
    return fouten


def _intrekkingen(c: stop.Consolidatie, r: Register, wachtend: Register) -> list[CodeMelding]:
    fouten = []
    gesteld = {werk(v) for _, v in c.regelingen}  # set and withdrawn at once is LVBB4804's
    for w in (w for w in c.intrekkingen if w not in gesteld):
        if w.startswith("/join/"):
            if w not in r.informatieobjecten:
                fouten.append(melding("LVBB3800", w))
            elif w in r.ingetrokken:
                fouten.append(melding("LVBB3801"))
            elif not r.informatieobjecten[w]:  # each expression ended by an afbreekopdracht
                fouten.append(melding("LVBB3802"))
        elif w not in r.regelingen:
            fouten.append(melding("LVBB4212") if w in wachtend.regelingen else melding("LVBB5014", w, c.besluit))
        elif w in r.ingetrokken or all(v.ontwerp for v in r.regelingen[w].values()):
            fouten.append(melding("LVBB5013", w))
    fouten += _einde(c, r)
    fouten += [melding("LVBB4052", werk(v)) for _, v in c.regelingen if werk(v) in r.ingetrokken]
    fouten += [melding("LVBB4051", werk(v)) for _, v in c.informatieobjecten if werk(v) in r.ingetrokken]
    return fouten


def _einde(c: stop.Consolidatie, r: Register) -> list[CodeMelding]:
    """A withdrawal ends the regeling's current version on its doel's juridisch-werkend-vanaf and geldig-vanaf (its
    juridisch werkend tot, geldig tot): each after the version's own start (4205, 4210)."""
    datums = {(d, soort): datum for d, soort, datum in c.tijdstempels}
    fouten = []
    for doel, w in c.intrekking_doelen:
        if w not in r.regelingen or w in r.ingetrokken:
            continue
        expressie, versie = list(r.regelingen[w].items())[-1]
        tot_jwv, tot_geldig = datums.get((doel, JWV_SOORT), ""), datums.get((doel, GELDIG), "")
        if tot_jwv and versie.jwv and versie.jwv >= tot_jwv:
            fouten.append(melding("LVBB4205", expressie, versie.jwv, tot_jwv))
        if tot_geldig and versie.geldig and versie.geldig >= tot_geldig:
            fouten.append(melding("LVBB4210", expressie, versie.geldig, tot_geldig))
    return fouten


def _informatieobjecten(a: Aanlevering, r: Register) -> list[CodeMelding]:
    geleverd = {g.expressie for g in a.gios}
    refs = {ref.strip() for ref, _ in a.consolidatie.ext_io_refs}
    fouten = [
        melding("LVBB3900", a.aanleveraar, a.id_levering, g.expressie) for g in a.gios if r.io_bekend(g.expressie)
    ]
    fouten += [melding("LVBB3514", a.consolidatie.besluit, ref) for ref in sorted(refs - geleverd) if ref
               and not r.io_bekend(ref)]  # fmt: skip
    for g in a.gios:
        te_consolideren = g.publicatieinstructie == TE_CONSOLIDEREN
        if te_consolideren and g.expressie in a.consolidatie.io_refs and g.expressie not in refs:
            fouten.append(melding("LVBB3151", g.expressie))
        if g.opvolger_van and not te_consolideren:
            fouten.append(melding("LVBB4054", g.expressie))
        if g.publicatieinstructie == ALLEEN_BEKEND_TE_MAKEN and g.expressie in refs:
            fouten.append(melding("LVBB3902", g.expressie))
        fouten += [melding("LVBB4050", o) for o in g.opvolger_van if o not in r.informatieobjecten]
        fouten += _io_metadata(g, r)
    return fouten


def _groep(eindverantwoordelijke: str) -> str:
    """/tooi/id/gemeente/gm9920 → gemeente."""
    return eindverantwoordelijke.removeprefix("/tooi/id/").split("/", 1)[0]


def _io_metadata(g: stop.GelezenGio, r: Register) -> list[CodeMelding]:
    if not g.met_metadata or g.work not in r.io_metadata:
        return []
    formaat, instructie = r.io_metadata[g.work]
    fouten = [
        melding("LVBB4048", naam)
        for naam, eerder, nu in (("formaatInformatieobject", formaat, g.formaat),
                                 ("publicatieinstructie", instructie, g.publicatieinstructie))
        if eerder != nu
    ]  # fmt: skip
    if _groep(r.eindverantwoordelijke.get(g.work, "")) != _groep(g.eindverantwoordelijke):
        fouten.append(melding("LVBB4056"))
    return fouten


def _versie_informatie(a: Aanlevering, r: Register) -> list[CodeMelding]:
    versies = a.tekst.versies
    expressies = [v.expressie for v in versies]
    fouten = [melding("LVBB4045", e) for e in sorted({e for e in expressies if expressies.count(e) > 1})]
    tijdelijk = a.consolidatie.regelingmodel == "RegelingTijdelijkdeel"
    verwacht = SOORT_WORK_TIJDELIJKDEEL if tijdelijk else SOORT_WORK_REGELING
    fouten += [
        melding("LVBB4044", v.soort_work, v.expressie, f" MOET {verwacht} zijn")
        for v in versies
        if v.soort_work and v.soort_work != verwacht
    ]
    ingetrokken = r.ingetrokken | set(a.consolidatie.intrekkingen)
    for v in versies:
        fouten += [melding("LVBB4049", o) for o in v.opvolger_van if o not in r.regelingen]
        hoofd = r.regelingen.get(v.tijdelijk_deel_van, {})
        if a.consolidatie.definitief and hoofd and all(versie.ontwerp for versie in hoofd.values()):
            fouten.append(melding("LVBB5022", v.tijdelijk_deel_van))
        niet = sorted(o for o in v.opvolger_van if o in r.regelingen and o not in ingetrokken)
        if niet:
            fouten.append(melding("LVBB4043", _lijst(niet)))
        eerder = r.soort_regeling.get(werk(v.expressie), "")
        if v.soort_regeling and eerder and v.soort_regeling != eerder:
            fouten.append(melding("LVBB4046", "soortRegeling"))
        maker = r.eindverantwoordelijke.get(werk(v.expressie), "")
        if v.eindverantwoordelijke and maker and _groep(v.eindverantwoordelijke) != _groep(maker):
            fouten.append(melding("LVBB4055"))
    return fouten
