"""The LVBB's kennisgevingen: after the real ``1_Initieel_Besluit`` is published (taken up in the register), a
kennisgeving of its bezwaartermijn is valid; each defect gets exactly its own code. The kennisgeving follows
the shape of the LVBB test repository's ``5_KennisgevingOpWijzigingsbesluit`` (written here, not copied)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards import kennisgeving as kg
from chain_tests.standards import lvbb
from chain_tests.standards.meldingcodes import CodeMelding
from mocks.lvbb.register import Register
from mocks.lvbb.validatie import Context, valideer
from tests.mocks.lvbb.test_echt_pakket import BESLUIT, _echt, _vervang

AANLEVERAAR, BG = "00000003560458830000", "00000001002564440000"
BESLUIT_EXPR = "/akn/nl/bill/gm9920/2021/TestNummer1Initieel/nld@2019-06-27"
WERK = "/akn/nl/doc/gm9920/2021/kennisgeving1"
VANDAAG = dt.date(2021, 12, 1)
DATUM_BESLUIT = "2021-12-09"  # the real package's datum bekendmaking
K = "Kennisgeving.xml"
Pakket = dict[str, bytes]


def _stap(soort: str, datum: str) -> str:
    return f"<Procedurestap><soortStap>{soort}</soortStap><voltooidOp>{datum}</voltooidOp></Procedurestap>"


def _kennisgeving(
    soort: str = "KennisgevingBesluitTermijnen",
    over: str = BESLUIT_EXPR,
    mutatie: str | None = None,
    werk: str = WERK,
    bekend_op: str = "2021-12-09",
) -> bytes:
    stappen = (
        mutatie if mutatie is not None else f"<voegStappenToe>{_stap(kg.EINDE_BEZWAAR, '2022-01-20')}</voegStappenToe>"
    )
    metadata = (f"<soortKennisgeving>{soort}</soortKennisgeving>" if soort else "") + (
        f"<mededelingOver>{over}</mededelingOver>" if over else ""
    )
    verloop = (
        '<Procedureverloopmutatie xmlns="https://standaarden.overheid.nl/stop/imop/data/">'
        f"<bekendOp>{bekend_op}</bekendOp>{stappen}</Procedureverloopmutatie>"
        if stappen != "-"
        else ""
    )
    return (
        '<AanleveringKennisgeving xmlns="https://standaarden.overheid.nl/lvbb/stop/aanlevering/" schemaversie="1.2.0">'
        '<KennisgevingVersie><ExpressionIdentificatie xmlns="https://standaarden.overheid.nl/stop/imop/data/">'
        f"<FRBRWork>{werk}</FRBRWork><FRBRExpression>{werk}/nld@2021-12-10</FRBRExpression>"
        "<soortWork>/join/id/stop/work_023</soortWork></ExpressionIdentificatie>"
        '<KennisgevingMetadata xmlns="https://standaarden.overheid.nl/stop/imop/data/">'
        "<eindverantwoordelijke>/tooi/id/gemeente/gm9920</eindverantwoordelijke><maker>/tooi/id/gemeente/gm9920"
        f"</maker><officieleTitel>Kennisgeving</officieleTitel>{metadata}</KennisgevingMetadata>{verloop}"
        '<Kennisgeving xmlns="https://standaarden.overheid.nl/stop/imop/tekst/"><Lichaam eId="body" wId="body">'
        '<Divisietekst eId="content_1" wId="gm9920_1__content_1"><Inhoud><Al>Bezwaar kan tot en met 20 januari.'
        "</Al></Inhoud></Divisietekst></Lichaam></Kennisgeving></KennisgevingVersie></AanleveringKennisgeving>"
    ).encode()


def _pakket(
    kennisgeving: bytes | None = None,
    datum: str = "2021-12-10",
    extra: Pakket | None = None,
    id_levering: str = "kennisgeving_1",
) -> Pakket:
    bestanden = {K: kennisgeving or _kennisgeving(), **(extra or {})}
    opdracht = lvbb.Opdracht("publicatie", id_levering, BG, AANLEVERAAR, K, datum)
    bestanden["opdracht.xml"] = lvbb.opdracht_xml(opdracht)
    bestanden["manifest.xml"] = lvbb.manifest_xml(sorted([*bestanden, "manifest.xml"]))
    return bestanden


def _register(referentie: Path, ontwerp: bool = False, bekend_op: str = "", ontvangen: str = "") -> Register:
    echt = _echt(referentie)
    if bekend_op:  # the besluit's Procedureverloop bekendOp (2021-09-01 in the real package)
        echt = _vervang(echt, BESLUIT, "<bekendOp>2021-09-01<", f"<bekendOp>{bekend_op}<")
    if ontwerp:
        echt = _vervang(echt, BESLUIT, "proceduretype_definitief", "proceduretype_ontwerp")
    r = Register()
    r.neem_op(echt, BESLUIT, DATUM_BESLUIT, ontvangen)
    return r


def _meldingen(bestanden: Pakket, register: Register, wachtend: Register | None = None) -> list[CodeMelding]:
    ctx = Context(AANLEVERAAR, "kennisgeving_1", "publicatie", VANDAAG, False, lambda a, b: True, lambda d: [],
                  register, wachtend or Register())  # fmt: skip
    return [m for m in valideer(lvbb.pak_in(bestanden), ctx)[2] if m.ernst == "fout"]


def _termijn(*stappen: str) -> bytes:
    return _kennisgeving(mutatie=f"<voegStappenToe>{''.join(stappen)}</voegStappenToe>")


INZAGE = (_stap(kg.BEGIN_INZAGE, "2021-12-10"), _stap(kg.EINDE_INZAGE, "2022-01-21"))
#: code → (the levering, whether the published besluit was an ontwerp, the besluit's bekendOp if not the real one)
GEVALLEN: dict[str, tuple[Callable[[], Pakket], bool] | tuple[Callable[[], Pakket], bool, str]] = {
    "LVBB1028": (lambda: _pakket(extra={"manifest-ow.xml": b"<Aanleveringen/>"}), False),
    "LVBB4712": (lambda: _pakket(datum="2021-11-30"), False),
    "LVBB4707": (lambda: _pakket(_kennisgeving(werk=WERK.replace("/doc/", "/bill/"))), False),
    "LVBB4708": (lambda: _pakket(_kennisgeving(over=BESLUIT_EXPR.replace("/bill/", "/act/"))), False),
    "LVBB4702": (lambda: _pakket(_kennisgeving(over=BESLUIT_EXPR.replace("Initieel", "Onbekend"))), False),
    "LVBB4738": (lambda: _pakket(_kennisgeving(soort="KennisgevingUitspraakRechter")), False),
    "LVBB4740": (lambda: _pakket(_kennisgeving(soort="KennisgevingVoorgenomenBesluit", mutatie="-")), False),
    "LVBB4763": (lambda: _pakket(_kennisgeving(soort="KennisgevingVoorgenomenBesluit", over="")), False),
    "LVBB4762": (lambda: _pakket(_kennisgeving(mutatie="")), False),
    "LVBB4754": (lambda: _pakket(_termijn(_stap(kg.EINDE_BEZWAAR, "2022-01-20"), _stap(kg.PUBLICATIE, "2021-12-10"))),
                 False),
    "LVBB4761": (lambda: _pakket(_termijn(INZAGE[0])), False),
    "LVBB4760": (lambda: _pakket(_termijn(_stap(kg.EINDE_BEZWAAR, "2022-01-20"))), True),
    "LVBB4703": (lambda: _pakket(_termijn(_stap(kg.BEGIN_INZAGE, "2021-12-09"), INZAGE[1]), datum="2021-12-10"),
                 True),
    "LVBB4758": (lambda: _pakket(_termijn(INZAGE[0], _stap(kg.EINDE_INZAGE, "2021-12-09"))), True),
    "LVBB4704": (lambda: _pakket(_termijn(_stap(kg.BEGIN_INZAGE, "2021-12-08"), INZAGE[1]), datum="2021-12-08"),
                 True),
    "LVBB4759": (lambda: _pakket(datum="2021-12-02"), False, "2021-12-03"),
}  # fmt: skip


def test_a_kennisgeving_of_the_published_besluit_is_valid(referentie: Path) -> None:
    assert _meldingen(_pakket(), _register(referentie)) == []
    assert _meldingen(_pakket(_termijn(*INZAGE)), _register(referentie, ontwerp=True)) == []


def _geval(referentie: Path, code: str) -> tuple[Pakket, Register]:
    levering, ontwerp, *bekend_op = GEVALLEN[code]
    return levering(), _register(referentie, ontwerp, *bekend_op)


@pytest.mark.parametrize("code", sorted(GEVALLEN))
def test_each_defect_of_a_kennisgeving_gets_its_own_code_alone(referentie: Path, code: str) -> None:
    assert [m.code for m in _meldingen(*_geval(referentie, code))] == [code]


def test_a_kennisgeving_may_be_made_known_today_not_yesterday(referentie: Path) -> None:
    assert _meldingen(_pakket(datum=VANDAAG.isoformat()), _register(referentie)) == []
    gisteren = (VANDAAG - dt.timedelta(days=1)).isoformat()
    assert [m.code for m in _meldingen(_pakket(datum=gisteren), _register(referentie))] == ["LVBB4712"]


def test_a_kennisgeving_on_the_besluits_bekend_op_is_fine_the_day_before_not(referentie: Path) -> None:
    r = _register(referentie, bekend_op="2021-12-03")
    assert _meldingen(_pakket(datum="2021-12-03"), r) == []
    assert [m.code for m in _meldingen(_pakket(datum="2021-12-02"), r)] == ["LVBB4759"]


def test_the_same_kennisgeving_published_twice_is_lvbb4701(referentie: Path) -> None:
    """Its step, consolidated into the besluit's procedure the first time, would then be there twice (4755)."""
    r = _register(referentie)
    r.neem_kennisgeving_op(_kennisgeving())
    m, dubbel = _meldingen(_pakket(), r)
    assert (m.code, dubbel.code) == ("LVBB4701", "LVBB4755") and m.beschrijving.startswith(
        f"De aangeleverde AKN voor kennisgeving bestaat al : {WERK}"
    )


