"""The served keten: every party reached over HTTPS (served mocks, DSO pre-productie, a supplier's
VTH system), as a :class:`chain_tests.profiel.KetenOmgeving`.

The harness presents, per organisation it acts for, that organisation's certificate (mutual TLS).
Its own requests carry ``x-ketentest-bron: harness``, so served mocks leave them out of their trace;
:meth:`ServedKeten.pomp` merges every served mock's trace (what each mock sent, and what it received from
a system that is not a mock) into the harness trace.
"""

from __future__ import annotations

import base64
import ssl
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import httpx

from chain_tests.cassette import Cassette, Opnemer
from chain_tests.clients.adapters import laad_adapter, maak_adapter
from chain_tests.clients.vth import AdapterContext, InspectieClient, VthAdapter
from chain_tests.config import KetenConfig, Organisatie
from chain_tests.errors import ChainTestError
from chain_tests.profiel import Eindpunt, Profiel
from chain_tests.standards import inspectie
from chain_tests.standards.inspectie import Fouten
from chain_tests.trace import CONTROLE, INSPECTIE, Trace, TraceRegel, TracingTransport


class ServedKeten:
    def __init__(
        self,
        profiel: Profiel,
        basis: KetenConfig | None = None,
        *,
        wis: bool = True,
        cassette: Cassette | None = None,
        mocktraces: bool = True,
    ) -> None:
        """A served keten; ``wis`` clears the mocks' state first (each scenario starts fresh), which many
        kettens sharing one set of mocks at once (a load run) must not do; ``cassette`` records every exchange
        with a party that is not a mock (``pytest --opnemen``). ``mocktraces=False`` leaves the mocks' own trace
        lines out of this keten's trace: a load run has no report to draw them in, and with many ketens on one set
        of mocks each would fetch and sort every other keten's lines at every poll (no verdict rests on them)."""
        self.profiel = profiel
        self.mocktraces = mocktraces
        self.cassette = cassette
        self.config = profiel.keten_config(basis)
        self.trace = Trace(partijen=self.config.partijnamen())
        self._clients: list[httpx.Client] = []
        self._waarnemers: dict[tuple[str, str | None], httpx.Client] = {}
        self._controles: dict[tuple[str, str | None, str], httpx.Client] = {}
        if wis:
            self._wis_mocks()
        self._begin = datetime.now(UTC)  # mock lines of exchanges begun earlier belong to an earlier keten
        self._mock_sinds = {url: self._trace_lengte(url) for url in self._mock_urls()}

    # -- transport ------------------------------------------------------------------------------------
    def _ssl(self, oin: str | None, eindpunt: Any = None) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=str(self.profiel.ca) if self.profiel.ca else None)
        cert = self.profiel.certificaat_van(oin, eindpunt) if oin else None
        if cert is not None:
            context.load_cert_chain(*map(str, cert))
        return context

    def _publiek(self, request: httpx.Request) -> None:
        """DSO pre-productie serves /publiek/ APIs on another host, with an API key."""
        if not request.url.path.startswith("/publiek/") or not self._is_dso(request.url):
            return
        e = self.profiel.dso_lv
        if e.publiek_url:
            basis = httpx.URL(e.publiek_url)
            request.url = request.url.copy_with(scheme=basis.scheme, host=basis.host, port=basis.port)
        if e.api_key is not None:
            request.headers["x-api-key"] = e.api_key.get_secret_value()

    def _beheer_token(self, request: httpx.Request) -> None:
        """The served mocks' admin token on /_ketentest/ requests, when the profile has one."""
        if self.profiel.beheer_token is not None and request.url.path.startswith(inspectie.BEHEER + "/"):
            request.headers[inspectie.BEHEER_HEADER] = self.profiel.beheer_token.get_secret_value()

    def _is_dso(self, url: httpx.URL) -> bool:
        return Trace.sleutel(str(url)) == Trace.sleutel(self.config.dso_lv.base_url)

    def _maak(
        self, oin: str | None, base_url: str, transport: httpx.BaseTransport | None = None, van: str | None = None
    ) -> httpx.Client:
        kern: httpx.BaseTransport = httpx.HTTPTransport(verify=self._ssl(oin, self._eindpunt(oin)))
        if self.cassette is not None:
            kern = Opnemer(kern, self.cassette, self._echte_partij, oin)
        client = httpx.Client(
            transport=TracingTransport(kern, self.trace, van) if van else kern,
            base_url=base_url,
            timeout=30.0,
            headers={inspectie.BRON_HEADER: "harness"} | ({inspectie.ROL_HEADER: quote(van)} if van else {}),
            event_hooks={"request": [self._publiek, self._beheer_token]},
        )
        self._clients.append(client)
        return client

    def _eindpunt(self, oin: str | None) -> Any:
        org = next((o for o in self.config.organisaties if o.oin == oin), None)
        return (
            self.profiel.eindpunt_van(org) if org else (self.profiel.dso_lv if oin == self.config.dso_lv.oin else None)
        )

    def _echte_partij(self, url: httpx.URL) -> tuple[str, str] | None:
        """The name and OIN of the real party (not a ketentest mock) at ``url``, for the cassette."""
        publiek = self.profiel.dso_lv.publiek_url
        for o in [*self.config.landelijk(), *self.config.organisaties]:
            bij = {Trace.sleutel(o.base_url)} | (
                {Trace.sleutel(publiek)} if publiek and o is self.config.dso_lv else set()
            )
            if Trace.sleutel(str(url)) in bij and not self.is_mock(o):
                return o.naam, o.oin
        return None

    def beheer(self, base_url: str, oin: str | None = None) -> httpx.Client:
        """One untraced client per (base URL, OIN) for observing and administration: reused, not piled up."""
        sleutel = (base_url, oin)
        if sleutel not in self._waarnemers:
            self._waarnemers[sleutel] = self._maak(oin, base_url)
        return self._waarnemers[sleutel]

    def controle(self, base_url: str, oin: str | None = None, van: str = CONTROLE) -> httpx.Client:
        """The harness checking a party's result (the zaak in a VTH; ``van=INSPECTIE``: a mock's own account):
        traced as ``van``."""
        sleutel = (base_url, oin, van)
        if sleutel not in self._controles:
            self._controles[sleutel] = self._maak(oin, base_url, van=van)
        return self._controles[sleutel]

    # -- KetenOmgeving ---------------------------------------------------------------------------------
    def waarnemer(self, base_url: str, oin: str | None = None) -> httpx.Client:
        return self.beheer(base_url, oin)

    def client(self, van: str, oin: str | None, base_url: str | None = None) -> httpx.Client:
        return self._maak(oin, base_url or "", van=van)

    def pomp(self) -> None:
        """The servers do the background work; here only the served mocks' traces are merged in."""
        if not self.mocktraces:
            return
        for url in self._mock_urls():
            self._neem_trace_over(url)
        self.trace.regels.sort(key=_tijd)

    def _neem_trace_over(self, url: str) -> None:
        try:
            r = self.beheer(url).get(inspectie.TRACE, params={"sinds": self._mock_sinds.get(url, 0)})
        except httpx.TransportError:  # a supplier's own system: no mock trace
            return
        if r.status_code != 200:
            return
        zelfde_klok = httpx.URL(url).host in ("127.0.0.1", "localhost", "::1")  # on another host: clocks may differ
        for d in r.json():
            self._mock_sinds[url] = max(self._mock_sinds.get(url, 0), d["volgnummer"])
            if zelfde_klok and datetime.fromisoformat(d["tijd"]) < self._begin:  # in flight at this keten's reset
                continue
            self.trace.voeg_toe(
                van=d["van"],
                naar=d["naar"],
                soort=d["soort"],
                methode=d["methode"],
                pad=d["pad"],
                status=d["status"],
                ids=d["ids"],
                bytes_verzonden=d["bytes_verzonden"],
                bytes_ontvangen=d["bytes_ontvangen"],
                verzoek=_b64(d["verzoek"]),
                antwoord=_b64(d["antwoord"]),
                tijd=datetime.fromisoformat(d["tijd"]),
                verzoek_type=d.get("verzoek_type"),
                antwoord_type=d.get("antwoord_type"),
            )

    def wacht(self, seconden: float) -> None:
        time.sleep(seconden)

    def nu(self) -> datetime:
        return datetime.now(UTC)

    def vth_adapter(self, gemeente: Organisatie) -> VthAdapter:
        e = self.profiel.eindpunt_van(gemeente)
        context = AdapterContext(
            gemeente.base_url, self.config.dso_lv.base_url, e.zgw if e else None, self.is_mock(gemeente)
        )
        client = self.controle(gemeente.base_url, gemeente.oin)
        return maak_adapter(e.adapter if e else "referentie", client, f"VTH-systeem {gemeente.naam}", context)

    def inspectie(self) -> InspectieClient | None:
        """The mocks' own account, asked of ketentest mocks only; None when DSO-LV is a real one (the diagnosis
        of a verzoek starts at DSO-LV's outbox)."""
        c = self.config
        if not self.is_mock(c.dso_lv):
            return None
        partijen = [o.base_url for o in [*c.landelijk()[1:], *c.organisaties] if self.is_mock(o)]
        return InspectieClient(
            self.beheer,
            c.dso_lv.base_url,
            partijen,
            c.lvbb.base_url if self.is_mock(c.lvbb) else None,
            c.lopende_zaken.base_url if self.is_mock(c.lopende_zaken) else None,
            vastleggen=lambda url: self.controle(url, van=INSPECTIE),
        )

    def vermogens(self, partij: Organisatie) -> frozenset[str]:
        return vermogens(self.profiel, partij)

    def is_mock(self, partij: Organisatie) -> bool:
        """Whether ``partij`` is a ketentest mock (the profile says so per party): only mocks get /_ketentest/."""
        return self.profiel.is_mock(eindpunt_van(self.profiel, self.config, partij))

    def sluit(self) -> None:
        for c in self._clients:
            c.close()

    # -- faults in served ketentest mocks --------------------------------------------------------------
    def zet_fouten(self, fouten: Fouten) -> None:
        """Put faults into the running served mocks (PUT /_ketentest/fouten): DSO-LV's, the LVBB's, each VTH's.
        A party that is not a ketentest mock cannot be told to fail (see :func:`fouten_passen`)."""
        c = self.config
        doelen = fouten_doelen(c, fouten)
        echt = [o.naam for o in doelen if not self.is_mock(o)]
        if echt:
            raise ChainTestError(
                f"Opzettelijke fouten horen bij {', '.join(echt)}, maar dat is geen ketentest-mock.",
                code="KT-SERVE-FOUTEN",
                hint="Zet 'inspectie = true' alleen bij ketentest-mocks; een zelftest met fouten draait tegen echte "
                "systemen in-process (herhaal: --zonder-fouten).",
            )
        if self.is_mock(c.dso_lv):
            self._put(c.dso_lv.base_url, fouten.model_dump_json(exclude={"vth", "verbindingen", "lvbb"}))
        if self.is_mock(c.lvbb):
            self._put(c.lvbb.base_url, fouten.lvbb.model_dump_json())
        for oin, vth in fouten.vth.items():
            self._put(c.organisatie(oin).base_url, vth.model_dump_json())

    def herstel_fouten(self) -> None:
        for url in self._mock_urls():
            try:
                self.beheer(url).delete(inspectie.FOUTEN)
            except httpx.TransportError:  # a mock that is down (a test stopped it): nothing to reset
                continue

    def _put(self, base_url: str, data: str) -> None:
        r = self.beheer(base_url).put(inspectie.FOUTEN, content=data, headers={"Content-Type": "application/json"})
        if r.status_code != 204:
            raise ChainTestError(
                f"Fouten instellen bij {base_url} mislukt: HTTP {r.status_code} {r.text}", code="KT-SERVE-FOUTEN"
            )

    def _wis_mocks(self) -> None:
        """Served ketentest mocks start each scenario fresh, as in-process ones do (a real party never gets this)."""
        for url in self._mock_urls():
            try:
                self.beheer(url).delete(inspectie.TOESTAND)
            except httpx.TransportError:  # a mock that is down (a test stopped it): nothing to clear
                continue

    def _mock_urls(self) -> list[str]:
        """The base URLs of the parties that are ketentest mocks: the only ones that get /_ketentest/ calls."""
        return [o.base_url for o in [*self.config.landelijk(), *self.config.organisaties] if self.is_mock(o)]

    def _trace_lengte(self, url: str) -> int:
        """How many lines the mock's trace has now (its ``X-Trace-Lengte``), asked with the largest ``sinds`` the
        mocks accept, so no lines come along."""
        try:
            r = self.beheer(url).get(inspectie.TRACE, params={"sinds": inspectie.MAX_SINDS})
        except httpx.TransportError:
            return 0
        return int(r.headers.get("X-Trace-Lengte", "0")) if r.status_code == 200 else 0


