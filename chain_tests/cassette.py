"""A cassette: every exchange the harness had with a real party during a run (``pytest --opnemen MAP``).

Recorded by :class:`Opnemer`, a transport around the harness's client to each party that is not a ketentest mock
(DSO pre-productie, a supplier's system): per exchange the party, the operation, the request and the response
(status, headers, body). Secrets never go in (API keys, tokens and cookies are left out); BSNs are masked (the
same length, so a body keeps its shape); a body past :data:`MAX_BODY` or streamed (a bijlage) is kept as its
size and sha256. One JSON line per exchange, in ``<MAP>/cassette-<worker>.jsonl``, after a first line that says
which organisations the run had. ``ketentest verschil MAP`` replays it against the offline mocks
(:mod:`chain_tests.verschil`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from chain_tests.config import KetenConfig
from chain_tests.errors import ConfiguratieFout
from chain_tests.privacy import maskeer_bytes
from chain_tests.standards import inspectie
from chain_tests.trace import soort_van

MAX_BODY = 1024 * 1024
#: Headers that carry a secret or say nothing about the message: never recorded.
WEG = frozenset({"authorization", "x-api-key", "cookie", "set-cookie", inspectie.BEHEER_HEADER, "content-length"})
VERSIE = 1


def _headers(headers: httpx.Headers) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items() if k.lower() not in WEG}


def _body(data: bytes | None, sha: str | None = None, lengte: int | None = None) -> dict[str, Any]:
    if data is None or len(data) > MAX_BODY:
        return {
            "bytes": lengte if data is None else len(data),
            "sha256": sha or hashlib.sha256(data or b"").hexdigest(),
        }
    return {"base64": base64.b64encode(maskeer_bytes(data)).decode("ascii")}


@dataclass
class Cassette:
    """Where one run's exchanges go (thread-safe: served scenarios poll from several clients)."""

    map: Path
    naam: str = "cassette"
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _volgnummer: int = 0

    @property
    def pad(self) -> Path:
        return self.map / f"{self.naam}.jsonl"

    def begin(self, config: KetenConfig, profielnaam: str) -> None:
        self.map.mkdir(parents=True, exist_ok=True)
        kop = {
            "cassette": VERSIE,
            "profiel": profielnaam,
            "begonnen": datetime.now(UTC).isoformat(timespec="seconds"),
            "organisaties": [o.model_dump(mode="json") for o in config.organisaties],
        }
        self.pad.write_text(json.dumps(kop, ensure_ascii=False) + "\n", encoding="utf-8")

    def schrijf(self, regel: dict[str, Any]) -> None:
        with self._lock:
            self._volgnummer += 1
            with self.pad.open("a", encoding="utf-8") as f:
                f.write(json.dumps({"volgnummer": self._volgnummer, **regel}, ensure_ascii=False) + "\n")


class _Gehasht(httpx.SyncByteStream):
    """A streamed request body passed on unchanged, its size and sha256 taken on the way (never held whole)."""

    def __init__(self, stream: httpx.SyncByteStream) -> None:
        self.stream, self.sha, self.lengte = stream, hashlib.sha256(), 0

    def __iter__(self) -> Iterator[bytes]:
        for stuk in self.stream:
            self.sha.update(stuk)
            self.lengte += len(stuk)
            yield stuk


@dataclass
class Opnemer(httpx.BaseTransport):
    """Passes every request on to ``binnen`` and records the exchange in ``cassette`` when ``echt`` names the
    party at its URL (name, OIN) — that is, when it is a real party, not a ketentest mock; the harness presented
    ``client_oin``."""

    binnen: httpx.BaseTransport
    cassette: Cassette
    echt: Callable[[httpx.URL], tuple[str, str] | None]
    client_oin: str | None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        partij = self.echt(request.url)
        if partij is None:
            return self.binnen.handle_request(request)
        gestreamd = None
        try:
            verzoek: dict[str, Any] = _body(request.content)
        except httpx.RequestNotRead:
            gestreamd = _Gehasht(request.stream) if isinstance(request.stream, httpx.SyncByteStream) else None
            if gestreamd is not None:
                request.stream = gestreamd
            verzoek = {}
        response = self.binnen.handle_request(request)
        if gestreamd is not None:
            verzoek = _body(None, gestreamd.sha.hexdigest(), gestreamd.lengte)
        response.read()
        soort, _ = soort_van(request.method, request.url.raw_path.split(b"?", 1)[0].decode("ascii", "replace"))
        self.cassette.schrijf(
            {
                "partij": partij[0],
                "partij_oin": partij[1],
                "client_oin": self.client_oin,
                "soort": soort,
                "methode": request.method,
                "pad": request.url.raw_path.decode("ascii", "replace"),
                "verzoek": {"headers": _headers(request.headers), **verzoek},
                "antwoord": {
                    "status": response.status_code,
                    "headers": _headers(response.headers),
                    **_body(response.content),
                },
            }
        )
        return response


def lees(map_: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The header and the exchanges of every cassette file in ``map_`` (a run on several workers writes one
    each), the exchanges in recorded order per file. A broken cassette is one Dutch error."""
    bestanden = sorted(map_.glob("cassette*.jsonl")) if map_.is_dir() else [map_]
    if not bestanden or not all(b.is_file() for b in bestanden):
        raise ConfiguratieFout(
            f"Geen cassette in {map_}.",
            code="KT-CASSETTE",
            hint="Neem een run op met pytest --opnemen MAP (of ketentest keten --opnemen MAP) en geef die map.",
        )
    kop: dict[str, Any] = {}
    wissels: list[dict[str, Any]] = []
    for bestand in bestanden:
        try:
            regels = [json.loads(r) for r in bestand.read_text(encoding="utf-8").splitlines() if r.strip()]
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfiguratieFout(
                f"Cassette {bestand} is geen JSON Lines: {exc}", code="KT-CASSETTE", hint="Neem de run opnieuw op."
            ) from exc
        if not regels or regels[0].get("cassette") != VERSIE:
            raise ConfiguratieFout(
                f"Cassette {bestand} begint niet met de kopregel van ketentest (versie {VERSIE}).",
                code="KT-CASSETTE",
                hint="Neem de run opnieuw op met deze versie van ketentest.",
            )
        kop = kop or regels[0]
        wissels += regels[1:]
    return kop, wissels
