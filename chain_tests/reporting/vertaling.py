"""The words Allure 3.18's Dutch translation leaves in English, in Dutch (issue 25 §3).

Allure's app carries its translations as JSON modules inside its script; the Dutch one (``nl``) copies about
twenty values from English ("Report", "Resolution", …) and lacks three keys, and the footer says "Powered by" in
every language. :func:`vertaal` fills those in the app script; a script whose Dutch module cannot be found is
refused (a newer Allure may have moved it: ketentest pins the version in package.json).
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

from chain_tests.errors import ChainTestError

#: the Dutch module is the one whose statuses are Dutch
_NL_MODULE = re.compile(r"""JSON\.parse\('(\{"statuses":\{"passed":"geslaagd".*?)(?<!\\)'\)""", re.S)
#: a backslash escape inside a JavaScript single-quoted string: ``\\`` and ``\'``
_JS_ESCAPE = re.compile(r"\\([\\'])")

#: key path in the translation → the Dutch text (Dutch words that are the same in English stay: Status, Tags, …)
NEDERLANDS: dict[tuple[str, ...], str] = {
    ("sections", "report"): "Rapport",
    ("tabs", "resolutionCategories"): "Afhandelingen",
    ("ui", "resolutionCategories"): "Afhandelingen",
    ("ui", "fullname"): "Volledige naam",
    ("ui", "retry-hash"): "Herhalingskenmerk",
    ("ui", "test-case-id"): "Testgeval-id",
    ("ui", "openPwTrace"): "Playwright-trace openen",
    ("filters", "resolution"): "Afhandeling",
    ("filters", "resolutions", "issue"): "Gekoppeld issue",
    ("filters", "resolutions", "muted"): "Gedempt",
    ("filters", "resolutions", "accepted"): "Geaccepteerd",
    ("filters", "description", "resolution", "issue"): "Toon testresultaten met een gekoppeld issue",
    ("filters", "description", "resolution", "muted"): "Toon gedempte testresultaten",
    ("filters", "description", "resolution", "accepted"): "Toon geaccepteerde testresultaten",
    ("transitions", "description", "resolution", "issue"): "Gekoppeld aan een issue",
    ("transitions", "description", "resolution", "muted"): "Gedempt testresultaat",
    ("transitions", "description", "resolution", "accepted"): "Geaccepteerd testresultaat",
    ("empty", "no-resolution-categories-results"): "Geen afhandelingen",
    ("timeline", "host"): "Machine: {{ host }}",
    ("attachments", "imageDiff", "mode", "diff"): "Verschil",
    ("attachments", "imageDiff", "mode", "overlay"): "Over elkaar",
    ("attachments", "imageDiff", "image", "diff"): "Verschil",
    ("shortcuts", "items", "tabResolutionCategories"): "Tabblad Afhandelingen",
    ("shortcuts", "items", "reportTabResolutionCategories"): "Rapporttabblad: Afhandelingen",
}

#: texts written into the app's components, not its translations
VASTE_TEKSTEN: dict[str, str] = {
    'children:"Powered by"': 'children:"Gemaakt met"',
    'children:"something went wrong"': 'children:"er ging iets mis"',
}


def vertaal(script: str) -> str:
    """Allure's app script with its Dutch translation completed and its fixed English texts in Dutch."""
    gevonden = _NL_MODULE.search(script)
    if gevonden is None:
        raise ChainTestError(
            "De Nederlandse vertaling is niet gevonden in het script van het Allure-rapport.",
            code="KT-RAPPORT-VERTALING",
            hint="Een nieuwere Allure-versie? ketentest pint 'allure' in package.json; pas vertaling.py aan.",
        )
    nl = json.loads(_JS_ESCAPE.sub(r"\1", gevonden.group(1)))
    for pad, tekst in NEDERLANDS.items():
        _zet(nl, pad, tekst)
    nieuw = json.dumps(nl, ensure_ascii=False, separators=(",", ":")).replace("\\", "\\\\").replace("'", "\\'")
    script = script[: gevonden.start(1)] + nieuw + script[gevonden.end(1) :]
    for engels, nederlands in VASTE_TEKSTEN.items():
        script = script.replace(engels, nederlands)
    return script


def _zet(boom: dict[str, Any], pad: tuple[str, ...], tekst: str) -> None:
    for sleutel in pad[:-1]:
        boom = boom.setdefault(sleutel, {})
    boom[pad[-1]] = tekst


#: the app script as the single-file report carries it: a base64 data URI
_DATA_SCRIPT = re.compile(rb'(<script[^>]*\bsrc=")data:text/javascript;base64,([A-Za-z0-9+/=]+)(")')


def vertaal_pagina(html: bytes) -> bytes:
    """A single-file report page in Dutch: ``lang="nl"``, and its app script (a data URI) translated."""
    html = html.replace(b'<html dir="ltr" lang="en">', b'<html dir="ltr" lang="nl">', 1)
    vertaald = [0]

    def _vertaal(gevonden: re.Match[bytes]) -> bytes:
        script = base64.b64decode(gevonden.group(2)).decode("utf-8")
        if _NL_MODULE.search(script) is None:  # another script of the page (not the app): left as it is
            return gevonden.group(0)
        vertaald[0] += 1
        nieuw = base64.b64encode(vertaal(script).encode("utf-8"))
        return gevonden.group(1) + b"data:text/javascript;base64," + nieuw + gevonden.group(3)

    html = _DATA_SCRIPT.sub(_vertaal, html)
    if not vertaald[0]:
        raise ChainTestError(
            "Het rapportbestand bevat geen app-script met een Nederlandse vertaling.", code="KT-RAPPORT-VERTALING"
        )
    return html


def is_een_bestand(html: bytes) -> bool:
    """Whether a report page carries its app inline (Allure's single-file mode)."""
    return _DATA_SCRIPT.search(html) is not None


def vertaal_map(rapport: Path) -> None:
    """A multi-file report in Dutch: its ``index.html`` and the app scripts beside it."""
    index = rapport / "index.html"
    index.write_bytes(index.read_bytes().replace(b'<html dir="ltr" lang="en">', b'<html dir="ltr" lang="nl">', 1))
    scripts = sorted(rapport.glob("app-*.js"))
    if not scripts:
        raise ChainTestError(
            f"Geen app-script naast {index}: is dit een Allure 3-rapport?", code="KT-RAPPORT-VERTALING"
        )
    for script in scripts:
        script.write_text(vertaal(script.read_text(encoding="utf-8")), encoding="utf-8")
