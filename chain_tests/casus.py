"""Casus files: a functioneel beheerder describes a scenario in YAML, without Python.

See docs/beheerdersgids.md for the format. Errors name the file and the field.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from chain_tests import yamltekst
from chain_tests.errors import ConfiguratieFout
from chain_tests.standards.aanlevering import Planfragment, relatieve_datum
from chain_tests.standards.api import Punt
from chain_tests.standards.imow import ActiviteitId
from chain_tests.standards.meldingen import meldingen
from chain_tests.standards.sttr.antwoorden import als_soort
from chain_tests.standards.sttr.build import Vragenboom
from chain_tests.standards.tekst import Bestandsnaam, XmlTekst

#: Bounds for one casus file: its size, the YAML aliases in it, and the nodes after expanding them.
MAX_CASUS_BYTES = 1024 * 1024
MAX_ALIASSEN = 100
MAX_KNOPEN = 100_000
MAX_DIEPTE = 50  # nesting of a casus file: far beyond any real casus, far below Python's recursion limit

_EENHEDEN = {"b": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2, "gb": 1000**3, "gib": 1024**3}
_GROOTTE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-zA-Z]*)\s*$")


def parse_grootte(value: object) -> int:
    if isinstance(value, int):
        return value
    m = _GROOTTE.match(str(value))
    if not m or m.group(2).lower() not in (_EENHEDEN | {"": 1}):
        raise ValueError(f"{value!r} is geen grootte; schrijf bijvoorbeeld 250 KiB, 3 MB of 1024")
    return int(float(m.group(1).replace(",", ".")) * (_EENHEDEN.get(m.group(2).lower(), 1)))


class Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Hoofdactiviteit(Strikt):
    id: ActiviteitId
    naam: XmlTekst


class Regels(Strikt):
    vragenboom: Vragenboom | None = None
    conclusie: Path | None = Field(None, description="bestaand Conclusie STTR-bestand")
    indieningsvereisten: Path | None = None

    @model_validator(mode="after")
    def een_bron(self) -> Regels:
        if (self.vragenboom is None) == (self.conclusie is None):
            raise ValueError("geef óf 'vragenboom' óf 'conclusie' (een bestand), niet beide en niet geen van beide")
        return self


class Vergunningcheck(Strikt):
    antwoorden: dict[str, Any]
    verwacht: Literal["Vergunningplicht", "Meldingsplicht", "Informatieplicht", "Toestemmingsvrij", "NietVanToepassing"]
    locatie: Punt | None = Field(None, description="waar de activiteit plaatsvindt (RD x en y): de kaart van het loket")


class Initiatiefnemer(Strikt):
    naam: XmlTekst
    bsn: str | None = Field(None, pattern=r"^\d{9}$", repr=False)
    kvk_nummer: str | None = Field(None, pattern=r"^\d{8}$")


class CasusBijlage(Strikt):
    naam: Bestandsnaam
    bijlagetype: XmlTekst | None = None
    type: str = "application/pdf"
    grootte: int | None = None
    bestand: Path | None = None

    @field_validator("grootte", mode="before")
    @classmethod
    def _grootte(cls, v: object) -> int | None:
        return None if v is None else parse_grootte(v)

    @model_validator(mode="after")
    def een_inhoud(self) -> CasusBijlage:
        if (self.grootte is None) == (self.bestand is None):
            raise ValueError("geef óf 'grootte' (de harness maakt de inhoud) óf 'bestand', niet beide")
        return self


class CasusAanvraag(Strikt):
    verzoektype: Literal["Aanvraag vergunning", "Melding", "Informatie"] | None = Field(
        None, description="standaard volgt het uit de conclusie van de vergunningcheck (Meldingsplicht → Melding)"
    )
    initiatiefnemer: Initiatiefnemer = Initiatiefnemer(naam="J. de Vries", bsn="999990019")
    locatie: XmlTekst = "Hoofdstraat 1, Made"
    antwoorden: dict[str, Any] = Field(default_factory=dict, description="bij één activiteit")
    bijlagen: list[CasusBijlage] = Field(default_factory=list, description="bij één activiteit")


class CasusActiviteit(Strikt):
    """One activity of a (meervoudige) aanvraag, with its own bevoegd gezag, rules and bijlagen."""

    id: ActiviteitId
    naam: XmlTekst
    bevoegd_gezag: str | None = Field(None, description="naam of OIN; standaard de gemeente van de casus")
    behandeldienst: str | None = Field(None, description="naam of OIN van de omgevingsdienst die behandelt")
    regels: Regels | None = None
    vergunningcheck: Vergunningcheck | None = None
    antwoorden: dict[str, Any] = Field(default_factory=dict)
    bijlagen: list[CasusBijlage] = Field(default_factory=list)


class Kwaliteitsborger(Strikt):
    naam: XmlTekst
    kvk: str = Field(pattern=r"^\d{8}$")
    instrument: XmlTekst


class Wkbmelding(Strikt):
    stap: Literal["bouwmelding", "start-bouw", "gereedmelding", "einde-bouw"]
    datum: Annotated[str, AfterValidator(relatieve_datum)] = Field(
        description="de datum waar de melding over gaat, vanaf de dag van indienen: start bouw (bouwmelding en "
        "start bouw), ingebruikname (gereedmelding) of einde bouw; JJJJ-MM-DD, '+35 dagen', '+2 werkdagen', gisteren"
    )


class Wkb(Strikt):
    """Iteratie 3: one bouwwerk (gevolgklasse 1) and the meldingen of its Wkb dossier, in order."""

    kwaliteitsborger: Kwaliteitsborger | None = Field(None, description="leeg: een bouwmelding zonder kwaliteitsborger")
    stappen: list[Wkbmelding] = Field(min_length=1)
    afwijkingen: list[Literal["zonder-borgingsplan", "zonder-verklaring", "aanvullen"]] = Field(
        default_factory=list, description="maak een melding bewust fout (zie de beheerdersgids)"
    )


class Verwachting(Strikt):
    uitkomst: Literal[
        "zaak", "toestemmingsvrij", "niet-van-toepassing", "geweigerd", "gepubliceerd", "plan-geweigerd", "dossier"
    ]
    melding_bevat: list[str] = Field(default_factory=list)
    meldingen: list[str] = Field(
        default_factory=list, description="bij plan-geweigerd: de codes die de LVBB moet geven (LVBB1501, OZON0082, …)"
    )
    bevindingen: list[str] = Field(
        default_factory=list,
        description="bevindingen die dit scenario hoort op te leveren (bijvoorbeeld KB-WKB-TERMIJN)",
    )


class Casus(Strikt):
    titel: XmlTekst
    iteratie: int = Field(ge=1, le=3)
    gemeente: str
    activiteit: Hoofdactiviteit | None = Field(None, description="één activiteit (met 'regels' en 'vergunningcheck')")
    regels: Regels | None = None
    vergunningcheck: Vergunningcheck | None = None
    activiteiten: list[CasusActiviteit] = Field(default_factory=list, description="meervoudige aanvraag")
    aanvraag: CasusAanvraag | None = None
    plan: Planfragment | None = Field(None, description="iteratie 3: het omgevingsplan dat eerst gepubliceerd wordt")
    wkb: Wkb | None = Field(None, description="iteratie 3: de meldingen van één bouwwerk (Wkb)")
    verwacht: Verwachting
    map: Path = Field(default=Path("."), exclude=True)
    bestand: Path | None = Field(default=None, exclude=True, description="het casusbestand zelf (voor meldingen)")

    @model_validator(mode="after")
    def samenhang(self) -> Casus:
        self._plan_samenhang()
        if (self.wkb is None) != (self.verwacht.uitkomst != "dossier") and self.verwacht.uitkomst != "geweigerd":
            raise ValueError("een 'wkb'-blok hoort bij uitkomst 'dossier' (of 'geweigerd'), en omgekeerd")
        if self.wkb is not None:
            if self.aanvraag is None:
                raise ValueError("bij 'wkb' hoort een 'aanvraag'-blok met de initiatiefnemer en de locatie")
            return self
        if self.verwacht.uitkomst in ("gepubliceerd", "plan-geweigerd"):
            return self
        if (self.activiteit is None) == (not self.activiteiten):
            raise ValueError("geef óf 'activiteit' (met 'regels' en 'vergunningcheck') óf een lijst 'activiteiten'")
        if self.activiteit is not None and (self.regels is None or self.vergunningcheck is None):
            raise ValueError("bij 'activiteit' horen ook 'regels' en 'vergunningcheck'")
        if self.activiteiten and (self.regels is not None or self.vergunningcheck is not None):
            raise ValueError("bij 'activiteiten' staan 'regels' en 'vergunningcheck' per activiteit")
        if self.verwacht.uitkomst in ("zaak", "geweigerd") and self.aanvraag is None:
            raise ValueError(f"uitkomst {self.verwacht.uitkomst!r} vraagt om een 'aanvraag'-blok")
        return self

    def _plan_samenhang(self) -> None:
        uitkomst = self.verwacht.uitkomst
        if uitkomst in ("gepubliceerd", "plan-geweigerd") and self.plan is None:
            raise ValueError(f"uitkomst {uitkomst!r} vraagt om een 'plan'-blok")
        if (uitkomst == "plan-geweigerd") != bool(self.verwacht.meldingen):
            raise ValueError(
                "'verwacht.meldingen' (de codes van de LVBB) hoort bij uitkomst 'plan-geweigerd', en alleen daar"
            )
        if self.plan is None:
            return
        in_plan = {a.id for a in self.plan.activiteiten}
        for a in [self.activiteit, *self.activiteiten]:
            if a is not None and a.id not in in_plan:
                raise ValueError(
                    f"activiteit {a.id} staat niet in het plan; in iteratie 3 komt de activiteit uit het "
                    f"omgevingsplan ({', '.join(sorted(in_plan))})"
                )

    def alle_activiteiten(self) -> list[CasusActiviteit]:
        """The activities, the single-activity form included (its answers and bijlagen from 'aanvraag')."""
        if self.activiteit is None:
            return self.activiteiten
        a = self.aanvraag or CasusAanvraag()
        return [
            CasusActiviteit(
                id=self.activiteit.id,
                naam=self.activiteit.naam,
                regels=self.regels,
                vergunningcheck=self.vergunningcheck,
                antwoorden=a.antwoorden,
                bijlagen=a.bijlagen,
            )
        ]

    def pad(self, p: Path) -> Path:
        return (self.map / p).resolve()

    def noem(self) -> str:
        """How messages name this casus: its file (or its title when it did not come from a file)."""
        return getoond(self.bestand) if self.bestand else f"'{self.titel}'"

    def paden(self) -> Iterator[tuple[str, Path]]:
        """Every file path in the casus, with the field that names it."""
        for i, a in enumerate(self.activiteiten):
            yield from _regelpaden(f"activiteiten[{i + 1}].regels", a.regels)
            for j, b in enumerate(a.bijlagen):
                if b.bestand is not None:
                    yield f"activiteiten[{i + 1}].bijlagen[{j + 1}].bestand", b.bestand
        yield from _regelpaden("regels", self.regels)
        for j, b in enumerate(self.aanvraag.bijlagen if self.aanvraag else []):
            if b.bestand is not None:
                yield f"aanvraag.bijlagen[{j + 1}].bestand", b.bestand


def _regelpaden(veld: str, regels: Regels | None) -> Iterator[tuple[str, Path]]:
    for naam in ("conclusie", "indieningsvereisten"):
        pad = getattr(regels, naam, None)
        if pad is not None:
            yield f"{veld}.{naam}", pad


class _Lader(yaml.SafeLoader):
    """PyYAML's safe loader with a bound on aliases (a 'billion laughs' file is refused, not expanded) and on
    nesting (a file nested thousands deep is refused, not a RecursionError that stops the whole run)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliassen = 0
        self.diepte = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self.aliassen += 1
            if self.aliassen > MAX_ALIASSEN:
                raise _Vijandig(f"meer dan {MAX_ALIASSEN} YAML-verwijzingen (*alias)")
        self.diepte += 1
        try:
            if self.diepte > MAX_DIEPTE:
                plek = self.peek_event().start_mark  # type: ignore[no-untyped-call]  # PyYAML: untyped
                raise _Vijandig(f"dieper dan {MAX_DIEPTE} niveaus genest (regel {plek.line + 1})")
            return super().compose_node(parent, index)
        finally:
            self.diepte -= 1


