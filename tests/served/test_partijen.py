"""The launcher of the served parties (``python -m mocks partijen``, used by MockServers): one process per party,
each stoppable on its own, a party that cannot start named with its exit code and log, and nothing left running
when the caller goes away."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from chain_tests import mockservers
from chain_tests.errors import ChainTestError
from chain_tests.mockservers import MockServers


def _leeft(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def bezette_poort() -> Iterator[socket.socket]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s


def test_each_party_is_its_own_process_and_stops_alone(tmp_path: Path) -> None:
    servers = MockServers(tmp_path)
    servers.start()
    try:
        pids = {naam: p.pid for naam, p, _ in servers.processen}
        assert len(set(pids.values())) == len(pids) == 4 + len(servers.config.organisaties)
        assert all(_leeft(pid) for pid in pids.values()) and os.getpid() not in pids.values()
        naam, vth, _ = servers.processen[-1]
        vth.terminate()
        assert vth.wait(timeout=10) == 0  # SIGTERM is a normal exit for a served party
        assert all(_leeft(p.pid) for n, p, _ in servers.processen if n != naam)
    finally:
        servers.stop()
    assert not any(_leeft(pid) for pid in pids.values())


def test_a_party_that_cannot_start_is_named_with_its_exit_code_and_log(
    tmp_path: Path, bezette_poort: socket.socket, monkeypatch: pytest.MonkeyPatch
) -> None:
    poorten = iter([int(bezette_poort.getsockname()[1])])
    vrij = mockservers._vrije_poort
    monkeypatch.setattr(mockservers, "_vrije_poort", lambda: next(poorten, None) or vrij())
    servers = MockServers(tmp_path)
    with pytest.raises(ChainTestError) as info:
        servers.start()
    assert info.value.code == "KT-SERVE-START"
    assert "Mock-server dso-lv stopte meteen (exitcode 2)" in str(info.value)
    assert "kan niet luisteren" in str(info.value)  # the party's own log, not the launcher's
    assert servers.processen == [] and servers._starter is None


def test_when_the_caller_goes_away_every_party_ends(tmp_path: Path) -> None:
    servers = MockServers(tmp_path)
    servers.start()
    pids = [p.pid for _, p, _ in servers.processen]
    starter = servers._starter
    assert starter is not None and starter.stdin is not None
    starter.stdin.close()  # as when pytest is killed: the pipe closes
    assert starter.wait(timeout=15) == 0
    assert not any(_leeft(pid) for pid in pids)
    assert all(p.wait(timeout=5) == 0 for _, p, _ in servers.processen)  # each exit reported, none lost
    servers.stop()


def test_a_bad_order_is_refused_in_dutch() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mocks", "partijen"], input="geen json\n", capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 2
    assert "de eerste regel op stdin is geen geldige opdracht" in run.stderr
