"""Preflight: before a run against served or real systems, meet every party the way the chain does.

Per party with a URL: reachable; TLS version; the server's certificate chain against the profile's CA; the OIN
in its subject ``serialNumber`` against the profile; its days left; and whether the party accepted the client
certificate the harness presents there (a VTH system: its own organisation's; a landelijke voorziening: that of
the first organisation with one). Per organisation: its own certificate readable, valid long enough and carrying
its OIN. Each problem comes with its fix, in Dutch, and fits the party: a ketentest mock is started with
``make mocks``, a supplier's own system is never told to. Secrets are never printed. Problems that stop a run
are marked ✗; warnings (!) do not stop it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509

from chain_tests.aftasten import Verbinding, tast_af
from chain_tests.config import KetenConfig, Organisatie
from chain_tests.errors import ConfiguratieFout
from chain_tests.pki import TEST_CA_NAAM, lees_certificaat, oin_van
from chain_tests.profiel import Eindpunt, Profiel


@dataclass(frozen=True)
class Probleem:
    partij: str
    tekst: str
    oplossing: str
    onbereikbaar: bool = False  # nothing listens (yet): worth waiting for with --wacht
    blokkeert: bool = True  # False: a warning, the run goes on

    def __str__(self) -> str:
        return f"{'✗' if self.blokkeert else '!'} {self.partij}: {self.tekst}\n    Oplossing: {self.oplossing}"


@dataclass(frozen=True)
class Partij:
    """One party preflight meets: its name, OIN, URL, profile entry and whether it is a ketentest mock."""

    naam: str
    oin: str
    url: str
    is_mock: bool
    client: tuple[Path, Path] | None  # the certificate the harness presents there
    client_van: str  # whose certificate that is


@dataclass
class Preflight:
    problemen: list[Probleem] = field(default_factory=list)
    gezien: list[tuple[Partij, Verbinding]] = field(default_factory=list)

    @property
    def blokkerend(self) -> list[Probleem]:
        return [p for p in self.problemen if p.blokkeert]


# -- the organisations' own certificates --------------------------------------------------------------
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
    problemen = []
    if not Path(sleutel_pad).is_file():
        problemen.append(Probleem(o.naam, f"het sleutelbestand {sleutel_pad} bestaat niet", "controleer 'sleutel'"))
    try:
        cert = lees_certificaat(cert_pad)
    except ConfiguratieFout as exc:
        return [*problemen, Probleem(o.naam, str(exc).splitlines()[0], "controleer het pad 'certificaat'")]
    return problemen + _geldigheid(profiel, o, cert, nu)


def _geldigheid(profiel: Profiel, o: Organisatie, cert: x509.Certificate, nu: dt.datetime) -> list[Probleem]:
    problemen = []
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


# -- meeting each party ----------------------------------------------------------------------------------
def _partijen(profiel: Profiel, config: KetenConfig) -> list[Partij]:
    """Every party with a URL: the landelijke voorzieningen first, then each organisation's VTH system."""
    eigen = [(o, profiel.certificaat_van(o.oin, profiel.eindpunt_van(o))) for o in config.organisaties]
    namens = next(((o, c) for o, c in eigen if c is not None), (None, None))
    landelijk = [
        (config.dso_lv, profiel.dso_lv),
        (config.lvbb, profiel.lvbb),
        (config.plansoftware, profiel.plansoftware),
        (config.lopende_zaken, profiel.lopende_zaken),
    ]
    uit = [
        Partij(o.naam, o.oin, e.url, profiel.is_mock(e), namens[1], namens[0].naam if namens[0] else "-")
        for o, e in landelijk
        if e.url
    ]
    for o, cert in eigen:
        e = profiel.eindpunt_van(o)
        if e is not None and e.url:
            uit.append(Partij(f"VTH-systeem {o.naam}", o.oin, e.url, profiel.is_mock(e), cert, o.naam))
    return uit


def _ontmoet(profiel: Profiel, p: Partij, v: Verbinding) -> list[Probleem]:
    if not v.bereikbaar:
        starten = (
            "start de mocks (make mocks, of python -m mocks serve …)"
            if p.is_mock
            else f"controleer of het systeem van {p.naam} draait"
        )
        return [
            Probleem(
                p.naam,
                f"{p.url} is niet bereikbaar ({v.fout})",
                f"{starten}; controleer de URL en poort in het profiel, en firewalls",
                onbereikbaar=True,
            )
        ]
    if p.url.startswith("http://"):
        return [_zonder_tls(p)]
    return _tls_problemen(profiel, p, v)


def _zonder_tls(p: Partij) -> Probleem:
    return Probleem(
        p.naam,
        f"{p.url} spreekt geen TLS",
        "Digikoppeling en Verzoek afhandelen vragen tweezijdig TLS: gebruik https en een PKIoverheid-certificaat",
        blokkeert=False,
    )


