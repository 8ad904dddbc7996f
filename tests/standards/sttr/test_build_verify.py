"""Building STTR files from a vragenboom, verifying them (syntax + semantics), publishing via SOAP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from chain_tests.casus import Casus
from chain_tests.config import KetenConfig
from chain_tests.errors import KetenBevinding
from chain_tests.keten import Keten
from chain_tests.offline import OfflineKeten
from chain_tests.standards.schemas import dmn12_schema, sttr_schema, validate
from chain_tests.standards.sttr.build import bouw_conclusie, bouw_indieningsvereisten
from chain_tests.standards.sttr.model import parse_sttr
from chain_tests.standards.sttr.verify import verifieer
from chain_tests.standards.xml import parse_xml
from mocks._infra.routing import InProcessTransport
from tests.bouwstenen import DRIMMELEN, REFERENTIE
from tests.catalogus import zoals_in_catalogus

REFERENCE = REFERENTIE

OIN = DRIMMELEN
ACT = "nl.imow-gm1719.activiteit.KappenBoom"
LELYSTAD_CONCLUSIE = (REFERENCE / "sttr" / "lelystad-boom-kappen-conclusie.sttr.xml").read_bytes()


@pytest.fixture
def gebouwd(casus: object) -> Iterator[tuple[bytes, bytes]]:
    c: Casus = casus("kappen-boom-vergunningplicht")  # type: ignore[operator]
    assert c.regels.vragenboom is not None
    yield (
        bouw_conclusie(c.regels.vragenboom, oin=OIN, activiteit_id=ACT),
        bouw_indieningsvereisten(c.regels.vragenboom, oin=OIN, activiteit_id=ACT),
    )


def test_built_files_validate_against_dmn12_and_sttr_schemas(gebouwd: tuple[bytes, bytes]) -> None:
    schema = sttr_schema()
    assert schema is not None, "STTR schema folder not configured for the tests"
    for data in gebouwd:
        root = parse_xml(data)
        assert validate(dmn12_schema(), root) == []
        assert validate(schema, root) == []
        assert verifieer(data).meldingen == []


def test_built_files_follow_the_real_structure(gebouwd: tuple[bytes, bytes]) -> None:
    conclusie = parse_sttr(gebouwd[0])
    assert conclusie.typering == "Conclusie" and conclusie.activiteit_id == ACT and conclusie.oin == OIN
    assert all(r.id.startswith("uitv__") for r in conclusie.uitvoeringsregels)
    assert {i.uitvoeringsregel_id for i in conclusie.invoer.values()} == {r.id for r in conclusie.uitvoeringsregels}
    iv = parse_sttr(gebouwd[1])
    assert iv.typering == "IndieningsvereistenVergunning"
    assert [r.tekst for r in iv.bijlagen] == ["Situatietekening kappen", "Foto van de boom"]
    # deterministic ids: building twice gives the same bytes
    assert parse_sttr(gebouwd[0]).top_id == conclusie.top_id


def test_real_lelystad_files_verify_clean() -> None:
    for naam in ("conclusie", "indieningsvereisten"):
        r = verifieer((REFERENCE / "sttr" / f"lelystad-boom-kappen-{naam}.sttr.xml").read_bytes())
        assert r.valide and r.meldingen == []


def test_semantic_error_input_data_without_uitvoeringsregel() -> None:
    bad = LELYSTAD_CONCLUSIE.replace(
        b'<uitv:uitvoeringsregelRef href="#uitv__8155d4e0-7003-44ca-8f42-c97afa52f0c7"/>',
        b'<uitv:uitvoeringsregelRef href="#uitv__bestaat-niet"/>',
    )
    r = verifieer(bad)
    assert not r.valide
    assert [m.code for m in r.meldingen if m.ernst == "fout"] == ["STTR-SEM-001"]
    assert "uitv__bestaat-niet" in r.meldingen[0].tekst


def test_semantic_error_decision_without_functionele_structuur_ref() -> None:
    start = LELYSTAD_CONCLUSIE.index(b"<bedr:functioneleStructuurRef")
    end = LELYSTAD_CONCLUSIE.index(b"/>", start) + 2
    r = verifieer(LELYSTAD_CONCLUSIE[:start] + LELYSTAD_CONCLUSIE[end:])
    assert not r.valide
    assert any(m.code == "STTR-SEM-003" and "functioneleStructuurRef" in m.tekst for m in r.meldingen)


def test_syntax_error_is_reported_with_line() -> None:
    r = verifieer(LELYSTAD_CONCLUSIE.replace(b'hitPolicy="FIRST"', b'hitPolicy="FOO"', 1))
    assert not r.valide
    fout = next(m for m in r.meldingen if m.code == "STTR-XSD")
    assert "FOO" in fout.tekst and fout.regel is not None and fout.regel > 1


def test_unknown_input_expression_and_broken_feel_are_reported() -> None:
    bad = LELYSTAD_CONCLUSIE.replace(
        b"<dmn:text>uitv__4483fe58-57b7-4e71-bf19-15783f0f9d92</dmn:text>",
        b"<dmn:text>onbekende_variabele</dmn:text>",
        1,
    )
    bad = bad.replace(b"<dmn:text>not(null)</dmn:text>", b"<dmn:text>not(null</dmn:text>", 1)
    codes = {m.code for m in verifieer(bad).meldingen}
    assert {"STTR-SEM-006", "STTR-SEM-008"} <= codes


def test_special_characters_in_vragenboom_name_publish_without_hanging(keten: Keten, casus: object) -> None:
    # Seed finding 2: special characters in the name of the vragenboom made publishing hang.
    c: Casus = casus("kappen-boom-vergunningplicht")  # type: ignore[operator]
    assert c.regels.vragenboom is not None
    c.regels.vragenboom.naam = 'Bomen & "struiken" <kappen> – één €, 100% ✓'
    gemeente = KetenConfig().organisatie("Drimmelen")
    data = bouw_conclusie(c.regels.vragenboom, oin=gemeente.oin, activiteit_id=ACT)
    keten.maak_activiteit_toepasbaar(gemeente, ACT, "Kappen")
    keten.verifieer_regels(gemeente, c.regels.vragenboom.naam + ".xml", data)
    bestand = keten.lever_regels_aan(gemeente, ACT, c.regels.vragenboom.naam + ".xml", data)
    assert bestand.naam == c.regels.vragenboom.naam


def test_publishing_before_toepasbaar_maken_is_refused_with_a_finding(
    keten: Keten, gebouwd: tuple[bytes, bytes]
) -> None:
    gemeente = KetenConfig().organisatie("Drimmelen")
    with pytest.raises(KetenBevinding) as info:
        keten.lever_regels_aan(gemeente, ACT, "c.xml", gebouwd[0])
    zoals_in_catalogus(info.value)
    assert (info.value.code, info.value.stap, info.value.partij) == ("KB-RTR-AFGEWEZEN", 7, "RTR")
    assert "RTR-NIET-TOEPASBAAR" in info.value.gezien and "stap 5" in info.value.gezien


def test_every_error_of_an_invalid_file_is_named_in_the_finding(keten: Keten) -> None:
    bad = LELYSTAD_CONCLUSIE.replace(
        b"<dmn:text>uitv__4483fe58-57b7-4e71-bf19-15783f0f9d92</dmn:text>", b"<dmn:text>onbekend</dmn:text>", 1
    ).replace(b"<dmn:text>not(null)</dmn:text>", b"<dmn:text>not(null</dmn:text>", 1)
    fouten = [m for m in verifieer(bad).meldingen if m.ernst == "fout"]
    with pytest.raises(KetenBevinding) as info:
        keten.verifieer_regels(KetenConfig().organisatie("Lelystad"), "kapot.xml", bad)
    assert info.value.gezien == "; ".join(f"{m.code}: {m.tekst}" for m in fouten)
    assert len(fouten) >= 2, fouten


def test_invalid_file_is_a_stap6_finding(keten: Keten) -> None:
    gemeente = KetenConfig().organisatie("Lelystad")
    with pytest.raises(KetenBevinding) as info:
        keten.verifieer_regels(
            gemeente, "kapot.xml", LELYSTAD_CONCLUSIE.replace(b'hitPolicy="FIRST"', b'hitPolicy="X"', 1)
        )
    zoals_in_catalogus(info.value)
    assert (info.value.code, info.value.stap) == ("KB-STTR-NIET-VALIDE", 6)


def test_rtr_read_api_needs_api_key_and_serves_published_file(keten_omgeving: OfflineKeten) -> None:
    keten = Keten(keten_omgeving)
    gemeente = KetenConfig().organisatie("Lelystad")
    act = "nl.imow-gm0995.activiteit.HoutopstandVellen"
    keten.maak_activiteit_toepasbaar(gemeente, act, "Boom kappen")
    bestand = keten.lever_regels_aan(gemeente, act, "conclusie.xml", LELYSTAD_CONCLUSIE)
    zonder_sleutel = InProcessTransport(keten_omgeving.router, None)  # the harness's own clients send the key
    with httpx.Client(transport=zonder_sleutel, base_url=keten_omgeving.config.dso_lv.base_url) as c:
        zonder = c.get(
            "/publiek/toepasbare-regels/api/rtrgegevens/v2/toepasbareRegels",
            params={"functioneleStructuurRef": bestand.functionele_structuur_ref},
        )
    assert zonder.status_code == 401 and "x-api-key" in zonder.text
    # the SOAP aanlevering went through zeep over httpx: it is in the trace
    assert any(
        r.soort == "toepasbare regels aanleveren (SOAP)" and r.status == 200 for r in keten_omgeving.trace.regels
    )


def test_a_sttr_schema_folder_that_does_not_exist_is_named_as_such(tmp_path: Path) -> None:
    from chain_tests.errors import ConfiguratieFout
    from chain_tests.standards import schemas

    with pytest.raises(ConfiguratieFout) as info:
        schemas._sttr_schema(tmp_path / "bestaat-niet")
    assert info.value.code == "KT-CONF-STTR-XSD" and "bestaat-niet bestaat niet" in str(info.value)
    with pytest.raises(ConfiguratieFout, match=r"mist Bedrijfsregel\.xsd"):
        schemas._sttr_schema(tmp_path)


def test_the_verified_file_is_in_the_report_as_xml_with_its_bytes(
    keten: Keten, gebouwd: tuple[bytes, bytes], rapport: object
) -> None:
    gemeente = KetenConfig().organisatie("Drimmelen")
    keten.verifieer_regels(gemeente, "conclusie.xml", gebouwd[0])
    assert dict(rapport.stap("Stap 6").bijlagen)["conclusie.xml"] == gebouwd[0]  # type: ignore[attr-defined]
    assert rapport.soorten["conclusie.xml"] == "application/xml"  # type: ignore[attr-defined]


def test_a_rejected_aanlevering_names_every_melding_of_the_rtr(keten: Keten) -> None:
    bad = LELYSTAD_CONCLUSIE.replace(
        b"<dmn:text>uitv__4483fe58-57b7-4e71-bf19-15783f0f9d92</dmn:text>", b"<dmn:text>onbekend</dmn:text>", 1
    ).replace(b"<dmn:text>not(null)</dmn:text>", b"<dmn:text>not(null</dmn:text>", 1)
    lelystad = KetenConfig().organisatie("Lelystad")
    act = "nl.imow-gm0995.activiteit.HoutopstandVellen"
    keten.maak_activiteit_toepasbaar(lelystad, act, "Houtopstand vellen")
    with pytest.raises(KetenBevinding) as info:
        keten.lever_regels_aan(lelystad, act, "kapot.xml", bad)
    b = info.value
    assert (b.code, b.stap) == ("KB-RTR-AFGEWEZEN", 7)
    resultaat, meldingen = b.gezien.split(": ", 1)
    delen = meldingen.split("; ")
    assert resultaat == "Afgewezen" and len(delen) >= 2, b.gezien
    assert all(re.match(r"STTR-[A-Z]+-?\d*: ", d) for d in delen), b.gezien


def test_the_soap_exchange_of_stap_7_is_in_the_report_as_xml(
    keten: Keten, gebouwd: tuple[bytes, bytes], rapport: object
) -> None:
    gemeente = KetenConfig().organisatie("Drimmelen")
    keten.maak_activiteit_toepasbaar(gemeente, ACT, "Kappen")
    keten.lever_regels_aan(gemeente, ACT, "conclusie.xml", gebouwd[0])
    bijlagen = dict(rapport.stap("Stap 7").bijlagen)  # type: ignore[attr-defined]
    for naam in ("SOAP-verzoek aanleveren", "SOAP-antwoord aanleveren"):
        assert rapport.soorten[naam] == "application/xml", naam  # type: ignore[attr-defined]
        assert bijlagen[naam].lstrip().startswith(b"<"), naam
