"""A minimal VTH system for the DSO-keten, written from ketentest's contract (docs/contract/) alone.

It imports nothing of ketentest. aiohttp serves HTTPS and asks every client for a certificate (tweezijdig TLS,
the OIN in subject.serialNumber); the standard library's email parser reads the ebMS2 MIME message; lxml reads
the XML with entities, DTDs and the network switched off. What it does:

- POST /digikoppeling/ebms: takes a verzoeknotificatie from DSO-LV only (ebms.md §1), answers 202, sends the
  Acknowledgment as its own signal message (§2), refuses anything else with an ErrorList (§3); a MessageId it had
  is acknowledged again and not processed twice;
- fetches the verzoek from Verzoek afhandelen (referenties, STAM, each bijlage streamed to disk with its sha256
  checked against the STAM-verzoek), with retries and backoff until a deadline; keeps one zaak per verzoeknummer
  (an aanvulling updates it, an intrekking ends it, a later melding of the same project joins its dossier);
- GET /vth/api/v1/zaken?verzoeknummer=, POST …/status and …/doorzetten as vth-zaken.openapi.json says, to its own
  organisation's certificate only;
- nothing under /_ketentest/ (403): it is a real system, not a ketentest mock.

Every request is logged as one JSON line (--verzoeklog) so a test can see what reached it. --fout breaks it on
purpose for ketentest's self-test: laat-bijlage-vallen, bevestigt-niet, bevestigt-dubbel.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import email.parser
import email.policy
import hashlib
import json
import socket
import ssl
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from lxml import etree

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
EB = "http://www.oasis-open.org/committees/ebxml-msg/schema/msg-header-2_0.xsd"
XLINK = "http://www.w3.org/1999/xlink"
STAM = "http://www.omgevingswet.nl/koppelvlak/stam-v4/verzoek"
VN = "urn:ketentest:derived:verzoeknotificatie:v1"
MSH = "urn:oasis:names:tc:ebxml-msg:service"
NS = {"SOAP": SOAP, "eb": EB, "xlink": XLINK, "s": STAM, "vn": VN}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
MAX_BERICHT = 8 * 1024 * 1024


@dataclass
class Instellingen:
    oin: str
    dso_oin: str
    dso_url: str
    cert: Path
    key: Path
    ca: Path
    opslag: Path
    verzoeklog: Path | None
    fouten: set[str]
    deadline: float = 60.0


@dataclass
class Zaak:
    zaak_id: str
    verzoeknummer: str
    volgnummer: int
    project_id: str
    verzoektype: str
    bevoegd_gezag: str
    initiatiefnemer: str
    status: str = "ontvangen"
    uitvoerende_instantie: str | None = None
    overgedragen_aan: str | None = None
    activiteiten: list[str] = field(default_factory=list)
    antwoorden: list[dict[str, Any]] = field(default_factory=list)
    bijlagen: list[dict[str, Any]] = field(default_factory=list)
    verzoeken: list[str] = field(default_factory=list)
    resultaat: str | None = None
    einddatum: str | None = None

    def json(self) -> dict[str, Any]:
        uit = {
            "zaakId": self.zaak_id,
            "verzoeknummer": self.verzoeknummer,
            "volgnummer": self.volgnummer,
            "projectId": self.project_id,
            "verzoektype": self.verzoektype,
            "status": self.status,
            "bevoegdGezag": self.bevoegd_gezag,
            "uitvoerendeInstantie": self.uitvoerende_instantie,
            "overgedragenAan": self.overgedragen_aan,
            "activiteiten": self.activiteiten,
            "antwoorden": self.antwoorden,
            "initiatiefnemer": self.initiatiefnemer,
            "bijlagen": self.bijlagen,
            "verzoeken": self.verzoeken,
            "resultaat": self.resultaat,
            "einddatum": self.einddatum,
        }
        return {k: v for k, v in uit.items() if v is not None}


class Geweigerd(Exception):
    def __init__(self, code: str, tekst: str, status: int = 400) -> None:
        super().__init__(tekst)
        self.code, self.tekst, self.status = code, tekst, status


# -- ebMS2 --------------------------------------------------------------------------------------------------
def lees_ebms(content_type: str, body: bytes) -> tuple[etree._Element, dict[str, bytes]]:
    """The SOAP envelope and the MIME parts by Content-ID (a signal message is a bare envelope)."""
    if content_type.split(";")[0].strip().lower() == "text/xml":
        return etree.fromstring(body, PARSER), {}
    bericht = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
    )
    if not bericht.is_multipart():
        raise Geweigerd("Inconsistent", f"Content-Type {content_type!r} is geen ebMS-bericht")
    start = (bericht.get_param("start") or "").strip("<>")
    delen = {str(d.get("Content-ID", "")).strip("<>"): d.get_payload(decode=True) or b"" for d in bericht.iter_parts()}
    soap = delen.pop(start, None) if start else delen.pop(next(iter(delen), ""), None)
    if soap is None:
        raise Geweigerd("Inconsistent", "het SOAP-deel ontbreekt")
    return etree.fromstring(soap, PARSER), delen


def tekst(el: etree._Element, pad: str) -> str:
    gevonden = el.find(pad, NS)
    return (gevonden.text or "").strip() if gevonden is not None else ""


def signaal(van: str, naar: str, kop: etree._Element, soort: str, inhoud: str) -> bytes:
    """An Acknowledgment or an ErrorList about the message whose MessageHeader is ``kop``."""
    nu = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    ref = tekst(kop, "eb:MessageData/eb:MessageId")
    cpa, gesprek = tekst(kop, "eb:CPAId") or "onbekend", tekst(kop, "eb:ConversationId") or "onbekend"
    mid = f"{uuid.uuid4()}@vth-minimaal"
    reftag = f"<eb:RefToMessageId>{ref}</eb:RefToMessageId>" if ref else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><SOAP:Envelope xmlns:SOAP="{SOAP}" xmlns:eb="{EB}"><SOAP:Header>'
        f'<eb:MessageHeader eb:version="2.0" SOAP:mustUnderstand="1">'
        f'<eb:From><eb:PartyId eb:type="urn:osb:oin">{van}</eb:PartyId></eb:From>'
        f'<eb:To><eb:PartyId eb:type="urn:osb:oin">{naar}</eb:PartyId></eb:To>'
        f"<eb:CPAId>{cpa}</eb:CPAId><eb:ConversationId>{gesprek}</eb:ConversationId>"
        f"<eb:Service>{MSH}</eb:Service><eb:Action>{'Acknowledgment' if soort == 'ack' else 'MessageError'}</eb:Action>"
        f"<eb:MessageData><eb:MessageId>{mid}</eb:MessageId><eb:Timestamp>{nu}</eb:Timestamp>{reftag}"
        f"</eb:MessageData></eb:MessageHeader>{inhoud}</SOAP:Header><SOAP:Body/></SOAP:Envelope>"
    ).encode()


def acknowledgment(eigen: str, kop: etree._Element) -> bytes:
    ref = tekst(kop, "eb:MessageData/eb:MessageId")
    nu = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    ack = (
        f'<eb:Acknowledgment eb:version="2.0" SOAP:mustUnderstand="1" '
        f'SOAP:actor="urn:oasis:names:tc:ebxml-msg:actor:toPartyMSH"><eb:Timestamp>{nu}</eb:Timestamp>'
        f"<eb:RefToMessageId>{ref}</eb:RefToMessageId></eb:Acknowledgment>"
    )
    return signaal(eigen, tekst(kop, "eb:From/eb:PartyId"), kop, "ack", ack)


def errorlist(eigen: str, naar: str, kop: etree._Element | None, code: str, beschrijving: str) -> bytes:
    fout = (
        f'<eb:ErrorList eb:version="2.0" eb:highestSeverity="Error" SOAP:mustUnderstand="1">'
        f'<eb:Error eb:errorCode="{code}" eb:severity="Error" '
        f'eb:codeContext="urn:oasis:names:tc:ebxml-msg:service:errors">'
        f'<eb:Description xml:lang="nl">{beschrijving.replace("&", "&amp;").replace("<", "&lt;")}</eb:Description>'
        f"</eb:Error></eb:ErrorList>"
    )
    return signaal(eigen, naar, kop if kop is not None else etree.Element("leeg"), "fout", fout)


# -- the system ---------------------------------------------------------------------------------------------
class Vth:
    def __init__(self, inst: Instellingen) -> None:
        self.inst = inst
        self.zaken: list[Zaak] = []
        self.ontvangen: set[str] = set()
        self.taken: set[asyncio.Task[None]] = set()
        context = ssl.create_default_context(cafile=str(inst.ca))
        context.load_cert_chain(str(inst.cert), str(inst.key))
        self.client_ssl = context

    # -- who is calling --------------------------------------------------------------------------------
    @staticmethod
    def oin(request: web.Request) -> str | None:
        cert = request.transport.get_extra_info("peercert") if request.transport else None
        for rdn in (cert or {}).get("subject", ()):
            for sleutel, waarde in rdn:
                if sleutel == "serialNumber":
                    return str(waarde)
        return None

    # -- Digikoppeling -------------------------------------------------------------------------------
    async def ebms(self, request: web.Request) -> web.Response:
        afzender = self.oin(request)
        if request.content_length and request.content_length > MAX_BERICHT:
            return self._fout(afzender, None, Geweigerd("Inconsistent", "bericht te groot", 413))
        body = await request.read()
        kop: etree._Element | None = None
        try:
            envelope, delen = lees_ebms(request.headers.get("Content-Type", ""), body)
            kop = envelope.find("SOAP:Header/eb:MessageHeader", NS)
            if kop is None:
                raise Geweigerd("Inconsistent", "eb:MessageHeader ontbreekt")
            return self._neem_aan(afzender, envelope, kop, delen)
        except Geweigerd as exc:
            return self._fout(afzender, kop, exc)
        except etree.XMLSyntaxError as exc:
            return self._fout(afzender, kop, Geweigerd("Inconsistent", f"geen geldige XML: {exc}"))

    def _neem_aan(
        self, afzender: str | None, envelope: etree._Element, kop: etree._Element, delen: dict[str, bytes]
    ) -> web.Response:
        van, naar = tekst(kop, "eb:From/eb:PartyId"), tekst(kop, "eb:To/eb:PartyId")
        if van != afzender:
            raise Geweigerd(
                "SecurityFailure", f"From/PartyId {van} is niet het OIN {afzender} uit het certificaat", 403
            )
        if naar != self.inst.oin:
            raise Geweigerd("Inconsistent", f"To/PartyId {naar} is niet dit systeem ({self.inst.oin})")
        if envelope.find("SOAP:Header/eb:Acknowledgment", NS) is not None:
            return web.Response(status=202)  # an ack of a message of ours: we send none that need one
        if van != self.inst.dso_oin:
            raise Geweigerd(
                "SecurityFailure", f"verzoeknotificaties komen alleen van DSO-LV ({self.inst.dso_oin})", 403
            )
        if tekst(kop, "eb:Action") != "Verzoeknotificatie":
            raise Geweigerd("NotSupported", f"Action {tekst(kop, 'eb:Action')!r} wordt hier niet aangenomen")
        verwijzingen = [
            r.get(f"{{{XLINK}}}href", "") for r in envelope.iterfind("SOAP:Body/eb:Manifest/eb:Reference", NS)
        ]
        payload = delen.get(verwijzingen[0].removeprefix("cid:")) if verwijzingen else None
        if payload is None:
            raise Geweigerd("MimeProblem", "het manifest verwijst naar geen aanwezig MIME-deel")
        melding = etree.fromstring(payload, PARSER)
        nummer, volgnummer = tekst(melding, "vn:verzoeknummer"), int(tekst(melding, "vn:volgnummer") or 1)
        if melding.tag != f"{{{VN}}}verzoeknotificatie" or not nummer:
            raise Geweigerd("Inconsistent", "de payload is geen verzoeknotificatie")
        mid = tekst(kop, "eb:MessageData/eb:MessageId")
        if mid not in self.ontvangen:
            self.ontvangen.add(mid)
            self._start(self._verwerk(nummer, volgnummer))
        if "bevestigt-niet" not in self.inst.fouten:
            for _ in range(2 if "bevestigt-dubbel" in self.inst.fouten else 1):
                self._start(self._stuur(acknowledgment(self.inst.oin, kop)))
        return web.Response(status=202)

    def _fout(self, afzender: str | None, kop: etree._Element | None, exc: Geweigerd) -> web.Response:
        naar = afzender or (tekst(kop, "eb:From/eb:PartyId") if kop is not None else "0" * 20)
        body = errorlist(self.inst.oin, naar, kop, exc.code, exc.tekst)
        return web.Response(status=exc.status, body=body, content_type="text/xml", charset="utf-8")

    def _start(self, werk: Any) -> None:
        taak = asyncio.get_running_loop().create_task(werk)
        self.taken.add(taak)
        taak.add_done_callback(self.taken.discard)

    def _client(self) -> aiohttp.ClientSession:
        return aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(ssl=self.client_ssl), timeout=aiohttp.ClientTimeout(total=30)
        )

    async def _stuur(self, bericht: bytes) -> None:
        headers = {"Content-Type": "text/xml; charset=UTF-8", "SOAPAction": '"ebXML"'}
        for poging in range(5):
            try:
                async with (
                    self._client() as c,
                    c.post(f"{self.inst.dso_url}/digikoppeling/ebms", data=bericht, headers=headers) as r,
                ):
                    if r.status < 500:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2 * 2**poging)

    # -- fetching ----------------------------------------------------------------------------------------
    async def _verwerk(self, nummer: str, volgnummer: int) -> None:
        eind, wacht = asyncio.get_running_loop().time() + self.inst.deadline, 0.2
        while True:
            try:
                await self._haal_op(nummer, volgnummer)
                return
            except (TimeoutError, aiohttp.ClientError, Geweigerd, etree.XMLSyntaxError):
                if asyncio.get_running_loop().time() > eind:
                    return
                await asyncio.sleep(wacht)
                wacht = min(wacht * 2, 2.0)

    async def _haal_op(self, nummer: str, volgnummer: int) -> None:
        basis = f"{self.inst.dso_url}/overheid/verzoeken/api/afhandelen/v2/verzoeken/{nummer}"
        async with self._client() as c:
            async with c.get(basis, params={"volgnummer": str(volgnummer)}) as r:
                if r.status != 200:
                    raise Geweigerd("ophalen", f"referenties: HTTP {r.status}")
                refs = (await r.json())["referenties"]
            stam_url = next(x["url"] for x in refs if x["soort"] == "STAM")
            async with c.get(stam_url) as r:
                if r.status != 200:
                    raise Geweigerd("ophalen", f"STAM: HTTP {r.status}")
                stam = etree.fromstring(await r.read(), PARSER)
            aangekondigd = {tekst(d, "s:documentId"): d for d in stam.iterfind(".//s:document", NS)}
            bijlagen = [x for x in refs if x["soort"] == "BIJLAGE"]
            if "laat-bijlage-vallen" in self.inst.fouten:
                bijlagen = bijlagen[:-1]
            opgeslagen = [await self._download(c, x, aangekondigd.get(x.get("documentId", ""))) for x in bijlagen]
        self._registreer(stam, opgeslagen)

    async def _download(
        self, c: aiohttp.ClientSession, ref: dict[str, Any], doc: etree._Element | None
    ) -> dict[str, Any]:
        pad, sha, grootte = self.inst.opslag / str(uuid.uuid4()), hashlib.sha256(), 0
        async with c.get(ref["url"]) as r:
            if r.status != 200:
                raise Geweigerd("ophalen", f"bijlage: HTTP {r.status}")
            with pad.open("wb") as f:
                async for stuk in r.content.iter_chunked(1024 * 1024):
                    sha.update(stuk)
                    grootte += len(stuk)
                    f.write(stuk)
        if doc is not None and (
            tekst(doc, "s:sha256") not in ("", sha.hexdigest())
            or tekst(doc, "s:bestandsgrootte") not in ("", str(grootte))
        ):
            pad.unlink()
            raise Geweigerd("ophalen", f"bijlage {ref.get('bestandsnaam')} klopt niet met het STAM-verzoek")
        return {
            "documentId": ref.get("documentId", ""),
            "bestandsnaam": ref.get("bestandsnaam", ""),
            "bestandsgrootte": grootte,
            "sha256": sha.hexdigest(),
        }

    # -- zaken ---------------------------------------------------------------------------------------------
    def _registreer(self, stam: etree._Element, bijlagen: list[dict[str, Any]]) -> None:
        nummer, volgnummer = tekst(stam, "s:verzoeknummer"), int(tekst(stam, "s:volgnummer") or 1)
        doel, project = tekst(stam, "s:doel"), tekst(stam, "s:projectId")
        bestaand = next((z for z in self.zaken if nummer in z.verzoeken), None)
        if bestaand is not None:
            if volgnummer > bestaand.volgnummer:
                self._vervolg(bestaand, stam, bijlagen, doel, volgnummer)
            return
        dossier = next((z for z in self.zaken if z.project_id == project and z.status != "ingetrokken"), None)
        if dossier is not None:  # a later melding of the same project (Wkb): into the bouwmelding's zaak
            dossier.verzoeken.append(nummer)
            dossier.activiteiten += _activiteiten(stam)
            dossier.antwoorden += _antwoorden(stam)
            dossier.bijlagen += bijlagen
            return
        uitvoerend = stam.find("s:uitvoerendeInstantie", NS)
        self.zaken.append(
            Zaak(
                zaak_id=f"MIN-{len(self.zaken) + 1:05d}",
                verzoeknummer=nummer,
                volgnummer=volgnummer,
                project_id=project,
                verzoektype=tekst(stam, "s:type"),
                bevoegd_gezag=tekst(stam, "s:bevoegdGezag/s:oin"),
                initiatiefnemer=tekst(stam, "s:initiatiefnemer/s:naam"),
                uitvoerende_instantie=tekst(uitvoerend, "s:oin") if uitvoerend is not None else None,
                activiteiten=_activiteiten(stam),
                antwoorden=_antwoorden(stam),
                bijlagen=bijlagen,
                verzoeken=[nummer],
            )
        )

    @staticmethod
    def _vervolg(zaak: Zaak, stam: etree._Element, bijlagen: list[dict[str, Any]], doel: str, volgnummer: int) -> None:
        zaak.volgnummer = volgnummer
        if doel == "Intrekken":
            zaak.status, zaak.einddatum = "ingetrokken", dt.date.today().isoformat()
            return
        zaak.status, zaak.activiteiten, zaak.antwoorden = "aangevuld", _activiteiten(stam), _antwoorden(stam)
        zaak.bijlagen = bijlagen  # an aanvulling sends the whole verzoek: what is absent is vervallen

    # -- the zaak API ----------------------------------------------------------------------------------
    def _eigen(self, request: web.Request) -> None:
        if self.oin(request) != self.inst.oin:
            raise web.HTTPForbidden(
                text=json.dumps({"status": 403, "titel": "Niet de eigen organisatie", "meldingen": []}),
                content_type="application/json",
            )

    async def zaken_zoeken(self, request: web.Request) -> web.Response:
        self._eigen(request)
        nummer = request.query.get("verzoeknummer")
        if not nummer:
            return _fout(400, "verzoeknummer ontbreekt")
        return web.json_response({"zaken": [z.json() for z in self.zaken if nummer in z.verzoeken]})

    async def status(self, request: web.Request) -> web.Response:
        self._eigen(request)
        zaak, body = await self._zaak_en_body(request)
        if body.get("status") not in ("in behandeling", "afgehandeld"):
            return _fout(400, "status is 'in behandeling' of 'afgehandeld'")
        zaak.status = body["status"]
        if zaak.status == "afgehandeld":
            zaak.resultaat, zaak.einddatum = body.get("resultaat"), dt.date.today().isoformat()
        return web.json_response(zaak.json())

    async def doorzetten(self, request: web.Request) -> web.Response:
        self._eigen(request)
        zaak, body = await self._zaak_en_body(request)
        naar = str(body.get("naar", ""))
        url = f"{self.inst.dso_url}/overheid/verzoeken/api/afhandelen/v2/verzoeken/{zaak.verzoeknummer}/doorzetten"
        async with self._client() as c, c.post(url, json={"uitvoerendeInstantie": naar}) as r:
            if r.status != 202:
                return _fout(409, f"DSO-LV weigerde het doorzetten (HTTP {r.status})")
        zaak.status, zaak.overgedragen_aan = "overgedragen", naar
        return web.json_response(zaak.json())

    async def _zaak_en_body(self, request: web.Request) -> tuple[Zaak, dict[str, Any]]:
        zaak = next((z for z in self.zaken if z.zaak_id == request.match_info["zaak_id"]), None)
        if zaak is None:
            raise web.HTTPNotFound(
                text=json.dumps({"status": 404, "titel": "Onbekende zaak"}), content_type="application/json"
            )
        try:
            body = await request.json()
        except (ValueError, aiohttp.ContentTypeError) as exc:
            raise web.HTTPBadRequest(
                text=json.dumps({"status": 400, "titel": str(exc)}), content_type="application/json"
            ) from exc
        return zaak, body if isinstance(body, dict) else {}


def _fout(status: int, titel: str) -> web.Response:
    return web.json_response({"status": status, "titel": titel, "meldingen": []}, status=status)


def _activiteiten(stam: etree._Element) -> list[str]:
    return [tekst(a, "s:activiteitId") for a in stam.iterfind("s:projectactiviteiten/s:projectactiviteit", NS)]


def _antwoorden(stam: etree._Element) -> list[dict[str, Any]]:
    uit = []
    for a in stam.iterfind("s:projectactiviteiten/s:projectactiviteit", NS):
        for s in a.iterfind("s:specificaties/s:specificatie", NS):
            if s.find("s:gevraagdeBijlage", NS) is None:
                antwoord = s.find("s:antwoord", NS)
                uit.append(
                    {
                        "activiteitId": tekst(a, "s:activiteitId"),
                        "vraagId": tekst(s, "s:vraagId"),
                        "antwoord": antwoord.text if antwoord is not None else None,
                    }
                )
    return uit


def app(vth: Vth) -> web.Application:
    @web.middleware
    async def log(request: web.Request, handler: Any) -> web.StreamResponse:
        if vth.inst.verzoeklog is not None:
            regel = {"methode": request.method, "pad": request.path, "oin": Vth.oin(request)}
            with vth.inst.verzoeklog.open("a", encoding="utf-8") as f:
                f.write(json.dumps(regel) + "\n")
        if request.path.startswith("/_ketentest/"):
            return _fout(403, "dit is een echt VTH-systeem, geen ketentest-mock")
        return await handler(request)

    toepassing = web.Application(middlewares=[log], client_max_size=MAX_BERICHT + 1)
    toepassing.router.add_post("/digikoppeling/ebms", vth.ebms)
    toepassing.router.add_get("/vth/api/v1/zaken", vth.zaken_zoeken)
    toepassing.router.add_post("/vth/api/v1/zaken/{zaak_id}/status", vth.status)
    toepassing.router.add_post("/vth/api/v1/zaken/{zaak_id}/doorzetten", vth.doorzetten)
    return toepassing


def main() -> None:
    p = argparse.ArgumentParser(description="Een minimaal VTH-systeem voor de DSO-keten (voorbeeld bij ketentest)")
    p.add_argument("--oin", required=True, help="het OIN van uw organisatie")
    p.add_argument("--dso-oin", required=True, help="het OIN van DSO-LV")
    p.add_argument("--dso-url", required=True, help="de basis-URL van DSO-LV")
    p.add_argument("--cert", type=Path, required=True, help="uw certificaat (PEM), ook als servercertificaat")
    p.add_argument("--key", type=Path, required=True, help="de sleutel bij uw certificaat")
    p.add_argument("--ca", type=Path, required=True, help="de CA('s) die u vertrouwt (PEM)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--poort", type=int, default=9443)
    p.add_argument("--opslag", type=Path, default=None, help="map voor bijlagen (standaard een tijdelijke map)")
    p.add_argument("--verzoeklog", type=Path, default=None, help="schrijf elk binnenkomend verzoek als JSON-regel")
    p.add_argument("--fd", type=int, default=None, help="luister op deze al geopende socket (in plaats van --poort)")
    p.add_argument(
        "--fout", action="append", default=[], choices=["laat-bijlage-vallen", "bevestigt-niet", "bevestigt-dubbel"]
    )
    a = p.parse_args()
    opslag = a.opslag or Path(tempfile.mkdtemp(prefix="vth-minimaal-"))
    vth = Vth(
        Instellingen(a.oin, a.dso_oin, a.dso_url.rstrip("/"), a.cert, a.key, a.ca, opslag, a.verzoeklog, set(a.fout))
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH, cafile=str(a.ca))
    server.load_cert_chain(str(a.cert), str(a.key))
    server.verify_mode = ssl.CERT_REQUIRED  # every Digikoppeling endpoint asks for a client certificate
    luister: dict[str, Any] = (
        {"sock": socket.socket(fileno=a.fd)} if a.fd is not None else {"host": a.host, "port": a.poort}
    )
    web.run_app(app(vth), ssl_context=server, print=lambda tekst: print(tekst, flush=True), **luister)


if __name__ == "__main__":
    main()
