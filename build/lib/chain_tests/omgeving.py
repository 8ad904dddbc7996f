"""What the keten needs from its surroundings: clients per party, a clock, and background work.

Implemented in-process by :class:`chain_tests.offline.OfflineKeten`; served and real profiles by
:class:`chain_tests.served.ServedKeten`, with real endpoints and the system clock.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

import httpx

from chain_tests.clients.vth import InspectieClient, VthAdapter
from chain_tests.config import KetenConfig, Organisatie
from chain_tests.trace import Trace


class KetenOmgeving(Protocol):
    config: KetenConfig
    trace: Trace

    def client(self, van: str, oin: str | None, base_url: str | None = None) -> httpx.Client:
        """An httpx client acting as party ``van`` (presenting ``oin``, as its certificate would)."""
        ...

    def waarnemer(self, base_url: str, oin: str | None = None) -> httpx.Client:
        """An untraced client for the harness observing a party (polling until something is there): not a
        message in the keten. One per base URL and OIN, reused; closed with the omgeving."""
        ...

    def pomp(self) -> None:
        """Let background work happen (offline: run the workers once; served: nothing)."""
        ...

    def wacht(self, seconden: float) -> None:
        """Let time pass (offline: advance the manual clock; served: sleep)."""
        ...

    def nu(self) -> datetime:
        """The keten's time (offline: the manual clock; served: the system clock), e.g. for a datum bekendmaking."""
        ...

    def vth_adapter(self, gemeente: Organisatie) -> VthAdapter: ...

    def inspectie(self) -> InspectieClient | None:
        """Introspection of the mocks, or None against real systems."""
        ...

    def vermogens(self, partij: Organisatie) -> frozenset[str]:
        """What the VTH system of ``partij`` offers (chain_tests.werkplaats.VERMOGENS)."""
        ...

    def is_mock(self, partij: Organisatie) -> bool:
        """Whether ``partij`` is a ketentest mock (offline: every party); only mocks are inspected."""
        ...
