"""Allure steps and attachments in the keten's words. Without an Allure listener these are no-ops."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from contextlib import contextmanager

import allure

from chain_tests.privacy import maskeer, maskeer_bytes
from chain_tests.trace import TraceRegel

_SOORTEN = {
    "xml": allure.attachment_type.XML,
    "json": allure.attachment_type.JSON,
    "text": allure.attachment_type.TEXT,
    "html": allure.attachment_type.HTML,
}


#: Dutch titles set while a scenario runs (nodeid → title), for the terminal and the findings register.
TITELS: dict[str, str] = {}
_HUIDIG: list[str] = [""]


def begin_scenario(nodeid: str) -> None:
    _HUIDIG[0] = nodeid


def titel(tekst: str) -> None:
    """The scenario's Dutch title, in Allure and in the terminal and the findings register."""
    allure.dynamic.title(tekst)
    TITELS[_HUIDIG[0]] = tekst


@contextmanager
def stap(nummer: int | str, titel: str, partij: str | None = None) -> Iterator[None]:
    """One keten step; ``partij`` is the party under test in it, named after the title."""
    with allure.step(f"Stap {nummer}: {titel}" + (f" · {partij}" if partij else "")):
        yield


def voeg_bij(naam: str, inhoud: bytes | str | object, soort: str = "text") -> None:
    """Attach to the current step; BSNs are masked (``chain_tests.privacy``)."""
    if not isinstance(inhoud, bytes | str):
        inhoud = json.dumps(inhoud, indent=2, ensure_ascii=False, default=str)
        soort = "json"
    veilig = maskeer_bytes(inhoud) if isinstance(inhoud, bytes) else maskeer(inhoud)
    allure.attach(veilig, name=maskeer(naam), attachment_type=_SOORTEN[soort])


def trace_html(regels: list[TraceRegel]) -> str:
    """The chain as a table: who sent what to whom, in order (seed finding 5)."""
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(maskeer(str(c)))}</td>"
            for c in (
                r.volgnummer,
                r.van,
                "→",
                r.naar,
                r.soort,
                r.status,
                ", ".join(f"{k}={v}" for k, v in r.ids.items()),
                r.bytes_verzonden,
                r.bytes_ontvangen,
            )
        )
        + "</tr>"
        for r in regels
    )
    head = "".join(
        f"<th>{h}</th>" for h in ("#", "van", "", "naar", "bericht", "status", "kenmerken", "bytes →", "bytes ←")
    )
    return (
        f"<html><head><meta charset='utf-8'><style>td,th{{padding:2px 6px;border-bottom:1px solid #ddd;"
        f"font:12px sans-serif}}</style></head><body><table><tr>{head}</tr>{rows}</table></body></html>"
    )