class _Vijandig(Exception):
    pass


def _tel_knopen(data: object, budget: list[int]) -> None:
    """Count nodes as a program walking the data would see them (shared aliases counted each time)."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _Vijandig(f"na uitvouwen van de YAML-verwijzingen meer dan {MAX_KNOPEN} elementen")
    if isinstance(data, dict):
        for k, v in data.items():
            _tel_knopen(k, budget)
            _tel_knopen(v, budget)
    elif isinstance(data, list):
        for v in data:
            _tel_knopen(v, budget)


def _lees_yaml(pad: Path) -> object:
    try:
        grootte = pad.stat().st_size
        if grootte > MAX_CASUS_BYTES:
            raise ConfiguratieFout(
                f"Casusbestand {getoond(pad)} is {grootte} bytes, meer dan de grens van {MAX_CASUS_BYTES} bytes.",
                code="KT-CASUS-GROOTTE",
                hint="Een casus beschrijft een scenario; grote bijlagen maakt de harness zelf ('grootte: 50 MiB').",
            )
        tekst = pad.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfiguratieFout(
            f"Casusbestand {getoond(pad)} kan niet gelezen worden: {exc}", code="KT-CASUS-IO"
        ) from exc
    except UnicodeDecodeError as exc:
        raise ConfiguratieFout(
            f"Casusbestand {getoond(pad)} is geen UTF-8-tekst (byte {exc.start + 1}).",
            code="KT-CASUS-YAML",
            hint="Sla het bestand op als UTF-8.",
        ) from exc
    try:
        lader = _Lader(tekst)
        try:
            data = lader.get_single_data()
        finally:
            lader.dispose()
        _tel_knopen(data, [MAX_KNOPEN])
        return data
    except _Vijandig as exc:
        raise ConfiguratieFout(
            f"Casusbestand {getoond(pad)} is geweigerd: {exc}. Er is niets uitgevouwen of afgespeeld.",
            code="KT-CASUS-VIJANDIG",
            hint="Schrijf de casus uit zonder (geneste) YAML-verwijzingen en zonder diepe nesting.",
        ) from None
    except yaml.YAMLError as exc:
        plek = getattr(exc, "problem_mark", None)
        waar = f" (regel {plek.line + 1}, kolom {plek.column + 1})" if plek is not None else ""
        raise ConfiguratieFout(
            f"Casusbestand {getoond(pad)}: geen geldige YAML{waar}: {yamltekst.probleem(exc)}",
            code="KT-CASUS-YAML",
            hint="Controleer inspringing en dubbele punten op de genoemde regel.",
        ) from exc


def getoond(pad: Path) -> str:
    """A path as user text names it: relative to the folder ketentest runs in (the project) when inside it."""
    try:
        return pad.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(pad)


def casus_wortel(pad: Path) -> Path:
    """The folder a casus's files must stay in: the nearest ancestor named 'casussen', else its own folder."""
    for map_ in pad.resolve().parents:
        if map_.name == "casussen":
            return map_
    return pad.resolve().parent


