"""Play a casus file through the keten: the generic scenario behind every casus."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from chain_tests.casus import Casus, CasusActiviteit, CasusBijlage, Regels
from chain_tests.config import KetenConfig, Organisatie
from chain_tests.errors import ConfiguratieFout, KetenBevinding
from chain_tests.keten import Aanvraag, AanvraagActiviteit, AanvraagGeweigerd, BijlageBron, Indiening, Keten, Plan
from chain_tests.standards import api
from chain_tests.standards.meldingen import bedoelt_u
from chain_tests.standards.sttr.antwoorden import typeer
from chain_tests.standards.sttr.build import bouw_conclusie, bouw_indieningsvereisten
from chain_tests.standards.sttr.model import SttrBestand, parse_sttr
from chain_tests.wkbcasus import WkbUitkomst, speel_wkb_casus

_STOP = {"toestemmingsvrij": "Toestemmingsvrij", "niet-van-toepassing": "NietVanToepassing"}


@dataclass
class CasusUitkomst:
    conclusies: dict[str, api.VergunningcheckAntwoord] = field(default_factory=dict)  # activiteit → uitkomst
    indiening: Indiening | None = None
    zaken: dict[str, api.Zaak] = field(default_factory=dict)  # bevoegd gezag OIN → zaak (bij de behandelaar)
    weigering: AanvraagGeweigerd | None = None
    plan: Plan | None = None  # iteratie 3: the published (or refused) plan fragment
    wkb: WkbUitkomst | None = None  # iteratie 3: the meldingen of one bouwwerk

    @property
    def conclusie(self) -> api.VergunningcheckAntwoord:
        return next(iter(self.conclusies.values()))

    @property
    def zaak(self) -> api.Zaak | None:
        return next(iter(self.zaken.values()), None)


def regelbestanden(casus: Casus, regels: Regels, activiteit_id: str, bg: Organisatie) -> list[tuple[str, bytes]]:
    """The STTR files of an activity: built from its vragenboom, or read from the named files."""
    if regels.vragenboom is not None:
        boom = regels.vragenboom
        files = [(f"{boom.naam} - Conclusie.xml", bouw_conclusie(boom, oin=bg.oin, activiteit_id=activiteit_id))]
        if boom.indieningsvereisten is not None:
            files.append(
                (
                    f"{boom.naam} - Indieningsvereisten.xml",
                    bouw_indieningsvereisten(boom, oin=bg.oin, activiteit_id=activiteit_id),
                )
            )
        return files
    paden = [p for p in (regels.conclusie, regels.indieningsvereisten) if p is not None]
    try:
        return [(p.name, casus.pad(p).read_bytes()) for p in paden]
    except OSError as exc:
        raise ConfiguratieFout(
            f"casus {casus.titel!r}: regelbestand niet leesbaar: {exc}",
            code="KT-CASUS-BESTAND",
            hint="Paden in 'regels' zijn relatief aan de map van het casusbestand.",
        ) from exc


def _op_id(
    casus: Casus, a: CasusActiviteit, veld: str, antwoorden: dict[str, Any], bestanden: list[SttrBestand]
) -> dict[str, Any]:
    """The casus's answers by uitvoeringsregel id, typed by the published question.

    A key may be the vragenboom's short id, the uitvoeringsregel id or the question text. An unknown key
    or a value the question does not accept is the casus's mistake (a ConfiguratieFout naming the file,
    the field and the question), never a finding against the Omgevingsloket."""
    boom = a.regels.vragenboom if a.regels else None
    vragen = (
        [*boom.conclusie.vragen, *(boom.indieningsvereisten.vragen if boom.indieningsvereisten else [])] if boom else []
    )
    korte = {v.id: v.tekst for v in vragen}
    result: dict[str, Any] = {}
    onbekend, verkeerd = [], []  # every mistake of these answers, said at once
    for sleutel, waarde in antwoorden.items():
        regel = next((r for b in bestanden if (r := b.regel(korte.get(sleutel, sleutel)))), None)
        if regel is None:
            onbekend.append(
                f"veld {veld}.{sleutel}: geen vraag met dit id of deze tekst"
                + bedoelt_u(sleutel, [*korte, *(r.tekst for b in bestanden for r in b.vragen)])
                + ("" if bestanden else "; voor deze activiteit zijn geen regels gepubliceerd")
            )
            continue
        try:
            result[regel.id] = typeer(regel, waarde)
        except ValueError as exc:
            verkeerd.append(f"veld {veld}.{sleutel} (vraag {regel.tekst!r}): {exc}")
    if onbekend or verkeerd:
        _antwoordfouten(casus, onbekend, verkeerd, korte, bestanden)
    return result


def _antwoordfouten(
    casus: Casus, onbekend: list[str], verkeerd: list[str], korte: dict[str, str], bestanden: list[SttrBestand]
) -> None:
    """One melding with every unknown question and every answer its question does not take."""
    fouten = [*onbekend, *verkeerd]
    kop = (
        f"casus {casus.noem()}, "
        if len(fouten) == 1
        else f"casus {casus.noem()}: {len(fouten)} fouten in de antwoorden:\n  - "
    )
    tekst = kop + "\n  - ".join(fouten) + "."
    if onbekend:
        bekend = [f"{k} ({t})" for k, t in korte.items()] or [r.tekst for b in bestanden for r in b.vragen]
        raise ConfiguratieFout(tekst, code="KT-CASUS-VRAAG", hint="Bekende vragen: " + (" | ".join(bekend) or "geen"))
    raise ConfiguratieFout(
        tekst,
        code="KT-CASUS-ANTWOORD",
        hint="Het antwoord moet passen bij het type van de gepubliceerde vraag (zie docs/beheerdersgids.md).",
    )


def _veld(casus: Casus, i: int, naam: str) -> str:
    return naam if casus.activiteit is not None else f"activiteiten[{i + 1}].{naam}"


Gepubliceerd = dict[str, list[SttrBestand]]  # activiteit id → the STTR files published for it


def kenmerk(casus: Casus) -> str:
    """A short, safe part of an idLevering that names the casus."""
    naam = casus.bestand.stem if casus.bestand else casus.titel
    return re.sub(r"[^0-9A-Za-z_-]", "", naam)[:32] or "casus"


def speel_plan(keten: Keten, casus: Casus) -> Plan:
    """Stap 1–4: build the plan fragment, validate and publish it at the LVBB, check OZON and the functionele
    structuur. A casus that expects LVBB meldingen stops where they should come (validation, or the
    publication when it re-uses the idLevering)."""
    assert casus.plan is not None
    plan = keten.stel_plan_op(keten.config.organisatie(casus.gemeente), casus.plan, kenmerk(casus))
    codes = casus.verwacht.meldingen
    bij_publicatie = casus.plan.hergebruik_id_levering
    keten.valideer_plan(plan)
    keten.controleer_levering(plan, "validatie", [] if bij_publicatie else codes)
    if codes and not bij_publicatie:
        return plan
    keten.publiceer_plan(plan)
    keten.controleer_levering(plan, "publicatie", codes)
    if not codes:
        keten.controleer_ozon(plan)
        keten.controleer_functionele_structuur(plan)
    return plan


def publiceer(keten: Keten, casus: Casus, plan: Plan | None = None) -> Gepubliceerd:
    """Stap 5–7 (and 10's behandeldienst) for every activity of the casus; in iteratie 3 the regels are first
    checked against the published plan."""
    org = keten.config.organisatie
    gepubliceerd: Gepubliceerd = {}
    for a in casus.alle_activiteiten():
        bg = org(a.bevoegd_gezag or casus.gemeente)
        keten.maak_activiteit_toepasbaar(bg, a.id, a.naam)
        gepubliceerd[a.id] = []
        bestanden = regelbestanden(casus, a.regels, a.id, bg) if a.regels else []
        if plan is not None and bestanden:
            keten.toets_regels_aan_plan(plan, a.id, [parse_sttr(d, bron=n) for n, d in bestanden])
        for naam, data in bestanden:
            keten.verifieer_regels(bg, naam, data)
            gepubliceerd[a.id].append(keten.lever_regels_aan(bg, a.id, naam, data))
        if a.behandeldienst:
            keten.stel_behandeldienst_in(bg, a.id, org(a.behandeldienst))
    return gepubliceerd


def _vergunningcheck(keten: Keten, casus: Casus, gepubliceerd: Gepubliceerd, uitkomst: CasusUitkomst) -> None:
    org = keten.config.organisatie
    for i, a in enumerate(casus.alle_activiteiten()):
        if a.vergunningcheck is None:
            continue
        veld = _veld(casus, i, "vergunningcheck.antwoorden")
        antwoorden = _op_id(casus, a, veld, a.vergunningcheck.antwoorden, gepubliceerd[a.id])
        bg = org(a.bevoegd_gezag or casus.gemeente)
        check = a.vergunningcheck
        antwoord = keten.doe_vergunningcheck(bg, a.id, antwoorden, casus.noem(), check.locatie, check.verwacht)
        uitkomst.conclusies[a.id] = antwoord


def verzoektype(casus: Casus, conclusies: dict[str, api.VergunningcheckAntwoord] | None = None) -> api.Verzoektype:
    """What kind of verzoek the aanvraag is: the casus says so, or the (most binding) conclusion of the
    vergunningcheck decides it: Vergunningplicht → Aanvraag vergunning, Meldingsplicht → Melding, …"""
    if casus.aanvraag is not None and casus.aanvraag.verzoektype is not None:
        return casus.aanvraag.verzoektype
    gezien = [c.conclusie for c in (conclusies or {}).values()]
    gezien += [a.vergunningcheck.verwacht for a in casus.alle_activiteiten() if a.vergunningcheck and not conclusies]
    return next((api.VERZOEKTYPE_BIJ[c] for c in api.VERZOEKTYPE_BIJ if c in gezien), "Aanvraag vergunning")


def aanvraag_uit(
    casus: Casus,
    config: KetenConfig,
    gepubliceerd: Gepubliceerd,
    conclusies: dict[str, api.VergunningcheckAntwoord] | None = None,
) -> Aanvraag:
    """The keten's aanvraag, straight from the casus: its verzoektype, per activity its bevoegd gezag and
    behandeldienst, the vergunningcheck's and the aanvraag's answers by uitvoeringsregel id (typed), and its
    bijlagen."""
    a = casus.aanvraag
    assert a is not None  # the casus model requires it for uitkomst zaak/geweigerd
    activiteiten, bijlagen = [], []
    for i, act in enumerate(casus.alle_activiteiten()):
        bestanden = gepubliceerd[act.id]
        check = act.vergunningcheck.antwoorden if act.vergunningcheck else {}
        antwoorden = _op_id(casus, act, _veld(casus, i, "vergunningcheck.antwoorden"), check, bestanden)
        veld = "aanvraag.antwoorden" if casus.activiteit is not None else _veld(casus, i, "antwoorden")
        antwoorden |= _op_id(casus, act, veld, act.antwoorden, bestanden[::-1])
        behandeldienst = config.organisatie(act.behandeldienst) if act.behandeldienst else None
        bg = config.organisatie(act.bevoegd_gezag or casus.gemeente)
        activiteiten.append(AanvraagActiviteit(act.id, act.naam, bg, antwoorden, behandeldienst))
        bijlagen += [_bijlage(casus, b, act.id) for b in act.bijlagen]
    persoon = api.Persoon(
        naam=a.initiatiefnemer.naam, bsn=a.initiatiefnemer.bsn, kvk_nummer=a.initiatiefnemer.kvk_nummer
    )
    return Aanvraag(
        initiatiefnemer=persoon,
        locatie=a.locatie,
        activiteiten=activiteiten,
        bijlagen=bijlagen,
        verzoektype=verzoektype(casus, conclusies),
    )


def _bijlage(casus: Casus, b: CasusBijlage, activiteit_id: str) -> BijlageBron:
    bestand = casus.pad(b.bestand) if b.bestand else None
    grootte = b.grootte if b.grootte is not None else (bestand.stat().st_size if bestand else 0)
    return BijlageBron(
        naam=b.naam,
        grootte=grootte,
        mime_type=b.type,
        bijlage_type=b.bijlagetype,
        activiteit_id=activiteit_id,
        bestand=bestand,
    )


def _controleer_weigering(casus: Casus, weigering: AanvraagGeweigerd) -> None:
    tekst = " ".join(t for _, t in weigering.meldingen)
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


def ontvang_overal(keten: Keten, indiening: Indiening, uitkomst: CasusUitkomst) -> None:
    """Each bevoegd gezag's verzoek must arrive whole at whoever handles it, and nowhere else."""
    for bg in indiening.aanvraag.bevoegde_gezagen().values():
        behandelaar = next((a.behandeldienst for a in indiening.aanvraag.van(bg) if a.behandeldienst), None)
        zaak = keten.wacht_op_zaak(indiening, bg, behandelaar)
        keten.controleer_zaak(zaak, indiening, bg, behandelaar)
        keten.controleer_lopende_zaken(zaak, indiening.aanvraag, behandelaar or bg, ["Ontvangen"])
        if behandelaar is not None:
            keten.controleer_routering(indiening, bg, behandelaar)
            keten.controleer_geen_zaak(indiening, bg, bg)
        uitkomst.zaken[bg.oin] = zaak


def speel_casus(keten: Keten, casus: Casus) -> CasusUitkomst:
    uitkomst = CasusUitkomst()
    if casus.bestand is not None:
        keten.casusbestanden.append(casus.bestand)
    if casus.wkb is not None:
        uitkomst.wkb, uitkomst.weigering = speel_wkb_casus(keten, casus)
        return uitkomst
    if casus.plan is not None:
        uitkomst.plan = speel_plan(keten, casus)
        if casus.verwacht.uitkomst in ("gepubliceerd", "plan-geweigerd"):
            return uitkomst
    gepubliceerd = publiceer(keten, casus, uitkomst.plan)
    _vergunningcheck(keten, casus, gepubliceerd, uitkomst)
    if casus.verwacht.uitkomst in _STOP:
        return uitkomst
    try:
        uitkomst.indiening = keten.dien_in(aanvraag_uit(casus, keten.config, gepubliceerd, uitkomst.conclusies))
    except AanvraagGeweigerd as weigering:
        if casus.verwacht.uitkomst != "geweigerd":
            bevinding = KetenBevinding(
                "de aanvraag werd geweigerd",
                code="KB-AANVRAAG-GEWEIGERD",
                stap=8,
                partij="Omgevingsloket (indienen)",
                verwacht="aanvraag aangenomen",
                gezien=str(weigering),
            )
            bevinding.deelstap = "8b"  # submitting
            raise bevinding from weigering
        _controleer_weigering(casus, weigering)
        uitkomst.weigering = weigering
        return uitkomst
    if casus.verwacht.uitkomst == "geweigerd":
        raise KetenBevinding(
            "de aanvraag werd aangenomen terwijl de indieningsvereisten niet zijn vervuld",
            code="KB-AANVRAAG-NIET-GEWEIGERD",
            stap=8,
            partij="Omgevingsloket (indienen)",
            verwacht="weigering met melding",
            gezien=f"verzoeknummers {uitkomst.indiening.verzoeknummers}",
        )
    ontvang_overal(keten, uitkomst.indiening, uitkomst)
    return uitkomst
