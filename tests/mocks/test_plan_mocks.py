"""The plan keten's building blocks: the built aanlevering against the real schemas, the LVBB mock against the
real public packages, hostile zips, who may talk to whom, the RTR and the map-aware vergunningcheck."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from chain_tests import KetenConfig, Organisatie, speel_casus
from chain_tests.casus import Casus
from chain_tests.errors import KetenBevinding
from chain_tests.keten import Keten
from chain_tests.offline import OfflineKeten
from chain_tests.standards import api, lvbb, ow, planketen, schemas, stop
from chain_tests.standards.aanlevering import Planfragment, bouw_pakket, datum_uit
from chain_tests.standards.cpa import LVBB_VERSLAG
from chain_tests.standards.ebms import EbmsBericht, MimeDeel, ontleed, serialiseer
from chain_tests.standards.meldingcodes import melding
from chain_tests.standards.sttr.build import bouw_conclusie
from chain_tests.standards.xml import parse_xml
from tests.bouwstenen import DRIMMELEN, PLANSOFTWARE, ROOT, volgens_cpa
from tests.catalogus import zoals_in_catalogus

HAPPY = "plan-kappen-boom-made"
GM9920 = "00000001002564440000"  # bevoegd gezag of the public sanity-check package
AANLEVERAAR = "00000003560458830000"  # its idAanleveraar


def _pakket(plan_casus: Callable[[str], Casus], soort: lvbb.Soort = "validatie") -> dict[str, bytes]:
    fragment = plan_casus(HAPPY).plan
    assert fragment is not None
    return bouw_pakket(
        fragment,
        soort=soort,
        id_levering="ketentest_test_001",
        bevoegd_gezag=DRIMMELEN,
        gemeente="Gemeente Drimmelen",
        aanleveraar=PLANSOFTWARE,
        datum_bekendmaking=dt.date(2026, 1, 7),
    ).bestanden


def test_the_built_aanlevering_validates_against_the_lvbb_and_imow_schemas(
    plan_casus: Callable[[str], Casus],
) -> None:
    transport, imow = schemas.lvbb_schema(), schemas.imow_schema()
    assert transport is not None and imow is not None  # pyproject points at ../shared/reference/xsd
    bestanden = _pakket(plan_casus)
    gevalideerd = []
    for naam, data in bestanden.items():
        schema = (
            transport
            if naam in ("opdracht.xml", "manifest.xml")
            else imow
            if naam.startswith(("ow", "manifest-ow"))
            else None
        )
        if schema is not None:
            assert schemas.validate(schema, parse_xml(data)) == [], naam
            gevalideerd.append(naam)
    assert len(gevalideerd) == 7
    assert sorted(lvbb.lees_manifest(bestanden["manifest.xml"])) == sorted(bestanden)


def test_lvbb_messages_validate_against_the_transport_schema() -> None:
    transport = schemas.lvbb_schema()
    assert transport is not None
    nu = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    berichten = [
        lvbb.verzoek_xml("publicatie", "id_1", "ketentest", "test", "1"),
        lvbb.resultaat_xml(
            lvbb.Verslag(
                "validatie", "id_1", nu, [melding("LVBB1501", "2026-01-04", variant="toekomst")], "niet-valide"
            )
        ),
        lvbb.resultaat_xml(lvbb.Verslag("publicatie", "id_1", nu, voortgang="registratie-voltooid")),
        lvbb.resultaat_xml(lvbb.Verslag("publicatie", "id_1", nu, uitkomst="gepubliceerd", tijdstip_publicatie=nu)),
    ]
    for xml in berichten:
        assert schemas.validate(transport, parse_xml(xml)) == []
    terug = lvbb.lees_resultaat(berichten[1])
    assert (terug.uitkomst, terug.codes, terug.resultaat) == ("niet-valide", ["LVBB1501"], "mislukt")


def test_meldingen_carry_the_validatiematrix_text_with_details_filled_in() -> None:
    m = melding("LVBB3008", "Gebied.xml", "Gebied.gml")
    assert (
        m.beschrijving
        == "Binnen bestand met versie informatie Gebied.xml heeft gerelateerd bestand Gebied.gml een foute hash"
    )
    assert (m.ernst, m.soort) == ("fout", "inhoudelijk")
    o = melding("OZON0082", detail="a → b")
    assert o.beschrijving.endswith("bestaat in de levering of in Ozon. (a → b)")


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("vandaag", dt.date(2026, 1, 5)),
        ("gisteren", dt.date(2026, 1, 4)),
        ("+2 werkdagen", dt.date(2026, 1, 7)),
        ("+5 werkdagen", dt.date(2026, 1, 12)),
        ("+3 dagen", dt.date(2026, 1, 8)),
        ("zaterdag", dt.date(2026, 1, 10)),
        ("maandag", dt.date(2026, 1, 12)),
        ("2026-04-27", dt.date(2026, 4, 27)),
    ],
)
def test_a_datum_bekendmaking_as_a_beheerder_writes_it(tekst: str, verwacht: dt.date) -> None:
    assert datum_uit(tekst, dt.date(2026, 1, 5)) == verwacht  # a Monday


def test_werkdagen_skip_dutch_public_holidays() -> None:
    assert datum_uit("+1 werkdagen", dt.date(2026, 4, 24)) == dt.date(2026, 4, 28)  # koningsdag 27 april


def test_a_datum_that_is_no_date_is_refused_with_the_forms_that_work() -> None:
    with pytest.raises(ValueError, match="JJJJ-MM-DD, vandaag, morgen, gisteren"):
        datum_uit("volgende week", dt.date(2026, 1, 5))
    with pytest.raises(ValueError):
        Planfragment.model_validate(
            {
                "besluit": {"titel": "x", "datum_bekendmaking": "ooit"},
                "werkingsgebied": {"id": "nl.imow-gm1719.gebied.X", "naam": "x", "polygoon": [[1, 1], [2, 1], [2, 2]]},
                "activiteiten": [{"id": "nl.imow-gm1719.activiteit.X", "naam": "x"}],
            }
        )


# -- hostile zips ----------------------------------------------------------------------------------
def _zip(*bestanden: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the duplicate name we want
        for naam, data in bestanden:
            z.writestr(naam, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"dit is geen zip", "LVBB1001"),
        (_zip(("a.xml", b"<a/>"), ("a.xml", b"<b/>")), "LVBB1042"),
        (_zip(("../../etc/passwd", b"x")), "LVBB1004"),
        (_zip(("café.xml", b"<a/>")), "LVBB1004"),
        (_zip(("leeg.xml", b"")), "LVBB1041"),
        (
            _zip(("groot.xml", b"0" * (lvbb.MAX_PER_BESTAND + 1))),
            "LVBB1041",
        ),  # a zip bomb: 100 MB of zeros, ~100 KB packed
        (_zip(("bom.xml", b"0" * (50 * 1024 * 1024))), "LVBB1041"),  # within 100 MB, but 1000:1
        (_zip(*((f"{n}.xml", os.urandom(1024)) for n in range(3))), None),  # three small files: accepted
    ],
)
def test_a_hostile_zip_is_refused_with_the_lvbb_code_before_it_is_unpacked(data: bytes, code: str | None) -> None:
    if code is None:
        assert len(lvbb.pak_uit(data)) == 3
        return
    with pytest.raises(lvbb.ZipFout) as info:
        lvbb.pak_uit(data)
    assert info.value.code == code


def test_many_files_within_their_own_bound_are_refused_together(monkeypatch: pytest.MonkeyPatch) -> None:
    """The total unpacked bound, also when the zip's directory under-states the sizes."""
    monkeypatch.setattr(lvbb, "MAX_UITGEPAKT", 3 * 1024)
    data = _zip(*((f"{n}.xml", os.urandom(1024)) for n in range(4)))
    with pytest.raises(lvbb.ZipFout, match="uitgepakt samen 4096 bytes"):
        lvbb.pak_uit(data)
    monkeypatch.setattr(lvbb, "MAX_UITGEPAKT", 4 * 1024)
    assert len(lvbb.pak_uit(data)) == 4  # the bound itself is allowed


