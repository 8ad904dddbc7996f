"""The ZGW adapter: finds and reads the zaak of a verzoek in a zaaksysteem's ZGW APIs (Zaken API 1.5, Documenten
API 1.4, Catalogi API 1.3) and moves it on with a status and a resultaat, as the specifications define them.

- Every call carries a fresh JWT (HS256, the profile's client id and secret; :mod:`chain_tests.standards.zgw.
  autorisatie`), calls on zaken the CRS headers. The three API roots come from the profile.
- The zaak of a verzoek is found with ``GET /zaakobjecten?object=<the verzoek's URL>`` (the convention in
  :mod:`chain_tests.standards.zgw`), never by scanning zaken; the verzoeken of its dossier are its zaakobjecten.
- Status and resultaat are ZGW's own (the statustype's and resultaattype's omschrijving, mapped to ketentest's
  statuses by the profile's ``statustypen``); the DSO data ZGW has no field for are zaakeigenschappen
  (``volgnummer``, ``projectId``, ``verzoektype``, ``bevoegdGezag``, ``uitvoerendeInstantie``, ``overgedragenAan``,
  ``initiatiefnemer``, one ``activiteit`` per activity, one ``antwoord`` per answer as
  ``<activiteit-id>|<vraag-id>|<antwoord>``, one ``signaal`` per signal of the VTH).
- Each bijlage is downloaded (streamed, never held) and its size and sha256 are what the harness compares: the
  bytes, not what the zaaksysteem says of them. A download is done once per document version.
- Doorzetten (stap 10) has no ZGW operation: the VTH calls DSO-LV itself. This adapter cannot, and says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar, TypeVar
from urllib.parse import unquote

import httpx

from chain_tests.clients.base import MAX_DOWNLOAD, Weigering, lees, verwacht
from chain_tests.clients.vth import AdapterContext
from chain_tests.errors import ChainTestError, ConfiguratieFout, ContractFout
from chain_tests.standards import api, zgw
from chain_tests.standards.zgw import modellen as m
from chain_tests.standards.zgw.autorisatie import ZgwJwt
from chain_tests.streams import CHUNK

T = TypeVar("T", bound=m.ZgwModel)
_DOWNLOADS: dict[tuple[str, int, str], api.ZaakBijlage] = {}  # (document URL, versie, client) → what it held
_MAX_DOWNLOADS = 10_000


#: times a zaak that changed while it was read is read again
LEESPOGINGEN = 3


class ZgwAdapter:
    kan: ClassVar[frozenset[str]] = frozenset({"zaakstatus"})  # no doorzetten: no ZGW operation does it

    def __init__(self, client: httpx.Client, naam: str, context: AdapterContext) -> None:
        self.client, self.naam = client, naam
        self.instellingen = context.zgw or zgw.ZgwInstellingen()
        self.zaken_root, self.documenten_root, self.catalogi_root = self.instellingen.roots(context.basis_url)
        self.auth = _auth(self.instellingen, context, naam)
        self.verzoek_sjabloon = self.instellingen.verzoek_url or (context.dso_lv_url.rstrip("/") + api.AFHANDELEN)
        self._typen: dict[str, str] = {}  # statustype/resultaattype URL → omschrijving

    @classmethod
    def met_context(cls, client: httpx.Client, naam: str, context: AdapterContext) -> ZgwAdapter:
        return cls(client, naam, context)

    # -- reading --------------------------------------------------------------------------------------
    def _lees(self, model: type[T], url: str, params: dict[str, str] | None = None, crs: bool = False) -> T:
        headers = zgw.CRS_HEADERS if crs else None
        return lees(model, self.naam, self.client.get(url, params=params, headers=headers, auth=self.auth))

    def _alle(self, model: type[T], url: str, params: dict[str, str], crs: bool = False) -> list[T]:
        """Every result of a paginated list, following ``next`` (bounded: a broken link cannot loop)."""
        gevonden: list[T] = []
        volgende: str | None = url
        for _ in range(zgw.MAX_PAGINAS):
            if volgende is None:
                return gevonden
            pagina = self._lees(m.Pagina[model], volgende, params if volgende == url else None, crs)  # type: ignore[valid-type]
            gevonden += pagina.results
            volgende = pagina.next
        raise ChainTestError(f"{self.naam}: meer dan {zgw.MAX_PAGINAS} pagina's voor {url}", code="KT-ZGW-PAGINA")

    def _lijst(self, model: type[T], url: str, params: dict[str, str] | None = None) -> list[T]:
        """An unpaginated list (zaakinformatieobjecten, zaakeigenschappen)."""
        r = verwacht(self.naam, self.client.get(url, params=params, auth=self.auth))
        try:
            return [model.model_validate(x) for x in r.json()]
        except (ValueError, TypeError) as exc:
            raise ContractFout(self.naam, f"{url}: geen lijst van {model.__name__}: {exc}") from exc

    def zaken(self, verzoeknummer: str) -> list[api.Zaak]:
        """The zaken that hold this verzoek as a zaakobject (normally exactly one)."""
        verzoek = self.verzoek_sjabloon.replace("{verzoeknummer}", api.pad("{v}", v=verzoeknummer))
        objecten = self._alle(m.ZaakObject, self.zaken_root + zgw.ZAAKOBJECTEN, {"object": verzoek})
        urls = list(dict.fromkeys(zo.zaak for zo in objecten if zo.object == verzoek))
        return [self._zaak_op(url) for url in urls]

    def _zaak_op(self, url: str) -> api.Zaak:
        """The zaak at ``url`` with its parts. A zaak is read in several requests; one that changes meanwhile (a
        VTH registering an aanvulling replaces its documents) can list a document that is gone a moment later:
        a 404 on a part means read the whole zaak again — a few times, then the 404 stands."""
        poging = 1
        while True:
            try:
                return self._zaak(self._lees(m.Zaak, url, crs=True))
            except Weigering as exc:
                if exc.status != 404 or poging >= LEESPOGINGEN:
                    raise
                poging += 1

    def _verzoeken(self, z: m.Zaak) -> list[str]:
        objecten = self._alle(m.ZaakObject, self.zaken_root + zgw.ZAAKOBJECTEN, {"zaak": z.url})
        voor, _, na = self.verzoek_sjabloon.partition("{verzoeknummer}")
        return [
            unquote(zo.object.removeprefix(voor).removesuffix(na))
            for zo in objecten
            if zo.object_type_overige == zgw.OBJECT_TYPE_OVERIGE and zo.object.startswith(voor)
        ]

    def _zaak(self, z: m.Zaak) -> api.Zaak:
        pad = api.pad(zgw.ZAAKEIGENSCHAPPEN, zaak_uuid=z.uuid)
        eig: dict[str, list[str]] = {}
        for e in self._lijst(m.ZaakEigenschap, self.zaken_root + pad):
            eig.setdefault(e.naam, []).append(e.waarde)

        def een(naam: str, standaard: str = "") -> str:
            return eig.get(naam, [standaard])[0]

        verzoeken = self._verzoeken(z)
        zios = self._lijst(m.ZaakInformatieObject, self.zaken_root + zgw.ZAAKINFORMATIEOBJECTEN, {"zaak": z.url})
        return api.Zaak(
            zaak_id=z.identificatie,
            verzoeknummer=verzoeken[0] if verzoeken else "",
            verzoeken=verzoeken,
            signalen=eig.get("signaal", []),
            resultaat=self._resultaat(z),
            einddatum=z.einddatum,
            volgnummer=int(een("volgnummer", "1")),
            project_id=een("projectId"),
            verzoektype=een("verzoektype", "Aanvraag vergunning"),
            status=self._status(z),
            bevoegd_gezag=een("bevoegdGezag"),
            uitvoerende_instantie=een("uitvoerendeInstantie") or None,
            overgedragen_aan=een("overgedragenAan") or None,
            activiteiten=eig.get("activiteit", []),
            antwoorden=[_antwoord(w) for w in eig.get("antwoord", [])],
            initiatiefnemer=een("initiatiefnemer"),
            bijlagen=[self._bijlage(zio.informatieobject) for zio in zios],
        )

    def _omschrijving(self, model: type[m.StatusType] | type[m.ResultaatType], url: str) -> str:
        if url not in self._typen:
            self._typen[url] = self._lees(model, url).omschrijving
        return self._typen[url]

    def _status(self, z: m.Zaak) -> str:
        """ketentest's status of the zaak: its last status's statustype, by omschrijving."""
        if z.status is None:
            return "ontvangen"
        omschrijving = self._omschrijving(m.StatusType, self._lees(m.Status, z.status).statustype)
        for status in zgw.STATUS_OMSCHRIJVINGEN:
            if self.instellingen.statustype(status).casefold() == omschrijving.casefold():
                return status
        raise ChainTestError(
            f"{self.naam}: zaak {z.identificatie} heeft statustype {omschrijving!r}, dat bij geen zaakstatus van "
            "ketentest hoort.",
            code="KT-ZGW-STATUSTYPE",
            hint="Geef in het profiel bij zgw.statustypen per zaakstatus de omschrijving van uw statustype, "
            "bijvoorbeeld statustypen = { 'in behandeling' = '" + omschrijving + "' }.",
        )

    def _resultaat(self, z: m.Zaak) -> str | None:
        if z.resultaat is None:
            return None
        return self._omschrijving(m.ResultaatType, self._lees(m.Resultaat, z.resultaat).resultaattype)

    def _bijlage(self, url: str) -> api.ZaakBijlage:
        eio = self._lees(m.EnkelvoudigInformatieObject, url)
        sleutel = (eio.url, eio.versie, self.naam)
        if sleutel not in _DOWNLOADS:
            if len(_DOWNLOADS) >= _MAX_DOWNLOADS:
                _DOWNLOADS.clear()
            grootte, sha = self._download(eio)
            _DOWNLOADS[sleutel] = api.ZaakBijlage(
                document_id=eio.identificatie, bestandsnaam=eio.bestandsnaam, bestandsgrootte=grootte, sha256=sha
            )
        return _DOWNLOADS[sleutel]

    def _download(self, eio: m.EnkelvoudigInformatieObject) -> tuple[int, str]:
        """Size and sha256 of the document's bytes, streamed (never held whole)."""
        url = eio.inhoud or self.documenten_root + api.pad(zgw.DOWNLOAD, uuid=eio.url.rstrip("/").rsplit("/", 1)[-1])
        sha, grootte = hashlib.sha256(), 0
        with self.client.stream("GET", url, auth=self.auth) as r:
            verwacht(self.naam, r)
            for chunk in _begrensd(r.iter_bytes(CHUNK), url):
                sha.update(chunk)
                grootte += len(chunk)
        return grootte, sha.hexdigest()

    # -- moving the zaak on ---------------------------------------------------------------------------
    def zet_status(self, zaak_id: str, status: str, resultaat: str | None = None) -> api.Zaak:
        """A new status (and first the resultaat, for an eindstatus), as the behandelaar sets it."""
        gevonden = self._alle(m.Zaak, self.zaken_root + zgw.ZAKEN, {"identificatie": zaak_id}, crs=True)
        if len(gevonden) != 1:
            raise ChainTestError(
                f"{self.naam}: {len(gevonden)} zaken met identificatie {zaak_id!r}, één verwacht", code="KT-ZGW-ZAAK"
            )
        z = gevonden[0]
        statustype = self._type(m.StatusType, zgw.STATUSTYPEN, z.zaaktype, self.instellingen.statustype(status))
        if resultaat is not None and status == "afgehandeld":
            resultaattype = self._type(m.ResultaatType, zgw.RESULTAATTYPEN, z.zaaktype, resultaat)
            self._post(zgw.RESULTATEN, m.NieuwResultaat(zaak=z.url, resultaattype=resultaattype))
        nu = datetime.now(UTC).isoformat(timespec="seconds")
        self._post(zgw.STATUSSEN, m.NieuweStatus(zaak=z.url, statustype=statustype, datum_status_gezet=nu))
        return self._zaak(self._lees(m.Zaak, z.url, crs=True))

    def _type(self, model: type[m.StatusType] | type[m.ResultaatType], pad: str, zaaktype: str, naam: str) -> str:
        """The URL of the status- or resultaattype of ``zaaktype`` with omschrijving ``naam``."""
        typen = self._alle(model, self.catalogi_root + pad, {"zaaktype": zaaktype})
        for t in typen:
            if t.omschrijving.casefold() == naam.casefold():
                return t.url
        soort = "statustype" if model is m.StatusType else "resultaattype"
        raise ChainTestError(
            f"{self.naam}: het zaaktype {zaaktype} heeft geen {soort} {naam!r} "
            f"(wel: {', '.join(repr(t.omschrijving) for t in typen) or 'geen'}).",
            code="KT-ZGW-STATUSTYPE",
            hint="Geef in het profiel bij zgw.statustypen de omschrijving van het statustype in uw zaaktype."
            if soort == "statustype"
            else "Gebruik een resultaat dat het zaaktype kent.",
        )

    def _post(self, pad: str, body: m.ZgwModel) -> Any:
        headers = {"Content-Type": "application/json"}
        r = self.client.post(self.zaken_root + pad, content=body.json_bytes(), headers=headers, auth=self.auth)
        return verwacht(self.naam, r, 201).json()

    def zet_door(self, zaak_id: str, naar_oin: str) -> api.Zaak:
        raise ChainTestError(
            f"{self.naam}: doorzetten kan niet via de ZGW-API's; het VTH-systeem roept daarvoor zelf Verzoek "
            "afhandelen van DSO-LV aan.",
            code="KT-ZGW-DOORZETTEN",
            hint="Gebruik voor stap 10 de adapter van uw VTH-leverancier, of laat 'doorzetten' weg uit 'kan' in "
            "het profiel (de scenario's die het vragen worden dan overgeslagen, met reden).",
        )