def _controleer_paden(casus: Casus, pad: Path, wortel: Path) -> None:
    for veld, p in casus.paden():
        doel = casus.pad(p)
        if p.is_absolute() or not doel.is_relative_to(wortel):
            raise ConfiguratieFout(
                f"Casusbestand {getoond(pad)}, veld {veld}: het pad '{p}' wijst buiten de casusmap {getoond(wortel)}.",
                code="KT-CASUS-PAD",
                hint="Gebruik een pad relatief aan het casusbestand, binnen de casusmap (bijvoorbeeld "
                "'../bestanden/situatietekening.pdf'); absolute paden en paden naar elders worden geweigerd.",
            )


def laad_casus(pad: Path, wortel: Path | None = None) -> Casus:
    """Load and validate a casus file; every error names the file and the field (in Dutch, positions from 1)."""
    data = _lees_yaml(pad)
    if not isinstance(data, dict):
        raise ConfiguratieFout(
            f"Casusbestand {getoond(pad)}: verwacht een YAML-mapping met velden als 'titel'.", code="KT-CASUS-VORM"
        )
    try:
        casus = Casus.model_validate({**data, "map": pad.parent, "bestand": pad})
    except ValidationError as exc:
        regels = [f"  - {m}" for m in meldingen(exc, Casus)]
        raise ConfiguratieFout(
            f"Casusbestand {getoond(pad)} klopt niet (posities tellen vanaf 1):\n" + "\n".join(regels),
            code="KT-CASUS-VELD",
            hint="Zie docs/beheerdersgids.md voor het casusformaat.",
        ) from exc
    _controleer_paden(casus, pad, (wortel or casus_wortel(pad)).resolve())
    _controleer_verwachtingen(casus, pad)
    return casus


