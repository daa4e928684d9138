"""The Python module over the build tree's libgazmap (GAZMAP_LIBRARY), held to
the command-line tool's answers on the same input."""
import doctest
import json
import os
import subprocess
import sys

import pytest

import gazmap

BIN = os.environ.get("GAZMAP_BIN", "gazmap")
TEST_DIR = os.environ.get("GAZMAP_TEST_DIR", "tests")

SPELLINGS = [
    ("Hocavend", "khojavend"),
    ("Sukovuşan", "sugovushan"),
    ("Шуша", "shusha"),
    ("Kelbecer", "kalbajar"),
    ("Khankendi", "khankendi"),
]

TEXT = ("Patrols ran on the Hocavend/Red Bazaar (Martuni) line; the OSCE Minsk Group met.\n"
        "Dağlık Karabağ'da, Kelbecer'e; в Нагорном Карабахе; Qarabağda. "
        "Շուշի and Ստեփանակերտ.\n")


@pytest.mark.parametrize("spelling,place_id", SPELLINGS)
def test_lookup(spelling, place_id):
    assert gazmap.lookup(spelling)[0]["id"] == place_id


def test_lookup_fields_and_lang():
    r = gazmap.lookup("Sukovuşan", lang="ru", limit=1)
    assert len(r) == 1
    p = r[0]
    assert p["name"] == "Суговушан"
    assert (p["lat"], p["lon"]) == (40.33139, 46.72944)
    assert p["match"] == "exact" and p["matched"] == "Sukovuşan" and p["matched_lang"] == "tr"
    assert {"name": "Madagiz", "historical": True} in [
        {k: v for k, v in n.items() if k in ("name", "historical")} for n in p["names"]["en"]]


def test_lookup_limit_and_nothing():
    assert len(gazmap.lookup("Martuni", limit=2)) == 2
    assert gazmap.lookup("Atlantis") == []


def test_lookup_invalid_utf8_raises_library_message():
    with pytest.raises(gazmap.Error) as e:
        gazmap.lookup(b"Shu\xffsha")
    assert "UTF-8" in str(e.value) and e.value.code < 0


def test_find_character_offsets_slice_the_text():
    mentions = gazmap.find(TEXT)
    assert len(mentions) >= 10
    for m in mentions:
        assert TEXT[m["offset"]:m["offset"] + m["length"]] == m["surface"], m


def test_find_byte_offsets_are_the_cli_output(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(TEXT, encoding="utf-8")
    cli = subprocess.run([BIN, "find", "--json", str(path)], capture_output=True, check=True)
    assert gazmap.find(TEXT, offsets="bytes") == json.loads(cli.stdout)


def test_find_bytes_need_byte_offsets():
    with pytest.raises(TypeError):
        gazmap.find(TEXT.encode())
    data = TEXT.encode()
    for m in gazmap.find(data, offsets="bytes"):
        assert data[m["offset"]:m["offset"] + m["length"]].decode() == m["surface"]


def test_near():
    r = gazmap.near(39.76006, 46.74989, k=3)
    assert len(r) == 3 and r[0]["id"] == "shusha" and r[0]["km"] < 0.01
    assert r[0]["km"] <= r[1]["km"] <= r[2]["km"]


def test_render_bytes_are_the_cli_map(tmp_path):
    png = gazmap.render(None, width=800, height=600, lang="hy", date="2020-11-22")
    out = tmp_path / "cli.png"
    subprocess.run([BIN, "render", "--width", "800", "--height", "600", "--lang", "hy",
                    "--date", "2020-11-22", "-o", str(out)], check=True)
    assert png == out.read_bytes()


def test_render_to_a_path(tmp_path):
    out = tmp_path / "m.svg"
    assert gazmap.render(str(out), width=640, height=480, layers=["basemap", "places"],
                         highlight=["shusha", ("kalbajar", 3)]) is None
    assert out.read_bytes().startswith(b"<?xml") and b"<svg" in out.read_bytes()[:400]


def test_render_error_is_the_library_message():
    with pytest.raises(gazmap.Error) as e:
        gazmap.render(None, width=100, height=100)
    assert "too small" in str(e.value)
    with pytest.raises(TypeError):
        gazmap.render(None, colour="red")


def test_bad_gazetteer_names_file_and_line():
    bad = os.path.join(TEST_DIR, "data", "bad", "many.tsv")
    with pytest.raises(gazmap.Error) as e:
        gazmap.Gazetteer(bad)
    assert e.value.file and e.value.file.endswith("many.tsv") and e.value.line > 0
    assert str(e.value).startswith(e.value.file + ":%d: " % e.value.line)


def test_docstring_examples():
    failures, tried = doctest.testmod(gazmap)
    assert tried >= 3 and failures == 0


def test_pandas_notebook_example():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(gazmap.find(TEXT))
    counts = df[df.role == "location"].groupby("id").size().sort_values(ascending=False)
    assert counts["nagorno-karabakh"] == 2
    assert set(df.columns) >= {"offset", "length", "surface", "id", "lat", "lon", "why"}


def test_installed_module(tmp_path):
    """'cmake --install' into a fresh prefix: the module imports from there and
    finds the library and the data installed with it, with no environment."""
    build = os.environ.get("GAZMAP_BUILD_DIR")
    if not build:
        pytest.skip("GAZMAP_BUILD_DIR is not set")
    prefix = tmp_path / "prefix"
    subprocess.run(["cmake", "--install", build, "--prefix", str(prefix)], check=True,
                   capture_output=True)
    site = [p for p in prefix.glob("lib/python3*/dist-packages")]
    assert len(site) == 1, list(prefix.glob("lib/*"))
    env = {k: v for k, v in os.environ.items()
           if k not in ("GAZMAP_LIBRARY", "GAZMAP_DATA_DIR", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site[0])
    out = subprocess.run([sys.executable, "-c",
                          "import gazmap; print(gazmap.__file__); "
                          "print(gazmap.lookup('Kelbecer')[0]['id'])"],
                         env=env, capture_output=True, text=True, check=True)
    where, place = out.stdout.split()
    assert where.startswith(str(prefix)) and place == "kalbajar"
