"""The reference VTH's zaken as ZGW resources: every field the specifications require, filled with what the VTH
knows (the zaak, its verzoeken as zaakobjecten, its DSO data as zaakeigenschappen, its bijlagen as documents).

ZGW keeps a zaak's history, the VTH only its present: the first time a zaak is seen, and every time its status
changes, a status is recorded here with the time it was seen (the VTH's own changes: aangevuld, ingetrokken,
overgedragen) or the time the client gave (a status set through the Zaken API).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from chain_tests.standards import api, zgw
from chain_tests.standards.zgw import modellen as m
from mocks.vth.zgw.bron import ZaakBron, rsin
from mocks.vth.zgw.catalogus import Catalogus


@dataclass
class Statusregel:
    uuid: str
    status: str
    datum: str  # date-time


@dataclass
class Geheugen:
    """What ZGW shows that the VTH does not keep: when a zaak was first seen, its statuses, a resultaat set
    through the Zaken API before the eindstatus."""

    gezien: dict[str, str] = field(default_factory=dict)  # zaak_id → date-time first seen
    statussen: dict[str, list[Statusregel]] = field(default_factory=dict)
    resultaten: dict[str, str] = field(default_factory=dict)  # zaak_id → resultaattype URL


@dataclass
class Weergave:
    bron: ZaakBron
    zaken_root: str
    documenten_root: str
    catalogus: Catalogus
    geheugen: Geheugen = field(default_factory=Geheugen)

    @property
    def ns(self) -> uuid.UUID:
        return self.catalogus.ns

    def uuid(self, *delen: str) -> str:
        return str(uuid.uuid5(self.ns, "|".join(delen)))

    def zaak_url(self, z: api.Zaak) -> str:
        return self.zaken_root + api.pad(zgw.ZAAK, uuid=self.uuid("zaak", z.zaak_id))

    def eio_uuid(self, z: api.Zaak, b: api.ZaakBijlage) -> str:
        return self.uuid("eio", z.zaak_id, b.document_id)

    # -- history ---------------------------------------------------------------------------------------
    def statussen(self, z: api.Zaak) -> list[Statusregel]:
        """The zaak's statuses, oldest first; a status the VTH reached on its own is added as it is seen."""
        nu = self.bron.klok.nu().isoformat()
        self.geheugen.gezien.setdefault(z.zaak_id, nu)
        regels = self.geheugen.statussen.setdefault(z.zaak_id, [])
        if not regels or regels[-1].status != z.status:
            self.leg_vast(z, z.status, nu)
        return regels

    def leg_vast(self, z: api.Zaak, status: str, datum: str) -> None:
        regels = self.geheugen.statussen.setdefault(z.zaak_id, [])
        regels.append(Statusregel(self.uuid("status", z.zaak_id, str(len(regels))), status, datum))

    def resultaattype(self, z: api.Zaak) -> str | None:
        """The zaak's resultaat: set through the Zaken API, or the VTH's own (by its omschrijving)."""
        if z.zaak_id in self.geheugen.resultaten:
            return self.geheugen.resultaten[z.zaak_id]
        eigen = (z.resultaat or "").casefold()
        return next(
            (r.url for r in self.catalogus.resultaattypen() if eigen and r.omschrijving.casefold() == eigen), None
        )

    # -- resources -------------------------------------------------------------------------------------
    def zaak(self, z: api.Zaak) -> m.Zaak:
        url, regels = self.zaak_url(z), self.statussen(z)
        gezien = self.geheugen.gezien[z.zaak_id]
        resultaat = self.resultaat(z)
        return m.Zaak(
            url=url,
            uuid=self.uuid("zaak", z.zaak_id),
            identificatie=z.zaak_id,
            bronorganisatie=rsin(self.bron.oin),
            omschrijving=z.verzoektype[:80],
            zaaktype=self.catalogus.zaaktype,
            registratiedatum=gezien[:10],
            verantwoordelijke_organisatie=rsin(self.bron.oin),
            startdatum=gezien[:10],
            einddatum=z.einddatum,
            eigenschappen=[e.url for e in self.eigenschappen(z)],
            status=self.status(z, regels[-1]).url,
            resultaat=resultaat.url if resultaat else None,
            zaakinformatieobjecten=[zio.url for zio in self.zios(z)],
            zaakobjecten=[zo.url for zo in self.zaakobjecten(z)],
            kenmerken=[m.ZaakKenmerk(kenmerk=n[:40], bron=zgw.KENMERK_BRON) for n in z.verzoeken],
        )

    def status(self, z: api.Zaak, regel: Statusregel) -> m.Status:
        laatste = self.geheugen.statussen[z.zaak_id][-1] is regel
        return m.Status(
            url=self.zaken_root + api.pad(zgw.STATUS, uuid=regel.uuid),
            uuid=regel.uuid,
            zaak=self.zaak_url(z),
            statustype=self.catalogus.statustype_van(regel.status).url,
            datum_status_gezet=regel.datum,
            indicatie_laatst_gezette_status=laatste,
        )

    def resultaat(self, z: api.Zaak) -> m.Resultaat | None:
        resultaattype = self.resultaattype(z)
        if resultaattype is None:
            return None
        eigen = self.uuid("resultaat", z.zaak_id)
        url = self.zaken_root + api.pad(zgw.RESULTAAT, uuid=eigen)
        return m.Resultaat(url=url, uuid=eigen, zaak=self.zaak_url(z), resultaattype=resultaattype)

    def zaakobjecten(self, z: api.Zaak) -> list[m.ZaakObject]:
        return [
            m.ZaakObject(
                url=self.zaken_root + api.pad(zgw.ZAAKOBJECT, uuid=self.uuid("zaakobject", z.zaak_id, nummer)),
                uuid=self.uuid("zaakobject", z.zaak_id, nummer),
                zaak=self.zaak_url(z),
                object=self.bron.verzoek_url(nummer),
                object_type="overige",
                object_type_overige=zgw.OBJECT_TYPE_OVERIGE,
                relatieomschrijving=f"DSO-verzoek {nummer}"[:80],
            )
            for nummer in z.verzoeken
        ]

    def eigenschappen(self, z: api.Zaak) -> list[m.ZaakEigenschap]:
        zaak_uuid = self.uuid("zaak", z.zaak_id)
        return [
            m.ZaakEigenschap(
                url=self.zaken_root
                + api.pad(zgw.ZAAKEIGENSCHAPPEN, zaak_uuid=zaak_uuid)
                + "/"
                + self.uuid("eigenschap", z.zaak_id, str(i)),
                uuid=self.uuid("eigenschap", z.zaak_id, str(i)),
                zaak=self.zaak_url(z),
                eigenschap=self.catalogus.root + "/eigenschappen/" + self.uuid("eigenschapdefinitie", naam),
                naam=naam,
                waarde=waarde,
            )
            for i, (naam, waarde) in enumerate(_eigenschappen(z))
        ]

    def zios(self, z: api.Zaak) -> list[m.ZaakInformatieObject]:
        gezien = self.geheugen.gezien.setdefault(z.zaak_id, self.bron.klok.nu().isoformat())
        return [
            m.ZaakInformatieObject(
                url=self.zaken_root + "/zaakinformatieobjecten/" + self.uuid("zio", z.zaak_id, b.document_id),
                uuid=self.uuid("zio", z.zaak_id, b.document_id),
                informatieobject=self.documenten_root + api.pad(zgw.INFORMATIEOBJECT, uuid=self.eio_uuid(z, b)),
                zaak=self.zaak_url(z),
                titel=b.bestandsnaam[:200],
                registratiedatum=gezien,
            )
            for b in z.bijlagen
        ]

    def eio(self, z: api.Zaak, b: api.ZaakBijlage) -> m.EnkelvoudigInformatieObject:
        gezien = self.geheugen.gezien.setdefault(z.zaak_id, self.bron.klok.nu().isoformat())
        eigen = self.eio_uuid(z, b)
        return m.EnkelvoudigInformatieObject(
            url=self.documenten_root + api.pad(zgw.INFORMATIEOBJECT, uuid=eigen),
            identificatie=b.document_id[:40],
            bronorganisatie=rsin(self.bron.oin),
            creatiedatum=gezien[:10],
            titel=b.bestandsnaam[:200],
            auteur="Omgevingsloket",
            begin_registratie=gezien,
            bestandsnaam=b.bestandsnaam[:255],
            inhoud=self.documenten_root + api.pad(zgw.DOWNLOAD, uuid=eigen),
            bestandsomvang=b.bestandsgrootte,
            integriteit=m.Integriteit(algoritme="sha_256", waarde=b.sha256, datum=gezien[:10]),
            informatieobjecttype=self.catalogus.root + "/informatieobjecttypen/" + self.uuid("iot", "bijlage"),
        )


def _eigenschappen(z: api.Zaak) -> list[tuple[str, str]]:
    """The DSO data of a zaak that ZGW has no field for, as zaakeigenschappen (naam, waarde)."""
    enkel = {
        "volgnummer": str(z.volgnummer),
        "projectId": z.project_id,
        "verzoektype": z.verzoektype,
        "bevoegdGezag": z.bevoegd_gezag,
        "uitvoerendeInstantie": z.uitvoerende_instantie or "",
        "overgedragenAan": z.overgedragen_aan or "",
        "initiatiefnemer": z.initiatiefnemer,
    }
    paren = [(k, v) for k, v in enkel.items()]
    paren += [("activiteit", a) for a in z.activiteiten]
    paren += [("antwoord", f"{a.activiteit_id}|{a.vraag_id}|{a.antwoord or ''}") for a in z.antwoorden]
    paren += [("signaal", s) for s in z.signalen]
    return paren
