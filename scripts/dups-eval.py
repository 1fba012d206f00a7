#!/usr/bin/env python3
"""Evaluate fahras's near-duplicate detection against exact Jaccard similarity.

    scripts/dups-eval.py [OUT_DIR]        (default: eval-out/dups)

Needs a built fahras (FAHRAS, default target/release/fahras) and ../shared/corpus. For each
corpus (SaudiNewsNet, split into one JSON record per file so that every article's id is its
path; ANT multisource, whose ids are DOCNOs):

1. `fahras clean --json` gives the text fahras indexes; `fahras ingest` builds an index.
2. Ground truth, by brute force: the word 5-shingles of each article's folded text (the
   folding of src/analysis/normalize.rs: hamza/alef forms, ة→ه, ى→ي, harakat and tatweel
   dropped, NFKC), then *every* pair of articles sharing a shingle that at most MAX_DF
   articles hold (a pair at Jaccard >= 0.3 shares hundreds of shingles, so it shares a rare
   one) gets its exact Jaccard similarity. Those pairs are the labelled set, by band.
3. fahras's answers: `dups --pairs --min-similarity 0.3` (each linked pair with its estimated
   similarity) and `dups --json` (the groups at the default threshold).
4. Per band: the share of pairs linked at each threshold (search folds a linked pair), and the
   share put in one `dups` group; below 0.3, the share wrongly linked.
"""

import json
import os
import subprocess
import sys
import unicodedata
import zipfile
from collections import defaultdict
from itertools import combinations

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("SHARED", os.path.join(ROOT, "..", "shared"))
FAHRAS = os.environ.get("FAHRAS", os.path.join(ROOT, "target", "release", "fahras"))
MAX_DF = 50
BANDS = [(0.8, 1.01, ">=0.8"), (0.5, 0.8, "0.5-0.8"), (0.3, 0.5, "0.3-0.5"), (0.0, 0.3, "<0.3")]
THRESHOLDS = [0.4, 0.45, 0.5, 0.55, 0.6]

DROP = set(range(0x0610, 0x061B)) | set(range(0x064B, 0x0660)) | {0x0670, 0x0640, 0x200C, 0x200D}
DROP |= set(range(0x06D6, 0x06DD)) | set(range(0x06DF, 0x06E5)) | {0x06E7, 0x06E8}
DROP |= set(range(0x06EA, 0x06EE))
MAP = {}
for c in [0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673, 0x0675]:
    MAP[c] = "\u0627"
for c in [0x0624, 0x0626, 0x0678]:
    MAP[c] = "\u0621"
for c in [0x0649, 0x06CC, 0x06D0, 0x06D2, 0x06CD]:
    MAP[c] = "\u064a"
for c in [0x0629, 0x06D5, 0x06C0, 0x06C1, 0x06C2, 0x06BE]:
    MAP[c] = "\u0647"
for c in [0x06A9, 0x06AA]:
    MAP[c] = "\u0643"
for d in range(10):
    MAP[0x0660 + d] = str(d)
    MAP[0x06F0 + d] = str(d)


def words(text):
    """Folded words, split as src/index/near.rs splits them."""
    text = unicodedata.normalize("NFKC", text)
    out, word = [], []
    for ch in text:
        o = ord(ch)
        if o in DROP:
            continue
        if ch.isalnum():
            word.append(MAP.get(o, ch.lower()))
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return out


def shingles(text):
    w = words(text)
    if not w:
        return frozenset()
    n = min(5, len(w))
    return frozenset(hash(tuple(w[i:i + n])) for i in range(len(w) - n + 1))


def run(args, **kw):
    return subprocess.run([FAHRAS] + args, check=False, capture_output=True, text=True, **kw)


def split_saudinewsnet(out):
    """One JSON file per SaudiNewsNet record, so that each article's id is its path."""
    if os.path.isdir(out):
        return out
    os.makedirs(out)
    dataset = os.path.join(SHARED, "corpus", "saudinewsnet", "dataset")
    for name in sorted(os.listdir(dataset)):
        with zipfile.ZipFile(os.path.join(dataset, name)) as z:
            for member in z.namelist():
                if not member.endswith(".json"):
                    continue
                records = json.loads(z.read(member))
                stem = os.path.splitext(os.path.basename(member))[0]
                for i, record in enumerate(records):
                    path = os.path.join(out, "%s-%05d.json" % (stem, i))
                    with open(path, "w") as f:
                        json.dump([record], f, ensure_ascii=False)
    return out