def test_the_lvbb1041_text_has_no_unfilled_placeholder() -> None:
    for data in (_zip(("leeg.xml", b"")), _zip(("groot.xml", b"0" * (lvbb.MAX_PER_BESTAND + 1)))):
        with pytest.raises(lvbb.ZipFout) as info:
            lvbb.pak_uit(data)
        assert "%" not in str(info.value.melding.beschrijving) and "opdracht.zip" in info.value.melding.beschrijving


# -- the LVBB mock with the real public packages ------------------------------------------------------
def _testeiland_config() -> KetenConfig:
    """gm9920 as an organisation, and its aanleveraar as the plansoftware (so the machtiging holds)."""
    basis = KetenConfig()
    gm9920 = Organisatie(naam="Gemeente Testeiland", oin=GM9920, base_url="https://vth.testeiland.ketentest.test")
    plansoftware = basis.plansoftware.model_copy(update={"oin": AANLEVERAAR})
    return basis.model_copy(update={"organisaties": [*basis.organisaties, gm9920], "plansoftware": plansoftware})


def _lever_echt_pakket(keten: OfflineKeten, map_: Path) -> planketen.PlanLevering:
    bestanden = {p.name: p.read_bytes() for p in sorted(map_.iterdir())}
    morgen = datum_uit("+2 werkdagen", keten.nu().date()).isoformat()
    bestanden["opdracht.xml"] = re.sub(
        rb"<datumBekendmaking>[^<]*<", f"<datumBekendmaking>{morgen}<".encode(), bestanden["opdracht.xml"]
    )
    return _lever(keten, bestanden, "RdG_SanityCheck_001_gemaaktOp_", GM9920)


def test_the_real_minimal_package_is_refused_only_for_its_unknown_tophaak(
    referentie: Path, testwaardelijsten: Path
) -> None:
    """1_Initieel_Besluit hangs its activity under gm9920's tophaak, which a fresh OZON does not know."""
    keten = OfflineKeten(_testeiland_config())
    levering = _lever_echt_pakket(keten, referentie / "lvbb-testeiland" / "1_Initieel_Besluit")
    eind = levering.eind
    assert eind is not None and eind.uitkomst == "niet-valide"
    assert {m.code for m in eind.meldingen} == {"OZON0082"}
    keten.sluit()


def test_the_real_minimal_package_is_published_when_ozon_knows_its_tophaak(
    referentie: Path, testwaardelijsten: Path
) -> None:
    keten = OfflineKeten(_testeiland_config())
    keten.dso.ozon.bekend.add("nl.imow-gm9920.activiteit.ActInOmgevingsplanGem")
    levering = _lever_echt_pakket(keten, referentie / "lvbb-testeiland" / "1_Initieel_Besluit")
    assert [v.voortgang or v.uitkomst for v in levering.verslagen] == [
        "validatie-voltooid",
        "registratie-voltooid",
        "gepubliceerd",
    ]
    assert levering.verslagen[0].meldingen == []  # its values in the waardelijsten too
    for _ in range(10):
        keten.pomp()
        keten.wacht(1)
    assert keten.dso.ozon.werkingsgebied("nl.imow-gm9920.activiteit.sanitycheckdatum") == [
        "nl.imow-gm9920.gebied.Testeiland"
    ]
    assert keten.dso.ozon.bevat("nl.imow-gm9920.gebied.Testeiland", 98500, 540800)
    keten.sluit()


def test_the_lvbb_remembers_what_it_published_and_refuses_it_a_second_time(referentie: Path) -> None:
    """The same package again, as a new levering: its besluit, regelingversie and GIO exist already, and its doel
    has its juridisch-werkend-vanaf (LVBB4805, of the matrix's category Opdracht: the behandeling ends)."""
    keten = OfflineKeten(_testeiland_config())
    keten.dso.ozon.bekend.add("nl.imow-gm9920.activiteit.ActInOmgevingsplanGem")
    map_ = referentie / "lvbb-testeiland" / "1_Initieel_Besluit"
    assert _lever_echt_pakket(keten, map_).verslagen[-1].uitkomst == "gepubliceerd"
    bestanden = {p.name: p.read_bytes() for p in sorted(map_.iterdir())}
    morgen = datum_uit("+2 werkdagen", keten.nu().date()).isoformat()
    opdracht = re.sub(
        rb"<datumBekendmaking>[^<]*<", f"<datumBekendmaking>{morgen}<".encode(), bestanden["opdracht.xml"]
    )
    bestanden["opdracht.xml"] = opdracht.replace(b"RdG_SanityCheck_001_gemaaktOp_", b"RdG_SanityCheck_002")
    eind = _lever(keten, bestanden, "RdG_SanityCheck_002", GM9920).eind
    assert eind is not None and eind.uitkomst == "behandeling-afgebroken", eind.meldingen
    assert {m.code for m in eind.meldingen if m.code.startswith("LVBB")} == {
        "LVBB4001",
        "LVBB4805",
        "LVBB4014",
        "LVBB3900",
    }
    keten.sluit()


def test_a_wijzigingsbesluit_on_the_published_real_package_is_published_with_only_its_changed_ow(
    referentie: Path,
) -> None:
    """The mutation's was-version is the LVBB's, the Regeltekst's wId is in OZON's text of the regeling, and the
    one OW object delivered anew (the activity, renamed) is a new version of it; the rest stays in OZON."""
    from chain_tests.standards import ow
    from tests.mocks.lvbb.test_echt_pakket import _echt
    from tests.mocks.lvbb.test_register import _wijziging

    keten = OfflineKeten(_testeiland_config())
    keten.dso.ozon.bekend.add("nl.imow-gm9920.activiteit.ActInOmgevingsplanGem")
    assert _lever_echt_pakket(keten, referentie / "lvbb-testeiland" / "1_Initieel_Besluit").eind is not None
    b = _wijziging()(_echt(referentie))
    for naam in ("owLocatie.xml", "owRegelingsgebied.xml", "owRegeltekst.xml"):
        del b[naam]
    b["owActiviteiten.xml"] = re.sub(rb"<rol:naam>([^<]*)<", rb"<rol:naam>\1 (gewijzigd)<", b["owActiviteiten.xml"])
    m = ow.lees_manifest_ow(b["manifest-ow.xml"])
    b["manifest-ow.xml"] = ow.manifest_ow_xml(
        ow.ManifestOw(m.work_id, m.doel_id, {"owActiviteiten.xml": ("Activiteit",)})
    )
    morgen = datum_uit("+2 werkdagen", keten.nu().date()).isoformat()
    opdracht = re.sub(rb"<datumBekendmaking>[^<]*<", f"<datumBekendmaking>{morgen}<".encode(), b["opdracht.xml"])
    b["opdracht.xml"] = opdracht.replace(b"RdG_SanityCheck_001_gemaaktOp_", b"wijziging_2")
    b["manifest.xml"] = lvbb.manifest_xml(sorted(b))
    levering = _lever(keten, b, "wijziging_2", GM9920)
    assert [v.voortgang or v.uitkomst for v in levering.verslagen][-1] == "gepubliceerd", [
        m for v in levering.verslagen for m in v.meldingen
    ]
    (pub,) = keten.dso.ozon.publicaties.values()
    assert [a.naam for a in pub.ow.activiteiten.values()] == ["lekker sanity checken (gewijzigd)"]
    assert pub.ow.regelingsgebieden and pub.ow.regelteksten  # kept from the first publication
    keten.sluit()


