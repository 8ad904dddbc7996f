"""*Toepasbare regels aanleveren* over SOAP, with zeep on an httpx-backed transport.

zeep's own transport is built on ``requests``; :class:`HttpxTransport` sends through the given
``httpx.Client`` instead, so the in-process mocks (respx) and the trace see the SOAP traffic too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import zeep
import zeep.exceptions
from lxml import etree
from zeep.plugins import HistoryPlugin

from chain_tests.clients.base import SoapFout
from chain_tests.errors import ContractFout
from chain_tests.standards import aanleveren as contract

PARTIJ = "RTR (toepasbare regels aanleveren)"


class HttpxTransport(zeep.Transport):  # type: ignore[misc]  # zeep is untyped
    """A zeep transport that posts through an ``httpx.Client`` (no requests session)."""

    def __init__(self, client: httpx.Client) -> None:  # deliberately not calling super(): no requests
        self.client = client
        self.cache = None
        self.load_timeout = 30
        self.operation_timeout = 30
        self._close_session = False

    def get(self, address: str, params: Any, headers: dict[str, str]) -> httpx.Response:
        return self.client.get(address, params=params, headers=headers)

    def post(self, address: str, message: bytes | str, headers: dict[str, str]) -> httpx.Response:
        return self.client.post(address, content=message, headers=headers)

    def load(self, url: str) -> bytes:
        if urlparse(url).scheme in ("http", "https"):
            response = self.client.get(url)
            response.raise_for_status()
            return response.content
        return Path(url.removeprefix("file://")).read_bytes()


@dataclass
class AanleverResultaat:
    resultaat: str
    toepasbare_regel_id: str | None
    meldingen: list[tuple[str, str, str]] = field(default_factory=list)  # (ernst, code, tekst)
    verzoek_xml: bytes = b""
    antwoord_xml: bytes = b""

    @property
    def geaccepteerd(self) -> bool:
        return self.resultaat == contract.RESULTAAT_GEACCEPTEERD


class AanleverClient:
    def __init__(self, client: httpx.Client, endpoint: str) -> None:
        self.history = HistoryPlugin()
        self.zeep = zeep.Client(str(contract.WSDL_PATH), transport=HttpxTransport(client), plugins=[self.history])
        binding = f"{{{contract.TNS}}}AanleverenToepasbareRegelsBinding"
        self.service = self.zeep.create_service(binding, endpoint)

    def lever_aan(self, *, bevoegd_gezag: str, activiteit_id: str, bestandsnaam: str, sttr: bytes) -> AanleverResultaat:
        operation = getattr(self.service, contract.OP_AANLEVEREN)
        try:
            antwoord = operation(
                bevoegdGezag=bevoegd_gezag, activiteitId=activiteit_id, bestandsnaam=bestandsnaam, sttrBestand=sttr
            )
        except zeep.exceptions.Fault as exc:
            raise SoapFout(PARTIJ, str(exc.code or "soapenv:Server"), str(exc.message)) from exc
        except (zeep.exceptions.Error, etree.XMLSyntaxError) as exc:
            raise ContractFout(PARTIJ, f"geen geldig SOAP-antwoord: {exc}") from exc
        meldingen = [(m.ernst, m.code, m.tekst) for m in (antwoord.melding or [])]
        sent = etree.tostring(self.history.last_sent["envelope"]) if self.history.last_sent else b""
        got = etree.tostring(self.history.last_received["envelope"]) if self.history.last_received else b""
        return AanleverResultaat(antwoord.resultaat, antwoord.toepasbareRegelId, meldingen, sent, got)
