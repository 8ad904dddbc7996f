"""What the LVBB mock has published: the state its rules over several leveringen read (:mod:`.mutatieregels`).

Per regeling (work) each version with its soortWork, its wIds, whether an ontwerpbesluit set it and its
juridisch-werkend-vanaf; per informatieobject (work) its expressions; the besluiten (works) and what has been
withdrawn. A publicatie that the LVBB publishes is taken up (:meth:`Register.neem_op`); a validatie is not.
``DELETE /_ketentest/toestand`` makes the mock anew and so empties it.

The wIds of a version made by a ``RegelingMutatie`` are the was-version's, less what ``Verwijder`` and
``Vervang`` take away (the element and, by STOP's hierarchical wIds, every wId below it: ``wat__…``), plus what
``VoegToe`` and ``Vervang`` bring.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chain_tests.standards import regelingtekst, stop
from chain_tests.standards.regelingtekst import Mutatie, Regelingtekst

JWV = "juridischWerkendVanaf"


def werk(expressie: str) -> str:
    """The work of an expression: what stands before its language part."""
    return expressie.split("@", 1)[0].rsplit("/", 1)[0]


@dataclass(frozen=True)
class Versie:
    soort_work: str
    wids: frozenset[str]
    ontwerp: bool  # set by an ontwerpbesluit
    jwv: str  # juridisch werkend vanaf ('' when the besluit gave none)


def na_mutatie(wids: frozenset[str], m: Mutatie) -> frozenset[str]:
    """The wIds of the wordt-version of mutation ``m`` on a version with ``wids``."""
    weg = (*m.verwijderd, *(v.wat for v in m.vervangingen))
    blijft = {w for w in wids if not any(w == x or w.startswith(x + "__") for x in weg)}
    return frozenset(blijft).union(m.toegevoegd, *(v.wids for v in m.vervangingen))


@dataclass
class Register:
    besluiten: set[str] = field(default_factory=set)
    regelingen: dict[str, dict[str, Versie]] = field(default_factory=dict)  # work → expression → version
    soort_regeling: dict[str, str] = field(default_factory=dict)  # work → soortRegeling
    informatieobjecten: dict[str, set[str]] = field(default_factory=dict)  # work → expressions
    ingetrokken: set[str] = field(default_factory=set)  # works of regelingen and informatieobjecten

    def versie(self, expressie: str) -> Versie | None:
        return self.regelingen.get(werk(expressie), {}).get(expressie)

    def io_bekend(self, expressie: str) -> bool:
        return expressie in self.informatieobjecten.get(werk(expressie), set())

    def neem_op(self, bestanden: dict[str, bytes], publicatie: str) -> None:
        """Take up a published levering: its besluit ``publicatie`` (text and consolidatie) and its GIOs."""
        besluit = bestanden[publicatie]
        gios = [
            g for n, d in bestanden.items() if n.endswith(".xml") and n != publicatie and (g := stop.lees_gio(d, n))
        ]
        c = stop.lees_consolidatie(besluit)
        t = regelingtekst.lees(besluit)
        self.besluiten.add(werk(c.besluit))
        for expressie, versie in _versies(c, t, self).items():
            self.regelingen.setdefault(werk(expressie), {})[expressie] = versie
        for v in t.versies:
            if v.soort_regeling:
                self.soort_regeling[werk(v.expressie)] = v.soort_regeling
        for g in gios:
            self.informatieobjecten.setdefault(g.work, set()).add(g.expressie)
        self.ingetrokken.update(c.intrekkingen)


def jwv_per_versie(c: stop.Consolidatie) -> dict[str, str]:
    """The juridisch-werkend-vanaf of each regelingversie the besluit sets (by its doel)."""
    per_doel = {d: datum for d, soort, datum in c.tijdstempels if soort == JWV}
    return {v: per_doel.get(d, "") for d, v in c.regelingen}


def _versies(c: stop.Consolidatie, t: Regelingtekst, r: Register) -> dict[str, Versie]:
    soort = {v.expressie: v.soort_work for v in t.versies}
    jwv = jwv_per_versie(c)
    uit = {
        n.wordt: Versie(soort.get(n.wordt, ""), n.wids, not c.definitief, jwv.get(n.wordt, ""))
        for n in t.nieuw
        if n.wordt
    }
    for m in t.mutaties:
        was = r.versie(m.was)
        if m.wordt and was is not None:
            uit[m.wordt] = Versie(soort.get(m.wordt, ""), na_mutatie(was.wids, m), not c.definitief,
                                  jwv.get(m.wordt, ""))  # fmt: skip
    return uit
