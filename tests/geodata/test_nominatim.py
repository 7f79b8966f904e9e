"""geodata.geocoders.nominatim against a real HTTP server on loopback that
answers /search like Nominatim does (JSON list of results)."""

from __future__ import annotations

import pytest

from geodata import Gazetteer, Place
from geodata.gazetteer import ONLINE_ENV
from geodata.geocoders import GeocodeCache, Geocoder, MemoryCache, cache_key
from geodata.geocoders.nominatim import NominatimGeocoder, place_from_nominatim
from tests.nominatim_server import NominatimServer

# What the fake server knows, keyed by the q parameter. Coordinates are
# round numbers near the real places; the server is ours, not OSM's.
RESULTS = {
    "الهري": [{
        "place_id": 101, "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
        "osm_type": "node", "osm_id": 555001, "lat": "34.4301", "lon": "40.9649",
        "class": "place", "type": "village", "place_rank": 19, "importance": 0.31,
        "addresstype": "village", "name": "الهري",
        "display_name": "الهري, ناحية البوكمال, منطقة البوكمال, محافظة دير الزور, سوريا",
        "address": {"village": "الهري", "state": "محافظة دير الزور", "country": "سوريا",
                    "country_code": "sy"},
        "boundingbox": ["34.4101", "34.4501", "40.9449", "40.9849"],
    }],
    "القائم": [{
        "place_id": 202, "osm_type": "relation", "osm_id": 777, "lat": "34.3689", "lon": "41.0950",
        "class": "boundary", "type": "administrative", "addresstype": "state_district",
        "importance": 0.45, "name": "القائم", "display_name": "قضاء القائم, محافظة الأنبار, العراق",
        "address": {"state": "محافظة الأنبار", "country_code": "iq"},
        "boundingbox": ["33.9", "34.8", "40.6", "41.6"],
    }],
    "دمشق الجديدة": [{  # a result outside the allowed countries' boxes: refused
        "place_id": 303, "osm_type": "node", "osm_id": 9, "lat": "45.0", "lon": "10.0",
        "class": "place", "type": "town", "display_name": "Somewhere else",
        "address": {"country_code": "it"}, "boundingbox": ["44.9", "45.1", "9.9", "10.1"],
    }],
}


@pytest.fixture
def server():
    with NominatimServer(RESULTS) as s:
        yield s


def geocoder(server, **kw) -> NominatimGeocoder:
    kw.setdefault("min_delay_seconds", 0.05)
    return NominatimGeocoder(domain=server.domain, scheme="http", user_agent="strike-map-tests",
                             **kw)


def test_request_parameters_and_returned_place(server):
    cache = MemoryCache()
    place = geocoder(server, cache=cache).geocode("الهري")
    (_, path, params, headers), = server.requests
    assert path == "/search"
    assert params["q"] == ["الهري"]
    assert params["countrycodes"] == ["sy,iq,jo"]
    assert params["format"] == ["json"]
    assert params["accept-language"] == ["ar"]
    assert params["addressdetails"] == ["1"] and params["limit"] == ["1"]
    assert headers["User-Agent"] == "strike-map-tests"

    assert isinstance(place, Place)
    assert place.key == "nominatim_n555001"
    assert (place.lat, place.lon) == (34.4301, 40.9649)
    assert place.kind == "village" and place.country == "SY"
    assert place.admin1 == "محافظة دير الزور"
    assert place.verified is False and place.estimate is False
    assert place.source.startswith(f"Nominatim (unverified, {server.domain}, 20")
    assert 2.0 < place.uncertainty_km < 4.0
    assert place.name_ar == "الهري" and "ناحية البوكمال" in place.name_en
    assert place.geo_precision == 1


