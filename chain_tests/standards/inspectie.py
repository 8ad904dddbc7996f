"""The ``/_ketentest/`` contract: how the harness inspects and configures ketentest's own mocks.

Not part of any DSO koppelvlak. The same paths and models offline (in-process) and served; against a
real system there is no inspection. Kept apart from :mod:`chain_tests.standards.api` (the wire contract
between the chain parties).

The fault model (:class:`Fouten`) is the typed set of deliberate faults a keten can be built with:
offline it is handed to the mocks, served it is sent to ``PUT /_ketentest/fouten``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from chain_tests.standards.api import Model

# -- paths ------------------------------------------------------------------------------------------
BEHEER = "/_ketentest"
GEZOND = BEHEER + "/gezond"
TRACE = BEHEER + "/trace"
FOUTEN = BEHEER + "/fouten"
TOESTAND = BEHEER + "/toestand"
BEZORGING = BEHEER + "/bezorgingen/{verzoeknummer}"  # DSO-LV: delivery state of a verzoek
OPHALEN = BEHEER + "/ophalen/{verzoeknummer}"  # reference VTH: fetching state of a verzoek
LEVERING = BEHEER + "/leveringen/{id_levering}"  # LVBB: what became of a levering
LOPENDE_ZAKEN = BEHEER + "/lopende-zaken"  # MijnOverheid: ?zender=<OIN>&zaak=<id>, what the citizen sees
PLAN = BEHEER + "/plan"  # LVBB and DSO-LV (OZON): PUT the plan settings (PlanInstellingen) of a served keten
SIGNALEN = BEHEER + "/signalen"  # DSO-LV: ?ref=<MessageId>, the ebMS signals it received about a message
STORINGEN = BEHEER + "/storingen"  # every mock party: its own internal failures
MAX_SINDS = 999_999_999  # the largest query number the mocks accept (9 digits): "only the length, no lines"
ROL_HEADER = "x-ketentest-rol"  # the harness's role for a request (percent-encoded), for the mocks' log only
BRON_HEADER = "x-ketentest-bron"  # "harness" on the harness's own requests: served mocks leave them out of their trace
BEHEER_HEADER = "x-ketentest-beheer"  # the admin token for /_ketentest/ from another address than loopback

# -- state ------------------------------------------------------------------------------------------
BezorgStatus = Literal["geen", "in_wachtrij", "verzonden", "bevestigd", "mislukt"]


class BerichtAanAanvrager(Model):
    soort: Literal["ontvangstbevestiging", "storing"]
    tekst: str


class StoringInMock(Model):
    """A mock failed internally (a bug in ketentest, not in a system under test)."""

    partij: str
    methode: str
    pad: str
    fout: str
    tijd: str


class Signaal(Model):
    """An ebMS signal a mock received (an Acknowledgment or an ErrorList) about a message."""

    ref: str
    message_id: str
    soort: Literal["Acknowledgment", "MessageError"]
    van_oin: str
    codes: list[str] = Field(default_factory=list)


class Bezorgstatus(Model):
    verzoeknummer: str
    ontvanger_oin: str | None = None
    status: BezorgStatus = "geen"
    pogingen: int = 0
    laatste_fout: str | None = None
    opgehaald_door: list[str] = Field(default_factory=list)
    opgehaalde_documenten: list[str] = Field(default_factory=list)
    berichten_aan_aanvrager: list[BerichtAanAanvrager] = Field(default_factory=list)
    geweigerde_signalen: list[str] = Field(default_factory=list)
    bezorgd: int = Field(0, description="zo vaak bereikte het bericht de ontvanger (een HTTP-antwoord kwam terug)")
    acknowledgments: int = Field(0, description="zoveel echte Acknowledgments kwamen erop binnen")


class Ophaalstatus(Model):
    """The reference VTH's own account of fetching one verzoek."""

    verzoeknummer: str
    status: Literal["geen", "wacht", "opgegeven", "verwerkt"] = "geen"
    pogingen: int = 0
    laatste_fout: str | None = None


