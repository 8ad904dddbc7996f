"""A small ZGW-shaped API (Zaken + Documenten) over the reference VTH's zaken, to test the ZGW adapter.

Only what the adapter reads: a paged zaken list with ``kenmerken``, ``zaakeigenschappen``,
``zaakinformatieobjecten?zaak=`` and ``enkelvoudiginformatieobjecten/{uuid}`` with ``integriteit``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx

from chain_tests.standards import api, operaties, zgw
from mocks._infra.antwoorden import foutantwoord
from mocks._infra.routing import Route, getal_param

_NS = uuid.UUID("2f4a3c1e-7a1b-4c5d-8e9f-5a6b7c8d9e0f")
PAGINA = 20


def _uuid(*delen: str) -> str:
    return str(uuid.uuid5(_NS, "|".join(delen)))


def _json(data: Any) -> httpx.Response:
    return httpx.Response(200, content=json.dumps(data).encode(), headers={"Content-Type": "application/json"})


def _eigenschappen(z: api.Zaak) -> list[dict[str, str]]:
    enkel = {
        "volgnummer": str(z.volgnummer),
        "projectId": z.project_id,
        "verzoektype": z.verzoektype,
        "bevoegdGezag": z.bevoegd_gezag,
        "uitvoerendeInstantie": z.uitvoerende_instantie or "",
        "status": z.status,
        "overgedragenAan": z.overgedragen_aan or "",
        "initiatiefnemer": z.initiatiefnemer,
    }
    eig = [{"naam": k, "waarde": v} for k, v in enkel.items()]
    eig += [{"naam": "activiteit", "waarde": a} for a in z.activiteiten]
    eig += [{"naam": "antwoord", "waarde": f"{a.activiteit_id}|{a.vraag_id}|{a.antwoord or ''}"} for a in z.antwoorden]
    eig += [{"naam": "signaal", "waarde": s} for s in z.signalen]
    eig += [{"naam": k, "waarde": v} for k, v in (("resultaat", z.resultaat), ("einddatum", z.einddatum)) if v]
    return eig


def routes(base_url: str, zaken: Callable[[], list[api.Zaak]]) -> list[Route]:
    def zaak_url(z: api.Zaak) -> str:
        return base_url + zgw.ZAKEN + "/" + _uuid(z.zaak_id)

    def lijst(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        alle = zaken()
        pagina = getal_param(request, "page", 1, minimum=1)
        deel = alle[(pagina - 1) * PAGINA : pagina * PAGINA]
        volgende = f"{base_url}{zgw.ZAKEN}?page={pagina + 1}" if pagina * PAGINA < len(alle) else None
        results = [
            {
                "url": zaak_url(z),
                "uuid": _uuid(z.zaak_id),
                "identificatie": z.zaak_id,
                "kenmerken": [{"kenmerk": nummer, "bron": "DSO"} for nummer in z.verzoeken],
            }
            for z in deel
        ]
        return _json({"count": len(alle), "next": volgende, "previous": None, "results": results})

    def eigenschappen(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        z = next((z for z in zaken() if _uuid(z.zaak_id) == p["uuid"]), None)
        return _json(_eigenschappen(z)) if z else foutantwoord(404, "Onbekende zaak", ("ZGW-404", p["uuid"]))

    def zio(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        z = next((z for z in zaken() if zaak_url(z) == request.url.params.get("zaak")), None)
        if z is None:
            return _json([])
        return _json(
            [
                {
                    "zaak": zaak_url(z),
                    "informatieobject": base_url + api.pad(zgw.INFORMATIEOBJECT, uuid=_uuid(z.zaak_id, b.document_id)),
                }
                for b in z.bijlagen
            ]
        )

    def eio(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        for z in zaken():
            for b in z.bijlagen:
                if _uuid(z.zaak_id, b.document_id) == p["uuid"]:
                    return _json(
                        {
                            "url": str(request.url),
                            "identificatie": b.document_id,
                            "bestandsnaam": b.bestandsnaam,
                            "bestandsomvang": b.bestandsgrootte,
                            "integriteit": {"algoritme": "sha_256", "waarde": b.sha256, "datum": "2026-01-01"},
                        }
                    )
        return foutantwoord(404, "Onbekend informatieobject", ("ZGW-404", p["uuid"]))

    return [
        Route(operaties.ZGW_ZAKEN, lijst),
        Route(operaties.ZGW_EIGENSCHAPPEN, eigenschappen),
        Route(operaties.ZGW_ZIO, zio),
        Route(operaties.ZGW_EIO, eio),
    ]
