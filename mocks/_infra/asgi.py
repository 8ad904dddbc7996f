"""The ASGI binding of a party: the same handlers as the respx binding, served over TCP/TLS.

The caller's OIN comes from the client certificate via the ASGI TLS extension
(``scope["extensions"]["tls"]["client_cert_name"]``), which :class:`CertificaatProtocol` fills for
uvicorn. Paths under ``/overheid/``, ``/digikoppeling/`` and ``/vth/`` need a client certificate
(PKIoverheid-style mutual TLS); ``/publiek/`` APIs use an API key; ``/_ketentest/`` is the mocks'
own administration (health, trace, faults), answered only to loopback clients or with the admin token
from the profile. Each request is logged in one line, without secrets.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator, MutableMapping
from typing import Any
from urllib.parse import unquote

import anyio
import anyio.from_thread
import anyio.to_thread
import httpx
from uvicorn.protocols.http.h11_impl import H11Protocol

from chain_tests.pki import oin_uit_naam
from chain_tests.standards import inspectie
from chain_tests.trace import MAX_BEWAARD, Trace, kenmerken, ontvanger, soort_van
from mocks._infra.antwoorden import foutantwoord
from mocks._infra.routing import CLIENT_OIN, MockPartij, behandel, grens_voor, lengte_van, raw_pad

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Coroutine[Any, Any, Message]]
Send = Callable[[Message], Awaitable[None]]
log = logging.getLogger("ketentest.mocks")


BEHEER = inspectie.BEHEER + "/"
UPLOADS = 8  # bijlage uploads handled at once per party; more wait their turn (at most lees_seconden)
MIN_UPLOAD_BPS = 16 * 1024  # past lees_seconden, an upload slower than this on average is ended (408): no slot hoarding


def _te_traag(reden: str) -> httpx.Response:
    return foutantwoord(
        408,
        "Bericht te traag",
        ("MOCK-408", f"Het bericht kwam niet op tijd binnen ({reden}); het is niet verwerkt. Stuur het opnieuw."),
    )


def _is_loopback(scope: Scope) -> bool:
    client = scope.get("client")
    try:
        return client is not None and ipaddress.ip_address(client[0]).is_loopback
    except ValueError:  # not an IP address (a unix socket path)
        return False


def _beheer_geweigerd(scope: Scope) -> httpx.Response:
    adres = (scope.get("client") or ("onbekend",))[0]
    return foutantwoord(
        403,
        "Beheer alleen lokaal",
        (
            "MOCK-BEHEER",
            f"/_ketentest/ (trace, fouten, toestand) is alleen bereikbaar vanaf deze machine, niet vanaf {adres}, "
            f"tenzij met het beheertoken uit het profiel (beheer_token) in de header {inspectie.BEHEER_HEADER}.",
        ),
    )


class CertificaatProtocol(H11Protocol):
    """uvicorn's h11 protocol, plus the client certificate subject in the ASGI TLS extension."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        ssl_object = transport.get_extra_info("ssl_object")
        peer = ssl_object.getpeercert() if ssl_object is not None else None
        naam = ",".join(f"{k}={v}" for rdn in (peer or {}).get("subject", ()) for k, v in rdn) or None
        app = self.app

        async def met_tls(scope: Scope, receive: Receive, send: Send) -> None:
            scope.setdefault("extensions", {})["tls"] = {"client_cert_name": naam}
            await app(scope, receive, send)

        self.app = met_tls


class _Verbroken(Exception):
    """The client closed the connection before its body was read."""


async def _ontvang(receive: Receive, seconden: float) -> Message:
    """The next piece of the body; a client silent for ``seconden`` is too slow (httpx.ReadTimeout)."""
    try:
        with anyio.fail_after(seconden):
            message = await receive()
    except TimeoutError as exc:
        raise httpx.ReadTimeout(f"de client stuurde {seconden:g} s lang niets") from exc
    if message["type"] == "http.disconnect":
        raise _Verbroken
    return message


async def lees_body(receive: Receive, grens: int, seconden: float) -> bytes:
    """The body, read in the event loop (no worker thread waits on the network), up to just past ``grens``
    bytes: a body past its bound is not read further (the handler answers 413)."""
    delen: list[bytes] = []
    gelezen = 0
    while True:
        message = await _ontvang(receive, seconden)
        delen.append(message.get("body", b""))
        gelezen += len(delen[-1])
        if not message.get("more_body") or gelezen > grens:
            return b"".join(delen)


