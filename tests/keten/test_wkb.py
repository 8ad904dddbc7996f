"""Self-tests of the Wkb dossier: every check fails against a faulty VTH or loket, or on dates that miss a
deadline, naming the stap, the party and (for a deadline) who must act."""

from __future__ import annotations

import datetime as dt

import pytest

from chain_tests import ConfiguratieFout, Fouten, LoketFouten, VthFouten, laad_casus
from chain_tests.casus import Casus
from chain_tests.errors import KetenBevinding
from chain_tests.keten import Keten
from chain_tests.scenario import speel_casus
from chain_tests.standards import wkb
from tests.bouwstenen import DRIMMELEN, ROOT
from tests.catalogus import zoals_in_catalogus

WKB = ROOT / "scenarios" / "casussen" / "wkb"


def _casus(naam: str) -> Casus:
    return laad_casus(WKB / f"{naam}.yaml")


def bevinding(keten: Keten, casus: Casus) -> KetenBevinding:
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, casus)
    return zoals_in_catalogus(info.value)


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(nieuwe_zaak_per_bericht=True)}))
def test_vth_that_opens_a_zaak_per_melding_is_reported(keten: Keten) -> None:
    b = bevinding(keten, _casus("wkb-woning-made"))
    assert (b.code, b.stap, b.partij) == ("KB-WKB-DOSSIER", 9, "VTH-systeem Gemeente Drimmelen")
    assert b.verwacht.startswith("verzoek 3000002 in zaak ZAAK-00001 (bouwmelding, project ")
    assert b.gezien == "een eigen zaak ZAAK-00002"


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(signaleert_niets=True)}))
def test_vth_that_does_not_signal_a_missing_bouwmelding_is_reported(keten: Keten) -> None:
    b = bevinding(keten, _casus("wkb-start-bouw-zonder-bouwmelding"))
    assert (b.code, b.stap) == ("KB-WKB-ZONDER-BOUWMELDING", 9)
    assert b.verwacht == "zaak ZAAK-00001 met het signaal 'geen bouwmelding in dit project'"


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(laat_bijlage_vallen=True)}))
def test_a_melding_not_whole_in_the_dossier_is_reported(keten: Keten) -> None:
    b = bevinding(keten, _casus("wkb-woning-made"))
    assert (b.code, b.stap) == ("KB-ZAAK-ONVOLLEDIG", 9)
    assert b.gezien == "bijlage 'risicobeoordeling.pdf' ontbreekt"


def test_a_missed_deadline_names_the_deadline_the_dates_and_who_must_act(keten: Keten) -> None:
    casus = _casus("wkb-bouwmelding-te-laat")
    casus.verwacht.bevindingen = []
    b = bevinding(keten, casus)
    assert (b.code, b.stap, b.partij) == ("KB-WKB-TERMIJN", 9, "Initiatiefnemer (bouwer)")
    assert b.verwacht == "bouwmelding: bouwmelding minstens 28 dagen voor de start van de bouw"
    assert b.gezien == (
        "ingediend 2026-01-05, start bouw 2026-01-26 (21 dagen) — wie moet handelen: de initiatiefnemer (bouwer): "
        "de bouw mag niet eerder beginnen dan 4 weken na de melding"
    )


def test_an_expected_finding_that_does_not_come_is_the_casus_mistake(keten: Keten) -> None:
    casus = _casus("wkb-woning-made")
    casus.verwacht.bevindingen = ["KB-WKB-TERMIJN"]
    with pytest.raises(ConfiguratieFout, match="KT-CASUS-VERWACHT"):
        speel_casus(keten, casus)


@pytest.mark.parametrize(
    "naam",
    [
        "wkb-bouwmelding-zonder-kwaliteitsborger",
        "wkb-bouwmelding-zonder-borgingsplan",
        "wkb-gereedmelding-zonder-verklaring",
    ],
)
@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(accepteert_alles=True)))
def test_a_loket_that_takes_an_incomplete_melding_is_reported(keten: Keten, naam: str) -> None:
    b = bevinding(keten, _casus(naam))
    assert (b.code, b.stap, b.partij) == ("KB-AANVRAAG-NIET-GEWEIGERD", 8, "Omgevingsloket (indienen)")


