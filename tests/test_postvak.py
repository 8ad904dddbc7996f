"""The reliable Digikoppeling post of the mock parties (mocks/postvak.py) against a receiver that answers as
told: what it retries and when, when it gives up and with which error, what it does with duplicates and its
own acknowledgments, and what it forgets. What DSO-LV reports here ends up in the finding against the VTH."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest

from chain_tests.config import Tijden
from chain_tests.klok import HandmatigeKlok
from chain_tests.standards.ebms import EbmsBericht, MimeDeel, ontleed
from mocks.postvak import Postvak

DSO, VTH, ONBEKEND = "00000001822477348000", "00000001001719001000", "00000001999999999000"
ENDPOINT = "https://vth.test/ebms"


class Ontvanger:
    """The receiving endpoint: answers each POST with the next of ``antwoorden`` (the last one repeats)."""

    def __init__(self, *antwoorden: Callable[[], httpx.Response]) -> None:
        self.antwoorden = list(antwoorden)
        self.berichten: list[EbmsBericht] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.berichten.append(ontleed(request.headers["Content-Type"], request.read()))
        antwoord = self.antwoorden.pop(0) if len(self.antwoorden) > 1 else self.antwoorden[0]
        return antwoord()


def _postvak(ontvanger: Callable[[httpx.Request], httpx.Response], **extra: int) -> tuple[Postvak, HandmatigeKlok]:
    klok = HandmatigeKlok()
    vak = Postvak(
        naam="DSO-LV",
        eigen_oin=DSO,
        adresboek={VTH: ENDPOINT},
        tijden=Tijden(ebms_retries=3, ebms_retry_interval=10),
        klok=klok,
        client=lambda: httpx.Client(transport=httpx.MockTransport(ontvanger)),
        **extra,  # type: ignore[arg-type]
    )
    return vak, klok


def _verstuur(vak: Postvak, naar: str = VTH, sleutel: str = "3000001") -> None:
    vak.verstuur(
        sleutel, naar, "osb:Verzoek", "Verzoeknotificatie", [MimeDeel("stam", "application/xml", b"<a/>")], "C"
    )


def _stappen(vak: Postvak, klok: HandmatigeKlok, keer: int) -> None:
    for _ in range(keer):
        vak.stap()
        klok.wacht(10)


def test_a_refusal_other_than_503_ends_the_delivery_at_once_with_the_answer() -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(400, text="fout " + "x" * 400))
    vak, klok = _postvak(ontvanger)
    _verstuur(vak)
    _stappen(vak, klok, 5)
    b = vak.outbox[0]
    assert (b.status, b.pogingen, b.volgende_poging, len(ontvanger.berichten)) == ("mislukt", 1, None, 1)
    assert b.laatste_fout == "HTTP 400: fout " + "x" * 295  # the answer, cut at 300 characters


def test_503_is_retried_with_the_same_message_id_until_the_retries_are_used_up() -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(503))
    vak, klok = _postvak(ontvanger)
    _verstuur(vak)
    vak.stap()
    vak.stap()  # not due yet: no second attempt within the retry interval
    assert len(ontvanger.berichten) == 1 and vak.outbox[0].status == "in_wachtrij"
    klok.wacht(9.9)
    vak.stap()
    assert len(ontvanger.berichten) == 1
    _stappen(vak, klok, 6)
    b = vak.outbox[0]
    assert len(ontvanger.berichten) == 4 and len({m.message_id for m in ontvanger.berichten}) == 1
    assert (b.status, b.pogingen) == ("mislukt", 4)
    assert b.laatste_fout == "HTTP 503 (tijdelijk niet beschikbaar) — geen Acknowledgment na 4 pogingen"


def test_an_answer_without_acknowledgment_is_sent_again_and_then_given_up_without_an_error_of_its_own() -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, klok = _postvak(ontvanger)
    _verstuur(vak)
    vak.stap()
    assert vak.outbox[0].status == "verzonden"
    _stappen(vak, klok, 6)
    assert (vak.outbox[0].status, vak.outbox[0].laatste_fout) == ("mislukt", "geen Acknowledgment na 4 pogingen")


def test_a_receiver_that_cannot_be_reached_is_retried_and_named() -> None:
    def weg(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("verbinding geweigerd", request=request)

    vak, klok = _postvak(weg)
    _verstuur(vak)
    vak.stap()
    b = vak.outbox[0]
    assert (b.status, b.pogingen, b.laatste_fout) == ("in_wachtrij", 1, "verbindingsfout: verbinding geweigerd")
    _stappen(vak, klok, 6)
    assert (b.status, b.pogingen) == ("mislukt", 4)


def test_a_receiver_without_an_endpoint_fails_without_a_post() -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, _ = _postvak(ontvanger)
    _verstuur(vak, naar=ONBEKEND)
    vak.stap()
    b = vak.outbox[0]
    assert (b.status, b.volgende_poging, ontvanger.berichten) == ("mislukt", None, [])
    assert b.laatste_fout == f"geen Digikoppeling-endpoint voor OIN {ONBEKEND}"


def test_a_duplicate_is_dropped_but_acknowledged_again_on_the_next_step() -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, _ = _postvak(ontvanger)
    binnen = EbmsBericht(VTH, DSO, "C_x_y_v1", "gesprek", "osb:Verzoek", "Verzoeknotificatie")
    assert vak.neem_aan(binnen) is True
    assert vak.neem_aan(binnen) is False
    assert vak.logboek == [f"dubbel bericht {binnen.message_id} genegeerd"]
    assert ontvanger.berichten == []  # an ack goes out on the next step, not from within the handler
    vak.stap()
    assert [(m.ack_voor, m.van_oin, m.naar_oin) for m in ontvanger.berichten] == [(binnen.message_id, DSO, VTH)] * 2
    vak.stap()
    assert len(ontvanger.berichten) == 2


def test_an_acknowledgment_for_a_party_without_an_endpoint_is_logged() -> None:
    vak, _ = _postvak(Ontvanger(lambda: httpx.Response(202)))
    vak.neem_aan(EbmsBericht(ONBEKEND, DSO, "C", "g", "s", "a", message_id="m-1"))
    vak.stap()
    assert vak.logboek == [f"Acknowledgment m-1: geen endpoint voor OIN {ONBEKEND}"]


@pytest.mark.parametrize("vraagt_ack", [True, False])
def test_only_a_message_that_asks_for_one_gets_an_acknowledgment(vraagt_ack: bool) -> None:
    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, _ = _postvak(ontvanger)
    vak.neem_aan(EbmsBericht(VTH, DSO, "C", "g", "s", "a", ack_requested=vraagt_ack))
    vak.stap()
    assert len(ontvanger.berichten) == int(vraagt_ack)


def test_the_outbox_forgets_the_oldest_finished_deliveries_never_one_under_way() -> None:
    vak, klok = _postvak(Ontvanger(lambda: httpx.Response(400)), bewaar=2)
    _verstuur(vak, sleutel="1")
    vak.stap()  # "1" fails at once (HTTP 400): finished
    _verstuur(vak, naar=VTH, sleutel="2")
    vak.outbox[-1].volgende_poging = klok.nu() + timedelta(hours=1)  # "2" still under way
    _verstuur(vak, sleutel="3")
    assert [b.sleutel for b in vak.outbox] == ["2", "3"]
    assert vak.laatste("1") is None and vak.laatste("3") is vak.outbox[-1]


def _van(oin: str) -> httpx.Request:
    from mocks.routing import CLIENT_OIN

    return httpx.Request("POST", "https://dso.test/ebms", extensions={CLIENT_OIN: oin})


def test_an_error_message_from_the_receiver_is_recorded_on_its_delivery_until_it_is_acknowledged() -> None:
    """An ErrorList signal refers to the message by RefToMessageId (it has no Acknowledgment): its codes and
    texts become the delivery's last error; after the Acknowledgment a late error message changes nothing."""
    from chain_tests.standards.ebms import acknowledgment, foutbericht

    vak, klok = _postvak(Ontvanger(lambda: httpx.Response(202)))
    _verstuur(vak)
    _stappen(vak, klok, 1)
    (b,) = vak.outbox
    fout = foutbericht(b.bericht, "Inconsistent", "payload onleesbaar", van=VTH, naar=DSO)
    assert vak.signaal(_van(VTH), fout).status_code == 202
    assert (b.status, b.laatste_fout) == (
        "verzonden",
        "ebMS-foutbericht van de ontvanger: Inconsistent: payload onleesbaar",
    )
    ack = acknowledgment(b.bericht)
    assert vak.signaal(_van(VTH), ack).status_code == 202 and b.status == "bevestigd"
    laat = foutbericht(b.bericht, "DeliveryFailure", "te laat", van=VTH, naar=DSO)
    assert vak.signaal(_van(VTH), laat).status_code == 202
    assert b.laatste_fout == "ebMS-foutbericht van de ontvanger: Inconsistent: payload onleesbaar"


