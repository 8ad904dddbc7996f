"""The findings register (bevindingen): filled as findings happen, written as an .xlsx workbook in the spirit
of a gemeente's findings template, and as JSON Lines for tooling (the same fields).

A row fits a ticket: the keten-omgeving it was found in, the date as an Excel date in local time, iteratie and
stap as text, what to do (who acts, with the bundle), a Status chosen from a list, and links (the single-file
report, the bundle) that open from the workbook's folder."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from chain_tests.errors import KetenBevinding
from chain_tests.privacy import maskeer

#: Column key → (Dutch heading, width).
KOLOMMEN: dict[str, tuple[str, int]] = {
    "titel": ("Scenario", 50),
    "omgeving": ("Keten-omgeving", 16),
    "iteratie": ("Iteratie", 9),
    "stap": ("Stap", 6),
    "partij": ("Partij (handelt)", 32),
    "code": ("Code", 26),
    "verzoeknummer": ("Verzoeknummer", 14),
    "samenvatting": ("Samenvatting", 50),
    "verwacht": ("Verwacht", 45),
    "gezien": ("Gezien", 45),
    "wat_te_doen": ("Wat te doen", 50),
    "ernst": ("Ernst", 8),
    "status": ("Status", 16),
    "datum": ("Datum", 18),
    "rapport": ("Rapport", 30),
    "bundel": ("Bundel (zip)", 40),
    "scenario": ("Scenario-id", 40),
}
#: Findings where a verzoek or a zaak is lost, doubled or lands with the wrong party, or where something
#: confidential is shown: "hoog"; everything else "middel".
HOOG = frozenset(
    {
        "KB-STIL-VERLOREN",
        "KB-GEEN-ZAAK",
        "KB-DUBBELE-ZAAK",
        "KB-ONTERECHTE-ZAAK",
        "KB-NIET-BEZORGD-GEMELD",
        "KB-SAMENWERKEN-VERTROUWELIJK",
        "KB-SAMENWERKEN-AFSCHERMING",
        "KB-LZ-VERKEERDE-PERSOON",
        "KB-LZ-BSN",
    }
)
RAPPORT = "ketentest-rapport.html"  # the single-file report beside the workbook (make rapport)


STATUSSEN = ("nieuw", "in behandeling", "opgelost", "geen bevinding")


def wat_te_doen(b: KetenBevinding) -> str:
    """Who acts, and with what: the party the finding names, with the bundle to reproduce it."""
    if b.partij.startswith(("Omgevingsloket", "DSO-LV", "RTR", "OZON", "LVBB", "Verzoek", "Samenwerken")):
        wie = f"de beheerder van {b.partij.split(' (')[0]} (landelijke voorziening; via het DSO-servicedesk)"
    else:
        wie = f"de leverancier of beheerder van {b.partij.split(' (')[0]}"
    return (
        f"Meld het bij {wie}, met de bundel uit de kolom Bundel: die speelt de casus na met 'ketentest herhaal'. "
        "Zet de Status op 'geen bevinding' als het gedrag toch klopt."
    )


@dataclass(frozen=True)
class Bevinding:
    titel: str
    iteratie: str
    stap: str
    partij: str
    code: str
    verzoeknummer: str
    samenvatting: str
    verwacht: str
    gezien: str
    ernst: str
    status: str
    datum: str  # ISO 8601 in local time, with its offset
    rapport: str
    bundel: str
    scenario: str
    omgeving: str = "offline"
    wat_te_doen: str = ""

    @classmethod
    def uit(
        cls,
        scenario: str,
        titel: str,
        iteratie: str,
        b: KetenBevinding,
        bundel: str = "",
        rapport: str = RAPPORT,
        omgeving: str = "offline",
    ) -> Bevinding:
        return cls(
            titel=titel,
            iteratie=iteratie,
            stap=b.deelstap or str(b.stap),
            partij=b.partij,
            code=b.code,
            verzoeknummer=b.verzoeknummer or "",
            samenvatting=b.samenvatting,
            verwacht=b.verwacht,
            gezien=b.gezien,
            ernst="hoog" if b.code in HOOG else "middel",
            status="nieuw",
            datum=datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
            rapport=rapport,
            bundel=bundel,
            scenario=scenario,
            omgeving=omgeving,
            wat_te_doen=wat_te_doen(b),
        )


@dataclass
class Register:
    bevindingen: list[Bevinding] = field(default_factory=list)
    omgeving: str = "offline"  # the keten-omgeving of the run (the profile's name, or served mocks)

    def registreer(
        self,
        scenario: str,
        b: KetenBevinding,
        titel: str = "",
        iteratie: str = "",
        bundel: Path | None = None,
        allure_id: str | None = None,
    ) -> Bevinding:
        """Register a finding; ``bundel`` and the report link are written relative to the workbook."""
        naam = f"bevindingen/{bundel.name}" if bundel is not None else ""
        rapport = f"{RAPPORT}#{allure_id}" if allure_id else RAPPORT
        bevinding = Bevinding.uit(scenario, titel or scenario, iteratie, b, naam, rapport, self.omgeving)
        self.bevindingen.append(bevinding)
        return bevinding

    def schrijf(self, pad: Path) -> Path:
        """The workbook at ``pad`` and the same findings as JSON Lines beside it (``.jsonl``); BSNs masked."""
        wb = Workbook()
        ws = wb.active
        ws.title = "Bevindingen"
        ws.append([kop for kop, _ in KOLOMMEN.values()])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for b in self.bevindingen:
            rij = _veilig(b)
            rij["datum"] = datetime.fromisoformat(b.datum).replace(tzinfo=None)  # an Excel date, local time
            ws.append([rij[k] for k in KOLOMMEN])
            ws.cell(row=ws.max_row, column=_kolom("datum")).number_format = "yyyy-mm-dd hh:mm"
            for k in ("rapport", "bundel"):  # clickable, relative to the workbook
                cel = ws.cell(row=ws.max_row, column=_kolom(k))
                if cel.value:
                    cel.hyperlink = str(cel.value)
        keuze = DataValidation(type="list", formula1='"' + ",".join(STATUSSEN) + '"', allow_blank=False)
        keuze.error, keuze.errorTitle = f"Kies een van: {', '.join(STATUSSEN)}.", "Status"
        ws.add_data_validation(keuze)
        letter = ws.cell(row=1, column=_kolom("status")).column_letter
        keuze.add(f"{letter}2:{letter}{max(ws.max_row, 2) + 500}")  # also the rows a beheerder adds
        for cell, (_, breedte) in zip(ws[1], KOLOMMEN.values(), strict=True):
            ws.column_dimensions[cell.column_letter].width = breedte
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        pad.parent.mkdir(parents=True, exist_ok=True)
        wb.save(pad)
        regels = (json.dumps(_veilig(b), ensure_ascii=False) + "\n" for b in self.bevindingen)
        pad.with_suffix(".jsonl").write_text("".join(regels), encoding="utf-8")
        return pad


def _kolom(sleutel: str) -> int:
    return list(KOLOMMEN).index(sleutel) + 1


def _veilig(b: Bevinding) -> dict[str, object]:
    return {k: maskeer(v) if isinstance(v, str) else v for k, v in asdict(b).items()}
