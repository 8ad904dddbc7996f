"""Clocks: a manual clock for deterministic in-process runs, the system clock for served runs."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Klok(Protocol):
    def nu(self) -> datetime: ...

    def wacht(self, seconden: float) -> None: ...


class HandmatigeKlok:
    """Time moves only when the harness says so: waits are instant and repeatable."""

    def __init__(self, start: datetime | None = None) -> None:
        self._nu = start or datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    def nu(self) -> datetime:
        return self._nu

    def wacht(self, seconden: float) -> None:
        self._nu += timedelta(seconds=seconden)


class Systeemklok:
    def nu(self) -> datetime:
        return datetime.now(UTC)

    def wacht(self, seconden: float) -> None:
        time.sleep(seconden)
