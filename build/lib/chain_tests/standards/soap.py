"""SOAP 1.1 envelopes and Faults (for the *Toepasbare regels aanleveren* service)."""

from __future__ import annotations

from lxml import etree

from chain_tests.standards.xml import to_bytes

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
CONTENT_TYPE = "text/xml; charset=utf-8"


def envelope(body_child: etree._Element, nsmap: dict[str, str] | None = None) -> bytes:
    env = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soapenv": SOAP_ENV, **(nsmap or {})})
    etree.SubElement(env, f"{{{SOAP_ENV}}}Body").append(body_child)
    return to_bytes(env)


def fault(tekst: str, faultcode: str = "soapenv:Client") -> bytes:
    """A SOAP 1.1 Fault: ``Client`` for refused input, ``Server`` for a failure on the service's side."""
    f = etree.Element(f"{{{SOAP_ENV}}}Fault")
    etree.SubElement(f, "faultcode").text = faultcode
    etree.SubElement(f, "faultstring").text = tekst
    return envelope(f)
