"""OZON's HTTP side, called directly: the doorlevering from the LVBB (tijdstip, the visibility delay, the forgotten
publication), its validation answer, the synchronisation to the RTR (once, again after a refusal), the
Presenteren-shaped reads (activiteit, locatie, geometrie, regelingen, each with its 404 and its fault) and the
supplier's plan settings. Each assertion names a value a wrong mock would give otherwise."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable

import httpx
import pytest

from chain_tests.casus import Casus
from chain_tests.config import Tijden
from chain_tests.klok import HandmatigeKlok
from chain_tests.standards import lvbb, ow, owgraaf, planketen
from chain_tests.standards.api import Model
from chain_tests.standards.meldingcodes import CodeMelding
from mocks._infra.routing import CLIENT_OIN
from mocks.dso_lv import ozonlevering, ozonregels
from mocks.dso_lv.ozon import OzonMock, Publicatie
from tests.bouwstenen import DRIMMELEN, PLANSOFTWARE
from tests.mocks.test_ozon_regels import _bestanden as casus_bestanden

LVBB = "00000001003214345000"
TIJDEN = Tijden(ozon_vertraging=7.0)


def _bestanden(plan_casus: Callable[[str], Casus], naam: str = "plan-kappen-boom-made") -> dict[str, bytes]:
    return casus_bestanden(plan_casus, naam)


class Rtr:
    """The RTR as OZON's client sees it: records each body, answers ``status``."""

    def __init__(self) -> None:
        self.status = 204
        self.antwoord = b""
        self.bodies: list[dict[str, object]] = []

    def __call__(self) -> httpx.Client:
        def antwoord(request: httpx.Request) -> httpx.Response:
            assert request.url.path == planketen.RTR_FS_BIJWERKEN and request.method == "POST"
            self.bodies.append(json.loads(request.read()))
            return httpx.Response(self.status, content=self.antwoord)

        return httpx.Client(transport=httpx.MockTransport(antwoord), base_url="https://dso-lv.test")


def _ozon() -> tuple[OzonMock, HandmatigeKlok, Rtr]:
    klok, rtr = HandmatigeKlok(), Rtr()
    return OzonMock(klok, TIJDEN, LVBB, rtr_client=rtr), klok, rtr


def _verzoek(methode: str, pad: str, inhoud: bytes = b"", oin: str | None = LVBB, **params: str) -> httpx.Request:
    return httpx.Request(
        methode, f"https://dso-lv.test{pad}", params=params, content=inhoud, extensions={CLIENT_OIN: oin}
    )


def _neem_door(ozon: OzonMock, bestanden: dict[str, bytes], **params: str) -> httpx.Response:
    return ozon.neem_door(_verzoek("POST", "/ozon", lvbb.pak_in(bestanden), **params), {})


def _regeling(bestanden: dict[str, bytes]) -> str:
    return ow.lees_manifest_ow(bestanden["manifest-ow.xml"]).work_id


# -- doorlevering ----------------------------------------------------------------------------------------------
def test_a_delivered_publication_becomes_visible_after_the_delay_with_its_tijdstip(
    plan_casus: Callable[[str], Casus],
) -> None:
    ozon, klok, _ = _ozon()
    bestanden = _bestanden(plan_casus)
    regeling = _regeling(bestanden)
    assert _neem_door(ozon, bestanden, tijdstipPublicatie="2026-01-08T00:00:00+01:00").status_code == 202
    pub = ozon.publicaties[regeling]
    assert ozon.ontvangen == [regeling] and pub.bevoegd_gezag == DRIMMELEN
    assert pub.tijdstip == "2026-01-08T00:00:00+01:00"
    assert pub.zichtbaar_vanaf == klok.nu() + dt.timedelta(seconds=7.0)
    klok.wacht(6.9)
    assert not ozon.kent_locatie(next(iter(pub.ow.gebieden)))
    klok.wacht(0.1)
    assert ozon.kent_locatie(next(iter(pub.ow.gebieden)))


def test_without_tijdstip_the_publication_carries_ozons_own_time(plan_casus: Callable[[str], Casus]) -> None:
    ozon, klok, _ = _ozon()
    bestanden = _bestanden(plan_casus)
    _neem_door(ozon, bestanden)
    assert ozon.publicaties[_regeling(bestanden)].tijdstip == klok.nu().isoformat()


def test_a_forgetful_ozon_takes_the_publication_and_never_shows_it(plan_casus: Callable[[str], Casus]) -> None:
    ozon, _, _ = _ozon()
    ozon.fouten.vergeet_publicatie = True
    bestanden = _bestanden(plan_casus)
    assert _neem_door(ozon, bestanden).status_code == 202
    assert ozon.ontvangen == [_regeling(bestanden)] and ozon.publicaties == {}


