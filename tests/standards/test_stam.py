"""STAM verzoek XML and the *Verzoek afhandelen* authorisation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from chain_tests.casus import Casus
from chain_tests.errors import OngeldigeInvoer
from chain_tests.keten import Keten
from chain_tests.offline import OfflineKeten
from chain_tests.scenario import speel_casus
from chain_tests.standards import api
from chain_tests.standards.stam import (
    Projectactiviteit,
    Specificatie,
    StamDocument,
    StamOrganisatie,
    StamPersoon,
    StamVerzoek,
    stam_naar_xml,
    stam_uit_xml,
)
from tests.bouwstenen import DRIMMELEN, LELYSTAD
from tests.catalogus import zoals_in_catalogus


def voorbeeld() -> StamVerzoek:
    return StamVerzoek(
        verzoeknummer="3000001",
        indien_datum=datetime(2026, 11, 28, 12, tzinfo=UTC),
        project_id="p-1",
        bevoegd_gezag=StamOrganisatie(oin=DRIMMELEN, naam="Gemeente Drimmelen"),
        initiatiefnemer=StamPersoon(naam="J. de Vries", bsn="999990019"),
        projectlocaties=["Hoofdstraat 1"],
        projectactiviteiten=[
            Projectactiviteit(
                activiteit_naam="Kappen",
                activiteit_id="nl.imow-gm1719.activiteit.K",
                specificaties=[
                    Specificatie(vraag_id="v1", vraagtekst="Soort?", antwoord="Eik"),
                    Specificatie(
                        vraag_id="b",
                        vraagtekst="Tekening",
                        bijlage_type="Tekening",
                        documenten=[StamDocument(document_id="d1", bestandsnaam="t.pdf")],
                    ),
                ],
            )
        ],
        verzoekbijlages=[StamDocument(document_id="d1", bestandsnaam="t.pdf", bestandsgrootte=10, sha256="a" * 64)],
    )


def test_stam_round_trip_validates() -> None:
    v = voorbeeld()
    assert stam_uit_xml(stam_naar_xml(v)) == v


def test_stam_that_breaks_the_schema_is_refused_with_line() -> None:
    data = stam_naar_xml(voorbeeld()).replace(
        b"<stam:doel>Initi\xc3\xabren</stam:doel>", b"<stam:doel>Slopen</stam:doel>"
    )
    with pytest.raises(OngeldigeInvoer) as info:
        stam_uit_xml(data)
    assert info.value.code == "KT-STAM-XSD" and "Slopen" in str(info.value)


def test_only_the_addressed_oin_may_fetch_the_verzoek(keten: Keten, casus: Callable[[str], Casus]) -> None:
    uitkomst = speel_casus(keten, casus("kappen-boom-vergunningplicht"))
    assert uitkomst.indiening is not None
    nummer = next(iter(uitkomst.indiening.verzoeknummers.values()))
    omgeving = keten.omgeving
    assert isinstance(omgeving, OfflineKeten)
    lelystad = LELYSTAD
    with omgeving.client("VTH Lelystad", lelystad, omgeving.config.dso_lv.base_url) as c:
        r = c.get(api.AFHANDELEN.format(verzoeknummer=nummer))
        stam = c.get(api.AFHANDELEN_STAM.format(verzoeknummer=nummer))
    assert r.status_code == 403 and lelystad in r.text and nummer in r.text
    assert stam.status_code == 403
    # …and the municipality that did fetch it is in the fetch log
    assert {oin for oin, _ in omgeving.dso.afhandelen_mock.opgehaald[nummer]} == {"00000001001719001000"}


def test_bijlagen_are_streamed_and_arrive_whole(keten: Keten, casus: Callable[[str], Casus]) -> None:
    c = casus("kappen-boom-vergunningplicht")
    assert c.aanvraag is not None
    c.aanvraag.bijlagen[1].grootte = 24 * 1024 * 1024 + 7  # several chunks, not a chunk multiple
    uitkomst = speel_casus(keten, c)
    assert uitkomst.zaak is not None and uitkomst.indiening is not None
    foto = next(b for b in uitkomst.zaak.bijlagen if b.bestandsnaam == "foto-boom.jpg")
    verstuurd = next(d for d in uitkomst.indiening.documenten if d.naam == "foto-boom.jpg")
    assert foto.bestandsgrootte == 24 * 1024 * 1024 + 7 and foto.sha256 == verstuurd.sha256
    upload = next(
        r for r in keten.omgeving.trace.regels if r.soort == "document uploaden" and r.bytes_verzonden > 1024**2
    )
    assert upload.verzoek is None  # streamed: the trace did not keep (or see) the body in memory


def test_oversized_bijlage_is_refused_and_nothing_is_kept(casus: Callable[[str], Casus]) -> None:
    from chain_tests.config import KetenConfig
    from chain_tests.errors import KetenBevinding

    omgeving = OfflineKeten(KetenConfig(max_bijlage_bytes=1024 * 1024))
    try:
        with pytest.raises(KetenBevinding) as info:
            speel_casus(Keten(omgeving), casus("kappen-boom-vergunningplicht"))
        zoals_in_catalogus(info.value)
        b = info.value
        assert (b.code, b.stap, b.partij) == ("KB-WEIGERING", 8, "Omgevingsloket (indienen)")
        assert "HTTP 400" in b.gezien and "KT-TE-GROOT" in b.gezien
        assert not any(p.stat().st_size > 1024 * 1024 for p in omgeving.dso.loket.opslag.iterdir())
    finally:
        omgeving.sluit()


def test_afhandelen_serves_the_version_the_notification_names(keten: Keten, casus: Callable[[str], Casus]) -> None:
    from chain_tests.keten import BijlageBron

    uitkomst = speel_casus(keten, casus("kappen-boom-vergunningplicht"))
    assert uitkomst.indiening is not None
    drimmelen = keten.config.organisatie("Drimmelen")
    bijlagen = [
        BijlageBron(naam=d.naam, grootte=d.grootte, bijlage_type=d.bijlage_type, activiteit_id=d.activiteit_id)
        for d in uitkomst.indiening.documenten
    ]
    keten.vul_aan(uitkomst.indiening, drimmelen, bijlagen)
    nummer = uitkomst.indiening.verzoeknummers[drimmelen.oin]
    omgeving = keten.omgeving
    assert isinstance(omgeving, OfflineKeten)
    with omgeving.client("VTH Drimmelen", drimmelen.oin, omgeving.config.dso_lv.base_url) as c:
        eerste = c.get(api.AFHANDELEN.format(verzoeknummer=nummer), params={"volgnummer": "1"})
        laatste = c.get(api.AFHANDELEN.format(verzoeknummer=nummer))
        ontbreekt = c.get(api.AFHANDELEN.format(verzoeknummer=nummer), params={"volgnummer": "9"})
    assert (eerste.json()["volgnummer"], laatste.json()["volgnummer"]) == (1, 2)
    assert all(r["url"].endswith("?volgnummer=1") for r in eerste.json()["referenties"])
    assert ontbreekt.status_code == 404 and f"Verzoek {nummer} met volgnummer 9 bestaat niet" in ontbreekt.text


def test_the_stam_verzoek_is_served_as_xml(keten: Keten, casus: Callable[[str], Casus]) -> None:
    speel_casus(keten, casus("kappen-boom-vergunningplicht"))
    (stam,) = [r for r in keten.omgeving.trace.regels if r.soort == "STAM-verzoek ophalen"]
    assert stam.antwoord_type == "application/xml" and (stam.antwoord or b"").startswith(b"<?xml")
