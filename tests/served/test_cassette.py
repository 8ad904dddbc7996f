"""Recording a run against real parties, and seeing where the mocks differ from them: a served reference VTH changed
on purpose (its zaak API renames a field and adds one) plays the real party; the cassette holds every exchange
with the parties the profile calls real, secrets left out and BSNs masked; replayed against the offline mocks,
the difference names exactly the changed fields."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from chain_tests.cassette import Cassette, lees
from chain_tests.casus import laad_casus
from chain_tests.cli import main
from chain_tests.errors import KetenBevinding
from chain_tests.keten import Keten
from chain_tests.mockservers import NAAM, MockServers
from chain_tests.profiel import Profiel, laad_profiel
from chain_tests.scenario import speel_casus
from chain_tests.served import ServedKeten
from chain_tests.standards.inspectie import Fouten, VthFouten
from chain_tests.verschil import groepeer, vergelijk
from tests.bouwstenen import CASUSSEN, DRIMMELEN


@pytest.fixture(scope="module")
def opname(mockservers: MockServers, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run of the vergunningplicht casus against the served mocks as if every party were real, with Drimmelen's
    VTH answering its zaak API in another shape."""
    _, profiel = laad_profiel(NAAM, mockservers.profiel_pad)
    beheer = ServedKeten(profiel, wis=False)
    beheer.zet_fouten(Fouten(vth={DRIMMELEN: VthFouten(andere_vorm=True)}))
    echt = Profiel.model_validate(profiel.model_dump() | {"inspectie": False})
    map_ = tmp_path_factory.mktemp("cassette")
    cassette = Cassette(map_)
    cassette.begin(echt.keten_config(), "echt")
    omgeving = ServedKeten(echt, cassette=cassette)
    keten = Keten(omgeving)
    try:
        with pytest.raises(KetenBevinding):  # the harness cannot read a zaak without its initiatiefnemer
            speel_casus(keten, laad_casus(CASUSSEN / "iteratie1" / "kappen-boom-vergunningplicht.yaml"))
    finally:
        keten.sluit()
        omgeving.sluit()
        beheer.herstel_fouten()
        beheer.sluit()
    return map_


def test_the_cassette_holds_each_exchange_without_secrets_or_bsns(opname: Path) -> None:
    kop, wissels = lees(opname)
    assert kop["profiel"] == "echt" and len(kop["organisaties"]) == 5
    soorten = {w["soort"] for w in wissels}
    assert {"vergunningcheck", "verzoek indienen", "document uploaden", "zaak opvragen"} <= soorten
    alles = (opname / "cassette.jsonl").read_text(encoding="utf-8")
    assert "offline-api-key" not in alles and "x-api-key" not in alles  # the API key of /publiek/ is never kept
    bodies = b"".join(base64.b64decode(w["verzoek"].get("base64", "")) for w in wissels)
    assert b"999990019" not in bodies and b"******019" in bodies  # the initiatiefnemer's BSN, masked
    upload = next(w for w in wissels if w["soort"] == "document uploaden")
    assert set(upload["verzoek"]) == {"headers", "bytes", "sha256"} and upload["verzoek"]["bytes"] > 0


def test_the_difference_names_exactly_the_changed_fields(opname: Path) -> None:
    verschillen = {soort: v for soort, v in groepeer(vergelijk(opname)).items() if v}
    assert verschillen == {
        "zaak opvragen": [
            "alleen in de opname: zaken[].aanvrager: tekst, zaken[].extra: getal",
            "alleen bij de mock: zaken[].initiatiefnemer: tekst",
        ]
    }


def test_the_command_says_it_in_dutch_and_fails(opname: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verschil", str(opname)]) == 1
    uit = capsys.readouterr().out
    assert uit.startswith("De mocks wijken af van de opgenomen partij:")
    assert "✗ zaak opvragen (GET /vth/api/v1/zaken" in uit and "✓ vergunningcheck" in uit


def test_a_broken_cassette_is_one_dutch_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "cassette.jsonl").write_text(json.dumps({"iets": "anders"}) + "\n", encoding="utf-8")
    assert main(["verschil", str(tmp_path)]) == 2
    assert "begint niet met de kopregel van ketentest" in capsys.readouterr().err
    assert main(["verschil", str(tmp_path / "leeg")]) == 2
    assert "Geen cassette in" in capsys.readouterr().err