# -- validation ------------------------------------------------------------------------------------------------
def test_the_validation_answer_carries_each_meldings_code_text_and_ernst(plan_casus: Callable[[str], Casus]) -> None:
    ozon, _, _ = _ozon()
    goed = ozon.valideer(_verzoek("POST", "/v", lvbb.pak_in(_bestanden(plan_casus))), {})
    assert goed.status_code == 200 and json.loads(goed.read()) == {"meldingen": []}
    fout = lvbb.pak_in(_bestanden(plan_casus, "ozon0124-regelingsgebied-verwijst-naar-onbekende-locatie"))
    meldingen = json.loads(ozon.valideer(_verzoek("POST", "/v", fout), {}).read())["meldingen"]
    assert [m["code"] for m in meldingen] == ["OZON0124"]
    assert meldingen[0]["ernst"] == "fout" and "gebied.Onbekend, dat niet bestaat" in meldingen[0]["tekst"]


def test_objects_another_regeling_holds_are_ozon0310_and_the_same_regelings_unchanged_ones_ozon4003(
    plan_casus: Callable[[str], Casus],
) -> None:
    """OZON0310: an identificatie is globally unique; delivered again for its own regeling it is a new version,
    which must differ from what OZON holds (OZON4003)."""
    ozon, _, _ = _ozon()
    bestanden = _bestanden(plan_casus)
    assert [m.code for m in ozon.controleer(bestanden)] == []
    _neem_door(ozon, bestanden)
    ids = sorted(ow.lees_ow(bestanden).ids())
    alle = ozon.controleer(bestanden)
    # the same besluit again (OZON1045), as an initial levering of a regeling OZON holds (OZON1026)
    assert sorted({m.code for m in alle} - {"OZON4003"}) == ["OZON1026", "OZON1045"]
    meldingen = [m for m in alle if m.code == "OZON4003"]
    assert len(meldingen) == len(ids)
    assert sorted(re.search(r"\(([^ ]+) is ongewijzigd", m.beschrijving)[1] for m in meldingen) == ids  # type: ignore[index]
    (werk,) = ozon.publicaties
    ander = {
        **bestanden,
        "manifest-ow.xml": bestanden["manifest-ow.xml"].replace(werk.encode(), b"/akn/nl/act/x/2026/y"),
    }
    meldingen = [m for m in ozon.controleer(ander) if m.code in ("OZON0310", "OZON0218")]
    tekst = set(ow.lees_ow(bestanden).regelteksten) | set(ow.lees_ow(bestanden).regels)
    assert tekst and all((m.code == "OZON0218") == (re.search(r"al in OZON: ([^)]+)", m.beschrijving)[1] in tekst)  # type: ignore[index]
                         for m in meldingen)  # fmt: skip
    assert sorted(re.search(r"al in OZON: ([^)]+)", m.beschrijving)[1] for m in meldingen) == ids  # type: ignore[index]


def test_a_new_version_of_an_object_replaces_it_and_keeps_its_type(plan_casus: Callable[[str], Casus]) -> None:
    """A regeling's later delivery brings only what changes: the rest stays (its Regelingsgebied too, OZON0103)."""
    ozon, _, _ = _ozon()
    bestanden = _bestanden(plan_casus)
    _neem_door(ozon, bestanden)
    lev = ow.lees_ow(bestanden)
    activiteit = next(iter(lev.activiteiten.values()))
    m = ow.lees_manifest_ow(bestanden["manifest-ow.xml"])
    (bestand,) = [n for n, typen in m.bestanden.items() if "Activiteit" in typen]
    # every activity of the file gets a new name (one left unchanged would be OZON4003)
    gewijzigd = bestanden[bestand].replace(f">{activiteit.naam}<".encode(), b">Een nieuwe naam<")
    gewijzigd = re.sub(rb"(<[\w-]+:naam>)(?!Een nieuwe naam)([^<]*)<", rb"\1\2 (gewijzigd)<", gewijzigd)
    assert gewijzigd != bestanden[bestand]
    alleen = ow.manifest_ow_xml(ow.ManifestOw(m.work_id, m.doel_id, {bestand: m.bestanden[bestand]}))
    wijziging = {bestand: gewijzigd, "manifest-ow.xml": alleen}
    # without its besluit (OZON1044: the LVBB always sends it); no OZON4003, 0103 or 0310 for what it brings
    assert [x.code for x in ozon.controleer(wijziging)] == ["OZON1044"]
    geometrieen = dict(next(iter(ozon.publicaties.values())).geometrieen)
    _neem_door(ozon, {**wijziging, "opdracht.xml": bestanden["opdracht.xml"]})  # no GML: the geometries stay
    (pub,) = ozon.publicaties.values()
    assert pub.ow.activiteiten[activiteit.id].naam == "Een nieuwe naam" and pub.ow.ids() == lev.ids()
    assert pub.geometrieen == geometrieen and geometrieen
    assert pub.eindverantwoordelijke == "/tooi/id/gemeente/gm1719"  # a delivery without besluit keeps it
    assert set(pub.ow.objecttypen) == set(lev.objecttypen)  # each file's object types, old and new


def _codes(meldingen: list[CodeMelding]) -> list[str]:
    return [m.code for m in meldingen]


