"""Who may call the ZGW face and how an answer looks: the clients and their scopes (as an Autorisaties API would
hold them), the JWT and CRS checks, JSON answers with the headers the specifications name, and pagination."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TypeVar
from urllib.parse import urlsplit

import httpx

from chain_tests.standards import zgw
from chain_tests.standards.zgw.autorisatie import Geweigerd, controleer
from chain_tests.standards.zgw.modellen import Pagina, ZgwModel
from mocks._infra.antwoorden import probleem

T = TypeVar("T", bound=ZgwModel)

ALLE_SCOPES = frozenset({*zgw.SCOPES_LEZEN, *zgw.SCOPES_STATUS})
#: the clients the mock knows: the harness's own, and one that may only read (for the 403 self-test)
CRS_ANTWOORD = {"Content-Crs": zgw.CRS}
CLIENTS: dict[str, tuple[str, frozenset[str]]] = {
    zgw.MOCK_CLIENT_ID: (zgw.MOCK_SECRET, ALLE_SCOPES),
    "ketentest-lezer": ("ketentest-lezer-geheim-alleen-voor-ketentest-mocks", frozenset(zgw.SCOPES_LEZEN)),
}
PAGINA = 20  # results per page, as open-zaak's default is 100 (smaller here, so tests page)


class Afgewezen(Exception):
    """A refusal on its way out of a handler, as a ready answer."""

    def __init__(self, antwoord: httpx.Response) -> None:
        self.antwoord = antwoord


def toegang(request: httpx.Request, *scopes: str) -> None:
    """A valid JWT of a known client that holds one of ``scopes``; else 401 or 403 (``Afgewezen``)."""
    try:
        client_id = controleer(request.headers.get("Authorization"), lambda c: CLIENTS.get(c, (None,))[0])
    except Geweigerd as exc:
        raise Afgewezen(probleem(request, exc.status, "Niet geautoriseerd", exc.code, exc.detail)) from None
    if not set(scopes) & CLIENTS[client_id][1]:
        detail = f"Client {client_id!r} heeft geen van de scopes {', '.join(scopes)} voor deze operatie."
        raise Afgewezen(probleem(request, 403, "Geen toestemming", "permission_denied", detail))


def crs(request: httpx.Request) -> None:
    """The Zaken API asks ``Accept-Crs`` (and ``Content-Crs``) on zaken: 412 without, 406 for another CRS."""
    for naam in ("Accept-Crs", "Content-Crs"):
        waarde = request.headers.get(naam)
        if waarde is None:
            detail = f"De header {naam} ontbreekt; de Zaken API vraagt {naam}: {zgw.CRS}."
            raise Afgewezen(probleem(request, 412, "Precondition failed", f"missing-{naam.lower()}-header", detail))
        if waarde != zgw.CRS:
            detail = f"{naam} {waarde!r} wordt niet ondersteund; alleen {zgw.CRS}."
            raise Afgewezen(probleem(request, 406, "CRS niet ondersteund", "crs-not-supported", detail))


def ongeldig(request: httpx.Request, naam: str, code: str, reden: str) -> Afgewezen:
    return Afgewezen(probleem(request, 400, "Ongeldige invoer", "invalid", reden, (naam, code, reden)))


def niet_gevonden(request: httpx.Request, wat: str) -> Afgewezen:
    return Afgewezen(probleem(request, 404, "Niet gevonden", "not_found", f"{wat} bestaat niet."))


def antwoord(
    data: ZgwModel | Sequence[ZgwModel], component: str, status: int = 200, headers: dict[str, str] | None = None
) -> httpx.Response:
    body = data.json_bytes() if isinstance(data, ZgwModel) else b"[" + b",".join(d.json_bytes() for d in data) + b"]"
    kop = {"Content-Type": "application/json", "API-version": zgw.VERSIES[component], **(headers or {})}
    return httpx.Response(status, content=body, headers=kop)


def pagina(request: httpx.Request, alle: list[T]) -> Pagina[T]:
    """One page of ``alle`` as the specification pages: ``?page=`` (1-based), count, next and previous; a page
    that is not a whole number from 1 is a 400 (the operations define no 404)."""
    if len(request.url.params.get_list("page")) > 1:
        raise ongeldig(request, "page", "invalid", "De parameter 'page' staat er meer dan eens; geef één pagina.")
    waarde = request.url.params.get("page", "1")
    if not (waarde.isascii() and waarde.isdigit() and 0 < len(waarde) < 10 and int(waarde) >= 1):
        raise ongeldig(request, "page", "invalid", f"Ongeldige pagina {waarde[:20]!r}: een geheel getal vanaf 1.")
    nummer, laatste = int(waarde), max(1, math.ceil(len(alle) / PAGINA))

    def naar(n: int) -> str | None:
        return str(request.url.copy_set_param("page", str(n))) if 1 <= n <= laatste and n != nummer else None

    deel = alle[(nummer - 1) * PAGINA : nummer * PAGINA]
    return Pagina[T](
        count=len(alle), next=naar(nummer + 1), previous=naar(nummer - 1) if nummer <= laatste else None, results=deel
    )


#: the filters whose value is a URL (a ZRC refuses another value with a 400, as it does here)
URL_FILTERS = frozenset({"zaak", "object", "zaaktype", "statustype", "resultaattype", "informatieobject"})


def is_url(waarde: str) -> bool:
    deel = urlsplit(waarde)
    return deel.scheme in ("http", "https") and bool(deel.netloc) and waarde.isprintable() and " " not in waarde


def filter_op(request: httpx.Request, alle: list[T], **velden: Callable[[T], str]) -> list[T]:
    """Keep what matches every given query parameter (by the field's value). A parameter the mock does not
    filter on is refused (400), never ignored: a list that silently ignores a filter answers too much."""
    for naam in request.url.params:
        if len(request.url.params.get_list(naam)) > 1:
            raise ongeldig(request, naam, "invalid", f"Filter {naam!r} staat er meer dan eens; geef één waarde.")
        if naam not in velden and naam != "page":
            reden = f"Filter {naam!r} wordt door deze ketentest-mock niet ondersteund; wel: {', '.join(velden)}."
            raise ongeldig(request, naam, "ketentest-niet-ondersteund", reden)
    for naam in URL_FILTERS & set(request.url.params):
        if not is_url(request.url.params[naam]):
            raise ongeldig(request, naam, "invalid", f"Filter {naam!r} vraagt een geldige URL.")
    for naam, waarde_van in velden.items():
        gezocht = request.url.params.get(naam)
        if gezocht is not None:
            alle = [x for x in alle if waarde_van(x) == gezocht]
    return alle