def articles(corpus, ext):
    """id -> shingles of the text fahras indexes (body, or title when the body is empty)."""
    result = run(["clean", "--json", "--ext", ext, corpus])
    texts = {}
    for line in result.stdout.splitlines():
        a = json.loads(line)
        ident = a.get("docno") or a["path"]
        body = a.get("body") or ""
        texts[ident] = shingles(body if body.strip() else a.get("title") or "")
    return texts


def truth(texts):
    """(a, b) -> exact Jaccard for every pair sharing a shingle held by <= MAX_DF articles."""
    holders = defaultdict(list)
    for ident, s in texts.items():
        for h in s:
            holders[h].append(ident)
    pairs = set()
    for ids in holders.values():
        if 1 < len(ids) <= MAX_DF:
            pairs.update(combinations(sorted(ids), 2))
    exact = {}
    for a, b in pairs:
        sa, sb = texts[a], texts[b]
        exact[(a, b)] = len(sa & sb) / len(sa | sb)
    return exact


def evaluate(name, corpus, ext, out):
    index = os.path.join(out, name + ".idx")
    if not os.path.isdir(index):
        run(["--index", index, "ingest", "-q", "--ext", ext, corpus])
    texts = articles(corpus, ext)
    exact = truth(texts)
    linked = {}
    for line in run(["--index", index, "dups", "--pairs", "--min-similarity", "0.3"]).stdout.splitlines():
        p = json.loads(line)
        a, b = sorted([p["a"], p["b"]])
        linked[(a, b)] = p["similarity"]
    group_of = {}
    groups = run(["--index", index, "dups", "--json"]).stdout.splitlines()
    chained = []
    for line in groups:
        g = json.loads(line)
        ids = [d["id"] for d in g["documents"]]
        for i in ids:
            group_of[i] = g["group"]
        for a, b in combinations(sorted(ids), 2):
            j = exact.get((a, b))
            if j is None and a in texts and b in texts:
                sa, sb = texts[a], texts[b]
                j = len(sa & sb) / max(1, len(sa | sb))
            chained.append(j or 0.0)
    # fahras pairs the brute force did not reach (boilerplate-only overlaps) get exact values too
    for a, b in linked:
        if (a, b) not in exact and a in texts and b in texts:
            sa, sb = texts[a], texts[b]
            exact[(a, b)] = len(sa & sb) / max(1, len(sa | sb))
    print("## %s: %d articles, %d labelled pairs, %d fahras pairs >= 0.3, %d groups"
          % (name, len(texts), len(exact), len(linked), len(groups)))
    head = "| band | pairs | " + " | ".join("linked at %.2f" % t for t in THRESHOLDS) + " | same dups group |"
    print(head)
    print("|" + "---|" * (len(THRESHOLDS) + 3))
    for lo, hi, label in BANDS:
        band = [p for p, j in exact.items() if lo <= j < hi]
        if not band:
            print("| %s | 0 |" % label)
            continue
        cells = []
        for t in THRESHOLDS:
            n = sum(1 for p in band if linked.get(p, 0.0) >= t)
            cells.append("%.1f%%" % (100.0 * n / len(band)))
        same = sum(1 for a, b in band if a in group_of and group_of.get(a) == group_of.get(b))
        print("| %s | %d | %s | %.1f%% |" % (label, len(band), " | ".join(cells), 100.0 * same / len(band)))
    # precision of the links: how many linked pairs are truly >= 0.5, >= 0.3
    for t in THRESHOLDS:
        got = [p for p, s in linked.items() if s >= t]
        if got:
            p5 = sum(1 for p in got if exact.get(p, 0) >= 0.5) / len(got)
            p3 = sum(1 for p in got if exact.get(p, 0) >= 0.3) / len(got)
            print("linked at %.2f: %d pairs, %.1f%% at J>=0.5, %.1f%% at J>=0.3" % (t, len(got), 100 * p5, 100 * p3))
    if chained:
        far = sum(1 for j in chained if j < 0.3)
        print("pairs inside dups groups: %d, %d (%.2f%%) below J 0.3" % (len(chained), far, 100.0 * far / len(chained)))
    print()


def main():
    out = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "eval-out", "dups"))
    os.makedirs(out, exist_ok=True)
    sn = split_saudinewsnet(os.path.join(out, "saudinewsnet-split"))
    evaluate("saudinewsnet", sn, "json", out)
    evaluate("ant-multisource", os.path.join(SHARED, "corpus", "ant-multisource-v2.1"), "txt", out)


if __name__ == "__main__":
    main()
