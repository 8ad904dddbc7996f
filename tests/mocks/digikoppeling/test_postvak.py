"""The reliable Digikoppeling post of the mock parties (mocks/digikoppeling/postvak.py) against a receiver that
answers as told: what it retries and when, when it gives up and with which error, what it does with duplicates and
its own acknowledgments, and what it forgets. What DSO-LV reports here ends up in the finding against the VTH."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from chain_tests.standards.ebms import EbmsBericht, ontleed
from mocks.digikoppeling.postvak import Postvak
from tests.bouwstenen import DSO, ONBEKEND
from tests.mocks.digikoppeling.hulp import VTH, Ontvanger, postvak, stappen, van, verstuur


def test_a_refusal_other_than_503_ends_the_delivery_at_once_with_the_answer() -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(400, text="fout " + "x" * 400))
    vak, klok = postvak(ontvanger)
    verstuur(vak)
    stappen(vak, klok, 5)
    b = vak.outbox[0]
    assert (b.status, b.pogingen, b.volgende_poging, len(ontvanger.berichten)) == ("mislukt", 1, None, 1)
    assert b.laatste_fout == "HTTP 400: fout " + "x" * 295  # the answer, cut at 300 characters


def test_503_is_retried_with_the_same_message_id_until_the_retries_are_used_up() -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(503))
    vak, klok = postvak(ontvanger)
    verstuur(vak)
    vak.werk()
    vak.werk()  # not due yet: no second attempt within the retry interval
    assert len(ontvanger.berichten) == 1 and vak.outbox[0].status == "in_wachtrij"
    klok.wacht(9.9)
    vak.werk()
    assert len(ontvanger.berichten) == 1
    stappen(vak, klok, 6)
    b = vak.outbox[0]
    assert len(ontvanger.berichten) == 4 and len({m.message_id for m in ontvanger.berichten}) == 1
    assert (b.status, b.pogingen) == ("mislukt", 4)
    assert b.laatste_fout == "HTTP 503 (tijdelijk niet beschikbaar) — geen Acknowledgment na 4 pogingen"


def test_an_answer_without_acknowledgment_is_sent_again_and_then_given_up_without_an_error_of_its_own() -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, klok = postvak(ontvanger)
    verstuur(vak)
    vak.werk()
    assert vak.outbox[0].status == "verzonden"
    stappen(vak, klok, 6)
    assert (vak.outbox[0].status, vak.outbox[0].laatste_fout) == ("mislukt", "geen Acknowledgment na 4 pogingen")


def test_a_receiver_that_cannot_be_reached_is_retried_and_named() -> None:
    def weg(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("verbinding geweigerd", request=request)

    vak, klok = postvak(weg)
    verstuur(vak)
    vak.werk()
    b = vak.outbox[0]
    assert (b.status, b.pogingen, b.laatste_fout) == ("in_wachtrij", 1, "verbindingsfout: verbinding geweigerd")
    stappen(vak, klok, 6)
    assert (b.status, b.pogingen) == ("mislukt", 4)


def test_a_receiver_without_an_endpoint_fails_without_a_post() -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, _ = postvak(ontvanger)
    verstuur(vak, naar=ONBEKEND)
    vak.werk()
    b = vak.outbox[0]
    assert (b.status, b.volgende_poging, ontvanger.berichten) == ("mislukt", None, [])
    assert b.laatste_fout == f"geen Digikoppeling-endpoint voor OIN {ONBEKEND}"


def test_a_duplicate_is_dropped_but_acknowledged_again_on_the_next_step() -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, _ = postvak(ontvanger)
    binnen = EbmsBericht(VTH, DSO, "C_x_y_v1", "gesprek", "osb:Verzoek", "Verzoeknotificatie")
    assert vak.neem_aan(binnen) is True
    assert vak.neem_aan(binnen) is False
    assert vak.logboek == [f"dubbel bericht {binnen.message_id} genegeerd"]
    assert ontvanger.berichten == []  # an ack goes out on the next step, not from within the handler
    vak.werk()
    assert [(m.ack_voor, m.van_oin, m.naar_oin) for m in ontvanger.berichten] == [(binnen.message_id, DSO, VTH)] * 2
    vak.werk()
    assert len(ontvanger.berichten) == 2


def test_an_acknowledgment_for_a_party_without_an_endpoint_is_logged() -> None:
    vak, _ = postvak(Ontvanger(lambda: httpx.Response(202)))
    vak.neem_aan(EbmsBericht(ONBEKEND, DSO, "C", "g", "s", "a", message_id="m-1"))
    vak.werk()
    assert vak.logboek == [f"Acknowledgment m-1: geen endpoint voor OIN {ONBEKEND}"]


@pytest.mark.parametrize("vraagt_ack", [True, False])
def test_only_a_message_that_asks_for_one_gets_an_acknowledgment(vraagt_ack: bool) -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, _ = postvak(ontvanger)
    vak.neem_aan(EbmsBericht(VTH, DSO, "C", "g", "s", "a", ack_requested=vraagt_ack))
    vak.werk()
    assert len(ontvanger.berichten) == int(vraagt_ack)


def test_the_outbox_forgets_the_oldest_finished_deliveries_never_one_under_way() -> None:
    vak, klok = postvak(Ontvanger(lambda: httpx.Response(400)), bewaar=2)
    verstuur(vak, sleutel="1")
    vak.werk()  # "1" fails at once (HTTP 400): finished
    verstuur(vak, naar=VTH, sleutel="2")
    vak.outbox[-1].volgende_poging = klok.nu() + timedelta(hours=1)  # "2" still under way
    verstuur(vak, sleutel="3")
    assert [b.sleutel for b in vak.outbox] == ["2", "3"]
    assert vak.laatste("1") is None and vak.laatste("3") is vak.outbox[-1]


def test_an_error_message_from_the_receiver_is_recorded_on_its_delivery_until_it_is_acknowledged() -> None:
    """An ErrorList signal refers to the message by RefToMessageId (it has no Acknowledgment): its codes and
    texts become the delivery's last error; after the Acknowledgment a late error message changes nothing."""
    from chain_tests.standards.ebms import acknowledgment, foutbericht

    vak, klok = postvak(Ontvanger(lambda: httpx.Response(202)))
    verstuur(vak)
    stappen(vak, klok, 1)
    (b,) = vak.outbox
    fout = foutbericht(b.bericht, "Inconsistent", "payload onleesbaar", van=VTH, naar=DSO)
    assert vak.signaal(van(VTH), fout).status_code == 202
    assert (b.status, b.laatste_fout) == (
        "verzonden",
        "ebMS-foutbericht van de ontvanger: Inconsistent: payload onleesbaar",
    )
    ack = acknowledgment(b.bericht)
    assert vak.signaal(van(VTH), ack).status_code == 202 and b.status == "bevestigd"
    laat = foutbericht(b.bericht, "DeliveryFailure", "te laat", van=VTH, naar=DSO)
    assert vak.signaal(van(VTH), laat).status_code == 202
    assert b.laatste_fout == "ebMS-foutbericht van de ontvanger: Inconsistent: payload onleesbaar"


