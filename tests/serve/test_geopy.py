"""geopy's Nominatim and Photon geocoders, unchanged, pointed at gazmap serve:
the article's spellings resolve to the right places, forward and reverse."""
import pytest

geopy = pytest.importorskip("geopy")
from geopy.geocoders import Nominatim, Photon  # noqa: E402

from conftest import gazetteer_rows  # noqa: E402

ROWS = gazetteer_rows()

# Spelling as the article writes it -> the gazetteer entry it names.
SPELLINGS = [
    ("Hocavend", "khojavend"),
    ("Sukovuşan", "sugovushan"),
    ("Шуша", "shusha"),
    ("Kelbecer", "kalbajar"),
]


def nominatim(server):
    return Nominatim(domain="%s:%d" % (server.host, server.port), scheme="http",
                     user_agent="gazmap-tests", timeout=10)


def photon(server):
    return Photon(domain="%s:%d" % (server.host, server.port), scheme="http",
                  user_agent="gazmap-tests", timeout=10)


def close_to(loc, place_id):
    lat, lon = ROWS[place_id]
    return abs(loc.latitude - lat) < 1e-5 and abs(loc.longitude - lon) < 1e-5


@pytest.mark.parametrize("spelling,place_id", SPELLINGS)
def test_nominatim_forward(server, spelling, place_id):
    loc = nominatim(server).geocode(spelling, extratags=True)
    assert loc is not None, spelling
    assert loc.raw["extratags"]["gazmap:id"] == place_id
    assert close_to(loc, place_id), (loc.latitude, loc.longitude, ROWS[place_id])


@pytest.mark.parametrize("spelling,place_id", SPELLINGS)
def test_nominatim_reverse(server, spelling, place_id):
    lat, lon = ROWS[place_id]
    loc = nominatim(server).reverse((lat, lon), namedetails=True)
    assert loc is not None
    assert close_to(loc, place_id), (loc.raw, place_id)
    # The spelling the article uses is one of the names it gives back.
    names = loc.raw["namedetails"]
    assert any(spelling in v.split(";") for v in names.values()), names


@pytest.mark.parametrize("spelling,place_id", SPELLINGS)
def test_photon_forward(server, spelling, place_id):
    loc = photon(server).geocode(spelling)
    assert loc is not None, spelling
    assert loc.raw["properties"]["gazmap_id"] == place_id
    assert close_to(loc, place_id)


@pytest.mark.parametrize("spelling,place_id", SPELLINGS)
def test_photon_reverse(server, spelling, place_id):
    lat, lon = ROWS[place_id]
    loc = photon(server).reverse((lat, lon))
    assert loc is not None
    assert loc.raw["properties"]["gazmap_id"] == place_id


def test_nominatim_language(server):
    # accept-language picks the name: Shusha in Armenian is Շուշի.
    loc = nominatim(server).geocode("Shusha", language="hy")
    assert loc.raw["name"] == "Շուշի"
    assert loc.address.startswith("Շուշի, ")


def test_nominatim_several(server):
    # Martuni names several places; exactly_one=False lists them, best first.
    locs = nominatim(server).geocode("Martuni", exactly_one=False, limit=5)
    assert len(locs) >= 2
    assert locs[0].raw["importance"] >= locs[1].raw["importance"]


def test_nominatim_no_match(server):
    assert nominatim(server).geocode("Atlantis") is None


def test_photon_language(server):
    loc = photon(server).geocode("Kelbecer", language="ru")
    assert loc.raw["properties"]["name"] == "Кельбаджар"
