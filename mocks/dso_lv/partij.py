"""DSO-LV as one party: every landelijke-voorziening mock, wired together, with its routes.

Used by both transports: :class:`mocks.omgeving.OfflineKeten` binds :meth:`DsoLv.partij` to respx,
``python -m mocks serve dso-lv`` binds the same object to an ASGI app.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable

import httpx

from chain_tests.config import KetenConfig
from chain_tests.klok import Klok
from chain_tests.standards import api, cpa, inspectie
from chain_tests.standards.inspectie import Fouten
from chain_tests.standards.sleutels import sleutelbos
from mocks._infra.routing import MockPartij, Route
from mocks.dso_lv.afhandelen import AfhandelenMock
from mocks.dso_lv.bezorging import Bezorger
from mocks.dso_lv.loket import LoketMock
from mocks.dso_lv.ozon import OzonMock
from mocks.dso_lv.routering import VerzoeksrouteringMock
from mocks.dso_lv.rtr import RtrMock
from mocks.dso_lv.samenwerken import SamenwerkenMock
from mocks.dso_lv.verzoeken import Verzoekregister


class DsoLv:
    def __init__(
        self,
        config: KetenConfig,
        fouten: Fouten,
        klok: Klok,
        client: Callable[[], httpx.Client],
        adresboek: dict[str, str],
        register: Verzoekregister | None = None,
        ozon_client: Callable[[], httpx.Client] | None = None,
    ) -> None:
        dso = config.dso_lv
        self.config = config
        self.storingen: list[inspectie.StoringInMock] = []
        self.ozon = OzonMock(klok, config.tijden, config.lvbb.oin, ozon_client or client, fouten.ozon)
        self.ozon.bekend |= config.plan.bekend_bij_ozon()  # what a supplier's package hangs under (profile 'plan')
        self.rtr = RtrMock(dso.base_url, fouten=fouten.rtr, eigen_oin=dso.oin, plannen=self.ozon)
        self.register = register or Verzoekregister(bewaar=config.grenzen.bewaar_verzoeken)
        self.register.bewaar = config.grenzen.bewaar_verzoeken
        self.routering = VerzoeksrouteringMock(self.rtr, fouten)
        self.afhandelen: AfhandelenMock | None = None
        self.bezorger = Bezorger(
            "DSO-LV",
            dso.oin,
            adresboek,
            config.tijden,
            klok,
            client=client,
            ketenfouten=lambda: fouten.keten.bezorging,
            bewaar=config.grenzen.bewaar_verzoeken,
            opgehaald=lambda n: self.afhandelen.opgehaald.get(n, []) if self.afhandelen else [],
            register=self.register,
            cpas=cpa.overeenkomsten(config),
            sleutels=sleutelbos(config),
        )
        namen = {o.oin: o.naam for o in [dso, *config.organisaties]}
        self.loket = LoketMock(
            dso.base_url,
            self.rtr,
            self.routering,
            self.register,
            namen,
            config.max_bijlage_bytes,
            self.bezorger.plaats,
            fouten=fouten.loket,
            kaart=self.ozon,
        )
        self.afhandelen = AfhandelenMock(
            dso.base_url,
            self.register,
            namen,
            self.bezorger.plaats,
            fouten=fouten.afhandelen,
            ketenfouten=lambda: fouten.keten.ophalen,
            klok=klok,
        )
        self.samenwerken = SamenwerkenMock(self.register, config.max_bijlage_bytes, fouten=fouten.samenwerken)

    def partij(self) -> MockPartij:
        dso = self.config.dso_lv
        routes: list[Route] = (
            self.rtr.routes()
            + self.routering.routes()
            + self.loket.routes()
            + self.afhandelen_mock.routes()
            + self.samenwerken.routes()
            + self.bezorger.routes()
            + self.ozon.routes()
        )
        return MockPartij(
            dso.naam, dso.oin, dso.base_url, routes, self.storingen, self.config.api_key, self.config.grenzen
        )

    def werk(self) -> None:
        """One pass of DSO-LV's background work (delivery, OZON → RTR); its own failures are recorded."""
        try:
            self.bezorger.werk()
            self.ozon.werk()
        except Exception as exc:  # a bug in the mock: recorded, reported as a harness error
            MockPartij(self.config.dso_lv.naam, "", "", [], self.storingen).storing("achtergrond", "bezorging", exc)

    @property
    def afhandelen_mock(self) -> AfhandelenMock:
        assert self.afhandelen is not None
        return self.afhandelen

    def sluit(self) -> None:
        shutil.rmtree(self.loket.opslag, ignore_errors=True)
        shutil.rmtree(self.samenwerken.opslag, ignore_errors=True)


def adresboek(config: KetenConfig) -> dict[str, str]:
    """OIN → Digikoppeling ebMS endpoint of every organisation (the CPA's address part)."""
    return {o.oin: o.base_url + api.EBMS for o in config.organisaties}
