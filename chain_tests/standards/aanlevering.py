"""A plan fragment as a beheerder describes it, and the LVBB aanlevering built from it (what plansoftware does).

:class:`Planfragment` is the ``plan:`` block of a casus file: the besluit (title, datum bekendmaking), a
werkingsgebied (a polygon in RD), and activities with their rule's activiteitregelkwalificatie.
:func:`bouw_pakket` turns it into the files of ``opdracht.zip``: ``opdracht.xml``, ``manifest.xml``, the
besluit, the GIO (XML + GML with its SHA-512 hash), the OW files and ``manifest-ow.xml``, modelled on the
real package ``lvbb-testeiland/1_Initieel_Besluit``. ``afwijkingen`` break the package on purpose, so a
beheerder can write a negative case (a melding code the LVBB must give) without Python.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from chain_tests.standards import geometrie, lvbb, ow, stop
from chain_tests.standards.imow import ActiviteitId, ow_id
from chain_tests.standards.tekst import XmlTekst

Afwijking = Literal[
    "gio-hash-fout",  # the GIO states another hash than the GML's (LVBB3008)
    "gio-ontbreekt",  # the besluit refers to a GIO that is not in the zip (LVBB3504)
    "gml-in-manifest-ow",  # manifest-ow lists the .gml (LVBB1026)
    "zonder-regelingsgebied",  # no Regelingsgebied (OZON0103)
    "onbekende-locatie",  # the regelingsgebied refers to a locatie that is not delivered (OZON0124)
]
Kwalificatie = Literal["Vergunningplicht", "Meldingsplicht", "Informatieplicht", "Toegestaan", "Verbod"]
_RELATIEF = re.compile(r"^\+\s*(\d+)\s+(dag|dagen|werkdag|werkdagen)$")
_DAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def datum_uit(tekst: str, vandaag: dt.date) -> dt.date:
    """A datum bekendmaking as a beheerder writes it: ``JJJJ-MM-DD``, ``vandaag``, ``morgen``, ``gisteren``,
    ``+N dagen``, ``+N werkdagen`` or a weekday (the next one after today, e.g. ``zaterdag``)."""
    t = " ".join(tekst.strip().lower().split())
    vast = {"vandaag": 0, "morgen": 1, "gisteren": -1}
    if t in vast:
        return vandaag + dt.timedelta(days=vast[t])
    if t in _DAGEN:
        return vandaag + dt.timedelta(days=(_DAGEN.index(t) - vandaag.weekday() - 1) % 7 + 1)
    m = _RELATIEF.match(t)
    if m:
        n = int(m.group(1))
        return (
            geometrie.werkdagen_later(vandaag, n) if m.group(2).startswith("werk") else vandaag + dt.timedelta(days=n)
        )
    try:
        return dt.date.fromisoformat(t)
    except ValueError:
        raise ValueError(
            f"{tekst!r} is geen datum; schrijf JJJJ-MM-DD, vandaag, morgen, gisteren, '+2 werkdagen', '+3 dagen' "
            "of een weekdag (zaterdag)"
        ) from None


def relatieve_datum(tekst: str) -> str:
    """Validate the form of a relative date (the keten resolves it against its own clock)."""
    datum_uit(tekst, dt.date(2026, 1, 5))
    return tekst


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlanBesluit(_Strikt):
    titel: XmlTekst
    datum_bekendmaking: Annotated[str, AfterValidator(relatieve_datum)] = Field(
        "+2 werkdagen", description="JJJJ-MM-DD, vandaag, gisteren, '+2 werkdagen', zaterdag, …"
    )


class Werkingsgebied(_Strikt):
    id: Annotated[str, AfterValidator(lambda v: ow_id(v, "gebied"))]
    naam: XmlTekst
    polygoon: list[tuple[float, float]] = Field(min_length=3, description="hoekpunten in RD (EPSG:28992), x en y")


class Planregel(_Strikt):
    kwalificatie: Kwalificatie = "Vergunningplicht"
    tekst: XmlTekst = "Het is verboden zonder omgevingsvergunning deze activiteit te verrichten."


class PlanActiviteit(_Strikt):
    id: ActiviteitId
    naam: XmlTekst
    groep: str = Field("MilieubelastendeActiviteit", pattern=r"^[A-Za-z]+$")
    bovenliggend: ActiviteitId | None = Field(None, description="standaard de tophaak van de gemeente")
    regel: Planregel = Field(default_factory=Planregel)


class Planfragment(_Strikt):
    besluit: PlanBesluit
    werkingsgebied: Werkingsgebied
    activiteiten: list[PlanActiviteit] = Field(min_length=1)
    hergebruik_id_levering: bool = Field(False, description="publiceer met het idLevering van de validatie (LVBB1012)")
    afwijkingen: list[Afwijking] = Field(default_factory=list, description="maak het pakket bewust fout")

    @property
    def code(self) -> str:
        """The bevoegd gezag code in the ids (``gm1719``)."""
        return self.werkingsgebied.id.split(".")[1].removeprefix("imow-")


@dataclass
class Pakket:
    """The files of ``opdracht.zip``, in manifest order, with the opdracht they were built for."""

    opdracht: lvbb.Opdracht
    bestanden: dict[str, bytes]
    regeling: str  # WorkIDRegeling
    gio: str  # GIO expression id

    def zip(self) -> bytes:
        return lvbb.pak_in(self.bestanden)

    def lijst(self) -> list[dict[str, object]]:
        """The zip's file list, for the report."""
        return [{"bestand": n, "bytes": len(d), "contentType": lvbb.content_type(n)} for n, d in self.bestanden.items()]


