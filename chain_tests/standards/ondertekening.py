"""XMLDSig of ebMS2 messages as ebMS 2.0 §4.1 and the Digikoppeling profiles osb-rm-s/osb-rm-e prescribe, with
python-xmlsec (libxmlsec1; its libxml2 must be lxml's, see :func:`controleer_bibliotheken`).

A signed message carries one ``ds:Signature`` in the SOAP Header: a Reference to the envelope (``URI=""``) with
the enveloped-signature transform, the XPath transform that leaves out what is meant for the nextMSH (an
intermediary may change it), and exclusive c14n; and one Reference per MIME payload (``cid:…``) over its raw
bytes. SHA-256 (or stronger) digests, RSA-SHA256 or ECDSA-SHA256 (or stronger) signatures, the signer's
certificate in ``ds:KeyInfo/ds:X509Data``.

:func:`verifieer` checks before it lets libxmlsec compute anything: exactly the References above (no other URI
is ever opened: the only input callback this module registers serves ``cid:`` parts of the message at hand), no
other transforms, no weak algorithm, the certificate's OIN (subject serialNumber) the From PartyId, the
certificate the CPA's or one of the trusted CA; then the digests and the signature.
"""

from __future__ import annotations

import base64
import io
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import xmlsec
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from lxml import etree
from xmlsec import constants as C

from chain_tests.pki import oin_van
from chain_tests.standards.cpa import Overeenkomst
from chain_tests.standards.ebms import NEXT_MSH, SOAP, EbmsBericht, MimeDeel, envelope, serialiseer_envelop
from chain_tests.standards.sleutels import Identiteit, Sleutelbos
from chain_tests.standards.versleuteling import versleutel
from chain_tests.standards.xml import to_bytes

DS = "http://www.w3.org/2000/09/xmldsig#"
SOAP_NEXT = "http://schemas.xmlsoap.org/soap/actor/next"
#: the XPath filter of ebMS 2.0 §4.1.3: leave out every element meant for the next MSH
XPATH_FILTER = (
    f"not(ancestor-or-self::node()[@SOAP:actor='{NEXT_MSH}'] | ancestor-or-self::node()[@SOAP:actor='{SOAP_NEXT}'])"
)
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
XPATH = "http://www.w3.org/TR/1999/REC-xpath-19991116"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
INCL_C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
C14N = {"exclusief": EXC_C14N, "inclusief": INCL_C14N}
STERKE_DIGESTS = frozenset(
    {
        "http://www.w3.org/2001/04/xmlenc#sha256",
        "http://www.w3.org/2001/04/xmldsig-more#sha384",
        "http://www.w3.org/2001/04/xmlenc#sha512",
    }
)
STERKE_HANDTEKENINGEN = frozenset(
    {
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512",
    }
)
_NS = {"ds": DS, "SOAP": SOAP}


class OndertekeningFout(Exception):
    """A signature that does not hold: the Dutch reason (a SecurityFailure for the sender)."""


# -- cid: references: served from the message at hand, nothing else is ever opened ---------------------------------
_delen = threading.local()
_registratie = threading.Lock()
_geregistreerd = False


def _registreer() -> None:
    global _geregistreerd
    with _registratie:
        if _geregistreerd:
            return
        controleer_bibliotheken()
        xmlsec.cleanup_callbacks()  # no file:, http: or ftp: input for any Reference, ever
        xmlsec.register_callbacks(_past, _open, lambda f, buf: f.readinto(buf), lambda f: f.close())
        _geregistreerd = True


def _past(uri: bytes) -> bool:
    return uri.startswith(b"cid:") and uri[4:].decode(errors="replace") in getattr(_delen, "map", {})


def _open(uri: bytes) -> io.BytesIO:
    return io.BytesIO(_delen.map[uri[4:].decode()])


class _Delen:
    """The message's MIME parts by Content-ID, for the cid: references, while a signature is computed."""

    def __init__(self, delen: Mapping[str, bytes]) -> None:
        self.delen = delen

    def __enter__(self) -> None:
        _registreer()
        _delen.map = self.delen

    def __exit__(self, *_: object) -> None:
        _delen.map = {}


# -- signing ------------------------------------------------------------------------------------------------------
def _methode(identiteit: Identiteit, zwak: bool) -> Any:
    """The signature method for the identity's key type (read from its certificate: loading the private key with
    cryptography validates an RSA key, ~30 ms a message)."""
    sleutel = identiteit.certificaat.public_key()
    if isinstance(sleutel, rsa.RSAPublicKey):
        return C.TransformRsaSha1 if zwak else C.TransformRsaSha256
    if isinstance(sleutel, ec.EllipticCurvePublicKey):
        return C.TransformEcdsaSha1 if zwak else C.TransformEcdsaSha256
    raise OndertekeningFout(f"sleutel van OIN {identiteit.oin}: alleen RSA of EC kan ondertekenen")


