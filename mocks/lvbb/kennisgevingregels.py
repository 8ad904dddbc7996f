"""The LVBB's rules on a kennisgeving (an ``AanleveringKennisgeving`` as the opdracht's publicatie), each with the
validatiematrix's code and text, against what the LVBB has published (:class:`~mocks.lvbb.register.Register`):

- The levering: no manifest-ow (LVBB1028); a datum bekendmaking not before today (4712; a besluit's must lie
  after today, LVBB1501).
- Its identification: an AKN of a ``doc`` (4707), not published before (4701); a mededelingOver of a ``bill``
  (4708) the LVBB has published (4702), not before whose datum bekendmaking the inzagetermijn begins (4704) and
  whose bekendOp the kennisgeving is not made known before (4759).
- Its kind: no KennisgevingUitspraakRechter (4738); a KennisgevingVoorgenomenBesluit without mededelingOver
  (4740) and without procedureverloopmutatie (4763); a KennisgevingBesluitTermijnen with steps added, replaced
  or removed (4762).
- Its steps: no Publicatie step, in a kennisgeving or a besluit (4754); the inzagetermijn not beginning before
  the datum bekendmaking (4703) and not ending before it begins (4758); for an ontwerpbesluit only the
  inzagetermijn's steps (4760), for a definitive one only the bezwaar- and beroepstermijn's (4761).
- Its besluit still in behandeling (validated, not yet published: ``wachtend``) has no publicatie yet (4705).
- The consolidation with the besluit's procedure as the LVBB keeps it (the besluit's steps and each earlier
  kennisgeving's): a step removed must be there with its voltooidOp, a step replaced there by its soort (4751);
  no soort twice after the change (4755); the combination (bekendOp, ontvangen op) later than the last
  consolidation's: the same combination only for the besluit's first kennisgeving (4750), otherwise a bekendOp
  before the last one's is 4756 and, with the same or a later bekendOp, an ontvangen op before the last one's
  4757. (The matrix says "niet na" for 4756 and 4757 and allows the same combination once by 4750; read
  together, an equal date alone is no defect.)
"""

from __future__ import annotations

from chain_tests.standards import kennisgeving as kg
from chain_tests.standards import lvbb
from chain_tests.standards.kennisgeving import Kennisgeving
from chain_tests.standards.meldingcodes import CodeMelding, melding
from mocks.lvbb.register import Register

UITSPRAAK_RECHTER = "KennisgevingUitspraakRechter"
VOORGENOMEN = "KennisgevingVoorgenomenBesluit"
TERMIJNEN = "KennisgevingBesluitTermijnen"
ONTWERP_STAPPEN = frozenset({kg.BEGIN_INZAGE, kg.EINDE_INZAGE})
DEFINITIEF_STAPPEN = frozenset({kg.EINDE_BEZWAAR, kg.EINDE_BEROEP})


def _derde(akn: str) -> str:
    """The third field of an AKN identification: /akn/nl/doc/… → doc."""
    delen = akn.strip("/").split("/")
    return delen[2] if len(delen) > 2 else ""


def controleer(k: Kennisgeving, o: lvbb.Opdracht, r: Register, vandaag: str, wachtend: Register) -> list[CodeMelding]:
    """``vandaag``: the day the LVBB processes it (ISO); ``wachtend``: the publicaties validated, not yet published."""
    return [
        *_identificatie(k, r),
        *_soort(k),
        *publicatiestap(k.stappen),
        *_inzage(k, o),
        *_besluit(k, o, r, wachtend),
        *_consolidatie(k, r, vandaag),
    ]


def _identificatie(k: Kennisgeving, r: Register) -> list[CodeMelding]:
    fouten = []
    if _derde(k.work) != "doc":
        fouten.append(melding("LVBB4707", _derde(k.work), k.work, "doc"))
    elif k.work in r.kennisgevingen:
        fouten.append(melding("LVBB4701", k.work))
    if k.mededeling_over and _derde(k.mededeling_over) != "bill":
        fouten.append(melding("LVBB4708", _derde(k.mededeling_over), k.mededeling_over, "bill"))
    return fouten


