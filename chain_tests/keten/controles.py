"""Stap 9 controleren: does the zaak hold exactly what was submitted to this bevoegd gezag?"""

from __future__ import annotations

from chain_tests.config import Organisatie
from chain_tests.errors import KetenBevinding
from chain_tests.keten.basis import KetenBasis
from chain_tests.keten.model import AanvraagActiviteit, Indiening, VerstuurdDocument
from chain_tests.standards import api
from chain_tests.standards.sttr.antwoorden import als_tekst

_STATUS = {"Initiëren": None, "Aanvullen": "aangevuld", "Intrekken": "ingetrokken"}


class ZaakControles(KetenBasis):
    def controleer_zaak(
        self, zaak: api.Zaak, indiening: Indiening, bevoegd_gezag: Organisatie, behandelaar: Organisatie | None = None
    ) -> None:
        vth = f"VTH-systeem {(behandelaar or bevoegd_gezag).naam}"
        with self.stap(
            "9",
            f"Zaak {zaak.zaak_id} controleren: activiteiten, antwoorden en bijlagen van {bevoegd_gezag.naam}",
            partij=vth,
        ):
            tekorten = verschillen(zaak, indiening, bevoegd_gezag)
            if tekorten:
                raise self.in_controle(
                    KetenBevinding(
                        "de zaak klopt niet met wat is ingediend",
                        code="KB-ZAAK-ONVOLLEDIG",
                        stap=9,
                        partij=vth,
                        verwacht="alle activiteiten, antwoorden en bijlagen (zelfde sha256) "
                        f"die voor {bevoegd_gezag.naam} zijn ingediend, en niets anders",
                        gezien="; ".join(tekorten),
                        verzoeknummer=zaak.verzoeknummer,
                    )
                )


def verschillen(zaak: api.Zaak, indiening: Indiening, bg: Organisatie) -> list[str]:
    a = indiening.aanvraag
    eigen = a.van(bg)
    ids = {x.activiteit_id for x in eigen}
    docs = [d for d in indiening.documenten if d.activiteit_id in (None, *ids)]
    tekorten = _activiteiten(zaak, eigen, {x.activiteit_id: x.naam for x in a.activiteiten})
    if a.doel != "Intrekken":
        tekorten += antwoord_tekorten(zaak, eigen) + bijlage_tekorten(zaak, docs)
    if zaak.project_id != indiening.project_id:
        tekorten.append(f"projectId {zaak.project_id} in plaats van {indiening.project_id}")
    if zaak.verzoektype != a.verzoektype:
        tekorten.append(f"verzoektype {zaak.verzoektype!r} in plaats van {a.verzoektype!r}")
    if zaak.initiatiefnemer != a.initiatiefnemer.naam:
        tekorten.append(f"initiatiefnemer {zaak.initiatiefnemer!r} in plaats van {a.initiatiefnemer.naam!r}")
    status = _STATUS[a.doel]
    if status and zaak.status != status:
        tekorten.append(f"status {zaak.status!r} in plaats van {status!r} na {a.doel.lower()}")
    return tekorten


def _activiteiten(zaak: api.Zaak, eigen: list[AanvraagActiviteit], namen: dict[str, str]) -> list[str]:
    ids = {x.activiteit_id for x in eigen}
    tekorten = [
        f"activiteit {x.naam} ({x.activiteit_id}) ontbreekt" for x in eigen if x.activiteit_id not in zaak.activiteiten
    ]
    tekorten += [
        f"activiteit {namen.get(i, i)} hoort bij een ander bevoegd gezag" for i in zaak.activiteiten if i not in ids
    ]
    return tekorten


def antwoord_tekorten(zaak: api.Zaak, eigen: list[AanvraagActiviteit]) -> list[str]:
    gezien = {(z.activiteit_id, z.vraag_id): z.antwoord for z in zaak.antwoorden}
    tekorten = []
    for x in eigen:
        for vraag, waarde in x.antwoorden.items():
            verwacht = als_tekst(waarde)
            sleutel = (x.activiteit_id, vraag)
            if sleutel not in gezien:
                tekorten.append(f"antwoord op vraag {vraag} ontbreekt")
            elif gezien[sleutel] != verwacht:
                tekorten.append(f"antwoord op vraag {vraag} is {gezien[sleutel]!r} in plaats van {verwacht!r}")
    return tekorten


def bijlage_tekorten(zaak: api.Zaak, documenten: list[VerstuurdDocument], alleen_deze: bool = True) -> list[str]:
    """What is missing or different among ``documenten`` in the zaak; ``alleen_deze``: and nothing else there
    (not so for a dossier that holds the bijlagen of earlier meldingen too)."""
    in_zaak = {b.document_id: b for b in zaak.bijlagen}
    verwacht = {d.document_id for d in documenten}
    ontbrekend = [d.naam for d in documenten if d.document_id not in in_zaak]
    tekorten = []
    if ontbrekend:
        tekorten.append(
            f"{len(ontbrekend)} bijlage(n) ontbreken: " + ", ".join(map(repr, ontbrekend))
            if len(ontbrekend) > 1
            else f"bijlage {ontbrekend[0]!r} ontbreekt"
        )
    for d in documenten:
        z = in_zaak.get(d.document_id)
        if z is not None and (z.sha256, z.bestandsgrootte) != (d.sha256, d.grootte):
            tekorten.append(
                f"bijlage {d.naam!r} wijkt af: {z.bestandsgrootte} bytes, sha256 {z.sha256[:12]}… in plaats "
                f"van {d.grootte} bytes, sha256 {d.sha256[:12]}…"
            )
    tekorten += [
        f"bijlage {b.bestandsnaam!r} hoort niet (meer) bij dit verzoek"
        for b in zaak.bijlagen
        if alleen_deze and b.document_id not in verwacht
    ]
    return tekorten
