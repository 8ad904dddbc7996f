"""The served mocks, party by party: DSO-LV, the LVBB, the plansoftware and MijnOverheid Lopende Zaken each as
one server, each reference VTH as its own (the composition root of ``python -m mocks serve``).

Trace: every mock records the requests it *sends* (its traced client marks them ``x-ketentest-bron: mock``)
and the requests it receives from a party that is not a ketentest mock (a supplier's system); so every hop
is in exactly one mock's trace, and the harness merges them all.
"""

from __future__ import annotations

from chain_tests.klok import Systeemklok
from chain_tests.standards import api, cpa
from chain_tests.standards.inspectie import Fouten, LvbbFouten, VthFouten
from chain_tests.standards.sleutels import sleutelbos
from chain_tests.trace import Trace
from mocks._infra import beheer
from mocks._infra.asgi import PartijApp
from mocks._infra.routing import MockPartij
from mocks._infra.server import TRACE_REGELS, Dienst, Serveerconfig, bediend, certificaat, client_factory, poort
from mocks.dso_lv.partij import DsoLv, adresboek
from mocks.dso_lv.verzoeken import Verzoekregister
from mocks.lopendezaken.partij import LopendeZakenMock
from mocks.lvbb.partij import LvbbMock
from mocks.plansoftware.partij import ReferentiePlansoftware
from mocks.vth.partij import ReferentieVth


def dso_lv(instellingen: Serveerconfig) -> tuple[Dienst, DsoLv]:
    config = instellingen.keten
    trace = Trace(partijen=config.partijnamen(), max_regels=TRACE_REGELS)
    fouten = Fouten()
    client = client_factory(instellingen, config.dso_lv, trace)
    ozon = client_factory(instellingen, config.dso_lv, trace, van="OZON")
    register = Verzoekregister()

    def nieuw(register: Verzoekregister) -> DsoLv:
        ozon_client = lambda: ozon(config.dso_lv.base_url)  # noqa: E731
        return DsoLv(config, fouten, Systeemklok(), client, adresboek(config), register, ozon_client)

    huidig = [nieuw(register)]

    def zet(data: bytes) -> None:
        nieuw = Fouten.model_validate_json(data)  # a bad body is refused (HTTP 400, naming the field)
        if nieuw.vth or nieuw.verbindingen or nieuw.lvbb != LvbbFouten():
            raise ValueError(
                "vth-, lvbb- en verbindingsfouten horen niet bij DSO-LV; zet ze bij het VTH-systeem of de LVBB"
            )
        fouten.neem_over(nieuw)

    def partij() -> MockPartij:
        p = huidig[0].partij()
        p.voeg_toe(beheer.routes(p.naam, p.oin, trace, zet, lambda: fouten.neem_over(Fouten()), wis))
        return p

    def wis() -> None:
        """Fresh mocks (the verzoeknummer counter and the message log carry on)."""
        huidig[0].sluit()
        huidig[0] = nieuw(Verzoekregister(_nummers=register._nummers))
        app.vervang(partij())

    app = PartijApp(partij(), trace, config.oin_namen(), instellingen.beheer_token, instellingen.mocks)
    dienst = Dienst(
        app, poort(config.dso_lv.base_url), certificaat(instellingen, config.dso_lv), lambda: huidig[0].werk()
    )
    return dienst, huidig[0]


def vth(instellingen: Serveerconfig, sleutel: str) -> tuple[Dienst, ReferentieVth]:
    config = instellingen.keten
    o = config.organisatie(sleutel)
    trace = Trace(partijen=config.partijnamen(), max_regels=TRACE_REGELS)
    client = client_factory(instellingen, o, trace)
    dso = config.dso_lv.base_url
    fouten = VthFouten()

    def maak() -> ReferentieVth:
        return ReferentieVth(
            f"VTH-systeem {o.naam}",
            o.oin,
            o.base_url,
            config.dso_lv.oin,
            dso,
            afhandelen_client=lambda: client(dso),
            dso_client=lambda: client(),
            klok=Systeemklok(),
            tijden=config.tijden,
            grenzen=config.grenzen,
            fouten=fouten,
            lopende_zaken=(config.lopende_zaken.oin, config.lopende_zaken.base_url + api.EBMS),
            zaakdossier_url=o.zaakdossier_url,
            cpas=cpa.overeenkomsten(config),
            sleutels=sleutelbos(config),
        )

    return bediend(instellingen, o, trace, maak, fouten)


def lvbb(instellingen: Serveerconfig) -> tuple[Dienst, LvbbMock]:
    config = instellingen.keten
    trace = Trace(partijen=config.partijnamen(), max_regels=TRACE_REGELS)
    client = client_factory(instellingen, config.lvbb, trace)
    fouten = LvbbFouten()

    def maak() -> LvbbMock:
        return LvbbMock(config, Systeemklok(), lambda: client(), lambda: client(config.dso_lv.base_url), fouten)

    return bediend(instellingen, config.lvbb, trace, maak, fouten)


def plansoftware(instellingen: Serveerconfig) -> tuple[Dienst, ReferentiePlansoftware]:
    config = instellingen.keten
    trace = Trace(partijen=config.partijnamen(), max_regels=TRACE_REGELS)
    client = client_factory(instellingen, config.plansoftware, trace)
    return bediend(
        instellingen,
        config.plansoftware,
        trace,
        lambda: ReferentiePlansoftware(config, Systeemklok(), lambda: client()),
        None,
    )


def lopende_zaken(instellingen: Serveerconfig) -> tuple[Dienst, LopendeZakenMock]:
    config = instellingen.keten
    trace = Trace(partijen=config.partijnamen(), max_regels=TRACE_REGELS)
    client = client_factory(instellingen, config.lopende_zaken, trace)
    return bediend(
        instellingen,
        config.lopende_zaken,
        trace,
        lambda: LopendeZakenMock(config, Systeemklok(), lambda: client()),
        None,
    )
