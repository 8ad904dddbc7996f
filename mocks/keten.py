"""Every mock party of one keten, assembled from a configuration and a set of faults.

The one thing the harness asks of the mocks offline (through :mod:`chain_tests.offline`): a DSO-LV, the
LVBB, the reference plansoftware and a reference VTH system per organisation, their route tables, one pass
of their background work, and cleaning up. Each party's own outbound traffic (DSO-LV delivering, a VTH
fetching, the LVBB answering) goes through a client the caller provides, so the caller decides transport
and trace.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable

import httpx

from chain_tests.config import KetenConfig, Organisatie
from chain_tests.klok import Klok
from chain_tests.standards import api, cpa
from chain_tests.standards.inspectie import Fouten, VthFouten
from chain_tests.standards.sleutels import sleutelbos
from mocks._infra.routing import MockPartij
from mocks.dso_lv.partij import DsoLv, adresboek
from mocks.lopendezaken.partij import LopendeZakenMock
from mocks.lvbb.partij import LvbbMock
from mocks.plansoftware.partij import ReferentiePlansoftware
from mocks.vth.partij import ReferentieVth

#: ``client(van, oin, base_url)``: an httpx client for the mock party ``van`` (presenting ``oin``).
PartijClient = Callable[[str, str, str | None], httpx.Client]


class Mockketen:
    def __init__(self, config: KetenConfig, fouten: Fouten, klok: Klok, client: PartijClient) -> None:
        self.config, self.fouten, self.klok = config, fouten, klok
        self.cpas = cpa.overeenkomsten(config)
        dso, lv, ps = config.dso_lv, config.lvbb, config.plansoftware
        ozon = lambda: client("OZON", dso.oin, dso.base_url)  # noqa: E731  # OZON inside DSO-LV, named in the trace
        self.dso = DsoLv(config, fouten, klok, lambda: client(dso.naam, dso.oin, None), adresboek(config), None, ozon)
        self.lvbb = LvbbMock(
            config,
            klok,
            client=lambda: client(lv.naam, lv.oin, None),
            dso_client=lambda: client(lv.naam, lv.oin, dso.base_url),
            fouten=fouten.lvbb,
        )
        self.plansoftware = ReferentiePlansoftware(config, klok, client=lambda: client(ps.naam, ps.oin, None))
        lz = config.lopende_zaken
        self.lopende_zaken = LopendeZakenMock(config, klok, client=lambda: client(lz.naam, lz.oin, None))
        self.vths = {o.oin: self._vth(o, fouten.vth.get(o.oin, VthFouten()), client) for o in config.organisaties}

    def _vth(self, g: Organisatie, fouten: VthFouten, client: PartijClient) -> ReferentieVth:
        naam = f"VTH-systeem {g.naam}"
        dso = self.config.dso_lv
        return ReferentieVth(
            naam,
            g.oin,
            g.base_url,
            dso.oin,
            dso.base_url,
            afhandelen_client=lambda: client(naam, g.oin, dso.base_url),
            dso_client=lambda: client(naam, g.oin, None),
            klok=self.klok,
            tijden=self.config.tijden,
            grenzen=self.config.grenzen,
            fouten=fouten,
            lopende_zaken=(self.config.lopende_zaken.oin, self.config.lopende_zaken.base_url + api.EBMS),
            zaakdossier_url=g.zaakdossier_url,
            cpas=self.cpas,
            sleutels=sleutelbos(self.config),
        )

    def partijen(self) -> list[MockPartij]:
        landelijk = [self.dso.partij(), self.lvbb.partij(), self.plansoftware.partij(), self.lopende_zaken.partij()]
        return landelijk + [v.partij() for v in self.vths.values()]

    def pomp(self) -> None:
        """One deterministic pass of every background worker: plansoftware, LVBB, DSO-LV, then each VTH."""
        self.plansoftware.werk()
        self.lvbb.werk()
        self.dso.werk()
        self.lopende_zaken.werk()
        for vth in self.vths.values():
            vth.werk()

    def sluit(self) -> None:
        self.dso.sluit()
        for vth in self.vths.values():
            shutil.rmtree(vth.opslag, ignore_errors=True)
