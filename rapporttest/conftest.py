"""Fixtures for the browser test of the Allure report (make rapport-test).

The generated report is served from 127.0.0.1 by a throwaway HTTP server (the Allure 3 app fetches its
data, which browsers refuse from file://) and opened in a headless system Chromium driven by Playwright.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

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


@pytest.fixture(scope="session")
def rapport_url(rapport_map: Path) -> Iterator[str]:
    handler = functools.partial(_StilleHandler, directory=str(rapport_map))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/index.html"
    server.shutdown()
    server.server_close()


def chromium_pad() -> str:
    pad = os.environ.get("KETENTEST_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
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


@pytest.fixture
def pagina(browser: Browser, rapport_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    context.set_default_timeout(15_000)
    page = context.new_page()
    fouten: list[str] = []
    page.on("pageerror", lambda exc: fouten.append(str(exc)))
    page.goto(rapport_url)
    yield page
    context.close()
    assert not fouten, f"JavaScript-fouten in het rapport: {fouten}"
