"""CSV (ACLED columns, UTF-8 BOM) and GeoJSON (RFC 7946) exports of flat features."""

from __future__ import annotations

import csv
import io
import json

import pytest

from strikemap.export import (
    ACLED_COLUMNS,
    COLUMNS,
    acled_event_type,
    acled_row,
    csv_bytes,
    geojson_dict,
    geojson_text,
)

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def feature(**props):
    lat, lon = props.pop("lat", None), props.pop("lon", None)
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None else None
    base = {
        "event_id": "t1-e1", "article": "t1.txt", "outlet": "شبكة الفرات", "published": "2024-02-03",
        "title": "غارات على مواقع الميليشيات في البوكمال", "url": "https://example.org/a",
        "role": "retaliation", "actor": "us_coalition", "actor_label": "US / coalition",
        "actor_text": "طيران التحالف", "actor_group": None, "actor_hedge": None,
        "place_ar": "البوكمال", "place_key": "albukamal", "place_en": "Albu Kamal", "geo_precision": 1,
        "date": "2024-02-02", "time_precision": 1, "weapon": "airstrike", "killed": 4, "wounded": None,
        "origin_place_ar": None, "origin_key": None, "origin_lat": None, "origin_lon": None,
        "responds_to": "t1-e0", "excerpt": "شن طيران التحالف غارات على مواقع في البوكمال فجر الجمعة.",
        "excerpt_place_start": 35, "excerpt_place_end": 43,
    }
    base.update(props)
    return {"type": "Feature", "geometry": geometry, "properties": base}


