"""One mock, two bindings that answer the same: the certificate gate, refused input, an unknown
path and a bug in a mock give the same status and melding in-process as served."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator
from typing import Protocol

import httpx
import pytest

from chain_tests import AfhandelenFouten, Fouten
from chain_tests.config import KetenConfig
from chain_tests.mockservers import MockServers
from chain_tests.offline import OfflineKeten
from chain_tests.standards import api, zgw
from chain_tests.standards.ebms import ontleed, serialiseer
from chain_tests.standards.zgw.autorisatie import maak_jwt
from mocks._infra.routing import InProcessTransport
from tests.bouwstenen import DRIMMELEN, DSO, LELYSTAD, verzoeknotificatie

SLEUTEL = {"x-api-key": KetenConfig().api_key}


class Verzender(Protocol):
    def __call__(self, partij: str, oin: str | None) -> httpx.Client: ...


def _offline(omgeving: OfflineKeten) -> Verzender:
    urls = {DSO: omgeving.config.dso_lv.base_url} | {o.oin: o.base_url for o in omgeving.config.organisaties}
    # raw clients, as a supplier's system would send (the harness's own clients add the API key)
    return lambda partij, oin: httpx.Client(transport=InProcessTransport(omgeving.router, oin), base_url=urls[partij])


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
    headers, body = serialiseer(verzoeknotificatie())
    r = stuur(DRIMMELEN, None).post(api.EBMS, content=body, headers=headers)
    assert r.status_code == 403 and ontleed(r.headers["Content-Type"], r.content).fouten[0][0] == "SecurityFailure"


def test_ebms_from_party_must_match_the_certificate(verzender: tuple[Verzender, object]) -> None:
    stuur, _ = verzender
    headers, body = serialiseer(verzoeknotificatie())
    r = stuur(DRIMMELEN, LELYSTAD).post(api.EBMS, content=body, headers=headers)
    code, tekst = ontleed(r.headers["Content-Type"], r.content).fouten[0]
    assert r.status_code == 403 and code == "SecurityFailure" and LELYSTAD in tekst


def test_a_public_operation_needs_no_certificate_but_an_api_key(verzender: tuple[Verzender, object]) -> None:
    stuur, _ = verzender
    xml = {"Content-Type": "application/xml"}
    r = stuur(DSO, None).post(api.VERIFIEREN, content=b"<a/>", headers=xml | SLEUTEL)
    assert r.status_code == 200
    for zonder in ({}, {"x-api-key": "fout"}):
        r = stuur(DSO, DRIMMELEN).post(api.VERIFIEREN, content=b"<a/>", headers=xml | zonder)
        assert r.status_code == 401 and _melding(r) == (
            "DSO-401",
            "De /publiek/-API's van het DSO vragen een geldige API-key in de header x-api-key.",
        )


def test_zgw_asks_a_jwt_where_the_query_api_asks_the_own_certificate(verzender: tuple[Verzender, object]) -> None:
    """The ZGW face authorises as a ZRC does, by the client's JWT; the same in-process and served."""
    stuur, _ = verzender
    pad = zgw.ZAKEN_ROOT + zgw.ZAKEN
    jwt = {"Authorization": "Bearer " + maak_jwt(zgw.MOCK_CLIENT_ID, zgw.MOCK_SECRET)}
    zonder = stuur(DRIMMELEN, DRIMMELEN).get(pad, headers=zgw.CRS_HEADERS)
    met = stuur(DRIMMELEN, DRIMMELEN).get(pad, headers=zgw.CRS_HEADERS | jwt)
    assert (zonder.status_code, zonder.headers["Content-Type"], zonder.json()["code"]) == (
        401,
        "application/problem+json",
        "not_authenticated",
    )
    assert met.status_code == 200 and met.json()["count"] == 0


@pytest.mark.parametrize("pad", [api.VTH_ZAKEN + "?verzoeknummer=3000001"])
def test_zaak_data_only_for_the_organisations_own_certificate(verzender: tuple[Verzender, object], pad: str) -> None:
    stuur, _ = verzender
    assert stuur(DRIMMELEN, DRIMMELEN).get(pad).status_code == 200
    assert _melding(stuur(DRIMMELEN, None).get(pad))[0] == "MOCK-MTLS"
    r = stuur(DRIMMELEN, LELYSTAD).get(pad)
    assert r.status_code == 403 and _melding(r) == (
        "MOCK-EIGEN",
        f"De zaakgegevens van VTH-systeem Gemeente Drimmelen zijn alleen voor de eigen organisatie (OIN {DRIMMELEN}), "
        f"niet voor OIN {LELYSTAD}.",
    )


def test_an_unknown_path_is_a_404_listing_what_is_served(verzender: tuple[Verzender, object]) -> None:
    stuur, _ = verzender
    r = stuur(DSO, DRIMMELEN).get("/overheid/bestaat-niet")
    assert r.status_code == 404
    code, tekst = _melding(r)
    assert code == "MOCK-404" and "GET /overheid/bestaat-niet bestaat niet" in tekst and api.AFHANDELEN in tekst


def test_malformed_json_is_a_400_naming_the_problem(verzender: tuple[Verzender, object]) -> None:
    stuur, _ = verzender
    r = stuur(DSO, None).post(api.VERGUNNINGCHECK, content=b"{", headers={"Content-Type": "application/json"} | SLEUTEL)
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
    assert "opzettelijke fout in de mock (zelftest van ketentest)" in tekst  # says it was deliberate


@pytest.mark.parametrize("soort", [None, "application/json", "application/xml"])
def test_ebms_with_another_content_type_is_refused(verzender: tuple[Verzender, object], soort: str | None) -> None:
    stuur, _ = verzender
    _, body = serialiseer(verzoeknotificatie())
    headers = {"SOAPAction": '"ebXML"'} | ({"Content-Type": soort} if soort else {})
    r = stuur(DRIMMELEN, DSO).post(api.EBMS, content=body, headers=headers)
    code, tekst = ontleed(r.headers["Content-Type"], r.content).fouten[0]
    assert r.status_code == 400 and code == "MimeProblem"
    assert f"Content-Type {soort or '(geen)'} is geen ebMS-bericht" in tekst
