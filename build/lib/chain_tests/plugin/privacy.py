"""No BSN leaves a run in clear: the exception message and the traceback (which may quote a BSN from a local
value) are masked before any reporter, allure-pytest included, reads them."""

from __future__ import annotations

from collections.abc import Generator

import pytest

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
    if report.longrepr is not None:
        report.longrepr = maskeer(report.longreprtext)
    return report
