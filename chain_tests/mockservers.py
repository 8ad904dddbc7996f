"""Start and stop the served mocks as separate processes on 127.0.0.1 (for CI and for the tests).

Makes a test PKI in a folder, opens a listening socket per party on a free port (handed to that party's process,
so no other program can take the port between choosing and listening), builds the profile (a
:class:`~chain_tests.profiel.Profiel` object) and writes it as JSON for the processes, starts ``serve dso-lv``,
``serve lvbb``, ``serve plansoftware``, ``serve lopende-zaken`` and one ``serve vth`` per organisation (with this
process's schema folders), each party its own process, forked by one ``python -m mocks partijen`` launcher (one
import instead of one per party), waits (with a deadline) until each answers, and hands back the profile.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from chain_tests.config import EbmsProfiel, Grenzen, KetenConfig, Tijden
from chain_tests.errors import ChainTestError
from chain_tests.pki import maak_test_pki
from chain_tests.profiel import Profiel
from chain_tests.standards import inspectie, schemas

NAAM = "served-ci"


class Partijproces:
    """One served party: a process forked by the launcher. Like :class:`subprocess.Popen` for what the tests
    use (``poll``, ``returncode``, ``terminate``, ``kill``, ``wait``); its exit is reported by the launcher."""

    def __init__(self, naam: str, pid: int) -> None:
        self.naam, self.pid = naam, pid
        self.returncode: int | None = None
        self._klaar = threading.Event()

    def _geeindigd(self, code: int) -> None:
        self.returncode = code
        self._klaar.set()

    def poll(self) -> int | None:
        return self.returncode

    def _signaal(self, signum: int) -> None:
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signum)

    def terminate(self) -> None:
        self._signaal(signal.SIGTERM)

    def kill(self) -> None:
        self._signaal(signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        if not self._klaar.wait(timeout):
            raise subprocess.TimeoutExpired(f"mocks partij {self.naam}", timeout or 0.0)
        assert self.returncode is not None
        return self.returncode


def _luisterende_socket() -> socket.socket:
    """A socket bound to a free port on 127.0.0.1 and listening; the party's process serves on it."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen(128)
    s.set_inheritable(True)
    return s


