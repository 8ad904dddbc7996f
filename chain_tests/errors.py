"""The two error families of the harness.

::

    Exception
    ├── ChainTestError              misuse or configuration of the harness (Allure: broken)
    │   ├── OngeldigeInvoer          hostile or malformed input (XML, casus file)
    │   ├── ConfiguratieFout         bad settings / profile / casus
    │   ├── MockStoring              a mock failed internally: a bug in ketentest, never a finding
    │   ├── ContractFout             a party answered outside its contract (clients)
    │   ├── Weigering                a party refused a request: HTTP status + meldingen (clients)
    │   │   └── SoapFout             … as a SOAP Fault
    │   └── NietGemockt              a request to a host no mock serves (mocks._infra.routing)
    ├── AanvraagGeweigerd           the Omgevingsloket refused a submission (keten; often expected)
    └── AssertionError
        └── KetenBevinding           a finding about the system under test (Allure: failed)

Both families carry a stable ``code``; a ``KetenBevinding`` also carries the stap, the party and what
was expected versus seen, so that the findings workbook and the report can be made from it. Inside a
keten step a ``Weigering`` or ``ContractFout`` of the party under test becomes a ``KetenBevinding``
(:meth:`chain_tests.keten.basis.KetenBasis.stap`); a refusal that comes from a failing mock becomes a
``MockStoring``.
"""

from __future__ import annotations

from chain_tests.privacy import maskeer


class ChainTestError(Exception):
    """The harness was used or configured wrongly, or got input it refuses."""

    def __init__(self, message: str, *, code: str = "KT-FOUT", hint: str = "") -> None:
        self.code = code
        self.hint = hint
        self.tekst = message  # without the code and the hint
        full = f"[{code}] {message}"
        if hint:
            full += f"\nWat te doen: {hint}"
        super().__init__(full)


class OngeldigeInvoer(ChainTestError):
    """Hostile or malformed input: refused with a clear message, nothing expanded or read."""


class ConfiguratieFout(ChainTestError):
    """A setting, profile or casus file is wrong."""


class MockStoring(ChainTestError):
    """A mock failed internally (an exception in a handler or in its background work).

    This is a bug in ketentest or its mocks, reported as a harness error naming that mock, never as a
    finding against another party."""

    def __init__(self, storingen: list[str]) -> None:
        super().__init__(
            "Interne fout in een mock van ketentest; dit is geen bevinding over een partij in de keten:\n  "
            + "\n  ".join(storingen),
            code="KT-MOCK-STORING",
            hint="Meld dit bij de beheerders van ketentest, met de log van de mock en deze melding.",
        )
        self.storingen = storingen


class ContractFout(ChainTestError):
    """A party answered with something that does not fit the contract of its koppelvlak."""

    def __init__(self, partij: str, tekst: str) -> None:
        self.partij = partij
        super().__init__(f"{partij} gaf een antwoord dat niet aan het koppelvlak voldoet: {tekst}", code="KT-CONTRACT")


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
        samenvatting, verwacht, gezien = maskeer(samenvatting), maskeer(verwacht), maskeer(gezien)  # no BSN in clear
        self.samenvatting = samenvatting
        self.code = code
        self.stap = stap
        self.partij = partij
        self.verwacht = verwacht
        self.gezien = gezien
        self.verzoeknummer = verzoeknummer
        self.waargenomen_bij: int | None = None  # the trace line (volgnummer) where the harness saw it, when known
        self.deelstap: str | None = None  # "8a" or "8b" when known: the register keeps stap 8's halves apart
        lines = [
            f"[{code}] Stap {stap} – {partij}: {samenvatting}",
            f"  verwacht: {verwacht}",
            f"  gezien:   {gezien}",
        ]
        if verzoeknummer:
            lines.insert(1, f"  verzoeknummer: {verzoeknummer}")
        super().__init__("\n".join(lines))
