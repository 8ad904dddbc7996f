"""MijnOverheid Lopende Zaken: the StUF-ZKN 3.10 ``zakLk01`` a zaak system sends on each status change.

Built and read here, in the shape of the real example in ``shared/reference/lopende-zaken/`` (a bridge's
output, valid against StUF-ZKN 0310) and checked against the derived schema
``schemas/stuf/zakLk01-derived.xsd`` (UNCONFIRMED; the official StUF-ZKN schema replaces it through
``KETENTEST_LK01_SCHEMA``). The receiver is Logius (OIN ``00000004003214345001``, applicatie MijnOverheid,
administratie Lopende zaken); the sender is the zaak system's organisation. The Digikoppeling service and
action names are not public: UNCONFIRMED, here only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from lxml import etree

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards import schemas
from chain_tests.standards.xml import parse_xml, sub, to_bytes

ZKN = "http://www.egem.nl/StUF/sector/zkn/0310"
STUF = "http://www.egem.nl/StUF/StUF0301"
BG = "http://www.egem.nl/StUF/sector/bg/0310"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS = {"ZKN": ZKN, "StUF": STUF, "BG": BG}

LOGIUS_OIN = "00000004003214345001"
APPLICATIE = "MijnOverheid"
ADMINISTRATIE = "Lopende zaken"
SERVICE = "urn:osb:services:mijnoverheid:lopendezaken:v1"  # UNCONFIRMED
ACTION = "zakLk01"  # UNCONFIRMED


@dataclass(frozen=True)
class Zaakstatus:
    """One zakLk01: a zaak of a citizen (BSN) and the status it now has."""

    zender: str  # OIN of the sending organisation
    zender_applicatie: str
    referentienummer: str  # unique per message
    tijdstip_bericht: str  # yyyyMMddHHmmssSSS
    zaak_id: str
    omschrijving: str
    startdatum: str  # yyyyMMdd
    zaaktype_code: str
    zaaktype_omschrijving: str
    status: str  # the status text the citizen sees
    datum_status_gezet: str  # yyyyMMddHHmmss
    bsn: str = field(repr=False)  # never in a repr
    geslachtsnaam: str = ""
    einddatum: str | None = None  # yyyyMMdd, on the final status
    resultaat: str | None = None
    verwijzing: str | None = None  # URL of the zaakdossier on the organisation's site


def bsn_sha256(bsn: str) -> str:
    """How the harness compares BSNs without showing them."""
    return hashlib.sha256(bsn.encode("ascii")).hexdigest()


def _nil(parent: etree._Element, tag: str, **attrs: str) -> None:
    el = sub(parent, ZKN, tag, **{f"{{{STUF}}}{k}": v for k, v in attrs.items()})
    el.set(f"{{{XSI}}}nil", "true")


def zaklk01_xml(z: Zaakstatus) -> bytes:
    root = etree.Element(f"{{{ZKN}}}zakLk01", nsmap={None: ZKN, "StUF": STUF, "BG": BG, "xsi": XSI})  # type: ignore[dict-item]  # lxml-stubs: default ns
    sg = sub(root, ZKN, "stuurgegevens")
    sub(sg, STUF, "berichtcode", "Lk01")
    zender = sub(sg, STUF, "zender")
    sub(zender, STUF, "organisatie", z.zender)
    sub(zender, STUF, "applicatie", z.zender_applicatie)
    ontvanger = sub(sg, STUF, "ontvanger")
    for tag, waarde in (("organisatie", LOGIUS_OIN), ("applicatie", APPLICATIE), ("administratie", ADMINISTRATIE)):
        sub(ontvanger, STUF, tag, waarde)
    sub(sg, STUF, "referentienummer", z.referentienummer)
    sub(sg, STUF, "tijdstipBericht", z.tijdstip_bericht)
    sub(sg, STUF, "entiteittype", "ZAK")
    par = sub(root, ZKN, "parameters")
    sub(par, STUF, "mutatiesoort", "T")
    sub(par, STUF, "indicatorOvername", "V")
    _object(root, z)
    return to_bytes(root)


def _object(root: etree._Element, z: Zaakstatus) -> None:
    stuf = {
        f"{{{STUF}}}entiteittype": "ZAK",
        f"{{{STUF}}}verwerkingssoort": "T",
        f"{{{STUF}}}sleutelVerzendend": z.zaak_id,
    }
    obj = sub(root, ZKN, "object", **stuf)
    sub(obj, ZKN, "identificatie", z.zaak_id)
    sub(obj, ZKN, "omschrijving", z.omschrijving)
    if z.resultaat:
        sub(sub(obj, ZKN, "resultaat"), ZKN, "omschrijving", z.resultaat)
    sub(obj, ZKN, "startdatum", z.startdatum)
    if z.einddatum:
        sub(obj, ZKN, "einddatum", z.einddatum)
    else:
        _nil(obj, "einddatum", noValue="geenWaarde")
    if z.verwijzing:
        sub(sub(obj, STUF, "extraElementen"), STUF, "extraElement", z.verwijzing, naam="verwijzing")
    _nil(obj, "isVan", noValue="waardeOnbekend", entiteittype="ZAKZKT", verwerkingssoort="T")
    ini = sub(
        obj, ZKN, "heeftAlsInitiator", **{f"{{{STUF}}}entiteittype": "ZAKBTRINI", f"{{{STUF}}}verwerkingssoort": "T"}
    )
    np = sub(
        sub(ini, ZKN, "gerelateerde"),
        ZKN,
        "natuurlijkPersoon",
        **{f"{{{STUF}}}entiteittype": "NPS", f"{{{STUF}}}verwerkingssoort": "I"},
    )
    sub(np, BG, "inp.bsn", z.bsn)
    sub(np, BG, "authentiek", "J", **{f"{{{STUF}}}metagegeven": "true"})
    sub(np, BG, "geslachtsnaam", z.geslachtsnaam)
    sub(ini, ZKN, "omschrijving", "Initiator")
    heeft = sub(obj, ZKN, "heeft", **{f"{{{STUF}}}entiteittype": "ZAKSTT", f"{{{STUF}}}verwerkingssoort": "T"})
    stt = sub(heeft, ZKN, "gerelateerde", **{f"{{{STUF}}}entiteittype": "STT", f"{{{STUF}}}verwerkingssoort": "I"})
    sub(stt, ZKN, "zkt.code", z.zaaktype_code)
    sub(stt, ZKN, "zkt.omschrijving", z.zaaktype_omschrijving)
    sub(stt, ZKN, "omschrijving", z.status)
    sub(heeft, ZKN, "datumStatusGezet", z.datum_status_gezet)


def _t(el: etree._Element, pad: str) -> str:
    return (el.findtext(pad, namespaces=NS) or "").strip()


def controleer_schema(root: etree._Element, bron: str) -> None:
    fouten = schemas.validate(schemas.lk01_schema(), root)
    if fouten:
        raise OngeldigeInvoer(
            f"{bron}: voldoet niet aan het zakLk01-schema: "
            + "; ".join(f"regel {f.regel}: {f.tekst}" for f in fouten[:3]),
            code="LZ-SCHEMA",
        )


def lees_zaklk01(data: bytes, bron: str = "zakLk01") -> tuple[Zaakstatus, tuple[str, str, str]]:
    """The message and its ontvanger (organisatie, applicatie, administratie), checked against the schema."""
    root = parse_xml(data, bron=bron)
    if root.tag != f"{{{ZKN}}}zakLk01":
        raise OngeldigeInvoer(f"{bron}: verwacht ZKN:zakLk01, niet {etree.QName(root).localname}", code="LZ-BERICHT")
    controleer_schema(root, bron)
    sg, obj = "ZKN:stuurgegevens/StUF:", "ZKN:object/"
    ontvanger = tuple(_t(root, f"{sg}ontvanger/StUF:{t}") for t in ("organisatie", "applicatie", "administratie"))
    extra = root.find(f"{obj}StUF:extraElementen/StUF:extraElement[@naam='verwijzing']", NS)
    einde = root.find(f"{obj}ZKN:einddatum", NS)
    status = Zaakstatus(
        zender=_t(root, f"{sg}zender/StUF:organisatie"),
        zender_applicatie=_t(root, f"{sg}zender/StUF:applicatie"),
        referentienummer=_t(root, f"{sg}referentienummer"),
        tijdstip_bericht=_t(root, f"{sg}tijdstipBericht"),
        zaak_id=_t(root, f"{obj}ZKN:identificatie"),
        omschrijving=_t(root, f"{obj}ZKN:omschrijving"),
        startdatum=_t(root, f"{obj}ZKN:startdatum"),
        zaaktype_code=_t(root, f"{obj}ZKN:heeft/ZKN:gerelateerde/ZKN:zkt.code"),
        zaaktype_omschrijving=_t(root, f"{obj}ZKN:heeft/ZKN:gerelateerde/ZKN:zkt.omschrijving"),
        status=_t(root, f"{obj}ZKN:heeft/ZKN:gerelateerde/ZKN:omschrijving"),
        datum_status_gezet=_t(root, f"{obj}ZKN:heeft/ZKN:datumStatusGezet"),
        bsn=_t(root, f"{obj}ZKN:heeftAlsInitiator/ZKN:gerelateerde/ZKN:natuurlijkPersoon/BG:inp.bsn"),
        geslachtsnaam=_t(root, f"{obj}ZKN:heeftAlsInitiator/ZKN:gerelateerde/ZKN:natuurlijkPersoon/BG:geslachtsnaam"),
        einddatum=(einde.text or "").strip() or None if einde is not None else None,
        resultaat=_t(root, f"{obj}ZKN:resultaat/ZKN:omschrijving") or None,
        verwijzing=(extra.text or "").strip() if extra is not None else None,
    )
    return status, (ontvanger[0], ontvanger[1], ontvanger[2])
