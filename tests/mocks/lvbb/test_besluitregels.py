"""The LVBB's rules on a besluit's consolidatie and its identifications, on the read documents directly: the
boundaries and the values each melding names (the packages that show each code are in test_echt_pakket)."""

from __future__ import annotations

import dataclasses

import pytest

from chain_tests.standards import stop
from mocks.lvbb import besluitregels
from mocks.lvbb.identificatie import expressie

BESLUIT = "/akn/nl/bill/gm1/2026/b/nld@2026"
R1, R2 = "/akn/nl/act/gm1/2026/plan/nld@1", "/akn/nl/act/gm1/2026/plan/nld@2"
IO1, IO2 = "/join/id/regdata/gm1/2026/gio/nld@2026;1", "/join/id/regdata/gm1/2026/gio/nld@2026;2"
D1, D2 = "/join/id/proces/gm1/2026/d1", "/join/id/proces/gm1/2026/d2"
JWV = "juridischWerkendVanaf"
LEEG = stop.Consolidatie(
    BESLUIT, True, "/tooi/id/gemeente/gm1", ((D1, R1),), (), (), False, ((D1, JWV, "2026-02-01"),), (),
    wordt=(R1,), regelingversies=(R1,), io_refs=(IO1, IO2),
)  # fmt: skip


def _c(**velden: object) -> stop.Consolidatie:
    return dataclasses.replace(LEEG, **velden)  # type: ignore[arg-type]


def _codes(c: stop.Consolidatie, datum: str = "2026-01-07") -> list[str]:
    return [m.code for m in besluitregels.consolidatie(c, "besluit.xml", datum)]


def test_the_work_of_an_expression_is_what_stands_before_its_language() -> None:
    assert besluitregels.werk(R1) == "/akn/nl/act/gm1/2026/plan"
    assert besluitregels.werk("/akn/nl/act/gm1/2026/plan/nld@2026;1/x") == "/akn/nl/act/gm1/2026/plan"
    assert besluitregels.werk("/akn/nl/act/gm1/2026/plan/nld@a/b@c") == "/akn/nl/act/gm1/2026/plan"


def test_a_doel_only_in_a_tijdstempel_counts_too_and_the_melding_names_the_besluit() -> None:
    c = _c(tijdstempels=((D1, JWV, "2026-02-01"), (D2, JWV, "2026-02-01")))
    (m,) = besluitregels.consolidatie(c, "besluit.xml", "2026-01-07")
    assert (
        m.code == "LVBB4803"
        and m.beschrijving == f"Het besluit {BESLUIT} bevat meer dan één doel {D1}, {D2}. Dat mag niet."
    )


def test_two_versions_of_one_informatieobject_are_named_as_such() -> None:
    (m,) = besluitregels.consolidatie(_c(informatieobjecten=((D1, IO1), (D1, IO2))), "besluit.xml", "2026-01-07")
    assert m.code == "LVBB4802" and m.beschrijving.startswith(
        f"Het besluit {BESLUIT} bevat informatieobject /join/id/regdata/gm1/2026/gio waarbij meer dan één "
        f"informatieobjectversie {IO1}, {IO2} wordt vastgesteld."
    )


def test_a_regeling_set_and_withdrawn_is_named_with_both() -> None:
    (m,) = besluitregels.consolidatie(_c(intrekkingen=("/akn/nl/act/gm1/2026/plan",)), "besluit.xml", "2026-01-07")
    assert m.code == "LVBB4804" and m.beschrijving == (
        f"Het besluit {BESLUIT} bevat regeling /akn/nl/act/gm1/2026/plan, die wordt ingetrokken en een vaststelling"
        f" van regelingversie(s) {R1}. Dat mag niet."
    )
    assert _codes(_c(intrekkingen=("/akn/nl/act/gm1/2026/ander",))) == []


def test_an_unreadable_date_does_not_hide_a_late_one() -> None:
    stempels = ((D1, JWV, "geen-datum"), (D1, JWV, "2026-06-01"))
    assert _codes(_c(tijdstempels=stempels)) == ["LVBB1580"]
    assert _codes(_c(tijdstempels=stempels), datum="geen-datum") == []  # the datum bekendmaking is LVBB1501's


def test_an_ext_io_ref_is_named_by_its_ref_or_else_its_text() -> None:
    (m,) = besluitregels.consolidatie(_c(ext_io_refs=(("", f" {IO1}\n"),)), "besluit.xml", "2026-01-07")
    assert m.code == "LVBB3517" and f"met betrekking tot {IO1} heeft" in m.beschrijving
    (m,) = besluitregels.consolidatie(_c(ext_io_refs=((f"{IO1} ", IO1),)), "besluit.xml", "2026-01-07")
    assert f"met betrekking tot {IO1} heeft" in m.beschrijving
    assert _codes(_c(ext_io_refs=((IO1, IO1),))) == []