def test_a_publication_not_yet_made_known_is_ended_by_an_afbreekopdracht_once(referentie: Path) -> None:
    keten = OfflineKeten(_testeiland_config())
    keten.dso.ozon.bekend.add("nl.imow-gm9920.activiteit.ActInOmgevingsplanGem")
    map_ = referentie / "lvbb-testeiland" / "1_Initieel_Besluit"
    bestanden = {p.name: p.read_bytes() for p in sorted(map_.iterdir())}
    later = (keten.nu().date() + dt.timedelta(days=20)).isoformat()  # juridisch werkend after today
    bestanden["Initieel_besluit.xml"] = bestanden["Initieel_besluit.xml"].replace(
        b"<datum>2021-09-01</datum>", f"<datum>{later}</datum>".encode()
    )
    morgen = datum_uit("+2 werkdagen", keten.nu().date()).isoformat()
    bestanden["opdracht.xml"] = re.sub(
        rb"<datumBekendmaking>[^<]*<", f"<datumBekendmaking>{morgen}<".encode(), bestanden["opdracht.xml"]
    )
    assert _lever(keten, bestanden, "RdG_SanityCheck_001_gemaaktOp_", GM9920).verslagen[-1].uitkomst == "gepubliceerd"
    for nummer, verwacht in ((1, "ok"), (2, "behandeling-mislukt")):
        o = lvbb.Opdracht("breekPublicatieAf", f"afbreken_{nummer}", GM9920, AANLEVERAAR, "", "",
                          identificatie="/akn/nl/bill/gm9920/2021/TestNummer1Initieel")  # fmt: skip
        afbreken = {
            "opdracht.xml": lvbb.opdracht_xml(o),
            "manifest.xml": lvbb.manifest_xml(["manifest.xml", "opdracht.xml"]),
        }
        eind = _lever(keten, afbreken, f"afbreken_{nummer}", GM9920).eind
        assert eind is not None and eind.uitkomst == verwacht, eind
    assert eind.meldingen[0].code == "LVBB1554"
    assert keten.mocks.lvbb.register.leveringen == {}  # the LVBB forgot the besluit
    keten.sluit()


def test_a_kennisgeving_of_a_besluit_the_lvbb_has_not_yet_published_is_lvbb4705(referentie: Path) -> None:
    """While the besluit waits (registered, its publication held back), a kennisgeving on it is refused with
    LVBB4705; once the besluit is published, the same kennisgeving is."""
    from chain_tests.standards.inspectie import LvbbFouten
    from tests.mocks.lvbb.test_kennisgeving import _pakket as kennisgeving

    keten = OfflineKeten(_testeiland_config())
    keten.dso.ozon.bekend.add("nl.imow-gm9920.activiteit.ActInOmgevingsplanGem")
    lvbb_mock = keten.mocks.lvbb
    lvbb_mock.fouten = LvbbFouten(publiceert_niet=True)
    map_ = referentie / "lvbb-testeiland" / "1_Initieel_Besluit"
    with pytest.raises(AssertionError, match="geen eindverslag"):
        _lever_echt_pakket(keten, map_)
    assert [lev.fase for lev in lvbb_mock.leveringen] == ["geregistreerd"]
    vandaag = keten.nu().date().isoformat()
    eind = _lever(keten, kennisgeving(datum=vandaag), "kennisgeving_1", GM9920).eind
    assert eind is not None and [m.code for m in eind.meldingen] == ["LVBB4705"]
    lvbb_mock.fouten = LvbbFouten()
    keten.pomp()
    assert lvbb_mock.leveringen[0].fase == "klaar"
    vandaag = keten.nu().date().isoformat()
    eind = _lever(keten, kennisgeving(datum=vandaag, id_levering="kennisgeving_2"), "kennisgeving_2", GM9920).eind
    assert eind is not None and eind.uitkomst == "gepubliceerd", eind
    keten.sluit()


def test_a_kennisgeving_of_a_published_besluit_is_published_without_ow(referentie: Path) -> None:
    from tests.mocks.lvbb.test_kennisgeving import _pakket as kennisgeving

    keten = OfflineKeten(_testeiland_config())
    keten.dso.ozon.bekend.add("nl.imow-gm9920.activiteit.ActInOmgevingsplanGem")
    assert _lever_echt_pakket(keten, referentie / "lvbb-testeiland" / "1_Initieel_Besluit").eind is not None
    vandaag = keten.nu().date().isoformat()
    levering = _lever(keten, kennisgeving(datum=vandaag), "kennisgeving_1", GM9920)
    assert [v.voortgang or v.uitkomst for v in levering.verslagen] == [
        "validatie-voltooid",
        "registratie-voltooid",
        "gepubliceerd",
    ], levering.verslagen
    again = _lever(keten, kennisgeving(datum=vandaag, id_levering="kennisgeving_2"), "kennisgeving_2", GM9920).eind
    # published before (4701); its step would be there twice (4755); the same day and bekendOp as the first (4750)
    assert again is not None and [m.code for m in again.meldingen] == ["LVBB4701", "LVBB4755", "LVBB4750"]
    keten.sluit()


def test_the_real_waterschap_package_is_refused_for_its_stale_gio_hash_and_its_soort_regeling(referentie: Path) -> None:
    keten = OfflineKeten(_testeiland_config())
    levering = _lever_echt_pakket(keten, referentie / "lvbb-testeiland" / "1_InitieelWaterschap")
    eind = levering.eind
    assert eind is not None and eind.uitkomst == "niet-valide"
    # its stale hash, and an omgevingsplan (regelingtype_003) whose eindverantwoordelijke is a waterschap
    assert sorted(m.code for m in eind.meldingen) == ["LVBB3008", "TPOD2451"]
    teksten = {m.code: m.tekst for m in eind.meldingen}
    assert "Testeiland.xml heeft gerelateerd bestand Testeiland.gml een foute hash" in teksten["LVBB3008"]
    assert "(Omgevingsplan) moet de eindverantwoordelijke een gemeente zijn" in teksten["TPOD2451"]
    keten.sluit()


# -- who may talk to whom --------------------------------------------------------------------------
def test_the_lvbb_refuses_another_service_and_the_plansoftware_refuses_verslagen_from_others() -> None:
    """Each party holds a message to its CPAs: an exchange it has no agreement for is not recognised; a verslag
    in the right agreement, sent with another party's certificate, is a SecurityFailure."""
    keten = OfflineKeten()
    c = keten.config
    vreemd = EbmsBericht(
        van_oin=c.dso_lv.oin,
        naar_oin=c.lvbb.oin,
        cpa_id="x",
        conversation_id="y",
        service="urn:iets:anders",
        action="Iets",
        payloads=[MimeDeel("a@b", "application/xml", b"<a/>")],
    )
    verslag = volgens_cpa(LVBB_VERSLAG[0], c.lvbb.oin, c.plansoftware.oin, "validatieVerzoekResultaat", vreemd.payloads)
    with keten.client("DSO-LV", c.dso_lv.oin) as client:
        antwoorden = [
            client.post(url + api.EBMS, content=body, headers=headers)
            for url, (headers, body) in (
                (c.lvbb.base_url, serialiseer(vreemd)),
                (c.plansoftware.base_url, serialiseer(verslag)),
            )
        ]
    fouten = [ontleed(r.headers["Content-Type"], r.content) for r in antwoorden]
    assert [r.status_code for r in antwoorden] == [400, 403]
    assert [(f.fouten[0][0], f.fout_locatie) for f in fouten] == [
        ("ValueNotRecognized", "//Header/MessageHeader/CPAId"),
        ("SecurityFailure", "//Header/MessageHeader/From/PartyId"),
    ]
    keten.sluit()


@pytest.mark.parametrize("pad", [planketen.OZON_VALIDEREN, planketen.OZON_DOORLEVERING])
def test_only_the_lvbb_delivers_to_ozon(pad: str) -> None:
    keten = OfflineKeten()
    with keten.client("Plansoftware", keten.config.plansoftware.oin, keten.config.dso_lv.base_url) as c:
        r = c.post(pad, content=lvbb.pak_in({"a.xml": b"<a/>"}), headers={"Content-Type": "application/zip"})
    assert r.status_code == 403 and "OZON-403" in r.text
    keten.sluit()


def test_the_plansoftware_works_only_for_its_organisations() -> None:
    keten = OfflineKeten()
    with keten.client("Iemand", "00000009999999999000", keten.config.plansoftware.base_url) as c:
        r = c.post(planketen.PLAN_LEVERINGEN, content=b"PK", headers={"Content-Type": "application/zip"})
    assert r.status_code == 403 and "PLAN-403" in r.text
    keten.sluit()


