"""Benchmark: a large meervoudige aanvraag (8 activities, 2 bevoegde gezagen, 32 bijlagen) through
indienen → DSO-LV → both VTH systems, in-process, streamed.

Reports wall time, throughput and peak RSS. In-process every party runs in this one process, so its
peak RSS is that of all processes involved. Usage:

    .venv/bin/python -m bench.meervoudig_bench --totaal 1GiB --per-activiteit 4

Figures are recorded in docs/architecture.md (section Benchmarks).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench._meting import piek_rss_mib, speel_getimed
from chain_tests import laad_casus, vergroot
from chain_tests.casus import parse_grootte

CASUS = Path(__file__).parents[1] / "scenarios" / "casussen" / "iteratie2" / "meervoudig-met-bijlagen.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--totaal", default="1GiB", help="total size of all bijlagen (e.g. 1GiB)")
    parser.add_argument("--per-activiteit", type=int, default=4, help="bijlagen per activity")
    parser.add_argument("--extra-activiteiten", type=int, default=5, help="activities beyond the casus' three")
    args = parser.parse_args()
    totaal = parse_grootte(args.totaal)
    casus = vergroot(laad_casus(CASUS), totaal, args.per_activiteit, args.extra_activiteiten)
    na_imports = piek_rss_mib()
    elapsed, uitkomst = speel_getimed(casus)
    aangekomen = sum(b.bestandsgrootte for z in uitkomst.zaken.values() for b in z.bijlagen)
    aantal = sum(len(z.bijlagen) for z in uitkomst.zaken.values())
    activiteiten = sum(len(z.activiteiten) for z in uitkomst.zaken.values())
    piek = piek_rss_mib()
    print(
        f"{activiteiten} activiteiten, {aantal} bijlagen, {aangekomen / 1024**2:.0f} MiB aangekomen "
        f"in {len(uitkomst.zaken)} zaken "
        f"in {elapsed:.2f} s ({aangekomen / 1024**2 / elapsed:.0f} MiB/s end to end)"
    )
    print(f"peak RSS: {piek:.0f} MiB (after imports: {na_imports:.0f} MiB)")


if __name__ == "__main__":
    main()
