"""What the tests of DSO-LV's post share: a receiver that answers as told, and a postvak delivering to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import httpx

from chain_tests.config import Tijden
from chain_tests.klok import HandmatigeKlok
from chain_tests.standards.ebms import EbmsBericht, MimeDeel, ontleed
from mocks._infra.routing import CLIENT_OIN
from mocks.digikoppeling.postvak import Postvak
from tests.bouwstenen import DRIMMELEN, DSO

VTH = DRIMMELEN
ENDPOINT = "https://vth.test/ebms"
P = TypeVar("P", bound=Postvak)


class Ontvanger:
    """The receiving endpoint: answers each POST with the next of ``antwoorden`` (the last one repeats)."""

    def __init__(self, *antwoorden: Callable[[], httpx.Response]) -> None:
        self.antwoorden = list(antwoorden)
        self.berichten: list[EbmsBericht] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.berichten.append(ontleed(request.headers["Content-Type"], request.read()))
        antwoord = self.antwoorden.pop(0) if len(self.antwoorden) > 1 else self.antwoorden[0]
        return antwoord()


def postvak(
    ontvanger: Callable[[httpx.Request], httpx.Response],
    soort: type[P] = Postvak,
    **extra: object,  # type: ignore[assignment]
) -> tuple[P, HandmatigeKlok]:
    """A postvak of DSO-LV that delivers to ``ontvanger`` (an ``httpx.MockTransport`` handler)."""
    klok = HandmatigeKlok()
    vak = soort(
        naam="DSO-LV",
        eigen_oin=DSO,
        adresboek={VTH: ENDPOINT},
        tijden=Tijden(ebms_retries=3, ebms_retry_interval=10),
        klok=klok,
        client=lambda: httpx.Client(transport=httpx.MockTransport(ontvanger)),
        **extra,  # type: ignore[arg-type]
    )
    return vak, klok


def verstuur(vak: Postvak, naar: str = VTH, sleutel: str = "3000001") -> None:
    vak.verstuur(
        sleutel, naar, "osb:Verzoek", "Verzoeknotificatie", [MimeDeel("stam", "application/xml", b"<a/>")], "C"
    )


def stappen(vak: Postvak, klok: HandmatigeKlok, keer: int) -> None:
    for _ in range(keer):
        vak.werk()
        klok.wacht(10)


def van(oin: str) -> httpx.Request:
    """A request to DSO-LV's ebMS endpoint made with the certificate of ``oin``."""
    return httpx.Request("POST", "https://dso.test/ebms", extensions={CLIENT_OIN: oin})
