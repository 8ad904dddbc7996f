"""No false pass: only the party a message was sent to can acknowledge it, and only DSO-LV
(the CPA partner) can deliver a verzoeknotificatie to a VTH system."""

from __future__ import annotations

import pytest

from chain_tests import Fouten, VthFouten
from chain_tests.casus import laad_casus
from chain_tests.errors import KetenBevinding
from chain_tests.keten import Keten
from chain_tests.scenario import speel_casus
from chain_tests.standards import api
from chain_tests.standards.ebms import EbmsBericht, acknowledgment, ontleed
from chain_tests.trace import TraceRegel
from tests.bouwstenen import DRIMMELEN, LELYSTAD, ROOT, verpakt, verzoeknotificatie
from tests.catalogus import zoals_in_catalogus


def _notificaties(keten: Keten) -> list[TraceRegel]:
    return [r for r in keten.omgeving.trace.regels if r.ids.get("Action") == "Verzoeknotificatie" and r.verzoek]


def _vervals_ack(keten: Keten, van_oin: str, **wijzig: str) -> list[tuple[int, list[tuple[str, str]]]]:
    """Post an Acknowledgment for every verzoeknotificatie seen so far, presenting ``van_oin``."""
    antwoorden = []
    for r in _notificaties(keten):
        origineel = ontleed(r.verzoek_type or "", r.verzoek or b"")
        ack = acknowledgment(origineel)
        ack.van_oin = van_oin
        for k, v in wijzig.items():
            setattr(ack, k, v)
        headers, body = verpakt(ack)
        with keten.omgeving.client(f"Aanvaller ({van_oin})", van_oin, keten.config.dso_lv.base_url) as c:
            resp = c.post(api.EBMS, content=body, headers=headers)
        fout = ontleed(resp.headers["Content-Type"], resp.content)
        assert (fout.naar_oin, fout.ref_to_message_id) == (van_oin, ack.message_id)  # answers the forgery itself
        antwoorden.append((resp.status_code, fout.fouten))
    return antwoorden


def _casus() -> object:

    return laad_casus(ROOT / "scenarios/casussen/iteratie1/kappen-boom-vergunningplicht.yaml")


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(bevestigt_niet=True)}))
def test_an_ack_forged_by_another_certified_party_does_not_confirm_delivery(
    keten: Keten,
) -> None:
    antwoorden: list[tuple[int, list[tuple[str, str]]]] = []
    pomp = keten.omgeving.pomp

    def pomp_en_vervals() -> None:  # the attacker races the harness after every pass of the workers
        pomp()
        antwoorden.extend(_vervals_ack(keten, LELYSTAD))

    keten.omgeving.pomp = pomp_en_vervals  # type: ignore[method-assign]
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, _casus())  # type: ignore[arg-type]

    zoals_in_catalogus(info.value)
    assert info.value.code == "KB-GEEN-ACK"
    assert antwoorden and all(status == 403 for status, _ in antwoorden)
    code, tekst = antwoorden[0][1][0]
    assert code == "SecurityFailure" and LELYSTAD in tekst and DRIMMELEN in tekst
    geweigerd = [r for r in keten.omgeving.trace.regels if r.van.startswith("Aanvaller") and r.status == 403]
    assert geweigerd, "the refused forgery is recorded in the trace"
    inspectie = keten.omgeving.inspectie()
    assert inspectie is not None and info.value.verzoeknummer is not None
    signalen = inspectie.bezorging(info.value.verzoeknummer).geweigerde_signalen
    assert signalen and all(s.startswith(f"Acknowledgment van {LELYSTAD} geweigerd: ") for s in signalen), signalen


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(ack_onondertekend=True)}))
def test_an_unsigned_ack_on_a_signed_channel_never_counts_and_the_vth_is_named(keten: Keten) -> None:
    """osb-rm-s: DSO-LV refuses an Acknowledgment without a signature (SecurityFailure), so the delivery is never
    confirmed; the finding names the VTH's Digikoppeling endpoint and says why its acks did not count."""
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, _casus())  # type: ignore[arg-type]
    zoals_in_catalogus(info.value)
    assert info.value.code == "KB-GEEN-ACK" and info.value.partij == "Digikoppeling-endpoint Gemeente Drimmelen"
    assert "SecurityFailure" in info.value.gezien and "niet ondertekend" in info.value.gezien


