"""Online geocoding wired into the store, the features and the Gazetteer page, against a real HTTP
server on 127.0.0.1 that answers /search like Nominatim (never the internet)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geodata import load_gazetteer
from geodata.gazetteer import Place
from strikemap import geocoding
from strikemap.auth import ENV_VAR, CuratorGate, NotSignedIn
from strikemap.config import Settings
from strikemap.corpus import load_features
from strikemap.curation import draft_article, unresolved_places
from strikemap.geocoding import (ONLINE_SOURCE, accept_online_place, geocode_unresolved, geocoder_for,
                                 online_places, reject_online_place)
from strikemap.mapview import map_properties
from strikemap.panel import panel_html
from strikemap.store import BadInput, Store
from tests.nominatim_server import NominatimServer

ROOT = Path(__file__).resolve().parents[2]

# Written for these tests: two events, each at a village the gazetteer lacks.
TEXT = ("قصفت طائرات التحالف الدولي فجر الجمعة مواقع للميليشيات الإيرانية في قرية الصبحة بريف دير الزور "
        "الشرقي، ما أدى إلى مقتل عنصرين. واستهدفت طائرة مسيرة مجهولة مساء السبت مقراً للحرس الثوري في بلدة "
        "الدوير شرقي المدينة.")

# What the loopback server knows (round numbers near the real villages; the server is ours).
SUBHA = {
    "place_id": 11, "osm_type": "node", "osm_id": 4242, "lat": "35.0700", "lon": "40.5200",
    "class": "place", "type": "village", "name": "الصبحة",
    "display_name": "الصبحة, ناحية الصور, محافظة دير الزور, سوريا",
    "address": {"village": "الصبحة", "state": "محافظة دير الزور", "country_code": "sy"},
    "boundingbox": ["35.06", "35.08", "40.51", "40.53"],
}


KNOWN = {"الصبحة": [SUBHA]}


@pytest.fixture
def server():
    with NominatimServer(KNOWN) as s:
        yield s


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture
def store(tmp_path, gaz) -> Store:
    s = Store(tmp_path / "s.sqlite3")
    draft = draft_article(TEXT, gazetteer=gaz, published="2024-02-03", outlet="اختبار")
    assert sorted(t.text for e in draft.events for t in e.targets if t.key is None) == ["الدوير", "الصبحة"]
    s.add_article(TEXT, draft.meta, events=list(draft.events), origin="curator")
    return s


def settings(url: str, *, on: bool = True) -> Settings:
    return Settings(seeds_dir=ROOT / "seeds", data_dir=ROOT / "data", online_geocoder=on, geocoder_url=url,
                    geocoder_user_agent="strike-map-tests")


def fast(url: str, **kw):
    return geocoder_for(settings(url), min_delay_seconds=0.05, **kw)


def by_place(features) -> dict[str, dict]:
    return {f["place_ar"]: f for f in features}


@pytest.fixture
def curator():
    return CuratorGate.configure(environ={ENV_VAR: "pw"}).sign_in("pw")


def test_off_asks_nothing_and_features_do_not_change(server, store, gaz):
    before = load_features(store, gaz, online=False)
    assert geocoder_for(settings(server.url, on=False)) is None
    report = geocode_unresolved(store, geocoder=None)
    assert report.off and report.asked == [] and "off" in report.summary
    assert server.queries == [] and store.geocode_cache().entries() == []
    # Answers cached earlier (a run with the setting on) are ignored when it is off.
    geocode_unresolved(store, geocoder=fast(server.url))
    assert load_features(store, gaz, online=False) == before
    assert by_place(before)["الصبحة"]["geometry"] is None


def test_each_name_is_asked_once_and_every_answer_is_cached(server, store, gaz):
    report = geocode_unresolved(store, geocoder=fast(server.url))
    assert sorted(report.asked) == ["الدوير", "الصبحة"] and sorted(server.queries) == ["الدوير", "الصبحة"]
    (name, place), = report.found
    assert name == "الصبحة" and (place.lat, place.lon, place.verified) == (35.07, 40.52, False)
    assert report.not_found == ["الدوير"] and report.failed == []
    assert report.summary.startswith("Asked 2 names: 1 found (unverified), 1 not found, 0 failed.")
    cache = store.geocode_cache()
    assert cache.get("الصبحة") == place and cache.known("الدوير") and cache.get("الدوير") is None
    # Another run, with another geocoder (a restarted server): nothing is asked again.
    again = geocode_unresolved(store, geocoder=fast(server.url))
    assert again.asked == [] and sorted(again.already_known) == ["الدوير", "الصبحة"]
    assert len(server.queries) == 2


def test_a_cached_place_is_on_the_map_marked_unverified(server, store, gaz, monkeypatch):
    geocode_unresolved(store, geocoder=fast(server.url))
    placed = by_place(load_features(store, gaz, online=True))
    f = placed["الصبحة"]
    assert f["geometry"] == {"type": "Point", "coordinates": [40.52, 35.07]} and (f["lat"], f["lon"]) == (35.07, 40.52)
    assert f["place_key"] is None and f["geo_precision"] == 2  # a village, but unchecked: never precision 1
    assert f["place_source"] == ONLINE_SOURCE and f["place_verified"] is False
    assert f["online_key"] == "nominatim_n4242" and "ناحية الصور" in f["online_name"]
    assert f["online_source"].startswith(f"Nominatim (unverified, {server.url[7:]}, 20")
    assert placed["الدوير"]["geometry"] is None and "place_source" not in placed["الدوير"]
    # The map's popup and the panel say so, escaped.
    assert map_properties(f, ref=0)["p"].endswith("(unverified)")
    f_evil = dict(f, online_name="<img src=x onerror=alert(1)>")
    html_ = panel_html(f_evil)
    assert "<b>unverified</b>" in html_ and "<img src=x" not in html_ and "&lt;img src=x" in html_
    # Default: the STRIKEMAP_ONLINE_GEOCODER setting decides.
    monkeypatch.setenv("STRIKEMAP_ONLINE_GEOCODER", "1")
    assert by_place(load_features(store, gaz))["الصبحة"]["place_verified"] is False
    monkeypatch.setenv("STRIKEMAP_ONLINE_GEOCODER", "0")
    assert by_place(load_features(store, gaz))["الصبحة"]["geometry"] is None


def test_a_curator_place_correction_beats_the_online_answer(server, store, gaz):
    geocode_unresolved(store, geocoder=fast(server.url))
    f = by_place(load_features(store, gaz, online=True))["الصبحة"]
    store.correct(f["event_id"], field="place", value=None, target="الصبحة", curator="c")
    again = by_place(load_features(store, gaz, online=True))["الصبحة"]
    assert again["geometry"] is None and "place_verified" not in again


@pytest.mark.parametrize("status", [500, 503])
def test_a_server_error_is_reported_and_nothing_is_cached(store, status):
    with NominatimServer(KNOWN, status=status) as s:
        rev = store.revision()
        report = geocode_unresolved(store, geocoder=fast(s.url, timeout=2))
    assert sorted(n for n, _ in report.failed) == ["الدوير", "الصبحة"]
    assert all("Geocoder" in why for _, why in report.failed), report.failed
    assert report.found == [] and report.not_found == [] and "2 failed" in report.summary
    assert store.revision() == rev and store.geocode_cache().entries() == []


def test_an_unreachable_server_is_reported_and_the_run_stops(store):
    with NominatimServer(KNOWN) as s:
        url = s.url  # closed on leaving: nothing listens there any more
    rev = store.revision()
    report = geocode_unresolved(store, geocoder=fast(url, timeout=2), max_failures=1)
    assert len(report.failed) == 1 and len(report.not_asked) == 1
    assert "Stopped after 1 failures in a row" in report.summary
    assert store.revision() == rev and store.geocode_cache().entries() == []


def test_limit_leaves_names_for_the_next_run(server, store):
    first = geocode_unresolved(store, geocoder=fast(server.url), limit=1)
    assert len(first.asked) == 1 and len(first.not_asked) == 1 and "1 left for another run" in first.summary
    second = geocode_unresolved(store, geocoder=fast(server.url), limit=1)
    assert second.asked == first.not_asked and second.already_known == first.asked
    assert sorted(server.queries) == ["الدوير", "الصبحة"]


def test_names_the_gazetteer_now_knows_are_not_asked(server, store, gaz):
    duwayr = Place(key="duwayr_test", name_ar="الدوير", name_en="Duwayr", kind="village", lat=35.1,
                   lon=40.6, source="test")
    report = geocode_unresolved(store, geocoder=fast(server.url), gazetteer=gaz.with_places([duwayr]))
    assert report.asked == ["الصبحة"] and report.skipped == [("الدوير", "now in the gazetteer")]
    assert server.queries == ["الصبحة"]


def test_a_glued_proclitic_is_dropped_from_the_query(tmp_path, server, gaz):
    s = Store(tmp_path / "p.sqlite3")
    article = s.add_article(TEXT, draft_article(TEXT, gazetteer=gaz).meta, events=[], origin="curator")
    s.record_unresolved(article.id, [("بالصبحة", "قصف بالصبحة")])
    report = geocode_unresolved(s, geocoder=fast(server.url))
    assert server.queries == ["الصبحة"] and [n for n, _ in report.found] == ["بالصبحة"]
    assert s.geocode_cache().get("بالصبحة").lat == 35.07


def test_a_curator_accepts_an_answer_and_it_becomes_a_gazetteer_place(server, store, gaz, curator):
    geocode_unresolved(store, geocoder=fast(server.url))
    with pytest.raises(NotSignedIn):
        accept_online_place(store, curator=None, gazetteer=gaz, name="الصبحة", name_en="Subha")
    with pytest.raises(BadInput, match="English name"):
        accept_online_place(store, curator=curator, gazetteer=gaz, name="الصبحة", name_en=" ")
    with pytest.raises(BadInput, match="no online result"):
        accept_online_place(store, curator=curator, gazetteer=gaz, name="الدوير", name_en="Duwayr")
    updated = accept_online_place(store, curator=curator, gazetteer=gaz, name="الصبحة", name_en="Subha")
    place = updated.get("nominatim_n4242")
    (row,) = store.gazetteer_rows()
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert row["key"] == "nominatim_n4242" and row["name_en"] == "Subha" and row["name_ar"] == "الصبحة"
    assert row["source"] == f"Nominatim {server.url[7:]} {today}, verified by curator"
    assert row["added_by"] == "curator (password)" and (place.lat, place.lon) == (35.07, 40.52)
    # The article was re-read with it: a gazetteer place now, no longer "unverified".
    f = by_place(load_features(store, gaz, online=True))["الصبحة"]
    assert f["place_key"] == "nominatim_n4242" and f["geo_precision"] == 1 and "place_verified" not in f
    assert "الصبحة" not in [u.name for u in unresolved_places(store)]
    assert online_places(store) == {}
    assert [e["verified"] for e in store.geocode_cache().entries() if e["found"]] == [True]


def test_a_curator_rejects_an_answer(server, store, gaz, curator):
    geocode_unresolved(store, geocoder=fast(server.url))
    with pytest.raises(NotSignedIn):
        reject_online_place(store, curator=None, name="الصبحة")
    reject_online_place(store, curator=curator, name="الصبحة")
    assert by_place(load_features(store, gaz, online=True))["الصبحة"]["geometry"] is None
    assert geocode_unresolved(store, geocoder=fast(server.url)).asked == []
    assert len(server.queries) == 2
    with pytest.raises(BadInput):
        reject_online_place(store, curator=curator, name="الصبحة")


# -- the Gazetteer page, under Streamlit's AppTest -------------------------------------


def _page(tmp_path, monkeypatch, server_url: str | None):
    from streamlit.testing.v1 import AppTest

    from strikemap import auth

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(TEXT, encoding="utf-8")
    (seeds / "manifest.csv").write_text("file,outlet,url,published,title,notes\na.txt,اختبار,,2024-02-03,,\n",
                                        encoding="utf-8")
    monkeypatch.setenv("STRIKEMAP_SEEDS", str(seeds))
    monkeypatch.setenv("STRIKEMAP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("STRIKEMAP_ONLINE_GEOCODER", "1" if server_url else "0")
    if server_url:
        monkeypatch.setenv("STRIKEMAP_GEOCODER_URL", server_url)
    monkeypatch.setattr(auth, "_PROCESS_GATE", auth.ProcessGate())
    monkeypatch.setenv(auth.ENV_VAR, "كلمة-سر")
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "pages" / "3_Gazetteer.py"), default_timeout=120).run()
    assert not at.exception
    next(t for t in at.text_input if t.label == "Curator password or token").input("كلمة-سر")
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception
    return at


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def test_page_off_says_how_to_turn_it_on(tmp_path, monkeypatch, server):
    at = _page(tmp_path, monkeypatch, None)
    assert any("Online lookup is off" in c.value and "STRIKEMAP_ONLINE_GEOCODER=1" in c.value for c in at.caption)
    assert not [b for b in at.button if b.label == "Look up unplaced names online"]
    assert server.queries == []


def test_page_looks_up_shows_unverified_and_a_curator_accepts(tmp_path, monkeypatch, server):
    at = _page(tmp_path, monkeypatch, server.url)
    table = at.dataframe[1].value
    assert list(table["online (unverified)"]) == ["not looked up", "not looked up"]
    _button(at, "Look up unplaced names online").click().run()
    assert not at.exception
    assert any("Asked 2 names: 1 found (unverified), 1 not found, 0 failed." in s.value for s in at.success)
    assert sorted(server.queries) == ["الدوير", "الصبحة"]
    online = dict(zip(at.dataframe[1].value["name"], at.dataframe[1].value["online (unverified)"]))
    assert online["الدوير"] == "not found online" and online["الصبحة"].startswith("UNVERIFIED: 35.07000, 40.52000")

    box = next(s for s in at.selectbox if s.label == "Online result to decide on")
    assert box.options == ["الصبحة → 35.07000, 40.52000 (village, الصبحة, ناحية الصور, محافظة دير الزور, سوريا)"]
    next(t for t in at.text_input if t.label.startswith("Name in English")).input("Subha")
    _button(at, "Accept as a gazetteer place").click().run()
    assert not at.exception
    assert any("Accepted الصبحة" in s.value for s in at.success)
    store = Store(tmp_path / "data" / "strikemap.sqlite3")
    (row,) = store.gazetteer_rows()
    assert (row["key"], row["name_en"]) == ("nominatim_n4242", "Subha")
    assert row["source"].endswith("verified by curator")
    assert "الصبحة" not in list(at.dataframe[1].value["name"])
    assert len(server.queries) == 2


def test_map_page_shows_the_online_place_as_unverified(tmp_path, monkeypatch, server):
    from streamlit.testing.v1 import AppTest

    _page(tmp_path, monkeypatch, server.url)  # builds the store from the one-article seeds folder
    store = Store(tmp_path / "data" / "strikemap.sqlite3")
    geocode_unresolved(store, geocoder=fast(server.url))
    (event_id,) = [f["event_id"] for f in load_features(store, load_gazetteer()) if f["place_ar"] == "الصبحة"]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["event"] = event_id
    at.run()
    assert not at.exception
    panel = "\n".join(h.proto.body for h in at.get("html"))
    assert "<b>unverified</b>: placed by the online geocoder" in panel
    assert not any("This event has no place on the map." in c.value for c in at.caption)  # it is on the map
    # Off (a server restarted without the setting: its caches start empty): the same store and
    # geocode cache, and the event has no place on the map.
    import streamlit as st

    st.cache_data.clear()
    monkeypatch.setenv("STRIKEMAP_ONLINE_GEOCODER", "0")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["event"] = event_id
    at.run()
    assert not at.exception
    assert "unverified" not in "\n".join(h.proto.body for h in at.get("html"))
    assert any("This event has no place on the map." in c.value for c in at.caption)
