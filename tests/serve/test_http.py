"""Nominatim's and Photon's field names and types, gazmap's /find and
/render, CORS and the access log, driven with curl and urllib."""
import json
import re
import shutil
import os
import subprocess
import time

import pytest

from conftest import BIN, SOURCE, Server


def get_json(server, path):
    status, headers, body = server.get(path)
    assert headers["Content-Type"].startswith("application/json"), headers["Content-Type"]
    return status, json.loads(body)


def curl(*args):
    out = subprocess.run(["curl", "-sS", "--max-time", "10", *args], capture_output=True,
                         check=True)
    return out.stdout


def test_search_json_types(server):
    status, r = get_json(server, "/search?q=Shusha&format=json&namedetails=1&addressdetails=1")
    assert status == 200 and len(r) >= 1
    p = r[0]
    assert isinstance(p["place_id"], int)
    assert isinstance(p["lat"], str) and isinstance(p["lon"], str)
    assert abs(float(p["lat"]) - 39.76006) < 1e-6
    assert p["class"] == "place" and p["type"] == "town"
    assert isinstance(p["importance"], float)
    assert p["display_name"] == "Shusha, Shusha District, Azerbaijan"
    assert len(p["boundingbox"]) == 4 and all(isinstance(v, str) for v in p["boundingbox"])
    south, north, west, east = map(float, p["boundingbox"])
    assert south < float(p["lat"]) < north and west < float(p["lon"]) < east
    assert p["namedetails"]["name:ru"] == "Шуша"
    assert p["address"]["country_code"] == "az"


def test_search_jsonv2_and_default(server):
    _, v2 = get_json(server, "/search?q=Shusha&format=jsonv2")
    _, default = get_json(server, "/search?q=Shusha")
    assert v2 == default
    assert v2[0]["category"] == "place" and "class" not in v2[0]


def test_search_geojson(server):
    _, fc = get_json(server, "/search?q=Kelbecer&format=geojson&limit=1")
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 1
    f = fc["features"][0]
    assert f["geometry"] == {"type": "Point", "coordinates": [46.04446, 40.10984]}
    assert f["properties"]["display_name"].startswith("Kalbajar")
    assert len(f["bbox"]) == 4


def test_search_limit_and_countrycodes(server):
    _, all_ = get_json(server, "/search?q=Martuni&limit=5&format=json")
    _, am = get_json(server, "/search?q=Martuni&limit=5&format=json&countrycodes=am")
    assert len(all_) > len(am) >= 1
    assert all(p["display_name"].endswith("Armenia") for p in am)
    _, one = get_json(server, "/search?q=Martuni&limit=1")
    assert len(one) == 1


def test_search_first_part(server):
    # A free-form query with a comma falls back on its first part.
    _, r = get_json(server, "/search?q=Shusha,%20Azerbaijan&format=json")
    assert r[0]["name"] == "Shusha"


def test_search_empty(server):
    status, r = get_json(server, "/search?q=Atlantis")
    assert status == 200 and r == []


def test_reverse_zoom(server):
    _, town = get_json(server, "/reverse?lat=39.76006&lon=46.74989&format=json")
    _, country = get_json(server, "/reverse?lat=39.76006&lon=46.74989&format=json&zoom=3")
    assert town["name"] == "Shusha"
    assert country["type"] == "administrative" and country["name"] == "Azerbaijan"


def test_status(server):
    assert curl(server.url + "/status") == b"OK"
    r = json.loads(curl(server.url + "/status?format=json"))
    assert r["status"] == 0 and r["message"] == "OK" and r["places"] > 100


def test_photon_shape(server):
    _, fc = get_json(server, "/api?q=Hocavend&limit=3")
    f = fc["features"][0]
    props = f["properties"]
    assert props["osm_key"] == "place" and props["osm_value"] == "town"
    assert props["countrycode"] == "AZ" and props["country"] == "Azerbaijan"
    assert props["county"] == "Khojavend District"
    w, n, e, s = props["extent"]
    lon, lat = f["geometry"]["coordinates"]
    assert w < lon < e and s < lat < n


def test_photon_prefix_and_shared_reverse(server):
    _, a = get_json(server, "/photon/reverse?lat=40.10984&lon=46.04446")
    _, b = get_json(server, "/reverse?lat=40.10984&lon=46.04446")
    _, n = get_json(server, "/reverse?lat=40.10984&lon=46.04446&format=json")
    assert a == b and a["type"] == "FeatureCollection"
    assert n["name"] == "Kalbajar"  # Nominatim's object, chosen by format=


def test_photon_radius(server):
    # Nothing lies within 1 km of a point in the Caspian Sea.
    _, fc = get_json(server, "/api?q=Shusha&bbox=44,38,45,39")
    assert fc["features"] == []
    _, fc = get_json(server, "/reverse?lat=40.0&lon=50.5&radius=1")
    assert fc["features"] == []


