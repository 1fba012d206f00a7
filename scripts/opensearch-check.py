#!/usr/bin/env python3
"""Token-by-token check of the OpenSearch analyzer that `fahras export` writes, against fahras.

    scripts/opensearch-check.py SETTINGS.json [--sample N]

Runs the analyzer of settings.json on Lucene 9.9 (what OpenSearch analyzes with) through
../shared/peers/lucene/lucene.sh, and fahras's own analysis through `cargo run --example
analyze`, on the shared morphology cases (gold/morphology.tsv) and on N paragraphs of each
retrieval set (ki-ant news, qa-arcd Wikipedia; built by scripts/eval.sh or
scripts/opensearch-eval.sh). Compares twice: the folded words (the chain without its stemming
filters against fahras's exact analysis, what the index keeps) and the stems (the whole chain
against fahras's stemmed analysis, what a query is searched as). Prints the share of tokens that
agree, the texts analyzed identically, the most frequent differences, and each gold case's
verdict. Environment: FAHRAS_SHARED (default ../shared, else /work/shared), EVAL_SETS (default
eval-out/sets).
"""
import argparse
import collections
import difflib
import json
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEP = "qqfahrassepqq"  # a Latin word both analyzers pass through unchanged
ARG_BYTES = 100_000  # under Linux's 128 KiB limit for one argument, a few per call


def shared_dir():
    for candidate in [os.environ.get("FAHRAS_SHARED"), ROOT.parent / "shared", "/work/shared"]:
        if candidate and (pathlib.Path(candidate) / "peers/lucene/lucene.sh").exists():
            return pathlib.Path(candidate)
    sys.exit("opensearch-check: cannot find the shared peers; set FAHRAS_SHARED")


