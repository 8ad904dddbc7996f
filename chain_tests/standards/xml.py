"""A hardened XML parser for everything that arrives from another party.

Rules: no DTDs (so no external entities and no entity bombs), no network, bounded size. A refused
document raises :class:`~chain_tests.errors.OngeldigeInvoer` with a Dutch message saying what is
wrong and where; nothing is expanded and nothing is read from disk.
"""

from __future__ import annotations

from lxml import etree

from chain_tests.errors import OngeldigeInvoer

#: Default upper bound for one XML document (STTR files are tens of KiB; STAM verzoeken smaller).
MAX_XML_BYTES = 8 * 1024 * 1024


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def _refuse_doctype(data: bytes, bron: str) -> None:
    # A DOCTYPE is the only way to declare entities: refuse it before libxml2 sees it.
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise OngeldigeInvoer(
            f"{bron}: het XML-document bevat een DOCTYPE of entiteitdeclaratie. Die zijn niet "
            "toegestaan (risico op XXE of een entity bomb); er is niets uitgebreid of ingelezen.",
            code="KT-XML-DTD",
            hint="Verwijder de <!DOCTYPE …>-regel; STTR-, STAM- en ebMS-berichten gebruiken geen DTD.",
        )


def parse_xml(data: bytes, *, bron: str = "XML", max_bytes: int = MAX_XML_BYTES) -> etree._Element:
    """Parse untrusted XML bytes safely and return the root element."""
    if len(data) > max_bytes:
        raise OngeldigeInvoer(
            f"{bron}: het document is {len(data)} bytes, meer dan de grens van {max_bytes} bytes.",
            code="KT-XML-GROOTTE",
            hint="Controleer of het juiste bestand is gekozen; verhoog de grens alleen bewust.",
        )
    _refuse_doctype(data, bron)
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", "?")
        raise OngeldigeInvoer(
            f"{bron}: geen goedgevormde XML (regel {line}): {exc.msg}",
            code="KT-XML-SYNTAX",
            hint="Open het bestand in een XML-editor en herstel de aangegeven regel.",
        ) from exc
    if root.getroottree().docinfo.internalDTD is not None:  # defence in depth
        _refuse_doctype(b"<!DOCTYPE", bron)
    return root


def to_bytes(element: etree._Element) -> bytes:
    """Serialise an element as UTF-8 XML with declaration."""
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8")
