"""A bijlage with any Dutch (or hostile) file name goes through the whole chain, named exactly
as given; names with CR, LF or NUL are refused at upload with a Dutch melding."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from chain_tests.casus import Casus, laad_casus
from chain_tests.clients.afhandelen import AfhandelenClient
from chain_tests.clients.loket import LoketClient
from chain_tests.errors import ConfiguratieFout
from chain_tests.keten import Keten
from chain_tests.offline import OfflineKeten
from chain_tests.scenario import speel_casus
from chain_tests.standards import api
from chain_tests.standards.tekst import naam_uit_content_disposition
from tests.bouwstenen import ROOT

CASUS = ROOT / "scenarios/casussen/iteratie1/kappen-boom-vergunningplicht.yaml"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def test_every_file_name_arrives_exactly_as_given_and_is_stored_safely(
    keten: Keten, vreemde_namen: list[str], casus_met_namen: Callable[[list[str]], Casus]
) -> None:
    uitkomst = speel_casus(keten, casus_met_namen(vreemde_namen))
    assert uitkomst.zaak is not None
    assert sorted(b.bestandsnaam for b in uitkomst.zaak.bijlagen) == sorted(vreemde_namen)
    assert isinstance(keten.omgeving, OfflineKeten)
    opslagen = [keten.omgeving.dso.loket.opslag, *(v.opslag for v in keten.omgeving.vths.values())]
    opgeslagen = [p for o in opslagen for p in o.rglob("*")]
    assert opgeslagen and all(p.parent in opslagen and UUID.match(p.name) for p in opgeslagen)


def test_the_download_header_carries_the_exact_name_rfc_6266(
    keten: Keten, vreemde_namen: list[str], casus_met_namen: Callable[[list[str]], Casus]
) -> None:
    uitkomst = speel_casus(keten, casus_met_namen(vreemde_namen))
    assert uitkomst.indiening is not None
    drimmelen = keten.config.organisatie("Drimmelen")
    afh = AfhandelenClient(keten.client("VTH-systeem", drimmelen))
    refs = afh.referenties(uitkomst.indiening.verzoeknummers[drimmelen.oin])
    gezien = []
    for ref in refs.referenties:
        if ref.soort == "BIJLAGE":
            with afh.client.stream("GET", ref.url) as r:
                header = r.headers["Content-Disposition"]
                assert header.isascii()
                gezien.append(naam_uit_content_disposition(header))
    assert sorted(gezien) == sorted(vreemde_namen)


@pytest.mark.parametrize("naam", ["a\r\nb.pdf", "a\nb.pdf", "a\x00b.pdf", "tab\tje.pdf", "   "])
def test_a_name_with_control_characters_is_refused_at_upload_with_a_dutch_melding(keten: Keten, naam: str) -> None:
    loket = LoketClient(keten.client("Initiatiefnemer (Omgevingsloket)"))
    persoon = api.Persoon(naam="J. de Vries", bsn="999990019")
    act = api.IndienActiviteit(activiteit_id="nl.imow-gm1719.activiteit.X", activiteit_naam="X")
    concept = loket.maak_verzoek(api.Indienbericht(initiatiefnemer=persoon, locatie="Made", activiteiten=[act]))
    r = keten.client("Initiatiefnemer (Omgevingsloket)").post(
        api.pad(api.INDIENEN_DOCUMENTEN, verzoek_id=concept.verzoek_id),
        content=b'{"bestandsnaam": ' + __import__("json").dumps(naam).encode() + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 400
    tekst = r.json()["meldingen"][0]["tekst"]
    assert tekst.startswith("bestandsnaam: de bestandsnaam ")
    assert "stuurteken" in tekst or "leeg" in tekst


def test_a_casus_with_a_control_character_in_a_file_name_is_refused(tmp_path: Path) -> None:
    tekst = CASUS.read_text(encoding="utf-8").replace(
        "naam: situatietekening.pdf", 'naam: "situatie\\r\\ntekening.pdf"'
    )
    pad = tmp_path / "casus.yaml"
    pad.write_text(tekst, encoding="utf-8")
    with pytest.raises(ConfiguratieFout) as info:
        laad_casus(pad)
    assert "aanvraag.bijlagen[1].naam" in str(info.value) and "stuurteken" in str(info.value)
