"""Keten faults per verzoek: the faults of a real Digikoppeling chain, aimed at one verzoek or
message and a time window. Each test shows that the fault really struck (in the trace or the mocks' own
account) and that the reference VTH still ends with one correct zaak — what a supplier's VTH must do too."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import get_args

import pytest
from pydantic import ValidationError

from chain_tests import Fouten
from chain_tests.casus import Casus
from chain_tests.keten import Keten
from chain_tests.mockservers import NAAM, MockServers
from chain_tests.offline import OfflineKeten
from chain_tests.profiel import laad_profiel
from chain_tests.scenario import aanvraag_uit, publiceer, speel_casus
from chain_tests.served import ServedKeten
from chain_tests.standards.inspectie import Bezorgfout, Bezorgsoort, Ketenfouten, Ophaalfout, Ophaalsoort
from chain_tests.streams import CHUNK
from chain_tests.trace import TraceRegel
from tests.bouwstenen import DRIMMELEN, LELYSTAD, ROOT

NUMMER = "3000001"


def _speel(casus: Callable[[str], Casus], ketenfouten: Ketenfouten) -> tuple[OfflineKeten, Keten]:
    omgeving = OfflineKeten(fouten=Fouten(keten=ketenfouten))
    keten = Keten(omgeving)
    uitkomst = speel_casus(keten, casus("kappen-boom-vergunningplicht"))
    assert uitkomst.zaak is not None and uitkomst.zaak.verzoeknummer == NUMMER and len(uitkomst.zaak.bijlagen) == 2
    return omgeving, keten


def _notificaties(regels: list[TraceRegel]) -> list[TraceRegel]:
    return [r for r in regels if r.soort == "ebMS2-bericht" and r.ids.get("Action") == "Verzoeknotificatie"]


def _acks(regels: list[TraceRegel]) -> list[TraceRegel]:
    """The Acknowledgments of the verzoeknotificaties (not those of the VTH's Lopende Zaken messages)."""
    ids = {r.ids["MessageId"] for r in _notificaties(regels)}
    return [r for r in regels if r.soort == "ebMS2-bericht" and r.ids.get("RefToMessageId") in ids]


@pytest.fixture
def speel(casus: Callable[[str], Casus]) -> Callable[[Ketenfouten], OfflineKeten]:
    gespeeld: list[OfflineKeten] = []

    def run(ketenfouten: Ketenfouten) -> OfflineKeten:
        omgeving, _ = _speel(casus, ketenfouten)
        gespeeld.append(omgeving)
        return omgeving

    yield run  # type: ignore[misc]
    for o in gespeeld:
        o.sluit()


def test_no_fault_one_delivery_one_ack(speel: Callable[[Ketenfouten], OfflineKeten]) -> None:
    regels = speel(Ketenfouten()).trace.regels
    assert len(_notificaties(regels)) == 1 and len(_acks(regels)) == 1
    downloads = [r for r in regels if r.soort == "bijlage ophalen"]  # served with the type the STAM announces
    assert [r.antwoord_type for r in downloads] == ["application/pdf", "image/jpeg"]


def test_dubbel_delivers_the_same_message_twice_and_the_vth_makes_one_zaak(
    speel: Callable[[Ketenfouten], OfflineKeten],
) -> None:
    omgeving = speel(Ketenfouten(bezorging=[Bezorgfout(soort="dubbel", verzoeknummer=NUMMER)]))
    ids = Counter(r.ids["MessageId"] for r in _notificaties(omgeving.trace.regels))
    assert list(ids.values()) == [2]  # the same MessageId twice


def test_dubbel_na_ack_delivers_again_after_the_acknowledgment(speel: Callable[[Ketenfouten], OfflineKeten]) -> None:
    omgeving = speel(Ketenfouten(bezorging=[Bezorgfout(soort="dubbel-na-ack")]))
    regels = omgeving.trace.regels
    notificaties, eerste_ack = _notificaties(regels), _acks(regels)[0]
    assert len({r.ids["MessageId"] for r in notificaties}) == 1 and len(notificaties) == 2
    assert notificaties[1].volgnummer > eerste_ack.volgnummer  # after the ack


def test_ack_verloren_makes_dso_lv_deliver_again_and_the_vth_acknowledge_again(
    speel: Callable[[Ketenfouten], OfflineKeten],
) -> None:
    omgeving = speel(Ketenfouten(bezorging=[Bezorgfout(soort="ack-verloren", aantal=2)]))
    regels = omgeving.trace.regels
    assert len(_notificaties(regels)) == 3 and len(_acks(regels)) == 3
    inspectie = omgeving.inspectie()
    assert inspectie is not None and inspectie.bezorging(NUMMER).status == "bevestigd"


def test_verbinding_geweigerd_counts_failed_attempts_then_delivers(
    speel: Callable[[Ketenfouten], OfflineKeten],
) -> None:
    omgeving = speel(Ketenfouten(bezorging=[Bezorgfout(soort="verbinding-geweigerd", aantal=2, ontvanger=DRIMMELEN)]))
    inspectie = omgeving.inspectie()
    assert inspectie is not None
    status = inspectie.bezorging(NUMMER)
    assert (status.status, status.pogingen) == ("bevestigd", 3) and len(_notificaties(omgeving.trace.regels)) == 1


def test_verbinding_verbroken_loses_the_answer_but_the_acknowledgment_still_counts(
    speel: Callable[[Ketenfouten], OfflineKeten],
) -> None:
    """osb-rm: the HTTP answer is lost, but the message arrived; its Acknowledgment ends the delivery."""
    omgeving = speel(Ketenfouten(bezorging=[Bezorgfout(soort="verbinding-verbroken")]))
    inspectie = omgeving.inspectie()
    assert inspectie is not None
    status = inspectie.bezorging(NUMMER)
    assert status.status == "bevestigd" and "verbinding verbroken" in (status.laatste_fout or "")
    assert len(_notificaties(omgeving.trace.regels)) == 1


def test_a_window_makes_the_vth_unreachable_for_a_while(speel: Callable[[Ketenfouten], OfflineKeten]) -> None:
    """The VTH is 'down' for the first 5 seconds: every attempt in that window fails, the next one arrives."""
    omgeving = speel(Ketenfouten(bezorging=[Bezorgfout(soort="verbinding-geweigerd", aantal=None, tot=5.0)]))
    inspectie = omgeving.inspectie()
    assert inspectie is not None and inspectie.bezorging(NUMMER).pogingen > 1


def test_vertraging_delivers_later_on_the_keten_clock(casus: Callable[[str], Casus]) -> None:
    duur = {}
    for seconden in (0.0, 20.0):
        omgeving = OfflineKeten(
            fouten=Fouten(keten=Ketenfouten(bezorging=[Bezorgfout(soort="vertraging", seconden=seconden)]))
        )
        begin = omgeving.nu()
        speel_casus(Keten(omgeving), casus("kappen-boom-vergunningplicht"))
        duur[seconden] = (omgeving.nu() - begin).total_seconds()
        omgeving.sluit()
    assert duur[20.0] - duur[0.0] >= 19.0


@pytest.mark.parametrize("soort", ["http-503", "http-500"])
def test_ophalen_errors_are_retried_by_the_vth(speel: Callable[[Ketenfouten], OfflineKeten], soort: str) -> None:
    omgeving = speel(Ketenfouten(ophalen=[Ophaalfout(soort=soort, aantal=2, verzoeknummer=NUMMER)]))  # type: ignore[arg-type]
    fouten = [r for r in omgeving.trace.regels if r.status == int(soort[-3:])]
    assert len(fouten) == 2 and all(r.soort == "verzoekreferenties ophalen" for r in fouten)
    status = soort[-3:]
    body = json.loads(fouten[0].antwoord or b"{}")  # what the VTH got: a Foutbericht that says it was deliberate
    assert body["titel"] == "Opzettelijke ketenfout"
    assert body["meldingen"] == [
        {
            "code": f"AFH-{status}",
            "tekst": f"Verzoek afhandelen antwoordt {status} (opzettelijke ketenfout).",
            "ernst": "fout",
        }
    ]
    inspectie = omgeving.inspectie()
    assert inspectie is not None
    ophalen = inspectie.ophalen(omgeving.config.organisatie(DRIMMELEN).base_url, NUMMER)
    assert ophalen is not None and (ophalen.status, ophalen.pogingen) == ("verwerkt", 3)


@pytest.mark.parametrize(("ontvanger", "treft"), [(DRIMMELEN, True), (LELYSTAD, False)])
def test_an_ophalen_fault_for_one_receiver_strikes_only_its_fetches(
    speel: Callable[[Ketenfouten], OfflineKeten], ontvanger: str, treft: bool
) -> None:
    omgeving = speel(Ketenfouten(ophalen=[Ophaalfout(soort="http-503", aantal=2, ontvanger=ontvanger)]))
    assert len([r for r in omgeving.trace.regels if r.status == 503]) == (2 if treft else 0)


def test_a_truncated_bijlage_is_fetched_again_not_kept(speel: Callable[[Ketenfouten], OfflineKeten]) -> None:
    omgeving = speel(Ketenfouten(ophalen=[Ophaalfout(soort="bijlage-afgekapt")]))
    downloads = [r for r in omgeving.trace.regels if r.soort == "bijlage ophalen"]
    assert len(downloads) == 3  # the truncated one, then both again on the retry
    assert downloads[0].pad == downloads[1].pad  # the same bijlage again
    logboek = omgeving.vths[DRIMMELEN].logboek
    waarom = [r for r in logboek if "ophalen mislukt (poging 1)" in r]
    assert len(waarom) == 1 and "[VTH-BIJLAGE-ONVOLLEDIG] bijlage " in waarom[0], logboek
    kreeg, hoort = map(int, re.findall(r"\((\d+) bytes in plaats van (\d+)\)", waarom[0])[0])
    assert kreeg == hoort // 2 > 0  # the first half of the file


def test_a_fault_for_another_verzoek_does_not_strike(speel: Callable[[Ketenfouten], OfflineKeten]) -> None:
    omgeving = speel(Ketenfouten(bezorging=[Bezorgfout(soort="dubbel", verzoeknummer="9999999")]))
    assert len(_notificaties(omgeving.trace.regels)) == 1


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        ({"bezorging": [{"soort": "verdwijnt"}]}, "soort"),
        ({"bezorging": [{"soort": "dubbel", "vanaf": 10, "tot": 5}]}, "'tot' moet na 'vanaf' liggen"),
        ({"ophalen": [{"soort": "traag", "seconden": 3601}]}, "seconden"),
        ({"bezorging": [{"soort": "dubbel", "aantal": 0}]}, "aantal"),
    ],
)
def test_a_wrong_fault_is_refused_naming_the_field(data: dict[str, object], melding: str) -> None:
    with pytest.raises(ValidationError, match=melding):
        Ketenfouten.model_validate(data)