@pytest.mark.parametrize(("versie", "fout"), [("2026", False), ("2025", True), ("2026;1", False)])
def test_a_version_year_is_compared_with_the_year_of_a_work_date_not_the_date(versie: str, fout: bool) -> None:
    e = f"/join/id/regdata/gm1/2026-06-01/gio/nld@{versie}"
    assert [m.code for m in expressie("[x]", e)] == (["LVBB2015"] if fout else [])


def test_an_unreadable_date_before_a_late_one_in_another_doel_does_not_hide_it() -> None:
    stempels = ((D1, JWV, "2026-02-30"), (D2, JWV, "2026-06-01"))
    assert "LVBB1580" in _codes(_c(tijdstempels=stempels))


def test_withdrawing_a_regeling_set_in_two_versions_names_both() -> None:
    c = _c(regelingen=((D1, R1), (D1, R2)), intrekkingen=("/akn/nl/act/gm1/2026/plan",))
    (m,) = [m for m in besluitregels.consolidatie(c, "besluit.xml", "2026-01-07") if m.code == "LVBB4804"]
    assert f"vaststelling van regelingversie(s) {R1}, {R2}." in m.beschrijving


def test_a_tpod_melding_without_a_regeling_names_the_besluit() -> None:
    c = _c(
        regelingen=(), soort_regeling="/join/id/stop/regelingtype_003", eindverantwoordelijke="/tooi/id/provincie/pv1"
    )
    (m,) = besluitregels.tpod(c)
    assert m.code == "TPOD2451" and m.beschrijving.startswith(f"Bij {BESLUIT} (Omgevingsplan) moet")


def test_each_gml_of_a_gio_is_compared_even_after_one_that_is_missing() -> None:
    gio = stop.GelezenGio("/join/id/regdata/gm1/2026/gio", IO1, (("weg.gml", "h"), ("a.gml", "h")), REGELING_WERK,
                          "TeConsolideren", True)  # fmt: skip
    gml = stop.GelezenGml("/join/id/regdata/gm1/2026/ander", IO1)
    (m,) = besluitregels.informatieobject("gio.xml", gio, {REGELING_WERK}, {"a.gml": gml})
    assert m.code == "LVBB3511" and "a.gml (/join/id/regdata/gm1/2026/ander)" in m.beschrijving
    (m,) = besluitregels.informatieobject("gio.xml", dataclasses.replace(gio, met_metadata=False), {REGELING_WERK}, {})
    assert m.code == "LVBB3513" and IO1 in m.beschrijving
    andere = stop.GelezenGml("/join/id/regdata/gm1/2026/gio", IO2)
    (m,) = besluitregels.informatieobject("gio.xml", gio, {REGELING_WERK}, {"a.gml": andere})
    assert m.code == "LVBB3512" and f"gio.xml ({IO1})" in m.beschrijving and f"a.gml ({IO2})" in m.beschrijving


REGELING_WERK = "/akn/nl/act/gm1/2026/plan"


def test_the_text_rules_on_the_read_consolidatie() -> None:
    c = _c(soort_regeling="/join/id/stop/regelingtype_003", wordt=(R1, IO1), regelingversies=(R1,),
           informatieobjecten=((D1, IO1),), wijzigingen=(("w1", ("cmp_A", "art_2")),),
           wijzigbijlagen=("cmp_A",))  # fmt: skip
    assert besluitregels.tekst(c) == []  # a JOIN @wordt, a ref to an article: no matter here
    assert [m.code for m in besluitregels.tekst(_c(soort_regeling="/join/id/stop/regelingtype_1"))] == ["LVBB4007"]
    assert besluitregels.tekst(_c(soort_regeling="")) == []
    (m,) = besluitregels.tekst(_c(met_regelingmetadata=False, regelingversies=(R1, R2), wordt=(R1, R2)))
    assert (
        m.code == "LVBB4040"
        and f"regelingversie {R1} binnen nieuwe regeling /akn/nl/act/gm1/2026/plan" in m.beschrijving
    )
    (m,) = besluitregels.tekst(_c(informatieobjecten=((D1, IO1),), io_refs=(IO2,)))
    assert m.code == "LVBB4032" and f"Expressie {IO1} komt niet voor als informatieobjectRef" in m.beschrijving


def test_the_text_rules_name_their_values_and_add_up() -> None:
    c = _c(soort_regeling="/join/id/x", met_regelingmetadata=False, wordt=(R2,), regelingversies=(R1,))
    meldingen = besluitregels.tekst(c)
    assert [m.code for m in meldingen] == ["LVBB4007", "LVBB4040", "LVBB4033", "LVBB4033", "LVBB4032"]
    assert "heeft waarde /join/id/x en begint" in meldingen[0].beschrijving
    assert f"Expressie {R1} komt niet voor als @wordt" in meldingen[3].beschrijving
