"""The signing keys of the Digikoppeling parties (osb-rm-s and osb-rm-e): a :class:`Sleutelbos` gives the
private key and certificate a party signs its ebMS messages with, and says which certificates it trusts.

Two kinds: from a folder (``<OIN>.pem``, ``<OIN>-key.pem`` and ``ca.pem``, the test PKI of the served mocks or a
supplier's own), and in memory (offline: a test CA of this process that issues a certificate per OIN on first use,
the OIN in the subject's serialNumber as PKIoverheid has it). One keyring per folder per process.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature

from chain_tests.config import KetenConfig
from chain_tests.errors import ConfiguratieFout
from chain_tests.pki import TestCA, lees_certificaat


@dataclass(frozen=True)
class Identiteit:
    """What a party signs with: its OIN, private key and certificate (PEM)."""

    oin: str
    sleutel_pem: bytes = field(repr=False)
    certificaat_pem: bytes

    @cached_property
    def certificaat(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.certificaat_pem)


class Sleutelbos:
    """The identities of the parties this process signs for, and the CA it trusts for signatures."""

    def __init__(self, map_: Path | None = None) -> None:
        self.map = map_
        self._lock = threading.Lock()
        self._identiteiten: dict[str, Identiteit] = {}
        self._ca: TestCA | None = None
        self._tijdelijk: tempfile.TemporaryDirectory[str] | None = None

    def identiteit(self, oin: str) -> Identiteit | None:
        """The identity of ``oin``; None when the folder has no key for it (in memory: made on first use)."""
        with self._lock:
            if oin not in self._identiteiten:
                gevonden = self._lees(oin) if self.map else self._maak(oin)
                if gevonden is None:
                    return None
                self._identiteiten[oin] = gevonden
            return self._identiteiten[oin]

    def nodig(self, oin: str) -> Identiteit:
        """The identity of ``oin``, or a Dutch error saying which file is missing."""
        gevonden = self.identiteit(oin)
        if gevonden is None:
            raise ConfiguratieFout(
                f"Geen sleutel om als OIN {oin} te ondertekenen: {self.map}/{oin}.pem en {oin}-key.pem ontbreken.",
                code="KT-SLEUTEL",
                hint="Zet het certificaat en de sleutel van deze partij in de map 'certificaten' van het profiel, "
                "of kies het ebMS-profiel osb-rm (zonder ondertekening).",
            )
        return gevonden

    def ca(self) -> x509.Certificate:
        """The CA whose certificates this keyring trusts for signatures."""
        if self.map is not None:
            return lees_certificaat(self.map / "ca.pem")
        return self._test_ca().cert

    def vertrouwt(self, cert: x509.Certificate, nu: dt.datetime | None = None) -> bool:
        """Is ``cert`` issued by the trusted CA and valid now?"""
        nu = nu or dt.datetime.now(dt.UTC)
        if not cert.not_valid_before_utc <= nu <= cert.not_valid_after_utc:
            return False
        try:
            cert.verify_directly_issued_by(self.ca())
        except (ValueError, TypeError, InvalidSignature):
            return False
        return True

    def _lees(self, oin: str) -> Identiteit | None:
        assert self.map is not None
        cert, sleutel = self.map / f"{oin}.pem", self.map / f"{oin}-key.pem"
        if not (cert.is_file() and sleutel.is_file()):
            return None
        return Identiteit(oin, sleutel.read_bytes(), cert.read_bytes())

    def _test_ca(self) -> TestCA:
        if self._ca is None:
            self._tijdelijk = tempfile.TemporaryDirectory(prefix="ketentest-sleutels-")
            self._ca = TestCA(Path(self._tijdelijk.name))
        return self._ca

    def _maak(self, oin: str) -> Identiteit:
        c = self._test_ca().certificaat(oin, f"Partij {oin}", oin, dagen=365)
        return Identiteit(oin, c.sleutel.read_bytes(), c.certificaat.read_bytes())


_bossen: dict[Path | None, Sleutelbos] = {}
_bossen_lock = threading.Lock()


def sleutelbos(config: KetenConfig | Path | None = None) -> Sleutelbos:
    """The keyring of this process for a folder (a KetenConfig: its ``sleutelmap``; None: the in-memory one)."""
    map_ = config.sleutelmap if isinstance(config, KetenConfig) else config
    with _bossen_lock:
        if map_ not in _bossen:
            _bossen[map_] = Sleutelbos(map_)
        return _bossen[map_]
