"""A party's client to another party kept open between uses: its connections stay alive, so a served mock does
not pay a TLS handshake for every verzoek it fetches or every Acknowledgment it sends (issue 27 §3)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx


class Blijvend:
    """``with blijvend() as client:`` gives the same open client each time (made by ``maak`` on first use);
    after a transport error it is closed and the next use makes a new one. Safe to share between threads, as
    httpx's connection pool is."""

    def __init__(self, maak: Callable[[], httpx.Client]) -> None:
        self.maak = maak
        self._client: httpx.Client | None = None
        self._slot = threading.Lock()

    @contextmanager
    def __call__(self) -> Iterator[httpx.Client]:
        with self._slot:
            if self._client is None:
                self._client = self.maak()
            client = self._client
        try:
            yield client
        except httpx.TransportError:
            self._vergeet(client)
            raise

    def _vergeet(self, client: httpx.Client) -> None:
        with self._slot:
            if self._client is client:
                self._client = None
        client.close()

    def sluit(self) -> None:
        with self._slot:
            client, self._client = self._client, None
        if client is not None:
            client.close()