def test_the_texts_name_the_dates_and_identifications(referentie: Path) -> None:
    def tekst(code: str) -> str:
        (m,) = _meldingen(*_geval(referentie, code))
        return m.beschrijving

    assert "Waarde van type bill binnen /akn/nl/bill/gm9920/2021/kennisgeving1 is niet gelijk aan doc" in tekst(
        "LVBB4707"
    )
    assert (
        tekst("LVBB4702")
        == f"Geen besluit met akn-id {BESLUIT_EXPR.replace('Initieel', 'Onbekend')} gevonden bij kennisgeving"
    )
    assert (
        "Datum bekendmaking 2021-11-30 bij kennisgeving met oin 00000003560458830000 en idlevering kennisgeving_1"
        in (tekst("LVBB4712"))
    )
    assert tekst("LVBB4704") == (
        f"Datum inzagetermijn kennisgeving 2021-12-08 mag niet voor datum publicatie van gerelateerd besluit "
        f"{DATUM_BESLUIT} liggen"
    )
    assert tekst("LVBB4761").endswith(f"procedurestap {kg.BEGIN_INZAGE} niet voorkomen.")


def test_every_text_of_a_kennisgeving_names_what_is_wrong(referentie: Path, snapshot: SnapshotAssertion) -> None:
    assert {c: [m.beschrijving for m in _meldingen(*_geval(referentie, c))] for c in GEVALLEN} == snapshot


