"""Evaluate the decisions of an STTR file for a set of answers.

Decision requirements are evaluated depth-first (each decision once); inputData get their value
from the answers, keyed by uitvoeringsregel id. Hit policies: UNIQUE, FIRST, ANY, RULE ORDER,
COLLECT (with SUM/MIN/MAX/COUNT). PRIORITY and OUTPUT ORDER need output value lists, which STTR
does not use; they are refused with a clear error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from chain_tests.errors import ChainTestError
from chain_tests.standards.sttr.feel import Value, evaluate, feel_eq, to_feel, unary_test
from chain_tests.standards.sttr.model import Beslissing, Beslistabel, SttrBestand


class DmnFout(ChainTestError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="KT-DMN")


@dataclass
class DmnResultaat:
    """The outcome of the top decision, every decision's value, and which rules matched."""

    uitkomst: Value
    waarden: dict[str, Value] = field(default_factory=dict)
    gematcht: dict[str, list[str]] = field(default_factory=dict)

    def als_lijst(self) -> list[Value]:
        return self.uitkomst if isinstance(self.uitkomst, list) else [self.uitkomst]


class _Evaluatie:
    def __init__(self, bestand: SttrBestand, antwoorden: Mapping[str, object]) -> None:
        self.bestand = bestand
        self.antwoorden = {k: to_feel(v) for k, v in antwoorden.items()}
        self.resultaat = DmnResultaat(None)
        self.bezig: set[str] = set()

    def invoer_waarde(self, invoer_id: str) -> tuple[str, Value]:
        gegeven = self.bestand.invoer.get(invoer_id)
        if gegeven is None:
            raise DmnFout(f"requiredInput #{invoer_id} verwijst naar een onbekend inputData-element")
        sleutel = gegeven.uitvoeringsregel_id or gegeven.variabele
        return gegeven.variabele, self.antwoorden.get(sleutel, self.antwoorden.get(gegeven.variabele))

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
        invoer = [evaluate(expr, context) for expr in t.invoer]
        hits = [r for r in t.regels if all(unary_test(e, v, context) for e, v in zip(r.invoer, invoer, strict=True))]
        self.resultaat.gematcht[b.id] = [r.id for r in hits]
        outputs = [_uitvoer(t, r.uitvoer, context) for r in hits]
        return _hit_policy(b, t, outputs)


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


def evalueer(bestand: SttrBestand, antwoorden: Mapping[str, object], beslissing_id: str | None = None) -> DmnResultaat:
    """Evaluate the top decision (or ``beslissing_id``) for the answers (keyed by uitvoeringsregel id)."""
    top = beslissing_id or bestand.top_id
    if not top:
        raise DmnFout("het bestand heeft geen beslissing met bedr:functioneleStructuurRef (topbeslissing)")
    ev = _Evaluatie(bestand, antwoorden)
    ev.resultaat.uitkomst = ev.beslissing(top)
    return ev.resultaat
