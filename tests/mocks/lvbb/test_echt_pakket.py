"""The LVBB's rules on identifications, the besluit's consolidatie and its informatieobjecten, each shown by a
negative package built from the real ``1_Initieel_Besluit`` with one defect (a GML that changes gets its GIO's
hash anew, so LVBB3008 stays out): the LVBB answers exactly that code, with the values that locate it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from chain_tests.standards import lvbb, stop
from chain_tests.standards.meldingcodes import CodeMelding
from mocks.lvbb.validatie import Context, valideer

BESLUIT, GIO, GML = "Initieel_besluit.xml", "Testeiland.xml", "Testeiland.gml"
IO = "/join/id/regdata/gm9920/2021/Testeiland/nld@2021-08-25;1"
REGELING = "/akn/nl/act/gm9920/2021/TestReeksNummer1"
DOEL = "/join/id/proces/gm9920/2021/TesteilandDoel"
TIJDSTEMPELS = "<Tijdstempels"
JWV = "<datum>2021-09-01</datum>"


def _echt(referentie: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (referentie / "lvbb-testeiland" / "1_Initieel_Besluit").iterdir()}


def _meldingen(bestanden: dict[str, bytes]) -> list[CodeMelding]:
    ctx = Context("00000003560458830000", "RdG_SanityCheck_001_gemaaktOp_", "publicatie", dt.date(2021, 12, 1),
                  False, lambda a, b: True, lambda d: [])  # fmt: skip
    return [m for m in valideer(lvbb.pak_in(bestanden), ctx)[2] if m.ernst == "fout"]


def _vervang(bestanden: dict[str, bytes], naam: str, oud: str, nieuw: str) -> dict[str, bytes]:
    tekst = bestanden[naam].decode()
    assert oud in tekst, (naam, oud)
    uit = {**bestanden, naam: tekst.replace(oud, nieuw).encode()}
    return _met_hash(uit) if naam == GML else uit


def _met_hash(bestanden: dict[str, bytes]) -> dict[str, bytes]:
    """The GIO names its GML's hash anew (the defect is elsewhere, not in the hash)."""
    (_, oud), *_ = stop.lees_gio(bestanden[GIO]).bestanden  # type: ignore[union-attr]
    gio = bestanden[GIO].replace(oud.encode(), stop.sha512(bestanden[GML]).encode())
    return {**bestanden, GIO: gio}


def _overal(bestanden: dict[str, bytes], oud: str, nieuw: str) -> dict[str, bytes]:
    """``oud`` replaced by ``nieuw`` in every file (one identification changed consistently)."""
    uit = {n: d.decode().replace(oud, nieuw).encode() if n.endswith((".xml", ".gml")) else d
           for n, d in bestanden.items()}  # fmt: skip
    return _met_hash(uit)


def _voor_tijdstempels(xml: str) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    return lambda b: _vervang(b, BESLUIT, TIJDSTEMPELS, xml + TIJDSTEMPELS)


def _io(oud: str, nieuw: str) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    return lambda b: _overal(b, IO, IO.replace(oud, nieuw))