class _Ontvangst(httpx.SyncByteStream):
    """A bijlage body, pulled chunk by chunk from the event loop while the handler streams it to disk (in a
    thread of its own limiter); a client silent for ``seconden`` ends it with httpx.ReadTimeout."""

    def __init__(self, receive: Receive, seconden: float) -> None:
        self.receive, self.seconden = receive, seconden

    def __iter__(self) -> Iterator[bytes]:
        begin, gelezen = time.monotonic(), 0
        while True:
            try:
                message: Message = anyio.from_thread.run(_ontvang, self.receive, self.seconden)
            except _Verbroken as exc:
                raise httpx.ReadError("client verbrak de verbinding") from exc
            if message.get("body"):
                gelezen += len(message["body"])
                yield message["body"]
            if not message.get("more_body"):
                return
            verstreken = time.monotonic() - begin
            if verstreken > self.seconden and gelezen < MIN_UPLOAD_BPS * verstreken:
                raise httpx.ReadTimeout(
                    f"de upload komt te traag binnen: {gelezen} bytes in {verstreken:.0f} s, minder dan "
                    f"{MIN_UPLOAD_BPS // 1024} KiB/s gemiddeld"
                )


class PartijApp:
    """ASGI app for one party; ``partijen`` maps OIN → name for the log and the trace."""

    def __init__(
        self,
        partij: MockPartij,
        trace: Trace,
        partijen: dict[str, str],
        beheer_token: str | None = None,
        mocks: frozenset[str] | None = None,
    ) -> None:
        self.trace, self.partijen, self.beheer_token = trace, partijen, beheer_token
        self.mocks = mocks  # the OINs of ketentest mocks (they record their own sends); None: every party
        self._uploads = anyio.CapacityLimiter(UPLOADS)  # slow bijlage uploads never take the other threads
        self.wek = threading.Event()  # set after each handled request: the background step runs at once
        self.vervang(partij)

    def vervang(self, partij: MockPartij) -> None:
        """Swap in a party with fresh state (the served mocks' state reset)."""
        self.partij = partij

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        if scope["type"] != "http":
            return
        request = self._request(scope, receive, b"")
        if scope["path"].startswith(BEHEER) and not self._beheer_toegestaan(scope, request):
            response = _beheer_geweigerd(scope)
        else:
            try:
                request, limiter = await self._met_body(scope, receive, request)
            except _Verbroken:
                return
            except httpx.ReadTimeout as exc:
                response = _te_traag(str(exc))
            else:
                response = await self._in_een_plaats(request, scope, limiter)
        await self._stuur(response, send)
        self._registreer(request, response, scope)
        self.wek.set()

    async def _in_een_plaats(
        self, request: httpx.Request, scope: Scope, limiter: anyio.CapacityLimiter | None
    ) -> httpx.Response:
        """Handle the request in a thread; an upload waits for one of the uploads' places at most lees_seconden,
        then it is answered 503 with the reason (a slow client cannot make every other upload wait forever)."""
        if limiter is None:
            return await anyio.to_thread.run_sync(self._behandel, request, scope)
        try:
            with anyio.fail_after(self.partij.grenzen.lees_seconden):
                await limiter.acquire()
        except TimeoutError:
            tekst = f"Alle {UPLOADS} uploadplaatsen van {self.partij.naam} zijn bezet; probeer het zo opnieuw."
            return foutantwoord(503, "Uploads vol", ("MOCK-503-UPLOADS", tekst))
        try:
            return await anyio.to_thread.run_sync(self._behandel, request, scope)
        finally:
            limiter.release()

    async def _met_body(
        self, scope: Scope, receive: Receive, zonder: httpx.Request
    ) -> tuple[httpx.Request, anyio.CapacityLimiter | None]:
        """The request with its body: read here within its bound (no thread waits on a slow client), or for a
        bijlage upload streamed by its handler, in a thread of the uploads' own limiter."""
        gevonden = self.partij.zoek(scope["method"], raw_pad(zonder))
        grens = grens_voor(self.partij, gevonden[0].operatie if gevonden else None)
        seconden = self.partij.grenzen.lees_seconden
        if grens is None:
            return self._request(scope, receive, _Ontvangst(receive, seconden)), self._uploads
        if (lengte_van(zonder) or 0) > grens:  # refused by its Content-Length (413): not read at all
            return zonder, None
        return self._request(scope, receive, await lees_body(receive, grens, seconden)), None

    def _request(self, scope: Scope, receive: Receive, body: bytes | httpx.SyncByteStream) -> httpx.Request:
        query = scope.get("query_string", b"").decode()
        pad = (scope.get("raw_path") or scope["path"].encode()).decode("ascii", "replace")
        url = self.partij.base_url.rstrip("/") + pad + (f"?{query}" if query else "")
        headers = [(k, v) for k, v in scope["headers"]]
        if isinstance(body, bytes):
            request = httpx.Request(scope["method"], url, headers=headers, content=body)
        else:
            request = httpx.Request(scope["method"], url, headers=headers, stream=body)
        tls = scope.get("extensions", {}).get("tls") or {}
        oin = oin_uit_naam(tls.get("client_cert_name") or "")
        if oin:
            request.extensions = {**request.extensions, CLIENT_OIN: oin}
        return request

    def _beheer_toegestaan(self, scope: Scope, request: httpx.Request) -> bool:
        """/_ketentest/ (trace with BSNs, faults, state reset): from this machine, or with the admin token."""
        token = request.headers.get(inspectie.BEHEER_HEADER, "")
        if self.beheer_token and hmac.compare_digest(token.encode(), self.beheer_token.encode()):
            return True
        return _is_loopback(scope)

    def _behandel(self, request: httpx.Request, scope: Scope) -> httpx.Response:
        return behandel(self.partij, request)

    async def _stuur(self, response: httpx.Response, send: Send) -> None:
        headers = [(k.lower(), v) for k, v in response.headers.raw]
        await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
        if isinstance(response.stream, httpx.ByteStream):
            await send({"type": "http.response.body", "body": response.read()})
            return
        assert isinstance(response.stream, httpx.SyncByteStream)
        chunks = iter(response.stream)
        while (chunk := await anyio.to_thread.run_sync(next, chunks, b"")) != b"":
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    def _registreer(self, request: httpx.Request, response: httpx.Response, scope: Scope) -> None:
        oin = request.extensions.get(CLIENT_OIN)
        van = self.partijen.get(oin, oin) if oin else f"{scope.get('client', ('?',))[0]} (zonder certificaat)"
        soort, params = soort_van(request.method, raw_pad(request))
        params = kenmerken(request, params)
        log.info(
            "%s %s %s %s %d %s",
            self.partij.naam,
            _in_log(van, request),
            request.method,
            scope["path"],
            response.status_code,
            " ".join(f"{k}={v}" for k, v in params.items()),
        )
        if self._door_afzender_vastgelegd(request, oin):
            return
        try:
            body = request.content
        except httpx.RequestNotRead:  # streamed upload: not kept
            body = b""
        antwoord = response.content if isinstance(response.stream, httpx.ByteStream) else None
        self.trace.voeg_toe(
            van=str(van),
            naar=ontvanger(request.method, raw_pad(request), self.partij.naam),
            soort=soort,
            methode=request.method,
            pad=scope["path"],
            status=response.status_code,
            ids=params,
            bytes_verzonden=len(body),
            bytes_ontvangen=int(response.headers.get("Content-Length", "0") or 0),
            verzoek=body if len(body) <= MAX_BEWAARD else None,
            antwoord=antwoord if antwoord is not None and len(antwoord) <= MAX_BEWAARD else None,
            verzoek_type=request.headers.get("Content-Type"),
            antwoord_type=response.headers.get("Content-Type"),
        )

    def _door_afzender_vastgelegd(self, request: httpx.Request, oin: object) -> bool:
        """The harness records its own requests; a ketentest mock records what it sends, but only a party the
        profile calls a mock has its trace read: what a real party sends is recorded here, by its receiver."""
        bron = request.headers.get(inspectie.BRON_HEADER)
        return bron == "harness" or (bron == "mock" and (self.mocks is None or oin in self.mocks))


def _in_log(van: str, request: httpx.Request) -> str:
    """Who sent a request, for the log: the certificate's party, and the harness's role where it differs
    (the rule software presents the municipality's certificate, but is not its VTH system)."""
    rol = unquote(request.headers.get(inspectie.ROL_HEADER, ""))[:100]
    if request.headers.get(inspectie.BRON_HEADER) != "harness" or not rol or rol == van:
        return van
    return f"{rol} (certificaat van {van})"