def test_an_aanvulling_delivered_before_its_verzoek_ends_in_one_zaak_at_volgnummer_2(
    casus: Callable[[str], Casus],
) -> None:
    """Out of order: the initial verzoek's notification is held back 120 s, so the aanvulling (volgnummer 2)
    arrives first; the older version, arriving later, must not turn the zaak back."""
    fout = Bezorgfout(soort="vertraging", volgnummer=1, seconden=120.0)
    omgeving = OfflineKeten(fouten=Fouten(keten=Ketenfouten(bezorging=[fout])))
    try:
        keten, c = Keten(omgeving), casus("kappen-boom-vergunningplicht")
        drimmelen = keten.config.organisatie(DRIMMELEN)
        indiening = keten.dien_in(aanvraag_uit(c, keten.config, publiceer(keten, c)))
        aanvulling = keten.vul_aan(indiening, drimmelen, indiening.aanvraag.bijlagen)
        assert keten.wacht_op_zaak(aanvulling, drimmelen, volgnummer=2).volgnummer == 2
        for _ in range(30):  # let the held-back version 1 arrive and be processed
            omgeving.wacht(10.0)
            omgeving.pomp()
        notificaties = _notificaties(omgeving.trace.regels)
        assert len(notificaties) == 2 and b"volgnummer>2</" in (notificaties[0].verzoek or b"")
        (zaak,) = omgeving.vth_adapter(drimmelen).zaken(NUMMER)
        assert zaak.volgnummer == 2
        regel = f"verzoek {NUMMER} volgnummer 1 is al verwerkt (zaak {zaak.zaak_id} staat op volgnummer 2)"
        assert omgeving.vths[DRIMMELEN].logboek[-1] == regel
    finally:
        omgeving.sluit()