NS_DATA = 'xmlns="https://standaarden.overheid.nl/stop/imop/data/"'
TWEEDE_DOEL = "/join/id/proces/gm9920/2021/TweedeDoel"
GEVALLEN: dict[str, Callable[[dict[str, bytes]], dict[str, bytes]]] = {
    # identifications (the GIO's expression changed everywhere it is named; the regeling's for an AKN rule)
    "LVBB2008": _io("/join/", "/jojn/"),
    "LVBB2011": _io("/join/id/", "/join/ix/"),
    "LVBB2013": _io("/gm9920/2021/", "/gm9920/21/"),
    "LVBB2015": _io("/gm9920/2021/", "/gm9920/2022/"),
    "LVBB2016": _io("/nld@", "/xyz@"),
    "LVBB2017": _io(";1", ";1.1"),
    "LVBB2009": lambda b: _overal(b, REGELING, REGELING.replace("/akn/nl/", "/akn/be/")),
    # consolidatie
    "LVBB4803": lambda b: _vervang(
        _vervang(b, BESLUIT, f"<doel>{DOEL}</doel>\n               </doelen>\n               <instrumentVersie>{IO}",
                 f"<doel>{DOEL}</doel><doel>{TWEEDE_DOEL}</doel></doelen><instrumentVersie>{IO}"),
        BESLUIT, "</Tijdstempels>",
        f"<Tijdstempel><doel>{TWEEDE_DOEL}</doel><soortTijdstempel>juridischWerkendVanaf</soortTijdstempel>"
        f"<datum>2021-09-01</datum><eId>art_II</eId></Tijdstempel></Tijdstempels>",
    ),
    "LVBB4804": _voor_tijdstempels(f"<Intrekkingen {NS_DATA}><Intrekking><doelen><doel>{DOEL}</doel></doelen>"
                                   f"<instrument>{REGELING}</instrument><eId>art_II</eId></Intrekking></Intrekkingen>"),
    "LVBB4500": _voor_tijdstempels(f"<Terugtrekkingen {NS_DATA}><TerugtrekkingRegeling><doelen><doel>{DOEL}</doel>"
                                   f"</doelen><instrument>{REGELING}</instrument></TerugtrekkingRegeling>"
                                   "</Terugtrekkingen>"),
    "LVBB1580": lambda b: _vervang(b, BESLUIT, JWV, "<datum>2022-03-10</datum>"),
    "LVBB3517": lambda b: _vervang(b, BESLUIT, f">{IO}</ExtIoRef>", f"> {IO}\n</ExtIoRef>"),
    # informatieobjecten
    "LVBB3510": lambda b: _vervang(b, GIO, f">{REGELING}<", f">{REGELING}Anders<"),
    "LVBB3150": lambda b: _vervang(b, GIO, "TeConsolideren", "Informatief"),
    "LVBB3513": lambda b: _zonder_element(b, GIO, "InformatieObjectMetadata"),
    "LVBB3511": lambda b: _vervang(b, GML, "<geo:FRBRWork>/join/id/regdata/gm9920/2021/Testeiland<",
                                   "<geo:FRBRWork>/join/id/regdata/gm9920/2021/Ander<"),
    "LVBB3512": lambda b: _vervang(b, GML, f"<geo:FRBRExpression>{IO}<",
                                   f"<geo:FRBRExpression>{IO.replace(';1', ';2')}<"),
    "LVBB4041": lambda b: _overal(b, "/join/id/regdata/gm9920/", "/join/id/regdata//"),
    "LVBB3507": lambda b: _vervang(b, "manifest.xml", "<contentType>application/gml+xml<",
                                   "<contentType>application/xml<"),
    # an IO only to be made known: in the pubdata collection (3502), named by the besluit's ExtRef, not by the
    # regeling's ExtIoRef (3902)
    "LVBB3502": lambda b: _alleen_bekend(b, "regdata", "ExtRef"),
    "LVBB3902": lambda b: _alleen_bekend(b, "pubdata", "ExtIoRef"),
}  # fmt: skip


def _alleen_bekend(b: dict[str, bytes], collectie: str, verwijzing: str) -> dict[str, bytes]:
    """The GIO only to be made known (no geboorteregeling), in ``collectie``, the text naming it by ``verwijzing``."""
    b = _vervang(_vervang(b, GIO, "TeConsolideren", "AlleenBekendTeMaken"), GIO,
                 f"<heeftGeboorteregeling>{REGELING}</heeftGeboorteregeling>", "")  # fmt: skip
    b = _overal(b, "/join/id/regdata/gm9920/2021/Testeiland", f"/join/id/{collectie}/gm9920/2021/Testeiland")
    return _overal(_overal(b, "<ExtIoRef ", f"<{verwijzing} "), "</ExtIoRef>", f"</{verwijzing}>")


def _zonder_element(bestanden: dict[str, bytes], naam: str, element: str) -> dict[str, bytes]:
    tekst = bestanden[naam].decode()
    begin, eind = tekst.index(f"<{element}"), tekst.index(f"</{element}>") + len(f"</{element}>")
    return {**bestanden, naam: (tekst[:begin] + tekst[eind:]).encode()}


def test_the_real_package_breaks_none_of_these_rules(referentie: Path) -> None:
    assert _meldingen(_echt(referentie)) == []


@pytest.mark.parametrize("code", sorted(GEVALLEN))
def test_each_negative_package_gets_its_own_code_alone(referentie: Path, code: str) -> None:
    assert [m.code for m in _meldingen(GEVALLEN[code](_echt(referentie)))] == [code]


def test_the_texts_locate_the_defect(referentie: Path) -> None:
    twee = _meldingen(TWEE_VERSIES(_echt(referentie)))[0].beschrijving
    teksten = {c: _meldingen(GEVALLEN[c](_echt(referentie)))[0].beschrijving for c in GEVALLEN}
    assert f"{DOEL}, {TWEEDE_DOEL}" in teksten["LVBB4803"]
    assert f"regeling {REGELING} waarbij meer dan één regelingversie {REGELING}/nld@1, {REGELING}/nld@2" in twee
    assert "EN/OF" not in twee and "informatieobject" not in twee
    assert teksten["LVBB1580"].startswith("De datum juridisch-werkend-vanaf (2022-03-10) is meer dan (90) dagen")
    assert "(2021-12-09)" in teksten["LVBB1580"]
    assert f"Geboorteregeling {REGELING}Anders in informatie-object {IO}" in teksten["LVBB3510"]
    assert teksten["LVBB3150"] == f"Het niet te consolideren informatie object {IO} heeft een geboorteregeling."
    assert "Testeiland.xml" in teksten["LVBB3511"] and "/Ander)" in teksten["LVBB3511"]
    assert f"Ext-io-ref in {BESLUIT} met betrekking tot {IO} heeft" in teksten["LVBB3517"]
    assert "Waarde van taal xyz binnen" in teksten["LVBB2016"] and "[Testeiland.xml]" in teksten["LVBB2016"]


