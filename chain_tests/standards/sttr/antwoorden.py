"""Answers typed by the published question: what a vergunningcheck or an aanvraag may send.

One function, :func:`typeer`, used by the harness (casus files: a typo is the beheerder's, not a finding)
and by the mock Omgevingsloket (a wrong type is an HTTP 400, as a real loket would refuse it):

- ``boolean``: ``true``/``false``, or the words ja/nee/true/false (any case); anything else is refused;
- ``number``: a number (``3.5``, or the text ``"3,5"``); not a boolean;
- ``string``: text (a number is taken as its text);
- ``list``: exactly one of the published options; a near miss (other case, ``'`` for ``’``, a typo) is
  refused with "bedoelt u …?";
- a location question (``uitv:geoVerwijzing``): ``ja``, ``deels`` or ``nee`` (is the activity inside the
  referenced locatie?); ``true``/``false`` mean ``ja``/``nee``;
- a fixed value (``uitv:vasteWaarde`` …) is not asked: answering it is refused;
- a requested bijlage is answered by uploading a document, not by an answer.

``None`` means "not answered" and is always allowed. Refusals are ``ValueError`` with a Dutch message.
With ``streng=True`` (the loket, on the wire) a value must already have the JSON type of the question:
``true``/``false`` for boolean, a number for number; the words ja/nee and numbers in text are refused.
"""

from __future__ import annotations

import difflib
from decimal import Decimal, InvalidOperation

from chain_tests.standards.sttr.model import Uitvoeringsregel

Antwoordwaarde = bool | int | float | str | None
GEO_ANTWOORDEN = ("ja", "deels", "nee")
_JA_NEE = {"ja": True, "true": True, "nee": False, "false": False}
_AANHALING = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "´": "'", "`": "'"})


def _vergelijkbaar(tekst: str) -> str:
    return " ".join(tekst.translate(_AANHALING).casefold().split())


def _keuze(regel: Uitvoeringsregel, waarde: object) -> str:
    if not isinstance(waarde, str):
        raise ValueError(f"verwacht één van de opties {_opties(regel)}, niet {waarde!r}")
    if waarde in regel.opties:
        return waarde
    bijna = [o for o in regel.opties if _vergelijkbaar(o) == _vergelijkbaar(waarde)]
    bijna = bijna or difflib.get_close_matches(waarde, list(regel.opties), n=1, cutoff=0.75)
    hint = f"; bedoelt u {bijna[0]!r}?" if bijna else ""
    raise ValueError(f"{waarde!r} is geen van de opties {_opties(regel)}{hint}")


def _opties(regel: Uitvoeringsregel) -> str:
    """The options as a beheerder reads them: 'Ja', 'Nee' of 'Weet ik niet' (no Python list)."""
    namen = [f"'{o}'" for o in regel.opties]
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + f" of {namen[-1]}" if namen else "(geen)"


def _ja_nee(waarde: object) -> bool:
    if isinstance(waarde, bool):
        return waarde
    if isinstance(waarde, str) and waarde.strip().casefold() in _JA_NEE:
        return _JA_NEE[waarde.strip().casefold()]
    raise ValueError(f"verwacht ja of nee (true/false), niet {waarde!r}")


def _getal(waarde: object) -> int | float:
    if isinstance(waarde, bool) or not isinstance(waarde, int | float | str):
        raise ValueError(f"verwacht een getal, niet {waarde!r}")
    if isinstance(waarde, str):
        try:
            d = Decimal(waarde.strip().replace(",", "."))
        except InvalidOperation:
            raise ValueError(f"verwacht een getal, niet {waarde!r}") from None
        if not d.is_finite():
            raise ValueError(f"verwacht een eindig getal, niet {waarde!r}")
        return int(d) if d == d.to_integral_value() else float(d)
    return waarde


def _geo(waarde: object) -> str:
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, str) and waarde.strip().casefold() in GEO_ANTWOORDEN:
        return waarde.strip().casefold()
    raise ValueError(f"verwacht {', '.join(GEO_ANTWOORDEN)} (ligt de activiteit in het gebied?), niet {waarde!r}")


def als_soort(soort: str, waarde: object) -> object:
    """An answer as a question of type ``soort`` (boolean, number; others as given) reads it; ValueError when it
    does not fit (the casus's own check of its vragenboom, before anything is published)."""
    if soort == "boolean":
        return _ja_nee(waarde)
    if soort == "number":
        return _getal(waarde)
    return waarde


def typeer(regel: Uitvoeringsregel, waarde: object, streng: bool = False) -> Antwoordwaarde:
    """The answer as the question's type, or a ValueError saying what the question accepts."""
    if waarde is None:
        return None
    if streng and regel.soort == "vraag":
        _json_type(regel, waarde)
    if regel.soort == "vast":
        raise ValueError(
            f"deze vraag wordt niet gesteld: het regelbestand geeft de vaste waarde {regel.waarde!r}; "
            "laat het antwoord weg"
        )
    if regel.soort == "bijlage":
        raise ValueError("dit is een gevraagde bijlage; voeg een bijlage van dit type toe in plaats van een antwoord")
    if regel.soort == "geo":
        return _geo(waarde)
    if regel.soort != "vraag":
        raise ValueError(f"uitvoeringsregel van soort {regel.element or regel.soort!r} kan niet beantwoord worden")
    soort = regel.gegevens_type
    if soort == "boolean":
        return _ja_nee(waarde)
    if soort == "number":
        return _getal(waarde)
    if soort == "list" or regel.opties:
        return _keuze(regel, waarde)
    if isinstance(waarde, bool) or not isinstance(waarde, str | int | float):
        raise ValueError(f"verwacht tekst, niet {waarde!r}")
    return str(waarde)


def _json_type(regel: Uitvoeringsregel, waarde: object) -> None:
    if regel.gegevens_type == "boolean" and not isinstance(waarde, bool):
        raise ValueError(f"verwacht ja of nee als JSON true/false, niet {waarde!r}")
    if regel.gegevens_type == "number" and (isinstance(waarde, bool) or not isinstance(waarde, int | float)):
        raise ValueError(f"verwacht een getal, niet {waarde!r}")


def vaste_waarde(regel: Uitvoeringsregel) -> Antwoordwaarde:
    """The value of a fixed-value uitvoeringsregel, typed by its gegevensType."""
    tekst = regel.waarde or ""
    if regel.gegevens_type == "boolean":
        return _ja_nee(tekst)
    if regel.gegevens_type == "number":
        return _getal(tekst)
    return tekst


def als_tekst(waarde: object) -> str | None:
    """An answer as text, as it travels in STAM (``specificatie/antwoord``) and is shown in a zaak: the one
    encoding, used by the loket writing STAM and by the harness checking the zaak."""
    if waarde is None:
        return None
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    return str(waarde)
