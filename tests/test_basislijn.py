"""The benchmarks' baselines measure something and put the figure beside it as a ratio."""

from __future__ import annotations

from bench.basislijn import Basislijn, schijf, stroom, verhouding


def test_the_loopback_stream_and_the_disk_are_measured() -> None:
    for meting in (stroom(8 * 1024 * 1024), schijf(8 * 1024 * 1024)):
        assert meting.waarde > 1 and meting.eenheid == "MiB/s", meting


def test_a_figure_is_printed_beside_its_baseline_as_a_ratio() -> None:
    regel = verhouding("end to end", 150, Basislijn("loopback-stroom", 600, "MiB/s"))
    assert regel == "end to end: 150 MiB/s = 25 % van de basislijn loopback-stroom: 600 MiB/s"
