"""Benchmark: whole chains per second, served (issue 27 §3), next to the request-rate baseline of the same run.

Starts the served mocks (separate processes, mutual TLS, loopback), runs ``bench/locustfile.py`` headless with
``--gebruikers`` initiatiefnemers at full speed, each verzoek with bijlagen of ``--bijlage`` bytes, for ``--duur``;
a chain is a verzoek submitted → notification → Acknowledgment → fetched → zaak complete and checked (Locust's
``stap 9: verzoek → zaak``). Prints chains/s, the p50/p95 from submission to a checked zaak, and the baseline
(a bare uvicorn endpoint over the same mutual TLS, 16 clients).

    .venv/bin/python -m bench.ketens_per_seconde [--gebruikers 16] [--bijlage 10KiB] [--duur 30s]
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.basislijn import verzoeken
from chain_tests.mockservers import NAAM, MockServers

ROOT = Path(__file__).parents[1]


def _seconden(duur: str) -> float:
    eenheden = {"s": 1, "m": 60, "h": 3600}
    return float(duur[:-1]) * eenheden[duur[-1]] if duur[-1] in eenheden else float(duur)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gebruikers", type=int, default=16)
    parser.add_argument("--bijlage", default="10KiB")
    parser.add_argument("--duur", default="30s")
    args = parser.parse_args()
    map_ = Path(tempfile.mkdtemp(prefix="ketentest-ketens-"))
    servers = MockServers(map_ / "served")
    servers.start()
    try:
        env = os.environ | {
            "KETENTEST_OMGEVING": NAAM,
            "KETENTEST_PROFIEL": str(servers.profiel_pad),
            "KETENTEST_PER_UUR": "3600000",  # as fast as each user can
            "KETENTEST_BIJLAGEGROOTTE": args.bijlage,
        }
        n = str(args.gebruikers)
        run = subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "-u", n,
             "-r", n, "--run-time", args.duur, "--stop-timeout", "60", "--only-summary", "--csv", str(map_ / "st")],
            env=env, cwd=ROOT, capture_output=True, text=True, timeout=_seconden(args.duur) + 300, check=False,
        )  # fmt: skip
    finally:
        servers.stop()
    with (map_ / "st_stats.csv").open(encoding="utf-8") as fh:
        rijen = {r["Name"]: r for r in csv.DictReader(fh)}
    keten = rijen.get("stap 9: verzoek → zaak")
    if keten is None:
        print(run.stdout[-3000:], run.stderr[-3000:], sep="\n")
        raise SystemExit("geen ketens gemeten")
    per_s = int(keten["Request Count"]) / _seconden(args.duur)
    basis = verzoeken()
    print(
        f"{args.gebruikers} initiatiefnemers, bijlagen {args.bijlage}, {args.duur}: {keten['Request Count']} ketens "
        f"({keten['Failure Count']} mislukt) = {per_s:.1f} ketens/s; verzoek → zaak p50 {keten['50%']} ms, "
        f"p95 {keten['95%']} ms"
    )
    print(f"{basis.regel()}; één keten kost zo veel als {basis.waarde / per_s:.0f} kale verzoeken")


if __name__ == "__main__":
    main()
