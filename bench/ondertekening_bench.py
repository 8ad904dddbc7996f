"""What osb-rm-s and osb-rm-e cost per ebMS message, next to the unsigned serialisation of the same message
measured in the same run (the baseline): sign, verify, encrypt+decrypt a 1 MiB payload.

    .venv/bin/python -m bench.ondertekening_bench
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from chain_tests.config import EbmsInterop, KetenConfig
from chain_tests.standards import cpa
from chain_tests.standards.ebms import MimeDeel, envelope, serialiseer
from chain_tests.standards.ondertekening import onderteken, verifieer
from chain_tests.standards.sleutels import sleutelbos
from chain_tests.standards.versleuteling import ontsleutel, versleutel
from chain_tests.standards.xml import parse_xml, to_bytes

N = 200


def _ms(werk: Callable[[], object], n: int = N) -> float:
    werk()  # warm up (keys made, callbacks registered)
    start = time.perf_counter()
    for _ in range(n):
        werk()
    return 1000 * (time.perf_counter() - start) / n


def main() -> None:
    config = KetenConfig()
    dso, gemeente = config.dso_lv.oin, config.organisaties[0].oin
    o = cpa.overeenkomsten(config)[cpa.cpa_id(cpa.VERZOEKNOTIFICATIE[0], dso, gemeente)]
    payload = MimeDeel("bijlage@bench", "application/pdf", os.urandom(1024 * 1024))
    b = cpa.bericht(o, dso, "Verzoeknotificatie", [payload])
    zender, ontvanger = sleutelbos().nodig(dso), sleutelbos().nodig(gemeente)
    basis = _ms(lambda: serialiseer(b))

    def teken() -> bytes:
        env = envelope(b)
        onderteken(env, b.payloads, zender)
        return to_bytes(env)

    getekend = teken()
    delen = {payload.content_id: payload}
    cert = ontvanger.certificaat_pem
    versleuteld = versleutel(payload, cert, EbmsInterop())
    rijen = [
        ("serialiseren, onondertekend (basislijn)", basis),
        ("ondertekenen (RSA-SHA256, 1 MiB bijlage)", _ms(teken)),
        ("verifiëren", _ms(lambda: verifieer(parse_xml(getekend, bron="b"), delen, dso, sleutelbos()))),
        (
            "versleutelen (AES-128-GCM + RSA-OAEP, 1 MiB)",
            _ms(lambda: versleutel(payload, ontvanger.certificaat_pem, EbmsInterop())),
        ),
        ("ontsleutelen", _ms(lambda: ontsleutel(versleuteld, ontvanger, EbmsInterop()))),
    ]
    for naam, ms in rijen:
        print(f"{naam:48} {ms:8.2f} ms  ({ms / basis:6.1f} × basislijn)")


if __name__ == "__main__":
    main()
