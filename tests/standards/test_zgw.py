"""ZGW as ketentest writes it down: the JWT (signed, checked, refused when it should be), the derived documents
(docs/contract/zgw/, held to the code), and, when VNG's own documents are at hand (KETENTEST_ZGW_SPECS), the
derived schemas held to theirs field by field."""

from __future__ import annotations

import time
from typing import Any

import jwt
import pytest
from pydantic import BaseModel

from chain_tests.cli.contract import zgw_tekst
from chain_tests.standards import zgw
from chain_tests.standards.zgw import contract
from chain_tests.standards.zgw.autorisatie import Geweigerd, controleer, maak_jwt
from tests.bouwstenen import DOCS
from tests.zgwcontrole import OFFICIEEL, document

GEHEIM = "een-geheim-van-minstens-tweeëndertig-bytes"


def _geheim(client_id: str) -> str | None:
    return GEHEIM if client_id == "ketentest" else None


def test_a_fresh_jwt_names_its_client_and_is_accepted() -> None:
    token = maak_jwt("ketentest", GEHEIM)
    claims = jwt.decode(token, GEHEIM, algorithms=["HS256"])
    assert {k: claims[k] for k in ("iss", "client_id", "user_id")} == {
        "iss": "ketentest",
        "client_id": "ketentest",
        "user_id": "ketentest",
    }
    assert abs(claims["iat"] - time.time()) < 5 and jwt.get_unverified_header(token)["alg"] == "HS256"
    assert controleer("Bearer " + token, _geheim) == "ketentest"


@pytest.mark.parametrize(
    ("header", "code"),
    [
        (None, "not_authenticated"),
        ("Basic a2V0ZW50ZXN0", "not_authenticated"),
        ("Bearer geen-jwt", "jwt-invalid"),
        ("Bearer " + maak_jwt("ketentest", "een-ander-geheim-van-voldoende-lengte!!"), "jwt-invalid"),
        ("Bearer " + maak_jwt("onbekend", GEHEIM), "jwt-invalid"),
        (
            "Bearer " + jwt.encode({"client_id": "ketentest", "iat": int(time.time())}, None, algorithm="none"),
            "jwt-invalid",
        ),
        ("Bearer " + jwt.encode({"client_id": "ketentest"}, GEHEIM, algorithm="HS256"), "jwt-invalid"),
        ("Bearer " + maak_jwt("ketentest", GEHEIM, nu=time.time() - 2 * 3600), "jwt-expired"),
        ("Bearer " + maak_jwt("ketentest", GEHEIM, nu=time.time() + 3600), "jwt-expired"),
    ],
    ids=[
        "geen",
        "basic",
        "onleesbaar",
        "ander-geheim",
        "onbekende-client",
        "alg-none",
        "zonder-iat",
        "verlopen",
        "toekomst",
    ],
)
def test_a_jwt_that_is_missing_forged_or_stale_is_refused(header: str | None, code: str) -> None:
    with pytest.raises(Geweigerd) as info:
        controleer(header, _geheim)
    assert (info.value.status, info.value.code) == (401, code)


@pytest.mark.parametrize("component", list(contract.COMPONENTEN))
def test_the_checked_in_zgw_document_is_what_the_code_generates(component: str) -> None:
    pad = DOCS / "contract" / "zgw" / f"{component}.openapi.json"
    assert pad.read_text(encoding="utf-8") == zgw_tekst(component), f"{pad} is verouderd: draai `ketentest contract`"


def test_every_operation_the_mock_serves_is_described() -> None:
    """The derived documents describe what the reference VTH's ZGW face serves, and nothing else."""
    from chain_tests.standards import operaties

    gediend = {(o.methode, o.pad) for o in operaties.OPERATIES if o.soort.endswith("(ZGW)")}
    beschreven = {
        (b.methode, root + b.pad) for _, root, bewerkingen in contract.COMPONENTEN.values() for b in bewerkingen
    }
    gediend -= {("GET", zgw.CATALOGI_ROOT + zgw.ZAAKTYPE)}  # served for the zaak's link; the adapter never asks
    assert gediend == beschreven


# -- the derived schemas held to VNG's own (only when they are at hand) ------------------------------------------
def _officieel(component: str) -> dict[str, Any]:
    import yaml

    return dict(yaml.safe_load(document("officieel", component).read_text(encoding="utf-8")))


def _soort(veld: dict[str, Any], schemas: dict[str, Any]) -> tuple[str, str | None, bool]:
    """(type, format, nullable) of a property in either dialect (OpenAPI 3.0 nullable, 3.1 anyOf null)."""
    if "$ref" in veld:
        return "object", None, False
    if "allOf" in veld:
        naam = veld["allOf"][0]["$ref"].rsplit("/", 1)[1]
        return schemas[naam].get("type", "object"), None, bool(veld.get("nullable"))
    if "anyOf" in veld:
        echt = [v for v in veld["anyOf"] if v.get("type") != "null"]
        return (*_soort(echt[0], schemas)[:2], True)
    if "oneOf" in veld:
        return "string", None, False
    return veld.get("type", "object"), veld.get("format"), bool(veld.get("nullable"))


if OFFICIEEL:  # VNG's documents are not in this repository (fetched content is not committed); see docs/metingen.md
    _PAREN = [
        (component, model)
        for component, (_, _, bewerkingen) in contract.COMPONENTEN.items()
        for model in contract._modellen(bewerkingen)
        if model in contract.VEREIST
    ]

    @pytest.mark.parametrize(("component", "model"), _PAREN, ids=[f"{c}-{m.__name__}" for c, m in _PAREN])
    def test_the_derived_schema_is_the_official_one(component: str, model: type[BaseModel]) -> None:
        officieel = _officieel(component)["components"]["schemas"]
        afgeleid = contract.document(component)["components"]["schemas"]
        naam = contract.OFFICIEEL.get(model, model.__name__)
        hun, ons = officieel[naam], afgeleid[model.__name__]
        hun_vereist = set(hun.get("required", []))
        if model in (contract.m.NieuweStatus, contract.m.NieuwResultaat):  # a request body: the writable ones
            hun_vereist -= {n for n, v in hun["properties"].items() if v.get("readOnly")}
        assert set(ons["required"]) == hun_vereist
        for veld, schema in ons["properties"].items():
            assert veld in hun["properties"], f"{naam}.{veld} bestaat niet in de specificatie"
            hun_soort, ons_soort = _soort(hun["properties"][veld], officieel), _soort(schema, afgeleid)
            assert ons_soort[0] == hun_soort[0] and ons_soort[2] == hun_soort[2], f"{naam}.{veld}"
            assert ons_soort[1] in (None, hun_soort[1]), f"{naam}.{veld}: format"
            for grens in ("maxLength", "minLength"):
                assert schema.get(grens) in (None, hun["properties"][veld].get(grens)), f"{naam}.{veld}: {grens}"