def _soort(k: Kennisgeving) -> list[CodeMelding]:
    fouten = [melding("LVBB4738")] if k.soort == UITSPRAAK_RECHTER else []
    if k.soort == VOORGENOMEN:
        fouten += [melding(c) for c, fout in (("LVBB4740", k.mededeling_over), ("LVBB4763", k.met_mutatie)) if fout]
    if k.soort == TERMIJNEN and not k.mutaties:
        fouten.append(melding("LVBB4762"))
    return fouten


def publicatiestap(stappen: tuple[tuple[str, str], ...]) -> list[CodeMelding]:
    """LVBB4754: the Publicatie step is the LVBB's own (the real publication date), in a besluit too."""
    return [melding("LVBB4754", kg.PUBLICATIE)] if any(s == kg.PUBLICATIE for s, _ in stappen) else []


def _datum(stappen: tuple[tuple[str, str], ...], soort: str) -> str:
    return next((d for s, d in stappen if s == soort), "")


def _inzage(k: Kennisgeving, o: lvbb.Opdracht) -> list[CodeMelding]:
    begin, einde = _datum(k.stappen, kg.BEGIN_INZAGE), _datum(k.stappen, kg.EINDE_INZAGE)
    fouten = []
    if begin and o.datum_bekendmaking and begin < o.datum_bekendmaking:
        fouten.append(melding("LVBB4703", begin, o.datum_bekendmaking))
    if begin and einde and einde < begin:
        fouten.append(melding("LVBB4758", einde, begin))
    return fouten


def _besluit(k: Kennisgeving, o: lvbb.Opdracht, r: Register, wachtend: Register) -> list[CodeMelding]:
    if not k.mededeling_over or _derde(k.mededeling_over) != "bill":
        return []
    besluit = r.procedures.get(k.mededeling_over)
    if besluit is None:
        return [melding("LVBB4705" if k.mededeling_over in wachtend.procedures else "LVBB4702", k.mededeling_over)]
    fouten = []
    begin = _datum(k.stappen, kg.BEGIN_INZAGE)
    if begin and besluit.datum_bekendmaking and begin < besluit.datum_bekendmaking:
        fouten.append(melding("LVBB4704", begin, besluit.datum_bekendmaking))
    if besluit.bekend_op and o.datum_bekendmaking and o.datum_bekendmaking < besluit.bekend_op:
        fouten.append(melding("LVBB4759", o.datum_bekendmaking, besluit.bekend_op))
    code, toegestaan = ("LVBB4760", ONTWERP_STAPPEN) if besluit.ontwerp else ("LVBB4761", DEFINITIEF_STAPPEN)
    fouten += [melding(code, s) for s, _ in k.stappen if s not in toegestaan and s != kg.PUBLICATIE]
    return fouten


def _consolidatie(k: Kennisgeving, r: Register, vandaag: str) -> list[CodeMelding]:
    p = r.procedures.get(k.mededeling_over)
    if p is None:
        return []
    soorten = {soort for soort, _ in p.stappen}
    fouten = [melding("LVBB4751", *s) for s in k.verwijder if s not in p.stappen]
    fouten += [melding("LVBB4751", *s, variant="vervangen") for s in k.vervang if s[0] not in soorten]
    na = [soort for soort, _ in kg.na_mutatie(p.stappen, k)]
    dubbel = sorted({s for s in na if na.count(s) > 1})
    if dubbel:
        fouten.append(melding("LVBB4755", ", ".join(dubbel)))
    return [*fouten, *_later(k.bekend_op, vandaag, p.consolidaties)]


def _later(bekend_op: str, vandaag: str, consolidaties: tuple[tuple[str, str], ...]) -> list[CodeMelding]:
    """The combination (bekendOp, ontvangen op) after the last consolidation's (an unknown date is not compared)."""
    if not consolidaties or not bekend_op:
        return []
    eerder_bekend, eerder_ontvangen = consolidaties[-1]
    if (bekend_op, vandaag) == consolidaties[-1] and len(consolidaties) > 1:
        return [melding("LVBB4750", bekend_op, vandaag)]
    if eerder_bekend and bekend_op < eerder_bekend:
        return [melding("LVBB4756", bekend_op, eerder_bekend)]
    if eerder_ontvangen and vandaag and vandaag < eerder_ontvangen:
        return [melding("LVBB4757", vandaag, eerder_ontvangen)]
    return []
