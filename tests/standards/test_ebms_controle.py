"""What a receiver answers each conformance case, checked at the source (no network): the reference's error code
is the first the case allows, at the location ebms-core names; what must be accepted is accepted."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chain_tests.config import KetenConfig
from chain_tests.standards import cpa
from chain_tests.standards.ebms_controle import EbmsFout, controleer
from chain_tests.standards.ebms_gevallen import GEVALLEN, Geval, maak
from tests.bouwstenen import DRIMMELEN, DSO

ALLE = cpa.overeenkomsten(KetenConfig())
DSO_DRIMMELEN = ALLE[cpa.cpa_id(cpa.VERZOEKNOTIFICATIE[0], DSO, DRIMMELEN)]
#: where the reference answers with another code the case also allows (a certificate is known here)
ANDERS = {"van_partij": "SecurityFailure"}


@pytest.mark.parametrize("profiel", ["osb-rm", "osb-rm-s", "osb-rm-e"])
@pytest.mark.parametrize("geval", GEVALLEN, ids=[g.id for g in GEVALLEN])
def test_each_case_gets_the_answer_of_the_standard(geval: Geval, profiel: str) -> None:
    """On every profile; a case about signing or encryption is, on a channel without it, a correct message."""
    nu = datetime.now(UTC)
    cpa_ = DSO_DRIMMELEN.model_copy(update={"profiel": profiel})
    headers, body = maak(geval, cpa_, DSO, "Verzoeknotificatie", nu).berichten[-1]
    uitkomst = controleer(
        headers.get("Content-Type", ""),
        body,
        headers.get("SOAPAction"),
        DRIMMELEN,
        {cpa_.cpa_id: cpa_},
        nu,
        afzender=DSO,
    )
    v = geval.verwacht
    if v.uitkomst != "weigering" or not geval.van_toepassing(cpa_):
        assert not isinstance(uitkomst, EbmsFout), uitkomst
        return
    assert isinstance(uitkomst, EbmsFout), f"{geval.id} is aangenomen"
    if v.codes:
        assert uitkomst.code == ANDERS.get(geval.id, v.codes[0])
    if v.locatie is not None:
        assert uitkomst.locatie == v.locatie
    assert uitkomst.soap_fault == (geval.id in ("soapaction", "xxe"))


def test_without_the_cpa_checks_a_careless_receiver_accepts_what_the_xsd_allows() -> None:
    """The self-tests' careless receiver (no CPA): the cases the XSD alone lets through are accepted."""
    nu = datetime.now(UTC)
    aangenomen = set()
    for g in GEVALLEN:
        headers, body = maak(g, DSO_DRIMMELEN, DSO, "Verzoeknotificatie", nu).berichten[-1]
        if not isinstance(
            controleer(headers.get("Content-Type", ""), body, headers.get("SOAPAction"), DRIMMELEN, None, nu), EbmsFout
        ):
            aangenomen.add(g.id)
    assert {"cpaid", "action", "service", "volgorde", "zonder_ack"} <= aangenomen
    assert not {"soapaction", "xxe", "cid_onbekend"} & aangenomen
