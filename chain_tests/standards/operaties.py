"""One table of every operation the parties serve: method, path, kind, who serves it, certificate, style.

Used by the mocks (their routes are bound by operation), by the trace (the kind of each message) and by
both bindings (the certificate gate and the style of a refusal, in :func:`mocks.routing.behandel`), so
that routing, trace, in-process and served never drift apart.

``certificaat``: the caller must present a (PKIoverheid-style) client certificate; its OIN is its
identity; ``alleen_eigen``: only the organisation's own certificate (a VTH's zaak data). ``/publiek/`` APIs
use an API key instead (:attr:`Operatie.publiek`); ``/_ketentest/`` is the mocks' own administration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import unquote

from chain_tests.standards import api, inspectie, planketen, zgw

Foutvorm = Literal["json", "soap", "ebms", "probleem"]  # probleem: ZGW's application/problem+json
Partij = Literal["DSO-LV", "VTH", "LVBB", "Plansoftware", "Lopende Zaken", "mock"]


@dataclass(frozen=True)
class Operatie:
    methode: str
    pad: str  # template with {name} placeholders, each one path segment
    soort: str  # the kind of message, in Dutch, for the trace and the report
    partijen: tuple[Partij, ...]
    certificaat: bool
    foutvorm: Foutvorm = "json"
    ontvanger: str | None = None  # the component inside the party that answers, named in the trace (OZON, RTR)
    alleen_eigen: bool = False  # only the party's own organisation (its own certificate) may call it
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        patroon = "^" + re.sub(r"\\{(\w+)\\}", r"(?P<\1>[^/?]+)", re.escape(self.pad)) + "$"
        object.__setattr__(self, "regex", re.compile(patroon))

    @property
    def inhoud(self) -> Literal["json", "bericht", "bijlage"]:
        """The kind of body this operation takes, for its size bound: a bijlage upload (streamed to disk), an
        XML/SOAP/ebMS message or a package, or JSON (any other body)."""
        if (self.methode == "PUT" and self.pad.endswith("/inhoud")) or self.pad == planketen.PLAN_LEVERINGEN:
            return "bijlage"  # streamed to disk by its handler, which bounds it (an opdracht.zip may be 1 GB)
        if self.foutvorm != "json" or self.pad == api.VERIFIEREN:
            return "bericht"
        return "json"

    @property
    def publiek(self) -> bool:
        """A DSO ``/publiek/`` API: it asks an API key (x-api-key) instead of a certificate."""
        return self.pad.startswith("/publiek/")

    def past(self, methode: str, pad: str) -> dict[str, str] | None:
        """The path parameters (decoded per segment) when this operation serves ``methode pad``."""
        m = self.regex.match(pad) if methode == self.methode else None
        return {k: unquote(v) for k, v in m.groupdict().items()} if m else None


def _dso(
    methode: str,
    pad: str,
    soort: str,
    certificaat: bool = True,
    foutvorm: Foutvorm = "json",
    ontvanger: str | None = None,
) -> Operatie:
    return Operatie(methode, pad, soort, ("DSO-LV",), certificaat, foutvorm, ontvanger)


def _vth(methode: str, pad: str, soort: str) -> Operatie:
    """Zaak data of one organisation: only that organisation's own certificate may read or change it."""
    return Operatie(methode, pad, soort, ("VTH",), True, alleen_eigen=True)


def _mock(methode: str, pad: str, soort: str, *partijen: Partij) -> Operatie:
    return Operatie(methode, pad, soort, partijen or ("DSO-LV", "VTH", "LVBB", "Plansoftware", "Lopende Zaken"), False)


