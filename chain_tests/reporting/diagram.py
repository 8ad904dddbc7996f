"""The keten-trace as a sequence diagram: one lane per party, one arrow per message, in time order.

Drawn as SVG with drawsvg (no browser, no JavaScript: it renders offline in the Allure report and in a
finding's bundle). Retries and duplicate deliveries are labelled, refused messages are red, and the
message where a verzoek stopped is marked with the finding's code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import drawsvg as dw

from chain_tests.errors import KetenBevinding
from chain_tests.privacy import maskeer
from chain_tests.trace import INSPECTIE, TraceRegel

Soort = Literal["ok", "fout", "herhaling", "dubbel"]
KLEUR: dict[Soort, str] = {"ok": "#1f4e79", "fout": "#c00000", "herhaling": "#b36b00", "dubbel": "#7030a0"}
BAAN, MARGE, KOP, REGEL = 210, 30, 70, 34
MAX_BREEDTE, MIN_BAAN = 1040, 118  # the report shows a diagram ~840 px wide: many lanes get narrower, not tiny text
#: A white outline behind text, so labels stay readable where they cross a lane.
_HALO = {"stroke": "white", "stroke_width": 3, "paint_order": "stroke"}
#: Lanes from left to right: who starts the chain, the landelijke voorzieningen, then the receivers.
VOLGORDE = (
    ("Initiatiefnemer", 0),
    ("Planauteur", 0),
    ("Regelsoftware", 1),
    ("Plansoftware", 1),
    ("DSO", 2),
    ("RTR", 2),
    ("OZON", 3),
    ("LVBB", 3),
    ("VTH", 4),
    ("Lopende Zaken", 5),
    ("MijnOverheid", 5),
    ("ketentest", 6),  # the harness checking a result: the last lane
)


@dataclass(frozen=True)
class Pijl:
    """One arrow: a trace line with its label, its kind and, where the verzoek stopped, the finding's code."""

    regel: TraceRegel
    label: str
    soort: Soort
    gestopt: str | None = None


def _rang(partij: str) -> int:
    return next((rang for woord, rang in VOLGORDE if woord.lower() in partij.lower()), 4)


def partijen(regels: Iterable[TraceRegel]) -> list[str]:
    """The lanes: every party that sent or received, ordered by role and then by first appearance."""
    gezien: dict[str, int] = {}
    for r in regels:
        for p in (r.van, r.naar):
            gezien.setdefault(p, len(gezien))
    return sorted(gezien, key=lambda p: (_rang(p), gezien[p]))


def grootte(n: int) -> str:
    """A byte count as people read it: ``1.5 MB``."""
    for eenheid, factor in (("MB", 1024 * 1024), ("kB", 1024)):
        if n >= factor:
            return f"{n / factor:.1f} {eenheid}"
    return f"{n} B"


def label(r: TraceRegel) -> str:
    """The arrow's text: kind, key ids (verzoeknummer, short MessageId, Action), size and a failed status."""
    delen = [r.soort]
    if "verzoeknummer" in r.ids:
        delen.append(f"verzoek {r.ids['verzoeknummer']}")
    if "Action" in r.ids:
        delen.append(r.ids["Action"])
    if "MessageId" in r.ids:
        delen.append(f"msg {r.ids['MessageId'][:8]}")
    omvang = max(r.bytes_verzonden, r.bytes_ontvangen)
    if omvang:
        delen.append(grootte(omvang))
    if r.status >= 400 or r.status == 0:
        delen.append(f"HTTP {r.status}" if r.status else "geen verbinding")
    return maskeer(" · ".join(delen))


def _sleutel(r: TraceRegel) -> tuple[object, ...]:
    if "MessageId" in r.ids:
        return ("ebms", r.ids["MessageId"])
    return (r.van, r.naar, r.methode, r.pad)


