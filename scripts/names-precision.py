#!/usr/bin/env python3
"""Precision of the top 100 of plain name queries (EVALUATION.md, "Names and small folders").

    scripts/names-precision.py FAHRAS INDEX NAMES.tsv TEXTS [-n 100]

Runs every query of NAMES.tsv (`qid<TAB>name<TAB>...`) as a plain query in one fahras process
(`search --queries --plain --trec -n 100`) and judges each answer by reading the article: it is
relevant when its title or body writes the name itself, after any proclitics (و ف, then ب ك ل),
folded as `scripts/exact-count.py` folds (the same code). TEXTS is either a folder of the
articles as files (the ki-ant corpus: the run names each by its file stem) or a JSON Lines file
with `id`, `title` and `text` (what `--snn-jsonl` writes from SaudiNewsNet's zips).

Prints, per name, how many answers came back, how many are relevant, and the precision; then
the mean precision over the names.

    scripts/names-precision.py --snn-jsonl ZIPS_DIR OUT.jsonl   # SaudiNewsNet as JSON Lines
"""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("exact_count", here / "exact-count.py")
exact_count = importlib.util.module_from_spec(spec)
spec.loader.exec_module(exact_count)


def snn_jsonl(zips, out):
    with open(out, "w", encoding="utf-8") as f:
        n = 0
        for path in sorted(Path(zips).glob("*.zip")):
            import zipfile

            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if not name.endswith(".json"):
                        continue
                    for record in json.loads(archive.read(name)):
                        n += 1
                        f.write(json.dumps({
                            "id": f"snn{n:05}",
                            "source": record.get("source") or "",
                            "date": (record.get("date_extracted") or "")[:10],
                            "title": record.get("title") or "",
                            "text": record.get("content") or "",
                        }, ensure_ascii=False) + "\n")


def texts_of(source):
    source = Path(source)
    if source.is_dir():
        files = {p.stem: p for p in source.rglob("*") if p.is_file()}
        return lambda doc: files[doc].read_text(encoding="utf-8", errors="replace")
    by_id = {}
    with open(source, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            by_id[record["id"]] = record["title"] + "\n" + record["text"]
    return lambda doc: by_id[doc]


def main():
    args = sys.argv[1:]
    if args[:1] == ["--snn-jsonl"]:
        return snn_jsonl(args[1], args[2])
    if len(args) < 4:
        sys.exit(__doc__)
    fahras, index, names, texts = args[:4]
    depth = int(args[5]) if len(args) > 5 and args[4] == "-n" else 100
    queries = []
    for line in open(names, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            qid, name = line.rstrip("\n").split("\t")[:2]
            queries.append((qid, name))
    batch = "".join(f"{qid}\t{name}\n" for qid, name in queries)
    run = subprocess.run(
        [fahras, "--index", index, "search", "--queries", "-", "--plain", "--trec", "-n", str(depth)],
        input=batch, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(run.stderr)
    answers = {}
    for line in run.stdout.splitlines():
        qid, _, doc = line.split()[:3]
        answers.setdefault(qid, []).append(Path(doc).stem if "/" in doc else doc)
    text = texts_of(texts)
    total = 0.0
    for qid, name in queries:
        forms = exact_count.forms(name)
        docs = answers.get(qid, [])
        relevant = sum(1 for doc in docs if forms & set(exact_count.words(text(doc))))
        precision = relevant / len(docs) if docs else 0.0
        total += precision
        print(f"{qid}\t{name}\t{len(docs)}\t{relevant}\t{precision:.2f}")
    print(f"mean\t\t\t\t{total / len(queries):.4f}")


if __name__ == "__main__":
    main()
