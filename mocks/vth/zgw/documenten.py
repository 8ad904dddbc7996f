"""The Documenten API 1.4 of the reference VTH: its bijlagen as enkelvoudiginformatieobjecten, and their bytes
(streamed from where the VTH stored them, never held whole)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from chain_tests.standards.zgw import VERSIES
from chain_tests.standards.zgw import modellen as m
from chain_tests.streams import BestandStream
from mocks.vth.zgw.toegang import antwoord, filter_op, niet_gevonden, pagina, toegang
from mocks.vth.zgw.weergave import Weergave

LEZEN = "documenten.lezen"


@dataclass
class DocumentenApi:
    weergave: Weergave

    def _alle(self) -> list[m.EnkelvoudigInformatieObject]:
        w = self.weergave
        return [w.eio(z, b) for z in w.bron.zaken for b in z.bijlagen]

    def lijst(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, LEZEN)
        gevonden = filter_op(
            request, self._alle(), identificatie=lambda d: d.identificatie, bronorganisatie=lambda d: d.bronorganisatie
        )
        return antwoord(pagina(request, gevonden), "documenten")

    def lezen(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, LEZEN)
        gevonden = next((d for d in self._alle() if d.url.endswith("/" + p["uuid"])), None)
        if gevonden is None:
            raise niet_gevonden(request, f"Informatieobject {p['uuid']}")
        return antwoord(gevonden, "documenten")

    def download(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        toegang(request, LEZEN)
        w = self.weergave
        paar = next(((z, b) for z in w.bron.zaken for b in z.bijlagen if w.eio_uuid(z, b) == p["uuid"]), None)
        pad = w.bron.bestand(paar[1]) if paar else None
        if pad is None or not pad.is_file():
            raise niet_gevonden(request, f"De inhoud van informatieobject {p['uuid']}")
        headers = {
            "Content-Type": "application/octet-stream",
            "Content-Length": str(pad.stat().st_size),
            "API-version": VERSIES["documenten"],
        }
        return httpx.Response(200, stream=BestandStream(pad), headers=headers)