def onderteken(
    env: etree._Element,
    payloads: Sequence[MimeDeel],
    identiteit: Identiteit,
    *,
    zwak: bool = False,
    c14n: str = "exclusief",
) -> None:
    """Add the ds:Signature of ``identiteit`` over the envelope and every payload to the SOAP Header (in place).
    ``zwak``: SHA-1 throughout, which a receiver must refuse (the conformance cases send it on purpose);
    ``c14n`` "inclusief": inclusive c14n, an interoperability setting of the CPA."""
    digest = C.TransformSha1 if zwak else C.TransformSha256
    canon = C.TransformInclC14N if c14n == "inclusief" else C.TransformExclC14N
    header = env.find(f"{{{SOAP}}}Header")
    if header is None:
        raise OndertekeningFout("de envelope heeft geen SOAP Header voor de handtekening")
    sig = xmlsec.template.create(env, canon, _methode(identiteit, zwak), ns="ds")
    header.append(sig)
    ref = xmlsec.template.add_reference(sig, digest, uri="")
    xmlsec.template.add_transform(ref, C.TransformEnveloped)
    xpath = xmlsec.template.add_transform(ref, C.TransformXPath)
    etree.SubElement(xpath, f"{{{DS}}}XPath", nsmap={"SOAP": SOAP}).text = XPATH_FILTER
    xmlsec.template.add_transform(ref, canon)
    for p in payloads:
        xmlsec.template.add_reference(sig, digest, uri=f"cid:{p.content_id}")
    x509_data = xmlsec.template.add_x509_data(xmlsec.template.ensure_key_info(sig))
    xmlsec.template.x509_data_add_certificate(x509_data)
    ctx = xmlsec.SignatureContext()
    key = xmlsec.Key.from_memory(identiteit.sleutel_pem, C.KeyDataFormatPem)
    key.load_cert_from_memory(identiteit.certificaat_pem, C.KeyDataFormatPem)
    ctx.key = key
    with _Delen({p.content_id: p.inhoud for p in payloads}):
        ctx.sign(sig)


def verpak(
    b: EbmsBericht, cpas: Mapping[str, Overeenkomst], sleutels: Sleutelbos, mime_id: str | None = None
) -> tuple[dict[str, str], bytes]:
    """(HTTP headers, body) of a message as its CPA has it: signed with the sender's key on osb-rm-s/osb-rm-e,
    plain on osb-rm or when no CPA of this party has its CPAId (an ErrorList about an unknown agreement)."""
    env = envelope(b)
    cpa = cpas.get(b.cpa_id)
    payloads = b.payloads
    if cpa is not None and cpa.ondertekend:
        onderteken(env, b.payloads, sleutels.nodig(b.van_oin), c14n=cpa.interop.c14n)
    if cpa is not None:
        payloads = versleuteld_voor(cpa, b.naar_oin, payloads, sleutels)
    return serialiseer_envelop(to_bytes(env), payloads, mime_id)


def versleuteld_voor(cpa: Overeenkomst, naar: str, payloads: list[MimeDeel], sleutels: Sleutelbos) -> list[MimeDeel]:
    """The payloads as they travel under ``cpa``: encrypted for the receiver on osb-rm-e, else as they are."""
    if not cpa.versleuteld or not payloads:
        return payloads
    cert = _certificaat_van(cpa, naar, sleutels)
    return [versleutel(p, cert, cpa.interop) for p in payloads]


def _certificaat_van(cpa: Overeenkomst, oin: str, sleutels: Sleutelbos) -> bytes:
    """The receiver's certificate (PEM) to encrypt for: the CPA's, else the keyring's."""
    partij = cpa.partij(oin)
    if partij is not None and partij.certificaat is not None:
        return x509.load_der_x509_certificate(partij.certificaat).public_bytes(serialization.Encoding.PEM)
    return sleutels.nodig(oin).certificaat_pem


# -- verifying ----------------------------------------------------------------------------------------------------
def handtekening(env: etree._Element) -> etree._Element | None:
    return env.find("SOAP:Header/ds:Signature", _NS)


def verifieer(
    env: etree._Element,
    delen: Mapping[str, MimeDeel],
    van_oin: str,
    sleutels: Sleutelbos,
    cpa_certificaat: bytes | None = None,
    c14n: str = "exclusief",
) -> x509.Certificate:
    """The signer's certificate of a message that must be signed; :class:`OndertekeningFout` when it does not hold.
    ``cpa_certificaat``: the DER the CPA names for the sender (then only that one), else one of the trusted CA."""
    sig = handtekening(env)
    if sig is None:
        raise OndertekeningFout("het bericht is niet ondertekend (ds:Signature ontbreekt), maar de CPA vraagt dat")
    _algoritmen(sig, C14N[c14n])
    _verwijzingen(sig, delen, C14N[c14n])
    cert = _certificaat(sig, van_oin, sleutels, cpa_certificaat)
    ctx = xmlsec.SignatureContext()
    ctx.key = xmlsec.Key.from_memory(cert.public_bytes(serialization.Encoding.PEM), C.KeyDataFormatCertPem)
    try:
        with _Delen({cid: d.inhoud for cid, d in delen.items()}):
            ctx.verify(sig)
    except xmlsec.Error as exc:
        raise OndertekeningFout(
            f"de handtekening klopt niet ({exc.args[-1] if exc.args else exc}): de envelope of een bijlage is na "
            "ondertekening veranderd, of met een andere sleutel ondertekend"
        ) from None
    return cert


