"""Stap 1–4 of the plan keten (iteratie 3) and the checks of toepasbare regels against the plan.

1. the plansoftware builds the aanlevering (:func:`~chain_tests.standards.aanlevering.bouw_pakket`);
2. it is validated at the LVBB (``validatieOpdracht``); 3. published (``publicatieOpdracht``: voortgang
validatie-voltooid → registratie-voltooid → gepubliceerd); 4. the harness checks OZON (regels, locaties and
the published geometry) and the RTR's functionele structuur. Every wait has a deadline
(``Tijden.deadline_plan``) and says where a levering stopped (the LVBB mock's inspection).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
from shapely import MultiPolygon, Polygon

from chain_tests.clients.plan import OzonClient, PlansoftwareClient, StructuurClient
from chain_tests.config import Organisatie
from chain_tests.errors import KetenBevinding
from chain_tests.keten.basis import KetenBasis
from chain_tests.reporting.stappen import voeg_bij
from chain_tests.standards import geometrie, lvbb, planketen
from chain_tests.standards.aanlevering import Pakket, Planfragment, bouw_pakket, datum_uit
from chain_tests.standards.sttr.model import SttrBestand

#: Which conclusion of a vergunningcheck each activiteitregelkwalificatie asks for (iteratie3.md §2.6).
CONCLUSIE_BIJ = {
    "Vergunningplicht": "Vergunningplicht",
    "Meldingsplicht": "Meldingsplicht",
    "Informatieplicht": "Informatieplicht",
}
#: Published geometry and OZON's may differ this much (m²) before it is a finding: rounding, not a shift.
GEOMETRIE_MARGE = 1.0


@dataclass
class Plan:
    """A plan fragment on its way through the keten, with what the LVBB said about it."""

    fragment: Planfragment
    gemeente: Organisatie
    datum_bekendmaking: dt.date
    id_levering: dict[lvbb.Soort, str]
    pakketten: dict[lvbb.Soort, Pakket] = field(default_factory=dict)
    leveringen: dict[lvbb.Soort, planketen.PlanLevering] = field(default_factory=dict)

    @property
    def regeling(self) -> str:
        return next(iter(self.pakketten.values())).regeling


class PlanStappen(KetenBasis):
    def _plansoftware(self, gemeente: Organisatie, waarnemer: bool = False) -> PlansoftwareClient:
        """The plan author's client on the plansoftware; ``waarnemer``: untraced, for polling."""
        ps = self.config.plansoftware
        if waarnemer:
            return PlansoftwareClient(self.omgeving.waarnemer(ps.base_url, gemeente.oin))
        return PlansoftwareClient(self._auteur(gemeente))

    def _auteur(self, gemeente: Organisatie) -> httpx.Client:
        sleutel = ("Planauteur", gemeente.oin)
        if sleutel not in self._clients:
            ps = self.config.plansoftware
            self._clients[sleutel] = self.omgeving.client(f"Planauteur {gemeente.naam}", gemeente.oin, ps.base_url)
        return self._clients[sleutel]

    @property
    def ozon(self) -> OzonClient:
        return OzonClient(self.client("Raadpleger (OZON)"), self.config.api_key)

    def _ozon_waarnemer(self) -> OzonClient:
        return OzonClient(self.omgeving.waarnemer(self.config.dso_lv.base_url), self.config.api_key)

    # -- stap 1 --------------------------------------------------------------------------------------
    def stel_plan_op(self, gemeente: Organisatie, fragment: Planfragment, kenmerk: str) -> Plan:
        """The aanlevering for validation and for publication, built from the casus's plan block."""
        with self.stap(
            1, f"Omgevingsplan opstellen in de plansoftware: {fragment.besluit.titel}", partij="Plansoftware"
        ):
            nu = self.omgeving.nu()
            datum = datum_uit(fragment.besluit.datum_bekendmaking, nu.date())
            stempel = nu.strftime("%Y%m%d%H%M%S")
            val = f"ketentest_val_{kenmerk}_{stempel}"[:80]
            pub = val if fragment.hergebruik_id_levering else f"ketentest_pub_{kenmerk}_{stempel}"[:80]
            plan = Plan(fragment, gemeente, datum, {"validatie": val, "publicatie": pub})
            for soort in lvbb.SOORTEN:
                plan.pakketten[soort] = bouw_pakket(
                    fragment,
                    soort=soort,
                    id_levering=plan.id_levering[soort],
                    bevoegd_gezag=gemeente.oin,
                    gemeente=gemeente.naam,
                    aanleveraar=self.config.plansoftware.oin,
                    datum_bekendmaking=datum,
                )
            voeg_bij("Aanlevering: bestanden in opdracht.zip", plan.pakketten["validatie"].lijst())
            for naam in ("besluit.xml", "owActiviteiten.xml", "owRegelteksten.xml"):
                voeg_bij(naam, plan.pakketten["validatie"].bestanden[naam], "xml")
            return plan

    # -- stap 2 and 3 --------------------------------------------------------------------------------
    def valideer_plan(self, plan: Plan) -> planketen.PlanLevering:
        titel = f"Omgevingsplan valideren bij de LVBB (validatieOpdracht {plan.id_levering['validatie']})"
        with self.stap(2, titel, partij="LVBB"):
            return self._lever(plan, "validatie", 2)

    def publiceer_plan(self, plan: Plan) -> planketen.PlanLevering:
        titel = f"Omgevingsplan publiceren bij de LVBB (publicatieOpdracht {plan.id_levering['publicatie']})"
        with self.stap(3, titel, partij="LVBB"):
            return self._lever(plan, "publicatie", 3)

    def _lever(self, plan: Plan, soort: lvbb.Soort, stap: int) -> planketen.PlanLevering:
        pakket = plan.pakketten[soort]
        voeg_bij("opdracht.xml", pakket.bestanden["opdracht.xml"], "xml")
        ps = self._plansoftware(plan.gemeente)
        ps.lever_aan(pakket.zip())
        id_levering = plan.id_levering[soort]
        kijker = self._plansoftware(plan.gemeente, waarnemer=True)

        def klaar() -> planketen.PlanLevering | None:
            lev = kijker.levering(id_levering, soort)
            return lev if lev is not None and lev.eind is not None else None

        if self._wacht(klaar, f"het {soort}verslag van de LVBB", self.config.tijden.deadline_plan) is None:
            raise self._geen_verslag(id_levering, soort, stap, ps.levering(id_levering, soort))
        levering = ps.levering(id_levering, soort)  # read once more as the plan author: in the trace
        assert levering is not None
        for i, v in enumerate(levering.verslagen, start=1):
            voeg_bij(f"Verslag {i} van de LVBB: {v.uitkomst or v.voortgang}", v.xml.encode(), "xml")
        plan.leveringen[soort] = levering
        return levering

    def _geen_verslag(
        self, id_levering: str, soort: str, stap: int, gezien: planketen.PlanLevering | None
    ) -> KetenBevinding:
        """No final verslag in time: say whether the plansoftware never sent it or the LVBB never answered."""
        deadline = f"binnen {self.config.tijden.deadline_plan:g} s"
        inspectie = self.omgeving.inspectie()
        status = inspectie.vastgelegd().levering(id_levering) if inspectie else None
        if status is not None:
            voeg_bij("Levering volgens de LVBB (mock)", status.model_dump(by_alias=True))
        tussen = ", ".join(v.voortgang for v in gezien.verslagen if v.voortgang) if gezien else ""
        if status is not None and not status.ontvangen:
            verzending = f"{gezien.verzending}: {gezien.laatste_fout}" if gezien else "onbekend"
            partij, waar = (
                "Plansoftware → LVBB (Digikoppeling)",
                f"de LVBB ontving levering {id_levering} niet (verzending {verzending})",
            )
        elif status is not None and status.verslagen and status.bezorging != "bevestigd":
            partij, waar = (
                "LVBB → Plansoftware (Digikoppeling)",
                f"de LVBB stuurde {status.verslagen}, bezorging {status.bezorging}: {status.laatste_fout}",
            )
        else:
            partij, waar = (
                "LVBB",
                f"de LVBB ontving de levering maar stuurde geen eindverslag{f' (wel: {tussen})' if tussen else ''}",
            )
        return KetenBevinding(
            f"geen {soort}verslag van de LVBB {deadline}",
            code="KB-LVBB-GEEN-ANTWOORD",
            stap=stap,
            partij=partij,
            verwacht=f"een {soort}VerzoekResultaat met een uitkomst voor idLevering {id_levering}",
            gezien=waar,
        )

    def controleer_levering(self, plan: Plan, soort: lvbb.Soort, verwacht_codes: list[str]) -> None:
        """Valid when nothing is expected; otherwise refused with every expected code."""
        levering = plan.leveringen[soort]
        stap = 2 if soort == "validatie" else 3
        eind = levering.eind
        assert eind is not None  # _lever waits for it
        codes = [m.code for v in levering.verslagen for m in v.meldingen]
        fouten = "; ".join(f"{m.code}: {m.tekst}" for v in levering.verslagen for m in v.meldingen if m.ernst == "fout")
        goed = "valide" if soort == "validatie" else "gepubliceerd"
        groot = next((m for v in levering.verslagen for m in v.meldingen if "Groot Bericht (" in m.tekst), None)
        if groot is not None:
            raise KetenBevinding(
                "de LVBB kon de opdracht.zip niet ophalen als Groot Bericht",
                code="KB-GROOT-BERICHT",
                stap=stap,
                partij="Plansoftware (Grote Berichten)",
                verwacht="het bestand uit de metadata: op te halen met het LVBB-certificaat, hervatbaar met Range, "
                "met de grootte en SHA-256 uit de metadata",
                gezien=f"{eind.uitkomst}: {groot.code}: {groot.tekst}",
            )
        if not verwacht_codes and eind.uitkomst != goed:
            raise KetenBevinding(
                f"de LVBB keurde een aanlevering af die de harness valide bouwde ({soort})",
                code="KB-LVBB-NIET-VALIDE",
                stap=stap,
                partij="LVBB",
                verwacht=f"uitkomst {goed}",
                gezien=f"{eind.uitkomst}: {fouten or 'geen foutmeldingen'}",
            )
        ontbreekt = [c for c in verwacht_codes if c not in codes]
        if verwacht_codes and (ontbreekt or eind.uitkomst == goed):
            raise KetenBevinding(
                "de LVBB gaf niet de melding die bij deze fout in de aanlevering hoort",
                code="KB-LVBB-MELDING",
                stap=stap,
                partij="LVBB",
                verwacht=f"uitkomst niet-valide of behandeling-afgebroken met {', '.join(verwacht_codes)}",
                gezien=f"{eind.uitkomst}: " + (fouten or "geen foutmeldingen"),
            )
        if soort == "publicatie" and not verwacht_codes:
            self._controleer_voortgang(levering)

    @staticmethod
    def _controleer_voortgang(levering: planketen.PlanLevering) -> None:
        stappen = [v.voortgang or v.uitkomst for v in levering.verslagen]
        eind = levering.eind
        if (
            stappen != ["validatie-voltooid", "registratie-voltooid", "gepubliceerd"]
            or eind is None
            or not eind.tijdstip_publicatie
        ):
            raise KetenBevinding(
                "de publicatie doorliep niet de stappen van het bronhouderkoppelvlak",
                code="KB-LVBB-VOORTGANG",
                stap=3,
                partij="LVBB",
                verwacht="validatie-voltooid → registratie-voltooid → gepubliceerd (met tijdstipPublicatie)",
                gezien=" → ".join(str(s) for s in stappen)
                + ("" if eind and eind.tijdstip_publicatie else ", zonder tijdstipPublicatie"),
            )

    # -- stap 4 --------------------------------------------------------------------------------------
    def controleer_ozon(self, plan: Plan) -> planketen.OzonRegeling:
        """The published regeling in OZON: its activities with their kwalificatie, the werkingsgebied with
        the published geometry."""
        with self.stap(4, f"Omgevingsplan controleren in OZON ({plan.regeling})", partij="OZON"):
            kijker, ozon = self._ozon_waarnemer(), self.ozon
            if (
                self._wacht(
                    lambda: kijker.regeling(plan.regeling), "de regeling in OZON", self.config.tijden.deadline_plan
                )
                is None
            ):
                raise self._niet_in_ozon(plan)
            regeling = ozon.regeling(plan.regeling)
            assert regeling is not None  # it was there a moment ago
            voeg_bij("OZON: regeling", regeling.model_dump(by_alias=True))
            tekorten = self._ozon_tekorten(plan, ozon)
            if tekorten:
                raise KetenBevinding(
                    "OZON toont niet wat is gepubliceerd",
                    code="KB-OZON-ONTBREEKT",
                    stap=4,
                    partij="OZON",
                    verwacht="elke activiteit met haar regelkwalificatie op het werkingsgebied",
                    gezien="; ".join(tekorten),
                )
            self._controleer_geometrie(plan, ozon)
            return regeling

    def _niet_in_ozon(self, plan: Plan) -> KetenBevinding:
        inspectie = self.omgeving.inspectie()
        status = inspectie.vastgelegd().levering(plan.id_levering["publicatie"]) if inspectie else None
        if status is not None:
            voeg_bij("Levering volgens de LVBB (mock)", status.model_dump(by_alias=True))
        partij = "OZON"
        gezien = f"regeling {plan.regeling} niet in OZON na {self.config.tijden.deadline_plan:g} s"
        if status is not None and not status.doorgeleverd:
            partij = "LVBB (doorlevering naar OZON)"
            gezien += f"; de LVBB leverde niet door ({status.doorlevering or 'geen poging'})"
        return KetenBevinding(
            "de publicatie komt niet in OZON",
            code="KB-OZON-ONTBREEKT",
            stap=4,
            partij=partij,
            verwacht="de gepubliceerde regeling, activiteiten en locaties in OZON (na de synchronisatietijd)",
            gezien=gezien,
        )

    @staticmethod
    def _ozon_tekorten(plan: Plan, ozon: OzonClient) -> list[str]:
        gebied = plan.fragment.werkingsgebied.id
        tekorten = [] if ozon.locatie(gebied) is not None else [f"locatie {gebied} ontbreekt"]
        for a in plan.fragment.activiteiten:
            gevonden = ozon.activiteit(a.id)
            if gevonden is None:
                tekorten.append(f"activiteit {a.id} ontbreekt")
                continue
            voeg_bij(f"OZON: activiteit {a.id}", gevonden.model_dump(by_alias=True))
            if not any(r.kwalificatie == a.regel.kwalificatie and gebied in r.locaties for r in gevonden.regels):
                tekorten.append(f"activiteit {a.id}: geen regel met {a.regel.kwalificatie} op {gebied}")
        return tekorten

    @staticmethod
    def _controleer_geometrie(plan: Plan, ozon: OzonClient) -> None:
        w = plan.fragment.werkingsgebied
        locatie = ozon.locatie(w.id)
        geo = ozon.geometrie(locatie.geometrie_identificatie) if locatie else None
        gepubliceerd = geometrie.polygoon(w.polygoon)
        getoond = MultiPolygon([Polygon(p[0]) for p in geo.coordinates]) if geo and geo.coordinates else MultiPolygon()
        verschil = gepubliceerd.symmetric_difference(getoond).area if getoond.is_valid else float("inf")
        if geo is not None:
            voeg_bij(f"OZON: geometrie van {w.id}", geo.model_dump(by_alias=True))
        if verschil > GEOMETRIE_MARGE:
            raise KetenBevinding(
                "OZON toont een andere geometrie dan gepubliceerd",
                code="KB-OZON-GEOMETRIE",
                stap=4,
                partij="OZON",
                verwacht=f"de polygoon van {w.id} uit de GIO ({gepubliceerd.area:.0f} m²)",
                gezien=f"{getoond.area:.0f} m², {verschil:.0f} m² verschil" if geo else "geen geometrie",
            )

    def controleer_functionele_structuur(self, plan: Plan) -> None:
        with self.stap(4, "Activiteiten in de functionele structuur van het RTR", partij="RTR (functionele structuur)"):
            rtr = StructuurClient(self.client("Regelbeheerder", plan.gemeente), self.config.api_key)
            kijker = StructuurClient(self.omgeving.waarnemer(self.config.dso_lv.base_url), self.config.api_key)
            for a in plan.fragment.activiteiten:
                gevonden = self._wacht(
                    _zoeker(kijker, plan.gemeente.oin, a.id),
                    f"activiteit {a.id} in het RTR",
                    self.config.tijden.deadline_plan,
                )
                gevonden = rtr.activiteit(plan.gemeente.oin, a.id) if gevonden is not None else None
                if gevonden is None:
                    raise KetenBevinding(
                        "de activiteit komt niet in de functionele structuur",
                        code="KB-FUNCTIONELE-STRUCTUUR",
                        stap=4,
                        partij="DSO-LV (OZON → RTR functionele structuur)",
                        verwacht=f"activiteit {a.id} in de functionele structuur van {plan.gemeente.naam}",
                        gezien=f"niet gevonden na {self.config.tijden.deadline_plan:g} s (OZON toont haar wel)",
                    )
                voeg_bij(f"Functionele structuur: {a.id}", gevonden.model_dump(by_alias=True))

    # -- stap 6: the toepasbare regels against the plan ----------------------------------------------
    def toets_regels_aan_plan(self, plan: Plan, activiteit_id: str, bestanden: list[SttrBestand]) -> None:
        with self.stap(6, f"Toepasbare regels toetsen aan het omgevingsplan ({activiteit_id})", partij="Regelsoftware"):
            bekend = {loc: self.ozon.locatie(loc) is not None for b in bestanden for loc in b.locaties}
            onbekend = sorted(loc for loc, ja in bekend.items() if not ja)
            if onbekend:
                raise KetenBevinding(
                    "de toepasbare regels verwijzen naar een locatie die niet in het omgevingsplan staat",
                    code="KB-STTR-LOCATIE",
                    stap=6,
                    partij="Regelsoftware",
                    verwacht="elke uitv:geoVerwijzing naar een locatie van het plan in OZON "
                    f"({plan.fragment.werkingsgebied.id})",
                    gezien=", ".join(onbekend),
                )
            self._toets_kwalificatie(plan, activiteit_id, bestanden)

    @staticmethod
    def _toets_kwalificatie(plan: Plan, activiteit_id: str, bestanden: list[SttrBestand]) -> None:
        a = next((x for x in plan.fragment.activiteiten if x.id == activiteit_id), None)
        conclusie = next((b for b in bestanden if b.typering.startswith("Conclusie")), None)
        if a is None or conclusie is None:
            return
        nodig = CONCLUSIE_BIJ.get(a.regel.kwalificatie)
        if nodig is None:
            return
        uitkomsten = {
            u.strip('"') for d in conclusie.beslissingen.values() if d.tabel for r in d.tabel.regels for u in r.uitvoer
        }
        if not any(nodig in u for u in uitkomsten):
            raise KetenBevinding(
                "de conclusie van de toepasbare regels past niet bij de regel in het omgevingsplan",
                code="KB-KWALIFICATIE",
                stap=6,
                partij="Regelsoftware",
                verwacht=f"een Conclusie die {nodig} kan geven (het plan: {a.regel.kwalificatie})",
                gezien="mogelijke uitkomsten: " + ", ".join(sorted(uitkomsten)),
            )


def _zoeker(rtr: StructuurClient, oin: str, activiteit: str) -> Callable[[], planketen.FsActiviteit | None]:
    return lambda: rtr.activiteit(oin, activiteit)