@pytest.mark.parametrize(("datum", "codes"), [("2022-03-09", []), ("2022-03-10", ["LVBB1580"])])
def test_juridisch_werkend_vanaf_may_be_90_days_after_the_bekendmaking_not_91(
    referentie: Path, datum: str, codes: list[str]
) -> None:
    b = _vervang(_echt(referentie), BESLUIT, JWV, f"<datum>{datum}</datum>")
    assert [m.code for m in _meldingen(b)] == codes


def test_a_definitive_decentral_besluit_without_juridisch_werkend_vanaf_misses_it_for_each_version(
    referentie: Path,
) -> None:
    zonder = _zonder_element(_echt(referentie), BESLUIT, "Tijdstempels")
    meldingen = _meldingen(zonder)
    assert [m.code for m in meldingen] == ["LVBB3519", "LVBB3518"]
    assert (
        meldingen[0].beschrijving == f"Regelingversie met akn {REGELING}/nld@1 heeft geen datum juridisch werkend vanaf"
    )
    assert meldingen[1].beschrijving == f"Informatie-object met join {IO} heeft geen datum juridisch werkend vanaf"
    ontwerp = _vervang(zonder, BESLUIT, "proceduretype_definitief", "proceduretype_ontwerp")
    assert _meldingen(ontwerp) == []
    rijk = _besluit_als(zonder, "Ministeriële regeling", M, "RegelingCompact")  # the Rijk is no decentrale overheid
    assert _meldingen(rijk) == []


def test_a_consolidated_io_without_geboorteregeling_is_lvbb3150_too(referentie: Path) -> None:
    zonder = _zonder_element(_echt(referentie), GIO, "heeftGeboorteregeling")
    (m,) = _meldingen(zonder)
    assert (
        m.code == "LVBB3150"
        and m.beschrijving == f"Informatie-object {IO} is consolideerbaar maar heeft geen geboorteregeling"
    )


# -- the manifests and the opdracht -------------------------------------------------------------------------------
LOCATIE_TYPE = "<bestandsnaam>owLocatie.xml</bestandsnaam>\n    <contentType>application/xml</contentType>"


def _type(soort: str) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    return lambda b: _vervang(b, "manifest.xml", LOCATIE_TYPE, LOCATIE_TYPE.replace("application/xml", soort))


MANIFESTEN: dict[str, Callable[[dict[str, bytes]], dict[str, bytes]]] = {
    "LVBB1575": lambda b: _vervang(b, "manifest.xml", "</manifest>", f"<bestand>{LOCATIE_TYPE}</bestand></manifest>"),
    "LVBB1020": _type(""),
    "LVBB1019": _type("text/plain"),
    "LVBB1021": _type("application/pdf"),
    "LVBB2502": lambda b: _vervang(b, "manifest-ow.xml", f"<DoelID>{DOEL}</DoelID>", "<DoelID></DoelID>"),
    "LVBB2503": lambda b: _vervang(b, "manifest-ow.xml", f"<DoelID>{DOEL}", f"<DoelID>{TWEEDE_DOEL}"),
    "LVBB2505": lambda b: _vervang(b, "manifest-ow.xml", f"<WorkIDRegeling>{REGELING}", f"<WorkIDRegeling>{REGELING}X"),
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(MANIFESTEN))
def test_each_manifest_defect_gets_its_own_code_alone(referentie: Path, code: str) -> None:
    assert [m.code for m in _meldingen(MANIFESTEN[code](_echt(referentie)))] == [code]


def test_the_manifest_texts_name_the_file_and_the_type(referentie: Path) -> None:
    tekst = {c: _meldingen(MANIFESTEN[c](_echt(referentie)))[0].beschrijving for c in MANIFESTEN}
    assert "'text/plain' van bestand: 'owLocatie.xml' is niet toegestaan" in tekst["LVBB1019"]
    assert "bestand: 'owLocatie.xml'" in tekst["LVBB1021"] and "application/xml" in tekst["LVBB1021"]
    assert "(owLocatie.xml)" in tekst["LVBB1575"]
    assert f"Doel {TWEEDE_DOEL} genoemd in domein manifest bestaat niet" == tekst["LVBB2503"]
    assert f"relatie tussen doel {DOEL} en regeling {REGELING} maar" in tekst["LVBB2505"]


