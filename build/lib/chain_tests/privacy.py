"""BSNs never in clear in what people read: reports, the trace, the findings workbook, messages.

:func:`maskeer` replaces every BSN in a text by ``******` + its last three digits. A BSN is nine digits
that pass the elfproef (as every real and test BSN does), standing on its own (not part of a longer number,
an id or a hash). Applied where text leaves the harness: Allure attachments (``stappen.voeg_bij``), the
trace tables, the findings (``KetenBevinding``) and the workbook. The trace itself keeps the bytes as they
crossed the wire (the harness re-parses them), and shows them only masked.
"""

from __future__ import annotations

import re

_NEGEN = re.compile(r"(?<![0-9A-Za-z])([0-9]{9})(?![0-9A-Za-z])")
_NEGEN_BYTES = re.compile(rb"(?<![0-9A-Za-z])([0-9]{9})(?![0-9A-Za-z])")
_GEWICHTEN = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_bsn(cijfers: str) -> bool:
    """Nine digits that pass the elfproef (and are not all zero)."""
    if len(cijfers) != 9 or not cijfers.isdigit() or int(cijfers) == 0:
        return False
    return sum(int(c) * g for c, g in zip(cijfers, _GEWICHTEN, strict=True)) % 11 == 0


def gemaskeerd(bsn: str) -> str:
    return "******" + bsn[-3:]


def maskeer(tekst: str) -> str:
    return _NEGEN.sub(lambda m: gemaskeerd(m.group(1)) if is_bsn(m.group(1)) else m.group(1), tekst)


def maskeer_bytes(data: bytes) -> bytes:
    def vervang(m: re.Match[bytes]) -> bytes:
        cijfers = m.group(1).decode("ascii")
        return gemaskeerd(cijfers).encode("ascii") if is_bsn(cijfers) else m.group(1)

    return _NEGEN_BYTES.sub(vervang, data)
