"""A report that calls no one: the analytics Allure 3 puts in every page are removed, anything else external is
refused naming where it is."""

from __future__ import annotations

import base64
import re

import pytest

from chain_tests.errors import ChainTestError
from chain_tests.reporting.opschonen import main, schoon

GTAG = b"""<body><div id="app"></div>
    <script async src="https://www.googletagmanager.com/gtag/js?id=G-X"></script>
    <script>
        window.dataLayer = window.dataLayer || [];
        function gtag(){dataLayer.push(arguments);}
        gtag('config', 'G-X', {"report": "awesome"});
    </script>
    <script>window.allure = {};</script>
</body>"""


def test_the_analytics_are_removed_and_the_report_kept() -> None:
    schoner = schoon(GTAG)
    assert b"googletagmanager" not in schoner and b"gtag" not in schoner
    assert b'<div id="app"></div>' in schoner and b"window.allure = {};" in schoner
    assert schoon(schoner) == schoner  # nothing left to remove


@pytest.mark.parametrize(
    "extern",
    [b'<link rel="stylesheet" href="https://cdn.example/x.css">', b'<img src="http://x.example/p.png">',
     b"<style>@import 'https://fonts.example/f.css';</style>", b'<div style="background:url(https://x.example/b.png)">'],
    ids=["link", "img", "import", "url"],
)  # fmt: skip
def test_anything_else_external_is_refused_naming_where(extern: bytes) -> None:
    with pytest.raises(ChainTestError) as info:
        schoon(b"<body>" + extern + b"</body>")
    assert info.value.code == "KT-RAPPORT-EXTERN" and "http" in str(info.value)


def test_a_namespace_is_no_request() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><a xlink:title="x"/></svg>'
    assert schoon(svg) == svg


def test_the_command_cleans_into_a_new_file(tmp_path: object) -> None:
    from pathlib import Path

    from tests.reporting.test_vertaling import SCRIPT, _pagina

    bron, doel = Path(str(tmp_path)) / "index.html", Path(str(tmp_path)) / "ketentest-rapport.html"
    pagina = GTAG.replace(b"</body>", _pagina(SCRIPT).split(b"<body>")[1])
    bron.write_bytes(pagina)
    assert main([str(bron), str(doel)]) == 0 and b"gtag" not in doel.read_bytes() and bron.read_bytes() == pagina
    assert b"Powered by" not in base64.b64decode(re.findall(rb"base64,([^\"]+)", doel.read_bytes())[0])
    (Path(str(tmp_path)) / "app-1.js").write_text(SCRIPT, encoding="utf-8")
    bron.write_bytes(GTAG)  # the multi-file report: its page cleaned in place, its app script beside it translated
    assert main([str(bron)]) == 0 and "Powered by" not in (Path(str(tmp_path)) / "app-1.js").read_text("utf-8")
    bron.write_bytes(b'<img src="https://x.example/p.png">')
    assert main([str(bron)]) == 1
