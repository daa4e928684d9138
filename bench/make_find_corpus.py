#!/usr/bin/env python3
"""Writes a synthetic corpus for the 'gazmap find' benchmark (bench/bench_find_rg.sh):
DIR/names.txt, about 200 place names of the gazetteer (every k-th name of
the sorted list of Latin and Cyrillic names, deterministic), one a line,
for rg/grep -f; and DIR/corpus.txt, about MEGABYTES MB of made-up sentences
(a fixed vocabulary of English, Turkish and Russian function words and
made-up words, no text of anyone's) in which one word in twelve is one of
those names, some with a Turkish suffix or a Russian case ending.  The
random generator is seeded, so every run writes the same bytes.

usage: bench/make_find_corpus.py DIR [MEGABYTES=20] [GAZETTEER.tsv ...]
"""
import os
import random
import sys

from gaznames import default_files, place_names

out = sys.argv[1]
mb = float(sys.argv[2]) if len(sys.argv) > 2 else 20.0
files = sys.argv[3:] or default_files()
os.makedirs(out, exist_ok=True)

names = set()
for _, lang, text in place_names(files):
    if lang in ("en", "tr", "az", "ru") and len(text) >= 4 and not any(c.isdigit() for c in text):
        names.add(text)
names = sorted(names)
step = max(1, len(names) // 200)
chosen = names[::step][:200]
with open(os.path.join(out, "names.txt"), "w", encoding="utf-8") as f:
    f.write("".join(n + "\n" for n in chosen))

rng = random.Random(12)
words = ("the of and to in on for with from by was were is are that this it as at "
         "ve ile bu da de bir icin olarak daha sonra ise gibi kadar "
         "и в на с по из что это как для был были "
         "talks road border convoy village district region peace report official "
         "toplanti yol sinir koy bolge baris rapor "
         "переговоры дорога граница колонна село район мир доклад "
         "varonel tesmik bralor quenda mostrap ilvaner dorokan shelvik").split()
tr_suffix = ["", "", "", "da", "dan", "a", "nin", "'da", "'nın"]
ru_suffix = ["", "", "", "е", "а", "у", "ом"]
target = int(mb * 1e6)
size = 0
with open(os.path.join(out, "corpus.txt"), "w", encoding="utf-8") as f:
    while size < target:
        sent = []
        for _ in range(rng.randint(8, 20)):
            if rng.random() < 1 / 12:
                n = rng.choice(chosen)
                cyr = any("\u0400" <= c <= "\u04ff" for c in n)
                n += rng.choice(ru_suffix if cyr else tr_suffix)
                sent.append(n)
            else:
                sent.append(rng.choice(words))
        s = " ".join(sent)
        s = s[0].upper() + s[1:] + (".\n" if rng.random() < 0.2 else ". ")
        f.write(s)
        size += len(s.encode())
print(f"{out}/corpus.txt: {size / 1e6:.1f} MB, {out}/names.txt: {len(chosen)} names")
