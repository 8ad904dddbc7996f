"""The ketentest pytest plugin (entry point ``pytest11``): options, markers, fixtures, report wiring.

No domain logic here: the keten lives in :mod:`chain_tests.keten`, the mocks in :mod:`mocks`.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter, defaultdict
from collections.abc import Generator, Iterator
from pathlib import Path

import allure
import allure_commons
import pytest

from chain_tests.casus import bundelbestanden
from chain_tests.config import KetenConfig
from chain_tests.errors import ChainTestError, ConfiguratieFout, KetenBevinding
from chain_tests.herhaal import bouw_omgeving
from chain_tests.keten import Keten
from chain_tests.mockservers import NAAM, MockServers
from chain_tests.omgeving import KetenOmgeving
from chain_tests.preflight import controleer, rapport
from chain_tests.privacy import maskeer
from chain_tests.profiel import Profiel, laad_profiel
from chain_tests.reporting import verslag, voortgang
from chain_tests.reporting.bevindingen import Register
from chain_tests.reporting.bundel import Bundelinhoud, bundelnaam, maak_bundel
from chain_tests.reporting.diagram import volgordediagram
from chain_tests.reporting.lege_run import schrijf_gebroken
from chain_tests.reporting.verslag import trace_html, voeg_bij
from chain_tests.reporting.voorbereiding import Voorbereiding
from chain_tests.served import ServedKeten
from chain_tests.standards import schemas
from chain_tests.standards.inspectie import Fouten
from chain_tests.standards.schemas import IMOW_SCHEMA_ENV, LVBB_SCHEMA_ENV, STOP_SCHEMA_ENV, STTR_SCHEMA_ENV
from chain_tests.trace import TraceRegel

ITERATIES = {
    1: "Iteratie 1: toepasbare regel kappen van een boom, aanvraag, aankomst in het VTH-systeem (stap 5–9)",
    2: "Iteratie 2: behandeldienst, meervoudige aanvraag, advies buurgemeente (stap 8–11)",
    3: "Iteratie 3: Wkb-keten en omgevingsplan publiceren (stap 1–9)",
}
STAPPEN = {
    1: "Omgevingsplan(wijziging) opstellen in de plansoftware",
    2: "Valideren bij de LVBB",
    3: "Publiceren bij de LVBB",
    4: "Controleren in het DSO (OZON, functionele structuur)",
    5: "Activiteit toepasbaar maken in het RTR",
    6: "Toepasbare regels opstellen en verifiëren (STTR)",
    7: "Toepasbare regels aanleveren (publiceren)",
    8: "Vergunningcheck doen en aanvraag of melding indienen in het Omgevingsloket",
    9: "Verzoeknotificatie via Digikoppeling ontvangen, verzoek en bijlagen ophalen: zaak in het VTH-systeem",
    10: "Doorzetten naar behandeldienst of ketenpartner",
    11: "Samenwerken: advies vragen en leveren",
}
REGISTER = pytest.StashKey[Register]()
VOORBEREIDING = pytest.StashKey[Voorbereiding]()
BUNDEL = pytest.StashKey[Path]()
STAPMARKERS = pytest.StashKey[list[str]]()
#: Schema folders the product does not ship (no licence): option/ini name → (environment variable, what).
SCHEMAMAPPEN = {
    "sttr": (STTR_SCHEMA_ENV, "STTR v1.0 XSD's"),
    "lvbb": (LVBB_SCHEMA_ENV, "LVBB-transportschema's (lvbb-transport.xsd, stop_toevoeging.xsd)"),
    "imow": (IMOW_SCHEMA_ENV, "IMOW-schema's (bestanden-ow/…)"),
    "stop": (STOP_SCHEMA_ENV, "STOP-schema's (lvbb-stop-aanlevering.xsd, imop-geo.xsd)"),
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ketentest", "ketentest: DSO-keten")
    for soort, (env, wat) in SCHEMAMAPPEN.items():
        group.addoption(
            f"--{soort}-schemas",
            dest=f"{soort}_schemas",
            default=None,
            help=f"map met de {wat} (of zet {env}); ini: {soort}_schemas",
        )
    group.addoption(
        "--strikte-stapmarkers",
        action="store_true",
        help="een geslaagd scenario waarvan de stapN-markers niet overeenkomen met de stappen die het liep, "
        "faalt (zonder deze optie: een waarschuwing aan het eind)",
    )
    group.addoption(
        "--bevindingen",
        dest="bevindingen",
        default=None,
        type=Path,
        help="schrijf het bevindingenregister (xlsx) naar dit pad na de run",
    )
    group.addoption(
        "--keten-omgeving",
        dest="keten_omgeving",
        default=None,
        help="profiel: offline (standaard), lokaal, pre, of een naam uit ketentest.toml",
    )
    group.addoption(
        "--keten-profiel",
        dest="keten_profiel",
        default=None,
        type=Path,
        help="pad naar het profielbestand (standaard ketentest.toml)",
    )
    group.addoption(
        "--mocks-starten",
        dest="mocks_starten",
        action="store_true",
        help="start de mocks als aparte HTTPS-servers (tweezijdig TLS) op 127.0.0.1 en test daartegen",
    )
    for soort, (_, wat) in SCHEMAMAPPEN.items():
        parser.addini(f"{soort}_schemas", f"map met de {wat}, relatief aan de rootdir", default="")


def pytest_configure(config: pytest.Config) -> None:
    for n, uitleg in ITERATIES.items():
        config.addinivalue_line("markers", f"iteratie{n}: {uitleg}")
    for n, uitleg in STAPPEN.items():
        config.addinivalue_line("markers", f"stap{n}: stap {n} – {uitleg}")
    config.addinivalue_line(
        "markers",
        "keten_fouten(fouten=None, **soorten): bouw de keten van dit scenario met opzettelijke fouten in de mocks "
        "(chain_tests.Fouten; zelftests en scenario's die laten zien dat een bevinding gevonden wordt)",
    )
    config.stash[REGISTER] = Register()
    voortgang.zet_uitvoer(_op_terminal(config))  # long waits and large bijlagen show progress
    config.stash[VOORBEREIDING] = Voorbereiding(Path(config.rootpath))
    allure_commons.plugin_manager.register(config.stash[VOORBEREIDING])
    for soort in SCHEMAMAPPEN:
        _schemamap(config, soort)


def _op_terminal(config: pytest.Config) -> voortgang.Schrijver:
    def schrijf(regel: str) -> None:
        terminal = config.pluginmanager.get_plugin("terminalreporter")
        if terminal is not None:  # absent in an xdist worker: progress is for the one terminal
            terminal.ensure_newline()
            terminal.write_line(regel)

    return schrijf


def pytest_unconfigure(config: pytest.Config) -> None:
    voortgang.zet_uitvoer(None)
    voorbereiding = config.stash.get(VOORBEREIDING, None)
    if voorbereiding is not None:
        allure_commons.plugin_manager.unregister(voorbereiding)


def _schemamap(config: pytest.Config, soort: str) -> None:
    """A schema folder: --<soort>-schemas (must exist), else $KETENTEST_<SOORT>_SCHEMAS, else the ini value
    (relative to the rootdir, used only when it exists)."""
    env, wat = SCHEMAMAPPEN[soort]
    optie = config.getoption(f"{soort}_schemas")
    if optie:
        pad = Path(str(optie)).resolve()
        if not pad.is_dir():
            raise pytest.UsageError(
                f"--{soort}-schemas={optie}: de map {pad} bestaat niet. Wijs de map met de {wat} aan."
            )
        schemas.configureer(**{soort: pad})
        return
    waarde = config.getini(f"{soort}_schemas")
    if waarde and not os.environ.get(env):
        pad = Path(str(waarde))
        pad = pad if pad.is_absolute() else Path(config.rootpath) / pad
        if pad.is_dir():
            schemas.configureer(**{soort: pad.resolve()})


@pytest.fixture(scope="session")
def keten_profiel(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Profiel]]:
    """The keten-omgeving of this session; served and real ones pass the preflight first."""
    config = request.config
    servers = None
    if config.getoption("mocks_starten"):
        servers = MockServers(tmp_path_factory.mktemp("served-mocks"))
        naam, profiel = NAAM, servers.start()
    else:
        try:
            naam, profiel = laad_profiel(config.getoption("keten_omgeving"), config.getoption("keten_profiel"))
        except ConfiguratieFout as exc:  # one clear message for the run, not one error per scenario
            pytest.exit(str(exc), returncode=pytest.ExitCode.USAGE_ERROR)
    problemen = controleer(profiel)
    if problemen:
        if servers:
            servers.stop()
        pytest.exit(rapport(naam, problemen), returncode=pytest.ExitCode.USAGE_ERROR)
    yield naam, profiel
    if servers:
        servers.stop()


@pytest.fixture
def keten_config(keten_profiel: tuple[str, Profiel]) -> KetenConfig:
    """The keten's parties and timing, with the URLs of the chosen keten-omgeving."""
    return keten_profiel[1].keten_config()