Leveringfase = Literal["geen", "ontvangen", "gevalideerd", "geregistreerd", "klaar"]


class Leveringstatus(Model):
    """The LVBB mock's own account of one levering: received, where it is, what it sent back."""

    id_levering: str
    ontvangen: bool = False
    aanleveraar: str | None = None
    soort: str | None = None
    fase: Leveringfase = "geen"
    verslagen: list[str] = Field(default_factory=list, description="uitkomst of voortgang van elk verzonden verslag")
    bezorging: BezorgStatus = "geen"
    laatste_fout: str | None = None
    doorgeleverd: bool = False
    doorlevering: str | None = Field(None, description="antwoord van OZON op de doorlevering")


class LzStatus(Model):
    status: str
    datum_status_gezet: str  # yyyyMMddHHmmss


class LopendeZaak(Model):
    """A zaak as MijnOverheid shows it to the citizen (the BSN masked, and hashed for comparison)."""

    zender: str
    zaak_id: str
    bsn_gemaskeerd: str
    bsn_sha256: str
    omschrijving: str
    zaaktype: str
    statussen: list[LzStatus] = Field(default_factory=list, description="in volgorde van ontvangst")
    einddatum: str | None = None
    resultaat: str | None = None
    verwijzing: str | None = None


# -- faults -----------------------------------------------------------------------------------------
class Foutgroep(BaseModel):
    """Faults are plain, mutable settings (a mock counts some of them down); unknown names are refused."""

    model_config = ConfigDict(extra="forbid")

    def neem_over(self, nieuw: Foutgroep) -> None:
        """Take over every field of ``nieuw`` in place, nested fault groups too (running mocks hold
        references to these objects)."""
        for naam in type(self).model_fields:
            oud, waarde = getattr(self, naam), getattr(nieuw, naam)
            if isinstance(oud, Foutgroep) and isinstance(waarde, Foutgroep):
                oud.neem_over(waarde)
            else:
                setattr(self, naam, waarde)


class LoketFouten(Foutgroep):
    bezorgt_niet: bool = Field(False, description="ingediende verzoeken komen nooit in de outbox")
    verminkt_upload: bool = Field(False, description="meldt een andere checksum dan de ontvangen bytes")
    negeert_regels: bool = Field(False, description="de vergunningcheck antwoordt altijd Toestemmingsvrij")
    accepteert_alles: bool = Field(False, description="slaat de controle op de indieningsvereisten over")
    vage_weigering: bool = Field(False, description="weigert met een melding die niet zegt wat ontbreekt")
    routeert_naar: str | None = Field(None, description="de verzoeksroutering stuurt elke activiteit naar dit OIN")
    verliest_groot_vanaf: int | None = Field(
        None, description="bevinding 1: verliest meervoudige aanvragen met zoveel bytes aan bijlagen of meer"
    )
    meldt_verlies: bool = Field(False, description="… en meldt dat aan de aanvrager (in plaats van stil verlies)")
    kopie_naar_bevoegd_gezag: bool = Field(
        False, description="notificeert ook het bevoegd gezag als een behandeldienst het verzoek behandelt"
    )
    splitst_niet: bool = Field(False, description="elk verzoek krijgt alle activiteiten en documenten")
    project_id_per_verzoek: bool = Field(False, description="elk verzoek een eigen projectId in plaats van één")
    weigert_indienen: int = Field(0, description="beantwoordt het aanmaken van een verzoek met deze HTTP-status")
    breekt_contract: bool = Field(False, description="de vergunningcheck antwoordt JSON buiten het contract")
    vult_bouwmelding_aan: bool = Field(False, description="neemt een aanvulling op een bouwmelding aan")


class RtrFouten(Foutgroep):
    weigert_toepasbaar: bool = Field(False, description="elk verzoek om toepasbaar maken wordt geweigerd")
    verliest_regels: bool = Field(False, description="aangeleverde regels verschijnen nooit in de lees-API")
    soap_fault: bool = Field(False, description="aanleveren antwoordt met een SOAP Fault")


