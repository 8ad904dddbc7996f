"""The ZGW adapter speaks the specifications: every casus, with every organisation on the adapter, checked exchange
by exchange against Zaken API 1.5 / Documenten API 1.4 / Catalogi API 1.3 (tests/zgwcontrole.py); the zaak found
through a filter, never by scanning; statussen and resultaten set as ZGW sets them; credentials from the profile,
never shown."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import httpx
import jwt
import pytest
import respx

from chain_tests.casus import laad_casus
from chain_tests.clients.vth import AdapterContext
from chain_tests.clients.zgw import ZgwAdapter
from chain_tests.errors import ChainTestError, ConfiguratieFout
from chain_tests.keten import Keten
from chain_tests.offline import OfflineKeten
from chain_tests.scenario import speel_casus
from chain_tests.standards import api, zgw
from chain_tests.trace import CONTROLE, TracingTransport
from mocks._infra.routing import InProcessTransport
from tests.bouwstenen import CASUSSEN, vergunningplicht
from tests.zgwcontrole import ZgwControle

ALLE_CASUSSEN = sorted(CASUSSEN.rglob("*.yaml"))


class GecontroleerdeKeten(OfflineKeten):
    """An offline keten with every VTH on the ZGW adapter, each ZGW exchange of the harness checked."""

    def __init__(self) -> None:
        super().__init__()
        self.adapters = {o.oin: "zgw" for o in self.config.organisaties}
        self.zgw = ZgwControle(InProcessTransport(self.router, None))

    def controle(self, base_url: str, oin: str | None = None, van: str = CONTROLE) -> httpx.Client:
        """The harness's zaak checks, each exchange held to the ZGW specifications (and traced as ever)."""
        if van != CONTROLE:  # inspection of a mock is no ZGW exchange
            return super().controle(base_url, oin, van)
        sleutel = (base_url, oin, van)
        if sleutel not in self._controles:
            self.zgw.binnen = InProcessTransport(self.router, oin)
            transport = TracingTransport(self.zgw, self.trace, CONTROLE)
            self._controles[sleutel] = httpx.Client(transport=transport, base_url=base_url, timeout=30.0)
        return self._controles[sleutel]


@pytest.fixture
def gecontroleerd() -> Iterator[GecontroleerdeKeten]:
    omgeving = GecontroleerdeKeten()
    yield omgeving
    omgeving.sluit()


@pytest.mark.parametrize("pad", ALLE_CASUSSEN, ids=lambda p: p.stem)
def test_every_casus_on_the_zgw_adapter_speaks_the_specifications(
    pad: object, gecontroleerd: GecontroleerdeKeten
) -> None:
    keten = Keten(gecontroleerd)
    uitkomst = speel_casus(keten, laad_casus(pad))  # type: ignore[arg-type]
    keten.sluit()
    c = gecontroleerd.zgw
    assert c.overtredingen == []
    zaken = [z for z in (uitkomst.zaak, *(uitkomst.wkb.zaken if uitkomst.wkb else [])) if z is not None]
    if zaken:  # the zaak was read through ZGW alone, and found without scanning zaken
        assert c.gezien["zaken"] > 0 and c.gezien["documenten"] >= sum(len(z.bijlagen) for z in zaken[:1])
        assert not any(p.startswith("GET /zaken/api/v1/zaken?") for p in c.paden), "zaken were scanned"
        assert any("/zaakobjecten?object=" in p for p in c.paden)


def test_a_status_and_a_resultaat_move_the_zaak_on_as_zgw_does(gecontroleerd: GecontroleerdeKeten) -> None:
    keten = Keten(gecontroleerd)
    uitkomst = speel_casus(keten, vergunningplicht())
    zaak = uitkomst.zaak
    assert zaak is not None and zaak.status == "ontvangen" and uitkomst.indiening is not None
    drimmelen = keten.config.organisatie("Drimmelen")
    bezig = keten.behandel_zaak(zaak, drimmelen, "in behandeling")
    klaar = keten.behandel_zaak(zaak, drimmelen, "afgehandeld", "Verleend")
    verwacht = ["Ontvangen", "In behandeling", "Afgehandeld (Verleend)"]
    gezien = keten.controleer_lopende_zaken(klaar, uitkomst.indiening.aanvraag, drimmelen, verwacht, eind=True)
    keten.sluit()
    assert (bezig.status, bezig.resultaat, bezig.einddatum) == ("in behandeling", None, None)
    assert (klaar.status, klaar.resultaat) == ("afgehandeld", "Verleend") and klaar.einddatum is not None
    posts = [p.split("?")[0] for p in gecontroleerd.zgw.paden if p.startswith("POST")]
    assert posts == ["POST /zaken/api/v1/statussen", "POST /zaken/api/v1/resultaten", "POST /zaken/api/v1/statussen"]
    assert gecontroleerd.zgw.overtredingen == []
    assert gezien is not None and gezien.resultaat == "Verleend"  # MijnOverheid heard it from the VTH itself