def test_a_geometry_delivered_again_with_another_shape_is_ozon0132(plan_casus: Callable[[str], Casus]) -> None:
    """The same geometry again is fine; its id with one corner moved is refused, naming the geometry."""
    ozon, _, _ = _ozon()
    bestanden = _bestanden(plan_casus)
    _neem_door(ozon, bestanden)
    zelfde = _codes(ozon.controleer(bestanden))
    assert "OZON0132" not in zelfde
    gml = "BomenMade.gml"
    anders = {**bestanden, gml: bestanden[gml].replace(b"112500 403500", b"112400 403500")}
    meldingen = ozon.controleer(anders)
    assert sorted(set(_codes(meldingen)) - set(zelfde)) == ["OZON0132"]
    (m,) = [m for m in meldingen if m.code == "OZON0132"]
    assert "915011fc-7547-5927-88ee-36e195b9e509" in m.beschrijving


def test_a_regeltekst_delivered_again_keeps_its_artikel_or_lid(plan_casus: Callable[[str], Casus]) -> None:
    """A Regeltekst's new version on another lid breaks its relation with the first (OZON0210), named with both."""
    ozon, _, _ = _ozon()
    bestanden = _bestanden(plan_casus)
    _neem_door(ozon, bestanden)
    naam = "owRegelteksten.xml"
    tekst = bestanden[naam].decode()
    para_1, para_2 = 'wId="gm1719_1__art_1__para_1"', 'wId="gm1719_1__art_1__para_2"'
    gewisseld = tekst.replace(para_1, "X").replace(para_2, para_1).replace("X", para_2)
    zelfde = _codes(ozon.controleer(bestanden))
    meldingen = [m for m in ozon.controleer({**bestanden, naam: gewisseld.encode()}) if m.code not in zelfde]
    assert _codes(meldingen) == ["OZON0210", "OZON0210"]
    assert (
        "was gm1719_1__art_1__para_1, nu gm1719_1__art_1__para_2"
        in meldingen[0].beschrijving + meldingen[1].beschrijving
    )


def test_an_object_ended_comes_as_ozon_holds_it(plan_casus: Callable[[str], Casus]) -> None:
    """Ending an object delivers it unchanged (no OZON4003 for that); with other content it is OZON4002."""
    ozon, _, _ = _ozon()
    bestanden = _bestanden(plan_casus)
    _neem_door(ozon, bestanden)
    gebied = "nl.imow-gm1719.gebied.BomenMade"
    einde = '<ow:status xmlns:ow="http://www.geostandaarden.nl/imow/owobject">beëindigen</ow:status>'
    geeindigd = bestanden["owLocaties.xml"].decode().replace("<l:identificatie>", einde + "<l:identificatie>", 1)

    def over_gebied(locaties: str) -> list[str]:
        meldingen = ozon.controleer({**bestanden, "owLocaties.xml": locaties.encode()})
        return [m.code for m in meldingen if m.code in ("OZON4002", "OZON4003") and gebied in m.beschrijving]

    assert over_gebied(bestanden["owLocaties.xml"].decode()) == ["OZON4003"]  # delivered again, unchanged
    assert over_gebied(geeindigd) == []
    assert over_gebied(geeindigd.replace(">Bomen in Made<", ">Andere bomen<")) == ["OZON4002"]


def test_ozon_holds_each_object_and_its_references_and_names_what_ending_one_orphans(
    plan_casus: Callable[[str], Casus],
) -> None:
    ozon, _, _ = _ozon()
    bestanden = _bestanden(plan_casus)
    _neem_door(ozon, bestanden)
    (pub,) = ozon.publicaties.values()
    gebied = "nl.imow-gm1719.gebied.BomenMade"
    graaf = owgraaf.lees(bestanden)
    assert pub.objecten == {o.id: (o.soort, o.wid or "") for o in graaf.objecten.values() if not o.genest}
    assert pub.objecten[gebied] == ("Gebied", "")
    assert pub.eindverantwoordelijke == "/tooi/id/gemeente/gm1719"
    verwijzers = sorted(van for van, naar in pub.verwijzingen if naar == gebied)
    assert verwijzers and set(verwijzers) <= set(graaf.objecten)
    einde = '<ow:status xmlns:ow="http://www.geostandaarden.nl/imow/owobject">beëindigen</ow:status>'
    m = ow.lees_manifest_ow(bestanden["manifest-ow.xml"])
    alleen = ow.manifest_ow_xml(ow.ManifestOw(m.work_id, m.doel_id, {"owLocaties.xml": m.bestanden["owLocaties.xml"]}))
    locaties = bestanden["owLocaties.xml"].decode().replace("<l:identificatie>", einde + "<l:identificatie>", 1)
    levering = {**bestanden, "manifest-ow.xml": alleen, "owLocaties.xml": locaties.encode()}
    levering = {n: d for n, d in levering.items() if not n.startswith("ow") or n == "owLocaties.xml"}
    verwezen = [x.beschrijving for x in ozon.controleer(levering) if x.code == "OZON0351"]
    assert [t.split("(")[-1].rstrip(")") for t in verwezen] == [f"{v} → {gebied}" for v in verwijzers]


def _ontwerp_intrekking(bestanden: dict[str, bytes], werk: str) -> dict[str, bytes]:
    besluit = bestanden["besluit.xml"].decode().replace("proceduretype_definitief", "proceduretype_ontwerp")
    intrekking = (f'<Intrekking xmlns="https://standaarden.overheid.nl/stop/imop/data/"><instrument>{werk}'
                  "</instrument></Intrekking>")  # fmt: skip
    return {**bestanden, "besluit.xml": besluit.replace("</BesluitVersie>", intrekking + "</BesluitVersie>").encode()}


