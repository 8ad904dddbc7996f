"""The served mocks' own administration under ``/_ketentest/``: health, trace dump, faults, state.

Not part of any DSO koppelvlak; test infrastructure for the harness and for suppliers' CI. Paths and
models are in :mod:`chain_tests.standards.inspectie`.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Callable

import httpx
from pydantic import ValidationError

from chain_tests.standards import operaties
from chain_tests.standards.meldingen import meldingen
from chain_tests.trace import Trace
from mocks._infra.antwoorden import foutantwoord
from mocks._infra.routing import Route, getal_param


def trace_json(trace: Trace, sinds: int) -> bytes:
    regels = [
        {
            **{k: v for k, v in dataclasses.asdict(r).items() if k not in ("verzoek", "antwoord", "tijd")},
            "tijd": r.tijd.isoformat(),
            "verzoek": base64.b64encode(r.verzoek).decode() if r.verzoek else None,
            "antwoord": base64.b64encode(r.antwoord).decode() if r.antwoord else None,
        }
        for r in trace.sinds(sinds)
    ]
    return json.dumps(regels).encode()


def routes(
    naam: str,
    oin: str,
    trace: Trace,
    zet_fouten: Callable[[bytes], None],
    herstel: Callable[[], None],
    wis: Callable[[], None],
) -> list[Route]:
    """``zet_fouten`` validates the body against the fault model (a bad one is a 400 with the field)."""

    def gezond(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        return httpx.Response(200, json={"partij": naam, "oin": oin})

    def dump(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        sinds = getal_param(request, "sinds", 0)
        headers = {"Content-Type": "application/json", "X-Trace-Lengte": str(trace.laatste)}
        return httpx.Response(200, content=trace_json(trace, sinds), headers=headers)

    def fouten(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        try:
            zet_fouten(request.read() or b"{}")
        except ValidationError as exc:  # a field this mock does not know, or a wrong value: the caller's mistake
            regels = [("KT-FOUTEN", tekst) for tekst in meldingen(exc)]
            return foutantwoord(400, f"Onbekende of ongeldige fouten voor {naam}", *regels)
        except ValueError as exc:
            return foutantwoord(400, f"Deze fouten horen niet bij {naam}", ("KT-FOUTEN", str(exc)))
        return httpx.Response(204)

    def reset(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        herstel()
        return httpx.Response(204)

    def wis_toestand(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        wis()
        return httpx.Response(204)

    return [
        Route(operaties.GEZOND, gezond),
        Route(operaties.TRACE, dump),
        Route(operaties.FOUTEN_ZETTEN, fouten),
        Route(operaties.FOUTEN_WISSEN, reset),
        Route(operaties.TOESTAND_WISSEN, wis_toestand),
    ]
