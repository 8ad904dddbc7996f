"""A finding's bundle: made by the plugin for each finding, attached in Allure, written under
bevindingen/, linked from the workbook, and replayed with ``python -m chain_tests herhaal`` — offline and
against the served reference VTH, where it reproduces the finding while the fault is there and not after."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from chain_tests.cli import main
from chain_tests.mockservers import NAAM, MockServers
from tests.bouwstenen import DATA, ROOT

pytest_plugins = ["pytester"]

CASUS = ROOT / "scenarios" / "casussen" / "iteratie1" / "kappen-boom-vergunningplicht.yaml"
SCENARIO = (DATA / "scenario_met_fout_vth.txt").read_text(encoding="utf-8")
BSN = b"999990019"


@pytest.fixture
def uitvoer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bundel")


@pytest.fixture
def bundel(pytester: pytest.Pytester, uitvoer: Path) -> Path:
    """The bundle of the KB-ZAAK-ONVOLLEDIG finding (a reference VTH that drops a bijlage), with its report."""
    pytester.makepyfile(SCENARIO % CASUS)
    resultaten, werkboek = uitvoer / "allure", uitvoer / "bevindingen.xlsx"
    result = pytester.runpytest("-m", "iteratie1", f"--alluredir={resultaten}", f"--bevindingen={werkboek}")
    result.assert_outcomes(failed=1, deselected=1)
    (pad,) = (uitvoer / "bevindingen").glob("*.zip")
    return pad


def test_the_bundle_holds_finding_casus_faults_messages_and_diagram(bundel: Path) -> None:
    with zipfile.ZipFile(bundel) as zf:
        namen = set(zf.namelist())
        bevinding = json.loads(zf.read("bevinding.json"))
        trace = json.loads(zf.read("berichten/trace.json"))
        leesmij = zf.read("LEESMIJ.md").decode()
        assert {"casus/casussen/iteratie1/kappen-boom-vergunningplicht.yaml", "fouten.json", "profiel.json"} <= namen
        assert zf.read("casus/casussen/iteratie1/kappen-boom-vergunningplicht.yaml") == CASUS.read_bytes()
        assert json.loads(zf.read("fouten.json")) == {"vth": {"00000001001719001000": {"laat_bijlage_vallen": True}}}
        assert zf.read("volgordediagram.svg").count(b'class="bericht') == len(trace) > 15
        # BSNs masked in every message; only the casus itself (test input, as in the repository) has it
        assert [n for n in namen if BSN in zf.read(n)] == ["casus/casussen/iteratie1/kappen-boom-vergunningplicht.yaml"]
        # the harness's own exchanges too: its query of the zaak (where the finding was seen) and its question to
        # DSO-LV's mock about the delivery, each with its bytes
        eigen = {r["van"]: r for r in trace if r["van"].startswith("ketentest")}
        assert set(eigen) == {"ketentest (controle)", "ketentest (inspectie)"}
        assert all(r["antwoord"]["bestand"] in namen for r in eigen.values())
        ebms = next(r for r in trace if r["soort"] == "ebMS2-bericht")
        assert ebms["verzoek"]["bestand"].endswith(".mime") and ebms["verzoek"]["bestand"] in namen
    assert (bevinding["code"], bevinding["stap"], bevinding["partij"]) == (
        "KB-ZAAK-ONVOLLEDIG",
        9,
        "VTH-systeem Gemeente Drimmelen",
    )
    # a bijlage travels as its checksum and size, not its contents
    upload = next(r for r in trace if r["soort"] == "document uploaden")
    assert set(upload["verzoek"]) == {"bytes", "sha256", "content_type"} and len(upload["verzoek"]["sha256"]) == 64
    assert "herhaal" in leesmij and "KB-ZAAK-ONVOLLEDIG" in leesmij and "Verwacht:" in leesmij


def test_the_bundle_is_attached_in_allure_and_linked_from_the_workbook(bundel: Path, uitvoer: Path) -> None:
    rij = list(load_workbook(uitvoer / "bevindingen.xlsx").active.iter_rows(values_only=True))[1]
    kop = [c.value for c in next(load_workbook(uitvoer / "bevindingen.xlsx").active.iter_rows(max_row=1))]
    velden = dict(zip(kop, rij, strict=True))
    assert velden["Bundel (zip)"] == f"bevindingen/{bundel.name}"
    (uitslag,) = [
        u
        for p in (uitvoer / "allure").glob("*-result.json")
        if (u := json.loads(p.read_text(encoding="utf-8")))["status"] == "failed"
    ]
    # the deep link opens this scenario in the Allure 3 report: its id is the MD5 of the result's uuid
    assert velden["Rapport"] == f"ketentest-rapport.html#{hashlib.md5(uitslag['uuid'].encode()).hexdigest()}"
    bijlagen = {a["name"]: a["source"] for a in uitslag["attachments"]}
    zip_ = uitvoer / "allure" / bijlagen["Bundel voor de leverancier (zip)"]
    assert zip_.read_bytes()[:2] == b"PK" and zip_.stat().st_size == bundel.stat().st_size


def test_replay_offline_reproduces_the_finding_and_without_the_fault_it_is_gone(
    bundel: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["herhaal", str(bundel), "--rapport", str(tmp_path)]) == 1
    uit = capsys.readouterr().out
    assert "Gereproduceerd:" in uit and "[KB-ZAAK-ONVOLLEDIG] Stap 9" in uit and "foto-boom.jpg" in uit
    assert (tmp_path / "volgordediagram.svg").read_text().count('class="bericht') > 15
    assert main(["herhaal", str(bundel), "--zonder-fouten"]) == 0
    assert "Niet gereproduceerd" in capsys.readouterr().out


def test_replay_against_the_served_reference_vth(
    bundel: Path, mockservers: MockServers, capsys: pytest.CaptureFixture[str]
) -> None:
    """The replay runs over HTTPS against the served mocks; the bundle's fault goes into the served reference
    VTH through /_ketentest/fouten and is removed afterwards."""
    profiel = ["--omgeving", NAAM, "--profiel", str(mockservers.profiel_pad)]
    assert main(["herhaal", str(bundel), *profiel]) == 1
    uit = capsys.readouterr().out
    assert f"keten-omgeving '{NAAM}'" in uit and "Gereproduceerd:" in uit and "foto-boom.jpg" in uit
    assert main(["herhaal", str(bundel), *profiel]) == 1  # the fault is set again for each replay
    capsys.readouterr()
    assert main(["herhaal", str(bundel), "--zonder-fouten", *profiel]) == 0  # and was removed after each
    assert "Niet gereproduceerd" in capsys.readouterr().out


def _zip(pad: Path, leden: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(pad, "w") as zf:
        for naam, data in leden.items():
            zf.writestr(naam, data)
    return pad


@pytest.mark.parametrize(
    ("leden", "melding"),
    [
        (None, "geen geldig ZIP-bestand"),
        ({"LEESMIJ.md": b"x"}, "bevinding.json ontbreekt"),
        ({"bevinding.json": b"{nee"}, "bevinding.json is geen geldige JSON"),
        ({"bevinding.json": b"[]"}, "noemt geen code"),
        ({"bevinding.json": b'{"code": "KB-X"}', "../../buiten.txt": b"x"}, "wijst buiten de bundel"),
        ({"bevinding.json": b'{"code": "KB-X"}', "/etc/buiten": b"x"}, "wijst buiten de bundel"),
        ({"bevinding.json": b'{"code": "KB-X", "casus": null}'}, "geen casus"),
        ({"bevinding.json": b'{"code": "KB-X", "casus": "casus/../../x.yaml"}'}, "wijst buiten"),
    ],
)
def test_a_bad_bundle_gets_one_dutch_error_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], leden: dict[str, bytes] | None, melding: str
) -> None:
    pad = tmp_path / "b.zip"
    if leden is None:
        pad.write_bytes(b"PK\x03\x04 dit is geen zip")
    else:
        _zip(pad, leden)
    assert main(["herhaal", str(pad)]) == 2
    fout = capsys.readouterr().err
    assert melding in fout and "Traceback" not in fout
    assert not (tmp_path.parent / "buiten.txt").exists()


def test_a_bundle_with_broken_faults_is_refused(
    bundel: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with zipfile.ZipFile(bundel) as zf:
        leden = {n: zf.read(n) for n in zf.namelist()}
    leden["fouten.json"] = b'{"vth": {"1": {"laat_bijlage_vallen": "misschien"}}}'
    assert main(["herhaal", str(_zip(tmp_path / "b.zip", leden))]) == 2
    assert "fouten.json klopt niet" in capsys.readouterr().err


def test_replay_runs_where_the_bundle_was_recorded_and_says_so_when_it_cannot(
    bundel: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --omgeving the replay uses the keten-omgeving the finding was recorded in; one unknown here is one
    Dutch error (exit 2). Replayed elsewhere, "not reproduced" says that it says nothing of where it was recorded."""
    assert main(["herhaal", str(bundel), "--zonder-fouten"]) == 0
    assert "in keten-omgeving 'offline' (opgenomen in 'offline')" in capsys.readouterr().out
    with zipfile.ZipFile(bundel) as zf:
        leden = {n: zf.read(n) for n in zf.namelist()}
    gegevens = json.loads(leden["bevinding.json"]) | {"omgeving": "pre-gemeente"}
    elders = _zip(tmp_path / "elders.zip", leden | {"bevinding.json": json.dumps(gegevens).encode()})
    assert main(["herhaal", str(elders)]) == 2
    fout = capsys.readouterr().err
    assert "opgenomen in keten-omgeving 'pre-gemeente', die hier niet bekend is" in fout and "--omgeving" in fout
    assert main(["herhaal", str(elders), "--omgeving", "offline", "--zonder-fouten"]) == 0
    uit = capsys.readouterr().out
    assert "Niet gereproduceerd" in uit and "zegt niets over 'pre-gemeente'" in uit
