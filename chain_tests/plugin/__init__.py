"""The ketentest pytest plugin (entry point ``pytest11``): options, markers and the hooks that hold them together.

No domain logic here, and little else: the fixtures are in :mod:`.fixtures`, the report's wiring (Allure labels,
trace and bundle attachments, the findings register, Dutch failure blocks) in :mod:`.rapport`, the terminal's
summary in :mod:`.samenvatting`, the check of the stap markers in :mod:`.stapmarkers`, what a scenario needs of a
VTH system in :mod:`.vermogens`, BSN masking of reports in
:mod:`.privacy`, the schema folders in :mod:`.schemamappen`; the werkplaats's iteraties and stappen are a domain
table (:mod:`chain_tests.werkplaats`). The keten lives in :mod:`chain_tests.keten`, the mocks in :mod:`mocks`.
"""

from __future__ import annotations

from pathlib import Path

import allure_commons
import pytest

from chain_tests import geheugen
from chain_tests.plugin import schemamappen
from chain_tests.reporting import voortgang
from chain_tests.reporting.voorbereiding import Voorbereiding
from chain_tests.werkplaats import ITERATIES, STAPPEN

pytest_plugins = [
    "chain_tests.plugin.fixtures",
    "chain_tests.plugin.rapport",
    "chain_tests.plugin.stapmarkers",
    "chain_tests.plugin.samenvatting",
    "chain_tests.plugin.conformiteit",
    "chain_tests.plugin.privacy",
    "chain_tests.plugin.vermogens",
]
VOORBEREIDING = pytest.StashKey[Voorbereiding]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ketentest", "ketentest: DSO-keten")
    schemamappen.voeg_opties_toe(parser, group)
    group.addoption(
        "--strikte-stapmarkers",
        action="store_true",
        help="een geslaagd scenario waarvan de stapN-markers niet overeenkomen met de stappen die het liep, "
        "faalt (zonder deze optie: een waarschuwing aan het eind)",
    )
    group.addoption(
        "--bevindingen",
        dest="bevindingen",
        default=None,
        type=Path,
        help="schrijf het bevindingenregister (xlsx) naar dit pad na de run",
    )
    group.addoption(
        "--keten-omgeving",
        dest="keten_omgeving",
        default=None,
        help="profiel: offline (standaard), lokaal, pre, of een naam uit ketentest.toml",
    )
    group.addoption(
        "--keten-profiel",
        dest="keten_profiel",
        default=None,
        type=Path,
        help="pad naar het profielbestand (standaard ketentest.toml)",
    )
    group.addoption(
        "--opnemen",
        dest="opnemen",
        default=None,
        type=Path,
        metavar="MAP",
        help="neem elke uitwisseling met een echte partij (geen ketentest-mock) op als cassette in deze map "
        "(geheimen weggelaten, BSN's gemaskeerd); vergelijk daarna met 'ketentest verschil MAP'",
    )
    group.addoption(
        "--mocks-starten",
        dest="mocks_starten",
        action="store_true",
        help="start de mocks als aparte HTTPS-servers (tweezijdig TLS) op 127.0.0.1 en test daartegen",
    )


def pytest_configure(config: pytest.Config) -> None:
    geheugen.stem_af()  # large bijlagen stream in 1 MiB chunks: reuse the heap (chain_tests.geheugen)
    for n, uitleg in ITERATIES.items():
        config.addinivalue_line("markers", f"iteratie{n}: {uitleg}")
    for n, uitleg in STAPPEN.items():
        config.addinivalue_line("markers", f"stap{n}: stap {n} – {uitleg}")
    config.addinivalue_line("markers", "stap8a: stap 8a – de vergunningcheck in het Omgevingsloket")
    config.addinivalue_line("markers", "stap8b: stap 8b – de aanvraag of melding indienen in het Omgevingsloket")
    config.addinivalue_line(
        "markers",
        "digikoppeling: de Digikoppeling-conformiteit van het ebMS-endpoint van een VTH-systeem (per geval een test)",
    )
    config.addinivalue_line(
        "markers",
        "keten_fouten(fouten=None, **soorten): bouw de keten van dit scenario met opzettelijke fouten in de mocks "
        "(chain_tests.Fouten; zelftests en scenario's die laten zien dat een bevinding gevonden wordt)",
    )
    voortgang.zet_uitvoer(_op_terminal(config))  # long waits and large bijlagen show progress
    config.stash[VOORBEREIDING] = Voorbereiding(Path(config.rootpath))
    allure_commons.plugin_manager.register(config.stash[VOORBEREIDING])
    schemamappen.configureer(config)


def _op_terminal(config: pytest.Config) -> voortgang.Schrijver:
    def schrijf(regel: str) -> None:
        terminal = config.pluginmanager.get_plugin("terminalreporter")
        if terminal is not None:  # absent in an xdist worker: progress is for the one terminal
            terminal.ensure_newline()
            terminal.write_line(regel)

    return schrijf


def pytest_unconfigure(config: pytest.Config) -> None:
    voortgang.zet_uitvoer(None)
    voorbereiding = config.stash.get(VOORBEREIDING, None)
    if voorbereiding is not None:
        allure_commons.plugin_manager.unregister(voorbereiding)
