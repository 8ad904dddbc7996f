"""Shared helpers for the iteratie 2 scenarios (no checks here; those live in the keten)."""

from __future__ import annotations

from pathlib import Path

from chain_tests import Casus, laad_casus, vergroot

CASUSSEN = Path(__file__).parents[1] / "casussen"


def casus(naam: str) -> Casus:
    """A casus from scenarios/casussen/iteratie2/ (or iteratie1/ with the prefix 'iteratie1/')."""
    pad = CASUSSEN / (naam if "/" in naam else f"iteratie2/{naam}")
    return laad_casus(pad.with_suffix(".yaml"))


def groot_meervoudig(totaal: int) -> Casus:
    """The meervoudige aanvraag with bijlagen, grown to eight activities with four bijlagen each."""
    return vergroot(casus("meervoudig-met-bijlagen"), totaal)
