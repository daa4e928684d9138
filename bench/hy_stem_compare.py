#!/usr/bin/env python3
"""Armenian inflection on place names: Snowball's Armenian stemmer (Debian's
libstemmer, through ctypes) against gazmap's own ending rules
(src/text/lang/hy.c script_endings), on the gazetteer's own names.

Each one-word Armenian-script name of a place gets the endings running text
gives names (locative -ում, genitive -ի, ablative -ից, instrumental -ով,
dative -ին, the article -ը or -ն after a vowel, the -ցի demonym).  A form
is right for the stemmer when stem(form) == stem(name) and no other place's
name has that stem; for gazmap when 'gazmap find --jsonl' resolves the form
to the place.  Prints both counts.

usage: bench/hy_stem_compare.py [GAZMAP] [GAZETTEER.tsv ...]
       (defaults: build/bin/gazmap, data/gazetteer.tsv data/region/*.tsv)
"""
import ctypes
import json
import subprocess
import sys

from gaznames import default_files, place_names

gazmap = sys.argv[1] if len(sys.argv) > 1 else "build/bin/gazmap"
files = sys.argv[2:] or default_files()

lib = ctypes.CDLL("libstemmer.so.0d")
lib.sb_stemmer_new.restype = ctypes.c_void_p
lib.sb_stemmer_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
lib.sb_stemmer_stem.restype = ctypes.c_void_p
lib.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
lib.sb_stemmer_length.argtypes = [ctypes.c_void_p]
stemmer = lib.sb_stemmer_new(b"armenian", b"UTF_8")
if not stemmer:
    sys.exit("libstemmer has no Armenian stemmer")


def stem(word):
    b = word.encode()
    p = lib.sb_stemmer_stem(stemmer, b, len(b))
    return ctypes.string_at(p, lib.sb_stemmer_length(stemmer)).decode()


# Armenian-script one-word names of places: name -> ids.
names = {}
for pid, lang, text in place_names(files):
    if lang == "hy" and text and " " not in text and "-" not in text \
            and all("\u0531" <= ch <= "\u0587" for ch in text):
        names.setdefault(text, set()).add(pid)
# Only names of one place: which homonym a bare form means is the
# resolver's business, not the stemmer's.
names = {n: ids.pop() for n, ids in names.items() if len(ids) == 1}
stems = {}
for n, pid in names.items():
    stems.setdefault(stem(n), set()).add(pid)

vowels = set("աեէըիոօ")
forms = []
for n, pid in sorted(names.items()):
    endings = ["ում", "ի", "ից", "ով", "ին", "ցի"]
    endings.append("ն" if n[-1] in vowels else "ը")
    for e in endings:
        forms.append((n + e, n, pid))

stem_right = sum(1 for f, n, pid in forms
                 if stem(f) == stem(n) and stems.get(stem(f)) == {pid})
docs = "".join(json.dumps({"id": i, "text": f}, ensure_ascii=False) + "\n"
               for i, (f, n, pid) in enumerate(forms))
out = subprocess.run([gazmap, "find", "--jsonl", "-j", "1", "-"], input=docs.encode(),
                     stdout=subprocess.PIPE, check=False).stdout.decode()
found = {}
for line in out.splitlines():
    m = json.loads(line)
    if m["length"] == len(forms[m["doc_id"]][0].encode()):
        found[m["doc_id"]] = m["id"]
rules_right = sum(1 for i, (f, n, pid) in enumerate(forms) if found.get(i) == pid)
print(f"{len(names)} one-word Armenian names of one place, {len(forms)} inflected forms")
print(f"Snowball Armenian stemmer (libstemmer): {stem_right} right "
      f"({100.0 * stem_right / len(forms):.1f}%)")
print(f"gazmap's ending rules: {rules_right} right ({100.0 * rules_right / len(forms):.1f}%)")
