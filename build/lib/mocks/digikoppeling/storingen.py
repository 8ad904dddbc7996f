"""The deliberate faults of a real Digikoppeling chain (``Ketenfouten.bezorging``), wrapped around a postvak.

:class:`GestoordPostvak` is a :class:`~mocks.digikoppeling.postvak.Postvak` whose attempts and acknowledgments
pass through the faults first: each fault kind is one small method that replaces or surrounds the protocol's
own step (an attempt, an arriving Acknowledgment, a pass over the outbox). What a fault must remember (an
Acknowledgment still to lose, a delivery still to repeat) is kept here per MessageId, not on the delivery.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import httpx

from chain_tests.standards import inspectie
from chain_tests.standards.ebms import EbmsBericht
from mocks.digikoppeling.postvak import Bezorging, Postvak

Storing = Callable[["GestoordPostvak", Bezorging, inspectie.Bezorgfout], httpx.Response | None]


@dataclass
class GestoordPostvak(Postvak):
    ketenfouten: Callable[[], list[inspectie.Bezorgfout]] = lambda: []
    _acks_kwijt: dict[str, int] = field(default_factory=dict)  # MessageId → Acknowledgments still to lose
    _na_ack: dict[str, int] = field(default_factory=dict)  # MessageId → deliveries still to make after the ack

    def _poging(self, b: Bezorging) -> httpx.Response | None:
        fout = inspectie.eerste(self.ketenfouten(), self.klok.nu(), b.sleutel, b.volgnummer, b.ontvanger_oin)
        if fout is None:
            return super()._poging(b)
        return _STORINGEN[fout.soort](self, b, fout)

    def _bezorg_als_het_tijd_is(self, b: Bezorging) -> None:
        mid = b.bericht.message_id
        if b.status == "bevestigd" and self._na_ack.get(mid, 0) > 0:  # dubbel-na-ack: once more, same MessageId
            self._na_ack[mid] -= 1
            self._post(b)
        super()._bezorg_als_het_tijd_is(b)

    def _bevestigd(self, b: Bezorging, ack: EbmsBericht) -> None:
        mid = b.bericht.message_id
        if self._acks_kwijt.get(mid, 0) > 0:  # ack-verloren: as if it never arrived
            self._acks_kwijt[mid] -= 1
            self.logboek.append(f"Acknowledgment voor {mid} opzettelijk verloren")
            return
        super()._bevestigd(b, ack)

    # -- one method per fault kind ------------------------------------------------------------------
    def _vertraging(self, b: Bezorging, fout: inspectie.Bezorgfout) -> httpx.Response | None:
        """Not an attempt: the message is sent ``seconden`` later."""
        b.volgende_poging = self.klok.nu() + timedelta(seconds=fout.seconden)
        self.logboek.append(f"{b.bericht.message_id}: opzettelijk {fout.seconden:g} s vertraagd")
        return None

    def _verbinding_geweigerd(self, b: Bezorging, fout: inspectie.Bezorgfout) -> httpx.Response | None:
        """An attempt that never reaches the receiver."""
        if self._tel_poging(b):
            b.laatste_fout = "verbindingsfout: verbinding geweigerd (opzettelijke ketenfout)"
        return None

    def _verbinding_verbroken(self, b: Bezorging, fout: inspectie.Bezorgfout) -> httpx.Response | None:
        """Delivered, but the answer is lost on the way back."""
        if self._tel_poging(b) and self._post(b) is not None:
            b.laatste_fout = "verbinding verbroken voordat het antwoord kwam (opzettelijke ketenfout)"
        return None

    def _ack_verloren(self, b: Bezorging, fout: inspectie.Bezorgfout) -> httpx.Response | None:
        """Counted before sending: in process the Acknowledgment may arrive while the message is posted."""
        self._acks_kwijt[b.bericht.message_id] = self._acks_kwijt.get(b.bericht.message_id, 0) + 1
        return super()._poging(b)

    def _dubbel(self, b: Bezorging, fout: inspectie.Bezorgfout) -> httpx.Response | None:
        """Delivered twice at once, the same MessageId."""
        r = super()._poging(b)
        if r is not None:
            self._post(b)
        return r

    def _dubbel_na_ack(self, b: Bezorging, fout: inspectie.Bezorgfout) -> httpx.Response | None:
        """Delivered once more on the pass after its Acknowledgment."""
        self._na_ack[b.bericht.message_id] = self._na_ack.get(b.bericht.message_id, 0) + 1
        return super()._poging(b)


_STORINGEN: dict[inspectie.Bezorgsoort, Storing] = {
    "vertraging": GestoordPostvak._vertraging,
    "verbinding-geweigerd": GestoordPostvak._verbinding_geweigerd,
    "verbinding-verbroken": GestoordPostvak._verbinding_verbroken,
    "ack-verloren": GestoordPostvak._ack_verloren,
    "dubbel": GestoordPostvak._dubbel,
    "dubbel-na-ack": GestoordPostvak._dubbel_na_ack,
}