# -- RTR and loket after publication ------------------------------------------------------------------
def test_the_rtr_refuses_sttr_with_a_locatie_ozon_does_not_know(
    keten: Keten, plan_casus: Callable[[str], Casus]
) -> None:
    casus = plan_casus("plan-kappen-boom-buiten-werkingsgebied")
    speel_casus(keten, casus)
    assert casus.regels is not None and casus.regels.vragenboom is not None and casus.activiteit is not None
    casus.regels.vragenboom.conclusie.vragen[0].locatie = "nl.imow-gm1719.gebied.Elders"
    drimmelen = keten.config.organisatie("Drimmelen")
    sttr = bouw_conclusie(casus.regels.vragenboom, oin=drimmelen.oin, activiteit_id=casus.activiteit.id)
    with pytest.raises(KetenBevinding) as info:
        keten.lever_regels_aan(drimmelen, casus.activiteit.id, "elders.xml", sttr)
    zoals_in_catalogus(info.value)
    assert info.value.code == "KB-RTR-AFGEWEZEN"
    assert (
        "RTR-LOCATIE: locatie nl.imow-gm1719.gebied.Elders in uitv:geoVerwijzing is niet bekend in OZON."
        in info.value.gezien
    )


def test_the_loket_answers_location_questions_from_the_map(keten: Keten, plan_casus: Callable[[str], Casus]) -> None:
    casus = plan_casus("plan-kappen-boom-buiten-werkingsgebied")
    speel_casus(keten, casus)
    assert casus.activiteit is not None
    drimmelen = keten.config.organisatie("Drimmelen")
    dik = {"Is de stam op 1,30 meter hoogte dikker dan 30 centimeter?": True}
    binnen = keten.doe_vergunningcheck(drimmelen, casus.activiteit.id, dik, locatie=api.Punt(x=113500, y=404500))
    buiten = keten.doe_vergunningcheck(drimmelen, casus.activiteit.id, dik, locatie=api.Punt(x=110000, y=400000))
    assert (binnen.conclusie, binnen.toelichting) == ("Vergunningplicht", None)
    assert buiten.conclusie == "NietVanToepassing"
    assert (
        buiten.toelichting is not None
        and "ligt buiten het werkingsgebied (nl.imow-gm1719.gebied.BomenMade)" in buiten.toelichting
    )


def test_ow_files_read_back_as_written(plan_casus: Callable[[str], Casus]) -> None:
    lev = ow.lees_ow(_pakket(plan_casus))
    assert sorted(lev.activiteiten) == [
        "nl.imow-gm1719.activiteit.ActInOmgevingsplanGem",
        "nl.imow-gm1719.activiteit.KappenBoomMade",
    ]
    regel = lev.regels["nl.imow-gm1719.juridischeregel.KappenBoomMade"]
    assert [(a.kwalificatie, a.locaties) for a in regel.activiteiten] == [
        ("Vergunningplicht", ("nl.imow-gm1719.gebied.BomenMade",))
    ]
    assert lev.activiteiten["nl.imow-gm1719.activiteit.ActInOmgevingsplanGem"].bovenliggend == ow.ACT_IN_OMGEVINGSPLAN


# -- bad input through the plan keten ---------------------------------------------------------------
ENTITEITENBOM = b"""<?xml version="1.0"?>
<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<AanleveringBesluit xmlns="https://standaarden.overheid.nl/lvbb/stop/aanlevering/">&lol2;</AanleveringBesluit>"""


def test_an_entity_bomb_in_the_besluit_gets_a_verslag_not_a_crash(plan_casus: Callable[[str], Casus]) -> None:
    keten = OfflineKeten()
    bestanden = _pakket(plan_casus)
    bestanden["besluit.xml"] = ENTITEITENBOM
    levering = _lever(keten, bestanden, "ketentest_test_001")
    eind = levering.eind
    assert eind is not None and eind.uitkomst == "behandeling-afgebroken"
    assert [m.code for m in eind.meldingen] == ["LVBB2003"]
    assert "DOCTYPE" in eind.meldingen[0].tekst and "er is niets uitgebreid" in eind.meldingen[0].tekst
    assert keten.mocks.lvbb.storingen == [] and keten.dso.storingen == []
    keten.sluit()


def test_a_malformed_opdracht_is_refused_by_the_plansoftware_naming_the_line(
    plan_casus: Callable[[str], Casus],
) -> None:
    keten = OfflineKeten()
    bestanden = _pakket(plan_casus)
    bestanden["opdracht.xml"] = b"<validatieOpdracht xmlns='http://www.overheid.nl/2017/lvbb'>\n<idLevering>x</oeps>"
    with keten.client("Planauteur", DRIMMELEN, keten.config.plansoftware.base_url) as c:
        r = c.post(
            planketen.PLAN_LEVERINGEN, content=lvbb.pak_in(bestanden), headers={"Content-Type": "application/zip"}
        )
    assert r.status_code == 400
    assert "KT-XML-SYNTAX" in r.text and "opdracht.xml: geen goedgevormde XML (regel 2)" in r.text
    keten.sluit()


def _lever(
    keten: OfflineKeten, bestanden: dict[str, bytes], id_levering: str, gemeente: str = DRIMMELEN
) -> planketen.PlanLevering:
    """Offer the files to the plansoftware as the gemeente, let the keten run, and read the levering."""
    with keten.client("Planauteur", gemeente, keten.config.plansoftware.base_url) as c:
        r = c.post(
            planketen.PLAN_LEVERINGEN, content=lvbb.pak_in(bestanden), headers={"Content-Type": "application/zip"}
        )
        assert r.status_code == 202, r.text
        pad = api.pad(planketen.PLAN_LEVERING, id_levering=id_levering)
        for _ in range(20):
            keten.pomp()
            keten.wacht(1)
            levering = planketen.PlanLevering.model_validate_json(c.get(pad).content)
            if levering.eind is not None:
                return levering
    raise AssertionError(f"geen eindverslag: {levering}")


def test_a_broken_plan_block_names_every_field_in_dutch(tmp_path: Path, plan_casus: Callable[[str], Casus]) -> None:
    from chain_tests import ConfiguratieFout, laad_casus

    tekst = (ROOT / "scenarios/casussen/iteratie3/lvbb3008-gio-hash-klopt-niet.yaml").read_text()
    tekst = tekst.replace("gio-hash-fout", "gio-hash-verkeerd").replace("gebied.BomenMade", "gebied.Bomen Made")
    tekst = tekst.replace("[114500, 405500], [112500, 405500]]", "]").replace(
        "[114500, 403500], ]", "[114500, 403500]]"
    )
    (tmp_path / "casussen").mkdir()
    pad = tmp_path / "casussen" / "kapot.yaml"
    pad.write_text(tekst, encoding="utf-8")
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(pad)
    melding_ = str(info.value)
    assert "plan.werkingsgebied.id: 'nl.imow-gm1719.gebied.Bomen Made' is geen geldige IMOW-identificatie" in melding_
    assert "plan.werkingsgebied.polygoon: moet minstens 3 element(en) bevatten" in melding_
    assert "plan.afwijkingen[1]:" in melding_ and "of 'onbekende-locatie' (bedoelt u 'gio-hash-fout'?)" in melding_


def test_an_activity_outside_the_plan_is_the_casus_mistake(tmp_path: Path) -> None:
    from chain_tests import ConfiguratieFout, laad_casus

    tekst = (ROOT / "scenarios/casussen/iteratie3/plan-kappen-boom-made.yaml").read_text()
    tekst = tekst.replace(
        "activiteit:\n  id: nl.imow-gm1719.activiteit.KappenBoomMade",
        "activiteit:\n  id: nl.imow-gm1719.activiteit.Anders",
    )
    (tmp_path / "casussen").mkdir()
    pad = tmp_path / "casussen" / "anders.yaml"
    pad.write_text(tekst, encoding="utf-8")
    with pytest.raises(
        ConfiguratieFout, match=re.escape("activiteit nl.imow-gm1719.activiteit.Anders staat niet in het plan")
    ):
        laad_casus(pad)


