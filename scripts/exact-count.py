#!/usr/bin/env python3
"""Brute-force count of the articles that write a word, for checking `fahras search -c =WORD`.

    scripts/exact-count.py CORPUS WORD [WORD...]

CORPUS is a folder of SaudiNewsNet-style zips (each holding one JSON array of articles with
`title` and `content`), of `.json` arrays, or of plain-text files (one article each). For each
WORD it prints the number of articles whose title or body holds the word as written, after any
proclitics, with the folding fahras applies (src/analysis/normalize.rs), independently of
fahras's code:

* presentation forms and ligatures (U+FB50–FDFF, U+FE70–FEFF) are decomposed with NFKC;
* harakat, Quranic marks, superscript alef, tatweel and zero-width joiners are removed;
* أ إ آ ٱ and the wavy-hamza alefs become ا; ؤ ئ become ء; ى and the Persian/Urdu yehs become ي;
  ة and the heh variants become ه; ک becomes ك; Arabic-Indic digits become ASCII; Latin is
  lowercased.

A word is a run of letters and digits with the combining marks and joiners inside it (what
fahras's tokenizer reads). The forms counted are the folded WORD after an optional conjunction
(و ف) and an optional preposition (ب ك ل), ل + ال written لل: the forms `=WORD` searches.
Function words and boilerplate lines fahras drops are not dropped here, so this counts what
the raw text writes.
"""

import json
import sys
import unicodedata
import zipfile
from pathlib import Path


def fold_char(c):
    o = ord(c)
    if 0x0610 <= o <= 0x061A or 0x064B <= o <= 0x065F or o in (0x0670, 0x0640, 0x200C, 0x200D):
        return ""
    if 0x06D6 <= o <= 0x06DC or 0x06DF <= o <= 0x06E4 or o in (0x06E7, 0x06E8) or 0x06EA <= o <= 0x06ED:
        return ""
    if o in (0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673, 0x0675):
        return "ا"
    if o in (0x0624, 0x0626, 0x0678):
        return "ء"
    if o in (0x0649, 0x06CC, 0x06D0, 0x06D2, 0x06CD):
        return "ي"
    if o in (0x0629, 0x06D5, 0x06C0, 0x06C1, 0x06C2, 0x06BE):
        return "ه"
    if o in (0x06A9, 0x06AA):
        return "ك"
    if 0x0660 <= o <= 0x0669:
        return chr(ord("0") + o - 0x0660)
    if 0x06F0 <= o <= 0x06F9:
        return chr(ord("0") + o - 0x06F0)
    if 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:
        return "".join(fold_char(d) for d in unicodedata.normalize("NFKC", c))
    return c.lower()


def inside_word(c):
    return c.isalnum() or unicodedata.category(c) in ("Mn", "Mc", "Lm") or c in "\u200c\u200d"


def words(text):
    word = []
    for c in text:
        if c.isalnum() or (word and inside_word(c)):
            word.append(c)
        elif word:
            yield "".join(fold_char(x) for x in word)
            word = []
    if word:
        yield "".join(fold_char(x) for x in word)


def forms(word):
    folded = "".join(words(word))
    out = set()
    for conj in ("", "و", "ف"):
        for prep in ("", "ب", "ك", "ل"):
            if prep == "ل" and folded.startswith("ال"):
                out.add(conj + "لل" + folded[2:])
            else:
                out.add(conj + prep + folded)
    return out


def articles(corpus):
    for path in sorted(Path(corpus).rglob("*")):
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith(".json"):
                        yield from json_articles(archive.read(name))
        elif path.suffix == ".json":
            yield from json_articles(path.read_bytes())
        elif path.is_file() and path.suffix in (".txt", ""):
            yield path.read_text(encoding="utf-8", errors="replace")


def json_articles(data):
    for record in json.loads(data):
        yield (record.get("title") or "") + "\n" + (record.get("content") or "")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    wanted = {word: forms(word) for word in sys.argv[2:]}
    counts = dict.fromkeys(wanted, 0)
    total = 0
    for text in articles(sys.argv[1]):
        total += 1
        present = set(words(text))
        for word, its_forms in wanted.items():
            if present & its_forms:
                counts[word] += 1
    for word, count in counts.items():
        print(f"{word}\t{count}")
    print(f"articles\t{total}", file=sys.stderr)


if __name__ == "__main__":
    main()
