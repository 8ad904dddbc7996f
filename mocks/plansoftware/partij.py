"""The reference plansoftware (the Tercera row of the werkplaats): sends an aanlevering to the LVBB and
keeps the verslagen that come back. Stands in for a supplier's plansoftware and models correct behaviour.

Its API (:mod:`chain_tests.standards.planketen`): ``POST /plansoftware/api/v1/leveringen`` with
``opdracht.zip`` (from an organisation it works for, by certificate) sends a ``validatieVerzoek`` or
``publicatieVerzoek`` over Digikoppeling ebMS2 with the zip beside it, as the aanleveraar (its own OIN);
``GET …/leveringen/{idLevering}?soort=`` shows the delivery state and every verslag received. Its ebMS
endpoint takes verslagen only from the LVBB, drops duplicates and acknowledges them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from chain_tests.config import KetenConfig
from chain_tests.errors import OngeldigeInvoer
from chain_tests.klok import Klok
from chain_tests.standards import api, inspectie, lvbb, operaties, planketen, schemas
from chain_tests.standards import grote_berichten as gb
from chain_tests.standards.ebms import MimeDeel
from chain_tests.standards.xml import parse_xml
from chain_tests.streams import schrijf_stream
from mocks._infra.antwoorden import ebms_weigering, foutantwoord, json_antwoord
from mocks._infra.opslag import opslagmap
from mocks._infra.routing import MockPartij, Route, client_oin
from mocks.digikoppeling.grote_berichten import GbBestand, GbFouten, serveer
from mocks.digikoppeling.postvak import postvak_voor

CPA = "lvbb-bronhouderkoppelvlak"
VERSIE = "1.0"


@dataclass
class Verzending:
    id_levering: str
    soort: lvbb.Soort
    verslagen: list[tuple[lvbb.Verslag, bytes]] = field(default_factory=list)


@dataclass
class ReferentiePlansoftware:
    config: KetenConfig
    klok: Klok
    client: Callable[[], httpx.Client]  # the plansoftware's own client (Digikoppeling to the LVBB)
    leveringen: list[Verzending] = field(default_factory=list)
    storingen: list[inspectie.StoringInMock] = field(default_factory=list)
    grote_berichten: dict[str, GbBestand] = field(default_factory=dict)  # Grote Berichten held for the LVBB
    gb_fouten: GbFouten = field(default_factory=GbFouten)
    opslag: Path = field(default_factory=lambda: opslagmap("plansoftware"))

    def __post_init__(self) -> None:
        eigen = self.config.plansoftware
        self.postvak = postvak_voor("Plansoftware", eigen.oin, self.config.lvbb, self.config, self.klok, self.client)

    def partij(self) -> MockPartij:
        o = self.config.plansoftware
        routes = [
            Route(operaties.EBMS, self.ontvang),
            Route(operaties.PLAN_LEVEREN, self.lever_aan),
            Route(operaties.PLAN_LEVERING, self.levering),
            Route(operaties.GROOT_BERICHT, self.groot_bericht),
        ]
        return MockPartij(
            o.naam, o.oin, o.base_url, routes, self.storingen, grenzen=self.config.grenzen.voor_pakketten()
        )

    def werk(self) -> None:
        try:
            self.postvak.werk()
        except Exception as exc:  # a bug in the mock itself: recorded, reported as a harness error
            MockPartij(self.config.plansoftware.naam, "", "", [], self.storingen).storing("achtergrond", "postvak", exc)

    # -- the plan author's API ----------------------------------------------------------------------
    def lever_aan(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        klant = client_oin(request)
        if klant not in {o.oin for o in self.config.organisaties}:
            return foutantwoord(
                403, "Geen klant", ("PLAN-403", f"OIN {klant} is geen organisatie waarvoor deze plansoftware werkt.")
            )
        pad = self.opslag / f"opdracht-{uuid.uuid4().hex}.zip"
        grens = min(lvbb.MAX_ZIP, self.config.grenzen.pakket_bytes)
        grootte, sha256 = schrijf_stream(request.stream, pad, grens)  # type: ignore[arg-type]
        opdracht_xml = lvbb.lees_uit_zip(pad, "opdracht.xml")
        if opdracht_xml is None:
            pad.unlink(missing_ok=True)
            raise OngeldigeInvoer("opdracht.zip bevat geen opdracht.xml", code="LVBB1002")
        opdracht = lvbb.lees_opdracht(opdracht_xml)
        _eigen_schema(opdracht_xml, opdracht)
        verzoek = lvbb.verzoek_xml(opdracht.soort, opdracht.id_levering, "ketentest", "referentie-plansoftware", VERSIE)
        delen = [MimeDeel(f"{opdracht.soort}verzoek@plansoftware", "application/xml", verzoek)]
        if grootte >= self.config.grenzen.groot_bericht_bytes:
            delen.append(self._als_groot_bericht(pad, grootte, sha256, opdracht.id_levering))
        else:
            delen.append(MimeDeel("opdracht.zip@plansoftware", "application/zip", pad.read_bytes()))
            pad.unlink()
        self.postvak.verstuur(
            opdracht.id_levering, self.config.lvbb.oin, lvbb.SERVICE, lvbb.action(opdracht.soort), delen, CPA
        )
        levering = Verzending(opdracht.id_levering, opdracht.soort)
        self.leveringen.append(levering)
        return json_antwoord(self._toestand(levering), 202)

    def _als_groot_bericht(self, pad: Path, grootte: int, sha256: str, id_levering: str) -> MimeDeel:
        """Hold the zip for the LVBB and put its metadata in the message instead (Digikoppeling GB, PULL)."""
        naam = uuid.uuid4().hex
        nu = self.klok.nu()
        verloop = nu + dt.timedelta(seconds=self.config.tijden.ebms_retry_interval * 10 + 3600)
        self.grote_berichten[naam] = GbBestand(pad, grootte, f'"{sha256[:32]}"', self.config.lvbb.oin, verloop)
        url = self.config.plansoftware.base_url + api.pad(planketen.PLAN_GROOT_BERICHT, bestand=naam)
        m = gb.Metadata(id_levering, "opdracht.zip", "application/zip", sha256, grootte, url, nu, verloop)
        return MimeDeel("opdracht-metadata@plansoftware", "application/xml", gb.metadata_xml(m))

    def groot_bericht(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        return serveer(request, self.grote_berichten.get(p["bestand"]), self.klok.nu(), self.gb_fouten)

    def levering(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        soort = request.url.params.get("soort")
        lev = next(
            (x for x in reversed(self.leveringen) if x.id_levering == p["id_levering"] and soort in (None, x.soort)),
            None,
        )
        if lev is None:
            return foutantwoord(
                404, "Onbekende levering", ("PLAN-404", f"Geen levering {p['id_levering']} ({soort or 'elke soort'}).")
            )
        return json_antwoord(self._toestand(lev))

    def _toestand(self, lev: Verzending) -> planketen.PlanLevering:
        b = self.postvak.laatste(lev.id_levering)
        return planketen.PlanLevering(
            id_levering=lev.id_levering,
            soort=lev.soort,
            verzending=b.status if b else "geen",
            laatste_fout=b.laatste_fout if b else None,
            verslagen=[_verslag(v, xml) for v, xml in lev.verslagen],
        )

    # -- Digikoppeling -------------------------------------------------------------------------------
    def ontvang(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        eigen = self.config.plansoftware.oin
        bericht = self.postvak.lees_bericht(request)
        if isinstance(bericht, httpx.Response):
            return bericht
        if bericht.is_ack or bericht.fouten:
            return self.postvak.signaal(request, bericht)
        if client_oin(request) != self.config.lvbb.oin or not bericht.action.endswith("VerzoekResultaat"):
            return ebms_weigering(
                eigen,
                bericht,
                "SecurityFailure" if client_oin(request) != self.config.lvbb.oin else "NotSupported",
                f"de plansoftware neemt hier alleen verslagen van de LVBB ({self.config.lvbb.oin}) aan.",
                client_oin(request),
                status=403 if client_oin(request) != self.config.lvbb.oin else 400,
            )
        xml = bericht.payloads[0].inhoud if bericht.payloads else b""
        try:
            verslag = lvbb.lees_resultaat(xml)
        except OngeldigeInvoer as exc:
            return ebms_weigering(eigen, bericht, "Inconsistent", f"geen LVBB-verslag: {exc}", client_oin(request))
        if self.postvak.neem_aan(bericht):
            lev = next(
                (
                    x
                    for x in reversed(self.leveringen)
                    if (x.id_levering, x.soort) == (verslag.id_levering, verslag.soort)
                ),
                None,
            )
            if lev is None:  # a verslag about a levering this plansoftware does not know: kept all the same
                lev = Verzending(verslag.id_levering, verslag.soort)
                self.leveringen.append(lev)
            lev.verslagen.append((verslag, xml))
        return httpx.Response(202)


def _verslag(v: lvbb.Verslag, xml: bytes) -> planketen.PlanVerslag:
    return planketen.PlanVerslag(
        soort=v.soort,
        tijdstip=v.tijdstip.isoformat(),
        uitkomst=v.uitkomst,
        voortgang=v.voortgang,
        tijdstip_publicatie=v.tijdstip_publicatie.isoformat() if v.tijdstip_publicatie else None,
        meldingen=[api.Melding(code=m.code, tekst=m.beschrijving, ernst=m.ernst) for m in v.meldingen],
        xml=xml.decode("utf-8"),
    )


def _eigen_schema(opdracht_xml: bytes, opdracht: lvbb.Opdracht) -> None:
    """A plansoftware does not send an opdracht.xml that breaks its own schema (its idLevering goes into the
    verzoek, whose type it would break too)."""
    if not lvbb.geldig_id(opdracht.id_levering):
        raise OngeldigeInvoer(
            f"opdracht.xml: idLevering {opdracht.id_levering[:100]!r} is geen geldig idLevering (hoogstens 80 tekens "
            "[0-9A-z_-], het eerste teken [0-9A-z]); de plansoftware verstuurt deze opdracht niet.",
            code="PLAN-OPDRACHT",
        )
    schema = schemas.lvbb_schema()
    if schema is None:
        return
    fouten = schemas.validate(schema, parse_xml(opdracht_xml, bron="opdracht.xml"))
    if fouten:
        raise OngeldigeInvoer(
            f"opdracht.xml voldoet niet aan het LVBB-schema (regel {fouten[0].regel}): {fouten[0].tekst}; de "
            "plansoftware verstuurt deze opdracht niet.",
            code="PLAN-OPDRACHT",
        )
