"""Digikoppeling Grote Berichten (PULL): a large file travels beside its ebMS message, which carries only the
metadata (``digikoppeling-external-data-references``: contextId, lifetime, filename, checksum, size, senderUrl);
the receiver fetches the file over HTTPS with its own certificate, resuming with ``Range`` + ``If-Range`` (the
ETag) after a broken connection, and checks size and checksum.

:func:`metadata_xml` / :func:`lees_metadata` are the metadata (validated against ``schemas/gb``);
:func:`haal_op` is the receiving side, streaming to disk with a bounded number of attempts; every failure is a
:class:`GrootBerichtFout` with the status of the standard's vocabulary (FILE_NOT_FOUND, CHECKSUM_ERROR,
INCORRECT_FILE_SIZE, …) and a Dutch text naming what went wrong.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx
from lxml import etree

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards.schemas import gb_schema, validate
from chain_tests.standards.xml import parse_xml, to_bytes

GB = "http://www.logius.nl/digikoppeling/gb/2010/10"
PROFIEL = "digikoppeling-gb-1.0"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Metadata:
    context_id: str
    bestandsnaam: str
    content_type: str
    sha256: str
    grootte: int
    sender_url: str
    aanmaak: datetime | None = None
    verloop: datetime | None = None


class GrootBerichtFout(OngeldigeInvoer):
    """A Groot Bericht that could not be fetched or is not what its metadata says."""

    def __init__(self, status: str, tekst: str) -> None:
        super().__init__(f"Groot Bericht ({status}): {tekst}", code=f"KT-GB-{status}")
        self.status = status


def _q(tag: str) -> str:
    return f"{{{GB}}}{tag}"


def metadata_xml(m: Metadata) -> bytes:
    root = etree.Element(_q("digikoppeling-external-data-references"), nsmap={"gb": GB}, profile=PROFIEL)
    ref = etree.SubElement(root, _q("data-reference"), contextId=m.context_id)
    leven = etree.SubElement(ref, _q("lifetime"))
    for tag, tijd in (("creationTime", m.aanmaak), ("expirationTime", m.verloop)):
        if tijd is not None:
            etree.SubElement(leven, _q(tag), type="xs:dateTime").text = tijd.isoformat()
    inhoud = etree.SubElement(ref, _q("content"), contentType=m.content_type)
    etree.SubElement(inhoud, _q("filename")).text = m.bestandsnaam
    etree.SubElement(inhoud, _q("checksum"), type="SHA256").text = m.sha256
    etree.SubElement(inhoud, _q("size")).text = str(m.grootte)
    plek = etree.SubElement(etree.SubElement(ref, _q("transport")), _q("location"))
    etree.SubElement(plek, _q("senderUrl"), type="xs:anyURI").text = m.sender_url
    return to_bytes(root)


def is_metadata(data: bytes) -> bool:
    return b"digikoppeling-external-data-references" in data[:2048] and GB.encode() in data[:2048]


def lees_metadata(data: bytes) -> Metadata:
    """The (first) data-reference of a metadata document; a wrong one is refused naming the problem."""
    root = parse_xml(data, bron="Grote Berichten-metadata")
    fouten = validate(gb_schema(), root)
    if fouten:
        raise OngeldigeInvoer(
            f"Grote Berichten-metadata voldoet niet aan het schema (regel {fouten[0].regel}): {fouten[0].tekst}",
            code="KT-GB-METADATA",
        )
    ref = root.find(_q("data-reference"))
    assert ref is not None  # the schema asks one
    som = ref.find(f"{_q('content')}/{_q('checksum')}")
    if som is None or som.get("type") != "SHA256":
        raise OngeldigeInvoer(
            f"checksum van het type {som.get('type') if som is not None else None!r}; ketentest controleert SHA256 "
            "(de standaard beveelt SHA256 of sterker aan)",
            code="KT-GB-METADATA",
        )

    def tekst(pad: str) -> str:
        return (ref.findtext(pad, namespaces={"gb": GB}) or "").strip()

    def tijd(pad: str) -> datetime | None:
        return datetime.fromisoformat(tekst(pad)) if tekst(pad) else None

    inhoud = ref.find(_q("content"))
    assert inhoud is not None
    return Metadata(
        context_id=ref.get("contextId") or "",
        bestandsnaam=tekst("gb:content/gb:filename"),
        content_type=inhoud.get("contentType") or "",
        sha256=(som.text or "").strip().lower(),
        grootte=int(tekst("gb:content/gb:size")),
        sender_url=tekst("gb:transport/gb:location/gb:senderUrl"),
        aanmaak=tijd("gb:lifetime/gb:creationTime"),
        verloop=tijd("gb:lifetime/gb:expirationTime"),
    )


def haal_op(client: Callable[[], httpx.Client], m: Metadata, doel: Path, nu: datetime, pogingen: int = 3) -> Path:
    """Fetch the file of ``m`` to ``doel``, streamed, resuming where a connection broke (Range + If-Range);
    then hold it to the metadata's size and SHA-256."""
    if m.verloop is not None and m.verloop < nu:
        raise GrootBerichtFout("FILE_NOT_FOUND", f"{m.bestandsnaam} was beschikbaar tot {m.verloop.isoformat()}")
    etag: dict[str, str] = {}  # the server's ETag, kept as soon as it is seen (a break may follow)
    doel.unlink(missing_ok=True)
    for poging in range(1, pogingen + 1):
        try:
            _poging(client, m, doel, etag)
        except (httpx.TransportError, httpx.StreamError) as exc:
            if poging == pogingen:
                reden = str(exc) or type(exc).__name__
                raise GrootBerichtFout("UNKNOWN_ERROR", f"verbinding steeds verbroken ({reden})") from None
            continue
        if doel.stat().st_size == m.grootte:
            break
    _controleer(doel, m)
    return doel