def test_second_call_is_a_cache_hit(server):
    cache = MemoryCache()
    geo = geocoder(server, cache=cache)
    first = geo.geocode("الهري")
    second = geo.geocode("الهَرِي")  # folds to the same cache key
    assert first == second and len(cache) == 1
    assert len(server.requests) == 1
    # A new geocoder sharing the cache (another run) asks nothing either.
    assert geocoder(server, cache=cache).geocode("الهري") == first
    assert len(server.requests) == 1


def test_rate_limiter_spaces_requests(server):
    geo = geocoder(server, min_delay_seconds=0.4)
    geo.geocode("الهري")
    geo.geocode("القائم")
    geo.geocode("مكان مجهول")
    times = [t for t, *_ in server.requests]
    assert len(times) == 3
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.35, gaps


def test_no_result_and_results_outside_the_countries(server):
    geo = geocoder(server, cache=MemoryCache())
    assert geo.geocode("مكان مجهول") is None
    assert geo.geocode("دمشق الجديدة") is None
    assert len(geo.cache) == 0


def test_iraqi_district_maps_to_region(server):
    place = geocoder(server).geocode("القائم")
    assert place.country == "IQ" and place.kind == "region" and place.geo_precision == 3
    assert place.key == "nominatim_r777" and place.uncertainty_km > 30


def test_unreachable_server_gives_none():
    with NominatimServer(RESULTS) as s:
        domain = s.domain
    geo = NominatimGeocoder(domain=domain, scheme="http", user_agent="strike-map-tests",
                            min_delay_seconds=0.01, timeout=1, max_retries=0)
    assert geo.geocode("الهري") is None


def test_protocols():
    assert isinstance(MemoryCache(), GeocodeCache)
    assert isinstance(NominatimGeocoder(user_agent="x"), Geocoder)
    assert cache_key("بالهري") != cache_key("الهري")  # proclitics are the caller's business


MAYADIN = Place(key="mayadin", name_ar="الميادين", name_en="Mayadin", kind="city",
                lat=35.01982, lon=40.45154, source="GeoNames")


def test_gazetteer_fallback_is_off_by_default(server, monkeypatch):
    monkeypatch.delenv(ONLINE_ENV, raising=False)
    gaz = Gazetteer([MAYADIN], fallback=geocoder(server))
    r = gaz.resolve("الهري")
    assert r.place is None and r.reason == "not in the gazetteer"
    assert server.requests == []
    monkeypatch.setenv(ONLINE_ENV, "0")
    assert gaz.resolve("الهري").place is None and server.requests == []


def test_gazetteer_fallback_when_enabled(server, monkeypatch):
    monkeypatch.setenv(ONLINE_ENV, "1")
    gaz = Gazetteer([MAYADIN], fallback=geocoder(server, cache=MemoryCache()))
    r = gaz.resolve("الهري")
    assert r.place.key == "nominatim_n555001" and r.place.verified is False
    assert r.confidence == 0.5 and "online geocoder: Nominatim (unverified" in r.reason
    # Names the gazetteer has never go online.
    assert gaz.resolve("الميادين").place.key == "mayadin"
    assert len(server.requests) == 1
    # An explicit argument beats the environment.
    assert gaz.resolve("القائم", online=False).place is None
    assert len(server.requests) == 1


def test_gazetteer_fallback_by_argument(server, monkeypatch):
    monkeypatch.delenv(ONLINE_ENV, raising=False)
    gaz = Gazetteer([MAYADIN], fallback=geocoder(server), online=True)
    assert gaz.resolve("القائم").place.country == "IQ"
    r = gaz.resolve("مكان مجهول")
    assert r.place is None and r.reason == "not in the gazetteer; online geocoder found nothing"
    assert [p["q"] for _, _, p, _ in server.requests] == [["القائم"], ["مكان مجهول"]]


def test_place_from_jsonv2_category_field():
    raw = dict(RESULTS["الهري"][0])
    raw["category"] = raw.pop("class")
    p = place_from_nominatim(raw, query="الهري", domain="d", date="2026-01-01")
    assert p.kind == "village"
