"""A scenario that passed is marked with exactly the werkplaats stappen it ran, so ``pytest -m stap7`` selects
every scenario that runs stap 7: a mismatch fails it with ``--strikte-stapmarkers``, else it is listed at the end."""

from __future__ import annotations

import pytest

from chain_tests.errors import ConfiguratieFout
from chain_tests.keten import Keten
from chain_tests.werkplaats import ITERATIES, STAPPEN

AFWIJKEND = pytest.StashKey[list[str]]()


def is_scenario(item: pytest.Item) -> bool:
    """A scenario of the werkplaats (it has an iteratie marker), not one of the harness's own tests."""
    return any(item.get_closest_marker(f"iteratie{n}") for n in ITERATIES)


DELEN = ("8a", "8b")  # stap 8's halves: the vergunningcheck and submitting


def controleer(item: pytest.Item) -> None:
    keten: Keten | None = getattr(item, "funcargs", {}).get("keten")
    if keten is None or not keten.gelopen or not is_scenario(item):
        return
    namen = [str(n) for n in STAPPEN] + list(DELEN)
    gemarkeerd = {n for n in namen if item.get_closest_marker(f"stap{n}")}
    gelopen = {str(n) for n in keten.gelopen} | keten.gelopen_delen
    if gemarkeerd == gelopen:
        return
    volgorde = {n: i for i, n in enumerate(sorted(namen, key=lambda n: (int(n.rstrip("ab")), n)))}
    ontbreekt = ", ".join(f"stap{n}" for n in sorted(gelopen - gemarkeerd, key=volgorde.__getitem__))
    teveel = ", ".join(f"stap{n}" for n in sorted(gemarkeerd - gelopen, key=volgorde.__getitem__))
    melding = (
        f"{item.nodeid}: liep stap {', '.join(sorted(gelopen, key=volgorde.__getitem__))}"
        + (f"; marker ontbreekt: {ontbreekt}" if ontbreekt else "")
        + (f"; marker zonder stap: {teveel}" if teveel else "")
    )
    if item.config.getoption("strikte_stapmarkers"):
        raise ConfiguratieFout(
            melding, code="KT-STAPMARKERS", hint="Zet precies de stapN-markers van de stappen die het scenario loopt."
        )
    item.config.stash.setdefault(AFWIJKEND, []).append(melding)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    afwijkend = terminalreporter.config.stash.get(AFWIJKEND, [])
    if afwijkend:
        terminalreporter.write_sep("=", "Stapmarkers kloppen niet met de gelopen stappen", yellow=True)
        for regel in afwijkend:
            terminalreporter.write_line(regel)
