"""Scenarios that need what a VTH system may not offer (``@pytest.mark.vereist("doorzetten")``): when the
profile's VTH system lacks it (its adapter cannot, or the profile's ``kan`` leaves it out), the scenario is not
played, and the run says which and why — never broken, never silently skipped."""

from __future__ import annotations

import pytest

from chain_tests.errors import ConfiguratieFout
from chain_tests.profiel import Profiel, laad_profiel
from chain_tests.served import vermogens
from chain_tests.werkplaats import VERMOGENS

NIET_GESPEELD = pytest.StashKey[list[str]]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "vereist(*vermogens): het scenario vraagt dit van het VTH-systeem "
        f"({', '.join(VERMOGENS)}); zonder wordt het niet gespeeld, met de reden",
    )


def _profiel(config: pytest.Config) -> Profiel | None:
    if config.getoption("mocks_starten"):
        return None  # the reference VTHs offer everything
    try:
        return laad_profiel(config.getoption("keten_omgeving"), config.getoption("keten_profiel"))[1]
    except ConfiguratieFout:  # the session's fixture reports it, once
        return None


def tekorten(profiel: Profiel | None) -> dict[str, list[str]]:
    """Per vermogen the VTH systems of the profile that lack it, named with their adapter."""
    if profiel is None or profiel.soort == "offline":
        return {}
    uit: dict[str, list[str]] = {}
    for o in profiel.keten_config().organisaties:
        e = profiel.eindpunt_van(o)
        if e is None or not e.url:
            continue
        for vermogen in sorted(set(VERMOGENS) - vermogens(profiel, o)):
            uit.setdefault(vermogen, []).append(f"VTH-systeem {o.naam} (adapter {e.adapter})")
    return uit


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        marker = item.get_closest_marker("vereist")
        onbekend = set(marker.args if marker else ()) - set(VERMOGENS)
        if onbekend:
            raise pytest.UsageError(
                f"{item.nodeid}: onbekend vermogen {', '.join(sorted(onbekend))}; kies uit {', '.join(VERMOGENS)}"
            )
    ontbreekt = tekorten(_profiel(config))
    if not ontbreekt:
        return
    blijft, weg, redenen = [], [], []
    for item in items:
        marker = item.get_closest_marker("vereist")
        mist = sorted(set(marker.args if marker else ()) & set(ontbreekt))
        if not mist:
            blijft.append(item)
            continue
        weg.append(item)
        redenen.append(f"{item.nodeid}: vraagt {', '.join(mist)}")
    if weg:
        config.hook.pytest_deselected(items=weg)
        items[:] = blijft
        config.stash[NIET_GESPEELD] = redenen


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    config = terminalreporter.config
    ontbreekt = tekorten(_profiel(config))
    if not ontbreekt:
        return
    terminalreporter.write_sep("=", "Niet gespeeld: het VTH-systeem biedt niet wat deze scenario's vragen")
    for vermogen, wie in ontbreekt.items():
        terminalreporter.write_line(f"- {vermogen} ({VERMOGENS[vermogen]}): niet bij {', '.join(wie)}")
    for reden in config.stash.get(NIET_GESPEELD, []):
        terminalreporter.write_line(f"  {reden}")
    terminalreporter.write_line(
        "Biedt uw systeem het wel, zet het dan bij 'kan' in het profiel of gebruik een adapter die het kan "
        "(docs/leveranciersgids.md, §4)."
    )
