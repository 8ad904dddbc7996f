"""Mock RTR: activiteit toepasbaar maken, regels verifiëren (REST), aanleveren (SOAP), read API, and the
functionele structuur that OZON feeds (plan keten).

Toepasbaar maken: a bevoegd gezag that has published a plan (OZON knows a regeling of it) may only make an
activity toepasbaar that is in its functionele structuur (``RTR-FS-ONBEKEND``); one without a plan keeps
the shortcut of iteratie 1 and 2 (any valid IMOW activity id). Aanleveren: a location question must refer
to a locatie OZON knows (``RTR-LOCATIE``), for a bevoegd gezag with a plan. These two codes are the mock's
own: the validatiematrix has no RTR code for them.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Protocol

import httpx
from lxml import etree

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards import aanleveren as contract
from chain_tests.standards import api, operaties, planketen, soap
from chain_tests.standards.imow import activiteit_id
from chain_tests.standards.inspectie import RtrFouten
from chain_tests.standards.meldingcodes import melding
from chain_tests.standards.sttr.model import SttrBestand, parse_sttr
from chain_tests.standards.sttr.verify import Verificatiemelding, verifieer
from chain_tests.standards.xml import parse_xml
from mocks._infra.antwoorden import foutantwoord, json_antwoord
from mocks._infra.routing import Route, client_oin, lees_json
from mocks.dso_lv.ozonregels import organisatie


@dataclass
class Gepubliceerd:
    regel_id: str
    bestandsnaam: str
    data: bytes
    bestand: SttrBestand


class Plannen(Protocol):
    """What the RTR asks OZON (the same party, in-process)."""

    def heeft_plan(self, oin: str) -> bool: ...

    def kent_locatie(self, identificatie: str) -> bool: ...


class GeenPlannen:
    def heeft_plan(self, oin: str) -> bool:
        return False

    def kent_locatie(self, identificatie: str) -> bool:
        return False


#: per kind of organisation, the RTR's rule that at most one of its activities hangs under another kind's
EEN_ONDER_ANDER = {"gm": "RTRG0019", "pv": "RTRG0020", "ws": "RTRG0021"}


def onder_een_ander(structuur: dict[str, dict[str, planketen.FsActiviteit]]) -> list[tuple[str, str]]:
    """RTRG0019–0021 over the whole functionele structuur (all plans of an organisation, not one delivery: that
    is OZON0206–0208): (code, text) for each organisation with more than one activity under another kind's."""
    per: dict[tuple[str, str], list[str]] = defaultdict(list)
    for acts in structuur.values():
        for a in acts.values():
            eigen, boven = organisatie(a.identificatie), organisatie(a.bovenliggende_activiteit)
            if eigen and boven and eigen[0] in EEN_ONDER_ANDER and boven[0] != eigen[0]:
                per[eigen].append(a.identificatie)
    return [
        (
            EEN_ONDER_ANDER[soort],
            melding(EEN_ONDER_ANDER[soort], detail=f"{soort}{nr}: {', '.join(sorted(acts))}").beschrijving,
        )
        for (soort, nr), acts in sorted(per.items())
        if len(acts) > 1
    ]


