"""A refusal by the party under test inside a keten step is a finding (Allure failed) naming the
stap and the party; a mock that fails itself is a harness error naming that mock (Allure broken)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from chain_tests import AfhandelenFouten, Fouten, LoketFouten, RtrFouten
from chain_tests.casus import Casus, laad_casus
from chain_tests.errors import ChainTestError, KetenBevinding, MockStoring
from chain_tests.keten import Keten
from chain_tests.offline import OfflineKeten
from chain_tests.scenario import speel_casus
from tests.bouwstenen import DRIMMELEN, ROOT
from tests.catalogus import zoals_in_catalogus

CASUS = ROOT / "scenarios/casussen/iteratie1/kappen-boom-vergunningplicht.yaml"
Maker = Callable[[Fouten], Keten]


def casus() -> Casus:
    return laad_casus(CASUS)


def bevinding(keten: Keten) -> KetenBevinding:
    with pytest.raises(KetenBevinding) as info:
        speel_casus(keten, casus())
    return zoals_in_catalogus(info.value)


@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(weigert_indienen=503)))
def test_an_http_refusal_inside_a_step_is_a_finding_against_that_party(keten: Keten) -> None:
    b = bevinding(keten)
    assert (b.code, b.stap, b.partij) == ("KB-WEIGERING", 8, "Omgevingsloket (indienen)")
    assert "HTTP 503" in b.gezien and "LOKET-STORING" in b.gezien


@pytest.mark.keten_fouten(Fouten(rtr=RtrFouten(soap_fault=True)))
def test_a_soap_fault_is_a_finding_not_a_raw_zeep_error(keten: Keten) -> None:
    b = bevinding(keten)
    assert (b.code, b.stap, b.partij) == ("KB-WEIGERING", 7, "RTR (toepasbare regels aanleveren)")
    assert "SOAP Fault" in b.gezien and "Interne fout bij het verwerken" in b.gezien


@pytest.mark.keten_fouten(Fouten(loket=LoketFouten(breekt_contract=True)))
def test_an_answer_that_breaks_the_contract_is_a_finding(keten: Keten) -> None:
    b = bevinding(keten)
    assert (b.code, b.stap, b.partij) == ("KB-CONTRACT", 8, "Omgevingsloket (vergunningcheck)")
    assert "ontbreekt (verplicht veld)" in b.gezien


def test_a_failing_assert_in_a_mock_handler_is_a_mock_failure_not_a_missing_route(keten: Keten) -> None:
    assert isinstance(keten.omgeving, OfflineKeten)
    rtr = keten.omgeving.dso.rtr

    def kapot(request: httpx.Request, p: dict[str, str]) -> httpx.Response:
        raise AssertionError("kapotte mock")

    rtr.toepasbaar_maken = kapot  # type: ignore[method-assign]
    _herbouw(keten.omgeving)
    with pytest.raises(MockStoring) as info:
        speel_casus(keten, casus())
    tekst = str(info.value)
    assert "DSO landelijke voorzieningen (mock)" in tekst and "AssertionError: kapotte mock" in tekst
    assert not isinstance(info.value, KetenBevinding) and "Geen mock voor" not in tekst


def _herbouw(omgeving: OfflineKeten) -> None:
    """Rebuild the in-process router after a handler was replaced (routes hold bound methods)."""
    from mocks._infra.routing import respx_router

    omgeving.router = respx_router(omgeving.mocks.partijen())


@pytest.mark.keten_fouten(Fouten(afhandelen=AfhandelenFouten(crasht=True)))
def test_a_mock_that_crashes_while_serving_a_bijlage_is_a_harness_error(keten: Keten) -> None:
    with pytest.raises(MockStoring) as info:
        speel_casus(keten, casus())
    tekst = str(info.value)
    assert info.value.code == "KT-MOCK-STORING" and isinstance(info.value, ChainTestError)
    assert "DSO landelijke voorzieningen (mock)" in tekst and "/bijlagen/" in tekst
    assert "RuntimeError: opzettelijke fout in de mock (zelftest van ketentest)" in tekst
    assert tekst.count("RuntimeError") == 1  # the VTH retried the fetch: the same storing is named once


def test_a_crash_in_the_reference_vths_background_work_is_a_harness_error_naming_that_vth(keten: Keten) -> None:
    assert isinstance(keten.omgeving, OfflineKeten)
    vth = keten.omgeving.mocks.vths[DRIMMELEN]

    def kapot(notificatie: object) -> None:
        raise RuntimeError("kapotte verwerking")

    vth._maak_zaak = kapot  # type: ignore[method-assign,assignment]
    with pytest.raises(MockStoring) as info:
        speel_casus(keten, casus())
    tekst = str(info.value)
    assert "VTH-systeem Gemeente Drimmelen" in tekst and "RuntimeError: kapotte verwerking" in tekst
    assert "achtergrond verzoek 3000001" in tekst and not isinstance(info.value, KetenBevinding)
    assert len(vth.storingen) == 1  # the verzoek it crashed on is given up: recorded once, not every pass
    storing = vth.storingen[0]
    assert (storing.partij, storing.methode, storing.pad) == (vth.naam, "achtergrond", "verzoek 3000001")
    assert storing.fout == "RuntimeError: kapotte verwerking" and storing.tijd.startswith("20")


def test_a_value_that_comes_exactly_at_the_deadline_still_counts(keten: Keten) -> None:
    """The wait polls from 0 s up to and including the deadline (manual clock, poll interval 1 s)."""
    begin = keten.omgeving.nu()

    def op(seconden: float) -> Callable[[], str | None]:
        return lambda: "er" if (keten.omgeving.nu() - begin).total_seconds() >= seconden else None

    assert keten._wacht(op(0.0), "iets direct", 5.0) == "er" and keten.omgeving.nu() == begin
    assert keten._wacht(op(5.0), "iets op de deadline", 5.0) == "er"
    begin = keten.omgeving.nu()
    assert keten._wacht(op(7.0), "iets na de deadline", 5.0) is None
    assert (keten.omgeving.nu() - begin).total_seconds() == 6.0  # polled at 0, 1, …, 5 s, then gave up