@dataclass
class MockServers:
    map: Path
    config: KetenConfig = field(default_factory=KetenConfig)
    adapters: dict[str, str] = field(default_factory=dict)  # OIN → VTH adapter name in the profile
    #: OIN → the profile entry of a supplier's own VTH system that takes the place of the reference VTH (its
    #: ``url`` at least; it is not started here, and is marked as no ketentest mock)
    eigen: dict[str, dict[str, object]] = field(default_factory=dict)
    ebms_profiel: EbmsProfiel | None = None  # the Digikoppeling profile of the keten (default: osb-rm-s, signed)
    grenzen: Grenzen | None = None  # the size bounds of the served mocks (default: Grenzen())
    processen: list[tuple[str, Partijproces, Path]] = field(default_factory=list)
    urls: dict[str, str] = field(default_factory=dict)  # OIN → base URL
    tijden: Tijden = field(
        default_factory=lambda: Tijden(
            poll_interval=0.1,
            deadline_zaak=8.0,
            ebms_retries=3,
            ebms_retry_interval=0.5,
            ophaal_interval=0.2,
            ophaal_max_interval=1.0,
            ophaal_deadline=20.0,
            ozon_vertraging=0.5,
            deadline_plan=20.0,
        )
    )

    sockets: dict[str, socket.socket] = field(default_factory=dict, repr=False)  # OIN → its listening socket
    _starter: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    _gestart: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def profiel_pad(self) -> Path:
        return self.map / "ketentest.json"

    def maak_profiel(self) -> Profiel:
        """The PKI, a listening socket per party, and the profile for them (also written as JSON for the server
        processes)."""
        pki = self.map / "pki"
        maak_test_pki(pki, self.config)
        self.sluit_sockets()
        partijen = [o for o in [*self.config.landelijk(), *self.config.organisaties] if o.oin not in self.eigen]
        self.sockets = {o.oin: _luisterende_socket() for o in partijen}
        self.urls = {oin: f"https://127.0.0.1:{s.getsockname()[1]}" for oin, s in self.sockets.items()}
        profiel = Profiel.model_validate(
            {
                "soort": "served",
                "ca": pki / "ca.pem",
                "certificaten": pki,
                "inspectie": True,
                "dso_lv": {"url": self.urls[self.config.dso_lv.oin], "api_key": self.config.api_key},
                "lvbb": {"url": self.urls[self.config.lvbb.oin]},
                "plansoftware": {"url": self.urls[self.config.plansoftware.oin]},
                "lopende_zaken": {"url": self.urls[self.config.lopende_zaken.oin]},
                "tijden": self.tijden,
                **({"ebms_profiel": self.ebms_profiel} if self.ebms_profiel else {}),
                **({"grenzen": self.grenzen} if self.grenzen else {}),
                "vth": {
                    o.oin: (self.eigen.get(o.oin) and {"inspectie": False, **self.eigen[o.oin]})
                    or {"url": self.urls[o.oin], "adapter": self.adapters.get(o.oin, "referentie")}
                    for o in self.config.organisaties
                },
            }
        )
        inhoud = {"profielen": {NAAM: profiel.model_dump(mode="json", exclude_none=True)}}
        inhoud["profielen"][NAAM]["dso_lv"]["api_key"] = self.config.api_key  # a test key; SecretStr dumps as ****
        self.profiel_pad.write_text(json.dumps(inhoud, indent=2), encoding="utf-8")
        return profiel

    def start(self, deadline: float = 30.0) -> Profiel:
        self.map.mkdir(parents=True, exist_ok=True)
        profiel = self.maak_profiel()
        env = {**os.environ, **schemas.als_omgeving(), "PYTHONUNBUFFERED": "1"}
        opties = ["--omgeving", NAAM, "--profiel", str(self.profiel_pad)]
        c = self.config
        rollen: list[tuple[str, list[str], str]] = [
            ("dso-lv", ["dso-lv"], c.dso_lv.oin),
            ("lvbb", ["lvbb"], c.lvbb.oin),
            ("plansoftware", ["plansoftware"], c.plansoftware.oin),
            ("lopende-zaken", ["lopende-zaken"], c.lopende_zaken.oin),
        ]
        rollen += [(f"vth-{o.oin}", ["vth", "--oin", o.oin], o.oin) for o in c.organisaties if o.oin not in self.eigen]
        logs = {naam: self.map / f"{naam}.log" for naam, _, _ in rollen}
        opdracht = [self._partij(n, rol, oin, opties, logs[n]) for n, rol, oin in rollen]
        self._starter = subprocess.Popen(
            [sys.executable, "-m", "mocks", "partijen"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=(self.map / "partijen.log").open("wb"),
            env=env,
            pass_fds=[s.fileno() for s in self.sockets.values()],
        )
        self.sluit_sockets()  # the parties hold them now
        assert self._starter.stdin is not None and self._starter.stdout is not None
        self._starter.stdin.write((json.dumps({"partijen": opdracht}) + "\n").encode())
        self._starter.stdin.flush()
        per_naam = self._lees_pids(len(rollen), deadline)
        self.processen.extend((n, per_naam[n], logs[n]) for n, _, _ in rollen)
        self._wacht_tot_gezond(deadline)
        return profiel

    def _partij(self, naam: str, rol: list[str], oin: str, opties: list[str], log: Path) -> dict[str, object]:
        s = self.sockets[oin]
        poort = s.getsockname()[1]
        argv = ["serve", *rol, *opties, "--socket", f"{poort}={s.fileno()}"]
        return {"naam": naam, "argv": argv, "log": str(log), "fds": [s.fileno()]}

    def sluit_sockets(self) -> None:
        for s in self.sockets.values():
            s.close()
        self.sockets = {}

    def _lees_pids(self, aantal: int, deadline: float) -> dict[str, Partijproces]:
        """The launcher's first lines: one pid per party; then a thread follows the exits it reports."""
        assert self._starter is not None and self._starter.stdout is not None
        uit = self._starter.stdout
        per_naam: dict[str, Partijproces] = {}
        lezer = threading.Thread(target=self._volg, args=(uit, per_naam, aantal), daemon=True)
        lezer.start()
        if not self._gestart.wait(deadline) or len(per_naam) < aantal:
            log = (self.map / "partijen.log").read_text(errors="replace")[-2000:]
            self.stop()
            raise ChainTestError(f"De mock-partijen startten niet binnen {deadline:g} s:\n{log}", code="KT-SERVE-START")
        return per_naam

    def _volg(self, uit: IO[bytes], per_naam: dict[str, Partijproces], aantal: int) -> None:
        for regel in uit:
            melding = json.loads(regel)
            if "pid" in melding:
                per_naam[melding["naam"]] = Partijproces(melding["naam"], int(melding["pid"]))
                if len(per_naam) == aantal:
                    self._gestart.set()
            elif melding["naam"] in per_naam:
                per_naam[melding["naam"]]._geeindigd(int(melding["exit"]))
        self._gestart.set()  # the launcher ended: whoever waits for the pids stops waiting
        for proces in per_naam.values():
            if proces.returncode is None:
                proces._geeindigd(-signal.SIGKILL)

    def _wacht_tot_gezond(self, deadline: float) -> None:
        eind = time.monotonic() + deadline
        ca = ssl.create_default_context(cafile=str(self.map / "pki" / "ca.pem"))
        for (naam, proces, log), url in zip(self.processen, self.urls.values(), strict=True):
            while True:
                if proces.poll() is not None:
                    self.stop()
                    raise ChainTestError(
                        f"Mock-server {naam} stopte meteen (exitcode {proces.returncode}):\n{log.read_text()[-2000:]}",
                        code="KT-SERVE-START",
                    )
                try:
                    if httpx.get(url + inspectie.GEZOND, verify=ca, timeout=1.0).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > eind:
                    self.stop()
                    raise ChainTestError(
                        f"Mock-server {naam} ({url}) antwoordde niet binnen {deadline:g} s:\n{log.read_text()[-2000:]}",
                        code="KT-SERVE-START",
                    )
                time.sleep(0.1)

    def stop(self) -> None:
        for _, proces, _ in self.processen:
            proces.terminate()
        for _, proces, _ in self.processen:
            try:
                proces.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proces.kill()
        self.processen.clear()
        if self._starter is not None:
            if self._starter.stdin is not None:
                self._starter.stdin.close()  # the launcher stops what is left and ends
            try:
                self._starter.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._starter.kill()
                self._starter.wait()
            self._starter = None
