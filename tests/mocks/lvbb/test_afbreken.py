"""The LVBB's afbreekopdracht (``breekPublicatieAfOpdracht``): a besluit or kennisgeving it published but has not
made known yet can be ended, and the register forgets what it set; each defect gets its own code."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from chain_tests.standards import lvbb, schemas
from chain_tests.standards.meldingcodes import CodeMelding
from chain_tests.standards.xml import parse_xml
from mocks.lvbb.afbreekregels import akn_werk
from mocks.lvbb.register import Levering, Register
from mocks.lvbb.validatie import Context, valideer
from tests.mocks.lvbb import test_kennisgeving as kg
from tests.mocks.lvbb.test_echt_pakket import BESLUIT, _echt, _overal, _vervang, _zonder_element
from tests.mocks.lvbb.test_register import NIEUW_ARTIKEL, R1, R2, _artikel, _begrip, _tijdelijk_deel, _wijziging

AANLEVERAAR, BG = "00000003560458830000", "00000001002564440000"
BESLUIT_WERK = "/akn/nl/bill/gm9920/2021/TestNummer1Initieel"
VANDAAG = dt.date(2021, 12, 1)  # before the real package's datum bekendmaking (2021-12-09)
JWV = "<datum>2021-09-01</datum>"  # the real package's juridisch-werkend-vanaf


def _opdracht(akn: str = BESLUIT_WERK, bg: str = BG, extra: dict[str, bytes] | None = None) -> dict[str, bytes]:
    o = lvbb.Opdracht("breekPublicatieAf", "afbreken_1", bg, AANLEVERAAR, "", "", identificatie=akn)
    bestanden = {"opdracht.xml": lvbb.opdracht_xml(o), **(extra or {})}
    bestanden["manifest.xml"] = lvbb.manifest_xml(sorted([*bestanden, "manifest.xml"]))
    return bestanden


def _meldingen(bestanden: dict[str, bytes], r: Register, vandaag: dt.date = VANDAAG) -> list[CodeMelding]:
    ctx = Context(AANLEVERAAR, "afbreken_1", "breekPublicatieAf", vandaag, False, lambda a, b: True, lambda d: [], r)
    return [m for m in valideer(lvbb.pak_in(bestanden), ctx)[2] if m.ernst == "fout"]


def _gepubliceerd(referentie: Path, *daarna: Callable[[dict[str, bytes]], dict[str, bytes]]) -> Register:
    """The register after the real package (juridisch werkend after the afbreek day), then each of ``daarna``
    (built from it), were published."""
    echt = _echt(referentie)
    r = Register()
    r.neem_pakket_op(_vervang(echt, BESLUIT, JWV, "<datum>2021-12-20</datum>"))
    for maak in daarna:
        r.neem_pakket_op(maak(echt))
    return r


def _kennisgeving(nummer: int = 1) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    werk = f"/akn/nl/doc/gm9920/2021/kennisgeving{nummer}"
    return lambda _: kg._pakket(kg._kennisgeving(werk=werk), id_levering=f"kennisgeving_{nummer}")


def test_a_besluit_not_yet_made_known_is_ended_and_forgotten(referentie: Path) -> None:
    r = _gepubliceerd(referentie)
    assert _meldingen(_opdracht(), r) == []
    r.breek_af(BESLUIT_WERK)
    assert r.versie(R1) is None and not r.besluiten and not r.regelingen and not r.doelen and not r.procedures
    assert not any(r.informatieobjecten.values())
    (m,) = _meldingen(_opdracht(), r)
    assert m.code == "LVBB1554"  # a second afbreekopdracht for it


def test_an_expression_names_its_work() -> None:
    assert akn_werk(f"{BESLUIT_WERK}/nld@2019-06-27") == BESLUIT_WERK == akn_werk(BESLUIT_WERK + "/")


GEVALLEN: dict[str, tuple[Callable[[], dict[str, bytes]], Callable[[Path], Register], dt.date]] = {
    "LVBB1551": (lambda: _opdracht("/akn/nl/bill/gm9920/2021/Onbekend"), _gepubliceerd, VANDAAG),
    "LVBB1568": (lambda: _opdracht(bg="00000001002564449999"), _gepubliceerd, VANDAAG),
    "LVBB1028": (lambda: _opdracht(extra={"manifest-ow.xml": b"<Aanleveringen/>"}), _gepubliceerd, VANDAAG),
    "LVBB1553": (_opdracht, _gepubliceerd, dt.date(2021, 12, 9)),
    "LVBB1560": (_opdracht, lambda ref: _gepubliceerd(ref, _kennisgeving()), VANDAAG),
    "LVBB1558": (_opdracht, lambda ref: _gepubliceerd(ref, _wijziging()), VANDAAG),
    "LVBB1563": (_opdracht, lambda ref: _jwv_vandaag(ref, met_io=False), VANDAAG),
    "LVBB1564": (_opdracht, lambda ref: _io_jwv_vandaag(ref), VANDAAG),
    "LVBB1562": (lambda: _opdracht(R1), _gepubliceerd, VANDAAG),
    "LVBB1566": (_opdracht, lambda ref: _met_intrekking(ref), VANDAAG),
    "LVBB1567": (_opdracht, lambda ref: _gepubliceerd(ref, _tijdelijk_deel()), VANDAAG),
    "LVBB4711": (lambda: _opdracht("/akn/nl/doc/gm9920/2021/kennisgeving1"),
                 lambda ref: _gepubliceerd(ref, _kennisgeving()), dt.date(2021, 12, 10)),
    "LVBB4715": (lambda: _opdracht("/akn/nl/doc/gm9920/2021/kennisgeving1"),
                 lambda ref: _gepubliceerd(ref, _kennisgeving(1), _kennisgeving(2)), VANDAAG),
}  # fmt: skip


def _artikel_3() -> str:
    """The third version's mutation on the second: another article, the begrip naming the GIO's third version."""
    return _artikel("gm9920_1__chp_1__art_1.3", context=NIEUW_ARTIKEL) + _begrip(ref=IO3)


IO3 = "/join/id/regdata/gm9920/2021/Testeiland/nld@2021-08-25;3"


def _jwv_vandaag(referentie: Path, met_io: bool = True) -> Register:
    """The real package with its juridisch-werkend-vanaf on the afbreek day (its regelingversie's and, by the same
    doel, its GIO's; ``met_io`` False: the GIO's forgotten, as if its doel had none)."""
    r = Register()
    r.neem_pakket_op(_vervang(_echt(referentie), BESLUIT, JWV, "<datum>2021-12-01</datum>"))
    if not met_io:
        r.leveringen[BESLUIT_WERK] = dataclasses.replace(r.leveringen[BESLUIT_WERK], io_jwv=())
    return r


def _io_jwv_vandaag(referentie: Path) -> Register:
    """The real package published (juridisch werkend later), its GIO's version juridisch werkend on the afbreek day
    (as if by a doel of its own)."""
    r = _gepubliceerd(referentie)
    r.leveringen[BESLUIT_WERK] = dataclasses.replace(r.leveringen[BESLUIT_WERK], io_jwv=((IO1, "2021-12-01"),))
    return r


IO1 = "/join/id/regdata/gm9920/2021/Testeiland/nld@2021-08-25;1"


def test_the_register_keeps_each_io_versions_juridisch_werkend_vanaf_by_its_doel(referentie: Path) -> None:
    assert _jwv_vandaag(referentie).leveringen[BESLUIT_WERK].io_jwv == ((IO1, "2021-12-01"),)
    assert [m.code for m in _meldingen(_opdracht(), _jwv_vandaag(referentie))] == ["LVBB1563", "LVBB1564"]
    zonder = _zonder_element(_echt(referentie), BESLUIT, "Tijdstempels")
    r = Register()
    r.neem_pakket_op(zonder)
    assert r.leveringen[BESLUIT_WERK].io_jwv == ()
    assert _meldingen(_opdracht(), _io_jwv_vandaag(referentie), dt.date(2021, 11, 30)) == []  # the day before


def test_a_regeling_or_its_version_came_with_its_besluit_which_is_what_may_be_ended(referentie: Path) -> None:
    r = _gepubliceerd(referentie)
    for akn in (R1, R1.split("/nld@")[0]):
        (m,) = _meldingen(_opdracht(akn), r)
        assert m.code == "LVBB1562" and m.beschrijving == (
            f"Versie met akn {akn} hoort bij een besluit en kan daardoor niet afgebroken worden"
        )


def _met_intrekking(referentie: Path) -> Register:
    """The real package, then another besluit that withdraws its regeling."""
    r = _gepubliceerd(referentie)
    r.ingetrokken.add(R1.split("/nld@")[0])
    return r


@pytest.mark.parametrize("code", sorted(GEVALLEN))
def test_each_defect_of_an_afbreekopdracht_gets_its_own_code_alone(referentie: Path, code: str) -> None:
    opdracht, register, vandaag = GEVALLEN[code]
    assert [m.code for m in _meldingen(opdracht(), register(referentie), vandaag)] == [code]


def test_the_day_before_the_datum_bekendmaking_it_can_still_be_ended(referentie: Path) -> None:
    assert _meldingen(_opdracht(), _gepubliceerd(referentie), dt.date(2021, 12, 8)) == []


def test_the_last_kennisgeving_can_be_ended_then_the_one_before_it(referentie: Path) -> None:
    r = _gepubliceerd(referentie, _kennisgeving(1), _kennisgeving(2))
    assert _meldingen(_opdracht("/akn/nl/doc/gm9920/2021/kennisgeving2"), r) == []
    r.breek_af("/akn/nl/doc/gm9920/2021/kennisgeving2")
    assert _meldingen(_opdracht("/akn/nl/doc/gm9920/2021/kennisgeving1"), r) == []
    r.breek_af("/akn/nl/doc/gm9920/2021/kennisgeving1")
    assert _meldingen(_opdracht(), r) == []  # no kennisgeving left: the besluit itself


def test_every_text_of_an_afbreekopdracht_names_the_levering(referentie: Path, snapshot: SnapshotAssertion) -> None:
    teksten = {c: [m.beschrijving for m in _meldingen(o(), r(referentie), d)] for c, (o, r, d) in GEVALLEN.items()}
    assert teksten == snapshot


def test_the_afbreekopdracht_and_its_verslag_are_valid_against_the_transport_schema() -> None:
    transport = schemas.lvbb_schema()
    assert transport is not None
    opdracht = _opdracht()["opdracht.xml"]
    assert schemas.validate(transport, parse_xml(opdracht)) == []
    assert lvbb.lees_opdracht(opdracht).identificatie == BESLUIT_WERK
    nu = dt.datetime(2021, 12, 1, 9, tzinfo=dt.UTC)
    for uitkomst in ("ok", "behandeling-mislukt"):
        xml = lvbb.resultaat_xml(lvbb.Verslag("breekPublicatieAf", "afbreken_1", nu, uitkomst=uitkomst))
        assert schemas.validate(transport, parse_xml(xml)) == [], uitkomst
        assert lvbb.lees_resultaat(xml).uitkomst == uitkomst
    assert lvbb.Verslag("breekPublicatieAf", "x", nu, uitkomst="behandeling-mislukt").resultaat == "mislukt"


def test_an_ended_levering_gives_back_what_it_withdrew_and_keeps_what_others_did(referentie: Path) -> None:
    echt = _echt(referentie)
    r = Register()
    r.neem_pakket_op(echt)
    r.ingetrokken.add("/akn/nl/act/gm9920/2021/AndersIngetrokken")
    intrekking = _vervang(
        _overal(_overal(echt, BESLUIT_WERK, "/akn/nl/bill/gm9920/2021/Intrekking"), "TesteilandDoel", "IntrekDoel"),
        BESLUIT, "<Tijdstempels", '<Intrekkingen xmlns="https://standaarden.overheid.nl/stop/imop/data/"><Intrekking>'
        "<doelen><doel>/join/id/proces/gm9920/2021/IntrekDoel</doel></doelen><instrument>/akn/nl/act/gm9920/2021/Weg"
        "</instrument><eId>art_II</eId></Intrekking></Intrekkingen><Tijdstempels",
    )  # fmt: skip
    r.neem_pakket_op(intrekking)
    assert "/akn/nl/act/gm9920/2021/Weg" in r.ingetrokken
    r.breek_af("/akn/nl/bill/gm9920/2021/Intrekking")
    assert r.ingetrokken == {"/akn/nl/act/gm9920/2021/AndersIngetrokken"}


def test_ending_a_kennisgeving_or_a_wijziging_forgets_only_it(referentie: Path) -> None:
    r = _gepubliceerd(referentie, _kennisgeving(1), _wijziging(), _wijziging(_artikel_3(), was=R2, nummer=3))
    r.breek_af("/akn/nl/doc/gm9920/2021/kennisgeving1")
    assert "/akn/nl/doc/gm9920/2021/kennisgeving1" not in r.kennisgevingen
    r.breek_af("/akn/nl/bill/gm9920/2021/TestNummer3Wijziging")
    assert set(r.was_in) == {R1} and set(r.gebaseerd_op) == {R1}  # the second wijziging's was-version is free again
    assert r.opvolgers == {R1: R2}
    assert r.versie(R2) is not None and r.versie(R1.replace("@1", "@3")) is None


def test_a_version_the_register_never_took_up_is_no_obstacle() -> None:
    r = Register()
    r.leveringen["/akn/nl/bill/x/2021/b"] = Levering(False, "/akn/nl/bill/x/2021/b/nld@1", "a", "l", BG, "",
                                                    versies=("/akn/nl/act/x/2021/r/nld@1",))  # fmt: skip
    assert _meldingen(_opdracht("/akn/nl/bill/x/2021/b"), r) == []  # no date: not made known yet
    r.breek_af("/akn/nl/bill/x/2021/b")
    assert r.leveringen == {}


def test_a_name_ending_in_x_stays_whole() -> None:
    assert akn_werk("/akn/nl/bill/gm9920/2021/BesluitX") == "/akn/nl/bill/gm9920/2021/BesluitX"


def test_a_kennisgeving_about_another_besluit_or_a_later_besluit_is_no_obstacle(referentie: Path) -> None:
    ander = lambda _: kg._pakket(kg._kennisgeving(over="/akn/nl/bill/gm9920/2021/Ander/nld@1"))  # noqa: E731
    assert _meldingen(_opdracht(), _gepubliceerd(referentie, ander)) == []
    r = _gepubliceerd(referentie, _kennisgeving(1), _wijziging())
    assert _meldingen(_opdracht("/akn/nl/doc/gm9920/2021/kennisgeving1"), r) == []


def test_the_texts_of_a_second_afbreekopdracht_and_of_versions_used_elsewhere(referentie: Path) -> None:
    r = _gepubliceerd(referentie)
    r.breek_af(BESLUIT_WERK)
    (m,) = _meldingen(_opdracht(), r)
    assert m.beschrijving == (
        f"Het besluit van OIN {BG} met idlevering afbreken_1 is in afwachting om afgebroken te worden, hierdoor is "
        f"het onmogelijk om een tweede afbreekopdracht te verwerken voor besluit met id: {BESLUIT_WERK}."
    )
    r = Register()
    r.leveringen["/akn/nl/bill/x/2021/b"] = Levering(False, "/akn/nl/bill/x/2021/b/nld@1", "a", "l", BG, "",
                                                    versies=("/akn/r/nld@1", "/akn/s/nld@1"))  # fmt: skip
    r.was_in = {"/akn/r/nld@1": "/akn/nl/bill/x/2021/c/nld@1", "/akn/s/nld@1": "/akn/nl/bill/x/2021/c/nld@1"}
    (m,) = _meldingen(_opdracht("/akn/nl/bill/x/2021/b"), r)
    assert m.beschrijving.endswith("in een ander besluit : /akn/r/nld@1, /akn/s/nld@1")


def test_a_kennisgeving_about_no_besluit_is_the_last_of_its_kind_whatever_besluit_came_after(referentie: Path) -> None:
    voorgenomen = lambda _: kg._pakket(  # noqa: E731
        kg._kennisgeving(soort="KennisgevingVoorgenomenBesluit", over="", mutatie="-", werk="/akn/nl/doc/gm9920/2021/v")
    )
    r = _gepubliceerd(referentie, voorgenomen, _wijziging())
    assert _meldingen(_opdracht("/akn/nl/doc/gm9920/2021/v"), r) == []


def test_the_tijdelijk_deel_itself_can_be_ended_then_its_hoofdregelings_besluit(referentie: Path) -> None:
    r = _gepubliceerd(referentie, _tijdelijk_deel())
    assert _meldingen(_opdracht("/akn/nl/bill/gm9920/2021/TestNummer3"), r) == []
    r.breek_af("/akn/nl/bill/gm9920/2021/TestNummer3")
    assert _meldingen(_opdracht(), r) == []
