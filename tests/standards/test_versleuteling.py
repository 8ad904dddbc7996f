"""XMLEnc of ebMS payloads (osb-rm-e): round trip per agreed algorithm, and what a receiver refuses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chain_tests.config import EbmsInterop, KetenConfig
from chain_tests.offline import OfflineKeten
from chain_tests.standards import cpa
from chain_tests.standards.ebms import MimeDeel
from chain_tests.standards.ebms_controle import EbmsFout, controleer
from chain_tests.standards.ondertekening import verpak
from chain_tests.standards.sleutels import sleutelbos
from chain_tests.standards.versleuteling import VersleutelingFout, ontsleutel, versleutel
from tests.bouwstenen import DRIMMELEN, DSO, LELYSTAD, ROOT

INHOUD = MimeDeel("bijlage@dso", "application/pdf", bytes(range(256)) * 40)


@pytest.mark.parametrize(
    "interop",
    [
        EbmsInterop(),
        EbmsInterop(versleuteling="aes256-gcm"),
        EbmsInterop(versleuteling="aes128-cbc"),
        EbmsInterop(sleuteltransport="rsa-1_5"),
    ],
    ids=["aes128-gcm+rsa-oaep", "aes256-gcm", "aes128-cbc", "rsa-1_5"],
)
def test_a_payload_encrypted_for_the_receiver_decrypts_to_its_bytes_and_type(interop: EbmsInterop) -> None:
    ontvanger = sleutelbos().nodig(DRIMMELEN)
    versleuteld = versleutel(INHOUD, ontvanger.certificaat_pem, interop)
    assert INHOUD.inhoud not in versleuteld.inhoud and versleuteld.content_type == "application/xml"
    assert ontsleutel(versleuteld, ontvanger, interop) == INHOUD


def test_only_the_receiver_decrypts_and_only_the_agreed_algorithms_are_accepted() -> None:
    versleuteld = versleutel(INHOUD, sleutelbos().nodig(DRIMMELEN).certificaat_pem, EbmsInterop())
    with pytest.raises(VersleutelingFout, match=f"sleutel van OIN {LELYSTAD}"):
        ontsleutel(versleuteld, sleutelbos().nodig(LELYSTAD), EbmsInterop())
    with pytest.raises(VersleutelingFout, match="aes128-cbc"):  # sent with GCM, the agreement says CBC
        ontsleutel(versleuteld, sleutelbos().nodig(DRIMMELEN), EbmsInterop(versleuteling="aes128-cbc"))
    with pytest.raises(VersleutelingFout, match="niet versleuteld"):
        ontsleutel(INHOUD, sleutelbos().nodig(DRIMMELEN), EbmsInterop())


def _ontvangen(config: KetenConfig, verzend_config: KetenConfig) -> object:
    """A verzoeknotificatie packed under ``verzend_config``'s agreement, received under ``config``'s."""
    naam = cpa.cpa_id(cpa.VERZOEKNOTIFICATIE[0], DSO, DRIMMELEN)
    ontvanger, zender = cpa.overeenkomsten(config), cpa.overeenkomsten(verzend_config)
    b = cpa.bericht(zender[naam], DSO, "Verzoeknotificatie", [INHOUD])
    headers, body = verpak(b, zender, sleutelbos())
    nu = datetime.now(UTC)
    return controleer(headers["Content-Type"], body, headers["SOAPAction"], DRIMMELEN, ontvanger, nu, afzender=DSO)


def test_osb_rm_e_is_signed_then_encrypted_and_the_receiver_gets_the_plain_payload() -> None:
    e = KetenConfig(ebms_profiel="osb-rm-e")
    ontvangen = _ontvangen(e, e)
    assert not isinstance(ontvangen, EbmsFout), ontvangen
    assert ontvangen.payloads == [INHOUD]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("zender", "melding"),
    [
        (KetenConfig(ebms_profiel="osb-rm-s"), "niet versleuteld"),
        (KetenConfig(ebms_profiel="osb-rm-e", ebms_interop=EbmsInterop(sleuteltransport="rsa-1_5")), "rsa-1_5"),
        (KetenConfig(ebms_profiel="osb-rm-e", ebms_interop=EbmsInterop(c14n="inclusief")), "CanonicalizationMethod"),
    ],
    ids=["onversleuteld", "rsa-1_5-niet-afgesproken", "inclusieve-c14n-niet-afgesproken"],
)
def test_what_the_agreement_does_not_name_is_a_security_failure(zender: KetenConfig, melding: str) -> None:
    uitkomst = _ontvangen(KetenConfig(ebms_profiel="osb-rm-e"), zender)
    assert isinstance(uitkomst, EbmsFout) and uitkomst.code == "SecurityFailure" and melding in uitkomst.tekst


def test_inclusive_c14n_is_accepted_where_the_agreement_names_it() -> None:
    inclusief = KetenConfig(ebms_interop=EbmsInterop(c14n="inclusief"))
    assert not isinstance(_ontvangen(inclusief, inclusief), EbmsFout)


@pytest.mark.parametrize(("profiel", "leesbaar"), [("osb-rm-s", True), ("osb-rm-e", False)])
def test_a_whole_chain_runs_on_each_profile_and_only_osb_rm_e_hides_the_payload(profiel: str, leesbaar: bool) -> None:
    from chain_tests.casus import laad_casus
    from chain_tests.keten import Keten
    from chain_tests.scenario import speel_casus

    omgeving = OfflineKeten(config=KetenConfig(ebms_profiel=profiel))  # type: ignore[arg-type]
    speel_casus(Keten(omgeving), laad_casus(ROOT / "scenarios/casussen/iteratie1/kappen-boom-vergunningplicht.yaml"))
    notificaties = [r.verzoek or b"" for r in omgeving.trace.regels if r.ids.get("Action") == "Verzoeknotificatie"]
    omgeving.sluit()
    assert notificaties and all(b"ds:Signature" in n for n in notificaties)
    assert all((b"<vn:verzoeknummer>" in n) == leesbaar for n in notificaties)
    assert all((b"xenc:EncryptedData" in n) != leesbaar for n in notificaties)
