"""The content types ``manifest.xml`` gives its files (LVBB1019–1021): given, one the LVBB takes, and the file's
real format. The real format is read from the file's first ``KOP`` bytes (an XML declaration or element, ``%PDF``, the
PNG and JPEG signatures); XML and GML count as one family, since a GML is XML. An image (``image/…``) has its own
codes: a format that cannot be told (LVBB1017), another format than given (1018), a PNG with transparency — an
alpha channel or a tRNS chunk before its image data (1013)."""

from __future__ import annotations

from chain_tests.standards.meldingcodes import CodeMelding, melding

KOP = 16  # bytes read to tell the format: the longest signature, or an XML start after some whitespace
TOEGESTAAN = ("application/xml", "application/gml+xml", "application/pdf", "image/png", "image/jpeg")
XML = ("application/xml", "application/gml+xml")
_HANDTEKENINGEN = ((b"%PDF", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))


def werkelijk(data: bytes) -> str | None:
    """The format ``data`` really has, or None when it is none of the known ones."""
    for kop, soort in _HANDTEKENINGEN:
        if data.startswith(kop):
            return soort
    return "application/xml" if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else None


def _past(opgegeven: str, echt: str) -> bool:
    return opgegeven == echt or (opgegeven in XML and echt in XML)


def controleer(manifest: list[tuple[str, str]], bestanden: dict[str, bytes]) -> list[CodeMelding]:
    fouten = []
    for naam, soort in manifest:
        if not soort:
            fouten.append(melding("LVBB1020", naam))
        elif soort not in TOEGESTAAN:
            fouten.append(melding("LVBB1019", soort, naam))
        elif naam in bestanden and soort.startswith("image/"):
            fouten += _afbeelding(naam, soort, bestanden[naam])
        elif naam in bestanden and (echt := werkelijk(bestanden[naam][:KOP])) and not _past(soort, echt):
            fouten.append(melding("LVBB1021", naam, echt))
    return fouten


def _afbeelding(naam: str, soort: str, data: bytes) -> list[CodeMelding]:
    echt = werkelijk(data[:KOP])
    if echt is None or not echt.startswith("image/"):
        return [melding("LVBB1017", naam)]
    if echt != soort:
        return [melding("LVBB1018", naam)]
    return [melding("LVBB1013", naam)] if echt == "image/png" and transparant(data) else []


PNG_KLEUR = 25  # the byte of the colour type in a PNG's IHDR
PNG_ALFA = (4, 6)  # grey and colour with an alpha channel


def transparant(png: bytes) -> bool:
    """Whether a PNG has transparency: an alpha channel, or a tRNS chunk before its first IDAT."""
    if len(png) > PNG_KLEUR and png[PNG_KLEUR] in PNG_ALFA:
        return True
    pos = 8  # after the signature: chunks of length (4), type (4), data, crc (4)
    while pos + 8 <= len(png):
        soort = png[pos + 4 : pos + 8]
        if soort == b"tRNS":
            return True
        if soort in (b"IDAT", b"IEND"):
            return False
        pos += 12 + int.from_bytes(png[pos : pos + 4], "big")
    return False
