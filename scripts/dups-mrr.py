#!/usr/bin/env python3
"""Does folding near-copies cost known-item effectiveness? (EVALUATION.md, "Near-duplicates")

    scripts/dups-mrr.py FAHRAS INDEX SET_DIR [OUT_DIR]

Answers SET_DIR/queries.tsv twice in one batch each (--plain, top 100): as `--trec` (every
document, what scripts/eval.sh scores) and as `--json` with near-copies folded, each hit's
`similar` members placed right after it. Both runs are scored with shared/tools/score.py.
"""

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCORE = os.path.join(os.environ.get("SHARED", os.path.join(ROOT, "..", "shared")), "tools", "score.py")


def main():
    fahras, index, sets = sys.argv[1:4]
    out = sys.argv[4] if len(sys.argv) > 4 else os.path.join(ROOT, "eval-out")
    name = os.path.basename(sets.rstrip("/"))
    queries = os.path.join(sets, "queries.tsv")
    base = [fahras, "--index", index, "search", "--queries", queries, "--plain", "-n", "100"]
    flat = os.path.join(out, "dups-all-%s.trec" % name)
    with open(flat, "w") as f:
        subprocess.run(base + ["--trec"], stdout=f, check=False)
    folded = os.path.join(out, "dups-folded-%s.trec" % name)
    result = subprocess.run(base + ["--json"], capture_output=True, text=True, check=False)
    ranks = {}
    with open(folded, "w") as f:
        for line in result.stdout.splitlines():
            hit = json.loads(line)
            if "rank" not in hit:
                continue
            qid = hit["qid"]
            for path in [hit["path"]] + [s["path"] for s in hit["similar"]]:
                ranks[qid] = ranks.get(qid, 0) + 1
                f.write("%s Q0 %s %d 0 fahras\n" % (qid, path, ranks[qid]))
    folded_hits = sum(1 for l in result.stdout.splitlines() if json.loads(l).get("similar"))
    qrels = os.path.join(sets, "qrels.tsv")
    for label, run in [("every copy (--trec)", flat), ("folded, copies after", folded)]:
        score = subprocess.run([sys.executable, SCORE, qrels, run], capture_output=True, text=True)
        print("%-8s %-22s %s" % (name, label, score.stdout.strip()))
    print("%-8s hits with near-copies folded under them: %d" % (name, folded_hits))


if __name__ == "__main__":
    main()