def _controleer_verwachtingen(casus: Casus, pad: Path) -> None:
    """A casus that defines its own rules cannot contradict them: expect another conclusie than its vragenboom
    gives for its own answers (KT-CASUS-VERWACHT), or name a bijlagetype its indieningsvereisten do not know while
    it expects a zaak (KT-CASUS-BIJLAGETYPE). Those are the casus's mistakes, found at load time and all named in
    one melding with file, line and field — not findings against the Omgevingsloket."""
    fouten = [*_tegenstrijdige_conclusies(casus, pad), *_onbekende_bijlagetypen(casus, pad)]
    if not fouten:
        return
    codes = [code for code, _ in fouten]
    raise ConfiguratieFout(
        f"Casusbestand {getoond(pad)} spreekt zijn eigen regels tegen:\n" + "\n".join(f"  - {t}" for _, t in fouten),
        code=codes[0] if len(set(codes)) == 1 else "KT-CASUS-REGELS",
        hint="Pas de casus aan (verwacht, antwoorden of bijlagetype); een tegenspraak in de casus is geen bevinding "
        "tegen het Omgevingsloket.",
    )


def _activiteitvelden(casus: Casus) -> Iterator[tuple[CasusActiviteit, tuple[str | int, ...], tuple[str | int, ...]]]:
    """Each activity with where its vergunningcheck and its bijlagen stand in the file."""
    if casus.activiteit is not None:
        yield casus.alle_activiteiten()[0], ("vergunningcheck",), ("aanvraag", "bijlagen")
    for i, a in enumerate(casus.activiteiten):
        yield a, ("activiteiten", i, "vergunningcheck"), ("activiteiten", i, "bijlagen")


