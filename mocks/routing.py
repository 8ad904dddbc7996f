"""Parties as route tables, and the in-process transport that dispatches to them through respx.

A handler takes the ``httpx.Request`` (body unread, so uploads can stream) and the path parameters,
and returns an ``httpx.Response``. The caller's identity (the OIN its PKIoverheid certificate would
carry) travels as the request extension ``ketentest.client_oin``, set by the transport — the
in-process stand-in for mutual TLS.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import respx

from chain_tests.errors import ChainTestError, OngeldigeInvoer
from chain_tests.standards.api import Foutbericht, Melding

Handler = Callable[[httpx.Request, dict[str, str]], httpx.Response]
CLIENT_OIN = "ketentest.client_oin"


@dataclass(frozen=True)
class Route:
    method: str
    pad: str  # template with {name} placeholders, as in chain_tests.standards.api
    handler: Handler

    def regex(self) -> str:
        return "^" + re.sub(r"\\{(\w+)\\}", r"(?P<\1>[^/?]+)", re.escape(self.pad)) + "$"


@dataclass
class Partij:
    """A party on the network: a name, its OIN, its base URL and its routes."""

    naam: str
    oin: str
    base_url: str
    routes: list[Route] = field(default_factory=list)


def client_oin(request: httpx.Request) -> str | None:
    value = request.extensions.get(CLIENT_OIN)
    return value if isinstance(value, str) else None


def json_response(model: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, content=model.json_bytes(), headers={"Content-Type": "application/json"})


def fout(status: int, titel: str, *meldingen: tuple[str, str]) -> httpx.Response:
    body = Foutbericht(status=status, titel=titel, meldingen=[Melding(code=c, tekst=t) for c, t in meldingen])
    return json_response(body, status)


def behandel(route: Route, request: httpx.Request, params: dict[str, str]) -> httpx.Response:
    """Call a handler the same way in both bindings: refused input becomes HTTP 400 with its melding."""
    try:
        return route.handler(request, params)
    except OngeldigeInvoer as exc:
        return fout(400, "Ongeldige invoer", (exc.code, str(exc)))


def _side_effect(route: Route) -> Callable[..., httpx.Response]:
    return lambda request, **params: behandel(route, request, params)


def respx_router(partijen: list[Partij]) -> respx.Router:
    """Bind every party's routes to one strict respx router (unmatched requests fail loudly)."""
    router = respx.Router(assert_all_called=False, assert_all_mocked=True)
    for partij in partijen:
        base = re.escape(partij.base_url.rstrip("/"))
        for route in partij.routes:
            url_regex = "^" + base + route.regex()[1:-1] + r"(\?.*)?$"
            router.route(method=route.method, url__regex=url_regex).mock(side_effect=_side_effect(route))
    return router


class NietGemockt(ChainTestError):
    pass


class InProcessTransport(httpx.BaseTransport):
    """Dispatch to the respx router without pre-reading the body (uploads stay streams).

    ``client_oin`` plays the part of the client certificate: every request carries it as an
    extension, as a TLS-terminating server would pass on the certificate's OIN.
    """

    def __init__(self, router: respx.Router, client_oin: str | None) -> None:
        self.router = router
        self.client_oin = client_oin

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.client_oin:
            request.extensions = {**request.extensions, CLIENT_OIN: self.client_oin}
        try:
            response: httpx.Response = self.router.handler(request)
            return response
        except AssertionError as exc:  # respx: not mocked
            known = sorted({str(r.pattern) for r in self.router.routes})
            raise NietGemockt(
                f"Geen mock voor {request.method} {request.url}. Bekende routes:\n  " + "\n  ".join(known),
                code="KT-NIET-GEMOCKT",
                hint="Controleer de base-URL's in de configuratie en de paden in chain_tests/standards/api.py.",
            ) from exc
