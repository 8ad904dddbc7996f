"""The LVBB's rules on an afbreekopdracht (``breekPublicatieAfOpdracht``: end the publication of a besluit or
kennisgeving the LVBB has taken but not yet made known), against its register, each with the validatiematrix's
code and text. In the mock a levering is made known on its datum bekendmaking: before that day it can be ended.

- What is ended: a besluit or kennisgeving the LVBB published (LVBB1551; a regelingversie or regeling came with
  its besluit, which is what may be ended: 1562), not ended already (1554), of the same bevoegd gezag as the
  afbreekopdracht (1568); no manifest-ow in the opdracht.zip (1028).
- A besluit: its datum bekendmaking still to come (1553); no kennisgeving that tells about it (1560); none of its
  regelingversies the was-version of another besluit (1558) or already juridisch werkend (1563), nor any of its
  informatieobjectversies (1564); none of its regelingen withdrawn by another besluit (1566) or the hoofdregeling
  of a tijdelijk deel another besluit set (1567).
- A kennisgeving: not made known yet (4711), and the last one about its besluit (4715).

The answer is a ``breekPublicatieAfVerzoekResultaat``: uitkomst ``ok`` (the register forgets what the levering
set: :meth:`~mocks.lvbb.register.Register.breek_af`) or ``behandeling-mislukt`` with the meldingen.
"""

from __future__ import annotations

import datetime as dt

from chain_tests.standards import lvbb
from chain_tests.standards.meldingcodes import CodeMelding, melding
from mocks.lvbb.besluitregels import werk
from mocks.lvbb.register import Levering, Register


def akn_werk(identificatie: str) -> str:
    """The work an afbreekopdracht names: a work, or the work of an expression."""
    return werk(identificatie) if "@" in identificatie else identificatie.strip().rstrip("/")


def controleer(o: lvbb.Opdracht, r: Register, vandaag: dt.date) -> list[CodeMelding]:
    akn = akn_werk(o.identificatie)
    lev = r.leveringen.get(akn)
    if lev is None and akn in r.afgebroken:
        return [melding("LVBB1554", o.bevoegd_gezag, o.id_levering, akn)]
    if lev is None and (r.versie(o.identificatie.strip()) is not None or akn in r.regelingen):
        return [melding("LVBB1562", o.identificatie.strip())]  # a regelingversie: it came with its besluit
    if lev is None:
        return [melding("LVBB1551", akn)]
    fouten = []
    if o.bevoegd_gezag != lev.bevoegd_gezag:
        fouten.append(melding("LVBB1568", o.bevoegd_gezag, o.id_levering, lev.bevoegd_gezag, lev.id_levering))
    bekend = _bekendgemaakt(lev, vandaag)
    if lev.kennisgeving:
        return [*fouten, *_kennisgeving(lev, r, bekend)]
    return [*fouten, *_besluit(lev, r, vandaag, bekend)]


def _bekendgemaakt(lev: Levering, vandaag: dt.date) -> bool:
    try:
        return dt.date.fromisoformat(lev.datum_bekendmaking) <= vandaag
    except ValueError:  # the LVBB published it, so its date was read; a register filled otherwise: not known
        return False


def _kennisgeving(lev: Levering, r: Register, bekend: bool) -> list[CodeMelding]:
    fouten = [melding("LVBB4711", lev.aanleveraar, lev.id_levering)] if bekend else []
    latere = [k for k in r.leveringen.values() if k.kennisgeving and k.over == lev.over]
    if latere and latere[-1] != lev:
        fouten.append(melding("LVBB4715", lev.aanleveraar, lev.id_levering))
    return fouten


def _besluit(lev: Levering, r: Register, vandaag: dt.date, bekend: bool) -> list[CodeMelding]:
    fouten = [melding("LVBB1553", lev.datum_bekendmaking, lev.aanleveraar, lev.id_levering)] if bekend else []
    if any(k.kennisgeving and k.over == lev.expressie for k in r.leveringen.values()):
        fouten.append(melding("LVBB1560", lev.bevoegd_gezag, lev.id_levering))
    elders = sorted(v for v in lev.versies if r.was_in.get(v, lev.expressie) != lev.expressie)
    if elders:
        fouten.append(melding("LVBB1558", ", ".join(elders)))
    for v in lev.versies:
        versie = r.versie(v)
        if versie is not None and versie.jwv and versie.jwv <= vandaag.isoformat():
            fouten.append(melding("LVBB1563", v, versie.jwv))
    fouten += [melding("LVBB1564", io, datum) for io, datum in lev.io_jwv if datum <= vandaag.isoformat()]
    eigen = {werk(v) for v in lev.versies}
    fouten += [
        melding("LVBB1567", hoofd)
        for hoofd in sorted({h for td, h in r.tijdelijk_deel.items() if h in eigen and td not in eigen})
    ]
    fouten += [
        melding("LVBB1566", w)
        for w in sorted({werk(v) for v in lev.versies})
        if w in r.ingetrokken and w not in lev.intrekkingen
    ]
    return fouten