def test_an_http_200_counts_as_delivered_like_202() -> None:
    vak, klok = postvak(Ontvanger(lambda: httpx.Response(200)))
    verstuur(vak)
    stappen(vak, klok, 1)
    assert (vak.outbox[0].status, vak.outbox[0].laatste_fout) == ("verzonden", None)


def test_an_acknowledgment_that_arrives_during_the_post_is_not_undone_by_its_answer() -> None:
    """In process the receiver may acknowledge before its HTTP answer returns: the delivery stays bevestigd."""
    from chain_tests.standards.ebms import acknowledgment

    vak: Postvak | None = None

    def ontvanger(request: httpx.Request) -> httpx.Response:
        assert vak is not None
        bericht = ontleed(request.headers["Content-Type"], request.read())
        vak.signaal(van(VTH), acknowledgment(bericht))
        return httpx.Response(202)

    vak, klok = postvak(ontvanger)
    verstuur(vak)
    stappen(vak, klok, 3)
    assert (vak.outbox[0].status, vak.outbox[0].pogingen) == ("bevestigd", 1)


def test_a_connection_error_without_a_text_is_named_by_its_kind() -> None:
    def weg(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("")

    vak, klok = postvak(weg)
    verstuur(vak)
    stappen(vak, klok, 1)
    assert vak.outbox[0].laatste_fout == "verbindingsfout: ConnectTimeout"


def test_an_acknowledgment_that_cannot_be_sent_is_logged_and_not_retried() -> None:
    def weg(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("verbinding geweigerd")

    vak, _ = postvak(weg)
    vak.neem_aan(EbmsBericht(VTH, DSO, "C", "g", "s", "a", message_id="m-2"))
    vak.werk()
    vak.werk()
    assert vak.logboek == ["Acknowledgment m-2 niet verstuurd: verbinding geweigerd"]  # the sender resends


def test_the_remembered_message_ids_and_the_log_are_bounded() -> None:
    """A long-running served mock: it remembers the last ``bewaar`` MessageIds (older ones count as new again)
    and keeps the last ``bewaar`` log lines."""
    vak, _ = postvak(Ontvanger(lambda: httpx.Response(202)), bewaar=2)
    berichten = [EbmsBericht(VTH, DSO, "C", "g", "s", "a", message_id=f"m-{i}", ack_requested=False) for i in range(3)]
    assert [vak.neem_aan(b) for b in berichten] == [True, True, True]
    assert vak.neem_aan(berichten[2]) is False and vak.neem_aan(berichten[0]) is True  # m-0 was forgotten
    for _ in range(3):
        vak.neem_aan(berichten[0])
    assert vak.logboek == ["dubbel bericht m-0 genegeerd"] * 2


def test_a_message_the_mock_fails_on_ends_as_mislukt_and_the_next_still_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    """One poisoned message (here: its serialisation fails) is ended with the reason, the error is raised once for
    the party to record as its own storing, and the message after it is delivered in the same pass."""
    from mocks.digikoppeling import postvak as module

    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, klok = postvak(ontvanger)
    echt, keer = module.verpak, []

    def vergiftigd(b: EbmsBericht, *args: object) -> tuple[dict[str, str], bytes]:
        keer.append(b.message_id)
        if len(keer) == 1:
            raise RuntimeError("kapot bericht")
        return echt(b, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "verpak", vergiftigd)
    verstuur(vak, sleutel="3000001")
    verstuur(vak, sleutel="3000002")
    with pytest.raises(RuntimeError, match="kapot bericht"):
        vak.werk()
    eerste, tweede = vak.outbox
    assert eerste.status == "mislukt" and "storing in de mock" in (eerste.laatste_fout or "")
    assert tweede.status == "verzonden" and len(ontvanger.berichten) == 1
    klok.wacht(10)
    vak.werk()  # the poisoned message is not tried again: no second error
    assert eerste.pogingen == 1