def _tegenstrijdige_conclusies(casus: Casus, pad: Path) -> Iterator[tuple[str, str]]:
    """Checked where the answers decide it (every question of the deciding rules answered, no geo question)."""
    for a, veld, _ in _activiteitvelden(casus):
        boom = a.regels.vragenboom if a.regels else None
        check = a.vergunningcheck
        if boom is None or check is None or check.locatie is not None:
            continue
        if any(v.type == "geo" for v in boom.conclusie.vragen):
            continue
        uitkomst = _eerste_regel(boom, check.antwoorden)
        if uitkomst is not None and uitkomst[1] != check.verwacht:
            n, dan = uitkomst
            yield (
                "KT-CASUS-VERWACHT",
                (
                    f"{_plek(pad, (*veld, 'verwacht'))}, activiteit {a.id}: 'verwacht: {check.verwacht}' klopt niet "
                    f"met de eigen vragenboom van de casus: met deze antwoorden geeft regel {n} daarvan '{dan}'."
                ),
            )


def _onbekende_bijlagetypen(casus: Casus, pad: Path) -> Iterator[tuple[str, str]]:
    """A casus expecting a zaak gives every bijlage its own indieningsvereisten require (a casus expecting a
    refusal may leave one out on purpose); a bijlagetype close to a missing one is named as the likely typo."""
    if casus.verwacht.uitkomst != "zaak":
        return
    for a, _, veld in _activiteitvelden(casus):
        boom = a.regels.vragenboom if a.regels else None
        if boom is None or boom.indieningsvereisten is None:
            continue
        gegeven = {b.bijlagetype for b in a.bijlagen}
        for vereist in (str(v) for v in boom.indieningsvereisten.bijlagen if str(v) not in gegeven):
            yield "KT-CASUS-BIJLAGETYPE", _ontbrekend_type(pad, a, veld, vereist)


