"""Start and stop the served mocks as separate processes on 127.0.0.1 (for CI and for the tests).

Makes a test PKI and a profile file in a folder, picks free ports, starts ``python -m mocks serve
dso-lv`` and one ``serve vth`` per organisation, and waits (with a deadline) until each answers.
"""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from chain_tests.config import KetenConfig
from chain_tests.errors import ChainTestError
from chain_tests.served import ServedKeten
from mocks.__main__ import maak_pki
from mocks.beheer import FOUTEN
from mocks.dso_lv import Fouten

NAAM = "served-ci"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ServedMocks:
    map: Path
    config: KetenConfig = field(default_factory=KetenConfig)
    adapters: dict[str, str] = field(default_factory=dict)  # OIN → VTH adapter name in the profile
    processen: list[tuple[str, subprocess.Popen[bytes], Path]] = field(default_factory=list)
    urls: dict[str, str] = field(default_factory=dict)  # OIN → base URL

    @property
    def profiel(self) -> Path:
        return self.map / "ketentest.toml"

    def schrijf_profiel(self) -> None:
        pki = self.map / "pki"
        maak_pki(pki, self.config)
        self.urls = {
            o.oin: f"https://127.0.0.1:{_vrije_poort()}" for o in [self.config.dso_lv, *self.config.organisaties]
        }
        regels = [
            f"[omgevingen.{NAAM}]",
            'soort = "served"',
            f'ca = "{pki / "ca.pem"}"',
            f'certificaten = "{pki}"',
            "inspectie = true",
            f"[omgevingen.{NAAM}.dso_lv]",
            f'url = "{self.urls[self.config.dso_lv.oin]}"',
            f'api_key = "{self.config.api_key}"',
            f"[omgevingen.{NAAM}.tijden]",
            "poll_interval = 0.1",
            "deadline_zaak = 8.0",
            "ebms_retries = 3",
            "ebms_retry_interval = 0.5",
        ]
        for o in self.config.organisaties:
            regels += [
                f'[omgevingen.{NAAM}.vth."{o.oin}"]',
                f'url = "{self.urls[o.oin]}"',
                f'adapter = "{self.adapters.get(o.oin, "referentie")}"',
            ]
        self.profiel.write_text("\n".join(regels) + "\n", encoding="utf-8")

    def start(self, deadline: float = 30.0) -> None:
        self.map.mkdir(parents=True, exist_ok=True)
        self.schrijf_profiel()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        basis = [sys.executable, "-m", "mocks", "serve", "--omgeving", NAAM, "--profiel", str(self.profiel)]
        rollen: list[tuple[str, list[str]]] = [("dso-lv", [])] + [
            (f"vth-{o.oin}", ["--oin", o.oin]) for o in self.config.organisaties
        ]
        for naam, extra in rollen:
            log = self.map / f"{naam}.log"
            rol = "dso-lv" if naam == "dso-lv" else "vth"
            proces = subprocess.Popen(
                [*basis[:4], rol, *extra, *basis[4:]], stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env
            )
            self.processen.append((naam, proces, log))
        self._wacht_tot_gezond(deadline)

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
                    if httpx.get(url + "/_ketentest/gezond", verify=ca, timeout=1.0).status_code == 200:
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


def zet_fouten(omgeving: ServedKeten, fouten: Fouten) -> None:
    """Put faults into running served mocks through their /_ketentest/fouten endpoints."""
    data = dataclasses.asdict(fouten)
    vth = data.pop("vth")
    _put(omgeving, omgeving.config.dso_lv.base_url, data)
    for oin, vf in vth.items():
        _put(omgeving, omgeving.config.organisatie(oin).base_url, vf)


def herstel_fouten(omgeving: ServedKeten) -> None:
    for o in [omgeving.config.dso_lv, *omgeving.config.organisaties]:
        try:
            omgeving.beheer(o.base_url).delete(FOUTEN)
        except httpx.TransportError:  # a supplier's own system: no mock administration
            continue


def _put(omgeving: ServedKeten, base_url: str, data: dict[str, object]) -> None:
    r = omgeving.beheer(base_url).put(
        FOUTEN, content=json.dumps(data).encode(), headers={"Content-Type": "application/json"}
    )
    if r.status_code != 204:
        raise ChainTestError(
            f"Fouten instellen bij {base_url} mislukt: HTTP {r.status_code} {r.text}", code="KT-SERVE-FOUTEN"
        )