def test_an_inzagetermijn_may_end_on_the_day_it_begins_and_an_end_alone_is_no_defect(referentie: Path) -> None:
    r = _register(referentie, ontwerp=True)
    zelfde = _termijn(_stap(kg.BEGIN_INZAGE, "2021-12-10"), _stap(kg.EINDE_INZAGE, "2021-12-10"))
    assert _meldingen(_pakket(zelfde), r) == []
    assert _meldingen(_pakket(_termijn(_stap(kg.EINDE_INZAGE, "2021-12-09"))), r) == []


def test_an_akn_too_short_for_a_third_field_is_no_doc() -> None:
    from mocks.lvbb.kennisgevingregels import _derde

    assert (_derde("/akn/nl"), _derde("/akn/nl/doc"), _derde("/akn/nl/doc/x/")) == ("", "doc", "doc")


def test_the_kennisgeving_is_read_as_written_and_a_broken_one_is_named() -> None:
    k = kg.lees(_kennisgeving(soort="KennisgevingBesluitTermijnen"))
    assert (k.work, k.expressie, k.soort, k.mededeling_over) == (
        WERK,
        f"{WERK}/nld@2021-12-10",
        "KennisgevingBesluitTermijnen",
        BESLUIT_EXPR,
    )
    assert k.stappen == ((kg.EINDE_BEZWAAR, "2022-01-20"),) and k.met_mutatie and k.mutaties == ("voegStappenToe",)
    with pytest.raises(OngeldigeInvoer, match=r"^\[KT-XML-SYNTAX\] kennisgeving: geen goedgevormde XML"):
        kg.lees(b"<kapot")