@pytest.mark.parametrize(("element", "code"), [("idBevoegdGezag", "LVBB1510"), ("idAanleveraar", "LVBB1511")])
def test_an_opdracht_without_its_id_is_named_beside_the_schema(
    referentie: Path, element: str, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The opdracht's schema requires both ids, so with a schema folder LVBB1006 comes too; without one the code
    alone (and a missing aanleveraar is no LVBB1512: there is nobody to compare)."""
    zonder = _zonder_element(_echt(referentie), "opdracht.xml", element)
    assert sorted(m.code for m in _meldingen(zonder)) == ["LVBB1006", code]
    from chain_tests.standards import schemas

    monkeypatch.setattr(schemas, "lvbb_schema", lambda: None)
    assert [m.code for m in _meldingen(zonder)] == [code]


@pytest.mark.parametrize(
    ("kop", "soort"),
    [(b"%PDF-1.7", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff\xe0", "image/jpeg"),
     (b"<?xml", "application/xml"), (b"\xef\xbb\xbf\n <a/>", "application/xml"), (b"PK\x03\x04", None)],
    ids=["pdf", "png", "jpeg", "xml", "xml-met-bom", "zip"],
)  # fmt: skip
def test_the_real_format_is_read_from_the_first_bytes(kop: bytes, soort: str | None) -> None:
    from mocks.lvbb.inhoudstypen import controleer, werkelijk

    assert werkelijk(kop) == soort

    def verwacht(opgegeven: str) -> list[str]:
        if opgegeven.startswith("image/"):  # an image's own codes: another image 1018, no image at all 1017
            return [] if soort == opgegeven else ["LVBB1018" if soort and soort.startswith("image/") else "LVBB1017"]
        past = soort is None or opgegeven == soort or ("xml" in opgegeven and soort == "application/xml")
        return [] if past else ["LVBB1021"]

    for opgegeven in ("application/pdf", "image/png", "image/jpeg", "application/xml", "application/gml+xml"):
        assert [m.code for m in controleer([("f", opgegeven)], {"f": kop})] == verwacht(opgegeven), opgegeven


# -- TPOD: the eindverantwoordelijke and the regeling model per soort regeling ------------------------------------
M, P, G, W = "ministerie/mnre1034", "provincie/pv26", "gemeente/gm9920", "waterschap/ws0155"
#: soort regeling, (code, a wrong eindverantwoordelijke), (code, a wrong model), a right eindverantwoordelijke, model
TPOD = [
    ("Ministeriële regeling", ("TPOD2437", G), ("TPOD2438", "RegelingVrijetekst"), M, "RegelingCompact"),
    ("Instructie", ("TPOD2440", G), ("TPOD2441", "RegelingCompact"), P, "RegelingVrijetekst"),
    ("Aanwijzingsbesluit N2000", ("TPOD2443", P), ("TPOD2444", "RegelingVrijetekst"), M, "RegelingKlassiek"),
    ("Toegangsbeperkingsbesluit", ("TPOD2446", W), ("TPOD2447", "RegelingVrijetekst"), M, "RegelingKlassiek"),
    ("Toegangsbeperkingsbesluit", ("TPOD2446", G), ("TPOD2449", "RegelingKlassiek"), P, "RegelingCompact"),
    ("Omgevingsplan", ("TPOD2451", P), ("TPOD2452", "RegelingVrijetekst"), G, "RegelingCompact"),
    ("Omgevingsverordening", ("TPOD2454", G), ("TPOD2455", "RegelingKlassiek"), P, "RegelingCompact"),
    ("Omgevingsvisie", ("TPOD2457", W), ("TPOD2458", "RegelingCompact"), G, "RegelingVrijetekst"),
    ("Programma", None, ("TPOD2460", "RegelingCompact"), W, "RegelingVrijetekst"),
    ("Projectbesluit", ("TPOD2462", G), ("TPOD2463", "RegelingCompact"), W, "RegelingVrijetekst"),
    ("Omgevingsplanregels uit een projectbesluit", ("TPOD2465", G), ("TPOD2466", "RegelingCompact"), M,
     "RegelingTijdelijkdeel"),
    ("Reactieve interventie", ("TPOD2468", M), ("TPOD2469", "RegelingCompact"), P, "RegelingTijdelijkdeel"),
    ("Voorbeschermingsregels", ("TPOD2471", W), ("TPOD2472", "RegelingCompact"), G, "RegelingTijdelijkdeel"),
    ("Voorbeschermingsregels omgevingsplan", ("TPOD2474", W), ("TPOD2475", "RegelingCompact"), M,
     "RegelingTijdelijkdeel"),
    ("Voorbeschermingsregels omgevingsverordening", ("TPOD2477", G), ("TPOD2478", "RegelingCompact"), P,
     "RegelingTijdelijkdeel"),
    ("Waterschapsverordening", ("TPOD2480", P), ("TPOD2481", "RegelingVrijetekst"), W, "RegelingCompact"),
]  # fmt: skip


def _besluit_als(b: dict[str, bytes], soort: str, eindverantwoordelijke: str, model: str) -> dict[str, bytes]:
    from chain_tests.standards.owgraaf import SOORTEN_REGELING

    tekst = b[BESLUIT].decode().replace("/join/id/stop/regelingtype_003", SOORTEN_REGELING[soort])
    tekst = tekst.replace("/tooi/id/gemeente/gm9920", f"/tooi/id/{eindverantwoordelijke}")
    tekst = tekst.replace("<RegelingCompact", f"<{model}").replace("</RegelingCompact>", f"</{model}>")
    if model == "RegelingTijdelijkdeel":  # its own soortWork (LVBB4044)
        tekst = tekst.replace("/join/id/stop/work_019", "/join/id/stop/work_021")
    return {**b, BESLUIT: tekst.encode()}


@pytest.mark.parametrize(("soort", "ev", "rm", "goede_ev", "goed_model"), TPOD, ids=[t[2][0] for t in TPOD])
def test_each_soort_regeling_wants_its_eindverantwoordelijke_and_its_model(
    referentie: Path, soort: str, ev: tuple[str, str] | None, rm: tuple[str, str], goede_ev: str, goed_model: str
) -> None:
    echt = _echt(referentie)
    assert _meldingen(_besluit_als(echt, soort, goede_ev, goed_model)) == []
    code, model = rm
    (m,) = _meldingen(_besluit_als(echt, soort, goede_ev, model))
    assert m.code == code and m.beschrijving.startswith(f"Bij {REGELING}/nld@1 ({soort}) moet")
    if ev is not None:
        code, fout = ev
        assert [m.code for m in _meldingen(_besluit_als(echt, soort, fout, goed_model))] == [code]


def test_the_tpod_table_and_the_matrix_texts_agree() -> None:
    from mocks.lvbb import besluitregels

    eisen = besluitregels.tpod_eisen()
    assert len(eisen) == len(besluitregels.TPOD_EISEN) == 30
    assert eisen["TPOD2457"][3] == {"/tooi/id/ministerie/", "/tooi/id/provincie/", "/tooi/id/gemeente/"}
    assert eisen["TPOD2447"][1:] == ("Ministerie", "regeling", {"RegelingKlassiek", "RegelingCompact"})


# -- what the LVBB names when a document cannot be read, and its bounds -----------------------------------------
def test_a_document_that_cannot_be_read_is_named(referentie: Path) -> None:
    echt = _echt(referentie)
    (m,) = _meldingen({**echt, BESLUIT: b"<AanleveringBesluit"})
    assert m.code == "LVBB2003" and BESLUIT in m.beschrijving
    gml = {**echt, GML: b"<geo:niet-af"}
    assert any(GML in m.beschrijving for m in _meldingen(_met_hash(gml)))


def test_each_gml_of_a_gio_is_checked_even_after_a_missing_one(referentie: Path) -> None:
    echt = _echt(referentie)
    bestand = "<Bestand>"
    gio = echt[GIO].decode()
    ontbreekt = "<Bestand><bestandsnaam>Weg.gml</bestandsnaam><hash>00</hash></Bestand></heeftBestand><heeftBestand>"
    gio = gio.replace(bestand, ontbreekt + bestand, 1).replace(stop.sha512(echt[GML]), "0" * 128)
    codes = [m.code for m in _meldingen({**echt, GIO: gio.encode()})]
    assert "LVBB3506" in codes and "LVBB3008" in codes


def test_a_gml_named_in_manifest_ow_is_named_in_the_melding(referentie: Path) -> None:
    b = _vervang(_echt(referentie), "manifest-ow.xml", "</Aanlevering>",
                 f"<Bestand><naam>{GML}</naam><objecttype>Gebied</objecttype></Bestand></Aanlevering>")  # fmt: skip
    (m,) = [m for m in _meldingen(b) if m.code == "LVBB1026"]
    assert GML in m.beschrijving


def test_a_schema_break_is_told_at_most_three_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """Five violations in one file: the verslag names the first three (one file cannot bury the others)."""
    from chain_tests.standards import schemas
    from mocks.lvbb import validatie

    fouten = [schemas.SchemaFout(n, f"fout {n}") for n in range(1, 6)]
    monkeypatch.setattr(schemas, "validate", lambda schema, root: fouten)
    monkeypatch.setattr(schemas, "imow_schema", lambda: object())
    meldingen = validatie._schema("OZON3000", "owX.xml", b"<a/>", "imow")
    assert [m.beschrijving.rsplit("(", 1)[1] for m in meldingen] == [f"owX.xml regel {n}: fout {n})" for n in (1, 2, 3)]


def test_the_format_is_read_from_the_first_sixteen_bytes_only_and_an_unknown_one_passes() -> None:
    from mocks.lvbb.inhoudstypen import KOP, controleer, werkelijk

    assert KOP == 16
    assert werkelijk(b" " * 15 + b"<") == "application/xml" and werkelijk(b"X<a/>") is None
    assert controleer([("f", "application/pdf")], {"f": b" " * 15 + b"<a/>"})[0].code == "LVBB1021"
    assert controleer([("f", "application/pdf")], {"f": b" " * 16 + b"<a/>"}) == []  # beyond the window: unknown
    (m,) = controleer([("f.xml", "")], {"f.xml": b"<a/>"})
    assert m.code == "LVBB1020" and "'f.xml'" in m.beschrijving


def test_an_unreadable_xml_beside_the_besluit_is_named(referentie: Path) -> None:
    echt = _echt(referentie)
    kapot = {**echt, "kapot.xml": b"<a"}
    kapot = _vervang(kapot, "manifest.xml", "</manifest>",
                     "<bestand><bestandsnaam>kapot.xml</bestandsnaam><contentType>application/xml</contentType>"
                     "</bestand></manifest>")  # fmt: skip
    (m,) = _meldingen(kapot)
    assert m.code == "LVBB2003" and "kapot.xml" in m.beschrijving


def TWEE_VERSIES(b: dict[str, bytes]) -> dict[str, bytes]:
    """A second version of the regeling in the consolidatie."""
    return _vervang(b, BESLUIT, "</BeoogdeRegelgeving>",
                    f"<BeoogdeRegeling><doelen><doel>{DOEL}</doel></doelen>"
                    f"<instrumentVersie>{REGELING}/nld@2</instrumentVersie><eId>art_I</eId>"
                    "</BeoogdeRegeling></BeoogdeRegelgeving>")  # fmt: skip


def test_two_versions_of_one_regeling_are_lvbb4802_and_the_second_without_text_lvbb4032(referentie: Path) -> None:
    """A second BeoogdeRegeling version has no regeling in the besluit's text, so LVBB4032 names it too."""
    meldingen = _meldingen(TWEE_VERSIES(_echt(referentie)))
    assert [m.code for m in meldingen] == ["LVBB4802", "LVBB4032"]
    assert f"{REGELING}/nld@2 komt niet voor als @wordt" in meldingen[1].beschrijving


# -- the besluit's text against its consolidatie ---------------------------------------------------------------
TEKSTREGELS: dict[str, Callable[[dict[str, bytes]], dict[str, bytes]]] = {
    "LVBB4007": lambda b: _vervang(b, BESLUIT, "/join/id/stop/regelingtype_003", "/join/id/stop/omgevingsplan"),
    "LVBB4040": lambda b: _zonder_element(b, BESLUIT, "RegelingMetadata"),
    # the BeoogdInformatieobject names a version the BesluitMetadata does not
    "LVBB4032": lambda b: _vervang(b, BESLUIT, f"<instrumentVersie>{IO}<", f"<instrumentVersie>{IO[:-1]}2<"),
}


@pytest.mark.parametrize("code", sorted(TEKSTREGELS))
def test_the_text_and_the_consolidatie_agree_or_the_code_says_where(referentie: Path, code: str) -> None:
    assert [m.code for m in _meldingen(TEKSTREGELS[code](_echt(referentie)))] == [code]


def test_a_regeling_text_of_another_version_breaks_both_directions(referentie: Path) -> None:
    """The @wordt names nld@2: no RegelingVersieInformatie for it (4033), none of the text for nld@1 (4033 the
    other way), and the BeoogdeRegeling's nld@1 without text (4032) — one defect, three sides of it."""
    b = _vervang(_echt(referentie), BESLUIT, f'wordt="{REGELING}/nld@1"', f'wordt="{REGELING}/nld@2"')
    meldingen = _meldingen(b)
    assert [m.code for m in meldingen] == ["LVBB4033", "LVBB4033", "LVBB4032"]
    assert f"Expressie {REGELING}/nld@2 komt niet voor als FRBRExpression" in meldingen[0].beschrijving
    assert "Controles RegelingVersieInformatie" in meldingen[1].beschrijving


def test_a_wijzigartikel_pointing_elsewhere_leaves_its_bijlage_alone_too(referentie: Path) -> None:
    b = _vervang(_echt(referentie), BESLUIT, '<IntRef ref="cmp_A">', '<IntRef ref="cmp_B">')
    meldingen = _meldingen(b)
    assert [m.code for m in meldingen] == ["LVBB4002", "LVBB4002"]
    assert "met wId gm9920_1__art_I verwijst naar een WijzigBijlage met eId cmp_B welke niet voorkomt" in (
        meldingen[0].beschrijving
    )
    assert "WijzigBijlage met eId cmp_A heeft geen r" in meldingen[1].beschrijving


def test_an_io_only_to_be_made_known_in_pubdata_named_by_an_extref_is_valid(referentie: Path) -> None:
    assert _meldingen(_alleen_bekend(_echt(referentie), "pubdata", "ExtRef")) == []


@pytest.mark.parametrize("soort", ["application/gml+xml", "application/pdf", "application/xml", "image/png"])
def test_an_informatieobjects_file_is_a_gml_or_a_pdf(soort: str) -> None:
    from mocks.lvbb.besluitregels import inhoudstype

    gio = stop.GelezenGio("/join/id/regdata/gm9920/2021/Testeiland", IO, ())
    assert [m.code for m in inhoudstype(gio, "f", soort)] == (
        [] if soort.endswith(("gml+xml", "pdf")) else ["LVBB3507"]
    )


def test_ozon_is_asked_with_the_ow_files_the_gio_its_gml_and_the_besluit(referentie: Path) -> None:
    gevraagd: list[set[str]] = []

    def ozon(deel: dict[str, bytes]) -> list[CodeMelding]:
        gevraagd.append(set(deel))
        return []

    ctx = Context("00000003560458830000", "RdG_SanityCheck_001_gemaaktOp_", "publicatie", dt.date(2021, 12, 1), False,
                  lambda a, b: True, ozon)  # fmt: skip
    valideer(lvbb.pak_in(_echt(referentie)), ctx)
    ow_bestanden = {"owRegelingsgebied.xml", "owLocatie.xml", "owRegeltekst.xml", "owActiviteiten.xml"}
    assert gevraagd == [ow_bestanden | {"manifest-ow.xml", BESLUIT, GIO, GML}]


def test_the_io_rules_name_the_io_its_file_and_what_is_wrong(referentie: Path) -> None:
    teksten = {
        m.code: m.beschrijving for c in ("LVBB3502", "LVBB3507") for m in _meldingen(GEVALLEN[c](_echt(referentie)))
    }
    assert teksten["LVBB3502"] == (
        "[AanleveringInformatieObject - Controles JOIN aanvullend] Waarde van collectie regdata binnen "
        "/join/id/regdata/gm9920/2021/Testeiland is niet gelijk aan waarde binnen pubdata"
    )
    verwacht = f"Informatie-object {IO} heeft bestand Testeiland.gml met onjuist content-type application/xml"
    assert teksten["LVBB3507"].startswith(verwacht)


def test_a_gios_maker_and_collectie_are_read_from_its_work_whatever_its_length() -> None:
    from mocks.lvbb.besluitregels import _deel

    assert (_deel("/join/id/regdata/gm9920/2021/x", 2), _deel("/join/id/regdata/gm9920/2021/x", 3)) == (
        "regdata",
        "gm9920",
    )
    assert (_deel("", 2), _deel("/join/id", 2), _deel("/join", 2)) == ("", "", "")


def test_the_gio_with_an_empty_maker_is_named(referentie: Path) -> None:
    (m,) = _meldingen(GEVALLEN["LVBB4041"](_echt(referentie)))
    assert (
        m.beschrijving == "De brp-code van de eindverantwoordelijke in join /join/id/regdata//2021/Testeiland is leeg"
    )


# -- images: shown by the text and delivered, of a format the LVBB takes, without transparency ------------------
def _png(kleur: int = 2, trns: bool = False) -> bytes:
    """A 1×1 PNG of colour type ``kleur`` (2 RGB, 6 RGBA), with a tRNS chunk when asked."""
    import struct
    import zlib

    def chunk(soort: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + soort + data + struct.pack(">I", zlib.crc32(soort + data))

    pixel = b"\x00" + b"\x00" * {2: 3, 6: 4}[kleur]
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, kleur, 0, 0, 0))
            + (chunk(b"tRNS", b"\x00\x00\x00\x00\x00\x00") if trns else b"") + chunk(b"IDAT", zlib.compress(pixel))
            + chunk(b"IEND", b""))  # fmt: skip