def test_a_lost_ack_fault_that_strikes_each_attempt_loses_one_ack_per_attempt() -> None:
    """Keten fault ack-verloren with aantal 2 on a message sent twice: the first two Acknowledgments are lost
    (one per struck attempt), the third counts."""
    from chain_tests.standards.ebms import acknowledgment
    from chain_tests.standards.inspectie import Bezorgfout

    fouten = [Bezorgfout(soort="ack-verloren", aantal=2)]
    vak, klok = _postvak(Ontvanger(lambda: httpx.Response(202)), ketenfouten=lambda: fouten)  # type: ignore[arg-type]
    _verstuur(vak)
    _stappen(vak, klok, 2)
    (b,) = vak.outbox
    assert b.pogingen == 2
    ack = acknowledgment(b.bericht)
    for _ in range(2):
        assert vak.signaal(_van(VTH), ack).status_code == 202 and b.status != "bevestigd"
    assert vak.logboek.count(f"Acknowledgment voor {b.bericht.message_id} opzettelijk verloren") == 2
    assert vak.signaal(_van(VTH), ack).status_code == 202 and b.status == "bevestigd"


def test_an_http_200_counts_as_delivered_like_202() -> None:
    vak, klok = _postvak(Ontvanger(lambda: httpx.Response(200)))
    _verstuur(vak)
    _stappen(vak, klok, 1)
    assert (vak.outbox[0].status, vak.outbox[0].laatste_fout) == ("verzonden", None)


