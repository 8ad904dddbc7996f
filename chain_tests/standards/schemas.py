"""XSD validation for the wire formats.

Shipped with the product (see ``schemas/NOTICE.md``): DMN 1.2, the SOAP 1.1 envelope and the
ebMS 2.0 header, and our derived STAM schema. The STTR v1.0 extension schemas, the LVBB transport
schema and the IMOW (OW) schemas carry no licence, so they are read from configured folders
(:func:`configureer`, or ``KETENTEST_STTR_SCHEMAS`` / ``KETENTEST_LVBB_SCHEMAS`` / ``KETENTEST_IMOW_SCHEMAS``);
the STOP schemas (besluit, GIO) likewise from ``KETENTEST_STOP_SCHEMAS`` when a user has them.
Without a folder the schema is None and the caller says that it did not validate.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from chain_tests import variabelen
from chain_tests.errors import ConfiguratieFout

SCHEMA_DIR = Path(__file__).parent / "schemas"
STTR_SCHEMA_ENV = variabelen.STTR_SCHEMAS
STAM_SCHEMA_ENV = variabelen.STAM_SCHEMA
LK01_SCHEMA_ENV = variabelen.LK01_SCHEMA
LVBB_SCHEMA_ENV = variabelen.LVBB_SCHEMAS
IMOW_SCHEMA_ENV = variabelen.IMOW_SCHEMAS
STOP_SCHEMA_ENV = variabelen.STOP_SCHEMAS
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


@functools.cache
def cpa_schema() -> etree.XMLSchema:
    """OASIS CPP/CPA 2.0 (imports xmldsig, xlink and xml.xsd beside it)."""
    return _compile(SCHEMA_DIR / "ebms" / "cpp-cpa-2_0.xsd")


@functools.cache
def gb_schema() -> etree.XMLSchema:
    """Digikoppeling Grote Berichten metadata (PULL), written by ketentest from the standard's rules."""
    return _compile(SCHEMA_DIR / "gb" / "gb-meta-pull.xsd")


def stam_schema_path() -> Path:
    configured = MAPPEN.stam or variabelen.lees(STAM_SCHEMA_ENV)
    return Path(configured) if configured else SCHEMA_DIR / "stam" / "stam-verzoek-derived.xsd"


@functools.cache
def _stam_schema(path: Path) -> etree.XMLSchema:
    return _compile(path)


def stam_schema() -> etree.XMLSchema:
    return _stam_schema(stam_schema_path())


def lk01_schema() -> etree.XMLSchema:
    """The zakLk01 schema: the official StUF-ZKN one when configured (``KETENTEST_LK01_SCHEMA``, a file), else
    ketentest's derived one (UNCONFIRMED)."""
    configured = variabelen.lees(LK01_SCHEMA_ENV)
    return _stam_schema(Path(configured) if configured else SCHEMA_DIR / "stuf" / "zakLk01-derived.xsd")


@dataclass
class Schemamappen:
    """Schema folders set by the caller (the pytest plugin, a command line); the environment variables
    ``KETENTEST_STTR_SCHEMAS`` / ``KETENTEST_STAM_SCHEMA`` are the fallback."""

    sttr: Path | None = None
    stam: Path | None = None
    lvbb: Path | None = None
    imow: Path | None = None
    stop: Path | None = None


MAPPEN = Schemamappen()


def configureer(
    *,
    sttr: Path | None = None,
    stam: Path | None = None,
    lvbb: Path | None = None,
    imow: Path | None = None,
    stop: Path | None = None,
) -> None:
    """Set the schema folders for this process (a configuration object, not the environment); a folder
    that is not given keeps its current setting."""
    for naam, waarde in (("sttr", sttr), ("stam", stam), ("lvbb", lvbb), ("imow", imow), ("stop", stop)):
        if waarde is not None:
            setattr(MAPPEN, naam, waarde)


def als_omgeving() -> dict[str, str]:
    """The configured folders as environment variables, for a child process (the served mocks)."""
    paren = ((STTR_SCHEMA_ENV, MAPPEN.sttr), (LVBB_SCHEMA_ENV, MAPPEN.lvbb), (IMOW_SCHEMA_ENV, MAPPEN.imow))
    return {env: str(pad) for env, pad in (*paren, (STOP_SCHEMA_ENV, MAPPEN.stop)) if pad is not None}


def _map(ingesteld: Path | None, env: str) -> Path | None:
    waarde = ingesteld or variabelen.lees(env)
    return Path(waarde).resolve() if waarde else None