def _soort(r: TraceRegel, eerder: dict[tuple[object, ...], TraceRegel]) -> Soort:
    if r.status >= 400 or r.status == 0:
        return "fout"
    vorige = eerder.get(_sleutel(r))
    if vorige is None:
        return "ok"
    if "MessageId" in r.ids:
        return "dubbel" if 200 <= vorige.status < 300 else "herhaling"
    return "herhaling" if vorige.status >= 400 or vorige.status == 0 else "ok"


def _noemt(r: TraceRegel, nummer: str) -> bool:
    return nummer in r.ids.values() or any(nummer.encode() in (b or b"") for b in (r.verzoek, r.antwoord))


def stoppunt(regels: list[TraceRegel], bevinding: KetenBevinding | None) -> int | None:
    """The volgnummer of the message where the verzoek of ``bevinding`` stopped: the exchange where the harness
    saw it (its check of a zaak), else the last message between parties naming its verzoeknummer, else the last
    message between parties (the harness's questions to a mock about a verzoek are no place it stopped)."""
    if bevinding is None or not regels:
        return None
    if bevinding.waargenomen_bij is not None and any(r.volgnummer == bevinding.waargenomen_bij for r in regels):
        return bevinding.waargenomen_bij  # seen in the harness's own check of a result: that exchange
    regels = [r for r in regels if r.van != INSPECTIE] or regels
    nummer = bevinding.verzoeknummer
    if nummer:
        genoemd = [r.volgnummer for r in regels if _noemt(r, nummer)]
        if genoemd:
            return genoemd[-1]
    return regels[-1].volgnummer


def pijlen(regels: list[TraceRegel], bevinding: KetenBevinding | None = None, stop: int | None = None) -> list[Pijl]:
    stop = stop if stop is not None else stoppunt(regels, bevinding)
    eerder: dict[tuple[object, ...], TraceRegel] = {}
    uit = []
    for r in regels:
        soort = _soort(r, eerder)
        eerder[_sleutel(r)] = r
        gestopt = bevinding.code if bevinding is not None and r.volgnummer == stop else None
        uit.append(Pijl(r, label(r), soort, gestopt))
    return uit


def _koptekst(partij: str, breedte: int = 26) -> list[str]:
    regels, huidig = [], ""
    for woord in partij.split():
        if huidig and len(huidig) + 1 + len(woord) > breedte:
            regels.append(huidig)
            huidig = woord
        else:
            huidig = f"{huidig} {woord}".strip()
    return [*regels, huidig][:3]


def baanbreedte(aantal: int) -> float:
    """The width of a lane: 210 px, narrower when many lanes would make the picture wider than the report shows
    it (text then stays at its size on screen), never narrower than a lane's name needs."""
    return max(MIN_BAAN, min(BAAN, (MAX_BREEDTE - 2 * MARGE) / max(aantal, 1)))


def _x(baan: int, breedte: float = BAAN) -> float:
    return MARGE + breedte * baan + breedte / 2


def _banen(d: dw.Drawing, namen: list[str], hoogte: float) -> None:
    b = baanbreedte(len(namen))
    tekens = max(14, int(26 * (b - 16) / (BAAN - 16)))  # characters of a name that fit the lane's box
    for i, naam in enumerate(namen):
        x = _x(i, b)
        d.append(dw.Rectangle(x - b / 2 + 8, 8, b - 16, KOP - 20, rx=4, fill="#eef3f8", stroke="#1f4e79"))
        d.append(dw.Text(_koptekst(maskeer(naam), tekens), 12, x, 26, text_anchor="middle", font_family="sans-serif"))
        d.append(dw.Line(x, KOP - 12, x, hoogte - 10, stroke="#999", stroke_dasharray="4 3", class_="baan"))


