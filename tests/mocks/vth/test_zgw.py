"""The reference VTH's ZGW face behaves as a real ZRC/DRC/ZTC: a JWT per call with the client's scopes (401,
403), the CRS headers (412, 406), filters honoured and unknown ones refused, pagination as specified, problem+json
errors, a resultaat before the eindstatus; every answer here (refusals too) checked against the specifications."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import httpx
import pytest

from chain_tests.keten import Keten
from chain_tests.offline import OfflineKeten
from chain_tests.scenario import speel_casus
from chain_tests.standards import api, zgw
from chain_tests.standards.zgw.autorisatie import ZgwJwt, maak_jwt
from mocks._infra.routing import InProcessTransport
from mocks.vth.zgw.toegang import CLIENTS, PAGINA
from tests.bouwstenen import DRIMMELEN, vergunningplicht
from tests.zgwcontrole import BRONNEN, ZgwControle

Z, D, C = zgw.ZAKEN_ROOT, zgw.DOCUMENTEN_ROOT, zgw.CATALOGI_ROOT
CRS = zgw.CRS_HEADERS


@pytest.fixture
def zgw_api() -> Iterator[tuple[httpx.Client, ZgwControle, api.Zaak, OfflineKeten]]:
    """A zaaksysteem with one real zaak (a played casus), a client with the harness's own credentials."""
    omgeving = OfflineKeten()
    keten = Keten(omgeving)
    zaak = speel_casus(keten, vergunningplicht()).zaak
    assert zaak is not None
    controle = ZgwControle(InProcessTransport(omgeving.router, None))
    basis = omgeving.config.organisatie("Drimmelen").base_url
    client = httpx.Client(transport=controle, base_url=basis, auth=ZgwJwt(zgw.MOCK_CLIENT_ID, zgw.MOCK_SECRET))
    yield client, controle, zaak, omgeving
    keten.sluit()
    omgeving.sluit()


def _zaak_url(client: httpx.Client, zaak: api.Zaak) -> str:
    (gevonden,) = client.get(Z + zgw.ZAKEN, params={"identificatie": zaak.zaak_id}, headers=CRS).json()["results"]
    return str(gevonden["url"])


def test_a_call_without_a_valid_jwt_is_401_and_without_the_scope_403(zgw_api: tuple) -> None:
    client, controle, zaak, _ = zgw_api
    zonder = httpx.Client(transport=controle, base_url=client.base_url)
    vals = {"Authorization": "Bearer " + maak_jwt(zgw.MOCK_CLIENT_ID, "een-ander-geheim-van-voldoende-lengte!")}
    oud = {"Authorization": "Bearer " + maak_jwt(zgw.MOCK_CLIENT_ID, zgw.MOCK_SECRET, nu=0)}
    onbekend = {"Authorization": "Bearer " + maak_jwt("wie", zgw.MOCK_SECRET)}
    statussen = [zonder.get(Z + zgw.ZAAKOBJECTEN, headers=h).status_code for h in ({}, vals, oud, onbekend)]
    lezer_id = "ketentest-lezer"
    lezer = httpx.Client(transport=controle, base_url=client.base_url, auth=ZgwJwt(lezer_id, CLIENTS[lezer_id][0]))
    body = {"zaak": _zaak_url(client, zaak), "statustype": "x", "datumStatusGezet": "2026-12-07T10:00:00Z"}
    assert lezer.get(Z + zgw.ZAAKOBJECTEN).status_code == 200
    geweigerd = lezer.post(Z + zgw.STATUSSEN, json=body)
    assert statussen == [401, 401, 401, 401]
    assert geweigerd.status_code == 403 and geweigerd.headers["Content-Type"] == "application/problem+json"
    assert geweigerd.json()["code"] == "permission_denied" and controle.antwoordfouten == []
    assert len(controle.verzoekfouten) == len(BRONNEN)  # the call without any JWT: the harness's check sees it too


