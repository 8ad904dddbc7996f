"""Answers that break the contract are a ContractFout (a finding inside a keten step), not a crash or a pass."""

from __future__ import annotations

import httpx
import pytest

from chain_tests.clients.base import is_json, json_object, json_van, lees
from chain_tests.errors import ContractFout
from chain_tests.standards import api


def _antwoord(body: bytes, soort: str | None) -> httpx.Response:
    headers = {"Content-Type": soort} if soort else {}
    return httpx.Response(200, content=body, headers=headers, request=httpx.Request("GET", "https://vth.test/zaken"))


@pytest.mark.parametrize(
    ("soort", "goed"),
    [
        ("application/json", True),
        ("application/json; charset=utf-8", True),
        ("Application/JSON", True),
        ("application/problem+json", True),
        ("application/hal+json", True),
        ("text/html", False),
        ("text/json+html", False),
        ("application/jsonp", False),
        (None, False),
    ],
)
def test_json_is_recognised_by_its_media_type(soort: str | None, goed: bool) -> None:
    assert is_json(_antwoord(b"{}", soort)) is goed


def test_json_with_another_content_type_breaks_the_contract() -> None:
    with pytest.raises(ContractFout) as info:
        lees(api.ZakenAntwoord, "VTH-systeem X", _antwoord(b'{"zaken": []}', "text/html"))
    assert str(info.value).endswith("Content-Type text/html in plaats van application/json")
    with pytest.raises(ContractFout, match=r"Content-Type \(geen\)"):
        json_van("VTH-systeem X", _antwoord(b"{}", None))


def test_malformed_json_and_a_list_where_an_object_is_due_break_the_contract() -> None:
    with pytest.raises(ContractFout, match="geen geldige JSON"):
        json_van("RTR", _antwoord(b"{", "application/json"))
    with pytest.raises(ContractFout, match="een JSON-object verwacht, list gekregen"):
        json_object("RTR", _antwoord(b"[]", "application/json"))
    assert json_object("RTR", _antwoord(b'{"a": 1}', "application/json")) == {"a": 1}
    assert lees(api.ZakenAntwoord, "VTH", _antwoord(b'{"zaken": []}', "application/json")).zaken == []
