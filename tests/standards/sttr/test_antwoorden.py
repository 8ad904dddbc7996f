"""Answers are typed by the published question, the vergunningcheck concludes only when no
open question can change it, and fixed values (uitv:vasteWaarde …) are honoured."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from chain_tests.casus import laad_casus
from chain_tests.clients.base import Weigering
from chain_tests.clients.loket import LoketClient
from chain_tests.errors import ConfiguratieFout, KetenBevinding, MockStoring
from chain_tests.keten import Keten
from chain_tests.scenario import speel_casus
from chain_tests.standards import api
from chain_tests.standards.sttr.build import Vragenboom, bouw_conclusie
from chain_tests.standards.sttr.model import parse_sttr
from chain_tests.standards.sttr.verify import verifieer
from tests.bouwstenen import DRIMMELEN, ROOT

VERGUNNINGPLICHT = ROOT / "scenarios/casussen/iteratie1/kappen-boom-vergunningplicht.yaml"
LELYSTAD = ROOT / "scenarios/casussen/iteratie1/lelystad-boom-kappen.yaml"
KAPPEN = "nl.imow-gm1719.activiteit.KappenBoom"


def schrijf(map_: Path, tekst: str, naam: str = "casus.yaml") -> Path:
    pad = map_ / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


def test_ja_for_a_boolean_question_is_true_not_a_finding(tmp_path: Path, keten: Keten) -> None:
    tekst = VERGUNNINGPLICHT.read_text(encoding="utf-8").replace("    kappen: true\n", "    kappen: ja\n")
    uitkomst = speel_casus(keten, laad_casus(schrijf(tmp_path, tekst)))
    assert uitkomst.conclusie.conclusie == "Vergunningplicht"


@pytest.mark.parametrize(
    ("waarde", "verwacht"), [("misschien", "verwacht ja of nee"), ("[1, 2]", "verwacht ja of nee")]
)
def test_an_answer_the_question_does_not_accept_is_the_casus_mistake(
    tmp_path: Path, keten: Keten, waarde: str, verwacht: str
) -> None:
    tekst = VERGUNNINGPLICHT.read_text(encoding="utf-8").replace("    kappen: true\n", f"    kappen: {waarde}\n")
    pad = schrijf(tmp_path, tekst)
    with pytest.raises(ConfiguratieFout) as info:
        speel_casus(keten, laad_casus(pad))
    t = str(info.value)
    assert info.value.code == "KT-CASUS-ANTWOORD" and str(pad) in t and "'Wilt u een boom kappen?'" in t
    assert verwacht in t


@pytest.mark.parametrize(("antwoord", "bedoeld"), [("kappen", "Kappen"), ("Kapen", "Kappen"), (" ANDERS", "Anders")])
def test_a_near_miss_among_the_options_is_refused_with_a_suggestion(
    tmp_path: Path, keten: Keten, antwoord: str, bedoeld: str
) -> None:
    tekst = LELYSTAD.read_text(encoding="utf-8").replace(
        '"Wat wilt u gaan doen?": Kappen', f'"Wat wilt u gaan doen?": "{antwoord}"'
    )
    casussen = tmp_path / "casussen" / "iteratie1"
    casussen.mkdir(parents=True)
    shutil.copytree(ROOT / "scenarios/casussen/bestanden", tmp_path / "casussen" / "bestanden")
    with pytest.raises(ConfiguratieFout) as info:
        speel_casus(keten, laad_casus(schrijf(casussen, tekst)))
    assert f"bedoelt u {bedoeld!r}?" in str(info.value) and "'Wat wilt u gaan doen?'" in str(info.value)


def test_quote_variants_are_a_near_miss_not_a_match(tmp_path: Path, keten: Keten) -> None:
    tekst = (
        VERGUNNINGPLICHT.read_text(encoding="utf-8")
        .replace(
            '          tekst: "Waarom wilt u de boom kappen?"\n          type: string\n',
            '          tekst: "Waarom wilt u de boom kappen?"\n          type: list\n'
            '          opties: ["Boom’s wortels", Ziekte]\n',
        )
        .replace("reden: De boom is ziek en staat te dicht bij de gevel.", 'reden: "Boom\'s wortels"')
    )
    with pytest.raises(ConfiguratieFout) as info:
        speel_casus(keten, laad_casus(schrijf(tmp_path, tekst)))
    assert "bedoelt u 'Boom’s wortels'?" in str(info.value)


def test_an_unknown_answer_key_names_the_file(tmp_path: Path, keten: Keten) -> None:
    tekst = VERGUNNINGPLICHT.read_text(encoding="utf-8").replace("    dik: true\n", "    dikk: true\n")
    pad = schrijf(tmp_path, tekst)
    with pytest.raises(ConfiguratieFout) as info:
        speel_casus(keten, laad_casus(pad))
    assert str(pad) in str(info.value) and "bedoelt u 'dik'?" in str(info.value)


def test_questions_left_open_in_code_name_the_scenario_code_as_their_source(keten: Keten) -> None:
    """Called from a scenario written in Python (no casus file), the melding says where to look: the code."""
    c = laad_casus(VERGUNNINGPLICHT)
    assert c.activiteit is not None
    speel_casus(keten, c)
    with pytest.raises(ConfiguratieFout) as info:
        keten.doe_vergunningcheck(keten.config.organisatie("Drimmelen"), c.activiteit.id, {})
    assert " is niet af: in de scenario-code ontbreken antwoorden op " in str(info.value)


def test_several_open_questions_from_a_loket_are_each_named(keten: Keten, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real Omgevingsloket may name several open questions at once: the melding lists each, in order."""
    from chain_tests.clients.loket import LoketClient

    antwoord = api.VergunningcheckAntwoord(
        conclusie=None,
        uitkomsten=[],
        toepasbare_regel_id="r",
        gematchte_regels={},
        open_vragen=[api.OpenVraag(vraag_id="v1", vraagtekst="Eén?"), api.OpenVraag(vraag_id="uitv__2", vraagtekst="")],
    )
    monkeypatch.setattr(LoketClient, "vergunningcheck", lambda self, vraag: antwoord)
    with pytest.raises(ConfiguratieFout) as info:
        keten.doe_vergunningcheck(keten.config.organisatie("Drimmelen"), KAPPEN, {}, bron="casus.yaml")
    assert str(info.value).splitlines()[0].endswith("in casus.yaml ontbreken antwoorden op 'Eén?'; 'uitv__2'")


