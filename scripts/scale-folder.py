#!/usr/bin/env python3
"""The folder-archive form of a scale corpus: one body-only .txt per article.

Usage: scale-folder.py TREC_DIR OUT_DIR
TREC_DIR is what ../shared/tools/make_scale.py writes (c000-0000.sgml, 1,000 <DOC>s each);
each <DOC> becomes OUT_DIR/<file stem>/<DOCNO>.txt holding its <TEXT> alone, so a folder of
1,000 files stands for each TREC file (issue 31's folder archive).
"""
import pathlib, re, sys

src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
doc = re.compile(r"<DOCNO>(.*?)</DOCNO>.*?<TEXT>\n(.*?)\n</TEXT>", re.S)
n = 0
for f in sorted(src.glob("*.sgml")):
    folder = out / f.stem
    folder.mkdir(parents=True, exist_ok=True)
    for m in doc.finditer(f.read_text(encoding="utf-8")):
        (folder / f"{m.group(1)}.txt").write_text(m.group(2) + "\n", encoding="utf-8")
        n += 1
print(f"{n} files -> {out}")