def test_a_broken_kennisgeving_in_a_levering_is_named_by_its_file(referentie: Path) -> None:
    kapot = _pakket(b"<AanleveringKennisgeving xmlns='https://standaarden.overheid.nl/lvbb/stop/aanlevering/'><x>")
    meldingen = _meldingen(kapot, _register(referentie))
    assert meldingen and f"{K}: geen goedgevormde XML" in meldingen[0].beschrijving


def test_the_readers_name_their_document_and_leave_what_is_missing_empty() -> None:
    with pytest.raises(OngeldigeInvoer, match=r"^\[KT-XML-SYNTAX\] publicatie: "):
        kg.is_kennisgeving(b"<kapot")
    with pytest.raises(OngeldigeInvoer, match=r"^\[KT-XML-SYNTAX\] besluit: "):
        kg.besluit_procedure(b"<kapot")
    besluit = (
        b'<AanleveringBesluit xmlns="https://standaarden.overheid.nl/lvbb/stop/aanlevering/">'
        b'<Procedurestap xmlns="https://standaarden.overheid.nl/stop/imop/data/"/></AanleveringBesluit>'
    )
    assert kg.besluit_procedure(besluit) == ((("", ""),), "")


# -- the consolidation with the besluit's procedure (its Ondertekening, stap_003 of 2021-06-25, made known
# 2021-09-01), and a besluit not yet published

BEZWAAR, BEROEP = _stap(kg.EINDE_BEZWAAR, "2022-01-20"), _stap(kg.EINDE_BEROEP, "2022-03-03")


def _na_eerste(referentie: Path) -> Register:
    """The register after the besluit (received today) and its first kennisgeving (received today too)."""
    r = _register(referentie, ontvangen=VANDAAG.isoformat())
    r.neem_kennisgeving_op(_kennisgeving(), VANDAAG.isoformat())
    return r


def _wachtend(referentie: Path) -> Register:
    """The besluit validated, not yet published: in the waiting register, the published one empty."""
    r = Register()
    r.neem_pakket_op(_echt(referentie))
    return r


TWEEDE = "/akn/nl/doc/gm9920/2021/kennisgeving2"


def _fouten(pakket: Pakket, ctx: Context) -> list[CodeMelding]:
    return [m for m in valideer(lvbb.pak_in(pakket), ctx)[2] if m.ernst == "fout"]


#: code → (the levering, the published register, the waiting one)
CONSOLIDATIE: dict[str, tuple[Callable[[], Pakket], Callable[[Path], Register], Callable[[Path], Register]]] = {
    "LVBB4751": (lambda: _pakket(_kennisgeving(mutatie=f"<verwijderStappen>{BEZWAAR}</verwijderStappen>")),
                 _register, lambda _: Register()),
    "LVBB4755": (lambda: _pakket(_termijn(BEZWAAR, _stap(kg.EINDE_BEZWAAR, "2022-01-21"))), _register,
                 lambda _: Register()),
    "LVBB4756": (lambda: _pakket(_kennisgeving(bekend_op="2021-08-31")), _register, lambda _: Register()),
    "LVBB4757": (lambda: _pakket(), lambda ref: _register(ref, ontvangen="2021-12-02"), lambda _: Register()),
    "LVBB4750": (lambda: _pakket(_kennisgeving(werk=TWEEDE, mutatie=f"<voegStappenToe>{BEROEP}</voegStappenToe>")),
                 _na_eerste, lambda _: Register()),
    "LVBB4705": (lambda: _pakket(), lambda _: Register(), _wachtend),
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(CONSOLIDATIE))
def test_each_defect_against_the_procedure_so_far_gets_its_own_code_alone(referentie: Path, code: str) -> None:
    levering, register, wachtend = CONSOLIDATIE[code]
    assert [m.code for m in _meldingen(levering(), register(referentie), wachtend(referentie))] == [code]


