"""Where the offline mocks differ from a real party: a recorded cassette replayed against them.

``ketentest verschil MAP`` plays each exchange of a cassette (:mod:`chain_tests.cassette`) again, in order,
against a fresh offline keten with the run's organisations, letting the mocks' background work happen between
them; ids the real party gave (a verzoeknummer, a document id) are replaced in later requests by the ones the mocks
gave at the same place in the same answer. Then per kind of message it compares what the real party answered
with what the mocks answered: the statuses, the media types, and the shape of the bodies — for JSON every field
path with its type, for XML every element and attribute path — never the values, which must differ (ids,
times). Each kind's answers are taken together, so a poll that found the zaak sooner in one run than in the other
is no difference.
"""

from __future__ import annotations

import base64
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import httpx
from lxml import etree

from chain_tests.cassette import lees
from chain_tests.config import KetenConfig, Organisatie
from chain_tests.errors import OngeldigeInvoer
from chain_tests.offline import OfflineKeten
from chain_tests.standards.xml import parse_xml

#: A masked BSN in a recorded body (privacy.maskeer keeps the length) becomes this test BSN (elfproef) again.
TEST_BSN = b"999990019"
_GEMASKEERD = re.compile(rb"\*{6}\d{3}")
MAX_GEGENEREERD = 64 * 1024  # a recorded bijlage of any size is replayed as this many bytes at most


@dataclass
class Soort:
    """What one kind of message looked like on each side."""

    soort: str
    voorbeeld: str  # "GET /vth/api/v1/zaken" of the first exchange
    aantal: int = 0
    statussen: tuple[set[int], set[int]] = field(default_factory=lambda: (set(), set()))
    media: tuple[set[str], set[str]] = field(default_factory=lambda: (set(), set()))
    vorm: tuple[set[str], set[str]] = field(default_factory=lambda: (set(), set()))  # field paths with types

    def verschillen(self) -> list[str]:
        uit = []
        for naam, (opname, mock) in (("status", self.statussen), ("mediatype", self.media)):
            if opname != mock:
                uit.append(f"{naam}: opgenomen {_lijst(opname)}, bij de mock {_lijst(mock)}")
        alleen_opname, alleen_mock = self.vorm[0] - self.vorm[1], self.vorm[1] - self.vorm[0]
        if alleen_opname:
            uit.append(f"alleen in de opname: {_lijst(alleen_opname)}")
        if alleen_mock:
            uit.append(f"alleen bij de mock: {_lijst(alleen_mock)}")
        return uit


def _lijst(waarden: set[Any]) -> str:
    return ", ".join(str(w) for w in sorted(waarden, key=str)) or "-"


# -- the shape of a body ---------------------------------------------------------------------------------------
def vorm(media: str, body: bytes) -> set[str]:
    """Every field path of a body with its type (JSON) or every element and attribute path (XML, the SOAP part of
    a multipart message); empty for a body of another kind or none."""
    soort = media.split(";", 1)[0].strip().lower()
    if not body:
        return set()
    if soort == "application/json" or soort.endswith("+json"):
        try:
            return _json_vorm(json.loads(body), "")
        except ValueError:
            return {"(geen geldige JSON)"}
    if soort == "multipart/related":
        return _xml_vorm(_soap_deel(media, body))
    if soort.endswith("/xml") or soort.endswith("+xml"):
        return _xml_vorm(body)
    return set()


def _json_vorm(waarde: Any, pad: str) -> set[str]:
    if isinstance(waarde, dict):
        uit = {f"{pad or '.'}: object"} if not waarde else set()
        for k, v in waarde.items():
            uit |= _json_vorm(v, f"{pad}.{k}" if pad else k)
        return uit
    if isinstance(waarde, list):
        uit = {f"{pad}: lijst"}
        for v in waarde:
            uit |= _json_vorm(v, f"{pad}[]")
        return uit
    soort = {bool: "boolean", int: "getal", float: "getal", str: "tekst", type(None): "null"}[type(waarde)]
    return {f"{pad}: {soort}"}


def _soap_deel(media: str, body: bytes) -> bytes:
    bericht = BytesParser(policy=policy.HTTP).parsebytes(b"Content-Type: " + media.encode() + b"\r\n\r\n" + body)
    start = str(bericht.get_param("start") or "").strip("<>")
    for deel in bericht.iter_parts():
        if not start or str(deel.get("Content-ID", "")).strip("<>") == start:
            inhoud = deel.get_payload(decode=True)
            return inhoud if isinstance(inhoud, bytes) else b""
    return b""


def _xml_vorm(body: bytes) -> set[str]:
    try:
        root = parse_xml(body, bron="antwoord")
    except OngeldigeInvoer:
        return {"(geen geldige XML)"}
    uit: set[str] = set()

    def loop(el: etree._Element, pad: str) -> None:
        naam = etree.QName(el).localname
        hier = f"{pad}/{naam}"
        uit.add(hier)
        uit.update(f"{hier}/@{etree.QName(a).localname}" for a in el.attrib)
        for kind in el:
            if isinstance(kind.tag, str):
                loop(kind, hier)

    loop(root, "")
    return uit