def _tls_problemen(profiel: Profiel, p: Partij, v: Verbinding) -> list[Probleem]:
    if v.tls is None and v.client_geaccepteerd is not False:
        return [
            Probleem(
                p.naam,
                f"de TLS-verbinding met {p.url} mislukt: {v.fout}",
                "controleer of de URL https spreekt en TLS 1.2 of hoger, en de TLS-instellingen van dit systeem",
            )
        ]
    problemen = []
    if not v.vertrouwd:
        ca = (
            "reports/pki/ca.pem van de test-PKI"
            if p.is_mock
            else "de CA die het servercertificaat van deze partij uitgaf"
        )
        problemen.append(
            Probleem(
                p.naam,
                f"het servercertificaat van {p.url} wordt niet vertrouwd: {v.ketenfout or v.fout}",
                f"zet 'ca' in het profiel op {ca} (PKIoverheid: de stamcertificaten van de Staat der Nederlanden), "
                "en controleer of de hostnaam in de URL in het certificaat staat",
            )
        )
    if v.server_oin is not None and v.server_oin != p.oin:
        problemen.append(
            Probleem(
                p.naam,
                f"het servercertificaat van {p.url} draagt OIN {v.server_oin}, het profiel verwacht {p.oin}",
                f"controleer of de URL naar {p.naam} wijst, en het OIN van deze partij in de configuratie",
            )
        )
    elif v.tls is not None and v.server_oin is None:
        problemen.append(
            Probleem(
                p.naam,
                f"het servercertificaat van {p.url} heeft geen OIN (subject serialNumber)",
                "Digikoppeling vraagt een PKIoverheid-certificaat met het OIN in serialNumber",
                blokkeert=False,
            )
        )
    if v.server_dagen is not None and v.server_dagen < profiel.certificaat_dagen:
        problemen.append(
            Probleem(
                p.naam,
                f"het servercertificaat van {p.url} is nog {max(v.server_dagen, 0)} dag(en) geldig",
                "de beheerder van dit systeem moet het certificaat tijdig vervangen"
                + (" (make mocks maakt de test-PKI opnieuw)" if p.is_mock else ""),
                blokkeert=False,
            )
        )
    return problemen + _clientcertificaat(p, v)


def _clientcertificaat(p: Partij, v: Verbinding) -> list[Probleem]:
    if p.client is None or v.client_geaccepteerd is not False:
        return []
    if p.is_mock:
        oplossing = "de mocks vertrouwen alleen hun eigen test-CA: zet 'certificaten' op de map van de test-PKI"
    else:
        oplossing = (
            f"laat de beheerder van {p.naam} het certificaat van {p.client_van} (en de CA die het uitgaf) "
            "vertrouwen, of zet in het profiel het certificaat dat dit systeem verwacht"
        )
    return [
        Probleem(
            p.naam,
            f"{p.naam} accepteert het clientcertificaat van {p.client_van} niet ({v.fout or 'verbinding verbroken'})",
            oplossing,
        )
    ]


def onderzoek(profiel: Profiel, bereikbaarheid: bool = True) -> Preflight:
    """Everything preflight finds: the problems, and what each party showed."""
    uit = Preflight()
    if profiel.soort == "offline":
        return uit
    config = profiel.keten_config()
    nu = dt.datetime.now(dt.UTC)
    if profiel.ca is not None and not profiel.ca.is_file():
        uit.problemen.append(
            Probleem("profiel", f"de CA-bundel {profiel.ca} bestaat niet", "zet 'ca' op een bestaand PEM-bestand")
        )
    e = profiel.dso_lv
    if e.publiek_url and e.api_key is None:
        uit.problemen.append(
            Probleem(
                config.dso_lv.naam,
                "er is geen API-key voor de /publiek/-API's",
                "zet dso_lv.api_key (of KETENTEST_PROFIELEN__<NAAM>__DSO_LV__API_KEY)",
            )
        )
    for o in config.organisaties:
        eindpunt = profiel.eindpunt_van(o)
        if eindpunt is not None and eindpunt.url:
            uit.problemen += _certificaat(profiel, o, eindpunt, nu)
    if bereikbaarheid and (profiel.ca is None or profiel.ca.is_file()):
        for p in _partijen(profiel, config):
            v = tast_af(p.url, profiel.ca, p.client)
            uit.gezien.append((p, v))
            uit.problemen += _ontmoet(profiel, p, v)
    return uit


def controleer(profiel: Profiel, bereikbaarheid: bool = True) -> list[Probleem]:
    return onderzoek(profiel, bereikbaarheid).problemen


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


def _regel(p: Partij, v: Verbinding) -> str:
    if not v.bereikbaar:
        return f"  {p.naam} — {p.url}: niet bereikbaar"
    delen = [v.tls or "geen TLS"]
    if v.tls:
        delen.append("servercertificaat vertrouwd" if v.vertrouwd else "servercertificaat NIET vertrouwd")
        delen.append(f"OIN {v.server_oin or '-'}, nog {v.server_dagen} dag(en)")
    if p.client is None:
        delen.append("geen clientcertificaat aangeboden")
    else:
        oordeel = {True: "geaccepteerd", False: "GEWEIGERD", None: "niet vast te stellen"}[v.client_geaccepteerd]
        delen.append(f"clientcertificaat van {p.client_van} {oordeel}")
    soort = "ketentest-mock" if p.is_mock else "echt systeem"
    return f"  {p.naam} ({soort}) — {p.url}: " + ", ".join(delen)


def rapport(naam: str, problemen: list[Probleem], gezien: list[tuple[Partij, Verbinding]] | None = None) -> str:
    partijen = [_regel(p, v) for p, v in gezien or []]
    blokkerend = [p for p in problemen if p.blokkeert]
    if not blokkerend:
        kop = f"✓ Preflight keten-profiel {naam!r}: alle eindpunten bereikbaar, certificaten en sleutels in orde."
    else:
        kop = (
            f"Preflight keten-profiel {naam!r}: {len(blokkerend)} {'probleem' if len(blokkerend) == 1 else 'problemen'}"
        )
    waarschuwingen = [p for p in problemen if not p.blokkeert]
    delen = [kop, *partijen, *map(str, blokkerend), *map(str, waarschuwingen)]
    return "\n".join(delen)
