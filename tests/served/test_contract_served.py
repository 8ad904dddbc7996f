"""schemathesis against the served reference VTH (mutual TLS, a process of its own): whatever the generated
requests to its zaak API and to its ZGW APIs are, every answer is one the contract documents (status, media type,
schema), never a server error, and invalid input is refused."""

from __future__ import annotations

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from chain_tests.mockservers import MockServers
from chain_tests.standards import zgw
from chain_tests.standards.zgw.autorisatie import maak_jwt
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


# -- the reference VTH's ZGW face, against the derived ZGW documents (docs/contract/zgw/) --------------------------
def _zgw_schema(component: str) -> schemathesis.BaseSchema:
    schema = schemathesis.openapi.from_path(DOCS / "contract" / "zgw" / f"{component}.openapi.json")
    # a missing CRS header is refused with 412, as the Zaken API specifies (and a ZRC does)
    weigering = schema.config.checks.negative_data_rejection
    weigering.expected_statuses = [*weigering.expected_statuses, "412"]
    return schema


ZAKEN, DOCUMENTEN, CATALOGI = (_zgw_schema(c) for c in ("zaken", "documenten", "catalogi"))


@pytest.fixture(scope="module")
def zgw_sessie(sessie: requests.Session) -> requests.Session:
    s = requests.Session()
    s.cert, s.verify = sessie.cert, sessie.verify
    return s


def _zgw(case: schemathesis.Case, mockservers: MockServers, sessie: requests.Session, root: str) -> None:
    """The harness's own client's JWT on every case, except one whose headers schemathesis made wrong on
    purpose (it may have left the JWT out: then the 401 is the right answer)."""
    if case.meta is None or not case.meta.is_negative_at(ParameterLocation.HEADER):
        case.headers = {
            **(case.headers or {}),
            "Authorization": "Bearer " + maak_jwt(zgw.MOCK_CLIENT_ID, zgw.MOCK_SECRET),
        }
    case.call_and_validate(
        base_url=mockservers.urls[DRIMMELEN] + root,
        session=sessie,
        checks=CHECKS,
        verify=sessie.verify,
        cert=sessie.cert,
    )


@ZAKEN.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_served_zaken_api_answers_as_specified(
    case: schemathesis.Case, mockservers: MockServers, zgw_sessie: requests.Session
) -> None:
    _zgw(case, mockservers, zgw_sessie, zgw.ZAKEN_ROOT)


@DOCUMENTEN.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_served_documenten_api_answers_as_specified(
    case: schemathesis.Case, mockservers: MockServers, zgw_sessie: requests.Session
) -> None:
    _zgw(case, mockservers, zgw_sessie, zgw.DOCUMENTEN_ROOT)


@CATALOGI.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_served_catalogi_api_answers_as_specified(
    case: schemathesis.Case, mockservers: MockServers, zgw_sessie: requests.Session
) -> None:
    _zgw(case, mockservers, zgw_sessie, zgw.CATALOGI_ROOT)
