"""The served mocks' own administration under ``/_ketentest/``: health, trace dump, faults.

Not part of any DSO koppelvlak; test infrastructure for the harness and for suppliers' CI.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Callable
from typing import Any

import httpx

from chain_tests.trace import Trace
from mocks.routing import Route

GEZOND = "/_ketentest/gezond"
TRACE = "/_ketentest/trace"
FOUTEN = "/_ketentest/fouten"
TOESTAND = "/_ketentest/toestand"


def zet_velden(doel: Any, data: dict[str, Any]) -> None:
    """Set the known fields of a fault dataclass in place (unknown names are an error)."""
    namen = {f.name for f in dataclasses.fields(doel)}
    onbekend = set(data) - namen
    if onbekend:
        raise ValueError(f"onbekende fout(en) {sorted(onbekend)}; bekend: {sorted(namen)}")
    for k, v in data.items():
        setattr(doel, k, v)


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
    zet_fouten: Callable[[dict[str, Any]], None],
    herstel: Callable[[], None],
    wis: Callable[[], None],
) -> list[Route]:
    def gezond(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        return httpx.Response(200, json={"partij": naam, "oin": oin})

    def dump(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        sinds = int(request.url.params.get("sinds", "0"))
        headers = {"Content-Type": "application/json", "X-Trace-Lengte": str(len(trace.regels))}
        return httpx.Response(200, content=trace_json(trace, sinds), headers=headers)

    def fouten(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        try:
            zet_fouten(json.loads(request.read() or b"{}"))
        except (ValueError, TypeError) as exc:
            return httpx.Response(400, json={"titel": "Onbekende fout", "tekst": str(exc)})
        return httpx.Response(204)

    def reset(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        herstel()
        return httpx.Response(204)

    def wis_toestand(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        wis()
        return httpx.Response(204)

    return [
        Route("GET", GEZOND, gezond),
        Route("GET", TRACE, dump),
        Route("PUT", FOUTEN, fouten),
        Route("DELETE", FOUTEN, reset),
        Route("DELETE", TOESTAND, wis_toestand),
    ]
