"""Mock verzoeksroutering: *bevoegd gezag bepalen* and *behandeldienst bepalen*.

The bevoegd gezag of an activity is the organisation that made it toepasbaar in the RTR. A bevoegd
gezag can set, per activity, a behandeldienst (uitvoerende instantie) that handles its verzoeken.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from chain_tests.standards import api, operaties
from chain_tests.standards.inspectie import Fouten
from mocks._infra.antwoorden import foutantwoord
from mocks._infra.routing import Route, client_oin, lees_json
from mocks.dso_lv.rtr import RtrMock


@dataclass
class VerzoeksrouteringMock:
    rtr: RtrMock
    fouten: Fouten = field(default_factory=Fouten)  # loket.routeert_naar, weigert_behandeldienst
    behandeldiensten: dict[tuple[str, str], str] = field(default_factory=dict)  # (bg, activiteit) → OIN

    def routes(self) -> list[Route]:
        return [Route(operaties.BEHANDELDIENST, self.stel_behandeldienst_in)]

    def bevoegd_gezag(self, activiteit_id: str) -> str | None:
        return self.fouten.loket.routeert_naar or self.rtr.bevoegd_gezag(activiteit_id)

    def behandeldienst(self, bevoegd_gezag: str, activiteit_id: str) -> str | None:
        return self.behandeldiensten.get((bevoegd_gezag, activiteit_id))

    def stel_behandeldienst_in(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        body = lees_json(request, api.Behandeldienst)
        bg = self.rtr.bevoegd_gezag(p["activiteit_id"])
        if self.fouten.weigert_behandeldienst:
            return foutantwoord(
                503, "Niet beschikbaar", ("ROUTERING-503", "De verzoeksroutering is tijdelijk niet beschikbaar.")
            )
        if bg is None or client_oin(request) != bg:
            return foutantwoord(
                403,
                "Niet geautoriseerd",
                (
                    "ROUTERING-403",
                    f"Alleen het bevoegd gezag van activiteit {p['activiteit_id']} ({bg or 'onbekend'}) "
                    f"mag de behandeldienst instellen, niet {client_oin(request)}.",
                ),
            )
        self.behandeldiensten[(bg, p["activiteit_id"])] = body.uitvoerende_instantie
        return httpx.Response(
            200, json={"activiteitId": p["activiteit_id"], "uitvoerendeInstantie": body.uitvoerende_instantie}
        )
