"""ketentest: an end-to-end test harness for the DSO-keten.

What a scenario writer needs, in one import (``from chain_tests import Keten, speel_casus, …``); the
names are pinned by ``tests/test_publiek.py``. Everything else is implementation and may change.

- the keten in domain words: :class:`Keten` (stap 1–11), :class:`Plan`, :class:`BijlageBron`, :class:`Aanvraag`, …
- casus files: :func:`laad_casus`, :func:`speel_casus`, :class:`Casus`, :class:`CasusUitkomst`
- deliberate faults for self-tests: :class:`Fouten` and its parts (``@pytest.mark.keten_fouten``)
- the two error families: :class:`ChainTestError` (harness, Allure *broken*) and :class:`KetenBevinding`
  (a finding about the system under test, Allure *failed*)
"""

from chain_tests.casus import Casus, CasusAanvraag, CasusBijlage, casussen, laad_casus, stappen, vergroot
from chain_tests.config import KetenConfig, Organisatie, Tijden
from chain_tests.errors import ChainTestError, ConfiguratieFout, KetenBevinding, MockStoring, OngeldigeInvoer
from chain_tests.keten import (
    Aanvraag,
    AanvraagActiviteit,
    AanvraagGeweigerd,
    Adviesvraag,
    BijlageBron,
    Indiening,
    Keten,
    Plan,
)
from chain_tests.reporting.verslag import titel as scenario_titel
from chain_tests.scenario import CasusUitkomst, speel_casus
from chain_tests.standards.aanlevering import Planfragment
from chain_tests.standards.api import Privilege, Vertrouwelijkheid, Zaak
from chain_tests.standards.inspectie import (
    AfhandelenFouten,
    Fouten,
    LoketFouten,
    LvbbFouten,
    OzonFouten,
    RtrFouten,
    SamenwerkenFouten,
    Verbindingsfout,
    VthFouten,
)

__all__ = [
    "Aanvraag",
    "AanvraagActiviteit",
    "AanvraagGeweigerd",
    "Adviesvraag",
    "AfhandelenFouten",
    "BijlageBron",
    "Casus",
    "CasusAanvraag",
    "CasusBijlage",
    "CasusUitkomst",
    "ChainTestError",
    "ConfiguratieFout",
    "Fouten",
    "Indiening",
    "Keten",
    "KetenBevinding",
    "KetenConfig",
    "LoketFouten",
    "LvbbFouten",
    "MockStoring",
    "OngeldigeInvoer",
    "Organisatie",
    "OzonFouten",
    "Plan",
    "Planfragment",
    "Privilege",
    "RtrFouten",
    "SamenwerkenFouten",
    "Tijden",
    "Verbindingsfout",
    "Vertrouwelijkheid",
    "VthFouten",
    "Zaak",
    "casussen",
    "laad_casus",
    "scenario_titel",
    "speel_casus",
    "stappen",
    "vergroot",
]
