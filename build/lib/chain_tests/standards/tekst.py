"""Text that travels between parties: names, questions, answers, file names.

One place for the rules, used by the casus loader, the JSON contracts and the mocks alike:

- text that ends up in XML may hold only characters XML 1.0 allows (no ``\\x01``, no NUL);
- a file name is not empty, has no control characters (CR, LF, NUL, …) and at most 255 characters;
  anything else (accents, ``’``, ``–``, emoji, ``../``) is kept exactly as given;
- a file name in an HTTP header follows RFC 6266 / RFC 5987 (``filename*=UTF-8''…`` with an ASCII
  fallback), built and read with the standard library's RFC 2231 support;
- question texts compare after trimming and collapsing whitespace.

Every refusal is a ``ValueError`` with a Dutch message naming the character and its position
(counted from 1), so that pydantic validators and the mocks can pass it on as a melding.
"""

from __future__ import annotations

import re
import unicodedata
from email.message import Message
from email.utils import collapse_rfc2231_value, encode_rfc2231
from typing import Annotated

from pydantic import AfterValidator

MAX_BESTANDSNAAM = 255
_XML_VERBODEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_WITRUIMTE = re.compile(r"\s+")


def _teken(c: str) -> str:
    naam = unicodedata.name(c, "")
    return f"U+{ord(c):04X}" + (f" ({naam.lower()})" if naam else "")


def xml_tekst(waarde: str) -> str:
    """Refuse characters that XML 1.0 cannot carry; return the text unchanged otherwise."""
    m = _XML_VERBODEN.search(waarde)
    if m:
        raise ValueError(
            f"bevat het stuurteken {_teken(m.group())} op positie {m.start() + 1}; dat kan niet in een "
            "XML-bericht. Verwijder het teken."
        )
    return waarde


def bestandsnaam(naam: str) -> str:
    """Refuse empty names and control characters (CR, LF, NUL, …); keep everything else as given."""
    if not naam.strip():
        raise ValueError("de bestandsnaam is leeg")
    for i, c in enumerate(naam, start=1):
        if unicodedata.category(c) == "Cc":
            raise ValueError(
                f"de bestandsnaam bevat het stuurteken {_teken(c)} op positie {i}; regeleinden, NUL en andere "
                "stuurtekens zijn niet toegestaan in een bestandsnaam"
            )
    if len(naam) > MAX_BESTANDSNAAM:
        raise ValueError(f"de bestandsnaam is {len(naam)} tekens lang; het maximum is {MAX_BESTANDSNAAM}")
    return naam


XmlTekst = Annotated[str, AfterValidator(xml_tekst)]
Bestandsnaam = Annotated[str, AfterValidator(bestandsnaam)]


def normaliseer(tekst: str) -> str:
    """Trim and collapse whitespace: how question texts are compared and written."""
    return _WITRUIMTE.sub(" ", tekst).strip()


def _ascii_terugval(naam: str) -> str:
    plat = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode("ascii")
    plat = "".join(c if c.isprintable() and c not in '"\\/' else "_" for c in plat).strip()
    return plat or "bestand"


def content_disposition(naam: str, soort: str = "attachment") -> str:
    """``Content-Disposition`` for a file name (RFC 6266): plain when it is safe ASCII, else
    ``filename="<ascii fallback>"; filename*=UTF-8''<percent-encoded>`` (RFC 5987)."""
    bestandsnaam(naam)
    if naam.isascii() and naam.isprintable() and not any(c in naam for c in '"\\'):
        return f'{soort}; filename="{naam}"'
    return f'{soort}; filename="{_ascii_terugval(naam)}"; filename*={encode_rfc2231(naam, "utf-8")}'


def naam_uit_content_disposition(header: str) -> str | None:
    """The file name in a ``Content-Disposition`` header (``filename*`` wins over ``filename``)."""
    m = Message()
    m["Content-Disposition"] = header
    namen = [v for k, v in m.get_params(header="content-disposition") or [] if k.lower() == "filename"]
    uitgebreid = [v for v in namen if isinstance(v, tuple)]
    if uitgebreid:  # filename* (RFC 5987) takes precedence over the ASCII fallback
        return collapse_rfc2231_value(uitgebreid[0])
    return str(namen[0]) if namen else None
