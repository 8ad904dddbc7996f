"""Receiving side of Digikoppeling ebMS2, shared by every mock party: read and check a message against the CPAs
(:mod:`chain_tests.standards.ebms_controle`), check the sender against its certificate, answer the MSH's own
service (Ping → Pong, StatusRequest → StatusResponse), and refuse with an ebMS ErrorList signal that names the
ebMS 2.0 error code and the element (``eb:location``), or with a SOAP Fault for what is no ebMS message at all."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

import httpx

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards import soap
from chain_tests.standards.cpa import Overeenkomst
from chain_tests.standards.ebms import MSH_SERVICE, EbmsBericht, msh_antwoord
from chain_tests.standards.ebms_controle import EbmsFout, controleer
from chain_tests.standards.ondertekening import verpak
from chain_tests.standards.sleutels import Sleutelbos, sleutelbos
from mocks._infra.antwoorden import ebms_weigering
from mocks._infra.routing import client_oin

#: what a party answers to a StatusRequest about a message id: Received, Processed or NotRecognized
Status = Callable[[str], str]


def ontvang(
    request: httpx.Request,
    eigen_oin: str,
    cpas: Mapping[str, Overeenkomst] | None,
    nu: datetime,
    eigen_bericht: Callable[[str], bool] = lambda _: False,
    status_van: Status = lambda _: "NotRecognized",
    sleutels: Sleutelbos | None = None,
) -> EbmsBericht | httpx.Response:
    """The checked message to process, or the answer to send back (a refusal, or the MSH's own answer)."""
    afzender = client_oin(request)
    try:
        body = request.read()
    except OngeldigeInvoer as exc:  # past the size bound while it was read
        return ebms_weigering(eigen_oin, None, "Inconsistent", str(exc), afzender, status=413)
    ct, actie = request.headers.get("Content-Type", ""), request.headers.get("SOAPAction")
    sleutels = sleutels or sleutelbos()
    uitkomst = controleer(ct, body, actie, eigen_oin, cpas, nu, eigen_bericht, afzender, sleutels)
    if isinstance(uitkomst, EbmsFout):
        return _weigering(eigen_oin, uitkomst, afzender)
    if uitkomst.service == MSH_SERVICE and uitkomst.action in ("Ping", "StatusRequest"):
        return _msh(uitkomst, status_van, cpas or {}, sleutels)
    return uitkomst


def _weigering(eigen_oin: str, fout: EbmsFout, afzender: str | None) -> httpx.Response:
    if fout.soap_fault:
        body = soap.fault(f"Het bericht is niet verwerkt: {fout.tekst}")
        return httpx.Response(500, content=body, headers={"Content-Type": soap.CONTENT_TYPE})
    status = 403 if fout.code == "SecurityFailure" else 400
    return ebms_weigering(eigen_oin, fout.bericht, fout.code, fout.tekst, afzender, status, fout.locatie)


def _msh(
    vraag: EbmsBericht, status_van: Status, cpas: Mapping[str, Overeenkomst], sleutels: Sleutelbos
) -> httpx.Response:
    if vraag.action == "Ping":
        antwoord = msh_antwoord(vraag, "Pong")
    else:
        ref = vraag.status_vraag or ""
        antwoord = msh_antwoord(vraag, "StatusResponse", (status_van(ref), ref))
    headers, body = verpak(antwoord, cpas, sleutels)
    return httpx.Response(200, content=body, headers=headers)
