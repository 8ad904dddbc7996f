"""Memory for streamed bijlagen: glibc's allocator tuned so 1 MiB chunks reuse the heap (issue 27 §2).

A bijlage streams through the keten in 1 MiB chunks, each a new ``bytes`` object: generated, read from a file,
re-chunked by httpx. glibc serves a 1 MiB allocation with its own ``mmap`` and returns it with ``munmap`` when
it is freed — every chunk then costs 256 page faults and zeroing by the kernel (in a VM also the host's), which
measured as a third of the CPU time of a 2 GiB aanvraag. With the mmap threshold above the chunk size and a trim
threshold that keeps a few chunks' worth of freed heap, the same pages serve chunk after chunk. Peak RSS stays
within its bound (measured in bench/meervoudig_bench.py). A no-op where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util

#: mallopt parameters (glibc malloc.h)
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
#: allocations up to this size come from the heap (glibc's own maximum for the dynamic threshold: 32 MiB)
MMAP_DREMPEL = 32 * 1024 * 1024
#: freed heap kept before it is returned to the system
TRIM_DREMPEL = 16 * 1024 * 1024

_afgestemd: list[bool] = []


def stem_af() -> bool:
    """Tune the allocator once per process; True when it was tuned (glibc), False elsewhere."""
    if _afgestemd:
        return _afgestemd[0]
    naam = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(naam)
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):  # not glibc (musl, macOS): nothing to tune
        _afgestemd.append(False)
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    _afgestemd.append(bool(mallopt(M_MMAP_THRESHOLD, MMAP_DREMPEL)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_DREMPEL)))
    return _afgestemd[0]