def lucene_tokens(shared, settings, texts):
    """Tokens of each text under the analyzer of settings.json, in batches of one JVM each."""
    result, batch, size = [], [], 0

    def run(batch):
        args = []
        for text in batch:
            args += [text, SEP]
        env = dict(os.environ, JAVA_OPTS=f"-Dsettings={settings}")
        out = subprocess.run([str(shared / "peers/lucene/lucene.sh"), "analyze", *args],
                             env=env, check=True, capture_output=True, text=True).stdout
        groups = [[]]
        for token in out.split("\n"):
            if token == SEP:
                groups.append([])
            elif token:
                groups[-1].append(token)
        assert len(groups) == len(batch) + 1, "a separator was analyzed away"
        return groups[:-1]

    for text in texts:
        if size + len(text.encode()) > ARG_BYTES * 10 and batch:
            result += run(batch)
            batch, size = [], 0
        batch.append(text[: ARG_BYTES // 4])
        size += len(batch[-1].encode())
    if batch:
        result += run(batch)
    return result


def fahras_tokens(texts, exact):
    """Tokens of each text under fahras's analysis (examples/analyze.rs)."""
    command = ["cargo", "run", "-q", "--manifest-path", str(ROOT / "Cargo.toml"),
               "--example", "analyze", "--"] + (["--exact"] if exact else [])
    lines = "\n".join(text[: ARG_BYTES // 4].replace("\n", " ").replace("\r", " ") for text in texts)
    out = subprocess.run(command, input=lines + "\n", check=True, capture_output=True,
                         text=True).stdout
    return [line.split() for line in out.split("\n")[: len(texts)]]


def without_stemming(settings, folder):
    """settings.json with the stemming filters (every pattern_replace) taken out."""
    doc = json.loads(pathlib.Path(settings).read_text(encoding="utf-8"))
    analysis = doc["settings"]["analysis"]
    filters = analysis.get("filter", {})
    for analyzer in analysis["analyzer"].values():
        analyzer["filter"] = [f for f in analyzer["filter"]
                              if filters.get(f, {}).get("type") != "pattern_replace"
                              and f not in ("arabic_stem", "keyword_repeat", "remove_duplicates")]
    path = pathlib.Path(folder) / "folding.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def sample_texts(n):
    sets = pathlib.Path(os.environ.get("EVAL_SETS", ROOT / "eval-out/sets"))
    texts = []
    for name in ["ki-ant", "qa-arcd"]:
        files = sorted((sets / name / "corpus").rglob("*.txt"))
        if not files:
            sys.exit(f"opensearch-check: no {sets / name / 'corpus'}; run scripts/eval.sh first")
        step = max(1, len(files) // n)
        for path in files[::step][:n]:
            lines = [l for l in path.read_text(encoding="utf-8", errors="replace").splitlines() if l.strip()]
            if lines:
                texts.append(lines[0])
    return texts


def compare(fahras, chain):
    """(tokens agreeing, fahras tokens, chain tokens, identical texts, differences)"""
    agree = total_f = total_c = same = 0
    diffs = collections.Counter()
    for f, c in zip(fahras, chain):
        total_f += len(f)
        total_c += len(c)
        same += f == c
        matcher = difflib.SequenceMatcher(None, f, c, autojunk=False)
        agree += sum(block.size for block in matcher.get_matching_blocks())
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "replace" and i2 - i1 == j2 - j1:
                diffs.update(zip(f[i1:i2], c[j1:j2]))
            elif op != "equal":
                diffs[(" ".join(f[i1:i2]) or "-", " ".join(c[j1:j2]) or "-")] += 1
    return agree, total_f, total_c, same, diffs


def report(title, fahras, chain, top):
    agree, total_f, total_c, same, diffs = compare(fahras, chain)
    print(f"{title}: {agree}/{total_f} fahras tokens agree ({agree / max(total_f, 1):.2%}); "
          f"chain tokens {total_c}; texts analyzed identically {same}/{len(fahras)}")
    for (f, c), count in diffs.most_common(top):
        print(f"    {count:5d}  fahras {f}  |  chain {c}")


def gold_cases(shared):
    rows = (shared / "gold/morphology.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [row.split("\t") for row in rows if row.strip()]


def report_gold(cases, fahras, chain):
    print("gold morphology cases (a match: query and document share a token):")
    right = {"fahras": 0, "chain": 0}
    for i, (case, expect, query, doc, what) in enumerate(cases):
        verdicts = []
        for name, tokens in (("fahras", fahras), ("chain", chain)):
            matched = bool(set(tokens[2 * i]) & set(tokens[2 * i + 1]))
            ok = matched == (expect != "must_not")
            right[name] += ok
            verdicts.append(f"{name} {'ok ' if ok else 'NO '}{' '.join(tokens[2 * i])}/{' '.join(tokens[2 * i + 1])}")
        print(f"    {case} {expect:8s} {what:32s} " + "  ".join(verdicts))
    print(f"  right: fahras analysis {right['fahras']}/{len(cases)}, exported chain "
          f"{right['chain']}/{len(cases)} (fahras's search adds clitic forms at query time)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("settings", help="settings.json of fahras export --format opensearch")
    parser.add_argument("--sample", type=int, default=1000, help="paragraphs per set (default 1000)")
    parser.add_argument("--top", type=int, default=12, help="differences listed (default 12)")
    args = parser.parse_args()
    shared = shared_dir()
    settings = pathlib.Path(args.settings).resolve()
    cases = gold_cases(shared)
    gold = [text.strip('"') for case in cases for text in (case[2], case[3])]
    texts = sample_texts(args.sample)
    with tempfile.TemporaryDirectory() as tmp:
        folding = without_stemming(settings, tmp)
        for title, chain_settings, exact in (("folding", folding, True), ("stems", settings, False)):
            chain = lucene_tokens(shared, chain_settings, gold + texts)
            fahras = fahras_tokens(gold + texts, exact)
            report(f"{title}, {len(texts)} paragraphs", fahras[len(gold):], chain[len(gold):], args.top)
            if not exact:
                report_gold(cases, fahras[: len(gold)], chain[: len(gold)])


if __name__ == "__main__":
    main()