def _poging(client: Callable[[], httpx.Client], m: Metadata, doel: Path, etag: dict[str, str]) -> None:
    """One GET: the whole file, or the rest of it after what is already on disk (If-Range: the same file)."""
    binnen = doel.stat().st_size if doel.exists() else 0
    headers = {"Range": f"bytes={binnen}-", **({"If-Range": etag["ETag"]} if etag else {})} if binnen else {}
    with client() as c, c.stream("GET", m.sender_url, headers=headers) as r:
        _status(r, m)
        if "ETag" in r.headers:
            etag["ETag"] = r.headers["ETag"]
        start = _begin(r, binnen)
        with doel.open("r+b" if start else "wb") as fh:
            fh.seek(start)
            fh.truncate()
            for chunk in r.iter_bytes():  # as they come: a chunk buffer would lose what arrived before a break
                fh.write(chunk)
                if fh.tell() > m.grootte:
                    raise GrootBerichtFout("INCORRECT_FILE_SIZE", f"meer dan {m.grootte} bytes (de metadata)")


def _status(r: httpx.Response, m: Metadata) -> None:
    if r.status_code in (200, 206):
        return
    soort = {403: "geen toegang voor dit certificaat", 404: "niet (meer) beschikbaar", 410: "niet meer beschikbaar",
             416: "gevraagd bereik bestaat niet"}.get(r.status_code, "fout van de server")  # fmt: skip
    status = "FILE_NOT_FOUND" if r.status_code in (404, 410) else "UNKNOWN_ERROR"
    raise GrootBerichtFout(status, f"GET {m.sender_url}: HTTP {r.status_code} ({soort})")


def _begin(r: httpx.Response, binnen: int) -> int:
    """Where this response's bytes go: 0 for a whole file (200), the start of the Content-Range for a 206."""
    if r.status_code == 200:
        return 0
    bereik = r.headers.get("Content-Range", "")
    try:
        start = int(bereik.split(" ", 1)[1].split("-", 1)[0])
    except (IndexError, ValueError):
        raise GrootBerichtFout("UNKNOWN_ERROR", f"206 zonder bruikbare Content-Range ({bereik!r})") from None
    if start != binnen:
        raise GrootBerichtFout("UNKNOWN_ERROR", f"206 vanaf byte {start}, gevraagd vanaf {binnen}")
    return start


def _controleer(doel: Path, m: Metadata) -> None:
    grootte = doel.stat().st_size
    if grootte != m.grootte:
        raise GrootBerichtFout("INCORRECT_FILE_SIZE", f"{grootte} bytes ontvangen, de metadata noemt {m.grootte}")
    sha = hashlib.sha256()
    with doel.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            sha.update(chunk)
    if sha.hexdigest() != m.sha256:
        raise GrootBerichtFout(
            "CHECKSUM_ERROR", f"SHA-256 {sha.hexdigest()[:16]}… wijkt af van {m.sha256[:16]}… uit de metadata"
        )


def bereik(range_kop: str | None, grootte: int) -> tuple[int, int] | None:
    """(first, last) byte of a single ``bytes=a-b`` / ``bytes=a-`` Range; None: the whole file; ValueError: a
    range that cannot be served (416)."""
    if not range_kop:
        return None
    eenheid, _, spec = range_kop.partition("=")
    if eenheid.strip() != "bytes" or "," in spec:
        raise ValueError(range_kop)
    van, _, tot = spec.strip().partition("-")
    eerste = int(van) if van else grootte - int(tot)
    laatste = int(tot) if van and tot else grootte - 1
    if not 0 <= eerste <= laatste < grootte:
        raise ValueError(range_kop)
    return eerste, laatste
