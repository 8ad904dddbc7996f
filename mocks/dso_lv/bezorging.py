"""DSO-LV's outbox for verzoeknotificaties over Digikoppeling ebMS2 (osb-rm), on :mod:`mocks.digikoppeling.postvak`.

:meth:`Bezorger.plaats` turns a submitted verzoek into a verzoeknotificatie message for its receiver;
:meth:`Bezorger.werk` is one pass of the delivery worker (retries, giving up); acknowledgments arrive as
separate ebMS signal messages at DSO-LV's own ebMS endpoint (:meth:`Bezorger.ontvang`), where DSO-LV takes
nothing else. The inspection route tells the harness where a verzoek's delivery stands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import httpx
from pydantic import TypeAdapter

from chain_tests.standards import api, inspectie, operaties
from chain_tests.standards.ebms import EbmsBericht, MimeDeel
from chain_tests.standards.stam import Verzoeknotificatie, notificatie_naar_xml
from mocks._infra.antwoorden import ebms_weigering, json_antwoord
from mocks._infra.bewaren import begrens_lijst
from mocks._infra.routing import Route, client_oin
from mocks.digikoppeling.postvak import Bezorging
from mocks.digikoppeling.storingen import GestoordPostvak
from mocks.dso_lv.verzoeken import Verzoek, Verzoekregister

SERVICE = "urn:osb:services:dso:verzoeknotificatie:v1"  # UNCONFIRMED
ACTION = "Verzoeknotificatie"

__all__ = ["ACTION", "SERVICE", "Bezorger", "Bezorging"]
_SIGNALEN = TypeAdapter(list[inspectie.Signaal])


@dataclass
class Bezorger(GestoordPostvak):
    """DSO-LV's post of verzoeknotificaties (with the keten faults a scenario sets), its ebMS endpoint for the
    receivers' signals and the inspection of a verzoek's delivery."""

    opgehaald: Callable[[str], list[tuple[str, str]]] = lambda _: []
    register: Verzoekregister = field(default_factory=Verzoekregister)
    signalen: list[inspectie.Signaal] = field(default_factory=list)

    def routes(self) -> list[Route]:
        return [
            Route(operaties.EBMS, self.ontvang),
            Route(operaties.BEZORGING, self.inspectie),
            Route(operaties.SIGNALEN, self.signalen_inspectie),
        ]

    def plaats(self, verzoek: Verzoek, naar: str | None = None) -> None:
        s = verzoek.stam
        notificatie = Verzoeknotificatie(
            verzoeknummer=s.verzoeknummer,
            volgnummer=s.volgnummer,
            doel=s.doel,
            bevoegd_gezag_oin=s.bevoegd_gezag.oin,
            uitvoerende_instantie_oin=s.uitvoerende_instantie.oin if s.uitvoerende_instantie else None,
        )
        inhoud = notificatie_naar_xml(notificatie)
        deel = MimeDeel(f"verzoeknotificatie-{s.verzoeknummer}@dso-lv", "application/xml", inhoud)
        ontvanger = naar or verzoek.ontvanger
        self.verstuur(s.verzoeknummer, ontvanger, SERVICE, ACTION, [deel], "dso-verzoeknotificatie", s.volgnummer)

    def ontvang(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        """Signals from the receivers only: Acknowledgments and error messages about a verzoeknotificatie."""
        bericht = self.lees_bericht(request)
        if isinstance(bericht, httpx.Response):
            return bericht
        self._leg_vast(bericht)
        if not bericht.is_ack and not bericht.fouten:
            return ebms_weigering(
                self.eigen_oin,
                bericht,
                "NotSupported",
                f"{self.naam} neemt hier alleen Acknowledgments en foutberichten aan.",
                client_oin(request),
            )
        return self.signaal(request, bericht)

    def _leg_vast(self, bericht: EbmsBericht) -> None:
        """Every signal that arrives, also one about a message DSO-LV never sent (the conformance cases)."""
        ref = bericht.ack_voor or bericht.ref_to_message_id
        if ref is None or not (bericht.is_ack or bericht.fouten):
            return
        soort: Literal["Acknowledgment", "MessageError"] = "Acknowledgment" if bericht.is_ack else "MessageError"
        codes = [c for c, _ in bericht.fouten]
        self.signalen.append(
            inspectie.Signaal(ref=ref, message_id=bericht.message_id, soort=soort, van_oin=bericht.van_oin, codes=codes)
        )
        begrens_lijst(self.signalen, self.bewaar)

    def signalen_inspectie(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        ref = request.url.params.get("ref", "")
        gevonden = [s for s in self.signalen if s.ref == ref]
        return httpx.Response(200, content=_SIGNALEN.dump_json(gevonden, by_alias=True), headers=api.JSON_HEADERS)

    def inspectie(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        nummer = p["verzoeknummer"]
        b = self.laatste(nummer)
        opgehaald = self.opgehaald(nummer)
        return json_antwoord(
            inspectie.Bezorgstatus(
                verzoeknummer=nummer,
                ontvanger_oin=b.ontvanger_oin if b else None,
                status=b.status if b else "geen",
                pogingen=b.pogingen if b else 0,
                laatste_fout=b.laatste_fout if b else None,
                opgehaald_door=sorted({oin for oin, _ in opgehaald}),
                opgehaalde_documenten=[w for _, w in opgehaald if w not in ("referenties", "STAM")],
                berichten_aan_aanvrager=self.register.berichten.get(nummer, []),
                geweigerde_signalen=b.geweigerd if b else [],
                bezorgd=b.bezorgd if b else 0,
                acknowledgments=b.acks if b else 0,
            )
        )