def _valideer(bestanden: dict[str, bytes]) -> list[str]:
    from mocks.lvbb.validatie import Context, valideer

    ctx = Context(
        PLANSOFTWARE,
        "ketentest_test_001",
        "validatie",
        dt.date(2026, 1, 5),
        False,
        lambda a, b: True,
        lambda deel: [],
    )
    return [m.beschrijving for m in valideer(lvbb.pak_in(bestanden), ctx)[2] if m.ernst == "fout"]


@pytest.mark.parametrize(
    ("van", "naar", "tekst"),
    [
        (
            ">/akn/nl/bill/gm1719/2026/BomenMade<",
            ">/akn/nl/act/gm1719/2026/BomenMade<",
            "[AanleveringBesluit - Controleer Inhoud Identificatie] Waarde van type derde deel binnen "
            "/akn/nl/act/gm1719/2026/BomenMade is niet gelijk aan bill",
        ),
        (
            "/akn/nl/act/gm1719/2026/OmgevingsplanBomenMade/nld@2026-01-07</data:FRBRExpression>",
            "/akn/nl/act/gm1719/2026/Omgevingsplan.BomenMade/nld@2026-01-07</data:FRBRExpression>",
            "[besluit.xml] Waarde van zevende string Omgevingsplan.BomenMade binnen "
            "/akn/nl/act/gm1719/2026/Omgevingsplan.BomenMade/nld@2026-01-07 voldoet niet aan de reguliere expressie",
        ),
        (
            "/akn/nl/act/gm1719/2026/OmgevingsplanBomenMade/nld@2026-01-07</data:FRBRExpression>",
            "/akn/nl/act/gm1719/OmgevingsplanBomenMade/nld@2026-01-07</data:FRBRExpression>",
            "[besluit.xml] Expressie /akn/nl/act/gm1719/OmgevingsplanBomenMade/nld@2026-01-07 bevat geen 7 delen",
        ),
    ],
)
def test_akn_identifiers_are_checked_with_the_lvbb_texts(
    plan_casus: Callable[[str], Casus], van: str, naar: str, tekst: str
) -> None:
    bestanden = _pakket(plan_casus)
    assert van.encode() in bestanden["besluit.xml"]
    bestanden["besluit.xml"] = bestanden["besluit.xml"].replace(van.encode(), naar.encode(), 1)
    fouten = _valideer(bestanden)
    assert any(f.startswith(tekst) for f in fouten), fouten


def test_an_id_levering_outside_its_pattern_is_refused() -> None:
    from mocks.lvbb.validatie import Context, valideer

    opdracht = lvbb.Opdracht("validatie", "_fout id", DRIMMELEN, PLANSOFTWARE, "b.xml", "2026-01-07")
    bestanden = {
        "opdracht.xml": lvbb.opdracht_xml(opdracht),
        "manifest.xml": lvbb.manifest_xml(["opdracht.xml", "manifest.xml"]),
    }
    ctx = Context(PLANSOFTWARE, "_fout id", "validatie", dt.date(2026, 1, 5), False, lambda a, b: True, lambda d: [])
    meldingen = valideer(lvbb.pak_in(bestanden), ctx)[2]
    assert [m.code for m in meldingen if m.code == "LVBB1006" and "idLevering '_fout id'" in m.beschrijving]


def test_an_opdracht_with_a_doctype_is_refused_with_a_melding_not_an_exception(
    plan_casus: Callable[[str], Casus],
) -> None:
    """With the schemas configured, the opdracht is validated first: a DOCTYPE there is a melding of the
    verslag (LVBB1006 naming it), never an exception out of the LVBB's background pass."""
    assert schemas.lvbb_schema() is not None
    bestanden = _pakket(plan_casus)
    bestanden["opdracht.xml"] = ENTITEITENBOM.replace(b"AanleveringBesluit", b"validatieOpdracht")
    fouten = _valideer(bestanden)
    assert fouten and all("DOCTYPE" in f for f in fouten[:1]), fouten


