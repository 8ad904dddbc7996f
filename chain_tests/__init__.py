"""ketentest: an end-to-end test harness for the DSO-keten.

What a scenario writer needs, in one import (``from chain_tests import Keten, speel_casus, …``); the
names are pinned by ``tests/test_publiek.py``. Everything else is implementation and may change.

- the keten in domain words: :class:`Keten` (stap 1–11), :class:`Plan`, :class:`BijlageBron`, :class:`Aanvraag`, …
- casus files: :func:`laad_casus`, :func:`speel_casus`, :class:`Casus`, :class:`CasusUitkomst`
- deliberate faults for self-tests: :class:`Fouten` and its parts (``@pytest.mark.keten_fouten``)
- the two error families: :class:`ChainTestError` (harness, Allure *broken*) and :class:`KetenBevinding`
  (a finding about the system under test, Allure *failed*)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from chain_tests.versie import __version__ as __version__

if TYPE_CHECKING:
    from chain_tests.casus import (
        Casus,
        CasusAanvraag,
        CasusBijlage,
        casussen,
        iteraties_in,
        laad_casus,
        stapmarkers,
        stappen,
        vergroot,
    )
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
    from chain_tests.reporting.stappen import titel as scenario_titel
    from chain_tests.scenario import CasusUitkomst, speel_casus
    from chain_tests.standards.aanlevering import Planfragment
    from chain_tests.standards.api import Privilege, Vertrouwelijkheid, Zaak
    from chain_tests.standards.ebms_gevallen import GEVALLEN as EBMS_GEVALLEN
    from chain_tests.standards.ebms_gevallen import Geval as EbmsGeval
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

#: Where each public name lives. Imported on first use (PEP 562), so that a process that needs only a part
#: of the harness (a served mock imports ``chain_tests.standards``) does not load the whole keten.
_WAAR: dict[str, tuple[str, str]] = {
    "Aanvraag": ("chain_tests.keten", "Aanvraag"),
    "AanvraagActiviteit": ("chain_tests.keten", "AanvraagActiviteit"),
    "AanvraagGeweigerd": ("chain_tests.keten", "AanvraagGeweigerd"),
    "Adviesvraag": ("chain_tests.keten", "Adviesvraag"),
    "AfhandelenFouten": ("chain_tests.standards.inspectie", "AfhandelenFouten"),
    "BijlageBron": ("chain_tests.keten", "BijlageBron"),
    "Casus": ("chain_tests.casus", "Casus"),
    "CasusAanvraag": ("chain_tests.casus", "CasusAanvraag"),
    "CasusBijlage": ("chain_tests.casus", "CasusBijlage"),
    "CasusUitkomst": ("chain_tests.scenario", "CasusUitkomst"),
    "ChainTestError": ("chain_tests.errors", "ChainTestError"),
    "ConfiguratieFout": ("chain_tests.errors", "ConfiguratieFout"),
    "EBMS_GEVALLEN": ("chain_tests.standards.ebms_gevallen", "GEVALLEN"),
    "EbmsGeval": ("chain_tests.standards.ebms_gevallen", "Geval"),
    "Fouten": ("chain_tests.standards.inspectie", "Fouten"),
    "Indiening": ("chain_tests.keten", "Indiening"),
    "Keten": ("chain_tests.keten", "Keten"),
    "KetenBevinding": ("chain_tests.errors", "KetenBevinding"),
    "KetenConfig": ("chain_tests.config", "KetenConfig"),
    "LoketFouten": ("chain_tests.standards.inspectie", "LoketFouten"),
    "LvbbFouten": ("chain_tests.standards.inspectie", "LvbbFouten"),
    "MockStoring": ("chain_tests.errors", "MockStoring"),
    "OngeldigeInvoer": ("chain_tests.errors", "OngeldigeInvoer"),
    "Organisatie": ("chain_tests.config", "Organisatie"),
    "OzonFouten": ("chain_tests.standards.inspectie", "OzonFouten"),
    "Plan": ("chain_tests.keten", "Plan"),
    "Planfragment": ("chain_tests.standards.aanlevering", "Planfragment"),
    "Privilege": ("chain_tests.standards.api", "Privilege"),
    "RtrFouten": ("chain_tests.standards.inspectie", "RtrFouten"),
    "SamenwerkenFouten": ("chain_tests.standards.inspectie", "SamenwerkenFouten"),
    "Tijden": ("chain_tests.config", "Tijden"),
    "Verbindingsfout": ("chain_tests.standards.inspectie", "Verbindingsfout"),
    "Vertrouwelijkheid": ("chain_tests.standards.api", "Vertrouwelijkheid"),
    "VthFouten": ("chain_tests.standards.inspectie", "VthFouten"),
    "Zaak": ("chain_tests.standards.api", "Zaak"),
    "casussen": ("chain_tests.casus", "casussen"),
    "laad_casus": ("chain_tests.casus", "laad_casus"),
    "scenario_titel": ("chain_tests.reporting.stappen", "titel"),
    "speel_casus": ("chain_tests.scenario", "speel_casus"),
    "stappen": ("chain_tests.casus", "stappen"),
    "stapmarkers": ("chain_tests.casus", "stapmarkers"),
    "iteraties_in": ("chain_tests.casus", "iteraties_in"),
    "vergroot": ("chain_tests.casus", "vergroot"),
}


def __getattr__(naam: str) -> Any:
    try:
        module, attribuut = _WAAR[naam]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {naam!r}") from None
    waarde = getattr(importlib.import_module(module), attribuut)
    globals()[naam] = waarde
    return waarde


def __dir__() -> list[str]:
    return sorted([*globals(), *_WAAR])


__all__ = [
    "EBMS_GEVALLEN",
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
    "EbmsGeval",
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
    "iteraties_in",
    "laad_casus",
    "scenario_titel",
    "speel_casus",
    "stapmarkers",
    "stappen",
    "vergroot",
]
