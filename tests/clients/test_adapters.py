"""VTH adapters (reference, ZGW, plug-ins) and delivery retries on HTTP 503."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from chain_tests import Fouten, VthFouten
from chain_tests.casus import Casus
from chain_tests.clients.adapters import beschikbaar, laad_adapter
from chain_tests.errors import ConfiguratieFout
from chain_tests.keten import Keten
from chain_tests.offline import OfflineKeten
from chain_tests.scenario import speel_casus
from tests.bouwstenen import DRIMMELEN


def test_zgw_adapter_check_fails_when_a_document_is_missing(casus: Callable[[str], Casus]) -> None:
    omgeving = OfflineKeten(
        adapters={DRIMMELEN: "zgw"}, fouten=Fouten(vth={DRIMMELEN: VthFouten(laat_bijlage_vallen=True)})
    )
    try:
        from chain_tests.errors import KetenBevinding

        with pytest.raises(KetenBevinding, match=r"foto-boom\.jpg"):
            speel_casus(Keten(omgeving), casus("kappen-boom-vergunningplicht"))
    finally:
        omgeving.sluit()


def test_adapters_are_entry_points_and_unknown_ones_are_explained() -> None:
    assert {"referentie", "zgw"} <= set(beschikbaar())
    with pytest.raises(ConfiguratieFout) as info:
        laad_adapter("mijnvth")
    assert "ketentest.vth_adapters" in str(info.value) and "referentie" in str(info.value)


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(onbeschikbaar=2)}))
def test_delivery_retries_on_503_within_the_bounded_schedule(keten: Keten, casus: Callable[[str], Casus]) -> None:
    uitkomst = speel_casus(keten, casus("kappen-boom-vergunningplicht"))
    assert uitkomst.zaak is not None
    statussen = [r.status for r in keten.omgeving.trace.regels if r.ids.get("Action") == "Verzoeknotificatie"]
    assert statussen == [503, 503, 202]
