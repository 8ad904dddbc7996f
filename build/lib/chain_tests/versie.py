"""ketentest's version, as installed (the report, the bundle and ``ketentest --version`` name it)."""

from __future__ import annotations

import importlib.metadata

try:
    __version__ = importlib.metadata.version("ketentest")
except importlib.metadata.PackageNotFoundError:  # run from a checkout without installing
    __version__ = "0+onbekend"