# -- replaying --------------------------------------------------------------------------------------------------
def _ids(opname: Any, mock: Any, paren: dict[str, str]) -> None:
    """Values the real party and the mock gave at the same place in the same answer (ids to substitute)."""
    if isinstance(opname, dict) and isinstance(mock, dict):
        for k in opname.keys() & mock.keys():
            _ids(opname[k], mock[k], paren)
    elif isinstance(opname, list) and isinstance(mock, list):
        for a, b in zip(opname, mock, strict=False):
            _ids(a, b, paren)
    elif isinstance(opname, str) and isinstance(mock, str) and opname != mock and len(opname) >= 3:
        paren[opname] = mock


def _vervang(tekst: str, paren: dict[str, str]) -> str:
    for oud in sorted(paren, key=len, reverse=True):  # longest first: an id that contains another
        tekst = tekst.replace(oud, paren[oud])
    return tekst


def _body(regel: dict[str, Any], paren: dict[str, str]) -> bytes:
    if "base64" in regel:
        inhoud = _GEMASKEERD.sub(TEST_BSN, base64.b64decode(regel["base64"]))
        try:
            return _vervang(inhoud.decode("utf-8"), paren).encode("utf-8")
        except UnicodeDecodeError:
            return inhoud
    return b"\0" * min(int(regel.get("bytes") or 0), MAX_GEGENEREERD)


def _basis(config: KetenConfig, oin: str) -> Organisatie | None:
    return next((o for o in [*config.landelijk(), *config.organisaties] if o.oin == oin), None)


def _speel(omgeving: OfflineKeten, w: dict[str, Any], paren: dict[str, str]) -> httpx.Response | None:
    partij = _basis(omgeving.config, w["partij_oin"])
    if partij is None:
        return None
    headers = {k: _vervang(v, paren) for k, v in w["verzoek"]["headers"].items() if k not in ("host",)}
    client = omgeving.waarnemer(partij.base_url, w.get("client_oin"))
    r = client.request(w["methode"], _vervang(w["pad"], paren), content=_body(w["verzoek"], paren), headers=headers)
    r.read()
    return r


def vergelijk(map_: Path) -> list[Soort]:
    """Replay the cassette in ``map_`` against the offline mocks; per kind of message what each side showed."""
    kop, wissels = lees(map_)
    organisaties = [Organisatie.model_validate(o) for o in kop.get("organisaties", [])]
    config = KetenConfig(organisaties=organisaties) if organisaties else KetenConfig()
    omgeving = OfflineKeten(config)
    paren: dict[str, str] = {}
    soorten: dict[str, Soort] = {}
    try:
        for w in wissels:
            omgeving.pomp()
            r = _speel(omgeving, w, paren)
            s = soorten.setdefault(w["soort"], Soort(w["soort"], f"{w['methode']} {w['pad'].split('?')[0]}"))
            s.aantal += 1
            _noteer(
                s,
                0,
                w["antwoord"]["status"],
                w["antwoord"]["headers"].get("content-type", ""),
                _body(w["antwoord"], {}),
            )
            if r is not None:
                _noteer(s, 1, r.status_code, r.headers.get("Content-Type", ""), r.content)
                _koppel(w["antwoord"], r, paren)
            omgeving.wacht(omgeving.config.tijden.poll_interval)
    finally:
        omgeving.sluit()
    return list(soorten.values())


def _noteer(s: Soort, kant: int, status: int, media: str, body: bytes) -> None:
    s.statussen[kant].add(status)
    if media:
        s.media[kant].add(media.split(";", 1)[0].strip().lower())
    s.vorm[kant].update(vorm(media, body))


def _koppel(opgenomen: dict[str, Any], r: httpx.Response, paren: dict[str, str]) -> None:
    if "base64" not in opgenomen or "json" not in r.headers.get("Content-Type", ""):
        return
    try:
        _ids(json.loads(base64.b64decode(opgenomen["base64"])), r.json(), paren)
    except ValueError:
        return


def rapport(soorten: list[Soort]) -> tuple[str, bool]:
    """The Dutch report, and whether any kind differs."""
    regels, anders = [], False
    for s in sorted(soorten, key=lambda x: x.soort):
        verschil = s.verschillen()
        anders = anders or bool(verschil)
        teken = "✗" if verschil else "✓"
        regels.append(f"{teken} {s.soort} ({s.voorbeeld}, {s.aantal}×)")
        regels += [f"    {v}" for v in verschil]
    kop = (
        "De mocks wijken af van de opgenomen partij:"
        if anders
        else "De mocks antwoorden in de vorm van de opgenomen partij (status, mediatype, velden)."
    )
    return "\n".join([kop, *regels]), anders


def groepeer(soorten: list[Soort]) -> dict[str, list[str]]:
    """Per kind of message its differences (for tests and tooling)."""
    uit: dict[str, list[str]] = defaultdict(list)
    for s in soorten:
        uit[s.soort] += s.verschillen()
    return dict(uit)
