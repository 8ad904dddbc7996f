"""Checking exchanges against an OpenAPI document with openapi-core: httpx requests and responses as openapi-core
reads them, and a transport that checks every exchange that passes through it.

Used by the tests of the supplier's contract (docs/contract/) and of the ZGW adapter and mock (the VNG
specifications). A violation raises openapi-core's own error, whose text names the field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict


class Verzoek:
    """An ``httpx.Request`` as openapi-core reads one (the body must have been read or be bytes)."""

    def __init__(self, request: httpx.Request) -> None:
        self.request = request
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(request.url.params.multi_items())),
            header=Headers(list(request.headers.items())),
        )

    @property
    def host_url(self) -> str:
        return f"{self.request.url.scheme}://{self.request.url.netloc.decode()}"

    @property
    def path(self) -> str:
        return self.request.url.path

    @property
    def method(self) -> str:
        return self.request.method.lower()

    @property
    def body(self) -> bytes | None:
        try:
            return self.request.content or None
        except httpx.RequestNotRead:
            return None

    @property
    def content_type(self) -> str:
        return self.request.headers.get("Content-Type", "").lower()


class Antwoord:
    """An ``httpx.Response`` as openapi-core reads one (read first)."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def content_type(self) -> str:
        return self.response.headers.get("Content-Type", "").lower()

    @property
    def headers(self) -> Headers:
        return Headers(list(self.response.headers.items()))

    @property
    def data(self) -> bytes:
        return self.response.content


def laad(pad: Path, server: str | None = None) -> OpenAPI:
    """An OpenAPI document from a JSON or YAML file; ``server`` replaces its servers (the mock's base URL)."""
    if pad.suffix == ".json":
        spec: dict[str, Any] = json.loads(pad.read_text(encoding="utf-8"))
    else:
        import yaml

        spec = yaml.safe_load(pad.read_text(encoding="utf-8"))
    if server is not None:
        spec["servers"] = [{"url": server}]
    json_soorten = {"application/problem+json": json.loads}  # ZGW's errors are JSON under their own media type
    return OpenAPI.from_dict(_zonder_mtls(spec), config=Config(extra_media_type_deserializers=json_soorten))


def _zonder_mtls(spec: dict[str, Any]) -> dict[str, Any]:
    """Mutual TLS is a property of the connection, which openapi-core does not see (it refuses the scheme): the
    operations' ``security`` on it is left out of the check; the tests of the certificate gate cover it."""
    schemes = spec.get("components", {}).get("securitySchemes", {})
    mtls = {n for n, s in schemes.items() if s.get("type") == "mutualTLS"}
    for pad in spec.get("paths", {}).values():
        for bewerking in pad.values():
            if isinstance(bewerking, dict) and "security" in bewerking:
                bewerking["security"] = [e for e in bewerking["security"] if not set(e) & mtls] or [{}]
    for naam in mtls:
        del schemes[naam]
    return spec


@dataclass
class Controlerend(httpx.BaseTransport):
    """Passes every request on and checks it and its response against ``api`` (``verzoeken``/``antwoorden``
    choose what is checked); each violation is kept, so a test can assert there were none and say which."""

    binnen: httpx.BaseTransport
    api: OpenAPI
    verzoeken: bool = True
    antwoorden: bool = True
    overtredingen: list[str] = field(default_factory=list)
    gezien: int = 0
    filter: Callable[[httpx.Request], bool] = lambda _: True

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        response = self.binnen.handle_request(request)
        if not self.filter(request):
            return response
        response.read()
        self.gezien += 1
        verzoek, antwoord = Verzoek(request), Antwoord(response)
        try:
            if self.verzoeken:
                self.api.validate_request(verzoek)
            if self.antwoorden:
                self.api.validate_response(verzoek, antwoord)
        except Exception as exc:  # openapi-core's errors have no common base worth naming
            self.overtredingen.append(f"{request.method} {request.url.path}: {uitleg(exc)}")
        return response


def uitleg(exc: BaseException) -> str:
    """The error and what lies under it (openapi-core wraps the schema errors that name the field)."""
    delen = [f"{type(exc).__name__}: {exc}"]
    onder: BaseException | None = exc.__cause__
    while onder is not None:
        fouten = getattr(onder, "schema_errors", None)
        delen += [str(f.message) for f in fouten] if fouten else [f"{type(onder).__name__}: {onder}"]
        onder = onder.__cause__
    return " — ".join(delen)