SAMPLE = ("Patrols ran on the Hocavend/Red Bazaar (Martuni) line; the OSCE Minsk Group met.\n"
          "Dağlık Karabağ'da, Kelbecer'e; в Нагорном Карабахе; Qarabağda. "
          "The village of Zzyzxqo lies in Lachin District.\n")


def test_find_matches_cli(server, tmp_path):
    text = tmp_path / "sample.txt"
    text.write_text(SAMPLE, encoding="utf-8")
    cli = subprocess.run([BIN, "find", "--json", str(text)], capture_output=True, check=True)
    body = curl("-X", "POST", "--data-binary", "@" + str(text), server.url + "/find")
    served = json.loads(body)
    assert len(served) >= 8
    assert served == json.loads(cli.stdout)


def test_find_locations_only(server):
    status, _, body = server.get("/find?locations_only=1", method="POST", data=SAMPLE.encode())
    assert status == 200
    roles = {m["role"] for m in json.loads(body)}
    assert "organisation" not in roles and "location" in roles


def test_find_empty_body(server):
    status, _, body = server.get("/find", method="POST", data=b"")
    assert status == 200 and json.loads(body) == []


def test_render_png_matches_cli(server, tmp_path):
    status, headers, body = server.get("/render?width=800&height=600&lang=hy&date=2020-11-22")
    assert status == 200 and headers["Content-Type"] == "image/png"
    out = tmp_path / "cli.png"
    subprocess.run([BIN, "render", "--width", "800", "--height", "600", "--lang", "hy",
                    "--date", "2020-11-22", "-o", str(out)], check=True)
    assert body == out.read_bytes()


def test_render_svg(server):
    status, headers, body = server.get("/render?format=svg&width=640&height=480&id_prefix=m1-")
    assert status == 200 and headers["Content-Type"] == "image/svg+xml"
    assert b"<svg" in body[:400] and b'id="m1-' in body


def test_render_library_error(server):
    # Options that pass the server's checks but not the library's get its message.
    status, r = get_json(server, "/render?layers=nosuchlayer")
    assert status == 400 and "nosuchlayer" in r["error"]["message"]


def test_no_cors_by_default(server):
    _, headers, _ = server.get("/status")
    assert "Access-Control-Allow-Origin" not in headers


def test_cors_when_asked():
    s = Server("--cors", "https://example.org")
    try:
        _, headers, _ = s.get("/search?q=Shusha")
        assert headers["Access-Control-Allow-Origin"] == "https://example.org"
        status, headers, _ = s.get("/search", method="OPTIONS",
                                   headers={"Origin": "https://example.org",
                                            "Access-Control-Request-Method": "GET"})
        assert status == 204
        assert "GET" in headers["Access-Control-Allow-Methods"]
    finally:
        assert s.stop()[0] == 0


def test_access_log(server):
    server.get("/search?q=Kelbecer&format=json")
    want = '"GET /search?q=Kelbecer&format=json" 200 '
    # The line is written when the server has finished the request, which
    # may be just after the client has read the answer: wait up to 2 s.
    for _ in range(40):
        lines = server.log.read_text().splitlines()
        if any(want in line for line in lines):
            break
        time.sleep(0.05)
    assert any(want in line for line in lines), lines[-3:]
    assert all(line.startswith("127.0.0.1 - - [") or line.startswith("gazmap serve: ")
               for line in lines)


def test_default_listen_is_loopback():
    """Without --listen the server binds 127.0.0.1:8080 (skipped when another
    program holds that port)."""
    proc = subprocess.Popen([BIN, "serve"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = proc.stdout.readline().decode()
        if not line:
            err = proc.stderr.read().decode()
            if "in use" in err:
                pytest.skip("port 8080 is taken here")
            raise AssertionError(err)
        assert line.strip() == "gazmap serve: listening on http://127.0.0.1:8080/"
    finally:
        proc.terminate()
        proc.communicate(timeout=20)


def test_load_run_with_wrk(server):
    """A short load run with wrk (Debian) on /search, 127.0.0.1 only and
    bounded (2 s, 16 connections): no error replies, no socket errors, and
    the server still answers after it.  The full run is bench/bench_serve.sh."""
    wrk = shutil.which("wrk")
    if not wrk:
        pytest.skip("wrk is not installed")
    assert server.url.startswith("http://127.0.0.1:")
    out = subprocess.run([wrk, "-t2", "-c16", "-d2s", "--timeout", "5s",
                          server.url + "/search?q=Shusha"],
                         capture_output=True, text=True, timeout=60, check=True).stdout
    requests = re.search(r"(\d+) requests in", out)
    assert requests and int(requests.group(1)) > 100, out
    assert "Non-2xx" not in out, out
    assert "Socket errors" not in out, out
    status, _, _ = server.get("/status")
    assert status == 200