def _met_afbeelding(
    data: bytes, soort: str = "image/png", getoond: bool = True
) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    """The real package with an image file ``plaatje.png`` (``data``, in the manifest as ``soort``), shown by an
    Illustratie in the regeling's text when ``getoond``."""

    def maak(b: dict[str, bytes]) -> dict[str, bytes]:
        illustratie = '<Illustratie xmlns="https://standaarden.overheid.nl/stop/imop/tekst/" naam="plaatje.png"/>'
        b = _vervang(b, BESLUIT, "</Lichaam>", illustratie + "</Lichaam>") if getoond else b
        regel = f"<bestand><bestandsnaam>plaatje.png</bestandsnaam><contentType>{soort}</contentType></bestand>"
        return {**_vervang(b, "manifest.xml", "</manifest>", regel + "</manifest>"), "plaatje.png": data}

    return maak


AFBEELDINGEN = {
    "LVBB1013": _met_afbeelding(_png(6)),
    "LVBB1017": _met_afbeelding(b"GIF89a" + bytes(20)),
    "LVBB1018": _met_afbeelding(b"\xff\xd8\xff\xe0" + bytes(20)),
}


@pytest.mark.parametrize("code", sorted(AFBEELDINGEN))
def test_each_defect_of_an_image_gets_its_own_code_alone(referentie: Path, code: str) -> None:
    (m,) = _meldingen(AFBEELDINGEN[code](_echt(referentie)))
    assert m.code == code and "'plaatje.png'" in m.beschrijving


