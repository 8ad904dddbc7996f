"""Evaluate the decisions of an STTR file for a set of answers.

Decision requirements are evaluated depth-first (each decision once); inputData get their value
from the answers, keyed by uitvoeringsregel id, or from a fixed value in the file (``uitv:vasteWaarde``
and friends: such a question is not asked). Hit policies: UNIQUE, FIRST, ANY, RULE ORDER, COLLECT (with
SUM/MIN/MAX/COUNT). PRIORITY and OUTPUT ORDER need output value lists, which STTR does not use; they are
refused with a clear error.

With ``open_is_onbekend=True`` (the vergunningcheck) an unanswered question is *unknown* rather than
null: a rule whose entry for it is not ``-`` might match, and a decision is only concluded when no such
rule can change it. The result then says which questions are still open (the loket asks them first).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from chain_tests.errors import ChainTestError
from chain_tests.standards.sttr.antwoorden import vaste_waarde
from chain_tests.standards.sttr.feel import Value, evaluate, feel_eq, to_feel, unary_test
from chain_tests.standards.sttr.model import Beslissing, Beslistabel, DmnRegel, SttrBestand


class DmnFout(ChainTestError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="KT-DMN")


@dataclass(frozen=True)
class Onbekend:
    """A value that depends on questions not yet answered (their uitvoeringsregel ids)."""

    vragen: frozenset[str]


@dataclass
class DmnResultaat:
    """The outcome of the top decision, every decision's value, and which rules matched."""

    uitkomst: Value
    waarden: dict[str, Value] = field(default_factory=dict)
    gematcht: dict[str, list[str]] = field(default_factory=dict)
    voorbehouden: list[str] = field(default_factory=list)  # tekstVoorbehoud of fixed values that were used

    @property
    def bepaald(self) -> bool:
        return not isinstance(self.uitkomst, Onbekend)

    #: The uitvoeringsregel ids still to be answered, in the order the loket asks them (prioriteit).
    open_vragen: list[str] = field(default_factory=list)

    def als_lijst(self) -> list[Value]:
        return self.uitkomst if isinstance(self.uitkomst, list) else [self.uitkomst]


class _Evaluatie:
    def __init__(self, bestand: SttrBestand, antwoorden: Mapping[str, object], open_is_onbekend: bool) -> None:
        self.bestand = bestand
        self.antwoorden = {k: to_feel(v) for k, v in antwoorden.items()}
        self.open_is_onbekend = open_is_onbekend
        self.regels = {r.id: r for r in bestand.uitvoeringsregels}
        self.resultaat = DmnResultaat(None)
        self.bezig: set[str] = set()

    def invoer_waarde(self, invoer_id: str) -> tuple[str, Value]:
        gegeven = self.bestand.invoer.get(invoer_id)
        if gegeven is None:
            raise DmnFout(f"requiredInput #{invoer_id} verwijst naar een onbekend inputData-element")
        sleutel = gegeven.uitvoeringsregel_id or gegeven.variabele
        regel = self.regels.get(sleutel)
        if regel is not None and regel.soort == "vast":
            if regel.voorbehoud and regel.voorbehoud not in self.resultaat.voorbehouden:
                self.resultaat.voorbehouden.append(regel.voorbehoud)
            return gegeven.variabele, to_feel(vaste_waarde(regel))
        if regel is not None and regel.soort == "niet-ondersteund":
            raise DmnFout(
                f"uitvoeringsregel {regel.id} (uitv:{regel.element}) verwijst naar regels buiten dit bestand; "
                "dat evalueert de vergunningcheck van ketentest niet"
            )
        if sleutel in self.antwoorden or gegeven.variabele in self.antwoorden:
            return gegeven.variabele, self.antwoorden.get(sleutel, self.antwoorden.get(gegeven.variabele))
        if self.open_is_onbekend and regel is not None and regel.soort in ("vraag", "geo"):
            return gegeven.variabele, Onbekend(frozenset({regel.id}))
        return gegeven.variabele, None

    def beslissing(self, beslissing_id: str) -> Value:
        if beslissing_id in self.resultaat.waarden:
            return self.resultaat.waarden[beslissing_id]
        b = self.bestand.beslissingen.get(beslissing_id)
        if b is None:
            raise DmnFout(f"requiredDecision #{beslissing_id} verwijst naar een onbekende beslissing")
        if beslissing_id in self.bezig:
            raise DmnFout(f"beslissing {b.naam!r} hangt (via andere beslissingen) van zichzelf af")
        self.bezig.add(beslissing_id)
        context: dict[str, Value] = {}
        for req in b.vereiste_beslissingen:
            waarde = self.beslissing(req)
            context[self.bestand.beslissingen[req].variabele] = waarde
        for req in b.vereiste_invoer:
            naam, waarde = self.invoer_waarde(req)
            context[naam] = waarde
        waarde = self.tabel(b, context)
        self.bezig.discard(beslissing_id)
        self.resultaat.waarden[beslissing_id] = waarde
        return waarde

    def tabel(self, b: Beslissing, context: dict[str, Value]) -> Value:
        t = b.tabel
        if t is None:
            raise DmnFout(f"beslissing {b.naam!r} heeft geen beslistabel (alleen beslistabellen worden ondersteund)")
        invoer = [_expressie(expr, context) for expr in t.invoer]
        bekend = {k: v for k, v in context.items() if not isinstance(v, Onbekend)}
        hits: list[DmnRegel] = []
        open_: set[str] = set()
        eerste = t.hit_policy.upper() == "FIRST"
        for r in t.regels:
            past, hangt_af = _past(r, invoer, context, bekend)
            if past is False:
                continue
            if past is None:  # might match once the open questions are answered
                open_ |= hangt_af
                if eerste:  # an earlier rule that might match decides first
                    return Onbekend(frozenset(open_))
                continue
            hits.append(r)
            if eerste:
                break
        if open_:
            return Onbekend(frozenset(open_))
        self.resultaat.gematcht[b.id] = [r.id for r in hits]
        outputs = [_uitvoer(t, r.uitvoer, bekend) for r in hits]
        return _hit_policy(b, t, outputs)


