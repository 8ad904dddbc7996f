"""Streamed bijlagen: chunked writes with a running sha256 and a size bound, chunked reads.

Used by the mocks (loket storage, afhandelen downloads) and by VTH clients alike."""

from __future__ import annotations

import hashlib
import os
import queue
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx

from chain_tests.errors import OngeldigeInvoer

CHUNK = 1024 * 1024
#: httpx request extension: the sender's own :class:`Hasher` over a streamed body, so the trace takes its size and
#: sha256 from it instead of hashing the same bytes a second time (one hash per hop)
METER = "ketentest.meter"


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


def bundel(chunks: Iterable[bytes], minimum: int = CHUNK) -> Iterator[bytes]:
    """The chunks regrouped to at least ``minimum`` bytes each (the last may be less): a large chunk passes as it
    is (no copy), small ones (a network read, ~64 KiB) are joined once — fewer hash updates and writes."""
    stukken: list[bytes] = []
    n = 0
    for chunk in chunks:
        if not stukken and len(chunk) >= minimum:
            yield chunk
            continue
        stukken.append(chunk)
        n += len(chunk)
        if n >= minimum:
            yield stukken[0] if len(stukken) == 1 else b"".join(stukken)
            stukken, n = [], 0
    if stukken:
        yield b"".join(stukken)


def schrijf_stream(chunks: Iterable[bytes], doel: Path, max_bytes: int) -> tuple[int, str]:
    """Write chunks to ``doel``; return (size, sha256). Oversize input is refused and removed.

    The bytes are hashed here while a writer thread puts the previous chunks on disk: both release the GIL, so
    on two cores a hop costs the slower of the two, not their sum. At most ``WACHTRIJ`` chunks wait between them.
    """
    hasher = Hasher(bundel(chunks))
    schrijver = _Schrijver(doel)
    try:
        for chunk in hasher:
            if hasher.grootte > max_bytes:
                raise OngeldigeInvoer(
                    f"het bestand is groter dan de grens van {max_bytes} bytes; het upload is afgebroken.",
                    code="KT-TE-GROOT",
                    hint="Verklein het bestand of splits het op.",
                )
            schrijver.schrijf(chunk)
        schrijver.sluit()
    except BaseException:
        schrijver.breek_af()
        doel.unlink(missing_ok=True)
        raise
    return hasher.grootte, hasher.sha256


#: chunks that may wait for the writer threads (1 MiB each), and how many threads write them
WACHTRIJ, SCHRIJVERS = 4, 2


class _Schrijver:
    """A file written by writer threads from a bounded queue, each chunk at its own offset (``os.pwrite``), so
    while the caller hashes, writing can use the other core, and both cores while the caller waits. A write error
    surfaces in the caller's thread."""

    def __init__(self, doel: Path) -> None:
        self.fd = os.open(doel, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        self.rij: queue.Queue[tuple[int, bytes] | None] = queue.Queue(maxsize=WACHTRIJ)
        self.fout: BaseException | None = None
        self.plek = 0
        self.draden = [
            threading.Thread(target=self._werk, name=f"schrijf {doel.name}", daemon=True) for _ in range(SCHRIJVERS)
        ]
        for draad in self.draden:
            draad.start()

    def _werk(self) -> None:
        while (stuk := self.rij.get()) is not None:
            if self.fout is not None:
                continue  # after an error: drain, write nothing more
            try:
                plek, chunk = stuk
                while chunk:
                    n = os.pwrite(self.fd, chunk, plek)
                    plek, chunk = plek + n, chunk[n:]
            except BaseException as exc:  # handed to the caller's thread
                self.fout = exc

    def schrijf(self, chunk: bytes) -> None:
        if self.fout is not None:
            raise self.fout
        self.rij.put((self.plek, chunk))
        self.plek += len(chunk)

    def _stop(self) -> None:
        if self.fd < 0:
            return  # stopped already
        for _ in self.draden:
            self.rij.put(None)
        for draad in self.draden:
            draad.join()
        os.close(self.fd)
        self.fd = -1

    def sluit(self) -> None:
        self._stop()
        if self.fout is not None:
            raise self.fout

    def breek_af(self) -> None:
        self.fout = self.fout or ConnectionAbortedError("afgebroken")
        self._stop()


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
