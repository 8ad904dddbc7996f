"""Parties as route tables, one dispatch for both bindings, and the in-process transport.

A handler takes the ``httpx.Request`` (body unread, so uploads can stream) and the path parameters
(decoded per segment), and returns an ``httpx.Response``. :func:`behandel` is the one place where a
request meets a party, called by the in-process transport (through respx) and by the ASGI binding
alike, so both answer the same:

- an unknown path is ``404 MOCK-404`` listing what the party does serve;
- refused input (:class:`~chain_tests.errors.OngeldigeInvoer`, a pydantic ``ValidationError``) is
  ``400`` with a Dutch melding, in the endpoint's own style: JSON, a SOAP Fault or an ebMS ErrorList;
- any other exception in a handler is a bug in the mock: ``500 MOCK-500`` naming the mock, recorded as
  a :class:`Storing` so the harness reports a harness error, never a finding against another party.

The caller's identity (the OIN its PKIoverheid certificate would carry) travels as the request
extension ``ketentest.client_oin``, set by the transport — the in-process stand-in for mutual TLS.
"""

from __future__ import annotations

import hmac
import logging
import re
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx
import respx
from pydantic import BaseModel, ValidationError
from respx.models import AllMockedAssertionError

from chain_tests.config import Grenzen
from chain_tests.errors import ChainTestError, OngeldigeInvoer
from chain_tests.standards import operaties, soap
from chain_tests.standards.inspectie import StoringInMock
from chain_tests.standards.meldingen import meldingen
from chain_tests.standards.operaties import Operatie
from mocks._infra.antwoorden import ebms_weigering, foutantwoord, probleem

Handler = Callable[[httpx.Request, dict[str, str]], httpx.Response]
M = TypeVar("M", bound=BaseModel)
CLIENT_OIN = "ketentest.client_oin"
log = logging.getLogger("ketentest.mocks")


@dataclass(frozen=True)
class Route:
    """An operation of the endpoint table (:mod:`chain_tests.standards.operaties`) and its handler."""

    operatie: Operatie
    handler: Handler

    @property
    def method(self) -> str:
        return self.operatie.methode

    @property
    def pad(self) -> str:
        return self.operatie.pad


