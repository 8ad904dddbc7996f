"""What OZON holds per regeling from the deliveries before (:class:`Publicatie`), and OZON's rules on a new delivery
against it, each with the validatiematrix's code:

- a geometry's id with another shape than OZON holds (OZON0132);
- a Divisie, Divisietekst or Tekstdeel another regeling holds (0219), a Divisie(tekst) of this regeling on another
  wId (0211);
- an object ended that an object OZON holds still refers to (0351);
- an object of a regeling the besluit does not change (0352), a reference to another bevoegd gezag's object (0353);
- an ontwerpregeling without Regelingsgebied for a regeling OZON does not hold (1041);
- a tijdelijk regelingdeel of a regeling OZON holds (1032), not itself a tijdelijk deel (1036), without Pons (1037);
  no withdrawal of a regeling a tijdelijk deel OZON holds belongs to (1033).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chain_tests.standards import ow, owgraaf
from chain_tests.standards.meldingcodes import CodeMelding, melding
from mocks.dso_lv.ozonregels import beeindigd

Ring = list[tuple[float, float]]
TEKSTDELEN = frozenset({"Divisie", "Divisietekst", "Tekstdeel"})


@dataclass
class Publicatie:
    regeling: str
    bevoegd_gezag: str  # OIN
    tijdstip: str
    ow: ow.OwLevering
    geometrieen: dict[str, list[Ring]]  # basisgeo:id → exterior rings
    zichtbaar_vanaf: dt.datetime
    gesynchroniseerd: bool = False
    geweigerd: str = ""  # the RTR's refusal of its functionele structuur (not sent again)
    objecten: dict[str, tuple[str, str]] = field(default_factory=dict)  # every owObject: id → (type, wId or '')
    verwijzingen: frozenset[tuple[str, str]] = frozenset()  # (from, to) of every reference its objects hold
    eindverantwoordelijke: str = ""  # the regeling's bevoegd gezag (its RegelingMetadata), when the besluit came


Publicaties = dict[str, Publicatie]  # regeling → what OZON holds of it


def eindverantwoordelijke(bestanden: dict[str, bytes]) -> str:
    besluit = owgraaf.lees_besluit(bestanden)
    return besluit.eindverantwoordelijke if besluit else ""


def objecten(graaf: owgraaf.OwGraaf) -> dict[str, tuple[str, str]]:
    return {o.id: (o.soort, o.wid or "") for o in graaf.objecten.values() if not o.genest}


def verwijzingen_na(eerder: frozenset[tuple[str, str]], graaf: owgraaf.OwGraaf) -> frozenset[tuple[str, str]]:
    """The references a regeling's objects hold after a delivery: an object delivered anew holds only its new ones."""
    nieuw = set(graaf.objecten)
    return frozenset(
        {(van, naar) for van, naar in eerder if van not in nieuw} | {(v.van, v.naar) for v in graaf.verwijzingen}
    )


def andere_geometrie(geos: dict[str, list[Ring]], publicaties: Publicaties) -> list[CodeMelding]:
    """OZON0132: a geometry delivered with the id of one OZON holds, but another shape."""
    bekend = {g: r for pub in publicaties.values() for g, r in pub.geometrieen.items()}
    return [
        melding("OZON0132", detail=f"geometrie {g}")
        for g, ringen in sorted(geos.items())
        if g in bekend and bekend[g] != ringen
    ]


def tekstdelen(graaf: owgraaf.OwGraaf, regeling: str, publicaties: Publicaties) -> list[CodeMelding]:
    """OZON0219: a Divisie, Divisietekst or Tekstdeel another regeling holds; OZON0211: a Divisie(tekst) of this
    regeling delivered again on another wId."""
    anders = {
        i for w, pub in publicaties.items() if w != regeling for i, (soort, _) in pub.objecten.items()
        if soort in TEKSTDELEN
    }  # fmt: skip
    eigen = publicaties[regeling].objecten if regeling in publicaties else {}
    meldingen = []
    for o in (o for o in graaf.objecten.values() if o.soort in TEKSTDELEN and not o.genest):
        if o.id in anders:
            meldingen.append(melding("OZON0219", detail=f"al in OZON: {o.id}"))
        elif o.id in eigen and o.soort != "Tekstdeel" and eigen[o.id][1] != (o.wid or ""):
            meldingen.append(melding("OZON0211", detail=f"{o.id}: was {eigen[o.id][1]}, nu {o.wid or '(geen)'}"))
    return meldingen