def test_zaken_ask_the_crs_headers(zgw_api: tuple) -> None:
    client, controle, _zaak, _ = zgw_api
    zonder = client.get(Z + zgw.ZAKEN)
    ander = client.get(Z + zgw.ZAKEN, headers={**CRS, "Accept-Crs": "EPSG:28992"})
    goed = client.get(Z + zgw.ZAKEN, headers=CRS)
    assert (zonder.status_code, ander.status_code, goed.status_code) == (412, 406, 200)
    assert zonder.json()["code"] == "missing-accept-crs-header" and goed.headers["Content-Crs"] == zgw.CRS
    assert controle.antwoordfouten == [] and len(controle.verzoekfouten) == 2 * len(BRONNEN)


def test_filters_are_honoured_and_an_unknown_one_is_refused(zgw_api: tuple) -> None:
    client, controle, zaak, _ = zgw_api
    eigen = client.get(Z + zgw.ZAKEN, params={"identificatie": zaak.zaak_id}, headers=CRS).json()
    geen = client.get(Z + zgw.ZAKEN, params={"identificatie": "ZAAK-BESTAAT-NIET"}, headers=CRS).json()
    onbekend = client.get(Z + zgw.ZAKEN, params={"startdatum__gt": "2020-01-01"}, headers=CRS)
    assert (eigen["count"], geen["count"]) == (1, 0) and eigen["results"][0]["identificatie"] == zaak.zaak_id
    assert onbekend.status_code == 400
    assert onbekend.json()["invalidParams"][0]["name"] == "startdatum__gt"
    url = eigen["results"][0]["url"]
    zoek = client.post(Z + zgw.ZAKEN_ZOEK, json={"uuid__in": [url.rsplit("/", 1)[1]]}, headers=CRS).json()
    assert [z["url"] for z in zoek["results"]] == [url]
    objecten = client.get(Z + zgw.ZAAKOBJECTEN, params={"zaak": url}).json()
    assert [o["objectTypeOverige"] for o in objecten["results"]] == ["dso_verzoek"]
    assert controle.antwoordfouten == []


def test_lists_page_as_specified(zgw_api: tuple) -> None:
    client, controle, zaak, omgeving = zgw_api
    vth = omgeving.vths[DRIMMELEN]
    vth.zaken += [zaak.model_copy(update={"zaak_id": f"ZAAK-X{i:03d}"}) for i in range(2 * PAGINA + 4)]
    eerste = client.get(Z + zgw.ZAKEN, headers=CRS).json()
    tweede = client.get(eerste["next"], headers=CRS).json()
    derde = client.get(tweede["next"], headers=CRS).json()
    voorbij = client.get(Z + zgw.ZAKEN, params={"page": "0"}, headers=CRS)
    assert eerste["count"] == tweede["count"] == 2 * PAGINA + 5
    assert [len(p["results"]) for p in (eerste, tweede, derde)] == [PAGINA, PAGINA, 5]
    assert eerste["previous"] is None and derde["next"] is None and tweede["previous"].endswith("page=1")
    assert voorbij.status_code == 400 and controle.antwoordfouten == []


@pytest.mark.parametrize("waarde", ["abc", "²", "-1", "1.5", "9" * 5000, ""])
def test_a_bad_page_is_refused_naming_it(zgw_api: tuple, waarde: str) -> None:
    client, controle, _, _ = zgw_api
    antwoord = client.get(Z + zgw.ZAAKOBJECTEN, params={"page": waarde})
    assert antwoord.status_code == 400 and antwoord.json()["invalidParams"][0]["name"] == "page"
    assert len(antwoord.content) < 1000 and "Traceback" not in antwoord.text
    assert controle.antwoordfouten == []


def test_a_missing_resource_is_a_problem_not_a_crash(zgw_api: tuple) -> None:
    client, controle, _, _ = zgw_api
    onbekend = "00000000-0000-4000-8000-000000000000"
    antwoorden = [
        client.get(Z + api.pad(zgw.ZAAK, uuid=onbekend), headers=CRS),
        client.get(D + api.pad(zgw.INFORMATIEOBJECT, uuid=onbekend)),
        client.get(C + api.pad(zgw.STATUSTYPE, uuid=onbekend)),
    ]
    assert {(r.status_code, r.headers["Content-Type"], r.json()["code"]) for r in antwoorden} == {
        (404, "application/problem+json", "not_found")
    }
    assert controle.overtredingen == []


