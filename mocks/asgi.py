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
from collections.abc import Awaitable, Callable, Coroutine, Iterator, MutableMapping
from typing import Any

import anyio
import anyio.from_thread
import anyio.to_thread
import httpx
from uvicorn.protocols.http.h11_impl import H11Protocol

from chain_tests.pki import oin_uit_naam
from chain_tests.standards import inspectie
from chain_tests.trace import MAX_BEWAARD, Trace, kenmerken, ontvanger, soort_van
from mocks.routing import CLIENT_OIN, MockPartij, behandel, fout, raw_pad

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Coroutine[Any, Any, Message]]
Send = Callable[[Message], Awaitable[None]]
log = logging.getLogger("ketentest.mocks")


BEHEER = inspectie.BEHEER + "/"


def _is_loopback(scope: Scope) -> bool:
    client = scope.get("client")
    try:
        return client is not None and ipaddress.ip_address(client[0]).is_loopback
    except ValueError:  # not an IP address (a unix socket path)
        return False


def _beheer_geweigerd(scope: Scope) -> httpx.Response:
    adres = (scope.get("client") or ("onbekend",))[0]
    return fout(
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


class _Ontvangst(httpx.SyncByteStream):
    """The request body, pulled chunk by chunk from the event loop (the handler runs in a thread)."""

    def __init__(self, receive: Receive) -> None:
        self.receive = receive

    def __iter__(self) -> Iterator[bytes]:
        while True:
            message: Message = anyio.from_thread.run(self.receive)
            if message["type"] == "http.disconnect":
                raise httpx.ReadError("client verbrak de verbinding")
            if message.get("body"):
                yield message["body"]
            if not message.get("more_body"):
                return


class PartijApp:
    """ASGI app for one party; ``partijen`` maps OIN → name for the log and the trace."""

    def __init__(
        self, partij: MockPartij, trace: Trace, partijen: dict[str, str], beheer_token: str | None = None
    ) -> None:
        self.trace, self.partijen, self.beheer_token = trace, partijen, beheer_token
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
        request = self._request(scope, receive)
        if scope["path"].startswith(BEHEER) and not self._beheer_toegestaan(scope, request):
            response = _beheer_geweigerd(scope)
        else:
            response = await anyio.to_thread.run_sync(self._behandel, request, scope)
        await self._stuur(response, send)
        self._registreer(request, response, scope)

    def _request(self, scope: Scope, receive: Receive) -> httpx.Request:
        query = scope.get("query_string", b"").decode()
        pad = (scope.get("raw_path") or scope["path"].encode()).decode("ascii", "replace")
        url = self.partij.base_url.rstrip("/") + pad + (f"?{query}" if query else "")
        headers = [(k, v) for k, v in scope["headers"]]
        request = httpx.Request(scope["method"], url, headers=headers, stream=_Ontvangst(receive))
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
            van,
            request.method,
            scope["path"],
            response.status_code,
            " ".join(f"{k}={v}" for k, v in params.items()),
        )
        if request.headers.get(inspectie.BRON_HEADER) in ("harness", "mock"):  # recorded by the sender
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
