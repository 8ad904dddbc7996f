"""The findings register (bevindingen): filled as findings happen, written as an .xlsx workbook."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from chain_tests.errors import KetenBevinding
from chain_tests.privacy import maskeer

KOLOMMEN = ("tijdstip", "scenario", "code", "stap", "partij", "verzoeknummer", "samenvatting", "verwacht", "gezien")


@dataclass(frozen=True)
class Bevinding:
    tijdstip: str
    scenario: str
    code: str
    stap: int
    partij: str
    verzoeknummer: str
    samenvatting: str
    verwacht: str
    gezien: str

    @classmethod
    def uit(cls, scenario: str, b: KetenBevinding) -> Bevinding:
        return cls(
            datetime.now(UTC).isoformat(timespec="seconds"),
            scenario,
            b.code,
            b.stap,
            b.partij,
            b.verzoeknummer or "",
            b.samenvatting,
            b.verwacht,
            b.gezien,
        )


@dataclass
class Register:
    bevindingen: list[Bevinding] = field(default_factory=list)

    def registreer(self, scenario: str, b: KetenBevinding) -> Bevinding:
        bevinding = Bevinding.uit(scenario, b)
        self.bevindingen.append(bevinding)
        return bevinding

    def schrijf(self, pad: Path) -> Path:
        wb = Workbook()
        ws = wb.active
        ws.title = "Bevindingen"
        ws.append([k.capitalize() for k in KOLOMMEN])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for b in self.bevindingen:
            row = asdict(b)
            ws.append([maskeer(v) if isinstance(v, str) else v for v in (row[k] for k in KOLOMMEN)])
        for col, width in zip("ABCDEFGHI", (20, 40, 22, 6, 30, 14, 60, 50, 50), strict=True):
            ws.column_dimensions[col].width = width
        pad.parent.mkdir(parents=True, exist_ok=True)
        wb.save(pad)
        return pad