@pytest.mark.parametrize(
    ("veld", "waarde", "code"),
    [("cpa_id", "een-andere-cpa", "Inconsistent"), ("conversation_id", "een-ander-gesprek", "Inconsistent")],
)
@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(bevestigt_niet=True)}))
def test_an_ack_from_the_right_party_in_another_conversation_is_refused(
    keten: Keten, veld: str, waarde: str, code: str
) -> None:
    pomp = keten.omgeving.pomp
    antwoorden: list[tuple[int, list[tuple[str, str]]]] = []

    def pomp_en_vervals() -> None:
        pomp()
        antwoorden.extend(_vervals_ack(keten, DRIMMELEN, **{veld: waarde}))

    keten.omgeving.pomp = pomp_en_vervals  # type: ignore[method-assign]
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, _casus())  # type: ignore[arg-type]
    zoals_in_catalogus(info.value)
    assert info.value.code == "KB-GEEN-ACK"
    assert antwoorden and antwoorden[0][0] == 400 and antwoorden[0][1][0][0] == code
    naam = {"cpa_id": "CPAId", "conversation_id": "ConversationId"}[veld]
    assert antwoorden[0][1][0][1].startswith(f"{naam} {waarde!r} hoort niet bij bericht ")


def test_an_ack_for_an_unknown_message_is_refused(keten: Keten) -> None:
    ack = EbmsBericht(
        van_oin=DRIMMELEN,
        naar_oin=keten.config.dso_lv.oin,
        cpa_id="cpa",
        conversation_id="c",
        service="urn:oasis:names:tc:ebxml-msg:service",
        action="Acknowledgment",
        ack_voor="bestaat-niet@ketentest",
        ack_requested=False,
    )
    headers, body = verpakt(ack)
    with keten.omgeving.client("VTH", DRIMMELEN, keten.config.dso_lv.base_url) as c:
        r = c.post(api.EBMS, content=body, headers=headers)
    assert r.status_code == 400
    fout = ontleed(r.headers["Content-Type"], r.content)
    assert fout.fouten[0][0] == "ValueNotRecognized"
    # the error message answers the ack itself, addressed to who sent it
    assert (fout.naar_oin, fout.ref_to_message_id) == (DRIMMELEN, ack.message_id)


def test_a_vth_refuses_a_verzoeknotificatie_that_does_not_come_from_dso_lv(keten: Keten) -> None:

    vth = keten.config.organisatie("Drimmelen")
    bericht = verzoeknotificatie(van_oin=LELYSTAD)
    headers, body = verpakt(bericht)
    with keten.omgeving.client("Gemeente Lelystad", LELYSTAD, vth.base_url) as c:
        r = c.post(api.EBMS, content=body, headers=headers)
    assert r.status_code == 403  # Lelystad signed for itself, but is no party of DSO-LV's CPA with Drimmelen
    fout = ontleed(r.headers["Content-Type"], r.content)
    code, tekst = fout.fouten[0]
    assert code == "SecurityFailure" and fout.fout_locatie == "//Header/MessageHeader/From/PartyId"
    assert LELYSTAD in tekst and keten.config.dso_lv.oin in tekst  # who it came from, and whose CPA it is


def test_a_delivery_still_under_way_at_the_deadline_is_no_acknowledgment() -> None:
    """After the zaak exists only 'bevestigd' counts: a notification DSO-LV is still retrying (never acknowledged,
    retries not used up when the wait ends) is KB-GEEN-ACK as much as one given up."""
    from chain_tests.config import KetenConfig, Tijden
    from chain_tests.offline import OfflineKeten

    config = KetenConfig(tijden=Tijden(ebms_retries=10_000, ebms_retry_interval=10))
    omgeving = OfflineKeten(config=config, fouten=Fouten(vth={DRIMMELEN: VthFouten(bevestigt_niet=True)}))
    with pytest.raises(KetenBevinding) as info:
        speel_casus(Keten(omgeving), _casus())  # type: ignore[arg-type]
    omgeving.sluit()
    assert info.value.code == "KB-GEEN-ACK" and info.value.gezien.startswith("status verzonden")
