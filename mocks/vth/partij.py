"""The reference VTH system: a municipality's (or omgevingsdienst's) Digikoppeling endpoint and
case system, used in place of a supplier's VTH and as the model of correct behaviour.

Receiving (ebMS2): validate, refuse bad messages with an ebMS ErrorList, drop duplicate MessageIds,
queue an Acknowledgment (a separate signal message). Processing (:meth:`ReferentieVth.werk`):
send queued acks, then for each new verzoeknotificatie call *Verzoek afhandelen* for the
referenties, download the STAM XML and each bijlage (streamed, sha256), and create a zaak.
Deliberate faults (:class:`VthFouten`) make the self-tests' faulty VTH systems.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from chain_tests.clients.afhandelen import AfhandelenClient
from chain_tests.config import Grenzen, Tijden
from chain_tests.errors import ChainTestError, OngeldigeInvoer
from chain_tests.klok import Klok
from chain_tests.standards import api, inspectie, operaties, wkb
from chain_tests.standards.cpa import Overeenkomst
from chain_tests.standards.ebms import EbmsBericht, acknowledgment
from chain_tests.standards.inspectie import VthFouten
from chain_tests.standards.ondertekening import verpak
from chain_tests.standards.sleutels import Sleutelbos, sleutelbos
from chain_tests.standards.stam import (
    StamDocument,
    StamVerzoek,
    Verzoeknotificatie,
    notificatie_uit_xml,
    stam_uit_xml,
)
from chain_tests.streams import lees_stream
from mocks._infra.antwoorden import ebms_weigering, foutantwoord, json_antwoord
from mocks._infra.bewaren import begrens, begrens_lijst
from mocks._infra.opslag import opslagmap
from mocks._infra.routing import MockPartij, Route, client_oin, lees_json
from mocks._infra.verbindingen import Blijvend
from mocks.digikoppeling import ontvangst
from mocks.vth.statusmelder import Statusmelder
from mocks.vth.zgw import ZgwGezicht

#: What MijnOverheid shows for a change of the zaak status by a later version of the verzoek.
_STATUS_LZ = {"aangevuld": "Aanvulling ontvangen", "ingetrokken": "Ingetrokken"}


def _documenten(stam: StamVerzoek) -> list[StamDocument]:
    """Every document the STAM-verzoek announces (per gevraagde bijlage, and loose verzoekbijlagen)."""
    per_vraag = [d for pa in stam.projectactiviteiten for s in pa.specificaties for d in s.documenten]
    return [*per_vraag, *stam.verzoekbijlages]


def _eerste_status(stam: StamVerzoek) -> str:
    """The status of a zaak when its verzoek arrives (a Wkb step has its own)."""
    return next(
        (wkb.STATUS_BIJ[a.activiteit_id] for a in stam.projectactiviteiten if a.activiteit_id in wkb.STATUS_BIJ),
        "Ontvangen",
    )


@dataclass
class Ophaaltaak:
    """A verzoeknotificatie the VTH accepted and acknowledged: kept until the zaak exists."""

    notificatie: Verzoeknotificatie
    ontvangen: datetime
    volgende: datetime
    message_id: str = ""
    pogingen: int = 0
    laatste_fout: str | None = None
    opgegeven: bool = False
    pogingen_op: list[datetime] = field(default_factory=list)


@dataclass
class ReferentieVth:
    naam: str
    oin: str
    base_url: str
    dso_oin: str  # the CPA partner: the only party that may deliver verzoeknotificaties
    dso_url: str  # DSO-LV's base URL (its ebMS endpoint and its Verzoek afhandelen API)
    afhandelen_client: Callable[[], httpx.Client]  # a client on DSO-LV, presenting this VTH's OIN
    dso_client: Callable[[], httpx.Client]  # a client for posting signals to DSO-LV's ebMS endpoint
    klok: Klok
    tijden: Tijden = field(default_factory=Tijden)
    grenzen: Grenzen = field(default_factory=Grenzen)
    fouten: VthFouten = field(default_factory=VthFouten)
    lopende_zaken: tuple[str, str] | None = None  # (Logius OIN, its ebMS endpoint): zaakstatussen to MijnOverheid
    zaakdossier_url: str | None = None
    ontvangen_ids: dict[str, None] = field(default_factory=dict)  # insertion-ordered: the oldest are forgotten
    acks: list[EbmsBericht] = field(default_factory=list)
    bevestigingen: dict[str, EbmsBericht] = field(default_factory=dict)  # MessageId → the Acknowledgment sent
    cpas: Mapping[str, Overeenkomst] = field(default_factory=dict)  # the agreements: CPAId → CPA
    sleutels: Sleutelbos = field(default_factory=sleutelbos)  # signs acks per the CPA, trusts its CA
    inbox: list[Ophaaltaak] = field(default_factory=list)
    verwerkt: dict[str, int] = field(default_factory=dict)  # verzoeknummer → attempts it took
    zaken: list[api.Zaak] = field(default_factory=list)
    bestanden: dict[str, Path] = field(default_factory=dict)  # "document_id|sha256" → the stored bytes
    logboek: list[str] = field(default_factory=list)
    storingen: list[inspectie.StoringInMock] = field(default_factory=list)
    opslag: Path = field(default_factory=lambda: opslagmap("vth"))
    zgw: ZgwGezicht = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._afhandelen = Blijvend(self.afhandelen_client)  # kept open: no TLS handshake per verzoek
        self._dso = Blijvend(self.dso_client)
        self.melder = Statusmelder(
            self.naam,
            self.oin,
            self.lopende_zaken,
            self.zaakdossier_url,
            self.tijden,
            self.klok,
            self.dso_client,
            self.fouten,
            bewaar=self.grenzen.bewaar_verzoeken,
            cpas=self.cpas,
            sleutels=self.sleutels,
        )
        self.zgw = ZgwGezicht(self)

    def partij(self) -> MockPartij:
        return MockPartij(self.naam, self.oin, self.base_url, self.routes(), self.storingen, grenzen=self.grenzen)

    def routes(self) -> list[Route]:
        return [
            Route(operaties.EBMS, self.ontvang),
            Route(operaties.VTH_ZAKEN, self.zoek_zaken),
            Route(operaties.VTH_DOORZETTEN, self.zet_door),
            Route(operaties.VTH_STATUS, self.zet_status),
            Route(operaties.OPHALEN, self.ophaalstatus),
            *self.zgw.routes(),
        ]

    # -- Digikoppeling -----------------------------------------------------------------------------
    def ontvang(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        """Accept a verzoeknotificatie from DSO-LV only; acknowledge it only once it is accepted."""
        if self.fouten.onbeschikbaar > 0:
            self.fouten.onbeschikbaar -= 1
            return httpx.Response(503, text="tijdelijk niet beschikbaar")
        bericht = ontvangst.ontvang(
            request,
            self.oin,
            None if self.fouten.ebms_slordig else self.cpas,
            self.klok.nu(),
            self.melder.postvak.eigen_bericht,
            self._status_van,
            self.sleutels,
        )
        if isinstance(bericht, httpx.Response):
            return bericht
        if bericht.is_ack or bericht.fouten:  # about a zaakstatus this VTH sent to Lopende Zaken
            return self.melder.postvak.signaal(request, bericht)
        afzender = client_oin(request)
        if afzender != self.dso_oin:
            return ebms_weigering(
                self.oin,
                bericht,
                "SecurityFailure",
                f"verzoeknotificaties komen alleen van DSO-LV (OIN {self.dso_oin}, de CPA-partner); dit bericht "
                f"komt met het certificaat van OIN {afzender or 'onbekend'}.",
                afzender,
                status=403,
            )
        if bericht.message_id in self.ontvangen_ids:  # duplicate elimination: acknowledge again, process once
            self.logboek.append(f"dubbel bericht {bericht.message_id} genegeerd")
            self._bevestig(bericht)
            return httpx.Response(202)
        try:
            notificatie = notificatie_uit_xml(bericht.payloads[0].inhoud)
        except (OngeldigeInvoer, IndexError) as exc:
            return ebms_weigering(
                self.oin, bericht, "Inconsistent", f"payload is geen geldige verzoeknotificatie: {exc}", afzender
            )
        self.ontvangen_ids[bericht.message_id] = None
        begrens(self.ontvangen_ids, self.grenzen.bewaar_verzoeken)
        nu = self.klok.nu()
        self.inbox.append(Ophaaltaak(notificatie, ontvangen=nu, volgende=nu, message_id=bericht.message_id))
        self._bevestig(bericht)
        return httpx.Response(202)

    def _bevestig(self, bericht: EbmsBericht) -> None:
        """Queue the Acknowledgment; a duplicate gets the one it got the first time (the same MessageId)."""
        if not bericht.ack_requested:
            return
        ack = self.bevestigingen.get(bericht.message_id)
        if ack is None or self.fouten.nieuwe_ack_bij_dubbel:
            ack = acknowledgment(bericht)
        self.bevestigingen[bericht.message_id] = ack
        begrens(self.bevestigingen, self.grenzen.bewaar_verzoeken)
        self.acks += [ack] * (2 if self.fouten.bevestigt_dubbel else 1)

    def _status_van(self, message_id: str) -> str:
        """StatusRequest: Processed once the zaak exists, Received while it is being fetched."""
        taak = next((t for t in self.inbox if t.message_id == message_id), None)
        if taak is not None:
            return "Received"
        return "Processed" if message_id in self.ontvangen_ids else "NotRecognized"

    # -- processing --------------------------------------------------------------------------------
    def werk(self) -> None:
        """One pass of the background work: send queued acks and zaakstatussen, then fetch every due verzoek; a
        failed fetch is retried, never dropped."""
        try:
            self._stuur_acks()
            self.melder.postvak.werk()
            if self.fouten.haalt_niet_op:
                return
            for taak in list(self.inbox):
                if not taak.opgegeven and self.klok.nu() >= taak.volgende:
                    self._probeer_los(taak)
        except Exception as exc:  # a bug in the reference VTH itself: recorded, reported as a harness error
            self._storing("verwerk", exc)

    def _probeer_los(self, taak: Ophaaltaak) -> None:
        """One verzoek on its own: one the VTH itself fails on is given up (saying so) and recorded once as its
        storing; the next verzoek is fetched all the same."""
        try:
            self._probeer(taak)
        except Exception as exc:
            taak.opgegeven = True
            taak.laatste_fout = f"storing in het VTH-systeem (mock): {type(exc).__name__}: {exc}"
            self._storing(f"verzoek {taak.notificatie.verzoeknummer}", exc)

    def _probeer(self, taak: Ophaaltaak) -> None:
        n = taak.notificatie
        taak.pogingen += 1
        taak.pogingen_op.append(self.klok.nu())
        try:
            self._maak_zaak(n)
        except (ChainTestError, httpx.TransportError) as exc:
            self._later(taak, f"{type(exc).__name__}: {exc}" if isinstance(exc, httpx.TransportError) else str(exc))
            return
        self.inbox.remove(taak)
        self.verwerkt[n.verzoeknummer] = taak.pogingen
        begrens(self.verwerkt, self.grenzen.bewaar_verzoeken)
        begrens_lijst(self.logboek, self.grenzen.bewaar_verzoeken)

    def _later(self, taak: Ophaaltaak, fout_: str) -> None:
        nu = self.klok.nu()
        taak.laatste_fout = fout_.splitlines()[0][:500]
        self.logboek.append(
            f"verzoek {taak.notificatie.verzoeknummer}: ophalen mislukt (poging {taak.pogingen}): {fout_}"
        )
        if (nu - taak.ontvangen).total_seconds() >= self.tijden.ophaal_deadline:
            taak.opgegeven = True
            return
        wacht = min(self.tijden.ophaal_interval * 2 ** (taak.pogingen - 1), self.tijden.ophaal_max_interval)
        taak.volgende = nu + timedelta(seconds=wacht)

    def _storing(self, wat: str, exc: BaseException) -> None:
        self.storingen.append(
            inspectie.StoringInMock(
                partij=self.naam,
                methode="achtergrond",
                pad=wat,
                fout=f"{type(exc).__name__}: {exc}",
                tijd=self.klok.nu().isoformat(timespec="seconds"),
            )
        )

    def ophaalstatus(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        nummer = p["verzoeknummer"]
        taak = next((t for t in reversed(self.inbox) if t.notificatie.verzoeknummer == nummer), None)
        if taak is not None:
            status = inspectie.Ophaalstatus(
                verzoeknummer=nummer,
                status="opgegeven" if taak.opgegeven else "wacht",
                pogingen=taak.pogingen,
                laatste_fout=taak.laatste_fout,
            )
        elif nummer in self.verwerkt:
            status = inspectie.Ophaalstatus(verzoeknummer=nummer, status="verwerkt", pogingen=self.verwerkt[nummer])
        else:
            status = inspectie.Ophaalstatus(verzoeknummer=nummer)
        return json_antwoord(status)

    def _stuur_acks(self) -> None:
        acks, self.acks = self.acks, []  # swap first: a handler thread may append meanwhile (served mode)
        if self.fouten.bevestigt_niet or not acks:
            return
        with self._dso() as c:
            for ack in acks:
                headers, body = verpak(ack, {} if self.fouten.ack_onondertekend else self.cpas, self.sleutels)
                try:
                    c.post(self.dso_url + api.EBMS, content=body, headers=headers)
                except httpx.TransportError as exc:  # DSO-LV will resend; it gets a new ack then
                    self.logboek.append(f"Acknowledgment {ack.ack_voor} niet verstuurd: {exc}")

    def _maak_zaak(self, n: Verzoeknotificatie) -> None:
        with self._afhandelen() as c:
            afh = AfhandelenClient(c)
            refs = afh.referenties(n.verzoeknummer, n.volgnummer)
            stam_ref = next(r for r in refs.referenties if r.soort == "STAM")
            stam = stam_uit_xml(afh.stam(stam_ref.url), bron=f"STAM-verzoek {n.verzoeknummer}")
            bijlagen = [r for r in refs.referenties if r.soort == "BIJLAGE"]
            if self.fouten.laat_bijlage_vallen:
                bijlagen = bijlagen[:-1]
            if self.fouten.haalt_geen_bijlagen:
                bijlagen = []
            aangekondigd = {d.document_id: d for d in _documenten(stam)}
            opgeslagen = [self._download(afh, ref, aangekondigd.get(ref.document_id or "")) for ref in bijlagen]
        if self.fouten.verminkt_bijlage and opgeslagen:
            opgeslagen[0] = self._verminkt(opgeslagen[0])
        if self.fouten.maakt_geen_zaak:
            return
        self._registreer(stam, opgeslagen)

    def _download(self, afh: AfhandelenClient, ref: api.VerzoekReferentie, doc: StamDocument | None) -> api.ZaakBijlage:
        """One bijlage, checked against what the STAM-verzoek announced (size, sha256): a truncated or changed
        download is fetched again later, never kept."""
        pad = self.opslag / str(uuid.uuid4())
        grootte, sha = afh.download(ref.url, pad)
        if doc is not None and (
            (doc.sha256 is not None and doc.sha256 != sha)
            or (doc.bestandsgrootte is not None and doc.bestandsgrootte != grootte)
        ):
            pad.unlink(missing_ok=True)
            raise OngeldigeInvoer(
                f"bijlage {ref.bestandsnaam!r} kwam anders binnen dan het STAM-verzoek aankondigt "
                f"({grootte} bytes in plaats van {doc.bestandsgrootte}); opnieuw ophalen",
                code="VTH-BIJLAGE-ONVOLLEDIG",
            )
        bijlage = api.ZaakBijlage(
            document_id=ref.document_id or "", bestandsnaam=ref.bestandsnaam or "", bestandsgrootte=grootte, sha256=sha
        )
        self.bestanden[_sleutel(bijlage)] = pad
        begrens(self.bestanden, self.grenzen.bewaar_verzoeken)
        return bijlage

    def _verminkt(self, bijlage: api.ZaakBijlage) -> api.ZaakBijlage:
        """Fault verminkt_bijlage: the stored bytes change (the first byte flipped), and so does their sha256."""
        pad = self.bestanden.pop(_sleutel(bijlage))
        with pad.open("r+b") as f:
            eerste = f.read(1)
            f.seek(0)
            f.write(bytes([eerste[0] ^ 0xFF]) if eerste else b"\x00")
        sha = hashlib.sha256()
        for chunk in lees_stream(pad):
            sha.update(chunk)
        nieuw = bijlage.model_copy(update={"sha256": sha.hexdigest(), "bestandsgrootte": pad.stat().st_size})
        self.bestanden[_sleutel(nieuw)] = pad
        return nieuw

    # -- what the ZGW face asks ------------------------------------------------------------------------
    def verzoek_url(self, verzoeknummer: str) -> str:
        return self.dso_url + api.pad(api.AFHANDELEN, verzoeknummer=verzoeknummer)

    def bestand(self, bijlage: api.ZaakBijlage) -> Path | None:
        return self.bestanden.get(_sleutel(bijlage))

    def _registreer(self, stam: StamVerzoek, bijlagen: list[api.ZaakBijlage]) -> None:
        """Correlate on verzoeknummer: a later volgnummer updates the zaak it belongs to; a Wkb melding after
        the bouwmelding joins the bouwmelding's dossier (same project). Each change goes to Lopende Zaken."""
        bestaand = next((i for i, z in enumerate(self.zaken) if stam.verzoeknummer in z.verzoeken), None)
        dossier = self._wkb_dossier(stam) if bestaand is None else None
        if dossier is not None and not self.fouten.nieuwe_zaak_per_bericht:
            self.zaken[dossier] = self._in_dossier(self.zaken[dossier], stam, bijlagen)
            self.melder.meld(self.zaken[dossier], _eerste_status(stam))
            return
        if bestaand is None or self.fouten.nieuwe_zaak_per_bericht:
            self._nieuwe_zaak(stam, bijlagen)
            return
        oud = self.zaken[bestaand]
        if self.fouten.negeert_vervolg and stam.doel in ("Aanvullen", "Intrekken"):
            return
        if stam.volgnummer <= oud.volgnummer:  # again (a new MessageId), or an older version delivered late
            self.logboek.append(
                f"verzoek {stam.verzoeknummer} volgnummer {stam.volgnummer} is al verwerkt "
                f"(zaak {oud.zaak_id} staat op volgnummer {oud.volgnummer})"
            )
            return
        nieuw = self._bijgewerkt(oud, stam, bijlagen)
        self.zaken[bestaand] = nieuw
        if nieuw.status != oud.status and nieuw.status in _STATUS_LZ:
            self.melder.meld(nieuw, _STATUS_LZ[nieuw.status], eind=nieuw.status == "ingetrokken")

    def _nieuwe_zaak(self, stam: StamVerzoek, bijlagen: list[api.ZaakBijlage]) -> None:
        zaak = self._zaak(stam, bijlagen)
        wees = any(a.activiteit_id in wkb.VERVOLG for a in stam.projectactiviteiten)  # no bouwmelding to join
        if wees and not self.fouten.signaleert_niets:
            zaak.signalen.append(f"{wkb.GEEN_BOUWMELDING} (project {stam.project_id})")
        self.zaken.append(zaak)
        begrens_lijst(self.zaken, self.grenzen.bewaar_verzoeken)
        self.melder.onthoud(zaak.zaak_id, stam.initiatiefnemer.bsn, stam.initiatiefnemer.naam)
        self.melder.meld(zaak, _eerste_status(stam))
        if self.fouten.dubbele_zaak:
            self.zaken.append(self._zaak(stam, bijlagen))

    def _wkb_dossier(self, stam: StamVerzoek) -> int | None:
        """The bouwmelding zaak of this project, for a Wkb melding that follows it."""
        if not any(a.activiteit_id in wkb.VERVOLG for a in stam.projectactiviteiten):
            return None
        return next(
            (
                i
                for i, z in enumerate(self.zaken)
                if z.project_id == stam.project_id and wkb.BOUWMELDING in z.activiteiten and z.status != "ingetrokken"
            ),
            None,
        )

    def _in_dossier(self, dossier: api.Zaak, stam: StamVerzoek, bijlagen: list[api.ZaakBijlage]) -> api.Zaak:
        eigen = self._zaak(stam, bijlagen)
        return dossier.model_copy(
            update={
                "verzoeken": [*dossier.verzoeken, stam.verzoeknummer],
                "activiteiten": [*dossier.activiteiten, *eigen.activiteiten],
                "antwoorden": [*dossier.antwoorden, *eigen.antwoorden],
                "bijlagen": [*dossier.bijlagen, *eigen.bijlagen],
            }
        )

    def _bijgewerkt(self, oud: api.Zaak, stam: StamVerzoek, bijlagen: list[api.ZaakBijlage]) -> api.Zaak:
        """A later volgnummer: an intrekking ends the zaak; anything else re-sends the full verzoek (aanvulling),
        so documents absent from it are vervallen."""
        if stam.doel == "Intrekken":
            status = oud.status if self.fouten.negeert_intrekking else "ingetrokken"
            einde = self.klok.nu().date().isoformat() if status == "ingetrokken" else None
            return oud.model_copy(update={"volgnummer": stam.volgnummer, "status": status, "einddatum": einde})
        if self.fouten.bewaart_vervallen_bijlagen:
            bijlagen = oud.bijlagen + bijlagen
        nieuw = self._zaak(stam, bijlagen)
        return nieuw.model_copy(update={"zaak_id": oud.zaak_id, "status": "aangevuld"})

    def _zaak(self, stam: StamVerzoek, bijlagen: list[api.ZaakBijlage]) -> api.Zaak:
        antwoorden = [
            api.ZaakAntwoord(activiteit_id=a.activiteit_id, vraag_id=s.vraag_id, antwoord=s.antwoord)
            for a in stam.projectactiviteiten
            for s in a.specificaties
            if s.bijlage_type is None
        ]
        if self.fouten.laat_antwoord_vallen:
            antwoorden = antwoorden[1:]
        return api.Zaak(
            zaak_id=f"ZAAK-{len(self.zaken) + 1:05d}",
            verzoeknummer=stam.verzoeknummer,
            volgnummer=stam.volgnummer,
            project_id=stam.project_id,
            verzoektype="Aanvraag vergunning" if self.fouten.maakt_alles_aanvraag else stam.type,
            bevoegd_gezag=stam.bevoegd_gezag.oin,
            uitvoerende_instantie=stam.uitvoerende_instantie.oin if stam.uitvoerende_instantie else None,
            activiteiten=[a.activiteit_id for a in stam.projectactiviteiten],
            antwoorden=antwoorden,
            initiatiefnemer=stam.initiatiefnemer.naam,
            bijlagen=bijlagen,
            verzoeken=[stam.verzoeknummer],
        )

    # -- doorzetten (step 10), as the behandelaar does it in the VTH system --------------------------------
    def zet_door(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        body = lees_json(request, api.VthDoorzetten)
        index = next((i for i, z in enumerate(self.zaken) if z.zaak_id == p["zaak_id"]), None)
        if index is None:
            return foutantwoord(404, "Onbekende zaak", ("VTH-404", f"Zaak {p['zaak_id']} bestaat niet."))
        zaak = self.zaken[index]
        if self.fouten.weigert_doorzetten:
            return foutantwoord(
                409, "Doorzetten niet mogelijk", ("VTH-409", f"Zaak {zaak.zaak_id} kan niet worden doorgezet.")
            )
        with self._afhandelen() as c:
            r = c.post(
                api.pad(api.AFHANDELEN_DOORZETTEN, verzoeknummer=zaak.verzoeknummer),
                content=api.Doorzetten(uitvoerende_instantie=body.naar).json_bytes(),
                headers=api.JSON_HEADERS,
            )
        if r.status_code != 202:
            return httpx.Response(502, content=r.content, headers=api.JSON_HEADERS)
        if not self.fouten.legt_overdracht_niet_vast:
            self.zaken[index] = zaak.model_copy(update={"status": "overgedragen", "overgedragen_aan": body.naar})
        return json_antwoord(self.zaken[index])

    # -- the behandelaar moves the zaak on -----------------------------------------------------------------
    def zet_status(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        body = lees_json(request, api.VthStatus)
        zaak = self.behandel(p["zaak_id"], body.status, body.resultaat)
        if zaak is None:
            return foutantwoord(404, "Onbekende zaak", ("VTH-404", f"Zaak {p['zaak_id']} bestaat niet."))
        return json_antwoord(zaak)

    def behandel(self, zaak_id: str, status: str, resultaat: str | None) -> api.Zaak | None:
        """The behandelaar sets a status (through the query API or the ZGW face); MijnOverheid hears of it."""
        index = next((i for i, z in enumerate(self.zaken) if z.zaak_id == zaak_id), None)
        if index is None:
            return None
        eind = status == "afgehandeld"
        zaak = self.zaken[index].model_copy(
            update={
                "status": status,
                "resultaat": resultaat if eind else None,
                "einddatum": self.klok.nu().date().isoformat() if eind else None,
            }
        )
        self.zaken[index] = zaak
        tekst = f"Afgehandeld ({resultaat})" if eind and resultaat else status.capitalize()
        self.melder.meld(zaak, tekst, eind=eind)
        return zaak

    # -- query API -----------------------------------------------------------------------------------
    def _in_vorm(self, zaak: bytes) -> bytes:
        """Fault andere_vorm: a zaak API of another shape than the contract (the self-test of ketentest verschil)."""
        if not self.fouten.andere_vorm:
            return zaak
        velden = json.loads(zaak)
        velden["aanvrager"] = velden.pop("initiatiefnemer")
        return json.dumps(velden | {"extra": 1}).encode()

    def zoek_zaken(self, request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        nummer = request.url.params.get("verzoeknummer")
        if not nummer:
            raise OngeldigeInvoer(
                "Queryparameter verzoeknummer ontbreekt: de zaken worden per verzoeknummer opgevraagd.", code="VTH-400"
            )
        zaken = [z for z in self.zaken if nummer in z.verzoeken]
        body = b'{"zaken":[' + b",".join(self._in_vorm(z.json_bytes()) for z in zaken) + b"]}"
        return httpx.Response(200, content=body, headers=api.JSON_HEADERS)


def _sleutel(bijlage: api.ZaakBijlage) -> str:
    return f"{bijlage.document_id}|{bijlage.sha256}"
