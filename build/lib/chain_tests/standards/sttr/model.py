"""Parse an STTR file (DMN 1.2 + toepasbare-regels extensions) into plain models.

Tolerant of vendor extensions (``sttrbuilder:*`` and others): unknown elements are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards.tekst import normaliseer
from chain_tests.standards.xml import parse_xml

DMN = "http://www.omg.org/spec/DMN/20180521/MODEL/"
STTR_BASE = "http://toepasbare-regels.omgevingswet.overheid.nl/"
BEDR = STTR_BASE + "v1.0/Bedrijfsregel"
UITV = STTR_BASE + "v1.0/Uitvoeringsregel"
CONTENT = STTR_BASE + "v1.0/Content"
INTER = STTR_BASE + "v1.0/Interactieregel"
NS = {"dmn": DMN, "bedr": BEDR, "uitv": UITV, "content": CONTENT, "inter": INTER}

TYPERINGEN = ("Conclusie", "Indieningsvereisten", "Maatregelen")
_FSR = re.compile(r"/(?P<oin>\d{20})/id/concept/(?P<typering>[A-Za-z]+?)(?P<activiteit>nl\.imow-.+)$")


@dataclass(frozen=True)
class Uitvoeringsregel:
    """One ``uitv:uitvoeringsregel``: a question, a requested bijlage, a location question, a fixed value.

    ``soort`` says how the vergunningcheck treats it (see docs/architecture.md, "STTR elements"):

    - ``vraag``: asked (``uitv:vraag``; also ``uitv:registerbevraging``/``…APIProfiel``, whose register
      lookup ketentest does not imitate: the casus answers the question);
    - ``geo``: a location question (``uitv:geoVerwijzing``): answered ``ja``, ``deels`` or ``nee``;
    - ``bijlage``: a requested document (``uitv:bijlage``);
    - ``vast``: not asked; ``waarde`` applies (``uitv:vasteWaarde``, ``uitv:vasteWaardeVoorbehoud`` with
      its ``voorbehoud`` text, ``uitv:implicietAntwoord``);
    - ``niet-ondersteund``: ``uitv:uitkomstHerbruikbareBeslissing`` and ``uitv:herbruikbareVraagReferentie``
      refer to rules outside the file; evaluating a decision that needs one is refused with a clear error.
    """

    id: str
    soort: str
    tekst: str  # vraagTekst, the bijlageType for a bijlage, the waardeVraag of a fixed value
    gegevens_type: str = "string"
    opties: tuple[str, ...] = ()
    regelgroep: str = ""
    prioriteit: int = 0
    element: str = ""  # the local name of the uitv: element that made it (vraag, vasteWaarde, …)
    waarde: str | None = None  # the fixed value (soort "vast"), as written in the file
    voorbehoud: str | None = None  # uitv:tekstVoorbehoud of a vasteWaardeVoorbehoud
    locatie: str | None = None  # soort "geo": the IMOW locatie of uitv:geoVerwijzing/uitv:locatie@identificatie


@dataclass(frozen=True)
class DmnRegel:
    id: str
    invoer: tuple[str, ...]
    uitvoer: tuple[str, ...]


@dataclass(frozen=True)
class Beslistabel:
    hit_policy: str
    aggregatie: str | None
    invoer: tuple[str, ...]
    uitvoer_namen: tuple[str, ...]
    regels: tuple[DmnRegel, ...]


@dataclass(frozen=True)
class Beslissing:
    id: str
    naam: str
    variabele: str
    vereiste_beslissingen: tuple[str, ...]
    vereiste_invoer: tuple[str, ...]
    tabel: Beslistabel | None
    functionele_structuur_ref: str | None = None


@dataclass(frozen=True)
class InvoerGegeven:
    id: str
    variabele: str
    uitvoeringsregel_id: str | None


@dataclass
class SttrBestand:
    naam: str
    oin: str
    functionele_structuur_ref: str
    typering: str
    activiteit_id: str
    uitvoeringsregels: list[Uitvoeringsregel] = field(default_factory=list)
    invoer: dict[str, InvoerGegeven] = field(default_factory=dict)
    beslissingen: dict[str, Beslissing] = field(default_factory=dict)
    top_id: str = ""

    def regel(self, sleutel: str) -> Uitvoeringsregel | None:
        """Find a uitvoeringsregel by id or by its question text / bijlageType (whitespace normalised)."""
        tekst = normaliseer(sleutel)
        for r in self.uitvoeringsregels:
            if sleutel == r.id or tekst == normaliseer(r.tekst):
                return r
        return None

    @property
    def vragen(self) -> list[Uitvoeringsregel]:
        return [r for r in self.uitvoeringsregels if r.soort in ("vraag", "geo")]

    @property
    def bijlagen(self) -> list[Uitvoeringsregel]:
        return [r for r in self.uitvoeringsregels if r.soort == "bijlage"]

    @property
    def locaties(self) -> list[str]:
        """The IMOW locaties the file's location questions refer to."""
        return [r.locatie for r in self.uitvoeringsregels if r.soort == "geo" and r.locatie]