def test_an_eindstatus_asks_a_resultaat_first_and_one_only(zgw_api: tuple) -> None:
    client, controle, zaak, _ = zgw_api
    url = _zaak_url(client, zaak)
    zaaktype = client.get(url, headers=CRS).json()["zaaktype"]
    typen = client.get(C + zgw.STATUSTYPEN, params={"zaaktype": zaaktype}).json()["results"]
    eind = next(t["url"] for t in typen if t["isEindstatus"])
    verleend = next(
        r["url"]
        for r in client.get(C + zgw.RESULTAATTYPEN, params={"zaaktype": zaaktype}).json()["results"]
        if r["omschrijving"] == "Verleend"
    )
    status = {"zaak": url, "statustype": eind, "datumStatusGezet": "2026-12-07T10:00:00+00:00"}
    te_vroeg = client.post(Z + zgw.STATUSSEN, json=status)
    eerste = client.post(Z + zgw.RESULTATEN, json={"zaak": url, "resultaattype": verleend})
    tweede = client.post(Z + zgw.RESULTATEN, json={"zaak": url, "resultaattype": verleend})
    gezet = client.post(Z + zgw.STATUSSEN, json=status)
    assert te_vroeg.status_code == 400 and te_vroeg.json()["invalidParams"][0]["code"] == "resultaat-does-not-exist"
    assert (eerste.status_code, tweede.status_code, gezet.status_code) == (201, 400, 201)
    assert gezet.headers["Location"] == gezet.json()["url"]
    na = client.get(url, headers=CRS).json()
    assert na["status"] == gezet.json()["url"] and na["resultaat"] == eerste.json()["url"] and na["einddatum"]
    statussen = client.get(Z + zgw.STATUSSEN, params={"zaak": url}).json()["results"]
    assert [s["indicatieLaatstGezetteStatus"] for s in statussen] == [False, True]
    assert controle.overtredingen == []


def test_a_document_downloads_as_the_bytes_its_integriteit_names(zgw_api: tuple) -> None:
    client, controle, zaak, _ = zgw_api
    url = _zaak_url(client, zaak)
    zios = client.get(Z + zgw.ZAAKINFORMATIEOBJECTEN, params={"zaak": url}).json()
    assert len(zios) == len(zaak.bijlagen) == 2
    for zio in zios:
        eio = client.get(zio["informatieobject"]).json()
        inhoud = client.get(eio["inhoud"])
        assert inhoud.headers["Content-Type"] == "application/octet-stream"
        assert hashlib.sha256(inhoud.content).hexdigest() == eio["integriteit"]["waarde"]
        assert len(inhoud.content) == eio["bestandsomvang"]
    assert controle.overtredingen == []


def test_the_check_can_fail() -> None:
    """The derived document refuses a zaak without its required fields and a request without its JWT."""
    from tests.openapi import Antwoord, Verzoek
    from tests.zgwcontrole import spec

    zaken = spec("afgeleid", "zaken", "https://vth.test" + Z)
    verzoek = httpx.Request("GET", "https://vth.test" + Z + "/zaken/0b5d8d0e-0000-4000-8000-000000000000", headers=CRS)
    with pytest.raises(Exception, match=r"Security|JWT"):
        zaken.validate_request(Verzoek(verzoek))
    kaal = httpx.Response(200, json={"url": "https://vth.test/z", "uuid": "0b5d8d0e-0000-4000-8000-000000000000"})
    with pytest.raises(Exception, match=r"bronorganisatie|required"):
        zaken.validate_response(Verzoek(verzoek), Antwoord(kaal))


@pytest.mark.parametrize(
    ("params", "body", "veld"),
    [
        ({"x": "1"}, {}, "x"),  # a filter in the query of _zoek: it belongs in the body
        ({}, {"bronorganisatie": None}, "bronorganisatie"),  # null filters nothing: refused, not ignored
        ({}, {"zaaktype": ":geen url["}, "zaaktype"),
    ],
    ids=["query", "null", "zaaktype"],
)
def test_zoek_refuses_what_the_specification_does_not_allow(
    zgw_api: tuple, params: dict[str, str], body: dict[str, object], veld: str
) -> None:
    """Found by schemathesis against the served face: these were answered 200 with every zaak."""
    client, _, _, _ = zgw_api
    r = client.post(Z + zgw.ZAKEN_ZOEK, params=params, json=body, headers=CRS)
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == veld
