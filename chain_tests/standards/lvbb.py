"""The LVBB bronhouderkoppelvlak (transport part, ``http://www.overheid.nl/2017/lvbb``, 1.3.0-ic).

What travels between plansoftware and LVBB over Digikoppeling ebMS2: the verzoek (``validatieVerzoek`` /
``publicatieVerzoek``: idLevering and software version) with ``opdracht.zip`` beside it; inside the zip
``opdracht.xml`` (``validatieOpdracht`` / ``publicatieOpdracht``) and ``manifest.xml``; back come
``validatieVerzoekResultaat`` / ``publicatieVerzoekResultaat`` with a verslag of meldingen. Shapes follow
``lvbb-transport.xsd`` 1.3.0-ic (validated in the tests against the configured schema folder).

The ebMS service and action names for the bronhouderkoppelvlak are not public: they are UNCONFIRMED and
live only here. Zips are read with bounds (number of files, size per file and in total, names), as LVBB
does (LVBB1001, 1004, 1040–1042), so a zip bomb is refused before it is unpacked.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from lxml import etree

from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards.meldingcodes import CodeMelding, melding
from chain_tests.standards.xml import parse_xml, to_bytes

LVBB = "http://www.overheid.nl/2017/lvbb"
STOP_MELDING = "http://www.overheid.nl/2017/stop"
SERVICE = "urn:osb:services:lvbb:bronhouderkoppelvlak:v1"  # UNCONFIRMED
ZIPNAAM = "opdracht.zip"

Soort = Literal["validatie", "publicatie", "breekPublicatieAf"]
SOORTEN: tuple[Soort, ...] = ("validatie", "publicatie")  # the leveringen of a plan
AFBREKEN: Soort = "breekPublicatieAf"  # ending a publicatie the LVBB has not yet made known
ALLE_SOORTEN: tuple[Soort, ...] = (*SOORTEN, AFBREKEN)
#: The informational melding of a verslag without findings (the schema asks for at least one melding).
#: The real code is not public: UNCONFIRMED, as in ``reference/lvbb-synthetic``.
GEEN_FOUTEN = CodeMelding(
    "LVBB0001", "informatie", "technisch", "De opdracht is verwerkt; er zijn geen fouten gevonden."
)

ID_LEVERING = re.compile(r"^[0-9A-z][0-9A-z_-]+$")
BESTANDSNAAM = re.compile(r"^[0-9A-Za-z._-]+$")
MAX_BESTANDEN = 1000
MAX_PER_BESTAND = 100 * 1024 * 1024  # LVBB1041
MAX_ZIP = 1024**3  # LVBB1040
MAX_UITGEPAKT = 256 * 1024 * 1024  # ketentest's bound on all files together, unpacked (a mock holds them in memory)
MAX_VERHOUDING = 200  # unpacked / packed of a file over 1 MiB: beyond it is a zip bomb, not a plan


def _q(tag: str) -> str:
    return f"{{{LVBB}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str) -> etree._Element:
    el = etree.SubElement(parent, _q(tag))
    el.text = text
    return el


def _tekst(root: etree._Element, tag: str) -> str:
    el = root.find(_q(tag))
    return (el.text or "").strip() if el is not None else ""


# -- opdracht.xml ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Opdracht:
    soort: Soort
    id_levering: str
    bevoegd_gezag: str  # OIN
    aanleveraar: str  # OIN
    publicatie: str  # file name of the besluit in the zip
    datum_bekendmaking: str  # JJJJ-MM-DD (kept as text: a wrong one is LVBB1501, not a crash)
    identificatie: str = ""  # breekPublicatieAf: the AKN of the besluit or kennisgeving to end


def opdracht_xml(o: Opdracht) -> bytes:
    root = etree.Element(_q(f"{o.soort}Opdracht"), nsmap={None: LVBB})  # type: ignore[dict-item]  # lxml-stubs: default ns
    inhoud = (
        [("identificatie", o.identificatie)]
        if o.soort == AFBREKEN
        else [("publicatie", o.publicatie), ("datumBekendmaking", o.datum_bekendmaking)]
    )
    for tag, waarde in (("idLevering", o.id_levering), ("idBevoegdGezag", o.bevoegd_gezag),
                        ("idAanleveraar", o.aanleveraar), *inhoud):  # fmt: skip
        _sub(root, tag, waarde)
    return to_bytes(root)


def lees_opdracht(data: bytes) -> Opdracht:
    root = parse_xml(data, bron="opdracht.xml")
    naam = etree.QName(root)
    soort = naam.localname.removesuffix("Opdracht")
    if naam.namespace != LVBB or soort not in ALLE_SOORTEN:
        raise OngeldigeInvoer(
            f"opdracht.xml: root-element {naam.localname} wordt niet ondersteund; verwacht validatieOpdracht, "
            "publicatieOpdracht of breekPublicatieAfOpdracht in namespace " + LVBB,
            code="LVBB1006",
        )
    return Opdracht(
        soort=soort,
        id_levering=_tekst(root, "idLevering"),
        bevoegd_gezag=_tekst(root, "idBevoegdGezag"),
        aanleveraar=_tekst(root, "idAanleveraar"),
        publicatie=_tekst(root, "publicatie"),
        datum_bekendmaking=_tekst(root, "datumBekendmaking"),
        identificatie=_tekst(root, "identificatie"),
    )


# -- manifest.xml ----------------------------------------------------------------------------------
def content_type(naam: str) -> str:
    return "application/gml+xml" if naam.lower().endswith(".gml") else "application/xml"


def manifest_xml(namen: list[str]) -> bytes:
    """The transport manifest: every file in the zip, ``manifest.xml`` itself included."""
    root = etree.Element(_q("manifest"), nsmap={None: LVBB})  # type: ignore[dict-item]  # lxml-stubs: default ns
    for naam in namen:
        b = etree.SubElement(root, _q("bestand"))
        _sub(b, "bestandsnaam", naam)
        _sub(b, "contentType", content_type(naam))
    return to_bytes(root)


def manifest_bestanden(data: bytes) -> list[tuple[str, str]]:
    """(bestandsnaam, contentType) of every ``bestand`` in ``manifest.xml``, in order, duplicates kept."""
    root = parse_xml(data, bron="manifest.xml")
    if root.tag != _q("manifest"):
        raise OngeldigeInvoer(
            f"manifest.xml: root-element {etree.QName(root).localname}, verwacht manifest", code="LVBB1008"
        )
    return [(_tekst(b, "bestandsnaam"), _tekst(b, "contentType")) for b in root.iterfind(_q("bestand"))]


def lees_manifest(data: bytes) -> list[str]:
    return [naam for naam, _ in manifest_bestanden(data)]


# -- the verzoek (ebMS payload) ----------------------------------------------------------------------
def action(soort: Soort) -> str:
    return f"{soort}Verzoek"


def verzoek_xml(soort: Soort, id_levering: str, leverancier: str, product: str, versie: str) -> bytes:
    root = etree.Element(_q(action(soort)), nsmap={None: LVBB})  # type: ignore[dict-item]  # lxml-stubs: default ns
    _sub(root, "idLevering", id_levering)
    sw = etree.SubElement(root, _q("softwareVersie"))
    _sub(sw, "leverancier", leverancier)
    _sub(sw, "product", product)
    _sub(sw, "versie", versie)
    return to_bytes(root)


def lees_verzoek(data: bytes) -> tuple[Soort, str]:
    """(soort, idLevering) of a ``validatieVerzoek`` / ``publicatieVerzoek``."""
    root = parse_xml(data, bron="LVBB-verzoek")
    naam = etree.QName(root)
    soort = naam.localname.removesuffix("Verzoek")
    if naam.namespace != LVBB or soort not in ALLE_SOORTEN:
        raise OngeldigeInvoer(
            f"LVBB-verzoek: {naam.localname} wordt niet ondersteund; verwacht validatieVerzoek, publicatieVerzoek of "
            "breekPublicatieAfVerzoek",
            code="LVBB-VERZOEK",
        )
    return soort, _tekst(root, "idLevering")


# -- the resultaat ---------------------------------------------------------------------------------
@dataclass
class Verslag:
    soort: Soort
    id_levering: str
    tijdstip: datetime
    meldingen: list[CodeMelding] = field(default_factory=list)
    uitkomst: str | None = None  # valide | niet-valide | behandeling-afgebroken | gepubliceerd; afbreken: ok |
    # behandeling-mislukt
    voortgang: str | None = None  # validatie-voltooid | registratie-voltooid
    tijdstip_publicatie: datetime | None = None

    @property
    def resultaat(self) -> Literal["succes", "mislukt"]:
        return (
            "mislukt" if self.uitkomst in ("niet-valide", "behandeling-afgebroken", "behandeling-mislukt") else "succes"
        )

    @property
    def codes(self) -> list[str]:
        return [m.code for m in self.meldingen]

    @property
    def fouten(self) -> list[CodeMelding]:
        return [m for m in self.meldingen if m.ernst == "fout"]

    @property
    def stand(self) -> str:
        """The uitkomst, or the voortgang of an intermediate verslag."""
        return self.uitkomst or self.voortgang or ""


ONGELDIG_ID = "ongeldig-idLevering"


def geldig_id(id_levering: str) -> bool:
    """lvbbt:dtIdLevering: at most 80 characters of [0-9A-z][0-9A-z_-]+."""
    return len(id_levering) <= 80 and bool(ID_LEVERING.match(id_levering))


def resultaat_xml(v: Verslag) -> bytes:
    """The verslag as the LVBB sends it, valid against lvbb-transport.xsd whatever the delivery held: an idLevering
    that breaks dtIdLevering is not echoed (the verslag says ``ongeldig-idLevering``; a melding names the id)."""
    root = etree.Element(_q(f"{v.soort}VerzoekResultaat"), nsmap={None: LVBB, "stop": STOP_MELDING})  # type: ignore[dict-item]  # lxml-stubs: default ns
    _sub(root, "uitkomst", v.resultaat)
    verslag = etree.SubElement(root, _q("verslag"))
    _sub(verslag, "idLevering", v.id_levering if geldig_id(v.id_levering) else ONGELDIG_ID)
    _sub(verslag, "tijdstipVerslag", v.tijdstip.isoformat(timespec="milliseconds"))
    meldingen = etree.SubElement(verslag, _q("meldingen"))
    for m in v.meldingen or [GEEN_FOUTEN]:
        el = etree.SubElement(meldingen, _q("melding"))
        for tag, waarde in (("code", m.code), ("ernst", m.ernst), ("soort", m.soort), ("beschrijving", m.beschrijving)):
            etree.SubElement(el, f"{{{STOP_MELDING}}}{tag}").text = waarde
    if v.uitkomst:
        _sub(verslag, "uitkomst", v.uitkomst)
    else:
        _sub(verslag, "voortgang", v.voortgang or "")
    if v.tijdstip_publicatie is not None:
        _sub(verslag, "tijdstipPublicatie", v.tijdstip_publicatie.isoformat(timespec="milliseconds"))
    return to_bytes(root)


def lees_resultaat(data: bytes) -> Verslag:
    root = parse_xml(data, bron="LVBB-resultaat")
    naam = etree.QName(root)
    soort = naam.localname.removesuffix("VerzoekResultaat")
    verslag = root.find(_q("verslag"))
    if naam.namespace != LVBB or soort not in ALLE_SOORTEN or verslag is None:
        raise OngeldigeInvoer(
            f"LVBB-resultaat: {naam.localname} is geen validatie- of publicatieVerzoekResultaat met verslag",
            code="LVBB-RESULTAAT",
        )
    s = f"{{{STOP_MELDING}}}"
    meldingen = [
        CodeMelding(
            (m.findtext(s + "code") or "").strip(),
            (m.findtext(s + "ernst") or "fout").strip(),  # type: ignore[arg-type]  # the schema restricts it
            (m.findtext(s + "soort") or "technisch").strip(),  # type: ignore[arg-type]
            (m.findtext(s + "beschrijving") or "").strip(),
        )
        for m in verslag.iterfind(f"{_q('meldingen')}/{_q('melding')}")
    ]
    publicatie = _tekst(verslag, "tijdstipPublicatie")
    return Verslag(
        soort=soort,
        id_levering=_tekst(verslag, "idLevering"),
        tijdstip=datetime.fromisoformat(_tekst(verslag, "tijdstipVerslag")),
        meldingen=[m for m in meldingen if m.code != GEEN_FOUTEN.code],
        uitkomst=_tekst(verslag, "uitkomst") or None,
        voortgang=_tekst(verslag, "voortgang") or None,
        tijdstip_publicatie=datetime.fromisoformat(publicatie) if publicatie else None,
    )


# -- opdracht.zip ----------------------------------------------------------------------------------
class ZipFout(OngeldigeInvoer):
    """The zip is refused as LVBB refuses it: a code of the validatiematrix and its text."""

    def __init__(self, m: CodeMelding) -> None:
        super().__init__(f"{m.code}: {m.beschrijving}", code=m.code)
        self.melding = m


def lees_uit_zip(pad: Path, naam: str) -> bytes | None:
    """One file of a zip on disk (bounded like every file of a package); None when the zip does not have it."""
    try:
        with zipfile.ZipFile(pad) as z:
            info = next((i for i in z.infolist() if i.filename == naam), None)
            return _lees_begrensd(z, info) if info is not None else None
    except (zipfile.BadZipFile, OSError):
        raise ZipFout(melding("LVBB1001")) from None


def pak_in(bestanden: dict[str, bytes]) -> bytes:
    """A deterministic zip (fixed timestamps, in the given order)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for naam, inhoud in bestanden.items():
            z.writestr(zipfile.ZipInfo(naam, date_time=(2020, 1, 1, 0, 0, 0)), inhoud, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _te_groot_of_leeg(naam: str, groot: bool) -> CodeMelding:
    """LVBB1041 in its variant: a file beyond 100 MB, or an empty one (the matrix's %3 and %4)."""
    return melding("LVBB1041", naam, ZIPNAAM, "100 MB", "1 byte", variant="groter" if groot else "kleiner")


def _bom(detail: str) -> CodeMelding:
    return melding(
        "LVBB1041",
        "(alle samen)",
        ZIPNAAM,
        f"{MAX_UITGEPAKT // 2**20} MiB",
        variant="groter",
        detail=f"{detail}; ketentest neemt samen hoogstens {MAX_UITGEPAKT // 2**20} MiB uitgepakt aan, met een "
        f"verhouding van hoogstens {MAX_VERHOUDING}:1 per bestand",
    )


def _lees_begrensd(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with z.open(info) as fh:
        inhoud = fh.read(MAX_PER_BESTAND + 1)
    if len(inhoud) > MAX_PER_BESTAND or len(inhoud) < 1:
        raise ZipFout(_te_groot_of_leeg(info.filename, groot=len(inhoud) > 0))
    return inhoud


def pak_uit(data: bytes | Path) -> dict[str, bytes]:
    """The files of ``opdracht.zip`` (in memory, or a file on disk: a Groot Bericht), refused with LVBB's code
    when it is not a zip, too big, has too many files, duplicate or invalid names, or a file that unpacks beyond
    100 MB (checked while reading)."""
    grootte = data.stat().st_size if isinstance(data, Path) else len(data)
    if grootte > MAX_ZIP:
        raise ZipFout(melding("LVBB1040", ZIPNAAM, "1 GB"))
    try:
        z = zipfile.ZipFile(data if isinstance(data, Path) else io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ZipFout(melding("LVBB1001")) from None
    with z:
        infos = [i for i in z.infolist() if not i.is_dir()]
        if len(infos) > MAX_BESTANDEN:
            raise ZipFout(
                melding(
                    "LVBB1041", ZIPNAAM, variant="groter", detail=f"{len(infos)} bestanden, maximaal {MAX_BESTANDEN}"
                )
            )
        namen = [i.filename for i in infos]
        if len(set(namen)) != len(namen):
            raise ZipFout(melding("LVBB1042"))
        for naam in namen:
            if not BESTANDSNAAM.match(naam):
                raise ZipFout(melding("LVBB1004", naam))
        for i in infos:
            if i.file_size > MAX_PER_BESTAND:
                raise ZipFout(_te_groot_of_leeg(i.filename, groot=True))
            if i.file_size > 1024 * 1024 and i.file_size > MAX_VERHOUDING * max(i.compress_size, 1):
                raise ZipFout(_bom(f"{i.filename} pakt uit tot {i.file_size} bytes uit {i.compress_size}"))
        if sum(i.file_size for i in infos) > MAX_UITGEPAKT:
            raise ZipFout(_bom(f"uitgepakt samen {sum(i.file_size for i in infos)} bytes"))
        try:
            bestanden, totaal = {}, 0
            for i in infos:
                bestanden[i.filename] = _lees_begrensd(z, i)
                totaal += len(bestanden[i.filename])
                if totaal > MAX_UITGEPAKT:  # the sizes in the zip's directory can lie
                    raise ZipFout(_bom(f"uitgepakt al meer dan {MAX_UITGEPAKT} bytes"))
            return bestanden
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError):
            raise ZipFout(melding("LVBB1001")) from None