def _wrapper(imports: list[tuple[str, Path]]) -> etree.XMLSchema:
    """One schema importing each (namespace, file) in order: an earlier import of a namespace wins, so a
    local copy is used where a schema file imports the same namespace from the web."""
    regels = "".join(f'<xs:import namespace="{ns}" schemaLocation="{pad.as_uri()}"/>' for ns, pad in imports)
    tekst = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:ketentest:wrapper" '
        f'elementFormDefault="qualified">{regels}</xs:schema>'
    )
    return etree.XMLSchema(etree.fromstring(tekst.encode(), parser=etree.XMLParser(no_network=True)))


def _ontbreekt(folder: Path, bestanden: tuple[str, ...], code: str, env: str, wat: str) -> None:
    missing = [n for n in bestanden if not (folder / n).is_file()]
    if missing:
        raise ConfiguratieFout(
            f"De schemamap {folder} mist {', '.join(missing)}.",
            code=code,
            hint=f"Zet {env} (of de optie in pyproject/ketentest.toml) op de map met de officiële {wat}.",
        )


@dataclass(frozen=True)
class Schemaset:
    """A configured schema folder: which files it must hold, and which namespace each one is imported for."""

    env: str
    code: str
    wat: str
    bestanden: tuple[tuple[str, str], ...]  # (namespace, file relative to the folder), imported in this order


LVBB = Schemaset(
    LVBB_SCHEMA_ENV,
    "KT-CONF-LVBB-XSD",
    "LVBB-transportschema's (1.3.0)",
    (
        ("http://www.overheid.nl/2017/stop", "stop_toevoeging.xsd"),  # first: lvbb-transport imports it from the web
        ("http://www.overheid.nl/2017/lvbb", "lvbb-transport.xsd"),
    ),
)
IMOW = Schemaset(
    IMOW_SCHEMA_ENV,
    "KT-CONF-IMOW-XSD",
    "IMOW-schema's (3.x)",
    (
        ("http://www.geostandaarden.nl/imow/bestanden/deelbestand", "bestanden-ow/deelbestand-ow/IMOW_Deelbestand.xsd"),
        ("http://www.geostandaarden.nl/bestanden-ow/manifest-ow", "bestanden-ow/generiek/manifest-ow.xsd"),
    ),
)
STOP = Schemaset(
    STOP_SCHEMA_ENV,
    "KT-CONF-STOP-XSD",
    "STOP-schema's (aanlevering, geo)",
    (
        ("https://standaarden.overheid.nl/lvbb/stop/aanlevering/", "lvbb-stop-aanlevering.xsd"),
        ("https://standaarden.overheid.nl/stop/imop/geo/", "imop-geo.xsd"),
    ),
)


@functools.cache
def _schemaset(set_: Schemaset, folder: Path) -> etree.XMLSchema:
    _ontbreekt(folder, tuple(f for _, f in set_.bestanden), set_.code, set_.env, set_.wat)
    return _wrapper([(ns, folder / f) for ns, f in set_.bestanden])


def _geconfigureerd(set_: Schemaset, ingesteld: Path | None) -> etree.XMLSchema | None:
    folder = _map(ingesteld, set_.env)
    return _schemaset(set_, folder) if folder else None


def lvbb_schema() -> etree.XMLSchema | None:
    """The LVBB transport schema (opdracht, manifest, verzoek, resultaat), or None when not configured."""
    return _geconfigureerd(LVBB, MAPPEN.lvbb)


def imow_schema() -> etree.XMLSchema | None:
    """The IMOW schema (OW files and manifest-ow), or None when not configured."""
    return _geconfigureerd(IMOW, MAPPEN.imow)


def stop_schema() -> etree.XMLSchema | None:
    """The STOP schemas for the besluit and the GIO, or None: not public offline, so usually None."""
    return _geconfigureerd(STOP, MAPPEN.stop)


def sttr_schema_dir() -> Path | None:
    """The configured STTR v1.0 schema folder, or None when not configured."""
    return _map(MAPPEN.sttr, STTR_SCHEMA_ENV)


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
    if not folder.is_dir():
        raise ConfiguratieFout(
            f"De STTR-schemamap {folder} bestaat niet.",
            code="KT-CONF-STTR-XSD",
            hint=f"Zet {STTR_SCHEMA_ENV} op een bestaande map met de officiële STTR v1.0 XSD's.",
        )
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