def test_an_ontwerp_intrekking_ends_every_object_delivered_and_held(plan_casus: Callable[[str], Casus]) -> None:
    """Through OZON: an ontwerpbesluit withdrawing the regeling OZON holds, delivering its objects unended, gets
    OZON4011 for each object delivered and OZON4012 for each it holds; the definitive besluit gets neither."""
    ozon, _, _ = _ozon()
    bestanden = _bestanden(plan_casus)
    _neem_door(ozon, bestanden)
    werk = _regeling(bestanden)
    ids = ow.lees_ow(bestanden).ids()
    graaf = owgraaf.lees(bestanden)
    los = {o.id for o in graaf.objecten.values() if not o.genest}
    meldingen = ozon.controleer(_ontwerp_intrekking(bestanden, werk))
    assert sorted(m.beschrijving.split("(")[-1].rstrip(")") for m in meldingen if m.code == "OZON4011") == sorted(los)
    assert sorted(
        m.beschrijving.split(f"({werk}: ")[-1].rstrip(")") for m in meldingen if m.code == "OZON4012"
    ) == sorted(ids)
    definitief = _ontwerp_intrekking(bestanden, werk)
    definitief["besluit.xml"] = definitief["besluit.xml"].replace(b"proceduretype_ontwerp", b"proceduretype_definitief")
    assert not {"OZON4011", "OZON4012"} & set(_codes(ozon.controleer(definitief)))


def test_an_ontwerp_intrekking_that_ends_everything_is_fine_and_another_regeling_is_not_concerned(
    plan_casus: Callable[[str], Casus],
) -> None:
    bestanden = _bestanden(plan_casus)
    graaf = owgraaf.lees(bestanden)
    besluit = owgraaf.lees_besluit(_ontwerp_intrekking(bestanden, "/akn/nl/act/x/2026/r"))
    assert besluit is not None and besluit.ontwerp and besluit.intrekkingen == ("/akn/nl/act/x/2026/r",)
    gehouden = {"/akn/nl/act/x/2026/r": {"a", "b"}, "/akn/nl/act/x/2026/ander": {"c"}}
    codes = _codes(ozonlevering.ontwerp_intrekking(graaf, besluit, gehouden))
    assert codes.count("OZON4012") == 2 and codes.count("OZON4011") == len([o for o in graaf.objecten.values()
                                                                            if not o.genest])  # fmt: skip
    geeindigd = dataclasses.replace(graaf, objecten={
        i: dataclasses.replace(o, waarden={**o.waarden, "status": ["beëindigen"]}) for i, o in graaf.objecten.items()
    } | {"a": owgraaf.OwObject("Gebied", "a", "f", waarden={"status": ["beëindigen"]}),
         "b": owgraaf.OwObject("Gebied", "b", "f", waarden={"status": ["beëindigen"]})})  # fmt: skip
    assert ozonlevering.ontwerp_intrekking(geeindigd, besluit, gehouden) == []
    assert ozonlevering.ontwerp_intrekking(graaf, besluit, {"/akn/nl/act/x/2026/ander": {"c"}}) == []


@pytest.mark.parametrize(
    ("bevoegd_gezag", "goed"),
    [("/tooi/id/gemeente/gm0037", True), ("/gemeente/gm0037", True), ("/tooi/id/provincie/pv30", True),
     ("/tooi/id/waterschap/ws0155", True), ("/tooi/id/ministerie/mnre1034", True), ("/tooi/id/gemeente/0037", False),
     ("/tooi/id/gemeente/gm", False), ("/tooi/id/stad/gm0037", False), ("/tooi/id/gemeente/gm0037/", False),
     ("gemeente/gm0037", False), ("/tooi/id/gemeente/GM0037", False)],
)  # fmt: skip
def test_a_bevoegd_gezag_ends_in_its_kind_and_organisation_code(bevoegd_gezag: str, goed: bool) -> None:
    assert bool(ozonregels.BEVOEGD_GEZAG.search(bevoegd_gezag)) == goed


# -- synchronisation to the RTR --------------------------------------------------------------------------------
def test_a_visible_publication_goes_to_the_rtr_once_with_its_activities(plan_casus: Callable[[str], Casus]) -> None:
    ozon, klok, rtr = _ozon()
    bestanden = _bestanden(plan_casus)
    _neem_door(ozon, bestanden)
    ozon.werk()
    assert rtr.bodies == []  # not yet visible
    klok.wacht(7.0)
    ozon.werk()
    ozon.werk()
    assert len(rtr.bodies) == 1
    lev = ow.lees_ow(bestanden)
    verstuurd = planketen.FsBijwerken.model_validate(rtr.bodies[0]).model_dump()["activiteiten"]
    assert verstuurd == [
        {"identificatie": a.id, "naam": a.naam, "bevoegd_gezag": DRIMMELEN, "bovenliggende_activiteit": a.bovenliggend,
         "regeling": _regeling(bestanden), "locaties": sorted(ozon.werkingsgebied(a.id) or [])}
        for a in lev.activiteiten.values()
    ]  # fmt: skip
    assert any(a["locaties"] for a in verstuurd)


