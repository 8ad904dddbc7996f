"""The launcher of the served parties (``python -m mocks partijen``, used by MockServers): one process per party,
each stoppable on its own, a party that cannot start named with its exit code and log, and nothing left running
when the caller goes away."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from chain_tests import mockservers
from chain_tests.config import KetenConfig
from chain_tests.errors import ChainTestError
from chain_tests.mockservers import MockServers


def _leeft(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


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
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DSO-LV's certificate is missing from the PKI: its process stops at once, and the error says which party,
    with its exit code and the first lines of its own log."""
    maak = mockservers.maak_test_pki

    def zonder_dso(map_: Path, config: KetenConfig) -> None:
        maak(map_, config)
        (map_ / f"{config.dso_lv.oin}.pem").unlink()

    monkeypatch.setattr(mockservers, "maak_test_pki", zonder_dso)
    servers = MockServers(tmp_path)
    with pytest.raises(ChainTestError) as info:
        servers.start()
    assert info.value.code == "KT-SERVE-START"
    assert "Mock-server dso-lv stopte meteen (exitcode 2)" in str(info.value)
    assert "[KT-SERVE-CERT] Geen certificaat voor DSO" in str(info.value)  # the party's own log, not the launcher's
    assert servers.processen == [] and servers._starter is None


def test_a_port_stays_with_its_party_from_the_start() -> None:
    """The launcher's ports are listening sockets from the moment the profile names them: nothing else can bind
    them in between (the race that made a served test fail now and then)."""
    servers = MockServers(Path("/nonexistent"))
    s = mockservers._luisterende_socket()
    try:
        poort = s.getsockname()[1]
        with socket.socket() as ander, pytest.raises(OSError):
            ander.bind(("127.0.0.1", poort))
    finally:
        s.close()
    assert servers.sockets == {}


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
