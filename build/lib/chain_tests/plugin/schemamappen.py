"""The schema folders the product does not ship (no licence): as options, ini values or environment variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from chain_tests import variabelen
from chain_tests.standards import schemas
from chain_tests.standards.schemas import IMOW_SCHEMA_ENV, LVBB_SCHEMA_ENV, STOP_SCHEMA_ENV, STTR_SCHEMA_ENV

#: option/ini name → (environment variable, what the folder holds)
SCHEMAMAPPEN = {
    "sttr": (STTR_SCHEMA_ENV, "STTR v1.0 XSD's"),
    "lvbb": (LVBB_SCHEMA_ENV, "LVBB-transportschema's (lvbb-transport.xsd, stop_toevoeging.xsd)"),
    "imow": (IMOW_SCHEMA_ENV, "IMOW-schema's (bestanden-ow/…)"),
    "stop": (STOP_SCHEMA_ENV, "STOP-schema's (lvbb-stop-aanlevering.xsd, imop-geo.xsd)"),
}


def voeg_opties_toe(parser: pytest.Parser, group: pytest.OptionGroup) -> None:
    for soort, (env, wat) in SCHEMAMAPPEN.items():
        group.addoption(
            f"--{soort}-schemas",
            dest=f"{soort}_schemas",
            default=None,
            help=f"map met de {wat} (of zet {env}); ini: {soort}_schemas",
        )
        parser.addini(f"{soort}_schemas", f"map met de {wat}, relatief aan de rootdir", default="")


def configureer(config: pytest.Config) -> None:
    for soort in SCHEMAMAPPEN:
        _schemamap(config, soort)


def _schemamap(config: pytest.Config, soort: str) -> None:
    """A schema folder: --<soort>-schemas (must exist), else $KETENTEST_<SOORT>_SCHEMAS, else the ini value
    (relative to the rootdir, used only when it exists)."""
    env, wat = SCHEMAMAPPEN[soort]
    optie = config.getoption(f"{soort}_schemas")
    if optie:
        pad = Path(str(optie)).resolve()
        if not pad.is_dir():
            raise pytest.UsageError(
                f"--{soort}-schemas={optie}: de map {pad} bestaat niet. Wijs de map met de {wat} aan."
            )
        schemas.configureer(**{soort: pad})
        return
    waarde = config.getini(f"{soort}_schemas")
    if waarde and not variabelen.lees(env):
        pad = Path(str(waarde))
        pad = pad if pad.is_absolute() else Path(config.rootpath) / pad
        if pad.is_dir():
            schemas.configureer(**{soort: pad.resolve()})
