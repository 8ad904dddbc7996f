"""Issue 8 — one mock, two bindings that answer the same: the certificate gate, refused input, an unknown
path and a bug in a mock give the same status and melding in-process as served."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator
from typing import Protocol

import httpx
import pytest

from chain_tests import AfhandelenFouten, Fouten
from chain_tests.mockservers import MockServers
from chain_tests.offline import OfflineKeten
from chain_tests.standards import api
from chain_tests.standards.ebms import EbmsBericht, ontleed, serialiseer

DRIMMELEN, LELYSTAD, DSO = "00000001001719001000", "00000001005024249000", "00000001003214345000"


class Verzender(Protocol):
    def __call__(self, partij: str, oin: str | None) -> httpx.Client: ...


def _offline(omgeving: OfflineKeten) -> Verzender:
    urls = {DSO: omgeving.config.dso_lv.base_url} | {o.oin: o.base_url for o in omgeving.config.organisaties}
    return lambda partij, oin: omgeving.waarnemer(urls[partij], oin)


def _served(servers: MockServers, clients: list[httpx.Client]) -> Verzender:
    pki = servers.map / "pki"

    def maak(partij: str, oin: str | None) -> httpx.Client:
        ctx = ssl.create_default_context(cafile=str(pki / "ca.pem"))
        if oin:
            ctx.load_cert_chain(str(pki / f"{oin}.pem"), str(pki / f"{oin}-key.pem"))
        clients.append(httpx.Client(base_url=servers.urls[partij], verify=ctx, timeout=10))
        return clients[-1]

    return maak


@pytest.fixture(params=["in-process", "served"])
def verzender(
    request: pytest.FixtureRequest, mockservers: MockServers
) -> Iterator[tuple[Verzender, Callable[[Fouten], None]]]:
    if request.param == "in-process":
        omgeving = OfflineKeten()
        yield _offline(omgeving), lambda f: omgeving.fouten.neem_over(f)
        omgeving.sluit()
        return
    clients: list[httpx.Client] = []
    from chain_tests.profiel import laad_profiel
    from chain_tests.served import ServedKeten

    keten = ServedKeten(laad_profiel("served-ci", mockservers.profiel_pad)[1])
    yield _served(mockservers, clients), keten.zet_fouten
    keten.herstel_fouten()
    keten.sluit()
    for c in clients:
        c.close()


def _melding(r: httpx.Response) -> tuple[str, str]:
    m = r.json()["meldingen"][0]
    return m["code"], m["tekst"]


def test_a_certified_operation_without_a_certificate_is_refused(verzender: tuple[Verzender, object]) -> None:
    stuur, _ = verzender
    r = stuur(DSO, None).get(api.pad(api.AFHANDELEN, verzoeknummer="1"))
    assert r.status_code == 403 and _melding(r)[0] == "MOCK-MTLS" and "serialNumber" in _melding(r)[1]


def test_ebms_without_a_certificate_gets_an_ebms_security_failure(verzender: tuple[Verzender, object]) -> None:
    stuur, _ = verzender
    headers, body = serialiseer(EbmsBericht(DSO, DRIMMELEN, "cpa", "c", "urn:s", "Verzoeknotificatie"))
    r = stuur(DRIMMELEN, None).post(api.EBMS, content=body, headers=headers)
    assert r.status_code == 403 and ontleed(r.headers["Content-Type"], r.content).fouten[0][0] == "SecurityFailure"


def test_ebms_from_party_must_match_the_certificate(verzender: tuple[Verzender, object]) -> None:
    stuur, _ = verzender
    headers, body = serialiseer(EbmsBericht(DSO, DRIMMELEN, "cpa", "c", "urn:s", "Verzoeknotificatie"))
    r = stuur(DRIMMELEN, LELYSTAD).post(api.EBMS, content=body, headers=headers)
    code, tekst = ontleed(r.headers["Content-Type"], r.content).fouten[0]
    assert r.status_code == 403 and code == "SecurityFailure" and LELYSTAD in tekst


def test_a_public_operation_needs_no_certificate(verzender: tuple[Verzender, object]) -> None:
    stuur, _ = verzender
    r = stuur(DSO, None).post(api.VERIFIEREN, content=b"<a/>", headers={"Content-Type": "application/xml"})
    assert r.status_code == 200


def test_an_unknown_path_is_a_404_listing_what_is_served(verzender: tuple[Verzender, object]) -> None:
    stuur, _ = verzender
    r = stuur(DSO, DRIMMELEN).get("/overheid/bestaat-niet")
    assert r.status_code == 404
    code, tekst = _melding(r)
    assert code == "MOCK-404" and "GET /overheid/bestaat-niet bestaat niet" in tekst and api.AFHANDELEN in tekst


def test_malformed_json_is_a_400_naming_the_problem(verzender: tuple[Verzender, object]) -> None:
    stuur, _ = verzender
    r = stuur(DSO, None).post(api.VERGUNNINGCHECK, content=b"{", headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    code, tekst = _melding(r)
    assert code == "MOCK-400" and "geen geldige JSON" in tekst and "Traceback" not in r.text


def test_a_bug_in_a_mock_is_a_500_naming_the_mock(verzender: tuple[Verzender, Callable[[Fouten], None]]) -> None:
    stuur, zet = verzender
    zet(Fouten(afhandelen=AfhandelenFouten(crasht=True)))
    r = stuur(DSO, DRIMMELEN).get(api.pad(api.AFHANDELEN_BIJLAGE, verzoeknummer="1", document_id="d"))
    assert r.status_code == 500
    code, tekst = _melding(r)
    assert code == "MOCK-500" and tekst.startswith("DSO landelijke voorzieningen (mock): RuntimeError")
