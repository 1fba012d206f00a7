#!/usr/bin/env python3
"""Scores fahras's reading of HTML pages against hand-made gold (eval/html/).

Ingests the pages into a fresh index, reads every article back with `show --json`, and for
each page prints the word-level F1 of the main text (bags of words: NFKC, case folded,
punctuation and symbols removed) and whether the title is exact (NFKC and white space folded).
Standard library only.

usage: html_eval.py FAHRAS PAGES_DIR [GOLD_DIR]
Each gold file is named like its page, with .txt: the title on line 1, a blank line, then
the text.
"""

import collections
import json
import pathlib
import subprocess
import sys
import tempfile
import unicodedata


def fold(text):
    text = unicodedata.normalize("NFKC", text).casefold()
    kept = [
        c if not unicodedata.category(c).startswith(("P", "S", "C")) else " "
        for c in text
    ]
    return "".join(kept)


def words(text):
    return collections.Counter(fold(text).split())


def f1(got, want):
    common = sum((got & want).values())
    if common == 0:
        return 0.0, 0.0, 0.0
    precision = common / sum(got.values())
    recall = common / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def same_title(a, b):
    norm = lambda t: " ".join(unicodedata.normalize("NFKC", t or "").split())
    return norm(a) == norm(b)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    fahras, pages = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
    gold_dir = pathlib.Path(
        sys.argv[3] if len(sys.argv) > 3 else pathlib.Path(__file__).parent.parent / "eval/html"
    )
    with tempfile.TemporaryDirectory() as tmp:
        index = ["--index", str(pathlib.Path(tmp) / "index")]
        subprocess.run(
            [fahras, *index, "ingest", "--ext", "html,htm,txt", str(pages)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        rows, f1s, titles = [], [], 0
        for gold in sorted(gold_dir.glob("*.txt")):
            page = next(pages.glob(gold.stem + ".*"), None)
            if page is None:
                continue
            title, _, text = gold.read_text(encoding="utf-8").partition("\n\n")
            shown = subprocess.run(
                [fahras, *index, "show", "--json", str(page)],
                capture_output=True,
                text=True,
            )
            article = json.loads(shown.stdout) if shown.returncode == 0 else {}
            p, r, f = f1(words(article.get("body", "")), words(text))
            exact = same_title(article.get("title"), title.strip())
            f1s.append(f)
            titles += exact
            rows.append((gold.stem, p, r, f, exact, article.get("title", "")))
    for name, p, r, f, exact, got in rows:
        mark = "yes" if exact else f"NO ({got[:60]})"
        print(f"{name:45} P {p:.3f} R {r:.3f} F1 {f:.3f} title {mark}")
    if rows:
        print(
            f"{'mean':45} {'':17}F1 {sum(f1s) / len(f1s):.3f} titles {titles}/{len(rows)} exact"
        )


if __name__ == "__main__":
    main()
