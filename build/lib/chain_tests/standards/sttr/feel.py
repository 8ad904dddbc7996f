"""A focused FEEL evaluator: the subset that STTR files use.

Supported: literals (numbers, strings, ``true``/``false``/``null``), names (including names with
spaces and hyphens, resolved longest-match against the context), ``?`` (the input value in a unary
test), ``if … then … else``, ``and``/``or``/``not()`` with FEEL three-valued logic, comparisons,
``+ - * /``, lists, and the functions ``contains``, ``starts with``, ``ends with``,
``string length``, ``upper case``, ``lower case``, ``count``, ``list contains``, ``sum``, ``min``,
``max``. Unary tests: ``-``, comma-separated disjunctions, ``not(…)``, comparisons
(``< 5``, ``>= 10``), intervals (``[1..5]``, ``]1..5[``) and boolean expressions over ``?``.

Why not a library: pySFeel (used by pyDMNrules) cannot parse ``if ?=null then … else …``, which the
real RTR files use; see docs/architecture.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from chain_tests.errors import ChainTestError

Value = Any  # None | bool | Decimal | str | list[Value]


class FeelFout(ChainTestError):
    """A FEEL expression the evaluator cannot parse or does not support."""

    def __init__(self, message: str, expressie: str) -> None:
        super().__init__(f"FEEL-expressie {expressie!r}: {message}", code="KT-FEEL")


_TOKEN = re.compile(
    r"""\s*(?:
    (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<op><=|>=|!=|\.\.|[=<>+\-*/(),\[\]?])
  | (?P<name>[A-Za-z_][\w\-.']*)
    )""",
    re.VERBOSE,
)
_KEYWORDS = {"if", "then", "else", "and", "or", "true", "false", "null", "in"}
_MULTIWORD_FUNCTIONS = ("starts with", "ends with", "string length", "upper case", "lower case", "list contains")


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str


def _tokenize(text: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise FeelFout(f"onverwacht teken op positie {pos}", text)
        kind = m.lastgroup or ""
        tokens.append(_Tok(kind, m.group(kind)))
        pos = m.end()
    return tokens


def to_feel(value: object) -> Value:
    """Normalise a Python/JSON value to a FEEL value (numbers become Decimal)."""
    if value is None or isinstance(value, bool | str | Decimal):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    if isinstance(value, list | tuple):
        return [to_feel(v) for v in value]
    raise FeelFout(f"waarde van type {type(value).__name__} wordt niet ondersteund", repr(value))


def _same_kind(a: Value, b: Value) -> bool:
    kinds = (bool, Decimal, str, list)
    return any(isinstance(a, k) and isinstance(b, k) for k in kinds)


def feel_eq(a: Value, b: Value) -> bool | None:
    if a is None or b is None:
        return a is None and b is None
    if not _same_kind(a, b):
        return None
    return bool(a == b)


def _compare(op: str, a: Value, b: Value) -> bool | None:
    if op == "=":
        return feel_eq(a, b)
    if op == "!=":
        eq = feel_eq(a, b)
        return None if eq is None else not eq
    if a is None or b is None or not _same_kind(a, b) or isinstance(a, bool | list):
        return None
    result: bool = {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
    return result


def _fn_contains(s: Value, m: Value) -> Value:
    return m in s if isinstance(s, str) and isinstance(m, str) else None


def _fn_list_contains(lst: Value, v: Value) -> Value:
    return any(feel_eq(x, v) is True for x in lst) if isinstance(lst, list) else None


def _fn_not(v: Value) -> Value:
    return (not v) if isinstance(v, bool) else None


def _str_fn(f: Callable[[str], Value]) -> Callable[[Value], Value]:
    return lambda s: f(s) if isinstance(s, str) else None


def _num_list_fn(f: Callable[[list[Decimal]], Value]) -> Callable[..., Value]:
    def call(*args: Value) -> Value:
        items = args[0] if len(args) == 1 and isinstance(args[0], list) else list(args)
        if not items or not all(isinstance(x, Decimal) for x in items):
            return None
        return f(items)

    return call


_FUNCTIONS: dict[str, Callable[..., Value]] = {
    "contains": _fn_contains,
    "starts with": lambda s, m: s.startswith(m) if isinstance(s, str) and isinstance(m, str) else None,
    "ends with": lambda s, m: s.endswith(m) if isinstance(s, str) and isinstance(m, str) else None,
    "string length": _str_fn(lambda s: Decimal(len(s))),
    "upper case": _str_fn(str.upper),
    "lower case": _str_fn(str.lower),
    "not": _fn_not,
    "count": lambda lst: Decimal(len(lst)) if isinstance(lst, list) else None,
    "list contains": _fn_list_contains,
    "sum": _num_list_fn(lambda xs: sum(xs, Decimal(0))),
    "min": _num_list_fn(min),
    "max": _num_list_fn(max),
}


class _Parser:
    """Recursive-descent parser that evaluates while parsing (expressions are tiny)."""

    def __init__(self, text: str, context: Mapping[str, Value]) -> None:
        self.text = text
        self.toks = _tokenize(text)
        self.i = 0
        self.ctx = context

    # -- helpers -----------------------------------------------------------------------------
    def peek(self, offset: int = 0) -> _Tok | None:
        j = self.i + offset
        return self.toks[j] if j < len(self.toks) else None

    def at(self, text: str) -> bool:
        tok = self.peek()
        return tok is not None and tok.text == text and tok.kind in ("op", "name")

    def expect(self, text: str) -> None:
        if not self.at(text):
            found = self.peek()
            raise FeelFout(f"verwacht {text!r}, gevonden {found.text if found else 'einde'!r}", self.text)
        self.i += 1

    def done(self) -> Value:
        value = self.expression()
        if self.peek() is not None:
            raise FeelFout(f"onverwacht {self.peek().text!r}", self.text)  # type: ignore[union-attr]
        return value

    # -- grammar -----------------------------------------------------------------------------
    def expression(self) -> Value:
        if self.at("if"):
            self.i += 1
            cond = self.expression()
            self.expect("then")
            then_v = self.expression()
            self.expect("else")
            else_v = self.expression()
            return then_v if cond is True else else_v
        return self.disjunction()

    def disjunction(self) -> Value:
        left = self.conjunction()
        while self.at("or"):
            self.i += 1
            right = self.conjunction()
            left = True if True in (left, right) else (False if left is False and right is False else None)
        return left

    def conjunction(self) -> Value:
        left = self.comparison()
        while self.at("and"):
            self.i += 1
            right = self.comparison()
            left = False if False in (left, right) else (True if left is True and right is True else None)
        return left

    def comparison(self) -> Value:
        left = self.additive()
        tok = self.peek()
        if tok is not None and tok.kind == "op" and tok.text in ("=", "!=", "<", "<=", ">", ">="):
            self.i += 1
            return _compare(tok.text, left, self.additive())
        return left

    def additive(self) -> Value:
        left = self.multiplicative()
        while self.at("+") or self.at("-"):
            op = self.toks[self.i].text
            self.i += 1
            right = self.multiplicative()
            left = _arith(op, left, right)
        return left

    def multiplicative(self) -> Value:
        left = self.unary()
        while self.at("*") or self.at("/"):
            op = self.toks[self.i].text
            self.i += 1
            left = _arith(op, left, self.unary())
        return left

    def unary(self) -> Value:
        if self.at("-"):
            self.i += 1
            v = self.unary()
            return -v if isinstance(v, Decimal) else None
        return self.primary()

    def primary(self) -> Value:
        tok = self.peek()
        if tok is None:
            raise FeelFout("onverwacht einde", self.text)
        if tok.kind == "string":
            self.i += 1
            return bytes(tok.text[1:-1], "utf-8").decode("unicode_escape") if "\\" in tok.text else tok.text[1:-1]
        if tok.kind == "number":
            self.i += 1
            return Decimal(tok.text)
        if tok.text == "(":
            self.i += 1
            v = self.expression()
            self.expect(")")
            return v
        if tok.text == "[":
            return self.list_literal()
        if tok.text == "?":
            self.i += 1
            if "?" not in self.ctx:
                raise FeelFout("'?' komt alleen voor in een invoertest (unary test)", self.text)
            return self.ctx["?"]
        if tok.kind == "name":
            return self.name_or_call()
        raise FeelFout(f"onverwacht {tok.text!r}", self.text)

    def list_literal(self) -> Value:
        self.expect("[")
        items: list[Value] = []
        while not self.at("]"):
            items.append(self.expression())
            if not self.at("]"):
                self.expect(",")
        self.expect("]")
        return items

    def name_or_call(self) -> Value:
        first = self.toks[self.i].text
        if first in ("true", "false", "null"):
            self.i += 1
            return {"true": True, "false": False, "null": None}[first]
        for fn in _MULTIWORD_FUNCTIONS:
            words = fn.split()
            if [t.text if t else None for t in (self.peek(k) for k in range(len(words)))] == words:
                nxt = self.peek(len(words))
                if nxt is not None and nxt.text == "(":
                    self.i += len(words)
                    return self.call(fn)
        nxt = self.peek(1)
        if nxt is not None and nxt.text == "(" and first in _FUNCTIONS:
            self.i += 1
            return self.call(first)
        return self.variable()

    def call(self, fn: str) -> Value:
        self.expect("(")
        args: list[Value] = []
        while not self.at(")"):
            args.append(self.expression())
            if not self.at(")"):
                self.expect(",")
        self.expect(")")
        try:
            return _FUNCTIONS[fn](*args)
        except TypeError as exc:
            raise FeelFout(f"verkeerd aantal argumenten voor {fn}()", self.text) from exc

    def variable(self) -> Value:
        # Longest run of name tokens (joined by single spaces) that is a context key.
        j = self.i
        words: list[str] = []
        best: tuple[int, str] | None = None
        while j < len(self.toks) and self.toks[j].kind == "name" and self.toks[j].text not in _KEYWORDS:
            words.append(self.toks[j].text)
            if " ".join(words) in self.ctx:
                best = (j + 1, " ".join(words))
            j += 1
        if best is None:
            raise FeelFout(f"onbekende naam {self.toks[self.i].text!r}", self.text)
        self.i = best[0]
        return self.ctx[best[1]]


def _arith(op: str, a: Value, b: Value) -> Value:
    if isinstance(a, str) and isinstance(b, str) and op == "+":
        return a + b
    if not (isinstance(a, Decimal) and isinstance(b, Decimal)) or isinstance(a, bool) or isinstance(b, bool):
        return None
    try:
        return {"+": a + b, "-": a - b, "*": a * b}[op] if op != "/" else (a / b if b else None)
    except InvalidOperation:
        return None


def evaluate(expression: str, context: Mapping[str, Value]) -> Value:
    """Evaluate a FEEL expression. A whole-text context name (e.g. a DMN variable) wins."""
    text = expression.strip()
    ctx = {k: to_feel(v) for k, v in context.items()}
    if text in ctx:
        return ctx[text]
    return _Parser(text, ctx).done()


# -- unary tests --------------------------------------------------------------------------------


def _split_top_level(text: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    in_string = False
    current: list[str] = []
    prev = ""
    for ch in text:
        if ch == '"' and prev != "\\":
            in_string = not in_string
        elif not in_string and ch in "([":
            depth += 1
        elif not in_string and ch in ")]":
            depth -= 1
        if ch == "," and depth == 0 and not in_string:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        prev = ch
    parts.append("".join(current).strip())
    return parts


def _uses_input(text: str) -> bool:
    return any(t.text == "?" for t in _tokenize(text))


_INTERVAL = re.compile(r"^([\[\]\(])\s*(.+?)\s*\.\.\s*(.+?)\s*([\[\]\)])$")


def _simple_test(test: str, value: Value, context: Mapping[str, Value]) -> bool:
    for op in ("<=", ">=", "!=", "<", ">", "="):
        if test.startswith(op):
            return _compare(op, value, evaluate(test[len(op) :], context)) is True
    m = _INTERVAL.match(test)
    if m:
        lo, hi = evaluate(m.group(2), context), evaluate(m.group(3), context)
        lo_ok = _compare(">=" if m.group(1) == "[" else ">", value, lo)
        hi_ok = _compare("<=" if m.group(4) == "]" else "<", value, hi)
        return lo_ok is True and hi_ok is True
    endpoint = evaluate(test, context)
    if isinstance(endpoint, list):
        return any(feel_eq(value, e) is True for e in endpoint)
    return feel_eq(value, endpoint) is True


def unary_test(test: str, value: object, context: Mapping[str, Value] | None = None) -> bool:
    """Does ``value`` satisfy the DMN input entry ``test``?"""
    text = test.strip()
    ctx = dict(context or {})
    val = to_feel(value)
    if text in ("-", ""):
        return True
    if _uses_input(text):
        ctx["?"] = val
        return evaluate(text, ctx) is True
    if text.startswith("not(") and text.endswith(")"):
        return not unary_test(text[4:-1], val, ctx)
    return any(_simple_test(part, val, ctx) for part in _split_top_level(text))