# -- DSO-LV: RTR, loket, verzoeken, samenwerken -----------------------------------------------------
RTR_TOEPASBAAR = _dso("PUT", api.RTR_ACTIVITEIT_TOEPASBAAR, "activiteit toepasbaar maken")
RTR_ACTIVITEIT = _dso("GET", api.RTR_ACTIVITEIT, "activiteit opvragen", certificaat=False)
RTR_REGELS = _dso("GET", api.RTR_TOEPASBARE_REGELS, "toepasbare regels zoeken", certificaat=False)
RTR_STTR = _dso("GET", api.RTR_STTR_BESTAND, "STTR-bestand ophalen", certificaat=False)
VERIFIEREN = _dso("POST", api.VERIFIEREN, "regels verifiëren", certificaat=False)
AANLEVEREN = _dso("POST", api.AANLEVEREN, "toepasbare regels aanleveren (SOAP)", foutvorm="soap")
VERGUNNINGCHECK = _dso("POST", api.VERGUNNINGCHECK, "vergunningcheck", certificaat=False)
VERZOEK_AANMAKEN = _dso("POST", api.INDIENEN, "verzoek aanmaken", certificaat=False)
DOCUMENT_AANMELDEN = _dso("POST", api.INDIENEN_DOCUMENTEN, "document aanmelden", certificaat=False)
DOCUMENT_UPLOADEN = _dso("PUT", api.INDIENEN_INHOUD, "document uploaden", certificaat=False)
VERZOEK_INDIENEN = _dso("POST", api.INDIENEN_INDIENEN, "verzoek indienen", certificaat=False)
BEHANDELDIENST = _dso("PUT", api.BEHANDELDIENST, "behandeldienst instellen")
REFERENTIES = _dso("GET", api.AFHANDELEN, "verzoekreferenties ophalen")
STAM = _dso("GET", api.AFHANDELEN_STAM, "STAM-verzoek ophalen")
BIJLAGE = _dso("GET", api.AFHANDELEN_BIJLAGE, "bijlage ophalen")
DOORZETTEN = _dso("POST", api.AFHANDELEN_DOORZETTEN, "verzoek doorzetten")
SW_SAMENWERKINGEN = _dso("POST", api.SW_SAMENWERKINGEN, "samenwerking starten")
SW_SAMENWERKING = _dso("GET", api.SW_SAMENWERKING, "samenwerking opvragen")
SW_DEELNEMERS = _dso("POST", api.SW_DEELNEMERS, "deelnemer uitnodigen")
SW_DOCUMENT_AANMELDEN = _dso("POST", api.SW_DOCUMENTEN, "document aanmelden (samenwerken)")
SW_DOCUMENTEN = _dso("GET", api.SW_DOCUMENTEN, "documenten opvragen (samenwerken)")
SW_DOCUMENT_DELEN = _dso("PUT", api.SW_DOCUMENT_INHOUD, "document delen (samenwerken)")
SW_DOCUMENT_OPHALEN = _dso("GET", api.SW_DOCUMENT_INHOUD, "document ophalen (samenwerken)")
SW_ACTIEVERZOEKEN = _dso("POST", api.SW_ACTIEVERZOEKEN, "actieverzoek")
SW_ACTIEVERZOEK = _dso("GET", api.SW_ACTIEVERZOEK, "actieverzoek opvragen")
SW_GEREEDMELDEN = _dso("POST", api.SW_GEREEDMELDEN, "actieverzoek gereedmelden")
SW_INTREKKEN = _dso("POST", api.SW_INTREKKEN, "actieverzoek intrekken")
SW_NOTIFICATIES = _dso("GET", api.SW_NOTIFICATIES, "notificaties ophalen")

# -- DSO-LV: OZON and the RTR's functionele structuur (plan keten) -----------------------------------
OZON_VALIDEREN = _dso("POST", planketen.OZON_VALIDEREN, "OW-bestanden valideren", ontvanger="OZON")
OZON_DOORLEVERING = _dso("POST", planketen.OZON_DOORLEVERING, "publicatie doorleveren", ontvanger="OZON")
OZON_REGELINGEN = _dso("GET", planketen.OZON_REGELINGEN, "regelingen opvragen", False, ontvanger="OZON")
OZON_ACTIVITEIT = _dso("GET", planketen.OZON_ACTIVITEIT, "activiteit opvragen (OZON)", False, ontvanger="OZON")
OZON_LOCATIE = _dso("GET", planketen.OZON_LOCATIE, "locatie opvragen (OZON)", False, ontvanger="OZON")
GEOMETRIE = _dso("GET", planketen.GEOMETRIE, "geometrie opvragen", False, ontvanger="OZON")
RTR_FS_BIJWERKEN = _dso("POST", planketen.RTR_FS_BIJWERKEN, "functionele structuur bijwerken", ontvanger="RTR")
RTR_FS_ACTIVITEIT = _dso("GET", planketen.RTR_FS_ACTIVITEIT, "functionele structuur opvragen", False, ontvanger="RTR")

# -- the reference plansoftware's API ----------------------------------------------------------------
PLAN_LEVEREN = Operatie("POST", planketen.PLAN_LEVERINGEN, "aanlevering aanbieden", ("Plansoftware",), True)
PLAN_LEVERING = Operatie("GET", planketen.PLAN_LEVERING, "levering opvragen", ("Plansoftware",), True)
GROOT_BERICHT = Operatie("GET", planketen.PLAN_GROOT_BERICHT, "groot bericht ophalen", ("Plansoftware",), True)

# -- Digikoppeling (DSO-LV, every VTH, the LVBB and the plansoftware) ----------------------------------
EBMS = Operatie(
    "POST", api.EBMS, "ebMS2-bericht", ("DSO-LV", "VTH", "LVBB", "Plansoftware", "Lopende Zaken"), True, "ebms"
)

# -- the reference VTH's query API -------------------------------------------------
VTH_ZAKEN = _vth("GET", api.VTH_ZAKEN, "zaak opvragen")
VTH_DOORZETTEN = _vth("POST", api.VTH_DOORZETTEN, "zaak doorzetten (VTH)")
VTH_STATUS = _vth("POST", api.VTH_STATUS, "zaakstatus zetten (VTH)")


