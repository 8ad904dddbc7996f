"""Mock *Verzoek afhandelen*: verzoekreferenties, the STAM XML and each bijlage (streamed), and
*doorzetten* to a behandeldienst.

Only the bevoegd gezag or the uitvoerende instantie of a verzoek (by the OIN of its certificate)
may fetch it. Every fetch is logged so the harness can say whether a verzoek was fetched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from chain_tests.klok import Klok, Systeemklok
from chain_tests.standards import api, operaties
from chain_tests.standards.inspectie import AfhandelenFouten, Ophaalfout, eerste
from chain_tests.standards.stam import stam_naar_xml
from chain_tests.standards.tekst import content_disposition
from chain_tests.streams import BestandStream, lees_stream
from mocks._infra.antwoorden import foutantwoord, json_antwoord
from mocks._infra.bewaren import begrens
from mocks._infra.routing import Route, client_oin, getal_param, lees_json
from mocks.dso_lv.verzoeken import Verzoek, Verzoekregister


@dataclass
class AfhandelenMock:
    base_url: str
    register: Verzoekregister
    namen: dict[str, str]
    bezorg: Callable[[Verzoek], None]
    fouten: AfhandelenFouten = field(default_factory=AfhandelenFouten)
    ketenfouten: Callable[[], list[Ophaalfout]] = lambda: []  # deliberate chain faults, per verzoek
    klok: Klok = field(default_factory=Systeemklok)
    opgehaald: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # verzoeknummer → (oin, wat)

    def routes(self) -> list[Route]:
        return [
            Route(operaties.REFERENTIES, self.referenties),
            Route(operaties.STAM, self.stam),
            Route(operaties.BIJLAGE, self.bijlage),
            Route(operaties.DOORZETTEN, self.doorzetten),
        ]

    def _verzoek(self, request: httpx.Request, nummer: str) -> Verzoek | httpx.Response:
        if self.fouten.onbeschikbaar > 0 and request.method == "GET":
            self.fouten.onbeschikbaar -= 1
            return foutantwoord(
                503, "Tijdelijk niet beschikbaar", ("AFH-503", "Verzoek afhandelen is tijdelijk niet beschikbaar.")
            )
        volgnummer = getal_param(request, "volgnummer", 0, minimum=1, code="AFH-400") or None
        storing = self._ketenfout(request, nummer, volgnummer, bijlage=False)
        if isinstance(storing, httpx.Response):
            return storing
        verzoek = self.register.versie(nummer, volgnummer)
        if verzoek is None:
            wat = f"Verzoek {nummer}" + (f" met volgnummer {volgnummer}" if volgnummer else "")
            return foutantwoord(404, "Onbekend verzoek", ("AFH-404", f"{wat} bestaat niet."))
        if not verzoek.mag_ophalen(client_oin(request)):
            return foutantwoord(
                403,
                "Niet geautoriseerd",
                (
                    "AFH-403",
                    f"OIN {client_oin(request)} is geen bevoegd gezag of uitvoerende instantie van verzoek {nummer}.",
                ),
            )
        return verzoek

    def _ketenfout(
        self, request: httpx.Request, nummer: str, volgnummer: int | None, *, bijlage: bool
    ) -> httpx.Response | Ophaalfout | None:
        """A deliberate chain fault on this fetch: an error answer, a delay (then None), or for a bijlage the
        fault that truncates it."""
        fouten = [f for f in self.ketenfouten() if (f.soort == "bijlage-afgekapt") == bijlage]
        f = eerste(fouten, self.klok.nu(), nummer, volgnummer, client_oin(request))
        if f is None or f.soort == "bijlage-afgekapt":
            return f
        if f.soort == "traag":
            self.klok.wacht(f.seconden)
            return None
        status = 503 if f.soort == "http-503" else 500
        return foutantwoord(
            status,
            "Opzettelijke ketenfout",
            (f"AFH-{status}", f"Verzoek afhandelen antwoordt {status} (opzettelijke ketenfout)."),
        )

    def _log(self, request: httpx.Request, nummer: str, wat: str) -> None:
        self.opgehaald.setdefault(nummer, []).append((client_oin(request) or "?", wat))
        begrens(self.opgehaald, self.register.bewaar)

    def referenties(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        v = self._verzoek(request, p["verzoeknummer"])
        if isinstance(v, httpx.Response):
            return v
        nummer = v.verzoeknummer
        versie = f"?volgnummer={v.stam.volgnummer}"  # the referenties point at this version, not at "latest"
        refs = [
            api.VerzoekReferentie(
                soort="STAM", url=self.base_url + api.pad(api.AFHANDELEN_STAM, verzoeknummer=nummer) + versie
            )
        ]
        refs += [
            api.VerzoekReferentie(
                soort="BIJLAGE",
                document_id=d.document_id,
                bestandsnaam=d.meta.bestandsnaam,
                url=self.base_url
                + api.pad(api.AFHANDELEN_BIJLAGE, verzoeknummer=nummer, document_id=d.document_id)
                + versie,
            )
            for d in v.documenten.values()
        ]
        self._log(request, nummer, "referenties")
        return json_antwoord(
            api.Verzoekreferenties(verzoeknummer=nummer, volgnummer=v.stam.volgnummer, referenties=refs)
        )

    def stam(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        v = self._verzoek(request, p["verzoeknummer"])
        if isinstance(v, httpx.Response):
            return v
        self._log(request, v.verzoeknummer, "STAM")
        xml = v.stam_xml
        if self.fouten.verbergt_routering and client_oin(request) == v.stam.bevoegd_gezag.oin:
            xml = stam_naar_xml(v.stam.model_copy(update={"uitvoerende_instantie": None}))
        return httpx.Response(200, content=xml, headers={"Content-Type": "application/xml"})

    def bijlage(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        if self.fouten.crasht:
            raise RuntimeError("opzettelijke fout in de mock (zelftest van ketentest)")
        v = self._verzoek(request, p["verzoeknummer"])
        if isinstance(v, httpx.Response):
            return v
        doc = v.documenten.get(p["document_id"])
        if doc is None:
            return foutantwoord(
                404,
                "Onbekende bijlage",
                ("AFH-404", f"Verzoek {v.verzoeknummer} heeft geen document {p['document_id']}."),
            )
        self._log(request, v.verzoeknummer, doc.document_id)
        afgekapt = self._ketenfout(request, v.verzoeknummer, v.stam.volgnummer, bijlage=True) is not None
        return httpx.Response(
            200,
            stream=AfgekaptStream(doc.pad, doc.grootte // 2) if afgekapt else BestandStream(doc.pad),
            headers={
                "Content-Type": doc.meta.mime_type,
                "Content-Length": str(doc.grootte),
                "Content-Disposition": content_disposition(doc.meta.bestandsnaam),
            },
        )

    def doorzetten(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        """Step 10: the bevoegd gezag hands a verzoek to a behandeldienst; DSO-LV notifies it."""
        v = self._verzoek(request, p["verzoeknummer"])
        if isinstance(v, httpx.Response):
            return v
        if client_oin(request) != v.stam.bevoegd_gezag.oin:
            return foutantwoord(
                403,
                "Niet geautoriseerd",
                (
                    "AFH-403",
                    f"Alleen het bevoegd gezag ({v.stam.bevoegd_gezag.oin}) mag verzoek {v.verzoeknummer} doorzetten.",
                ),
            )
        body = lees_json(request, api.Doorzetten)
        if self.fouten.weigert_doorzetten:
            return foutantwoord(
                503, "Tijdelijk niet beschikbaar", ("AFH-503", "Doorzetten is tijdelijk niet mogelijk.")
            )
        if body.uitvoerende_instantie not in self.namen:
            return foutantwoord(
                400,
                "Onbekende organisatie",
                (
                    "AFH-400",
                    f"Organisatie {body.uitvoerende_instantie} is niet aangesloten op het DSO; doorzetten kan alleen "
                    "naar een aangesloten organisatie.",
                ),
            )
        nieuw = v.met_uitvoerende_instantie(body.uitvoerende_instantie, self.namen.get(body.uitvoerende_instantie))
        self.register.vervang_laatste(nieuw)
        self.bezorg(nieuw)
        return httpx.Response(
            202, json={"verzoeknummer": v.verzoeknummer, "uitvoerendeInstantie": body.uitvoerende_instantie}
        )


class AfgekaptStream(httpx.SyncByteStream):
    """Keten fault bijlage-afgekapt: the first ``lengte`` bytes of the file, under the full Content-Length."""

    def __init__(self, pad: Path, lengte: int) -> None:
        self.pad, self.lengte = pad, lengte

    def __iter__(self) -> Iterator[bytes]:
        over = self.lengte
        for chunk in lees_stream(self.pad):
            if over <= 0:
                return
            yield chunk[:over]
            over -= len(chunk)
