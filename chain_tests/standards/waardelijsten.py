"""The IMOW waardelijsten: which values an OW object's field may take (OZON's *waardelijst* rules).

Geonovum publishes them as JSON (``waardelijsten IMOW <versie>.json`` in its TPOD-waardelijsten repository):
``{"waardelijsten": {"versie", "set", "waardelijst": [{"label", "uri", "waarden": {"waarde": [{"uri",
"deprecated"}, …]}}, …]}}``. They carry no licence, so ketentest does not ship them: a user points
``KETENTEST_WAARDELIJSTEN`` (or :func:`configureer`) at the file. Without one the rules are not run, and the
verslag says so.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from chain_tests import variabelen
from chain_tests.errors import ConfiguratieFout

CODE = "KT-CONF-WAARDELIJST"
MAX_BYTES = 20 * 1024 * 1024  # the published file is under 1 MB
_HINT = (
    f"Zet {variabelen.WAARDELIJSTEN} op het bestand 'waardelijsten IMOW <versie>.json' van Geonovum "
    "(github.com/Geonovum/TPOD-waardelijsten)."
)


@dataclass(frozen=True)
class Waardelijsten:
    versie: str
    lijsten: dict[str, dict[str, bool]]  # the list's label → each value's uri → deprecated

    def vervallen(self, lijst: str, uri: str) -> bool | None:
        """Whether ``uri`` is deprecated in ``lijst``; None when the list does not hold it (or there is no list)."""
        return self.lijsten.get(lijst, {}).get(uri)


def _waar(waarde: object) -> bool:
    return waarde is True or str(waarde).strip().lower() == "true"


def lees(data: bytes, bron: str = "waardelijsten") -> Waardelijsten:
    """The waardelijsten of Geonovum's JSON; a file of another shape is a ConfiguratieFout that says what."""
    if len(data) > MAX_BYTES:
        raise ConfiguratieFout(f"{bron}: groter dan {MAX_BYTES // (1024 * 1024)} MiB", code=CODE, hint=_HINT)
    try:
        geheel = json.loads(data)
        wl = geheel["waardelijsten"]
        lijsten = {
            str(lijst["label"]): {str(w["uri"]): _waar(w.get("deprecated")) for w in lijst["waarden"]["waarde"]}
            for lijst in wl["waardelijst"]
        }
    except (ValueError, KeyError, TypeError) as exc:
        waar = f"veld {exc}" if isinstance(exc, KeyError) else str(exc)
        raise ConfiguratieFout(
            f"{bron}: geen waardelijsten van Geonovum ({type(exc).__name__}: {waar})", code=CODE, hint=_HINT
        ) from None
    return Waardelijsten(str(wl.get("versie", "")), lijsten)


@dataclass
class _Instelling:
    pad: Path | None = None


_INGESTELD = _Instelling()


def configureer(pad: Path | None) -> None:
    """Use the waardelijsten file ``pad`` (None: the environment's again)."""
    _INGESTELD.pad = pad


def pad() -> Path | None:
    gezet = _INGESTELD.pad or variabelen.lees(variabelen.WAARDELIJSTEN)
    return Path(gezet) if gezet else None


def imow() -> Waardelijsten | None:
    """The configured waardelijsten, or None when none is configured."""
    bestand = pad()
    return _lees_bestand(bestand) if bestand else None


@functools.cache
def _lees_bestand(bestand: Path) -> Waardelijsten:
    try:
        data = bestand.read_bytes()
    except OSError as exc:
        raise ConfiguratieFout(f"{bestand}: niet te lezen ({exc.strerror})", code=CODE, hint=_HINT) from None
    return lees(data, bron=str(bestand))
