"""The offline keten: every mock party wired to one respx router, on a manual clock.

:class:`OfflineKeten` is the in-process implementation of :class:`chain_tests.omgeving.KetenOmgeving`.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field

import httpx

from chain_tests.clients.vth import InspectieClient, ReferentieVthAdapter, VthAdapter
from chain_tests.config import KetenConfig, Organisatie
from chain_tests.standards import api
from chain_tests.trace import Trace, TracingTransport
from mocks.afhandelen import AfhandelenMock
from mocks.bezorging import Bezorger
from mocks.klok import HandmatigeKlok
from mocks.loket import LoketFouten, LoketMock
from mocks.routing import InProcessTransport, Partij, respx_router
from mocks.rtr import RtrFouten, RtrMock
from mocks.samenwerken import SamenwerkenFouten, SamenwerkenMock
from mocks.verzoeken import Verzoekregister
from mocks.verzoeksroutering import VerzoeksrouteringMock
from mocks.vth import ReferentieVth, VthFouten


@dataclass
class Fouten:
    """Faults to build into the offline keten (self-tests); VTH faults by municipality OIN."""

    loket: LoketFouten = field(default_factory=LoketFouten)
    rtr: RtrFouten = field(default_factory=RtrFouten)
    samenwerken: SamenwerkenFouten = field(default_factory=SamenwerkenFouten)
    weigert_behandeldienst: bool = False
    verbergt_routering: bool = False
    vth: dict[str, VthFouten] = field(default_factory=dict)


class OfflineKeten:
    heeft_inspectie = True

    def __init__(self, config: KetenConfig | None = None, fouten: Fouten | None = None) -> None:
        self.config = config or KetenConfig()
        fouten = fouten or Fouten()
        self.klok = HandmatigeKlok()
        self.trace = Trace()
        dso = self.config.dso_lv
        self.rtr = RtrMock(dso.base_url, self.config.api_key, fouten=fouten.rtr)
        self.register = Verzoekregister()
        self.routering = VerzoeksrouteringMock(
            self.rtr, routeert_naar=fouten.loket.routeert_naar, weigert_behandeldienst=fouten.weigert_behandeldienst
        )
        self.bezorger = Bezorger(
            dso.oin,
            {g.oin: g.base_url + api.EBMS for g in self.config.organisaties},
            self.config.tijden,
            self.klok,
            client=lambda: self.client(dso.naam, dso.oin),
            opgehaald=lambda n: self.afhandelen.opgehaald.get(n, []),
            register=self.register,
        )
        namen = {o.oin: o.naam for o in [dso, *self.config.organisaties]}
        self.loket = LoketMock(
            dso.base_url,
            self.rtr,
            self.routering,
            self.register,
            namen,
            self.config.max_bijlage_bytes,
            self.bezorger.plaats,
            fouten=fouten.loket,
        )
        self.afhandelen = AfhandelenMock(
            dso.base_url, self.register, namen, self.bezorger.plaats, verbergt_routering=fouten.verbergt_routering
        )
        self.samenwerken = SamenwerkenMock(self.register, self.config.max_bijlage_bytes, fouten=fouten.samenwerken)
        self.vths = {g.oin: self._vth(g, fouten.vth.get(g.oin, VthFouten())) for g in self.config.organisaties}
        partijen = [
            Partij(
                dso.naam,
                dso.oin,
                dso.base_url,
                self.rtr.routes()
                + self.routering.routes()
                + self.loket.routes()
                + self.afhandelen.routes()
                + self.samenwerken.routes()
                + self.bezorger.routes(),
            )
        ]
        partijen += [Partij(v.naam, v.oin, v.base_url, v.routes()) for v in self.vths.values()]
        self.router = respx_router(partijen)
        self.trace.partijen = {httpx.URL(p.base_url).host: p.naam for p in partijen}

    def _vth(self, g: Organisatie, fouten: VthFouten) -> ReferentieVth:
        naam = f"VTH-systeem {g.naam}"
        dso = self.config.dso_lv.base_url
        return ReferentieVth(
            naam,
            g.oin,
            g.base_url,
            dso + api.EBMS,
            afhandelen_client=lambda: self.client(naam, g.oin, dso),
            dso_client=lambda: self.client(naam, g.oin),
            fouten=fouten,
        )

    # -- KetenOmgeving ---------------------------------------------------------------------------
    def client(self, van: str, oin: str | None, base_url: str | None = None) -> httpx.Client:
        transport = TracingTransport(InProcessTransport(self.router, oin), self.trace, van)
        return httpx.Client(transport=transport, base_url=base_url or "", timeout=30.0)

    def _waarnemer(self, base_url: str) -> httpx.Client:
        """The harness observing (polling a VTH, inspecting a mock): not a chain message, so not traced."""
        return httpx.Client(transport=InProcessTransport(self.router, None), base_url=base_url, timeout=30.0)

    def pomp(self) -> None:
        """One deterministic pass of every background worker: delivery, then each VTH."""
        self.bezorger.stap()
        for vth in self.vths.values():
            vth.verwerk()

    def wacht(self, seconden: float) -> None:
        self.klok.wacht(seconden)

    def vth_adapter(self, gemeente: Organisatie) -> VthAdapter:
        return ReferentieVthAdapter(self._waarnemer(gemeente.base_url), f"VTH-systeem {gemeente.naam}")

    def inspectie(self) -> InspectieClient | None:
        return InspectieClient(self._waarnemer(self.config.dso_lv.base_url))

    def sluit(self) -> None:
        shutil.rmtree(self.loket.opslag, ignore_errors=True)
        shutil.rmtree(self.samenwerken.opslag, ignore_errors=True)
        for vth in self.vths.values():
            shutil.rmtree(vth.opslag, ignore_errors=True)