@pytest.mark.parametrize("status", [200, 202, 204])
def test_each_success_of_the_rtr_ends_the_synchronisation(plan_casus: Callable[[str], Casus], status: int) -> None:
    ozon, klok, rtr = _ozon()
    rtr.status = status
    _neem_door(ozon, _bestanden(plan_casus))
    klok.wacht(7.0)
    ozon.werk()
    ozon.werk()
    assert len(rtr.bodies) == 1


@pytest.mark.parametrize("status", [201, 400, 503])
def test_a_refusal_of_the_rtr_is_tried_again(plan_casus: Callable[[str], Casus], status: int) -> None:
    ozon, klok, rtr = _ozon()
    rtr.status = status
    _neem_door(ozon, _bestanden(plan_casus))
    klok.wacht(7.0)
    ozon.werk()
    rtr.status = 204
    ozon.werk()
    ozon.werk()
    assert len(rtr.bodies) == 2


def test_a_structure_the_rtr_refuses_is_not_sent_again_and_the_refusal_is_kept(
    plan_casus: Callable[[str], Casus],
) -> None:
    ozon, klok, rtr = _ozon()
    rtr.status = 422
    _neem_door(ozon, _bestanden(plan_casus))
    klok.wacht(7.0)
    ozon.werk()
    ozon.werk()
    (pub,) = ozon.publicaties.values()
    assert len(rtr.bodies) == 1 and not pub.gesynchroniseerd and pub.geweigerd == "HTTP 422"  # the stub: no body
    rtr.status = 204
    ozon.werk()
    assert len(rtr.bodies) == 1
    ozon, klok, rtr = _ozon()
    rtr.status, rtr.antwoord = 422, b"R" * 600
    _neem_door(ozon, _bestanden(plan_casus))
    klok.wacht(7.0)
    ozon.werk()
    (pub,) = ozon.publicaties.values()
    assert pub.geweigerd == "R" * 500  # the refusal kept, at most 500 characters


def test_an_ozon_that_does_not_synchronise_sends_nothing(plan_casus: Callable[[str], Casus]) -> None:
    ozon, klok, rtr = _ozon()
    ozon.fouten.synchroniseert_niet = True
    _neem_door(ozon, _bestanden(plan_casus))
    klok.wacht(7.0)
    ozon.werk()
    assert rtr.bodies == []


# -- the read API ----------------------------------------------------------------------------------------------
def _zichtbaar(plan_casus: Callable[[str], Casus]) -> tuple[OzonMock, dict[str, bytes], ow.OwLevering]:
    ozon, klok, _ = _ozon()
    bestanden = _bestanden(plan_casus)
    _neem_door(ozon, bestanden, tijdstipPublicatie="2026-01-08T00:00:00+01:00")
    klok.wacht(7.0)
    return ozon, bestanden, ow.lees_ow(bestanden)


def _lees(antwoord: httpx.Response, model: type[Model]) -> dict[str, object]:
    """The answer as its model reads it (snake_case names), so a field the model drops is a difference too."""
    assert antwoord.status_code == 200 and set(json.loads(antwoord.read())) == {
        f.alias or n for n, f in model.model_fields.items()
    }
    return model.model_validate_json(antwoord.read()).model_dump()


def test_an_activity_is_answered_with_its_rules_and_without_them_when_ozon_forgets(
    plan_casus: Callable[[str], Casus],
) -> None:
    ozon, bestanden, lev = _zichtbaar(plan_casus)
    a = next(iter(lev.activiteiten.values()))
    r = ozon.activiteit(_verzoek("GET", "/a", oin=None), {"identificatie": a.id})
    assert r.status_code == 200
    verwacht = [
        {"juridische_regel": regel.id, "kwalificatie": x.kwalificatie, "locaties": list(x.locaties)}
        for regel in lev.regels.values() for x in regel.activiteiten if x.activiteit == a.id
    ]  # fmt: skip
    assert verwacht and _lees(r, planketen.OzonActiviteit) == {
        "identificatie": a.id, "naam": a.naam, "groep": a.groep, "bovenliggende_activiteit": a.bovenliggend,
        "bevoegd_gezag": DRIMMELEN, "regeling": _regeling(bestanden), "regels": verwacht,
    }  # fmt: skip
    ozon.fouten.vergeet_regels = True
    assert (
        _lees(ozon.activiteit(_verzoek("GET", "/a"), {"identificatie": a.id}), planketen.OzonActiviteit)["regels"] == []
    )
    onbekend = ozon.activiteit(_verzoek("GET", "/a"), {"identificatie": "nl.imow-gm1719.activiteit.X"})
    assert onbekend.status_code == 404 and "OZON-404" in onbekend.text
    assert "Activiteit nl.imow-gm1719.activiteit.X is niet bekend in OZON." in onbekend.text


