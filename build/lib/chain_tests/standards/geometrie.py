"""Geometry of a werkingsgebied in RD (EPSG:28992): validity, point in area, GML positions, working days.

Geometry is shapely's (a maintained GEOS binding): an invalid polygon (a bow tie, a ring that does not
close) is refused with the reason GEOS gives; "is this point in the werkingsgebied" is GEOS's covers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache

import holidays
from shapely import Point, Polygon
from shapely.validation import explain_validity

CRS = "urn:ogc:def:crs:EPSG::28992"
Coordinaten = Sequence[Sequence[float]]


def polygoon(ring: Coordinaten) -> Polygon:
    """A polygon from the exterior ring's RD coordinates (closed or not)."""
    punten = [(float(x), float(y)) for x, y in ring]
    if len(punten) < 3:
        raise ValueError(f"een polygoon heeft minstens 3 hoekpunten, niet {len(punten)}")
    if punten[0] != punten[-1]:
        punten.append(punten[0])
    return Polygon(punten)


def ongeldig(ring: Coordinaten) -> str | None:
    """Why the polygon is invalid (GEOS's explanation), or None when it is valid."""
    try:
        p = polygoon(ring)
    except ValueError as exc:
        return str(exc)
    return None if p.is_valid and not p.is_empty else explain_validity(p)


def bevat(ring: Coordinaten, x: float, y: float) -> bool:
    """Is RD point (x, y) in (or on the edge of) the polygon?"""
    return bool(polygoon(ring).covers(Point(x, y)))


def poslist(ring: Coordinaten) -> str:
    """The ring as a GML ``posList`` (closed)."""
    punten = [(float(x), float(y)) for x, y in ring]
    if punten and punten[0] != punten[-1]:
        punten.append(punten[0])
    return " ".join(f"{_getal(x)} {_getal(y)}" for x, y in punten)


def uit_poslist(tekst: str) -> list[tuple[float, float]]:
    getallen = [float(t) for t in tekst.split()]
    if len(getallen) % 2:
        raise ValueError("een posList heeft een even aantal getallen (x y x y …)")
    return list(zip(getallen[::2], getallen[1::2], strict=True))


def _getal(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


@cache
def _feestdagen(jaar: int) -> holidays.HolidayBase:
    return holidays.country_holidays("NL", years=jaar)


def is_werkdag(dag: dt.date) -> bool:
    """Monday to Friday, and not a Dutch public holiday (python-holidays' list for NL)."""
    return dag.weekday() < 5 and dag not in _feestdagen(dag.year)


def werkdagen_later(vanaf: dt.date, aantal: int) -> dt.date:
    """The ``aantal``-th working day after ``vanaf`` (0: ``vanaf`` itself if it is one, else the next)."""
    dag = vanaf
    while not is_werkdag(dag):
        dag += dt.timedelta(days=1)
    for _ in range(aantal):
        dag += dt.timedelta(days=1)
        while not is_werkdag(dag):
            dag += dt.timedelta(days=1)
    return dag
