"""The CPA is the configuration: every agreement of the keten is a valid CPP/CPA 2.0 document (OASIS XSD), reads back
to what was written, drives the senders (roles, acknowledgments, retries) and the receivers' checks; a broken
CPA is refused naming the problem; ``ketentest cpa`` writes one per party."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from chain_tests.cli import main
from chain_tests.config import EbmsInterop, KetenConfig, Tijden
from chain_tests.errors import OngeldigeInvoer
from chain_tests.standards import cpa
from chain_tests.standards.ebms import MimeDeel
from chain_tests.standards.ebms_controle import EbmsFout, controleer
from chain_tests.standards.schemas import cpa_schema, validate
from tests.bouwstenen import DRIMMELEN, DSO, LOPENDE_ZAKEN, LVBB, PLANSOFTWARE, verpakt

ALLE = cpa.overeenkomsten(KetenConfig())


@pytest.mark.parametrize("cpa_id", list(ALLE))
def test_every_agreement_of_the_keten_is_a_valid_cpa_that_reads_back(cpa_id: str) -> None:
    xml = cpa.als_xml(ALLE[cpa_id])
    assert validate(cpa_schema(), etree.fromstring(xml)) == []
    assert cpa.lees(xml) == ALLE[cpa_id]


def test_the_keten_has_an_agreement_per_exchange_and_direction() -> None:
    paren = {(o.partijen[0].oin, o.partijen[1].oin, o.service.rsplit(":", 2)[-2]) for o in ALLE.values()}
    assert (DSO, DRIMMELEN, "verzoeknotificatie") in paren and (DRIMMELEN, LOPENDE_ZAKEN, "lopendezaken") in paren
    assert {(PLANSOFTWARE, LVBB), (LVBB, PLANSOFTWARE)} <= {(a, b) for a, b, _ in paren}
    verslag = ALLE[cpa.cpa_id(cpa.LVBB_VERSLAG[0], LVBB, PLANSOFTWARE)]
    assert [a.naam for a in verslag.acties] == [
        "validatieVerzoekResultaat",
        "publicatieVerzoekResultaat",
        "breekPublicatieAfVerzoekResultaat",
    ]


def test_reliable_messaging_comes_from_the_timing_and_travels_in_the_cpa() -> None:
    alle = cpa.overeenkomsten(KetenConfig(tijden=Tijden(ebms_retries=5, ebms_retry_interval=0.5)))
    o = next(iter(alle.values()))
    xml = cpa.als_xml(o)
    assert b"<tp:Retries>5</tp:Retries>" in xml and b"<tp:RetryInterval>PT0.5S</tp:RetryInterval>" in xml
    assert (cpa.lees(xml).retries, cpa.lees(xml).retry_interval) == (5, 0.5)


def test_a_signed_profile_carries_the_certificates_and_asks_signed_acknowledgments() -> None:
    o = ALLE[cpa.cpa_id(cpa.VERZOEKNOTIFICATIE[0], DSO, DRIMMELEN)]
    partijen = tuple(p.model_copy(update={"certificaat": b"DER-" + p.oin.encode()}) for p in o.partijen)
    ondertekend = o.model_copy(update={"profiel": "osb-rm-s", "partijen": partijen})
    xml = cpa.als_xml(ondertekend)
    assert b'ackSignatureRequested="always"' in xml and b"<ds:X509Certificate>" in xml
    assert cpa.lees(xml) == ondertekend


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (b"<tp:CollaborationProtocolAgreement xmlns:tp='" + cpa.TP.encode() + b"'/>", "cpp-cpa-2_0.xsd"),
        (b"geen xml", "KT-XML"),
        (b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', "DOCTYPE"),
    ],
    ids=["leeg", "geen-xml", "xxe"],
)
def test_a_broken_cpa_is_refused_naming_the_problem(inhoud: bytes, melding: str) -> None:
    with pytest.raises(OngeldigeInvoer, match=melding):
        cpa.lees(inhoud, bron="mijn.cpa.xml")


def test_a_receiver_holds_a_message_to_the_cpa_it_names() -> None:
    """The same message is accepted under its own agreement and refused once the agreement says otherwise."""
    o = ALLE[cpa.cpa_id(cpa.VERZOEKNOTIFICATIE[0], DSO, DRIMMELEN)]
    headers, body = verpakt(cpa.bericht(o, DSO, "Verzoeknotificatie", [MimeDeel("a@b", "application/xml", b"<a/>")]))
    nu = datetime.now(UTC)

    def met(overeenkomst: cpa.Overeenkomst) -> object:
        return controleer(headers["Content-Type"], body, headers["SOAPAction"], DRIMMELEN, {o.cpa_id: overeenkomst}, nu)

    assert not isinstance(met(o), EbmsFout)
    anders = met(o.model_copy(update={"acties": (cpa.CpaActie(naam="Iets", verzender=DSO),)}))
    assert isinstance(anders, EbmsFout) and (anders.code, anders.locatie) == (
        "ValueNotRecognized",
        "//Header/MessageHeader/Action",
    )


def test_the_command_writes_the_cpa_of_a_party_and_refuses_an_unknown_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    uit = tmp_path / "drimmelen.cpa.xml"
    assert main(["cpa", "--omgeving", "offline", "--partij", "Drimmelen", "--uit", str(uit)]) == 0
    o = cpa.lees(uit.read_bytes())
    assert o.cpa_id == cpa.cpa_id(cpa.VERZOEKNOTIFICATIE[0], DSO, DRIMMELEN) and o.profiel == "osb-rm-s"
    assert all(p.certificaat for p in o.partijen)  # a signed agreement names each party's certificate
    assert main(["cpa", "--omgeving", "offline", "--partij", "Nergenshuizen"]) == 2
    assert "Onbekende organisatie 'Nergenshuizen'" in capsys.readouterr().err


def test_a_suppliers_own_cpa_takes_the_place_of_ours_in_every_mock(tmp_path: Path) -> None:
    """The profile's 'cpa': DSO-LV sends with the supplier's roles, the VTH holds the message to the same CPA."""
    from chain_tests.keten import Keten
    from chain_tests.offline import OfflineKeten
    from chain_tests.scenario import speel_casus
    from tests.bouwstenen import vergunningplicht

    ons = ALLE[cpa.cpa_id(cpa.VERZOEKNOTIFICATIE[0], DSO, DRIMMELEN)]
    rollen = (ons.partijen[0].model_copy(update={"rol": "DSO"}), ons.partijen[1].model_copy(update={"rol": "Gemeente"}))
    eigen = tmp_path / "drimmelen.cpa.xml"
    eigen.write_bytes(cpa.als_xml(ons.model_copy(update={"partijen": rollen})))
    omgeving = OfflineKeten(KetenConfig(cpa_bestanden=[eigen]))
    keten = Keten(omgeving)
    assert speel_casus(keten, vergunningplicht()).zaak is not None
    notificatie = next(r for r in omgeving.trace.regels if r.ids.get("Action") == "Verzoeknotificatie" and r.verzoek)
    assert b"<eb:Role>DSO</eb:Role>" in (notificatie.verzoek or b"") and b"<eb:Role>Gemeente</eb:Role>" in (
        notificatie.verzoek or b""
    )
    keten.sluit()
    omgeving.sluit()


@pytest.mark.parametrize("inhoud", [None, b"<kapot"], ids=["ontbreekt", "kapot"])
def test_a_missing_or_broken_cpa_file_stops_the_keten_naming_it(tmp_path: Path, inhoud: bytes | None) -> None:
    from chain_tests.errors import ChainTestError
    from chain_tests.offline import OfflineKeten

    pad = tmp_path / "mijn.cpa.xml"
    if inhoud is not None:
        pad.write_bytes(inhoud)
    with pytest.raises(ChainTestError, match=r"mijn\.cpa\.xml") as info:
        OfflineKeten(KetenConfig(cpa_bestanden=[pad]))
    assert info.value.code in ("KT-CPA", "KT-XML-SYNTAX")


def test_the_profile_hands_its_cpa_files_to_the_keten(tmp_path: Path) -> None:
    from chain_tests.profiel import Profiel

    pad = tmp_path / "eigen.cpa.xml"
    assert Profiel(cpa=[pad]).keten_config().cpa_bestanden == [pad]
    assert Profiel().keten_config().cpa_bestanden == []


@pytest.mark.parametrize(
    "interop",
    [
        EbmsInterop(),
        EbmsInterop(versleuteling="aes256-gcm"),
        EbmsInterop(versleuteling="aes128-cbc", sleuteltransport="rsa-1_5"),
    ],
    ids=["standaard", "aes256", "cbc-rsa15"],
)
def test_an_encrypted_profile_names_its_algorithms_and_reads_back(interop: EbmsInterop) -> None:
    alle = cpa.overeenkomsten(KetenConfig(ebms_profiel="osb-rm-e", ebms_interop=interop))
    o = alle[cpa.cpa_id(cpa.VERZOEKNOTIFICATIE[0], DSO, DRIMMELEN)]
    xml = cpa.als_xml(o)
    assert validate(cpa_schema(), etree.fromstring(xml)) == []
    assert b"<tp:ReceiverDigitalEnvelope>" in xml and b"<tp:SenderNonRepudiation>" in xml
    terug = cpa.lees(xml)
    assert (terug.profiel, terug.interop) == ("osb-rm-e", interop) and terug == o


def test_an_unknown_encryption_algorithm_in_a_cpa_is_named() -> None:
    o = cpa.overeenkomsten(KetenConfig(ebms_profiel="osb-rm-e"))[cpa.cpa_id(cpa.VERZOEKNOTIFICATIE[0], DSO, DRIMMELEN)]
    xml = cpa.als_xml(o).replace(b"xmlenc11#aes128-gcm", b"xmlenc11#rot13", 1)
    with pytest.raises(OngeldigeInvoer, match="rot13"):
        cpa.lees(xml, bron="hun.cpa.xml")
