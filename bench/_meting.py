"""Shared measuring for the benchmarks: one casus through a fresh offline keten, timed; peak RSS."""

from __future__ import annotations

import resource
import time

from chain_tests import Casus, CasusUitkomst, Keten, geheugen, speel_casus
from chain_tests.offline import OfflineKeten


def piek_rss_mib() -> float:
    """Peak resident set size of this process (every in-process party runs in it), in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def speel_getimed(casus: Casus) -> tuple[float, CasusUitkomst]:
    geheugen.stem_af()  # as the plugin and the CLI do
    omgeving = OfflineKeten()
    try:
        start = time.perf_counter()
        uitkomst = speel_casus(Keten(omgeving), casus)
        return time.perf_counter() - start, uitkomst
    finally:
        omgeving.sluit()
