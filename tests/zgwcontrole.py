"""Every ZGW exchange checked against the specifications: against the derived documents (docs/contract/zgw/)
always, and against VNG's official Zaken API 1.5.1, Documenten API 1.4.3 and Catalogi API 1.3.1 when
``KETENTEST_ZGW_SPECS`` names a folder with them (``zaken.yaml``, ``documenten.yaml``, ``catalogi.yaml``: each
repository's ``src/openapi.yaml`` at its tag). docs/metingen.md says how to run with them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import httpx
from openapi_core import OpenAPI

from chain_tests import variabelen
from chain_tests.standards import zgw
from tests.bouwstenen import DOCS
from tests.openapi import Antwoord, Verzoek, laad, uitleg

OFFICIEEL = variabelen.lees(variabelen.ZGW_SPECS)
#: the documents every exchange is held to
BRONNEN = ("afgeleid", "officieel") if OFFICIEEL else ("afgeleid",)
ROOTS = {"zaken": zgw.ZAKEN_ROOT, "documenten": zgw.DOCUMENTEN_ROOT, "catalogi": zgw.CATALOGI_ROOT}


def document(bron: str, component: str) -> Path:
    if bron == "afgeleid":
        return DOCS / "contract" / "zgw" / f"{component}.openapi.json"
    assert OFFICIEEL is not None
    return Path(OFFICIEEL) / f"{component}.yaml"


@cache
def spec(bron: str, component: str, root: str) -> OpenAPI:
    """The document of ``component`` from ``bron``, served at ``root`` (an absolute API root)."""
    return laad(document(bron, component), root)


def component_van(url: httpx.URL) -> tuple[str, str] | None:
    """(component, its absolute root) of a URL on a ZGW API of the open-zaak layout."""
    for component, root in ROOTS.items():
        if url.path.startswith(root + "/"):
            return component, f"{url.scheme}://{url.netloc.decode()}{root}"
    return None


@dataclass
class ZgwControle(httpx.BaseTransport):
    """Passes every request on; checks each ZGW request and its answer against every document of
    :data:`BRONNEN`, keeping each violation (with the document it breaks)."""

    binnen: httpx.BaseTransport
    bronnen: tuple[str, ...] = BRONNEN
    verzoekfouten: list[str] = field(default_factory=list)  # what the client sent wrong
    antwoordfouten: list[str] = field(default_factory=list)  # what the server answered wrong
    gezien: Counter[str] = field(default_factory=Counter)  # per "METHOD /path-template-ish"
    paden: list[str] = field(default_factory=list)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        gevonden = component_van(request.url)
        if gevonden is None:
            return self.binnen.handle_request(request)
        request.read()
        response = self.binnen.handle_request(request)
        response.read()
        component, root = gevonden
        self.gezien[component] += 1
        self.paden.append(f"{request.method} {request.url.path}?{request.url.query.decode()}")
        for bron in self.bronnen:
            api = spec(bron, component, root)
            waar = f"[{bron}] {request.method} {request.url.path}"
            try:
                api.validate_request(Verzoek(request))
            except Exception as exc:  # openapi-core's errors have no common base worth naming
                self.verzoekfouten.append(f"{waar}: {uitleg(exc)}")
            try:
                api.validate_response(Verzoek(request), Antwoord(response))
            except Exception as exc:
                self.antwoordfouten.append(f"{waar} → {response.status_code}: {uitleg(exc)}")
        return response

    @property
    def overtredingen(self) -> list[str]:
        return self.verzoekfouten + self.antwoordfouten
