"""The CPA (ebXML Collaboration Protocol Agreement, CPP/CPA 2.0): the agreement between two Digikoppeling parties
that configures their ebMS2 exchange, and the one source of the mocks' ebMS settings.

An :class:`Overeenkomst` holds what the exchange needs: the CPAId (Digikoppeling naming:
``<dienst>_<OIN A>_<OIN B>_<versie>``), the two parties (OIN as PartyId of type ``urn:osb:oin``, role,
endpoint, certificate), the Service and its Actions with who sends each, reliable messaging (retries, retry
interval, persist duration), duplicate elimination, acknowledgments, and the Digikoppeling profile (osb-rm,
osb-rm-s signed, osb-rm-e signed and encrypted). :func:`als_xml` writes it as a CPA valid against the OASIS
XSD (shipped in ``schemas/ebms/``); :func:`lees` reads such a CPA back, also one a supplier brings.
:func:`overeenkomsten` gives every agreement of a keten (the verzoeknotificaties DSO-LV sends each organisation,
the zaakstatussen each organisation sends MijnOverheid, the plan keten's exchange with the LVBB).
"""

from __future__ import annotations

import base64
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree
from pydantic import BaseModel, ConfigDict, Field

from chain_tests.config import EbmsInterop, EbmsProfiel, KetenConfig
from chain_tests.errors import ConfiguratieFout, OngeldigeInvoer
from chain_tests.standards.ebms import EbmsBericht, MimeDeel
from chain_tests.standards.schemas import cpa_schema, validate
from chain_tests.standards.sleutels import sleutelbos
from chain_tests.standards.versleuteling import SLEUTELTRANSPORT, VERSLEUTELING, XENC
from chain_tests.standards.xml import parse_xml

TP = "http://www.oasis-open.org/committees/ebxml-cppa/schema/cpp-cpa-2_0.xsd"
DS = "http://www.w3.org/2000/09/xmldsig#"
XLINK = "http://www.w3.org/1999/xlink"
OIN_TYPE = "urn:osb:oin"
SERVICE_TYPE = "urn:osb:services"
TO_PARTY_MSH = "urn:oasis:names:tc:ebxml-msg:actor:toPartyMSH"
Profiel = EbmsProfiel
PROFIELEN: tuple[Profiel, ...] = ("osb-rm", "osb-rm-s", "osb-rm-e")

Uitwisseling = tuple[str, str, tuple[str, ...]]  # CPA name, Service, the Actions the sender sends
#: the exchanges of the keten (Service and Action names UNCONFIRMED where the standards module says so)
VERZOEKNOTIFICATIE: Uitwisseling = (
    "dso-verzoeknotificatie",
    "urn:osb:services:dso:verzoeknotificatie:v1",
    ("Verzoeknotificatie",),
)
LOPENDE_ZAKEN: Uitwisseling = (
    "mijnoverheid-lopendezaken",
    "urn:osb:services:mijnoverheid:lopendezaken:v1",
    ("zakLk01",),
)
LVBB_AANLEVEREN: Uitwisseling = (
    "lvbb-bronhouderkoppelvlak",
    "urn:osb:services:lvbb:bronhouderkoppelvlak:v1",
    ("validatieVerzoek", "publicatieVerzoek", "breekPublicatieAfVerzoek"),
)
LVBB_VERSLAG: Uitwisseling = (
    "lvbb-bronhouderkoppelvlak",
    "urn:osb:services:lvbb:bronhouderkoppelvlak:v1",
    ("validatieVerzoekResultaat", "publicatieVerzoekResultaat", "breekPublicatieAfVerzoekResultaat"),
)