def test_a_levering_the_lvbb_cannot_handle_ends_with_a_verslag_and_the_next_one_is_processed(
    plan_casus: Callable[[str], Casus], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A poisoned levering (here: the validation itself fails) is ended with behandeling-afgebroken, recorded as
    one storing of the mock, and a valid levering after it is validated as usual."""
    from mocks.lvbb import partij

    echt, keer = partij.valideer, []

    def vergiftigd(data: bytes, ctx: object) -> object:
        keer.append(1)
        if len(keer) == 1:
            raise RuntimeError("vergiftigde levering")
        return echt(data, ctx)  # type: ignore[arg-type]

    monkeypatch.setattr(partij, "valideer", vergiftigd)
    keten = OfflineKeten()
    eerst = _lever(keten, _pakket(plan_casus), "ketentest_test_001")
    tweede = _pakket(plan_casus)
    tweede["opdracht.xml"] = tweede["opdracht.xml"].replace(b"ketentest_test_001", b"ketentest_test_002")
    daarna = _lever(keten, tweede, "ketentest_test_002")
    assert eerst.eind is not None and eerst.eind.uitkomst == "behandeling-afgebroken"
    assert [m.code for m in eerst.eind.meldingen] == ["LVBB0002"] and "RuntimeError" in eerst.eind.meldingen[0].tekst
    assert daarna.eind is not None and daarna.eind.uitkomst == "valide", daarna.eind
    assert len(keten.mocks.lvbb.storingen) == 1
    keten.sluit()


def test_a_verslag_never_echoes_an_id_levering_that_breaks_its_type() -> None:
    transport = schemas.lvbb_schema()
    assert transport is not None
    nu = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    for id_ in ("_fout id", "a" * 81, "a" * 80):
        xml = lvbb.resultaat_xml(lvbb.Verslag("validatie", id_, nu, [melding("LVBB1006")], "behandeling-afgebroken"))
        assert schemas.validate(transport, parse_xml(xml)) == []
        assert (id_.encode() in xml) == lvbb.geldig_id(id_)


def test_the_plansoftware_does_not_send_an_opdracht_that_breaks_its_own_schema(
    plan_casus: Callable[[str], Casus],
) -> None:
    keten = OfflineKeten()
    bestanden = _pakket(plan_casus)
    bestanden["opdracht.xml"] = bestanden["opdracht.xml"].replace(b"ketentest_test_001", b"fout id")
    with keten.client("Planauteur", DRIMMELEN, keten.config.plansoftware.base_url) as c:
        r = c.post(
            planketen.PLAN_LEVERINGEN, content=lvbb.pak_in(bestanden), headers={"Content-Type": "application/zip"}
        )
    assert r.status_code == 400 and "PLAN-OPDRACHT" in r.text and "'fout id'" in r.text
    assert keten.mocks.lvbb.leveringen == []
    keten.sluit()


def test_a_suppliers_real_package_is_published_with_the_plan_settings_alone(referentie: Path, tmp_path: Path) -> None:
    """The supplier's own plansoftware (its OIN the aanleveraar) and nothing else of the keten changed: the LVBB's
    peildatum, the machtiging for gm9920 and what OZON knows come from the configuration's plan settings (the
    profile's 'plan' when served)."""
    from chain_tests.config import PlanInstellingen

    bekend = tmp_path / "ozon-bekend.txt"
    bekend.write_text("# de tophaak van gm9920\nnl.imow-gm9920.activiteit.ActInOmgevingsplanGem\n", encoding="utf-8")
    basis = KetenConfig()
    plan = PlanInstellingen(
        peildatum=dt.date(2021, 12, 1), machtigingen=[f"{AANLEVERAAR}:{GM9920}"], ozon_bekend_bestand=bekend
    )
    config = basis.model_copy(
        update={"plansoftware": basis.plansoftware.model_copy(update={"oin": AANLEVERAAR}), "plan": plan}
    )
    keten = OfflineKeten(config)
    map_ = referentie / "lvbb-testeiland" / "1_Initieel_Besluit"
    bestanden = {p.name: p.read_bytes() for p in sorted(map_.iterdir())}
    levering = _lever(keten, bestanden, "RdG_SanityCheck_001_gemaaktOp_")  # offered by a client of the plansoftware
    keten.sluit()
    assert [v.voortgang or v.uitkomst for v in levering.verslagen][-1] == "gepubliceerd", [
        m for v in levering.verslagen for m in v.meldingen
    ]


def test_a_wrong_plan_setting_is_named() -> None:
    from pydantic import ValidationError

    from chain_tests.config import PlanInstellingen
    from chain_tests.errors import ConfiguratieFout

    with pytest.raises(ValidationError, match="twee OIN's van 20 cijfers"):
        PlanInstellingen(machtigingen=["123:456"])
    with pytest.raises(ConfiguratieFout, match="niet te lezen"):
        PlanInstellingen(ozon_bekend_bestand=Path("/bestaat/niet.txt")).bekend_bij_ozon()


def test_the_profiles_plan_settings_reach_the_keten_the_served_mocks_build() -> None:
    from chain_tests.profiel import Profiel

    profiel = Profiel.model_validate(
        {"plan": {"peildatum": "2021-12-01", "machtigingen": [f"{AANLEVERAAR}:{GM9920}"], "ozon_bekend": ["x.y"]}}
    )
    plan = profiel.keten_config().plan
    assert (plan.peildatum, plan.gemachtigd(AANLEVERAAR, GM9920), plan.bekend_bij_ozon()) == (
        dt.date(2021, 12, 1),
        True,
        {"x.y"},
    )
    assert not plan.gemachtigd(GM9920, AANLEVERAAR)


def _codes(
    bestanden: dict[str, bytes], vandaag: dt.date = dt.date(2026, 1, 5), afzender: str = PLANSOFTWARE
) -> set[str]:
    """The error codes of one validation, the sender's certificate and the LVBB's date as given."""
    from mocks.lvbb.validatie import Context, valideer

    opdracht = lvbb.lees_opdracht(bestanden["opdracht.xml"])
    ctx = Context(afzender, opdracht.id_levering, "validatie", vandaag, False, lambda a, b: True, lambda d: [])
    return {m.code for m in valideer(lvbb.pak_in(bestanden), ctx)[2] if m.ernst == "fout"}


def _met(bestanden: dict[str, bytes], oud: bytes, nieuw: bytes) -> dict[str, bytes]:
    assert oud in bestanden["opdracht.xml"]
    return {**bestanden, "opdracht.xml": bestanden["opdracht.xml"].replace(oud, nieuw)}


def test_boundaries_of_the_opdracht_on_both_sides(plan_casus: Callable[[str], Casus]) -> None:
    """datumBekendmaking: the LVBB's today is refused, tomorrow (a werkdag) is not; idLevering: 80 characters
    pass, 81 do not; the package is otherwise valid, so no other code fires."""
    goed = _pakket(plan_casus)
    assert _codes(goed) == set()
    datum = b"<datumBekendmaking>2026-01-07<"
    assert _codes(_met(goed, datum, b"<datumBekendmaking>2026-01-05<")) == {"LVBB1501"}
    assert _codes(_met(goed, datum, b"<datumBekendmaking>2026-01-06<")) == set()
    id_ = b"ketentest_test_001"
    assert _codes(_met(goed, id_, b"k" * 80)) == set()
    assert _codes(_met(goed, id_, b"k" * 81)) == {"LVBB1006"}


def test_a_file_the_manifest_does_not_list_and_an_aanleveraar_that_is_not_the_sender(
    plan_casus: Callable[[str], Casus],
) -> None:
    goed = _pakket(plan_casus)
    assert _codes({**goed, "extra.xml": b"<extra/>"}) == {"LVBB1010"}
    assert _codes(goed, afzender=DRIMMELEN) == {"LVBB1512"}  # idAanleveraar is the plansoftware's, the sender not
    assert _codes(goed, afzender=PLANSOFTWARE) == set()


def test_the_uitkomst_follows_one_rule_per_kind_of_melding() -> None:
    """A technical error (the package could not be read as one) ends the behandeling; a content error makes it
    niet-valide; a warning alone leaves it valide."""
    from mocks.lvbb.validatie import uitkomst

    technisch, inhoudelijk = melding("LVBB1001"), melding("OZON0082")
    waarschuwing = type(inhoudelijk)(inhoudelijk.code, "waarschuwing", "inhoudelijk", "let op")
    assert (technisch.soort, inhoudelijk.soort) == ("technisch", "inhoudelijk")
    assert uitkomst([technisch, inhoudelijk]) == "behandeling-afgebroken"
    assert uitkomst([inhoudelijk]) == "niet-valide"
    assert uitkomst([waarschuwing]) == uitkomst([]) == "valide"


def _zonder(bestanden: dict[str, bytes], naam: str) -> dict[str, bytes]:
    """The package without ``naam``, its manifest.xml rewritten (so only the defect asked for remains)."""
    rest = {n: d for n, d in bestanden.items() if n != naam}
    rest["manifest.xml"] = lvbb.manifest_xml([n for n in rest if n != "manifest.xml"] + ["manifest.xml"])
    return rest


def _vervang(bestanden: dict[str, bytes], naam: str, oud: bytes, nieuw: bytes) -> dict[str, bytes]:
    assert oud in bestanden[naam], (naam, oud)
    return {**bestanden, naam: bestanden[naam].replace(oud, nieuw)}


REGELING = b"/akn/nl/act/gm1719/2026/OmgevingsplanBomenMade"


def _regeling_werk(bestanden: dict[str, bytes], oud: bytes, nieuw: bytes) -> dict[str, bytes]:
    """The regeling's work changed where the package names it: the besluit, the GIO and the domeinmanifest."""
    for naam in ("besluit.xml", "BomenMade.xml", "manifest-ow.xml"):
        bestanden = _vervang(bestanden, naam, oud, nieuw)
    return bestanden


DOC = b"/akn/nl/doc/gm1719/2026/OmgevingsplanBomenMade<"
#: per implemented code a package built from the casus package with that one defect (valid except for it)
NEGATIEF: list[tuple[str, Callable[[dict[str, bytes]], dict[str, bytes]]]] = [
    ("LVBB1003", lambda b: {n: d for n, d in b.items() if n != "manifest.xml"}),
    ("LVBB1009", lambda b: {n: d for n, d in b.items() if n != "owLocaties.xml"}),
    ("LVBB1027", lambda b: _zonder(b, "manifest-ow.xml")),
    ("LVBB1506", lambda b: _vervang(b, "opdracht.xml", b"<publicatie>besluit.xml<", b"<publicatie>anders.xml<")),
    ("LVBB4005", lambda b: _vervang(b, "besluit.xml", REGELING + b"<", DOC)),
    ("LVBB2020", lambda b: _regeling_werk(b, b"OmgevingsplanBomenMade", b"_OmgevingsplanBomen")),
    ("LVBB1025", lambda b: _vervang(b, "manifest-ow.xml", b"<objecttype>Gebied<", b"<objecttype>Geometrie<")),
    ("LVBB2019", lambda b: _vervang(b, "besluit.xml", b"OmgevingsplanBomenMade/nld@", b"OmgevingsplanBomenMade@")),
    ("LVBB2021", lambda b: _regeling_werk(b, b"OmgevingsplanBomenMade", b"O" * 129)),
    ("LVBB3506", lambda b: _zonder(b, "BomenMade.gml")),
    ("LVBB1008", lambda b: _vervang(b, "manifest.xml", b"<bestand>", b"<onbekend/><bestand>")),
    ("LVBB1032", lambda b: _vervang(b, "manifest-ow.xml", b"<domein>", b"<onbekend/><domein>")),
    ("OZON3000", lambda b: _vervang(b, "owActiviteiten.xml", b"><", b"><onbekend/><")),
]  # fmt: skip


def test_a_file_the_domeinmanifest_names_that_is_not_delivered_is_lvbb1016_and_for_its_doel_lvbb2504(
    plan_casus: Callable[[str], Casus],
) -> None:
    """Two rules of the LVBB on one defect: the file (1016) and, per doel, the files missing (2504)."""
    meldingen = _meldingen(_zonder(_pakket(plan_casus), "owLocaties.xml"))
    assert set(meldingen) == {"LVBB1016", "LVBB2504"}
    assert "owLocaties.xml" in meldingen["LVBB1016"]
    assert meldingen["LVBB2504"].startswith("Bij doel /join/id/proces/") and meldingen["LVBB2504"].endswith(
        " niet meegeleverd : owLocaties.xml"
    )
    twee = _meldingen(_zonder(_zonder(_pakket(plan_casus), "owLocaties.xml"), "owActiviteiten.xml"))["LVBB2504"]
    assert twee.endswith(" : owLocaties.xml, owActiviteiten.xml"), twee


def test_a_regeling_of_an_unknown_akn_type_is_lvbb2010_and_no_act(plan_casus: Callable[[str], Casus]) -> None:
    """An AKN type the LVBB does not know can only stand in the regeling (an act) or the besluit (a bill), so it
    always breaks LVBB4005 or LVBB1502 too; alone it is shown on the expression itself (test_expressie)."""
    pakket = _regeling_werk(_pakket(plan_casus), REGELING, b"/akn/nl/xyz/gm1719/2026/OmgevingsplanBomenMade")
    assert _codes(pakket) == {"LVBB2010", "LVBB4005"}


@pytest.mark.parametrize(("code", "defect"), NEGATIEF, ids=[c for c, _ in NEGATIEF])
def test_each_implemented_code_has_a_package_that_shows_it_alone(
    plan_casus: Callable[[str], Casus], code: str, defect: Callable[[dict[str, bytes]], dict[str, bytes]]
) -> None:
    assert _codes(defect(_pakket(plan_casus))) == {code}


def test_a_package_beyond_the_lvbbs_size_bound_is_refused_unread(
    plan_casus: Callable[[str], Casus], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lvbb, "MAX_ZIP", 1000)
    with pytest.raises(lvbb.ZipFout) as info:
        lvbb.pak_uit(lvbb.pak_in(_pakket(plan_casus)))
    assert info.value.code == "LVBB1040"


def test_a_package_without_its_opdracht_is_lvbb1002_alone(plan_casus: Callable[[str], Casus]) -> None:
    from mocks.lvbb.validatie import Context, valideer

    zonder = {n: d for n, d in _pakket(plan_casus).items() if n != "opdracht.xml"}
    ctx = Context(PLANSOFTWARE, "ketentest_test_001", "validatie", dt.date(2026, 1, 5), False, lambda a, b: True,
                  lambda d: [])  # fmt: skip
    assert {m.code for m in valideer(lvbb.pak_in(zonder), ctx)[2] if m.ernst == "fout"} == {"LVBB1002"}


def test_the_plan_settings_can_be_given_to_running_mocks(referentie: Path, tmp_path: Path) -> None:
    """PUT /_ketentest/plan on the LVBB and DSO-LV (InspectieClient.zet_plan): the same settings as the profile's
    'plan', given while the mocks run; before them the real package is refused, after them it is published."""
    from chain_tests.config import PlanInstellingen

    basis = KetenConfig()
    config = basis.model_copy(update={"plansoftware": basis.plansoftware.model_copy(update={"oin": AANLEVERAAR})})
    keten = OfflineKeten(config)
    map_ = referentie / "lvbb-testeiland" / "1_Initieel_Besluit"
    bestanden = {p.name: p.read_bytes() for p in sorted(map_.iterdir())}
    voor = _lever(keten, bestanden, "RdG_SanityCheck_001_gemaaktOp_")
    assert voor.eind is not None and voor.eind.uitkomst == "behandeling-afgebroken"  # LVBB1512 or LVBB1501
    bekend = tmp_path / "ozon.txt"
    bekend.write_text("nl.imow-gm9920.activiteit.ActInOmgevingsplanGem\n", encoding="utf-8")
    inspectie = keten.inspectie()
    assert inspectie is not None
    inspectie.zet_plan(
        PlanInstellingen(
            peildatum=dt.date(2021, 12, 1), machtigingen=[f"{AANLEVERAAR}:{GM9920}"], ozon_bekend_bestand=bekend
        )
    )
    opdracht = bestanden["opdracht.xml"].replace(b"RdG_SanityCheck_001_gemaaktOp_", b"RdG_SanityCheck_002")
    na = _lever(keten, {**bestanden, "opdracht.xml": opdracht}, "RdG_SanityCheck_002")
    keten.sluit()
    assert [v.voortgang or v.uitkomst for v in na.verslagen][-1] == "gepubliceerd", na.verslagen


def _meldingen(bestanden: dict[str, bytes]) -> dict[str, str]:
    """Code → the melding's text, of one validation (as _codes)."""
    from mocks.lvbb.validatie import Context, valideer

    opdracht = lvbb.lees_opdracht(bestanden["opdracht.xml"])
    ctx = Context(PLANSOFTWARE, opdracht.id_levering, "validatie", dt.date(2026, 1, 5), False, lambda a, b: True,
                  lambda d: [])  # fmt: skip
    return {m.code: m.beschrijving for m in valideer(lvbb.pak_in(bestanden), ctx)[2] if m.ernst == "fout"}


#: what the melding of each negative package must name, so a plan author finds the defect from the verslag alone
GENOEMD = {
    "LVBB1009": ["owLocaties.xml"],
    "LVBB1506": ["anders.xml"],
    "LVBB1025": ["owLocaties.xml"],
    "LVBB3506": ["BomenMade.gml"],
    "LVBB1008": ["manifest.xml regel"],
    "LVBB1032": ["manifest-ow.xml regel"],
    "OZON3000": ["owActiviteiten.xml regel"],
    "LVBB2020": ["_OmgevingsplanBomen", "[besluit.xml]"],
}


@pytest.mark.parametrize("code", sorted(GENOEMD))
def test_the_melding_of_each_negative_package_names_what_is_wrong(
    plan_casus: Callable[[str], Casus], code: str
) -> None:
    defect = dict(NEGATIEF)[code]
    tekst = _meldingen(defect(_pakket(plan_casus)))[code]
    assert all(n in tekst for n in GENOEMD[code]), tekst


def test_a_file_in_the_zip_the_manifest_does_not_list_and_one_it_lists_that_is_missing_are_named(
    plan_casus: Callable[[str], Casus],
) -> None:
    goed = _pakket(plan_casus)
    assert "extra.xml" in _meldingen({**goed, "extra.xml": b"<extra/>"})["LVBB1010"]
    zonder = {n: d for n, d in goed.items() if n != "owLocaties.xml"}
    assert "owLocaties.xml" in _meldingen(zonder)["LVBB1009"]


def _gevalideerd(bestanden: dict[str, bytes], id_verzoek: str | None = None, soort: str = "validatie") -> list[Any]:
    from mocks.lvbb.validatie import Context, valideer

    opdracht = lvbb.lees_opdracht(bestanden["opdracht.xml"]) if id_verzoek is None else None
    ctx = Context(PLANSOFTWARE, id_verzoek or (opdracht.id_levering if opdracht else ""), soort,  # type: ignore[arg-type]
                  dt.date(2026, 1, 5), False, lambda a, b: True, lambda d: [])  # fmt: skip
    return [m for m in valideer(lvbb.pak_in(bestanden), ctx)[2] if m.ernst == "fout"]


def test_an_opdracht_that_breaks_its_schema_is_named_with_file_and_line(plan_casus: Callable[[str], Casus]) -> None:
    goed = _pakket(plan_casus)
    fout = _vervang(goed, "opdracht.xml", b"<idLevering>", b"<onbekend/><idLevering>")
    (m,) = [m for m in _gevalideerd(fout) if m.code == "LVBB1006"]
    assert "opdracht.xml regel" in m.beschrijving
    beide = _vervang(fout, "manifest.xml", b"<bestand>", b"<onbekend/><bestand>")
    assert {"LVBB1006", "LVBB1008"} <= {m.code for m in _gevalideerd(beide)}  # the one does not hide the other


def test_an_opdracht_that_is_no_xml_says_why(plan_casus: Callable[[str], Casus]) -> None:
    stuk = {**_pakket(plan_casus), "opdracht.xml": b"<validatieOpdracht"}
    meldingen = _gevalideerd(stuk, id_verzoek="x")
    # the schema check's melding and the reading's: each names the file and what is wrong with it
    assert [m.code for m in meldingen] == ["LVBB1006", "LVBB1006"]
    assert all("opdracht.xml" in m.beschrijving for m in meldingen), meldingen


def test_a_manifest_with_another_root_keeps_its_own_code(plan_casus: Callable[[str], Casus]) -> None:
    anders = {**_pakket(plan_casus), "manifest.xml": b'<anders xmlns="' + lvbb.LVBB.encode() + b'"/>'}
    assert {m.code for m in _gevalideerd(anders)} == {"LVBB1008"}


@pytest.mark.parametrize(("id_verzoek", "soort"), [("een-ander-id", "validatie"), (None, "publicatie")])
def test_an_opdracht_that_belongs_to_another_verzoek_is_lvbb1006_saying_so(
    plan_casus: Callable[[str], Casus], id_verzoek: str | None, soort: str
) -> None:
    meldingen = _gevalideerd(_pakket(plan_casus), id_verzoek=id_verzoek, soort=soort)
    assert [m.code for m in meldingen] == ["LVBB1006"] and "hoort niet bij" in meldingen[0].beschrijving


def _met_gio(bestanden: dict[str, bytes], naam: str, gio: bytes) -> dict[str, bytes]:
    erbij = {**bestanden, naam: gio}
    erbij["manifest.xml"] = lvbb.manifest_xml([n for n in erbij if n != "manifest.xml"] + ["manifest.xml"])
    return erbij


def test_a_gio_the_besluit_does_not_name_is_lvbb3509_naming_it(plan_casus: Callable[[str], Casus]) -> None:
    goed = _pakket(plan_casus)
    werk, los_werk = b"regdata/gm1719/2026/BomenMade", b"regdata/gm1719/2026/LosseGio"
    gml = goed["BomenMade.gml"].replace(werk, los_werk)  # a GIO of its own, with its own GML
    (_, hash_), *_ = stop.lees_gio(goed["BomenMade.xml"]).bestanden  # type: ignore[union-attr]
    los = goed["BomenMade.xml"].replace(werk, los_werk).replace(b">BomenMade.gml<", b">LosseGio.gml<")
    los = los.replace(hash_.encode(), stop.sha512(gml).encode())
    meldingen = _gevalideerd(_met_gio({**goed, "LosseGio.gml": gml}, "LosseGio.xml", los))
    assert [m.code for m in meldingen] == ["LVBB3509"]
    assert "/join/id/regdata/gm1719/2026/LosseGio/nld@2026-01-07;1" in meldingen[0].beschrijving


def test_a_gio_the_besluit_names_that_is_missing_is_lvbb3504_naming_it(plan_casus: Callable[[str], Casus]) -> None:
    zonder = _zonder(_zonder(_pakket(plan_casus), "BomenMade.xml"), "BomenMade.gml")
    meldingen = [m for m in _gevalideerd(zonder) if m.code == "LVBB3504"]
    assert len(meldingen) == 1 and "BomenMade/nld@2026-01-07;1" in meldingen[0].beschrijving


def test_a_missing_gml_is_named_with_bevoegd_gezag_levering_and_file(plan_casus: Callable[[str], Casus]) -> None:
    goed = _pakket(plan_casus)
    opdracht = lvbb.lees_opdracht(goed["opdracht.xml"])
    (m,) = [m for m in _gevalideerd(_zonder(goed, "BomenMade.gml")) if m.code == "LVBB3506"]
    assert all(w in m.beschrijving for w in (opdracht.bevoegd_gezag, opdracht.id_levering, "BomenMade.gml"))


@pytest.mark.parametrize("zonder", ["lvbb_schema", "imow_schema"])
def test_without_one_of_the_schema_folders_the_verslag_says_so(
    plan_casus: Callable[[str], Casus], monkeypatch: pytest.MonkeyPatch, zonder: str
) -> None:
    from mocks.lvbb.validatie import ZONDER_SCHEMA, Context, valideer

    goed = _pakket(plan_casus)
    opdracht = lvbb.lees_opdracht(goed["opdracht.xml"])
    ctx = Context(PLANSOFTWARE, opdracht.id_levering, "validatie", dt.date(2026, 1, 5), False, lambda a, b: True,
                  lambda d: [])  # fmt: skip
    assert ZONDER_SCHEMA not in valideer(lvbb.pak_in(goed), ctx)[2]  # both folders configured
    monkeypatch.setattr(schemas, zonder, lambda: None)
    assert ZONDER_SCHEMA in valideer(lvbb.pak_in(goed), ctx)[2]


def test_a_manifest_ow_that_is_not_an_aanlevering_keeps_its_matrix_code(plan_casus: Callable[[str], Casus]) -> None:
    """A reading error that carries a code of the matrix (LVBB1032) keeps it; only others become LVBB2003."""
    goed = _pakket(plan_casus)
    anders = {**goed, "manifest-ow.xml": b"<Anders/>"}
    assert "LVBB1032" in {m.code for m in _gevalideerd(anders)}


def test_the_rtr_refuses_a_second_activity_of_a_gemeente_under_another_kinds_across_plans() -> None:
    """RTRG0019 over the whole functionele structuur: each plan alone has one (OZON0206 holds per delivery)."""
    import httpx

    from mocks._infra.routing import CLIENT_OIN
    from mocks.dso_lv.rtr import RtrMock

    rtr = RtrMock("https://dso-lv.test", eigen_oin="dso")

    def bijwerken(ident: str) -> httpx.Response:
        boven = "nl.imow-mnre1034.activiteit.ActInOmgevingsplan"
        a = planketen.FsActiviteit(identificatie=ident, naam="x", bevoegd_gezag="oin-gm", regeling="/akn/r",
                                   bovenliggende_activiteit=boven)  # fmt: skip
        body = planketen.FsBijwerken(activiteiten=[a]).json_bytes()
        request = httpx.Request("POST", "https://dso-lv.test/fs", content=body, extensions={CLIENT_OIN: "dso"},
                                headers={"Content-Type": "application/json"})  # fmt: skip
        return rtr.werk_structuur_bij(request, {})

    assert bijwerken("nl.imow-gm0001.activiteit.a").status_code == 204
    assert bijwerken("nl.imow-gm0001.activiteit.a").status_code == 204  # the same activity again: still one
    r = bijwerken("nl.imow-gm0001.activiteit.b")
    assert r.status_code == 422 and r.json()["meldingen"][0]["code"] == "RTRG0019"
    assert "gm0001: nl.imow-gm0001.activiteit.a, nl.imow-gm0001.activiteit.b" in r.json()["meldingen"][0]["tekst"]
    assert set(rtr.functionele_structuur["oin-gm"]) == {"nl.imow-gm0001.activiteit.a"}  # unchanged
    assert bijwerken("nl.imow-gm0002.activiteit.c").status_code == 204  # another gemeente has its own one
    # a provincie (RTRG0020) and a waterschap (RTRG0021) likewise, under the Rijk's activity
    for soort, code in (("pv", "RTRG0020"), ("ws", "RTRG0021")):
        assert bijwerken(f"nl.imow-{soort}0001.activiteit.a").status_code == 204
        r = bijwerken(f"nl.imow-{soort}0001.activiteit.b")
        assert r.status_code == 422 and r.json()["meldingen"][0]["code"] == code


def test_a_text_given_as_an_oud_and_a_nieuw_line_is_one_of_them_without_its_label() -> None:
    nieuw = melding("LVBB5003", "r", "w", "x", variant="NIEUW").beschrijving
    oud = melding("LVBB5003", "r", "w", "x").beschrijving
    assert nieuw.startswith("Voor regelingversie r is er een vervang of verwijder opdracht") and "\n" not in nieuw
    assert oud.startswith("Voor regelingversie r is er een vervang opdracht waarbij") and "NIEUW" not in oud
