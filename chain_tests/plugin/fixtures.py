"""The fixtures a scenario asks for: the keten-omgeving of the session (``keten_profiel``), the keten's
parties (``keten_config``), a fresh keten per scenario (``keten_omgeving``, ``keten``), and the faults of the
``keten_fouten`` marker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from chain_tests.cassette import Cassette
from chain_tests.config import KetenConfig
from chain_tests.errors import ConfiguratieFout
from chain_tests.herhaal import bouw_omgeving
from chain_tests.keten import Keten
from chain_tests.mockservers import NAAM, MockServers
from chain_tests.omgeving import KetenOmgeving
from chain_tests.preflight import onderzoek, rapport
from chain_tests.profiel import Profiel, laad_profiel
from chain_tests.served import ServedKeten
from chain_tests.standards.inspectie import Fouten


@pytest.fixture(scope="session")
def keten_profiel(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Profiel]]:
    """The keten-omgeving of this session; served and real ones pass the preflight first."""
    config = request.config
    servers = None
    if config.getoption("mocks_starten"):
        servers = MockServers(tmp_path_factory.mktemp("served-mocks"))
        naam, profiel = NAAM, servers.start()
    else:
        try:
            naam, profiel = laad_profiel(config.getoption("keten_omgeving"), config.getoption("keten_profiel"))
        except ConfiguratieFout as exc:  # one clear message for the run, not one error per scenario
            pytest.exit(str(exc), returncode=pytest.ExitCode.USAGE_ERROR)
    preflight = onderzoek(profiel)
    if preflight.blokkerend:
        if servers:
            servers.stop()
        pytest.exit(rapport(naam, preflight.problemen, preflight.gezien), returncode=pytest.ExitCode.USAGE_ERROR)
    yield naam, profiel
    if servers:
        servers.stop()


@pytest.fixture(scope="session")
def keten_cassette(request: pytest.FixtureRequest, keten_profiel: tuple[str, Profiel]) -> Cassette | None:
    """With ``--opnemen MAP``: where this run's exchanges with real parties are recorded (one file per worker)."""
    map_ = request.config.getoption("opnemen")
    if map_ is None:
        return None
    werker = getattr(request.config, "workerinput", {}).get("workerid", "hoofd")
    cassette = Cassette(Path(map_), naam=f"cassette-{werker}")
    cassette.begin(keten_profiel[1].keten_config(), keten_profiel[0])
    return cassette


@pytest.fixture
def keten_config(keten_profiel: tuple[str, Profiel]) -> KetenConfig:
    """The keten's parties and timing, with the URLs of the chosen keten-omgeving."""
    return keten_profiel[1].keten_config()


def fouten_van(node: pytest.Item) -> Fouten | None:
    """The faults of ``@pytest.mark.keten_fouten(Fouten(...))`` or ``@pytest.mark.keten_fouten(loket=...)``."""
    marker = node.get_closest_marker("keten_fouten")
    if marker is None:
        return None
    if marker.args:
        fouten = marker.args[0]
        if not isinstance(fouten, Fouten) or len(marker.args) > 1 or marker.kwargs:
            raise pytest.UsageError(f"{node.nodeid}: keten_fouten neemt één Fouten(...) of trefwoorden van Fouten")
        return fouten.model_copy(deep=True)  # a keten counts faults down: each run starts from the marker
    return Fouten(**marker.kwargs)


@pytest.fixture
def keten_omgeving(
    keten_profiel: tuple[str, Profiel],
    keten_config: KetenConfig,
    keten_cassette: Cassette | None,
    request: pytest.FixtureRequest,
) -> Iterator[KetenOmgeving]:
    """A fresh keten per scenario: offline (all mocks in-process) or served (over HTTPS).

    With ``@pytest.mark.keten_fouten(...)`` its mocks carry deliberate faults (self-tests, and scenarios
    that show a finding is detected): served ketentest mocks get them through ``/_ketentest/fouten`` (and
    lose them afterwards); against real systems (no inspection) the faulty keten runs in-process."""
    fouten = fouten_van(request.node)
    omgeving = bouw_omgeving(keten_profiel[1], keten_config, fouten, keten_cassette)
    yield omgeving
    if isinstance(omgeving, ServedKeten) and fouten is not None:
        omgeving.herstel_fouten()
    omgeving.sluit()


@pytest.fixture
def keten(keten_omgeving: KetenOmgeving, request: pytest.FixtureRequest) -> Iterator[Keten]:
    """The keten API for one scenario (its trace is attached by the report wiring)."""
    k = Keten(keten_omgeving)
    yield k
    k.sluit()
