"""The trace: every message that crosses a party boundary, in order.

Recorded by :class:`TracingTransport`, which wraps whichever transport a client uses (in-process,
served, real), so the trace is the same in every mode. The report, the findings and the sequence
table are made from it.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from chain_tests.config import netloc
from chain_tests.privacy import maskeer
from chain_tests.standards import api, operaties
from chain_tests.standards.ebms import kopgegevens
from chain_tests.streams import METER, Hasher

#: the harness checking a party's result (a zaak query): traced, so a finding points at the exchange it saw
CONTROLE = "ketentest (controle)"
#: the harness asking a ketentest mock's own account (bezorging, ophalen, levering) where it decides on the answer:
#: traced, so a finding seen there points at it (the polls while waiting are not drawn)
INSPECTIE = "ketentest (inspectie)"
#: Bodies up to this size are kept in the trace for the report; larger or streamed ones are not.
MAX_BEWAARD = 256 * 1024
#: All bodies a trace keeps together: past this, the oldest lines lose their bodies (not their line), so a
#: long run (python -m chain_tests belasting) stays flat; one scenario stays far below it.
BODIES_BEWAARD = 8 * 1024 * 1024


def soort_van(method: str, path: str) -> tuple[str, dict[str, str]]:
    """The kind of an exchange and its path parameters, from the one endpoint table."""
    gevonden = operaties.zoek(method, path)
    return (gevonden[0].soort, gevonden[1]) if gevonden else (f"{method} {path}", {})


def ontvanger(method: str, path: str, partij: str) -> str:
    """Who answers in the trace: the component inside the party where the table names one (OZON, RTR)."""
    gevonden = operaties.zoek(method, path)
    return (gevonden[0].ontvanger if gevonden else None) or partij


@dataclass(frozen=True)
class TraceRegel:
    volgnummer: int
    tijd: datetime
    van: str
    naar: str
    soort: str
    methode: str
    pad: str
    status: int
    ids: dict[str, str]
    bytes_verzonden: int
    bytes_ontvangen: int
    verzoek: bytes | None = field(default=None, repr=False)  # body, when small and not streamed
    antwoord: bytes | None = field(default=None, repr=False)
    verzoek_type: str | None = None  # Content-Type of the request (with the MIME boundary), to re-parse it
    antwoord_type: str | None = None
    verzoek_sha256: str | None = None  # of a streamed request body (a bijlage), which is not kept
    fase: int | None = None  # the werkplaats stap the harness was in when it was recorded (None: not known)


@dataclass
class Trace:
    """Thread-safe, append-only list of :class:`TraceRegel`, with host → party names. ``max_regels`` bounds
    the lines kept (a served mock running for days, a load run): the oldest go, numbering goes on."""

    partijen: dict[str, str] = field(default_factory=dict)  # host or host:port → party name
    regels: list[TraceRegel] = field(default_factory=list)
    bodies_bewaard: int = BODIES_BEWAARD
    max_regels: int | None = None
    _teller: int = field(default=0, repr=False)  # the last volgnummer given
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _bytes: int = field(default=0, repr=False)  # body bytes kept
    _oudste: int = field(default=0, repr=False)  # index of the oldest line that may still have a body
    fase: int | None = None  # the harness's current stap, given to every line recorded from now on

    def partij(self, url: httpx.URL) -> str:
        netloc = f"{url.host}:{url.port}" if url.port else url.host
        return self.partijen.get(netloc, self.partijen.get(url.host, url.host))

    @staticmethod
    def sleutel(base_url: str) -> str:
        return netloc(base_url)

    def voeg_toe(self, **kwargs: object) -> TraceRegel:
        with self._lock:
            tijd = kwargs.pop("tijd", None) or datetime.now(UTC)
            self._teller += 1
            kwargs.setdefault("fase", self.fase)
            regel = TraceRegel(volgnummer=self._teller, tijd=tijd, **kwargs)  # type: ignore[arg-type]
            self.regels.append(regel)
            self._bytes += _body_bytes(regel)
            self._begrens()
            self._vergeet_oudste()
            return regel

    @property
    def laatste(self) -> int:
        """The volgnummer of the newest line (0: none yet); ``sinds(laatste)`` is what comes after."""
        return self._teller

    def _vergeet_oudste(self) -> None:
        if self.max_regels is None or len(self.regels) <= self.max_regels:
            return
        weg = len(self.regels) - self.max_regels
        self._bytes -= sum(_body_bytes(r) for r in self.regels[:weg])
        del self.regels[:weg]
        self._oudste = max(0, self._oudste - weg)

    def _begrens(self) -> None:
        """Drop the bodies of the oldest lines until the kept bodies fit the budget (the newest line keeps its)."""
        while self._bytes > self.bodies_bewaard and self._oudste < len(self.regels) - 1:
            oud = self.regels[self._oudste]
            if oud.verzoek is not None or oud.antwoord is not None:
                self._bytes -= _body_bytes(oud)
                self.regels[self._oudste] = dataclasses.replace(oud, verzoek=None, antwoord=None)
            self._oudste += 1

    def sinds(self, volgnummer: int) -> list[TraceRegel]:
        return [r for r in self.regels if r.volgnummer > volgnummer]

    def als_tabel(self, regels: list[TraceRegel] | None = None) -> str:
        """The trace as text (BSNs masked)."""
        rows = ["#  | van → naar | soort | status | ids | bytes →/←"]
        for r in regels if regels is not None else self.regels:
            ids = ", ".join(f"{k}={v}" for k, v in r.ids.items())
            rows.append(
                f"{r.volgnummer:>3} | {r.van} → {r.naar} | {r.soort} | {r.status} | {ids} | "
                f"{r.bytes_verzonden}/{r.bytes_ontvangen}"
            )
        return maskeer("\n".join(rows))


def _body_bytes(r: TraceRegel) -> int:
    return len(r.verzoek or b"") + len(r.antwoord or b"")


class _CountingStream(httpx.SyncByteStream):
    """Counts and hashes a streamed body as it goes out, so the trace knows a bijlage without keeping it."""

    def __init__(self, inner: httpx.SyncByteStream) -> None:
        self.hasher = Hasher(inner)

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.hasher)

    @property
    def grootte(self) -> int:
        return self.hasher.grootte

    @property
    def sha256(self) -> str:
        return self.hasher.sha256


def kenmerken(request: httpx.Request, params: dict[str, str]) -> dict[str, str]:
    """The ids of an exchange for the trace: path parameters, ebMS MessageId/RefToMessageId/Action."""
    ids = {k: v for k, v in params.items()}
    if request.url.path.endswith(api.EBMS):
        try:
            body = request.content
        except httpx.RequestNotRead:
            body = b""
        ids |= kopgegevens(request.headers.get("Content-Type", ""), body)
    if "verzoeknummer" in request.url.params:
        ids["verzoeknummer"] = request.url.params["verzoeknummer"]
    return ids


class TracingTransport(httpx.BaseTransport):
    """Wrap a transport and record each exchange in the trace as coming from party ``van``."""

    def __init__(self, inner: httpx.BaseTransport, trace: Trace, van: str) -> None:
        self.inner, self.trace, self.van = inner, trace, van

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        counter: _CountingStream | Hasher | None = request.extensions.get(METER)
        streamt = not isinstance(request.stream, httpx.ByteStream) and isinstance(request.stream, httpx.SyncByteStream)
        if counter is None and streamt:
            counter = _CountingStream(request.stream)  # type: ignore[arg-type]  # narrowed just above
            request.stream = counter
        begin = datetime.now(UTC)  # the exchange is ordered by when it started, not by when its answer came
        response = self.inner.handle_request(request)
        pad = request.url.raw_path.split(b"?", 1)[0].decode("ascii")
        soort, params = soort_van(request.method, pad)
        sent = counter.grootte if counter else len(request.content)
        received = int(response.headers.get("Content-Length", "0") or 0)
        klein = 0 < received <= MAX_BEWAARD  # a small answer over the network is read here for the report
        antwoord = response.read() if isinstance(response.stream, httpx.ByteStream) or klein else None
        received = received or len(antwoord or b"")
        self.trace.voeg_toe(
            tijd=begin,
            van=self.van,
            naar=ontvanger(request.method, pad, self.trace.partij(request.url)),
            soort=soort,
            methode=request.method,
            pad=request.url.path,
            status=response.status_code,
            ids=kenmerken(request, params),
            bytes_verzonden=sent,
            bytes_ontvangen=received,
            verzoek=None if counter or sent > MAX_BEWAARD else request.content,
            antwoord=antwoord if antwoord is not None and len(antwoord) <= MAX_BEWAARD else None,
            verzoek_type=request.headers.get("Content-Type"),
            antwoord_type=response.headers.get("Content-Type"),
            verzoek_sha256=counter.sha256 if counter else None,
        )
        return response

    def close(self) -> None:
        self.inner.close()
