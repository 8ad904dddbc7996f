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


def test_a_finding_is_labelled_with_its_code_and_python_labels_go(tmp_path: Path) -> None:
    labels = [
        {"name": "epic", "value": "Iteratie 1"}, {"name": "feature", "value": "Vergunningplicht"},
        {"name": "tag", "value": "stap9"}, {"name": "tag", "value": "stap9"}, {"name": "host", "value": "vm"},
        {"name": "thread", "value": "1-MainThread"}, {"name": "parentSuite", "value": "scenarios.iteratie1"},
        {"name": "package", "value": "scenarios.iteratie1.test_x"},
    ]  # fmt: skip
    uitslag = {"status": "failed", "statusDetails": {"message": "[KB-GEEN-ACK] Stap 9 – x"}, "labels": labels,
               "titlePath": ["scenarios", "iteratie1", "test_x.py"]}  # fmt: skip
    gebroken = {"status": "broken", "statusDetails": {"message": "[KT-CONF] fout"}, "labels": labels}
    (tmp_path / "a-result.json").write_text(json.dumps(uitslag), encoding="utf-8")
    (tmp_path / "b-result.json").write_text(json.dumps(gebroken), encoding="utf-8")
    werk_bij(tmp_path)
    terug = json.loads((tmp_path / "a-result.json").read_text(encoding="utf-8"))
    assert [(label["name"], label["value"]) for label in terug["labels"]] == [
        ("epic", "Iteratie 1"), ("feature", "Vergunningplicht"), ("tag", "stap9"), ("bevinding", "KB-GEEN-ACK"),
    ]  # fmt: skip
    assert terug["titlePath"] == ["Iteratie 1", "Vergunningplicht"]
    anders = json.loads((tmp_path / "b-result.json").read_text(encoding="utf-8"))
    assert "bevinding" not in {label["name"] for label in anders["labels"]}  # a broken run is no finding
