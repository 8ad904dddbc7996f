"""Stap 9, the Digikoppeling hop held to the standard: the conformance cases
(:mod:`chain_tests.standards.ebms_gevallen`) sent to a VTH system's ebMS endpoint as DSO-LV sends them, each answer
checked.

The harness sends each case with DSO-LV's certificate (as the CPA partner) and reads the answer: synchronously in
the HTTP response (an ErrorList, a Pong, a StatusResponse, a SOAP Fault) and asynchronously as the signals DSO-LV
received about the case's MessageId (an Acknowledgment or an ErrorList, through DSO-LV's mock: against a real
DSO-LV the suite cannot see them, and says so). A wrong answer is a finding against the VTH naming the case.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from chain_tests.clients.vth import InspectieClient
from chain_tests.config import Organisatie
from chain_tests.errors import KetenBevinding
from chain_tests.keten.basis import KetenBasis
from chain_tests.reporting.stappen import voeg_bij
from chain_tests.standards import api, cpa, inspectie
from chain_tests.standards.ebms import EB, ontleed
from chain_tests.standards.ebms_gevallen import Geval, Verzending, maak
from chain_tests.standards.sleutels import sleutelbos

ACTIE = cpa.VERZOEKNOTIFICATIE[2][0]


@dataclass
class Antwoord:
    """What came back for a case: the HTTP status, the ebMS signal or MSH answer in it, and the signals that
    reached DSO-LV about the case's message."""

    status: int
    soort: str  # "leeg", "ErrorList", "Pong", "StatusResponse", "Acknowledgment", "SOAP Fault", "onleesbaar"
    codes: list[str]
    ernst: list[str]
    locatie: str | None
    status_antwoord: str | None
    signalen: list[inspectie.Signaal]
    tekst: bytes

    def beschrijf(self) -> str:
        delen = [f"HTTP {self.status}", self.soort]
        if self.codes:
            delen.append(", ".join(self.codes) + (f" ({self.locatie})" if self.locatie else ""))
        if self.status_antwoord:
            delen.append(f"messageStatus {self.status_antwoord}")
        delen += [f"bij DSO-LV: {s.soort} {','.join(s.codes)}".strip() for s in self.signalen]
        return "; ".join(delen)


def _lees(r: httpx.Response) -> tuple[str, list[str], list[str], str | None, str | None]:
    if not r.content:
        return "leeg", [], [], None, None
    if b"faultcode" in r.content:
        return "SOAP Fault", [], [], None, None
    try:
        b = ontleed(r.headers.get("Content-Type", ""), r.content)
    except Exception:  # whatever the VTH answered, it is described, not a crash of the harness
        return "onleesbaar", [], [], None, None
    ernst = [
        e.get(f"{{{EB}}}severity") or "" for e in (b.envelop.iter(f"{{{EB}}}Error") if b.envelop is not None else [])
    ]
    soort = "ErrorList" if b.fouten else b.action
    status = b.status_antwoord[0] if b.status_antwoord else None
    return soort, [c for c, _ in b.fouten], ernst, b.fout_locatie, status


