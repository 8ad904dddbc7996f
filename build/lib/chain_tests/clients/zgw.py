"""The ZGW adapter: reads the zaak from a ZGW Zaken API and its documents from a Documenten API.

Mapping (documented in docs/leveranciersgids.md):
- the zaak has a ``kenmerk`` with ``bron`` "DSO" and ``kenmerk`` = verzoeknummer, one per verzoek in its dossier
  (the Wkb meldingen after the bouwmelding), the first being the zaak's own;
- ``zaakeigenschappen`` carry ``volgnummer``, ``projectId``, ``verzoektype``, ``bevoegdGezag``,
  ``uitvoerendeInstantie``, ``status``, ``overgedragenAan``, ``initiatiefnemer``, one ``activiteit`` per
  activity, one ``antwoord`` per answer with waarde ``<activiteit-id>|<vraag-id>|<antwoord>``, one ``signaal`` per
  signal of the VTH (e.g. no bouwmelding), and ``resultaat`` and ``einddatum`` once afgehandeld;
- ``zaakinformatieobjecten`` link the bijlagen; each ``enkelvoudiginformatieobject`` gives
  ``bestandsnaam``, ``bestandsomvang`` and ``integriteit`` {algoritme: sha_256, waarde}. The document
  ``identificatie`` is the DSO documentId.
"""

from __future__ import annotations

from typing import Any, ClassVar

import httpx

from chain_tests.clients.base import json_object, json_van, verwacht
from chain_tests.errors import ChainTestError
from chain_tests.standards import api
from chain_tests.standards.zgw import ZAAKEIGENSCHAPPEN, ZAAKINFORMATIEOBJECTEN, ZAKEN

MAX_PAGINAS = 100


class ZgwAdapter:
    kan: ClassVar[frozenset[str]] = frozenset()  # reads only: no zaakstatus, no doorzetten

    def __init__(self, client: httpx.Client, naam: str) -> None:
        self.client, self.naam = client, naam

    def _json(self, url: str, **params: str) -> Any:
        return json_van(self.naam, verwacht(self.naam, self.client.get(url, params=params or None)))

    def _alle_zaken(self) -> list[dict[str, Any]]:
        zaken: list[dict[str, Any]] = []
        url: str | None = ZAKEN
        for _ in range(MAX_PAGINAS):  # bounded: a broken 'next' link must not loop forever
            if url is None:
                return zaken
            pagina = self._json(url)
            zaken += pagina["results"]
            url = pagina.get("next")
        raise ChainTestError(f"{self.naam}: meer dan {MAX_PAGINAS} pagina's zaken", code="KT-ZGW-PAGINA")

    def zaken(self, verzoeknummer: str) -> list[api.Zaak]:
        return [
            self._zaak(z)
            for z in self._alle_zaken()
            if any(k.get("bron") == "DSO" and k.get("kenmerk") == verzoeknummer for k in z.get("kenmerken", []))
        ]

    def _zaak(self, z: dict[str, Any]) -> api.Zaak:
        eig: dict[str, list[str]] = {}
        for e in self._json(api.pad(ZAAKEIGENSCHAPPEN, uuid=z["uuid"])):
            eig.setdefault(e["naam"], []).append(e["waarde"])

        def een(naam: str, standaard: str = "") -> str:
            return eig.get(naam, [standaard])[0]

        antwoorden = []
        for waarde in eig.get("antwoord", []):
            activiteit, vraag, antwoord = waarde.split("|", 2)
            antwoorden.append(api.ZaakAntwoord(activiteit_id=activiteit, vraag_id=vraag, antwoord=antwoord or None))
        bijlagen = [self._bijlage(zio["informatieobject"]) for zio in self._json(ZAAKINFORMATIEOBJECTEN, zaak=z["url"])]
        return api.Zaak(
            zaak_id=z["identificatie"],
            verzoeknummer=next(k["kenmerk"] for k in z["kenmerken"] if k["bron"] == "DSO"),
            verzoeken=[k["kenmerk"] for k in z["kenmerken"] if k["bron"] == "DSO"],
            signalen=eig.get("signaal", []),
            resultaat=een("resultaat") or None,
            einddatum=een("einddatum") or None,
            volgnummer=int(een("volgnummer", "1")),
            project_id=een("projectId"),
            verzoektype=een("verzoektype", "Aanvraag vergunning"),
            status=een("status", "ontvangen"),
            bevoegd_gezag=een("bevoegdGezag"),
            uitvoerende_instantie=een("uitvoerendeInstantie") or None,
            overgedragen_aan=een("overgedragenAan") or None,
            activiteiten=eig.get("activiteit", []),
            antwoorden=antwoorden,
            initiatiefnemer=een("initiatiefnemer"),
            bijlagen=bijlagen,
        )

    def _bijlage(self, url: str) -> api.ZaakBijlage:
        eio = json_object(self.naam, verwacht(self.naam, self.client.get(url)))
        integriteit = eio.get("integriteit") or {}
        if integriteit.get("algoritme") != "sha_256":
            raise ChainTestError(
                f"{self.naam}: document {eio.get('identificatie')} heeft geen sha_256-integriteit "
                f"maar {integriteit.get('algoritme')!r}",
                code="KT-ZGW-INTEGRITEIT",
            )
        return api.ZaakBijlage(
            document_id=eio["identificatie"],
            bestandsnaam=eio["bestandsnaam"],
            bestandsgrootte=int(eio["bestandsomvang"]),
            sha256=integriteit["waarde"],
        )

    def zet_status(self, zaak_id: str, status: str, resultaat: str | None = None) -> api.Zaak:
        raise ChainTestError(
            f"{self.naam}: een status zetten via de ZGW-adapter wordt niet ondersteund.",
            code="KT-ZGW-STATUS",
            hint="Gebruik de adapter van uw VTH-leverancier om een zaak in behandeling te nemen of af te handelen.",
        )

    def zet_door(self, zaak_id: str, naar_oin: str) -> api.Zaak:
        raise ChainTestError(
            f"{self.naam}: doorzetten via de ZGW-adapter wordt niet ondersteund.",
            code="KT-ZGW-DOORZETTEN",
            hint="Gebruik de adapter van uw VTH-leverancier voor stap 10.",
        )