def _algoritmen(sig: etree._Element, canon: str) -> None:
    methode = sig.find("ds:SignedInfo/ds:SignatureMethod", _NS)
    naam = methode.get("Algorithm") if methode is not None else None
    if naam not in STERKE_HANDTEKENINGEN:
        raise OndertekeningFout(f"handtekeningalgoritme {naam!r} is te zwak of onbekend; gebruik RSA-SHA256 of sterker")
    c14n = sig.find("ds:SignedInfo/ds:CanonicalizationMethod", _NS)
    if c14n is None or c14n.get("Algorithm") != canon:
        gezien = c14n.get("Algorithm") if c14n is not None else None
        raise OndertekeningFout(f"CanonicalizationMethod {gezien!r}; de CPA spreekt {canon!r} af")
    for dm in sig.iterfind("ds:SignedInfo/ds:Reference/ds:DigestMethod", _NS):
        if dm.get("Algorithm") not in STERKE_DIGESTS:
            raise OndertekeningFout(f"digestalgoritme {dm.get('Algorithm')!r} is te zwak; gebruik SHA-256 of sterker")


def _verwijzingen(sig: etree._Element, delen: Mapping[str, MimeDeel], canon: str) -> None:
    """Exactly one Reference to the envelope (with the prescribed transforms) and one per MIME part, no other."""
    uris = [r.get("URI") for r in sig.iterfind("ds:SignedInfo/ds:Reference", _NS)]
    if uris.count("") != 1:
        raise OndertekeningFout('de handtekening moet de envelope precies één keer dekken (Reference URI="")')
    for uri in uris:
        if uri != "" and not (uri and uri.startswith("cid:") and uri[4:] in delen):
            raise OndertekeningFout(f"Reference URI {uri!r} is geen MIME-deel van dit bericht")
    ongedekt = sorted(set(delen) - {u[4:] for u in uris if u})
    if ongedekt:
        raise OndertekeningFout(f"bijlage(n) {', '.join(ongedekt)} niet ondertekend")
    envelop = sig.find("ds:SignedInfo/ds:Reference[@URI='']", _NS)
    assert envelop is not None
    transforms = [t.get("Algorithm") for t in envelop.iterfind("ds:Transforms/ds:Transform", _NS)]
    if not set(transforms) <= {ENVELOPED, XPATH, canon} or ENVELOPED not in transforms:
        raise OndertekeningFout(f"transforms {transforms} van de envelope-verwijzing zijn niet die van ebMS 2.0 §4.1")
    for cid_ref in sig.iterfind("ds:SignedInfo/ds:Reference", _NS):
        if cid_ref.get("URI") and cid_ref.find("ds:Transforms", _NS) is not None:
            raise OndertekeningFout(
                f"Reference {cid_ref.get('URI')!r}: een bijlage wordt zonder transforms ondertekend"
            )


def _certificaat(
    sig: etree._Element, van_oin: str, sleutels: Sleutelbos, cpa_certificaat: bytes | None
) -> x509.Certificate:
    el = sig.find("ds:KeyInfo/ds:X509Data/ds:X509Certificate", _NS)
    if el is None or not (el.text or "").strip():
        raise OndertekeningFout("ds:KeyInfo noemt geen X509Certificate van de ondertekenaar")
    try:
        cert = x509.load_der_x509_certificate(base64.b64decode("".join((el.text or "").split())))
    except ValueError:
        raise OndertekeningFout("het X509Certificate in ds:KeyInfo is geen geldig certificaat") from None
    oin = oin_van(cert)
    if oin != van_oin:
        raise OndertekeningFout(
            f"ondertekend met het certificaat van OIN {oin or '(geen)'}, maar het bericht komt van {van_oin}"
        )
    if cpa_certificaat is not None:
        if cert.public_bytes(serialization.Encoding.DER) != cpa_certificaat:
            raise OndertekeningFout(f"ondertekend met een ander certificaat dan de CPA voor OIN {van_oin} noemt")
    elif not sleutels.vertrouwt(cert):
        raise OndertekeningFout(
            f"het certificaat van OIN {van_oin} is niet uitgegeven door een vertrouwde CA of niet (meer) geldig"
        )
    return cert


def controleer_bibliotheken() -> None:
    """python-xmlsec and lxml must use the same libxml2 (the wheels bundle their own); refuse to run otherwise."""
    eigen, lxml_versie = xmlsec.get_libxml_version(), etree.LIBXML_VERSION
    if eigen != lxml_versie:
        raise RuntimeError(
            f"python-xmlsec gebruikt libxml2 {eigen}, lxml {lxml_versie}: installeer de versies die pyproject.toml "
            "vastlegt (xmlsec en lxml samen)"
        )
