#!/usr/bin/env python3
"""Two ownlint binaries on the same corpora, their runs interleaved (A B, B A, ...) so that
the machine's drift falls on both alike: the median wall and CPU time of each, and the
change. Used by `bench/run.sh --against REV`; the comparison that a "within N%" claim rests on.

    bench/compare.py BASE_BIN NEW_BIN RUNS CORPUS[=RUNS]...

A corpus may name its own number of runs: a small one needs more for a steady median.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(binary, corpus, report):
    """Wall and CPU (user + system) seconds of one `ownlint check` of the corpus."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [binary, "check", "--format", "json", "--output-file", report, corpus],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main():
    base, new, runs, corpora = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    print("| corpus | base wall | new wall | change | base CPU | new CPU | change |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        report = os.path.join(scratch, "report.json")
        for corpus in corpora:
            corpus, _, own_runs = corpus.partition("=")
            runs_here = int(own_runs) if own_runs else runs
            times = {base: ([], []), new: ([], [])}
            for i in range(runs_here + 2):
                order = (base, new) if i % 2 == 0 else (new, base)
                for binary in order:
                    wall, cpu = run_once(binary, corpus, report)
                    if i >= 2:  # two rounds of warm-up
                        times[binary][0].append(wall * 1000)
                        times[binary][1].append(cpu * 1000)
            b_wall, b_cpu = (statistics.median(t) for t in times[base])
            n_wall, n_cpu = (statistics.median(t) for t in times[new])
            name = os.path.basename(corpus.rstrip("/"))
            print(
                f"| {name} | {b_wall:.1f} ms | {n_wall:.1f} ms | {(n_wall / b_wall - 1) * 100:+.1f}% "
                f"| {b_cpu:.1f} ms | {n_cpu:.1f} ms | {(n_cpu / b_cpu - 1) * 100:+.1f}% |"
            )


if __name__ == "__main__":
    main()
