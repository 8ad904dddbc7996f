"""Benchmark: a large meervoudige aanvraag (20 activities, 2 bevoegde gezagen, 80 bijlagen, 2 GiB) through
indienen → DSO-LV → both VTH systems, streamed — next to the baselines of the same run (issue 27 §2).

In-process (default) every party runs in this one process, so its peak RSS is that of all parties. With
``--served`` the mocks run as separate processes over mutual TLS and their peak RSS (VmHWM) is reported per
process. Each byte is generated, hashed by the harness, uploaded to DSO-LV (hashed, written), fetched by the VTH
(read, hashed, written). Usage:

    .venv/bin/python -m bench.meervoudig_bench [--totaal 2GiB] [--served]

Figures (as ratios) are recorded in docs/metingen.md.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench._meting import piek_rss_mib, speel_getimed
from bench.basislijn import schijf, stroom, verhouding
from chain_tests import Casus, CasusUitkomst, Keten, laad_casus, speel_casus, vergroot
from chain_tests.casus import parse_grootte

CASUS = Path(__file__).parents[1] / "scenarios" / "casussen" / "iteratie2" / "meervoudig-met-bijlagen.yaml"
MIB = 1024 * 1024


def _served(casus: Casus) -> tuple[float, CasusUitkomst, dict[str, float]]:
    """The casus against the served mocks; (seconds, uitkomst, peak RSS in MiB per server process)."""
    from chain_tests.mockservers import NAAM, MockServers
    from chain_tests.profiel import laad_profiel
    from chain_tests.served import ServedKeten

    servers = MockServers(Path(tempfile.mkdtemp(prefix="ketentest-bench-")))
    servers.start()
    try:
        omgeving = ServedKeten(laad_profiel(NAAM, servers.profiel_pad)[1])
        try:
            start = time.perf_counter()
            uitkomst = speel_casus(Keten(omgeving), casus)
            duur = time.perf_counter() - start
        finally:
            omgeving.sluit()
        return duur, uitkomst, {naam: _vmhwm(proces.pid) for naam, proces, _ in servers.processen}
    finally:
        servers.stop()


def _vmhwm(pid: int) -> float:
    regel = next(r for r in Path(f"/proc/{pid}/status").read_text().splitlines() if r.startswith("VmHWM:"))
    return int(regel.split()[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--totaal", default="2GiB", help="total size of all bijlagen (e.g. 2GiB)")
    parser.add_argument("--per-activiteit", type=int, default=4, help="bijlagen per activity")
    parser.add_argument("--extra-activiteiten", type=int, default=17, help="activities beyond the casus' three")
    parser.add_argument("--served", action="store_true", help="against the served mocks (separate processes, mTLS)")
    parser.add_argument("--herhalingen", type=int, default=3, help="runs, each right after its own baselines")
    args = parser.parse_args()
    totaal = parse_grootte(args.totaal)
    na_imports = piek_rss_mib()
    verhoudingen: list[float] = []
    for i in range(args.herhalingen):
        casus = vergroot(laad_casus(CASUS), totaal, args.per_activiteit, args.extra_activiteiten)
        if args.served:
            elapsed, uitkomst, pieken = _served(casus)
        else:
            (elapsed, uitkomst), pieken = speel_getimed(casus), {}
        # the baselines right after the run: before it, a baseline's own writes would still be flushing during it
        basis, disk = stroom(min(totaal, 1024 * MIB)), schijf(min(totaal, 1024 * MIB))
        aangekomen = sum(b.bestandsgrootte for z in uitkomst.zaken.values() for b in z.bijlagen)
        aantal = sum(len(z.bijlagen) for z in uitkomst.zaken.values())
        activiteiten = sum(len(z.activiteiten) for z in uitkomst.zaken.values())
        print(
            f"run {i + 1} {'served' if args.served else 'in-process'}: {activiteiten} activiteiten, {aantal} "
            f"bijlagen, {aangekomen / MIB:.0f} MiB aangekomen in {len(uitkomst.zaken)} zaken in {elapsed:.2f} s"
        )
        print("  " + verhouding("end to end", aangekomen / MIB / elapsed, basis))
        print("  " + disk.regel() + " (elke byte wordt twee keer geschreven: bij DSO-LV en bij het VTH-systeem)")
        for naam, piek in pieken.items():
            print(f"  peak RSS {naam}: {piek:.0f} MiB")
        verhoudingen.append(aangekomen / MIB / elapsed / basis.waarde)
    print(
        f"mediaan: {100 * statistics.median(verhoudingen):.0f} % van de basislijn "
        f"(spreiding {100 * min(verhoudingen):.0f}–{100 * max(verhoudingen):.0f} %)"
    )
    print(f"peak RSS harness: {piek_rss_mib():.0f} MiB (na imports: {na_imports:.0f} MiB)")


if __name__ == "__main__":
    main()
