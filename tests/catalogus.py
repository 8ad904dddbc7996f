"""The findings catalogue: every finding a self-test provokes, as the beheerder reads it, reviewed once.

A self-test passes its finding through :func:`zoals_in_catalogus`; the Dutch block (code, stap, partij,
verzoeknummer, samenvatting, verwacht, gezien) must equal the stored text in ``tests/__snapshots__/``
(syrupy), followed by the report as the beheerder sees it in Allure: the title of every step, and the
names of the attachments in the step where the verzoek stopped (with the field names of a JSON one).
A changed text fails the test until the new text is reviewed and stored with ``pytest --snapshot-update``.
Ids that differ per run (uuids, MessageIds, times) are normalised.
"""

from __future__ import annotations

import json
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import allure_commons
from allure_commons.types import AttachmentType
from syrupy.assertion import SnapshotAssertion

from chain_tests.errors import KetenBevinding

SNAPSHOT: ContextVar[SnapshotAssertion] = ContextVar("snapshot")
RAPPORT: ContextVar[Rapportlezer] = ContextVar("rapport")
_VARIABEL = [
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>"),
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?"), "<tijdstip>"),
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:<poort>"),
]


def normaal(tekst: str) -> str:
    for patroon, vervanging in _VARIABEL:
        tekst = patroon.sub(vervanging, tekst)
    return tekst


@dataclass
class Rapportlezer:
    """Reads the Allure steps and attachments of one test (an allure-commons plugin): per top-level step
    its title, and the nested steps and attachment names of the last one (where the verzoek stopped)."""

    stappen: list[list[str]] = field(default_factory=list)
    diepte: int = 0

    @allure_commons.hookimpl
    def start_step(self, uuid: str, title: str, params: Any) -> None:
        if self.diepte == 0:
            self.stappen.append([title])
        elif self.stappen:
            self.stappen[-1].append("  " * self.diepte + title)
        self.diepte += 1

    @allure_commons.hookimpl
    def stop_step(self, uuid: str, exc_type: Any, exc_val: Any, exc_tb: Any) -> None:
        self.diepte -= 1

    @allure_commons.hookimpl
    def attach_data(self, body: Any, name: str, attachment_type: Any, extension: Any) -> None:
        if self.diepte > 0 and self.stappen:
            self.stappen[-1].append("  " * self.diepte + f"bijlage: {name}{_velden(body, attachment_type)}")

    def tekst(self) -> str:
        if not self.stappen:
            return ""
        regels = [s[0] for s in self.stappen[:-1]] + self.stappen[-1]
        return "\n--- rapport ---\n" + "\n".join(regels)


def _velden(body: Any, soort: Any) -> str:
    """The field names of a JSON attachment (what the beheerder can look up in it), in order."""
    if soort != AttachmentType.JSON:
        return ""
    data = json.loads(body)
    if isinstance(data, list):
        data = data[0] if data else {}
    return f" {{{', '.join(data)}}}" if isinstance(data, dict) else f" ({type(data).__name__})"


def zoals_in_catalogus(b: KetenBevinding) -> KetenBevinding:
    """Assert the finding's full Dutch text, and the report around it, equal the reviewed ones; return the
    finding for further checks."""
    lezer = RAPPORT.get(None)
    assert normaal(str(b) + (lezer.tekst() if lezer else "")) == SNAPSHOT.get()
    return b