class DigikoppelingStappen(KetenBasis):
    def digikoppeling_doelen(self) -> list[Organisatie]:
        """The VTH systems the conformance suite is for: those that are no ketentest mock (a supplier's own), or
        else the first organisation's reference VTH (the model a supplier copies)."""
        echt = [o for o in self.config.organisaties if not self.omgeving.is_mock(o)]
        return echt or self.config.organisaties[:1]

    def overeenkomst_met(self, organisatie: Organisatie) -> cpa.Overeenkomst:
        """DSO-LV's agreement for verzoeknotificaties with ``organisatie``."""
        return cpa.overeenkomsten(self.config)[
            cpa.cpa_id(cpa.VERZOEKNOTIFICATIE[0], self.config.dso_lv.oin, organisatie.oin)
        ]

    def ebms_geval(self, organisatie: Organisatie, geval: Geval) -> Antwoord | None:
        """Send ``geval`` to the VTH system of ``organisatie`` and check its answer; None when it cannot be checked
        here (DSO-LV is no ketentest mock: its signals cannot be read)."""
        partij = f"VTH-systeem {organisatie.naam} (Digikoppeling)"
        with self.stap(9, f"Digikoppeling-conformiteit: {geval.titel}", partij=partij):
            inspectie_ = self.omgeving.inspectie()
            if inspectie_ is None:
                self.niet_controleerbaar(
                    f"Digikoppeling-conformiteit ({geval.titel})",
                    "DSO-LV is hier geen ketentest-mock: de Acknowledgments van uw systeem zijn niet te zien",
                )
                return None
            overeenkomst = self.overeenkomst_met(organisatie)
            if not geval.van_toepassing(overeenkomst):
                self.niet_controleerbaar(
                    f"Digikoppeling-conformiteit ({geval.titel})",
                    f"de CPA {overeenkomst.cpa_id} is {overeenkomst.profiel}: dit geval hoort bij een kanaal met "
                    "wat deze afspraak niet heeft (ondertekening of versleuteling)",
                    omdat="dit Digikoppeling-profiel",
                )
                return None
            zending = maak(
                geval, overeenkomst, self.config.dso_lv.oin, ACTIE, self.omgeving.nu(), sleutelbos(self.config)
            )
            antwoord = self._stuur(organisatie, zending, inspectie_)
            voeg_bij("Antwoord", antwoord.tekst.decode("utf-8", "replace") or "(leeg)")
            self._beoordeel(organisatie, geval, zending, antwoord, partij)
            return antwoord

    def _stuur(self, organisatie: Organisatie, zending: Verzending, inspectie_: InspectieClient) -> Antwoord:
        dso = self.config.dso_lv
        with self.omgeving.client(dso.naam, dso.oin, organisatie.base_url) as c:
            for i, (headers, body) in enumerate(zending.berichten):
                voeg_bij(f"Bericht {i + 1}", body.decode("utf-8", "replace"))
                r = c.post(api.EBMS, content=body, headers=headers)
        soort, codes, ernst, locatie, status = _lees(r)
        signalen = self._signalen(zending, soort, inspectie_)
        return Antwoord(r.status_code, soort, codes, ernst, locatie, status, signalen, r.content)

    def _signalen(self, zending: Verzending, soort: str, inspectie_: InspectieClient) -> list[inspectie.Signaal]:
        """The signals DSO-LV received about the case's message (waited for while none came and the answer was
        not already a refusal or an MSH answer)."""
        ref = zending.eerste_id or zending.message_id

        def lees() -> list[inspectie.Signaal]:
            return inspectie_.signalen(ref)

        if soort in ("ErrorList", "SOAP Fault", "Pong", "StatusResponse") and zending.eerste_id is None:
            self.omgeving.pomp()  # a VTH that acks a refused message anyway: let it send what it queued
            return lees()
        nodig = 2 if len(zending.berichten) == 2 and zending.eerste_id == zending.message_id else 1
        wacht = self.config.tijden.ebms_retry_interval
        return (
            self._wacht(lambda: g if len(g := lees()) >= nodig else None, wat=f"signaal over {ref}", deadline=wacht)
            or lees()
        )

    def _beoordeel(self, o: Organisatie, geval: Geval, z: Verzending, a: Antwoord, partij: str) -> None:
        v = geval.verwacht
        acks = [s for s in a.signalen if s.soort == "Acknowledgment"]
        fouten = [c for s in a.signalen if s.soort == "MessageError" for c in s.codes]
        if v.uitkomst == "weigering":
            goed = not acks and (a.soort == "SOAP Fault" or a.status >= 500 or a.codes or fouten)
            codes = a.codes or fouten
            goed = bool(goed) and (not v.codes or a.soort == "SOAP Fault" or any(c in v.codes for c in codes))
            goed = goed and all(e == "Error" for e in a.ernst)
            if geval.id == "xxe":
                goed = goed and b"root:" not in a.tekst
        elif v.uitkomst == "ack":
            goed = len(acks) >= 1 and not a.codes and a.status < 300
        elif v.uitkomst == "dubbel":
            goed = len(acks) >= 2 and len({s.message_id for s in acks}) == 1
        elif v.uitkomst == "pong":
            goed = a.soort == "Pong"
        else:
            goed = a.soort == "StatusResponse" and a.status_antwoord in ("Received", "Processed")
        if not goed:
            raise KetenBevinding(
                f"het Digikoppeling-endpoint antwoordt niet zoals de standaard vraagt: {geval.titel}",
                code="KB-EBMS-CONFORMITEIT",
                stap=9,
                partij=partij,
                verwacht=v.beschrijf(),
                gezien=a.beschrijf(),
            )
