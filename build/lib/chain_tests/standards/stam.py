"""STAM verzoek XML: the verzoek as the VTH system downloads it from *Verzoek afhandelen*.

The namespace and every element name live in this module (``STAM_NS`` and the builders below), so
that the derived shape can be swapped for the official STAM schema in one place. Every verzoek that
is written or read is validated against the configured schema (``schemas.stam_schema``).
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree
from pydantic import BaseModel, Field

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards.schemas import stam_schema, validate
from chain_tests.standards.xml import parse_xml, to_bytes

STAM_NS = "http://www.omgevingswet.nl/koppelvlak/stam-v4/verzoek"
_Q = f"{{{STAM_NS}}}"


class StamOrganisatie(BaseModel):
    oin: str = Field(pattern=r"^\d{20}$")
    naam: str | None = None


class StamPersoon(BaseModel):
    naam: str
    bsn: str | None = Field(default=None, pattern=r"^\d{9}$", repr=False)
    kvk_nummer: str | None = Field(default=None, pattern=r"^\d{8}$")


class StamDocument(BaseModel):
    document_id: str
    bestandsnaam: str
    mime_type: str | None = None
    bestandsgrootte: int | None = None
    sha256: str | None = None


class Specificatie(BaseModel):
    vraag_id: str
    vraagtekst: str
    antwoord: str | None = None
    bijlage_type: str | None = None
    documenten: list[StamDocument] = Field(default_factory=list)


class Projectactiviteit(BaseModel):
    activiteit_naam: str
    activiteit_id: str
    specificaties: list[Specificatie] = Field(default_factory=list)


class StamVerzoek(BaseModel):
    verzoeknummer: str
    doel: str = "Initiëren"
    type: str = "Aanvraag vergunning"
    volgnummer: int = 1
    indien_datum: datetime
    project_id: str
    bevoegd_gezag: StamOrganisatie
    uitvoerende_instantie: StamOrganisatie | None = None
    initiatiefnemer: StamPersoon
    gemachtigde: StamPersoon | None = None
    projectlocaties: list[str]
    projectactiviteiten: list[Projectactiviteit]
    verzoekbijlages: list[StamDocument] = Field(default_factory=list)


def _el(parent: etree._Element, tag: str, text: object | None = None) -> etree._Element:
    el = etree.SubElement(parent, _Q + tag)
    if text is not None:
        el.text = str(text)
    return el


def _organisatie(parent: etree._Element, tag: str, o: StamOrganisatie) -> None:
    el = _el(parent, tag)
    _el(el, "oin", o.oin)
    if o.naam:
        _el(el, "naam", o.naam)


def _persoon(parent: etree._Element, tag: str, p: StamPersoon) -> None:
    el = _el(parent, tag)
    _el(el, "naam", p.naam)
    if p.bsn:
        _el(el, "bsn", p.bsn)
    else:
        _el(el, "kvkNummer", p.kvk_nummer)


def _document(parent: etree._Element, d: StamDocument) -> None:
    el = _el(parent, "document")
    _el(el, "documentId", d.document_id)
    _el(el, "bestandsnaam", d.bestandsnaam)
    for tag, value in (("mimeType", d.mime_type), ("bestandsgrootte", d.bestandsgrootte), ("sha256", d.sha256)):
        if value is not None:
            _el(el, tag, value)


def _activiteit(parent: etree._Element, a: Projectactiviteit) -> None:
    el = _el(parent, "projectactiviteit")
    _el(el, "activiteitNaam", a.activiteit_naam)
    _el(el, "activiteitId", a.activiteit_id)
    if not a.specificaties:
        return
    specs = _el(el, "specificaties")
    for s in a.specificaties:
        spec = _el(specs, "specificatie")
        _el(spec, "vraagId", s.vraag_id)
        _el(spec, "vraagtekst", s.vraagtekst)
        if s.antwoord is not None:
            _el(spec, "antwoord", s.antwoord)
        if s.bijlage_type is not None:
            gb = _el(spec, "gevraagdeBijlage")
            _el(gb, "bijlageType", s.bijlage_type)
            docs = _el(gb, "documenten")
            for d in s.documenten:
                _document(docs, d)


def stam_naar_xml(v: StamVerzoek) -> bytes:
    """Serialise and validate a verzoek; an invalid one is a harness bug, raised loudly."""
    root = etree.Element(_Q + "verzoek", nsmap={"stam": STAM_NS})
    for tag, value in (
        ("verzoeknummer", v.verzoeknummer),
        ("doel", v.doel),
        ("type", v.type),
        ("volgnummer", v.volgnummer),
        ("indienDatum", v.indien_datum.isoformat()),
        ("projectId", v.project_id),
    ):
        _el(root, tag, value)
    _organisatie(root, "bevoegdGezag", v.bevoegd_gezag)
    if v.uitvoerende_instantie:
        _organisatie(root, "uitvoerendeInstantie", v.uitvoerende_instantie)
    _persoon(root, "initiatiefnemer", v.initiatiefnemer)
    if v.gemachtigde:
        _persoon(root, "gemachtigde", v.gemachtigde)
    locaties = _el(root, "projectlocaties")
    for loc in v.projectlocaties:
        _el(locaties, "projectlocatie", loc)
    acts = _el(root, "projectactiviteiten")
    for a in v.projectactiviteiten:
        _activiteit(acts, a)
    if v.verzoekbijlages:
        docs = _el(root, "verzoekbijlages")
        for d in v.verzoekbijlages:
            _document(docs, d)
    fouten = validate(stam_schema(), root)
    if fouten:
        raise OngeldigeInvoer(
            f"STAM-verzoek {v.verzoeknummer} voldoet niet aan het schema: {fouten[0].tekst}", code="KT-STAM-XSD"
        )
    return to_bytes(root)


def _t(el: etree._Element, tag: str) -> str | None:
    found = el.find(_Q + tag)
    return None if found is None else (found.text or "")


def _lees_org(el: etree._Element | None) -> StamOrganisatie | None:
    return None if el is None else StamOrganisatie(oin=_t(el, "oin") or "", naam=_t(el, "naam"))


def _lees_persoon(el: etree._Element | None) -> StamPersoon | None:
    if el is None:
        return None
    return StamPersoon(naam=_t(el, "naam") or "", bsn=_t(el, "bsn"), kvk_nummer=_t(el, "kvkNummer"))


def _lees_doc(el: etree._Element) -> StamDocument:
    grootte = _t(el, "bestandsgrootte")
    return StamDocument(
        document_id=_t(el, "documentId") or "",
        bestandsnaam=_t(el, "bestandsnaam") or "",
        mime_type=_t(el, "mimeType"),
        bestandsgrootte=int(grootte) if grootte else None,
        sha256=_t(el, "sha256"),
    )


def _lees_spec(el: etree._Element) -> Specificatie:
    gb = el.find(_Q + "gevraagdeBijlage")
    return Specificatie(
        vraag_id=_t(el, "vraagId") or "",
        vraagtekst=_t(el, "vraagtekst") or "",
        antwoord=_t(el, "antwoord"),
        bijlage_type=_t(gb, "bijlageType") if gb is not None else None,
        documenten=[_lees_doc(d) for d in el.iterfind(f"{_Q}gevraagdeBijlage/{_Q}documenten/{_Q}document")],
    )


def _lees_activiteit(el: etree._Element) -> Projectactiviteit:
    return Projectactiviteit(
        activiteit_naam=_t(el, "activiteitNaam") or "",
        activiteit_id=_t(el, "activiteitId") or "",
        specificaties=[_lees_spec(s) for s in el.iterfind(f"{_Q}specificaties/{_Q}specificatie")],
    )


def stam_uit_xml(data: bytes, *, bron: str = "STAM-verzoek") -> StamVerzoek:
    """Parse (hardened) and validate a STAM verzoek; schema violations raise OngeldigeInvoer."""
    root = parse_xml(data, bron=bron)
    fouten = validate(stam_schema(), root)
    if fouten:
        raise OngeldigeInvoer(
            f"{bron} voldoet niet aan het STAM-schema (regel {fouten[0].regel}): {fouten[0].tekst}",
            code="KT-STAM-XSD",
            hint="Controleer de STAM-versie van de afzender.",
        )
    return StamVerzoek(
        verzoeknummer=_t(root, "verzoeknummer") or "",
        doel=_t(root, "doel") or "",
        type=_t(root, "type") or "",
        volgnummer=int(_t(root, "volgnummer") or 1),
        indien_datum=datetime.fromisoformat(_t(root, "indienDatum") or ""),
        project_id=_t(root, "projectId") or "",
        bevoegd_gezag=_lees_org(root.find(_Q + "bevoegdGezag")) or StamOrganisatie(oin="0" * 20),
        uitvoerende_instantie=_lees_org(root.find(_Q + "uitvoerendeInstantie")),
        initiatiefnemer=_lees_persoon(root.find(_Q + "initiatiefnemer")) or StamPersoon(naam=""),
        gemachtigde=_lees_persoon(root.find(_Q + "gemachtigde")),
        projectlocaties=[e.text or "" for e in root.iterfind(f"{_Q}projectlocaties/{_Q}projectlocatie")],
        projectactiviteiten=[
            _lees_activiteit(a) for a in root.iterfind(f"{_Q}projectactiviteiten/{_Q}projectactiviteit")
        ],
        verzoekbijlages=[_lees_doc(d) for d in root.iterfind(f"{_Q}verzoekbijlages/{_Q}document")],
    )


# -- verzoeknotificatie (the ebMS payload; derived, unconfirmed) ---------------------------------

NOTIFICATIE_NS = "urn:ketentest:derived:verzoeknotificatie:v1"
_N = f"{{{NOTIFICATIE_NS}}}"


class Verzoeknotificatie(BaseModel):
    """What DSO-LV pushes: essentially the verzoeknummer; the VTH then fetches the verzoek."""

    verzoeknummer: str
    volgnummer: int = 1
    doel: str = "Initiëren"
    bevoegd_gezag_oin: str
    uitvoerende_instantie_oin: str | None = None


def notificatie_naar_xml(n: Verzoeknotificatie) -> bytes:
    root = etree.Element(_N + "verzoeknotificatie", nsmap={"vn": NOTIFICATIE_NS})
    for tag, value in (
        ("verzoeknummer", n.verzoeknummer),
        ("volgnummer", n.volgnummer),
        ("doel", n.doel),
        ("bevoegdGezag", n.bevoegd_gezag_oin),
        ("uitvoerendeInstantie", n.uitvoerende_instantie_oin),
    ):
        if value is not None:
            etree.SubElement(root, _N + tag).text = str(value)
    return to_bytes(root)


def notificatie_uit_xml(data: bytes) -> Verzoeknotificatie:
    root = parse_xml(data, bron="verzoeknotificatie")

    def t(tag: str) -> str | None:
        el = root.find(_N + tag)
        return None if el is None else (el.text or "")

    if root.tag != _N + "verzoeknotificatie" or not t("verzoeknummer") or not t("bevoegdGezag"):
        raise OngeldigeInvoer("verzoeknotificatie mist verzoeknummer of bevoegdGezag", code="KT-NOTIFICATIE")
    return Verzoeknotificatie(
        verzoeknummer=t("verzoeknummer") or "",
        volgnummer=int(t("volgnummer") or 1),
        doel=t("doel") or "Initiëren",
        bevoegd_gezag_oin=t("bevoegdGezag") or "",
        uitvoerende_instantie_oin=t("uitvoerendeInstantie"),
    )
