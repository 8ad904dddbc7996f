"""PyYAML's syntax errors in Dutch, for a beheerder who writes a casus file (issue 25 §6).

PyYAML names a problem in English ("mapping values are not allowed here"); :func:`probleem` gives the Dutch
reading with what usually causes it. A problem this table does not know keeps PyYAML's words, marked as such.
"""

from __future__ import annotations

import re

import yaml

#: (PyYAML's problem, as a pattern) → what it means in Dutch, with the usual cause
PROBLEMEN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(patroon), tekst)
    for patroon, tekst in (
        (
            r"^mapping values are not allowed here",
            "hier staat een ':' waar geen veld kan beginnen (een dubbele punt midden in een waarde? zet de waarde "
            "tussen aanhalingstekens; of de inspringing klopt niet)",
        ),
        (r"^found character '\\t' that cannot start any token", "een tab; YAML springt in met spaties"),
        (
            r"^found unexpected end of stream",
            "het bestand houdt onverwacht op (een aanhalingsteken of haakje dat niet gesloten is?)",
        ),
        (r"^could not find expected ':'", "hier ontbreekt een ':' achter de naam van een veld"),
        (r"^did not find expected key", "de inspringing klopt niet, of er ontbreekt een ':'"),
        (r"^expected <block end>", "de inspringing klopt niet: deze regel springt anders in dan de regels erboven"),
        (r"^did not find expected ',' or '\]'", "een lijst [ … ] is niet goed gesloten (ontbreekt een ',' of ']'?)"),
        (r"^did not find expected ',' or '\}'", "een map { … } is niet goed gesloten (ontbreekt een ',' of '}'?)"),
        (r"^expected ',' or '\]'", "een lijst [ … ] is niet goed gesloten (ontbreekt een ',' of ']'?)"),
        (r"^expected ',' or '\}'", "een map { … } is niet goed gesloten (ontbreekt een ',' of '}'?)"),
        (r"^did not find expected '-' indicator", "een lijst met '-' springt niet overal even ver in"),
        (r"^found undefined alias", "een verwijzing (*naam) naar een anker (&naam) dat niet bestaat"),
        (r"^found unknown escape character", "een onbekend teken na '\\' in een tekst tussen dubbele aanhalingstekens"),
        (
            r"^found character '[@`]' that cannot start any token",
            "een waarde mag niet met '@' of '`' beginnen; zet haar tussen aanhalingstekens",
        ),
        (r"^found unhashable key", "een lijst of map als naam van een veld"),
        (r"^but found another document", "meer dan één document ('---') in één casusbestand"),
        (r"^expected a single document", "meer dan één document ('---') in één casusbestand"),
        (r"^found duplicate anchor", "hetzelfde anker (&naam) twee keer"),
    )
)


def probleem(exc: yaml.YAMLError) -> str:
    """The problem of a YAML syntax error in Dutch (PyYAML's words, marked, when the table lacks it)."""
    engels = str(getattr(exc, "problem", None) or exc).strip()
    for patroon, tekst in PROBLEMEN:
        if patroon.search(engels):
            return tekst
    return f"{engels} (melding van de YAML-lezer)"
