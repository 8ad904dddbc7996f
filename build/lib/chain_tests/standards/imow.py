"""IMOW identifiers (OW-objecten), as the IMOW 3.x implementation rules give them.

``nl.imow-<bevoegd gezag code>.<objecttype>.<lokale id>``: the code is ``gm``/``pv``/``ws``/``mn``/
``mnre`` with 1–6 digits, the local id 1–32 letters and digits. An id that does not match is refused
when a casus is loaded, with a message that says what is allowed.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

OBJECTTYPEN = (
    "regeltekst",
    "gebied",
    "gebiedengroep",
    "lijn",
    "lijnengroep",
    "punt",
    "puntengroep",
    "activiteit",
    "gebiedsaanwijzing",
    "omgevingswaarde",
    "omgevingsnorm",
    "pons",
    "kaart",
    "tekstdeel",
    "hoofdlijn",
    "divisie",
    "kaartlaag",
    "juridischeregel",
    "activiteitlocatieaanduiding",
    "normwaarde",
    "regelingsgebied",
    "ambtsgebied",
    "divisietekst",
    "",
)
OW_ID = re.compile(r"^nl\.imow-(gm|pv|ws|mn|mnre)[0-9]{1,6}\.(" + "|".join(OBJECTTYPEN) + r")\.[A-Za-z0-9]{1,32}$")


def ow_id(waarde: str, objecttype: str | None = None) -> str:
    m = OW_ID.match(waarde)
    if m is None or (objecttype is not None and m.group(2) != objecttype):
        soort = objecttype or "<objecttype>"
        raise ValueError(
            f"{waarde!r} is geen geldige IMOW-identificatie; verwacht nl.imow-<code>.{soort}.<id> met als code "
            "gm, pv, ws, mn of mnre plus 1–6 cijfers, en als id 1–32 letters of cijfers (geen spaties, accenten, "
            "'#', '?', '/' of andere leestekens), bijvoorbeeld nl.imow-gm1719.activiteit.KappenBoom"
        )
    return waarde


def activiteit_id(waarde: str) -> str:
    return ow_id(waarde, "activiteit")


ActiviteitId = Annotated[str, AfterValidator(activiteit_id)]
