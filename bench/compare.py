#!/usr/bin/env python3
"""Two ownlint binaries on the same corpora, their runs interleaved (A B, B A, ...) so that
the machine's drift falls on both alike: the median wall and CPU time of each, and the
change. Used by `bench/run.sh --against REV`; the comparison that a "within N%" claim rests on.

    bench/compare.py BASE_BIN NEW_BIN RUNS CORPUS[=RUNS]...

A corpus may name its own number of runs: a small one needs more for a steady median.

    bench/compare.py --in-root BIN RUNS BASE_CORPUS,NEW_CORPUS[=RUNS]...

One binary on pairs of corpora instead, each run from inside its corpus without a path, as
`ownlint check` runs in a repository's root (the only way it reads the repository's
CODEOWNERS): the change from each base corpus to its new one. Used by
`bench/run.sh --codeowners`.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(binary, corpus, report, in_root=False):
    """Wall and CPU (user + system) seconds of one `ownlint check` of the corpus: given as a
    path, or with `in_root` run from inside it without one."""
    command = [binary, "check", "--format", "json", "--output-file", report]
    start = time.perf_counter()
    process = subprocess.Popen(
        command if in_root else command + [corpus],
        cwd=corpus if in_root else None,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def interleaved(sides, runs, report):
    """Median wall and CPU milliseconds of each side, a (binary, corpus, in_root), the sides
    run in turn, the order reversed every round, after two rounds of warm-up."""
    times = [([], []) for _ in sides]
    for i in range(runs + 2):
        order = list(enumerate(sides))
        if i % 2:
            order.reverse()
        for k, (binary, corpus, in_root) in order:
            wall, cpu = run_once(binary, corpus, report, in_root)
            if i >= 2:
                times[k][0].append(wall * 1000)
                times[k][1].append(cpu * 1000)
    return [(statistics.median(w), statistics.median(c)) for w, c in times]


def row(name, base, new):
    (b_wall, b_cpu), (n_wall, n_cpu) = base, new
    return (
        f"| {name} | {b_wall:.1f} ms | {n_wall:.1f} ms | {(n_wall / b_wall - 1) * 100:+.1f}% "
        f"| {b_cpu:.1f} ms | {n_cpu:.1f} ms | {(n_cpu / b_cpu - 1) * 100:+.1f}% |"
    )


def name_of(corpus):
    return os.path.basename(corpus.rstrip("/"))


def main():
    in_root = sys.argv[1] == "--in-root"
    if in_root:
        binary, runs = os.path.abspath(sys.argv[2]), int(sys.argv[3])
        pairs = [pair.split(",", 1) for pair in sys.argv[4:]]
    else:
        base, new, runs, corpora = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    print("| corpus | base wall | new wall | change | base CPU | new CPU | change |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        report = os.path.join(scratch, "report.json")
        if in_root:
            for base_corpus, corpus in pairs:
                corpus, _, own_runs = corpus.partition("=")
                sides = [
                    (binary, os.path.abspath(base_corpus), True),
                    (binary, os.path.abspath(corpus), True),
                ]
                medians = interleaved(sides, int(own_runs) if own_runs else runs, report)
                print(row(f"{name_of(base_corpus)} → {name_of(corpus)}", *medians))
            return
        for corpus in corpora:
            corpus, _, own_runs = corpus.partition("=")
            sides = [(base, corpus, False), (new, corpus, False)]
            medians = interleaved(sides, int(own_runs) if own_runs else runs, report)
            print(row(name_of(corpus), *medians))


if __name__ == "__main__":
    main()
