"""A finding's bundle: a ZIP a supplier can act on and replay (`ketentest herhaal`).

It holds the finding, the casus with the files it names (the input a replay plays again), the deliberate
faults of a self-test, the keten-omgeving without secrets, every exchanged message as bytes (BSNs masked
as in the report; bijlagen and other binary bodies as a SHA-256 checksum and a size, not their contents),
the trace as JSON, the sequence diagram and a LEESMIJ in Dutch.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from chain_tests.errors import KetenBevinding
from chain_tests.privacy import maskeer, maskeer_bytes
from chain_tests.reporting.diagram import volgordediagram
from chain_tests.trace import TraceRegel
from chain_tests.versie import __version__

#: Member names inside a bundle, read back by the replay.
BEVINDING, FOUTEN, PROFIEL, TRACE, DIAGRAM, LEESMIJ = (
    "bevinding.json",
    "fouten.json",
    "profiel.json",
    "berichten/trace.json",
    "volgordediagram.svg",
    "LEESMIJ.md",
)
CASUSMAP = "casus/"
#: Content types kept as readable bytes; everything else (pdf, zip, octet-stream) becomes a checksum.
_LEESBAAR = {"multipart": "mime", "soap": "xml", "xml": "xml", "json": "json", "text": "txt"}


@dataclass
class Bundelinhoud:
    """What the plugin gathered about one finding."""

    bevinding: KetenBevinding
    scenario: str
    titel: str
    iteratie: str
    regels: list[TraceRegel]
    omgeving: str = "offline"
    profiel_json: str = "{}"
    fouten_json: str | None = None
    casus: list[tuple[str, Path]] = field(default_factory=list)  # name inside casus/ → file on disk


def _extensie(content_type: str | None) -> str | None:
    soort = (content_type or "").lower()
    return next((ext for woord, ext in _LEESBAAR.items() if woord in soort), None)


def _slug(tekst: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_).strip("-").lower()[:40] or "bericht"


def _body(zf: zipfile.ZipFile, r: TraceRegel, kant: str, body: bytes | None, soort: str | None) -> dict[str, object]:
    """Write one body (or its checksum) and describe it for trace.json."""
    grootte = r.bytes_verzonden if kant == "verzoek" else r.bytes_ontvangen
    if body is None and kant == "verzoek" and r.verzoek_sha256:  # a streamed bijlage: hashed on the way out
        return {"bytes": grootte, "sha256": r.verzoek_sha256, "content_type": soort}
    if body is None:
        return {"bytes": grootte, "bewaard": False} if grootte else {}
    ext = _extensie(soort)
    if ext is None:
        return {"bytes": len(body), "sha256": hashlib.sha256(body).hexdigest(), "content_type": soort}
    naam = f"berichten/{r.volgnummer:04d}-{_slug(r.soort)}-{kant}.{ext}"
    zf.writestr(naam, maskeer_bytes(body))
    return {"bytes": len(body), "bestand": naam, "content_type": soort}


def _trace(zf: zipfile.ZipFile, regels: list[TraceRegel]) -> list[dict[str, object]]:
    return [
        {
            "volgnummer": r.volgnummer,
            "tijd": r.tijd.isoformat(),
            "van": r.van,
            "naar": r.naar,
            "soort": r.soort,
            "methode": r.methode,
            "pad": maskeer(r.pad),
            "status": r.status,
            "kenmerken": {k: maskeer(v) for k, v in r.ids.items()},
            "verzoek": _body(zf, r, "verzoek", r.verzoek, r.verzoek_type),
            "antwoord": _body(zf, r, "antwoord", r.antwoord, r.antwoord_type),
        }
        for r in regels
    ]


def _leesmij(inhoud: Bundelinhoud) -> str:
    b = inhoud.bevinding
    herhaal = (
        "ketentest herhaal DEZE-BUNDEL.zip --omgeving NAAM   # NAAM: uw keten-omgeving uit ketentest.toml"
        if inhoud.casus
        else "(niet te herhalen: dit scenario kwam niet uit een casusbestand; de berichten staan in berichten/)"
    )
    return "\n".join(
        [
            f"# Bevinding {b.code}",
            "",
            f"Scenario: {inhoud.titel} (iteratie {inhoud.iteratie or '-'}; {inhoud.scenario})",
            f"Keten-omgeving: {inhoud.omgeving} · ketentest {__version__}",
            f"Stap {b.stap} – {b.partij}: {b.samenvatting}",
            *([f"Verzoeknummer: {b.verzoeknummer}"] if b.verzoeknummer else []),
            f"Verwacht: {b.verwacht}",
            f"Gezien:   {b.gezien}",
            "",
            "## Inhoud",
            "",
            f"- `{BEVINDING}`: de bevinding (code, stap, partij, verwacht, gezien).",
            f"- `{CASUSMAP}`: het casusbestand en de bestanden die het noemt: de invoer die herhaald wordt.",
            f"- `{FOUTEN}`: de opzettelijke fouten in de mocks (alleen bij een zelftest).",
            f"- `{PROFIEL}`: de keten-omgeving, zonder geheimen (API-keys en tokens als **********).",
            f"- `{TRACE}` en `berichten/`: elk bericht tussen partijen, op volgorde, als bytes; bijlagen en andere",
            "  binaire inhoud alleen als SHA-256 en grootte. BSN's zijn gemaskeerd zoals in het rapport; het",
            "  casusbestand bevat de test-BSN's van de casus zelf.",
            f"- `{DIAGRAM}`: het volgordediagram (wie stuurde wat aan wie), met de plek waar het verzoek stopte.",
            "",
            "## Herhalen op uw eigen systeem",
            "",
            "```sh",
            herhaal,
            "```",
            "",
            "De herhaling speelt de casus opnieuw door de gekozen keten (met de fouten uit fouten.json als die",
            "keten ketentest-mocks heeft) en doet dezelfde controles. Uitgang 1 met de bevinding: gereproduceerd;",
            "uitgang 0: de keten doet nu wat verwacht werd.",
            "",
        ]
    )


def maak_bundel(inhoud: Bundelinhoud) -> bytes:
    """The ZIP of one finding, as bytes."""
    b = inhoud.bevinding
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        bevinding = {
            "code": b.code,
            "stap": b.stap,
            "partij": b.partij,
            "samenvatting": b.samenvatting,
            "verwacht": b.verwacht,
            "gezien": b.gezien,
            "verzoeknummer": b.verzoeknummer,
            "scenario": inhoud.scenario,
            "titel": inhoud.titel,
            "iteratie": inhoud.iteratie,
            "omgeving": inhoud.omgeving,
            "ketentest": __version__,
            "datum": datetime.now(UTC).isoformat(timespec="seconds"),
            "casus": next((CASUSMAP + naam for naam, _ in inhoud.casus), None),
        }
        zf.writestr(BEVINDING, json.dumps(bevinding, ensure_ascii=False, indent=2))
        for naam, pad in inhoud.casus:
            zf.write(pad, CASUSMAP + naam)
        if inhoud.fouten_json is not None:
            zf.writestr(FOUTEN, inhoud.fouten_json)
        zf.writestr(PROFIEL, inhoud.profiel_json)
        zf.writestr(TRACE, json.dumps(_trace(zf, inhoud.regels), ensure_ascii=False, indent=1))
        zf.writestr(DIAGRAM, volgordediagram(inhoud.regels, b))
        zf.writestr(LEESMIJ, _leesmij(inhoud))
    return buf.getvalue()


def bundelnaam(code: str, scenario: str) -> str:
    """The file name of a finding's bundle under reports/bevindingen/."""
    return f"{code}-{_slug(scenario.rsplit('::', 1)[-1])}.zip"
