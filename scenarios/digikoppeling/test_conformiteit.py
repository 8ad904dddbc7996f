"""Digikoppeling-conformiteit van het ebMS-endpoint van een VTH-systeem (stap 9).

Elk geval stuurt het endpoint een bericht zoals DSO-LV het stuurt, op één punt anders dan de CPA en de standaard
toestaan (of juist precies goed), en controleert het antwoord: een Acknowledgment, het antwoord van de MSH
(Pong, StatusResponse), of een weigering met de ebMS-foutcode die de standaard voorschrijft. De gevallen volgen
de openbare conformiteitstest van ebms-core, aangepast aan het asynchrone osb-rm-profiel van Digikoppeling.

Draai ze met ``pytest scenarios -m digikoppeling --keten-omgeving <profiel>``: tegen de referentie-VTH, of tegen
uw eigen systeem (het VTH-systeem dat in het profiel geen ketentest-mock is).
"""

from __future__ import annotations

import allure
import pytest

from chain_tests import EBMS_GEVALLEN, EbmsGeval, Keten

pytestmark = [pytest.mark.digikoppeling, pytest.mark.stap9]


@allure.feature("Digikoppeling-conformiteit (ebMS2)")
@pytest.mark.parametrize("geval", EBMS_GEVALLEN, ids=[g.id for g in EBMS_GEVALLEN])
def test_digikoppeling_conformiteit(keten: Keten, geval: EbmsGeval, record_property: object) -> None:
    allure.dynamic.title(f"Digikoppeling: {geval.titel}")
    allure.dynamic.description(f"Verwacht: {geval.verwacht.beschrijf()}. Naar het geval {geval.bron} van ebms-core.")
    record_property("ebms_geval", geval.id)  # type: ignore[operator]
    record_property("ebms_titel", geval.titel)  # type: ignore[operator]
    record_property("ebms_verwacht", geval.verwacht.beschrijf())  # type: ignore[operator]
    for organisatie in keten.digikoppeling_doelen():
        antwoord = keten.ebms_geval(organisatie, geval)
        if antwoord is not None:
            record_property("ebms_antwoord", antwoord.beschrijf())  # type: ignore[operator]
