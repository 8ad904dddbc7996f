"""Self-tests: every check the harness makes about a system under test fails against a faulty mock,
with a message naming the stap, the party and what was missing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from chain_tests import Fouten, LoketFouten, RtrFouten, VthFouten
from chain_tests.casus import Casus
from chain_tests.errors import KetenBevinding
from chain_tests.keten import Keten
from chain_tests.keten.controles import verschillen
from chain_tests.scenario import speel_casus
from chain_tests.standards.inspectie import Bezorgfout, Ketenfouten
from tests.bouwstenen import DRIMMELEN, LELYSTAD, gegenereerd_sha256
from tests.catalogus import zoals_in_catalogus

Maker = Callable[[Fouten], Keten]


def bevinding(keten: Keten, casus: Casus) -> KetenBevinding:
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, casus)
    return zoals_in_catalogus(info.value)


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(laat_bijlage_vallen=True)}))
def test_vth_that_drops_a_bijlage_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(
        keten,
        casus("kappen-boom-vergunningplicht"),
    )
    assert (b.code, b.stap, b.partij) == ("KB-ZAAK-ONVOLLEDIG", 9, "VTH-systeem Gemeente Drimmelen")
    assert b.gezien == "bijlage 'foto-boom.jpg' ontbreekt"
    assert b.verzoeknummer and b.verzoeknummer in str(b)


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(bevestigt_niet=True)}))
def test_vth_that_never_acknowledges_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    begin = keten.omgeving.nu()
    b = bevinding(keten, casus("kappen-boom-vergunningplicht"))
    t = keten.config.tijden  # the harness stops when DSO-LV gives up (mislukt), not at its own deadline
    assert (keten.omgeving.nu() - begin).total_seconds() <= (t.ebms_retries + 1) * t.ebms_retry_interval + 1
    assert (b.code, b.stap, b.partij) == ("KB-GEEN-ACK", 9, "Digikoppeling-endpoint Gemeente Drimmelen")
    retries = keten.config.tijden.ebms_retries
    assert f"status mislukt na {retries + 1} poging(en)" in b.gezien
    assert "geen Acknowledgment" in b.gezien
    # The retries resent the same MessageId and the VTH dropped the duplicates (one zaak-less inbox entry).
    sent = [r for r in keten.omgeving.trace.regels if r.ids.get("Action") == "Verzoeknotificatie"]
    assert len(sent) == retries + 1 and len({r.ids["MessageId"] for r in sent}) == 1


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(bevestigt_dubbel=True)}))
def test_vth_that_acknowledges_a_message_twice_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, casus("kappen-boom-vergunningplicht"))
    assert (b.code, b.stap, b.partij) == ("KB-DUBBELE-ACK", 9, "Digikoppeling-endpoint Gemeente Drimmelen")
    assert b.gezien == "2 Acknowledgments op 1 bezorging(en) van hetzelfde bericht"


@pytest.mark.keten_fouten(Fouten(keten=Ketenfouten(bezorging=[Bezorgfout(soort="dubbel")])))
def test_a_message_delivered_twice_may_be_acknowledged_twice(keten: Keten, casus: Callable[[str], Casus]) -> None:
    """A duplicate gets its own Acknowledgment (ebMS duplicate elimination): two deliveries, two acks, no finding."""
    uitkomst = speel_casus(keten, casus("kappen-boom-vergunningplicht"))
    inspectie = keten.omgeving.inspectie()
    assert uitkomst.zaak is not None and inspectie is not None
    s = inspectie.bezorging(uitkomst.zaak.verzoeknummer)
    assert (s.status, s.bezorgd, s.acknowledgments) == ("bevestigd", 2, 2)


def test_a_verzoek_is_lost_only_after_polls_in_a_row_without_it(keten: Keten, monkeypatch: pytest.MonkeyPatch) -> None:
    """DSO-LV's outbox holding nothing for the verzoek counts only when it happens GEEN_POGINGEN polls in a row:
    a poll that sees it in the outbox starts the count again."""
    from types import SimpleNamespace

    from chain_tests.keten.ontvangen import GEEN_POGINGEN

    inspectie = keten.omgeving.inspectie()
    assert inspectie is not None
    statussen = iter(["geen"] * (GEEN_POGINGEN - 1) + ["in_wachtrij"] + ["geen"] * GEEN_POGINGEN)
    monkeypatch.setattr(inspectie, "bezorging", lambda nummer: SimpleNamespace(status=next(statussen)))
    monkeypatch.setattr(inspectie, "ophalen", lambda url, nummer: None)
    monkeypatch.setattr(keten.omgeving, "inspectie", lambda: inspectie)
    drimmelen, geen = keten.config.organisatie("Drimmelen"), [0]
    opgegeven = [keten._opgegeven("3000001", drimmelen, geen) for _ in range(2 * GEEN_POGINGEN)]
    assert opgegeven == [False] * (2 * GEEN_POGINGEN - 1) + [True]


@pytest.mark.parametrize(
    ("status", "fout", "storingen", "opgegeven"),
    [("wacht", "HTTP 500", ["DSO-LV: RuntimeError"], True), ("wacht", "HTTP 500", [], False),
     ("wacht", None, ["DSO-LV: RuntimeError"], False), ("opgegeven", None, [], True), ("verwerkt", None, [], False)],
    ids=["fout-en-storing", "fout-zonder-storing", "storing-zonder-fout", "opgegeven", "verwerkt"],
)  # fmt: skip
def test_the_wait_ends_when_the_vth_gave_up_or_its_fetch_failed_on_a_mock_storing(
    keten: Keten, monkeypatch: pytest.MonkeyPatch, status: str, fout: str | None, storingen: list[str],
    opgegeven: bool,
) -> None:  # fmt: skip
    """A fetch that fails while a mock recorded a storing of its own will not get better by waiting: the wait ends
    (the step then reports the storing as a harness error). A fetch failing without one is retried as ever."""
    from types import SimpleNamespace

    inspectie = keten.omgeving.inspectie()
    assert inspectie is not None
    monkeypatch.setattr(inspectie, "bezorging", lambda nummer: SimpleNamespace(status="bevestigd"))
    monkeypatch.setattr(inspectie, "ophalen", lambda url, nummer: SimpleNamespace(status=status, laatste_fout=fout))
    monkeypatch.setattr(inspectie, "storingen", lambda: storingen)
    monkeypatch.setattr(keten.omgeving, "inspectie", lambda: inspectie)
    assert keten._opgegeven("3000001", keten.config.organisatie("Drimmelen"), [0]) is opgegeven


@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(bezorgt_niet=True)))
def test_loket_that_never_delivers_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, casus("kappen-boom-vergunningplicht"))
    assert (b.code, b.stap) == ("KB-STIL-VERLOREN", 9)
    assert b.partij.startswith("DSO-LV")
    assert "geen notificatie" in b.gezien and "geen melding aan de aanvrager" in b.gezien


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(laat_antwoord_vallen=True)}))
def test_zaak_missing_an_answer_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(
        keten,
        casus("kappen-boom-vergunningplicht"),
    )
    assert b.code == "KB-ZAAK-ONVOLLEDIG"
    assert b.gezien.startswith("antwoord op vraag uitv__") and b.gezien.endswith("ontbreekt")


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(haalt_niet_op=True)}))
def test_vth_that_never_fetches_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, casus("kappen-boom-vergunningplicht"))
    assert (b.code, b.partij) == ("KB-NIET-OPGEHAALD", "VTH-systeem Gemeente Drimmelen")


def test_wrong_conclusion_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    c = casus("kappen-boom-vergunningplicht")
    c.vergunningcheck.verwacht = "Toestemmingsvrij"
    b = bevinding(keten, c)
    assert (b.code, b.stap, b.partij) == ("KB-CONCLUSIE", 8, "Omgevingsloket (vergunningcheck)")
    assert b.verwacht == "Toestemmingsvrij" and b.gezien.startswith("Vergunningplicht")
    assert b.deelstap == "8a"  # the register keeps stap 8's halves apart


def test_refusal_must_name_the_missing_bijlage(keten: Keten, casus: Callable[[str], Casus]) -> None:
    c = casus("kappen-boom-bijlage-ontbreekt")
    c.verwacht.melding_bevat = ["Foto van de boom"]
    b = bevinding(keten, c)
    assert (b.code, b.stap) == ("KB-WEIGERING-ONDUIDELIJK", 8)
    assert "'Foto van de boom'" in b.verwacht and "Situatietekening kappen" in b.gezien


def test_aanvraag_accepted_despite_missing_requirements_is_reported(
    keten: Keten, casus: Callable[[str], Casus]
) -> None:
    c = casus("kappen-boom-vergunningplicht")
    c.verwacht.uitkomst = "geweigerd"
    b = bevinding(keten, c)
    assert b.code == "KB-AANVRAAG-NIET-GEWEIGERD"


def test_unexpected_refusal_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    c = casus("kappen-boom-bijlage-ontbreekt")
    c.verwacht.uitkomst = "zaak"
    b = bevinding(keten, c)
    assert (b.code, b.partij) == ("KB-AANVRAAG-GEWEIGERD", "Omgevingsloket (indienen)")
    assert "Situatietekening kappen" in b.gezien
    from chain_tests.reporting.bevindingen import Bevinding

    assert b.deelstap == "8b" and Bevinding.uit("s", "t", "1", b).stap == "8b"


@pytest.mark.keten_fouten(Fouten(rtr=RtrFouten(weigert_toepasbaar=True)))
def test_rtr_that_refuses_toepasbaar_maken_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, casus("kappen-boom-vergunningplicht"))
    assert (b.code, b.stap, b.partij) == ("KB-RTR-TOEPASBAAR", 5, "RTR")
    assert "HTTP 500" in b.gezien and "RTR-500" in b.gezien


@pytest.mark.keten_fouten(Fouten(rtr=RtrFouten(verliest_regels=True)))
def test_rtr_that_loses_published_rules_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, casus("kappen-boom-vergunningplicht"))
    assert (b.code, b.stap, b.partij) == ("KB-RTR-NIET-OPVRAAGBAAR", 7, "RTR")
    assert b.gezien.startswith("0 treffer(s)")


@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(negeert_regels=True)))
def test_loket_that_ignores_the_rules_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, casus("kappen-boom-vergunningplicht"))
    assert (b.code, b.stap) == ("KB-CONCLUSIE", 8)
    assert b.verwacht == "Vergunningplicht" and b.gezien.startswith("Toestemmingsvrij")


@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(verminkt_upload=True)))
def test_loket_that_mangles_an_upload_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, casus("kappen-boom-vergunningplicht"))
    assert (b.code, b.stap, b.partij) == ("KB-UPLOAD", 8, "Omgevingsloket (indienen)")
    assert "situatietekening.pdf" in b.samenvatting and "sha256 " + "0" * 64 in b.gezien


@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(accepteert_alles=True)))
def test_loket_that_skips_indieningsvereisten_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, casus("kappen-boom-bijlage-ontbreekt"))
    assert (b.code, b.stap) == ("KB-AANVRAAG-NIET-GEWEIGERD", 8)
    assert "verzoeknummers" in b.gezien


@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(vage_weigering=True)))
def test_loket_with_a_vague_refusal_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, casus("kappen-boom-bijlage-ontbreekt"))
    assert (b.code, b.partij) == ("KB-WEIGERING-ONDUIDELIJK", "Omgevingsloket (indienen)")
    assert b.gezien == "De aanvraag is onvolledig."


@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(routeert_naar=LELYSTAD)))
def test_misrouted_verzoek_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    lelystad = LELYSTAD
    b = bevinding(keten, casus("kappen-boom-vergunningplicht"))
    assert (b.code, b.stap, b.partij) == ("KB-GEEN-VERZOEK", 8, "Omgevingsloket")
    assert DRIMMELEN in b.verwacht and lelystad in b.gezien


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(maakt_geen_zaak=True)}))
def test_vth_that_fetches_but_makes_no_zaak_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, casus("kappen-boom-vergunningplicht"))
    assert (b.code, b.partij) == ("KB-GEEN-ZAAK", "VTH-systeem Gemeente Drimmelen")
    assert "opgehaald (2 bijlage(n))" in b.gezien


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(dubbele_zaak=True)}))
def test_vth_that_makes_two_zaken_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, casus("kappen-boom-vergunningplicht"))
    assert (b.code, b.stap) == ("KB-DUBBELE-ZAAK", 9)
    assert b.gezien == "ZAAK-00001 (volgnummer 1), ZAAK-00002 (volgnummer 1)"


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(verminkt_bijlage=True)}))
def test_vth_with_a_corrupted_bijlage_is_reported(keten: Keten, casus: Callable[[str], Casus]) -> None:
    b = bevinding(keten, casus("kappen-boom-vergunningplicht"))
    assert b.code == "KB-ZAAK-ONVOLLEDIG"
    assert (
        b.gezien.startswith("bijlage 'situatietekening.pdf' wijkt af:")
        and f"sha256 {gegenereerd_sha256('situatietekening.pdf', 184320, eerste_byte_omgedraaid=True)[:12]}… in "
        "plaats van"
        in b.gezien
    )


def test_against_real_systems_a_missing_zaak_is_named_without_inspection(casus: Callable[[str], Casus]) -> None:
    """Against real systems there is no /_ketentest/ inspection: the finding still names the verzoek and the VTH."""
    from chain_tests import Fouten, VthFouten
    from chain_tests.offline import OfflineKeten

    omgeving = OfflineKeten(fouten=Fouten(vth={"00000001001719001000": VthFouten(maakt_geen_zaak=True)}))
    omgeving.inspectie = lambda: None  # type: ignore[method-assign]
    try:
        start = omgeving.klok.nu()
        with pytest.raises(KetenBevinding) as info:
            speel_casus(Keten(omgeving), casus("kappen-boom-vergunningplicht"))
        gewacht = (omgeving.klok.nu() - start).total_seconds()
    finally:
        omgeving.sluit()
    assert gewacht >= omgeving.config.tijden.deadline_zaak  # nothing says it will not come: the whole deadline
    b = zoals_in_catalogus(info.value)
    assert (b.code, b.stap, b.partij) == ("KB-GEEN-ZAAK", 9, "VTH-systeem Gemeente Drimmelen")
    assert b.verzoeknummer == "3000001" and "niet op te vragen" in b.samenvatting


@pytest.mark.parametrize(
    ("fouten", "code", "tekst"),
    [
        (
            Fouten(loket=LoketFouten(bezorgt_niet=True)),
            "KB-STIL-VERLOREN",
            "Stap 9 – DSO-LV (Omgevingsloket): het verzoek is stil verloren gegaan: ",
        ),
        (
            Fouten(vth={"00000001001719001000": VthFouten(onbeschikbaar=10_000)}),
            "KB-GEEN-ACK",
            "Stap 9 – Digikoppeling-endpoint Gemeente Drimmelen: de verzoeknotificatie is niet bevestigd (geen ebMS "
            "Acknowledgment)\n",
        ),
    ],
    ids=["nooit-in-de-outbox", "outbox-gaf-op"],
)
def test_the_harness_stops_waiting_once_the_mocks_say_nothing_more_will_come(
    casus: Callable[[str], Casus], fouten: Fouten, code: str, tekst: str
) -> None:
    from chain_tests.offline import OfflineKeten

    omgeving = OfflineKeten(fouten=fouten)
    try:
        keten = Keten(omgeving)
        start = omgeving.klok.nu()
        with pytest.raises(KetenBevinding) as info:
            speel_casus(keten, casus("kappen-boom-vergunningplicht"))
        gewacht = (omgeving.klok.nu() - start).total_seconds()
    finally:
        omgeving.sluit()
    assert info.value.code == code and info.value.verzoeknummer == "3000001"
    assert f"[{code}] {tekst}" in str(info.value)
    # not the whole deadline: 5 polls without the verzoek in the outbox (0..4 s), or the outbox's 4 attempts 10 s apart
    assert gewacht == {"KB-STIL-VERLOREN": 4.0, "KB-GEEN-ACK": 40.0}[code]
    if code == "KB-GEEN-ACK":  # the VTH's last answer, as DSO-LV's outbox saw it
        assert info.value.gezien.endswith(
            "; laatste fout: HTTP 503 (tijdelijk niet beschikbaar) — geen Acknowledgment na 4 pogingen"
        )


def test_an_unacknowledged_delivery_without_an_error_says_so() -> None:
    from chain_tests.config import KetenConfig
    from chain_tests.keten.ontvangen import OntvangStappen
    from chain_tests.standards.inspectie import Bezorgstatus

    org = KetenConfig().organisatie("Drimmelen")
    b = OntvangStappen._geen_ack("3000001", org, Bezorgstatus(verzoeknummer="3000001", status="verzonden", pogingen=2))
    assert (b.code, b.partij) == ("KB-GEEN-ACK", "Digikoppeling-endpoint Gemeente Drimmelen")
    assert b.gezien == "status verzonden na 2 poging(en); laatste fout: -"
    assert str(b).startswith("[KB-GEEN-ACK] Stap 9 – Digikoppeling-endpoint Gemeente Drimmelen: de verzoeknotificatie")


def test_each_difference_in_the_zaak_gegevens_is_named_with_what_was_expected(
    keten: Keten, casus: Callable[[str], Casus]
) -> None:
    """chain_tests.keten.controles.verschillen: one named tekort per field a VTH got wrong, nothing for the rest."""
    uitkomst = speel_casus(keten, casus("kappen-boom-vergunningplicht"))
    assert uitkomst.zaak is not None and uitkomst.indiening is not None
    zaak, indiening, d = uitkomst.zaak, uitkomst.indiening, keten.config.organisatie("Drimmelen")
    assert verschillen(zaak, indiening, d) == []
    naam = indiening.aanvraag.initiatiefnemer.naam
    fout = zaak.model_copy(
        update={
            "initiatiefnemer": "Iemand anders",
            "verzoektype": "Melding",
            "project_id": "P-elders",
            "status": "afgehandeld",
        }
    )
    assert verschillen(fout, indiening, d) == [
        f"projectId P-elders in plaats van {indiening.project_id}",
        "verzoektype 'Melding' in plaats van 'Aanvraag vergunning'",
        f"initiatiefnemer 'Iemand anders' in plaats van {naam!r}",
    ]
    eigen = indiening.aanvraag.activiteiten[0]
    vreemd = zaak.model_copy(update={"activiteiten": ["nl.imow-gm9999.activiteit.Elders"]})
    assert verschillen(vreemd, indiening, d)[:2] == [
        f"activiteit {eigen.naam} ({eigen.activiteit_id}) ontbreekt",
        "activiteit nl.imow-gm9999.activiteit.Elders hoort bij een ander bevoegd gezag",  # unknown: named by its id
    ]
    namen = [d.naam for d in indiening.documenten]
    assert len(namen) == 2
    zonder = zaak.model_copy(update={"bijlagen": []})
    assert verschillen(zonder, indiening, d) == [f"2 bijlage(n) ontbreken: {namen[0]!r}, {namen[1]!r}"]
    aanvulling = replace(indiening, aanvraag=replace(indiening.aanvraag, doel="Aanvullen"))
    assert verschillen(zaak, aanvulling, d)[-1] == "status 'ontvangen' in plaats van 'aangevuld' na aanvullen"


def test_no_verzoek_for_the_bevoegd_gezag_names_the_verzoeken_the_loket_did_make(
    keten: Keten, casus: Callable[[str], Casus]
) -> None:
    uitkomst = speel_casus(keten, casus("kappen-boom-vergunningplicht"))
    assert uitkomst.indiening is not None
    drimmelen, lelystad = keten.config.organisatie("Drimmelen"), keten.config.organisatie("Lelystad")
    elders = replace(uitkomst.indiening, verzoeknummers={drimmelen.oin: "3000001", "": "3000002"})
    with pytest.raises(KetenBevinding) as info:
        keten.verzoeknummer(elders, lelystad)
    b = info.value
    assert (b.code, b.stap, b.partij) == ("KB-GEEN-VERZOEK", 8, "Omgevingsloket")
    assert b.verwacht == f"verzoek voor Gemeente Lelystad ({lelystad.oin})"
    assert b.gezien == f"verzoeken voor Gemeente Drimmelen, ? ({drimmelen.oin}, )"


def test_a_vth_system_that_cannot_be_reached_is_waited_for_and_its_last_error_attached(
    keten: Keten, casus: Callable[[str], Casus], monkeypatch: pytest.MonkeyPatch, rapport: object
) -> None:
    import httpx

    drimmelen = keten.config.organisatie("Drimmelen")
    adapter = type(keten.omgeving.vth_adapter(drimmelen))

    pogingen: list[str] = []

    def plat(self: object, nummer: str) -> object:
        pogingen.append(nummer)
        raise httpx.ConnectError(f"verbinding geweigerd door 127.0.0.1:8443 (poging {len(pogingen)})")

    monkeypatch.setattr(adapter, "zaken", plat)
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, casus("kappen-boom-vergunningplicht"))
    assert info.value.stap == 9
    stap = rapport.stap("Stap 9: Verzoek 3000001")  # type: ignore[attr-defined]
    bijlagen = dict(stap.bijlagen)
    assert len(pogingen) > 2  # the last error is attached, not the first
    assert bijlagen["VTH-systeem Gemeente Drimmelen niet bereikbaar"] == (
        f"ConnectError: verbinding geweigerd door 127.0.0.1:8443 (poging {len(pogingen)})"
    )
