"""Play a casus file through the keten: the generic scenario behind every casus."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chain_tests.casus import Casus
from chain_tests.config import Organisatie
from chain_tests.errors import ConfiguratieFout, KetenBevinding
from chain_tests.keten import Aanvraag, AanvraagActiviteit, AanvraagGeweigerd, BijlageBron, Indiening, Keten
from chain_tests.standards import api
from chain_tests.standards.sttr.build import bouw_conclusie, bouw_indieningsvereisten
from chain_tests.standards.sttr.model import SttrBestand

_STOP = {"toestemmingsvrij": "Toestemmingsvrij", "niet-van-toepassing": "NietVanToepassing"}


@dataclass
class CasusUitkomst:
    conclusie: api.VergunningcheckAntwoord
    indiening: Indiening | None = None
    zaak: api.Zaak | None = None
    weigering: AanvraagGeweigerd | None = None


def regelbestanden(casus: Casus, gemeente: Organisatie) -> list[tuple[str, bytes]]:
    """The STTR files of a casus: built from its vragenboom, or read from the named files."""
    r = casus.regels
    if r.vragenboom is not None:
        naam = r.vragenboom.naam
        files = [
            (
                f"{naam} - Conclusie.xml",
                bouw_conclusie(r.vragenboom, oin=gemeente.oin, activiteit_id=casus.activiteit.id),
            )
        ]
        if r.vragenboom.indieningsvereisten is not None:
            files.append(
                (
                    f"{naam} - Indieningsvereisten.xml",
                    bouw_indieningsvereisten(r.vragenboom, oin=gemeente.oin, activiteit_id=casus.activiteit.id),
                )
            )
        return files
    paden = [p for p in (r.conclusie, r.indieningsvereisten) if p is not None]
    try:
        return [(p.name, casus.pad(p).read_bytes()) for p in paden]
    except OSError as exc:
        raise ConfiguratieFout(
            f"casus {casus.titel!r}: regelbestand niet leesbaar: {exc}",
            code="KT-CASUS-BESTAND",
            hint="Paden in 'regels' zijn relatief aan de map van het casusbestand.",
        ) from exc


def _op_id(casus: Casus, veld: str, antwoorden: dict[str, Any], bestanden: list[SttrBestand]) -> dict[str, Any]:
    boom = casus.regels.vragenboom
    korte = {
        v.id: v.tekst
        for v in (
            [*boom.conclusie.vragen, *(boom.indieningsvereisten.vragen if boom.indieningsvereisten else [])]
            if boom
            else []
        )
    }
    result: dict[str, Any] = {}
    for sleutel, waarde in antwoorden.items():
        regel = next((r for b in bestanden if (r := b.regel(korte.get(sleutel, sleutel)))), None)
        if regel is None:
            bekend = [r.tekst for b in bestanden for r in b.vragen]
            raise ConfiguratieFout(
                f"casus {casus.titel!r}, veld {veld}.{sleutel}: geen vraag met dit id of deze tekst.",
                code="KT-CASUS-VRAAG",
                hint="Bekende vragen: " + " | ".join(bekend),
            )
        result[regel.id] = waarde
    return result


def _aanvraag(casus: Casus, gemeente: Organisatie, bestanden: list[SttrBestand], check: dict[str, Any]) -> Aanvraag:
    a = casus.aanvraag
    assert a is not None
    antwoorden = check | _op_id(casus, "aanvraag.antwoorden", a.antwoorden, bestanden[::-1])
    return Aanvraag(
        initiatiefnemer=api.Persoon(
            naam=a.initiatiefnemer.naam, bsn=a.initiatiefnemer.bsn, kvk_nummer=a.initiatiefnemer.kvk_nummer
        ),
        locatie=a.locatie,
        activiteiten=[AanvraagActiviteit(casus.activiteit.id, casus.activiteit.naam, gemeente, antwoorden)],
        bijlagen=[
            BijlageBron(
                naam=b.naam,
                grootte=b.grootte if b.grootte is not None else casus.pad(b.bestand).stat().st_size,  # type: ignore[arg-type]
                mime_type=b.type,
                bijlage_type=b.bijlagetype,
                activiteit_id=casus.activiteit.id,
                bestand=casus.pad(b.bestand) if b.bestand else None,
            )
            for b in a.bijlagen
        ],
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


def speel_casus(keten: Keten, casus: Casus) -> CasusUitkomst:
    gemeente = keten.config.organisatie(casus.gemeente)
    keten.maak_activiteit_toepasbaar(gemeente, casus.activiteit.id, casus.activiteit.naam)
    bestanden = []
    for naam, data in regelbestanden(casus, gemeente):
        keten.verifieer_regels(gemeente, naam, data)
        bestanden.append(keten.lever_regels_aan(gemeente, casus.activiteit.id, naam, data))
    check_antwoorden = _op_id(casus, "vergunningcheck.antwoorden", casus.vergunningcheck.antwoorden, bestanden)
    check = keten.doe_vergunningcheck(gemeente, casus.activiteit.id, check_antwoorden)
    keten.controleer_conclusie(check, casus.vergunningcheck.verwacht)
    uitkomst = CasusUitkomst(check)
    if casus.verwacht.uitkomst in _STOP:
        return uitkomst
    aanvraag = _aanvraag(casus, gemeente, bestanden, check_antwoorden)
    try:
        uitkomst.indiening = keten.dien_in(aanvraag)
    except AanvraagGeweigerd as weigering:
        if casus.verwacht.uitkomst != "geweigerd":
            raise KetenBevinding(
                "de aanvraag werd geweigerd",
                code="KB-AANVRAAG-GEWEIGERD",
                stap=8,
                partij="Omgevingsloket (indienen)",
                verwacht="aanvraag aangenomen",
                gezien=str(weigering),
            ) from weigering
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
    uitkomst.zaak = keten.wacht_op_zaak(uitkomst.indiening, gemeente)
    keten.controleer_zaak(uitkomst.zaak, uitkomst.indiening, gemeente)
    return uitkomst
