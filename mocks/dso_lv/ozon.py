"""Mock OZON (inside DSO-LV): validates OW information for the LVBB, takes in published regelingen, serves
them through a Presenteren-shaped read API, and feeds the RTR's functionele structuur.

- ``OZON_VALIDEREN``: the LVBB sends the OW files, GMLs and besluit of a levering; OZON answers its meldingen
  (validatiematrix codes): the generic rules of :mod:`mocks.dso_lv.ozonregels` (references exist and are
  unique, object types a soort regeling may not hold, wIds in the besluit), OZON0103 (one Regelingsgebied),
  OZON0310 (ids unique), OZON0066 (a Gebied's geometry in the delivery or in OZON), OZON0132 (a geometry's id
  with another shape than OZON holds), GEOMETRY.03.1/.03.2 (geometry empty / invalid, by GEOS).
- ``OZON_DOORLEVERING``: after registratie the LVBB delivers the publication; it becomes visible after
  ``Tijden.ozon_vertraging`` (the chain's synchronisation time).
- :meth:`OzonMock.werk`: visible publications are sent to the RTR (``RTR_FS_BIJWERKEN``, over the wire so
  the trace shows OZON → RTR), once.
- The loket and the RTR (same party) ask OZON in-process: is this activity known, where does it apply,
  is this point in that locatie.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from chain_tests.config import PlanInstellingen, Tijden
from chain_tests.klok import Klok
from chain_tests.standards import api, geometrie, lvbb, operaties, ow, owgraaf, planketen, stop, waardelijsten
from chain_tests.standards.inspectie import OzonFouten
from chain_tests.standards.meldingcodes import CodeMelding, melding
from mocks._infra.antwoorden import foutantwoord, json_antwoord
from mocks._infra.routing import Route, client_oin
from mocks.dso_lv import ozonlevering, ozonregels, ozonstand, ozonwaarden
from mocks.dso_lv.ozonstand import Publicatie, Ring


def _gml(bestanden: dict[str, bytes]) -> dict[str, list[Ring]]:
    return _gmls(bestanden)[0]


def _gmls(bestanden: dict[str, bytes]) -> tuple[dict[str, list[Ring]], dict[str, str]]:
    """Every geometry of the delivery's GMLs: its rings, and its kind (vlak, lijn, punt)."""
    geos, soorten, _ = _gml_delen(bestanden)
    return geos, soorten


def _gml_delen(bestanden: dict[str, bytes]) -> tuple[dict[str, list[Ring]], dict[str, str], dict[str, str]]:
    """Every geometry of the delivery's GMLs: its rings, its kind (vlak, lijn, punt) and its srsName."""
    geos: dict[str, list[Ring]] = {}
    soorten: dict[str, str] = {}
    stelsels: dict[str, str] = {}
    for naam, data in bestanden.items():
        if naam.lower().endswith(".gml"):
            gml = stop.lees_gml(data, bron=naam)
            geos |= gml.geometrieen
            soorten |= gml.soorten
            stelsels |= gml.crs
    return geos, soorten, stelsels