class SamenwerkenFouten(Foutgroep):
    toont_sv_aan_bt: bool = Field(False, description="strikt vertrouwelijke stukken zichtbaar met beperkte toegang")
    laat_iedereen_toe: bool = Field(False, description="geen controle op deelname")
    meldt_niets: bool = Field(False, description="geen notificaties")
    verliest_advies: bool = Field(False, description="gereedmelden laat de resultaatdocumenten vallen")
    negeert_intrekking: bool = Field(False, description="een ingetrokken actieverzoek kan nog gereedgemeld worden")
    verminkt_document: bool = Field(False, description="meldt een andere checksum dan de ontvangen bytes")
    verbergt_documenten: bool = Field(False, description="deelnemers zien alleen hun eigen stukken in de lijst")
    levert_ander_document: bool = Field(False, description="levert bij ophalen andere bytes dan er gedeeld zijn")
    levert_sv_aan_bt: bool = Field(
        False, description="verbergt strikt vertrouwelijke stukken in de lijst, maar levert ze wel met beperkte toegang"
    )


class AfhandelenFouten(Foutgroep):
    onbeschikbaar: int = Field(0, description="beantwoordt zoveel keer ophalen met HTTP 503")
    crasht: bool = Field(False, description="een opzettelijke fout in de mock zelf (zelftest van het harnas)")
    verbergt_routering: bool = Field(False, description="het bevoegd gezag ziet de uitvoerende instantie niet")
    weigert_doorzetten: bool = Field(False, description="beantwoordt doorzetten met HTTP 503")


class LvbbFouten(Foutgroep):
    antwoordt_niet: bool = Field(False, description="neemt leveringen aan maar stuurt nooit een verslag")
    keurt_af: bool = Field(False, description="antwoordt niet-valide (LVBB3504) op een valide levering")
    levert_niet_door: bool = Field(False, description="meldt 'gepubliceerd' maar levert nooit door aan OZON")
    valideert_niet: bool = Field(False, description="keurt elke levering goed, ook een foute")
    slaat_voortgang_over: bool = Field(False, description="stuurt bij publicatie geen 'registratie-voltooid'")
    publiceert_niet: bool = Field(False, description="stuurt bij publicatie de voortgang, maar nooit het eindverslag")


class OzonFouten(Foutgroep):
    verschuift_geometrie: bool = Field(False, description="toont de locaties 100 m verschoven")
    synchroniseert_niet: bool = Field(False, description="activiteiten komen nooit in de functionele structuur")
    vergeet_publicatie: bool = Field(False, description="neemt de doorlevering aan en toont haar nooit")
    vergeet_regels: bool = Field(False, description="toont de activiteiten zonder hun regels (regelkwalificatie)")


