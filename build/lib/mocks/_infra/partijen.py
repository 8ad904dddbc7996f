"""``python -m mocks partijen``: start several served parties, each in its own process, from one import.

Starting a party as ``python -m mocks serve …`` costs about 1.5 s of CPU, nearly all of it importing; the
harness's own served tests start eleven parties at a time. This launcher imports once and forks one child per
party, so every party still runs in its own process (one can be stopped or crash while the others go on, as in
the real keten) and the start-up costs one import instead of eleven.

Protocol, over the launcher's standard streams (used by :class:`chain_tests.mockservers.MockServers`):

- stdin, first line: JSON ``{"partijen": [{"naam": …, "argv": [<python -m mocks arguments>], "log": <file>,
  "fds": [<file descriptors>]}]}``; each child runs ``python -m mocks <argv>`` with its output in ``log``, keeping
  its own ``fds`` (listening sockets the caller handed over) and closing every other party's;
- stdout: one JSON line per child when it starts (``{"naam", "pid"}``) and when it ends (``{"naam", "exit"}``);
- end of stdin (the caller went away) or SIGTERM: every child gets SIGTERM; the launcher ends when they have.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

Start = Callable[[list[str]], int]


def _meld(regel: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(regel) + "\n")
    sys.stdout.flush()


def _kind(partij: dict[str, Any], start: Start, andermans: set[int]) -> None:
    """In the forked child: output to the party's log, default signals, only its own sockets, run it, then exit
    (never returns). Another party's listening socket left open here would keep that port answering (queueing
    connections) after that party stopped."""
    code = 1
    try:
        for fd in andermans:
            with contextlib.suppress(OSError):
                os.close(fd)
        log = os.open(partij["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        leeg = os.open(os.devnull, os.O_RDONLY)
        os.dup2(leeg, 0)
        os.close(leeg)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        code = start([str(a) for a in partij["argv"]])
    except SystemExit as exc:  # argparse refusing an argument
        code = exc.code if isinstance(exc.code, int) else 2
    except BaseException:  # whatever happens, the child must not return into the launcher
        traceback.print_exc()
    finally:
        atexit._run_exitfuncs()  # the party's stores are removed as on a normal exit (mocks._infra.opslag)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _stop(kinderen: dict[int, str]) -> None:
    for pid in list(kinderen):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)


def _stop_bij_einde_invoer(kinderen: dict[int, str]) -> None:
    sys.stdin.read()
    _stop(kinderen)


def main(start: Start) -> int:
    """Read the parties from stdin, fork one child each, report their pids and exits until all have ended."""
    regel = sys.stdin.readline()
    try:
        partijen = json.loads(regel)["partijen"]
    except (ValueError, KeyError, TypeError) as exc:
        print(f"partijen: de eerste regel op stdin is geen geldige opdracht ({exc}).", file=sys.stderr)
        return 2
    kinderen: dict[int, str] = {}
    alle_fds = {int(fd) for partij in partijen for fd in partij.get("fds", [])}
    for partij in partijen:
        pid = os.fork()
        if pid == 0:
            _kind(partij, start, alle_fds - {int(fd) for fd in partij.get("fds", [])})
        kinderen[pid] = str(partij["naam"])
        _meld({"naam": partij["naam"], "pid": pid})
    for fd in alle_fds:  # each child has its own now; a port closes when its party ends
        with contextlib.suppress(OSError):
            os.close(fd)
    signal.signal(signal.SIGTERM, lambda signum, frame: _stop(kinderen))
    threading.Thread(target=_stop_bij_einde_invoer, args=(kinderen,), daemon=True).start()
    while kinderen:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        naam = kinderen.pop(pid, None)
        if naam is not None:
            _meld({"naam": naam, "exit": os.waitstatus_to_exitcode(status)})
    return 0
