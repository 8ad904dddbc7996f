"""The findings catalogue: every finding a self-test provokes, as the beheerder reads it, reviewed once.

A self-test passes its finding through :func:`zoals_in_catalogus`; the Dutch block (code, stap, partij,
verzoeknummer, samenvatting, verwacht, gezien) must equal the stored text in ``tests/__snapshots__/``
(syrupy). A changed finding text fails the test until the new text is reviewed and stored with
``pytest --snapshot-update``. Ids that differ per run (uuids, MessageIds, times) are normalised.
"""

from __future__ import annotations

import re
from contextvars import ContextVar

from syrupy.assertion import SnapshotAssertion

from chain_tests.errors import KetenBevinding

SNAPSHOT: ContextVar[SnapshotAssertion] = ContextVar("snapshot")
_VARIABEL = [
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>"),
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?"), "<tijdstip>"),
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:<poort>"),
]


def normaal(tekst: str) -> str:
    for patroon, vervanging in _VARIABEL:
        tekst = patroon.sub(vervanging, tekst)
    return tekst


def zoals_in_catalogus(b: KetenBevinding) -> KetenBevinding:
    """Assert the finding's full Dutch text equals the reviewed one; return it for further checks."""
    assert normaal(str(b)) == SNAPSHOT.get()
    return b
