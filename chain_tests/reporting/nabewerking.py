"""The Allure results of a run, finished for a beheerder: a finding's message starts with its Dutch text, not
with the Python class (``chain_tests.errors.KetenBevinding: …``), and no step carries a Python traceback (the
masked traceback is the attachment "Technische details"). A finding carries the label ``bevinding`` with its
code (the report's categories group by it, in Dutch: ``allurerc.mjs``); the labels a beheerder has no use for
(host, thread, Python package and suites) go, tags appear once, and the path above a title is the iteratie
and the feature, not the Python module."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

_KLASSE = re.compile(r"^chain_tests\.errors\.\w+: ")
_CODE = re.compile(r"^\[(KB-[A-Z0-9-]+)\]")
_WEG = {"host", "thread", "framework", "language", "package", "parentSuite", "suite", "subSuite"}


def _schoon(onderdeel: dict[str, Any]) -> None:
    details = onderdeel.get("statusDetails")
    if isinstance(details, dict):
        if isinstance(details.get("message"), str):
            details["message"] = _KLASSE.sub("", details["message"])
        if details.get("trace") and onderdeel.get("status") in ("failed", "broken"):
            details.pop("trace")
    for stap in onderdeel.get("steps", []):
        _schoon(stap)


def _labels(uitslag: dict[str, Any]) -> None:
    labels, gezien = [], set()
    for label in uitslag.get("labels", []):
        sleutel = (label.get("name"), label.get("value"))
        if label.get("name") not in _WEG and sleutel not in gezien:
            gezien.add(sleutel)
            labels.append(label)
    bericht = (uitslag.get("statusDetails") or {}).get("message") or ""
    code = _CODE.match(bericht)
    if uitslag.get("status") == "failed" and code and ("bevinding", code.group(1)) not in gezien:
        labels.append({"name": "bevinding", "value": code.group(1)})
    if labels or "labels" in uitslag:
        uitslag["labels"] = labels
    pad = [label["value"] for naam in ("epic", "feature") for label in labels if label.get("name") == naam][:2]
    if pad:
        uitslag["titlePath"] = pad


def werk_bij(map_: Path) -> int:
    """Finish every result in the Allure results folder ``map_``; the number of results changed."""
    veranderd = 0
    for pad in map_.glob("*-result.json"):
        oud = pad.read_text(encoding="utf-8")
        uitslag = json.loads(oud)
        _schoon(uitslag)
        _labels(uitslag)
        nieuw = json.dumps(uitslag, ensure_ascii=False)
        if nieuw != json.dumps(json.loads(oud), ensure_ascii=False):
            pad.write_text(nieuw, encoding="utf-8")
            veranderd += 1
    return veranderd