FEATURES = [
    feature(lat=34.4527, lon=40.9186),
    feature(event_id="t1-e0", role="attack", actor="iran_backed", actor_label="Iran-backed militias",
            actor_text="الميليشيات الإيرانية", actor_group="لواء فاطميون", weapon="rocket",
            place_ar="حقل العمر", place_key="omar_oil_field", place_en="al-Omar oil field",
            killed=None, wounded=2, responds_to=None, origin_place_ar="الميادين", origin_key="mayadin",
            origin_lat=35.0206, origin_lon=40.4513, lat=35.0617, lon=40.5446),
    # Unlocated: the gazetteer did not know the place.
    feature(event_id="t2-e1", article="t2.txt", place_ar="تل الضبع", place_key=None, place_en=None,
            geo_precision=None, weapon=None, date=None, time_precision=None, killed=0),
]


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8 Arabic"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    "weapon,expected",
    [
        ("airstrike", ("Explosions/Remote violence", "Air/drone strike")),
        ("drone", ("Explosions/Remote violence", "Air/drone strike")),
        ("rocket", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("missile", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("artillery", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("explosive", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("small_arms", ("Battles", "Armed clash")),
    ],
)
def test_weapon_maps_to_acled_event_types(weapon, expected):
    disorder, event_type, sub = acled_event_type(role="attack", weapon=weapon)
    assert (event_type, sub) == expected and disorder == "Political violence"


def test_csv_has_acled_then_our_columns_and_round_trips_arabic():
    table = read_csv(csv_bytes(FEATURES))
    header = list(table[0].keys())
    assert header == list(COLUMNS)
    for name in ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "actor2", "interaction", "country", "admin1",
                 "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities"):
        assert name in ACLED_COLUMNS
    for name in ("role", "initiator", "target", "responds_to", "origin", "source_excerpt_ar", "sources_count"):
        assert name in header
    first, second, third = table
    assert first["source"] == "شبكة الفرات" and first["place_ar"] == "البوكمال"
    assert first["source_excerpt_ar"] == FEATURES[0]["properties"]["excerpt"]
    assert (first["latitude"], first["longitude"]) == ("34.4527", "40.9186")
    assert first["year"] == "2024" and first["event_date"] == "2024-02-02"
    assert first["fatalities"] == "4" and first["wounded"] == ""  # unknown stays empty
    assert first["actor2"] == "Iran-backed militias" and first["target"] == "Iran-backed militias"
    assert first["interaction"] == "External/Other forces-Political militia"
    assert second["actor1"] == "Iran-backed militias" and second["assoc_actor_1"] == "لواء فاطميون"
    assert second["origin"] == "الميادين" and second["origin_latitude"] == "35.0206"
    assert second["fatalities"] == "" and second["wounded"] == "2"
    assert third["latitude"] == "" and third["event_date"] == "" and third["sub_event_type"] == ""
    assert third["fatalities"] == "0"  # a stated zero is not unknown
    assert {r["sources_count"] for r in table} == {"1"}


def test_gazetteer_gives_country_admin1_and_target_from_affiliation():
    from geodata import load_gazetteer

    gaz = load_gazetteer()
    row = acled_row(FEATURES[1], gazetteer=gaz)
    assert (row["iso"], row["country"], row["admin1"]) == ("SY", "Syria", "Deir ez-Zor")
    assert row["actor2"] == "US / coalition"  # a coalition-held oil field
    assert acled_row(FEATURES[0], gazetteer=gaz)["actor2"] == "Iran-backed militias"  # a militia-held town
    assert acled_row(FEATURES[2], gazetteer=gaz)["country"] == ""  # unknown place: no country guessed


def test_incident_columns_are_used_when_present():
    f = feature(lat=34.45, lon=40.91, incident_id="inc-7", sources=["a.txt", "b.txt", "c.txt"])
    row = acled_row(f)
    assert row["event_id_cnty"] == "t1-e1" and row["incident_id"] == "inc-7" and row["sources_count"] == 3
    assert acled_row(feature(sources_count=5))["sources_count"] == 5


def test_bare_properties_with_lat_lon_are_accepted():
    props = dict(FEATURES[0]["properties"], lat=34.4527, lon=40.9186)
    row = acled_row(props)
    assert (row["latitude"], row["longitude"]) == (34.4527, 40.9186)


def test_csv_cells_never_start_a_formula_and_payloads_are_plain_text():
    evil = feature(lat=34.4, lon=40.9, outlet='=HYPERLINK("http://evil","x")', title=PAYLOAD,
                   excerpt="@SUM(1+1) " + PAYLOAD, place_ar="-1+2", actor_group="+cmd")
    (row,) = read_csv(csv_bytes([evil]))
    assert row["source"] == "'" + '=HYPERLINK("http://evil","x")'
    assert row["source_excerpt_ar"].startswith("'@SUM")
    assert row["place_ar"] == "'-1+2" and row["assoc_actor_1"] == "'+cmd"
    assert row["title"] == PAYLOAD  # not a formula: kept exactly, it is data
    # Numbers keep their sign.
    (west,) = read_csv(csv_bytes([feature(lat=34.4, lon=-3.5)]))
    assert west["longitude"] == "-3.5"


def test_geojson_is_rfc7946_with_scalar_properties():
    doc = json.loads(geojson_text(FEATURES))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    assert len(doc["features"]) == 3
    located = doc["features"][0]
    assert located["type"] == "Feature"
    assert located["geometry"] == {"type": "Point", "coordinates": [40.9186, 34.4527]}  # lon, lat
    assert doc["features"][2]["geometry"] is None
    for f in doc["features"]:
        assert set(f["properties"]) == set(COLUMNS)
        for v in f["properties"].values():
            assert v is None or isinstance(v, (str, int, float, bool)), v
    assert located["properties"]["place_ar"] == "البوكمال"
    assert located["properties"]["fatalities"] == 4


def test_geojson_located_only_drops_unlocated_rows():
    doc = geojson_dict(FEATURES, located_only=True)
    assert [f["properties"]["event_id_cnty"] for f in doc["features"]] == ["t1-e1", "t1-e0"]


def test_geojson_text_cannot_become_markup_but_decodes_exactly():
    f = feature(lat=34.4, lon=40.9, title=PAYLOAD, excerpt=PAYLOAD + " & ")
    text = geojson_text([f])
    assert "<" not in text and ">" not in text and "&" not in text
    props = json.loads(text)["features"][0]["properties"]
    assert props["title"] == PAYLOAD and props["source_excerpt_ar"] == PAYLOAD + " & "


def test_nan_coordinates_are_unlocated_not_invalid_json():
    f = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [float("nan"), 35.0]},
         "properties": {"event_id": "x", "role": "attack"}}
    doc = json.loads(geojson_text([f]))
    assert doc["features"][0]["geometry"] is None