def test_questions_left_open_are_named_instead_of_a_conclusion(tmp_path: Path, keten: Keten) -> None:
    tekst = VERGUNNINGPLICHT.read_text(encoding="utf-8").replace("    monumentaal: false\n    dik: true\n", "")
    pad = schrijf(tmp_path, tekst)
    with pytest.raises(ConfiguratieFout) as info:
        speel_casus(keten, laad_casus(pad))
    t = str(info.value)
    assert info.value.code == "KT-CASUS-OPEN-VRAGEN" and str(pad) in t
    assert info.value.hint == (
        "Het Omgevingsloket stelt eerst elke vraag die de conclusie nog kan veranderen; "
        "vul die antwoorden aan in 'vergunningcheck.antwoorden', met de vraagtekst (of het id uit de "
        "vragenboom van de casus) als sleutel."
    )
    assert "'Staat de boom op de lijst met monumentale bomen?'" in t
    assert re.fullmatch(
        re.escape(
            "[KT-CASUS-OPEN-VRAGEN] de vergunningcheck voor nl.imow-gm1719.activiteit.KappenBoom is niet af: "
            f"in {pad} ontbreken antwoorden op 'Staat de boom op de lijst met monumentale bomen?'"
        ),
        t.splitlines()[0],
    )
    assert "uitv__" not in t  # the loket's internal id is no name a beheerder knows
    assert "Is de stam op 1,30 meter hoogte dikker dan 30 centimeter?" not in t  # asked only after the first


def _gepubliceerd(keten: Keten, boom: Vragenboom) -> None:
    drimmelen = keten.config.organisatie("Drimmelen")
    keten.maak_activiteit_toepasbaar(drimmelen, KAPPEN, "Kappen")
    keten.lever_regels_aan(drimmelen, KAPPEN, "c.xml", bouw_conclusie(boom, oin=DRIMMELEN, activiteit_id=KAPPEN))


def _boom(**vaste: object) -> Vragenboom:
    return Vragenboom.model_validate(
        {
            "naam": "Dakkapel",
            "conclusie": {
                "vragen": [
                    {"id": "dakkapel", "tekst": "Plaatst u een dakkapel?"},
                    {"id": "voorgevel", "tekst": "Aan de voorgevel?", **vaste},
                ],
                "regels": [
                    {"als": {"dakkapel": True, "voorgevel": False}, "dan": "Toestemmingsvrij"},
                    {"als": {"dakkapel": True, "voorgevel": True}, "dan": "Vergunningplicht"},
                    {"dan": "NietVanToepassing"},
                ],
            },
        }
    )