@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(vult_bouwmelding_aan=True)))
def test_a_loket_that_lets_a_bouwmelding_be_supplemented_is_reported(keten: Keten) -> None:
    b = bevinding(keten, _casus("wkb-bouwmelding-aanvullen"))
    assert b.code == "KB-AANVRAAG-NIET-GEWEIGERD"


@pytest.mark.parametrize(
    ("stap", "ingediend", "datum", "bouwmelding", "termijn"),
    [
        ("bouwmelding", "2026-01-05", "2026-02-02", None, None),  # 28 days: on time
        ("bouwmelding", "2026-01-05", "2026-02-01", None, "minstens 28 dagen"),
        ("start-bouw", "2026-01-05", "2026-01-07", "2025-12-01", None),  # 2 werkdagen: on time
        ("start-bouw", "2026-01-09", "2026-01-12", "2025-12-01", "minstens 2 werkdagen"),  # friday → monday
        ("start-bouw", "2026-01-05", "2026-01-20", "2025-01-01", "365 dagen geldig"),
        ("gereedmelding", "2026-01-05", "2026-01-19", None, None),
        ("gereedmelding", "2026-01-05", "2026-01-18", None, "minstens 14 dagen"),
        ("einde-bouw", "2026-01-12", "2026-01-09", None, None),  # ended friday, told monday: the first werkdag
        ("einde-bouw", "2026-01-13", "2026-01-09", None, "uiterlijk de eerste werkdag"),
        ("einde-bouw", "2025-12-29", "2025-12-24", None, None),  # ended 24 december: first werkdag is 29 december
    ],
)
def test_wkb_deadlines(
    stap: wkb.Wkbfase, ingediend: str, datum: str, bouwmelding: str | None, termijn: str | None
) -> None:
    gevonden = wkb.termijnen(
        stap,
        dt.date.fromisoformat(ingediend),
        dt.date.fromisoformat(datum),
        dt.date.fromisoformat(bouwmelding) if bouwmelding else None,
    )
    assert [o.termijn for o in gevonden if termijn and termijn in o.termijn] == [o.termijn for o in gevonden]
    assert bool(gevonden) == (termijn is not None)


def test_the_zgw_adapter_shows_the_dossier_too() -> None:
    from chain_tests.offline import OfflineKeten

    omgeving = OfflineKeten(adapters={DRIMMELEN: "zgw"})
    keten = Keten(omgeving)
    uitkomst = speel_casus(keten, _casus("wkb-woning-made"))
    assert uitkomst.wkb is not None and len({z.zaak_id for z in uitkomst.wkb.zaken}) == 1
    assert len(uitkomst.wkb.zaken[-1].verzoeken) == 4
    assert type(omgeving.vth_adapter(keten.config.organisatie(DRIMMELEN))).__name__ == "ZgwAdapter"
    keten.sluit()
    omgeving.sluit()


def test_the_zgw_adapter_shows_the_missing_bouwmelding_signal() -> None:
    from chain_tests.offline import OfflineKeten

    omgeving = OfflineKeten(adapters={DRIMMELEN: "zgw"})
    keten = Keten(omgeving)
    uitkomst = speel_casus(keten, _casus("wkb-start-bouw-zonder-bouwmelding"))
    assert uitkomst.wkb is not None
    assert uitkomst.wkb.zaken[0].signalen[0].startswith(wkb.GEEN_BOUWMELDING)
    keten.sluit()
    omgeving.sluit()


def test_a_melding_without_bouwmelding_says_in_the_report_what_the_vth_should_do(keten: Keten, rapport: object) -> None:
    speel_casus(keten, _casus("wkb-start-bouw-zonder-bouwmelding"))  # the reference VTH signals it: no finding
    bijlagen = [b for s in rapport.stappen for b in s.bijlagen]  # type: ignore[attr-defined]
    (tekst,) = [inhoud for naam, inhoud in bijlagen if naam == "Wkb: geen bouwmelding"]
    assert tekst == (
        "Deze melding hoort bij geen bouwmelding: de bouwer moet eerst een bouwmelding doen (minstens 4 weken "
        "voor de start van de bouw). Het VTH-systeem hoort dat te signaleren."
    )