def test_every_text_against_the_procedure_so_far(referentie: Path, snapshot: SnapshotAssertion) -> None:
    teksten = {
        c: [m.beschrijving for m in _meldingen(lev(), reg(referentie), wacht(referentie))]
        for c, (lev, reg, wacht) in CONSOLIDATIE.items()
    }
    assert teksten == snapshot


def test_what_was_there_may_be_replaced_and_removed(referentie: Path) -> None:
    """After the first kennisgeving (einde bezwaartermijn), a second on a later day replaces that step, a third
    removes it; replacing a step of a soort not there, or removing one with another date, is 4751."""
    r = _na_eerste(referentie)
    later = VANDAAG + dt.timedelta(days=1)
    vervang = _kennisgeving(werk=TWEEDE, mutatie=f"<vervangStappen>{_stap(kg.EINDE_BEZWAAR, '2022-01-27')}"
                            "</vervangStappen>")  # fmt: skip
    ctx = Context(AANLEVERAAR, "kennisgeving_1", "publicatie", later, False, lambda a, b: True, lambda d: [], r)
    assert _fouten(_pakket(vervang), ctx) == []
    r.neem_kennisgeving_op(vervang, later.isoformat())
    assert r.procedures[BESLUIT_EXPR].stappen == (("/join/id/stop/procedure/stap_003", "2021-06-25"),
                                                  (kg.EINDE_BEZWAAR, "2022-01-27"))  # fmt: skip
    assert r.procedures[BESLUIT_EXPR].consolidaties[1:] == (("2021-12-09", "2021-12-01"), ("2021-12-09", "2021-12-02"))
    weg = f"<verwijderStappen>{_stap(kg.EINDE_BEZWAAR, '2022-01-27')}</verwijderStappen>"
    derde = _kennisgeving(werk=TWEEDE + "b", mutatie=weg, bekend_op="2021-12-10")
    assert _fouten(_pakket(derde), ctx) == []
    anders = _kennisgeving(
        werk=TWEEDE + "c", mutatie=f"<vervangStappen>{BEROEP}</vervangStappen>", bekend_op="2021-12-10"
    )
    (m,) = _fouten(_pakket(anders), ctx)
    assert m.code == "LVBB4751" and m.beschrijving.startswith(f"Te vervangen procedurestap met id {kg.EINDE_BEROEP}")


def test_the_first_kennisgeving_may_share_the_besluits_day_and_a_later_one_a_later_day(referentie: Path) -> None:
    """The first kennisgeving on the besluit's (bekendOp, ontvangen op) is fine; the second needs a later one:
    the same bekendOp received a day later is, an earlier ontvangen op with a later bekendOp is not (4757)."""
    r = _register(referentie, bekend_op="2021-12-09", ontvangen=VANDAAG.isoformat())
    assert _meldingen(_pakket(), r) == []
    r = _na_eerste(referentie)
    tweede = _pakket(_kennisgeving(werk=TWEEDE, mutatie=f"<voegStappenToe>{BEROEP}</voegStappenToe>"))
    ctx = Context(AANLEVERAAR, "kennisgeving_1", "publicatie", VANDAAG + dt.timedelta(days=1), False,
                  lambda a, b: True, lambda d: [], r)  # fmt: skip
    assert _fouten(tweede, ctx) == []
    r.procedures[BESLUIT_EXPR] = dataclasses.replace(
        r.procedures[BESLUIT_EXPR], consolidaties=(("2021-12-08", "2021-12-02"),)
    )
    assert [m.code for m in _meldingen(tweede, r)] == ["LVBB4757"]
    r.procedures[BESLUIT_EXPR] = dataclasses.replace(r.procedures[BESLUIT_EXPR], consolidaties=())
    assert _meldingen(tweede, r) == []


def test_every_step_twice_is_named(referentie: Path) -> None:
    dubbel = _termijn(BEZWAAR, _stap(kg.EINDE_BEZWAAR, "2022-01-21"), BEROEP, _stap(kg.EINDE_BEROEP, "2022-03-04"))
    (m,) = _meldingen(_pakket(dubbel), _register(referentie))
    assert m.code == "LVBB4755" and f"dubbel voor : {kg.EINDE_BEZWAAR}, {kg.EINDE_BEROEP};" in m.beschrijving
