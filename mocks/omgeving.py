"""The offline keten: every mock party wired to one respx router, on a manual clock.

:class:`OfflineKeten` is the in-process implementation of :class:`chain_tests.omgeving.KetenOmgeving`.
"""

from __future__ import annotations

import shutil

import httpx

from chain_tests.clients.adapters import laad_adapter
from chain_tests.clients.vth import InspectieClient, VthAdapter
from chain_tests.config import KetenConfig, Organisatie
from chain_tests.standards import api
from chain_tests.trace import Trace, TracingTransport
from mocks.dso_lv import DsoLv, Fouten, Verbindingsfout, adresboek
from mocks.klok import HandmatigeKlok
from mocks.routing import InProcessTransport, respx_router
from mocks.vth import ReferentieVth, VthFouten

__all__ = ["Fouten", "OfflineKeten", "Verbindingsfout"]


class OfflineKeten:
    def __init__(
        self, config: KetenConfig | None = None, fouten: Fouten | None = None, adapters: dict[str, str] | None = None
    ) -> None:
        self.adapters = adapters or {}  # organisation OIN → VTH adapter name (default "referentie")
        self.config = config or KetenConfig()
        fouten = fouten or Fouten()
        self.fouten = fouten
        self.klok = HandmatigeKlok()
        self._waarnemers: dict[str, httpx.Client] = {}
        self.trace = Trace()
        dso = self.config.dso_lv
        self.dso = DsoLv(
            self.config, fouten, self.klok, lambda: self._partij_client(dso.naam, dso.oin), adresboek(self.config)
        )
        self.vths = {o.oin: self._vth(o, fouten.vth.get(o.oin, VthFouten())) for o in self.config.organisaties}
        partijen = [self.dso.partij()] + [v.partij() for v in self.vths.values()]
        self.router = respx_router(partijen)
        self.trace.partijen = {Trace.sleutel(p.base_url): p.naam for p in partijen}
        self._oin_van_host = {Trace.sleutel(p.base_url): p.oin for p in partijen}

    def _vth(self, g: Organisatie, fouten: VthFouten) -> ReferentieVth:
        naam = f"VTH-systeem {g.naam}"
        dso = self.config.dso_lv.base_url
        return ReferentieVth(
            naam,
            g.oin,
            g.base_url,
            self.config.dso_lv.oin,
            dso + api.EBMS,
            afhandelen_client=lambda: self._partij_client(naam, g.oin, dso),
            dso_client=lambda: self._partij_client(naam, g.oin),
            klok=self.klok,
            tijden=self.config.tijden,
            fouten=fouten,
        )

    # -- KetenOmgeving ---------------------------------------------------------------------------
    def client(self, van: str, oin: str | None, base_url: str | None = None) -> httpx.Client:
        transport = TracingTransport(InProcessTransport(self.router, oin), self.trace, van)
        return httpx.Client(transport=transport, base_url=base_url or "", timeout=30.0)

    def _partij_client(self, van: str, oin: str, base_url: str | None = None) -> httpx.Client:
        """A client of a mock party's own system (DSO-LV delivering, a VTH fetching): faults may cut it."""
        transport = TracingTransport(InProcessTransport(self.router, oin, self._verbinding), self.trace, van)
        return httpx.Client(transport=transport, base_url=base_url or "", timeout=30.0)

    def _verbinding(self, request: httpx.Request, van: str | None) -> None:
        """Fault: a connection from ``van`` to a party that fails (connection refused)."""
        naar = self._oin_van_host.get(Trace.sleutel(str(request.url)))
        for v in self.fouten.verbindingen:
            if v.aantal > 0 and v.van == van and v.naar == naar:
                v.aantal -= 1
                raise httpx.ConnectError(f"[Errno 111] Connection refused ({request.url.host})", request=request)

    def _waarnemer(self, base_url: str) -> httpx.Client:
        """The harness observing (polling a VTH, inspecting a mock): not a chain message, so not traced.
        One client per base URL, reused."""
        if base_url not in self._waarnemers:
            transport = InProcessTransport(self.router, None)
            self._waarnemers[base_url] = httpx.Client(transport=transport, base_url=base_url, timeout=30.0)
        return self._waarnemers[base_url]

    def pomp(self) -> None:
        """One deterministic pass of every background worker: delivery, then each VTH."""
        self.dso.stap()
        for vth in self.vths.values():
            vth.verwerk()

    def wacht(self, seconden: float) -> None:
        self.klok.wacht(seconden)

    def vth_adapter(self, gemeente: Organisatie) -> VthAdapter:
        fabriek = laad_adapter(self.adapters.get(gemeente.oin, "referentie"))
        return fabriek(self._waarnemer(gemeente.base_url), f"VTH-systeem {gemeente.naam}")

    def inspectie(self) -> InspectieClient | None:
        return InspectieClient(
            self._waarnemer, self.config.dso_lv.base_url, [o.base_url for o in self.config.organisaties]
        )

    def sluit(self) -> None:
        for c in self._waarnemers.values():
            c.close()
        self.dso.sluit()
        for vth in self.vths.values():
            shutil.rmtree(vth.opslag, ignore_errors=True)
