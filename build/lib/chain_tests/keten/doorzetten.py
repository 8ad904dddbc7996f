"""Stap 10: behandeldienst instellen (verzoeksroutering) and doorzetten of an arrived verzoek."""

from __future__ import annotations

from chain_tests.clients.base import Weigering, verwacht
from chain_tests.config import Organisatie
from chain_tests.errors import KetenBevinding
from chain_tests.keten.basis import KetenBasis
from chain_tests.reporting.stappen import voeg_bij
from chain_tests.standards import api


class DoorzetStappen(KetenBasis):
    def stel_behandeldienst_in(
        self, bevoegd_gezag: Organisatie, activiteit_id: str, behandeldienst: Organisatie
    ) -> None:
        with self.stap(
            "10",
            f"{bevoegd_gezag.naam} stelt {behandeldienst.naam} in als behandeldienst voor {activiteit_id}",
            partij="DSO-LV (verzoeksroutering)",
        ):
            body = api.Behandeldienst(uitvoerende_instantie=behandeldienst.oin)
            r = self.client("Beheer verzoeksroutering", bevoegd_gezag).put(
                api.pad(api.BEHANDELDIENST, activiteit_id=activiteit_id),
                content=body.json_bytes(),
                headers=api.JSON_HEADERS,
            )
            try:
                verwacht("Verzoeksroutering", r)
            except Weigering as exc:
                raise KetenBevinding(
                    "de behandeldienst kon niet worden ingesteld",
                    code="KB-ROUTERING",
                    stap=10,
                    partij="DSO-LV (verzoeksroutering)",
                    verwacht=f"{behandeldienst.naam} ingesteld",
                    gezien=str(exc),
                ) from exc

    def zet_door(self, zaak: api.Zaak, bevoegd_gezag: Organisatie, behandeldienst: Organisatie) -> api.Zaak:
        """The municipality's behandelaar hands the zaak to the behandeldienst from its VTH system."""
        with self.stap(
            "10",
            f"{bevoegd_gezag.naam} zet verzoek {zaak.verzoeknummer} door naar {behandeldienst.naam}",
            partij=f"VTH-systeem {bevoegd_gezag.naam}",
        ):
            adapter = self.omgeving.vth_adapter(bevoegd_gezag)
            try:
                bijgewerkt = adapter.zet_door(zaak.zaak_id, behandeldienst.oin)
            except Weigering as exc:
                raise _doorzetten_geweigerd(exc, adapter.naam, zaak, behandeldienst) from exc
            voeg_bij(f"Zaak bij {bevoegd_gezag.naam} na doorzetten", bijgewerkt.model_dump(by_alias=True))
            if bijgewerkt.overgedragen_aan != behandeldienst.oin:
                raise KetenBevinding(
                    "de zaak legt de overdracht niet vast",
                    code="KB-DOORZETTEN",
                    stap=10,
                    partij=adapter.naam,
                    verwacht=f"overgedragen aan {behandeldienst.oin}",
                    gezien=f"overgedragen aan {bijgewerkt.overgedragen_aan or 'niemand'}",
                    verzoeknummer=zaak.verzoeknummer,
                )
            return bijgewerkt


UPSTREAM = (502, 504)  # the VTH system says the party behind it (DSO-LV) failed or refused


def _doorzetten_geweigerd(exc: Weigering, vth: str, zaak: api.Zaak, behandeldienst: Organisatie) -> KetenBevinding:
    """A refused doorzetten blames the VTH system, unless it reports that DSO-LV refused (502/504)."""
    dso = exc.status in UPSTREAM
    return KetenBevinding(
        f"DSO-LV weigerde het doorzetten (gemeld door {vth})" if dso else "doorzetten is mislukt",
        code="KB-DOORZETTEN",
        stap=10,
        partij="DSO-LV (Verzoek afhandelen)" if dso else vth,
        verwacht=f"verzoek doorgezet naar {behandeldienst.naam}",
        gezien=str(exc),
        verzoeknummer=zaak.verzoeknummer,
    )
