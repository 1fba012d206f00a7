#!/usr/bin/env python3
"""Scores runs on a tuning part and a held-back part of a set, and compares two runs.

A change to the ranking is chosen by looking at the tuning part; the held-back part says
whether it carries to queries it was not chosen on (EVALUATION.md, "Held-back split"). Each
query goes to one part by a hash of its id, so the split is the same for every run, every
machine and every system (fahras, Lucene), and does not depend on the order of the queries:
a third of the queries (`held`), two thirds `tune`.

    eval-split.py score QRELS RUN                 # MRR@10, R@1, R@10 on all / tune / held
    eval-split.py compare QRELS BASE RUN [PART]   # per part: both MRR@10, the gain, p-value

`compare` runs a paired randomization test over queries: under the null hypothesis that the
two systems are exchangeable, each query's pair of reciprocal ranks is swapped with
probability 1/2; the p-value (two-sided) is the share of 20,000 such shuffles whose mean
difference is at least as large in magnitude as the observed one (seeded: the same input
gives the same p-value). Standard library only.
"""
import hashlib
import pathlib
import random
import sys

SHUFFLES = 20_000


def part_of(qid):
    """'held' for a third of the query ids, 'tune' for the rest, by SHA-1 of the id."""
    return "held" if int(hashlib.sha1(qid.encode()).hexdigest(), 16) % 3 == 0 else "tune"


def qrels_of(path):
    lines = pathlib.Path(path).read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines if line)


def ranks_of(qrels, run_path):
    """The rank of each query's relevant document (None when not in the run), as score.py
    reads a run: by rank, the document named by its file stem."""
    ranked = {}
    for line in pathlib.Path(run_path).read_text(encoding="utf-8").splitlines():
        p = line.split()
        if len(p) >= 4:
            ranked.setdefault(p[0], []).append((int(p[3]), pathlib.Path(p[2]).stem))
    out = {}
    for q, rel in qrels.items():
        docs = [d for _, d in sorted(ranked.get(q, []))]
        out[q] = docs.index(rel) + 1 if rel in docs else None
    return out


def rr(rank):
    return 1 / rank if rank is not None and rank <= 10 else 0.0


def queries_in(qrels, part):
    return [q for q in qrels if part == "all" or part_of(q) == part]


def measures(ranks, queries):
    n = len(queries)
    hit = lambda k: sum(1 for q in queries if ranks[q] is not None and ranks[q] <= k) / n
    return sum(rr(ranks[q]) for q in queries) / n, hit(1), hit(10)


def randomization_p(differences, seed=20261208):
    """Two-sided p-value of the mean of paired differences under random sign flips."""
    observed = abs(sum(differences))
    if observed == 0:
        return 1.0
    rng = random.Random(seed)
    nonzero = [d for d in differences if d != 0]
    extreme = 0
    for _ in range(SHUFFLES):
        total = sum(d if rng.random() < 0.5 else -d for d in nonzero)
        if abs(total) >= observed - 1e-12:
            extreme += 1
    return (extreme + 1) / (SHUFFLES + 1)


def score(qrels_path, run_path):
    qrels = qrels_of(qrels_path)
    ranks = ranks_of(qrels, run_path)
    for part in ("all", "tune", "held"):
        queries = queries_in(qrels, part)
        mrr, r1, r10 = measures(ranks, queries)
        print(f"{part:5} queries={len(queries)} MRR@10={mrr:.4f} R@1={r1:.4f} R@10={r10:.4f}")


def compare(qrels_path, base_path, run_path, parts):
    qrels = qrels_of(qrels_path)
    base, run = ranks_of(qrels, base_path), ranks_of(qrels, run_path)
    for part in parts:
        queries = queries_in(qrels, part)
        differences = [rr(run[q]) - rr(base[q]) for q in queries]
        b, r = measures(base, queries)[0], measures(run, queries)[0]
        better = sum(1 for d in differences if d > 0)
        worse = sum(1 for d in differences if d < 0)
        p = randomization_p(differences)
        # no shuffle as extreme as the observed difference: p is below the test's resolution
        shown = f"<{2 / (SHUFFLES + 1):.0e}" if p < 2 / (SHUFFLES + 1) else f"={p:.2g}"
        print(f"{part:5} queries={len(queries)} base={b:.4f} run={r:.4f} "
              f"gain={r - b:+.4f} better={better} worse={worse} p{shown}")


def main(args):
    if len(args) == 3 and args[0] == "score":
        score(args[1], args[2])
    elif len(args) in (4, 5) and args[0] == "compare":
        parts = [args[4]] if len(args) == 5 else ["all", "tune", "held"]
        compare(args[1], args[2], args[3], parts)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
