"""Allure's Dutch completed: the English values of its nl translation and its fixed English texts in Dutch; a
script without the Dutch module refused, naming what to do."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from chain_tests.errors import ChainTestError
from chain_tests.reporting.vertaling import NEDERLANDS, vertaal, vertaal_map, vertaal_pagina

#: the shape of Allure 3.18's app script: translations as JSON.parse('…') modules, one per language
NL = {"statuses": {"passed": "geslaagd"}, "sections": {"report": "Report"}, "ui": {"title": 'Don\'t "stop"'}}
EN = {"statuses": {"passed": "passed"}, "sections": {"report": "Report"}}


def _module(nummer: int, vertaling: dict[str, object]) -> str:
    tekst = json.dumps(vertaling, ensure_ascii=False, separators=(",", ":")).replace("\\", "\\\\").replace("'", "\\'")
    return f"{nummer}:function(e){{e.exports=JSON.parse('{tekst}')}}"


SCRIPT = ",".join([_module(1, EN), _module(2, NL), 'x=(0,F.Y)(p.EY,{children:"Powered by"})'])


def _nl(script: str) -> dict[str, object]:
    (blob,) = re.findall(r"""JSON\.parse\('(\{"statuses": ?\{"passed": ?"geslaagd".*?)(?<!\\)'\)""", script)
    return json.loads(re.sub(r"\\([\\'])", r"\1", blob))


def test_the_dutch_translation_is_completed_and_the_rest_kept() -> None:
    vertaald = vertaal(SCRIPT)
    nl = _nl(vertaald)
    assert nl["sections"] == {"report": "Rapport"}
    assert nl["ui"]["title"] == 'Don\'t "stop"'  # type: ignore[index]  # escapes survive the round trip
    assert nl["ui"]["fullname"] == NEDERLANDS[("ui", "fullname")]  # type: ignore[index]  # a missing key added
    assert _module(1, EN) in vertaald  # English stays English
    assert 'children:"Gemaakt met"' in vertaald and "Powered by" not in vertaald


def test_a_script_without_the_dutch_module_is_refused() -> None:
    with pytest.raises(ChainTestError) as info:
        vertaal(_module(1, EN))
    assert info.value.code == "KT-RAPPORT-VERTALING" and "package.json" in (info.value.hint or "")


def _pagina(*scripts: str) -> bytes:
    tags = b"".join(
        b'<script src="data:text/javascript;base64,' + base64.b64encode(s.encode()) + b'"></script>' for s in scripts
    )
    return b'<!DOCTYPE html>\n<html dir="ltr" lang="en">\n<body>' + tags + b"</body></html>"


def test_the_single_file_page_is_dutch() -> None:
    html = vertaal_pagina(_pagina("var andere=1;", SCRIPT))
    assert b'lang="nl"' in html
    scripts = [base64.b64decode(s).decode() for s in re.findall(rb"base64,([A-Za-z0-9+/=]+)", html)]
    assert scripts[0] == "var andere=1;" and _nl(scripts[1])["sections"] == {"report": "Rapport"}
    with pytest.raises(ChainTestError):
        vertaal_pagina(_pagina("var andere=1;"))


def test_the_multi_file_report_is_dutch(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_bytes(b'<html dir="ltr" lang="en"><script src="app-1.js"></script></html>')
    (tmp_path / "app-1.js").write_text(SCRIPT, encoding="utf-8")
    vertaal_map(tmp_path)
    assert b'lang="nl"' in (tmp_path / "index.html").read_bytes()
    assert "Gemaakt met" in (tmp_path / "app-1.js").read_text(encoding="utf-8")
    (tmp_path / "app-1.js").unlink()
    with pytest.raises(ChainTestError):
        vertaal_map(tmp_path)
