"""Locust: a peak of verzoeken through the served DSO-LV to a VTH system, each checked to become a zaak.

    pip install -e '.[belasting]'
    KETENTEST_OMGEVING=mijnvth locust -f bench/locustfile.py --headless -u 4 -r 1 --run-time 1h --stop-timeout 120

Each Locust user is one initiatiefnemer at the Omgevingsloket: it submits the vergunningplicht casus (with its
two bijlagen) at a steady rate (``KETENTEST_PER_UUR`` verzoeken per user per hour, default 250: 4 users make
1,000 an hour; ``KETENTEST_BIJLAGEGROOTTE`` sets the size of every bijlage, e.g. 10 KiB) and then waits, with
the harness's own stap 9, until the VTH system of ``KETENTEST_GEMEENTE``
holds the zaak, complete. Locust reports two request kinds: ``stap 8: indienen`` and ``stap 9: verzoek →
zaak`` (the time from submission to a complete zaak); a missing or wrong zaak is a failure carrying the
finding's code, stap, party and Dutch summary (one row per kind, not per verzoek). A check still waiting when the
run stops is a failure of its own (``stap 9: onafgerond …``): give ``--stop-timeout`` so it can finish. The run
starts with the preflight: a keten whose parties cannot be reached ends at once with exit code 2. The rules are
published once per process at start (stap 5–7).

Profile: ``KETENTEST_OMGEVING`` (and ``KETENTEST_PROFIEL`` for a file), as for pytest; the served mocks
(``make mocks``) or a supplier's own VTH behind them. Distributed Locust needs no change:
``locust -f bench/locustfile.py --master`` and ``locust -f bench/locustfile.py --worker --master-host=…``.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from gevent import GreenletExit
from locust import User, constant_throughput, events, task

from chain_tests import variabelen
from chain_tests.casus import laad_casus, parse_grootte
from chain_tests.errors import ChainTestError, KetenBevinding
from chain_tests.keten import Keten
from chain_tests.preflight import onderzoek, rapport
from chain_tests.profiel import laad_profiel
from chain_tests.scenario import Gepubliceerd, aanvraag_uit, publiceer
from chain_tests.served import ServedKeten

CASUS = Path(__file__).parents[1] / "scenarios" / "casussen" / "iteratie1" / "kappen-boom-vergunningplicht.yaml"
_gedeeld: dict[str, Any] = {}
logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per HTTP request drowns Locust's own output


def _preflight() -> str | None:
    """The preflight's report when something stops a run against this profile, else None."""
    profiel, profielnaam = variabelen.lees(variabelen.PROFIEL), variabelen.lees(variabelen.PROFIELNAAM)
    naam, gekozen = laad_profiel(profielnaam or "lokaal", Path(profiel) if profiel else None)
    onderzocht = onderzoek(gekozen)
    return rapport(naam, onderzocht.problemen, onderzocht.gezien) if onderzocht.blokkerend else None


def _omgeving() -> ServedKeten:
    """A served keten that leaves the mocks' state alone: many users share one set of mocks."""
    profiel = variabelen.lees(variabelen.PROFIEL)
    naam, gekozen = laad_profiel(
        variabelen.lees(variabelen.PROFIELNAAM) or "lokaal", Path(profiel) if profiel else None
    )
    if gekozen.soort != "served":
        raise ChainTestError(f"keten-omgeving {naam!r} is offline: Locust belast gehoste systemen (soort 'served')")
    return ServedKeten(gekozen, wis=False, mocktraces=False)  # no report: the mocks' lines are not fetched


class Ketenfout(Exception):
    """A finding or harness error as Locust groups its failures: by the code, the stap and party and what was
    wrong, without the verzoeknummer or line breaks (one row per kind of failure, not per verzoek)."""

    def __init__(self, fout: KetenBevinding | ChainTestError) -> None:
        if isinstance(fout, KetenBevinding):
            tekst = f"{fout.code} – stap {fout.stap} – {fout.partij}: {fout.samenvatting}"
        else:
            tekst = f"{fout.code} – fout in harness of mock: {str(fout).splitlines()[0]}"
        super().__init__(" ".join(tekst.split()))

    def __repr__(self) -> str:
        return str(self)


class Onafgerond(Exception):
    """The run ended while this verzoek's check was still waiting for its zaak."""

    def __repr__(self) -> str:
        return "niet afgerond: de run stopte terwijl de controle nog wachtte op de zaak (geef --stop-timeout)"


@events.test_start.add_listener
def _publiceer(environment: Any, **_: Any) -> None:
    """Stap 5–7 once per process: the activity and its rules, which every verzoek then uses. First the preflight:
    a keten whose parties cannot be reached is not load-tested (the run ends with exit code 2 and the report)."""
    problemen = _preflight()
    if problemen:
        logging.getLogger("ketentest").error("%s", problemen)
        environment.process_exit_code = 2
        if environment.runner is not None:
            environment.runner.quit()
        return
    omgeving = _omgeving()
    keten = Keten(omgeving)
    try:
        _gedeeld["gepubliceerd"] = publiceer(keten, laad_casus(CASUS))
    finally:
        keten.sluit()
        omgeving.sluit()


class Initiatiefnemer(User):
    """Submits verzoeken at a steady rate and waits for each to become a complete zaak."""

    wait_time = constant_throughput(float(variabelen.lees(variabelen.PER_UUR) or "250") / 3600)

    def on_start(self) -> None:
        self.omgeving = _omgeving()
        self.keten = Keten(self.omgeving)
        self.casus = laad_casus(CASUS)
        if (grootte := variabelen.lees(variabelen.BIJLAGEGROOTTE)) and self.casus.aanvraag is not None:
            for b in self.casus.aanvraag.bijlagen:
                b.grootte = parse_grootte(grootte)
        self.gemeente = self.keten.config.organisatie(variabelen.lees(variabelen.GEMEENTE) or self.casus.gemeente)

    def on_stop(self) -> None:
        self.keten.sluit()
        self.omgeving.sluit()

    def _meld(self, naam: str, begin: float, fout: Exception | None) -> None:
        self.environment.events.request.fire(
            request_type="keten",
            name=naam,
            response_time=(time.perf_counter() - begin) * 1000,
            response_length=0,
            exception=fout,
            context={},
        )

    @task
    def verzoek(self) -> None:
        gepubliceerd: Gepubliceerd | None = _gedeeld.get("gepubliceerd")
        if gepubliceerd is None:  # the preflight stopped the run
            return
        begin = time.perf_counter()
        try:
            indiening = self.keten.dien_in(aanvraag_uit(self.casus, self.keten.config, gepubliceerd))
        except (KetenBevinding, ChainTestError) as exc:
            self._meld("stap 8: indienen", begin, Ketenfout(exc))
            return
        self._meld("stap 8: indienen", begin, None)
        begin = time.perf_counter()
        try:
            zaak = self.keten.wacht_op_zaak(indiening, self.gemeente)
            self.keten.controleer_zaak(zaak, indiening, self.gemeente)
        except (KetenBevinding, ChainTestError) as exc:
            self._meld("stap 9: verzoek → zaak", begin, Ketenfout(exc))
            return
        except GreenletExit:  # stopped while waiting: counted apart, never as a finished check
            self._meld("stap 9: onafgerond bij het einde van de run", begin, Onafgerond())
            raise
        self._meld("stap 9: verzoek → zaak", begin, None)
