"""Stap 9 for the citizen: what MijnOverheid Lopende Zaken shows of the zaak (werkplaats finding 4).

After a zaak exists, the harness waits (with the zaak deadline) until MijnOverheid shows the expected
statuses for it, in order, for the initiatiefnemer's BSN (compared as a hash, never shown), with
non-decreasing ``datumStatusGezet``, an einddatum on a final status, and the zaakdossier link when the
organisation configured one. A company (KvK) initiator has no MijnOverheid: the step says so and checks
that nothing was sent. Against a real Lopende Zaken (no inspection) the step says it could not look.
"""

from __future__ import annotations

from chain_tests.config import Organisatie
from chain_tests.errors import KetenBevinding
from chain_tests.keten.basis import KetenBasis
from chain_tests.keten.model import Aanvraag
from chain_tests.privacy import gemaskeerd
from chain_tests.reporting.stappen import voeg_bij
from chain_tests.standards import api, inspectie
from chain_tests.standards.lopendezaken import bsn_sha256


def _bevat(statussen: list[inspectie.LzStatus], verwacht: list[str]) -> bool:
    """``verwacht`` appears in ``statussen`` in this order (other statuses may come between)."""
    rest = iter(s.status for s in statussen)
    return all(any(v == s for s in rest) for v in verwacht)


class LopendeZakenStappen(KetenBasis):
    def behandel_zaak(
        self, zaak: api.Zaak, behandelaar: Organisatie, status: str, resultaat: str | None = None
    ) -> api.Zaak:
        """The behandelaar moves the zaak on in the VTH system (in behandeling, afgehandeld)."""
        tekst = f"{status} ({resultaat})" if resultaat else status
        with self.stap(
            "9", f"Zaak {zaak.zaak_id} op '{tekst}' zetten in het VTH-systeem", partij=f"VTH-systeem {behandelaar.naam}"
        ):
            nieuw = self.omgeving.vth_adapter(behandelaar).zet_status(zaak.zaak_id, status, resultaat)
            voeg_bij("Zaak", nieuw.model_dump(by_alias=True))
            return nieuw

    def controleer_lopende_zaken(
        self, zaak: api.Zaak, aanvraag: Aanvraag, behandelaar: Organisatie, verwacht: list[str], eind: bool = False
    ) -> inspectie.LopendeZaak | None:
        """Wait until MijnOverheid shows ``verwacht`` for ``zaak``; ``eind``: the last one closes the zaak."""
        partij = f"VTH-systeem {behandelaar.naam} (Lopende Zaken)"
        with self.stap("9", f"Zaakstatus in MijnOverheid Lopende Zaken: {', '.join(verwacht)}", partij=partij):
            inspectie_ = self.omgeving.inspectie()
            bsn = aanvraag.initiatiefnemer.bsn
            if "lopende_zaken" not in self.omgeving.vermogens(behandelaar):
                self.niet_controleerbaar(
                    "Wat de burger in MijnOverheid Lopende Zaken ziet",
                    f"het VTH-systeem van {behandelaar.naam} meldt volgens het profiel geen zaakstatussen ('kan')",
                )
                return None
            if inspectie_ is None or inspectie_.lopende_zaken(behandelaar.oin, zaak.zaak_id) is None:
                self.niet_controleerbaar(
                    "Wat de burger in MijnOverheid Lopende Zaken ziet",
                    "MijnOverheid Lopende Zaken is hier geen ketentest-mock; alleen Logius kan het tonen",
                )
                return None
            if not bsn:
                kvk = aanvraag.initiatiefnemer.kvk_nummer or "onbekend"
                voeg_bij(
                    "Lopende Zaken",
                    f"De initiatiefnemer is een organisatie (KvK {kvk}) zonder BSN: Lopende Zaken is per burger, dus "
                    "er gaat geen bericht naar MijnOverheid.",
                )
                return None

            def klaar() -> inspectie.LopendeZaak | None:
                items = inspectie_.lopende_zaken(behandelaar.oin, zaak.zaak_id) or []
                return items[0] if items and _bevat(items[0].statussen, verwacht) else None

            gevonden = self._wacht(klaar, wat=f"zaak {zaak.zaak_id} in MijnOverheid Lopende Zaken")
            if gevonden is None:
                gezien = inspectie_.lopende_zaken(behandelaar.oin, zaak.zaak_id) or []
                raise KetenBevinding(
                    "de zaakstatus is niet (helemaal) bij MijnOverheid Lopende Zaken aangekomen",
                    code="KB-LZ-ONTBREEKT",
                    stap=9,
                    partij=partij,
                    verwacht=f"zaak {zaak.zaak_id} met de statussen {', '.join(verwacht)}",
                    gezien=", ".join(s.status for s in gezien[0].statussen) if gezien else "niets",
                    verzoeknummer=zaak.verzoeknummer,
                )
            voeg_bij("MijnOverheid Lopende Zaken: wat de burger ziet", gevonden.model_dump(by_alias=True))
            _controleer(gevonden, zaak, bsn, behandelaar, partij, eind)
            return gevonden


def _controleer(
    z: inspectie.LopendeZaak, zaak: api.Zaak, bsn: str, behandelaar: Organisatie, partij: str, eind: bool
) -> None:
    def bevinding(code: str, samenvatting: str, verwacht: str, gezien: str) -> KetenBevinding:
        return KetenBevinding(
            samenvatting,
            code=code,
            stap=9,
            partij=partij,
            verwacht=verwacht,
            gezien=gezien,
            verzoeknummer=zaak.verzoeknummer,
        )

    if z.bsn_sha256 != bsn_sha256(bsn):
        raise bevinding(
            "KB-LZ-BSN",
            "de zaakstatus staat bij een andere burger",
            f"BSN {gemaskeerd(bsn)}",
            f"BSN {z.bsn_gemaskeerd}",
        )
    data = [s.datum_status_gezet for s in z.statussen]
    if data != sorted(data):
        raise bevinding(
            "KB-LZ-VOLGORDE",
            "de statussen staan niet in volgorde van datumStatusGezet",
            "elke status met een datumStatusGezet op of na de vorige",
            "; ".join(f"{s.status} {s.datum_status_gezet}" for s in z.statussen),
        )
    if eind and not z.einddatum:
        raise bevinding(
            "KB-LZ-EINDDATUM",
            "de laatste status sluit de zaak af, maar zonder einddatum",
            f"einddatum bij '{z.statussen[-1].status}'",
            "geen einddatum",
        )
    if behandelaar.zaakdossier_url:
        url = behandelaar.zaakdossier_url.format(zaak_id=zaak.zaak_id)
        if z.verwijzing != url:
            raise bevinding("KB-LZ-VERWIJZING", "de verwijzing naar het zaakdossier klopt niet", url, str(z.verwijzing))
