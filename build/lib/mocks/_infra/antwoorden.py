"""The answers a mock gives, as bytes on the wire: a JSON model, a Dutch refusal (``Foutbericht``), or an ebMS
ErrorList signal (Digikoppeling's way of refusing a message)."""

from __future__ import annotations

from typing import Any

import httpx

from chain_tests.standards.api import Foutbericht, Melding
from chain_tests.standards.ebms import EbmsBericht, foutbericht, serialiseer


def json_antwoord(model: Any, status: int = 200) -> httpx.Response:
    """A pydantic model of the wire contract as an ``application/json`` answer."""
    return httpx.Response(status, content=model.json_bytes(), headers={"Content-Type": "application/json"})


def foutantwoord(status: int, titel: str, *meldingen: tuple[str, str]) -> httpx.Response:
    """A refusal as the wire contract's ``Foutbericht``: HTTP status, title and (code, text) meldingen."""
    body = Foutbericht(status=status, titel=titel, meldingen=[Melding(code=c, tekst=t) for c, t in meldingen])
    return json_antwoord(body, status)


def ebms_weigering(
    eigen_oin: str, bericht: EbmsBericht | None, code: str, tekst: str, naar: str | None, status: int = 400
) -> httpx.Response:
    """An ebMS ErrorList signal about ``bericht`` (None: a message that could not be read) from ``eigen_oin``."""
    naar_oin = naar if naar and len(naar) == 20 and naar.isdigit() else "0" * 20
    headers, body = serialiseer(foutbericht(bericht, code, tekst, van=eigen_oin, naar=naar_oin))
    return httpx.Response(status, content=body, headers=headers)
