"""OZON's rules on a delivery as a whole, each with the validatiematrix's code: a delivery for several regelingen
keeps each owBestand (OZON4007) and owObject (4008) in one of them; each GIO's geboorteregeling is a regeling of the
levering (0087); an ontwerpbesluit that withdraws a regeling OZON holds ends every object (4011, 4012)."""

from __future__ import annotations

from collections import defaultdict

from chain_tests.standards import owgraaf, stop
from chain_tests.standards.meldingcodes import CodeMelding, melding
from chain_tests.standards.owgraaf import Besluit, OwGraaf
from mocks.dso_lv.ozonregels import beeindigd


def meerdere_regelingen(aanleveringen: list[tuple[str, tuple[str, ...]]], graaf: OwGraaf) -> list[CodeMelding]:
    """A delivery for several regelingen (a manifest-ow with several Aanleveringen): each owBestand in one of them
    (OZON4007) and each owObject, in the files that are, in one (OZON4008)."""
    werken: dict[str, set[str]] = defaultdict(set)
    for werk, namen in aanleveringen:
        for naam in namen:
            werken[naam].add(werk)
    meldingen = [
        melding("OZON4007", detail=f"{n}: {', '.join(sorted(w))}") for n, w in sorted(werken.items()) if len(w) > 1
    ]
    per_object: dict[str, set[str]] = defaultdict(set)
    for ident, bestand in graaf.voorkomens:
        if len(werken.get(bestand, ())) == 1:
            per_object[ident] |= werken[bestand]
    meldingen += [
        melding("OZON4008", detail=f"{i}: {', '.join(sorted(w))}") for i, w in sorted(per_object.items()) if len(w) > 1
    ]
    return meldingen


def ontwerp_intrekking(graaf: OwGraaf, besluit: Besluit, gehouden: dict[str, set[str]]) -> list[CodeMelding]:
    """An ontwerpbesluit that withdraws a regeling OZON holds (``gehouden``: regeling → the ids of its objects)
    ends every object it delivers (OZON4011) and every object of that regeling OZON holds (OZON4012)."""
    ingetrokken = [w for w in besluit.intrekkingen if w in gehouden]
    if not besluit.ontwerp or not ingetrokken:
        return []
    einde = beeindigd(graaf)
    meldingen = [
        melding("OZON4011", detail=o.id) for o in graaf.objecten.values() if not o.genest and o.id not in einde
    ]
    meldingen += [melding("OZON4012", detail=f"{w}: {i}") for w in ingetrokken for i in sorted(gehouden[w] - einde)]
    return meldingen


def geboorteregelingen(bestanden: dict[str, bytes], besluit: owgraaf.Besluit | None) -> list[CodeMelding]:
    """OZON0087: each GIO's geboorteregeling is a regeling of the levering (its besluit's; a besluit without any is
    OZON1022)."""
    if besluit is None or not besluit.regelingen:
        return []
    gios = [
        g for n, d in sorted(bestanden.items()) if n.endswith(".xml") and stop.is_gio(d) and (g := stop.lees_gio(d, n))
    ]
    return [
        melding("OZON0087", detail=f"{g.expressie}: {g.geboorteregeling}")
        for g in gios
        if g.geboorteregeling and g.geboorteregeling not in besluit.regelingen
    ]
