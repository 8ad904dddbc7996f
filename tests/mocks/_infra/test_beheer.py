"""The served mocks' administration (/_ketentest/: trace with BSNs, faults, state reset) answers
clients on this machine only, or anyone presenting the admin token from the profile; the DSO-LV app is
called in-process through ASGI with a client address of choice (no network traffic)."""

from __future__ import annotations

import asyncio

import anyio
import httpx
import pytest

from chain_tests.config import KetenConfig
from chain_tests.profiel import Profiel
from chain_tests.standards import inspectie
from chain_tests.trace import Trace
from mocks._infra import beheer
from mocks._infra.asgi import PartijApp
from mocks._infra.routing import MockPartij

TOKEN = "geheim-beheertoken"
BUITEN = "192.0.2.10"  # TEST-NET-1: never reached, only written into the ASGI scope


def _app(token: str | None) -> PartijApp:
    config = KetenConfig()
    partij = MockPartij("DSO-LV", config.dso_lv.oin, "https://dso.test")
    partij.voeg_toe(beheer.routes(partij.naam, partij.oin, Trace(), lambda _: None, lambda: None, lambda: None))
    return PartijApp(partij, Trace(), {}, token)


def _vraag(
    app: PartijApp, adres: str, methode: str, pad: str, headers: dict[str, str] | None = None, body: bytes = b""
) -> httpx.Response:
    async def stuur() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, client=(adres, 50_000))
        async with httpx.AsyncClient(transport=transport, base_url="https://dso.test") as c:
            return await c.request(methode, pad, headers=headers, content=body)

    return asyncio.run(stuur())


PADEN = [
    ("GET", inspectie.TRACE),
    ("GET", inspectie.GEZOND),
    ("DELETE", inspectie.FOUTEN),
    ("DELETE", inspectie.TOESTAND),
]


@pytest.mark.parametrize(("methode", "pad"), PADEN)
@pytest.mark.parametrize("token", [None, TOKEN])
def test_admin_refuses_another_address_without_the_token(methode: str, pad: str, token: str | None) -> None:
    r = _vraag(_app(token), BUITEN, methode, pad)
    assert r.status_code == 403
    melding = r.json()["meldingen"][0]
    assert melding["code"] == "MOCK-BEHEER" and BUITEN in melding["tekst"]
    assert inspectie.BEHEER_HEADER in melding["tekst"] and TOKEN not in r.text


@pytest.mark.parametrize("adres", ["127.0.0.1", "127.8.9.10", "::1"])
def test_admin_answers_this_machine(adres: str) -> None:
    assert _vraag(_app(None), adres, "GET", inspectie.TRACE).status_code == 200


def test_admin_answers_another_address_with_the_right_token_only() -> None:
    app = _app(TOKEN)
    assert _vraag(app, BUITEN, "GET", inspectie.TRACE, {inspectie.BEHEER_HEADER: TOKEN}).status_code == 200
    assert _vraag(app, BUITEN, "GET", inspectie.TRACE, {inspectie.BEHEER_HEADER: "fout"}).status_code == 403
    # without a token in the profile, no header opens it
    assert _vraag(_app(None), BUITEN, "GET", inspectie.TRACE, {inspectie.BEHEER_HEADER: ""}).status_code == 403


def test_the_chain_itself_is_not_behind_the_admin_gate() -> None:
    r = _vraag(_app(None), BUITEN, "GET", "/overheid/bestaat-niet")
    assert r.status_code == 404 and r.json()["meldingen"][0]["code"] == "MOCK-404"


def test_the_admin_token_is_a_secret_in_the_profile() -> None:
    profiel = Profiel.model_validate({"beheer_token": TOKEN})
    assert TOKEN not in repr(profiel) and TOKEN not in str(profiel.model_dump())
    assert profiel.beheer_token is not None and profiel.beheer_token.get_secret_value() == TOKEN


