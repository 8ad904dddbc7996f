"""Shared plumbing of the keten steps: the omgeving, clients per party, and the polling wait."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import httpx

from chain_tests.config import KetenConfig, Organisatie
from chain_tests.omgeving import KetenOmgeving

T = TypeVar("T")


class KetenBasis:
    def __init__(self, omgeving: KetenOmgeving) -> None:
        self.omgeving = omgeving
        self.config: KetenConfig = omgeving.config
        self._clients: dict[tuple[str, str | None], httpx.Client] = {}

    def client(self, rol: str, organisatie: Organisatie | None = None) -> httpx.Client:
        """One client per role (and organisation, whose OIN it presents), on DSO-LV; closed by :meth:`sluit`."""
        oin = organisatie.oin if organisatie else None
        key = (rol, oin)
        if key not in self._clients:
            van = f"{rol} {organisatie.naam}" if organisatie else rol
            self._clients[key] = self.omgeving.client(van, oin, self.config.dso_lv.base_url)
        return self._clients[key]

    def sluit(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    def _wacht(self, probeer: Callable[[], T | None]) -> T | None:
        """Poll ``probeer`` (letting background work run) until it returns a value or the deadline passes."""
        t = self.config.tijden
        gewacht = 0.0
        while gewacht <= t.deadline_zaak:
            self.omgeving.pomp()
            waarde = probeer()
            if waarde is not None:
                return waarde
            self.omgeving.wacht(t.poll_interval)
            gewacht += t.poll_interval
        return None
