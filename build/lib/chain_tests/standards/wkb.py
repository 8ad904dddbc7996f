"""The Wet kwaliteitsborging voor het bouwen (gevolgklasse 1): the dossier of one bouwwerk, and its deadlines.

One bouwmelding, then separate verzoeken over weeks: informatieplicht start bouw, gereedmelding,
informatieplicht einde bouw. Each travels the STAM route; the VTH keeps them in the one dossier of the
bouwmelding (same project). The DSO activity ids, their names and the verzoektype of the gereedmelding are
not confirmed by any source (``iteratie3.md`` §1.4): UNCONFIRMED, here only, so one change swaps them.

Deadlines (Bbl, as quoted by ``iteratie3.md`` §1.1; parameters, since older texts differ):

- bouwmelding ≥ 4 weeks (28 days) before the start of building; valid one year;
- informatieplicht start bouw ≥ 2 werkdagen before the start;
- gereedmelding ≥ 2 weeks (14 days) before ingebruikname;
- informatieplicht einde bouw at the latest the first working day after the end of building.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from chain_tests.standards import geometrie

Wkbfase = Literal["bouwmelding", "start-bouw", "gereedmelding", "einde-bouw"]
FASEN: tuple[Wkbfase, ...] = ("bouwmelding", "start-bouw", "gereedmelding", "einde-bouw")


@dataclass(frozen=True)
class Wkbactiviteit:
    id: str
    naam: str
    verzoektype: Literal["Melding", "Informatie"]


#: Per step its activity in the RTR and its verzoektype. UNCONFIRMED (ids, names; the gereedmelding's type).
ACTIVITEITEN: dict[Wkbfase, Wkbactiviteit] = {
    "bouwmelding": Wkbactiviteit(
        "nl.imow-mnre1034.activiteit.BouwactiviteitTechnisch", "Bouwactiviteit (technisch) – melding (Rijk)", "Melding"
    ),
    "start-bouw": Wkbactiviteit(
        "nl.imow-mnre1034.activiteit.StartBouwwerkzaamheden",
        "Informatieplicht start bouwwerkzaamheden (Rijk)",
        "Informatie",
    ),
    "gereedmelding": Wkbactiviteit(
        "nl.imow-mnre1034.activiteit.Gereedmelding", "Gereedmelding bouwwerk (Rijk)", "Melding"
    ),
    "einde-bouw": Wkbactiviteit(
        "nl.imow-mnre1034.activiteit.EindeBouwwerkzaamheden",
        "Informatieplicht einde bouwwerkzaamheden (Rijk)",
        "Informatie",
    ),
}
BOUWMELDING = ACTIVITEITEN["bouwmelding"].id
VERVOLG = {a.id for s, a in ACTIVITEITEN.items() if s != "bouwmelding"}
#: The status MijnOverheid shows when each verzoek arrives in the dossier.
STATUS_BIJ: dict[str, str] = {
    ACTIVITEITEN["bouwmelding"].id: "Bouwmelding ontvangen",
    ACTIVITEITEN["start-bouw"].id: "Start bouw gemeld",
    ACTIVITEITEN["gereedmelding"].id: "Gereedmelding ontvangen",
    ACTIVITEITEN["einde-bouw"].id: "Einde bouw gemeld",
}
GEEN_BOUWMELDING = "geen bouwmelding in dit project"

TERMIJN_BOUWMELDING = 28  # days before the start of building
GELDIG = 365  # days a bouwmelding stays valid without a start of building
TERMIJN_START = 2  # werkdagen before the start
TERMIJN_GEREED = 14  # days before ingebruikname


@dataclass(frozen=True)
class Overschrijding:
    """A deadline not met: which one, the dates involved, and who must act."""

    stap: Wkbfase
    termijn: str
    data: str
    wie: str


def termijnen(
    stap: Wkbfase, ingediend: dt.date, datum: dt.date, bouwmelding: dt.date | None = None
) -> list[Overschrijding]:
    """The deadlines a verzoek of ``stap``, submitted on ``ingediend`` about ``datum`` (start, ingebruikname or
    end of building), does not meet; ``bouwmelding`` is the date of the dossier's bouwmelding."""
    bouwer = "de initiatiefnemer (bouwer)"
    uit: list[Overschrijding] = []
    if stap == "bouwmelding" and (datum - ingediend).days < TERMIJN_BOUWMELDING:
        uit.append(
            Overschrijding(
                stap,
                f"bouwmelding minstens {TERMIJN_BOUWMELDING} dagen voor de start van de bouw",
                f"ingediend {ingediend}, start bouw {datum} ({(datum - ingediend).days} dagen)",
                bouwer + ": de bouw mag niet eerder beginnen dan 4 weken na de melding",
            )
        )
    if stap == "start-bouw" and geometrie.werkdagen_later(ingediend, TERMIJN_START) > datum:
        uit.append(
            Overschrijding(
                stap,
                f"informatie over de start minstens {TERMIJN_START} werkdagen voor de start",
                f"ingediend {ingediend}, start bouw {datum}",
                bouwer,
            )
        )
    if stap == "start-bouw" and bouwmelding is not None and (datum - bouwmelding).days > GELDIG:
        uit.append(
            Overschrijding(
                stap,
                f"de bouwmelding is {GELDIG} dagen geldig",
                f"bouwmelding {bouwmelding}, start bouw {datum} ({(datum - bouwmelding).days} dagen later)",
                bouwer + ": een nieuwe bouwmelding is nodig",
            )
        )
    if stap == "gereedmelding" and (datum - ingediend).days < TERMIJN_GEREED:
        uit.append(
            Overschrijding(
                stap,
                f"gereedmelding minstens {TERMIJN_GEREED} dagen voor de ingebruikname",
                f"ingediend {ingediend}, ingebruikname {datum} ({(datum - ingediend).days} dagen)",
                bouwer + ": het bouwwerk mag niet eerder in gebruik",
            )
        )
    if stap == "einde-bouw" and ingediend > geometrie.werkdagen_later(datum + dt.timedelta(days=1), 0):
        uit.append(
            Overschrijding(
                stap,
                "informatie over het einde uiterlijk de eerste werkdag na het einde van de bouw",
                f"einde bouw {datum}, ingediend {ingediend}",
                bouwer,
            )
        )
    return uit


