"""Shared plumbing of the keten steps: the omgeving, clients per party, the step context and the wait."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import httpx

from chain_tests.clients.base import Weigering
from chain_tests.config import KetenConfig, Organisatie
from chain_tests.errors import ContractFout, KetenBevinding, MockStoring
from chain_tests.omgeving import KetenOmgeving
from chain_tests.reporting import stappen
from chain_tests.reporting.voortgang import Melder
from chain_tests.trace import CONTROLE

T = TypeVar("T")


def stapnummer(nummer: int | str) -> int:
    """``"8b"`` → 8."""
    m = re.match(r"\d+", str(nummer))
    return int(m.group()) if m else 0


class KetenBasis:
    def __init__(self, omgeving: KetenOmgeving) -> None:
        self.omgeving = omgeving
        self.config: KetenConfig = omgeving.config
        self._clients: dict[tuple[str, str | None], httpx.Client] = {}
        #: The casus files played through this keten (speel_casus), for a finding's bundle and its replay.
        self.casusbestanden: list[Path] = []
        #: The werkplaats steps this keten ran (8a and 8b count as 8), to check a scenario's stap markers.
        self.gelopen: set[int] = set()
        self.gelopen_delen: set[str] = set()  # the halves of a step that ran (8a, 8b)
        #: Trace lines already attached to a step (each message is shown once, in the step it belongs to).
        self.bijgevoegd: set[int] = set()
        #: Checks this keten could not make because a party is a real system, not a ketentest mock (Dutch, each
        #: once): the report names them.
        self.niet_gecontroleerd: list[str] = []

    def in_controle(self, bevinding: KetenBevinding) -> KetenBevinding:
        """``bevinding`` was seen in the harness's last check of a party's result (a zaak query): the report
        marks that exchange, not the last message before it."""
        bevinding.waargenomen_bij = next(
            (r.volgnummer for r in reversed(self.omgeving.trace.regels) if r.van == CONTROLE), None
        )
        return bevinding

    def niet_controleerbaar(self, wat: str, waarom: str, omdat: str = "echte partij") -> None:
        """Record (once) and show in the current step a check that could not be made here: by default one that needs
        a ketentest mock's own account, which a real party does not give: ``wat`` was not checked, ``waarom``."""
        tekst = f"{wat}: {waarom}"
        if tekst not in self.niet_gecontroleerd:
            self.niet_gecontroleerd.append(tekst)
            stappen.voeg_bij(f"Niet gecontroleerd ({omdat})", tekst)

    def client(self, rol: str, organisatie: Organisatie | None = None) -> httpx.Client:
        """One client per role (and organisation, whose OIN it presents), on DSO-LV; closed by :meth:`sluit`."""
        oin = organisatie.oin if organisatie else None
        key = (rol, oin)
        if key not in self._clients:
            van = f"{rol} {organisatie.naam}" if organisatie else rol
            self._clients[key] = self.omgeving.client(van, oin, self.config.dso_lv.base_url)
        return self._clients[key]

    def sluit(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    @contextmanager
    def stap(self, nummer: int | str, titel: str, *, partij: str) -> Iterator[None]:
        """One keten step in the report, on behalf of ``partij`` (the party under test in this step).

        Inside the step a refusal (HTTP 4xx/5xx, a SOAP Fault) or an answer that breaks the contract
        is a finding about ``partij``; but when a ketentest mock failed itself, every outcome of the
        step is a harness error naming that mock, never a finding against another party."""
        self.gelopen.add(stapnummer(nummer))
        self.omgeving.trace.fase = stapnummer(nummer)  # what crosses the wire from now on belongs to this stap
        if not str(nummer).isdigit():
            self.gelopen_delen.add(str(nummer))  # 8a, 8b: selected apart with -m stap8a / -m stap8b
        with stappen.stap(nummer, titel, partij):
            try:
                yield
            except KetenBevinding as exc:
                self._geen_mockstoring(exc)
                if exc.deelstap is None and exc.stap == stapnummer(nummer) and not str(nummer).isdigit():
                    exc.deelstap = str(nummer)  # a finding in stap 8a or 8b: the register keeps them apart
                raise
            except Weigering as exc:
                self._geen_mockstoring(exc)
                raise KetenBevinding(
                    f"{exc.partij} weigerde een verzoek in deze stap",
                    code="KB-WEIGERING",
                    stap=stapnummer(nummer),
                    partij=partij,
                    verwacht="een geldig antwoord volgens het koppelvlak",
                    gezien=str(exc),
                ) from exc
            except ContractFout as exc:
                self._geen_mockstoring(exc)
                raise KetenBevinding(
                    "het antwoord voldoet niet aan het koppelvlak",
                    code="KB-CONTRACT",
                    stap=stapnummer(nummer),
                    partij=partij,
                    verwacht="een antwoord volgens het koppelvlak",
                    gezien=str(exc),
                ) from exc

    def _geen_mockstoring(self, aanleiding: Exception) -> None:
        """Raise :class:`MockStoring` when a ketentest mock failed itself during this keten."""
        storingen = []
        if isinstance(aanleiding, Weigering) and aanleiding.mock_storing:
            storingen.append(str(aanleiding))
        inspectie = self.omgeving.inspectie()
        if inspectie is not None:
            storingen += [f"{s.partij}: {s.fout} (bij {s.methode} {s.pad})" for s in inspectie.storingen()]
        if storingen:  # a retried request meets the same storing again: name each one once
            raise MockStoring(list(dict.fromkeys(storingen))) from aanleiding

    def _wacht(self, probeer: Callable[[], T | None], wat: str, deadline: float | None = None) -> T | None:
        """Poll ``probeer`` (letting background work run) until it returns a value or the deadline passes
        (default: ``Tijden.deadline_zaak``); a wait that takes real time shows ``wat`` it waits for."""
        t = self.config.tijden
        limiet = t.deadline_zaak if deadline is None else deadline
        gewacht, melder = 0.0, Melder()
        while gewacht <= limiet:
            self.omgeving.pomp()
            waarde = probeer()
            if waarde is not None:
                return waarde
            melder.meld(f"wacht op {wat}: {gewacht:.0f} van {limiet:.0f} s tot de deadline")
            self.omgeving.wacht(t.poll_interval)
            gewacht += t.poll_interval
        return None
