"""Every refusal of the served mocks, as a table: path × who calls (no certificate, a certificate
of another CA, a self-signed one, one of the test CA without OIN, another organisation's). Each is refused:
an untrusted certificate in the TLS handshake, the others with a 403 and the melding of the endpoint."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives import serialization

from chain_tests.mockservers import MockServers
from chain_tests.pki import TestCA
from chain_tests.standards import api
from chain_tests.standards.ebms import ontleed, serialiseer
from tests.bouwstenen import DRIMMELEN, DSO, LELYSTAD, OMWB, verzoeknotificatie

KAPPEN = "nl.imow-gm1719.activiteit.KappenBoom"


def _ebms(c: httpx.Client, van: str | None) -> httpx.Response:
    headers, body = serialiseer(verzoeknotificatie(van_oin=van or DSO))
    return c.post(api.EBMS, content=body, headers=headers)


Vraag = Callable[[httpx.Client, str | None], httpx.Response]

# (name, party, request given the caller's OIN, melding code for a certificate without (usable) OIN,
#  melding code for another organisation's certificate)
PADEN: list[tuple[str, str, Vraag, str, str]] = [
    ("VTH zaken", DRIMMELEN, lambda c, oin: c.get(api.VTH_ZAKEN), "MOCK-MTLS", "MOCK-EIGEN"),
    (
        "VTH ebMS",
        DRIMMELEN,
        _ebms,
        "SecurityFailure",
        "SecurityFailure",
    ),
    (
        "behandeldienst instellen",
        DSO,
        lambda c, oin: c.put(
            api.pad(api.BEHANDELDIENST, activiteit_id=KAPPEN),
            content=b'{"uitvoerendeInstantie": "' + OMWB.encode() + b'"}',
            headers={"Content-Type": "application/json"},
        ),
        "MOCK-MTLS",
        "ROUTERING-403",
    ),
]


def _identiteit(naam: str, served: MockServers, tmp_path: Path) -> tuple[tuple[str, str] | None, str | None]:
    """The client certificate (pem, key) for ``naam`` and the OIN it claims."""
    pki = served.map / "pki"
    if naam == "geen":
        return None, None
    if naam == "zonder OIN":
        return (str(pki / "zonder-oin.pem"), str(pki / "zonder-oin-key.pem")), None
    if naam == "andere organisatie":
        return (str(pki / f"{LELYSTAD}.pem"), str(pki / f"{LELYSTAD}-key.pem")), LELYSTAD
    ca = TestCA(tmp_path / "vreemd", naam="Vreemde CA")
    if naam == "vreemde CA":
        c = ca.certificaat("x", "Gemeente Drimmelen", DRIMMELEN)
        return (str(c.certificaat), str(c.sleutel)), DRIMMELEN
    sleutel = tmp_path / "zelf-key.pem"  # self-signed: the CA's own certificate as client certificate
    sleutel.write_bytes(
        ca.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return (str(ca.pem), str(sleutel)), DRIMMELEN


def _code(r: httpx.Response) -> str:
    if "multipart" in r.headers.get("Content-Type", "") or "xml" in r.headers.get("Content-Type", ""):
        return ontleed(r.headers["Content-Type"], r.content).fouten[0][0]
    return str(r.json()["meldingen"][0]["code"])


@pytest.mark.parametrize("wie", ["geen", "vreemde CA", "zelfondertekend", "zonder OIN", "andere organisatie"])
@pytest.mark.parametrize(("pad", "partij", "vraag", "zonder_oin", "ander"), PADEN, ids=[p[0] for p in PADEN])
def test_every_caller_but_the_right_one_is_refused(
    mockservers: MockServers,
    tmp_path: Path,
    wie: str,
    pad: str,
    partij: str,
    vraag: Vraag,
    zonder_oin: str,
    ander: str,
) -> None:
    cert, oin = _identiteit(wie, mockservers, tmp_path)
    ctx = ssl.create_default_context(cafile=str(mockservers.map / "pki" / "ca.pem"))
    if cert:
        ctx.load_cert_chain(*cert)
    with httpx.Client(base_url=mockservers.urls[partij], verify=ctx, timeout=10) as c:
        if wie in ("vreemde CA", "zelfondertekend"):
            # TLS 1.3 checks the client certificate after the handshake: the server drops the connection
            with pytest.raises((httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError)):
                vraag(c, oin)
            return
        r = vraag(c, oin)
    assert r.status_code == 403
    assert _code(r) == (ander if wie == "andere organisatie" else zonder_oin)
