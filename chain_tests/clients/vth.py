"""VTH adapters: how the harness asks a VTH system whether (and how) a verzoek arrived as a zaak.

The reference VTH in ``mocks/`` is the first implementation (its query API); suppliers add theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Protocol

import httpx
from pydantic import TypeAdapter

from chain_tests.clients.base import lees, verwacht
from chain_tests.config import PlanInstellingen
from chain_tests.standards import api, inspectie
from chain_tests.standards.zgw import ZgwInstellingen


@dataclass(frozen=True)
class AdapterContext:
    """What an adapter may need beyond its client: the VTH's URL, DSO-LV's (where the verzoeken live), the ZGW
    settings of the profile, and whether the VTH is a ketentest mock (which accepts the mocks' own credentials).
    An adapter class that wants it defines ``met_context(client, naam, context)``."""

    basis_url: str
    dso_lv_url: str
    zgw: ZgwInstellingen | None = None
    is_mock: bool = True


class VthAdapter(Protocol):
    naam: str
    #: what the adapter can do beyond reading zaken (chain_tests.werkplaats.VERMOGENS): zaakstatus, doorzetten
    kan: ClassVar[frozenset[str]]

    def zaken(self, verzoeknummer: str) -> list[api.Zaak]:
        """Every zaak the VTH system holds for this verzoeknummer (normally exactly one)."""
        ...

    def zet_door(self, zaak_id: str, naar_oin: str) -> api.Zaak:
        """Step 10: hand the zaak to a behandeldienst (the VTH calls Verzoek afhandelen *doorzetten*)."""
        ...

    def zet_status(self, zaak_id: str, status: str, resultaat: str | None = None) -> api.Zaak:
        """The behandelaar moves the zaak on (in behandeling, afgehandeld with a resultaat)."""
        ...


class ReferentieVthAdapter:
    """Adapter for the reference VTH's query API (``GET /vth/api/v1/zaken?verzoeknummer=``)."""

    kan: ClassVar[frozenset[str]] = frozenset({"zaakstatus", "doorzetten"})

    def __init__(self, client: httpx.Client, naam: str) -> None:
        self.client, self.naam = client, naam

    def zaken(self, verzoeknummer: str) -> list[api.Zaak]:
        r = self.client.get(api.VTH_ZAKEN, params={"verzoeknummer": verzoeknummer})
        return lees(api.ZakenAntwoord, self.naam, r).zaken

    def zet_door(self, zaak_id: str, naar_oin: str) -> api.Zaak:
        body = api.VthDoorzetten(naar=naar_oin).json_bytes()
        r = self.client.post(
            api.pad(api.VTH_DOORZETTEN, zaak_id=zaak_id), content=body, headers={"Content-Type": "application/json"}
        )
        return lees(api.Zaak, self.naam, r)

    def zet_status(self, zaak_id: str, status: str, resultaat: str | None = None) -> api.Zaak:
        body = api.VthStatus.model_validate({"status": status, "resultaat": resultaat}).json_bytes()
        r = self.client.post(
            api.pad(api.VTH_STATUS, zaak_id=zaak_id), content=body, headers={"Content-Type": "application/json"}
        )
        return lees(api.Zaak, self.naam, r)


class InspectieClient:
    """Reads the mocks' own state (offline/served ketentest mocks only) to say where a verzoek stopped
    and whether a mock failed itself. ``maak(base_url)`` gives an (untraced) client for a party, for polling;
    ``vastleggen(base_url)`` a traced one, for the answer the harness decides on (:meth:`vastgelegd`)."""

    def __init__(
        self,
        maak: Callable[[str], httpx.Client],
        dso_url: str,
        partij_urls: list[str],
        lvbb_url: str | None = None,
        lopende_zaken_url: str | None = None,
        vastleggen: Callable[[str], httpx.Client] | None = None,
    ) -> None:
        self.maak, self.dso_url, self.partij_urls = maak, dso_url, partij_urls
        self.lvbb_url, self.lopende_zaken_url = lvbb_url, lopende_zaken_url
        self.vastleggen = vastleggen

    def vastgelegd(self) -> InspectieClient:
        """The same questions, each exchange in the keten-trace (lane ``ketentest (inspectie)``): for the answer
        a verdict rests on, so the report shows where a finding was seen."""
        return InspectieClient(
            self.vastleggen or self.maak, self.dso_url, self.partij_urls, self.lvbb_url, self.lopende_zaken_url
        )

    def lopende_zaken(self, zender: str, zaak_id: str) -> list[inspectie.LopendeZaak] | None:
        """What MijnOverheid shows for this zaak of this sender; None when Lopende Zaken is not a ketentest mock."""
        if self.lopende_zaken_url is None:
            return None
        try:
            r = self.maak(self.lopende_zaken_url).get(
                inspectie.LOPENDE_ZAKEN, params={"zender": zender, "zaak": zaak_id}
            )
        except httpx.TransportError:
            return None
        return _LOPENDE_ZAKEN.validate_json(r.content) if r.status_code == 200 else None

    def levering(self, id_levering: str) -> inspectie.Leveringstatus | None:
        """The LVBB mock's account of a levering; None when the LVBB is not a ketentest mock."""
        if self.lvbb_url is None:
            return None
        try:
            r = self.maak(self.lvbb_url).get(api.pad(inspectie.LEVERING, id_levering=id_levering))
        except httpx.TransportError:
            return None
        return inspectie.Leveringstatus.model_validate_json(r.content) if r.status_code == 200 else None

    def zet_plan(self, plan: PlanInstellingen) -> None:
        """Give the LVBB mock and DSO-LV's OZON a supplier's plan settings (peildatum, machtigingen, what OZON
        knows) while they run."""
        uit = plan.model_copy(update={"ozon_bekend": sorted(plan.bekend_bij_ozon()), "ozon_bekend_bestand": None})
        body = uit.model_dump_json().encode()  # the file is read here: the mocks may run elsewhere
        for url in (self.lvbb_url, self.dso_url):
            if url is not None:
                r = self.maak(url).put(inspectie.PLAN, content=body, headers={"Content-Type": "application/json"})
                r.raise_for_status()

    def signalen(self, ref: str) -> list[inspectie.Signaal]:
        """The ebMS signals DSO-LV's mock received about MessageId ``ref`` (Acknowledgments, ErrorLists)."""
        r = verwacht("DSO-LV (mock)", self.maak(self.dso_url).get(inspectie.SIGNALEN, params={"ref": ref}))
        return _SIGNALEN.validate_json(r.content)

    def bezorging(self, verzoeknummer: str) -> inspectie.Bezorgstatus:
        c = self.maak(self.dso_url)
        r = verwacht("DSO-LV (mock)", c.get(api.pad(inspectie.BEZORGING, verzoeknummer=verzoeknummer)))
        return inspectie.Bezorgstatus.model_validate_json(r.content)

    def ophalen(self, vth_url: str, verzoeknummer: str) -> inspectie.Ophaalstatus | None:
        """The reference VTH's fetching state for a verzoek; None for a VTH that is not a ketentest mock (which is
        never asked)."""
        if vth_url not in self.partij_urls:
            return None
        try:
            r = self.maak(vth_url).get(api.pad(inspectie.OPHALEN, verzoeknummer=verzoeknummer))
        except httpx.TransportError:
            return None
        return inspectie.Ophaalstatus.model_validate_json(r.content) if r.status_code == 200 else None

    def storingen(self) -> list[inspectie.StoringInMock]:
        """Every internal failure the mocks recorded (a supplier's own system answers none)."""
        gevonden: list[inspectie.StoringInMock] = []
        for url in [self.dso_url, *self.partij_urls]:
            try:
                r = self.maak(url).get(inspectie.STORINGEN)
            except httpx.TransportError:
                continue
            if r.status_code == 200:
                gevonden += _STORINGEN.validate_json(r.content)
        return gevonden


_STORINGEN = TypeAdapter(list[inspectie.StoringInMock])
_LOPENDE_ZAKEN = TypeAdapter(list[inspectie.LopendeZaak])
_SIGNALEN = TypeAdapter(list[inspectie.Signaal])
