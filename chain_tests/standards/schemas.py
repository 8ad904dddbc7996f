"""XSD validation for the wire formats.

Shipped with the product (see ``schemas/NOTICE.md``): DMN 1.2, the SOAP 1.1 envelope and the
ebMS 2.0 header, and our derived STAM schema. The STTR v1.0 extension schemas carry no licence, so
they are read from a configured folder (``KETENTEST_STTR_SCHEMAS``); see :func:`sttr_schema`.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from chain_tests.errors import ConfiguratieFout

SCHEMA_DIR = Path(__file__).parent / "schemas"
STTR_SCHEMA_ENV = "KETENTEST_STTR_SCHEMAS"
STAM_SCHEMA_ENV = "KETENTEST_STAM_SCHEMA"
STTR_SCHEMA_FILES = ("Bedrijfsregel.xsd", "Uitvoeringsregel.xsd", "Content.xsd", "Interactieregel.xsd")
STTR_NS_BASE = "http://toepasbare-regels.omgevingswet.overheid.nl/v1.0/"


@dataclass(frozen=True)
class SchemaFout:
    """One schema violation: line in the document and libxml2's message."""

    regel: int
    tekst: str


def _compile(path: Path) -> etree.XMLSchema:
    # Our own schema files: trusted, may import siblings from disk (never from the network).
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(path), parser=parser))


def validate(schema: etree.XMLSchema, root: etree._Element) -> list[SchemaFout]:
    """Validate ``root`` and return every violation (empty list when valid)."""
    if schema.validate(root):
        return []
    return [SchemaFout(e.line, e.message) for e in schema.error_log]  # type: ignore[attr-defined]


@functools.cache
def dmn12_schema() -> etree.XMLSchema:
    return _compile(SCHEMA_DIR / "dmn12" / "DMN12.xsd")


@functools.cache
def ebms_schema() -> etree.XMLSchema:
    """SOAP 1.1 envelope + ebMS 2.0 header (msg-header imports the envelope schema)."""
    return _compile(SCHEMA_DIR / "ebms" / "msg-header-2_0.xsd")


def stam_schema_path() -> Path:
    configured = MAPPEN.stam or os.environ.get(STAM_SCHEMA_ENV)
    return Path(configured) if configured else SCHEMA_DIR / "stam" / "stam-verzoek-derived.xsd"


@functools.cache
def _stam_schema(path: Path) -> etree.XMLSchema:
    return _compile(path)


def stam_schema() -> etree.XMLSchema:
    return _stam_schema(stam_schema_path())


@dataclass
class Schemamappen:
    """Schema folders set by the caller (the pytest plugin, a command line); the environment variables
    ``KETENTEST_STTR_SCHEMAS`` / ``KETENTEST_STAM_SCHEMA`` are the fallback."""

    sttr: Path | None = None
    stam: Path | None = None


MAPPEN = Schemamappen()


def configureer(*, sttr: Path | None = None, stam: Path | None = None) -> None:
    """Set the schema folders for this process (a configuration object, not the environment)."""
    MAPPEN.sttr, MAPPEN.stam = sttr, stam


def sttr_schema_dir() -> Path | None:
    """The configured STTR v1.0 schema folder, or None when not configured."""
    configured = MAPPEN.sttr or os.environ.get(STTR_SCHEMA_ENV)
    return Path(configured).resolve() if configured else None


def _sttr_wrapper(folder: Path) -> str:
    imports = [
        f'<xs:import namespace="http://www.omg.org/spec/DMN/20180521/MODEL/" '
        f'schemaLocation="{(SCHEMA_DIR / "dmn12" / "DMN12.xsd").as_uri()}"/>'
    ]
    for name in STTR_SCHEMA_FILES:
        ns = STTR_NS_BASE + name.removesuffix(".xsd")
        imports.append(f'<xs:import namespace="{ns}" schemaLocation="{(folder / name).as_uri()}"/>')
    return (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'targetNamespace="urn:ketentest:sttr-wrapper" elementFormDefault="qualified">'
        + "".join(imports)
        + "</xs:schema>"
    )


@functools.cache
def _sttr_schema(folder: Path) -> etree.XMLSchema:
    missing = [n for n in STTR_SCHEMA_FILES if not (folder / n).is_file()]
    if missing:
        raise ConfiguratieFout(
            f"De STTR-schemamap {folder} mist {', '.join(missing)}.",
            code="KT-CONF-STTR-XSD",
            hint=f"Zet {STTR_SCHEMA_ENV} op de map met de officiële STTR v1.0 XSD's "
            "(Bedrijfsregel, Uitvoeringsregel, Content, Interactieregel, DataTypes).",
        )
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.fromstring(_sttr_wrapper(folder).encode(), parser=parser))


def sttr_schema() -> etree.XMLSchema | None:
    """DMN 1.2 + STTR v1.0 extensions, or None when no STTR schema folder is configured."""
    folder = sttr_schema_dir()
    return _sttr_schema(folder) if folder else None
