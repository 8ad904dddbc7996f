"""Stap 9: wait for the verzoek to arrive as a zaak, and say where it stopped when it does not."""

from __future__ import annotations

from datetime import datetime

import httpx

from chain_tests.clients.afhandelen import AfhandelenClient
from chain_tests.config import Organisatie
from chain_tests.errors import KetenBevinding
from chain_tests.keten.basis import KetenBasis
from chain_tests.keten.model import Indiening
from chain_tests.reporting.stappen import voeg_bij
from chain_tests.standards import api, inspectie
from chain_tests.standards.stam import stam_uit_xml

GEEN_POGINGEN = 5  # checks in a row without the verzoek in DSO-LV's outbox before the harness calls it lost
#: keten time between two looks at the mocks' own account of a verzoek while waiting for its zaak: the zaak itself is
#: asked at every poll; the account (two questions to the mocks) is what ends a wait early, and asking it at every
#: 0.1 s poll of many verzoeken at once was most of the load (issue 27 §3). Offline a poll is 1 s: every poll.
OPGEGEVEN_INTERVAL = 0.5


class OntvangStappen(KetenBasis):
    def verzoeknummer(self, indiening: Indiening, bevoegd_gezag: Organisatie) -> str:
        nummer = indiening.verzoeknummer(bevoegd_gezag)
        if nummer is None:
            namen = [self.config.organisatie(o).naam if o else "?" for o in indiening.verzoeknummers]
            raise KetenBevinding(
                "het Omgevingsloket maakte geen verzoek voor dit bevoegd gezag",
                code="KB-GEEN-VERZOEK",
                stap=8,
                partij="Omgevingsloket",
                verwacht=f"verzoek voor {bevoegd_gezag.naam} ({bevoegd_gezag.oin})",
                gezien=f"verzoeken voor {', '.join(namen)} ({', '.join(indiening.verzoeknummers)})",
            )
        return nummer

    def wacht_op_zaak(
        self,
        indiening: Indiening,
        bevoegd_gezag: Organisatie,
        behandelaar: Organisatie | None = None,
        volgnummer: int = 1,
    ) -> api.Zaak:
        """Wait until the behandelaar's VTH system holds the zaak (at least at ``volgnummer``)."""
        nummer = self.verzoeknummer(indiening, bevoegd_gezag)
        doel = behandelaar or bevoegd_gezag
        with self.stap(
            "9",
            f"Verzoek {nummer} (volgnummer {volgnummer}) ontvangen en ophalen in het VTH-systeem van {doel.naam}",
            partij=f"VTH-systeem {doel.naam}",
        ):
            adapter = self.omgeving.vth_adapter(doel)
            if not self.omgeving.is_mock(doel):
                self.niet_controleerbaar(
                    f"Hoe het VTH-systeem van {doel.naam} het verzoek ophaalde (pogingen, laatste fout, opgegeven)",
                    "dat systeem is geen ketentest-mock; de harness ziet alleen wat DSO-LV zag en wacht bij geen zaak "
                    "tot de deadline",
                )
            onbereikbaar: list[str] = []
            geen: list[int] = [0]  # checks in a row in which DSO-LV had not put the verzoek in its outbox
            gekeken: list[datetime] = []  # when the mocks' account was last asked

            def probeer() -> list[api.Zaak] | None:
                try:
                    zaken = adapter.zaken(nummer)
                except httpx.TransportError as exc:  # the VTH system is down: keep waiting until the deadline
                    onbereikbaar.append(f"{type(exc).__name__}: {exc}")
                    return None
                if any(z.volgnummer >= volgnummer for z in zaken):
                    return zaken
                if gekeken and (self.omgeving.nu() - gekeken[-1]).total_seconds() < OPGEGEVEN_INTERVAL:
                    return None
                gekeken.append(self.omgeving.nu())
                return [] if self._opgegeven(nummer, doel, geen) else None  # [] ends the wait: nothing will come

            zaken = self._wacht(probeer, wat=f"de zaak voor verzoek {nummer} in {adapter.naam}")
            if not zaken:
                if onbereikbaar:
                    voeg_bij(f"{adapter.naam} niet bereikbaar", onbereikbaar[-1])
                gestopt = self._waar_gestopt(nummer, doel, adapter.naam, volgnummer)
                raise self.in_controle(gestopt) if gestopt.code == "KB-GEEN-ZAAK" else gestopt
            if len(zaken) > 1:
                raise self.in_controle(
                    KetenBevinding(
                        "meer dan één zaak voor één verzoeknummer",
                        code="KB-DUBBELE-ZAAK",
                        stap=9,
                        partij=adapter.naam,
                        verwacht="precies één zaak per verzoeknummer (ook na aanvulling of intrekking)",
                        gezien=", ".join(f"{z.zaak_id} (volgnummer {z.volgnummer})" for z in zaken),
                        verzoeknummer=nummer,
                    )
                )
            self._controleer_bevestiging(nummer, doel)
            self._berichten_naar_verslag(nummer)
            voeg_bij(f"Zaak in het VTH-systeem van {doel.naam}", zaken[0].model_dump(by_alias=True))
            return zaken[0]

    def _opgegeven(self, nummer: str, doel: Organisatie, geen: list[int]) -> bool:
        """The mocks' own account says the verzoek will not come any more: DSO-LV's outbox gave up delivering
        it, never held it (the loket puts a verzoek in the outbox when it is submitted; still absent after
        ``GEEN_POGINGEN`` polls, it is lost), the reference VTH gave up fetching it, or its fetch failed while a
        mock recorded a storing of its own (a harness error: waiting longer changes nothing, and the step reports
        the storing). Against real systems nothing says so: the harness waits until the deadline."""
        inspectie = self.omgeving.inspectie()
        if inspectie is None:
            return False
        status = inspectie.bezorging(nummer).status
        geen[0] = geen[0] + 1 if status == "geen" else 0
        if status == "mislukt" or geen[0] >= GEEN_POGINGEN:
            return True
        ophalen = inspectie.ophalen(doel.base_url, nummer)
        if ophalen is None:
            return False
        return ophalen.status == "opgegeven" or (bool(ophalen.laatste_fout) and bool(inspectie.storingen()))

    def controleer_geen_zaak(self, indiening: Indiening, bevoegd_gezag: Organisatie, organisatie: Organisatie) -> None:
        """The organisation must hold no zaak for this verzoek (e.g. the municipality when an OD handles it)."""
        nummer = self.verzoeknummer(indiening, bevoegd_gezag)
        with self.stap(
            "9",
            f"Controleren dat {organisatie.naam} geen (dubbele) zaak maakt voor verzoek {nummer}",
            partij=f"VTH-systeem {organisatie.naam}",
        ):
            self.omgeving.pomp()
            adapter = self.omgeving.vth_adapter(organisatie)
            zaken = adapter.zaken(nummer)
            if zaken:
                raise KetenBevinding(
                    "een zaak bij een organisatie die het verzoek niet behandelt",
                    code="KB-ONTERECHTE-ZAAK",
                    stap=9,
                    partij=adapter.naam,
                    verwacht="geen zaak (een ander behandelt het verzoek)",
                    gezien=", ".join(z.zaak_id for z in zaken),
                    verzoeknummer=nummer,
                )

    def controleer_routering(self, indiening: Indiening, bevoegd_gezag: Organisatie, behandelaar: Organisatie) -> None:
        """The bevoegd gezag can see that its verzoek went to the behandeldienst (query afhandelen)."""
        nummer = self.verzoeknummer(indiening, bevoegd_gezag)
        with self.stap(
            "10",
            f"{bevoegd_gezag.naam} ziet dat verzoek {nummer} is gerouteerd naar {behandelaar.naam}",
            partij="DSO-LV (Verzoek afhandelen)",
        ):
            afh = AfhandelenClient(self.client("VTH-systeem", bevoegd_gezag))
            refs = afh.referenties(nummer)
            stam = stam_uit_xml(afh.stam(next(r.url for r in refs.referenties if r.soort == "STAM")))
            voeg_bij(f"STAM-verzoek {nummer} zoals {bevoegd_gezag.naam} het ziet", stam.model_dump())
            gezien = stam.uitvoerende_instantie.oin if stam.uitvoerende_instantie else None
            if gezien != behandelaar.oin:
                raise KetenBevinding(
                    "de routering naar de behandeldienst is niet zichtbaar in het verzoek",
                    code="KB-ROUTERING",
                    stap=10,
                    partij="DSO-LV (verzoeksroutering)",
                    verwacht=f"uitvoerendeInstantie {behandelaar.naam} ({behandelaar.oin})",
                    gezien=f"uitvoerendeInstantie {gezien or 'leeg'}",
                    verzoeknummer=nummer,
                )

    # -- acknowledgment, report and diagnosis ------------------------------------------------------------
    def _controleer_bevestiging(self, nummer: str, ontvanger: Organisatie) -> None:
        """osb-rm: the zaak alone is not enough; the verzoeknotificatie must be acknowledged too."""
        inspectie = self.omgeving.inspectie()
        if inspectie is None:  # real DSO-LV: the ack state is not observable from here
            self.niet_controleerbaar(
                "Of de verzoeknotificatie bevestigd is (ebMS Acknowledgment)",
                "DSO-LV is hier geen ketentest-mock; de bezorgstatus is niet op te vragen",
            )
            return
        self._wacht(
            lambda: s if (s := inspectie.bezorging(nummer)).status in ("bevestigd", "mislukt") else None,
            wat=f"de ebMS Acknowledgment van {ontvanger.naam} voor verzoek {nummer}",
        )
        status = inspectie.vastgelegd().bezorging(nummer)  # the answer decided on, in the trace
        if status.status != "bevestigd":
            raise self._geen_ack(nummer, ontvanger, status, "de zaak is aangemaakt, maar ")
        if status.acknowledgments > status.bezorgd:
            raise KetenBevinding(
                "het Digikoppeling-endpoint bevestigde de verzoeknotificatie vaker dan zij binnenkwam",
                code="KB-DUBBELE-ACK",
                stap=9,
                partij=f"Digikoppeling-endpoint {ontvanger.naam}",
                verwacht="één ebMS Acknowledgment per ontvangen bericht (ook een herhaald bericht krijgt er één)",
                gezien=f"{status.acknowledgments} Acknowledgments op {status.bezorgd} bezorging(en) van hetzelfde "
                "bericht",
                verzoeknummer=nummer,
            )

    @staticmethod
    def _geen_ack(nummer: str, ontvanger: Organisatie, s: inspectie.Bezorgstatus, prefix: str = "") -> KetenBevinding:
        return KetenBevinding(
            prefix + "de verzoeknotificatie is niet bevestigd (geen ebMS Acknowledgment)",
            code="KB-GEEN-ACK",
            stap=9,
            partij=f"Digikoppeling-endpoint {ontvanger.naam}",
            verwacht="een Acknowledgment op de verzoeknotificatie",
            gezien=f"status {s.status} na {s.pogingen} poging(en); laatste fout: {s.laatste_fout or '-'}"
            + (f"; geweigerd: {s.geweigerde_signalen[-1]}" if s.geweigerde_signalen else ""),
            verzoeknummer=nummer,
        )

    def _berichten_naar_verslag(self, nummer: str) -> None:
        """Attach the bytes that crossed the wire for this verzoek: ebMS2 notification + ack, STAM XML — each
        once, in the first stap 9 after it happened (a meervoudige aanvraag's deliveries to the second bevoegd
        gezag may well have happened while the first one's stap 9 was waiting)."""
        regels = [r for r in self.omgeving.trace.regels if r.volgnummer not in self.bijgevoegd]
        notificaties = [
            r
            for r in regels
            if r.soort == "ebMS2-bericht"
            and r.ids.get("Action") == "Verzoeknotificatie"
            and r.verzoek
            and nummer.encode() in r.verzoek
        ]
        ids = {r.ids.get("MessageId") for r in notificaties}
        for r in notificaties:
            voeg_bij(f"ebMS2-verzoeknotificatie {r.ids.get('MessageId')} ({r.van} → {r.naar})", r.verzoek or b"")
            self.bijgevoegd.add(r.volgnummer)
        for r in regels:
            if r.soort == "ebMS2-bericht" and r.ids.get("RefToMessageId") in ids and r.verzoek:
                voeg_bij(f"ebMS2-Acknowledgment ({r.van} → {r.naar})", r.verzoek, "xml")
                self.bijgevoegd.add(r.volgnummer)
            if r.soort == "STAM-verzoek ophalen" and r.ids.get("verzoeknummer") == nummer and r.antwoord:
                voeg_bij(f"STAM-verzoek {nummer}", r.antwoord, "xml")
                self.bijgevoegd.add(r.volgnummer)

    def _waar_gestopt(self, nummer: str, ontvanger: Organisatie, vth: str, volgnummer: int) -> KetenBevinding:
        deadline = f"binnen {self.config.tijden.deadline_zaak:g} s"
        inspectie = self.omgeving.inspectie()
        if inspectie is None:
            return KetenBevinding(
                f"geen zaak {deadline}; de bezorgstatus bij DSO-LV is niet op te vragen",
                code="KB-GEEN-ZAAK",
                stap=9,
                partij=vth,
                verwacht="een zaak",
                gezien="geen zaak",
                verzoeknummer=nummer,
            )
        inspectie = inspectie.vastgelegd()  # the answers this diagnosis rests on, in the trace
        s = inspectie.bezorging(nummer)
        voeg_bij("Bezorgstatus DSO-LV", s.model_dump(by_alias=True))
        if s.status == "geen":
            return _niet_bezorgd(nummer, ontvanger, s, deadline)
        if s.status != "bevestigd":
            return self._geen_ack(nummer, ontvanger, s)
        ophalen = inspectie.ophalen(ontvanger.base_url, nummer)
        if ophalen is not None and ophalen.laatste_fout and ophalen.status in ("wacht", "opgegeven"):
            voeg_bij(f"Ophalen door {vth}", ophalen.model_dump(by_alias=True))
            return KetenBevinding(
                "het VTH-systeem kon het verzoek niet ophalen bij Verzoek afhandelen",
                code="KB-OPHALEN-MISLUKT",
                stap=9,
                partij="DSO-LV (Verzoek afhandelen)",
                verwacht="verzoekreferenties, STAM en bijlagen leverbaar aan de behandelaar die genotificeerd is",
                gezien=f"{ophalen.pogingen} poging(en) {deadline}"
                + (" (het VTH-systeem gaf het op)" if ophalen.status == "opgegeven" else "")
                + f"; laatste fout: {ophalen.laatste_fout}",
                verzoeknummer=nummer,
            )
        if ontvanger.oin not in s.opgehaald_door:
            return KetenBevinding(
                "het verzoek is niet opgehaald bij Verzoek afhandelen",
                code="KB-NIET-OPGEHAALD",
                stap=9,
                partij=vth,
                verwacht="ophalen van verzoekreferenties, STAM en bijlagen",
                gezien=f"notificatie bevestigd, maar niets opgehaald {deadline}",
                verzoeknummer=nummer,
            )
        if volgnummer == 1:
            samenvatting, verwacht, gezien = (
                "het verzoek is opgehaald maar er is geen zaak aangemaakt",
                "een zaak met dit verzoeknummer",
                "geen zaak",
            )
        else:
            samenvatting = f"het verzoek (volgnummer {volgnummer}) is opgehaald maar de zaak is niet bijgewerkt"
            verwacht, gezien = (
                f"de zaak bijgewerkt tot volgnummer {volgnummer}",
                "de zaak staat nog op een eerder volgnummer",
            )
        return KetenBevinding(
            samenvatting,
            code="KB-GEEN-ZAAK",
            stap=9,
            partij=vth,
            verwacht=verwacht,
            gezien=f"opgehaald ({len(s.opgehaalde_documenten)} bijlage(n)); {gezien} {deadline}",
            verzoeknummer=nummer,
        )