def verwezen(graaf: owgraaf.OwGraaf, publicaties: Publicaties) -> list[CodeMelding]:
    """OZON0351: an object the delivery ends that an object OZON holds (not delivered anew) still refers to."""
    einde = beeindigd(graaf)
    return [
        melding("OZON0351", detail=f"{van} → {naar}")
        for van, naar in sorted({r for pub in publicaties.values() for r in pub.verwijzingen})
        if naar in einde and van not in graaf.objecten
    ]


def andere_regelingen(
    graaf: owgraaf.OwGraaf, besluit: owgraaf.Besluit | None, publicaties: Publicaties
) -> list[CodeMelding]:
    """OZON0352: an object OZON holds for a regeling the besluit does not change is not delivered anew;
    OZON0353: no reference to an object of another bevoegd gezag's regeling (an activity's to an activity is
    the functionele structuur's own: OZON0206–0208, RTRG0016)."""
    if besluit is None:
        return []
    houder = {i: pub for pub in publicaties.values() for i in pub.objecten}
    meldingen = [
        melding("OZON0352", detail=f"{o.id} hoort bij {houder[o.id].regeling}")
        for o in graaf.objecten.values()
        if not o.genest and o.id in houder and houder[o.id].regeling not in besluit.regelingen
    ]
    for v in dict.fromkeys(graaf.verwijzingen):
        doel = houder.get(v.naar)
        if doel is None or not besluit.eindverantwoordelijke or not doel.eindverantwoordelijke:
            continue
        activiteiten = v.soort == "Activiteit" and doel.objecten[v.naar][0] == "Activiteit"
        if doel.eindverantwoordelijke != besluit.eindverantwoordelijke and not activiteiten:
            meldingen.append(melding("OZON0353", detail=f"{v.van} → {v.naar} ({doel.eindverantwoordelijke})"))
    return meldingen


def ontwerp_zonder_gebied(
    lev: ow.OwLevering, besluit: owgraaf.Besluit | None, regeling: str, publicaties: Publicaties
) -> list[CodeMelding]:
    """OZON1041: an ontwerpregeling brings its Regelingsgebied, or OZON holds the regeling it is a design of."""
    if besluit is None or not besluit.ontwerp or lev.regelingsgebieden or regeling in publicaties:
        return []
    return [melding("OZON1041", detail=regeling)]


def tijdelijke_delen(
    graaf: owgraaf.OwGraaf, besluit: owgraaf.Besluit | None, tijdelijk: dict[str, str], bekend: set[str]
) -> list[CodeMelding]:
    """OZON's rules on tijdelijke regelingdelen: ``tijdelijk`` the ones it holds (work → hoofdregeling), ``bekend``
    the regelingen it holds."""
    if besluit is None:
        return []
    meldingen = []
    for deel, hoofd in besluit.tijdelijk:
        if hoofd not in bekend and hoofd not in besluit.regelingen:
            meldingen.append(melding("OZON1032", detail=f"{deel}: {hoofd or '(geen)'}"))
        if hoofd in tijdelijk:
            meldingen.append(melding("OZON1036", detail=f"{deel}: {hoofd} is zelf een tijdelijk deel"))
    if besluit.tijdelijk:
        meldingen += [melding("OZON1037", detail=p.id) for p in graaf.van_soort("Pons")]
    meldingen += [
        melding("OZON1033", detail=f"{w}: {deel}")
        for w in besluit.intrekkingen
        for deel, hoofd in sorted(tijdelijk.items())
        if hoofd == w and deel not in besluit.intrekkingen
    ]
    return meldingen
