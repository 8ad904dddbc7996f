"""Many verzoeken under faults (python -m chain_tests belasting): none lost unseen, none doubled,
every verzoek lost by design located by a finding; and the trace stays bounded in a long run."""

from __future__ import annotations

from datetime import UTC, datetime

from chain_tests.belasting import belast
from chain_tests.cli import main
from chain_tests.trace import Trace


def test_verzoeken_under_faults_end_as_one_zaak_or_a_located_finding() -> None:
    uitslag = belast(60, 0.5, zaad=3)
    assert uitslag.verzoeken == 60 and sum(uitslag.fouten.values()) >= 20  # the faults were really there
    assert (uitslag.verloren, uitslag.dubbel) == (0, 0)
    assert dict(uitslag.gevonden) == (
        {"KB-STIL-VERLOREN": uitslag.fouten["stil-verloren"]} if uitslag.fouten["stil-verloren"] else {}
    )
    assert uitslag.zaken + sum(uitslag.gevonden.values()) == 60
    assert len(uitslag.tijden) == 60 and "verloren zonder bevinding: 0" in "\n".join(uitslag.regels())


def test_the_same_seed_injects_the_same_faults() -> None:
    assert belast(25, 0.4, zaad=7).fouten == belast(25, 0.4, zaad=7).fouten


def test_the_command_refuses_nonsense_with_a_dutch_message(capsys: object) -> None:
    assert main(["belasting", "--verzoeken", "0"]) == 2
    assert "--verzoeken moet minstens 1 zijn" in capsys.readouterr().err  # type: ignore[attr-defined]


def test_a_long_trace_keeps_its_lines_and_only_the_newest_bodies() -> None:
    trace = Trace(bodies_bewaard=250)
    for i in range(10):
        trace.voeg_toe(
            van="a",
            naar="b",
            soort="s",
            methode="GET",
            pad="/",
            status=200,
            ids={"i": str(i)},
            bytes_verzonden=60,
            bytes_ontvangen=40,
            verzoek=b"v" * 60,
            antwoord=b"a" * 40,
            tijd=datetime.now(UTC),
        )
    assert [r.volgnummer for r in trace.regels] == list(range(1, 11))  # every line stays
    bewaard = [r.volgnummer for r in trace.regels if r.verzoek is not None]
    assert bewaard == [9, 10]  # 2 × 100 bytes fit 250; the older ones lost their bodies only
    assert all(r.antwoord is None for r in trace.regels[:8]) and trace.regels[-1].antwoord == b"a" * 40
    assert sum(len(r.verzoek or b"") + len(r.antwoord or b"") for r in trace.regels) <= 250


def test_neither_a_run_nor_stopped_servers_leave_folders_behind(tmp_path: object, monkeypatch: object) -> None:
    """The mocks' stores live under one folder per process, removed when it ends (SIGTERM too)."""
    import subprocess
    import sys
    from pathlib import Path

    from chain_tests.mockservers import MockServers

    tmp = Path(str(tmp_path)) / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))  # type: ignore[attr-defined]
    code = "from chain_tests.belasting import belast; belast(3, 0.0, 1)"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120, env={**__import__("os").environ})
    servers = MockServers(Path(str(tmp_path)) / "served")
    servers.start()
    assert any(tmp.glob("ketentest-mocks-*"))  # the running servers keep their stores here
    servers.stop()
    assert list(tmp.iterdir()) == []
