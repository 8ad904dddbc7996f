"""The DMN evaluator, on the real Lelystad files and on small tables for each hit policy."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest

from chain_tests.standards.sttr.dmn import DmnFout, evalueer
from chain_tests.standards.sttr.model import SttrBestand, parse_sttr
from tests.bouwstenen import LELYSTAD, ROOT

BESTANDEN = ROOT / "scenarios" / "casussen" / "bestanden" / "lelystad"

# The five questions of the Lelystad Conclusie file, in prioriteit order.
WEGHALEN = "uitv__4483fe58-57b7-4e71-bf19-15783f0f9d92"  # Wilt u een boom of beplanting weghalen?
BIJZONDER = "uitv__864933e7-4ea9-45a2-ae17-d8b1a4df34d7"  # Gaat het om een aangewezen bijzondere boom of plant?
CONTOUR = "uitv__7b6ed60e-184f-4d93-a186-828dc9182890"  # geo: binnen de bebouwingscontour houtkap? ja/deels/nee
KAVEL = "uitv__648edf88-a9ce-4726-b043-a3e18fa434c5"  # Kavel van maximaal 5.000 m²?
PRIVE = "uitv__8155d4e0-7003-44ca-8f42-c97afa52f0c7"  # Op een (particulier) privé terrein?


@pytest.fixture(scope="module")
def conclusie() -> SttrBestand:
    return parse_sttr((BESTANDEN / "lelystad-boom-kappen-conclusie.sttr.xml").read_bytes())


@pytest.fixture(scope="module")
def indieningsvereisten() -> SttrBestand:
    return parse_sttr((BESTANDEN / "lelystad-boom-kappen-indieningsvereisten.sttr.xml").read_bytes())


def test_file_structure_is_read(conclusie: SttrBestand) -> None:
    assert conclusie.typering == "Conclusie"
    assert conclusie.activiteit_id == "nl.imow-gm0995.activiteit.HoutopstandVellen"
    assert conclusie.oin == LELYSTAD
    assert [r.id for r in conclusie.uitvoeringsregels] == [WEGHALEN, BIJZONDER, CONTOUR, KAVEL, PRIVE]
    assert conclusie.top_id == "_b6b64b9e_4dc7_4809_8476_6eb2d3d6d463"


def test_niet_weghalen_is_niet_van_toepassing(conclusie: SttrBestand) -> None:
    # Reading the tables:
    # - "_6d45…_Niet van toepassing" (FIRST): weghalen=false → "Niet van toepassing".
    # - "…_Niet van toepassing_cross" (FIRST): "Niet van toepassing" → "Niet van toepassing pad 0_".
    # - the three "_Vergunningplicht" tables all have a rule [false, -, …] → "no hit";
    #   so "…_Vergunningplicht_cross" matches its last rule ("no hit" ×3) → "no hit".
    # - top table (RULE ORDER): rule 1 needs input 1 to contain "Niet van toepassing pad 0_" and input 2
    #   not null ("no hit" is not null) → "NietVanToepassing". Rules 2–4 need input 2 to contain
    #   "Vergunningplicht pad n_" (it is "no hit"), rule 5 needs input 1 = "no hit" (it is not).
    r = evalueer(conclusie, {WEGHALEN: False})
    assert r.uitkomst == ["NietVanToepassing"]


def test_bijzondere_boom_is_vergunningplichtig_via_pad_1(conclusie: SttrBestand) -> None:
    # "_2bc6…_Vergunningplicht" (FIRST): [true, true] → "Vergunningplicht"; the cross table's rule 1
    # ["Vergunningplicht", -, -] → "Vergunningplicht pad 1_"; the Niet-van-toepassing branch gives
    # weghalen=true → "no hit" → "no hit". Top table: rule 2 (not(null), contains "pad 1_") →
    # "Vergunningplicht"; rules 1, 3, 4, 5 do not match.
    r = evalueer(conclusie, {WEGHALEN: True, BIJZONDER: True})
    assert r.uitkomst == ["Vergunningplicht"]
    # Only the top table's second rule ("… pad 1_") matched.
    assert r.gematcht["_b6b64b9e_4dc7_4809_8476_6eb2d3d6d463"] == ["_6cdb3521_1cd6_44c7_9fb9_12c07c02b0bf"]


def test_buiten_contour_op_kleine_kavel_is_vergunningplichtig_via_pad_2(conclusie: SttrBestand) -> None:
    # "_45d6…_Vergunningplicht" (FIRST) rule 1: [true, false, "deels","nee", false] → "Vergunningplicht"
    # (weghalen, niet bijzonder, contour "nee", kavel ≤ 5.000 m² = false). "_2bc6…" gives "no hit"
    # (rule 3: bijzonder=false). Cross table rule 2 → "Vergunningplicht pad 2_" → top "Vergunningplicht".
    r = evalueer(conclusie, {WEGHALEN: True, BIJZONDER: False, CONTOUR: "nee", KAVEL: False})
    assert r.uitkomst == ["Vergunningplicht"]


def test_binnen_contour_is_toestemmingsvrij(conclusie: SttrBestand) -> None:
    # Contour "ja": "_45d6…" and "_8f6e…" both match their rule ['-','-','"ja"',…] → "no hit";
    # "_2bc6…" gives "no hit" (bijzonder=false); "_6d45…" gives "no hit" (weghalen=true). Both cross
    # tables give "no hit", so only the top table's last rule ("no hit", "no hit") matches →
    # "Toestemmingsvrij".
    r = evalueer(conclusie, {WEGHALEN: True, BIJZONDER: False, CONTOUR: "ja", KAVEL: False})
    assert r.uitkomst == ["Toestemmingsvrij"]


def test_grote_kavel_prive_terrein_is_toestemmingsvrij(conclusie: SttrBestand) -> None:
    # Kavel > 5.000 m² (KAVEL=false is "maximaal 5.000" = nee … here KAVEL=true means ≤ 5.000): with
    # KAVEL=true "_45d6…" hits rule 5 ([-,-,-,true]) → "no hit"; "_8f6e…" rule 1 needs PRIVE=false; with
    # PRIVE=true it hits rule 6 → "no hit". Everything is "no hit" → "Toestemmingsvrij".
    r = evalueer(conclusie, {WEGHALEN: True, BIJZONDER: False, CONTOUR: "deels", KAVEL: True, PRIVE: True})
    assert r.uitkomst == ["Toestemmingsvrij"]
    # …and on a non-private terrain the same answers hit "_8f6e…" rule 1 → pad 3 → "Vergunningplicht".
    r = evalueer(conclusie, {WEGHALEN: True, BIJZONDER: False, CONTOUR: "deels", KAVEL: True, PRIVE: False})
    assert r.uitkomst == ["Vergunningplicht"]


def test_indieningsvereisten_complete_and_incomplete(indieningsvereisten: SttrBestand) -> None:
    b = indieningsvereisten
    ids = {r.tekst: r.id for r in b.uitvoeringsregels}
    compleet = {
        ids["Wat wilt u gaan doen?"]: "Kappen",
        ids["Waarom wilt u de houtopstand onderhouden of weghalen?"]: "ziek",
        ids["Om hoeveel bomen gaat het?"]: 2,
        ids["Beschrijf om welke soort(en) het gaat."]: "Eik",
        ids["Bent u de eigenaar van de boom of houtopstand?"]: True,
        ids["Situatietekening kappen"]: ["s.pdf"],
        ids["Gegevens houtopstanden"]: ["g.pdf"],
    }
    # Top table (FIRST): all seven sub-decisions true → true; any false → false; otherwise no hit (null).
    assert evalueer(b, compleet).uitkomst is True
    zonder_tekening = {k: v for k, v in compleet.items() if v != ["s.pdf"]}
    assert evalueer(b, zonder_tekening).uitkomst is not True
    # A second quirk of the real file: the "_5acd…_anders_cross_0" table has only the rules
    # [contains "Anders", false] → false and [not contains "Anders", -] → true. An "Anders" answer *with*
    # its description ("_6254…" = true) matches neither, and without it "_6254…" is null: so the file
    # never accepts "Anders", whatever the applicant fills in.
    anders = {**compleet, ids["Wat wilt u gaan doen?"]: "Anders"}
    assert evalueer(b, anders).uitkomst is None
    assert evalueer(b, {**anders, ids["Beschrijf  wat u wilt gaan doen."]: "snoeien"}).uitkomst is None


def test_real_file_quirk_toestemming_eigenaar_is_never_complete(indieningsvereisten: SttrBestand) -> None:
    # A finding in the real file, pinned here: not the owner + the owner agrees + the toestemming
    # bijlage supplied matches no rule of "_5f54…_ja_cross_0" ([true,false] or [false,-]), so the
    # aanvraag can never be complete on that path. The evaluator reports it as not complete.
    b = indieningsvereisten
    ids = {r.tekst: r.id for r in b.uitvoeringsregels}
    answers = {
        ids["Wat wilt u gaan doen?"]: "Kappen",
        ids["Waarom wilt u de houtopstand onderhouden of weghalen?"]: "ziek",
        ids["Om hoeveel bomen gaat het?"]: 1,
        ids["Beschrijf om welke soort(en) het gaat."]: "Eik",
        ids["Bent u de eigenaar van de boom of houtopstand?"]: False,
        ids["Stemt de eigenaar van de boom in met de kap?"]: True,
        ids["Toestemming van de eigenaar"]: ["toestemming.pdf"],
        ids["Situatietekening kappen"]: ["s.pdf"],
        ids["Gegevens houtopstanden"]: ["g.pdf"],
    }
    assert evalueer(b, answers).uitkomst is None


def _tabel(hit_policy: str, rules: list[tuple[str, str]], aggregation: str = "") -> SttrBestand:
    agg = f' aggregation="{aggregation}"' if aggregation else ""
    rows = "".join(
        f"<dmn:rule id='r{i}'><dmn:inputEntry><dmn:text>{escape(t)}</dmn:text></dmn:inputEntry>"
        f"<dmn:outputEntry><dmn:text>{o}</dmn:text></dmn:outputEntry></dmn:rule>"
        for i, (t, o) in enumerate(rules)
    )
    xml = f"""<dmn:definitions xmlns:dmn="http://www.omg.org/spec/DMN/20180521/MODEL/"
      xmlns:bedr="http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/Bedrijfsregel" name="t" id="t" namespace="x">
      <dmn:inputData id="in" name="n"><dmn:variable name="n"/></dmn:inputData>
      <dmn:decision id="d" name="d"><dmn:extensionElements><bedr:functioneleStructuurRef
        href="http://toepasbare-regels.omgevingswet.overheid.nl/00000001001719001000/id/concept/Conclusienl.imow-gm1719.activiteit.X"/>
      </dmn:extensionElements><dmn:variable name="d"/>
      <dmn:informationRequirement><dmn:requiredInput href="#in"/></dmn:informationRequirement>
      <dmn:decisionTable hitPolicy="{hit_policy}"{agg}><dmn:input><dmn:inputExpression><dmn:text>n</dmn:text>
      </dmn:inputExpression></dmn:input><dmn:output name="o"/>{rows}</dmn:decisionTable></dmn:decision>
    </dmn:definitions>"""
    return parse_sttr(xml.encode())


RULES = [("< 10", '"klein"'), ("< 100", '"middel"'), ("-", '"alles"')]


@pytest.mark.parametrize(
    ("policy", "agg", "n", "expected"),
    [
        ("FIRST", "", 5, "klein"),
        ("FIRST", "", 50, "middel"),
        ("RULE ORDER", "", 5, ["klein", "middel", "alles"]),
        ("RULE ORDER", "", 500, ["alles"]),
        ("COLLECT", "", 50, ["middel", "alles"]),
        ("COLLECT", "COUNT", 5, 3),
    ],
)
def test_hit_policies(policy: str, agg: str, n: int, expected: object) -> None:
    assert evalueer(_tabel(policy, RULES, agg), {"n": n}).uitkomst == expected


def test_unique_with_two_hits_is_an_error() -> None:
    with pytest.raises(DmnFout, match="UNIQUE"):
        evalueer(_tabel("UNIQUE", RULES), {"n": 5})


def test_any_with_different_outputs_is_an_error() -> None:
    with pytest.raises(DmnFout, match="ANY"):
        evalueer(_tabel("ANY", RULES), {"n": 5})
    assert evalueer(_tabel("ANY", [("< 10", '"x"'), ("< 100", '"x"')]), {"n": 5}).uitkomst == "x"


def test_collect_sum_and_unsupported_priority() -> None:
    assert evalueer(_tabel("COLLECT", [("< 10", "1"), ("< 100", "2")], "SUM"), {"n": 5}).uitkomst == 3
    with pytest.raises(DmnFout, match="PRIORITY"):
        evalueer(_tabel("PRIORITY", RULES), {"n": 5})


def test_no_hit_with_first_is_null() -> None:
    assert evalueer(_tabel("FIRST", [("< 10", '"klein"')]), {"n": 50}).uitkomst is None
