"""No BSN leaves a run in clear, and a finding reads as a finding: the exception message and the traceback (which
may quote a BSN from a local value) are masked before any reporter, allure-pytest included, reads them; for a
finding or a harness error the report's text is the Dutch message, the masked traceback an attachment
("Technische details")."""

from __future__ import annotations

from collections.abc import Generator

import allure
import pytest

from chain_tests.errors import ChainTestError, KetenBevinding
from chain_tests.privacy import maskeer


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """The innermost wrapper of the report."""
    fout = call.excinfo.value if call.excinfo is not None else None
    if fout is not None and fout.args:
        fout.args = tuple(maskeer(a) if isinstance(a, str) else a for a in fout.args)
    report = yield
    if report.longrepr is None:
        return report
    lang = maskeer(report.longreprtext)
    eigen = isinstance(fout, KetenBevinding | ChainTestError)
    if eigen and item.config.getoption("tbstyle") not in ("long", "native"):
        if call.when == "call":
            allure.attach(lang, name="Technische details (traceback)", attachment_type=allure.attachment_type.TEXT)
        soort = "Bevinding" if isinstance(fout, KetenBevinding) else "Fout in harness, configuratie of casus"
        report.longrepr = f"{soort} in {item.nodeid}:\n{maskeer(str(fout))}\n(volledige traceback: --tb=long)"
    else:
        report.longrepr = lang
    return report