@dataclass
class OzonMock:
    klok: Klok
    tijden: Tijden
    lvbb_oin: str  # the only party that may ask for validation or deliver publications
    rtr_client: Callable[[], httpx.Client]  # OZON's own client on DSO-LV (for the functionele structuur)
    fouten: OzonFouten = field(default_factory=OzonFouten)
    publicaties: dict[str, Publicatie] = field(default_factory=dict)  # regeling → publicatie
    ontvangen: list[str] = field(default_factory=list)  # regelingen delivered (also the forgotten ones)
    bekend: set[str] = field(default_factory=lambda: {ow.ACT_IN_OMGEVINGSPLAN})  # the Rijk's placeholder
    #: regeling work → the wIds of its text OZON holds (wId → element), from each besluit delivered to it; a
    #: wId a later version removes stays here (OZON2000 then accepts it: the mock errs on the lenient side)
    teksten: dict[str, dict[str, str]] = field(default_factory=dict)
    besluiten: set[str] = field(default_factory=set)  # the expressions of the besluiten delivered to it
    ontwerpversies: set[str] = field(default_factory=set)  # the regelingversies ontwerpbesluiten delivered set
    tijdelijk: dict[str, str] = field(default_factory=dict)  # each tijdelijk regelingdeel delivered → its hoofdregeling

    def routes(self) -> list[Route]:
        return [
            Route(operaties.OZON_VALIDEREN, self.valideer),
            Route(operaties.OZON_DOORLEVERING, self.neem_door),
            Route(operaties.OZON_REGELINGEN, self.regelingen),
            Route(operaties.OZON_ACTIVITEIT, self.activiteit),
            Route(operaties.OZON_LOCATIE, self.locatie),
            Route(operaties.GEOMETRIE, self.geometrie),
            Route(operaties.PLAN, self.zet_plan),
        ]

    def zet_plan(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        """A supplier's plan settings while DSO-LV runs: what OZON already knows (PlanInstellingen.ozon_bekend)."""
        plan = PlanInstellingen.model_validate_json(request.read() or b"{}")
        self.bekend |= plan.bekend_bij_ozon()
        return httpx.Response(204)

    # -- from the LVBB ------------------------------------------------------------------------------
    def _van_lvbb(self, request: httpx.Request) -> httpx.Response | None:
        if client_oin(request) != self.lvbb_oin:
            return foutantwoord(
                403, "Niet toegestaan", ("OZON-403", f"alleen de LVBB ({self.lvbb_oin}) levert aan OZON")
            )
        return None

    def valideer(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        geweigerd = self._van_lvbb(request)
        if geweigerd is not None:
            return geweigerd
        bestanden = lvbb.pak_uit(request.read())
        meldingen = self.controleer(bestanden)
        antwoord = planketen.OzonValidatie(
            meldingen=[api.Melding(code=m.code, tekst=m.beschrijving, ernst=m.ernst) for m in meldingen]
        )
        return json_antwoord(antwoord)

    def controleer(self, bestanden: dict[str, bytes]) -> list[CodeMelding]:
        """OZON's rules on a delivery, against what OZON already holds."""
        lev, graaf = ow.lees_ow(bestanden), owgraaf.lees(bestanden)
        geos, soorten, stelsels = _gml_delen(bestanden)
        besluit = self._met_bekende_tekst(owgraaf.lees_besluit(bestanden))
        manifest = bestanden.get("manifest-ow.xml")
        regeling = ow.lees_manifest_ow(manifest).work_id if manifest else ""
        bekende_geos = {g for pub in self.publicaties.values() for g in pub.geometrieen}
        return [
            *ozonregels.bestaan(graaf, self._alle_ids()),
            *ozonregels.beeindigen(graaf, self._alle_ids()),
            *ozonregels.aanwezig(graaf, self._alle_ids()),
            *ozonregels.geometrie_soort(graaf, soorten, bekende_geos),
            *ozonregels.crs(graaf, stelsels),
            *ozonwaarden.waardelijsten(graaf, waardelijsten.imow()),
            *_verwijzingen(lev, geos, soorten, self.publicaties.get(regeling), bekende_geos),
            *_geometrie(lev, geos),
            *self._uniek(lev, regeling, ozonregels.beeindigd(graaf)),
            *_generiek(graaf, besluit, {g: r for g, r in geos.items() if g not in self._geometrie_van_locaties()}),
            *_besluit(besluit, bestanden.get("manifest-ow.xml")),
            *(ozonlevering.meerdere_regelingen(ow.aanleveringen(manifest), graaf) if manifest else []),
            *ozonlevering.geboorteregelingen(bestanden, besluit),
            *self._ontwerp_intrekking(graaf, besluit),
            *self._over_leveringen(besluit),
            *self._tegen_de_stand(graaf, lev, geos, besluit, regeling),
        ]

    def _tegen_de_stand(
        self,
        graaf: owgraaf.OwGraaf,
        lev: ow.OwLevering,
        geos: dict[str, list[Ring]],
        besluit: owgraaf.Besluit | None,
        regeling: str,
    ) -> list[CodeMelding]:
        """The rules against what OZON holds of the regelingen (:mod:`.ozonstand`)."""
        return [
            *ozonstand.andere_geometrie(geos, self.publicaties),
            *ozonstand.tekstdelen(graaf, regeling, self.publicaties),
            *ozonstand.verwezen(graaf, self.publicaties),
            *ozonstand.andere_regelingen(graaf, besluit, self.publicaties),
            *ozonstand.ontwerp_zonder_gebied(lev, besluit, regeling, self.publicaties),
            *ozonstand.tijdelijke_delen(graaf, besluit, self.tijdelijk, set(self.teksten) | set(self.publicaties)),
        ]

    def _ontwerp_intrekking(self, graaf: owgraaf.OwGraaf, besluit: owgraaf.Besluit | None) -> list[CodeMelding]:
        if besluit is None:
            return []
        gehouden = {w: pub.ow.ids() for w, pub in self.publicaties.items()}
        return ozonlevering.ontwerp_intrekking(graaf, besluit, gehouden)

    def neem_tekst_op(self, bestanden: dict[str, bytes]) -> None:
        """The wIds of the regelingen a delivered besluit sets or changes (for OZON2000 on later versions)."""
        besluit = owgraaf.lees_besluit(bestanden)
        if besluit is None:
            return
        self.besluiten.add(besluit.expressie)
        if besluit.ontwerp:
            self.ontwerpversies |= besluit.regelingversies
        self.tijdelijk.update(besluit.tijdelijk)
        for werk in besluit.regelingen:
            self.teksten.setdefault(werk, {}).update(besluit.wids)

    def _met_bekende_tekst(self, besluit: owgraaf.Besluit | None) -> owgraaf.Besluit | None:
        """The besluit with the wIds OZON already holds of its regelingen (an unchanged artikel of a wijziging)."""
        if besluit is None:
            return None
        bekend = {w: e for werk in besluit.regelingen for w, e in self.teksten.get(werk, {}).items()}
        return dataclasses.replace(besluit, wids={**bekend, **besluit.wids})

    def _over_leveringen(self, besluit: owgraaf.Besluit | None) -> list[CodeMelding]:
        """A levering belongs to a besluit (OZON1044), one levering per besluit (OZON1045); an initial levering of
        a regeling OZON does not hold yet (1026); a regeling withdrawn that OZON holds (1025); an ontwerpbesluit's
        regelingversie not one an earlier ontwerpbesluit set (1038)."""
        if besluit is None:
            return [melding("OZON1044")]
        bekend = set(self.teksten) | set(self.publicaties)
        meldingen = [melding("OZON1045", detail=besluit.expressie)] if besluit.expressie in self.besluiten else []
        if besluit.ontwerp:
            meldingen += [melding("OZON1038", detail=v) for v in sorted(besluit.regelingversies & self.ontwerpversies)]
        if besluit.initieel:
            meldingen += [melding("OZON1026", detail=w) for w in sorted(besluit.regelingen & bekend)]
        regelingen = [w for w in besluit.intrekkingen if w.startswith("/akn/")]
        meldingen += [melding("OZON1025", detail=w) for w in regelingen if w not in bekend]
        return meldingen

    def _geometrie_van_locaties(self) -> set[str]:
        """The geometries a locatie OZON holds refers to (a GIO's new version may bring one again: OZON0086)."""
        return {g.geometrie for pub in self.publicaties.values() for g in pub.ow.gebieden.values()}

    def _alle_ids(self) -> set[str]:
        return self.bekend | {i for pub in self.publicaties.values() for i in pub.ow.ids()}

    def _uniek(self, lev: ow.OwLevering, regeling: str, einde: set[str]) -> list[CodeMelding]:
        """OZON0310: an identificatie another regeling holds (OZON0218 for a Regeltekst or juridische regel); an
        object of this regeling delivered again is a new version of it, of the same type (OZON4005) and with other
        content (OZON4003) — an object ``einde`` ends comes with the content OZON holds (OZON4002); a Regeltekst's new
        version keeps its artikel or lid (OZON0210)."""
        anders = {i for w, pub in self.publicaties.items() if w != regeling for i in pub.ow.ids()}
        tekst = set(lev.regelteksten) | set(lev.regels)  # a Regeltekst or juridische regel: OZON0218
        meldingen = [
            melding("OZON0218" if i in tekst else "OZON0310", detail=f"al in OZON: {i}")
            for i in sorted(lev.ids() & anders)
        ]
        eerder = self.publicaties.get(regeling)
        if eerder is None:
            return meldingen
        oud = eerder.ow.regelteksten
        meldingen += [
            melding("OZON0210", detail=f"{i}: was {oud[i].wid}, nu {t.wid}")
            for i, t in sorted(lev.regelteksten.items())
            if i in oud and oud[i].wid != t.wid
        ]
        for soort, nu, toen in _per_soort(lev, eerder.ow):
            for ident in sorted(set(nu) & set(toen)):
                if ident in einde and nu[ident] != toen[ident]:
                    meldingen.append(melding("OZON4002", detail=f"{ident} wordt beëindigd met een andere inhoud"))
                elif ident not in einde and nu[ident] == toen[ident]:
                    meldingen.append(melding("OZON4003", detail=f"{ident} is ongewijzigd aangeleverd"))
            meldingen += [
                melding("OZON4005", detail=f"{i} was een {s}, nu een {soort}")
                for s, _, oud in _per_soort(eerder.ow, eerder.ow)
                if s != soort
                for i in sorted(set(nu) & set(oud))
            ]
        return meldingen

    def neem_door(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        geweigerd = self._van_lvbb(request)
        if geweigerd is not None:
            return geweigerd
        bestanden = lvbb.pak_uit(request.read())
        opdracht = lvbb.lees_opdracht(bestanden.get("opdracht.xml", b""))
        regeling = ow.lees_manifest_ow(bestanden.get("manifest-ow.xml", b"")).work_id
        self.neem_tekst_op(bestanden)
        self.ontvangen.append(regeling)
        if self.fouten.vergeet_publicatie:
            return httpx.Response(202)
        eerder = self.publicaties.get(regeling)
        nieuw, graaf = ow.lees_ow(bestanden), owgraaf.lees(bestanden)
        self.publicaties[regeling] = Publicatie(
            regeling=regeling,
            bevoegd_gezag=opdracht.bevoegd_gezag,
            tijdstip=request.url.params.get("tijdstipPublicatie", self.klok.nu().isoformat()),
            ow=_samen(eerder.ow, nieuw) if eerder else nieuw,
            geometrieen={**(eerder.geometrieen if eerder else {}), **_gml(bestanden)},
            zichtbaar_vanaf=self.klok.nu() + dt.timedelta(seconds=self.tijden.ozon_vertraging),
            objecten={**(eerder.objecten if eerder else {}), **ozonstand.objecten(graaf)},
            verwijzingen=ozonstand.verwijzingen_na(eerder.verwijzingen if eerder else frozenset(), graaf),
            eindverantwoordelijke=ozonstand.eindverantwoordelijke(bestanden)
            or (eerder.eindverantwoordelijke if eerder else ""),
        )
        return httpx.Response(202)

    # -- to the RTR ---------------------------------------------------------------------------------
    def werk(self) -> None:
        """Send every newly visible publication's activities to the RTR's functionele structuur (once; again
        after a failure, but not after the RTR refused what it holds)."""
        for pub in self._zichtbaar():
            if pub.gesynchroniseerd or pub.geweigerd or self.fouten.synchroniseert_niet:
                continue
            body = planketen.FsBijwerken(activiteiten=[_fs(pub, a) for a in pub.ow.activiteiten.values()])
            with self.rtr_client() as c:
                r = c.post(
                    planketen.RTR_FS_BIJWERKEN, content=body.json_bytes(), headers={"Content-Type": "application/json"}
                )
            pub.gesynchroniseerd = r.status_code in (200, 202, 204)
            if r.status_code == 422:  # the RTR refuses the content (RTRG…): sending it again changes nothing
                pub.geweigerd = r.text[:500] or f"HTTP {r.status_code}"

    def _zichtbaar(self) -> list[Publicatie]:
        nu = self.klok.nu()
        return [p for p in self.publicaties.values() if nu >= p.zichtbaar_vanaf]

    # -- in-process questions of the loket and the RTR (same party) ---------------------------------
    def heeft_plan(self, oin: str) -> bool:
        return oin in {p.bevoegd_gezag for p in self.publicaties.values()}

    def kent_locatie(self, identificatie: str) -> bool:
        return any(identificatie in p.ow.gebieden for p in self._zichtbaar())

    def ringen(self, locatie: str) -> list[Ring] | None:
        """The (visible) geometry of a locatie, or None when OZON does not know it."""
        for p in self._zichtbaar():
            g = p.ow.gebieden.get(locatie)
            if g is not None:
                return [self._verschoven(r) for r in p.geometrieen.get(g.geometrie, [])]
        return None

    def werkingsgebied(self, activiteit: str) -> list[str] | None:
        """The locaties where the plan's rules for this activity apply, or None when OZON does not know it."""
        for p in self._zichtbaar():
            if activiteit in p.ow.activiteiten:
                return sorted(
                    {
                        loc
                        for r in p.ow.regels.values()
                        for a in r.activiteiten
                        if a.activiteit == activiteit
                        for loc in a.locaties
                    }
                )
        return None

    def bevat(self, locatie: str, x: float, y: float) -> bool:
        return any(geometrie.bevat(r, x, y) for r in self.ringen(locatie) or [])

    def _verschoven(self, ring: Ring) -> Ring:
        d = 100.0 if self.fouten.verschuift_geometrie else 0.0
        return [(x + d, y + d) for x, y in ring]

    # -- the read API (Presenteren v8-shaped) -------------------------------------------------------
    def regelingen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        work = request.url.params.get("workIdentificatie")
        items = [
            planketen.OzonRegeling(
                work_identificatie=pub.regeling,
                bevoegd_gezag=pub.bevoegd_gezag,
                tijdstip_publicatie=pub.tijdstip,
                activiteiten=sorted(pub.ow.activiteiten),
                locaties=sorted(pub.ow.gebieden),
                juridische_regels=sorted(pub.ow.regels),
            )
            for pub in self._zichtbaar()
            if work in (None, pub.regeling)
        ]
        return json_antwoord(planketen.OzonRegelingen(regelingen=items))

    def activiteit(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        for pub in self._zichtbaar():
            a = pub.ow.activiteiten.get(p["identificatie"])
            if a is not None:
                regels = [
                    planketen.OzonRegelkwalificatie(
                        juridische_regel=r.id, kwalificatie=x.kwalificatie, locaties=list(x.locaties)
                    )
                    for r in pub.ow.regels.values()
                    for x in r.activiteiten
                    if x.activiteit == a.id and not self.fouten.vergeet_regels
                ]
                return json_antwoord(
                    planketen.OzonActiviteit(
                        identificatie=a.id,
                        naam=a.naam,
                        groep=a.groep,
                        bovenliggende_activiteit=a.bovenliggend,
                        bevoegd_gezag=pub.bevoegd_gezag,
                        regeling=pub.regeling,
                        regels=regels,
                    )
                )
        return foutantwoord(
            404, "Niet gevonden", ("OZON-404", f"Activiteit {p['identificatie']} is niet bekend in OZON.")
        )

    def locatie(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        for pub in self._zichtbaar():
            g = pub.ow.gebieden.get(p["identificatie"])
            if g is not None:
                return json_antwoord(
                    planketen.OzonLocatie(
                        identificatie=g.id, noemer=g.noemer, geometrie_identificatie=g.geometrie, regeling=pub.regeling
                    )
                )
        return foutantwoord(404, "Niet gevonden", ("OZON-404", f"Locatie {p['identificatie']} is niet bekend in OZON."))

    def geometrie(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        for pub in self._zichtbaar():
            ringen = pub.geometrieen.get(p["identificatie"])
            if ringen is not None:
                coords = [[self._verschoven(r)] for r in ringen]
                return json_antwoord(planketen.Geometrie(identificatie=p["identificatie"], coordinates=coords))
        return foutantwoord(404, "Niet gevonden", ("OZON-404", f"Geometrie {p['identificatie']} is niet bekend."))


def _fs(pub: Publicatie, a: ow.Activiteit) -> planketen.FsActiviteit:
    locaties = sorted(
        {loc for r in pub.ow.regels.values() for x in r.activiteiten if x.activiteit == a.id for loc in x.locaties}
    )
    return planketen.FsActiviteit(
        identificatie=a.id,
        naam=a.naam,
        bevoegd_gezag=pub.bevoegd_gezag,
        bovenliggende_activiteit=a.bovenliggend,
        regeling=pub.regeling,
        locaties=locaties,
    )


SOORTEN_OW = {"gebieden": "Gebied", "activiteiten": "Activiteit", "regelteksten": "Regeltekst",
              "regels": "juridische regel", "regelingsgebieden": "Regelingsgebied"}  # fmt: skip


def _per_soort(a: ow.OwLevering, b: ow.OwLevering) -> list[tuple[str, dict[str, object], dict[str, object]]]:
    """(type, a's objects of that type, b's) for each typed kind of OW object."""
    return [(naam, getattr(a, v), getattr(b, v)) for v, naam in SOORTEN_OW.items()]


def _samen(oud: ow.OwLevering, nieuw: ow.OwLevering) -> ow.OwLevering:
    """A regeling's OW after a new delivery: what it had, with each object delivered anew replaced."""
    return ow.OwLevering(
        **{v: {**getattr(oud, v), **getattr(nieuw, v)} for v in SOORTEN_OW},
        objecttypen={**oud.objecttypen, **nieuw.objecttypen},
    )


def _verwijzingen(
    lev: ow.OwLevering,
    geos: dict[str, list[Ring]],
    soorten: dict[str, str],
    eerder: Publicatie | None = None,
    bekend: frozenset[str] | set[str] = frozenset(),
) -> list[CodeMelding]:
    """OZON0103: one Regelingsgebied (unless OZON holds the regeling's); per Gebied its geometry in the delivery or
    in OZON (``bekend``: OZON0066) and, when delivered, with a shape (GEOMETRY.03.1: the Geometrie is empty)."""
    meldingen = []
    al_gebied = eerder is not None and bool(eerder.ow.regelingsgebieden)
    if len(lev.regelingsgebieden) > 1 or (not lev.regelingsgebieden and not al_gebied):
        meldingen.append(melding("OZON0103", detail=f"{len(lev.regelingsgebieden)} Regelingsgebieden aangeleverd"))
    for g in lev.gebieden.values():
        if g.geometrie not in geos and g.geometrie not in bekend:
            meldingen.append(melding("OZON0066", detail=f"{g.id}: geen geometrie {g.geometrie}"))
        elif g.geometrie in geos and g.geometrie not in soorten:
            meldingen.append(melding("GEOMETRY.03.1", detail=f"{g.id}: geometrie {g.geometrie} is leeg in de GML"))
    return meldingen


def _generiek(
    graaf: owgraaf.OwGraaf, besluit: owgraaf.Besluit | None, geos: dict[str, list[Ring]]
) -> list[CodeMelding]:
    """The matrix's generic rules on every object; those about the besluit only when the LVBB sent it."""
    meldingen = [
        *ozonregels.regelteksten_zonder_regel(graaf),
        *ozonregels.geometrie_zonder_locatie(graaf, geos),
        *ozonregels.uniek(graaf),
        *ozonregels.activiteiten(graaf),
        *ozonregels.regelsoorten(graaf),
        *ozonregels.namen(graaf),
        *ozonregels.algemeen(graaf),
        *ozonregels.bestanden(graaf),
        *ozonregels.bevoegd_gezag(graaf),
    ]
    if besluit is not None:
        meldingen += [
            *ozonregels.in_besluit(graaf, besluit),
            *ozonregels.niet_toegestaan(graaf, besluit),
            *ozonregels.procedure(graaf, besluit),
        ]
    return meldingen


def _besluit(besluit: owgraaf.Besluit | None, manifest: bytes | None) -> list[CodeMelding]:
    """The rules on the besluit and the manifest-ow together, when the LVBB sent the besluit."""
    if besluit is None:
        return []
    return ozonregels.besluit_regels(besluit, ow.lees_manifest_ow(manifest) if manifest else None)


def _geometrie(lev: ow.OwLevering, geos: dict[str, list[Ring]]) -> list[CodeMelding]:
    meldingen = []
    for g in lev.gebieden.values():
        for ring in geos.get(g.geometrie, []):
            reden = geometrie.ongeldig(ring)
            if reden is not None:
                meldingen.append(melding("GEOMETRY.03.2", detail=f"{g.id}: {reden}"))
    return meldingen