def test_a_locatie_is_answered_with_its_geometry_id_and_regeling(plan_casus: Callable[[str], Casus]) -> None:
    ozon, bestanden, lev = _zichtbaar(plan_casus)
    g = next(iter(lev.gebieden.values()))
    assert _lees(ozon.locatie(_verzoek("GET", "/l"), {"identificatie": g.id}), planketen.OzonLocatie) == {
        "identificatie": g.id, "noemer": g.noemer, "geometrie_identificatie": g.geometrie,
        "regeling": _regeling(bestanden),
    }  # fmt: skip
    onbekend = ozon.locatie(_verzoek("GET", "/l"), {"identificatie": "nl.imow-gm1719.gebied.X"})
    assert onbekend.status_code == 404 and "Locatie nl.imow-gm1719.gebied.X is niet bekend in OZON." in onbekend.text


def test_a_geometry_is_its_rings_and_moved_by_exactly_100_m_when_ozon_shifts(
    plan_casus: Callable[[str], Casus],
) -> None:
    ozon, _, lev = _zichtbaar(plan_casus)
    g = next(iter(lev.gebieden.values()))
    ringen = ozon.publicaties[next(iter(ozon.publicaties))].geometrieen[g.geometrie]
    antwoord = _lees(ozon.geometrie(_verzoek("GET", "/g"), {"identificatie": g.geometrie}), planketen.Geometrie)
    assert antwoord["identificatie"] == g.geometrie and antwoord["type"] == "MultiPolygon"
    assert antwoord["coordinates"] == [[[tuple(p) for p in r]] for r in ringen]
    ozon.fouten.verschuift_geometrie = True
    verschoven = _lees(ozon.geometrie(_verzoek("GET", "/g"), {"identificatie": g.geometrie}), planketen.Geometrie)[
        "coordinates"
    ]
    assert verschoven == [[[(x + 100.0, y + 100.0) for x, y in r]] for r in ringen]
    assert ozon.ringen(g.id) == [[(x + 100.0, y + 100.0) for x, y in r] for r in ringen]
    onbekend = ozon.geometrie(_verzoek("GET", "/g"), {"identificatie": "geo-x"})
    assert onbekend.status_code == 404 and "Geometrie geo-x is niet bekend." in onbekend.text


def test_the_regelingen_are_the_visible_ones_filtered_by_work(plan_casus: Callable[[str], Casus]) -> None:
    ozon, bestanden, lev = _zichtbaar(plan_casus)
    regeling = _regeling(bestanden)
    verwacht = {
        "work_identificatie": regeling, "bevoegd_gezag": DRIMMELEN, "tijdstip_publicatie": "2026-01-08T00:00:00+01:00",
        "activiteiten": sorted(lev.activiteiten), "locaties": sorted(lev.gebieden),
        "juridische_regels": sorted(lev.regels),
    }  # fmt: skip
    assert _lees(ozon.regelingen(_verzoek("GET", "/r"), {}), planketen.OzonRegelingen) == {"regelingen": [verwacht]}
    assert _lees(ozon.regelingen(_verzoek("GET", "/r", workIdentificatie=regeling), {}), planketen.OzonRegelingen) == {
        "regelingen": [verwacht]
    }
    assert _lees(
        ozon.regelingen(_verzoek("GET", "/r", workIdentificatie="/akn/nl/act/x"), {}), planketen.OzonRegelingen
    ) == {"regelingen": []}
    ozon.publicaties[regeling].zichtbaar_vanaf = ozon.klok.nu() + dt.timedelta(seconds=1)
    assert _lees(ozon.regelingen(_verzoek("GET", "/r"), {}), planketen.OzonRegelingen) == {"regelingen": []}


# -- plan settings ---------------------------------------------------------------------------------------------
def test_a_suppliers_plan_settings_add_to_what_ozon_knows() -> None:
    ozon, _, _ = _ozon()
    voor = set(ozon.bekend)
    assert ozon.zet_plan(_verzoek("PUT", "/p", b""), {}).status_code == 204 and ozon.bekend == voor
    body = json.dumps({"ozon_bekend": ["nl.imow-gm1719.activiteit.Bekend"]}).encode()
    assert ozon.zet_plan(_verzoek("PUT", "/p", body), {}).status_code == 204
    assert ozon.bekend == voor | {"nl.imow-gm1719.activiteit.Bekend"}


# -- the refusals, word for word -------------------------------------------------------------------------------
def _fout(antwoord: httpx.Response) -> tuple[int, str, list[tuple[str, str]]]:
    body = json.loads(antwoord.read())
    return antwoord.status_code, body["titel"], [(m["code"], m["tekst"]) for m in body["meldingen"]]