def _fouten(node: pytest.Item) -> Fouten | None:
    """The faults of ``@pytest.mark.keten_fouten(Fouten(...))`` or ``@pytest.mark.keten_fouten(loket=...)``."""
    marker = node.get_closest_marker("keten_fouten")
    if marker is None:
        return None
    if marker.args:
        fouten = marker.args[0]
        if not isinstance(fouten, Fouten) or len(marker.args) > 1 or marker.kwargs:
            raise pytest.UsageError(f"{node.nodeid}: keten_fouten neemt één Fouten(...) of trefwoorden van Fouten")
        return fouten.model_copy(deep=True)  # a keten counts faults down: each run starts from the marker
    return Fouten(**marker.kwargs)


@pytest.fixture
def keten_omgeving(
    keten_profiel: tuple[str, Profiel], keten_config: KetenConfig, request: pytest.FixtureRequest
) -> Iterator[KetenOmgeving]:
    """A fresh keten per scenario: offline (all mocks in-process) or served (over HTTPS).

    With ``@pytest.mark.keten_fouten(...)`` its mocks carry deliberate faults (self-tests, and scenarios
    that show a finding is detected): served ketentest mocks get them through ``/_ketentest/fouten`` (and
    lose them afterwards); against real systems (no inspection) the faulty keten runs in-process."""
    fouten = _fouten(request.node)
    omgeving = bouw_omgeving(keten_profiel[1], keten_config, fouten)
    yield omgeving
    if isinstance(omgeving, ServedKeten) and fouten is not None:
        omgeving.herstel_fouten()
    omgeving.sluit()


