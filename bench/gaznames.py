"""The gazetteer's place names, for the bench scripts that build their
inputs from them (hy_stem_compare.py, make_find_corpus.py)."""
import glob


def default_files():
    """The bundled gazetteer and its region files, from the repository root."""
    return ["data/gazetteer.tsv"] + sorted(glob.glob("data/region/*.tsv"))


def place_names(files):
    """(place id, language, name) for every name of every place in the
    gazetteer TSV `files` (the 'names' column holds lang:name|lang:name)."""
    for f in files:
        header = None
        with open(f, encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                if cols[0] == "id":
                    header = cols
                    continue
                for n in cols[header.index("names")].split("|"):
                    lang, _, text = n.partition(":")
                    yield cols[0], lang, text
