"""Mock MijnOverheid Lopende Zaken (Logius): receives ``zakLk01`` over Digikoppeling ebMS2 and keeps, per
citizen, what MijnOverheid would show.

A message is refused (ebMS ErrorList, so the sender's outbox records why) when it is not a valid zakLk01
(the configured schema), is not addressed to Logius / MijnOverheid / Lopende zaken, comes from another
organisation than its certificate, repeats a referentienummer of that sender, or lacks a BSN (elfproef)
or datumStatusGezet. Accepted messages are acknowledged; a duplicate (same MessageId) is acknowledged and
not counted twice. The harness reads the result through ``/_ketentest/lopende-zaken?zender=&zaak=``: BSNs
masked, and as a hash for comparison.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from chain_tests.config import KetenConfig
from chain_tests.errors import OngeldigeInvoer
from chain_tests.klok import Klok
from chain_tests.privacy import gemaskeerd, is_bsn
from chain_tests.standards import api, cpa, inspectie, lopendezaken, operaties
from chain_tests.standards.ebms import EbmsBericht
from chain_tests.standards.sleutels import sleutelbos
from mocks._infra.antwoorden import ebms_weigering
from mocks._infra.bewaren import begrens
from mocks._infra.routing import MockPartij, Route, client_oin
from mocks.digikoppeling.postvak import Postvak


@dataclass
class LopendeZakenMock:
    config: KetenConfig
    klok: Klok
    client: Callable[[], httpx.Client]  # for its acknowledgments
    zaken: dict[tuple[str, str], inspectie.LopendeZaak] = field(default_factory=dict)  # (zender, zaak) →
    referenties: dict[tuple[str, str], None] = field(default_factory=dict)  # (zender, referentienummer), in order
    storingen: list[inspectie.StoringInMock] = field(default_factory=list)

    def __post_init__(self) -> None:
        adresboek = {o.oin: o.base_url + api.EBMS for o in self.config.organisaties}
        o = self.config.lopende_zaken
        self.postvak = Postvak(
            "MijnOverheid Lopende Zaken",
            o.oin,
            adresboek,
            self.config.tijden,
            self.klok,
            self.client,
            bewaar=self.config.grenzen.bewaar_verzoeken,
            cpas=cpa.overeenkomsten(self.config),
            sleutels=sleutelbos(self.config),
        )

    def partij(self) -> MockPartij:
        o = self.config.lopende_zaken
        routes = [Route(operaties.EBMS, self.ontvang), Route(operaties.LOPENDE_ZAKEN, self.inspectie)]
        return MockPartij(o.naam, o.oin, o.base_url, routes, self.storingen, grenzen=self.config.grenzen)

    def werk(self) -> None:
        try:
            self.postvak.werk()
        except Exception as exc:  # a bug in the mock itself: recorded, reported as a harness error
            MockPartij(self.config.lopende_zaken.naam, "", "", [], self.storingen).storing("achtergrond", "acks", exc)

    def ontvang(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        eigen = self.config.lopende_zaken.oin
        bericht = self.postvak.lees_bericht(request)
        if isinstance(bericht, httpx.Response):
            return bericht
        if bericht.is_ack or bericht.fouten:
            return httpx.Response(202)  # MijnOverheid sends no messages of its own: nothing to match
        afzender = client_oin(request)
        try:
            status = self._controleer(bericht, afzender)
        except OngeldigeInvoer as exc:
            return ebms_weigering(eigen, bericht, "Inconsistent", str(exc), afzender)
        if self.postvak.neem_aan(bericht):
            self._bewaar(status)
        return httpx.Response(202)

    def _controleer(self, bericht: EbmsBericht, afzender: str | None) -> lopendezaken.Zaakstatus:
        if bericht.service != lopendezaken.SERVICE or bericht.action != lopendezaken.ACTION:
            gevraagd = f"{lopendezaken.ACTION} (service {lopendezaken.SERVICE})"
            raise OngeldigeInvoer(f"Lopende Zaken neemt hier {gevraagd} aan, niet {bericht.action}.", code="LZ-SERVICE")
        if not bericht.payloads:
            raise OngeldigeInvoer("het bericht heeft geen zakLk01", code="LZ-BERICHT")
        status, ontvanger = lopendezaken.lees_zaklk01(bericht.payloads[0].inhoud)
        verwacht = (lopendezaken.LOGIUS_OIN, lopendezaken.APPLICATIE, lopendezaken.ADMINISTRATIE)
        if ontvanger != verwacht:
            raise OngeldigeInvoer(f"ontvanger {ontvanger} is niet {verwacht}", code="LZ-ONTVANGER")
        if status.zender != afzender:
            raise OngeldigeInvoer(
                f"zender {status.zender} is niet de organisatie van het certificaat ({afzender})", code="LZ-ZENDER"
            )
        if (
            bericht.message_id not in self.postvak.ontvangen_ids
            and (status.zender, status.referentienummer) in self.referenties
        ):
            raise OngeldigeInvoer(f"referentienummer {status.referentienummer} is al gebruikt", code="LZ-REFERENTIE")
        if not is_bsn(status.bsn):
            raise OngeldigeInvoer("geen geldig BSN bij de initiator: Lopende Zaken is per burger", code="LZ-BSN")
        if not status.datum_status_gezet:
            raise OngeldigeInvoer("datumStatusGezet ontbreekt", code="LZ-STATUS")
        return status

    def _bewaar(self, s: lopendezaken.Zaakstatus) -> None:
        self.referenties[(s.zender, s.referentienummer)] = None
        begrens(self.referenties, self.config.grenzen.bewaar_verzoeken)
        zaak = self.zaken.setdefault(
            (s.zender, s.zaak_id),
            inspectie.LopendeZaak(
                zender=s.zender,
                zaak_id=s.zaak_id,
                bsn_gemaskeerd=gemaskeerd(s.bsn),
                bsn_sha256=lopendezaken.bsn_sha256(s.bsn),
                omschrijving=s.omschrijving,
                zaaktype=s.zaaktype_omschrijving,
            ),
        )
        zaak.bsn_gemaskeerd, zaak.bsn_sha256 = gemaskeerd(s.bsn), lopendezaken.bsn_sha256(s.bsn)
        zaak.statussen.append(inspectie.LzStatus(status=s.status, datum_status_gezet=s.datum_status_gezet))
        zaak.einddatum, zaak.resultaat, zaak.verwijzing = s.einddatum, s.resultaat, s.verwijzing
        begrens(self.zaken, self.config.grenzen.bewaar_verzoeken)

    def inspectie(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        zender, zaak = request.url.params.get("zender"), request.url.params.get("zaak")
        gevonden = [z for (o, i), z in self.zaken.items() if zender in (None, o) and zaak in (None, i)]
        body = b"[" + b",".join(z.json_bytes() for z in gevonden) + b"]"
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})
