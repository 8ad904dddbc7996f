"""The report's wiring: each scenario grouped under its iteratie and stappen in Allure, the keten-trace attached
(sequence diagram, table, text), each finding registered with its bundle and named in the JUnit properties, a
finding or harness error shown as its Dutch block, and an Allure report that never says "passed" when nothing
ran."""

from __future__ import annotations

import hashlib
from collections.abc import Generator
from pathlib import Path

import allure
import pytest

from chain_tests import variabelen
from chain_tests.casus import bundelbestanden
from chain_tests.errors import KetenBevinding
from chain_tests.keten import Keten
from chain_tests.omgeving import KetenOmgeving
from chain_tests.plugin import stapmarkers
from chain_tests.plugin.fixtures import fouten_van
from chain_tests.reporting import nabewerking, stappen
from chain_tests.reporting.bevindingen import Register
from chain_tests.reporting.bundel import Bundelinhoud, bundelnaam, maak_bundel
from chain_tests.reporting.diagram import volgordediagrammen
from chain_tests.reporting.lege_run import schrijf_gebroken
from chain_tests.reporting.stappen import trace_html, voeg_bij
from chain_tests.trace import TraceRegel
from chain_tests.versie import __version__
from chain_tests.werkplaats import ITERATIES, STAPPEN

REGISTER = pytest.StashKey[Register]()
BUNDEL = pytest.StashKey[Path]()
COLLECTIEFOUTEN = pytest.StashKey[list[tuple[str, str]]]()


def pytest_configure(config: pytest.Config) -> None:
    omgeving = (
        "served (mocks)" if config.getoption("mocks_starten", False) else config.getoption("keten_omgeving", None)
    )
    config.stash[REGISTER] = Register(omgeving=str(omgeving or "offline"))


def scenario_titel(item: pytest.Item) -> str:
    """The Dutch title: set while running (``scenario_titel``), else ``@allure.title``, else the test name."""
    if item.nodeid in stappen.TITELS:
        return stappen.TITELS[item.nodeid]
    statisch = getattr(getattr(item, "obj", None), "__allure_display_name__", None)
    return statisch if isinstance(statisch, str) and "{" not in statisch else item.name


def iteratie_van(item: pytest.Item) -> str:
    return ", ".join(str(n) for n in ITERATIES if item.get_closest_marker(f"iteratie{n}"))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Every scenario with an iteratie marker is grouped under its epic (the iteratie) and stories (the
    werkplaats stappen), whichever fixtures it uses; the feature, the voorziening, is set per scenario."""
    stappen.begin_scenario(item.nodeid)
    for n in ITERATIES:
        if item.get_closest_marker(f"iteratie{n}"):
            allure.dynamic.epic(f"Iteratie {n}")
    if item.get_closest_marker("digikoppeling"):
        allure.dynamic.epic("Digikoppeling-conformiteit")
    for stap, uitleg in STAPPEN.items():
        if item.get_closest_marker(f"stap{stap}"):
            allure.dynamic.story(f"Stap {stap}: {uitleg}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """After each scenario, passed or failed, attach the keten-trace to the test itself: as a sequence
    diagram (with the message where a verzoek stopped marked), a table and text; and a finding's bundle."""
    bevinding = None
    try:
        uitkomst = yield
        stapmarkers.controleer(item)
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


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Which checks a run could not make because a party is a real system, and in how many scenarios (from the
    reports' properties, so it works on xdist workers too)."""
    niet: dict[str, int] = {}
    for r in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        for naam, waarde in getattr(r, "user_properties", ()):
            if naam == "niet_gecontroleerd" and getattr(r, "when", "") == "call":
                niet[str(waarde)] = niet.get(str(waarde), 0) + 1
    if niet:
        terminalreporter.write_sep("=", "Niet gecontroleerd: echte partijen geven alleen wat het protocol biedt")
        for tekst, aantal in niet.items():
            terminalreporter.write_line(f"- {tekst} ({aantal} scenario('s))")


def _voeg_trace_bij(regels: list[TraceRegel], tekst: str, bevinding: KetenBevinding | None) -> None:
    for fase, svg in volgordediagrammen(regels, bevinding):
        naam = "Volgordediagram (wie stuurde wat aan wie" + (f", {fase})" if fase else ")")
        allure.attach(svg, name=naam, attachment_type=allure.attachment_type.SVG)
    allure.attach(
        trace_html(regels), name="Keten-trace (berichten tussen partijen)", attachment_type=allure.attachment_type.HTML
    )
    voeg_bij("Keten-trace (tekst)", tekst)


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
    fouten = fouten_van(item)
    inhoud = Bundelinhoud(
        bevinding=bevinding,
        scenario=item.nodeid,
        titel=scenario_titel(item),
        iteratie=iteratie_van(item),
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
    titel, iteratie = scenario_titel(item), iteratie_van(item)
    if call.when in ("setup", "call"):
        report.user_properties += [("titel", titel), ("iteratie", iteratie)]
    keten: Keten | None = getattr(item, "funcargs", {}).get("keten")
    if call.when == "call":
        eigen = [("titel", titel), ("iteratie", iteratie)]
        if keten is not None and stapmarkers.is_scenario(item):
            eigen += [("niet_gecontroleerd", tekst) for tekst in keten.niet_gecontroleerd]
        if isinstance(fout, KetenBevinding):
            bundel = item.stash.get(BUNDEL, None)
            register = item.config.stash[REGISTER]
            bevinding = register.registreer(item.nodeid, fout, titel, iteratie, bundel, _allure_id(item))
            eigen += [("bevinding", bevinding.code), ("partij", bevinding.partij), ("stap", str(bevinding.stap))]
            eigen += [("verzoeknummer", bevinding.verzoeknummer)] if bevinding.verzoeknummer else []
        report.user_properties += eigen[2:]
        # JUnit XML takes the properties of the teardown report, which are the item's: a supplier's CI reads the
        # finding's code, party and stap there
        item.user_properties += eigen
    return report


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
        session.config.stash[REGISTER].schrijf(Path(pad))
    _nooit_geslaagd_zonder_run(session, exitstatus)
    _omgeving(session)
    alluredir = getattr(session.config.option, "allure_report_dir", None)
    if alluredir and Path(alluredir).is_dir():
        nabewerking.werk_bij(Path(alluredir))


def _omgeving(session: pytest.Session) -> None:
    """The run's environment on the report's front page: ketentest's version and the keten-omgeving."""
    alluredir = getattr(session.config.option, "allure_report_dir", None)
    if not alluredir:
        return
    omgeving = "served-ci" if session.config.getoption("mocks_starten") else session.config.getoption("keten_omgeving")
    regels = {
        "ketentest": __version__,
        "keten-omgeving": omgeving or variabelen.lees(variabelen.PROFIELNAAM) or "offline",
    }
    Path(alluredir).mkdir(parents=True, exist_ok=True)
    (Path(alluredir) / "environment.properties").write_text(
        "".join(f"{k}={v}\n" for k, v in regels.items()), encoding="utf-8"
    )


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
