"""DSO-LV's outbox for verzoeknotificaties over Digikoppeling ebMS2 (osb-rm), on :mod:`mocks.digikoppeling.postvak`.

:meth:`Bezorger.plaats` turns a submitted verzoek into a verzoeknotificatie message for its receiver;
:meth:`Bezorger.werk` is one pass of the delivery worker (retries, giving up); acknowledgments arrive as
separate ebMS signal messages at DSO-LV's own ebMS endpoint (:meth:`Bezorger.ontvang`), where DSO-LV takes
nothing else. The inspection route tells the harness where a verzoek's delivery stands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from chain_tests.standards import inspectie, operaties
from chain_tests.standards.ebms import MimeDeel
from chain_tests.standards.stam import Verzoeknotificatie, notificatie_naar_xml
from mocks._infra.antwoorden import ebms_weigering, json_antwoord
from mocks._infra.routing import Route, client_oin
from mocks.digikoppeling import ontvangst
from mocks.digikoppeling.postvak import Bezorging
from mocks.digikoppeling.storingen import GestoordPostvak
from mocks.dso_lv.verzoeken import Verzoek, Verzoekregister

SERVICE = "urn:osb:services:dso:verzoeknotificatie:v1"  # UNCONFIRMED
ACTION = "Verzoeknotificatie"

__all__ = ["ACTION", "SERVICE", "Bezorger", "Bezorging"]


@dataclass
class Bezorger(GestoordPostvak):
    """DSO-LV's post of verzoeknotificaties (with the keten faults a scenario sets), its ebMS endpoint for the
    receivers' signals and the inspection of a verzoek's delivery."""

    opgehaald: Callable[[str], list[tuple[str, str]]] = lambda _: []
    register: Verzoekregister = field(default_factory=Verzoekregister)

    def routes(self) -> list[Route]:
        return [
            Route(operaties.EBMS, self.ontvang),
            Route(operaties.BEZORGING, self.inspectie),
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
        bericht = ontvangst.ontvang(request, self.eigen_oin)
        if isinstance(bericht, httpx.Response):
            return bericht
        if not bericht.is_ack and not bericht.fouten:
            return ebms_weigering(
                self.eigen_oin,
                bericht,
                "NotSupported",
                f"{self.naam} neemt hier alleen Acknowledgments en foutberichten aan.",
                client_oin(request),
            )
        return self.signaal(request, bericht)

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