def test_each_refusal_has_its_status_title_code_and_text(plan_casus: Callable[[str], Casus]) -> None:
    ozon, _, _ = _zichtbaar(plan_casus)
    onbekend = {"identificatie": "nl.imow-gm1719.x.Y"}
    assert _fout(ozon.activiteit(_verzoek("GET", "/a"), onbekend)) == (
        404, "Niet gevonden", [("OZON-404", "Activiteit nl.imow-gm1719.x.Y is niet bekend in OZON.")]
    )  # fmt: skip
    assert _fout(ozon.locatie(_verzoek("GET", "/l"), onbekend)) == (
        404, "Niet gevonden", [("OZON-404", "Locatie nl.imow-gm1719.x.Y is niet bekend in OZON.")]
    )  # fmt: skip
    assert _fout(ozon.geometrie(_verzoek("GET", "/g"), onbekend)) == (
        404, "Niet gevonden", [("OZON-404", "Geometrie nl.imow-gm1719.x.Y is niet bekend.")]
    )  # fmt: skip
    pakket = lvbb.pak_in(_bestanden(plan_casus))
    assert _fout(ozon.valideer(_verzoek("POST", "/v", pakket, oin=PLANSOFTWARE), {})) == (
        403, "Niet toegestaan", [("OZON-403", f"alleen de LVBB ({LVBB}) levert aan OZON")]
    )  # fmt: skip


def test_the_rtr_gets_json_and_each_visible_publication_once_whatever_came_before(
    plan_casus: Callable[[str], Casus],
) -> None:
    """A publication already synchronised does not stop the next one from being sent (two regelingen)."""
    ozon, klok, rtr = _ozon()
    gezien: list[str] = []
    oud = rtr.__call__

    def met_type() -> httpx.Client:
        client = oud()
        client.event_hooks["request"].append(lambda r: gezien.append(r.headers["Content-Type"]))
        return client

    ozon.rtr_client = met_type
    eerste = _bestanden(plan_casus)
    _neem_door(ozon, eerste)
    klok.wacht(7.0)
    ozon.werk()
    tweede = {n: d.replace(b"OmgevingsplanBomenMade", b"TweedePlan") for n, d in eerste.items()}
    _neem_door(ozon, tweede)
    klok.wacht(7.0)
    ozon.werk()
    assert len(rtr.bodies) == 2 and gezien == ["application/json", "application/json"]


def test_each_activity_goes_to_the_rtr_with_its_own_locaties_only(plan_casus: Callable[[str], Casus]) -> None:
    import dataclasses

    ozon, klok, rtr = _ozon()
    _neem_door(ozon, _bestanden(plan_casus))
    lev = next(iter(ozon.publicaties.values())).ow
    regel = next(iter(lev.regels.values()))
    ander = ow.ActiviteitAanduiding("ala.ander", "act.ander", "Vergunningplicht", ("gebied.ander",))
    lev.regels["regel.ander"] = dataclasses.replace(regel, id="regel.ander", activiteiten=(ander,))
    lev.activiteiten["act.ander"] = ow.Activiteit("act.ander", "Ander", "Overig", ow.ACT_IN_OMGEVINGSPLAN)
    klok.wacht(7.0)
    ozon.werk()
    locaties = {a["identificatie"]: a["locaties"] for a in rtr.bodies[0]["activiteiten"]}  # type: ignore[attr-defined]
    assert locaties["act.ander"] == ["gebied.ander"]
    assert all("gebied.ander" not in v for k, v in locaties.items() if k != "act.ander")


def test_every_gml_of_a_delivery_counts_and_a_broken_one_is_named(plan_casus: Callable[[str], Casus]) -> None:
    from chain_tests.errors import OngeldigeInvoer
    from mocks.dso_lv.ozon import _gml

    bestanden = _bestanden(plan_casus)
    gml = next(n for n in bestanden if n.endswith(".gml"))
    tweede = bestanden[gml].replace(b"<basisgeo:id>", b"<basisgeo:id>tweede-")
    geos = _gml({**bestanden, "Tweede.gml": tweede})
    assert len(geos) == 2 * len(_gml(bestanden)) and any(k.startswith("tweede-") for k in geos)
    with pytest.raises(OngeldigeInvoer, match=r"Kapot\.gml"):
        _gml({"Kapot.gml": b"<niet-af"})


def test_the_kind_of_every_geometry_of_every_gml_is_read(plan_casus: Callable[[str], Casus]) -> None:
    from mocks.dso_lv.ozon import _gmls

    bestanden = _bestanden(plan_casus)
    gml = next(n for n in bestanden if n.endswith(".gml"))
    tweede = bestanden[gml].replace(b"<basisgeo:id>", b"<basisgeo:id>tweede-")
    _, soorten = _gmls({**bestanden, "Tweede.gml": tweede})
    assert len(soorten) == 2 and set(soorten.values()) == {"vlak"} and any(k.startswith("tweede-") for k in soorten)


def test_an_object_delivered_again_as_another_type_is_ozon4005() -> None:
    ozon, _, _ = _ozon()
    nu = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    oud = ow.OwLevering(gebieden={"x": "gebied", "y": "gebied"})  # type: ignore[dict-item]
    ozon.publicaties["/akn/r"] = Publicatie("/akn/r", "oin", "t", oud, {}, nu)
    nieuw = ow.OwLevering(activiteiten={"x": "activiteit"}, gebieden={"y": "ander gebied"})  # type: ignore[dict-item]
    (m,) = ozon._uniek(nieuw, "/akn/r", set())
    assert m.code == "OZON4005" and "(x was een Gebied, nu een Activiteit)" in m.beschrijving
    assert ozon._uniek(nieuw, "/akn/ander", set())[0].code == "OZON0310"


