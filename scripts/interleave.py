#!/usr/bin/env python3
"""Compare the one-shot search time of two fahras builds, interleaved.

    scripts/interleave.py INDEX BIN_A BIN_B [RUNS] [QUERIES]

Runs `BIN --index INDEX search --color never -- QUERY` RUNS times for each build (default 400),
cycling through the queries of QUERIES (one per line, or `qid<TAB>query`; default
../shared/peers/queries/news20.tsv), A then B on even runs and B then A on odd ones. This VM's
speed drifts by 10-30% within minutes, so builds timed one after the other (hyperfine) can
differ by more than the change between them; timed in pairs, the drift hits both alike. Prints
each build's median, mean and 95th percentile wall time (process start to exit, including
Python's spawn), and the share of pairs in which B was faster.

Compare copies made the same way (`cp target/release/fahras /tmp/NAME` for both builds): the
binary where the linker wrote it takes about 16 more page faults per search than a
byte-identical copy, enough to reverse a 0.2 ms difference (BENCHMARKS.md, "Comparing two builds").
"""

import os
import statistics
import subprocess
import sys
import time


def main() -> None:
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    index, bins = sys.argv[1], sys.argv[2:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 400
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    queries_file = (
        sys.argv[5]
        if len(sys.argv) > 5
        else os.path.join(root, "..", "shared", "peers", "queries", "news20.tsv")
    )
    with open(queries_file, encoding="utf-8") as f:
        queries = [line.rstrip("\n").split("\t")[-1] for line in f if line.strip()]
    times = {b: [] for b in bins}
    with open(os.devnull, "w") as devnull:
        for i in range(runs):
            query = queries[i % len(queries)]
            for b in bins if i % 2 == 0 else bins[::-1]:
                command = [b, "--index", index, "search", "--color", "never", "--", query]
                start = time.perf_counter()
                subprocess.run(command, stdout=devnull, stderr=devnull, check=False)
                times[b].append(time.perf_counter() - start)
    for b in bins:
        t = sorted(times[b])
        print(
            f"{b}: median {statistics.median(t) * 1e3:.2f} ms, "
            f"mean {statistics.mean(t) * 1e3:.2f}, p95 {t[int(len(t) * 0.95)] * 1e3:.2f}"
        )
    a, b = times[bins[0]], times[bins[1]]
    faster = sum(1 for x, y in zip(a, b) if y < x) / len(a)
    print(f"{bins[1]} faster in {faster * 100:.1f}% of {len(a)} pairs")


if __name__ == "__main__":
    main()