def vermogens(profiel: Profiel, organisatie: Organisatie) -> frozenset[str]:
    """What the VTH system of ``organisatie`` offers (chain_tests.werkplaats.VERMOGENS): what its adapter can do,
    narrowed by the profile's ``kan`` (a reference VTH offers everything)."""
    e = profiel.eindpunt_van(organisatie)
    kan = frozenset(getattr(laad_adapter(e.adapter if e else "referentie"), "kan", frozenset())) | {"lopende_zaken"}
    return kan & frozenset(e.kan) if e is not None and e.kan is not None else kan


def eindpunt_van(profiel: Profiel, config: KetenConfig, partij: Organisatie) -> Eindpunt | None:
    """The profile's entry for a party of the keten: a landelijke party's own section, else its VTH entry."""
    landelijk = {
        config.dso_lv.oin: profiel.dso_lv,
        config.lvbb.oin: profiel.lvbb,
        config.plansoftware.oin: profiel.plansoftware,
        config.lopende_zaken.oin: profiel.lopende_zaken,
    }
    return landelijk.get(partij.oin) or profiel.eindpunt_van(partij)


def fouten_doelen(config: KetenConfig, fouten: Fouten) -> list[Organisatie]:
    """The parties that ``fouten`` asks to fail: DSO-LV for its own part, the LVBB, each VTH named."""
    leeg = Fouten()
    doelen = []
    if fouten.model_dump(exclude={"vth", "verbindingen", "lvbb"}) != leeg.model_dump(
        exclude={"vth", "verbindingen", "lvbb"}
    ):
        doelen.append(config.dso_lv)
    if fouten.lvbb != leeg.lvbb:
        doelen.append(config.lvbb)
    return doelen + [config.organisatie(oin) for oin in fouten.vth]


def fouten_passen(profiel: Profiel, fouten: Fouten) -> bool:
    """Can these faults be put into the served keten of ``profiel``: is every party they name a ketentest mock?"""
    config = profiel.keten_config()
    return all(profiel.is_mock(eindpunt_van(profiel, config, o)) for o in fouten_doelen(config, fouten))


def _b64(waarde: str | None) -> bytes | None:
    return base64.b64decode(waarde) if waarde else None


def _tijd(r: TraceRegel) -> datetime:
    return r.tijd
