"""Stap 5–7: activiteit toepasbaar maken, toepasbare regels verifiëren en aanleveren."""

from __future__ import annotations

from chain_tests.clients.aanleveren import AanleverClient, AanleverResultaat
from chain_tests.clients.base import Weigering
from chain_tests.clients.rtr import RtrClient
from chain_tests.config import Organisatie
from chain_tests.errors import KetenBevinding
from chain_tests.keten.basis import KetenBasis
from chain_tests.omgeving import KetenOmgeving
from chain_tests.reporting.stappen import voeg_bij
from chain_tests.standards import api
from chain_tests.standards.sttr.model import SttrBestand, parse_sttr
from chain_tests.standards.sttr.verify import Verificatieresultaat


class RegelStappen(KetenBasis):
    def __init__(self, omgeving: KetenOmgeving) -> None:
        super().__init__(omgeving)
        self._regel: dict[str, tuple[RtrClient, AanleverClient]] = {}

    def _regelsoftware(self, gemeente: Organisatie) -> tuple[RtrClient, AanleverClient]:
        """The municipality's rule software: one client (its certificate OIN) and one parsed WSDL each."""
        client = self.client("Regelsoftware", gemeente)
        if gemeente.oin not in self._regel:
            aanlever = AanleverClient(client, self.config.dso_lv.base_url + api.AANLEVEREN)
            self._regel[gemeente.oin] = (RtrClient(client, self.config.api_key), aanlever)
        return self._regel[gemeente.oin]

    # -- stap 5–7 -----------------------------------------------------------------------------------
    def maak_activiteit_toepasbaar(self, gemeente: Organisatie, activiteit_id: str, naam: str) -> None:
        with self.stap(5, f"Activiteit '{naam}' toepasbaar maken in het RTR ({gemeente.naam})", partij="RTR"):
            rtr, _ = self._regelsoftware(gemeente)
            try:
                rtr.toepasbaar_maken(activiteit_id, naam, gemeente.oin)
                voeg_bij("RTR-activiteit", rtr.activiteit(activiteit_id))
            except Weigering as exc:
                raise KetenBevinding(
                    "activiteit kon niet toepasbaar worden gemaakt",
                    code="KB-RTR-TOEPASBAAR",
                    stap=5,
                    partij="RTR",
                    verwacht=f"activiteit {activiteit_id} toepasbaar",
                    gezien=str(exc),
                ) from exc

    def verifieer_regels(self, gemeente: Organisatie, bestandsnaam: str, sttr: bytes) -> Verificatieresultaat:
        with self.stap(6, f"Toepasbare regels verifiëren: {bestandsnaam}", partij="RTR (regels verifiëren)"):
            voeg_bij(bestandsnaam, sttr, "xml")
            rtr, _ = self._regelsoftware(gemeente)
            resultaat = rtr.verifieer(sttr)
            voeg_bij("Verificatieresultaat", resultaat.model_dump())
            if not resultaat.valide:
                fouten = "; ".join(f"{m.code}: {m.tekst}" for m in resultaat.meldingen if m.ernst == "fout")
                raise KetenBevinding(
                    f"{bestandsnaam} is niet valide",
                    code="KB-STTR-NIET-VALIDE",
                    stap=6,
                    partij="Regelsoftware / RTR verifiëren",
                    verwacht="geen foutmeldingen",
                    gezien=fouten,
                )
            return resultaat

    def lever_regels_aan(
        self, gemeente: Organisatie, activiteit_id: str, bestandsnaam: str, sttr: bytes
    ) -> SttrBestand:
        with self.stap(
            7, f"Toepasbare regels aanleveren (SOAP): {bestandsnaam}", partij="RTR (toepasbare regels aanleveren)"
        ):
            rtr, aanlever = self._regelsoftware(gemeente)
            resultaat = aanlever.lever_aan(
                bevoegd_gezag=gemeente.oin, activiteit_id=activiteit_id, bestandsnaam=bestandsnaam, sttr=sttr
            )
            voeg_bij("SOAP-verzoek aanleveren", resultaat.verzoek_xml, "xml")
            voeg_bij("SOAP-antwoord aanleveren", resultaat.antwoord_xml, "xml")
            self._controleer_aanlevering(resultaat, bestandsnaam)
            bestand = parse_sttr(sttr)
            self._controleer_opvraagbaar(rtr, bestand, sttr)
            return bestand

    @staticmethod
    def _controleer_aanlevering(resultaat: AanleverResultaat, bestandsnaam: str) -> None:
        if not resultaat.geaccepteerd:
            raise KetenBevinding(
                f"aanlevering van {bestandsnaam} afgewezen",
                code="KB-RTR-AFGEWEZEN",
                stap=7,
                partij="RTR",
                verwacht="resultaat Geaccepteerd",
                gezien=f"{resultaat.resultaat}: " + "; ".join(f"{c}: {t}" for _, c, t in resultaat.meldingen),
            )

    @staticmethod
    def _controleer_opvraagbaar(rtr: RtrClient, bestand: SttrBestand, sttr: bytes) -> None:
        gevonden = rtr.regels(bestand.functionele_structuur_ref)
        opgehaald = rtr.sttr_bestand(str(gevonden[0]["id"])) if gevonden else b""
        if opgehaald != sttr:
            raise KetenBevinding(
                "gepubliceerde regels niet opvraagbaar via de RTR-API",
                code="KB-RTR-NIET-OPVRAAGBAAR",
                stap=7,
                partij="RTR",
                verwacht=f"STTR-bestand bij {bestand.functionele_structuur_ref}",
                gezien=f"{len(gevonden)} treffer(s), {len(opgehaald)} bytes (anders dan aangeleverd)",
            )
