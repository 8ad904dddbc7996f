"""A hardened XML parser for everything that arrives from another party.

Rules: no DTDs (so no external entities and no entity bombs), no network, bounded size. A refused
document raises :class:`~chain_tests.errors.OngeldigeInvoer` with a Dutch message saying what is
wrong and where; nothing is expanded and nothing is read from disk.
"""

from __future__ import annotations

import codecs
import re

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


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# XML 1.0 Appendix F: the first four bytes of a document without a BOM give away wide encodings.
_ZONDER_BOM = {
    b"\x00\x00\x00<": "utf-32-be",
    b"<\x00\x00\x00": "utf-32-le",
    b"\x00<\x00?": "utf-16-be",
    b"<\x00?\x00": "utf-16-le",
}
_DECLARATIE = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def als_tekst(data: bytes, bron: str = "XML") -> str:
    """Decode a document as its parser would (BOM, Appendix F, or the encoding declaration)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    if data[:4] in _ZONDER_BOM:
        return data.decode(_ZONDER_BOM[data[:4]], errors="replace")
    m = _DECLARATIE.match(data[:256])
    codering = m.group(1).decode("ascii") if m else "utf-8"
    try:
        return data.decode(codering, errors="replace")
    except LookupError as exc:
        raise OngeldigeInvoer(
            f"{bron}: onbekende tekencodering {codering!r} in de XML-declaratie.",
            code="KT-XML-CODERING",
            hint="Gebruik UTF-8 (of UTF-16).",
        ) from exc


def _refuse_doctype(data: bytes, bron: str) -> None:
    # A DOCTYPE is the only way to declare entities: refuse it before libxml2 sees it, in whatever
    # encoding the document is written.
    tekst = als_tekst(data, bron).lower()
    if "<!doctype" in tekst or "<!entity" in tekst:
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


def sub(parent: etree._Element, ns: str, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    """Append ``{ns}tag`` to ``parent``, with text and attributes: how the builders write XML."""
    el = etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el
