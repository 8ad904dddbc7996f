"""The chain steps in the domain's words. Scenarios call these; these call the clients.

Every step is an Allure step with a Dutch title naming its stap; every check about the system under
test raises :class:`~chain_tests.errors.KetenBevinding` naming the stap, the party, and what was
expected versus seen. Waits poll with a deadline and say where a verzoek stopped.

Modules by concept: :mod:`.plan` (stap 1–4, and the regels against the plan), :mod:`.regels` (stap 5–7),
:mod:`.indienen` (8), :mod:`.ontvangen` (9), :mod:`.controles` (9, the zaak), :mod:`.doorzetten` (10),
:mod:`.samenwerken` (11), :mod:`.lopendezaken` (9: MijnOverheid), :mod:`.wkb` (9: the Wkb dossier and deadlines),
:mod:`.digikoppeling` (9: the ebMS endpoint's conformance).
"""

from chain_tests.keten.controles import ZaakControles
from chain_tests.keten.digikoppeling import DigikoppelingStappen
from chain_tests.keten.doorzetten import DoorzetStappen
from chain_tests.keten.indienen import IndienStappen
from chain_tests.keten.lopendezaken import LopendeZakenStappen
from chain_tests.keten.model import (
    Aanvraag,
    AanvraagActiviteit,
    AanvraagGeweigerd,
    BijlageBron,
    Indiening,
    VerstuurdDocument,
)
from chain_tests.keten.ontvangen import OntvangStappen
from chain_tests.keten.plan import Plan, PlanStappen
from chain_tests.keten.regels import RegelStappen
from chain_tests.keten.samenwerken import Adviesvraag, SamenwerkStappen
from chain_tests.keten.wkb import WkbDossier, WkbStappen


class Keten(
    PlanStappen,
    RegelStappen,
    IndienStappen,
    OntvangStappen,
    ZaakControles,
    LopendeZakenStappen,
    WkbStappen,
    DoorzetStappen,
    SamenwerkStappen,
    DigikoppelingStappen,
):
    """One chain run against a :class:`~chain_tests.omgeving.KetenOmgeving`."""


__all__ = [
    "Aanvraag",
    "AanvraagActiviteit",
    "AanvraagGeweigerd",
    "Adviesvraag",
    "BijlageBron",
    "Indiening",
    "Keten",
    "Plan",
    "VerstuurdDocument",
    "WkbDossier",
]