def _pijl(d: dw.Drawing, p: Pijl, y: float, namen: list[str], punt: dw.Marker) -> None:
    b = baanbreedte(len(namen))
    x1, x2 = _x(namen.index(p.regel.van), b), _x(namen.index(p.regel.naar), b)
    kleur = KLEUR["fout"] if p.gestopt else KLEUR[p.soort]
    g = dw.Group(class_=f"bericht {p.soort}", data_volgnummer=str(p.regel.volgnummer))
    tekst = f"{p.regel.volgnummer}. {p.label}"
    if p.soort in ("herhaling", "dubbel"):
        tekst += f" ({p.soort})"
    if x1 == x2:
        g.append(dw.Lines(x1, y, x1 + 30, y, x1 + 30, y + 10, x1 + 4, y + 10, close=False, fill="none", stroke=kleur))
    else:
        dx = -4 if x2 > x1 else 4
        g.append(dw.Line(x1, y, x2 + dx, y, stroke=kleur, stroke_width=1.4, marker_end=punt))
    g.append(dw.Text(tekst, 10, (x1 + x2) / 2, y - 4, text_anchor="middle", fill=kleur, **_HALO))
    if p.gestopt:
        g.append(dw.Circle(x2, y, 6, fill=KLEUR["fout"], class_="gestopt"))
        g.append(
            dw.Text(f"hier gestopt: {p.gestopt}", 11, x2 + 10, y + 14, fill=KLEUR["fout"], font_weight="bold", **_HALO)
        )
    d.append(g)


#: the phases of the werkplaats a diagram with many lanes is split into (each with only its own lanes)
FASEN = (("stap 1–4: de plan-keten", range(1, 5)), ("stap 5–7: toepasbare regels", range(5, 8)),
         ("stap 8–11: aanvraag, zaak en samenwerken", range(8, 12)))  # fmt: skip
MAX_BANEN = 7  # more lanes than this in one picture: one picture per phase


def volgordediagrammen(regels: list[TraceRegel], bevinding: KetenBevinding | None = None) -> list[tuple[str, str]]:
    """(title, SVG) per picture: one, or with more than ``MAX_BANEN`` lanes one per phase of the werkplaats (a
    line without a phase goes with the one before it). The finding's dot is in the picture of its exchange."""
    if len(partijen(regels)) <= MAX_BANEN:
        return [("", volgordediagram(regels, bevinding))]
    per_fase: dict[str, list[TraceRegel]] = {}
    vorige = FASEN[0][0]
    for r in regels:
        naam = next((n for n, stappen in FASEN if r.fase in stappen), vorige)
        per_fase.setdefault(naam, []).append(r)
        vorige = naam
    if len(per_fase) == 1:
        return [("", volgordediagram(regels, bevinding))]
    stop = stoppunt(regels, bevinding)
    uit = []
    for naam, deel in per_fase.items():
        eigen = bevinding if any(r.volgnummer == stop for r in deel) else None
        uit.append((naam, volgordediagram(deel, eigen, stop if eigen else None)))
    return uit


def volgordediagram(regels: list[TraceRegel], bevinding: KetenBevinding | None = None, stop: int | None = None) -> str:
    """The SVG document of the keten-trace (BSNs masked)."""
    namen = partijen(regels)
    breedte = max(2 * MARGE + baanbreedte(len(namen)) * max(len(namen), 1), 400)
    hoogte = KOP + REGEL * (len(regels) + 1)
    d = dw.Drawing(breedte, hoogte, font_family="sans-serif")
    d.append(dw.Rectangle(0, 0, breedte, hoogte, fill="white"))
    punt = dw.Marker(-0.2, -0.5, 1, 0.5, scale=8, orient="auto")
    punt.append(dw.Lines(-0.2, -0.5, 1, 0, -0.2, 0.5, close=True, fill="context-stroke"))
    _banen(d, namen, hoogte)
    for i, p in enumerate(pijlen(regels, bevinding, stop)):
        _pijl(d, p, KOP + REGEL * (i + 0.8), namen, punt)
    return str(d.as_svg())