def test_keten_faults_travel_to_the_served_mocks(mockservers: MockServers, casus: Callable[[str], Casus]) -> None:
    """Served, through PUT /_ketentest/fouten: DSO-LV delivers the verzoeknotificatie twice (same MessageId)
    over HTTPS, and the served reference VTH still makes one zaak."""
    omgeving = ServedKeten(laad_profiel(NAAM, mockservers.profiel_pad)[1])
    try:
        omgeving.zet_fouten(Fouten(keten=Ketenfouten(bezorging=[Bezorgfout(soort="dubbel")])))
        uitkomst = speel_casus(Keten(omgeving), casus("kappen-boom-vergunningplicht"))
        assert uitkomst.zaak is not None
        nummer = uitkomst.zaak.verzoeknummer
        mijn = [r for r in _notificaties(omgeving.trace.regels) if nummer.encode() in (r.verzoek or b"")]
        assert len(mijn) == 2 and len({r.ids["MessageId"] for r in mijn}) == 1
    finally:
        omgeving.herstel_fouten()
        omgeving.sluit()


def test_every_example_in_the_supplier_guide_is_a_valid_fault() -> None:
    gids = (ROOT / "docs" / "leveranciersgids.md").read_text(encoding="utf-8")
    voorbeelden = re.findall(r"^\| [^|]+ \| `(\{\"keten\".*?\})` \|", gids, flags=re.MULTILINE)
    assert len(voorbeelden) == 13
    soorten = set()
    for v in voorbeelden:
        k = Fouten.model_validate_json(v).keten
        soorten |= {f.soort for f in [*k.bezorging, *k.ophalen]}
    assert soorten == set(get_args(Bezorgsoort)) | set(get_args(Ophaalsoort))  # one example per kind at least


