"""What the keten submits and gets back: aanvragen, bijlagen, indieningen."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from chain_tests.config import Organisatie
from chain_tests.standards import api
from chain_tests.streams import CHUNK

#: what the keystream is laid over: one chunk of zeros, shared (not a new one per chunk)
_NULLEN = bytes(CHUNK)


@dataclass
class BijlageBron:
    """A bijlage to submit: a real file, or deterministic generated content of a given size."""

    naam: str
    grootte: int
    mime_type: str = "application/pdf"
    bijlage_type: str | None = None
    activiteit_id: str | None = None
    bestand: Path | None = None
    variant: str = ""  # a different variant gives different content (e.g. a replaced document)

    def chunks(self) -> Iterator[bytes]:
        if self.bestand is not None:
            with self.bestand.open("rb") as fh:
                while chunk := fh.read(CHUNK):
                    yield chunk
            return
        # AES-CTR keystream under a key from the name: deterministic, incompressible, never the same block twice
        # (so no layer can compress or deduplicate it), and at memory speed (AES-NI) rather than a Python RNG's
        sleutel = hashlib.sha256(f"{self.naam}\x00{self.variant}".encode()).digest()[:16]
        stroom = Cipher(algorithms.AES(sleutel), modes.CTR(bytes(16))).encryptor()
        rest = self.grootte
        while rest > 0:
            n = min(CHUNK, rest)
            yield stroom.update(_NULLEN if n == CHUNK else bytes(n))
            rest -= n


@dataclass
class AanvraagActiviteit:
    activiteit_id: str
    naam: str
    bevoegd_gezag: Organisatie
    antwoorden: dict[str, Any] = field(default_factory=dict)  # by uitvoeringsregel id
    behandeldienst: Organisatie | None = None  # expected uitvoerende instantie

    @property
    def behandelaar(self) -> Organisatie:
        return self.behandeldienst or self.bevoegd_gezag


@dataclass
class Aanvraag:
    initiatiefnemer: api.Persoon
    locatie: str
    activiteiten: list[AanvraagActiviteit]
    bijlagen: list[BijlageBron] = field(default_factory=list)
    verzoektype: api.Verzoektype = "Aanvraag vergunning"
    doel: Literal["Initiëren", "Aanvullen", "Intrekken"] = "Initiëren"
    verzoeknummer: str | None = None
    project_id: str | None = None  # a vervolg in an existing project (the Wkb meldingen after the bouwmelding)

    def bevoegde_gezagen(self) -> dict[str, Organisatie]:
        return {a.bevoegd_gezag.oin: a.bevoegd_gezag for a in self.activiteiten}

    def van(self, bevoegd_gezag: Organisatie) -> list[AanvraagActiviteit]:
        return [a for a in self.activiteiten if a.bevoegd_gezag.oin == bevoegd_gezag.oin]


@dataclass(frozen=True)
class VerstuurdDocument:
    naam: str
    bijlage_type: str | None
    activiteit_id: str | None
    grootte: int
    sha256: str
    document_id: str


@dataclass
class Indiening:
    aanvraag: Aanvraag
    verzoeknummers: dict[str, str]  # bevoegd gezag OIN → verzoeknummer
    project_id: str
    documenten: list[VerstuurdDocument]

    def verzoeknummer(self, bevoegd_gezag: Organisatie) -> str | None:
        return self.verzoeknummers.get(bevoegd_gezag.oin)


class AanvraagGeweigerd(Exception):
    """The Omgevingsloket refused the submission (e.g. indieningsvereisten not met)."""

    def __init__(self, meldingen: list[tuple[str, str]]) -> None:
        self.meldingen = meldingen
        super().__init__("; ".join(t for _, t in meldingen))
