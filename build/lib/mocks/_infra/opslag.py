"""Where the mocks keep the bytes they receive (bijlagen, shared stukken): one temporary folder per process.

Every store is a folder under that one root, which is removed when the process ends (``atexit``; the served
mocks turn SIGTERM into a normal exit), so neither a test run nor a stopped server leaves folders behind.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

_WORTEL: list[Path] = []


def opslagmap(soort: str) -> Path:
    """A new, empty folder for one mock's store (``soort``: loket, samenwerken, vth)."""
    if not _WORTEL:
        _WORTEL.append(Path(tempfile.mkdtemp(prefix="ketentest-mocks-")))
        atexit.register(shutil.rmtree, _WORTEL[0], True)
    return Path(tempfile.mkdtemp(prefix=f"{soort}-", dir=_WORTEL[0]))
