"""Fixtures for the browser test of the Allure report (make rapport-test).

The single-file report (reports/ketentest-rapport.html) is opened from disk (file://), as from a ticket; the
multi-file report is served from 127.0.0.1 by a throwaway HTTP server (its app fetches its data, which browsers
refuse from file://). Both in a headless system Chromium driven by Playwright, which refuses and names every
request to another host.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, sync_playwright

from chain_tests import variabelen

ROOT = Path(__file__).parents[1]
CASUS = ROOT / "scenarios" / "casussen" / "iteratie1" / "kappen-boom-vergunningplicht.yaml"
FOUT_SCENARIO = ROOT / "tests" / "data" / "scenario_met_fout_vth.txt"

#: Chromium as root, offline: no sandbox, no background connections (refused on a closed network).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--rapport",
        default="reports/allure-report",
        help="Map met het gegenereerde Allure-rapport (make rapport).",
    )
    parser.addoption(
        "--rapportbestand",
        default="reports/ketentest-rapport.html",
        help="Het rapport als één HTML-bestand (make rapport).",
    )
    parser.addoption(
        "--resultaten",
        default="reports/allure-results",
        help="Map met de Allure-resultaten waaruit het rapport gemaakt is.",
    )
    parser.addoption(
        "--schermafdrukken",
        default="reports/schermafdrukken",
        help="Map voor de schermafdrukken van wat een beheerder ziet (make schermafdrukken zet ze in docs/).",
    )
    parser.addoption(
        "--schermafdruk",
        default="reports/rapport-schermafdruk.png",
        help="Waar de schermafdruk van het geopende scenario komt.",
    )


class _StilleHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def rapport_map(pytestconfig: pytest.Config) -> Path:
    map_ = Path(pytestconfig.getoption("--rapport")).resolve()
    if not (map_ / "index.html").is_file():
        pytest.fail(f"Geen Allure-rapport in {map_}: maak het eerst met 'make keten' (of geef --rapport=MAP).")
    return map_


@contextmanager
def serveer(map_: Path) -> Iterator[str]:
    """``map_`` over HTTP on 127.0.0.1; yields the base URL (ending in /)."""
    handler = functools.partial(_StilleHandler, directory=str(map_))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def rapportbestand(pytestconfig: pytest.Config) -> Path:
    pad = Path(pytestconfig.getoption("--rapportbestand")).resolve()
    if not pad.is_file():
        pytest.fail(f"Geen rapportbestand {pad}: maak het eerst met 'make keten' (of geef --rapportbestand=PAD).")
    return pad


@pytest.fixture(scope="session")
def rapport_url(rapport_map: Path) -> Iterator[str]:
    with serveer(rapport_map) as basis:
        yield basis + "index.html"


@pytest.fixture(scope="session")
def bevinding_rapport(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, Any]]]:
    """A report with one finding (a reference VTH that drops a bijlage), made as a user would: pytest with
    --alluredir and --bevindingen, then the single-file report beside the workbook, as make rapport makes it.
    Yields the folder as a file:// URL and the finding's line of bevindingen.jsonl (whose 'rapport' is the deep
    link, relative to the workbook)."""
    map_ = tmp_path_factory.mktemp("bevinding")
    (map_ / "test_fout.py").write_text(FOUT_SCENARIO.read_text(encoding="utf-8") % CASUS, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "test_fout.py", "-m", "iteratie1", "-p", "no:cacheprovider",
         f"--rootdir={map_}", "--alluredir=results", "--bevindingen=bevindingen.xlsx"],
        cwd=map_, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert run.returncode == 1, run.stdout[-3000:]  # the one scenario fails with its finding
    subprocess.run(
        ["npx", "--no-install", "allure", "generate", str(map_ / "results"), "--config", "allurerc-bestand.mjs",
         "-o", str(map_ / "bestand")],
        cwd=ROOT, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "chain_tests.reporting.opschonen", str(map_ / "bestand" / "index.html"),
         str(map_ / "ketentest-rapport.html")],
        cwd=ROOT, check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    (regel,) = (map_ / "bevindingen.jsonl").read_text(encoding="utf-8").splitlines()
    yield map_.as_uri() + "/", json.loads(regel)


def chromium_pad() -> str:
    pad = variabelen.lees(variabelen.CHROMIUM) or shutil.which("chromium") or shutil.which("chromium-browser")
    if not pad:
        pytest.fail(
            "Chromium niet gevonden: installeer Debians pakket 'chromium' (make rapport-test doet dat zelf) "
            "of zet KETENTEST_CHROMIUM op het pad van een Chromium."
        )
    return pad


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_pad(), args=CHROMIUM_ARGS)
        yield b
        b.close()


def is_lokaal(url: str) -> bool:
    """A request the report may make: to itself (file, data, blob) or to the loopback server of the test."""
    deel = urlsplit(url)
    return deel.scheme in ("file", "data", "blob", "about") or deel.hostname in ("127.0.0.1", "localhost")


@contextmanager
def open_pagina(browser: Browser, url: str) -> Iterator[Page]:
    """A fresh browser page on ``url``; no JavaScript error may happen while it is used, no request may leave
    the machine (each is refused and named), no request of the report may fail."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    context.set_default_timeout(15_000)
    page = context.new_page()
    fouten: list[str] = []
    extern: list[str] = []
    mislukt: list[str] = []

    def bewaak(route: Route) -> None:
        if is_lokaal(route.request.url):
            route.continue_()
        else:
            extern.append(route.request.url)
            route.abort()

    context.route("**/*", bewaak)
    page.on("pageerror", lambda exc: fouten.append(str(exc)))
    page.on("response", lambda r: mislukt.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url)
    yield page
    context.close()
    assert not fouten, f"JavaScript-fouten in het rapport: {fouten}"
    assert not extern, f"Het rapport vroeg iets van een andere host: {extern}"
    assert not mislukt, f"Het rapport vroeg iets dat er niet is: {mislukt}"


@pytest.fixture
def pagina_op(browser: Browser) -> Callable[[str], AbstractContextManager[Page]]:
    """Open a page on any URL (``with pagina_op(url) as pagina: …``)."""
    return functools.partial(open_pagina, browser)


@pytest.fixture
def pagina(browser: Browser, rapport_url: str) -> Iterator[Page]:
    with open_pagina(browser, rapport_url) as page:
        yield page


@pytest.fixture
def bewaar(pytestconfig: pytest.Config) -> Callable[[Page | Locator, str], Path]:
    """Save a screenshot of a page (its visible part) or an element under --schermafdrukken as ``naam``.png."""

    def _bewaar(wat: Page | Locator, naam: str) -> Path:
        map_ = Path(pytestconfig.getoption("--schermafdrukken"))
        map_.mkdir(parents=True, exist_ok=True)
        pad = map_ / f"{naam}.png"
        wat.screenshot(path=str(pad))
        assert pad.stat().st_size > 5_000, pad  # something was drawn
        return pad

    return _bewaar
