"""Mock LVBB: the bronhouderkoppelvlak over Digikoppeling ebMS2, validation, registration, publication.

Receives ``validatieVerzoek`` / ``publicatieVerzoek`` messages (with ``opdracht.zip``) from the plansoftware,
acknowledges them, and in its background work (:meth:`LvbbMock.werk`, one phase per pass) validates the
levering (:mod:`mocks.lvbb.validatie`, OZON's rules asked of OZON) and answers with verslagen through its
:class:`~mocks.postvak.Postvak`: a validatie gets one ``validatieVerzoekResultaat`` (valide / niet-valide /
behandeling-afgebroken); a publicatie gets ``validatie-voltooid``, ``registratie-voltooid``, then — after
the doorlevering to OZON — ``gepubliceerd`` with ``tijdstipPublicatie``. Deliberate faults
(:class:`~chain_tests.standards.inspectie.LvbbFouten`) make the self-tests' faulty LVBB.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from chain_tests.config import KetenConfig, PlanInstellingen
from chain_tests.klok import Klok
from chain_tests.standards import grote_berichten as gb
from chain_tests.standards import inspectie, lvbb, operaties, planketen
from chain_tests.standards.ebms import EbmsBericht, MimeDeel
from chain_tests.standards.inspectie import LvbbFouten
from chain_tests.standards.meldingcodes import CodeMelding, melding
from mocks._infra.antwoorden import ebms_weigering, json_antwoord
from mocks._infra.opslag import opslagmap
from mocks._infra.routing import MockPartij, Route, client_oin
from mocks.digikoppeling.postvak import postvak_voor
from mocks.lvbb import afbreekregels
from mocks.lvbb.register import Register
from mocks.lvbb.validatie import Context, uitkomst, valideer

CPA = "lvbb-bronhouderkoppelvlak"
OZON_ONBEREIKBAAR = "KETENTEST-OZON"  # the mock's own code: OZON did not answer the LVBB (no matrix code)


@dataclass
class OntvangenLevering:
    aanleveraar: str
    id_levering: str
    soort: lvbb.Soort
    zip: bytes | Path  # a Groot Bericht stays on disk
    fase: inspectie.Leveringfase = "ontvangen"
    verslagen: list[str] = field(default_factory=list)
    bestanden: dict[str, bytes] = field(default_factory=dict)
    doorgeleverd: bool = False
    doorlevering: str | None = None
    groot_bericht: gb.Metadata | None = None  # the zip comes as a Groot Bericht: fetched before validation


@dataclass
class LvbbMock:
    config: KetenConfig
    klok: Klok
    client: Callable[[], httpx.Client]  # the LVBB's own client (Digikoppeling to the aanleveraar)
    dso_client: Callable[[], httpx.Client]  # the LVBB's client on DSO-LV (OZON)
    fouten: LvbbFouten = field(default_factory=LvbbFouten)
    leveringen: list[OntvangenLevering] = field(default_factory=list)
    opslag: Path = field(default_factory=lambda: opslagmap("lvbb"))
    storingen: list[inspectie.StoringInMock] = field(default_factory=list)
    register: Register = field(default_factory=Register)  # what this LVBB has published

    def __post_init__(self) -> None:
        eigen = self.config.lvbb
        self.postvak = postvak_voor("LVBB", eigen.oin, self.config.plansoftware, self.config, self.klok, self.client)

    def partij(self) -> MockPartij:
        o = self.config.lvbb
        routes = [
            Route(operaties.EBMS, self.ontvang),
            Route(operaties.LEVERING, self.inspectie),
            Route(operaties.PLAN, self.zet_plan),
        ]
        return MockPartij(
            o.naam, o.oin, o.base_url, routes, self.storingen, grenzen=self.config.grenzen.voor_pakketten()
        )

    # -- receiving ---------------------------------------------------------------------------------
    def ontvang(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        bericht = self.postvak.lees_bericht(request)
        if isinstance(bericht, httpx.Response):
            return bericht
        if bericht.is_ack or bericht.fouten:
            return self.postvak.signaal(request, bericht)
        soorten = {lvbb.action(s): s for s in lvbb.ALLE_SOORTEN}
        if bericht.service != lvbb.SERVICE or bericht.action not in soorten:
            return ebms_weigering(
                self.config.lvbb.oin,
                bericht,
                "NotSupported",
                f"de LVBB ondersteunt hier {', '.join(soorten)} (service {lvbb.SERVICE}), niet {bericht.action}.",
                client_oin(request),
            )
        xml = [d for d in bericht.payloads if d.content_type.startswith("application/xml")]
        verzoek = next((d for d in xml if not gb.is_metadata(d.inhoud)), None)
        metadata = next((gb.lees_metadata(d.inhoud) for d in xml if gb.is_metadata(d.inhoud)), None)
        zip_ = next((d for d in bericht.payloads if d.content_type.startswith("application/zip")), None)
        id_levering = lvbb.lees_verzoek(verzoek.inhoud)[1] if verzoek else ""  # a bad payload is refused here
        if self.postvak.neem_aan(bericht):  # not a duplicate
            self._neem_op(bericht, soorten[bericht.action], id_levering, zip_, metadata)
        return httpx.Response(202)

    def _neem_op(
        self,
        bericht: EbmsBericht,
        soort: lvbb.Soort,
        id_levering: str,
        zip_: MimeDeel | None,
        metadata: gb.Metadata | None,
    ) -> None:
        levering = OntvangenLevering(bericht.van_oin, id_levering, soort, zip_.inhoud if zip_ else b"")
        levering.groot_bericht = metadata
        self.leveringen.append(levering)
        if (zip_ is None and metadata is None) or not id_levering:
            self._klaar(levering, [melding("LVBB0002")], "behandeling-afgebroken")

    # -- background work ----------------------------------------------------------------------------
    def werk(self) -> None:
        """Send what is due (verslagen, acks), then move each levering one phase on, each on its own: a levering
        the mock cannot handle ends with a verslag that says so, and the next one goes on."""
        try:
            self.postvak.werk()
        except Exception as exc:  # a bug in the mock itself: recorded, reported as a harness error
            self._storing("postvak", exc)
        if self.fouten.antwoordt_niet:
            return
        for levering in [x for x in self.leveringen if x.fase != "klaar"]:
            try:
                self._verder(levering)
            except Exception as exc:  # this levering only: it is ended, the storing recorded once
                self._storing(f"levering {levering.id_levering[:80]}", exc)
                levering.fase = "klaar"
                self._stuur(levering, self._afgebroken_verslag(levering, exc))

    def _storing(self, wat: str, exc: Exception) -> None:
        MockPartij(self.config.lvbb.naam, "", "", [], self.storingen).storing("achtergrond", wat, exc)

    def _afgebroken_verslag(self, lev: OntvangenLevering, exc: Exception) -> lvbb.Verslag:
        tekst = f"de LVBB-mock kon deze levering niet verwerken ({type(exc).__name__}); zie de storingen van de mock"
        return lvbb.Verslag(
            lev.soort,
            lev.id_levering,
            self.klok.nu(),
            [melding("LVBB0002", detail=tekst)],
            uitkomst="behandeling-mislukt" if lev.soort == lvbb.AFBREKEN else "behandeling-afgebroken",
        )

    def _verder(self, lev: OntvangenLevering) -> None:
        if lev.fase == "ontvangen" and lev.groot_bericht is not None:
            self._haal_groot_bericht(lev)
        elif lev.fase == "ontvangen":
            self._valideer(lev)
        elif lev.fase == "gevalideerd":
            lev.fase = "geregistreerd"
            if not self.fouten.slaat_voortgang_over:
                self._stuur(
                    lev, lvbb.Verslag("publicatie", lev.id_levering, self.klok.nu(), voortgang="registratie-voltooid")
                )
        elif lev.fase == "geregistreerd" and not self.fouten.publiceert_niet:
            self._publiceer(lev)

    def _haal_groot_bericht(self, lev: OntvangenLevering) -> None:
        """Fetch the zip of a Groot Bericht (with the LVBB's certificate, resuming); a failure ends the levering
        with a verslag that names it (the zip was never obtained: LVBB0002)."""
        m = lev.groot_bericht
        assert m is not None
        pad = self.opslag / f"groot-bericht-{uuid.uuid4().hex}.zip"
        try:
            lev.zip = gb.haal_op(self.client, m, pad, self.klok.nu())
        except gb.GrootBerichtFout as exc:
            pad.unlink(missing_ok=True)
            self._klaar(lev, [melding("LVBB0002", detail=str(exc))], "behandeling-afgebroken")
            return
        lev.groot_bericht = None
        try:
            self._valideer(lev)
        finally:  # validated from disk; what the levering needs further is in lev.bestanden
            pad.unlink(missing_ok=True)
            lev.zip = b""

    def _valideer(self, lev: OntvangenLevering) -> None:
        sleutel = (lev.aanleveraar, lev.id_levering)
        eerder = any((x.aanleveraar, x.id_levering) == sleutel for x in self.leveringen[: self.leveringen.index(lev)])
        ctx = Context(
            lev.aanleveraar,
            lev.id_levering,
            lev.soort,
            self._vandaag(),
            eerder,
            self._gemachtigd,
            self._ozon,
            self.register,
            self._wachtend(),
        )
        _, lev.bestanden, meldingen = valideer(lev.zip, ctx)
        if self.fouten.valideert_niet:
            meldingen = []
        if self.fouten.keurt_af and not any(m.ernst == "fout" for m in meldingen):
            meldingen.append(melding("LVBB3504", "opzettelijke fout in de mock"))
        oordeel = uitkomst(meldingen)
        if lev.soort == lvbb.AFBREKEN:
            self._breek_af(lev, meldingen, oordeel)
        elif oordeel != "valide":
            self._klaar(lev, meldingen, oordeel)
        elif lev.soort == "validatie":
            self._klaar(lev, meldingen, "valide")
        else:
            lev.fase = "gevalideerd"
            self._stuur(
                lev,
                lvbb.Verslag("publicatie", lev.id_levering, self.klok.nu(), meldingen, voortgang="validatie-voltooid"),
            )

    def _vandaag(self) -> dt.date:
        return self.config.plan.peildatum or self.klok.nu().date()

    def _wachtend(self) -> Register:
        """The publicaties validated and not yet published, as a register of their own."""
        r = Register()
        for lev in self.leveringen:
            if lev.soort == "publicatie" and lev.fase in ("gevalideerd", "geregistreerd"):
                r.neem_pakket_op(lev.bestanden)
        return r

    def _breek_af(self, lev: OntvangenLevering, meldingen: list[CodeMelding], oordeel: str) -> None:
        """An afbreekopdracht: done at once, ``ok`` (the register forgets what the levering set) or not."""
        if oordeel == "valide":
            self.register.breek_af(
                afbreekregels.akn_werk(lvbb.lees_opdracht(lev.bestanden["opdracht.xml"]).identificatie)
            )
        self._klaar(lev, meldingen, "ok" if oordeel == "valide" else "behandeling-mislukt")

    def _publiceer(self, lev: OntvangenLevering) -> None:
        nu = self.klok.nu()
        if "manifest-ow.xml" not in lev.bestanden:  # a kennisgeving: no OW for OZON
            lev.doorlevering = "geen OW-gegevens"
        elif not self.fouten.levert_niet_door:
            lev.doorlevering = self._lever_door(lev, nu)
            lev.doorgeleverd = lev.doorlevering.startswith("HTTP 202")
        self.register.neem_pakket_op(lev.bestanden, self._vandaag().isoformat())
        verslag = lvbb.Verslag("publicatie", lev.id_levering, nu, uitkomst="gepubliceerd", tijdstip_publicatie=nu)
        lev.fase = "klaar"
        self._stuur(lev, verslag)

    def _lever_door(self, lev: OntvangenLevering, nu: dt.datetime) -> str:
        """The publication to OZON: the opdracht, manifest-ow, OW files, GML and the besluit (its regelingen's text:
        the [NC] doorlevering)."""
        deel = {
            n: d
            for n, d in lev.bestanden.items()
            if n.startswith("ow")
            or n in ("opdracht.xml", "manifest-ow.xml", lvbb.lees_opdracht(lev.bestanden["opdracht.xml"]).publicatie)
            or n.lower().endswith(".gml")
        }
        try:
            with self.dso_client() as c:
                r = c.post(
                    planketen.OZON_DOORLEVERING,
                    params={"tijdstipPublicatie": nu.isoformat()},
                    content=lvbb.pak_in(deel),
                    headers={"Content-Type": "application/zip"},
                )
        except httpx.TransportError as exc:
            return f"verbindingsfout: {exc}"
        return f"HTTP {r.status_code}" + ("" if r.status_code == 202 else f": {r.text[:300]}")

    def _ozon(self, deel: dict[str, bytes]) -> list[CodeMelding]:
        try:
            with self.dso_client() as c:
                r = c.post(
                    planketen.OZON_VALIDEREN, content=lvbb.pak_in(deel), headers={"Content-Type": "application/zip"}
                )
        except httpx.TransportError as exc:
            return [CodeMelding(OZON_ONBEREIKBAAR, "fout", "technisch", f"OZON niet bereikbaar voor validatie: {exc}")]
        if r.status_code != 200:
            return [
                CodeMelding(
                    OZON_ONBEREIKBAAR, "fout", "technisch", f"OZON-validatie: HTTP {r.status_code} {r.text[:300]}"
                )
            ]
        antwoord = planketen.OzonValidatie.model_validate_json(r.content)
        return [CodeMelding(m.code, m.ernst, "inhoudelijk", m.tekst) for m in antwoord.meldingen]

    def _gemachtigd(self, aanleveraar: str, bevoegd_gezag: str) -> bool:
        """Machtigingen: a bevoegd gezag for itself; the configured plansoftware for every organisation; and those
        of the configuration's plan settings (a supplier's own)."""
        organisaties = {o.oin for o in self.config.organisaties}
        return (
            aanleveraar == bevoegd_gezag
            or (aanleveraar == self.config.plansoftware.oin and bevoegd_gezag in organisaties)
            or self.config.plan.gemachtigd(aanleveraar, bevoegd_gezag)
        )

    def _klaar(self, lev: OntvangenLevering, meldingen: list[CodeMelding], uitkomst: str) -> None:
        if lev.soort == lvbb.AFBREKEN and uitkomst != "ok":  # the afbreekverslag knows only ok / behandeling-mislukt
            uitkomst = "behandeling-mislukt"
        lev.fase = "klaar"
        self._stuur(
            lev, lvbb.Verslag(lev.soort, lev.id_levering or "onbekend", self.klok.nu(), meldingen, uitkomst=uitkomst)
        )

    def _stuur(self, lev: OntvangenLevering, verslag: lvbb.Verslag) -> None:
        lev.verslagen.append(verslag.stand)
        xml = lvbb.resultaat_xml(verslag)
        deel = MimeDeel(f"{lev.soort}-resultaat-{len(lev.verslagen)}@lvbb", "application/xml", xml)
        self.postvak.verstuur(
            lev.id_levering, lev.aanleveraar, lvbb.SERVICE, f"{lev.soort}VerzoekResultaat", [deel], CPA
        )

    def zet_plan(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        """A supplier's plan settings while the LVBB runs: its peildatum and the machtigingen (PlanInstellingen)."""
        plan = PlanInstellingen.model_validate_json(request.read() or b"{}")
        self.config = self.config.model_copy(update={"plan": plan})
        return httpx.Response(204)

    # -- inspection ---------------------------------------------------------------------------------
    def inspectie(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        lev = next((x for x in reversed(self.leveringen) if x.id_levering == p["id_levering"]), None)
        if lev is None:
            return json_antwoord(inspectie.Leveringstatus(id_levering=p["id_levering"]))
        b = self.postvak.laatste(lev.id_levering)
        return json_antwoord(
            inspectie.Leveringstatus(
                id_levering=lev.id_levering,
                ontvangen=True,
                aanleveraar=lev.aanleveraar,
                soort=lev.soort,
                fase=lev.fase,
                verslagen=lev.verslagen,
                bezorging=b.status if b else "geen",
                laatste_fout=b.laatste_fout if b else None,
                doorgeleverd=lev.doorgeleverd,
                doorlevering=lev.doorlevering,
            )
        )