@dataclass
class RtrMock:
    base_url: str
    fouten: RtrFouten = field(default_factory=RtrFouten)
    eigen_oin: str = ""  # DSO-LV's: only OZON (inside DSO-LV) updates the functionele structuur
    plannen: Plannen = field(default_factory=GeenPlannen)
    activiteiten: dict[tuple[str, str], api.ToepasbaarMaken] = field(default_factory=dict)  # (oin, id) →
    regels: dict[str, Gepubliceerd] = field(default_factory=dict)  # regel_id →
    per_ref: dict[str, str] = field(default_factory=dict)  # functioneleStructuurRef → latest regel_id
    functionele_structuur: dict[str, dict[str, planketen.FsActiviteit]] = field(default_factory=dict)  # oin → id →

    def routes(self) -> list[Route]:
        return [
            Route(operaties.RTR_TOEPASBAAR, self.toepasbaar_maken),
            Route(operaties.RTR_ACTIVITEIT, self.activiteit),
            Route(operaties.RTR_REGELS, self.zoek_regels),
            Route(operaties.RTR_STTR, self.sttr_bestand),
            Route(operaties.VERIFIEREN, self.verifieer),
            Route(operaties.AANLEVEREN, self.aanleveren),
            Route(operaties.RTR_FS_BIJWERKEN, self.werk_structuur_bij),
            Route(operaties.RTR_FS_ACTIVITEIT, self.structuur_activiteit),
        ]

    def _strikt(self, oin: str, activiteit: str = "") -> bool:
        """A bevoegd gezag with a published plan: its own activities come from the functionele structuur. The
        Rijk's activities (``nl.imow-mnre…``, e.g. the Wkb) stay open: their structure is not the gemeente's."""
        rijk = activiteit.startswith("nl.imow-mnre")
        return not rijk and (oin in self.functionele_structuur or self.plannen.heeft_plan(oin))

    # -- functionele structuur (fed by OZON) ------------------------------------------------------------
    def werk_structuur_bij(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        if client_oin(request) != self.eigen_oin:
            return foutantwoord(
                403, "Niet toegestaan", ("RTR-403", "alleen OZON (DSO-LV) werkt de functionele structuur bij")
            )
        body = lees_json(request, planketen.FsBijwerken)
        nieuw = {oin: dict(acts) for oin, acts in self.functionele_structuur.items()}
        for a in body.activiteiten:
            nieuw.setdefault(a.bevoegd_gezag, {})[a.identificatie] = a
        fouten = onder_een_ander(nieuw)
        if fouten:  # the structure stays as it was
            return foutantwoord(422, "Functionele structuur niet bijgewerkt", *fouten)
        self.functionele_structuur = nieuw
        return httpx.Response(204)

    def structuur_activiteit(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        a = self.functionele_structuur.get(p["bevoegd_gezag"], {}).get(p["activiteit_id"])
        if a is None:
            return foutantwoord(
                404,
                "Niet in de functionele structuur",
                (
                    "RTR-404",
                    f"Activiteit {p['activiteit_id']} staat niet in de functionele structuur van {p['bevoegd_gezag']}.",
                ),
            )
        return json_antwoord(a)

    # -- queries used by the loket ------------------------------------------------------------------
    def bevoegd_gezag(self, activiteit_id: str) -> str | None:
        """Verzoeksroutering (bevoegd gezag bepalen): who made this activity toepasbaar."""
        return next((oin for (oin, aid) in reversed(list(self.activiteiten)) if aid == activiteit_id), None)

    def zoek(self, oin: str, activiteit_id: str, typering: str) -> Gepubliceerd | None:
        for regel_id in reversed(list(self.regels)):
            g = self.regels[regel_id]
            b = g.bestand
            if b.oin == oin and b.activiteit_id == activiteit_id and b.typering.startswith(typering):
                return g
        return None

    # -- handlers ----------------------------------------------------------------------------------
    def toepasbaar_maken(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        try:
            activiteit_id(p["activiteit_id"])
        except ValueError as exc:
            raise OngeldigeInvoer(str(exc), code="RTR-ACTIVITEIT-ID") from exc
        body = lees_json(request, api.ToepasbaarMaken)
        if self.fouten.weigert_toepasbaar:
            return foutantwoord(500, "Interne fout", ("RTR-500", "Het RTR kon de activiteit niet verwerken."))
        if client_oin(request) != body.bevoegd_gezag:
            return foutantwoord(
                403,
                "Niet geautoriseerd",
                (
                    "RTR-403",
                    f"OIN {client_oin(request)} mag geen activiteit "
                    f"toepasbaar maken voor bevoegd gezag {body.bevoegd_gezag}.",
                ),
            )
        structuur = self.functionele_structuur.get(body.bevoegd_gezag, {})
        if self._strikt(body.bevoegd_gezag, p["activiteit_id"]) and p["activiteit_id"] not in structuur:
            return foutantwoord(
                422,
                "Activiteit niet in de functionele structuur",
                (
                    "RTR-FS-ONBEKEND",
                    f"Activiteit {p['activiteit_id']} staat niet in de functionele structuur van bevoegd gezag "
                    f"{body.bevoegd_gezag}; alleen activiteiten uit een gepubliceerd omgevingsplan (via OZON) kunnen "
                    "toepasbaar gemaakt worden.",
                ),
            )
        self.activiteiten[(body.bevoegd_gezag, p["activiteit_id"])] = body
        return httpx.Response(200, json={"activiteitId": p["activiteit_id"], "toepasbaar": True})

    def activiteit(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        for (oin, aid), a in self.activiteiten.items():
            if aid == p["activiteit_id"]:
                return httpx.Response(
                    200,
                    json={
                        "identificatie": aid,
                        "naam": a.activiteit_naam,
                        "bevoegdGezag": oin,
                        "toepasbaar": True,
                        "_links": {"self": {"href": request.url.path}},
                    },
                )
        return foutantwoord(
            404, "Activiteit niet gevonden", ("RTR-404", f"Activiteit {p['activiteit_id']} is niet toepasbaar gemaakt.")
        )

    def zoek_regels(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        ref = request.url.params.get("functioneleStructuurRef", "")
        gevonden = [self.regels[i] for i in [self.per_ref.get(ref)] if i and not self.fouten.verliest_regels]
        items = [
            {
                "id": g.regel_id,
                "functioneleStructuurRef": ref,
                "_links": {"sttrBestand": {"href": api.RTR_STTR_BESTAND.format(regel_id=g.regel_id)}},
            }
            for g in gevonden
        ]
        return httpx.Response(
            200,
            content=json.dumps({"_embedded": {"toepasbareRegels": items}}).encode(),
            headers={"Content-Type": "application/hal+json"},
        )

    def sttr_bestand(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        g = self.regels.get(p["regel_id"])
        if g is None:
            return foutantwoord(404, "Niet gevonden", ("RTR-404", f"Geen toepasbare regel {p['regel_id']}."))
        return httpx.Response(200, content=g.data, headers={"Content-Type": "application/xml"})

    def verifieer(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        resultaat = verifieer(request.read(), bron="aangeleverd STTR-bestand")
        return httpx.Response(
            200, content=resultaat.model_dump_json().encode(), headers={"Content-Type": "application/json"}
        )

    # -- SOAP aanleveren ---------------------------------------------------------------------------
    def aanleveren(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        if self.fouten.soap_fault:
            body = soap.fault("Interne fout bij het verwerken van de aanlevering.", "soapenv:Server")
            return httpx.Response(500, content=body, headers={"Content-Type": soap.CONTENT_TYPE})
        velden = _soap_verzoek(request.read())  # refused input becomes a SOAP Fault (foutvorm "soap")
        try:
            sttr = base64.b64decode(velden["sttrBestand"], validate=True)
        except binascii.Error as exc:
            raise OngeldigeInvoer(f"sttrBestand is geen geldige base64: {exc}", code="RTR-SOAP") from exc
        parse_xml(sttr, bron=velden["bestandsnaam"])  # hostile XML is refused before any business check
        meldingen = self._controleer_aanlevering(client_oin(request), velden, sttr)
        if any(m.ernst == "fout" for m in meldingen):
            return _soap_antwoord(contract.RESULTAAT_AFGEWEZEN, None, meldingen)
        bestand = parse_sttr(sttr)
        regel_id = str(uuid.uuid4())
        self.regels[regel_id] = Gepubliceerd(regel_id, velden["bestandsnaam"], sttr, bestand)
        self.per_ref[bestand.functionele_structuur_ref] = regel_id
        return _soap_antwoord(contract.RESULTAAT_GEACCEPTEERD, regel_id, meldingen)

    def _controleer_aanlevering(self, oin: str | None, velden: dict[str, str], sttr: bytes) -> list[Verificatiemelding]:
        bg, activiteit = velden["bevoegdGezag"], velden["activiteitId"]
        if oin != bg:
            return [
                Verificatiemelding(ernst="fout", code="RTR-AUTH", tekst=f"OIN {oin} mag niet aanleveren namens {bg}.")
            ]
        if (bg, activiteit) not in self.activiteiten:
            return [
                Verificatiemelding(
                    ernst="fout",
                    code="RTR-NIET-TOEPASBAAR",
                    tekst=f"Activiteit {activiteit} is niet toepasbaar gemaakt voor {bg}; doe eerst stap 5.",
                )
            ]
        resultaat = verifieer(sttr, bron=velden["bestandsnaam"])
        if not resultaat.valide:
            return resultaat.meldingen
        bestand = parse_sttr(sttr)
        onbekend = [loc for loc in bestand.locaties if self._strikt(bg) and not self.plannen.kent_locatie(loc)]
        if onbekend:
            return [
                Verificatiemelding(
                    ernst="fout",
                    code="RTR-LOCATIE",
                    tekst=f"locatie {loc} in uitv:geoVerwijzing is niet bekend in OZON.",
                )
                for loc in onbekend
            ]
        if bestand.activiteit_id != activiteit or bestand.oin != bg:
            return [
                Verificatiemelding(
                    ernst="fout",
                    code="RTR-REF",
                    tekst=f"functioneleStructuurRef {bestand.functionele_structuur_ref}"
                    f" past niet bij activiteit {activiteit} van {bg}.",
                )
            ]
        return resultaat.meldingen


def _soap_verzoek(data: bytes) -> dict[str, str]:
    env = parse_xml(data, bron="SOAP-verzoek aanleveren")
    el = env.find(f"{{{soap.SOAP_ENV}}}Body/{{{contract.TNS}}}{contract.REQUEST}")
    if el is None:
        raise OngeldigeInvoer(f"SOAP Body bevat geen {contract.REQUEST}", code="RTR-SOAP")
    velden = {etree.QName(c).localname: (c.text or "").strip() for c in el}
    for naam in ("bevoegdGezag", "activiteitId", "bestandsnaam", "sttrBestand"):
        if not velden.get(naam):
            raise OngeldigeInvoer(f"verplicht veld {naam} ontbreekt in {contract.REQUEST}", code="RTR-SOAP")
    return velden


def _soap_antwoord(resultaat: str, regel_id: str | None, meldingen: list[Verificatiemelding]) -> httpx.Response:
    t = contract.TNS
    antwoord = etree.Element(f"{{{t}}}{contract.RESPONSE}")
    etree.SubElement(antwoord, f"{{{t}}}resultaat").text = resultaat
    if regel_id:
        etree.SubElement(antwoord, f"{{{t}}}toepasbareRegelId").text = regel_id
    for m in meldingen:
        el = etree.SubElement(antwoord, f"{{{t}}}melding")
        for tag, value in (("ernst", m.ernst), ("code", m.code), ("tekst", m.tekst)):
            etree.SubElement(el, f"{{{t}}}{tag}").text = value
    body = soap.envelope(antwoord, {"tns": t})
    return httpx.Response(200, content=body, headers={"Content-Type": soap.CONTENT_TYPE})