def _lokaal(ident: str) -> str:
    return ident.rsplit(".", 1)[-1][:28]


def tophaak(code: str) -> str:
    return f"nl.imow-{code}.activiteit.ActInOmgevingsplanGem"


def _ow_objecten(plan: Planfragment, gemeente: str, basisgeo: str) -> tuple[ow.OwLevering, list[ow.Regeltekst]]:
    code, gebied = plan.code, plan.werkingsgebied.id
    lev = ow.OwLevering()
    lev.gebieden[gebied] = ow.Gebied(gebied, plan.werkingsgebied.naam, basisgeo)
    top = ow.Activiteit(
        tophaak(code), f"Activiteit gereguleerd in het omgevingsplan {gemeente}", "Overig", ow.ACT_IN_OMGEVINGSPLAN
    )
    acts = [top] + [ow.Activiteit(a.id, a.naam, a.groep, a.bovenliggend or top.id) for a in plan.activiteiten]
    kwal = {top.id: "AndersGeduid"} | {a.id: a.regel.kwalificatie for a in plan.activiteiten}
    teksten = []
    for n, a in enumerate(acts, start=1):
        lokaal = _lokaal(a.id)
        tekst = ow.Regeltekst(f"nl.imow-{code}.regeltekst.{lokaal}", f"{code}_1__art_1__para_{n}")
        aand = ow.ActiviteitAanduiding(
            f"nl.imow-{code}.activiteitlocatieaanduiding.{lokaal}", a.id, kwal[a.id], (gebied,)
        )
        lev.activiteiten[a.id] = a
        lev.regels[f"nl.imow-{code}.juridischeregel.{lokaal}"] = ow.JuridischeRegel(
            f"nl.imow-{code}.juridischeregel.{lokaal}", tekst.id, (gebied,), (aand,)
        )
        teksten.append(tekst)
    if "zonder-regelingsgebied" not in plan.afwijkingen:
        rg = f"nl.imow-{code}.regelingsgebied.{_lokaal(gebied)}"
        onbekend = f"nl.imow-{code}.gebied.Onbekend" if "onbekende-locatie" in plan.afwijkingen else gebied
        lev.regelingsgebieden[rg] = ow.Regelingsgebied(rg, onbekend)
    return lev, teksten


