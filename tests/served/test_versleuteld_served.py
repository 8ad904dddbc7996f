"""osb-rm-e across processes: the served mocks sign and encrypt with the keys of their own PKI folder, and a
casus runs green with no plain payload on the wire."""

from __future__ import annotations

from pathlib import Path

from chain_tests.casus import laad_casus
from chain_tests.keten import Keten
from chain_tests.mockservers import NAAM, MockServers
from chain_tests.profiel import laad_profiel
from chain_tests.scenario import speel_casus
from chain_tests.served import ServedKeten
from tests.bouwstenen import ROOT


def test_a_casus_runs_served_on_osb_rm_e(tmp_path: Path) -> None:
    servers = MockServers(tmp_path / "mocks", ebms_profiel="osb-rm-e")
    servers.start()
    try:
        _, profiel = laad_profiel(NAAM, servers.profiel_pad)
        omgeving = ServedKeten(profiel)
        try:
            casus = laad_casus(ROOT / "scenarios/casussen/iteratie1/kappen-boom-vergunningplicht.yaml")
            speel_casus(Keten(omgeving), casus)
            berichten = [r.verzoek or b"" for r in omgeving.trace.regels if r.ids.get("Action") == "Verzoeknotificatie"]
        finally:
            omgeving.sluit()
    finally:
        servers.stop()
    assert berichten and all(b"xenc:EncryptedData" in b and b"ds:Signature" in b for b in berichten)
