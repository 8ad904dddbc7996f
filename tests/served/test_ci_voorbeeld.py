"""The supplier's CI example (docs/ci-voorbeeld.gitlab-ci.yml) runs as written: its script, in a
fresh folder with the supplier guide's profile 'mijnvth', the reference VTH standing in for the supplier's
system. Only what is the supplier's own is replaced: ``make install`` (this environment is installed) and
``./start-mijn-vth.sh`` (here: the reference VTH as Gemeente Drimmelen). The profile's Drimmelen URL and
adapter come from environment variables, as the guide describes for overrides."""

from __future__ import annotations

import os
import re
import socket
import subprocess
from pathlib import Path

import yaml

from chain_tests.standards import zgw
from tests.bouwstenen import DRIMMELEN, ROOT


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _script(poort: int) -> list[str]:
    job = yaml.safe_load((ROOT / "docs" / "ci-voorbeeld.gitlab-ci.yml").read_text(encoding="utf-8"))["ketentest"]
    regels: list[str] = []
    for regel in job["script"]:
        if regel.strip() == "make install":
            continue
        if regel.startswith("./start-mijn-vth.sh"):
            regel = (
                f".venv/bin/python -m mocks serve vth --oin {DRIMMELEN} --omgeving mijnvth "
                f"> reports/mijn-vth.log 2>&1 &"
            )
        regels.append(regel.strip())
    return regels


def test_the_ci_example_runs_green_against_the_reference_vth(tmp_path: Path) -> None:
    gids = (ROOT / "docs" / "leveranciersgids.md").read_text(encoding="utf-8")
    profiel = "\n".join(b for b in re.findall(r"```toml\n(.*?)```", gids, re.S) if "[profielen.mijnvth" in b)
    (tmp_path / "ketentest.toml").write_text(profiel, encoding="utf-8")
    for naam in (".venv", "scenarios", "conftest.py", "pyproject.toml"):
        (tmp_path / naam).symlink_to(ROOT / naam)
    (tmp_path / "reports").mkdir()
    poort = _vrije_poort()
    prefix = f"KETENTEST_PROFIELEN__MIJNVTH__VTH__{DRIMMELEN}__"
    env = os.environ | {
        "KETENTEST_OMGEVING": "mijnvth",
        prefix + "URL": f"https://127.0.0.1:{poort}",  # the one thing not as written: where the stand-in listens
        prefix + "ZGW__SECRET": zgw.MOCK_SECRET,  # the CI secret the guide names: here the stand-in's client
    }
    script = "\n".join(["set -euo pipefail", "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT", *_script(poort)])
    run = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    uit = run.stdout + run.stderr
    assert run.returncode == 0, uit[-4000:] + (tmp_path / "reports" / "mocks.log").read_text()[-2000:]
    assert "✓ Preflight" in uit and re.search(r"\d+ passed", uit) and not re.search(r"\d+ (failed|error)", uit)
    # the guide's zgw adapter cannot hand a zaak over: what needs doorzetten is not played, and the run says why;
    # the zaakstatus scenario is played, through the ZGW APIs
    assert "Niet gespeeld: het VTH-systeem biedt niet wat deze scenario's vragen" in uit
    niet_gespeeld = uit.split("Niet gespeeld", 1)[1]
    assert "doorzetten" in niet_gespeeld and "(adapter zgw)" in niet_gespeeld and "zaakstatus" not in niet_gespeeld
    assert "POST /zaken/api/v1/statussen" in (tmp_path / "reports" / "mijn-vth.log").read_text()
    assert (tmp_path / "reports" / "junit.xml").is_file() and (tmp_path / "reports" / "bevindingen.xlsx").is_file()
