"""The Digikoppeling conformance suite can fail: each kind of careless receiver is caught on exactly the cases it
gets wrong, named in the finding; the reference VTH passes every case (scenarios/digikoppeling/)."""

from __future__ import annotations

import pytest

from chain_tests import Fouten, VthFouten
from chain_tests.errors import KetenBevinding
from chain_tests.keten import Keten
from chain_tests.offline import OfflineKeten
from chain_tests.standards.ebms_gevallen import GEVALLEN, geval
from tests.bouwstenen import DRIMMELEN
from tests.catalogus import zoals_in_catalogus

#: what a receiver that takes every XSD-valid message (no CPA checks) gets wrong
SLORDIG = {
    "kopversie", "cpaid", "van_rol", "zonder_van_rol", "naar_rol", "service", "service_type", "action", "ref", "ttl",
    "zonder_dubbelfilter", "zonder_ack", "ack_versie", "ack_nextmsh", "ack_actor", "ack_signed", "syncreply",
    "volgorde", "manifest_versie", "ds_weg", "ds_envelop", "ds_bijlage", "ds_ander", "ds_zwak",
}  # fmt: skip


def _fout(fouten: VthFouten) -> set[str]:
    omgeving = OfflineKeten(fouten=Fouten(vth={DRIMMELEN: fouten}))
    keten = Keten(omgeving)
    fout: set[str] = set()
    for g in GEVALLEN:
        try:
            keten.ebms_geval(keten.config.organisatie("Drimmelen"), g)
        except KetenBevinding as exc:
            assert exc.code == "KB-EBMS-CONFORMITEIT" and g.titel in str(exc)
            fout.add(g.id)
    keten.sluit()
    omgeving.sluit()
    return fout


@pytest.mark.parametrize(
    ("fouten", "verwacht"),
    [
        (VthFouten(), set()),
        (VthFouten(ebms_slordig=True), SLORDIG),
        (VthFouten(nieuwe_ack_bij_dubbel=True), {"dubbel"}),
        (VthFouten(bevestigt_niet=True), {"goed", "dubbel"}),  # a StatusRequest is answered all the same
    ],
    ids=["referentie", "slordig", "nieuwe-ack-bij-dubbel", "bevestigt-niet"],
)
def test_each_careless_receiver_fails_exactly_its_cases(fouten: VthFouten, verwacht: set[str]) -> None:
    assert _fout(fouten) == verwacht


@pytest.mark.keten_fouten(Fouten(vth={DRIMMELEN: VthFouten(ebms_slordig=True)}))
def test_the_finding_names_the_case_what_was_expected_and_what_came_back(keten: Keten) -> None:
    with pytest.raises(KetenBevinding) as info:
        keten.ebms_geval(keten.config.organisatie("Drimmelen"), geval("action"))
    zoals_in_catalogus(info.value)
    assert (
        info.value.verwacht == "geweigerd met ValueNotRecognized (//Header/MessageHeader/Action), geen Acknowledgment"
    )
    assert info.value.gezien == "HTTP 202; leeg; bij DSO-LV: Acknowledgment"
