"""The LVBB's rules over several leveringen: the real ``1_Initieel_Besluit`` is published first (taken up in
the register), then a second levering comes — a wijzigingsbesluit built from it (a ``RegelingMutatie`` that
adds an article and replaces the begrip that names the GIO, with the GIO's next version) or the initial
package again — with one defect each, or the same levering against a register that holds one thing
differently. Each gets exactly its own code; where one defect must break two rules the test says which."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards import lvbb, regelingtekst, stop
from chain_tests.standards.meldingcodes import CodeMelding, melding
from mocks.lvbb import mutatieregels
from mocks.lvbb.register import Register, na_mutatie
from mocks.lvbb.validatie import Context, valideer
from tests.mocks.lvbb.test_echt_pakket import (
    BESLUIT,
    DOEL,
    GIO,
    IO,
    REGELING,
    _echt,
    _overal,
    _vervang,
    _zonder_element,
)

R1, R2 = f"{REGELING}/nld@1", f"{REGELING}/nld@2"
IO2 = IO.replace(";1", ";2")
IO_WERK = "/join/id/regdata/gm9920/2021/Testeiland"
BESLUIT_WERK = "/akn/nl/bill/gm9920/2021/TestNummer1Initieel"
BEGRIP = "gm9920_1__cmp_I__content_o_1__list_o_1__item_o_1"
ARTIKEL = "gm9920_1__chp_1__art_1.1"
NIEUW_ARTIKEL = "gm9920_1__chp_1__art_1.2"
JWV = "<datum>2021-09-01</datum>"
Pakket = dict[str, bytes]


def _meldingen(bestanden: Pakket, register: Register, wachtend: Register | None = None) -> list[CodeMelding]:
    ctx = Context("00000003560458830000", "RdG_SanityCheck_001_gemaaktOp_", "publicatie", dt.date(2021, 12, 1),
                  False, lambda a, b: True, lambda d: [], register, wachtend or Register())  # fmt: skip
    return [m for m in valideer(lvbb.pak_in(bestanden), ctx)[2] if m.ernst == "fout"]


def _gepubliceerd(pakket: Pakket) -> Register:
    r = Register()
    r.neem_op(pakket, BESLUIT)
    return r


def _artikel(wid: str, context: str = ARTIKEL, extra: str = "") -> str:
    eid = wid.removeprefix("gm9920_1__")
    return (f'<VoegToe context="{context}" positie="volgtOp"><Artikel eId="{eid}" wId="{wid}"><Kop>'
            f"<Label>Artikel</Label><Nummer>1.2</Nummer></Kop><Inhoud><Al>Nieuw artikel.{extra}</Al></Inhoud>"
            "</Artikel></VoegToe>")  # fmt: skip


def _begrip(ref: str = IO2, wid: str = BEGRIP, extra: str = "") -> str:
    eid = wid.removeprefix("gm9920_1__")
    return (f'<Vervang wat="{BEGRIP}"><Begrip eId="{eid}" wId="{wid}"><Term>Testeiland</Term><Definitie><Al>'
            f'<ExtIoRef eId="{eid}__ref_o_1" wId="{BEGRIP}__ref_o_1" ref="{ref}">{ref}</ExtIoRef>{extra}</Al>'
            "</Definitie></Begrip></Vervang>")  # fmt: skip


def _wijziging(
    inhoud: str | None = None,
    was: str = R1,
    wordt: str | None = None,
    jwv: str = "2021-10-01",
    nummer: int = 2,
    zelfde_doel: bool = False,
) -> Callable[[Pakket], Pakket]:
    """Wijzigingsbesluit ``nummer`` (its own besluit work and doel, the GIO's version ``;nummer``), the regeling's
    text a mutation ``was`` → ``wordt`` (version ``nummer``)."""
    mutatie = inhoud if inhoud is not None else _artikel(NIEUW_ARTIKEL) + _begrip()
    versie = f"{REGELING}/nld@{nummer}"

    def maak(echt: Pakket) -> Pakket:
        b = _overal(echt, IO, IO.replace(";1", f";{nummer}"))
        b = _overal(b, BESLUIT_WERK, f"/akn/nl/bill/gm9920/2021/TestNummer{nummer}Wijziging")
        b = b if zelfde_doel else _overal(b, DOEL, f"{DOEL}{nummer}")
        tekst = b[BESLUIT].decode().replace(R1, versie).replace(JWV, f"<datum>{jwv}</datum>")
        regeling = re.compile(r"<RegelingCompact .*</RegelingCompact>", re.S)
        nieuw = versie if wordt is None else wordt
        attrs = (f' was="{was}"' if was else "") + (f' wordt="{nieuw}"' if nieuw else "")
        tekst = regeling.sub(f'<RegelingMutatie{attrs} componentnaam="regeling">{mutatie}</RegelingMutatie>', tekst)
        return {**b, BESLUIT: tekst.encode()}

    return maak


def _opnieuw(regeling: str = R1, io: str = ";3") -> Callable[[Pakket], Pakket]:
    """The initial package again as another besluit (its own doel): the regeling's version ``regeling``, the GIO's
    ``io``."""

    def maak(echt: Pakket) -> Pakket:
        b = _overal(echt, IO, IO.replace(";1", io))
        b = _overal(_overal(b, BESLUIT_WERK, "/akn/nl/bill/gm9920/2021/TestNummer3"), DOEL, f"{DOEL}3")
        return _overal(b, R1, regeling) if regeling != R1 else b

    return maak


def _intrekking(werk: str, jwv: str = "2021-10-01") -> Callable[[Pakket], Pakket]:
    """The initial package again for a new regeling (its own work), withdrawing ``werk``, juridisch werkend from
    ``jwv`` (the withdrawn regeling's end: after its version's own start)."""

    def maak(echt: Pakket) -> Pakket:
        b = _overal(_opnieuw()(echt), REGELING, REGELING + "Nieuw")
        b = _vervang(b, BESLUIT, JWV, f"<datum>{jwv}</datum>")
        intrekking = (f'<Intrekkingen xmlns="https://standaarden.overheid.nl/stop/imop/data/"><Intrekking><doelen>'
                      f"<doel>{DOEL}3</doel></doelen><instrument>{werk}</instrument>"
                      "<eId>art_II</eId></Intrekking></Intrekkingen><Tijdstempels")  # fmt: skip
        return _vervang(b, BESLUIT, "<Tijdstempels", intrekking)

    return maak


def _io_metadata(xml: str) -> Callable[[Pakket], Pakket]:
    return lambda b: _vervang(_wijziging()(b), GIO, "</InformatieObjectMetadata>", xml + "</InformatieObjectMetadata>")


def _nieuw_io(b: Pakket) -> Pakket:
    """The GIO as an informatieobject of its own (a work the LVBB does not know)."""
    return _overal(_overal(b, f"{IO_WERK}/", f"{IO_WERK}Pdf/"), f"{IO_WERK}<", f"{IO_WERK}Pdf<")


def _alleen_bekend_te_maken(b: Pakket) -> Pakket:
    """The GIO only to be made known: in the pubdata collection, named by an ExtRef (LVBB3502, 3902)."""
    b = _vervang(b, GIO, "TeConsolideren", "AlleenBekendTeMaken")
    b = _vervang(b, GIO, f"<heeftGeboorteregeling>{REGELING}</heeftGeboorteregeling>", "")
    b = _overal(b, f"{IO_WERK}Pdf", f"{IO_WERK.replace('regdata', 'pubdata')}Pdf")
    return _overal(_overal(b, "<ExtIoRef ", "<ExtRef "), "</ExtIoRef>", "</ExtRef>")


def _regeling_eindverantwoordelijke(b: Pakket) -> Pakket:
    tekst = b[BESLUIT].decode()
    begin = tekst.index("<RegelingMetadata")
    rest = tekst[begin:].replace("/tooi/id/gemeente/gm9920", "/tooi/id/provincie/pv30", 1)
    return {**b, BESLUIT: (tekst[:begin] + rest).encode()}


def _regeling_metadata(xml: str) -> Callable[[Pakket], Pakket]:
    return lambda b: _vervang(_wijziging()(b), BESLUIT, "</RegelingMetadata>", xml + "</RegelingMetadata>")


def _register(
    aanpassing: Callable[[Pakket], Pakket] | None = None,
    *daarna: Callable[[Pakket], Pakket],
    **ingetrokken: str,
) -> Callable[[Path], Register]:
    """The register after the real package (changed by ``aanpassing``) was published, then each levering of
    ``daarna``, with works withdrawn since."""

    def maak(referentie: Path) -> Register:
        echt = _echt(referentie)
        r = _gepubliceerd(aanpassing(echt) if aanpassing else echt)
        for levering in daarna:
            r.neem_op(levering(echt), BESLUIT)
        for werk in ingetrokken.values():
            if werk.startswith("/join/"):  # an informatieobject the LVBB knows, withdrawn since
                r.informatieobjecten.setdefault(werk, {werk + "/nld@2020;1"})
            r.ingetrokken.add(werk)
        return r

    return maak


def _ontwerp(b: Pakket) -> Pakket:
    return _vervang(b, BESLUIT, "proceduretype_definitief", "proceduretype_ontwerp")


ANDER_IO = "/join/id/regdata/gm9920/2021/Ander"


def _geldig(doel: str, datum: str) -> str:
    """A geldigVanaf tijdstempel for ``doel``, with the end of the Tijdstempels it goes before."""
    return (f"<Tijdstempel><doel>{doel}</doel><soortTijdstempel>geldigVanaf</soortTijdstempel><datum>{datum}</datum>"
            "<eId>art_II</eId></Tijdstempel></Tijdstempels>")  # fmt: skip


def _zonder_versies(io_werk: str) -> Callable[[Path], Register]:
    """The register after the real package, each version of informatieobject ``io_werk`` since ended by an
    afbreekopdracht (the work known, no expression standing)."""

    def maak(referentie: Path) -> Register:
        r = _register()(referentie)
        r.informatieobjecten[io_werk] = set()
        return r

    return maak


#: code → (the second levering, the register it meets)
GEVALLEN: dict[str, tuple[Callable[[Pakket], Pakket], Callable[[Path], Register]]] = {
    "LVBB4001": (lambda b: _overal(_wijziging()(b), "TestNummer2Wijziging", "TestNummer1Initieel"), _register()),
    "LVBB4805": (_wijziging(zelfde_doel=True), _register()),
    # a second branch on version 1, beginning before the first branch's version 2 (2021-10-01)
    "LVBB5015": (_wijziging(_artikel(NIEUW_ARTIKEL) + _begrip(ref=IO.replace(";1", ";3")), nummer=3, jwv="2021-09-15"),
                 _register(lambda b: b, _wijziging())),
    "LVBB5020": (_wijziging(), _register(lambda b: _vervang(b, BESLUIT, 'schemaversie="1.2.0"',
                                                            'schemaversie="1.1.0"'))),
    "LVBB4204": (_wijziging(), _register(lambda b: _zonder_element(b, BESLUIT, "Tijdstempels"))),
    "LVBB4209": (lambda b: _vervang(_wijziging()(b), BESLUIT, "</Tijdstempels>", f"<Tijdstempel><doel>{DOEL}2</doel>"
                                    "<soortTijdstempel>geldigVanaf</soortTijdstempel><datum>2021-10-01</datum>"
                                    "<eId>art_II</eId></Tijdstempel></Tijdstempels>"), _register()),
    "LVBB4048": (lambda b: _vervang(_wijziging()(b), GIO, "gio_002", "gio_001"), _register()),
    "LVBB4056": (lambda b: _vervang(_wijziging()(b), GIO, "<eindverantwoordelijke>/tooi/id/gemeente/gm9920<",
                                    "<eindverantwoordelijke>/tooi/id/provincie/pv30<"), _register()),
    "LVBB4055": (lambda b: _regeling_eindverantwoordelijke(_wijziging()(b)), _register()),
    "LVBB1515": (lambda b: _vervang(b, BESLUIT, 'schemaversie="1.2.0"', ""), lambda _: Register()),
    "LVBB4014": (_opnieuw(), _register()),
    "LVBB5019": (_opnieuw(f"{REGELING}/nld@9"), _register()),
    "LVBB3900": (lambda b: _overal(_opnieuw(io=";1")(b), REGELING, REGELING + "Nieuw"), _register()),
    "LVBB5006": (_wijziging(was=""), _register()),
    "LVBB4015": (_wijziging(was=f"{REGELING}/nld@7"), _register()),
    "LVBB5007": (_wijziging(), _register(_ontwerp)),
    "LVBB5009": (_wijziging(), _register(lambda b: _vervang(b, BESLUIT, "work_019", "work_021"))),
    "LVBB4046": (_wijziging(), _register(lambda b: _vervang(b, BESLUIT, "regelingtype_003", "regelingtype_004"))),
    "LVBB4051": (_wijziging(), _register(io=IO_WERK)),
    "LVBB4200": (_wijziging(jwv="2021-08-31"), _register()),
    "LVBB5023": (_wijziging(_artikel(f"{ARTIKEL}__para_1") + _begrip()), _register()),
    "LVBB5024": (_wijziging(_artikel(NIEUW_ARTIKEL) + _begrip() + '<Verwijder wat="gm9920_1__chp_9"/>'), _register()),
    "LVBB5025": (_wijziging(_artikel(NIEUW_ARTIKEL) + _begrip(extra=f'<IntRef wId="{BEGRIP}__ref_o_2" ref="x">x'
                                                                      "</IntRef>")), _register()),
    "LVBB5028": (_wijziging(_artikel(NIEUW_ARTIKEL) + _begrip(extra=f'<IntRef wId="{ARTIKEL}__para_1" ref="x">x'
                                                                      "</IntRef>")), _register()),
    "LVBB5026": (_wijziging(_artikel(NIEUW_ARTIKEL) + _begrip().replace(f' wId="{BEGRIP}__ref_o_1"', "")),
                 _register()),
    "LVBB5027": (_wijziging(_artikel(NIEUW_ARTIKEL, context="gm9920_1__chp_9") + _begrip()), _register()),
    "LVBB5030": (_wijziging(_artikel(NIEUW_ARTIKEL, context=f"{ARTIKEL}__para_2") + _begrip()
                            + f'<Verwijder wat="{ARTIKEL}__para_2"/>'), _register()),
    "LVBB5032": (_wijziging(_artikel(NIEUW_ARTIKEL, context=NIEUW_ARTIKEL) + _begrip()), _register()),
    "LVBB5003": (_wijziging(_artikel(NIEUW_ARTIKEL) + _begrip(wid=BEGRIP.replace("item_o_1", "item_o_2"))),
                 _register()),
    "LVBB3514": (_wijziging(_artikel(NIEUW_ARTIKEL, extra=f'<ExtIoRef ref="{ANDER_IO}/nld@2021;1">x</ExtIoRef>')
                            + _begrip()), _register()),
    "LVBB3151": (_wijziging(_artikel(NIEUW_ARTIKEL) + _begrip(ref=IO)), _register()),
    "LVBB4050": (_io_metadata(f"<opvolging><opvolgerVan>{ANDER_IO}</opvolgerVan></opvolging>"), _register()),
    "LVBB4054": (lambda b: _vervang(_alleen_bekend_te_maken(_nieuw_io(_wijziging()(b))), GIO,
                                    "</InformatieObjectMetadata>", f"<opvolging><opvolgerVan>{IO_WERK}</opvolgerVan>"
                                    "</opvolging></InformatieObjectMetadata>"), _register()),
    "LVBB4049": (_regeling_metadata(f"<opvolging><opvolgerVan>{REGELING}Ander</opvolgerVan></opvolging>"),
                 _register()),
    "LVBB5014": (_intrekking(f"{REGELING}Onbekend"), _register()),
    "LVBB5013": (_intrekking(REGELING), _register(_ontwerp)),
    "LVBB3800": (_intrekking(ANDER_IO), _register()),
    "LVBB3801": (_intrekking(ANDER_IO), _register(ander=ANDER_IO)),
    "LVBB4045": (lambda b: _vervang(b, BESLUIT, "</RegelingVersieInformatie>",
                                    "</RegelingVersieInformatie>" + re.search(  # type: ignore[union-attr]
                                        r"<RegelingVersieInformatie>.*</RegelingVersieInformatie>",
                                        b[BESLUIT].decode(), re.S)[0]), lambda _: Register()),
    # a besluit names the Publicatie step, which is the LVBB's own (stap_003 is its Ondertekening)
    "LVBB4754": (lambda b: _vervang(b, BESLUIT, "procedure/stap_003", "procedure/stap_004"), lambda _: Register()),
    "LVBB4044": (lambda b: _vervang(b, BESLUIT, "work_019", "work_021"), lambda _: Register()),
    "LVBB5033": (_wijziging(_artikel(NIEUW_ARTIKEL) + _begrip() + _begrip()), _register()),
    "LVBB4206": (lambda b: _vervang(_wijziging()(b), BESLUIT, "</Tijdstempels>", _geldig(f"{DOEL}2", "2021-08-31")),
                 _register(lambda b: _vervang(b, BESLUIT, "</Tijdstempels>", _geldig(DOEL, "2021-09-01")))),
    "LVBB3802": (_intrekking(IO_WERK), _zonder_versies(IO_WERK)),
    # a withdrawal juridisch werkend (geldig) from the day the regeling's version began: not after it
    "LVBB4205": (_intrekking(REGELING, jwv="2021-09-01"), _register()),
    "LVBB4210": (lambda b: _vervang(_intrekking(REGELING)(b), BESLUIT, "</Tijdstempels>", _geldig(f"{DOEL}3",
                                                                                               "2021-09-01")),
                 _register(lambda b: _vervang(b, BESLUIT, "</Tijdstempels>", _geldig(DOEL, "2021-09-01")))),
    "LVBB4043": (lambda b: _vervang(_overal(_opnieuw()(b), REGELING, REGELING + "Nieuw"), BESLUIT,
                                    "</RegelingMetadata>", f"<opvolging><opvolgerVan>{REGELING}</opvolgerVan>"
                                    "</opvolging></RegelingMetadata>"), _register()),
}  # fmt: skip
#: one defect that two rules see: code → the codes the levering gets
SAMEN: dict[str, tuple[Callable[[Pakket], Pakket], Callable[[Path], Register], list[str]]] = {
    # a mutation without a wordt-version: its BeoogdeRegeling and RegelingVersieInformatie name a version no
    # text sets (LVBB4032, 4033)
    "LVBB5005": (_wijziging(wordt=""), _register(), ["LVBB4032", "LVBB4033", "LVBB5005"]),
    # a mutation of a withdrawn regeling is also a new version of it
    "LVBB5012": (_wijziging(), _register(regeling=REGELING), ["LVBB4052", "LVBB5012"]),
    # a mutation that changes nothing leaves the GIO's new version unnamed by any ExtIoRef
    "LVBB5021": (_wijziging(""), _register(), ["LVBB3151", "LVBB5021"]),
}


def _wachtend(referentie: Path) -> Register:
    """The real package validated and not yet published: the LVBB's waiting publicaties."""
    r = Register()
    r.neem_pakket_op(_echt(referentie))
    return r


#: code → the second levering, meeting an empty register while the first is still waiting to be published
WACHTEND = {"LVBB4211": _wijziging(), "LVBB4212": _intrekking(REGELING)}


@pytest.mark.parametrize("code", sorted(WACHTEND))
def test_building_on_a_besluit_not_yet_published_gets_its_own_code(referentie: Path, code: str) -> None:
    meldingen = _meldingen(WACHTEND[code](_echt(referentie)), Register(), _wachtend(referentie))
    assert [(m.code, m.beschrijving) for m in meldingen] == [(code, melding(code).beschrijving)]


def test_a_successor_that_withdraws_the_regeling_it_succeeds_is_valid(referentie: Path) -> None:
    opvolger = f"<opvolging><opvolgerVan>{REGELING}</opvolgerVan></opvolging></RegelingMetadata>"
    levering = _vervang(_intrekking(REGELING)(_echt(referentie)), BESLUIT, "</RegelingMetadata>", opvolger)
    assert _meldingen(levering, _register()(referentie)) == []
    assert [m.code for m in _meldingen(levering, _register(regeling=REGELING)(referentie))] == ["LVBB5013"]


def test_replacements_that_overlap_name_the_wids_that_find_no_place() -> None:
    """One within another's element (not a sibling whose wId only begins the same), or the same one twice."""
    from mocks.lvbb.mutatieregels import _eigen

    def vervang(wat: str) -> regelingtekst.Vervanging:
        return regelingtekst.Vervanging(wat, wat, frozenset({wat}))

    wat = ("a__b", "a", "c", "ab", "c", "d")
    (fout,) = _eigen(regelingtekst.Mutatie(R1, R2, (), tuple(vervang(w) for w in wat), ()))
    assert (fout.code, fout.beschrijving.split(": ")[1].split(".")[0]) == ("LVBB5033", "a__b, c")


def test_the_wijzigingsbesluit_after_the_real_package_is_valid(referentie: Path) -> None:
    echt = _echt(referentie)
    assert _meldingen(_wijziging()(echt), _gepubliceerd(echt)) == []


def test_without_the_real_package_published_the_wijziging_has_no_was_version(referentie: Path) -> None:
    assert [m.code for m in _meldingen(_wijziging()(_echt(referentie)), Register())] == ["LVBB4015"]


@pytest.mark.parametrize("code", sorted(GEVALLEN))
def test_each_defect_over_two_leveringen_gets_its_own_code_alone(referentie: Path, code: str) -> None:
    levering, register = GEVALLEN[code]
    assert [m.code for m in _meldingen(levering(_echt(referentie)), register(referentie))] == [code]


@pytest.mark.parametrize("code", sorted(SAMEN))
def test_a_defect_two_rules_see_gets_both(referentie: Path, code: str) -> None:
    levering, register, codes = SAMEN[code]
    assert sorted(m.code for m in _meldingen(levering(_echt(referentie)), register(referentie))) == codes


def test_the_texts_name_what_is_wrong(referentie: Path) -> None:
    def tekst(code: str) -> str:
        levering, register = GEVALLEN[code]
        (m,) = _meldingen(levering(_echt(referentie)), register(referentie))
        return m.beschrijving

    assert tekst("LVBB4001") == f"De aangeleverde AKN bestaat al : {BESLUIT_WERK}, publicatie niet mogelijk"
    assert tekst("LVBB4015") == f"WasVersie {REGELING}/nld@7 bestaat niet"
    assert tekst("LVBB5023").startswith(f"In de RegelingMutatie komen de volgende toe te voegen wIds reeds voor in de "
                                        f"was-versie: {ARTIKEL}__para_1.")  # fmt: skip
    assert f"voor wId {BEGRIP} de volgende wIds" in tekst("LVBB5028") and f"{ARTIKEL}__para_1." in tekst("LVBB5028")
    assert tekst("LVBB5025").startswith(f"Bij verwerking van de RegelingMutatie komen de volgende impliciet "
                                        f"toegevoegde wIds voor in de wordt-versie: {BEGRIP}__ref_o_2.")  # fmt: skip
    assert f"impliciet verwijderde wIds voor in de wordt-versie: {BEGRIP}__ref_o_1." in tekst("LVBB5026")
    assert tekst("LVBB4805").startswith(f"Het besluit kan niet worden verwerkt. Het doel ({DOEL}) in aangeleverd "
                                        f"besluit heeft reeds een datum inwerkingtreding (2021-09-01) n.a.v. besluit "
                                        f"({BESLUIT_WERK}/nld@2019-06-27)")  # fmt: skip
    assert f"{R1} is eerder als versie gebaseerd op gebruikt in een definitief besluit, nl bij /akn/nl/bill/" in tekst(
        "LVBB5015"
    )
    assert (
        tekst("LVBB5020")
        == f"Regelingversie {R2} heeft schemaversie 1.2.0 en dat sluit niet aan op {R1} met schemaversie 1.1.0"
    )
    assert f"'wat' {BEGRIP} niet gelijk is aan het wId {BEGRIP.replace('item_o_1', 'item_o_2')}" in tekst("LVBB5003")
    assert "van de wordt-versie is eerder dan de datum juridisch werkend vanaf (2021-09-01)" in tekst("LVBB4200")
    assert tekst("LVBB5009") == (f"WasVersie {R1} heeft een soort work /join/id/stop/work_021 die niet gelijk is aan "
                                 f"soort work /join/id/stop/work_019 van WordtVersie {R2}")  # fmt: skip


def test_a_published_wijziging_makes_the_next_version_from_the_text(referentie: Path) -> None:
    """The register takes up what the mutation did: a third levering can build on version 2."""
    echt = _echt(referentie)
    r = _gepubliceerd(echt)
    tweede = _wijziging()(echt)
    r.neem_op(tweede, BESLUIT)
    versie = r.versie(R2)
    assert versie is not None and NIEUW_ARTIKEL in versie.wids and ARTIKEL in versie.wids
    assert r.io_bekend(IO2) and r.io_bekend(IO) and not r.io_bekend(IO.replace(";1", ";3"))
    # the same wijziging again: a branch on version 1 that begins where version 2 does (4201)
    codes = ["LVBB4001", "LVBB4805", "LVBB4014", "LVBB5015", "LVBB4201", "LVBB3900"]
    assert [m.code for m in _meldingen(tweede, r)] == codes


def test_removing_an_element_removes_what_lies_below_it() -> None:
    m = regelingtekst.Mutatie("a", "b", (("x", frozenset({"n"})),), (), ("p__q",))
    assert na_mutatie(frozenset({"p", "p__q", "p__q__r", "p__qr"}), m) == frozenset({"p", "p__qr", "n"})


def test_every_text_of_a_levering_over_two_names_what_is_wrong(referentie: Path, snapshot: SnapshotAssertion) -> None:
    """The full texts (each code's values in their places), held in the snapshot."""
    teksten = {c: [m.beschrijving for m in _meldingen(g[0](_echt(referentie)), g[1](referentie))] for c, g in
               {**GEVALLEN, **{c: (s[0], s[1]) for c, s in SAMEN.items()}}.items()}  # fmt: skip
    assert teksten == snapshot


def test_a_replacement_brings_its_own_wids_into_the_wordt_version() -> None:
    v = regelingtekst.Vervanging("p__q", "p__q", frozenset({"p__q", "p__q__nieuw"}))
    m = regelingtekst.Mutatie("a", "b", (), (v,), ())
    assert na_mutatie(frozenset({"p", "p__q", "p__q__oud"}), m) == frozenset({"p", "p__q", "p__q__nieuw"})


def test_a_levering_the_register_cannot_take_up_is_named(referentie: Path) -> None:
    r = Register()
    with pytest.raises(OngeldigeInvoer) as fout:
        r.neem_pakket_op({"manifest.xml": b"<m/>"})
    assert fout.value.code == "LVBB1002"
    echt = _echt(referentie)
    with pytest.raises(OngeldigeInvoer) as fout:
        r.neem_pakket_op({k: v for k, v in echt.items() if k != BESLUIT})
    assert fout.value.code == "LVBB1506" and BESLUIT in str(fout.value)
    with pytest.raises(OngeldigeInvoer, match=f"{BESLUIT}: geen goedgevormde XML"):
        r.neem_pakket_op({**echt, BESLUIT: b"<kapot"})
    with pytest.raises(OngeldigeInvoer, match=f"{GIO}: geen goedgevormde XML"):
        r.neem_op({**echt, GIO: b"<kapot"}, BESLUIT)


def test_the_register_keeps_what_the_levering_says_and_nothing_it_does_not(referentie: Path) -> None:
    echt = _echt(referentie)
    r = Register()
    r.neem_pakket_op(echt)
    assert r.procedures[f"{BESLUIT_WERK}/nld@2019-06-27"].datum_bekendmaking == "2021-12-09"
    kaal = _zonder_element(_vervang(echt, BESLUIT, "work_019", "work_0"), BESLUIT, "Tijdstempels")
    kaal = _vervang(kaal, BESLUIT, "<soortWork>/join/id/stop/work_0</soortWork>", "")
    r = Register()
    r.neem_op(kaal, BESLUIT)
    versie = r.versie(R1)
    assert versie is not None and (versie.soort_work, versie.jwv, versie.geldig) == ("", "", "")
    assert r.procedures[f"{BESLUIT_WERK}/nld@2019-06-27"].datum_bekendmaking == "" and r.doelen == {}
    geldig = _vervang(echt, BESLUIT, "<soortTijdstempel>juridischWerkendVanaf<", "<soortTijdstempel>geldigVanaf<")
    r = Register()
    r.neem_op(geldig, BESLUIT)
    versie = r.versie(R1)
    assert r.doelen == {} and versie is not None and (versie.jwv, versie.geldig) == ("", "2021-09-01")


def test_a_mutation_that_only_replaces_or_only_removes_changes_something(referentie: Path) -> None:
    echt = _echt(referentie)
    r = _gepubliceerd(echt)
    assert "LVBB5021" not in [m.code for m in _meldingen(_wijziging(_begrip())(echt), r)]
    weg = f'<Verwijder wat="{ARTIKEL}__para_2"/>'
    assert "LVBB5021" not in [m.code for m in _meldingen(_wijziging(weg + _begrip())(echt), r)]


def test_a_wordt_version_without_its_version_information_is_not_compared_by_soort_work(referentie: Path) -> None:
    echt = _echt(referentie)
    zonder = lambda b: _zonder_element(_wijziging()(b), BESLUIT, "RegelingVersieInformatie")  # noqa: E731
    codes = [m.code for m in _meldingen(zonder(echt), _gepubliceerd(echt))]
    assert "LVBB5009" not in codes and "LVBB4033" in codes


def test_the_same_group_is_another_gemeente_too(referentie: Path) -> None:
    echt = _echt(referentie)
    ander = lambda b: _overal(_wijziging()(b), "<eindverantwoordelijke>/tooi/id/gemeente/gm9920<",  # noqa: E731
                              "<eindverantwoordelijke>/tooi/id/gemeente/gm0001<")  # fmt: skip
    codes = [m.code for m in _meldingen(ander(echt), _gepubliceerd(echt))]
    assert "LVBB4055" not in codes and "LVBB4056" not in codes


def test_a_mutation_without_its_own_tijdstempel_is_not_held_to_the_was_versions() -> None:
    c = stop.lees_consolidatie(b'<AanleveringBesluit xmlns="https://standaarden.overheid.nl/lvbb/stop/aanlevering/"/>')
    m = regelingtekst.Mutatie(R1, R2, (), (), ())
    from mocks.lvbb.mutatieregels import _tijdstempels
    from mocks.lvbb.register import Versie

    assert _tijdstempels(m, Versie("", frozenset(), False, "", ""), c) == []


def test_the_mutation_is_read_as_written_with_what_it_lacks_left_empty() -> None:
    tekst = (
        b'<AanleveringBesluit xmlns="https://standaarden.overheid.nl/lvbb/stop/aanlevering/" schemaversie="1.2.0">'
        b'<BesluitVersie><BesluitCompact xmlns="https://standaarden.overheid.nl/stop/imop/tekst/">'
        b'<WijzigBijlage eId="cmp_A"><RegelingMutatie was="a" wordt="b"><VoegToe><Artikel wId="n"/></VoegToe>'
        b"<Vervang><Lid/></Vervang><Verwijder/></RegelingMutatie></WijzigBijlage>"
        b'<RegelingMutatie wordt="c"><Vervang wat="v"><Lid wId="v"><Al wId="v__1"/></Lid></Vervang></RegelingMutatie>'
        b"</BesluitCompact></BesluitVersie></AanleveringBesluit>"
    )
    eerste, tweede = regelingtekst.lees(tekst).mutaties
    assert eerste == regelingtekst.Mutatie(
        "a", "b", (("", frozenset({"n"})),), (regelingtekst.Vervanging("", "", frozenset()),), ("",), "cmp_A"
    )
    assert tweede == regelingtekst.Mutatie(
        "", "c", (), (regelingtekst.Vervanging("v", "v", frozenset({"v", "v__1"})),), (), ""
    )


def test_a_wijziging_of_a_known_regeling_needs_no_regeling_metadata(referentie: Path) -> None:
    echt = _echt(referentie)
    zonder = _zonder_element(_wijziging()(echt), BESLUIT, "RegelingMetadata")
    assert _meldingen(zonder, _gepubliceerd(echt)) == []
    assert [m.code for m in _meldingen(zonder, Register())] == ["LVBB4040", "LVBB4015"]


def test_a_version_without_version_information_or_tijdstempel_keeps_them_empty(referentie: Path) -> None:
    kaal = _zonder_element(_zonder_element(_echt(referentie), BESLUIT, "RegelingVersieInformatie"), BESLUIT,
                           "BeoogdeRegelgeving")  # fmt: skip
    r = Register()
    r.neem_op(kaal, BESLUIT)
    versie = r.versie(R1)
    assert versie is not None and (versie.soort_work, versie.jwv, versie.geldig) == ("", "", "")


def test_the_boundaries_of_the_rules_over_two_leveringen(referentie: Path) -> None:
    echt = _echt(referentie)
    r = _gepubliceerd(echt)
    # the same juridisch-werkend-vanaf as the was-version's is not later
    assert [m.code for m in _meldingen(_wijziging(jwv="2021-09-01")(echt), r)] == ["LVBB4200"]
    # withdrawing a published definitive regeling is what an intrekking is for
    assert _meldingen(_intrekking(REGELING)(echt), r) == []
    # a new regeling's text without @wordt
    zonder = _vervang(echt, BESLUIT, f'<RegelingCompact wordt="{R1}"', "<RegelingCompact")
    assert "LVBB5005" in [m.code for m in _meldingen(zonder, Register())]


def test_a_doel_named_only_by_the_regeling_or_only_by_a_tijdstempel_counts() -> None:
    from mocks.lvbb import mutatieregels

    r = Register()
    r.doelen["/join/id/proces/x/2021/d"] = ("2021-01-01", "/akn/nl/bill/x/2021/b/nld@1")
    leeg = stop.lees_consolidatie(
        b'<AanleveringBesluit xmlns="https://standaarden.overheid.nl/lvbb/stop/aanlevering/"/>'
    )
    tekst = regelingtekst.Regelingtekst((), (), ())
    for c in (
        dataclasses.replace(leeg, regelingen=(("/join/id/proces/x/2021/d", R2),)),
        dataclasses.replace(leeg, tijdstempels=(("/join/id/proces/x/2021/d", "juridischWerkendVanaf", "2022-01-01"),)),
    ):
        a = mutatieregels.Aanlevering(c, tekst, (), "a", "l")
        assert [m.code for m in mutatieregels.controleer(a, r, Register())] == ["LVBB4805"]


def test_a_changed_publicatieinstructie_is_named() -> None:
    from mocks.lvbb.mutatieregels import _io_metadata

    r = Register()
    r.io_metadata["/join/x"] = ("gio_002", "TeConsolideren")
    r.eindverantwoordelijke["/join/x"] = "/tooi/id/gemeente/gm1"
    g = stop.GelezenGio("/join/x", "/join/x/nld@2;2", (), publicatieinstructie="Informatief",
                        eindverantwoordelijke="/tooi/id/gemeente/gm2", formaat="gio_002")  # fmt: skip
    (m,) = _io_metadata(g, r)
    assert m.beschrijving == "Element publicatieinstructie in de InformatieobjectMetadata is gewijzigd. Dat mag niet."


def test_the_text_reader_names_the_besluit_and_leaves_what_is_missing_empty() -> None:
    with pytest.raises(OngeldigeInvoer, match=r"^\[KT-XML-SYNTAX\] besluit: "):
        regelingtekst.lees(b"<kapot")
    tekst = (
        b'<AanleveringBesluit xmlns="https://standaarden.overheid.nl/lvbb/stop/aanlevering/">'
        b'<RegelingVersieInformatie><RegelingMetadata xmlns="https://standaarden.overheid.nl/stop/imop/data/">'
        b"<opvolging><opvolgerVan/></opvolging></RegelingMetadata></RegelingVersieInformatie>"
        b'<BesluitVersie><BesluitCompact xmlns="https://standaarden.overheid.nl/stop/imop/tekst/">'
        b'<RegelingCompact/><WijzigBijlage><RegelingMutatie><Vervang wat="w"/></RegelingMutatie></WijzigBijlage>'
        b"</BesluitCompact></BesluitVersie></AanleveringBesluit>"
    )
    gelezen = regelingtekst.lees(tekst)
    assert gelezen.schemaversie == "" and gelezen.nieuw == (
        regelingtekst.NieuweRegeling("", frozenset(), "RegelingCompact"),
    )
    assert gelezen.versies[0].opvolger_van == ("",)
    (m,) = gelezen.mutaties
    assert m.bijlage == "" and m.vervangingen == (regelingtekst.Vervanging("w", "", frozenset()),)


def test_the_wid_rules_name_every_wid_and_a_version_set_twice() -> None:
    from mocks.lvbb.mutatieregels import _wids
    from mocks.lvbb.register import Versie

    m = regelingtekst.Mutatie(R1, R2, (("a", frozenset({"a__1", "a__2"})),), (), ())
    (melding_,) = _wids(m, Versie("", frozenset({"a", "a__1", "a__2"}), False, ""))
    assert "reeds voor in de was-versie: a__1, a__2." in melding_.beschrijving


def test_a_mutation_to_a_version_that_exists_names_it(referentie: Path) -> None:
    echt = _echt(referentie)
    r = _gepubliceerd(echt)
    r.neem_op(_wijziging()(echt), BESLUIT)
    (m,) = [m for m in _meldingen(_wijziging()(echt), r) if m.code == "LVBB4014"]
    assert m.beschrijving == f"WordtVersie {R2} bestaat al"


def test_a_geldig_vanaf_on_the_was_versions_day_is_no_defect(referentie: Path) -> None:
    echt = _echt(referentie)
    r = _register(lambda b: _vervang(b, BESLUIT, "</Tijdstempels>", _geldig(DOEL, "2021-09-01")))(referentie)
    zelfde = _vervang(_wijziging()(echt), BESLUIT, "</Tijdstempels>", _geldig(f"{DOEL}2", "2021-09-01"))
    assert _meldingen(zelfde, r) == []


def _vervang_regeling(model: str = "RegelingCompact") -> Callable[[Pakket], Pakket]:
    """A wijzigingsbesluit whose RegelingMutatie brings the whole text anew (VervangRegeling), as ``model``: the
    real package's regeling without its own @wordt and @componentnaam, naming the GIO's next version."""

    def maak(echt: Pakket) -> Pakket:
        tekst = echt[BESLUIT].decode()
        regeling = re.search(r"<RegelingCompact .*</RegelingCompact>", tekst, re.S)[0]  # type: ignore[index]
        regeling = re.sub(r"^<RegelingCompact[^>]*>", f'<{model} eId="regeling" wId="gm9920_1__regeling">', regeling)
        regeling = regeling.replace("</RegelingCompact>", f"</{model}>").replace(IO, IO2)
        return _wijziging(f"<VervangRegeling>{regeling}</VervangRegeling>")(echt)

    return maak


def test_a_vervangregeling_in_the_same_model_is_valid_and_sets_its_own_text(referentie: Path) -> None:
    echt = _echt(referentie)
    r = _gepubliceerd(echt)
    levering = _vervang_regeling()(echt)
    assert _meldingen(levering, r) == []
    r.neem_op(levering, BESLUIT)
    versie = r.versie(R2)
    assert versie is not None and versie.model == "RegelingCompact" and ARTIKEL in versie.wids
    assert "gm9920_1__regeling" in versie.wids and NIEUW_ARTIKEL not in versie.wids
    assert r.versie(R1).model == "RegelingCompact"  # type: ignore[union-attr]


def test_a_vervangregeling_in_another_model_is_lvbb5100(referentie: Path) -> None:
    echt = _echt(referentie)
    # an omgevingsplan in RegelingVrijetekst breaks TPOD2452 too (its model is RegelingCompact)
    tpod, m = _meldingen(_vervang_regeling("RegelingVrijetekst")(echt), _gepubliceerd(echt))
    assert (
        tpod.code == "TPOD2452"
        and m.code == "LVBB5100"
        and m.beschrijving
        == (
            f"Regeling {REGELING} is aanwezig met model RegelingCompact en kan niet worden vervangen door een model "
            "RegelingVrijetekst"
        )
    )


def test_a_mutation_by_parts_keeps_the_was_versions_model(referentie: Path) -> None:
    echt = _echt(referentie)
    r = _gepubliceerd(echt)
    r.neem_op(_wijziging()(echt), BESLUIT)
    assert r.versie(R2).model == "RegelingCompact"  # type: ignore[union-attr]


def test_a_vervangregeling_is_read_with_its_model_and_wids_and_an_empty_one_without() -> None:
    def mutatie(inhoud: str) -> regelingtekst.Mutatie:
        tekst = (
            '<AanleveringBesluit xmlns="https://standaarden.overheid.nl/lvbb/stop/aanlevering/"><BesluitVersie>'
            '<BesluitCompact xmlns="https://standaarden.overheid.nl/stop/imop/tekst/"><WijzigBijlage>'
            f'<RegelingMutatie was="a" wordt="b">{inhoud}</RegelingMutatie></WijzigBijlage></BesluitCompact>'
            "</BesluitVersie></AanleveringBesluit>"
        )
        gelezen = regelingtekst.lees(tekst.encode())
        assert gelezen.nieuw == ()  # the text inside the mutation is no new regeling
        (m,) = gelezen.mutaties
        return m

    m = mutatie('<VervangRegeling><!-- tekst --><RegelingVrijetekst wId="r"><Lichaam wId="r__b"/></RegelingVrijetekst>'
                "</VervangRegeling>")  # fmt: skip
    assert (m.model, m.geheel) == ("RegelingVrijetekst", frozenset({"r", "r__b"}))
    assert (mutatie("<VervangRegeling/>").model, mutatie('<Vervang wat="w"/>').model) == ("", "")


def test_a_withdrawal_ends_the_current_version_by_its_own_doels_dates(referentie: Path) -> None:
    """The last version counts (the wijziging's, from 2021-10-01); a date of another doel is not the withdrawal's."""
    echt = _echt(referentie)
    r = _register(lambda b: b, _wijziging())(referentie)
    (m,) = _meldingen(_intrekking(REGELING, jwv="2021-09-15")(echt), r)
    assert m.code == "LVBB4205" and m.beschrijving == (
        f"Voor versie {R2} is de datum juridisch werkend vanaf (2021-10-01) en deze ligt niet voor de datum "
        "juridisch werkend tot (2021-09-15)"
    )
    assert _meldingen(_intrekking(REGELING, jwv="2021-10-02")(echt), r) == []
    c = stop.lees_consolidatie(_intrekking(REGELING, jwv="2021-09-15")(echt)[BESLUIT])
    assert c.intrekking_doelen == ((f"{DOEL}3", REGELING),)
    from mocks.lvbb.mutatieregels import _einde

    assert [m.code for m in _einde(c, r)] == ["LVBB4205"]
    ander_doel = dataclasses.replace(c, intrekking_doelen=((f"{DOEL}9", REGELING),))
    assert _einde(ander_doel, r) == []  # the date of another doel is not the withdrawal's


def test_a_regeling_withdrawn_before_has_no_version_to_end_again(referentie: Path) -> None:
    levering = _intrekking(REGELING, jwv="2021-09-01")(_echt(referentie))
    assert [m.code for m in _meldingen(levering, _register(regeling=REGELING)(referentie))] == ["LVBB5013"]


def test_a_mutations_bijlage_is_its_wijzigbijlage_not_a_nearer_element() -> None:
    tekst = (
        '<AanleveringBesluit xmlns="https://standaarden.overheid.nl/lvbb/stop/aanlevering/"><BesluitVersie>'
        '<BesluitCompact xmlns="https://standaarden.overheid.nl/stop/imop/tekst/"><WijzigBijlage eId="cmp_A">'
        '<Divisie eId="cmp_A__div_1"><RegelingMutatie was="a" wordt="b"><Vervang wat="w"/></RegelingMutatie>'
        "</Divisie></WijzigBijlage></BesluitCompact></BesluitVersie></AanleveringBesluit>"
    )
    (m,) = regelingtekst.lees(tekst.encode()).mutaties
    assert m.bijlage == "cmp_A"


def test_the_register_keeps_the_day_it_received_each_besluit_and_none_when_not_told(referentie: Path) -> None:
    besluit = f"{BESLUIT_WERK}/nld@2019-06-27"
    r = Register()
    r.neem_pakket_op(_echt(referentie), "2021-12-01")
    assert r.procedures[besluit].consolidaties == (("2021-09-01", "2021-12-01"),)
    r = Register()
    r.neem_pakket_op(_echt(referentie))
    assert r.procedures[besluit].consolidaties == (("2021-09-01", ""),)
    r = Register()
    r.neem_op(_echt(referentie), BESLUIT)
    assert r.procedures[besluit].consolidaties == (("2021-09-01", ""),)


def test_every_withdrawal_of_a_besluit_counts_and_a_version_without_geldig_vanaf_has_no_end_to_break(
    referentie: Path,
) -> None:
    from mocks.lvbb.mutatieregels import _einde

    echt = _echt(referentie)
    r = _register()(referentie)
    c = stop.lees_consolidatie(_intrekking(REGELING, jwv="2021-09-01")(echt)[BESLUIT])
    onbekend_eerst = dataclasses.replace(c, intrekking_doelen=((f"{DOEL}3", "/akn/nl/act/x/2021/Onbekend"),
                                                               *c.intrekking_doelen))  # fmt: skip
    assert [m.code for m in _einde(onbekend_eerst, r)] == ["LVBB4205"]
    geldig = _vervang(_intrekking(REGELING)(echt), BESLUIT, "</Tijdstempels>", _geldig(f"{DOEL}3", "2021-09-01"))
    assert _meldingen(geldig, r) == []  # the version has no geldig-vanaf: nothing for the withdrawal to follow


def test_the_alleen_bekend_te_maken_io_named_by_an_extioref_is_named() -> None:
    from mocks.lvbb.mutatieregels import _informatieobjecten

    io = "/join/id/pubdata/gm9920/2021/Pdf/nld@2021;1"
    c = stop.lees_consolidatie(b'<AanleveringBesluit xmlns="https://standaarden.overheid.nl/lvbb/stop/aanlevering/"/>')
    c = dataclasses.replace(c, ext_io_refs=((io, io),))
    g = stop.GelezenGio("/join/id/pubdata/gm9920/2021/Pdf", io, (), publicatieinstructie="AlleenBekendTeMaken")
    a = mutatieregels.Aanlevering(c, regelingtekst.Regelingtekst((), (), ()), (g,), "a", "l")
    (m,) = _informatieobjecten(a, Register())
    assert m.code == "LVBB3902" and f"informatieobject {io}, er mag alleen" in m.beschrijving


def _tijdelijk_deel(hoofd: str = REGELING) -> Callable[[Pakket], Pakket]:
    """The initial package again as another besluit (juridisch werkend from 2021-12-20) for a new regeling that is a
    tijdelijk deel of ``hoofd``."""

    def maak(echt: Pakket) -> Pakket:
        b = _vervang(_overal(_opnieuw()(echt), REGELING, REGELING + "Deel"), BESLUIT, JWV, "<datum>2021-12-20</datum>")
        deel_van = (f"<soortWork>/join/id/stop/work_019</soortWork><isTijdelijkDeelVan><WorkIdentificatie>"
                    f"<FRBRWork>{hoofd}</FRBRWork></WorkIdentificatie></isTijdelijkDeelVan>")  # fmt: skip
        return _vervang(b, BESLUIT, "<soortWork>/join/id/stop/work_019</soortWork>", deel_van)

    return maak


def test_a_definitive_tijdelijk_deel_of_an_ontwerpregeling_is_lvbb5022(referentie: Path) -> None:
    echt = _echt(referentie)
    (m,) = _meldingen(_tijdelijk_deel()(echt), _register(_ontwerp)(referentie))
    assert (m.code, m.beschrijving) == ("LVBB5022", (
        "Het is niet mogelijk om een RegelingTijdelijkdeel aan te maken die een tijdelijk deel is van een "
        f"ontwerpregeling. Regeling {REGELING} is een ontwerpregeling."))  # fmt: skip
    assert _meldingen(_tijdelijk_deel()(echt), _register()(referentie)) == []  # of a vastgestelde regeling
    assert _meldingen(_ontwerp(_tijdelijk_deel()(echt)), _register(_ontwerp)(referentie)) == []  # an ontwerp itself
    assert _meldingen(_tijdelijk_deel(f"{REGELING}Onbekend")(echt), _register()(referentie)) == []


def test_the_register_keeps_each_tijdelijk_deel_until_its_besluit_is_ended(referentie: Path) -> None:
    echt = _echt(referentie)
    r = _register()(referentie)
    deel = _tijdelijk_deel()(echt)
    r.neem_pakket_op(deel)
    assert r.tijdelijk_deel == {REGELING + "Deel": REGELING}
    assert regelingtekst.lees(deel[BESLUIT]).versies[0].tijdelijk_deel_van == REGELING
    r.breek_af("/akn/nl/bill/gm9920/2021/TestNummer3")
    assert r.tijdelijk_deel == {}


def _tak(nummer: int, jwv: str, geldig: str) -> Callable[[Pakket], Pakket]:
    """Wijzigingsbesluit ``nummer`` on version 1, juridisch werkend from ``jwv``, geldig from ``geldig``."""
    mutatie = _artikel(NIEUW_ARTIKEL) + _begrip(ref=IO.replace(";1", f";{nummer}"))
    return lambda b: _vervang(_wijziging(mutatie, nummer=nummer, jwv=jwv)(b), BESLUIT, "</Tijdstempels>",
                              _geldig(f"{DOEL}{nummer}", geldig))  # fmt: skip


def test_a_second_branch_begins_before_the_first_branchs_version(referentie: Path) -> None:
    """Version 2 (from 2021-10-01, geldig from 2021-10-01) ends version 1: a second mutation of version 1 begins
    before it (4201 on the same day or later; 4207 for geldig-vanaf), beside 5015."""
    echt = _echt(referentie)
    eerste = _vervang(echt, BESLUIT, "</Tijdstempels>", _geldig(DOEL, "2021-09-01"))
    r = _gepubliceerd(eerste)
    r.neem_op(_tak(2, "2021-10-01", "2021-10-01")(echt), BESLUIT)
    assert r.opvolger(R1) is not None and r.opvolger(R1).geldig == "2021-10-01"  # type: ignore[union-attr]
    assert [m.code for m in _meldingen(_tak(3, "2021-09-15", "2021-10-01")(echt), r)] == ["LVBB5015", "LVBB4207"]
    assert [m.code for m in _meldingen(_tak(3, "2021-09-15", "2021-09-30")(echt), r)] == ["LVBB5015"]
    (m,) = [m for m in _meldingen(_tak(3, "2021-10-02", "2021-09-30")(echt), r) if m.code == "LVBB4201"]
    assert m.beschrijving == ("De datum juridisch werkend vanaf (2021-10-02) van de wordt-versie is niet eerder dan de "
                              "datum juridisch werkend vanaf-einde (2021-10-01)")  # fmt: skip
    assert r.opvolger(R2) is None
