"""Replay a finding's bundle against a chosen keten-omgeving: ``python -m chain_tests herhaal BUNDEL.zip``.

The bundle (chain_tests.reporting.bundel) carries the casus that produced the finding, with the files it
names, and the deliberate faults of a self-test. The replay plays that casus again, through the same
keten steps and checks, against the omgeving of a profile — offline, the served mocks with a supplier's VTH,
or DSO pre-productie — so the supplier sees the finding on their own system, and sees it gone once fixed.

Also here: :func:`bouw_omgeving`, the one place that turns a profile and faults into a keten-omgeving (the
pytest plugin uses it for every scenario).
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from chain_tests.cassette import Cassette
from chain_tests.casus import laad_casus
from chain_tests.config import KetenConfig
from chain_tests.errors import ConfiguratieFout, KetenBevinding
from chain_tests.keten import Keten
from chain_tests.offline import OfflineKeten
from chain_tests.preflight import controleer, rapport
from chain_tests.profiel import Profiel, laad_profiel
from chain_tests.reporting.bundel import BEVINDING, CASUSMAP, FOUTEN
from chain_tests.reporting.diagram import volgordediagram
from chain_tests.scenario import speel_casus
from chain_tests.served import ServedKeten, fouten_passen
from chain_tests.standards.inspectie import Fouten

#: A bundle is small (messages up to 256 KiB each, bijlagen as checksums): bounds against a hostile ZIP.
MAX_LID = 32 * 1024 * 1024
MAX_TOTAAL = 128 * 1024 * 1024
MAX_LEDEN = 10_000
_HINT = "Maak de bundel opnieuw met 'make keten' (reports/bevindingen/) of vraag hem opnieuw op bij wie hem stuurde."


def bouw_omgeving(
    profiel: Profiel, config: KetenConfig, fouten: Fouten | None, cassette: Cassette | None = None
) -> OfflineKeten | ServedKeten:
    """A fresh keten-omgeving: offline (all mocks in-process) or served, with ``fouten`` in its mocks.

    Served ketentest mocks get the faults through ``/_ketentest/fouten``; against real systems (no
    inspection) a faulty keten runs in-process, since a real system cannot be told to fail."""
    if profiel.soort == "offline" or (fouten is not None and not fouten_passen(profiel, fouten)):
        config = config if profiel.soort == "offline" else KetenConfig()
        adapters = {o.oin: e.adapter for o in config.organisaties if (e := profiel.eindpunt_van(o)) is not None}
        return OfflineKeten(config, fouten=fouten, adapters=adapters)
    omgeving = ServedKeten(profiel, cassette=cassette)
    if fouten is not None:
        omgeving.zet_fouten(fouten)
    return omgeving


def _fout(bundel: Path, wat: str, code: str = "KT-BUNDEL") -> ConfiguratieFout:
    return ConfiguratieFout(f"Bundel {bundel}: {wat}", code=code, hint=_HINT)


def _veilige_naam(naam: str) -> bool:
    pad = PurePosixPath(naam)
    return not pad.is_absolute() and ".." not in pad.parts and "\\" not in naam and ":" not in naam


def pak_uit(bundel: Path, doel: Path) -> dict[str, object]:
    """Check a bundle and extract it into ``doel``; its bevinding.json. Every problem is one Dutch error."""
    if not bundel.is_file():
        raise _fout(bundel, "het bestand bestaat niet.")
    try:
        with zipfile.ZipFile(bundel) as zf:
            leden = zf.infolist()
            if len(leden) > MAX_LEDEN or sum(i.file_size for i in leden) > MAX_TOTAAL:
                raise _fout(
                    bundel, f"te groot uitgepakt (meer dan {MAX_TOTAAL // 2**20} MiB of {MAX_LEDEN} bestanden)."
                )
            for info in leden:
                if not _veilige_naam(info.filename):
                    raise _fout(bundel, f"het bestand {info.filename!r} wijst buiten de bundel; niets uitgepakt.")
                if info.file_size > MAX_LID:
                    raise _fout(bundel, f"{info.filename} is groter dan {MAX_LID // 2**20} MiB.")
            zf.extractall(doel)
    except zipfile.BadZipFile as exc:
        raise _fout(bundel, f"geen geldig ZIP-bestand ({exc}).") from exc
    try:
        gegevens = json.loads((doel / BEVINDING).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise _fout(bundel, f"{BEVINDING} ontbreekt: dit is geen bundel van ketentest.") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _fout(bundel, f"{BEVINDING} is geen geldige JSON ({exc}).") from exc
    if not isinstance(gegevens, dict) or not isinstance(gegevens.get("code"), str):
        raise _fout(bundel, f"{BEVINDING} noemt geen code van een bevinding.")
    return gegevens


@dataclass
class Herhaling:
    """The outcome of one replay."""

    verwacht: dict[str, object]
    omgeving: str
    gezien: KetenBevinding | None = None
    notities: list[str] = field(default_factory=list)
    diagram: str = ""
    trace: str = ""

    @property
    def gereproduceerd(self) -> bool:
        return self.gezien is not None and self.gezien.code == self.verwacht["code"]

    @property
    def opgenomen(self) -> str:
        """The keten-omgeving the bundle was recorded in."""
        return str(self.verwacht.get("omgeving") or "offline")

    def regels(self) -> list[str]:
        code = self.verwacht["code"]
        kop = [f"Herhaling van bevinding {code} uit '{self.verwacht.get('titel', '')}' in keten-omgeving "
               f"'{self.omgeving}' (opgenomen in '{self.opgenomen}')", *self.notities]  # fmt: skip
        if self.gezien is None:
            elders = (
                f" Let op: de bevinding is opgenomen in '{self.opgenomen}', niet in '{self.omgeving}'; dat zij hier "
                f"niet optreedt, zegt niets over '{self.opgenomen}'. Herhaal daar met --omgeving {self.opgenomen}."
                if self.opgenomen.lower() != self.omgeving.lower()
                else ""
            )
            return [
                *kop,
                f"Niet gereproduceerd: de keten doet nu wat verwacht werd (geen bevinding; de bundel had {code})."
                + elders,
            ]
        if self.gereproduceerd:
            return [*kop, "Gereproduceerd:", str(self.gezien)]
        return [*kop, f"Een andere bevinding dan in de bundel ({code}):", str(self.gezien)]


def _fouten(bundel: Path, map_: Path) -> Fouten | None:
    pad = map_ / FOUTEN
    if not pad.is_file():
        return None
    try:
        return Fouten.model_validate_json(pad.read_text(encoding="utf-8"))
    except ValidationError as exc:
        raise _fout(
            bundel, f"{FOUTEN} klopt niet: {exc.error_count()} fout(en), eerste: {exc.errors()[0]['msg']}."
        ) from exc


def _casus(bundel: Path, map_: Path, gegevens: dict[str, object]) -> Path:
    naam = gegevens.get("casus")
    if isinstance(naam, str) and not _veilige_naam(naam):
        raise _fout(bundel, f"{BEVINDING}: de casus {naam!r} wijst buiten de bundel.")
    if not isinstance(naam, str) or not naam.startswith(CASUSMAP) or not (map_ / naam).is_file():
        raise _fout(
            bundel,
            "deze bundel heeft geen casus: alleen een scenario uit een casusbestand is te herhalen. De berichten "
            "staan in berichten/ en het volgordediagram in volgordediagram.svg.",
            code="KT-BUNDEL-GEEN-CASUS",
        )
    return map_ / naam


def _profiel(bundel: Path, gegevens: dict[str, object], omgeving: str | None, pad: Path | None) -> tuple[str, Profiel]:
    """The keten-omgeving to replay in: the one asked for, else the one the bundle was recorded in."""
    opgenomen = str(gegevens.get("omgeving") or "offline")
    try:
        return laad_profiel(omgeving or opgenomen, pad)
    except ConfiguratieFout as exc:
        if omgeving is not None or exc.code != "KT-PROFIEL-NAAM":
            raise
        raise _fout(
            bundel,
            f"de bevinding is opgenomen in keten-omgeving {opgenomen!r}, die hier niet bekend is. Kies met --omgeving "
            "NAAM waartegen u haar herhaalt (offline: alles in-process).",
            code="KT-BUNDEL-OMGEVING",
        ) from exc


def herhaal(
    bundel: Path, omgeving: str | None = None, profiel: Path | None = None, *, met_fouten: bool = True
) -> Herhaling:
    """Play the bundle's casus again against the keten-omgeving ``omgeving`` (default: the one it was recorded in)."""
    with tempfile.TemporaryDirectory(prefix="ketentest-herhaal-") as tmp:
        map_ = Path(tmp)
        gegevens = pak_uit(bundel, map_)
        naam, gekozen = _profiel(bundel, gegevens, omgeving, profiel)
        problemen = [p for p in controleer(gekozen) if p.blokkeert]
        if problemen:
            raise ConfiguratieFout(rapport(naam, problemen), code="KT-PREFLIGHT")
        casus = laad_casus(_casus(bundel, map_, gegevens))
        fouten = _fouten(bundel, map_) if met_fouten else None
        uitslag = Herhaling(
            verwacht=gegevens, omgeving=naam, notities=_notities(gekozen, bundel, map_, fouten, met_fouten)
        )
        keten_omgeving = bouw_omgeving(gekozen, gekozen.keten_config(), fouten)
        keten = Keten(keten_omgeving)
        try:
            speel_casus(keten, casus)
        except KetenBevinding as exc:
            uitslag.gezien = exc
        finally:
            keten.sluit()
            if isinstance(keten_omgeving, ServedKeten) and fouten is not None:
                keten_omgeving.herstel_fouten()
            uitslag.diagram = volgordediagram(keten_omgeving.trace.regels, uitslag.gezien)
            uitslag.trace = keten_omgeving.trace.als_tabel()
            keten_omgeving.sluit()
    return uitslag


def _notities(profiel: Profiel, bundel: Path, map_: Path, fouten: Fouten | None, met_fouten: bool) -> list[str]:
    if fouten is None:
        return ["Zonder opzettelijke fouten (--zonder-fouten)."] if not met_fouten and (map_ / FOUTEN).is_file() else []
    if profiel.soort == "served" and not fouten_passen(profiel, fouten):
        return [
            f"Let op: {bundel.name} komt uit een zelftest met opzettelijke fouten in de mocks; deze keten-omgeving "
            "heeft geen ketentest-mocks, dus draait de herhaling in-process. Gebruik --zonder-fouten om uw eigen "
            "systeem te testen."
        ]
    return [f"Met de opzettelijke fouten uit {FOUTEN} (een zelftest van ketentest)."]