class CpaPartij(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    oin: str = Field(pattern=r"^\d{20}$")
    naam: str
    rol: str = Field(pattern=r"^\S+$")
    endpoint: str
    certificaat: bytes | None = Field(None, description="DER of the party's signing certificate (signed profiles)")


class CpaActie(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    naam: str = Field(pattern=r"^\S+$")
    verzender: str = Field(pattern=r"^\d{20}$", description="OIN of the party that sends it")


class Overeenkomst(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    cpa_id: str = Field(pattern=r"^\S+$")
    profiel: Profiel = "osb-rm"
    service: str = Field(pattern=r"^\S+$")
    partijen: tuple[CpaPartij, CpaPartij]
    acties: tuple[CpaActie, ...]
    retries: int = Field(8, ge=0)
    retry_interval: float = Field(10_800, gt=0, description="seconds (Digikoppeling default PT3H)")
    persist_duration: float = Field(86_400, gt=0, description="seconds")
    ack_requested: bool = True
    duplicate_elimination: bool = True
    interop: EbmsInterop = Field(default_factory=EbmsInterop)
    start: datetime = datetime(2024, 1, 1, tzinfo=UTC)
    einde: datetime = datetime(2034, 1, 1, tzinfo=UTC)

    @property
    def ondertekend(self) -> bool:
        return self.profiel in ("osb-rm-s", "osb-rm-e")

    @property
    def versleuteld(self) -> bool:
        return self.profiel == "osb-rm-e"

    def partij(self, oin: str) -> CpaPartij | None:
        return next((p for p in self.partijen if p.oin == oin), None)

    def andere(self, oin: str) -> CpaPartij:
        return next(p for p in self.partijen if p.oin != oin)

    def actie(self, naam: str) -> CpaActie | None:
        return next((a for a in self.acties if a.naam == naam), None)


def cpa_id(naam: str, van: str, naar: str, versie: int = 1) -> str:
    """The Digikoppeling CPAId of an exchange (Best Practices ebMS2: service, both OINs, a version)."""
    return f"{naam}_{van}_{naar}_v{versie}"


def overeenkomst(
    exchange: Uitwisseling,
    van: tuple[str, str, str],
    naar: tuple[str, str, str],
    config: KetenConfig,
    profiel: Profiel = "osb-rm",
) -> Overeenkomst:
    """One agreement: ``exchange`` (name, Service, Actions), the sender and the receiver as (OIN, name, endpoint)."""
    naam, service, acties = exchange
    t = config.tijden
    return Overeenkomst(
        cpa_id=cpa_id(naam, van[0], naar[0]),
        profiel=profiel,
        service=service,
        partijen=(
            CpaPartij(oin=van[0], naam=van[1], rol="Verzender", endpoint=van[2]),
            CpaPartij(oin=naar[0], naam=naar[1], rol="Ontvanger", endpoint=naar[2]),
        ),
        acties=tuple(CpaActie(naam=a, verzender=van[0]) for a in acties),
        retries=t.ebms_retries,
        retry_interval=t.ebms_retry_interval,
        persist_duration=t.ebms_retry_interval * (t.ebms_retries + 2),
        interop=config.ebms_interop,
    )


def overeenkomsten(config: KetenConfig, profiel: Profiel | None = None) -> dict[str, Overeenkomst]:
    """Every agreement of the keten, by CPAId (one per direction, the sender's OIN first), on the configured
    Digikoppeling profile; a CPA file of the configuration (``cpa_bestanden``: a supplier's own) takes the place of
    the agreement with its CPAId. On a signed profile each party's signing certificate is in the agreement where
    the keyring of the configuration has it."""
    from chain_tests.standards import api

    profiel = profiel or config.ebms_profiel

    def partij(o: object) -> tuple[str, str, str]:
        return o.oin, o.naam, o.base_url + api.EBMS  # type: ignore[attr-defined]

    dso, lz = partij(config.dso_lv), partij(config.lopende_zaken)
    uit = [overeenkomst(VERZOEKNOTIFICATIE, dso, partij(o), config, profiel) for o in config.organisaties]
    uit += [overeenkomst(LOPENDE_ZAKEN, partij(o), lz, config, profiel) for o in config.organisaties]
    plan, bron = partij(config.plansoftware), partij(config.lvbb)
    uit += [
        overeenkomst(LVBB_AANLEVEREN, plan, bron, config, profiel),
        overeenkomst(LVBB_VERSLAG, bron, plan, config, profiel),
    ]
    if profiel != "osb-rm":
        uit = [_met_certificaten(o, config) for o in uit]
    uit += [lees_bestand(pad) for pad in config.cpa_bestanden]
    return {o.cpa_id: o for o in uit}


def _met_certificaten(o: Overeenkomst, config: KetenConfig) -> Overeenkomst:
    bos = sleutelbos(config)
    partijen = []
    for p in o.partijen:
        identiteit = bos.identiteit(p.oin)
        der = identiteit.certificaat.public_bytes(Encoding.DER) if identiteit else None
        partijen.append(p.model_copy(update={"certificaat": der}))
    return o.model_copy(update={"partijen": tuple(partijen)})


def lees_bestand(pad: Path) -> Overeenkomst:
    """A CPA file; a missing or unreadable one is a Dutch error naming it."""
    try:
        inhoud = pad.read_bytes()
    except OSError as exc:
        raise ConfiguratieFout(
            f"CPA-bestand {pad} is niet te lezen: {exc.strerror or exc}.",
            code="KT-CPA",
            hint="Controleer het pad bij 'cpa' in het profiel.",
        ) from None
    return lees(inhoud, bron=f"CPA-bestand {pad}")


def bericht(cpa: Overeenkomst, van: str, actie: str, payloads: list[MimeDeel], **velden: object) -> EbmsBericht:
    """A user message as the agreement has it: its CPAId, parties and roles, Service, acknowledgment and duplicate
    elimination; any field of :class:`~chain_tests.standards.ebms.EbmsBericht` can be overridden."""
    naar = cpa.andere(van)
    standaard: dict[str, object] = dict(
        van_oin=van,
        naar_oin=naar.oin,
        cpa_id=cpa.cpa_id,
        conversation_id=str(uuid.uuid4()),
        service=cpa.service,
        action=actie,
        payloads=payloads,
        van_rol=cpa.partij(van).rol,  # type: ignore[union-attr]  # van is a party of the agreement
        naar_rol=naar.rol,
        ack_requested=cpa.ack_requested,
        ack_ondertekend=cpa.ondertekend,
        duplicate_elimination=cpa.duplicate_elimination,
    )
    return EbmsBericht(**(standaard | velden))  # type: ignore[arg-type]


# -- writing ---------------------------------------------------------------------------------------------------
def _tp(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{TP}}}{tag}", {_attr(k): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _attr(naam: str) -> str:
    return f"{{{XLINK}}}href" if naam == "href" else f"{{{TP}}}{naam}"


def _duur(seconden: float) -> str:
    return f"PT{seconden:.3f}".rstrip("0").rstrip(".") + "S"


def _id(p: CpaPartij, soort: str) -> str:
    return f"{p.rol}_{soort}"


def _actiebinding(parent: etree._Element, p: CpaPartij, ander: CpaPartij, actie: str, zenden: bool) -> None:
    kant = "S" if zenden else "R"
    wrapper = _tp(parent, "CanSend" if zenden else "CanReceive")
    binding = _tp(wrapper, "ThisPartyActionBinding", id=f"{p.rol}_{kant}_{actie}", action=actie, packageId="Bericht")
    _tp(
        binding,
        "BusinessTransactionCharacteristics",
        isNonRepudiationRequired="false",
        isNonRepudiationReceiptRequired="false",
        isAuthenticated="persistent",
        isTamperProof="persistent",
        isAuthorizationRequired="true",
        isIntelligibleCheckRequired="false",
        timeToPerform="P2D",
    )
    _tp(binding, "ChannelId", _id(p, "betrouwbaar"))
    _tp(wrapper, "OtherPartyActionBinding", f"{ander.rol}_{'R' if zenden else 'S'}_{actie}")


def _partijinfo(root: etree._Element, cpa: Overeenkomst, p: CpaPartij) -> None:
    ander = cpa.andere(p.oin)
    info = _tp(
        root, "PartyInfo", partyName=p.naam, defaultMshChannelId=_id(p, "betrouwbaar"), defaultMshPackageId="Signaal"
    )
    _tp(info, "PartyId", p.oin, type=OIN_TYPE)
    _tp(info, "PartyRef", href="")
    rol = _tp(info, "CollaborationRole")
    _tp(rol, "ProcessSpecification", name=cpa.service, version="1.0", href=cpa.service)
    _tp(rol, "Role", name=p.rol, href=cpa.service)
    if cpa.ondertekend and p.certificaat is not None:
        _tp(rol, "ApplicationCertificateRef", certId=_id(p, "certificaat"))
    binding = _tp(rol, "ServiceBinding")
    _tp(binding, "Service", cpa.service, type=SERVICE_TYPE)
    for a in cpa.acties:
        _actiebinding(binding, p, ander, a.naam, zenden=a.verzender == p.oin)
    if p.certificaat is not None:
        cert = _tp(info, "Certificate", certId=_id(p, "certificaat"))
        x509 = etree.SubElement(
            etree.SubElement(etree.SubElement(cert, f"{{{DS}}}KeyInfo"), f"{{{DS}}}X509Data"),
            f"{{{DS}}}X509Certificate",
        )
        x509.text = base64.b64encode(p.certificaat).decode()
    _kanaal(info, cpa, p)


def _kanaal(info: etree._Element, cpa: Overeenkomst, p: CpaPartij) -> None:
    kanaal = _tp(
        info,
        "DeliveryChannel",
        channelId=_id(p, "betrouwbaar"),
        transportId=_id(p, "transport"),
        docExchangeId=_id(p, "uitwisseling"),
    )
    nooit_altijd = {True: "always", False: "never"}
    _tp(
        kanaal,
        "MessagingCharacteristics",
        syncReplyMode="none",
        ackRequested=nooit_altijd[cpa.ack_requested],
        ackSignatureRequested=nooit_altijd[cpa.ondertekend],
        duplicateElimination=nooit_altijd[cpa.duplicate_elimination],
        actor=TO_PARTY_MSH,
    )
    transport = _tp(info, "Transport", transportId=_id(p, "transport"))
    _tp(_tp(transport, "TransportSender"), "TransportProtocol", "HTTP", version="1.1")
    ontvanger = _tp(transport, "TransportReceiver")
    _tp(ontvanger, "TransportProtocol", "HTTP", version="1.1")
    _tp(ontvanger, "Endpoint", uri=p.endpoint, type="allPurpose")
    uitwisseling = _tp(info, "DocExchange", docExchangeId=_id(p, "uitwisseling"))
    for kant in ("ebXMLSenderBinding", "ebXMLReceiverBinding"):
        b = _tp(uitwisseling, kant, version="2.0")
        rm = _tp(b, "ReliableMessaging")
        _tp(rm, "Retries", str(cpa.retries))
        _tp(rm, "RetryInterval", _duur(cpa.retry_interval))
        _tp(rm, "MessageOrderSemantics", "NotGuaranteed")
        _tp(b, "PersistDuration", _duur(cpa.persist_duration))
        _beveiliging(b, cpa, p, zender=kant == "ebXMLSenderBinding")


def _beveiliging(binding: etree._Element, cpa: Overeenkomst, p: CpaPartij, zender: bool) -> None:
    """Signing (NonRepudiation) and encryption (DigitalEnvelope) as the agreement has them, with the algorithms."""
    if not cpa.ondertekend or p.certificaat is None:
        return
    nr = _tp(binding, "SenderNonRepudiation" if zender else "ReceiverNonRepudiation")
    _tp(nr, "NonRepudiationProtocol", DS, version="2000")
    _tp(nr, "HashFunction", "http://www.w3.org/2001/04/xmlenc#sha256")
    _tp(nr, "SignatureAlgorithm", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")
    if zender:
        _tp(nr, "SigningCertificateRef", certId=_id(p, "certificaat"))
    if not cpa.versleuteld:
        return
    de = _tp(binding, "SenderDigitalEnvelope" if zender else "ReceiverDigitalEnvelope")
    _tp(de, "DigitalEnvelopeProtocol", XENC, version="2002")
    _tp(de, "EncryptionAlgorithm", VERSLEUTELING[cpa.interop.versleuteling][2])
    _tp(de, "EncryptionAlgorithm", SLEUTELTRANSPORT[cpa.interop.sleuteltransport][1])
    if not zender:
        _tp(de, "EncryptionCertificateRef", certId=_id(p, "certificaat"))


def als_xml(cpa: Overeenkomst) -> bytes:
    """The agreement as a CPP/CPA 2.0 document, valid against the OASIS XSD."""
    root = etree.Element(f"{{{TP}}}CollaborationProtocolAgreement", nsmap={"tp": TP, "ds": DS, "xlink": XLINK})
    root.set(f"{{{TP}}}cpaid", cpa.cpa_id)
    root.set(f"{{{TP}}}version", "1.0")
    _tp(root, "Status", value="agreed")
    _tp(root, "Start", cpa.start.strftime("%Y-%m-%dT%H:%M:%SZ"))
    _tp(root, "End", cpa.einde.strftime("%Y-%m-%dT%H:%M:%SZ"))
    for p in cpa.partijen:
        _partijinfo(root, cpa, p)
    _tp(root, "SimplePart", id="Kop", mimetype="text/xml")
    _tp(root, "SimplePart", id="Inhoud", mimetype="application/xml")
    for pakket, delen in (("Signaal", ("Kop",)), ("Bericht", ("Kop", "Inhoud"))):
        pk = _tp(root, "Packaging", id=pakket)
        _tp(pk, "ProcessingCapabilities", parse="true", generate="true")
        samen = _tp(
            _tp(pk, "CompositeList"),
            "Composite",
            id=pakket + "-mime",
            mimetype="multipart/related",
            mimeparameters="type=text/xml",
        )
        for d in delen:
            _tp(samen, "Constituent", idref=d)
    fouten = validate(cpa_schema(), root)
    if fouten:  # a bug in this writer: the document must be valid
        raise AssertionError(f"CPA {cpa.cpa_id} is niet geldig tegen cpp-cpa-2_0.xsd: {fouten[0]}")
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


# -- reading ---------------------------------------------------------------------------------------------------
_DUUR = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def _seconden(duur: str, waar: str) -> float:
    m = _DUUR.fullmatch(duur.strip())
    if not m or not any(m.groups()):
        raise OngeldigeInvoer(f"CPA: {waar} {duur!r} is geen duur (ISO 8601, bijvoorbeeld PT3H)", code="KT-CPA")
    d, h, mi, s = (float(x) if x else 0.0 for x in m.groups())
    return max(0.001, d * 86400 + h * 3600 + mi * 60 + s)


def _interop(algoritmen: list[str], bron: str) -> EbmsInterop:
    """The encryption settings from the CPA's EncryptionAlgorithm URIs (the defaults where it names none)."""
    velden: dict[str, str] = {}
    for uri in (a.strip() for a in algoritmen):
        cipher = next((n for n, (_, _, u) in VERSLEUTELING.items() if u == uri), None)
        transport = next((n for n, (_, u) in SLEUTELTRANSPORT.items() if u == uri), None)
        if cipher is None and transport is None:
            raise OngeldigeInvoer(f"{bron}: EncryptionAlgorithm {uri!r} kent ketentest niet", code="KT-CPA")
        velden |= {"versleuteling": cipher} if cipher else {"sleuteltransport": transport or ""}
    return EbmsInterop.model_validate(velden)


def lees(xml: bytes, bron: str = "CPA") -> Overeenkomst:
    """An agreement from a CPP/CPA 2.0 document (one party's CollaborationRole and its first Service); every
    problem a Dutch error naming the element."""
    root = parse_xml(xml, bron=bron)
    fouten = validate(cpa_schema(), root)
    if fouten:
        raise OngeldigeInvoer(
            f"{bron} voldoet niet aan cpp-cpa-2_0.xsd (regel {fouten[0].regel}): {fouten[0].tekst}", code="KT-CPA"
        )
    ns = {"tp": TP, "ds": DS}
    infos = root.findall("tp:PartyInfo", ns)
    if len(infos) != 2:
        raise OngeldigeInvoer(f"{bron}: {len(infos)} PartyInfo's; een CPA voor ketentest heeft er twee", code="KT-CPA")
    partijen, acties = [], []
    for info in infos:
        oin = (info.findtext("tp:PartyId", namespaces=ns) or "").strip()
        cert = info.findtext("tp:Certificate/ds:KeyInfo/ds:X509Data/ds:X509Certificate", namespaces=ns)
        partijen.append(
            CpaPartij(
                oin=oin,
                naam=info.get(f"{{{TP}}}partyName") or oin,
                rol=info.find("tp:CollaborationRole/tp:Role", ns).get(f"{{{TP}}}name") or "",  # type: ignore[union-attr]
                endpoint=info.find("tp:Transport/tp:TransportReceiver/tp:Endpoint", ns).get(f"{{{TP}}}uri") or "",  # type: ignore[union-attr]
                certificaat=base64.b64decode("".join(cert.split())) if cert else None,
            )
        )
        for binding in info.iterfind("tp:CollaborationRole/tp:ServiceBinding/tp:CanSend/tp:ThisPartyActionBinding", ns):
            acties.append(CpaActie(naam=binding.get(f"{{{TP}}}action") or "", verzender=oin))
    mc = infos[0].find("tp:DeliveryChannel/tp:MessagingCharacteristics", ns)
    rm = infos[0].find("tp:DocExchange/tp:ebXMLSenderBinding", ns)
    ondertekend = mc is not None and mc.get(f"{{{TP}}}ackSignatureRequested") == "always"
    envelop = [
        a.text or ""
        for kant in ("Sender", "Receiver")
        for a in root.iterfind(f".//tp:{kant}DigitalEnvelope/tp:EncryptionAlgorithm", ns)
    ]
    profiel: Profiel = "osb-rm-e" if envelop else "osb-rm-s" if ondertekend else "osb-rm"
    return Overeenkomst(
        cpa_id=root.get(f"{{{TP}}}cpaid") or "",
        profiel=profiel,
        interop=_interop(envelop, bron),
        service=(
            root.findtext("tp:PartyInfo/tp:CollaborationRole/tp:ServiceBinding/tp:Service", namespaces=ns) or ""
        ).strip(),
        partijen=(partijen[0], partijen[1]),
        acties=tuple(acties),
        retries=int(rm.findtext("tp:ReliableMessaging/tp:Retries", default="8", namespaces=ns))
        if rm is not None
        else 8,
        retry_interval=_seconden(
            rm.findtext("tp:ReliableMessaging/tp:RetryInterval", default="PT3H", namespaces=ns), "RetryInterval"
        )
        if rm is not None
        else 10_800,
        persist_duration=_seconden(rm.findtext("tp:PersistDuration", default="P1D", namespaces=ns), "PersistDuration")
        if rm is not None
        else 86_400,
        ack_requested=mc is None or mc.get(f"{{{TP}}}ackRequested") != "never",
        duplicate_elimination=mc is None or mc.get(f"{{{TP}}}duplicateElimination") != "never",
        start=datetime.fromisoformat(root.findtext("tp:Start", namespaces=ns) or "2024-01-01T00:00:00Z"),
        einde=datetime.fromisoformat(root.findtext("tp:End", namespaces=ns) or "2034-01-01T00:00:00Z"),
    )