def test_the_reference_vth_keeps_every_melding_of_a_project_in_one_dossier(keten: Keten) -> None:
    uitkomst = speel_casus(keten, _casus("wkb-woning-made"))
    assert uitkomst.wkb is not None
    drimmelen = keten.config.organisatie("Drimmelen")
    (dossier,) = {z.zaak_id for z in uitkomst.wkb.zaken}
    (zaak,) = [z for z in keten.omgeving.vth_adapter(drimmelen).zaken("3000001") if z.zaak_id == dossier]
    assert zaak.verzoeken == ["3000001", "3000002", "3000003", "3000004"]
    stappen = ("bouwmelding", "start-bouw", "gereedmelding", "einde-bouw")
    assert zaak.activiteiten == [wkb.ACTIVITEITEN[s].id for s in stappen]


def test_every_missed_deadline_is_named_in_one_finding(keten: Keten) -> None:
    casus = _casus("wkb-woning-made")
    assert casus.wkb is not None
    casus.wkb.stappen[0].datum = "+21 dagen"  # bouwmelding one week too late
    casus.wkb.stappen[3].datum = "2026-01-01"  # einde bouw reported weeks late
    b = bevinding(keten, casus)
    assert b.code == "KB-WKB-TERMIJN" and b.verzoeknummer == "3000001"
    assert b.verwacht.count("; ") == 1 and b.gezien.count("; ") == 1, (b.verwacht, b.gezien)
    assert b.verwacht.startswith("bouwmelding: ") and "; einde-bouw: " in b.verwacht


def test_a_missed_deadline_without_a_bouwmelding_has_no_dossier_to_name(keten: Keten) -> None:
    casus = _casus("wkb-start-bouw-zonder-bouwmelding")
    assert casus.wkb is not None
    casus.wkb.stappen[0].datum = "vandaag"  # start bouw announced too late as well
    casus.verwacht.bevindingen = []
    b = bevinding(keten, casus)
    assert (b.code, b.verzoeknummer) == ("KB-WKB-TERMIJN", None)


def test_a_dossier_zaak_missing_the_melding_names_every_shortfall(keten: Keten) -> None:
    """The dossier zaak as a faulty VTH might return it for the gereedmelding: its verzoek, its answers and
    its bijlagen left out — the finding names all three kinds, not only the first."""
    uitkomst = speel_casus(keten, _casus("wkb-woning-made"))
    assert uitkomst.wkb is not None and uitkomst.wkb.dossier.zaak is not None
    indiening = uitkomst.wkb.indieningen[2]  # gereedmelding: answers and bijlagen of its own
    zaak = uitkomst.wkb.zaken[2]
    kaal = zaak.model_copy(update={"verzoeken": zaak.verzoeken[:1], "antwoorden": [], "bijlagen": []})
    with pytest.raises(KetenBevinding) as info:
        keten.controleer_in_dossier(kaal, indiening, "gereedmelding", uitkomst.wkb.dossier)
    b = info.value
    assert (b.code, b.stap, b.verzoeknummer) == ("KB-ZAAK-ONVOLLEDIG", 9, "3000003")
    tekorten = b.gezien.split("; ")
    assert tekorten[0] == "verzoek 3000003 staat niet bij de zaak" and len(tekorten) >= 3, b.gezien
    assert any("antwoord" in t for t in tekorten) and any("bijlage" in t for t in tekorten), b.gezien


@pytest.mark.parametrize("eerder", ["iteratie1/kappen-boom-vergunningplicht", "wkb/wkb-woning-made"])
def test_a_melding_never_joins_another_projects_zaak(keten: Keten, eerder: str) -> None:
    """The reference VTH finds the dossier by projectId and bouwmelding: an open zaak of another project (a
    kapvergunning, or another project's bouwmelding dossier) is not the dossier of a start bouw without
    bouwmelding."""
    andere = speel_casus(keten, laad_casus(WKB.parent / f"{eerder}.yaml"))
    andere_zaken = {
        z.zaak_id: z.project_id
        for z in keten.omgeving.vth_adapter(keten.config.organisatie("Drimmelen")).zaken("3000001")
    }
    uitkomst = speel_casus(keten, _casus("wkb-start-bouw-zonder-bouwmelding"))
    assert uitkomst.wkb is not None and andere is not None
    (zaak,) = uitkomst.wkb.zaken
    assert zaak.zaak_id not in andere_zaken and zaak.project_id not in andere_zaken.values()
    assert zaak.signalen[0].startswith(wkb.GEEN_BOUWMELDING)
