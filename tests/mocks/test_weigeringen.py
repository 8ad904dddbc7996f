"""The mocks as a model implementation: every refusal they make, with its status, title, code and text.

Suppliers compare their systems with these (and the harness relies on them to tell a refusal from a
bug), so each refusal is pinned: who may not do what, and what the answer says."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest

from chain_tests import AfhandelenFouten, BijlageBron, Fouten, Keten, laad_casus, speel_casus
from chain_tests.offline import OfflineKeten
from chain_tests.standards import api, inspectie
from chain_tests.standards.tekst import naam_uit_content_disposition
from chain_tests.trace import Trace
from mocks._infra import beheer
from mocks._infra.routing import InProcessTransport, MockPartij, behandel
from tests.bouwstenen import DRIMMELEN, DSO, GEERTRUIDENBERG, LELYSTAD, OMWB, ROOT

D = DRIMMELEN
L = LELYSTAD
G = GEERTRUIDENBERG
DSO_OIN = DSO
CASUS = ROOT / "scenarios/casussen/iteratie1/kappen-boom-vergunningplicht.yaml"
JSON = {"Content-Type": "application/json"}


@dataclass
class Wereld:
    keten: Keten
    omgeving: OfflineKeten
    nummer: str
    sw: str  # samenwerking id (owner Drimmelen, Geertruidenberg invited with BT)
    sv_doc: str  # a strikt vertrouwelijk document in it
    av: str  # an open actieverzoek to Geertruidenberg

    def als(self, oin: str | None, partij: str = "dso") -> httpx.Client:
        url = (
            self.omgeving.config.dso_lv.base_url
            if partij == "dso"
            else self.omgeving.config.organisatie(partij).base_url
        )
        return self.omgeving.waarnemer(url, oin)


@pytest.fixture
def wereld(keten: Keten) -> Iterator[Wereld]:
    uitkomst = speel_casus(keten, laad_casus(CASUS))
    assert uitkomst.zaak is not None and isinstance(keten.omgeving, OfflineKeten)
    d, g = keten.config.organisatie("Drimmelen"), keten.config.organisatie("Geertruidenberg")
    bronnen = [(BijlageBron(naam="geheim.pdf", grootte=10), "SV")]
    vraag = keten.vraag_advies(d, uitkomst.zaak.verzoeknummer, g, "BT", bronnen)  # type: ignore[arg-type]
    yield Wereld(
        keten,
        keten.omgeving,
        uitkomst.zaak.verzoeknummer,
        vraag.samenwerking.samenwerking_id,
        next(iter(vraag.gedeeld)),
        vraag.actieverzoek.actieverzoek_id,
    )


def melding(r: httpx.Response) -> tuple[int, str, str, str]:
    body = r.json()
    return r.status_code, body["titel"], body["meldingen"][0]["code"], body["meldingen"][0]["tekst"]


Verzoek = Callable[[Wereld], httpx.Response]


def _sw(pad: str, **extra: str) -> Callable[[Wereld], str]:
    return lambda w: api.pad(pad, samenwerking_id=w.sw, **{k: getattr(w, v) for k, v in extra.items()})


GEVALLEN: list[tuple[str, Verzoek, tuple[int, str, str, str]]] = [
    (
        "afhandelen: volgnummer is geen getal",
        lambda w: w.als(D).get(api.pad(api.AFHANDELEN, verzoeknummer=w.nummer), params={"volgnummer": "x"}),
        (
            400,
            "Ongeldige invoer",
            "AFH-400",
            "[AFH-400] Queryparameter volgnummer='x' is geen geheel getal van 1 tot 999999999.",
        ),
    ),
    (
        "afhandelen: onbekend verzoek",
        lambda w: w.als(D).get(api.pad(api.AFHANDELEN, verzoeknummer="999")),
        (404, "Onbekend verzoek", "AFH-404", "Verzoek 999 bestaat niet."),
    ),
    (
        "afhandelen: onbekende versie",
        lambda w: w.als(D).get(api.pad(api.AFHANDELEN, verzoeknummer=w.nummer), params={"volgnummer": "7"}),
        (404, "Onbekend verzoek", "AFH-404", "Verzoek 3000001 met volgnummer 7 bestaat niet."),
    ),
    (
        "afhandelen: onbekend verzoek met volgnummer",
        lambda w: w.als(D).get(api.pad(api.AFHANDELEN, verzoeknummer="999"), params={"volgnummer": "1"}),
        (404, "Onbekend verzoek", "AFH-404", "Verzoek 999 met volgnummer 1 bestaat niet."),
    ),
    (
        "afhandelen: niet de behandelaar",
        lambda w: w.als(L).get(api.pad(api.AFHANDELEN_STAM, verzoeknummer=w.nummer)),
        (
            403,
            "Niet geautoriseerd",
            "AFH-403",
            f"OIN {L} is geen bevoegd gezag of uitvoerende instantie van verzoek 3000001.",
        ),
    ),
    (
        "afhandelen: onbekende bijlage",
        lambda w: w.als(D).get(api.pad(api.AFHANDELEN_BIJLAGE, verzoeknummer=w.nummer, document_id="x")),
        (404, "Onbekende bijlage", "AFH-404", "Verzoek 3000001 heeft geen document x."),
    ),
    (
        "afhandelen: doorzetten door een ander dan het bevoegd gezag",
        lambda w: _doorzetten_door_omwb(w),
        (403, "Niet geautoriseerd", "AFH-403", f"Alleen het bevoegd gezag ({D}) mag verzoek 3000001 doorzetten."),
    ),
    (
        "samenwerken: onbekende samenwerking",
        lambda w: w.als(D).get(api.pad(api.SW_SAMENWERKING, samenwerking_id="x")),
        (404, "Onbekende samenwerking", "SW-404", "Samenwerking x bestaat niet."),
    ),
    (
        "samenwerken: geen deelnemer",
        lambda w: w.als(L).get(_sw(api.SW_SAMENWERKING)(w)),
        (403, "Geen deelnemer", "SW-403", "OIN 00000001005024249000 neemt niet deel aan samenwerking {sw}."),
    ),
    (
        "samenwerken: starten zonder het verzoek te behandelen",
        lambda w: w.als(L).post(api.SW_SAMENWERKINGEN, content=_json(verzoeknummer=w.nummer, titel="t"), headers=JSON),
        (
            403,
            "Niet geautoriseerd",
            "SW-403",
            f"OIN {L} behandelt verzoek 3000001 niet en mag er geen samenwerking voor starten.",
        ),
    ),
    (
        "samenwerken: alleen de eigenaar nodigt uit",
        lambda w: w.als(G).post(_sw(api.SW_DEELNEMERS)(w), content=_json(oin=L, privilege="BT"), headers=JSON),
        (403, "Alleen de eigenaar", "SW-403", "Alleen de eigenaar van de samenwerking nodigt uit."),
    ),
    (
        "samenwerken: strikt vertrouwelijk delen vraagt VT",
        lambda w: w.als(G).post(
            _sw(api.SW_DOCUMENTEN)(w), content=_json(bestandsnaam="a.pdf", vertrouwelijkheid="SV"), headers=JSON
        ),
        (403, "Onvoldoende privilege", "SW-403", "Strikt vertrouwelijke documenten vragen privilege VT."),
    ),
    (
        "samenwerken: uploaden naar andermans document",
        lambda w: w.als(G).put(_sw(api.SW_DOCUMENT_INHOUD, document_id="sv_doc")(w), content=b"x"),
        (404, "Onbekend document", "SW-404", "Geen eigen document {sv_doc}."),
    ),
    (
        "samenwerken: onbekend document ophalen",
        lambda w: w.als(D).get(_sw(api.SW_DOCUMENT_INHOUD, document_id="sw")(w)),
        (404, "Onbekend document", "SW-404", "Geen document {sw}."),
    ),
    (
        "samenwerken: strikt vertrouwelijk ophalen met BT",
        lambda w: w.als(G).get(_sw(api.SW_DOCUMENT_INHOUD, document_id="sv_doc")(w)),
        (
            403,
            "Strikt vertrouwelijk",
            "SW-403",
            "Document 'geheim.pdf' is strikt vertrouwelijk; daarvoor is privilege VT nodig.",
        ),
    ),
    (
        "samenwerken: actieverzoek aan een niet-deelnemer",
        lambda w: w.als(D).post(_sw(api.SW_ACTIEVERZOEKEN)(w), content=_json(ontvanger=L), headers=JSON),
        (422, "Ontvanger neemt niet deel", "SW-422", f"Nodig {L} eerst uit als deelnemer."),
    ),
    (
        "samenwerken: onbekend actieverzoek",
        lambda w: w.als(D).get(_sw(api.SW_ACTIEVERZOEK, actieverzoek_id="sw")(w)),
        (404, "Onbekend actieverzoek", "SW-404", "Geen actieverzoek {sw}."),
    ),
    (
        "samenwerken: alleen de ontvanger meldt gereed",
        lambda w: w.als(D).post(_sw(api.SW_GEREEDMELDEN, actieverzoek_id="av")(w), content=b"{}", headers=JSON),
        (403, "Alleen de ontvanger", "SW-403", "Alleen de ontvanger van het actieverzoek meldt het gereed."),
    ),
    (
        "samenwerken: alleen de afzender trekt in",
        lambda w: w.als(G).post(_sw(api.SW_INTREKKEN, actieverzoek_id="av")(w)),
        (403, "Alleen de afzender", "SW-403", "Alleen de afzender trekt een actieverzoek in."),
    ),
    (
        "samenwerken: een ingetrokken actieverzoek nogmaals intrekken",
        lambda w: _twee_keer_intrekken(w),
        (409, "Actieverzoek niet open", "SW-409", "Het actieverzoek is al INGETROKKEN."),
    ),
    (
        "samenwerken: een ingetrokken actieverzoek gereedmelden",
        lambda w: _gereed_na_intrekken(w),
        (409, "Actieverzoek niet open", "SW-409", "Het actieverzoek is INGETROKKEN; gereedmelden kan niet meer."),
    ),
    (
        "loket: aanvulling op een onbekend verzoek",
        lambda w: w.als(None).post(
            api.INDIENEN, content=_indienbericht(doel="Aanvullen", verzoeknummer="9"), headers=JSON
        ),
        (
            422,
            "Onbekend verzoek",
            "LOKET-VERVOLG",
            "Aanvullen vraagt het verzoeknummer van een ingediend verzoek; '9' is niet bekend.",
        ),
    ),
    (
        "loket: document bij een onbekend concept",
        lambda w: w.als(None).post(
            api.pad(api.INDIENEN_DOCUMENTEN, verzoek_id="x"), content=_json(bestandsnaam="a"), headers=JSON
        ),
        (404, "Onbekend verzoek", "LOKET-404", "Geen conceptverzoek x."),
    ),
    (
        "loket: upload van een niet aangemeld document",
        lambda w: w.als(None).put(api.pad(api.INDIENEN_INHOUD, verzoek_id="x", document_id="y"), content=b"x"),
        (404, "Onbekend document", "LOKET-404", "Document y is niet aangemeld."),
    ),
    (
        "loket: indienen van een onbekend concept",
        lambda w: w.als(None).post(api.pad(api.INDIENEN_INDIENEN, verzoek_id="x")),
        (404, "Onbekend verzoek", "LOKET-404", "Geen conceptverzoek x."),
    ),
    (
        "loket: document aangemeld maar niet geüpload",
        lambda w: _indienen_zonder_upload(w),
        (
            422,
            "Documenten niet geüpload",
            "LOKET-UPLOAD",
            "Document 'a.pdf' is aangemeld maar de inhoud is niet geüpload.",
        ),
    ),
    (
        "loket: activiteit zonder bevoegd gezag",
        lambda w: _indienen_onbekende_activiteit(w),
        (
            422,
            "Geen bevoegd gezag gevonden",
            "LOKET-ROUTERING",
            "Voor activiteit 'Onbekend' is geen bevoegd gezag gevonden; is de activiteit toepasbaar gemaakt in het RTR "
            "(stap 5)?",
        ),
    ),
    (
        "loket: vergunningcheck zonder regels",
        lambda w: w.als(None).post(
            api.VERGUNNINGCHECK,
            content=_json(bevoegdGezag=D, activiteitId="nl.imow-gm1719.activiteit.X", antwoorden={}),
            headers=JSON,
        ),
        (
            404,
            "Geen conclusieregels",
            "LOKET-GEEN-REGELS",
            f"Voor activiteit nl.imow-gm1719.activiteit.X van {D} zijn geen Conclusie-regels gepubliceerd (stap 7).",
        ),
    ),
    (
        "verzoeksroutering: behandeldienst door een ander dan het bevoegd gezag",
        lambda w: w.als(L).put(
            api.pad(api.BEHANDELDIENST, activiteit_id="nl.imow-gm1719.activiteit.KappenBoom"),
            content=_json(uitvoerendeInstantie=OMWB),
            headers=JSON,
        ),
        (
            403,
            "Niet geautoriseerd",
            "ROUTERING-403",
            f"Alleen het bevoegd gezag van activiteit nl.imow-gm1719.activiteit.KappenBoom ({D}) mag de "
            f"behandeldienst instellen, niet {L}.",
        ),
    ),
    (
        "RTR: toepasbaar maken voor een ander bevoegd gezag",
        lambda w: w.als(L).put(
            api.pad(api.RTR_ACTIVITEIT_TOEPASBAAR, activiteit_id="nl.imow-gm1719.activiteit.B"),
            content=_json(bevoegdGezag=D, activiteitNaam="B"),
            headers=JSON,
        ),
        (
            403,
            "Niet geautoriseerd",
            "RTR-403",
            f"OIN {L} mag geen activiteit toepasbaar maken voor bevoegd gezag {D}.",
        ),
    ),
    (
        "RTR: lees-API zonder API-key",
        lambda w: _zonder_sleutel(w).get(
            api.pad(api.RTR_ACTIVITEIT, activiteit_id="nl.imow-gm1719.activiteit.KappenBoom")
        ),
        (
            401,
            "API-key ontbreekt of is onjuist",
            "DSO-401",
            "De /publiek/-API's van het DSO vragen een geldige API-key in de header x-api-key.",
        ),
    ),
    (
        "RTR: onbekende activiteit",
        lambda w: w.als(None).get(
            api.pad(api.RTR_ACTIVITEIT, activiteit_id="nl.imow-gm1719.activiteit.X"),
            headers={"x-api-key": w.keten.config.api_key},
        ),
        (
            404,
            "Activiteit niet gevonden",
            "RTR-404",
            "Activiteit nl.imow-gm1719.activiteit.X is niet toepasbaar gemaakt.",
        ),
    ),
    (
        "RTR: onbekend STTR-bestand",
        lambda w: w.als(None).get(api.pad(api.RTR_STTR_BESTAND, regel_id="x")),
        (404, "Niet gevonden", "RTR-404", "Geen toepasbare regel x."),
    ),
    (
        "VTH: doorzetten van een onbekende zaak",
        lambda w: w.als(D, "Drimmelen").post(
            api.pad(api.VTH_DOORZETTEN, zaak_id="ZAAK-9"), content=_json(naar=OMWB), headers=JSON
        ),
        (404, "Onbekende zaak", "VTH-404", "Zaak ZAAK-9 bestaat niet."),
    ),
    (
        "VTH: doorzetten van een onbekende zaak",
        lambda w: w.als(D, "Drimmelen").post(
            api.pad(api.VTH_DOORZETTEN, zaak_id="ZAAK-999"), content=_json(naar=OMWB), headers=JSON
        ),
        (404, "Onbekende zaak", "VTH-404", "Zaak ZAAK-999 bestaat niet."),
    ),
    (
        "VTH: status zetten van een onbekende zaak",
        lambda w: w.als(D, "Drimmelen").post(
            api.pad(api.VTH_STATUS, zaak_id="ZAAK-999"), content=_json(status="afgehandeld"), headers=JSON
        ),
        (404, "Onbekende zaak", "VTH-404", "Zaak ZAAK-999 bestaat niet."),
    ),
    (
        "VTH: doorzetten dat Verzoek afhandelen weigert, geeft de weigering door (502)",
        lambda w: w.als(D, "Drimmelen").post(
            api.pad(api.VTH_DOORZETTEN, zaak_id="ZAAK-00001"), content=_json(naar="0" * 20), headers=JSON
        ),
        (
            502,
            "Onbekende organisatie",
            "AFH-400",
            "Organisatie 00000000000000000000 is niet aangesloten op het DSO; doorzetten kan alleen naar een "
            "aangesloten organisatie.",
        ),
    ),
    (
        "afhandelen: doorzetten naar een organisatie die niet is aangesloten",
        lambda w: w.als(D).post(
            api.pad(api.AFHANDELEN_DOORZETTEN, verzoeknummer=w.nummer),
            content=_json(uitvoerendeInstantie="0" * 20),
            headers=JSON,
        ),
        (
            400,
            "Onbekende organisatie",
            "AFH-400",
            "Organisatie 00000000000000000000 is niet aangesloten op het DSO; doorzetten kan alleen naar een "
            "aangesloten organisatie.",
        ),
    ),
    (
        "VTH: een JSON-verzoek met een ander Content-Type",
        lambda w: w.als(D, "Drimmelen").post(
            api.pad(api.VTH_DOORZETTEN, zaak_id="ZAAK-00001"),
            content=_json(naar=OMWB),
            headers={"Content-Type": "text/plain"},
        ),
        (
            415,
            "Ongeldige invoer",
            "MOCK-415",
            "[MOCK-415] Content-Type text/plain wordt niet geaccepteerd; stuur application/json.",
        ),
    ),
    (
        "loket: vergunningcheck zonder Content-Type",
        lambda w: w.als(None).post(api.VERGUNNINGCHECK, content=b"{}"),
        (
            415,
            "Ongeldige invoer",
            "MOCK-415",
            "[MOCK-415] Content-Type (geen) wordt niet geaccepteerd; stuur application/json.",
        ),
    ),
]


def _zonder_sleutel(w: Wereld) -> httpx.Client:
    """A caller without the API key (the harness's own clients always send it)."""
    return httpx.Client(
        transport=InProcessTransport(w.omgeving.router, None), base_url=w.omgeving.config.dso_lv.base_url
    )


def _json(**velden: object) -> bytes:
    return json.dumps(velden).encode()


def _indienbericht(**extra: object) -> bytes:
    bericht = {
        "initiatiefnemer": {"naam": "J", "bsn": "999990019"},
        "locatie": "Made",
        "activiteiten": [{"activiteitId": "nl.imow-gm1719.activiteit.KappenBoom", "activiteitNaam": "Kappen"}],
    }
    return json.dumps(bericht | extra).encode()


def _concept(w: Wereld, activiteit: str = "nl.imow-gm1719.activiteit.KappenBoom", naam: str = "Kappen") -> str:
    body = json.loads(_indienbericht())
    body["activiteiten"] = [{"activiteitId": activiteit, "activiteitNaam": naam}]
    r = w.als(None).post(api.INDIENEN, content=json.dumps(body).encode(), headers=JSON)
    return str(r.json()["verzoekId"])


def _indienen_zonder_upload(w: Wereld) -> httpx.Response:
    concept = _concept(w)
    w.als(None).post(
        api.pad(api.INDIENEN_DOCUMENTEN, verzoek_id=concept), content=_json(bestandsnaam="a.pdf"), headers=JSON
    )
    return w.als(None).post(api.pad(api.INDIENEN_INDIENEN, verzoek_id=concept))


def _indienen_onbekende_activiteit(w: Wereld) -> httpx.Response:
    concept = _concept(w, "nl.imow-gm1719.activiteit.Onbekend", "Onbekend")
    return w.als(None).post(api.pad(api.INDIENEN_INDIENEN, verzoek_id=concept))


def _doorzetten_door_omwb(w: Wereld) -> httpx.Response:
    """The OMWB may fetch the verzoek once it is its uitvoerende instantie, but only the bevoegd gezag doorzet."""
    pad = api.pad(api.AFHANDELEN_DOORZETTEN, verzoeknummer=w.nummer)
    assert w.als(D).post(pad, content=_json(uitvoerendeInstantie=OMWB), headers=JSON).status_code == 202
    return w.als(OMWB).post(pad, content=_json(uitvoerendeInstantie=G), headers=JSON)


def _twee_keer_intrekken(w: Wereld) -> httpx.Response:
    pad = _sw(api.SW_INTREKKEN, actieverzoek_id="av")(w)
    w.als(D).post(pad)
    return w.als(D).post(pad)


def _gereed_na_intrekken(w: Wereld) -> httpx.Response:
    w.als(D).post(_sw(api.SW_INTREKKEN, actieverzoek_id="av")(w))
    return w.als(G).post(_sw(api.SW_GEREEDMELDEN, actieverzoek_id="av")(w), content=b"{}", headers=JSON)


@pytest.mark.parametrize(("verzoek", "verwacht"), [pytest.param(v, e, id=n) for n, v, e in GEVALLEN])
def test_the_mock_refuses_with_exactly_this_answer(
    wereld: Wereld, verzoek: Verzoek, verwacht: tuple[int, str, str, str]
) -> None:
    status, titel, code, tekst = verwacht
    tekst = tekst.format(sw=wereld.sw, sv_doc=wereld.sv_doc, av=wereld.av)
    antwoord = verzoek(wereld)
    assert melding(antwoord) == (status, titel, code, tekst)
    assert antwoord.headers["Content-Type"] == "application/json"


def _query(naam: str, waarde: str) -> list[tuple[str, Callable[[Wereld], httpx.Response]]]:
    """Every endpoint that reads query parameter ``naam``, asked with ``waarde``."""
    pq = {naam: waarde}
    return {
        "volgnummer": [
            ("afhandelen", lambda w: w.als(D).get(api.pad(api.AFHANDELEN, verzoeknummer=w.nummer), params=pq))
        ],
        "sinds": [
            ("samenwerken notificaties", lambda w: w.als(G).get(api.SW_NOTIFICATIES, params=pq)),
            ("trace van een served mock", lambda w: _beheer(httpx.Request("GET", inspectie.TRACE, params=pq))),
        ],
    }[naam]


def _beheer(request: httpx.Request) -> httpx.Response:
    """The /_ketentest/ administration of a served mock (not routed in-process)."""
    partij = MockPartij("Mock", D, "https://mock.test")
    partij.voeg_toe(beheer.routes(partij.naam, partij.oin, Trace(), lambda _: None, lambda: None, lambda: None))
    return behandel(partij, httpx.Request(request.method, "https://mock.test" + request.url.raw_path.decode()))


SLECHTE_GETALLEN = ["abc", "²", "-1", "1.5", "9" * 5000, ""]


@pytest.mark.parametrize(
    ("naam", "waarde", "verzoek"),
    [
        pytest.param(naam, waarde, verzoek, id=f"{waar}-{naam}={waarde[:6]}")
        for naam in ("volgnummer", "sinds")  # ZGW's page: tests/mocks/vth/test_zgw.py
        for waarde in SLECHTE_GETALLEN
        for waar, verzoek in _query(naam, waarde)
    ],
)
def test_a_bad_number_in_the_query_is_refused_naming_the_parameter(
    wereld: Wereld, naam: str, waarde: str, verzoek: Callable[[Wereld], httpx.Response]
) -> None:
    antwoord = verzoek(wereld)
    status, titel, _, tekst = melding(antwoord)
    assert (status, titel) == (400, "Ongeldige invoer")
    assert f"Queryparameter {naam}=" in tekst and "geen geheel getal" in tekst
    assert len(antwoord.content) < 1000  # a 5,000-digit value is not echoed whole
    assert "Traceback" not in antwoord.text and ".py" not in antwoord.text


def test_notifications_are_read_per_participant_and_from_sinds_on(wereld: Wereld) -> None:
    def lees(oin: str, sinds: int | None = None) -> list[dict[str, object]]:
        r = wereld.als(oin).get(api.SW_NOTIFICATIES, params={} if sinds is None else {"sinds": sinds})
        assert (r.status_code, r.headers["Content-Type"]) == (200, "application/json")
        return list(r.json())

    eigen = lees(G)
    # the strikt vertrouwelijk stuk is not announced to a BT participant
    assert [n["soort"] for n in eigen] == ["UITGENODIGD", "ACTIEVERZOEK"]
    assert {n["samenwerkingId"] for n in eigen} == {wereld.sw}
    assert lees(L) == []  # not invited: nothing of another organisation's notifications
    ids = [int(str(n["notificatieId"])) for n in eigen]
    assert lees(G, ids[0]) == eigen[1:]
    assert lees(G, ids[-1]) == []
    assert lees(G, 0) == eigen
    assert not {int(str(n["notificatieId"])) for n in lees(D)} & set(ids)


def _json_eindpunten() -> list[tuple[str, Callable[[Wereld, bytes, dict[str, str]], httpx.Response]]]:
    """Every JSON endpoint family of the mocks, called by a party allowed to call it (so the body is read)."""
    kappen = "nl.imow-gm1719.activiteit.KappenBoom"
    return [
        ("loket vergunningcheck", lambda w, b, h: w.als(None).post(api.VERGUNNINGCHECK, content=b, headers=h)),
        ("loket verzoek aanmaken", lambda w, b, h: w.als(None).post(api.INDIENEN, content=b, headers=h)),
        (
            "loket document aanmelden",
            lambda w, b, h: w.als(None).post(
                api.pad(api.INDIENEN_DOCUMENTEN, verzoek_id=_concept(w)), content=b, headers=h
            ),
        ),
        (
            "RTR toepasbaar maken",
            lambda w, b, h: w.als(D).put(
                api.pad(api.RTR_ACTIVITEIT_TOEPASBAAR, activiteit_id=kappen), content=b, headers=h
            ),
        ),
        (
            "verzoeksroutering",
            lambda w, b, h: w.als(D).put(api.pad(api.BEHANDELDIENST, activiteit_id=kappen), content=b, headers=h),
        ),
        (
            "afhandelen doorzetten",
            lambda w, b, h: w.als(D).post(
                api.pad(api.AFHANDELEN_DOORZETTEN, verzoeknummer=w.nummer), content=b, headers=h
            ),
        ),
        ("samenwerken starten", lambda w, b, h: w.als(D).post(api.SW_SAMENWERKINGEN, content=b, headers=h)),
        ("samenwerken uitnodigen", lambda w, b, h: w.als(D).post(_sw(api.SW_DEELNEMERS)(w), content=b, headers=h)),
        ("samenwerken document", lambda w, b, h: w.als(D).post(_sw(api.SW_DOCUMENTEN)(w), content=b, headers=h)),
        (
            "samenwerken actieverzoek",
            lambda w, b, h: w.als(D).post(_sw(api.SW_ACTIEVERZOEKEN)(w), content=b, headers=h),
        ),
        (
            "samenwerken gereedmelden",
            lambda w, b, h: w.als(G).post(_sw(api.SW_GEREEDMELDEN, actieverzoek_id="av")(w), content=b, headers=h),
        ),
        (
            "VTH doorzetten",
            lambda w, b, h: w.als(D, "Drimmelen").post(
                api.pad(api.VTH_DOORZETTEN, zaak_id="ZAAK-00001"), content=b, headers=h
            ),
        ),
        (
            "VTH status",
            lambda w, b, h: w.als(D, "Drimmelen").post(
                api.pad(api.VTH_STATUS, zaak_id="ZAAK-00001"), content=b, headers=h
            ),
        ),
    ]


SLECHTE_JSON: list[tuple[str, bytes, dict[str, str], int, str]] = [
    ("kapotte JSON", b'{"a": ', JSON, 400, "geen geldige JSON"),
    ("een lijst", b"[1, 2]", JSON, 400, ""),
    ("verkeerde typen", b'{"status": 7, "naar": [], "titel": {}, "oin": 1.5}', JSON, 400, ""),
    ("tekst als JSON", b"ja", JSON, 400, "geen geldige JSON"),
    ("ander Content-Type", b"{}", {"Content-Type": "text/plain"}, 415, "application/json"),
]


@pytest.mark.parametrize(
    ("eindpunt", "body", "headers", "status", "tekst"),
    [
        pytest.param(e, b, h, s, t, id=f"{naam}-{slecht}")
        for naam, e in _json_eindpunten()
        for slecht, b, h, s, t in SLECHTE_JSON
    ],
)
def test_bad_json_is_refused_with_a_dutch_melding_never_a_crash(
    wereld: Wereld,
    eindpunt: Callable[[Wereld, bytes, dict[str, str]], httpx.Response],
    body: bytes,
    headers: dict[str, str],
    status: int,
    tekst: str,
) -> None:
    antwoord = eindpunt(wereld, body, headers)
    assert antwoord.status_code == status, antwoord.text
    melding = antwoord.json()["meldingen"][0]
    assert melding["code"] == ("MOCK-415" if status == 415 else "MOCK-400") and tekst in melding["tekst"]
    assert "Traceback" not in antwoord.text and ".py" not in antwoord.text and "/work/" not in antwoord.text
    assert not wereld.omgeving.mocks.dso.storingen  # refused input is not a failure of the mock


def _stukken(n: int, stuk: bytes = b" " * 65536) -> Iterator[bytes]:
    """A body of n pieces without Content-Length (chunked)."""
    for _ in range(n):
        yield stuk


@pytest.mark.parametrize("chunked", [False, True], ids=["Content-Length", "chunked"])
def test_a_json_body_past_its_bound_is_refused_with_413(wereld: Wereld, chunked: bool) -> None:
    grens = wereld.omgeving.config.grenzen.json_bytes
    body: bytes | Iterator[bytes] = _stukken(grens // 65536 + 2) if chunked else b" " * (grens + 1)
    r = wereld.als(None).post(api.VERGUNNINGCHECK, content=body, headers=JSON)
    status, titel, code, tekst = melding(r)
    assert (status, titel, code) == (413, "Ongeldige invoer", "MOCK-413")
    assert f"grens van {grens} bytes voor JSON" in tekst and "grenzen" in tekst


def test_an_ebms_message_past_its_bound_gets_an_ebms_error_with_413(wereld: Wereld) -> None:
    from chain_tests.standards.ebms import ontleed

    grens = wereld.omgeving.config.grenzen.bericht_bytes
    r = wereld.als(DSO_OIN, "Drimmelen").post(
        api.EBMS, content=_stukken(grens // 65536 + 2), headers={"Content-Type": "text/xml"}
    )
    assert r.status_code == 413
    code, tekst = ontleed(r.headers["Content-Type"], r.content).fouten[0]
    assert code == "Inconsistent" and f"grens van {grens} bytes" in tekst


def test_a_body_within_its_bound_is_read_as_before(wereld: Wereld) -> None:
    r = wereld.als(None).post(api.VERGUNNINGCHECK, content=_stukken(1, b"{"), headers=JSON)
    assert r.status_code == 400 and melding(r)[2] == "MOCK-400"  # read, and refused as malformed JSON


def test_a_participant_reads_the_samenwerking(wereld: Wereld) -> None:
    r = wereld.als(G).get(_sw(api.SW_SAMENWERKING)(wereld))
    assert (r.status_code, r.headers["Content-Type"]) == (200, "application/json")
    body = r.json()
    assert body["samenwerkingId"] == wereld.sw and body["verzoeknummer"] == wereld.nummer


@pytest.mark.parametrize("inhoud", [b"", "tekening café".encode() * 100], ids=["leeg", "met-inhoud"])
def test_a_shared_stuk_is_listed_and_downloads_with_its_size_type_and_name(wereld: Wereld, inhoud: bytes) -> None:
    """Also an empty stuk (0 bytes): only a stuk still being uploaded is unknown."""
    naam = "tekening café.pdf"
    r = wereld.als(D).post(
        _sw(api.SW_DOCUMENTEN)(wereld), content=_json(bestandsnaam=naam, vertrouwelijkheid="RV"), headers=JSON
    )
    doc = r.json()["documentId"]
    pad = api.pad(api.SW_DOCUMENT_INHOUD, samenwerking_id=wereld.sw, document_id=doc)
    assert wereld.als(G).get(pad).status_code == 404  # announced, not yet uploaded
    assert wereld.als(D).put(r.json()["uploadUrl"], content=inhoud).status_code in (200, 201)
    assert doc in {d["documentId"] for d in wereld.als(G).get(_sw(api.SW_DOCUMENTEN)(wereld)).json()}
    download = wereld.als(G).get(pad)
    assert (download.status_code, download.content) == (200, inhoud)
    assert download.headers["Content-Length"] == str(len(inhoud))
    assert download.headers["Content-Type"] == "application/octet-stream"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert naam_uit_content_disposition(download.headers["Content-Disposition"]) == naam


def test_a_shared_stuk_is_announced_to_the_others_not_to_who_shared_it(wereld: Wereld) -> None:
    def soorten(oin: str) -> list[str]:
        return [str(n["soort"]) for n in wereld.als(oin).get(api.SW_NOTIFICATIES).json()]

    voor_g, voor_d = soorten(G), soorten(D)
    r = wereld.als(D).post(
        _sw(api.SW_DOCUMENTEN)(wereld), content=_json(bestandsnaam="open.pdf", vertrouwelijkheid="RV"), headers=JSON
    )
    upload = r.json()["uploadUrl"]
    assert wereld.als(D).put(upload, content=b"inhoud").status_code in (200, 201)
    assert soorten(G) == [*voor_g, "DOCUMENT_GEDEELD"]
    assert soorten(D) == voor_d
    gedeeld = wereld.als(G).get(api.SW_NOTIFICATIES).json()[-1]
    assert gedeeld["documentId"] == r.json()["documentId"] and gedeeld["samenwerkingId"] == wereld.sw
    lijst = wereld.als(G).get(_sw(api.SW_DOCUMENTEN)(wereld))
    assert lijst.headers["Content-Type"] == "application/json"
    assert "open.pdf" in {d["bestandsnaam"] for d in lijst.json()}


def test_the_delivery_state_of_an_unknown_verzoek_is_empty(wereld: Wereld) -> None:
    from chain_tests.standards.inspectie import Bezorgstatus

    r = wereld.als(None).get(api.pad(inspectie.BEZORGING, verzoeknummer="999"))
    assert r.status_code == 200
    assert Bezorgstatus.model_validate_json(r.content) == Bezorgstatus(verzoeknummer="999")


def test_a_doorgezet_verzoek_names_its_uitvoerende_instantie_in_the_stam(wereld: Wereld) -> None:
    pad = api.pad(api.AFHANDELEN_DOORZETTEN, verzoeknummer=wereld.nummer)
    antwoord = wereld.als(D).post(pad, content=_json(uitvoerendeInstantie=OMWB), headers=JSON)
    assert antwoord.status_code == 202
    assert antwoord.json() == {"verzoeknummer": wereld.nummer, "uitvoerendeInstantie": OMWB}
    stam = wereld.als(OMWB).get(api.pad(api.AFHANDELEN_STAM, verzoeknummer=wereld.nummer)).content
    assert b"Omgevingsdienst Midden- en West-Brabant" in stam and OMWB.encode() in stam


@pytest.mark.keten_fouten(Fouten(afhandelen=AfhandelenFouten(weigert_doorzetten=True)))
def test_dso_lv_that_cannot_doorzetten_now_answers_503(wereld: Wereld) -> None:
    pad = api.pad(api.AFHANDELEN_DOORZETTEN, verzoeknummer=wereld.nummer)
    antwoord = wereld.als(D).post(pad, content=_json(uitvoerendeInstantie=OMWB), headers=JSON)
    assert melding(antwoord) == (
        503,
        "Tijdelijk niet beschikbaar",
        "AFH-503",
        "Doorzetten is tijdelijk niet mogelijk.",
    )


def test_the_stam_names_each_document_with_its_size_and_checksum(wereld: Wereld) -> None:
    from chain_tests.standards.stam import stam_uit_xml

    stam = stam_uit_xml(wereld.als(D).get(api.pad(api.AFHANDELEN_STAM, verzoeknummer=wereld.nummer)).content)
    # the casus: situatietekening.pdf of 180 KiB, foto-boom.jpg of 2.5 MiB
    assert {d.bestandsnaam: d.bestandsgrootte for d in stam.verzoekbijlages} == {
        "situatietekening.pdf": 180 * 1024,
        "foto-boom.jpg": int(2.5 * 1024 * 1024),
    }
    assert all(d.sha256 and len(d.sha256) == 64 for d in stam.verzoekbijlages)


def test_the_delivery_state_names_the_receiver_and_the_documents_it_fetched(wereld: Wereld) -> None:
    from chain_tests.standards.inspectie import Bezorgstatus

    r = wereld.als(None).get(api.pad(inspectie.BEZORGING, verzoeknummer=wereld.nummer))
    s = Bezorgstatus.model_validate_json(r.content)
    assert (s.status, s.ontvanger_oin, s.opgehaald_door) == ("bevestigd", D, [D])
    assert len(s.opgehaalde_documenten) == 2 and not {"referenties", "STAM"} & set(s.opgehaalde_documenten)


def test_inviting_another_participant_keeps_the_ones_already_in(wereld: Wereld) -> None:
    from chain_tests.clients.samenwerken import SamenwerkenClient

    eigenaar = SamenwerkenClient(wereld.als(D))
    eigenaar.nodig_uit(wereld.sw, OMWB, "VT")
    eigenaar.nodig_uit(wereld.sw, OMWB, "BT")  # invited again: the new privilege replaces the old one
    deelnemers = wereld.omgeving.dso.samenwerken.samenwerkingen[wereld.sw].samenwerking.deelnemers
    assert {(d.oin, d.privilege) for d in deelnemers} >= {(G, "BT"), (OMWB, "BT")}
    assert [d.oin for d in deelnemers].count(OMWB) == 1
