"""Every ``KETENTEST_*`` environment variable, named and read here and nowhere else.

The product reads the process environment only through :func:`lees` and :func:`profiel_overschrijvingen`;
everything else takes its settings as objects (a :class:`~chain_tests.profiel.Profiel`, the schema folders of
:func:`chain_tests.standards.schemas.configureer`). The table in ``docs/architecture.md`` ("Environment
variables") lists the same names; ``tests/test_variabelen.py`` holds the two together.
"""

from __future__ import annotations

import json
import os
from typing import Any

# -- the product ------------------------------------------------------------------------------------
PROFIEL = "KETENTEST_PROFIEL"  # path of the profile file (TOML or JSON) when none is given
PROFIELNAAM = "KETENTEST_OMGEVING"  # name of the profile (the keten-omgeving) when none is given
PROFIELEN = "KETENTEST_PROFIELEN__"  # KETENTEST_PROFIELEN__<NAAM>__<VELD>[__<VELD>…]: override a profile field
PROFIELEN_OUD = "KETENTEST_OMGEVINGEN__"  # the same, under the name of before [profielen] (still read)
STTR_SCHEMAS = "KETENTEST_STTR_SCHEMAS"  # folder with the STTR v1.0 XSDs (no licence: not shipped)
LVBB_SCHEMAS = "KETENTEST_LVBB_SCHEMAS"  # folder with the LVBB transport schemas
IMOW_SCHEMAS = "KETENTEST_IMOW_SCHEMAS"  # folder with the IMOW schemas
STOP_SCHEMAS = "KETENTEST_STOP_SCHEMAS"  # folder with the STOP schemas
WAARDELIJSTEN = "KETENTEST_WAARDELIJSTEN"  # Geonovum's IMOW waardelijsten (JSON; no licence: not shipped)
STAM_SCHEMA = "KETENTEST_STAM_SCHEMA"  # the official STAM verzoek XSD, where a supplier has it
LK01_SCHEMA = "KETENTEST_LK01_SCHEMA"  # the official zakLk01 XSD (MijnOverheid Lopende Zaken), likewise

# -- the project's own tooling (tests, benchmarks, the report's browser test) ----------------------------
REFERENTIE = "KETENTEST_REFERENTIE"  # the shared reference data (default ../shared/reference)
CHROMIUM = "KETENTEST_CHROMIUM"  # the browser for the report test (default: Debian's chromium)
GROOT_BYTES = "KETENTEST_GROOT_BYTES"  # size of the large meervoudige aanvraag scenario (default 48 MiB)
PER_UUR = "KETENTEST_PER_UUR"  # Locust: verzoeken per hour per simulated initiatiefnemer
GEMEENTE = "KETENTEST_GEMEENTE"  # Locust: the organisation whose VTH system is under load
BIJLAGEGROOTTE = "KETENTEST_BIJLAGEGROOTTE"  # Locust: the size of every bijlage of the casus (e.g. 10 KiB)
ZGW_SPECS = "KETENTEST_ZGW_SPECS"  # folder with VNG's zaken.yaml, documenten.yaml, catalogi.yaml (tests also use them)

ALLE = {
    PROFIEL: "pad van het profielbestand (TOML of JSON); standaard ketentest.toml",
    PROFIELNAAM: "naam van het profiel (de keten-omgeving); standaard offline",
    PROFIELEN + "<NAAM>__<VELD>": "overschrijft een veld van een profiel (geneste velden met __)",
    PROFIELEN_OUD + "<NAAM>__<VELD>": "hetzelfde, de oude naam (nog gelezen)",
    STTR_SCHEMAS: "map met de STTR v1.0 XSD's",
    LVBB_SCHEMAS: "map met de LVBB-transportschema's",
    IMOW_SCHEMAS: "map met de IMOW-schema's",
    STOP_SCHEMAS: "map met de STOP-schema's",
    WAARDELIJSTEN: "het bestand met de IMOW-waardelijsten van Geonovum (JSON)",
    STAM_SCHEMA: "het officiële STAM-verzoek-XSD",
    LK01_SCHEMA: "het officiële zakLk01-XSD (MijnOverheid Lopende Zaken)",
    REFERENTIE: "tests: de gedeelde referentiedata (standaard ../shared/reference)",
    CHROMIUM: "rapporttest: de browser (standaard Debians chromium)",
    GROOT_BYTES: "scenario's: grootte van de grote meervoudige aanvraag in bytes",
    PER_UUR: "Locust: verzoeken per uur per gesimuleerde initiatiefnemer",
    GEMEENTE: "Locust: de organisatie wier VTH-systeem belast wordt",
    BIJLAGEGROOTTE: "Locust: de grootte van elke bijlage van de casus (bijvoorbeeld 10 KiB)",
    ZGW_SPECS: "tests: map met de officiële ZGW-specificaties (zaken.yaml, documenten.yaml, catalogi.yaml)",
}


def lees(naam: str) -> str | None:
    """The value of one ``KETENTEST_*`` variable; unset and empty are both None."""
    if not naam.startswith("KETENTEST_"):
        raise ValueError(f"{naam} is geen ketentest-variabele")
    return os.environ.get(naam) or None


def profiel_overschrijvingen() -> dict[str, dict[str, Any]]:
    """``KETENTEST_PROFIELEN__<NAAM>__<VELD>…`` (and the older ``KETENTEST_OMGEVINGEN__…``) as nested fields per
    profile name, lower case; a value that is JSON (a list, an object) is read as JSON."""
    uit: dict[str, dict[str, Any]] = {}
    for prefix in (PROFIELEN_OUD, PROFIELEN):  # the new name wins where both set a field
        for sleutel, waarde in sorted(os.environ.items()):
            if not sleutel.upper().startswith(prefix) or not waarde:
                continue
            pad = [deel.lower() for deel in sleutel[len(prefix) :].split("__") if deel]
            if len(pad) < 2:
                continue
            doel = uit.setdefault(pad[0], {})
            for deel in pad[1:-1]:
                doel = doel.setdefault(deel, {})
            doel[pad[-1]] = _waarde(waarde)
    return uit


def _waarde(tekst: str) -> Any:
    if tekst[:1] in "[{":
        try:
            return json.loads(tekst)
        except ValueError:
            return tekst
    return tekst
