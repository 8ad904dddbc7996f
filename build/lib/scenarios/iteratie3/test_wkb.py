"""Iteratie 3 – de Wkb-keten: bouwmelding, informatieplicht start bouw, gereedmelding en einde bouw als één
dossier, met de zaakstatus bij de burger in MijnOverheid Lopende Zaken.

The happy path checks what is specific to the dossier (one zaak holding four verzoeken, their verzoektypes,
what MijnOverheid shows); every casus file in ``casussen/wkb/`` — each Wkb negative a beheerder can add without
Python — is played as its own scenario.
"""

from __future__ import annotations

from pathlib import Path

import allure
import pytest

from chain_tests import Keten, casussen, laad_casus, scenario_titel, speel_casus
from scenarios._casusparams import casus_param, stapmarkers

CASUSSEN = Path(__file__).parents[1] / "casussen" / "wkb"
pytestmark = [pytest.mark.iteratie3]


@allure.feature("Wkb: Omgevingsloket → VTH-systeem → MijnOverheid Lopende Zaken")
@allure.title("Wkb – woning in Made: vier meldingen in één dossier, elke stap zichtbaar voor de burger")
@stapmarkers(CASUSSEN / "wkb-woning-made.yaml")
def test_wkb_dossier_van_bouwmelding_tot_einde_bouw(keten: Keten) -> None:
    uitkomst = speel_casus(keten, laad_casus(CASUSSEN / "wkb-woning-made.yaml"))

    assert uitkomst.wkb is not None
    zaken = uitkomst.wkb.zaken
    assert len({z.zaak_id for z in zaken}) == 1  # one dossier
    dossier = zaken[-1]
    nummers = [i.verzoeknummers[keten.config.organisatie("Drimmelen").oin] for i in uitkomst.wkb.indieningen]
    assert dossier.verzoeken == nummers and len(set(nummers)) == 4  # four separate verzoeken
    assert [i.aanvraag.verzoektype for i in uitkomst.wkb.indieningen] == [
        "Melding",
        "Informatie",
        "Melding",
        "Informatie",
    ]
    assert {i.project_id for i in uitkomst.wkb.indieningen} == {dossier.project_id}
    assert uitkomst.wkb.dossier.statussen == [
        "Bouwmelding ontvangen",
        "Start bouw gemeld",
        "Gereedmelding ontvangen",
        "Einde bouw gemeld",
    ]


@allure.feature("Casus van de functioneel beheerder (Wkb)")
@pytest.mark.parametrize("pad", [casus_param(p) for p in casussen(CASUSSEN)])
def test_casus_wkb(keten: Keten, pad: Path) -> None:
    scenario_titel(pad.stem)
    casus = laad_casus(pad)
    scenario_titel(casus.titel)
    uitkomst = speel_casus(keten, casus)

    assert (uitkomst.weigering is not None) == (casus.verwacht.uitkomst == "geweigerd")
