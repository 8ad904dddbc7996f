"""The content types ``manifest.xml`` gives its files (LVBB1019–1021): given, one the LVBB takes, and the file's
real format. The real format is read from the file's first ``KOP`` bytes (an XML declaration or element, ``%PDF``, the
PNG and JPEG signatures); XML and GML count as one family, since a GML is XML."""

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
        elif naam in bestanden and (echt := werkelijk(bestanden[naam][:KOP])) and not _past(soort, echt):
            fouten.append(melding("LVBB1021", naam, echt))
    return fouten