def _text(el: etree._Element | None) -> str:
    return "" if el is None else "".join(str(t) for t in el.itertext()).strip()


def _href(el: etree._Element) -> str:
    return (el.get("href") or "").lstrip("#")


def _vraag(rid: str, vraag: etree._Element, groep: str, prio: int, element: str) -> Uitvoeringsregel:
    opties = tuple(_text(o) for o in vraag.iterfind("uitv:opties/uitv:optie/uitv:optieText", NS))
    tekst = _text(vraag.find("uitv:vraagTekst", NS))
    soort = _text(vraag.find("uitv:gegevensType", NS)) or "string"
    return Uitvoeringsregel(rid, "vraag", tekst, soort, opties, groep, prio, element)


def _vast(rid: str, el: etree._Element, groep: str, prio: int, element: str) -> Uitvoeringsregel:
    vw = el if element == "vasteWaarde" else el.find("uitv:vasteWaarde", NS)
    voorbehoud = _text(el.find("uitv:tekstVoorbehoud", NS)) if element == "vasteWaardeVoorbehoud" else None
    if vw is None:  # implicietAntwoord: a boolean implied by the chosen werkzaamheid
        return Uitvoeringsregel(rid, "vast", "", "boolean", (), groep, prio, element, _text(el.find("uitv:waarde", NS)))
    tekst = _text(vw.find("uitv:waardeVraag", NS))
    soort = _text(vw.find("uitv:gegevensType", NS)) or "string"
    waarde = _text(vw.find("uitv:waarde", NS))
    return Uitvoeringsregel(rid, "vast", tekst, soort, (), groep, prio, element, waarde, voorbehoud or None)


def _uitvoeringsregel(el: etree._Element) -> Uitvoeringsregel:
    rid = el.get("id") or ""
    ref = el.find("uitv:regelgroepRef", NS)
    groep = _href(ref) if ref is not None else ""
    prio = int(_text(el.find("inter:prioriteit", NS)) or 0)
    for kind in el:
        if not isinstance(kind.tag, str) or etree.QName(kind).namespace != UITV:
            continue
        element = etree.QName(kind).localname
        if element == "vraag":
            return _vraag(rid, kind, groep, prio, element)
        if element in ("registerbevraging", "registerbevragingAPIProfiel"):
            vraag = kind.find("uitv:vraag", NS)
            if vraag is not None:
                return _vraag(rid, vraag, groep, prio, element)
        if element in ("vasteWaarde", "vasteWaardeVoorbehoud", "implicietAntwoord"):
            return _vast(rid, kind, groep, prio, element)
        if element == "bijlage":
            tekst = _text(kind.find("uitv:bijlageType", NS))
            return Uitvoeringsregel(rid, "bijlage", tekst, "bijlage", (), groep, prio, element)
        if element == "geoVerwijzing":
            tekst = _text(kind.find("uitv:vraagTekst", NS))
            loc = kind.find("uitv:locatie", NS)
            locatie = loc.get("identificatie") if loc is not None else None
            return Uitvoeringsregel(rid, "geo", tekst, "string", (), groep, prio, element, locatie=locatie)
        if element in ("uitkomstHerbruikbareBeslissing", "herbruikbareVraagReferentie"):
            return Uitvoeringsregel(rid, "niet-ondersteund", "", "string", (), groep, prio, element)
    return Uitvoeringsregel(rid, "onbekend", "", "string", (), groep, prio)