def _niet_bezorgd(nummer: str, ontvanger: Organisatie, s: inspectie.Bezorgstatus, deadline: str) -> KetenBevinding:
    """Seed finding 1: a verzoek that never left DSO-LV. Losing it silently is the failure."""
    storingen = [b.tekst for b in s.berichten_aan_aanvrager if b.soort == "storing"]
    if storingen:
        return KetenBevinding(
            "het verzoek is niet bezorgd; de aanvrager heeft wel een melding gekregen",
            code="KB-NIET-BEZORGD-GEMELD",
            stap=9,
            partij="DSO-LV (Omgevingsloket)",
            verwacht=f"verzoeknotificatie aan {ontvanger.naam}, of een melding aan de aanvrager",
            gezien=f"geen notificatie {deadline}; melding aan aanvrager: {storingen[0]!r}",
            verzoeknummer=nummer,
        )
    return KetenBevinding(
        "het verzoek is stil verloren gegaan: niet bezorgd en de aanvrager is niets gemeld",
        code="KB-STIL-VERLOREN",
        stap=9,
        partij="DSO-LV (Omgevingsloket)",
        verwacht=f"verzoeknotificatie aan {ontvanger.naam}, of een melding aan de aanvrager",
        gezien=f"geen notificatie {deadline} en geen melding aan de aanvrager",
        verzoeknummer=nummer,
    )