def test_dso_lv_down_for_a_window_the_vth_keeps_trying(speel: Callable[[Ketenfouten], OfflineKeten]) -> None:
    omgeving = speel(Ketenfouten(ophalen=[Ophaalfout(soort="http-503", aantal=None, tot=20.0)]))
    fouten = [r for r in omgeving.trace.regels if r.status == 503]
    assert len(fouten) >= 2  # several attempts inside the window, then the zaak (checked by _speel)


@pytest.mark.parametrize("lengte", [0, 1, 1000, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 7, 3 * CHUNK])
def test_a_truncated_bijlage_is_exactly_its_first_bytes(tmp_path: Path, lengte: int) -> None:
    """bijlage-afgekapt: the receiver gets the first ``lengte`` bytes of the file, however the chunks fall."""
    from mocks.dso_lv.afhandelen import AfgekaptStream

    inhoud = bytes(i % 251 for i in range(3 * CHUNK))
    pad = tmp_path / "tekening.pdf"
    pad.write_bytes(inhoud)
    delen = list(AfgekaptStream(pad, lengte))
    assert b"".join(delen) == inhoud[:lengte]
    assert all(delen)  # no empty chunks on the wire


def test_a_bijlage_from_a_file_streams_in_chunks_and_arrives_whole(tmp_path: Path) -> None:
    from chain_tests.keten import BijlageBron

    inhoud = bytes(range(256)) * (3 * CHUNK // 256) + b"staart"
    pad = tmp_path / "tekening.pdf"
    pad.write_bytes(inhoud)
    delen = list(BijlageBron(naam="tekening.pdf", grootte=len(inhoud), bestand=pad).chunks())
    assert [len(d) for d in delen] == [CHUNK, CHUNK, CHUNK, 6] and b"".join(delen) == inhoud


def test_a_fault_for_one_version_truncates_only_the_bijlagen_of_that_version(casus: Callable[[str], Casus]) -> None:
    """Ophaalfout(volgnummer=2): the bijlagen of the verzoek arrive whole, those of the aanvulling once halved."""
    fout = Ophaalfout(soort="bijlage-afgekapt", volgnummer=2)
    omgeving = OfflineKeten(fouten=Fouten(keten=Ketenfouten(ophalen=[fout])))
    try:
        keten, c = Keten(omgeving), casus("kappen-boom-vergunningplicht")
        drimmelen = keten.config.organisatie(DRIMMELEN)
        indiening = keten.dien_in(aanvraag_uit(c, keten.config, publiceer(keten, c)))
        keten.wacht_op_zaak(indiening, drimmelen)
        onvolledig = [r for r in omgeving.vths[DRIMMELEN].logboek if "VTH-BIJLAGE-ONVOLLEDIG" in r]
        assert onvolledig == []
        aanvulling = keten.vul_aan(indiening, drimmelen, indiening.aanvraag.bijlagen)
        assert keten.wacht_op_zaak(aanvulling, drimmelen, volgnummer=2).volgnummer == 2
        onvolledig = [r for r in omgeving.vths[DRIMMELEN].logboek if "VTH-BIJLAGE-ONVOLLEDIG" in r]
        assert len(onvolledig) == 1
    finally:
        omgeving.sluit()


def test_an_aanvulling_keeps_the_verzoektype_of_its_verzoek(casus: Callable[[str], Casus]) -> None:
    """A melding supplemented stays a melding, in the aanvulling as sent and in the zaak."""
    omgeving = OfflineKeten()
    try:
        keten, c = Keten(omgeving), casus("kappen-boom-meldingsplicht")
        drimmelen = keten.config.organisatie(DRIMMELEN)
        indiening = keten.dien_in(aanvraag_uit(c, keten.config, publiceer(keten, c)))
        assert keten.wacht_op_zaak(indiening, drimmelen).verzoektype == "Melding"
        aanvulling = keten.vul_aan(indiening, drimmelen, indiening.aanvraag.bijlagen)
        zaak = keten.wacht_op_zaak(aanvulling, drimmelen, volgnummer=2)
        assert (aanvulling.aanvraag.verzoektype, zaak.verzoektype, zaak.status) == ("Melding", "Melding", "aangevuld")
    finally:
        omgeving.sluit()
