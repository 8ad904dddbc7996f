"""The offline keten: the harness's one seam to the mocks (:mod:`mocks.keten`), in-process.

:class:`OfflineKeten` implements :class:`chain_tests.omgeving.KetenOmgeving`: every mock party wired to
one respx router, on a manual clock, every message through httpx and the trace. It is the only module
of the harness that imports ``mocks`` (the served mocks are separate processes, see
:mod:`chain_tests.mockservers`).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import httpx

from chain_tests.clients.adapters import laad_adapter, maak_adapter
from chain_tests.clients.vth import AdapterContext, InspectieClient, VthAdapter
from chain_tests.config import KetenConfig, Organisatie
from chain_tests.klok import HandmatigeKlok
from chain_tests.standards.inspectie import Fouten
from chain_tests.trace import CONTROLE, INSPECTIE, Trace, TracingTransport
from mocks._infra.routing import InProcessTransport, respx_router
from mocks.dso_lv.partij import DsoLv
from mocks.keten import Mockketen
from mocks.vth.partij import ReferentieVth


class OfflineKeten:
    def __init__(
        self, config: KetenConfig | None = None, fouten: Fouten | None = None, adapters: dict[str, str] | None = None
    ) -> None:
        self.adapters = adapters or {}  # organisation OIN → VTH adapter name (default "referentie")
        self.config = config or KetenConfig()
        self.fouten = fouten or Fouten()
        self.klok = HandmatigeKlok()
        self.trace = Trace()
        self._waarnemers: dict[tuple[str, str | None], httpx.Client] = {}
        self._controles: dict[tuple[str, str | None, str], httpx.Client] = {}
        self.mocks = Mockketen(self.config, self.fouten, self.klok, self._partij_client)
        partijen = self.mocks.partijen()
        self.router = respx_router(partijen)
        self.trace.partijen = {Trace.sleutel(p.base_url): p.naam for p in partijen}
        self._oin_van_host = {Trace.sleutel(p.base_url): p.oin for p in partijen}

    @property
    def dso(self) -> DsoLv:
        return self.mocks.dso

    @property
    def vths(self) -> dict[str, ReferentieVth]:
        return self.mocks.vths

    # -- KetenOmgeving ---------------------------------------------------------------------------
    def client(self, van: str, oin: str | None, base_url: str | None = None) -> httpx.Client:
        transport = TracingTransport(InProcessTransport(self.router, oin), self.trace, van)
        return httpx.Client(
            transport=transport, base_url=base_url or "", timeout=30.0, event_hooks={"request": [self._publiek]}
        )

    def _publiek(self, request: httpx.Request) -> None:
        """The DSO's /publiek/ APIs ask an API key, as in the real keten."""
        if request.url.path.startswith("/publiek/"):
            request.headers["x-api-key"] = self.config.api_key

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

    def waarnemer(self, base_url: str, oin: str | None = None) -> httpx.Client:
        """The harness observing (polling a VTH, inspecting a mock): not a chain message, so not traced.
        One client per base URL and OIN, reused; the OIN is the certificate the observer presents."""
        sleutel = (base_url, oin)
        if sleutel not in self._waarnemers:
            transport = InProcessTransport(self.router, oin)
            self._waarnemers[sleutel] = httpx.Client(
                transport=transport, base_url=base_url, timeout=30.0, event_hooks={"request": [self._publiek]}
            )
        return self._waarnemers[sleutel]

    def controle(self, base_url: str, oin: str | None = None, van: str = CONTROLE) -> httpx.Client:
        """The harness checking a party's result (the zaak in a VTH; ``van=INSPECTIE``: a mock's own account):
        traced as ``van``, so the report shows the exchange where a finding was seen. One client per base URL,
        OIN and lane, reused."""
        sleutel = (base_url, oin, van)
        if sleutel not in self._controles:
            transport = TracingTransport(InProcessTransport(self.router, oin), self.trace, van)
            self._controles[sleutel] = httpx.Client(
                transport=transport, base_url=base_url, timeout=30.0, event_hooks={"request": [self._publiek]}
            )
        return self._controles[sleutel]

    def pomp(self) -> None:
        """One deterministic pass of every background worker: delivery, then each VTH."""
        self.mocks.pomp()

    def wacht(self, seconden: float) -> None:
        self.klok.wacht(seconden)

    def nu(self) -> datetime:
        return self.klok.nu()

    def vth_adapter(self, gemeente: Organisatie) -> VthAdapter:
        context = AdapterContext(gemeente.base_url, self.config.dso_lv.base_url)
        client = self.controle(gemeente.base_url, gemeente.oin)
        naam = self.adapters.get(gemeente.oin, "referentie")
        return maak_adapter(naam, client, f"VTH-systeem {gemeente.naam}", context)

    def inspectie(self) -> InspectieClient | None:
        c = self.config
        partijen = [o.base_url for o in [*c.landelijk()[1:], *c.organisaties]]
        return InspectieClient(
            self.waarnemer,
            c.dso_lv.base_url,
            partijen,
            c.lvbb.base_url,
            c.lopende_zaken.base_url,
            vastleggen=lambda url: self.controle(url, van=INSPECTIE),
        )

    def is_mock(self, partij: Organisatie) -> bool:
        return True

    def vermogens(self, partij: Organisatie) -> frozenset[str]:
        adapter = laad_adapter(self.adapters.get(partij.oin, "referentie"))
        return frozenset(getattr(adapter, "kan", frozenset())) | {"lopende_zaken"}

    def sluit(self) -> None:
        for c in [*self._waarnemers.values(), *self._controles.values()]:
            c.close()
        self.mocks.sluit()


def lvbb_controle(
    pakket: bytes,
    peildatum: datetime,
    ozon_bekend: set[str] | None = None,
    machtigingen: set[tuple[str, str]] | None = None,
    gepubliceerd: list[Path] | None = None,
) -> tuple[object, list[str], bool]:
    """The LVBB mock's verslag of one opdracht.zip, without servers (``ketentest lvbb-controle``), the checks it
    could not make here, and whether it is valid. Returns (:class:`chain_tests.standards.lvbb.Verslag`, …)."""
    from mocks.lvbb_controle import controleer_pakket

    uit = controleer_pakket(pakket, peildatum.date(), ozon_bekend, machtigingen, gepubliceerd=list(gepubliceerd or []))
    return uit.verslag, uit.niet_gecontroleerd, uit.valide