# -- what the rules against OZON's holdings name, through OZON itself ------------------------------------------
def test_the_crs_of_every_gml_counts(plan_casus: Callable[[str], Casus]) -> None:
    from mocks.dso_lv.ozon import _gml_delen

    bestanden = _bestanden(plan_casus)
    gml = next(n for n in bestanden if n.endswith(".gml"))
    tweede = bestanden[gml].replace(b"<basisgeo:id>", b"<basisgeo:id>tweede-").replace(b"EPSG::28992", b"EPSG::4258")
    _, _, stelsels = _gml_delen({**bestanden, "Tweede.gml": tweede})
    assert sorted(stelsels.values()) == ["urn:ogc:def:crs:EPSG::28992", "urn:ogc:def:crs:EPSG::4258"]


def test_a_later_delivery_keeps_what_ozon_held_of_the_objects_it_does_not_bring(
    plan_casus: Callable[[str], Casus],
) -> None:
    """A Gebied whose geometry OZON holds needs no GML (no OZON0066); the objects and references of the first delivery
    stay beside the second's; a delivery without besluit keeps the bevoegd gezag (and a first one has none)."""
    ozon, _, _ = _ozon()
    bestanden = _bestanden(plan_casus)
    zonder_besluit = {n: d for n, d in bestanden.items() if n != "besluit.xml"}
    _neem_door(ozon, zonder_besluit)
    (pub,) = ozon.publicaties.values()
    assert pub.eindverantwoordelijke == ""
    _neem_door(ozon, bestanden)
    m = ow.lees_manifest_ow(bestanden["manifest-ow.xml"])
    alleen = ow.manifest_ow_xml(ow.ManifestOw(m.work_id, m.doel_id, {"owLocaties.xml": m.bestanden["owLocaties.xml"]}))
    locaties = bestanden["owLocaties.xml"].replace(b">Bomen in Made<", b">Bomen in Made (gewijzigd)<")
    levering = {"manifest-ow.xml": alleen, "owLocaties.xml": locaties, "besluit.xml": bestanden["besluit.xml"],
                "opdracht.xml": bestanden["opdracht.xml"]}  # fmt: skip
    assert "OZON0066" not in _codes(ozon.controleer(levering))
    voor = dict(ozon.publicaties[m.work_id].objecten), set(ozon.publicaties[m.work_id].verwijzingen)
    _neem_door(ozon, levering)
    pub = ozon.publicaties[m.work_id]
    assert pub.objecten == voor[0] and pub.verwijzingen == voor[1] and pub.eindverantwoordelijke
    assert any(naar == "nl.imow-gm1719.gebied.BomenMade" and van != "" for van, naar in pub.verwijzingen)


def test_an_object_of_a_regeling_the_besluit_does_not_set_and_an_ontwerp_without_gebied_through_ozon(
    plan_casus: Callable[[str], Casus],
) -> None:
    ozon, _, _ = _ozon()
    bestanden = _bestanden(plan_casus)
    _neem_door(ozon, bestanden)
    werk = _regeling(bestanden).encode()
    ander = {n: d.replace(werk, werk + b"Ander") if n == "besluit.xml" else d for n, d in bestanden.items()}
    assert "OZON0352" in _codes(ozon.controleer(ander))
    ontwerp = {n: d for n, d in ander.items() if n != "owRegelingsgebied.xml"}
    ontwerp["besluit.xml"] = ontwerp["besluit.xml"].replace(b"proceduretype_definitief", b"proceduretype_ontwerp")
    ontwerp["manifest-ow.xml"] = ontwerp["manifest-ow.xml"].replace(werk, werk + b"Ander")
    assert "OZON1041" in _codes(ozon.controleer(ontwerp))


def test_a_changed_regeltekst_and_an_object_of_another_regeling_are_both_named() -> None:
    ozon, _, _ = _ozon()
    nu = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    eigen = ow.OwLevering(regelteksten={"rt": ow.Regeltekst("rt", "a__1")})
    ozon.publicaties["/akn/r"] = Publicatie("/akn/r", LVBB, "", eigen, {}, nu)
    ozon.publicaties["/akn/ander"] = Publicatie("/akn/ander", LVBB, "", ow.OwLevering(gebieden={
        "g": ow.Gebied("g", "G", "geo")}), {}, nu)  # fmt: skip
    lev = ow.OwLevering(regelteksten={"rt": ow.Regeltekst("rt", "a__2")}, gebieden={"g": ow.Gebied("g", "G", "geo")})
    assert _codes(ozon._uniek(lev, "/akn/r", set())) == ["OZON0310", "OZON0210"]


def test_the_same_ontwerpbesluit_again_is_1045_and_1038() -> None:
    ozon, _, _ = _ozon()
    besluit = owgraaf.Besluit("/join/id/stop/regelingtype_003", {}, True, frozenset({"/akn/r"}), expressie="/akn/b",
                              regelingversies=frozenset({"/akn/r/nld@1"}))  # fmt: skip
    ozon.besluiten.add("/akn/b")
    ozon.ontwerpversies.add("/akn/r/nld@1")
    assert _codes(ozon._over_leveringen(besluit)) == ["OZON1045", "OZON1038"]