def bouw_pakket(
    plan: Planfragment,
    *,
    soort: lvbb.Soort,
    id_levering: str,
    bevoegd_gezag: str,
    gemeente: str,
    aanleveraar: str,
    datum_bekendmaking: dt.date,
) -> Pakket:
    """Every file of the aanlevering, consistent with each other (ids, hashes, references)."""
    code, jaar, datum = plan.code, datum_bekendmaking.year, datum_bekendmaking.isoformat()
    slug = _lokaal(plan.werkingsgebied.id)
    regeling = f"/akn/nl/act/{code}/{jaar}/Omgevingsplan{slug}"
    gio_work = f"/join/id/regdata/{code}/{jaar}/{slug}"
    gio = f"{gio_work}/nld@{datum};1"
    basisgeo = str(uuid.uuid5(uuid.NAMESPACE_URL, plan.werkingsgebied.id))  # basisgeo:id is a UUID, as in the sample
    gml = stop.gml_xml(
        gio_work, gio, [stop.GmlLocatie(plan.werkingsgebied.naam, basisgeo, tuple(plan.werkingsgebied.polygoon))]
    )
    hash_ = stop.sha512(b"gewijzigd" + gml) if "gio-hash-fout" in plan.afwijkingen else stop.sha512(gml)
    lev, teksten = _ow_objecten(plan, gemeente, basisgeo)
    besluit = stop.Besluit(
        bevoegd_gezag=code,
        work=f"/akn/nl/bill/{code}/{jaar}/{slug}",
        expressie=f"/akn/nl/bill/{code}/{jaar}/{slug}/nld@{datum}",
        regeling_work=regeling,
        regeling_expressie=f"{regeling}/nld@{datum}",
        titel=plan.besluit.titel,
        doel=f"/join/id/proces/{code}/{jaar}/{slug}",
        bekend_op=datum,
        informatieobjecten=(gio,),
        leden=tuple(
            stop.Lid(t.wid, r.activiteiten[0].kwalificatie) for t, r in zip(teksten, lev.regels.values(), strict=True)
        ),
    )
    levering = id_levering
    ow_bestanden: dict[str, bytes] = {
        "owLocaties.xml": ow.locaties_xml(list(lev.gebieden.values()), levering),
        "owActiviteiten.xml": ow.activiteiten_xml(list(lev.activiteiten.values()), levering),
        "owRegelteksten.xml": ow.regelteksten_xml(teksten, list(lev.regels.values()), levering),
    }
    if lev.regelingsgebieden:
        ow_bestanden["owRegelingsgebied.xml"] = ow.regelingsgebied_xml(
            next(iter(lev.regelingsgebieden.values())), levering
        )
    manifest_ow = {n: tuple(t for t in _objecttypen(n)) for n in ow_bestanden}
    if "gml-in-manifest-ow" in plan.afwijkingen:
        manifest_ow[f"{slug}.gml"] = ("Gebied",)
    opdracht = lvbb.Opdracht(soort, id_levering, bevoegd_gezag, aanleveraar, "besluit.xml", datum)
    bestanden: dict[str, bytes] = {
        "opdracht.xml": lvbb.opdracht_xml(opdracht),
        "besluit.xml": stop.besluit_xml(besluit),
        "manifest-ow.xml": ow.manifest_ow_xml(ow.ManifestOw(regeling, besluit.doel, manifest_ow)),
        **ow_bestanden,
    }
    if "gio-ontbreekt" not in plan.afwijkingen:
        geboorte = stop.Gio(gio_work, gio, f"{slug}.gml", hash_, regeling, plan.werkingsgebied.naam)
        bestanden[f"{slug}.xml"] = stop.gio_xml(geboorte, code)
        bestanden[f"{slug}.gml"] = gml
    namen = ["manifest.xml", *bestanden]
    return Pakket(opdracht, {"manifest.xml": lvbb.manifest_xml(namen), **bestanden}, regeling, gio)


def _objecttypen(naam: str) -> tuple[str, ...]:
    return {
        "owLocaties.xml": ("Gebied",),
        "owActiviteiten.xml": ("Activiteit",),
        "owRegelteksten.xml": ("Regeltekst", "RegelVoorIedereen"),
        "owRegelingsgebied.xml": ("Regelingsgebied",),
    }[naam]
