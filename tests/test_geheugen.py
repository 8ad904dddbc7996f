"""The allocator is tuned once per process where the C library is glibc, and never where it is not."""

from __future__ import annotations

import ctypes
import platform

import pytest

from chain_tests import geheugen


def test_glibc_is_tuned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geheugen, "_afgestemd", [])
    verwacht = platform.libc_ver()[0] == "glibc"
    assert geheugen.stem_af() is verwacht
    monkeypatch.setattr(ctypes, "CDLL", lambda naam: (_ for _ in ()).throw(AssertionError("tweede keer")))
    assert geheugen.stem_af() is verwacht  # remembered: the C library is not asked again


def test_without_glibc_nothing_is_tuned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geheugen, "_afgestemd", [])

    def geen(naam: object) -> object:
        raise OSError("geen C-bibliotheek")

    monkeypatch.setattr(ctypes, "CDLL", geen)
    assert geheugen.stem_af() is False
