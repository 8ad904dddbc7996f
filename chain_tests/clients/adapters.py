"""VTH adapters as plug-ins: entry points in the group ``ketentest.vth_adapters``.

An adapter factory takes ``(client: httpx.Client, naam: str)`` and returns a
:class:`chain_tests.clients.vth.VthAdapter`; a factory with a ``met_context(client, naam, context)`` class method
gets the :class:`~chain_tests.clients.vth.AdapterContext` too (the ZGW adapter: its API roots and credentials).
ketentest ships ``referentie`` and ``zgw``; a supplier ships its own package with, in its pyproject.toml::

    [project.entry-points."ketentest.vth_adapters"]
    mijnvth = "mijnvth_ketentest:MijnVthAdapter"
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import cast

import httpx

from chain_tests.clients.vth import AdapterContext, VthAdapter
from chain_tests.errors import ConfiguratieFout

GROEP = "ketentest.vth_adapters"
Fabriek = Callable[[httpx.Client, str], VthAdapter]


def beschikbaar() -> list[str]:
    return sorted(ep.name for ep in entry_points(group=GROEP))


def laad_adapter(naam: str) -> Fabriek:
    """The adapter factory registered as ``naam``; found once per process (reading the installed packages'
    entry points costs a scan of site-packages: a load run asks at every verzoek)."""
    return _laad(naam)


@functools.cache
def _laad(naam: str) -> Fabriek:
    gevonden = [ep for ep in entry_points(group=GROEP) if ep.name == naam]
    if not gevonden:
        raise ConfiguratieFout(
            f"Onbekende VTH-adapter {naam!r}.",
            code="KT-ADAPTER",
            hint=f"Beschikbaar: {', '.join(beschikbaar()) or 'geen'}. Een eigen adapter registreert "
            f"u als entry point in de groep {GROEP!r} (zie docs/leveranciersgids.md).",
        )
    return cast(Fabriek, gevonden[0].load())


def maak_adapter(naam: str, client: httpx.Client, partij: str, context: AdapterContext) -> VthAdapter:
    """The adapter ``naam`` for one VTH system, given its context when it asks for one."""
    fabriek = laad_adapter(naam)
    met_context = getattr(fabriek, "met_context", None)
    if callable(met_context):
        return cast(VthAdapter, met_context(client, partij, context))
    return fabriek(client, partij)
