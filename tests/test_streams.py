"""Streamed bijlagen on disk: what is written is exactly what came, with its size and sha256, however the chunks
fall; an oversize body, a failing source or a failing disk leaves no file and no writer thread behind."""

from __future__ import annotations

import errno
import hashlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from chain_tests.errors import OngeldigeInvoer
from chain_tests.streams import CHUNK, schrijf_stream


def _stukken(data: bytes, maat: int) -> Iterator[bytes]:
    for i in range(0, len(data), maat):
        yield data[i : i + maat]


@pytest.mark.parametrize("grootte", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK + 12345])
@pytest.mark.parametrize("maat", [7919, CHUNK, 3 * CHUNK])
def test_the_file_holds_exactly_the_bytes_with_their_size_and_sha256(tmp_path: Path, grootte: int, maat: int) -> None:
    data = os.urandom(grootte)
    doel = tmp_path / "bijlage.bin"
    assert schrijf_stream(_stukken(data, maat), doel, grootte) == (grootte, hashlib.sha256(data).hexdigest())
    assert doel.read_bytes() == data


def _draden() -> set[str]:
    return {t.name for t in threading.enumerate() if t.name.startswith("schrijf ")}


def test_an_oversize_body_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    doel = tmp_path / "groot.bin"
    with pytest.raises(OngeldigeInvoer) as info:
        schrijf_stream(_stukken(bytes(3 * CHUNK), CHUNK), doel, 2 * CHUNK)
    assert info.value.code == "KT-TE-GROOT" and not doel.exists() and not _draden()


def test_a_failing_source_leaves_nothing(tmp_path: Path) -> None:
    def bron() -> Iterator[bytes]:
        yield bytes(CHUNK)
        yield bytes(CHUNK)
        raise ConnectionResetError("de client brak de verbinding af")

    doel = tmp_path / "half.bin"
    with pytest.raises(ConnectionResetError):
        schrijf_stream(bron(), doel, 10 * CHUNK)
    assert not doel.exists() and not _draden()


def test_a_failing_disk_surfaces_in_the_caller_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    echt, geschreven = os.pwrite, [0]

    def vol(fd: int, data: bytes, plek: int) -> int:
        geschreven[0] += 1
        if geschreven[0] > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return echt(fd, data, plek)

    monkeypatch.setattr(os, "pwrite", vol)
    doel = tmp_path / "vol.bin"
    with pytest.raises(OSError) as info:
        schrijf_stream(_stukken(bytes(20 * CHUNK), CHUNK), doel, 100 * CHUNK)
    assert info.value.errno == errno.ENOSPC and not doel.exists() and not _draden()


@pytest.mark.parametrize("maten", [[CHUNK], [10] * 5, [CHUNK + 5, 3, CHUNK - 1, 2], [64 * 1024] * 40, []])
def test_chunks_are_regrouped_to_a_chunk_without_losing_or_copying_a_large_one(maten: list[int]) -> None:
    from chain_tests.streams import bundel

    stukken = [os.urandom(m) for m in maten]
    uit = list(bundel(iter(stukken)))
    assert b"".join(uit) == b"".join(stukken)
    assert all(len(u) >= CHUNK for u in uit[:-1])  # every group but the last holds a chunk or more
    groot = [s for s in stukken if len(s) >= CHUNK]
    assert all(any(u is s for u in uit) for s in groot[:1])  # a large first chunk passes as the same object