def _tabel(el: etree._Element | None) -> Beslistabel | None:
    if el is None:
        return None
    invoer = tuple(_text(i.find("dmn:inputExpression/dmn:text", NS)) for i in el.iterfind("dmn:input", NS))
    uitvoer = tuple(o.get("name") or "" for o in el.iterfind("dmn:output", NS))
    regels = tuple(
        DmnRegel(
            r.get("id") or "",
            tuple(_text(e.find("dmn:text", NS)) for e in r.iterfind("dmn:inputEntry", NS)),
            tuple(_text(e.find("dmn:text", NS)) for e in r.iterfind("dmn:outputEntry", NS)),
        )
        for r in el.iterfind("dmn:rule", NS)
    )
    return Beslistabel(el.get("hitPolicy") or "UNIQUE", el.get("aggregation"), invoer, uitvoer, regels)


def _beslissing(el: etree._Element) -> Beslissing:
    var = el.find("dmn:variable", NS)
    fsr = el.find("dmn:extensionElements/bedr:functioneleStructuurRef", NS)
    return Beslissing(
        id=el.get("id") or "",
        naam=el.get("name") or "",
        variabele=(var.get("name") if var is not None else None) or el.get("name") or "",
        vereiste_beslissingen=tuple(
            _href(r) for r in el.iterfind("dmn:informationRequirement/dmn:requiredDecision", NS)
        ),
        vereiste_invoer=tuple(_href(r) for r in el.iterfind("dmn:informationRequirement/dmn:requiredInput", NS)),
        tabel=_tabel(el.find("dmn:decisionTable", NS)),
        functionele_structuur_ref=fsr.get("href") if fsr is not None else None,
    )


def _invoer(el: etree._Element) -> InvoerGegeven:
    var = el.find("dmn:variable", NS)
    ref = el.find("dmn:extensionElements/uitv:uitvoeringsregelRef", NS)
    return InvoerGegeven(
        id=el.get("id") or "",
        variabele=(var.get("name") if var is not None else None) or el.get("name") or "",
        uitvoeringsregel_id=_href(ref) if ref is not None else None,
    )


def parse_sttr(data: bytes, *, bron: str = "STTR-bestand") -> SttrBestand:
    """Parse STTR bytes (hardened) into an :class:`SttrBestand`."""
    root = parse_xml(data, bron=bron)
    if root.tag != f"{{{DMN}}}definitions":
        raise OngeldigeInvoer(
            f"{bron}: het root-element is {root.tag}, verwacht dmn:definitions (DMN 1.2).",
            code="KT-STTR-ROOT",
            hint="Lever een STTR-bestand (DMN 1.2) aan, geen ander XML-bestand.",
        )
    return sttr_from_root(root, bron=bron)


def sttr_from_root(root: etree._Element, *, bron: str = "STTR-bestand") -> SttrBestand:
    beslissingen = {b.id: b for b in map(_beslissing, root.iterfind("dmn:decision", NS))}
    tops = [b for b in beslissingen.values() if b.functionele_structuur_ref]
    fsr = tops[0].functionele_structuur_ref if tops else ""
    m = _FSR.search(fsr or "")
    bestand = SttrBestand(
        naam=root.get("name") or "",
        oin=m.group("oin") if m else "",
        functionele_structuur_ref=fsr or "",
        typering=m.group("typering") if m else "",
        activiteit_id=m.group("activiteit") if m else "",
        uitvoeringsregels=sorted(
            map(
                _uitvoeringsregel,
                root.iterfind("dmn:extensionElements/uitv:uitvoeringsregels/uitv:uitvoeringsregel", NS),
            ),
            key=lambda r: r.prioriteit,
        ),
        invoer={i.id: i for i in map(_invoer, root.iterfind("dmn:inputData", NS))},
        beslissingen=beslissingen,
        top_id=tops[0].id if tops else "",
    )
    return bestand