def _auth(instellingen: zgw.ZgwInstellingen, context: AdapterContext, naam: str) -> ZgwJwt:
    if instellingen.client_id and instellingen.secret:
        return ZgwJwt(instellingen.client_id, instellingen.secret.get_secret_value())
    if context.is_mock:
        return ZgwJwt(zgw.MOCK_CLIENT_ID, zgw.MOCK_SECRET)
    raise ConfiguratieFout(
        f"{naam}: de ZGW-adapter heeft een client-id en geheim nodig voor de ZGW-API's van dit systeem.",
        code="KT-ZGW-CLIENT",
        hint="Zet zgw.client_id en zgw.secret bij dit VTH-systeem in het profiel (het geheim bij voorkeur als "
        "omgevingsvariabele KETENTEST_PROFIELEN__<PROFIEL>__VTH__<ORGANISATIE>__ZGW__SECRET); de beheerder van "
        "het zaaksysteem geeft de client de scopes uit docs/leveranciersgids.md.",
    )


def _antwoord(waarde: str) -> api.ZaakAntwoord:
    activiteit, _, rest = waarde.partition("|")
    vraag, _, antwoord = rest.partition("|")
    return api.ZaakAntwoord(activiteit_id=activiteit, vraag_id=vraag, antwoord=antwoord or None)


def _begrensd(chunks: Iterator[bytes], url: str) -> Iterator[bytes]:
    gelezen = 0
    for chunk in chunks:
        gelezen += len(chunk)
        if gelezen > MAX_DOWNLOAD:
            raise ChainTestError(f"{url}: meer dan {MAX_DOWNLOAD} bytes", code="KT-DOWNLOAD-GROOT")
        yield chunk
