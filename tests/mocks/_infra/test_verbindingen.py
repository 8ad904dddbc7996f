"""A party's client kept open: the same client for every use, a new one after a transport error, closed at the
end — and a request that merely fails (HTTP 500) keeps the connection."""

from __future__ import annotations

import httpx
import pytest

from mocks._infra.verbindingen import Blijvend


def _maker(gemaakt: list[httpx.Client], status: int = 200) -> Blijvend:
    def maak() -> httpx.Client:
        client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(status)))
        gemaakt.append(client)
        return client

    return Blijvend(maak)


def test_the_same_client_serves_every_use() -> None:
    gemaakt: list[httpx.Client] = []
    blijvend = _maker(gemaakt, 500)
    for _ in range(3):
        with blijvend() as c:
            assert c.get("https://dso.example/").status_code == 500
    assert len(gemaakt) == 1 and not gemaakt[0].is_closed


def test_after_a_transport_error_the_next_use_connects_anew() -> None:
    gemaakt: list[httpx.Client] = []
    blijvend = _maker(gemaakt)
    with pytest.raises(httpx.ConnectError), blijvend():
        raise httpx.ConnectError("weg")
    assert len(gemaakt) == 1 and gemaakt[0].is_closed
    with blijvend() as c:
        assert c is gemaakt[1] and not c.is_closed


def test_another_error_keeps_the_client_and_closing_closes_it() -> None:
    gemaakt: list[httpx.Client] = []
    blijvend = _maker(gemaakt)
    with pytest.raises(ValueError), blijvend():
        raise ValueError("iets anders")
    with blijvend() as c:
        assert c is gemaakt[0]
    blijvend.sluit()
    assert gemaakt[0].is_closed
    blijvend.sluit()  # twice is harmless