def _onbekende_namen(tekst: str, context: Mapping[str, Value]) -> set[str]:
    vragen: set[str] = set()
    for naam, waarde in context.items():
        if isinstance(waarde, Onbekend) and naam in tekst:
            vragen |= waarde.vragen
    return vragen


def _expressie(expr: str, context: Mapping[str, Value]) -> Value:
    """An input expression: a context name directly; otherwise unknown when it mentions an unknown."""
    tekst = expr.strip()
    if tekst in context:
        return context[tekst]
    open_ = _onbekende_namen(tekst, context)
    if open_:
        return Onbekend(frozenset(open_))
    return evaluate(tekst, context)


def _past(
    r: DmnRegel, invoer: list[Value], context: Mapping[str, Value], bekend: Mapping[str, Value]
) -> tuple[bool | None, set[str]]:
    """Does rule ``r`` match: True, False, or None (depends on the open questions it returns)?"""
    hangt_af: set[str] = set()
    for entry, waarde in zip(r.invoer, invoer, strict=True):
        if entry.strip() in ("-", ""):
            continue
        open_ = _onbekende_namen(entry, context) | (waarde.vragen if isinstance(waarde, Onbekend) else set())
        if open_:
            hangt_af |= open_
            continue
        if not unary_test(entry, waarde, bekend):
            return False, set()
    return (None, hangt_af) if hangt_af else (True, set())


def _uitvoer(t: Beslistabel, entries: tuple[str, ...], context: Mapping[str, Value]) -> Value:
    values = [evaluate(e, context) if e.strip() else None for e in entries]
    if len(values) == 1:
        return values[0]
    return dict(zip(t.uitvoer_namen, values, strict=True))


def _hit_policy(b: Beslissing, t: Beslistabel, outputs: list[Value]) -> Value:
    policy = t.hit_policy.upper()
    if policy == "FIRST":
        return outputs[0] if outputs else None
    if policy == "UNIQUE":
        if len(outputs) > 1:
            raise DmnFout(f"beslissing {b.naam!r} (UNIQUE) heeft {len(outputs)} treffers")
        return outputs[0] if outputs else None
    if policy == "ANY":
        if any(feel_eq(o, outputs[0]) is not True for o in outputs[1:]):
            raise DmnFout(f"beslissing {b.naam!r} (ANY) heeft treffers met verschillende uitkomsten")
        return outputs[0] if outputs else None
    if policy == "RULE ORDER":
        return outputs
    if policy == "COLLECT":
        return _collect(b, t.aggregatie, outputs)
    raise DmnFout(f"hitPolicy {t.hit_policy} van beslissing {b.naam!r} wordt niet ondersteund")


def _collect(b: Beslissing, aggregatie: str | None, outputs: list[Value]) -> Value:
    if aggregatie is None:
        return outputs
    if aggregatie == "COUNT":
        return Decimal(len(outputs))
    numbers: list[Any] = [o for o in outputs if isinstance(o, Decimal)]
    if len(numbers) != len(outputs):
        raise DmnFout(f"beslissing {b.naam!r}: COLLECT {aggregatie} over niet-numerieke uitkomsten")
    if not numbers:
        return None
    return {"SUM": sum(numbers, Decimal(0)), "MIN": min(numbers), "MAX": max(numbers)}[aggregatie]


def evalueer(
    bestand: SttrBestand,
    antwoorden: Mapping[str, object],
    beslissing_id: str | None = None,
    *,
    open_is_onbekend: bool = False,
) -> DmnResultaat:
    """Evaluate the top decision (or ``beslissing_id``) for the answers (keyed by uitvoeringsregel id).

    With ``open_is_onbekend`` an unanswered question may still change the outcome (see the module docs)."""
    top = beslissing_id or bestand.top_id
    if not top:
        raise DmnFout("het bestand heeft geen beslissing met bedr:functioneleStructuurRef (topbeslissing)")
    ev = _Evaluatie(bestand, antwoorden, open_is_onbekend)
    ev.resultaat.uitkomst = ev.beslissing(top)
    if isinstance(ev.resultaat.uitkomst, Onbekend):
        open_ = ev.resultaat.uitkomst.vragen
        ev.resultaat.open_vragen = [r.id for r in bestand.uitvoeringsregels if r.id in open_]
    return ev.resultaat
