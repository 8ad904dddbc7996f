"""The Locust locustfile: headless, for a bounded time, against the served mocks and the
reference VTH: every verzoek becomes a complete zaak; and a VTH that drops a bijlage makes stap 9 fail with
the finding's text, so the load test's verdict can be false."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from chain_tests import Fouten, VthFouten
from chain_tests.mockservers import NAAM, MockServers
from chain_tests.profiel import laad_profiel
from chain_tests.served import ServedKeten
from tests.bouwstenen import DRIMMELEN, ROOT


def _locust(
    mockservers: MockServers, map_: Path, **extra: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, dict[str, str]]]:
    env = os.environ | {
        "KETENTEST_OMGEVING": NAAM,
        "KETENTEST_PROFIEL": str(mockservers.profiel_pad),
        "KETENTEST_PER_UUR": "3600",
        **extra,
    }
    run = subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "-u", "2",
         "-r", "2", "--run-time", "3s", "--stop-timeout", "60", "--only-summary", "--csv", str(map_ / "stats")],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    rijen: dict[str, dict[str, str]] = {}
    if (map_ / "stats_stats.csv").is_file():
        with (map_ / "stats_stats.csv").open(encoding="utf-8") as fh:
            rijen = {r["Name"]: r for r in csv.DictReader(fh)}
    return run, rijen


def test_every_verzoek_becomes_a_zaak_under_load(mockservers: MockServers, tmp_path: Path) -> None:
    run, rijen = _locust(mockservers, tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    for naam in ("stap 8: indienen", "stap 9: verzoek → zaak"):
        assert int(rijen[naam]["Request Count"]) >= 1, rijen
        assert rijen[naam]["Failure Count"] == "0", (tmp_path / "stats_failures.csv").read_text()


def test_a_vth_that_drops_a_bijlage_fails_stap_9_with_the_finding(mockservers: MockServers, tmp_path: Path) -> None:
    keten = ServedKeten(laad_profiel(NAAM, mockservers.profiel_pad)[1], wis=False)
    try:
        keten.zet_fouten(Fouten(vth={DRIMMELEN: VthFouten(laat_bijlage_vallen=True)}))
        run, rijen = _locust(mockservers, tmp_path)
    finally:
        keten.herstel_fouten()
        keten.sluit()
    assert run.returncode == 1, run.stdout[-3000:] + run.stderr[-3000:]  # Locust's own verdict: requests failed
    stap9 = rijen["stap 9: verzoek → zaak"]
    assert int(stap9["Failure Count"]) == int(stap9["Request Count"]) >= 1
    with (tmp_path / "stats_failures.csv").open(encoding="utf-8") as fh:
        fouten = list(csv.DictReader(fh))
    # one row for the kind of failure, whatever the verzoeknummer: its code, stap, party and summary
    assert [(f["Name"], f["Error"]) for f in fouten] == [
        (
            "stap 9: verzoek → zaak",
            "KB-ZAAK-ONVOLLEDIG – stap 9 – VTH-systeem Gemeente Drimmelen: de zaak klopt niet met wat is ingediend",
        )
    ]
    assert int(fouten[0]["Occurrences"]) == int(stap9["Failure Count"])


def test_against_a_vth_that_cannot_be_reached_the_run_fails_at_once(mockservers: MockServers, tmp_path: Path) -> None:
    """The preflight runs first: a load test against a VTH that is not there ends with exit code 2 and says why,
    instead of "0 failures" because every check was still waiting when the run stopped."""
    dood = f"KETENTEST_PROFIELEN__{NAAM.upper()}__VTH__{DRIMMELEN}__URL"
    run, rijen = _locust(mockservers, tmp_path, **{dood: "https://127.0.0.1:9"})
    assert run.returncode == 2, run.stdout[-2000:] + run.stderr[-2000:]
    assert "VTH-systeem Gemeente Drimmelen" in run.stderr and "niet bereikbaar" in run.stderr
    assert all(r["Request Count"] == "0" for r in rijen.values())
