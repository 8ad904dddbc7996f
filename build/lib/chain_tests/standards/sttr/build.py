"""Build STTR files (Conclusie, Indieningsvereisten) from a vragenboom description.

The output follows the structure of the real RTR exports (Lelystad, *Boom kappen*): regelgroepen and
uitvoeringsregels in ``dmn:extensionElements``, one ``dmn:inputData`` per uitvoeringsregel with a
``uitv:uitvoeringsregelRef``, and a top decision carrying ``bedr:functioneleStructuurRef``.
Identifiers are derived deterministically (uuid5) so that rebuilding gives the same file.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from lxml import etree
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from chain_tests.standards.imow import ow_id
from chain_tests.standards.sttr.model import BEDR, CONTENT, DMN, INTER, STTR_BASE, UITV
from chain_tests.standards.tekst import XmlTekst, normaliseer
from chain_tests.standards.xml import to_bytes

Conclusie = Literal["Vergunningplicht", "Meldingsplicht", "Informatieplicht", "Toestemmingsvrij", "NietVanToepassing"]
_NSMAP: dict[str | None, str] = {"dmn": DMN, "bedr": BEDR, "uitv": UITV, "content": CONTENT, "inter": INTER}
_ID_NS = uuid.UUID("6f1c2a43-3b4e-4d1a-9a53-6b657465e574")


VraagTekst = Annotated[XmlTekst, AfterValidator(normaliseer)]


class Vraag(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(description="korte sleutel, uniek binnen de vragenboom")
    tekst: VraagTekst
    type: Literal["boolean", "string", "number", "list", "geo"] = "boolean"
    opties: list[VraagTekst] = Field(default_factory=list)
    locatie: str | None = Field(
        None, description="bij type geo: de IMOW-locatie (uitv:geoVerwijzing) waar de vraag over gaat (ja/deels/nee)"
    )
    vaste_waarde: bool | int | float | str | None = Field(
        None, description="een vaste waarde (uitv:vasteWaarde): de vraag wordt niet gesteld, deze waarde geldt"
    )
    voorbehoud: XmlTekst | None = Field(None, description="met vaste_waarde: uitv:vasteWaardeVoorbehoud met deze tekst")

    @model_validator(mode="after")
    def _geo(self) -> Vraag:
        if (self.type == "geo") != (self.locatie is not None):
            raise ValueError("een vraag van type geo heeft een 'locatie' (IMOW-id), een andere vraag niet")
        if self.locatie is not None:
            ow_id(self.locatie)
        return self


class ConclusieRegel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    als: dict[str, Any] = Field(default_factory=dict, description="vraag-id → antwoord (lijst = één van)")
    dan: Conclusie


class ConclusieBoom(BaseModel):
    model_config = ConfigDict(extra="forbid")
    vragen: list[Vraag]
    regels: list[ConclusieRegel]


class IndieningsvereistenBoom(BaseModel):
    model_config = ConfigDict(extra="forbid")
    vragen: list[Vraag] = Field(default_factory=list)
    bijlagen: list[VraagTekst] = Field(default_factory=list, description="bijlageTypes die verplicht zijn")


class Vragenboom(BaseModel):
    model_config = ConfigDict(extra="forbid")
    naam: XmlTekst
    conclusie: ConclusieBoom
    indieningsvereisten: IndieningsvereistenBoom | None = None


def _id(*parts: str) -> str:
    return str(uuid.uuid5(_ID_NS, "|".join(parts)))


def feel_literal(value: Any) -> str:
    """A Python answer as a FEEL unary test (a list becomes a disjunction)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return ",".join(feel_literal(v) for v in value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


class _Builder:
    def __init__(self, oin: str, activiteit_id: str, naam: str, typering: str) -> None:
        self.oin, self.activiteit_id, self.typering = oin, activiteit_id, typering
        self.seed = f"{oin}|{activiteit_id}|{typering}"
        default_ns = f"{STTR_BASE}{oin}"
        nsmap: dict[str | None, str] = {**_NSMAP, None: default_ns}
        self.root = etree.Element(f"{{{DMN}}}definitions", nsmap=nsmap)  # type: ignore[arg-type]  # lxml-stubs: None prefix
        self.root.set("namespace", default_ns)
        self.root.set("exporter", "ketentest")
        self.root.set("name", naam)
        self.root.set("id", "_" + _id(self.seed, "definitions"))
        ext = self.sub(self.root, DMN, "extensionElements")
        groepen = self.sub(ext, INTER, "regelgroepen")
        self.groep_id = "_" + _id(self.seed, "regelgroep")
        groep = self.sub(groepen, INTER, "regelgroep", id=self.groep_id)
        self.sub(groep, INTER, "naam", text=naam)
        self.sub(groep, INTER, "prioriteit", text="1")
        self.regels_el = self.sub(ext, UITV, "uitvoeringsregels")
        self.invoer: list[tuple[str, str]] = []  # (uitv id, typeRef)

    @staticmethod
    def sub(parent: etree._Element, ns: str, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
        el = etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    def uitvoeringsregel(self, sleutel: str) -> tuple[str, etree._Element]:
        uid = "uitv__" + _id(self.seed, sleutel)
        el = self.sub(self.regels_el, UITV, "uitvoeringsregel", id=uid)
        self.sub(el, UITV, "regelgroepRef", href="#" + self.groep_id)
        self.sub(el, INTER, "prioriteit", text=str(10 * (len(self.invoer) + 1)))
        return uid, el

    def toelichting(self, el: etree._Element) -> None:
        t = self.sub(el, CONTENT, "uitvoeringsregelToelichting")
        self.sub(t, CONTENT, "belangrijk", text="false")

    def vraag(self, v: Vraag) -> str:
        uid, el = self.uitvoeringsregel("vraag:" + v.id)
        if v.type == "geo":
            geo = self.sub(el, UITV, "geoVerwijzing")
            self.sub(geo, UITV, "locatie", identificatie=v.locatie or "")
            self.sub(geo, UITV, "vraagTekst", text=v.tekst)
            self.toelichting(el)
            self.invoer.append((uid, "string"))
            return uid
        if v.vaste_waarde is not None:
            self.vaste_waarde(el, v)
            self.toelichting(el)
            self.invoer.append((uid, "string" if v.type == "list" else v.type))
            return uid
        vraag = self.sub(el, UITV, "vraag")
        self.sub(vraag, UITV, "gegevensType", text=v.type)
        self.sub(vraag, UITV, "vraagTekst", text=v.tekst)
        if v.opties:
            opties = self.sub(vraag, UITV, "opties")
            self.sub(opties, UITV, "optieType", text="enkelAntwoord")
            for i, optie in enumerate(v.opties, start=1):
                o = self.sub(opties, UITV, "optie")
                self.sub(o, UITV, "sequenceId", text=str(i))
                self.sub(o, UITV, "optieText", text=optie)
        self.toelichting(el)
        self.invoer.append((uid, "string" if v.type == "list" else v.type))
        return uid

    def vaste_waarde(self, el: etree._Element, v: Vraag) -> None:
        ouder = self.sub(el, UITV, "vasteWaardeVoorbehoud") if v.voorbehoud else el
        vw = self.sub(ouder, UITV, "vasteWaarde")
        self.sub(vw, UITV, "waardeVraag", text=v.tekst)
        waarde = v.vaste_waarde
        self.sub(vw, UITV, "waarde", text=("true" if waarde else "false") if isinstance(waarde, bool) else str(waarde))
        self.sub(vw, UITV, "gegevensType", text=v.type)
        if v.voorbehoud:
            self.sub(ouder, UITV, "tekstVoorbehoud", text=v.voorbehoud)

    def bijlage(self, bijlage_type: str) -> str:
        uid, el = self.uitvoeringsregel("bijlage:" + bijlage_type)
        b = self.sub(el, UITV, "bijlage")
        self.sub(b, UITV, "bijlageType", text=bijlage_type)
        self.toelichting(el)
        self.invoer.append((uid, "string"))
        return uid

    def input_data(self) -> None:
        for uid, type_ref in self.invoer:
            el = self.sub(self.root, DMN, "inputData", name=uid, id="input_" + uid)
            ext = self.sub(el, DMN, "extensionElements")
            self.sub(ext, UITV, "uitvoeringsregelRef", href="#" + uid)
            self.sub(el, DMN, "variable", typeRef=type_ref, name=uid, id="_" + _id(self.seed, "var", uid))

    def top_decision(self, naam: str, output_type: str, hit_policy: str) -> etree._Element:
        did = "_" + _id(self.seed, "top")
        d = self.sub(self.root, DMN, "decision", name=naam, id=did)
        ext = self.sub(d, DMN, "extensionElements")
        fsr = f"{STTR_BASE}{self.oin}/id/concept/{self.typering}{self.activiteit_id}"
        self.sub(ext, BEDR, "functioneleStructuurRef", href=fsr)
        self.sub(d, DMN, "variable", typeRef=output_type, name=naam, id=did + "_var")
        for uid, _ in self.invoer:
            req = self.sub(d, DMN, "informationRequirement")
            self.sub(req, DMN, "requiredInput", href="#input_" + uid)
        dt = self.sub(d, DMN, "decisionTable", hitPolicy=hit_policy, outputLabel=naam, id=did + "_dt")
        for uid, type_ref in self.invoer:
            inp = self.sub(dt, DMN, "input", id="_" + _id(self.seed, "input", uid))
            expr = self.sub(inp, DMN, "inputExpression", typeRef=type_ref)
            self.sub(expr, DMN, "text", text=uid)
        self.sub(dt, DMN, "output", id="_" + _id(self.seed, "output"), name="uitkomst", typeRef=output_type)
        return dt

    def rule(self, dt: etree._Element, n: int, entries: list[str], output: str, toelichting: str = "") -> None:
        r = self.sub(dt, DMN, "rule", id="_" + _id(self.seed, "rule", str(n)))
        for i, entry in enumerate(entries):
            ie = self.sub(r, DMN, "inputEntry", id="_" + _id(self.seed, "ie", str(n), str(i)))
            self.sub(ie, DMN, "text", text=entry)
        oe = self.sub(r, DMN, "outputEntry", id="_" + _id(self.seed, "oe", str(n)))
        if toelichting:
            ext = self.sub(oe, DMN, "extensionElements")
            ct = self.sub(ext, CONTENT, "conclusieToelichting")
            self.sub(ct, CONTENT, "toelichting", text=toelichting)
        self.sub(oe, DMN, "text", text=output)


_TOELICHTING = {
    "Vergunningplicht": "Op basis van uw antwoorden heeft u een omgevingsvergunning nodig.",
    "Meldingsplicht": "Op basis van uw antwoorden moet u een melding doen.",
    "Informatieplicht": "Op basis van uw antwoorden moet u informatie aanleveren.",
    "Toestemmingsvrij": "Op basis van uw antwoorden heeft u geen vergunning nodig.",
    "NietVanToepassing": "Deze regels zijn niet van toepassing op uw activiteit.",
}


def bouw_conclusie(boom: Vragenboom, *, oin: str, activiteit_id: str) -> bytes:
    """Build the Conclusie (vergunningcheck) STTR file. Rules are evaluated FIRST-hit, in order."""
    b = _Builder(oin, activiteit_id, boom.naam, "Conclusie")
    for v in boom.conclusie.vragen:
        b.vraag(v)
    b.input_data()
    dt = b.top_decision(boom.naam, "string", "FIRST")
    for n, regel in enumerate(boom.conclusie.regels):
        entries = [feel_literal(regel.als[v.id]) if v.id in regel.als else "-" for v in boom.conclusie.vragen]
        b.rule(dt, n, entries, feel_literal(regel.dan), _TOELICHTING[regel.dan])
    return to_bytes(b.root)


def bouw_indieningsvereisten(boom: Vragenboom, *, oin: str, activiteit_id: str) -> bytes:
    """Build the Indieningsvereisten file: complete (true) only when every vraag and bijlage is present."""
    iv = boom.indieningsvereisten or IndieningsvereistenBoom()
    naam = f"Indieningsvereisten {boom.naam}"
    b = _Builder(oin, activiteit_id, naam, "IndieningsvereistenVergunning")
    for v in iv.vragen:
        b.vraag(v)
    for bijlage in iv.bijlagen:
        b.bijlage(bijlage)
    b.input_data()
    dt = b.top_decision(naam, "boolean", "FIRST")
    b.rule(dt, 0, ["not(null)"] * len(b.invoer), "true")
    b.rule(dt, 1, ["-"] * len(b.invoer), "false")
    return to_bytes(b.root)
