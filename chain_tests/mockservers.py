"""Start and stop the served mocks as separate processes on 127.0.0.1 (for CI and for the tests).

Makes a test PKI in a folder, picks free ports, builds the profile (a :class:`~chain_tests.profiel.Profiel`
object) and writes it as JSON for the processes, starts ``python -m mocks serve dso-lv``, ``serve lvbb``,
``serve plansoftware`` and one ``serve vth`` per organisation (with this process's schema folders), waits
(with a deadline) until each answers, and hands back the profile.
"""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from chain_tests.config import KetenConfig, Tijden
from chain_tests.errors import ChainTestError
from chain_tests.pki import maak_test_pki
from chain_tests.profiel import Profiel
from chain_tests.standards import inspectie, schemas

NAAM = "served-ci"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class MockServers:
    map: Path
    config: KetenConfig = field(default_factory=KetenConfig)
    adapters: dict[str, str] = field(default_factory=dict)  # OIN → VTH adapter name in the profile
    processen: list[tuple[str, subprocess.Popen[bytes], Path]] = field(default_factory=list)
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

    @property
    def profiel_pad(self) -> Path:
        return self.map / "ketentest.json"

    def maak_profiel(self) -> Profiel:
        """The PKI, free ports, and the profile for them (also written as JSON for the server processes)."""
        pki = self.map / "pki"
        maak_test_pki(pki, self.config)
        self.urls = {
            o.oin: f"https://127.0.0.1:{_vrije_poort()}" for o in [*self.config.landelijk(), *self.config.organisaties]
        }
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
                "vth": {
                    o.oin: {"url": self.urls[o.oin], "adapter": self.adapters.get(o.oin, "referentie")}
                    for o in self.config.organisaties
                },
            }
        )
        inhoud = {"omgevingen": {NAAM: profiel.model_dump(mode="json", exclude_none=True)}}
        inhoud["omgevingen"][NAAM]["dso_lv"]["api_key"] = self.config.api_key  # a test key; SecretStr dumps as ****
        self.profiel_pad.write_text(__import__("json").dumps(inhoud, indent=2), encoding="utf-8")
        return profiel

    def start(self, deadline: float = 30.0) -> Profiel:
        self.map.mkdir(parents=True, exist_ok=True)
        profiel = self.maak_profiel()
        env = {**os.environ, **schemas.als_omgeving(), "PYTHONUNBUFFERED": "1"}
        basis = [sys.executable, "-m", "mocks", "serve"]
        opties = ["--omgeving", NAAM, "--profiel", str(self.profiel_pad)]
        rollen: list[tuple[str, list[str]]] = [
            ("dso-lv", ["dso-lv"]),
            ("lvbb", ["lvbb"]),
            ("plansoftware", ["plansoftware"]),
            ("lopende-zaken", ["lopende-zaken"]),
        ]
        rollen += [(f"vth-{o.oin}", ["vth", "--oin", o.oin]) for o in self.config.organisaties]
        for naam, rol in rollen:
            log = self.map / f"{naam}.log"
            proces = subprocess.Popen([*basis, *rol, *opties], stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env)
            self.processen.append((naam, proces, log))
        self._wacht_tot_gezond(deadline)
        return profiel

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