def test_an_image_shown_and_delivered_as_what_it_is_is_valid_and_a_trns_chunk_is_transparency(referentie: Path) -> None:
    from mocks.lvbb.inhoudstypen import transparant

    assert _meldingen(_met_afbeelding(_png())(_echt(referentie))) == []
    assert [m.code for m in _meldingen(_met_afbeelding(_png(trns=True))(_echt(referentie)))] == ["LVBB1013"]
    assert not transparant(_png()) and transparant(_png(6)) and transparant(_png(trns=True))
    assert not transparant(b"\x89PNG\r\n\x1a\n") and not transparant(_png()[:30])  # cut short: nothing found
    jpeg = _met_afbeelding(_png(), soort="image/jpeg")(_echt(referentie))
    assert [m.code for m in _meldingen(jpeg)] == ["LVBB1018"]


def test_an_image_the_text_shows_is_delivered_and_one_delivered_is_shown(referentie: Path) -> None:
    niet_getoond = _meldingen(_met_afbeelding(_png(), getoond=False)(_echt(referentie)))
    assert [(m.code, m.beschrijving) for m in niet_getoond] == [("LVBB4038", (
        f"Subitem met naam plaatje.png is meegeleverd maar niet aanwezig in {BESLUIT} bij oin : "
        "00000003560458830000 en id-levering : RdG_SanityCheck_001_gemaaktOp_"))]  # fmt: skip
    illustratie = '<Illustratie xmlns="https://standaarden.overheid.nl/stop/imop/tekst/" naam="weg.png"/>'
    (m,) = _meldingen(_vervang(_echt(referentie), BESLUIT, "</Lichaam>", illustratie + "</Lichaam>"))
    levering = "00000003560458830000 en id-levering : RdG_SanityCheck_001_gemaaktOp_"
    assert (m.code, m.beschrijving) == ("LVBB4038", f"Subitem met naam weg.png niet meegeleverd bij oin : {levering}")


def test_transparency_is_looked_for_before_the_image_data_only_and_to_the_last_byte() -> None:
    import struct
    import zlib

    from mocks.lvbb.inhoudstypen import controleer, transparant

    def chunk(soort: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + soort + data + struct.pack(">I", zlib.crc32(soort + data))

    png = _png()
    iend = png.index(b"IEND") - 4
    idat = png.index(b"IDAT") - 4
    trns = chunk(b"tRNS", b"\x00" * 6)
    assert transparant(png[:idat] + chunk(b"gAMA", b"\x00\x00\xb1\x8f") + trns + png[idat:])  # after another chunk
    assert not transparant(png[:iend] + trns + png[iend:])  # after the image data
    assert not transparant(png + trns)  # after the end
    assert transparant(png[:idat] + struct.pack(">I", 6) + b"tRNS")  # a header that ends the file
    assert not transparant(png[:25])  # cut before the colour type
    manifest = [("a.xml", "application/pdf"), ("b.png", "image/png")]
    assert [m.code for m in controleer(manifest, {"a.xml": b"<a/>", "b.png": b"GIF89a"})] == ["LVBB1021", "LVBB1017"]
