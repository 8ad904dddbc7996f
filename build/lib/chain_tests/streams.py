"""Streamed bijlagen: chunked writes with a running sha256 and a size bound, chunked reads.

Used by the mocks (loket storage, afhandelen downloads) and by VTH clients alike."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx

from chain_tests.errors import OngeldigeInvoer

CHUNK = 1024 * 1024


class Hasher:
    """Wrap an iterable of chunks, computing the size and sha256 of what passes through."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self.chunks, self.sha, self.grootte = chunks, hashlib.sha256(), 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.sha.update(chunk)
            self.grootte += len(chunk)
            yield chunk

    @property
    def sha256(self) -> str:
        return self.sha.hexdigest()


def schrijf_stream(chunks: Iterable[bytes], doel: Path, max_bytes: int) -> tuple[int, str]:
    """Write chunks to ``doel``; return (size, sha256). Oversize input is refused and removed."""
    hasher = Hasher(chunks)
    try:
        with doel.open("wb") as fh:
            for chunk in hasher:
                if hasher.grootte > max_bytes:
                    raise OngeldigeInvoer(
                        f"het bestand is groter dan de grens van {max_bytes} bytes; het upload is afgebroken.",
                        code="KT-TE-GROOT",
                        hint="Verklein het bestand of splits het op.",
                    )
                fh.write(chunk)
    except BaseException:
        doel.unlink(missing_ok=True)
        raise
    return hasher.grootte, hasher.sha256


def lees_stream(pad: Path) -> Iterator[bytes]:
    with pad.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            yield chunk


class BestandStream(httpx.SyncByteStream):
    """An HTTP response body that streams a file in chunks (served by the mocks)."""

    def __init__(self, pad: Path) -> None:
        self.pad = pad

    def __iter__(self) -> Iterator[bytes]:
        yield from lees_stream(self.pad)
