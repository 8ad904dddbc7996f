"""Digikoppeling Grote Berichten on the plan keten: a large opdracht.zip goes as metadata in the ebMS message and
the LVBB fetches it from the plansoftware (its certificate, resuming with Range); a sender's faults are findings
against the plansoftware."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from chain_tests.casus import Casus
from chain_tests.config import Grenzen, KetenConfig
from chain_tests.errors import KetenBevinding
from chain_tests.keten import Keten
from chain_tests.offline import OfflineKeten
from chain_tests.scenario import speel_casus
from chain_tests.standards import grote_berichten as gb
from chain_tests.standards import planketen
from chain_tests.standards.schemas import gb_schema, validate
from chain_tests.standards.xml import parse_xml
from mocks.digikoppeling.grote_berichten import GbFouten
from tests.bouwstenen import LELYSTAD, LVBB

HAPPY = "plan-kappen-boom-made"


@pytest.fixture
def groot() -> Iterator[OfflineKeten]:
    """A keten in which every opdracht.zip is a Groot Bericht."""
    omgeving = OfflineKeten(config=KetenConfig(grenzen=Grenzen(groot_bericht_bytes=1)))
    yield omgeving
    omgeving.sluit()


def _gb_verkeer(omgeving: OfflineKeten) -> list[tuple[str, int, str]]:
    return [(r.van, r.status, r.pad) for r in omgeving.trace.regels if "/grote-berichten/" in r.pad]


def test_a_large_package_travels_as_a_groot_bericht_and_is_published(
    groot: OfflineKeten, plan_casus: Callable[[str], Casus]
) -> None:
    speel_casus(Keten(groot), plan_casus(HAPPY))
    verkeer = _gb_verkeer(groot)
    assert verkeer and all(van.startswith("LVBB") and status == 200 for van, status, _ in verkeer)
    berichten = [r.verzoek or b"" for r in groot.trace.regels if r.ids.get("Action") == "publicatieVerzoek"]
    assert berichten and all(b"digikoppeling-external-data-references" in b for b in berichten)
    assert all(b"PK\x03\x04" not in b for b in berichten)  # no zip in the ebMS message itself


def test_a_broken_download_is_fetched_again_and_the_plan_still_published(
    groot: OfflineKeten, plan_casus: Callable[[str], Casus]
) -> None:
    groot.mocks.plansoftware.gb_fouten.breekt_af = 1
    speel_casus(Keten(groot), plan_casus(HAPPY))
    assert sum(b.opgehaald for b in groot.mocks.plansoftware.grote_berichten.values()) == 3  # 2 leveringen + 1


def test_the_client_resumes_after_a_broken_connection_with_range_and_if_range(tmp_path: Path) -> None:
    """GB005: after a break the rest is asked with Range from the bytes on disk, and If-Range the ETag."""
    inhoud = bytes(range(256)) * 4096  # 1 MiB
    gevraagd: list[dict[str, str]] = []

    def gebroken() -> Iterator[bytes]:
        yield inhoud[:300_000]
        raise httpx.ReadError("verbinding verbroken")

    def server(r: httpx.Request) -> httpx.Response:
        gevraagd.append(dict(r.headers))
        if "range" not in r.headers:
            return httpx.Response(200, stream=_Stroom(gebroken()), headers={"ETag": '"e1"'})
        start = int(r.headers["range"].removeprefix("bytes=").rstrip("-"))
        bereik = f"bytes {start}-{len(inhoud) - 1}/{len(inhoud)}"
        return httpx.Response(206, content=inhoud[start:], headers={"ETag": '"e1"', "Content-Range": bereik})

    m = _metadata(sha256=hashlib.sha256(inhoud).hexdigest(), grootte=len(inhoud))
    pad = gb.haal_op(lambda: httpx.Client(transport=httpx.MockTransport(server)), m, tmp_path / "o.zip", m.aanmaak)  # type: ignore[arg-type]
    assert pad.read_bytes() == inhoud
    assert [(g.get("range"), g.get("if-range")) for g in gevraagd] == [(None, None), ("bytes=300000-", '"e1"')]


class _Stroom(httpx.SyncByteStream):
    def __init__(self, delen: Iterator[bytes]) -> None:
        self.delen = delen

    def __iter__(self) -> Iterator[bytes]:
        yield from self.delen


@pytest.mark.parametrize(
    ("fout", "status"),
    [(GbFouten(andere_inhoud=True), "CHECKSUM_ERROR"), (GbFouten(onbeschikbaar=True), "FILE_NOT_FOUND")],
    ids=["andere-inhoud", "onbeschikbaar"],
)
def test_a_sender_that_serves_wrong_or_nothing_is_named(
    groot: OfflineKeten, plan_casus: Callable[[str], Casus], fout: GbFouten, status: str
) -> None:
    groot.mocks.plansoftware.gb_fouten = fout
    with pytest.raises(KetenBevinding) as info:
        speel_casus(Keten(groot), plan_casus(HAPPY))
    b = info.value
    assert (b.code, b.partij) == ("KB-GROOT-BERICHT", "Plansoftware (Grote Berichten)")
    assert f"Groot Bericht ({status})" in b.gezien


def test_only_the_receiver_may_fetch_and_a_range_outside_the_file_is_416(
    groot: OfflineKeten, plan_casus: Callable[[str], Casus]
) -> None:
    speel_casus(Keten(groot), plan_casus(HAPPY))
    url = groot.config.plansoftware.base_url + next(u for _, _, u in _gb_verkeer(groot))
    with groot.client("Gemeente Lelystad", LELYSTAD) as c:
        assert c.get(url).status_code == 403
    with groot.client("LVBB", LVBB) as c:
        assert c.get(url, headers={"Range": "bytes=999999999-"}).status_code == 416
        deel = c.get(url, headers={"Range": "bytes=0-9"})
        assert (
            deel.status_code == 206
            and len(deel.content) == 10
            and deel.headers["Content-Range"].startswith("bytes 0-9/")
        )


def _metadata(**anders: object) -> gb.Metadata:
    velden: dict[str, object] = dict(
        context_id="ketentest_pub_1", bestandsnaam="opdracht.zip", content_type="application/zip",
        sha256="ab" * 32, grootte=10, sender_url="https://plan.test/plansoftware/grote-berichten/v1/x",
        aanmaak=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), verloop=dt.datetime(2026, 1, 6, 9, tzinfo=dt.UTC),
    ) | anders  # fmt: skip
    return gb.Metadata(**velden)  # type: ignore[arg-type]


def test_the_metadata_validates_and_reads_back() -> None:
    m = _metadata()
    xml = gb.metadata_xml(m)
    assert validate(gb_schema(), parse_xml(xml)) == [] and gb.is_metadata(xml)
    assert gb.lees_metadata(xml) == m
    with pytest.raises(gb.OngeldigeInvoer, match="schema"):
        gb.lees_metadata(xml.replace(b"<gb:size>10</gb:size>", b"<gb:size>tien</gb:size>"))


def test_an_expired_file_is_not_fetched_at_all(tmp_path: Path) -> None:
    gevraagd: list[httpx.Request] = []

    def client() -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(lambda r: gevraagd.append(r) or httpx.Response(200)))

    with pytest.raises(gb.GrootBerichtFout) as info:
        gb.haal_op(client, _metadata(), tmp_path / "x.zip", dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    assert info.value.status == "FILE_NOT_FOUND" and gevraagd == []


@pytest.mark.parametrize(
    ("kop", "verwacht"),
    [(None, None), ("bytes=0-9", (0, 9)), ("bytes=5-", (5, 99)), ("bytes=-10", (90, 99))],
)
def test_a_range_is_read_as_rfc_7233_says(kop: str | None, verwacht: tuple[int, int] | None) -> None:
    assert gb.bereik(kop, 100) == verwacht


@pytest.mark.parametrize("kop", ["bytes=100-", "bytes=5-2", "items=0-1", "bytes=0-1,3-4"])
def test_a_range_that_cannot_be_served_is_refused(kop: str) -> None:
    with pytest.raises(ValueError):
        gb.bereik(kop, 100)


def test_the_plan_api_names_the_groot_bericht_path() -> None:
    assert planketen.PLAN_GROOT_BERICHT.startswith("/plansoftware/")


@pytest.mark.parametrize(
    ("antwoord", "status"),
    [
        (httpx.Response(200, content=b"0123456789ABC"), "INCORRECT_FILE_SIZE"),  # more than the metadata says
        (httpx.Response(200, content=b"012345678"), "INCORRECT_FILE_SIZE"),  # less
        (httpx.Response(200, content=b"0123456789"), "CHECKSUM_ERROR"),  # the size, other bytes
        (httpx.Response(503, text="onderhoud"), "UNKNOWN_ERROR"),
        (httpx.Response(410), "FILE_NOT_FOUND"),
    ],
    ids=["te-groot", "te-klein", "checksum", "503", "410"],
)
def test_the_client_holds_the_file_to_its_metadata(tmp_path: Path, antwoord: httpx.Response, status: str) -> None:
    m = _metadata(grootte=10, sha256=hashlib.sha256(b"9876543210").hexdigest())
    client = lambda: httpx.Client(transport=httpx.MockTransport(lambda r: antwoord))  # noqa: E731
    with pytest.raises(gb.GrootBerichtFout) as info:
        gb.haal_op(client, m, tmp_path / "o.zip", dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC))
    assert info.value.status == status
    goed = lambda: httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=b"9876543210")))  # noqa: E731
    assert (
        gb.haal_op(goed, m, tmp_path / "o.zip", dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC)).read_bytes()
        == b"9876543210"
    )