# -- the Rijk's rules for each step, as the harness publishes them (stap 5–7) -------------------------
#: The kwaliteitsborger as the bouwmelding asks for it (the answers a VTH reads, OpenWave's "kwaliteitsborger").
KWALITEITSBORGER = {
    "kb_naam": "Wat is de naam van de kwaliteitsborger?",
    "kb_kvk": "Wat is het KvK-nummer van de kwaliteitsborger?",
    "kb_instrument": "Welk instrument voor kwaliteitsborging wordt toegepast?",
}
#: Per step the date it is about, as (vraag-id, vraagtekst).
DATUMVRAAG: dict[Wkbfase, tuple[str, str]] = {
    "bouwmelding": ("start", "Wat is de geplande datum van de start van de bouw (JJJJ-MM-DD)?"),
    "start-bouw": ("start", "Op welke datum starten de bouwwerkzaamheden (JJJJ-MM-DD)?"),
    "gereedmelding": ("ingebruikname", "Wat is de verwachte datum van ingebruikname (JJJJ-MM-DD)?"),
    "einde-bouw": ("einde", "Op welke datum zijn de bouwwerkzaamheden beëindigd (JJJJ-MM-DD)?"),
}
BIJLAGEN: dict[Wkbfase, tuple[str, ...]] = {
    "bouwmelding": ("Borgingsplan", "Risicobeoordeling"),
    "start-bouw": (),
    "gereedmelding": ("Verklaring kwaliteitsborger", "Dossier bevoegd gezag"),
    "einde-bouw": (),
}


def vragenboom(stap: Wkbfase) -> dict[str, object]:
    """The vragenboom of a step: a Conclusie (gevolgklasse 1 → the step's plicht) and its Indieningsvereisten
    (the date, for the bouwmelding the kwaliteitsborger, and the required bijlagen). Written for ketentest
    after the Bbl (``iteratie3.md`` §1.1); the Rijk's own files are not public: UNCONFIRMED."""
    plicht = "Meldingsplicht" if ACTIVITEITEN[stap].verzoektype == "Melding" else "Informatieplicht"
    vragen = [{"id": DATUMVRAAG[stap][0], "tekst": DATUMVRAAG[stap][1], "type": "string"}]
    if stap == "bouwmelding":
        vragen += [{"id": k, "tekst": t, "type": "string"} for k, t in KWALITEITSBORGER.items()]
    return {
        "naam": ACTIVITEITEN[stap].naam,
        "conclusie": {
            "vragen": [{"id": "gevolgklasse1", "tekst": "Valt het bouwwerk in gevolgklasse 1?"}],
            "regels": [{"als": {"gevolgklasse1": True}, "dan": plicht}, {"dan": "NietVanToepassing"}],
        },
        "indieningsvereisten": {"vragen": vragen, "bijlagen": list(BIJLAGEN[stap])},
    }
