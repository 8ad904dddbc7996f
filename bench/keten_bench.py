"""Benchmark: one iteratie-1 chain run in-process with a large bijlage.

Reports wall time, throughput and the peak RSS of this process (the mocks run in it), so the
"bijlagen stream" claim is measured, not asserted. Usage:

    .venv/bin/python -m bench.keten_bench --grootte 1GiB --herhalingen 1

Figures (as ratios to the baselines of the same run) are recorded in docs/metingen.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench._meting import piek_rss_mib, speel_getimed
from bench.basislijn import schijf, stroom, verhouding
from chain_tests.casus import laad_casus, parse_grootte

CASUS = Path(__file__).parents[1] / "scenarios" / "casussen" / "iteratie1" / "kappen-boom-vergunningplicht.yaml"


def run(grootte: int) -> tuple[float, int]:
    casus = laad_casus(CASUS)
    assert casus.aanvraag is not None
    casus.aanvraag.bijlagen[1].grootte = grootte
    elapsed, uitkomst = speel_getimed(casus)
    assert uitkomst.zaak is not None
    return elapsed, sum(b.bestandsgrootte for b in uitkomst.zaak.bijlagen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grootte", default="256MiB", help="size of the large bijlage (e.g. 1GiB)")
    parser.add_argument("--herhalingen", type=int, default=1)
    args = parser.parse_args()
    grootte = parse_grootte(args.grootte)
    baseline = piek_rss_mib()
    for i in range(args.herhalingen):
        elapsed, total = run(grootte)
        # each byte is generated, uploaded (written to disk), downloaded (read + written) once; the baselines of
        # this run right after it (before it, a baseline's own writes would still be flushing during it)
        basis, disk = stroom(min(grootte, 1024**3)), schijf(min(grootte, 1024**3))
        print(f"run {i + 1}: {total / 1024**2:.0f} MiB bijlagen in {elapsed:.2f} s")
        print("  " + verhouding("end to end", total / 1024**2 / elapsed, basis))
        print("  " + disk.regel())
    print(
        f"peak RSS: {piek_rss_mib():.0f} MiB (after imports: {baseline:.0f} MiB); bijlage {grootte / 1024**2:.0f} MiB"
    )


if __name__ == "__main__":
    main()