@dataclass
class MockPartij:
    """A party on the network: a name, its OIN, its base URL, its routes, and its own failures."""

    naam: str
    oin: str
    base_url: str
    routes: list[Route] = field(default_factory=list)
    storingen: list[StoringInMock] = field(default_factory=list)
    api_key: str | None = None  # asked of every /publiek/ API this party serves
    grenzen: Grenzen = field(default_factory=Grenzen)  # size bounds of request bodies (bijlagen: their handler)

    def __post_init__(self) -> None:
        self.voeg_toe([Route(operaties.STORINGEN, self._toon_storingen)])

    def voeg_toe(self, routes: list[Route]) -> None:
        self.routes = [*self.routes, *routes]

    def _toon_storingen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        body = b"[" + b",".join(s.json_bytes() for s in self.storingen) + b"]"
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    def zoek(self, methode: str, pad: str) -> tuple[Route, dict[str, str]] | None:
        for route in self.routes:
            params = route.operatie.past(methode, pad)
            if params is not None:
                return route, params
        return None

    def storing(self, methode: str, pad: str, exc: BaseException) -> StoringInMock:
        """Record a failure of this mock itself (a handler bug, a crash in background work)."""
        s = StoringInMock(
            partij=self.naam,
            methode=methode,
            pad=pad,
            fout=f"{type(exc).__name__}: {exc}",
            tijd=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        self.storingen.append(s)
        log.error("storing in mock %s bij %s %s: %s", self.naam, methode, pad, "".join(traceback.format_exception(exc)))
        return s


def client_oin(request: httpx.Request) -> str | None:
    value = request.extensions.get(CLIENT_OIN)
    return value if isinstance(value, str) else None


def json_antwoord(model: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, content=model.json_bytes(), headers={"Content-Type": "application/json"})


def lees_json(request: httpx.Request, model: type[M]) -> M:
    """The JSON body of ``request`` as ``model``; another media type is refused (HTTP 415), a malformed or
    wrongly shaped body by :func:`behandel` (HTTP 400 naming the field)."""
    soort = request.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    if soort != "application/json":
        raise OngeldigeInvoer(
            f"Content-Type {soort or '(geen)'} wordt niet geaccepteerd; stuur application/json.", code="MOCK-415"
        )
    return model.model_validate_json(request.read())


_GETAL = re.compile(r"[0-9]{1,9}")


def getal_param(request: httpx.Request, naam: str, standaard: int, *, minimum: int = 0, code: str = "MOCK-400") -> int:
    """Query parameter ``naam`` as a whole number (ASCII digits, at most 9, at least ``minimum``); anything
    else is refused (HTTP 400 naming the parameter), never a crash."""
    waarde = request.url.params.get(naam)
    if waarde is None:
        return standaard
    if not _GETAL.fullmatch(waarde) or int(waarde) < minimum:
        getoond = waarde if len(waarde) <= 20 else waarde[:20] + "…"
        raise OngeldigeInvoer(
            f"Queryparameter {naam}={getoond!r} is geen geheel getal van {minimum} tot 999999999.", code=code
        )
    return int(waarde)


def raw_pad(request: httpx.Request) -> str:
    return request.url.raw_path.split(b"?", 1)[0].decode("ascii")


def _weigering(
    partij: MockPartij, route: Route, request: httpx.Request, code: str, teksten: list[str], status: int = 400
) -> httpx.Response:
    """Refused input, in the style of the endpoint."""
    if route.operatie.foutvorm == "soap":
        body = soap.fault(f"[{code}] " + "; ".join(teksten))
        soap_status = status if status in (408, 413) else 500  # SOAP 1.1 answers a Fault with 500
        return httpx.Response(soap_status, content=body, headers={"Content-Type": soap.CONTENT_TYPE})
    if route.operatie.foutvorm == "ebms":
        return ebms_weigering(partij.oin, None, "Inconsistent", "; ".join(teksten), client_oin(request), status=status)
    if route.operatie.foutvorm == "probleem":
        ongeldig = [("nonFieldErrors", code, t) for t in teksten] if status == 400 else []
        return probleem(request, status, "Ongeldige invoer", code, "; ".join(teksten), *ongeldig)
    return foutantwoord(status, "Ongeldige invoer", *[(code, t) for t in teksten])


def behandel(partij: MockPartij, request: httpx.Request) -> httpx.Response:
    """Dispatch one request to ``partij``: the same answer in-process and served."""
    pad = raw_pad(request)
    gevonden = partij.zoek(request.method, pad)
    if gevonden is None:
        bekend = sorted({f"{r.method} {r.pad}" for r in partij.routes})
        return foutantwoord(
            404,
            "Onbekend pad",
            ("MOCK-404", f"{request.method} {pad} bestaat niet bij {partij.naam}; bekend: {', '.join(bekend)}"),
        )
    route, params = gevonden
    if route.operatie.certificaat and client_oin(request) is None:
        return _zonder_certificaat(partij, route)
    geweigerd = _toegang(partij, route.operatie, request) or _begrens(partij, route, request)
    if geweigerd is not None:
        return geweigerd
    try:
        return route.handler(request, params)
    except OngeldigeInvoer as exc:
        return _weigering(partij, route, request, exc.code, [str(exc)], _STATUS.get(exc.code, 400))
    except ValidationError as exc:
        return _weigering(partij, route, request, "MOCK-400", meldingen(exc))
    except httpx.ReadTimeout as exc:  # a streamed body that stopped coming: the client's doing, not the mock's
        tekst = f"Het bericht kwam niet op tijd binnen ({exc}); het is niet verwerkt. Stuur het opnieuw."
        return _weigering(partij, route, request, "MOCK-408", [tekst], 408)
    except httpx.ReadError as exc:
        return _weigering(partij, route, request, "MOCK-400", [f"Het bericht is niet helemaal ontvangen: {exc}."])
    except Exception as exc:  # a bug in the mock: a harness error, not a finding about another party
        s = partij.storing(request.method, pad, exc)
        if route.operatie.foutvorm == "probleem":
            return probleem(request, 500, "Interne fout in de mock", "MOCK-500", f"{s.partij}: {s.fout}")
        return foutantwoord(500, "Interne fout in de mock", ("MOCK-500", f"{s.partij}: {s.fout}"))


def _toegang(partij: MockPartij, operatie: Operatie, request: httpx.Request) -> httpx.Response | None:
    """The API key of a /publiek/ API, and zaak data for the organisation's own certificate only."""
    sleutel = request.headers.get("x-api-key", "").encode()
    if operatie.publiek and partij.api_key is not None and not hmac.compare_digest(sleutel, partij.api_key.encode()):
        return foutantwoord(
            401,
            "API-key ontbreekt of is onjuist",
            ("DSO-401", "De /publiek/-API's van het DSO vragen een geldige API-key in de header x-api-key."),
        )
    oin = client_oin(request)
    if operatie.alleen_eigen and oin != partij.oin:
        return foutantwoord(
            403,
            "Niet de eigen organisatie",
            (
                "MOCK-EIGEN",
                f"De zaakgegevens van {partij.naam} zijn alleen voor de eigen organisatie (OIN {partij.oin}), "
                f"niet voor OIN {oin}.",
            ),
        )
    return None


_STATUS = {"MOCK-415": 415, "MOCK-413": 413}


def _te_groot(grens: int, soort: str) -> OngeldigeInvoer:
    return OngeldigeInvoer(
        f"Het bericht is groter dan de grens van {grens} bytes voor {soort}; het is niet gelezen. Stuur een kleiner "
        "bericht, of verhoog de grens in het profiel (grenzen).",
        code="MOCK-413",
    )


class _Begrensd(httpx.SyncByteStream):
    """A request body that stops being read past its bound (for bodies without Content-Length)."""

    def __init__(self, stream: Iterable[bytes], grens: int, soort: str) -> None:
        self.stream, self.grens, self.soort = stream, grens, soort

    def __iter__(self) -> Iterator[bytes]:
        gelezen = 0
        for chunk in self.stream:
            gelezen += len(chunk)
            if gelezen > self.grens:
                raise _te_groot(self.grens, self.soort)
            yield chunk


def grens_voor(partij: MockPartij, operatie: Operatie | None) -> int | None:
    """The size bound of the body of ``operatie`` (an unknown path: as JSON); None for a bijlage upload, which
    its handler streams to disk and bounds there (max_bijlage_bytes)."""
    soort = operatie.inhoud if operatie else "json"
    if soort == "bijlage":
        return None
    return partij.grenzen.json_bytes if soort == "json" else partij.grenzen.bericht_bytes


def lengte_van(request: httpx.Request) -> int | None:
    lengte = request.headers.get("Content-Length", "")
    return int(lengte) if lengte.isascii() and lengte.isdigit() and len(lengte) < 19 else None


def _begrens(partij: MockPartij, route: Route, request: httpx.Request) -> httpx.Response | None:
    """The size bound of the operation's kind of body: refused up front by Content-Length (or the bytes read
    so far), else while it is read."""
    grens = grens_voor(partij, route.operatie)
    if grens is None:
        return None
    soort = "JSON" if route.operatie.inhoud == "json" else "XML-, SOAP- en ebMS-berichten"
    gelezen = len(request.content) if hasattr(request, "_content") else None
    if (lengte_van(request) or 0) > grens or (gelezen or 0) > grens:
        exc = _te_groot(grens, soort)
        return _weigering(partij, route, request, exc.code, [str(exc)], 413)
    if gelezen is None and isinstance(request.stream, httpx.SyncByteStream):  # bound it while it is read
        request.stream = _Begrensd(request.stream, grens, soort)
    return None


def _zonder_certificaat(partij: MockPartij, route: Route) -> httpx.Response:
    tekst = (
        "Er is geen (geldig) clientcertificaat aangeboden. Dit koppelvlak vraagt tweezijdig TLS met een "
        "PKIoverheid-certificaat met het OIN in subject.serialNumber."
    )
    if route.operatie.foutvorm == "ebms":
        return ebms_weigering(partij.oin, None, "SecurityFailure", tekst, None, status=403)
    return foutantwoord(403, "Geen clientcertificaat", ("MOCK-MTLS", tekst))


def respx_router(partijen: list[MockPartij]) -> respx.Router:
    """One strict respx router: a route per party (by base URL), each dispatching through :func:`behandel`."""
    router = respx.Router(assert_all_called=False, assert_all_mocked=True)
    for partij in partijen:
        base = re.escape(partij.base_url.rstrip("/"))
        router.route(url__regex="^" + base + r"(/|\?|$)").mock(side_effect=_naar(partij))
    return router


def _naar(partij: MockPartij) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: behandel(partij, request)


class NietGemockt(ChainTestError):
    """A request to a host that no mock party serves: the harness is configured wrongly."""


BEWAARDE_CALLS = 500  # respx's own record of calls (for tests that inspect it), cleared past this many


class InProcessTransport(httpx.BaseTransport):
    """Dispatch to the respx router without pre-reading the body (uploads stay streams).

    ``client_oin`` plays the part of the client certificate: every request carries it as an
    extension, as a TLS-terminating server would pass on the certificate's OIN.
    """

    def __init__(
        self,
        router: respx.Router,
        client_oin: str | None,
        verbinding: Callable[[httpx.Request, str | None], None] | None = None,
    ) -> None:
        self.router = router
        self.client_oin = client_oin
        self.verbinding = verbinding  # may raise an httpx.TransportError: a connection that fails (faults)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.verbinding is not None:
            self.verbinding(request, self.client_oin)
        if self.client_oin:
            request.extensions = {**request.extensions, CLIENT_OIN: self.client_oin}
        try:
            response: httpx.Response = self.router.handler(request)
            if len(self.router.calls) > BEWAARDE_CALLS:  # respx records every call: bounded, a long run stays flat
                self.router.reset()
            return response
        except AllMockedAssertionError as exc:  # respx: no party serves this host
            known = sorted({str(r.pattern) for r in self.router.routes})
            raise NietGemockt(
                f"Geen mock voor {request.method} {request.url}. Bekende partijen:\n  " + "\n  ".join(known),
                code="KT-NIET-GEMOCKT",
                hint="Controleer de base-URL's in de configuratie en de paden in chain_tests/standards/api.py.",
            ) from exc