def test_an_acknowledgment_that_arrives_during_the_post_is_not_undone_by_its_answer() -> None:
    """In process the receiver may acknowledge before its HTTP answer returns: the delivery stays bevestigd."""
    from chain_tests.standards.ebms import acknowledgment

    vak: Postvak | None = None

    def ontvanger(request: httpx.Request) -> httpx.Response:
        assert vak is not None
        bericht = ontleed(request.headers["Content-Type"], request.read())
        vak.signaal(_van(VTH), acknowledgment(bericht))
        return httpx.Response(202)

    vak, klok = _postvak(ontvanger)
    _verstuur(vak)
    _stappen(vak, klok, 3)
    assert (vak.outbox[0].status, vak.outbox[0].pogingen) == ("bevestigd", 1)


def test_a_connection_error_without_a_text_is_named_by_its_kind() -> None:
    def weg(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("")

    vak, klok = _postvak(weg)
    _verstuur(vak)
    _stappen(vak, klok, 1)
    assert vak.outbox[0].laatste_fout == "verbindingsfout: ConnectTimeout"


def test_an_acknowledgment_that_cannot_be_sent_is_logged_and_not_retried() -> None:
    def weg(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("verbinding geweigerd")

    vak, _ = _postvak(weg)
    vak.neem_aan(EbmsBericht(VTH, DSO, "C", "g", "s", "a", message_id="m-2"))
    vak.stap()
    vak.stap()
    assert vak.logboek == ["Acknowledgment m-2 niet verstuurd: verbinding geweigerd"]  # the sender resends


def test_a_delay_fault_moves_the_attempt_and_says_so() -> None:
    from chain_tests.standards.inspectie import Bezorgfout

    fouten = [Bezorgfout(soort="vertraging", seconden=25)]
    ontvanger = Ontvanger(lambda: httpx.Response(202))
    vak, klok = _postvak(ontvanger, ketenfouten=lambda: fouten)  # type: ignore[arg-type]
    _verstuur(vak)
    begin = klok.nu()
    vak.stap()
    (b,) = vak.outbox
    assert (b.pogingen, b.volgende_poging, ontvanger.berichten) == (0, begin + timedelta(seconds=25), [])
    assert vak.logboek == [f"{b.bericht.message_id}: opzettelijk 25 s vertraagd"]
    klok.wacht(25)
    vak.stap()
    assert (b.pogingen, b.status, len(ontvanger.berichten)) == (1, "verzonden", 1)


def test_the_remembered_message_ids_and_the_log_are_bounded() -> None:
    """A long-running served mock: it remembers the last ``bewaar`` MessageIds (older ones count as new again)
    and keeps the last ``bewaar`` log lines."""
    vak, _ = _postvak(Ontvanger(lambda: httpx.Response(202)), bewaar=2)
    berichten = [EbmsBericht(VTH, DSO, "C", "g", "s", "a", message_id=f"m-{i}", ack_requested=False) for i in range(3)]
    assert [vak.neem_aan(b) for b in berichten] == [True, True, True]
    assert vak.neem_aan(berichten[2]) is False and vak.neem_aan(berichten[0]) is True  # m-0 was forgotten
    for _ in range(3):
        vak.neem_aan(berichten[0])
    assert vak.logboek == ["dubbel bericht m-0 genegeerd"] * 2