def test_gazetteer_rows_export_loads_as_a_gazetteer(tmp_path):
    from geodata.gazetteer import Place, load_gazetteer
    from strikemap.export import gazetteer_csv_bytes
    from strikemap.store import place_row

    p = Place(key="tell_sheikh_hamad", name_ar="تل الشيخ حمد", name_en="Tell Sheikh Hamad",
              aliases_ar=("تل شيخ حمد",), kind="site", admin1="Deir ez-Zor", lat=35.62, lon=40.74,
              uncertainty_km=3, source="estimated from a map", estimate=True, notes='قال "=1+1"')
    data = gazetteer_csv_bytes([place_row(p)])
    assert not data.startswith(b"\xef\xbb\xbf")
    (tmp_path / "g.csv").write_bytes(data)
    loaded = load_gazetteer(tmp_path / "g.csv").get("tell_sheikh_hamad")
    assert (loaded.name_ar, loaded.aliases_ar, loaded.lat, loaded.estimate) == (
        "تل الشيخ حمد", ("تل شيخ حمد",), 35.62, True)
    assert loaded.notes == 'قال "=1+1"'


def flat(f):
    """A GeoJSON-style test feature as the flat dict the store gives (geometry inline)."""
    return dict(f["properties"], geometry=f["geometry"])


def test_sources_count_comes_from_incident_merging():
    from strikemap.export import with_sources_count

    a = flat(FEATURES[0])
    b = dict(a, event_id="t9-e4", article="t9.txt", outlet="موقع آخر")  # same strike, another outlet
    c = dict(a, event_id="t8-e1", article="t8.txt", date="2024-03-30")  # another day
    out = with_sources_count([a, b, c])
    assert [f["sources_count"] for f in out] == [2, 2, 1]
    assert out[0]["incident_id"] == out[1]["incident_id"] != out[2]["incident_id"]
    assert acled_row(out[0])["sources_count"] == 2
    assert "sources_count" not in a  # inputs are not modified


def test_search_is_folded_and_needs_every_word():
    from strikemap.export import search_features

    fs = [flat(f) for f in FEATURES]
    assert [f["event_id"] for f in search_features(fs, "تل الضبع")] == ["t2-e1"]
    assert [f["event_id"] for f in search_features(fs, "الضَّبْع")] == ["t2-e1"]
    assert len(search_features(fs, "البوكمال")) == 3  # every title names it
    assert [f["event_id"] for f in search_features(fs, "فاطميون العمر")] == ["t1-e0"]
    assert [f["event_id"] for f in search_features(fs, "فَاطِمِيُّون")] == ["t1-e0"]
    assert search_features(fs, "فاطميون الضبع") == []
    assert [f["event_id"] for f in search_features(fs, "ROCKET")] == ["t1-e0"]


def test_table_rows_link_to_the_marker_and_the_article():
    from urllib.parse import parse_qs, urlsplit

    from strikemap.export import table_rows

    (row, second, third) = table_rows([flat(f) for f in FEATURES], params={"roles": "attack"})
    url = urlsplit(row["map"])
    assert url.path == "./" and parse_qs(url.query) == {"event": ["t1-e1"], "roles": ["attack"]}
    art = urlsplit(third["article"])
    assert art.path == "./Sources" and parse_qs(art.query) == {"article": ["t2.txt"], "event": ["t2-e1"]}
    assert row["located"] and not third["located"]
    assert (row["place"], row["actor"], row["killed"], row["sources"]) == ("البوكمال", "US / coalition", 4, 1)
    evil = table_rows([dict(flat(FEATURES[0]), event_id='x"&y=<script>')])[0]
    assert parse_qs(urlsplit(evil["map"]).query)["event"] == ['x"&y=<script>']
    assert "<" not in evil["map"] and '"' not in evil["map"]


def test_a_place_from_the_online_geocoder_says_so_in_the_export():
    online = feature(place_ar="السكرية", place_key=None, place_en="As Sukkariyah", geo_precision=2,
                     place_verified=False, place_source="online geocoder (unverified)", lat=34.41, lon=40.98)
    row = acled_row(online)
    assert "[location from online geocoder (unverified)]" in row["notes"]
    assert row["place_source"] == "online geocoder (unverified)"
    assert "[location from" not in acled_row(FEATURES[0])["notes"]  # a gazetteer place has no such note
    assert read_csv(csv_bytes([online]))[0]["place_source"] == "online geocoder (unverified)"
