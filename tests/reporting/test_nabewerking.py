"""A finding in the Allure results reads as a finding: its Dutch text first, no Python class, no traceback in a
step (the masked traceback is an attachment)."""

from __future__ import annotations

import json
from pathlib import Path

from chain_tests.reporting.nabewerking import werk_bij


def test_the_message_starts_with_the_finding_and_steps_carry_no_traceback(tmp_path: Path) -> None:
    uitslag = {
        "status": "failed",
        "statusDetails": {"message": "chain_tests.errors.KetenBevinding: [KB-GEEN-ZAAK] Stap 9", "trace": "Bevinding"},
        "steps": [
            {"status": "passed", "statusDetails": {"message": "", "trace": "ok"}},
            {"status": "failed", "statusDetails": {"message": "KetenBevinding: x", "trace": 'File "k.py", line 3'},
             "steps": [{"status": "broken", "statusDetails": {"message": "chain_tests.errors.ConfiguratieFout: y",
                                                             "trace": "self = <Keten>"}}]},
        ],
    }  # fmt: skip
    (tmp_path / "a-result.json").write_text(json.dumps(uitslag), encoding="utf-8")
    (tmp_path / "b-result.json").write_text(json.dumps({"status": "passed", "statusDetails": {}}), encoding="utf-8")
    assert werk_bij(tmp_path) == 1
    terug = json.loads((tmp_path / "a-result.json").read_text(encoding="utf-8"))
    assert terug["statusDetails"] == {"message": "[KB-GEEN-ZAAK] Stap 9"}
    assert terug["steps"][0]["statusDetails"]["trace"] == "ok"  # a passed step is left alone
    assert "trace" not in terug["steps"][1]["statusDetails"]
    assert terug["steps"][1]["steps"][0]["statusDetails"] == {"message": "y"}
    assert werk_bij(tmp_path) == 0  # once is enough
