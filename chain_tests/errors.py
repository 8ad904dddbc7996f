"""The two error families of the harness.

::

    Exception
    ├── ChainTestError          misuse or configuration of the harness (Allure: broken)
    │   ├── OngeldigeInvoer      hostile or malformed input (XML, casus file)
    │   └── ConfiguratieFout     bad settings / profile
    └── AssertionError
        └── KetenBevinding       a finding about the system under test (Allure: failed)

Both carry a stable ``code``; a ``KetenBevinding`` also carries the stap, the party and what was
expected versus seen, so that the findings workbook and the report can be made from it.
"""

from __future__ import annotations


class ChainTestError(Exception):
    """The harness was used or configured wrongly, or got input it refuses."""

    def __init__(self, message: str, *, code: str = "KT-FOUT", hint: str = "") -> None:
        self.code = code
        self.hint = hint
        full = f"[{code}] {message}"
        if hint:
            full += f"\nWat te doen: {hint}"
        super().__init__(full)


class OngeldigeInvoer(ChainTestError):
    """Hostile or malformed input: refused with a clear message, nothing expanded or read."""


class ConfiguratieFout(ChainTestError):
    """A setting, profile or casus file is wrong."""


class KetenBevinding(AssertionError):
    """A finding (bevinding) about the system under test.

    ``stap`` is the step number of the Werkplaats (1–11), ``partij`` the party at fault or where the
    chain stopped, ``verwacht``/``gezien`` what the harness expected and what it saw.
    """

    def __init__(
        self,
        samenvatting: str,
        *,
        code: str,
        stap: int,
        partij: str,
        verwacht: str,
        gezien: str,
        verzoeknummer: str | None = None,
    ) -> None:
        self.samenvatting = samenvatting
        self.code = code
        self.stap = stap
        self.partij = partij
        self.verwacht = verwacht
        self.gezien = gezien
        self.verzoeknummer = verzoeknummer
        lines = [
            f"[{code}] Stap {stap} – {partij}: {samenvatting}",
            f"  verwacht: {verwacht}",
            f"  gezien:   {gezien}",
        ]
        if verzoeknummer:
            lines.insert(1, f"  verzoeknummer: {verzoeknummer}")
        super().__init__("\n".join(lines))