def test_the_zgw_adapter_says_it_cannot_hand_over_a_zaak(gecontroleerd: GecontroleerdeKeten) -> None:
    adapter = gecontroleerd.vth_adapter(gecontroleerd.config.organisatie("Drimmelen"))
    assert adapter.kan == frozenset({"zaakstatus"})
    with pytest.raises(ChainTestError, match="Verzoek afhandelen") as info:
        adapter.zet_door("ZAAK-00001", "0" * 20)
    assert info.value.code == "KT-ZGW-DOORZETTEN"


# -- the adapter against a zaaksysteem elsewhere (respx: what goes over the wire) --------------------------------
ZRC, DRC, ZTC = "https://zrc.gemeente.test/api/v1", "https://drc.gemeente.test/api/v1", "https://ztc.gemeente.test/v1"
DSO_URL = "https://dso.test"


def _adapter(**instellingen: object) -> ZgwAdapter:
    basis = {"zaken": ZRC, "documenten": DRC, "catalogi": ZTC, "client_id": "gemeente-ketentest", "secret": "s" * 40}
    context = AdapterContext(
        "https://vth.test", DSO_URL, zgw.ZgwInstellingen.model_validate(basis | instellingen), False
    )
    return ZgwAdapter(httpx.Client(), "VTH-systeem Drimmelen", context)


def _zaak(**velden: object) -> dict[str, object]:
    return {"url": ZRC + "/zaken/1", "uuid": "1", "identificatie": "Z-1", "zaaktype": ZTC + "/zaaktypen/1"} | velden