def test_the_harness_sends_the_admin_token_to_the_administration_only() -> None:
    from chain_tests.served import ServedKeten

    profiel = Profiel.model_validate(
        {"soort": "served", "dso_lv": {"url": "https://127.0.0.1:9"}, "beheer_token": TOKEN}
    )
    keten = ServedKeten(profiel)
    beheer_vraag = httpx.Request("GET", "https://127.0.0.1:9" + inspectie.TRACE)
    keten_vraag = httpx.Request("GET", "https://127.0.0.1:9/overheid/verzoeken/api/afhandelen/v2/verzoeken/1")
    for hook in keten.beheer("https://127.0.0.1:9").event_hooks["request"]:
        hook(beheer_vraag)
        hook(keten_vraag)
    keten.sluit()
    assert beheer_vraag.headers[inspectie.BEHEER_HEADER] == TOKEN
    assert inspectie.BEHEER_HEADER not in keten_vraag.headers  # never to the chain, nor to a supplier's system


@pytest.mark.parametrize(
    ("body", "veld"),
    [
        (b'{"loket": {"bezorgt_niet": "ja"}}', "loket.bezorgt_niet"),
        (b'{"loket": {"bestaat_niet": true}}', "loket.bestaat_niet"),
        (b'{"afhandelen": {"onbeschikbaar": "veel"}}', "afhandelen.onbeschikbaar"),
        (b"{", ""),
    ],
)
def test_a_bad_fault_setting_is_refused_naming_the_field(body: bytes, veld: str) -> None:
    from chain_tests.standards.inspectie import Fouten

    gezet: list[Fouten] = []
    partij = MockPartij("DSO-LV", KetenConfig().dso_lv.oin, "https://dso.test")
    zet = lambda data: gezet.append(Fouten.model_validate_json(data))  # noqa: E731
    partij.voeg_toe(beheer.routes(partij.naam, partij.oin, Trace(), zet, lambda: None, lambda: None))
    app = PartijApp(partij, Trace(), {}, None)
    r = _vraag(app, "127.0.0.1", "PUT", inspectie.FOUTEN, {"Content-Type": "application/json"}, body)
    assert r.status_code == 400 and not gezet
    tekst = " ".join(m["tekst"] for m in r.json()["meldingen"])
    assert veld in tekst and "Traceback" not in r.text


def test_a_client_that_stops_sending_its_body_gets_408_in_time() -> None:
    """The body is read with a deadline per piece: a silent client is answered 408, not waited on forever."""
    from chain_tests.config import Grenzen

    partij = MockPartij("DSO-LV", KetenConfig().dso_lv.oin, "https://dso.test", grenzen=Grenzen(lees_seconden=0.2))
    partij.voeg_toe(beheer.routes(partij.naam, partij.oin, Trace(), lambda _: None, lambda: None, lambda: None))
    app = PartijApp(partij, Trace(), {}, None)
    verstuurd: list[dict[str, object]] = []
    stukken = [{"type": "http.request", "body": b"{", "more_body": True}]

    async def ontvang() -> dict[str, object]:
        if stukken:
            return stukken.pop()
        await asyncio.sleep(3600)  # the client goes silent
        raise AssertionError("niet bereikt")

    async def stuur(message: dict[str, object]) -> None:
        verstuurd.append(message)

    scope = {
        "type": "http",
        "method": "PUT",
        "path": inspectie.FOUTEN,
        "raw_path": inspectie.FOUTEN.encode(),
        "query_string": b"",
        "headers": [(b"content-type", b"application/json"), (b"content-length", b"1000")],
        "client": ("127.0.0.1", 50_000),
    }

    async def draai() -> None:
        with anyio.fail_after(5):
            await app(scope, ontvang, stuur)  # type: ignore[arg-type]

    anyio.run(draai)
    assert verstuurd[0]["status"] == 408
    body = b"".join(m.get("body", b"") for m in verstuurd[1:])  # type: ignore[misc]
    assert b"MOCK-408" in body and b"0.2 s" in body


