"""XMLEnc of ebMS2 payloads for the Digikoppeling profile osb-rm-e, with python-xmlsec.

Each payload's bytes become one ``xenc:EncryptedData`` document (its ``MimeType`` the original content type; the
MIME part keeps its Content-ID and becomes ``application/xml``), encrypted with a fresh AES key (AES-128-GCM by
default) that travels in an ``xenc:EncryptedKey`` for the receiver's certificate (RSA-OAEP by default). The
message is signed first, over the plain payloads; the receiver decrypts, then verifies. The CPA's ``interop``
settings allow AES-256-GCM, AES-128-CBC and RSA v1.5 key transport, each only when the agreement names it.
"""

from __future__ import annotations

from typing import Any

import xmlsec
from lxml import etree
from xmlsec import constants as C

from chain_tests.config import EbmsInterop
from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards.ebms import MimeDeel
from chain_tests.standards.sleutels import Identiteit
from chain_tests.standards.xml import parse_xml, to_bytes

XENC = "http://www.w3.org/2001/04/xmlenc#"
VERSLEUTELING: dict[str, tuple[Any, int, str]] = {  # name → (transform, key bits, algorithm URI)
    "aes128-gcm": (C.TransformAes128Gcm, 128, "http://www.w3.org/2009/xmlenc11#aes128-gcm"),
    "aes256-gcm": (C.TransformAes256Gcm, 256, "http://www.w3.org/2009/xmlenc11#aes256-gcm"),
    "aes128-cbc": (C.TransformAes128Cbc, 128, "http://www.w3.org/2001/04/xmlenc#aes128-cbc"),
}
SLEUTELTRANSPORT: dict[str, tuple[Any, str]] = {
    "rsa-oaep": (C.TransformRsaOaep, "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"),
    "rsa-1_5": (C.TransformRsaPkcs1, "http://www.w3.org/2001/04/xmlenc#rsa-1_5"),
}


class VersleutelingFout(Exception):
    """A payload that is not encrypted as the agreement says, or cannot be decrypted (Dutch reason)."""


def versleutel(deel: MimeDeel, ontvanger_certificaat_pem: bytes, interop: EbmsInterop) -> MimeDeel:
    """The payload as an EncryptedData document for the receiver's certificate."""
    cipher, bits, _ = VERSLEUTELING[interop.versleuteling]
    transport, _ = SLEUTELTRANSPORT[interop.sleuteltransport]
    houder = etree.Element("houder")
    enc = xmlsec.template.encrypted_data_create(houder, cipher, mime_type=deel.content_type, ns="xenc")
    xmlsec.template.encrypted_data_ensure_cipher_value(enc)
    sleutel = xmlsec.template.add_encrypted_key(xmlsec.template.encrypted_data_ensure_key_info(enc, ns="ds"), transport)
    xmlsec.template.encrypted_data_ensure_cipher_value(sleutel)
    beheer = xmlsec.KeysManager()
    beheer.add_key(xmlsec.Key.from_memory(ontvanger_certificaat_pem, C.KeyDataFormatCertPem, None))
    ctx = xmlsec.EncryptionContext(beheer)
    ctx.key = xmlsec.Key.generate(C.KeyDataAes, bits, C.KeyDataTypeSession)
    versleuteld = ctx.encrypt_binary(enc, deel.inhoud)
    return MimeDeel(deel.content_id, "application/xml", to_bytes(versleuteld))


def ontsleutel(deel: MimeDeel, identiteit: Identiteit, interop: EbmsInterop) -> MimeDeel:
    """The plain payload of an EncryptedData document, with its original content type; only the algorithms of
    the agreement are accepted."""
    try:
        doc: etree._Element | None = parse_xml(deel.inhoud, bron=f"bijlage {deel.content_id}")
    except OngeldigeInvoer:  # not XML at all (a zip, a PDF): plain bytes, so not encrypted
        doc = None
    if doc is None or doc.tag != f"{{{XENC}}}EncryptedData":
        raise VersleutelingFout(f"bijlage {deel.content_id} is niet versleuteld, maar de CPA (osb-rm-e) vraagt dat")
    _algoritmen(doc, deel.content_id, interop)
    beheer = xmlsec.KeysManager()
    beheer.add_key(xmlsec.Key.from_memory(identiteit.sleutel_pem, C.KeyDataFormatPem, None))
    soort = doc.get("MimeType") or "application/octet-stream"
    try:
        inhoud: object = xmlsec.EncryptionContext(beheer).decrypt(doc)
    except xmlsec.Error:
        raise VersleutelingFout(
            f"bijlage {deel.content_id} is niet te ontsleutelen met de sleutel van OIN {identiteit.oin}: "
            "versleuteld voor een ander certificaat, of onderweg veranderd"
        ) from None
    if not isinstance(inhoud, bytes):
        raise VersleutelingFout(f"bijlage {deel.content_id}: EncryptedData van een XML-element, verwacht bytes")
    return MimeDeel(deel.content_id, soort, inhoud)


def _algoritmen(doc: etree._Element, cid: str, interop: EbmsInterop) -> None:
    ns = {"xenc": XENC, "ds": "http://www.w3.org/2000/09/xmldsig#"}
    methode = doc.find("xenc:EncryptionMethod", ns)
    gezien = methode.get("Algorithm") if methode is not None else None
    verwacht = VERSLEUTELING[interop.versleuteling][2]
    if gezien != verwacht:
        raise VersleutelingFout(f"bijlage {cid} is versleuteld met {gezien!r}; de CPA spreekt {verwacht!r} af")
    transport = doc.find("ds:KeyInfo/xenc:EncryptedKey/xenc:EncryptionMethod", ns)
    gezien = transport.get("Algorithm") if transport is not None else None
    verwacht = SLEUTELTRANSPORT[interop.sleuteltransport][1]
    if gezien != verwacht:
        raise VersleutelingFout(f"de sleutel van bijlage {cid} gaat mee met {gezien!r}; de CPA spreekt {verwacht!r} af")
