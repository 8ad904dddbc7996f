"""Play the ``wkb:`` block of a casus: one bouwwerk's meldingen through the keten, in order, as one dossier.

For each step its rules (the Rijk's, UNCONFIRMED, published here on behalf of the gemeente: stap 5–7), then per
melding the vergunningcheck and the melding itself (stap 8, a Melding or Informatie in the project of the
bouwmelding), its arrival in the dossier and in MijnOverheid (stap 9), and at the end the deadlines. The dates in
a melding are relative to the day it is submitted, so the scenario needs no clock travel and runs served too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chain_tests.casus import Casus, Wkbmelding
from chain_tests.config import Organisatie
from chain_tests.errors import ConfiguratieFout, KetenBevinding
from chain_tests.keten import Aanvraag, AanvraagActiviteit, AanvraagGeweigerd, BijlageBron, Indiening, Keten, WkbDossier
from chain_tests.reporting.stappen import voeg_bij
from chain_tests.standards import api, wkb
from chain_tests.standards.aanlevering import datum_uit
from chain_tests.standards.sttr.build import Vragenboom, bouw_conclusie, bouw_indieningsvereisten
from chain_tests.standards.sttr.model import SttrBestand

_WEGLATEN = {"zonder-borgingsplan": "Borgingsplan", "zonder-verklaring": "Verklaring kwaliteitsborger"}


@dataclass
class WkbUitkomst:
    dossier: WkbDossier
    indieningen: list[Indiening] = field(default_factory=list)
    zaken: list[api.Zaak] = field(default_factory=list)


def publiceer_wkb_regels(keten: Keten, gemeente: Organisatie, stappen: list[wkb.Wkbfase]) -> dict[str, SttrBestand]:
    """Stap 5–7 for each Wkb step: its activity toepasbaar and its rules published; the Indieningsvereisten
    file of each step, by step."""
    iv: dict[str, SttrBestand] = {}
    for stap in dict.fromkeys(stappen):
        act = wkb.ACTIVITEITEN[stap]
        keten.maak_activiteit_toepasbaar(gemeente, act.id, act.naam)
        boom = Vragenboom.model_validate(wkb.vragenboom(stap))
        vereisten = f"{boom.naam} - Indieningsvereisten.xml"
        for naam, data in (
            (f"{boom.naam} - Conclusie.xml", bouw_conclusie(boom, oin=gemeente.oin, activiteit_id=act.id)),
            (vereisten, bouw_indieningsvereisten(boom, oin=gemeente.oin, activiteit_id=act.id)),
        ):
            keten.verifieer_regels(gemeente, naam, data)
            gepubliceerd = keten.lever_regels_aan(gemeente, act.id, naam, data)  # the file as the RTR holds it
            if naam == vereisten:
                iv[stap] = gepubliceerd
    return iv


def _antwoorden(casus: Casus, s: Wkbmelding, iv: SttrBestand, datum: str) -> dict[str, object]:
    assert casus.wkb is not None
    teksten = {wkb.DATUMVRAAG[s.stap][1]: datum}
    kb = casus.wkb.kwaliteitsborger
    if s.stap == "bouwmelding" and kb is not None:
        teksten |= dict(zip(wkb.KWALITEITSBORGER.values(), (kb.naam, kb.kvk, kb.instrument), strict=True))
    return {r.id: waarde for tekst, waarde in teksten.items() if (r := iv.regel(tekst)) is not None}


def _meld(keten: Keten, casus: Casus, s: Wkbmelding, dossier: WkbDossier, iv: SttrBestand) -> Indiening:
    """Stap 8 for one melding: the vergunningcheck, then the melding in the dossier's project."""
    assert casus.wkb is not None and casus.aanvraag is not None
    act, g = wkb.ACTIVITEITEN[s.stap], dossier.gemeente
    plicht = "Meldingsplicht" if act.verzoektype == "Melding" else "Informatieplicht"
    keten.doe_vergunningcheck(g, act.id, {"Valt het bouwwerk in gevolgklasse 1?": True}, casus.noem(), verwacht=plicht)
    datum = datum_uit(s.datum, keten.omgeving.nu().date()).isoformat()
    weg = {_WEGLATEN[a] for a in casus.wkb.afwijkingen if a in _WEGLATEN}
    bijlagen = [
        BijlageBron(naam=f"{t.lower().replace(' ', '-')}.pdf", grootte=64 * 1024, bijlage_type=t, activiteit_id=act.id)
        for t in wkb.BIJLAGEN[s.stap]
        if t not in weg
    ]
    a = casus.aanvraag
    persoon = api.Persoon(
        naam=a.initiatiefnemer.naam, bsn=a.initiatiefnemer.bsn, kvk_nummer=a.initiatiefnemer.kvk_nummer
    )
    aanvraag = Aanvraag(
        initiatiefnemer=persoon,
        locatie=a.locatie,
        activiteiten=[AanvraagActiviteit(act.id, act.naam, g, _antwoorden(casus, s, iv, datum))],
        bijlagen=bijlagen,
        verzoektype=act.verzoektype,
        project_id=dossier.project_id,
    )
    return keten.dien_in(aanvraag)


