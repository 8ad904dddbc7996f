"""A test PKI in the PKIoverheid shape: a CA and certificates whose subject ``serialNumber`` is the
organisation's OIN. Made on the fly with the ``cryptography`` library; for served mocks and tests
only (never for production).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from chain_tests.config import KetenConfig
from chain_tests.errors import ConfiguratieFout


@dataclass(frozen=True)
class Certificaat:
    certificaat: Path
    sleutel: Path


def _sleutel() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _partijsleutel() -> rsa.RSAPrivateKey:
    """A party's key: RSA 2048 as PKIoverheid issues them (TLS, signing, and the key transport of osb-rm-e, which
    RSA-OAEP needs)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _pem_sleutel(key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


TEST_CA_NAAM = "ketentest Test-CA (geen PKIoverheid)"


class TestCA:
    """A self-signed CA that issues server and client certificates with the OIN in serialNumber."""

    __test__ = False  # not a pytest test class

    def __init__(self, map_: Path, naam: str = TEST_CA_NAAM) -> None:
        self.map = map_
        map_.mkdir(parents=True, exist_ok=True)
        self.key = _sleutel()
        now = dt.datetime.now(dt.UTC)
        name = x509.Name(
            [x509.NameAttribute(NameOID.COUNTRY_NAME, "NL"), x509.NameAttribute(NameOID.COMMON_NAME, naam)]
        )
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        self.pem = map_ / "ca.pem"
        self.pem.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))

    def certificaat(
        self, bestandsnaam: str, organisatie: str, oin: str | None, *, hosts: tuple[str, ...] = (), dagen: int = 30
    ) -> Certificaat:
        """Issue a certificate (server and client use) and write ``<bestandsnaam>.pem`` and ``-key.pem``."""
        key = _partijsleutel()
        now = dt.datetime.now(dt.UTC)
        attrs = [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "NL"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisatie),
            x509.NameAttribute(NameOID.COMMON_NAME, organisatie),
        ]
        if oin:
            attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, oin))
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name(attrs))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=dagen))
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
                critical=False,
            )
        )
        if hosts:
            builder = builder.add_extension(x509.SubjectAlternativeName([_san(h) for h in hosts]), critical=False)
        cert = builder.sign(self.key, hashes.SHA256())
        pem, key_pem = self.map / f"{bestandsnaam}.pem", self.map / f"{bestandsnaam}-key.pem"
        pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_pem.write_bytes(_pem_sleutel(key))
        key_pem.chmod(0o600)
        return Certificaat(pem, key_pem)


def _san(host: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        return x509.DNSName(host)


def lees_certificaat(pad: Path) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(pad.read_bytes())
    except (OSError, ValueError) as exc:
        raise ConfiguratieFout(
            f"Certificaat {pad} is niet te lezen als PEM: {exc}",
            code="KT-CERT",
            hint="Geef het pad naar een PEM-bestand met het (PKIoverheid-)certificaat.",
        ) from exc


def oin_van(cert: x509.Certificate) -> str | None:
    """The OIN in the certificate subject's serialNumber (PKIoverheid), or None."""
    attrs = cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    return str(attrs[0].value) if attrs else None


def oin_uit_naam(subject: str) -> str | None:
    """The OIN from an RFC 4514 subject string (``serialNumber=…`` or its OID form ``2.5.4.5=…``)."""
    for deel in subject.replace("+", ",").split(","):
        sleutel, _, waarde = deel.strip().partition("=")
        if sleutel in ("serialNumber", "2.5.4.5"):
            return waarde.strip()
    return None


def maak_test_pki(map_: Path, config: KetenConfig | None = None) -> None:
    """A test CA and a certificate per party of the keten (and one without OIN), for served mocks."""
    config = config or KetenConfig()
    ca = TestCA(map_)
    for o in [*config.landelijk(), *config.organisaties]:
        ca.certificaat(o.oin, o.naam, o.oin, hosts=("127.0.0.1", "localhost"))
    ca.certificaat("zonder-oin", "Organisatie zonder OIN", None, hosts=("127.0.0.1",))


def nog_geldig(map_: Path, dagen: int) -> bool:
    """True when ``map_`` holds a test PKI (ca.pem and certificates) of which every certificate is valid for at
    least ``dagen`` more days."""
    certificaten = [p for p in map_.glob("*.pem") if not p.name.endswith("-key.pem")]
    if not (map_ / "ca.pem").is_file() or len(certificaten) < 2:
        return False
    grens = dt.datetime.now(dt.UTC) + dt.timedelta(days=dagen)
    return all(lees_certificaat(p).not_valid_after_utc > grens for p in certificaten)
