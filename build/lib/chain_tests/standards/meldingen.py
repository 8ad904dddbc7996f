"""pydantic validation errors as Dutch meldingen a functioneel beheerder can read.

Used for casus files, profiles and the JSON contracts of the mocks alike. Positions in lists are
counted from 1; an unknown field gets "bedoelt u …?" when a known one is close.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

_SJABLONEN = {
    "missing": "ontbreekt (verplicht veld)",
    "extra_forbidden": "is geen bekend veld",
    "string_type": "moet tekst zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "float_type": "moet een getal zijn",
    "float_parsing": "moet een getal zijn",
    "decimal_parsing": "moet een getal zijn",
    "bool_type": "moet ja/nee (true/false) zijn",
    "bool_parsing": "moet ja/nee (true/false) zijn",
    "list_type": "moet een lijst zijn",
    "dict_type": "moet een mapping (veld: waarde) zijn",
    "model_type": "moet een mapping (veld: waarde) zijn",
    "model_attributes_type": "moet een mapping (veld: waarde) zijn",
    "string_pattern_mismatch": "heeft niet de vorm {pattern}",
    "literal_error": "moet een van deze waarden zijn: {expected}",
    "too_short": "moet minstens {min_length} element(en) bevatten",
    "too_long": "mag hoogstens {max_length} element(en) bevatten",
    "string_too_short": "moet minstens {min_length} teken(s) bevatten",
    "string_too_long": "mag hoogstens {max_length} tekens bevatten",
    "greater_than": "moet groter zijn dan {gt}",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than": "moet kleiner zijn dan {lt}",
    "less_than_equal": "mag hoogstens {le} zijn",
    "json_invalid": "is geen geldige JSON ({error})",
    "json_type": "is geen JSON-tekst",
    "url_parsing": "is geen geldige URL",
    "date_parsing": "is geen geldige datum (schrijf JJJJ-MM-DD)",
    "date_from_datetime_parsing": "is geen geldige datum (schrijf JJJJ-MM-DD)",
    "datetime_parsing": "is geen geldig tijdstip",
    "datetime_from_date_parsing": "is geen geldig tijdstip",
    "enum": "moet een van deze waarden zijn: {expected}",
    "union_tag_invalid": "heeft een onbekende soort {tag}; kies uit {expected_tags}",
}


def veldpad(loc: Sequence[int | str]) -> str:
    """``('activiteiten', 0, 'id')`` → ``activiteiten[1].id``: positions counted from 1."""
    uit = ""
    for deel in loc:
        if isinstance(deel, int):
            uit += f"[{deel + 1}]"
        elif str(deel).startswith(("function-", "tagged-union")):
            continue
        else:
            uit += ("." if uit else "") + str(deel)
    return uit or "(bovenste niveau)"


def _velden(model: type[BaseModel] | None, loc: Sequence[int | str]) -> list[str]:
    """The field names known at ``loc`` (for "bedoelt u …?"), following nested models."""
    huidig: Any = model
    for deel in loc[:-1]:
        if isinstance(deel, int) or huidig is None:
            continue
        veld = getattr(huidig, "model_fields", {}).get(str(deel))
        if veld is None:
            return []
        huidig = _model_in(veld.annotation)
    return list(getattr(huidig, "model_fields", {}))


def _model_in(annotatie: Any) -> type[BaseModel] | None:
    if isinstance(annotatie, type) and issubclass(annotatie, BaseModel):
        return annotatie
    for arg in getattr(annotatie, "__args__", ()):
        gevonden = _model_in(arg)
        if gevonden is not None:
            return gevonden
    return None


def bedoelt_u(woord: str, opties: Iterable[str]) -> str:
    """`` (bedoelt u 'x'?)`` for the closest option, or an empty string."""
    gevonden = difflib.get_close_matches(woord, list(opties), n=1, cutoff=0.6)
    return f" (bedoelt u {gevonden[0]!r}?)" if gevonden else ""


def melding(fout: Any, model: type[BaseModel] | None = None) -> str:
    """One pydantic error dict as ``veld: Dutch text``."""
    loc = tuple(fout.get("loc", ()))
    soort = fout.get("type", "")
    if soort in ("value_error", "assertion_error"):
        tekst = str(fout.get("ctx", {}).get("error", fout.get("msg", "")))
    elif soort in _SJABLONEN:
        try:
            tekst = _SJABLONEN[soort].format(**fout.get("ctx", {}))
        except (KeyError, IndexError):
            tekst = _SJABLONEN[soort]
    else:
        tekst = str(fout.get("msg", soort))
    if soort == "extra_forbidden" and loc:
        tekst += bedoelt_u(str(loc[-1]), _velden(model, loc))
    if soort in ("literal_error", "enum"):
        tekst = tekst.replace("' or '", "' of '")  # pydantic joins the last two options in English
        opties = re.findall(r"'([^']*)'", str(fout.get("ctx", {}).get("expected", "")))
        tekst += bedoelt_u(str(fout.get("input", "")), opties)
    return f"{veldpad(loc)}: {tekst}"


def meldingen(exc: ValidationError, model: type[BaseModel] | None = None) -> list[str]:
    return [melding(e, model) for e in exc.errors(include_url=False)]
