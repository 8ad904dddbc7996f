"""The contract a supplier implements (docs/contract/): generated from the code and checked in, so the two cannot
drift; and what the reference VTH and DSO-LV's Verzoek afhandelen answer holds to it, checked with openapi-core
on real exchanges (every documented answer of each operation that a test can provoke)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from chain_tests.casus import laad_casus
from chain_tests.cli.contract import tekst
from chain_tests.keten import Keten
from chain_tests.offline import OfflineKeten
from chain_tests.scenario import speel_casus
from chain_tests.standards import api, contract
from chain_tests.standards.ebms import MimeDeel
from mocks._infra.routing import InProcessTransport
from tests.bouwstenen import CASUSSEN, DOCS, DRIMMELEN, DSO, LELYSTAD, verpakt, verzoeknotificatie
from tests.openapi import Antwoord, Controlerend, Verzoek, laad

CONTRACT = DOCS / "contract"


@pytest.mark.parametrize("naam", list(contract.DOCUMENTEN))
def test_the_checked_in_document_is_what_the_code_generates(naam: str) -> None:
    pad = CONTRACT / f"{naam}.openapi.json"
    assert pad.read_text(encoding="utf-8") == tekst(naam), f"{pad} is verouderd: draai `ketentest contract`"


@pytest.mark.parametrize("bestand", list(contract.voorbeelden()))
def test_the_published_examples_are_the_bytes_the_parties_send(bestand: str) -> None:
    pad = CONTRACT / "voorbeelden" / bestand
    assert pad.read_bytes() == contract.voorbeelden()[bestand], f"{pad} is verouderd: draai `ketentest contract`"


def test_the_examples_are_valid_messages() -> None:
    """What the guide shows a supplier is what a receiver accepts: the ebMS examples parse and validate, the
    STAM example against its (derived) schema."""
    from chain_tests.standards.ebms import ontleed
    from chain_tests.standards.stam import stam_uit_xml

    def bericht(bestand: str) -> tuple[str, bytes]:
        kop, _, body = contract.voorbeelden()[bestand].partition(b"\r\n\r\n")
        soort = next(r for r in kop.decode().split("\r\n") if r.startswith("Content-Type: "))
        return soort.removeprefix("Content-Type: "), body

    notificatie = ontleed(*bericht("verzoeknotificatie.http"))
    ack, fout = ontleed(*bericht("acknowledgment.http")), ontleed(*bericht("errorlist.http"))
    assert (ack.ack_voor, fout.ref_to_message_id) == (notificatie.message_id, notificatie.message_id)
    assert fout.fouten[0][0] == "ValueNotRecognized" and fout.fout_locatie == "//Header/MessageHeader/Action"
    assert stam_uit_xml(contract.voorbeelden()["stam-verzoek.xml"]).verzoeknummer == "3000001"


@pytest.fixture
def gespeeld() -> Iterator[tuple[OfflineKeten, str]]:
    omgeving = OfflineKeten()
    keten = Keten(omgeving)
    uitkomst = speel_casus(keten, laad_casus(CASUSSEN / "iteratie1" / "kappen-boom-vergunningplicht.yaml"))
    assert uitkomst.zaak is not None
    yield omgeving, uitkomst.zaak.verzoeknummer
    keten.sluit()
    omgeving.sluit()


def _client(omgeving: OfflineKeten, oin: str, base: str, naam: str) -> tuple[httpx.Client, Controlerend]:
    spec = laad(CONTRACT / f"{naam}.openapi.json", base)
    controle = Controlerend(
        InProcessTransport(omgeving.router, oin), spec, verzoeken=False
    )  # some are wrong on purpose
    return httpx.Client(transport=controle, base_url=base), controle


def test_the_reference_vths_zaak_api_answers_as_documented(gespeeld: tuple[OfflineKeten, str]) -> None:
    omgeving, nummer = gespeeld
    vth = omgeving.config.organisatie("Drimmelen").base_url
    eigen, controle = _client(omgeving, DRIMMELEN, vth, "vth-zaken")
    (zaak,) = eigen.get(api.VTH_ZAKEN, params={"verzoeknummer": nummer}).json()["zaken"]
    statussen = [
        eigen.get(api.VTH_ZAKEN, params={"verzoeknummer": "bestaat-niet"}).status_code,
        eigen.post(api.pad(api.VTH_STATUS, zaak_id=zaak["zaakId"]), json={"status": "in behandeling"}).status_code,
        eigen.post(api.pad(api.VTH_STATUS, zaak_id=zaak["zaakId"]), json={"status": "kwijt"}).status_code,
        eigen.post(api.pad(api.VTH_STATUS, zaak_id="onbekend"), json={"status": "afgehandeld"}).status_code,
        eigen.post(api.pad(api.VTH_DOORZETTEN, zaak_id="onbekend"), json={"naar": LELYSTAD}).status_code,
    ]
    vreemd, controle_vreemd = _client(omgeving, LELYSTAD, vth, "vth-zaken")
    statussen.append(vreemd.get(api.VTH_ZAKEN, params={"verzoeknummer": nummer}).status_code)
    assert statussen == [200, 200, 400, 404, 404, 403]
    assert controle.overtredingen == controle_vreemd.overtredingen == []
    assert controle.gezien + controle_vreemd.gezien == 7


def test_verzoek_afhandelen_answers_as_documented(gespeeld: tuple[OfflineKeten, str]) -> None:
    omgeving, nummer = gespeeld
    dso = omgeving.config.dso_lv.base_url
    vth, controle = _client(omgeving, DRIMMELEN, dso, "verzoek-afhandelen")
    refs = vth.get(api.pad(api.AFHANDELEN, verzoeknummer=nummer)).json()["referenties"]
    antwoorden = [vth.get(r["url"].removeprefix(dso)).status_code for r in refs]
    antwoorden.append(vth.get(api.pad(api.AFHANDELEN, verzoeknummer="9999999")).status_code)
    vreemd, controle_vreemd = _client(omgeving, LELYSTAD, dso, "verzoek-afhandelen")
    antwoorden.append(vreemd.get(api.pad(api.AFHANDELEN_STAM, verzoeknummer=nummer)).status_code)
    assert antwoorden == [200] * len(refs) + [404, 403] and len(refs) >= 2
    assert controle.overtredingen == controle_vreemd.overtredingen == []


def test_the_ebms_endpoint_answers_as_documented(gespeeld: tuple[OfflineKeten, str]) -> None:
    omgeving, _ = gespeeld
    vth = omgeving.config.organisatie("Drimmelen").base_url
    client, controle = _client(omgeving, DSO, vth, "digikoppeling")
    goed = verpakt(verzoeknotificatie("3000009"))
    kapot = verpakt(verzoeknotificatie(payloads=[MimeDeel("n@dso", "application/xml", b"<kapot/>")]))
    statussen = [client.post(api.EBMS, content=body, headers=headers).status_code for headers, body in (goed, kapot)]
    assert statussen == [202, 400] and controle.overtredingen == []


def test_an_answer_outside_the_contract_is_caught() -> None:
    """The check can fail: a zaak without its zaakId, or a 500 the operation does not define, is a violation."""
    spec = laad(CONTRACT / "vth-zaken.openapi.json", "https://vth.test")
    request = httpx.Request("GET", "https://vth.test" + api.VTH_ZAKEN, params={"verzoeknummer": "1"})
    zonder_id = {"zaken": [{"verzoeknummer": "1", "volgnummer": 1, "projectId": "p", "bevoegdGezag": DRIMMELEN}]}
    for response in (httpx.Response(200, json=zonder_id), httpx.Response(500, text="kapot")):
        with pytest.raises(Exception, match=r"zaakId|500|Response"):
            spec.validate_response(Verzoek(request), Antwoord(response))