@pytest.fixture
def keten(keten_omgeving: KetenOmgeving, request: pytest.FixtureRequest) -> Iterator[Keten]:
    """The keten API for one scenario (its trace is attached by pytest_runtest_call)."""
    k = Keten(keten_omgeving)
    yield k
    k.sluit()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """After each scenario, passed or failed, attach the keten-trace to the test itself: as a sequence
    diagram (with the message where a verzoek stopped marked), a table and text."""
    bevinding = None
    try:
        uitkomst = yield
        _controleer_stapmarkers(item)
        return uitkomst
    except KetenBevinding as exc:
        bevinding = exc
        raise
    finally:
        omgeving = getattr(item, "funcargs", {}).get("keten_omgeving")
        if omgeving is not None and omgeving.trace.regels:
            _voeg_trace_bij(omgeving.trace.regels, omgeving.trace.als_tabel(), bevinding)
        if bevinding is not None and omgeving is not None:
            _bundel(item, bevinding, omgeving)


def _controleer_stapmarkers(item: pytest.Item) -> None:
    """A scenario that passed is marked with exactly the steps it ran (``pytest -m stap7`` selects every
    scenario that runs stap 7): a mismatch fails it with --strikte-stapmarkers, else it is listed at the end."""
    keten: Keten | None = getattr(item, "funcargs", {}).get("keten")
    if keten is None or not keten.gelopen or not _iteratie(item):  # scenarios only, not the harness's own tests
        return
    gemarkeerd = {n for n in STAPPEN if item.get_closest_marker(f"stap{n}")}
    if gemarkeerd == keten.gelopen:
        return
    ontbreekt = ", ".join(f"stap{n}" for n in sorted(keten.gelopen - gemarkeerd))
    teveel = ", ".join(f"stap{n}" for n in sorted(gemarkeerd - keten.gelopen))
    melding = (
        f"{item.nodeid}: liep stap {', '.join(map(str, sorted(keten.gelopen)))}"
        + (f"; marker ontbreekt: {ontbreekt}" if ontbreekt else "")
        + (f"; marker zonder stap: {teveel}" if teveel else "")
    )
    if item.config.getoption("strikte_stapmarkers"):
        raise ConfiguratieFout(
            melding, code="KT-STAPMARKERS", hint="Zet precies de stapN-markers van de stappen die het scenario loopt."
        )
    item.config.stash.setdefault(STAPMARKERS, []).append(melding)


def _allure_id(item: pytest.Item) -> str | None:
    """The id under which the Allure 3 report shows this scenario (``index.html#<id>``): the MD5 of the
    result's uuid, which allure-pytest keeps per node id (not a public API; without it the link is the
    report's front page)."""
    cache = getattr(item.config.pluginmanager.get_plugin("allure_listener"), "_cache", None)
    uuid = cache.get(item.nodeid) if cache is not None else None
    return hashlib.md5(str(uuid).encode(), usedforsecurity=False).hexdigest() if uuid else None


