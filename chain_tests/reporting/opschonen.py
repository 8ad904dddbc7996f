"""A report that calls no one: removes from a generated Allure page every script it would load from another host
(Allure 3's awesome plugin switches Google Analytics on with no option to turn it off, allure3 issue #476) and
checks that nothing else in the page points at another host.

``python -m chain_tests.reporting.opschonen BRON [DOEL]`` cleans ``BRON`` (in place, or into ``DOEL``). A page
the check still finds an external load in is refused with the place named: a newer Allure may have moved it.
In a multi-file report it also writes the empty metrics widget the app asks for on every page when a run has
no metrics (otherwise a 404 each time). And it completes the report's Dutch (:mod:`.vertaling`).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from chain_tests.errors import ChainTestError
from chain_tests.reporting.vertaling import is_een_bestand, vertaal_map, vertaal_pagina

#: a script loaded from another host, and the inline script that feeds it (gtag)
_EXTERN_SCRIPT = re.compile(rb"<script\b[^>]*\bsrc=[\"']https?://[^\"']*[\"'][^>]*>\s*</script>\s*", re.I)
_GTAG = re.compile(rb"<script>\s*window\.dataLayer\s*=.*?</script>\s*", re.S)
#: what would make a browser fetch something from another host: src/href/url() to http(s), <link>, import
_EXTERN = re.compile(rb"""(?:\b(?:src|href|action)\s*=\s*["']?|url\(\s*["']?|@import\s+["']?)https?://""", re.I)


def schoon(html: bytes) -> bytes:
    """``html`` without external scripts; refused when something external remains."""
    html = _GTAG.sub(b"", _EXTERN_SCRIPT.sub(b"", html))
    gevonden = _EXTERN.search(html)
    if gevonden is not None:
        stuk = html[max(0, gevonden.start() - 60) : gevonden.end() + 60].decode("utf-8", "replace")
        raise ChainTestError(
            f"Het rapport laadt nog iets van een andere host, bij: …{stuk}…",
            code="KT-RAPPORT-EXTERN",
            hint="Een nieuwere Allure-versie? ketentest pint 'allure' in package.json; pas opschonen.py aan.",
        )
    return html


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print("gebruik: python -m chain_tests.reporting.opschonen BRON [DOEL]", file=sys.stderr)
        return 2
    bron = Path(argv[0])
    doel = Path(argv[1]) if len(argv) == 2 else bron
    try:
        html = schoon(bron.read_bytes())
        if is_een_bestand(html):
            doel.write_bytes(vertaal_pagina(html))
        else:
            doel.write_bytes(html)
            vertaal_map(doel.parent)
    except ChainTestError as exc:
        print(exc, file=sys.stderr)
        return 1
    metrics = bron.parent / "widgets" / "metrics.json"
    if metrics.parent.is_dir() and not metrics.exists():
        metrics.write_text('{"current": [], "history": []}', encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