def speel_wkb(keten: Keten, casus: Casus) -> WkbUitkomst:
    """Every melding of the casus in order; raises the first finding (or the loket's refusal)."""
    assert casus.wkb is not None
    g = keten.config.organisatie(casus.gemeente)
    iv = publiceer_wkb_regels(keten, g, [s.stap for s in casus.wkb.stappen])
    uitkomst = WkbUitkomst(WkbDossier(g))
    dossier = uitkomst.dossier
    for s in casus.wkb.stappen:
        vandaag = keten.omgeving.nu().date()
        indiening = _meld(keten, casus, s, dossier, iv[s.stap])
        zaak = keten.wacht_op_zaak(indiening, g)
        if s.stap == "bouwmelding" and dossier.zaak is None:
            dossier.zaak, dossier.project_id, dossier.bouwmelding = zaak, indiening.project_id, vandaag
        keten.controleer_in_dossier(zaak, indiening, s.stap, dossier)
        dossier.overschrijdingen += wkb.termijnen(s.stap, vandaag, datum_uit(s.datum, vandaag), dossier.bouwmelding)
        status = wkb.STATUS_BIJ[wkb.ACTIVITEITEN[s.stap].id]
        dossier.statussen.append(status)
        keten.controleer_lopende_zaken(zaak, indiening.aanvraag, g, dossier.statussen if dossier.zaak else [status])
        uitkomst.indieningen.append(indiening)
        uitkomst.zaken.append(zaak)
        if s.stap == "bouwmelding" and "aanvullen" in casus.wkb.afwijkingen:
            keten.vul_aan(indiening, g, indiening.aanvraag.bijlagen)  # a bouwmelding cannot be supplemented
    keten.controleer_termijnen(dossier)
    return uitkomst


def _weigering_verwacht(casus: Casus, exc: AanvraagGeweigerd) -> None:
    tekst = " ".join(t for _, t in exc.meldingen)
    ontbreekt = [m for m in casus.verwacht.melding_bevat if m not in tekst]
    if ontbreekt:
        raise KetenBevinding(
            "de weigering noemt niet wat er ontbreekt",
            code="KB-WEIGERING-ONDUIDELIJK",
            stap=8,
            partij="Omgevingsloket (indienen)",
            verwacht="melding met " + ", ".join(map(repr, ontbreekt)),
            gezien=tekst,
        )


def speel_wkb_casus(keten: Keten, casus: Casus) -> tuple[WkbUitkomst | None, AanvraagGeweigerd | None]:
    """The Wkb casus with its expectation: a complete dossier, a refusal by the loket, or the findings the casus
    names (``verwacht.bevindingen``: a deadline the bouwer missed is the scenario's point, not its failure)."""
    try:
        uitkomst = speel_wkb(keten, casus)
    except AanvraagGeweigerd as exc:
        if casus.verwacht.uitkomst != "geweigerd":
            bevinding = KetenBevinding(
                "de melding werd geweigerd",
                code="KB-AANVRAAG-GEWEIGERD",
                stap=8,
                partij="Omgevingsloket (indienen)",
                verwacht="melding aangenomen",
                gezien=str(exc),
            )
            bevinding.deelstap = "8b"  # submitting
            raise bevinding from exc
        _weigering_verwacht(casus, exc)
        return None, exc
    except KetenBevinding as exc:
        if exc.code not in casus.verwacht.bevindingen:
            raise
        voeg_bij("Verwachte bevinding", f"De casus verwacht deze bevinding, en het harnas vond haar:\n{exc}")
        return None, None
    if casus.verwacht.uitkomst == "geweigerd":
        raise KetenBevinding(
            "de melding werd aangenomen terwijl de loket haar moest weigeren",
            code="KB-AANVRAAG-NIET-GEWEIGERD",
            stap=8,
            partij="Omgevingsloket (indienen)",
            verwacht="weigering met melding",
            gezien=f"verzoeknummers {[i.verzoeknummers for i in uitkomst.indieningen]}",
        )
    if casus.verwacht.bevindingen:
        raise ConfiguratieFout(
            f"casus {casus.noem()}: de verwachte bevinding(en) {', '.join(casus.verwacht.bevindingen)} kwamen niet",
            code="KT-CASUS-VERWACHT",
            hint="Controleer de data in 'wkb.stappen' of haal 'verwacht.bevindingen' weg.",
        )
    return uitkomst, None