class VthFouten(Foutgroep):
    laat_bijlage_vallen: bool = Field(False, description="de laatste bijlage komt niet in de zaak")
    bevestigt_niet: bool = Field(False, description="stuurt nooit een Acknowledgment")
    laat_antwoord_vallen: bool = Field(False, description="de zaak mist het eerste antwoord")
    haalt_niet_op: bool = Field(False, description="bevestigt, maar haalt het verzoek nooit op")
    maakt_geen_zaak: bool = Field(False, description="haalt alles op en maakt dan geen zaak")
    dubbele_zaak: bool = Field(False, description="maakt twee zaken voor één verzoek")
    nieuwe_ack_bij_dubbel: bool = Field(False, description="een dubbel bericht krijgt een nieuwe Acknowledgment")
    ebms_slordig: bool = Field(False, description="neemt elk ebMS-bericht aan dat de XSD toelaat (geen CPA-controles)")
    verminkt_bijlage: bool = Field(False, description="bewaart de eerste bijlage verminkt (de eerste byte anders)")
    haalt_geen_bijlagen: bool = Field(False, description="haalt geen bijlagen op")
    nieuwe_zaak_per_bericht: bool = Field(False, description="bevinding 3: aanvulling/intrekking als losse zaak")
    legt_overdracht_niet_vast: bool = Field(False, description="doorzetten lukt, de zaak legt het niet vast")
    weigert_doorzetten: bool = Field(False, description="weigert doorzetten zelf (HTTP 409), zonder DSO-LV te vragen")
    onbeschikbaar: int = Field(0, description="beantwoordt zoveel ebMS-bezorgingen eerst met HTTP 503")
    negeert_vervolg: bool = Field(False, description="haalt een aanvulling/intrekking op maar werkt de zaak niet bij")
    negeert_intrekking: bool = Field(False, description="legt het volgnummer van een intrekking vast, niet de status")
    bewaart_vervallen_bijlagen: bool = Field(False, description="houdt documenten die een aanvulling niet meer heeft")
    maakt_alles_aanvraag: bool = Field(False, description="registreert elk verzoek als Aanvraag vergunning")
    stuurt_geen_lopende_zaken: bool = Field(False, description="meldt zaakstatussen nooit aan MijnOverheid")
    verkeerde_bsn: bool = Field(False, description="meldt de zaakstatus bij een andere burger (ander BSN)")
    statussen_door_elkaar: bool = Field(False, description="elke nieuwe status met een datumStatusGezet van gisteren")
    zonder_einddatum: bool = Field(False, description="de laatste status (afgehandeld) zonder einddatum")
    zonder_verwijzing: bool = Field(False, description="stuurt geen verwijzing naar het zaakdossier mee")
    signaleert_niets: bool = Field(False, description="signaleert niet dat een Wkb-melding geen bouwmelding heeft")
    bevestigt_dubbel: bool = Field(False, description="stuurt op elk bericht twee Acknowledgments")
    ack_onondertekend: bool = Field(False, description="ondertekent zijn Acknowledgments niet (osb-rm-s)")
    andere_vorm: bool = Field(
        False,
        description="de zaak-API noemt 'initiatiefnemer' 'aanvrager' en heeft een veld 'extra' (zelftest van verschil)",
    )


class Verbindingsfout(Foutgroep):
    """Offline: the next ``aantal`` requests from the system of OIN ``van`` (DSO-LV delivering, a VTH system
    fetching or acknowledging) to the party with OIN ``naar`` fail to connect (connection refused)."""

    van: str
    naar: str
    aantal: int = 1


class Bereik(Foutgroep):
    """Which messages a keten fault strikes, and how often: per verzoek (and version), per receiver, a number
    of times and/or a time window. The window counts from the first message the mock weighs the fault for
    after it was set (offline on the keten's manual clock)."""

    verzoeknummer: str | None = Field(None, description="alleen dit verzoek (leeg: elk verzoek)")
    volgnummer: int | None = Field(
        None, ge=1, description="alleen deze versie: 1 het eerste verzoek, 2 de eerste aanvulling of intrekking, …"
    )
    ontvanger: str | None = Field(None, description="alleen voor dit OIN (de ontvanger, of wie ophaalt)")
    aantal: int | None = Field(1, ge=1, le=10_000, description="zo vaak slaat de fout toe; leeg: onbeperkt")
    vanaf: float = Field(0.0, ge=0, le=86_400, description="seconden na de eerste gelegenheid")
    tot: float | None = Field(None, gt=0, le=86_400, description="einde van het venster in seconden; leeg: geen einde")
    _begin: datetime | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _venster(self) -> Bereik:
        if self.tot is not None and self.tot <= self.vanaf:
            raise ValueError("'tot' moet na 'vanaf' liggen")
        return self

    def treft(self, nu: datetime, verzoeknummer: str, volgnummer: int | None, oin: str | None) -> bool:
        """Does the fault strike this message (and count one strike down)?"""
        if self._begin is None:
            self._begin = nu
        verstreken = (nu - self._begin).total_seconds()
        if (
            (self.verzoeknummer is not None and self.verzoeknummer != verzoeknummer)
            or (self.volgnummer is not None and self.volgnummer != volgnummer)
            or (self.ontvanger is not None and self.ontvanger != oin)
            or verstreken < self.vanaf
            or (self.tot is not None and verstreken >= self.tot)
            or self.aantal == 0
        ):
            return False
        if self.aantal is not None:
            self.aantal -= 1
        return True