def test_faults_that_belong_to_another_party_are_refused_with_400_not_a_mock_storing() -> None:
    """A party without faults (the plansoftware, Lopende Zaken) or a DSO-LV given a VTH's faults refuses the body
    as the caller's mistake (400, in Dutch), and records no storing of its own."""

    def zet(data: bytes) -> None:
        raise ValueError("Plansoftware kent geen opzettelijke fouten")

    partij = MockPartij("Plansoftware", KetenConfig().plansoftware.oin, "https://plan.test")
    partij.voeg_toe(beheer.routes(partij.naam, partij.oin, Trace(), zet, lambda: None, lambda: None))
    app = PartijApp(partij, Trace(), {}, None)
    r = _vraag(app, "127.0.0.1", "PUT", inspectie.FOUTEN, {"Content-Type": "application/json"}, b'{"x": 1}')
    assert r.status_code == 400, r.text
    assert r.json()["meldingen"][0]["tekst"] == "Plansoftware kent geen opzettelijke fouten"
    assert partij.storingen == []


def _upload_app(plaatsen: int | None = None) -> tuple[PartijApp, list[int]]:
    """DSO-LV's bijlage upload served in-process; the handler reads the whole stream, then answers 201."""
    from chain_tests.config import Grenzen
    from chain_tests.standards import operaties
    from mocks._infra.routing import Route

    def neem_aan(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        return httpx.Response(201, json={"bytes": sum(len(c) for c in request.stream)})  # type: ignore[union-attr]

    partij = MockPartij("DSO-LV", KetenConfig().dso_lv.oin, "https://dso.test", grenzen=Grenzen(lees_seconden=0.3))
    partij.voeg_toe([Route(operaties.DOCUMENT_UPLOADEN, neem_aan)])
    app = PartijApp(partij, Trace(), {}, None)
    if plaatsen is not None:
        app._uploads = anyio.CapacityLimiter(plaatsen)
    return app, []


def _upload(app: PartijApp, stukken: list[bytes], pauze: float, vooraf: float = 0) -> list[dict[str, object]]:
    import itertools

    verstuurd: list[dict[str, object]] = []
    teller = itertools.count()

    async def ontvang() -> dict[str, object]:
        i = next(teller)
        await asyncio.sleep(pauze)
        return {"type": "http.request", "body": stukken[i], "more_body": i < len(stukken) - 1}

    async def stuur(message: dict[str, object]) -> None:
        verstuurd.append(message)

    pad = "/publiek/verzoeken/api/indienen/v4/verzoeken/v1/documenten/d1/inhoud"
    scope = {"type": "http", "method": "PUT", "path": pad, "raw_path": pad.encode(), "query_string": b"",
             "headers": [(b"content-type", b"application/pdf")], "client": ("127.0.0.1", 50_000)}  # fmt: skip

    async def draai() -> None:
        with anyio.fail_after(10):
            await app(scope, ontvang, stuur)  # type: ignore[arg-type]

    anyio.run(draai)
    return verstuurd


def test_an_upload_that_trickles_in_is_ended_so_it_cannot_hold_a_place() -> None:
    """One byte every 0.05 s never leaves the client silent long enough for the per-piece deadline, yet past
    lees_seconden its average is far below the minimum rate: 408 with the reason, the place freed."""
    app, _ = _upload_app()
    verstuurd = _upload(app, [b"x"] * 200, 0.05)
    body = b"".join(m.get("body", b"") for m in verstuurd[1:])  # type: ignore[misc]
    assert verstuurd[0]["status"] == 408 and b"te traag" in body
    snel = _upload(app, [b"x" * 65536] * 4, 0.001)
    assert snel[0]["status"] == 201  # a normal upload on the same app still goes


def test_when_every_upload_place_is_taken_the_next_upload_hears_why_in_time() -> None:
    app, _ = _upload_app(plaatsen=1)

    async def bezet() -> None:
        await app._uploads.acquire()

    anyio.run(bezet)
    verstuurd = _upload(app, [b"x" * 10], 0.0)
    body = b"".join(m.get("body", b"") for m in verstuurd[1:])  # type: ignore[misc]
    assert verstuurd[0]["status"] == 503 and b"uploadplaatsen" in body
