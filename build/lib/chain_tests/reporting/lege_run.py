"""A report that never says "passed" when nothing ran.

When collection fails (a broken scenario module, an interrupted run) or no scenario runs at all,
allure-pytest writes nothing, and an Allure report of an empty folder says ``passed``. This module
writes one *broken* Allure result per collection error, or one saying that nothing ran, with allure's
own result model and file logger.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from allure_commons.logger import AllureFileLogger
from allure_commons.model2 import Label, Status, StatusDetails, TestResult


def schrijf_gebroken(alluredir: Path, naam: str, bericht: str, detail: str = "") -> None:
    nu = int(time.time() * 1000)
    result = TestResult(
        uuid=str(uuid.uuid4()),
        historyId=naam,
        name=naam,
        fullName=naam,
        status=Status.BROKEN,
        statusDetails=StatusDetails(message=bericht, trace=detail or None),
        start=nu,
        stop=nu,
        labels=[Label(name="epic", value="Ketentest"), Label(name="feature", value="Uitvoering van de run")],
    )
    AllureFileLogger(str(alluredir)).report_result(result)