Bezorgsoort = Literal[
    "verbinding-geweigerd", "verbinding-verbroken", "ack-verloren", "dubbel", "dubbel-na-ack", "vertraging"
]
Ophaalsoort = Literal["http-503", "http-500", "traag", "bijlage-afgekapt"]


class Bezorgfout(Bereik):
    """A fault on DSO-LV's delivery of a verzoeknotificatie over Digikoppeling (ebMS2, osb-rm)."""

    soort: Bezorgsoort = Field(
        description="verbinding-geweigerd: niet verstuurd, telt als mislukte poging; verbinding-verbroken: verstuurd, "
        "het antwoord gaat verloren (DSO-LV stuurt opnieuw, zelfde MessageId); ack-verloren: de Acknowledgment "
        "van de ontvanger gaat verloren (opnieuw, zelfde MessageId); dubbel: meteen twee keer bezorgd; "
        "dubbel-na-ack: na de Acknowledgment nog eens bezorgd; vertraging: 'seconden' later bezorgd"
    )
    seconden: float = Field(0.0, ge=0, le=3600, description="bij vertraging: zoveel seconden later")


class Ophaalfout(Bereik):
    """A fault on *Verzoek afhandelen* when a VTH system fetches a verzoek (referenties, STAM, bijlagen)."""

    soort: Ophaalsoort = Field(
        description="http-503 of http-500: het ophalen krijgt die status; traag: het antwoord komt 'seconden' later; "
        "bijlage-afgekapt: een bijlage komt maar half (Content-Length klopt niet met de bytes)"
    )
    seconden: float = Field(0.0, ge=0, le=60, description="bij traag: zoveel seconden vertraging")


class Ketenfouten(Foutgroep):
    """Faults of a real Digikoppeling chain, per verzoek or message and time window, to test a VTH system."""

    bezorging: list[Bezorgfout] = Field(default_factory=list, description="op de bezorging door DSO-LV")
    ophalen: list[Ophaalfout] = Field(default_factory=list, description="op Verzoek afhandelen")


B = TypeVar("B", bound=Bereik)


def eerste(fouten: list[B], nu: datetime, verzoeknummer: str, volgnummer: int | None, oin: str | None) -> B | None:
    """The first fault of the list that strikes this message (counting it down)."""
    return next((f for f in fouten if f.treft(nu, verzoeknummer, volgnummer, oin)), None)


class Fouten(Foutgroep):
    """Faults to build into a keten (self-tests, and scenarios that show a finding is detected)."""

    loket: LoketFouten = Field(default_factory=LoketFouten)
    rtr: RtrFouten = Field(default_factory=RtrFouten)
    samenwerken: SamenwerkenFouten = Field(default_factory=SamenwerkenFouten)
    afhandelen: AfhandelenFouten = Field(default_factory=AfhandelenFouten)
    lvbb: LvbbFouten = Field(default_factory=LvbbFouten)
    ozon: OzonFouten = Field(default_factory=OzonFouten)
    vth: dict[str, VthFouten] = Field(default_factory=dict, description="per organisatie-OIN")
    weigert_behandeldienst: bool = Field(False, description="het instellen van een behandeldienst mislukt altijd")
    verbindingen: list[Verbindingsfout] = Field(default_factory=list, description="alleen offline")
    keten: Ketenfouten = Field(
        default_factory=Ketenfouten, description="fouten van een echte Digikoppeling-keten, per verzoek of bericht"
    )