def _ontbrekend_type(pad: Path, a: CasusActiviteit, veld: tuple[str | int, ...], vereist: str) -> str:
    onbekend = [(j, b) for j, b in enumerate(a.bijlagen) if b.bijlagetype is not None]
    bijna = difflib.get_close_matches(vereist, [str(b.bijlagetype) for _, b in onbekend], n=1)
    if bijna:
        j, b = next((j, b) for j, b in onbekend if b.bijlagetype == bijna[0])
        return (
            f"{_plek(pad, (*veld, j, 'bijlagetype'))}, activiteit {a.id}: bijlagetype '{b.bijlagetype}' (bijlage "
            f"{b.naam}) staat niet in de indieningsvereisten van de casus, die '{vereist}' verplicht stellen; de "
            f"casus verwacht een zaak. Bedoelt u '{vereist}'?"
        )
    return (
        f"{_plek(pad, veld)}, activiteit {a.id}: de indieningsvereisten van de casus stellen een bijlage van type "
        f"'{vereist}' verplicht, maar de aanvraag heeft er geen terwijl de casus een zaak verwacht."
    )


def _plek(pad: Path, veld: tuple[str | int, ...]) -> str:
    """'regel N, veld a.b[2].c' for a field of the casus file (positions from 1)."""
    naam = "".join(f"[{s + 1}]" if isinstance(s, int) else f".{s}" for s in veld).lstrip(".")
    regel = _regel(pad, veld)
    return f"regel {regel}, veld {naam}" if regel is not None else f"veld {naam}"


def _regel(pad: Path, veld: tuple[str | int, ...]) -> int | None:
    """The line (from 1) where a field of the casus file stands; None when it cannot be found."""
    try:
        lader = _Lader(pad.read_text(encoding="utf-8"))
        try:
            knoop: yaml.Node | None = lader.get_single_node()
        finally:
            lader.dispose()
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    for stap in veld:
        if isinstance(knoop, yaml.MappingNode) and isinstance(stap, str):
            knoop = next((v for k, v in knoop.value if k.value == stap), None)
        elif isinstance(knoop, yaml.SequenceNode) and isinstance(stap, int) and stap < len(knoop.value):
            knoop = knoop.value[stap]
        else:
            return None
    return None if knoop is None else knoop.start_mark.line + 1


def _eerste_regel(boom: Vragenboom, antwoorden: dict[str, Any]) -> tuple[int, str] | None:
    """The (position from 1, dan) of the first rule of ``boom`` that the answers meet (FIRST hit); None when an
    unanswered question could still decide it."""
    vragen = {v.id: v for v in boom.conclusie.vragen}
    per_id = {v.tekst: v.id for v in boom.conclusie.vragen}
    try:
        gegeven = {
            (i := per_id.get(k, k)): als_soort(vragen[i].type, w) if i in vragen else w for k, w in antwoorden.items()
        }
    except ValueError:  # an answer its question does not take: named when the casus is played (KT-CASUS-ANTWOORD)
        return None
    for n, regel in enumerate(boom.conclusie.regels, start=1):
        if any(v not in gegeven for v in regel.als):
            return None
        if all(gegeven[v] in w if isinstance(w, list) else gegeven[v] == w for v, w in regel.als.items()):
            return n, str(regel.dan)
    return None


