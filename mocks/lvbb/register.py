"""What the LVBB mock has published: the state its rules over several leveringen read (:mod:`.mutatieregels`).

Per regeling (work) each version with its soortWork, its wIds, whether an ontwerpbesluit set it and its
juridisch-werkend-vanaf; per informatieobject (work) its expressions; the besluiten (works) and what has been
withdrawn. A publicatie that the LVBB publishes is taken up (:meth:`Register.neem_op`); a validatie is not.
Also: which was-versions a definitive besluit built on, each doel's juridisch-werkend-vanaf, each work's
eindverantwoordelijke and each informatieobject's formaat and publicatieinstructie.
``DELETE /_ketentest/toestand`` makes the mock anew and so empties it.

The wIds of a version made by a ``RegelingMutatie`` are the was-version's, less what ``Verwijder`` and
``Vervang`` take away (the element and, by STOP's hierarchical wIds, every wId below it: ``wat__…``), plus what
``VoegToe`` and ``Vervang`` bring.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards import kennisgeving, lvbb, regelingtekst, stop
from chain_tests.standards.regelingtekst import Mutatie, Regelingtekst
from mocks.lvbb.besluitregels import werk

JWV = "juridischWerkendVanaf"
GELDIG = "geldigVanaf"


@dataclass(frozen=True)
class Versie:
    soort_work: str
    wids: frozenset[str]
    ontwerp: bool  # set by an ontwerpbesluit
    jwv: str  # juridisch werkend vanaf ('' when the besluit gave none)
    geldig: str = ""  # geldig vanaf ('' when the besluit gave none)
    schemaversie: str = ""  # of the besluit that set it
    model: str = ""  # its regeling model (RegelingCompact, …; '' when not known)


def na_mutatie(wids: frozenset[str], m: Mutatie) -> frozenset[str]:
    """The wIds of the wordt-version of mutation ``m`` on a version with ``wids`` (a VervangRegeling: its own)."""
    if m.model:
        return m.geheel
    weg = (*m.verwijderd, *(v.wat for v in m.vervangingen))
    blijft = {w for w in wids if not any(w == x or w.startswith(x + "__") for x in weg)}
    return frozenset(blijft).union(m.toegevoegd, *(v.wids for v in m.vervangingen))


@dataclass(frozen=True)
class Procedure:
    """What a kennisgeving needs of the besluit it tells about."""

    ontwerp: bool
    datum_bekendmaking: str
    bekend_op: str  # the Procedureverloop's bekendOp
    stappen: tuple[tuple[str, str], ...] = ()  # the consolidated procedure steps: (soortStap, voltooidOp)
    consolidaties: tuple[tuple[str, str], ...] = ()  # (bekendOp, ontvangen op) of the besluit and each kennisgeving


@dataclass(frozen=True)
class Levering:
    """A published besluit or kennisgeving as an afbreekopdracht needs it (by its AKN work)."""

    kennisgeving: bool
    expressie: str
    aanleveraar: str  # OIN
    id_levering: str
    bevoegd_gezag: str  # OIN
    datum_bekendmaking: str
    versies: tuple[str, ...] = ()  # the regelingversies it sets
    informatieobjecten: tuple[str, ...] = ()  # the IO versions it sets
    intrekkingen: tuple[str, ...] = ()  # the works it withdraws
    over: str = ""  # a kennisgeving's mededelingOver
    io_jwv: tuple[tuple[str, str], ...] = ()  # (IO version, its juridisch werkend vanaf) where the besluit gives one


@dataclass
class Register:
    besluiten: set[str] = field(default_factory=set)
    regelingen: dict[str, dict[str, Versie]] = field(default_factory=dict)  # work → expression → version
    soort_regeling: dict[str, str] = field(default_factory=dict)  # work → soortRegeling
    informatieobjecten: dict[str, set[str]] = field(default_factory=dict)  # work → expressions
    ingetrokken: set[str] = field(default_factory=set)  # works of regelingen and informatieobjecten
    gebaseerd_op: dict[str, str] = field(default_factory=dict)  # was-version → the definitive besluit that used it
    doelen: dict[str, tuple[str, str]] = field(default_factory=dict)  # doel → (juridisch werkend vanaf, besluit)
    eindverantwoordelijke: dict[str, str] = field(default_factory=dict)  # work (regeling or IO) → its maker
    io_metadata: dict[str, tuple[str, str]] = field(default_factory=dict)  # IO work → (formaat, publicatieinstructie)
    procedures: dict[str, Procedure] = field(default_factory=dict)  # besluit expression → its procedure
    kennisgevingen: set[str] = field(default_factory=set)  # works
    leveringen: dict[str, Levering] = field(default_factory=dict)  # AKN work → its levering, in order
    afgebroken: set[str] = field(default_factory=set)  # the works an afbreekopdracht ended
    was_in: dict[str, str] = field(default_factory=dict)  # was-version → the besluit (expression) that used it
    tijdelijk_deel: dict[str, str] = field(default_factory=dict)  # a tijdelijk regelingdeel (work) → its hoofdregeling
    opvolgers: dict[str, str] = field(default_factory=dict)  # was-version → the wordt-version a definitive besluit set

    def versie(self, expressie: str) -> Versie | None:
        return self.regelingen.get(werk(expressie), {}).get(expressie)

    def opvolger(self, was: str) -> Versie | None:
        """The version a definitive besluit built on ``was`` (whose start is the end of ``was``), if any."""
        return self.versie(self.opvolgers[was]) if was in self.opvolgers else None

    def stelt_vast(self, expressie: str) -> bool:
        """Whether a levering taken up sets regelingversie ``expressie`` (its consolidatie names it)."""
        return any(expressie in lev.versies for lev in self.leveringen.values())

    def io_bekend(self, expressie: str) -> bool:
        return expressie in self.informatieobjecten.get(werk(expressie), set())

    def neem_pakket_op(self, bestanden: dict[str, bytes], ontvangen: str = "") -> None:
        """Take up a published levering, a besluit or a kennisgeving, as its opdracht names it; ``ontvangen`` is the
        day the LVBB processed it (its datum ontvangen-op)."""
        if "opdracht.xml" not in bestanden:
            raise OngeldigeInvoer("geen opdracht.xml in de levering", code="LVBB1002")
        o = lvbb.lees_opdracht(bestanden["opdracht.xml"])
        if o.publicatie not in bestanden:
            raise OngeldigeInvoer(f"de publicatie {o.publicatie} ontbreekt in de levering", code="LVBB1506")
        data = bestanden[o.publicatie]
        if kennisgeving.is_kennisgeving(data, bron=o.publicatie):
            self.neem_kennisgeving_op(data, ontvangen)
            k = kennisgeving.lees(data, bron=o.publicatie)
            lev = Levering(True, k.expressie, o.aanleveraar, o.id_levering, o.bevoegd_gezag, o.datum_bekendmaking,
                           over=k.mededeling_over)  # fmt: skip
            self.leveringen[k.work] = lev
            return
        self.neem_op(bestanden, o.publicatie, o.datum_bekendmaking, ontvangen)
        c = stop.lees_consolidatie(data, bron=o.publicatie)
        jwv = {d: datum for d, soort, datum in c.tijdstempels if soort == JWV}
        self.leveringen[werk(c.besluit)] = Levering(
            False, c.besluit, o.aanleveraar, o.id_levering, o.bevoegd_gezag, o.datum_bekendmaking,
            tuple(v for _, v in c.regelingen), tuple(v for _, v in c.informatieobjecten), c.intrekkingen,
            io_jwv=tuple((v, jwv[d]) for d, v in c.informatieobjecten if jwv.get(d)),
        )  # fmt: skip

    def breek_af(self, akn: str) -> None:
        """An afbreekopdracht ended the publication of ``akn`` (a work): what it set is gone again."""
        lev = self.leveringen.pop(akn)
        self.afgebroken.add(akn)
        self.besluiten.discard(akn)
        self.kennisgevingen.discard(akn)
        self.procedures.pop(lev.expressie, None)
        for v in lev.versies:
            self.regelingen.get(werk(v), {}).pop(v, None)
        self.regelingen = {w: versies for w, versies in self.regelingen.items() if versies}
        for io in lev.informatieobjecten:
            self.informatieobjecten.get(werk(io), set()).discard(io)
        self.ingetrokken -= set(lev.intrekkingen)
        self.doelen = {d: (datum, b) for d, (datum, b) in self.doelen.items() if b != lev.expressie}
        self.gebaseerd_op = {v: b for v, b in self.gebaseerd_op.items() if b != lev.expressie}
        self.was_in = {v: b for v, b in self.was_in.items() if b != lev.expressie}
        self.opvolgers = {was: wordt for was, wordt in self.opvolgers.items() if wordt not in lev.versies}
        gezet = {werk(v) for v in lev.versies}
        self.tijdelijk_deel = {w: h for w, h in self.tijdelijk_deel.items() if w not in gezet}

    def neem_kennisgeving_op(self, data: bytes, ontvangen: str = "") -> None:
        """A kennisgeving: its work, and its steps consolidated into its besluit's procedure."""
        k = kennisgeving.lees(data)
        self.kennisgevingen.add(k.work)
        p = self.procedures.get(k.mededeling_over)
        if p is not None:
            stappen = kennisgeving.na_mutatie(p.stappen, k)
            consolidaties = (*p.consolidaties, (k.bekend_op, ontvangen))
            self.procedures[k.mededeling_over] = replace(p, stappen=stappen, consolidaties=consolidaties)

    def neem_op(
        self, bestanden: dict[str, bytes], publicatie: str, datum_bekendmaking: str = "", ontvangen: str = ""
    ) -> None:
        """Take up a published levering: its besluit ``publicatie`` (text and consolidatie) and its GIOs."""
        besluit = bestanden[publicatie]
        gios = [
            g for n, d in bestanden.items() if n.endswith(".xml") and n != publicatie and (g := stop.lees_gio(d, n))
        ]
        c = stop.lees_consolidatie(besluit)
        t = regelingtekst.lees(besluit)
        self.besluiten.add(werk(c.besluit))
        stappen, bekend_op = kennisgeving.besluit_procedure(besluit)
        self.procedures[c.besluit] = Procedure(
            not c.definitief, datum_bekendmaking, bekend_op, stappen, ((bekend_op, ontvangen),)
        )
        for expressie, versie in _versies(c, t, self).items():
            self.regelingen.setdefault(werk(expressie), {})[expressie] = versie
        for v in t.versies:
            if v.tijdelijk_deel_van:
                self.tijdelijk_deel[werk(v.expressie)] = v.tijdelijk_deel_van
            if v.soort_regeling:
                self.soort_regeling[werk(v.expressie)] = v.soort_regeling
            if v.eindverantwoordelijke:
                self.eindverantwoordelijke[werk(v.expressie)] = v.eindverantwoordelijke
        for g in gios:
            self.informatieobjecten.setdefault(g.work, set()).add(g.expressie)
            if g.met_metadata:
                self.eindverantwoordelijke[g.work] = g.eindverantwoordelijke
                self.io_metadata[g.work] = (g.formaat, g.publicatieinstructie)
        self.ingetrokken.update(c.intrekkingen)
        self.was_in.update((m.was, c.besluit) for m in t.mutaties if m.was)
        if c.definitief:
            self.gebaseerd_op.update((m.was, c.besluit) for m in t.mutaties if m.was)
            self.opvolgers.update((m.was, m.wordt) for m in t.mutaties if m.was and m.wordt)
        self.doelen.update((d, (datum, c.besluit)) for d, soort, datum in c.tijdstempels if soort == JWV and d)


def tijdstempel_per_versie(c: stop.Consolidatie, soort: str = JWV) -> dict[str, str]:
    """The date of tijdstempel ``soort`` of each regelingversie the besluit sets (by its doel)."""
    per_doel = {d: datum for d, s, datum in c.tijdstempels if s == soort}
    return {v: per_doel.get(d, "") for d, v in c.regelingen}


def _versies(c: stop.Consolidatie, t: Regelingtekst, r: Register) -> dict[str, Versie]:
    soort = {v.expressie: v.soort_work for v in t.versies}
    jwv, geldig = tijdstempel_per_versie(c), tijdstempel_per_versie(c, GELDIG)

    def versie(wordt: str, wids: frozenset[str], model: str) -> Versie:
        return Versie(soort.get(wordt, ""), wids, not c.definitief, jwv.get(wordt, ""), geldig.get(wordt, ""),
                      t.schemaversie, model)  # fmt: skip

    uit = {n.wordt: versie(n.wordt, n.wids, n.model) for n in t.nieuw if n.wordt}
    for m in t.mutaties:
        was = r.versie(m.was)
        if m.wordt and was is not None:
            uit[m.wordt] = versie(m.wordt, na_mutatie(was.wids, m), m.model or was.model)
    return uit
