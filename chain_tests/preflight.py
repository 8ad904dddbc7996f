"""Preflight: before a run against served or real systems, check every endpoint and certificate.

Each problem comes with its fix, in Dutch: endpoint unreachable, certificate missing, unreadable,
expiring within N days, or carrying another OIN than configured; API key missing. Secrets are never
printed.
"""

from __future__ import annotations

import datetime as dt
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from cryptography import x509

from chain_tests.config import Organisatie
from chain_tests.errors import ConfiguratieFout
from chain_tests.pki import TEST_CA_NAAM, lees_certificaat, oin_van
from chain_tests.profiel import Eindpunt, Profiel


@dataclass(frozen=True)
class Probleem:
    partij: str
    tekst: str
    oplossing: str
    onbereikbaar: bool = False  # nothing listens (yet): worth waiting for with --wacht

    def __str__(self) -> str:
        return f"✗ {self.partij}: {self.tekst}\n    Oplossing: {self.oplossing}"


def _certificaat(profiel: Profiel, o: Organisatie, e: Eindpunt | None, nu: dt.datetime) -> list[Probleem]:
    paar = profiel.certificaat_van(o.oin, e)
    if paar is None:
        return [
            Probleem(
                o.naam,
                "er is geen clientcertificaat geconfigureerd",
                f"zet 'certificaat' en 'sleutel' voor {o.naam} in het profiel (PKIoverheid, PEM), of "
                "'certificaten' op een map met <OIN>.pem en <OIN>-key.pem",
            )
        ]
    cert_pad, sleutel_pad = paar
    problemen = (
        [Probleem(o.naam, f"het sleutelbestand {sleutel_pad} bestaat niet", "controleer het pad 'sleutel'")]
        if not Path(sleutel_pad).is_file()
        else []
    )
    try:
        cert = lees_certificaat(cert_pad)
    except ConfiguratieFout as exc:
        return [*problemen, Probleem(o.naam, str(exc).splitlines()[0], "controleer het pad 'certificaat'")]
    dagen = (cert.not_valid_after_utc - nu).days
    if dagen < profiel.certificaat_dagen:
        problemen.append(
            Probleem(
                o.naam,
                f"het certificaat is nog {max(dagen, 0)} dag(en) geldig (tot "
                f"{cert.not_valid_after_utc:%d-%m-%Y}), minder dan {profiel.certificaat_dagen}",
                _nieuw_certificaat(cert),
            )
        )
    gevonden = oin_van(cert)
    if gevonden != o.oin:
        problemen.append(
            Probleem(
                o.naam,
                f"het OIN in het certificaat ({gevonden or 'geen serialNumber'}) is niet het "
                f"geconfigureerde OIN {o.oin}",
                "gebruik het certificaat van deze organisatie, of corrigeer het OIN in de configuratie",
            )
        )
    return problemen


def _nieuw_certificaat(cert: x509.Certificate) -> str:
    """The advice for a certificate near its end: a test certificate is remade, a PKIoverheid one requested."""
    if TEST_CA_NAAM in cert.issuer.rfc4514_string():
        return (
            "maak de test-PKI opnieuw (`make mocks` doet dat zelf als een certificaat bijna verloopt, of "
            "`python -m mocks pki --map <map>`) en start de mocks opnieuw"
        )
    return "vraag tijdig een nieuw PKIoverheid-certificaat aan en vervang het in het profiel"


def _bereikbaar(naam: str, url: str, profiel: Profiel) -> list[Probleem]:
    context = ssl.create_default_context(cafile=str(profiel.ca) if profiel.ca else None)
    try:
        httpx.get(url.rstrip("/") + "/", verify=context, timeout=5.0)
    except httpx.ConnectError as exc:
        return [
            Probleem(
                naam,
                f"{url} is niet bereikbaar ({exc})",
                "controleer of de server draait (make mocks), de URL en poort, en eventuele firewalls",
                onbereikbaar=True,
            )
        ]
    except httpx.TransportError as exc:
        return [Probleem(naam, f"{url}: {type(exc).__name__}: {exc}", "controleer TLS (CA-bundel 'ca') en de URL")]
    return []


def controleer(profiel: Profiel, bereikbaarheid: bool = True) -> list[Probleem]:
    if profiel.soort == "offline":
        return []
    config = profiel.keten_config()
    nu = dt.datetime.now(dt.UTC)
    problemen: list[Probleem] = []
    if profiel.ca is not None and not profiel.ca.is_file():
        problemen.append(
            Probleem("profiel", f"de CA-bundel {profiel.ca} bestaat niet", "zet 'ca' op een bestaand PEM-bestand")
        )
    e = profiel.dso_lv
    if e.publiek_url and e.api_key is None:
        problemen.append(
            Probleem(
                config.dso_lv.naam,
                "er is geen API-key voor de /publiek/-API's",
                "zet dso_lv.api_key (of KETENTEST_PROFIELEN__<NAAM>__DSO_LV__API_KEY)",
            )
        )
    for o in config.organisaties:
        eindpunt = profiel.eindpunt_van(o)
        if eindpunt is None or not eindpunt.url:
            continue
        problemen += _certificaat(profiel, o, eindpunt, nu)
        if bereikbaarheid:
            problemen += _bereikbaar(f"VTH-systeem {o.naam}", eindpunt.url, profiel)
    if bereikbaarheid and e.url:
        problemen += _bereikbaar(config.dso_lv.naam, e.url, profiel)
    return problemen


def wacht_en_controleer(profiel: Profiel, seconden: float, melding: Callable[[str], None] = print) -> list[Probleem]:
    """Preflight, repeated while an endpoint is not reachable yet (servers still starting), at most ``seconden``."""
    eind = time.monotonic() + seconden
    while True:
        problemen = controleer(profiel)
        wachtend = [p.partij for p in problemen if p.onbereikbaar]
        if not wachtend or time.monotonic() >= eind:
            return problemen
        melding(f"Wacht op {', '.join(wachtend)} (nog {eind - time.monotonic():.0f} s) …")
        time.sleep(min(1.0, max(0.0, eind - time.monotonic())))


def rapport(naam: str, problemen: list[Probleem]) -> str:
    if not problemen:
        return f"✓ Preflight keten-profiel {naam!r}: alle eindpunten bereikbaar, certificaten en sleutels in orde."
    return f"Preflight keten-profiel {naam!r}: {len(problemen)} probleem/problemen\n" + "\n".join(map(str, problemen))
