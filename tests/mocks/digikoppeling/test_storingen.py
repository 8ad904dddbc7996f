"""The deliberate faults of a real Digikoppeling chain, wrapped around DSO-LV's post
(mocks/digikoppeling/storingen.py): each strikes the attempt or the Acknowledgment it names, as often as it says,
and the delivery then goes on as the protocol does."""

from __future__ import annotations

from datetime import timedelta

import httpx

from chain_tests.klok import HandmatigeKlok
from chain_tests.standards.ebms import acknowledgment
from chain_tests.standards.inspectie import Bezorgfout
from mocks.digikoppeling.storingen import GestoordPostvak
from tests.mocks.digikoppeling.hulp import VTH, Ontvanger, postvak, stappen, van, verstuur


def test_a_lost_ack_fault_that_strikes_each_attempt_loses_one_ack_per_attempt() -> None:
    """Keten fault ack-verloren with aantal 2 on a message sent twice: the first two Acknowledgments are lost
    (one per struck attempt), the third counts."""

    fouten = [Bezorgfout(soort="ack-verloren", aantal=2)]
    vak, klok = postvak(Ontvanger(lambda: httpx.Response(202)), GestoordPostvak, ketenfouten=lambda: fouten)
    verstuur(vak)
    stappen(vak, klok, 2)
    (b,) = vak.outbox
    assert b.pogingen == 2
    ack = acknowledgment(b.bericht)
    for _ in range(2):
        assert vak.signaal(van(VTH), ack).status_code == 202 and b.status != "bevestigd"
    assert vak.logboek.count(f"Acknowledgment voor {b.bericht.message_id} opzettelijk verloren") == 2
    assert vak.signaal(van(VTH), ack).status_code == 202 and b.status == "bevestigd"


def test_a_delay_fault_moves_the_attempt_and_says_so() -> None:

    fouten = [Bezorgfout(soort="vertraging", seconden=25)]
    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, klok = postvak(ontvanger, GestoordPostvak, ketenfouten=lambda: fouten)
    verstuur(vak)
    begin = klok.nu()
    vak.werk()
    (b,) = vak.outbox
    assert (b.pogingen, b.volgende_poging, ontvanger.berichten) == (0, begin + timedelta(seconds=25), [])
    assert vak.logboek == [f"{b.bericht.message_id}: opzettelijk 25 s vertraagd"]
    klok.wacht(25)
    vak.werk()
    assert (b.pogingen, b.status, len(ontvanger.berichten)) == (1, "verzonden", 1)


def _gestoord(ontvanger: Ontvanger, *fouten: Bezorgfout) -> tuple[GestoordPostvak, HandmatigeKlok]:
    lijst = list(fouten)
    return postvak(ontvanger, GestoordPostvak, ketenfouten=lambda: lijst)


def test_a_refused_connection_is_an_attempt_that_never_reaches_the_receiver() -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, _ = _gestoord(ontvanger, Bezorgfout(soort="verbinding-geweigerd"))
    verstuur(vak)
    vak.werk()
    (b,) = vak.outbox
    assert (b.pogingen, b.status, ontvanger.berichten) == (1, "in_wachtrij", [])
    assert b.laatste_fout == "verbindingsfout: verbinding geweigerd (opzettelijke ketenfout)"


def test_a_broken_connection_delivers_but_loses_the_answer_so_the_message_is_sent_again() -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, klok = _gestoord(ontvanger, Bezorgfout(soort="verbinding-verbroken"))
    verstuur(vak)
    vak.werk()
    (b,) = vak.outbox
    assert (b.pogingen, b.status, len(ontvanger.berichten)) == (1, "in_wachtrij", 1)
    assert b.laatste_fout == "verbinding verbroken voordat het antwoord kwam (opzettelijke ketenfout)"
    stappen(vak, klok, 2)
    assert b.status == "verzonden" and len({m.message_id for m in ontvanger.berichten}) == 1


def test_a_double_delivery_sends_the_same_message_twice_at_once() -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, _ = _gestoord(ontvanger, Bezorgfout(soort="dubbel"))
    verstuur(vak)
    vak.werk()
    assert len(ontvanger.berichten) == 2 and ontvanger.berichten[0].message_id == ontvanger.berichten[1].message_id
    assert (vak.outbox[0].pogingen, vak.outbox[0].status) == (1, "verzonden")


def test_a_delivery_after_the_acknowledgment_comes_on_the_next_pass_once() -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, _ = _gestoord(ontvanger, Bezorgfout(soort="dubbel-na-ack"))
    verstuur(vak)
    vak.werk()
    (b,) = vak.outbox
    assert vak.signaal(van(VTH), acknowledgment(b.bericht)).status_code == 202 and b.status == "bevestigd"
    vak.werk()
    vak.werk()
    assert len(ontvanger.berichten) == 2 and b.status == "bevestigd" and b.pogingen == 1


def test_a_fault_for_another_verzoek_leaves_this_delivery_alone() -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, _ = _gestoord(ontvanger, Bezorgfout(soort="verbinding-geweigerd", verzoeknummer="3000002"))
    verstuur(vak, sleutel="3000001")
    vak.werk()
    assert (vak.outbox[0].status, len(ontvanger.berichten)) == ("verzonden", 1)
