"""The sending side of Digikoppeling Grote Berichten (PULL): a file held for one receiver, served over HTTPS to
that receiver's certificate only, with byte ranges (``Range``, ``If-Range``, ``ETag``, ``Content-Range``), until
its expiration time. The deliberate faults of a sender (:class:`GbFouten`) are here too, for the self-tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx

from chain_tests.standards.grote_berichten import bereik
from chain_tests.streams import CHUNK
from mocks._infra.antwoorden import foutantwoord
from mocks._infra.routing import client_oin


@dataclass
class GbFouten:
    """What a sender of Grote Berichten can get wrong (offline self-tests)."""

    breekt_af: int = 0  # the first N downloads stop halfway (the receiver must resume with Range)
    andere_inhoud: bool = False  # serves other bytes than the metadata's checksum says
    onbeschikbaar: bool = False  # answers 404 (the file is gone)
    zonder_bereik: bool = False  # ignores Range and sends the whole file again (200), which the receiver allows


@dataclass
class GbBestand:
    pad: Path
    grootte: int
    etag: str
    ontvanger: str  # the OIN that may fetch it
    verloop: datetime
    opgehaald: int = field(default=0)


class _Deel(httpx.SyncByteStream):
    def __init__(self, pad: Path, eerste: int, laatste: int, afbreken: bool, anders: bool) -> None:
        self.pad, self.eerste, self.laatste, self.afbreken, self.anders = pad, eerste, laatste, afbreken, anders

    def __iter__(self) -> Iterator[bytes]:
        rest = self.laatste - self.eerste + 1
        stop = rest // 2 if self.afbreken else rest
        with self.pad.open("rb") as fh:
            fh.seek(self.eerste)
            while stop > 0:
                chunk = fh.read(min(CHUNK, stop))
                if not chunk:
                    return
                stop -= len(chunk)
                yield bytes(b ^ 0xFF for b in chunk[:1]) + chunk[1:] if self.anders else chunk
        if self.afbreken:
            raise httpx.ReadError("verbinding verbroken (opzettelijke fout van de verzender)")


def serveer(request: httpx.Request, b: GbBestand | None, nu: datetime, fouten: GbFouten) -> httpx.Response:
    """The answer to a GET of a Groot Bericht: 403 for another certificate, 404 when unknown, gone or expired,
    416 for a range outside the file, 206 for a range, else 200 — each with the ETag."""
    if b is None or fouten.onbeschikbaar or b.verloop < nu:
        return foutantwoord(404, "Onbekend groot bericht", ("GB-404", "Dit bestand is niet (meer) beschikbaar."))
    if client_oin(request) != b.ontvanger:
        tekst = f"Alleen OIN {b.ontvanger} mag dit bestand ophalen (GB009/GB010)."
        return foutantwoord(403, "Geen toegang", ("GB-403", tekst))
    gevraagd = None if fouten.zonder_bereik else request.headers.get("Range")
    if request.headers.get("If-Range") not in (None, b.etag):
        gevraagd = None  # the file changed since the first part: send it whole (RFC 7233 §3.2)
    try:
        deel = bereik(gevraagd, b.grootte)
    except ValueError:
        return httpx.Response(416, headers={"Content-Range": f"bytes */{b.grootte}", "ETag": b.etag})
    afbreken = fouten.breekt_af > 0
    fouten.breekt_af -= 1 if afbreken else 0
    b.opgehaald += 1
    eerste, laatste = deel or (0, b.grootte - 1)
    headers = {"ETag": b.etag, "Accept-Ranges": "bytes", "Content-Length": str(laatste - eerste + 1)}
    if deel is not None:
        headers["Content-Range"] = f"bytes {eerste}-{laatste}/{b.grootte}"
    stream = _Deel(b.pad, eerste, laatste, afbreken, fouten.andere_inhoud)
    return httpx.Response(206 if deel else 200, stream=stream, headers=headers)
