"""The plan keten's OZON geometry check and the kwalificatie check on their edges: no location, an empty or
invalid geometry, a difference exactly at the margin, an activity outside the plan, rules without a
Conclusie."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from chain_tests.errors import KetenBevinding
from chain_tests.keten.plan import GEOMETRIE_MARGE, PlanStappen
from chain_tests.standards import planketen
from chain_tests.standards.aanlevering import PlanActiviteit, Planregel

GEBIED = "nl.imow-gm1719.gebied.BomenMade"
VIERKANT = [(0.0, 0.0), (8.0, 0.0), (8.0, 8.0), (0.0, 8.0)]  # 64 m²


class Ozon:
    """OZON as the check reads it: a location and its geometry, or not."""

    def __init__(self, coordinates: list[list[list[tuple[float, float]]]] | None) -> None:
        self.coordinates = coordinates

    def locatie(self, identificatie: str) -> planketen.OzonLocatie | None:
        if self.coordinates is None:
            return None
        return planketen.OzonLocatie(identificatie=identificatie, noemer="n", geometrie_identificatie="g", regeling="r")

    def geometrie(self, identificatie: str) -> planketen.Geometrie:
        assert self.coordinates is not None
        return planketen.Geometrie(identificatie=identificatie, coordinates=self.coordinates)


def _plan(**fragment: Any) -> Any:
    return SimpleNamespace(fragment=SimpleNamespace(**fragment))


def _geometrie(coordinates: list[list[list[tuple[float, float]]]] | None) -> KetenBevinding | None:
    plan = _plan(werkingsgebied=SimpleNamespace(id=GEBIED, polygoon=VIERKANT))
    try:
        PlanStappen._controleer_geometrie(plan, Ozon(coordinates))  # type: ignore[arg-type]
    except KetenBevinding as b:
        return b
    return None


def _ring(x: float, y: float) -> list[tuple[float, float]]:
    return [(0.0, 0.0), (x, 0.0), (x, y), (0.0, y), (0.0, 0.0)]


def test_a_difference_up_to_the_margin_is_rounding_not_a_finding() -> None:
    assert GEOMETRIE_MARGE == 1.0
    assert _geometrie([[_ring(8.0, 8.125)]]) is None  # exactly 1 m² more (exact in binary)
    b = _geometrie([[_ring(8.0, 8.25)]])
    assert b is not None and (b.code, b.gezien) == ("KB-OZON-GEOMETRIE", "66 m², 2 m² verschil")


@pytest.mark.parametrize(
    ("coordinates", "gezien"),
    [
        (None, "geen geometrie"),  # OZON does not know the location
        ([], "0 m², 64 m² verschil"),  # a location with an empty geometry
        ([[[(0.0, 0.0), (2.0, 2.0), (2.0, 0.0), (0.0, 2.0), (0.0, 0.0)]]], "0 m², inf m² verschil"),  # self-crossing
    ],
)
def test_a_missing_empty_or_invalid_geometry_is_a_finding(
    coordinates: list[list[list[tuple[float, float]]]] | None, gezien: str
) -> None:
    b = _geometrie(coordinates)
    assert b is not None
    assert (b.code, b.stap, b.partij, b.gezien) == ("KB-OZON-GEOMETRIE", 4, "OZON", gezien)
    assert b.verwacht == f"de polygoon van {GEBIED} uit de GIO (64 m²)"


def _conclusie(*uitkomsten: str) -> Any:
    regels = [SimpleNamespace(uitvoer=[f'"{u}"']) for u in uitkomsten]
    tabel = SimpleNamespace(regels=regels)
    return SimpleNamespace(typering="Conclusie", beslissingen={"d": SimpleNamespace(tabel=tabel)})


ACTIVITEIT = PlanActiviteit(
    id="nl.imow-gm1719.activiteit.KappenBoomMade", naam="Kappen", regel=Planregel(kwalificatie="Meldingsplicht")
)


@pytest.mark.parametrize(
    ("activiteit", "bestanden"),
    [
        ("nl.imow-gm1719.activiteit.Elders", [_conclusie("Vergunningplicht")]),  # not in this plan
        (ACTIVITEIT.id, [SimpleNamespace(typering="Indieningsvereisten")]),  # no Conclusie to compare
        (ACTIVITEIT.id, [_conclusie("Meldingsplicht", "Toestemmingsvrij")]),
    ],
)
def test_the_kwalificatie_check_passes_what_it_cannot_or_need_not_compare(
    activiteit: str, bestanden: list[Any]
) -> None:
    PlanStappen._toets_kwalificatie(_plan(activiteiten=[ACTIVITEIT]), activiteit, bestanden)


def test_a_conclusie_that_cannot_give_the_plans_kwalificatie_is_a_finding() -> None:
    with pytest.raises(KetenBevinding) as info:
        PlanStappen._toets_kwalificatie(
            _plan(activiteiten=[ACTIVITEIT]), ACTIVITEIT.id, [_conclusie("Vergunningplicht", "Toestemmingsvrij")]
        )
    b = info.value
    assert (b.code, b.stap) == ("KB-KWALIFICATIE", 6)
    assert b.verwacht == "een Conclusie die Meldingsplicht kan geven (het plan: Meldingsplicht)"
    assert b.gezien == "mogelijke uitkomsten: Toestemmingsvrij, Vergunningplicht"
