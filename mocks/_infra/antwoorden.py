"""The answers a mock gives, as bytes on the wire: a JSON model, a Dutch refusal (``Foutbericht``), an ebMS
ErrorList signal (Digikoppeling's way of refusing a message), or a ZGW ``application/problem+json`` (``Fout``,
``ValidatieFout``)."""

from __future__ import annotations

from typing import Any

import httpx

from chain_tests.standards.api import Foutbericht, Melding
from chain_tests.standards.ebms import EbmsBericht, foutbericht, serialiseer
from chain_tests.standards.zgw.modellen import FieldValidationError, Fout, ValidatieFout

PROBLEEM = "application/problem+json"


def json_antwoord(model: Any, status: int = 200) -> httpx.Response:
    """A pydantic model of the wire contract as an ``application/json`` answer."""
    return httpx.Response(status, content=model.json_bytes(), headers={"Content-Type": "application/json"})


def foutantwoord(status: int, titel: str, *meldingen: tuple[str, str]) -> httpx.Response:
    """A refusal as the wire contract's ``Foutbericht``: HTTP status, title and (code, text) meldingen."""
    body = Foutbericht(status=status, titel=titel, meldingen=[Melding(code=c, tekst=t) for c, t in meldingen])
    return json_antwoord(body, status)


def ebms_weigering(
    eigen_oin: str,
    bericht: EbmsBericht | None,
    code: str,
    tekst: str,
    naar: str | None,
    status: int = 400,
    locatie: str | None = None,
) -> httpx.Response:
    """An ebMS ErrorList signal about ``bericht`` (None: a message that could not be read) from ``eigen_oin``,
    naming the element it is about (``eb:location``)."""
    naar_oin = naar if naar and len(naar) == 20 and naar.isdigit() else "0" * 20
    fout = foutbericht(bericht, code, tekst, van=eigen_oin, naar=naar_oin, locatie=locatie)
    headers, body = serialiseer(fout)
    return httpx.Response(status, content=body, headers=headers)


def probleem(
    request: httpx.Request, status: int, titel: str, code: str, detail: str, *ongeldig: tuple[str, str, str]
) -> httpx.Response:
    """A ZGW refusal: ``Fout``, or ``ValidatieFout`` with the invalid parameters (name, code, reason)."""
    velden = {"code": code, "title": titel, "status": status, "detail": detail, "instance": str(request.url.path)}
    fout: Fout = (
        ValidatieFout(**velden, invalid_params=[FieldValidationError(name=n, code=c, reason=r) for n, c, r in ongeldig])
        if ongeldig
        else Fout(**velden)
    )
    return httpx.Response(status, content=fout.json_bytes(), headers={"Content-Type": PROBLEEM})