def _bundel(item: pytest.Item, bevinding: KetenBevinding, omgeving: KetenOmgeving) -> None:
    """The finding's bundle (chain_tests.reporting.bundel): attached in Allure and written beside the
    findings workbook under bevindingen/; its path goes into the register."""
    register, alluredir = item.config.getoption("bevindingen"), getattr(item.config.option, "allure_report_dir", None)
    if register is None and not alluredir:
        return
    naam, profiel = item.funcargs.get("keten_profiel", ("offline", None))  # type: ignore[attr-defined]
    keten: Keten | None = item.funcargs.get("keten")  # type: ignore[attr-defined]
    fouten = _fouten(item)
    inhoud = Bundelinhoud(
        bevinding=bevinding,
        scenario=item.nodeid,
        titel=scenario_titel(item),
        iteratie=_iteratie(item),
        regels=omgeving.trace.regels,
        omgeving=naam,
        profiel_json=profiel.model_dump_json(indent=2) if profiel is not None else "{}",
        fouten_json=fouten.model_dump_json(indent=2, exclude_defaults=True) if fouten is not None else None,
        casus=bundelbestanden(keten.casusbestanden[-1]) if keten is not None and keten.casusbestanden else [],
    )
    data = maak_bundel(inhoud)
    allure.attach(data, name="Bundel voor de leverancier (zip)", attachment_type="application/zip", extension="zip")
    if register is not None:
        pad = Path(register).parent / "bevindingen" / bundelnaam(bevinding.code, item.nodeid)
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_bytes(data)
        item.stash[BUNDEL] = pad


def _voeg_trace_bij(regels: list[TraceRegel], tekst: str, bevinding: KetenBevinding | None) -> None:
    allure.attach(
        volgordediagram(regels, bevinding),
        name="Volgordediagram (wie stuurde wat aan wie)",
        attachment_type=allure.attachment_type.SVG,
    )
    allure.attach(
        trace_html(regels), name="Keten-trace (berichten tussen partijen)", attachment_type=allure.attachment_type.HTML
    )
    voeg_bij("Keten-trace (tekst)", tekst)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Every scenario with an iteratie marker is grouped under its epic, whichever fixtures it uses."""
    verslag.begin_scenario(item.nodeid)
    _labels(item)


def scenario_titel(item: pytest.Item) -> str:
    """The Dutch title: set while running (``scenario_titel``), else ``@allure.title``, else the test name."""
    if item.nodeid in verslag.TITELS:
        return verslag.TITELS[item.nodeid]
    statisch = getattr(getattr(item, "obj", None), "__allure_display_name__", None)
    return statisch if isinstance(statisch, str) and "{" not in statisch else item.name


def _iteratie(item: pytest.Item) -> str:
    return ", ".join(str(n) for n in ITERATIES if item.get_closest_marker(f"iteratie{n}"))


def _labels(item: pytest.Item) -> None:
    """Epic per iteratie and story per werkplaats step, from the markers (the feature, the voorziening, is
    set per scenario)."""
    for n in ITERATIES:
        if item.get_closest_marker(f"iteratie{n}"):
            allure.dynamic.epic(f"Iteratie {n}")
    for stap, uitleg in STAPPEN.items():
        if item.get_closest_marker(f"stap{stap}"):
            allure.dynamic.story(f"Stap {stap}: {uitleg}")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Register each finding as it happens (and name its code in the JUnit properties); show a finding or a
    harness error as its Dutch block, not a Python traceback (``--tb=long`` shows everything).

    ``tryfirst`` makes this the outermost wrapper: allure-pytest has taken the full trace by the time the
    terminal text is shortened here."""
    report = yield
    fout = call.excinfo.value if call.excinfo is not None else None
    titel, iteratie = scenario_titel(item), _iteratie(item)
    if call.when == "setup":
        report.user_properties += [("titel", titel), ("iteratie", iteratie)]
    if call.when == "call":
        report.user_properties += [("titel", titel), ("iteratie", iteratie)]
    if call.when == "call" and isinstance(fout, KetenBevinding):
        bundel = item.stash.get(BUNDEL, None)
        register = item.config.stash[REGISTER]
        bevinding = register.registreer(item.nodeid, fout, titel, iteratie, bundel, _allure_id(item))
        report.user_properties.append(("bevinding", bevinding.code))
    if isinstance(fout, KetenBevinding | ChainTestError) and item.config.getoption("tbstyle") not in ("long", "native"):
        soort = "Bevinding" if isinstance(fout, KetenBevinding) else "Fout in harness, configuratie of casus"
        report.longrepr = f"{soort} in {item.nodeid}:\n{fout}\n(volledige traceback: --tb=long)"
    return report