def bundelbestanden(pad: Path) -> list[tuple[str, Path]]:
    """A casus file and every file it names, each with its name under a folder ``casussen/`` that keeps
    their relative places (so the casus loads again from a finding's bundle, paths checked as ever)."""
    casus = laad_casus(pad)
    wortel = casus_wortel(pad).resolve()
    bestanden = [pad.resolve(), *(casus.pad(p) for _, p in casus.paden())]
    uniek = dict.fromkeys(bestanden)
    return [(f"casussen/{b.relative_to(wortel).as_posix()}", b) for b in uniek if b.is_file()]


def iteraties_in(pad: Path) -> tuple[int, ...]:
    """The iteratie a casus file names on a line of its own ('iteratie: 2'), read without loading it (for a file
    that does not load: one broken scenario in its own iteratie); all three when it names none."""
    try:
        tekst = pad.read_text(encoding="utf-8", errors="replace")[:100_000]
    except OSError:
        return (1, 2, 3)
    m = re.search(r"^iteratie:\s*([123])\s*(?:#.*)?$", tekst, re.MULTILINE)
    return (int(m.group(1)),) if m else (1, 2, 3)


def casussen(map_: Path) -> list[Path]:
    return sorted(map_.glob("*.yaml"))


def stappen(casus: Casus) -> list[int]:
    """The werkplaats steps a casus goes through (for its ``stapN`` markers)."""
    uitkomst = casus.verwacht.uitkomst
    if casus.wkb is not None:  # a refused melding after an accepted one: that one reached the VTH (stap 9)
        eerder_ontvangen = len(casus.wkb.stappen) > 1 or "aanvullen" in casus.wkb.afwijkingen
        return [5, 6, 7, 8] if uitkomst == "geweigerd" and not eerder_ontvangen else [5, 6, 7, 8, 9]
    plan = [] if casus.plan is None else [1, 2, 3, 4]
    if casus.plan is not None and uitkomst == "plan-geweigerd":
        # the LVBB refuses at validation (stap 2); a reused idLevering only at publication (stap 3)
        plan = [1, 2, 3] if casus.plan.hergebruik_id_levering else [1, 2]
    if uitkomst in ("gepubliceerd", "plan-geweigerd"):
        return plan
    rest = list(range(5, 10) if uitkomst == "zaak" else range(5, 9))
    if any(a.behandeldienst for a in casus.alle_activiteiten()):
        rest.append(10)
    return plan + rest


def stapmarkers(casus: Casus) -> list[str]:
    """The markers of a casus: ``stapN`` per werkplaats step, and for stap 8 its halves ``stap8a`` (the
    vergunningcheck, when an activity has one) and ``stap8b`` (submitting, unless the check ends the casus)."""
    nummers = stappen(casus)
    markers = [f"stap{n}" for n in nummers]
    if 8 in nummers:
        if casus.wkb is not None or any(a.vergunningcheck is not None for a in casus.alle_activiteiten()):
            markers.append("stap8a")
        if casus.wkb is not None or casus.verwacht.uitkomst not in ("toestemmingsvrij", "niet-van-toepassing"):
            markers.append("stap8b")
    return markers


def vergroot(casus: Casus, totaal: int, per_activiteit: int = 4, extra_activiteiten: int = 5) -> Casus:
    """A large meervoudige aanvraag from a casus with activities: ``extra_activiteiten`` more copies of
    its first activity (each its own rules) and ``per_activiteit`` generated bijlagen per activity, adding
    up to ``totaal`` bytes. Used by the large scenario and the benchmark alike."""
    c = casus.model_copy(deep=True)
    eerste = c.activiteiten[0]
    c.activiteiten += [
        eerste.model_copy(deep=True, update={"id": f"{eerste.id}{i + 2}", "naam": f"{eerste.naam} {i + 2}"})
        for i in range(extra_activiteiten)
    ]
    acts = c.alle_activiteiten()
    stuk = totaal // (per_activiteit * len(acts))
    for a in acts:
        soort = a.bijlagen[0].bijlagetype if a.bijlagen else None
        a.bijlagen = [
            CasusBijlage(
                naam=f"{a.naam[:12]}-deel-{i + 1}.bin", bijlagetype=soort, type="application/octet-stream", grootte=stuk
            )
            for i in range(per_activiteit)
        ]
    return c