# -- the reference VTH's ZGW face (Zaken, Documenten, Catalogi API; open-zaak's layout; a JWT, no certificate) ----
def _zgw(methode: str, root: str, pad: str, soort: str) -> Operatie:
    return Operatie(methode, root + pad, soort + " (ZGW)", ("VTH",), False, "probleem")


_Z, _D, _C = zgw.ZAKEN_ROOT, zgw.DOCUMENTEN_ROOT, zgw.CATALOGI_ROOT
ZGW_ZAKEN = _zgw("GET", _Z, zgw.ZAKEN, "zaken opvragen")
ZGW_ZAAK = _zgw("GET", _Z, zgw.ZAAK, "zaak opvragen")
ZGW_ZOEK = _zgw("POST", _Z, zgw.ZAKEN_ZOEK, "zaken zoeken")
ZGW_ZAAKOBJECTEN = _zgw("GET", _Z, zgw.ZAAKOBJECTEN, "zaakobjecten opvragen")
ZGW_ZAAKOBJECT = _zgw("GET", _Z, zgw.ZAAKOBJECT, "zaakobject opvragen")
ZGW_STATUSSEN = _zgw("GET", _Z, zgw.STATUSSEN, "statussen opvragen")
ZGW_STATUS_ZETTEN = _zgw("POST", _Z, zgw.STATUSSEN, "status zetten")
ZGW_STATUS = _zgw("GET", _Z, zgw.STATUS, "status opvragen")
ZGW_RESULTATEN = _zgw("GET", _Z, zgw.RESULTATEN, "resultaten opvragen")
ZGW_RESULTAAT_ZETTEN = _zgw("POST", _Z, zgw.RESULTATEN, "resultaat vastleggen")
ZGW_RESULTAAT = _zgw("GET", _Z, zgw.RESULTAAT, "resultaat opvragen")
ZGW_ZIO = _zgw("GET", _Z, zgw.ZAAKINFORMATIEOBJECTEN, "zaakinformatieobjecten opvragen")
ZGW_EIGENSCHAPPEN = _zgw("GET", _Z, zgw.ZAAKEIGENSCHAPPEN, "zaakeigenschappen opvragen")
ZGW_EIOS = _zgw("GET", _D, zgw.INFORMATIEOBJECTEN, "informatieobjecten opvragen")
ZGW_EIO = _zgw("GET", _D, zgw.INFORMATIEOBJECT, "informatieobject opvragen")
ZGW_DOWNLOAD = _zgw("GET", _D, zgw.DOWNLOAD, "document downloaden")
ZGW_ZAAKTYPE = _zgw("GET", _C, zgw.ZAAKTYPE, "zaaktype opvragen")
ZGW_STATUSTYPEN = _zgw("GET", _C, zgw.STATUSTYPEN, "statustypen opvragen")
ZGW_STATUSTYPE = _zgw("GET", _C, zgw.STATUSTYPE, "statustype opvragen")
ZGW_RESULTAATTYPEN = _zgw("GET", _C, zgw.RESULTAATTYPEN, "resultaattypen opvragen")
ZGW_RESULTAATTYPE = _zgw("GET", _C, zgw.RESULTAATTYPE, "resultaattype opvragen")

# -- the mocks' own administration (/_ketentest/) ----------------------------------------------------
GEZOND = _mock("GET", inspectie.GEZOND, "gezondheid (mock)")
TRACE = _mock("GET", inspectie.TRACE, "trace opvragen (mock)")
FOUTEN_ZETTEN = _mock("PUT", inspectie.FOUTEN, "fouten instellen (mock)")
FOUTEN_WISSEN = _mock("DELETE", inspectie.FOUTEN, "fouten wissen (mock)")
TOESTAND_WISSEN = _mock("DELETE", inspectie.TOESTAND, "toestand wissen (mock)")
STORINGEN = _mock("GET", inspectie.STORINGEN, "storingen opvragen (mock)")
BEZORGING = _mock("GET", inspectie.BEZORGING, "inspectie bezorging (mock)", "DSO-LV")
OPHALEN = _mock("GET", inspectie.OPHALEN, "inspectie ophalen (mock)", "VTH")
LEVERING = _mock("GET", inspectie.LEVERING, "inspectie levering (mock)", "LVBB")
LOPENDE_ZAKEN = _mock("GET", inspectie.LOPENDE_ZAKEN, "inspectie Lopende Zaken (mock)", "Lopende Zaken")
SIGNALEN = _mock("GET", inspectie.SIGNALEN, "inspectie ebMS-signalen (mock)", "DSO-LV")
PLAN = _mock("PUT", inspectie.PLAN, "plan-instellingen (mock)", "LVBB", "DSO-LV")

OPERATIES: tuple[Operatie, ...] = tuple(v for v in dict(globals()).values() if isinstance(v, Operatie))


def zoek(methode: str, pad: str) -> tuple[Operatie, dict[str, str]] | None:
    """The operation that serves ``methode pad`` (a raw, percent-encoded path), with its parameters."""
    for operatie in OPERATIES:
        params = operatie.past(methode, pad)
        if params is not None:
            return operatie, params
    return None
