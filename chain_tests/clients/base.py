"""Shared plumbing for the REST clients: status checks with Dutch, actionable errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from chain_tests.errors import ChainTestError, ContractFout
from chain_tests.standards.api import Foutbericht
from chain_tests.standards.meldingen import meldingen
from chain_tests.standards.zgw.modellen import Fout, ValidatieFout
from chain_tests.streams import schrijf_stream

M = TypeVar("M", bound=BaseModel)


#: Codes with which a ketentest mock says that it failed itself or cannot imitate this (not the party it imitates).
MOCK_CODES = ("MOCK-500", "MOCK-501", "MOCK-404")


class Weigering(ChainTestError):
    """A party refused a request: HTTP status plus its meldingen."""

    def __init__(self, partij: str, response: httpx.Response) -> None:
        self.partij = partij
        self.status = response.status_code
        self.meldingen: list[tuple[str, str]] = []
        try:
            body = Foutbericht.model_validate_json(response.read())
            self.meldingen = [(m.code, m.tekst) for m in body.meldingen]
            titel = body.titel
        except (ValidationError, json.JSONDecodeError):
            titel = response.text[:500]
            if is_json(response):  # a ZGW problem+json (Fout, ValidatieFout)
                titel, self.meldingen = _probleem(response) or (titel, [])
        details = "; ".join(f"{c}: {t}" for c, t in self.meldingen)
        super().__init__(
            f"{partij} weigerde {response.request.method} {response.request.url.path} "
            f"(HTTP {self.status}): {titel}" + (f" — {details}" if details else ""),
            code=f"KT-HTTP-{self.status}",
        )

    @property
    def mock_storing(self) -> bool:
        """True when a ketentest mock answered that it failed itself (a harness error, not a refusal)."""
        return any(c in MOCK_CODES for c, _ in self.meldingen)


def _probleem(response: httpx.Response) -> tuple[str, list[tuple[str, str]]] | None:
    try:
        fout = ValidatieFout.model_validate_json(response.read())
        ongeldig = [(p.code, f"{p.name}: {p.reason}") for p in fout.invalid_params]
    except ValidationError:
        try:
            fout = Fout.model_validate_json(response.read())  # type: ignore[assignment]
        except ValidationError:
            return None
        ongeldig = []
    return fout.title, [(fout.code, fout.detail), *ongeldig]


class SoapFout(Weigering):
    """A SOAP Fault from a SOAP service (faultcode and faultstring)."""

    def __init__(self, partij: str, faultcode: str, faultstring: str) -> None:
        self.partij = partij
        self.status = 500
        self.meldingen = [(faultcode, faultstring)]
        ChainTestError.__init__(
            self, f"{partij} antwoordde met een SOAP Fault ({faultcode}): {faultstring}", code="KT-SOAP-FAULT"
        )


def verwacht(partij: str, response: httpx.Response, *statuses: int) -> httpx.Response:
    if response.status_code not in (statuses or (200,)):
        raise Weigering(partij, response)
    return response


def is_json(response: httpx.Response) -> bool:
    """``application/json`` or a ``+json`` type (``application/problem+json``, ``application/hal+json``)."""
    soort = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return bool(soort == "application/json" or (soort.startswith("application/") and soort.endswith("+json")))


def json_van(partij: str, response: httpx.Response) -> object:
    """The JSON body of an accepted answer; another Content-Type breaks the contract."""
    if not is_json(response):
        soort = response.headers.get("Content-Type") or "(geen)"
        raise ContractFout(partij, f"Content-Type {soort} in plaats van application/json")
    try:
        return json.loads(response.read())
    except json.JSONDecodeError as exc:
        raise ContractFout(partij, f"geen geldige JSON: {exc}") from exc


def json_object(partij: str, response: httpx.Response) -> dict[str, Any]:
    """The JSON object of an accepted answer (not a list or a scalar)."""
    body = json_van(partij, response)
    if not isinstance(body, dict):
        raise ContractFout(partij, f"een JSON-object verwacht, {type(body).__name__} gekregen")
    return body


def lees(model: type[M], partij: str, response: httpx.Response, *statuses: int) -> M:
    verwacht(partij, response, *statuses)
    json_van(partij, response)
    try:
        return model.model_validate_json(response.read())
    except ValidationError as exc:
        raise ContractFout(partij, "; ".join(meldingen(exc))) from exc


#: Upper bound for one downloaded document (a guard against a runaway stream, not a policy).
MAX_DOWNLOAD = 64 * 1024**3


def download(client: httpx.Client, partij: str, url: str, doel: Path, max_bytes: int = MAX_DOWNLOAD) -> tuple[int, str]:
    """Stream ``url`` to ``doel``; return (bytes, sha256 hex). Never holds the file in memory."""
    with client.stream("GET", url) as r:
        verwacht(partij, r)
        return schrijf_stream(r.iter_bytes(), doel, max_bytes)  # regrouped there, without httpx's extra copies
