"""Receiving side of Digikoppeling ebMS2, shared by DSO-LV and the reference VTH: parse, check the
sender against its certificate, and refuse with an ebMS ErrorList signal."""

from __future__ import annotations

import httpx

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards.ebms import EbmsBericht, ontleed
from mocks._infra.antwoorden import ebms_weigering
from mocks._infra.routing import client_oin


def ontvang(request: httpx.Request, eigen_oin: str) -> EbmsBericht | httpx.Response:
    """The parsed message, or the ebMS error response to send back."""
    afzender = client_oin(request)
    try:
        bericht = ontleed(request.headers.get("Content-Type", ""), request.read())
    except OngeldigeInvoer as exc:
        status = 413 if exc.code == "MOCK-413" else 400  # past the size bound while it was read
        return ebms_weigering(eigen_oin, None, "Inconsistent", str(exc), afzender, status=status)
    if afzender is not None and bericht.van_oin != afzender:
        return ebms_weigering(
            eigen_oin,
            bericht,
            "SecurityFailure",
            f"From/PartyId {bericht.van_oin} komt niet overeen met het OIN {afzender} in het "
            "clientcertificaat; het bericht is geweigerd.",
            afzender,
            status=403,
        )
    if bericht.naar_oin != eigen_oin:
        return ebms_weigering(
            eigen_oin,
            bericht,
            "Inconsistent",
            f"To/PartyId {bericht.naar_oin} is niet dit systeem ({eigen_oin}).",
            bericht.van_oin,
        )
    return bericht