@respx.mock
def test_the_adapter_uses_the_profiles_roots_credentials_and_crs_headers() -> None:
    verzoek = DSO_URL + api.pad(api.AFHANDELEN, verzoeknummer="3000001")
    zo = {"url": ZRC + "/zaakobjecten/1", "uuid": "1", "zaak": ZRC + "/zaken/1", "object": verzoek,
          "objectType": "overige", "objectTypeOverige": "dso_verzoek"}  # fmt: skip
    objecten = respx.get(ZRC + "/zaakobjecten").respond(json={"count": 1, "results": [zo]})
    zaak = respx.get(ZRC + "/zaken/1").respond(json=_zaak())
    respx.get(ZRC + "/zaken/1/zaakeigenschappen").respond(json=[{"url": "u", "uuid": "2", "zaak": "z",
        "eigenschap": "e", "naam": "projectId", "waarde": "P-1"}])  # fmt: skip
    respx.get(ZRC + "/zaakinformatieobjecten").respond(json=[])
    (gevonden,) = _adapter().zaken("3000001")
    assert (gevonden.zaak_id, gevonden.verzoeknummer, gevonden.project_id) == ("Z-1", "3000001", "P-1")
    assert objecten.calls[0].request.url.params["object"] == verzoek
    assert zaak.calls[0].request.headers["Accept-Crs"] == zaak.calls[0].request.headers["Content-Crs"] == "EPSG:4326"
    token = objecten.calls[0].request.headers["Authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, "s" * 40, algorithms=["HS256"])
    assert claims["client_id"] == claims["iss"] == "gemeente-ketentest" and "iat" in claims
    assert "Accept-Crs" not in objecten.calls[0].request.headers  # only the zaken operations ask for it


@respx.mock
def test_a_statustype_the_profile_does_not_map_is_explained() -> None:
    respx.get(ZRC + "/zaakobjecten").respond(json={"count": 1, "results": [{"url": "x", "uuid": "1",
        "zaak": ZRC + "/zaken/1", "object": DSO_URL + api.pad(api.AFHANDELEN, verzoeknummer="1"), "objectType": "overige"}]})  # fmt: skip # noqa: E501
    respx.get(ZRC + "/zaken/1").respond(json=_zaak(status=ZRC + "/statussen/9"))
    respx.get(ZRC + "/zaken/1/zaakeigenschappen").respond(json=[])
    respx.get(ZRC + "/zaakinformatieobjecten").respond(json=[])
    respx.get(ZRC + "/statussen/9").respond(json={"url": "s", "uuid": "9", "zaak": "z",
        "statustype": ZTC + "/statustypen/4", "datumStatusGezet": "2026-12-07T10:00:00Z"})  # fmt: skip
    respx.get(ZTC + "/statustypen/4").respond(json={"url": ZTC + "/statustypen/4", "omschrijving": "Beoordelen"})
    with pytest.raises(ChainTestError, match="Beoordelen") as info:
        _adapter().zaken("1")
    assert info.value.code == "KT-ZGW-STATUSTYPE" and "statustypen" in info.value.hint
    (zaak,) = _adapter(statustypen={"in behandeling": "Beoordelen"}).zaken("1")
    assert zaak.status == "in behandeling"


def test_a_real_zaaksysteem_needs_credentials_and_the_secret_is_never_shown(caplog: pytest.LogCaptureFixture) -> None:
    context = AdapterContext("https://vth.test", DSO_URL, zgw.ZgwInstellingen(client_id="c"), False)
    with pytest.raises(ConfiguratieFout) as info:
        ZgwAdapter(httpx.Client(), "VTH-systeem Drimmelen", context)
    assert info.value.code == "KT-ZGW-CLIENT" and "zgw.secret" in info.value.hint
    instellingen = zgw.ZgwInstellingen(client_id="c", secret="geheim-" * 6)  # type: ignore[arg-type]
    caplog.set_level(logging.DEBUG)
    logging.getLogger("test").info("instellingen: %s", instellingen)
    assert "geheim-" not in repr(instellingen) + json.dumps(instellingen.model_dump(mode="json")) + caplog.text


def _weigering(status: int) -> Exception:
    from chain_tests.clients.base import Weigering

    verzoek = httpx.Request("GET", "https://vth.example/documenten/api/v1/enkelvoudiginformatieobjecten/x")
    return Weigering("VTH-systeem", httpx.Response(status, text="weg", request=verzoek))


@pytest.mark.parametrize(("fouten", "gelezen"), [(0, 1), (1, 2), (2, 3)])
def test_a_zaak_that_changes_while_it_is_read_is_read_again(
    monkeypatch: pytest.MonkeyPatch, fouten: int, gelezen: int
) -> None:
    """A document listed by the zaak and gone a moment later (the VTH registered an aanvulling between two
    requests): the whole zaak is read again, up to LEESPOGINGEN times."""
    from chain_tests.clients.zgw import ZgwAdapter

    pogingen: list[int] = []

    def zaak(self: object, z: object) -> str:
        pogingen.append(1)
        if len(pogingen) <= fouten:
            raise _weigering(404)
        return "de zaak"

    monkeypatch.setattr(ZgwAdapter, "_lees", lambda self, model, url, crs=False: url)
    monkeypatch.setattr(ZgwAdapter, "_zaak", zaak)
    assert ZgwAdapter._zaak_op(object.__new__(ZgwAdapter), "https://vth.example/zaken/1") == "de zaak"
    assert len(pogingen) == gelezen


@pytest.mark.parametrize(("status", "gelezen"), [(404, 3), (500, 1), (403, 1)])
def test_a_part_still_gone_or_another_refusal_stands(
    monkeypatch: pytest.MonkeyPatch, status: int, gelezen: int
) -> None:
    from chain_tests.clients.base import Weigering
    from chain_tests.clients.zgw import LEESPOGINGEN, ZgwAdapter

    pogingen: list[int] = []

    def zaak(self: object, z: object) -> str:
        pogingen.append(1)
        raise _weigering(status)

    monkeypatch.setattr(ZgwAdapter, "_lees", lambda self, model, url, crs=False: url)
    monkeypatch.setattr(ZgwAdapter, "_zaak", zaak)
    with pytest.raises(Weigering) as info:
        ZgwAdapter._zaak_op(object.__new__(ZgwAdapter), "https://vth.example/zaken/1")
    assert info.value.status == status and len(pogingen) == gelezen and LEESPOGINGEN == 3
