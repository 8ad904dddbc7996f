"""Feel out one party's HTTPS endpoint as the chain would meet it: connect, shake hands with the profile's CA and
the client certificate the harness presents there, and see what the party shows and accepts.

Used by preflight (:mod:`chain_tests.preflight`). Standard library ``ssl`` and ``socket`` only, so every step is
seen apart: the TCP connection, the TLS version, whether the server's chain is trusted (and if not, why), the
OIN in the server certificate's subject ``serialNumber`` and its days left, and whether the party accepted the
client certificate (TLS 1.3 servers refuse one only after the handshake, on the first read).
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
from cryptography import x509

from chain_tests.pki import oin_van

#: Alerts a server sends when it does not take the client certificate (or wants one and got none).
_WEIGERINGEN = ("CERTIFICATE_REQUIRED", "BAD_CERTIFICATE", "UNKNOWN_CA", "CERTIFICATE_UNKNOWN", "ACCESS_DENIED")


@dataclass(frozen=True)
class Verbinding:
    """What feeling out one endpoint showed."""

    url: str
    bereikbaar: bool
    fout: str | None = None  # why it could not be reached, or why TLS failed
    tls: str | None = None  # "TLSv1.3"; None without TLS
    vertrouwd: bool = False  # the server's chain verified against the profile's CA, for this host name
    ketenfout: str | None = None  # why it did not verify
    server_oin: str | None = None
    server_dagen: int | None = None
    server_uitgever: str | None = None
    client_geaccepteerd: bool | None = None  # None: no client certificate presented, or not to be told


def _adres(url: str) -> tuple[str, int, bool]:
    u = httpx.URL(url)
    tls = u.scheme == "https"
    return u.host, u.port or (443 if tls else 80), tls


def tast_af(url: str, ca: Path | None, client: tuple[Path, Path] | None, seconden: float = 5.0) -> Verbinding:
    """Connect to ``url`` as the chain would: TLS against ``ca`` (None: the system's CAs), presenting ``client``."""
    host, poort, tls = _adres(url)
    try:
        socket.create_connection((host, poort), timeout=seconden).close()
    except OSError as exc:
        return Verbinding(url, False, fout=f"{type(exc).__name__}: {exc}")
    if not tls:
        return Verbinding(url, True)
    streng = _context(ca, client, verifieer=True)
    try:
        return _handdruk(url, host, poort, streng, client, seconden, vertrouwd=True, ketenfout=None)
    except ssl.SSLCertVerificationError as exc:
        fout = exc.verify_message or str(exc)
        los = _context(ca, client, verifieer=False)  # again without verifying: what does the server show?
        return _handdruk(url, host, poort, los, client, seconden, vertrouwd=False, ketenfout=fout)


def _context(ca: Path | None, client: tuple[Path, Path] | None, *, verifieer: bool) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(ca) if ca else None)
    if not verifieer:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    if client is not None:
        context.load_cert_chain(str(client[0]), str(client[1]))
    return context


def _handdruk(
    url: str,
    host: str,
    poort: int,
    context: ssl.SSLContext,
    client: tuple[Path, Path] | None,
    seconden: float,
    *,
    vertrouwd: bool,
    ketenfout: str | None,
) -> Verbinding:
    try:
        with (
            socket.create_connection((host, poort), timeout=seconden) as kaal,
            context.wrap_socket(kaal, server_hostname=host) as s,
        ):
            der = s.getpeercert(binary_form=True)
            versie = s.version()
            geaccepteerd, reden = _client_geaccepteerd(s, host) if client is not None else (None, None)
    except ssl.SSLCertVerificationError:
        raise
    except (ssl.SSLError, OSError) as exc:  # refused during the handshake (TLS 1.2 asks for the certificate there)
        geweigerd = any(w in str(exc).upper() for w in _WEIGERINGEN)
        return Verbinding(
            url,
            True,
            fout=f"{type(exc).__name__}: {exc}",
            vertrouwd=vertrouwd,
            ketenfout=ketenfout,
            client_geaccepteerd=False if geweigerd else None,
        )
    gezien = _met_servercertificaat(url, der, versie, vertrouwd, ketenfout, geaccepteerd)
    return replace(gezien, fout=reden) if reden else gezien


def _client_geaccepteerd(s: ssl.SSLSocket, host: str) -> tuple[bool, str | None]:
    """A TLS 1.3 server refuses a client certificate after the handshake: ask for "/" and read. Any answer (even
    a 404) means the certificate was taken; an alert, or a connection closed without a word, that it was not."""
    try:
        s.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        if s.recv(1):
            return True, None
        return False, "de verbinding werd zonder antwoord gesloten na de TLS-handdruk"
    except OSError as exc:  # ssl.SSLError is one: the alert that refused the certificate, or a reset
        return False, f"{type(exc).__name__}: {exc}"


def _met_servercertificaat(
    url: str, der: bytes | None, versie: str | None, vertrouwd: bool, ketenfout: str | None, geaccepteerd: bool | None
) -> Verbinding:
    if der is None:
        return Verbinding(url, True, tls=versie, vertrouwd=vertrouwd, ketenfout=ketenfout)
    cert = x509.load_der_x509_certificate(der)
    dagen = (cert.not_valid_after_utc - dt.datetime.now(dt.UTC)).days
    return Verbinding(
        url,
        True,
        tls=versie,
        vertrouwd=vertrouwd,
        ketenfout=ketenfout,
        server_oin=oin_van(cert),
        server_dagen=dagen,
        server_uitgever=cert.issuer.rfc4514_string(),
        client_geaccepteerd=geaccepteerd,
    )
