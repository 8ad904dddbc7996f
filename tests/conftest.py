"""Fixtures for the harness's own tests (test modules use these; they never import this module)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import allure_commons
import pytest
from syrupy.assertion import SnapshotAssertion

from chain_tests import Casus, CasusBijlage, laad_casus
from chain_tests.mockservers import MockServers
from tests.bouwstenen import REFERENTIE, ROOT, TESTWAARDELIJSTEN
from tests.catalogus import RAPPORT, SNAPSHOT, Rapportlezer

CASUSSEN = ROOT / "scenarios" / "casussen" / "iteratie1"


@pytest.fixture(autouse=True)
def _bevindingen_catalogus(snapshot: SnapshotAssertion) -> Iterator[None]:
    """Give tests.catalogus.zoals_in_catalogus this test's syrupy snapshot and the Allure steps it made."""
    token, lezer = SNAPSHOT.set(snapshot), Rapportlezer()
    rapport_token = RAPPORT.set(lezer)
    allure_commons.plugin_manager.register(lezer)
    yield
    allure_commons.plugin_manager.unregister(lezer)
    RAPPORT.reset(rapport_token)
    SNAPSHOT.reset(token)


@pytest.fixture
def casus() -> Callable[[str], Casus]:
    """A casus from scenarios/casussen/iteratie1/ by file stem."""
    return lambda naam: laad_casus(CASUSSEN / f"{naam}.yaml")


@pytest.fixture
def plan_casus() -> Callable[[str], Casus]:
    """A casus from scenarios/casussen/iteratie3/ by file stem."""
    return lambda naam: laad_casus(ROOT / "scenarios" / "casussen" / "iteratie3" / f"{naam}.yaml")


@pytest.fixture(scope="session")
def mockservers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockServers]:
    """The mocks served as separate HTTPS processes (mutual TLS) on 127.0.0.1, once per test session."""
    servers = MockServers(tmp_path_factory.mktemp("served"))
    servers.start()
    yield servers
    servers.stop()


@pytest.fixture(scope="session")
def referentie() -> Path:
    """The shared reference data (tests only); KETENTEST_REFERENTIE points elsewhere (e.g. make mutatie)."""
    return REFERENTIE


#: File names a bijlage may have: accents, typographic quotes, emoji, paths; all travel unchanged.
VREEMDE_NAMEN = [
    "situatietekening café.pdf",
    "tekening – versie 2.pdf",
    "foto’s.zip",
    "🌳 boom 🪓.jpg",
    'naam met "aanhalingstekens".pdf',
    "a;b=c, d.pdf",
    "../../etc/passwd",
    "C:\\map\\tekening.pdf",
    "/etc/passwd",
    "ëïöü ÉÈ ĳ ß.pdf",
    "x%20y%.pdf",
    "lang-" + "é" * 200 + ".pdf",
]


@pytest.fixture
def vreemde_namen() -> list[str]:
    return list(VREEMDE_NAMEN)


@pytest.fixture
def casus_met_namen() -> Callable[[list[str]], Casus]:
    """The vergunningplicht casus with one generated bijlage per given file name."""

    def maak(namen: list[str]) -> Casus:
        c = laad_casus(CASUSSEN / "kappen-boom-vergunningplicht.yaml")
        assert c.aanvraag is not None
        soorten = ["Situatietekening kappen", "Foto van de boom"]
        c.aanvraag.bijlagen = [
            CasusBijlage(naam=n, bijlagetype=soorten[i] if i < 2 else "Overig", grootte=1000 + i)
            for i, n in enumerate(namen)
        ]
        return c

    return maak


@dataclass
class RapportStap:
    titel: str
    diepte: int
    status: str = "bezig"  # passed | failed | broken
    bijlagen: list[tuple[str, object]] = field(default_factory=list)


class Rapport:
    """What a scenario puts in the Allure report: its steps (with status) and their attachments.

    Registered as an allure_commons plugin, so it sees exactly what allure-pytest would write."""

    def __init__(self) -> None:
        self.stappen: list[RapportStap] = []
        self._open: list[RapportStap] = []
        self.los: list[tuple[str, object]] = []  # attachments outside any step
        self.soorten: dict[str, str] = {}  # attachment name → its media type (the last one of that name)

    @allure_commons.hookimpl
    def start_step(self, uuid: str, title: str, params: object) -> None:
        stap = RapportStap(title, len(self._open))
        self.stappen.append(stap)
        self._open.append(stap)

    @allure_commons.hookimpl
    def stop_step(self, uuid: str, exc_type: object, exc_val: BaseException | None, exc_tb: object) -> None:
        stap = self._open.pop()
        if exc_val is None:
            stap.status = "passed"
        else:
            stap.status = "failed" if isinstance(exc_val, AssertionError) else "broken"

    @allure_commons.hookimpl
    def attach_data(self, body: object, name: str, attachment_type: object, extension: object) -> None:
        (self._open[-1].bijlagen if self._open else self.los).append((name, body))
        self.soorten[name] = str(getattr(attachment_type, "mime_type", attachment_type))

    def titels(self, diepte: int = 0) -> list[str]:
        return [s.titel for s in self.stappen if s.diepte == diepte]

    def stap(self, begin: str) -> RapportStap:
        return next(s for s in self.stappen if s.titel.startswith(begin))


@pytest.fixture
def rapport() -> Iterator[Rapport]:
    """Captures the Allure steps and attachments of whatever runs in the test."""
    v = Rapport()
    allure_commons.plugin_manager.register(v)
    yield v
    allure_commons.plugin_manager.unregister(v)


@pytest.fixture
def testwaardelijsten() -> Iterator[Path]:
    """Our own small IMOW waardelijsten file (Geonovum's shape, the values the tests' packages use; one value
    deprecated), configured for the test and unset after it."""
    from chain_tests.standards import waardelijsten

    waardelijsten.configureer(TESTWAARDELIJSTEN)
    yield TESTWAARDELIJSTEN
    waardelijsten.configureer(None)
