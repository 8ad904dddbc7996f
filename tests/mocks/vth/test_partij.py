"""The reference VTH does not lose what a real VTH must not lose: a failed fetch is retried
with backoff, never dropped; when it stops, the harness names where; a refused message is not acked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chain_tests import AfhandelenFouten, Fouten, Verbindingsfout, VthFouten
from chain_tests.casus import Casus, laad_casus
from chain_tests.errors import KetenBevinding
from chain_tests.keten import Keten
from chain_tests.offline import OfflineKeten
from chain_tests.scenario import speel_casus
from chain_tests.standards import api, inspectie
from chain_tests.standards.ebms import MimeDeel, ontleed
from tests.bouwstenen import DRIMMELEN, DSO, ROOT, verpakt, verzoeknotificatie
from tests.catalogus import zoals_in_catalogus

CASUS = ROOT / "scenarios/casussen/iteratie1/kappen-boom-vergunningplicht.yaml"


def casus() -> Casus:
    return laad_casus(CASUS)


def ophaalstatus(keten: Keten, nummer: str) -> inspectie.Ophaalstatus | None:
    inspectie = keten.omgeving.inspectie()
    assert inspectie is not None
    return inspectie.ophalen(keten.config.organisatie("Drimmelen").base_url, nummer)


@pytest.mark.parametrize(
    "mislukt",
    [
        pytest.param(n, marks=pytest.mark.keten_fouten(Fouten(afhandelen=AfhandelenFouten(onbeschikbaar=n))))
        for n in (1, 2)
    ],
)
def test_failed_fetches_do_not_lose_the_verzoek(keten: Keten, mislukt: int) -> None:
    uitkomst = speel_casus(keten, casus())
    assert uitkomst.zaak is not None and len(uitkomst.zaak.bijlagen) == 2
    status = ophaalstatus(keten, uitkomst.zaak.verzoeknummer)
    assert status is not None and (status.status, status.pogingen) == ("verwerkt", mislukt + 1)


@pytest.mark.keten_fouten(Fouten(verbindingen=[Verbindingsfout(van=DRIMMELEN, naar=DSO, aantal=3)]))
def test_connection_errors_towards_dso_lv_are_retried_not_raised(keten: Keten) -> None:
    uitkomst = speel_casus(keten, casus())  # pomp() never raises; the VTH retries
    assert uitkomst.zaak is not None
    assert isinstance(keten.omgeving, OfflineKeten)
    assert any("ConnectError" in regel for regel in keten.omgeving.vths[DRIMMELEN].logboek)


@pytest.mark.keten_fouten(Fouten(afhandelen=AfhandelenFouten(onbeschikbaar=10_000)))
def test_a_fetch_that_keeps_failing_is_named_at_verzoek_afhandelen(
    keten: Keten,
) -> None:
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, casus())
    zoals_in_catalogus(info.value)
    b = info.value
    assert (b.code, b.stap, b.partij) == ("KB-OPHALEN-MISLUKT", 9, "DSO-LV (Verzoek afhandelen)")
    assert "HTTP 503" in b.gezien and "AFH-503" in b.gezien and "poging(en)" in b.gezien
    status = ophaalstatus(keten, b.verzoeknummer or "")
    assert status is not None and status.status in ("wacht", "opgegeven") and status.pogingen >= 3


def test_the_vth_gives_up_only_after_its_deadline_and_keeps_the_verzoek(keten: Keten) -> None:
    assert isinstance(keten.omgeving, OfflineKeten)
    keten.omgeving.dso.afhandelen_mock.fouten.onbeschikbaar = 10_000
    vth = keten.omgeving.vths[DRIMMELEN]
    with pytest.raises(KetenBevinding):
        speel_casus(keten, casus())
    keten.omgeving.wacht(vth.tijden.ophaal_deadline)
    keten.omgeving.pomp()
    (taak,) = vth.inbox
    assert taak.opgegeven and taak.pogingen >= 3 and vth.zaken == []
    tussenpozen = [
        (b - a).total_seconds()
        for a, b in zip(taak.pogingen_op[:-1], taak.pogingen_op[1:], strict=True)  # backoff: waits grow
    ]
    assert tussenpozen == sorted(tussenpozen) and tussenpozen[0] < tussenpozen[-1]


def test_the_fetch_status_shows_the_first_line_of_the_error_cut_at_500_characters(keten: Keten) -> None:
    """What the inspection (and so the finding) shows of a failed fetch: one line, bounded; the log keeps all."""
    assert isinstance(keten.omgeving, OfflineKeten)
    keten.omgeving.dso.afhandelen_mock.fouten.onbeschikbaar = 10_000
    vth = keten.omgeving.vths[DRIMMELEN]
    with pytest.raises(KetenBevinding):
        speel_casus(keten, casus())
    (taak,) = vth.inbox
    vth._later(taak, "x" * 600 + "\ntweede regel")
    status = ophaalstatus(keten, taak.notificatie.verzoeknummer)
    assert status is not None and status.laatste_fout == "x" * 500
    assert vth.logboek[-1].endswith("x" * 600 + "\ntweede regel")


@pytest.mark.parametrize("verschil", ["inhoud", "grootte"])
def test_a_bijlage_that_differs_from_the_stam_announcement_is_fetched_again_not_kept(
    keten: Keten, monkeypatch: pytest.MonkeyPatch, verschil: str
) -> None:
    """The same number of bytes with other content (or the same sha256 claimed for fewer bytes) is not the
    announced bijlage: the reference VTH throws it away and fetches it again."""
    from chain_tests.clients.afhandelen import AfhandelenClient

    echt = AfhandelenClient.download
    fout: list[str] = []

    def eerste_keer_anders(self: AfhandelenClient, url: str, doel: Path) -> tuple[int, str]:
        grootte, sha = echt(self, url, doel)
        if fout:
            return grootte, sha
        fout.append(url)
        return (grootte, "0" * 64) if verschil == "inhoud" else (grootte - 1, sha)

    monkeypatch.setattr(AfhandelenClient, "download", eerste_keer_anders)
    uitkomst = speel_casus(keten, casus())
    assert uitkomst.zaak is not None and len(uitkomst.zaak.bijlagen) == 2
    assert "0" * 64 not in {b.sha256 for b in uitkomst.zaak.bijlagen}
    status = ophaalstatus(keten, uitkomst.zaak.verzoeknummer)
    assert status is not None and (status.status, status.pogingen) == ("verwerkt", 2)
    assert isinstance(keten.omgeving, OfflineKeten)
    assert any(
        "kwam anders binnen dan het STAM-verzoek aankondigt" in r for r in keten.omgeving.vths[DRIMMELEN].logboek
    )


def test_a_refused_message_gets_an_error_list_and_no_acknowledgment(keten: Keten) -> None:
    assert isinstance(keten.omgeving, OfflineKeten)
    vth = keten.omgeving.vths[DRIMMELEN]
    bericht = verzoeknotificatie(payloads=[MimeDeel("n@dso", "application/xml", b"<geen-verzoeknotificatie/>")])
    headers, body = verpakt(bericht)
    with keten.omgeving.client("DSO-LV", DSO, vth.base_url) as c:
        r = c.post(api.EBMS, content=body, headers=headers)
    assert r.status_code == 400 and ontleed(r.headers["Content-Type"], r.content).fouten[0][0] == "Inconsistent"
    assert vth.acks == [] and vth.inbox == []


def _zet_status(keten: Keten, zaak_id: str, **body: str) -> api.Zaak:
    c = keten.omgeving.waarnemer(keten.config.organisatie("Drimmelen").base_url, DRIMMELEN)
    r = c.post(
        api.pad(api.VTH_STATUS, zaak_id=zaak_id),
        content=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    assert (r.status_code, r.headers["Content-Type"]) == (200, "application/json")
    keten.omgeving.pomp()
    return api.Zaak.model_validate_json(r.content)


def test_a_zaak_gets_resultaat_and_einddatum_only_when_afgehandeld(keten: Keten) -> None:
    uitkomst = speel_casus(keten, casus())
    assert uitkomst.zaak is not None and isinstance(keten.omgeving, OfflineKeten)

    bezig = _zet_status(keten, uitkomst.zaak.zaak_id, status="in behandeling", resultaat="Verleend")
    klaar = _zet_status(keten, uitkomst.zaak.zaak_id, status="afgehandeld", resultaat="Verleend")

    assert (bezig.status, bezig.resultaat, bezig.einddatum) == ("in behandeling", None, None)
    vandaag = keten.omgeving.klok.nu().date().isoformat()
    assert (klaar.status, klaar.resultaat, klaar.einddatum) == ("afgehandeld", "Verleend", vandaag)
    (lz,) = keten.omgeving.mocks.lopende_zaken.zaken.values()
    assert [s.status for s in lz.statussen] == ["Ontvangen", "In behandeling", "Afgehandeld (Verleend)"]


def test_an_intrekking_ends_the_zaak_on_that_day(keten: Keten) -> None:
    uitkomst = speel_casus(keten, casus())
    assert uitkomst.indiening is not None and uitkomst.zaak is not None
    drimmelen = keten.config.organisatie("Drimmelen")
    intrekking = keten.trek_in(uitkomst.indiening, drimmelen)
    zaak = keten.wacht_op_zaak(intrekking, drimmelen, volgnummer=2)
    assert (zaak.zaak_id, zaak.status, zaak.volgnummer) == (uitkomst.zaak.zaak_id, "ingetrokken", 2)
    assert zaak.einddatum == keten.omgeving.nu().date().isoformat()


def _opnieuw_genotificeerd(keten: Keten, nummer: str) -> None:
    """DSO-LV notifies the verzoek again under a new MessageId (as a sender may after a restart)."""
    assert isinstance(keten.omgeving, OfflineKeten)
    vth = keten.omgeving.vths[DRIMMELEN]
    bericht = verzoeknotificatie(nummer, conversation_id="opnieuw")
    headers, body = verpakt(bericht)
    with keten.omgeving.client("DSO-LV", DSO, vth.base_url) as c:
        assert c.post(api.EBMS, content=body, headers=headers).status_code == 202
    keten.omgeving.pomp()


def test_a_wkb_melding_notified_again_joins_its_dossier_once(keten: Keten) -> None:
    uitkomst = speel_casus(keten, laad_casus(CASUS.parents[1] / "wkb" / "wkb-woning-made.yaml"))
    assert uitkomst.wkb is not None and isinstance(keten.omgeving, OfflineKeten)
    _opnieuw_genotificeerd(keten, "3000002")  # the start bouw, in the bouwmelding's dossier
    (zaak,) = keten.omgeving.vth_adapter(keten.config.organisatie("Drimmelen")).zaken("3000002")
    assert zaak.verzoeken == ["3000001", "3000002", "3000003", "3000004"]
    regel = keten.omgeving.vths[DRIMMELEN].logboek[-1]
    assert regel == f"verzoek 3000002 volgnummer 1 is al verwerkt (zaak {zaak.zaak_id} staat op volgnummer 1)"


def test_a_verzoek_notified_again_under_a_new_message_id_stays_one_zaak(keten: Keten) -> None:
    """Deduplication on MessageId does not catch a sender that re-sends under a new MessageId: the VTH
    correlates on verzoeknummer and volgnummer, keeps the one zaak and logs it."""
    assert isinstance(keten.omgeving, OfflineKeten)
    uitkomst = speel_casus(keten, casus())
    assert uitkomst.zaak is not None
    vth = keten.omgeving.vths[DRIMMELEN]
    _opnieuw_genotificeerd(keten, "3000001")
    keten.omgeving.pomp()
    (zaak,) = keten.omgeving.vth_adapter(keten.config.organisatie("Drimmelen")).zaken("3000001")
    assert zaak == uitkomst.zaak
    assert vth.logboek[-1] == "verzoek 3000001 volgnummer 1 is al verwerkt (zaak ZAAK-00001 staat op volgnummer 1)"


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(negeert_intrekking=True)}))
def test_a_vth_that_ignores_an_intrekking_keeps_the_zaak_open(keten: Keten) -> None:
    uitkomst = speel_casus(keten, casus())
    assert uitkomst.indiening is not None and uitkomst.zaak is not None
    drimmelen = keten.config.organisatie("Drimmelen")
    intrekking = keten.trek_in(uitkomst.indiening, drimmelen)
    zaak = keten.wacht_op_zaak(intrekking, drimmelen, volgnummer=2)
    assert (zaak.status, zaak.volgnummer, zaak.einddatum) == (uitkomst.zaak.status, 2, None)


def test_a_vth_that_gives_up_fetching_ends_the_wait_at_its_own_deadline_and_the_finding_says_so() -> None:
    """The reference VTH retries a failing fetch with backoff (1, 2, 4, 8 s) and gives up when its deadline (15 s
    here) is reached; the harness then stops waiting — long before its own deadline for a zaak — and says so."""
    from chain_tests.config import KetenConfig, Tijden

    tijden = Tijden(ophaal_interval=1, ophaal_max_interval=30, ophaal_deadline=15, deadline_zaak=120)
    omgeving = OfflineKeten(
        KetenConfig(tijden=tijden), fouten=Fouten(afhandelen=AfhandelenFouten(onbeschikbaar=10_000))
    )
    try:
        start = omgeving.klok.nu()
        with pytest.raises(KetenBevinding) as info:
            speel_casus(Keten(omgeving), casus())
        gewacht = (omgeving.klok.nu() - start).total_seconds()
        status = omgeving.inspectie().ophalen(omgeving.config.organisatie("Drimmelen").base_url, "3000001")
    finally:
        omgeving.sluit()
    b = info.value
    assert (b.code, b.partij) == ("KB-OPHALEN-MISLUKT", "DSO-LV (Verzoek afhandelen)")
    assert b.gezien.startswith("5 poging(en) binnen 120 s (het VTH-systeem gaf het op); laatste fout: [KT-HTTP-503]")
    assert status is not None and (status.status, status.pogingen) == ("opgegeven", 5)
    assert 15 <= gewacht < 20, gewacht


def test_the_fetch_status_of_a_verzoek_the_vth_never_saw_names_that_verzoek(keten: Keten) -> None:
    assert isinstance(keten.omgeving, OfflineKeten)
    inspectie_ = keten.omgeving.inspectie()
    status = inspectie_.ophalen(keten.config.organisatie("Drimmelen").base_url, "3999999")
    assert status is not None and (status.verzoeknummer, status.status, status.pogingen) == ("3999999", "geen", 0)


def test_a_verzoek_the_vth_fails_on_is_given_up_once_and_the_next_becomes_a_zaak(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A poisoned verzoek (the reference VTH itself crashes on it) is a storing of the mock, recorded once, not a
    finding; the next verzoek is fetched and becomes its zaak as usual."""
    from chain_tests.errors import MockStoring
    from mocks.vth.partij import ReferentieVth

    echt, keer = ReferentieVth._maak_zaak, []

    def vergiftigd(self: ReferentieVth, n: object) -> None:
        keer.append(1)
        if len(keer) == 1:
            raise RuntimeError("vergiftigd verzoek")
        echt(self, n)  # type: ignore[arg-type]

    monkeypatch.setattr(ReferentieVth, "_maak_zaak", vergiftigd)
    omgeving = OfflineKeten()
    with pytest.raises(MockStoring, match="vergiftigd verzoek"):
        speel_casus(Keten(omgeving), laad_casus(CASUS))
    vth = omgeving.vths[DRIMMELEN]
    assert len(vth.storingen) == 1
    speel_casus(Keten(omgeving), laad_casus(CASUS))  # the next verzoek: a zaak, checked as usual
    assert len(vth.zaken) == 1 and len(vth.storingen) == 1
    omgeving.sluit()
