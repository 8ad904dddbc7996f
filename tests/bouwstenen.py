"""Builders for the tests' data, one place for each: the project's folders, the parties of the default keten
(taken from :class:`~chain_tests.config.KetenConfig`, never written out as OIN literals), casus files from
``scenarios/casussen/``, and ebMS messages as DSO-LV sends them, with any field overridden.

Test modules import what they need from here (``from tests.bouwstenen import DRIMMELEN, verzoeknotificatie``);
fixtures stay in ``tests/conftest.py``.
"""

from __future__ import annotations

import functools
from pathlib import Path

from chain_tests import variabelen
from chain_tests.casus import Casus, laad_casus
from chain_tests.config import KetenConfig
from chain_tests.standards import cpa
from chain_tests.standards.ebms import EbmsBericht, MimeDeel
from chain_tests.standards.ondertekening import verpak
from chain_tests.standards.sleutels import sleutelbos
from chain_tests.standards.stam import Verzoeknotificatie, notificatie_naar_xml

ROOT = Path(__file__).parents[1]
CASUSSEN = ROOT / "scenarios" / "casussen"
DOCS = ROOT / "docs"
DATA = Path(__file__).parent / "data"
#: The shared reference data (tests only); KETENTEST_REFERENTIE points elsewhere (e.g. under make mutatie).
REFERENTIE = Path(variabelen.lees(variabelen.REFERENTIE) or ROOT.parent / "shared" / "reference")

CONFIG = KetenConfig()
DSO = CONFIG.dso_lv.oin
LVBB = CONFIG.lvbb.oin
PLANSOFTWARE = CONFIG.plansoftware.oin
LOPENDE_ZAKEN = CONFIG.lopende_zaken.oin
DRIMMELEN = CONFIG.organisatie("Drimmelen").oin
LELYSTAD = CONFIG.organisatie("Lelystad").oin
OMWB = CONFIG.organisatie("OMWB").oin
BRABANTSE_DELTA = CONFIG.organisatie("Waterschap Brabantse Delta").oin
GEERTRUIDENBERG = CONFIG.organisatie("Geertruidenberg").oin
ONBEKEND = "00000001999999999000"  # an OIN that no party of the keten has

SERVICE = "urn:osb:services:dso:verzoeknotificatie:v1"
ACTION = "Verzoeknotificatie"


def casus(pad: str) -> Casus:
    """A shipped casus by its path under ``scenarios/casussen/`` (``iteratie1/kappen-boom-vergunningplicht``)."""
    return laad_casus(CASUSSEN / (pad if pad.endswith(".yaml") else pad + ".yaml"))


def vergunningplicht() -> Casus:
    """The casus most tests play: a tree felled with a permit, in Drimmelen."""
    return casus("iteratie1/kappen-boom-vergunningplicht")


def verzoeknotificatie(verzoeknummer: str = "3000001", **velden: object) -> EbmsBericht:
    """A verzoeknotificatie as DSO-LV sends it to Drimmelen's VTH system; any field of
    :class:`~chain_tests.standards.ebms.EbmsBericht` can be overridden (``van_oin=LELYSTAD``, ``payloads=[…]``)."""
    naar = str(velden.get("naar_oin", DRIMMELEN))
    notificatie = notificatie_naar_xml(Verzoeknotificatie(verzoeknummer=verzoeknummer, bevoegd_gezag_oin=naar))
    alle = overeenkomsten()
    naam = cpa.VERZOEKNOTIFICATIE[0]
    overeenkomst = alle.get(cpa.cpa_id(naam, DSO, naar)) or alle[cpa.cpa_id(naam, DSO, DRIMMELEN)]  # a bad OIN too
    delen = velden.pop("payloads", [MimeDeel("n@dso", "application/xml", notificatie)])
    return cpa.bericht(overeenkomst, DSO, ACTION, delen, **({"conversation_id": "c1", "naar_oin": naar} | velden))  # type: ignore[arg-type]


def volgens_cpa(naam: str, van: str, naar: str, actie: str, payloads: list[MimeDeel], **velden: object) -> EbmsBericht:
    """A user message of exchange ``naam`` (a CPA name of :mod:`chain_tests.standards.cpa`) as the agreement has it."""
    return cpa.bericht(overeenkomsten()[cpa.cpa_id(naam, van, naar)], van, actie, payloads, **velden)


@functools.cache
def overeenkomsten() -> dict[str, cpa.Overeenkomst]:
    """The CPAs of the default keten (what every mock party agrees with the others)."""
    return cpa.overeenkomsten(KetenConfig())


def verpakt(bericht: EbmsBericht, config: KetenConfig | None = None) -> tuple[dict[str, str], bytes]:
    """Headers and bytes of a message as its sender puts it on the wire: signed per its CPA (osb-rm-s) with the
    sender's key from the configuration's keyring (offline: this process's test CA)."""
    config = config or KetenConfig()
    return verpak(bericht, cpa.overeenkomsten(config), sleutelbos(config))


def gegenereerd_sha256(naam: str, grootte: int, *, eerste_byte_omgedraaid: bool = False) -> str:
    """The sha256 of the content the harness generates for a bijlage (``grootte`` in a casus), optionally with its
    first byte flipped as the faulty VTH stores it (VthFouten.verminkt_bijlage)."""
    import hashlib

    from chain_tests.keten.model import BijlageBron

    data = b"".join(BijlageBron(naam=naam, grootte=grootte).chunks())
    if eerste_byte_omgedraaid:
        data = bytes([data[0] ^ 0xFF]) + data[1:]
    return hashlib.sha256(data).hexdigest()


#: our own small IMOW waardelijsten file, in Geonovum's shape (the values the tests' packages use; one deprecated)
TESTWAARDELIJSTEN = ROOT / "tests" / "data" / "waardelijsten-test.json"
