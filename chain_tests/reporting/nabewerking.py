"""The Allure results of a run, finished for a beheerder: a finding's message starts with its Dutch text, not
with the Python class (``chain_tests.errors.KetenBevinding: …``), and no step carries a Python traceback (the
masked traceback is the attachment "Technische details")."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

_KLASSE = re.compile(r"^chain_tests\.errors\.\w+: ")


def _schoon(onderdeel: dict[str, Any]) -> None:
    details = onderdeel.get("statusDetails")
    if isinstance(details, dict):
        if isinstance(details.get("message"), str):
            details["message"] = _KLASSE.sub("", details["message"])
        if details.get("trace") and onderdeel.get("status") in ("failed", "broken"):
            details.pop("trace")
    for stap in onderdeel.get("steps", []):
        _schoon(stap)


def werk_bij(map_: Path) -> int:
    """Finish every result in the Allure results folder ``map_``; the number of results changed."""
    veranderd = 0
    for pad in map_.glob("*-result.json"):
        oud = pad.read_text(encoding="utf-8")
        uitslag = json.loads(oud)
        _schoon(uitslag)
        nieuw = json.dumps(uitslag, ensure_ascii=False)
        if nieuw != json.dumps(json.loads(oud), ensure_ascii=False):
            pad.write_text(nieuw, encoding="utf-8")
            veranderd += 1
    return veranderd
