"""schemathesis against the served reference VTH (mutual TLS, a process of its own): whatever the generated
requests to its zaak API are, every answer is one the contract documents (status, media type, schema), never a
server error, and invalid input is refused."""

from __future__ import annotations

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from chain_tests.mockservers import MockServers
from tests.bouwstenen import DOCS, DRIMMELEN

SCHEMA = schemathesis.openapi.from_path(DOCS / "contract" / "vth-zaken.openapi.json")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture(scope="module")
def sessie(mockservers: MockServers) -> requests.Session:
    pki = mockservers.map / "pki"
    s = requests.Session()
    s.cert = (str(pki / f"{DRIMMELEN}.pem"), str(pki / f"{DRIMMELEN}-key.pem"))
    s.verify = str(pki / "ca.pem")
    return s


@SCHEMA.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_served_reference_vth_answers_its_contract(
    case: schemathesis.Case, mockservers: MockServers, sessie: requests.Session
) -> None:
    case.call_and_validate(
        base_url=mockservers.urls[DRIMMELEN], session=sessie, checks=CHECKS, verify=sessie.verify, cert=sessie.cert
    )