@pytest.hookimpl(specname="pytest_runtest_makereport", wrapper=True, trylast=True)
def pytest_runtest_makereport_maskeer(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """The innermost wrapper: the exception message and the traceback (which may quote a BSN from a local
    value) are masked before any reporter, allure-pytest included, reads them."""
    fout = call.excinfo.value if call.excinfo is not None else None
    if fout is not None and fout.args:
        fout.args = tuple(maskeer(a) if isinstance(a, str) else a for a in fout.args)
    report = yield
    if report.longrepr is not None:
        report.longrepr = maskeer(report.longreprtext)
    return report


COLLECTIEFOUTEN = pytest.StashKey[list[tuple[str, str]]]()


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    report = yield
    if report.failed:
        collector.config.stash.setdefault(COLLECTIEFOUTEN, []).append(
            (report.nodeid or "(verzamelen)", report.longreprtext)
        )
    return report


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    pad = session.config.getoption("bevindingen")
    if pad is not None:
        register = session.config.stash[REGISTER]
        register.schrijf(Path(pad))
    _nooit_geslaagd_zonder_run(session, exitstatus)


def _nooit_geslaagd_zonder_run(session: pytest.Session, exitstatus: int) -> None:
    """An Allure report never says "passed" when nothing ran (see chain_tests.reporting.lege_run)."""
    alluredir = getattr(session.config.option, "allure_report_dir", None)
    if not alluredir or session.config.option.collectonly:
        return
    for nodeid, tekst in session.config.stash.get(COLLECTIEFOUTEN, []):
        schrijf_gebroken(
            Path(alluredir), f"Niet te verzamelen: {nodeid}", tekst.splitlines()[-1] if tekst else "", tekst
        )
    if session.testscollected == 0 or exitstatus == pytest.ExitCode.INTERRUPTED:
        schrijf_gebroken(
            Path(alluredir),
            "Geen scenario's uitgevoerd",
            f"pytest eindigde met code {int(exitstatus)} na {session.testscollected} verzamelde scenario('s); "
            "dit rapport zegt niets over de keten.",
        )


_WOORD = {"passed": ("GESLAAGD", ".", "green"), "failed": ("MISLUKT", "F", "red")}


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config) -> tuple[str, str, object] | None:
    """``-v`` shows the Dutch title of a scenario, and a finding's code, after the node id."""
    eigenschappen = dict(getattr(report, "user_properties", ()))  # a CollectReport has none
    titel = eigenschappen.get("titel")
    if report.when != "call" or config.option.verbose <= 0 or report.outcome not in _WOORD or not titel:
        return None
    woord, letter, kleur = _WOORD[report.outcome]
    if "bevinding" in eigenschappen:
        woord = f"BEVINDING {eigenschappen['bevinding']}"
    return report.outcome, letter, (f"{woord} · {titel}", {kleur: True})


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """A short Dutch summary per iteratie: geslaagd, bevindingen (with their codes), gebroken."""
    reports = [r for soort in ("passed", "failed", "error") for r in terminalreporter.stats.get(soort, [])]
    regels = samenvatting([r for r in reports if isinstance(r, pytest.TestReport)])
    if regels:
        terminalreporter.write_sep("=", "Samenvatting per iteratie")
        for regel in regels:
            terminalreporter.write_line(regel)
    afwijkend = terminalreporter.config.stash.get(STAPMARKERS, [])
    if afwijkend:
        terminalreporter.write_sep("=", "Stapmarkers kloppen niet met de gelopen stappen", yellow=True)
        for regel in afwijkend:
            terminalreporter.write_line(regel)


def samenvatting(reports: list[pytest.TestReport]) -> list[str]:
    geslaagd: Counter[str] = Counter()
    gebroken: Counter[str] = Counter()
    codes: dict[str, list[str]] = defaultdict(list)
    for r in reports:
        eigenschappen = dict(r.user_properties)
        for iteratie in str(eigenschappen.get("iteratie") or "").split(", "):
            if not iteratie:
                continue
            if "bevinding" in eigenschappen:
                codes[iteratie].append(str(eigenschappen["bevinding"]))
            elif r.passed and r.when == "call":
                geslaagd[iteratie] += 1
            elif r.failed:
                gebroken[iteratie] += 1
    regels = []
    for iteratie in sorted(set(geslaagd) | set(gebroken) | set(codes)):
        gevonden = codes[iteratie]
        tekst = f" ({', '.join(sorted(set(gevonden)))})" if gevonden else ""
        regels.append(
            f"Iteratie {iteratie}: {geslaagd[iteratie]} geslaagd, {len(gevonden)} bevinding(en){tekst}, "
            f"{gebroken[iteratie]} gebroken"
        )
    return regels