def test_an_empty_answer_set_gets_the_open_questions_not_a_conclusion(keten: Keten) -> None:
    _gepubliceerd(keten, _boom())
    antwoord = LoketClient(keten.client("x")).vergunningcheck(
        api.VergunningcheckVraag(bevoegd_gezag=DRIMMELEN, activiteit_id=KAPPEN, antwoorden={})
    )
    assert antwoord.conclusie is None
    assert [v.vraagtekst for v in antwoord.open_vragen] == ["Plaatst u een dakkapel?", "Aan de voorgevel?"]


@pytest.mark.parametrize(
    ("antwoord", "melding"),
    [({"a": 1}, "niet een mapping"), ([1, 2], "niet een lijst"), ("ja", "verwacht ja of nee")],
)
def test_unsupported_values_are_a_400_with_a_dutch_melding(keten: Keten, antwoord: object, melding: str) -> None:
    _gepubliceerd(keten, _boom())
    body = api.VergunningcheckVraag.model_construct(
        bevoegd_gezag=DRIMMELEN, activiteit_id=KAPPEN, antwoorden={"Plaatst u een dakkapel?": antwoord}
    )
    import json

    data = json.dumps({"bevoegdGezag": DRIMMELEN, "activiteitId": KAPPEN, "antwoorden": body.antwoorden}).encode()
    r = keten.client("x").post(api.VERGUNNINGCHECK, content=data, headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    tekst = " ".join(m["tekst"] for m in r.json()["meldingen"])
    assert melding in tekst and "Traceback" not in tekst and "FeelFout" not in tekst


def test_an_unknown_question_at_the_loket_is_a_400(keten: Keten) -> None:
    _gepubliceerd(keten, _boom())
    with pytest.raises(Weigering) as info:
        LoketClient(keten.client("x")).vergunningcheck(
            api.VergunningcheckVraag(bevoegd_gezag=DRIMMELEN, activiteit_id=KAPPEN, antwoorden={"bestaat niet?": True})
        )
    assert info.value.status == 400 and "LOKET-VRAAG" in str(info.value)


# -- 7.8: fixed values ---------------------------------------------------------------------------


def test_a_fixed_value_is_not_asked_and_applies(keten: Keten) -> None:
    _gepubliceerd(keten, _boom(vaste_waarde=False))
    antwoord = LoketClient(keten.client("x")).vergunningcheck(
        api.VergunningcheckVraag(
            bevoegd_gezag=DRIMMELEN, activiteit_id=KAPPEN, antwoorden={"Plaatst u een dakkapel?": True}
        )
    )
    assert (antwoord.conclusie, antwoord.open_vragen) == ("Toestemmingsvrij", [])


def test_a_fixed_value_with_a_voorbehoud_names_the_voorbehoud(keten: Keten) -> None:
    _gepubliceerd(keten, _boom(vaste_waarde=True, voorbehoud="Geldt alleen buiten beschermd stadsgezicht."))
    antwoord = LoketClient(keten.client("x")).vergunningcheck(
        api.VergunningcheckVraag(
            bevoegd_gezag=DRIMMELEN, activiteit_id=KAPPEN, antwoorden={"Plaatst u een dakkapel?": True}
        )
    )
    assert antwoord.conclusie == "Vergunningplicht"
    assert antwoord.voorbehouden == ["Geldt alleen buiten beschermd stadsgezicht."]


def test_a_built_file_with_fixed_values_validates_against_the_sttr_schemas() -> None:
    for vaste in ({"vaste_waarde": False}, {"vaste_waarde": True, "voorbehoud": "Onder voorbehoud."}):
        data = bouw_conclusie(_boom(**vaste), oin=DRIMMELEN, activiteit_id=KAPPEN)
        resultaat = verifieer(data)
        assert resultaat.valide, resultaat.meldingen
        (regel,) = [r for r in parse_sttr(data).uitvoeringsregels if r.soort == "vast"]
        assert regel.waarde == ("false" if vaste["vaste_waarde"] is False else "true")


def test_a_casus_that_answers_a_fixed_value_anyway_gets_a_clear_melding(tmp_path: Path, keten: Keten) -> None:
    tekst = VERGUNNINGPLICHT.read_text(encoding="utf-8").replace(
        '          tekst: "Staat de boom op de lijst met monumentale bomen?"\n',
        '          tekst: "Staat de boom op de lijst met monumentale bomen?"\n          vaste_waarde: false\n',
    )
    with pytest.raises(ConfiguratieFout) as info:
        speel_casus(keten, laad_casus(schrijf(tmp_path, tekst)))
    assert "vaste waarde 'false'" in str(info.value) and "laat het antwoord weg" in str(info.value)


IMPLICIET = """<uitv:implicietAntwoord xmlns:uitv="http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Uitvoeringsregel">
<uitv:werkzaamheid>x</uitv:werkzaamheid><uitv:waarde>false</uitv:waarde></uitv:implicietAntwoord>"""
HERBRUIKBAAR = """<uitv:herbruikbareVraagReferentie xmlns:uitv="http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Uitvoeringsregel">
<uitv:herbruikbareVraagId>elders</uitv:herbruikbareVraagId></uitv:herbruikbareVraagReferentie>"""


def _vervang_tweede_vraag(data: bytes, element: str) -> bytes:
    from lxml import etree

    from chain_tests.standards.sttr.model import NS

    root = etree.fromstring(data)
    tweede = root.findall(".//uitv:uitvoeringsregel", NS)[1]
    vraag = tweede.find("uitv:vraag", NS)
    assert vraag is not None
    vraag.getparent().replace(vraag, etree.fromstring(element))  # type: ignore[union-attr]
    return etree.tostring(root)


def test_an_implicit_answer_is_honoured_as_a_fixed_boolean() -> None:
    from chain_tests.standards.sttr.dmn import evalueer

    data = _vervang_tweede_vraag(bouw_conclusie(_boom(), oin=DRIMMELEN, activiteit_id=KAPPEN), IMPLICIET)
    bestand = parse_sttr(data)
    eerste = bestand.uitvoeringsregels[0].id
    resultaat = evalueer(bestand, {eerste: True}, open_is_onbekend=True)
    assert resultaat.uitkomst == "Toestemmingsvrij"


def test_a_reference_to_rules_elsewhere_is_refused_clearly(keten: Keten) -> None:
    data = _vervang_tweede_vraag(bouw_conclusie(_boom(), oin=DRIMMELEN, activiteit_id=KAPPEN), HERBRUIKBAAR)
    assert any(m.code == "STTR-KT-001" and "herbruikbareVraagReferentie" in m.tekst for m in verifieer(data).meldingen)
    drimmelen = keten.config.organisatie("Drimmelen")
    keten.maak_activiteit_toepasbaar(drimmelen, KAPPEN, "Kappen")
    keten.lever_regels_aan(drimmelen, KAPPEN, "c.xml", data)
    with pytest.raises(Weigering) as info:
        LoketClient(keten.client("x")).vergunningcheck(
            api.VergunningcheckVraag(
                bevoegd_gezag=DRIMMELEN, activiteit_id=KAPPEN, antwoorden={"Plaatst u een dakkapel?": True}
            )
        )
    assert info.value.status == 501 and info.value.mock_storing and "herbruikbareVraagReferentie" in str(info.value)


def test_a_mock_limitation_inside_a_keten_step_is_a_harness_error_naming_it(keten: Keten) -> None:
    """The mock loket cannot evaluate rules kept elsewhere (HTTP 501, MOCK-501): inside a keten step that is a
    harness error with the mock's own answer, never a finding against the Omgevingsloket."""
    data = _vervang_tweede_vraag(bouw_conclusie(_boom(), oin=DRIMMELEN, activiteit_id=KAPPEN), HERBRUIKBAAR)
    drimmelen = keten.config.organisatie("Drimmelen")
    keten.maak_activiteit_toepasbaar(drimmelen, KAPPEN, "Kappen")
    keten.lever_regels_aan(drimmelen, KAPPEN, "c.xml", data)
    with pytest.raises(MockStoring) as storing:
        keten.doe_vergunningcheck(drimmelen, KAPPEN, {"Plaatst u een dakkapel?": True})
    (tekst,) = storing.value.storingen
    assert tekst.startswith("[KT-HTTP-501] Omgevingsloket weigerde POST ") and "(HTTP 501)" in tekst
    assert "MOCK-501" in tekst and "herbruikbareVraagReferentie" in tekst
    assert not isinstance(storing.value, KetenBevinding)


def test_every_mistake_in_the_answers_is_said_at_once(tmp_path: Path, keten: Keten) -> None:
    """Three typos take one run, not three: an unknown question and two answers their questions do not take."""
    tekst = (
        VERGUNNINGPLICHT.read_text(encoding="utf-8")
        .replace("    kappen: true\n", "    kappen: misschien\n    kapen: true\n")
        .replace("    monumentaal: false\n", "    monumentaal: soms\n")
    )
    with pytest.raises(ConfiguratieFout) as info:
        speel_casus(keten, laad_casus(schrijf(tmp_path, tekst)))
    t = str(info.value)
    assert info.value.code == "KT-CASUS-VRAAG" and "3 fouten in de antwoorden" in t
    assert ".kapen:" in t and "(bedoelt u 'kappen'?)" in t and "misschien" in t and "soms" in t
