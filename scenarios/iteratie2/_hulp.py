"""Shared helpers for the iteratie 2 scenarios (no checks here; those live in the keten)."""

from __future__ import annotations

from pathlib import Path

from chain_tests.casus import Bijlage, Casus, laad_casus

CASUSSEN = Path(__file__).parents[1] / "casussen"


def casus(naam: str) -> Casus:
    """A casus from scenarios/casussen/iteratie2/ (or iteratie1/ with the prefix 'iteratie1/')."""
    pad = CASUSSEN / (naam if "/" in naam else f"iteratie2/{naam}")
    return laad_casus(pad.with_suffix(".yaml"))


def groot_meervoudig(totaal: int, per_activiteit: int = 4, extra_activiteiten: int = 5) -> Casus:
    """The meervoudige aanvraag with bijlagen, with ``extra_activiteiten`` more municipal activities (each its
    own rules) and ``per_activiteit`` generated bijlagen per activity, adding up to ``totaal`` bytes."""
    c = casus("meervoudig-met-bijlagen")
    eerste = c.activiteiten[0]
    c.activiteiten += [
        eerste.model_copy(deep=True, update={"id": f"{eerste.id}{i + 2}", "naam": f"{eerste.naam} {i + 2}"})
        for i in range(extra_activiteiten)
    ]
    acts = c.alle_activiteiten()
    stuk = totaal // (per_activiteit * len(acts))
    for a in acts:
        soort = a.bijlagen[0].bijlagetype
        a.bijlagen = [
            Bijlage(
                naam=f"{a.naam[:12]}-deel-{i + 1}.bin", bijlagetype=soort, type="application/octet-stream", grootte=stuk
            )
            for i in range(per_activiteit)
        ]
    return c
