"""Seeds folder -> store -> flat features, with the real extractor and gazetteer."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from extract import extract_events
from extract.model import ACTORS
from geodata import load_gazetteer
from geodata.gazetteer import Place
from strikemap.config import Settings
from strikemap.corpus import (
    curated_gazetteer,
    ensure_store,
    extractor_version,
    load_features,
    reextract,
    sync_seeds,
)
from strikemap.incidents import merge_incidents
from strikemap.store import Store

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

CONTRACT_KEYS = {
    "event_id", "article", "outlet", "published", "title", "url", "role", "actor", "actor_label", "actor_text",
    "actor_group", "actor_hedge", "place_ar", "place_key", "place_en", "geo_precision", "date", "time_precision",
    "weapon", "killed", "wounded", "origin_place_ar", "origin_key", "origin_lat", "origin_lon", "responds_to",
    "excerpt", "excerpt_place_start", "excerpt_place_end",
}

# Written for these tests, in the style of a local news network.
OWN_TEXT = (
    "دير الزور - خاص\n"
    "استهدفت طائرة مسيرة يرجح أنها تابعة للتحالف الدولي، فجر اليوم الخميس، مقراً لميليشيا لواء فاطميون "
    "في مدينة البوكمال شرقي دير الزور، ما أدى إلى مقتل عنصرين وإصابة ثلاثة آخرين.\n"
    "وكانت الميليشيات قد قصفت بالصواريخ قاعدة حقل العمر النفطي مساء الأربعاء، من دون ورود معلومات عن إصابات.\n"
)


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _manifest(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8") as f:
        return {r["file"]: r for r in csv.DictReader(f)}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    return Settings(seeds_dir=seeds, data_dir=tmp_path / "data")


def test_first_run_builds_the_store_from_the_seeds(settings: Settings, gaz):
    assert not settings.db_path.exists()
    store = ensure_store(settings, gaz)
    assert settings.db_path.is_file()
    manifest = _manifest(settings.seeds_dir)
    arts = store.articles()
    assert sorted(a.file for a in arts) == sorted(manifest)
    version = extractor_version(gaz)
    for a in arts:
        row = manifest[a.file]
        assert a.origin == "seed" and a.extractor_version == version
        assert a.outlet == row["outlet"] and a.url == row["url"] and a.title == row["title"]
        assert a.published == (dt.date.fromisoformat(row["published"]) if row["published"] else None)
        # What is stored is exactly what the extractor says about the text.
        assert store.events(a.id) == [replace(e, article=a.file) for e in
                                      extract_events(a.text, gazetteer=gaz, meta=a.meta)]
    assert sum(len(store.events(a.id)) for a in arts) > 5


def test_later_runs_add_new_files_only_and_never_double(settings: Settings, gaz):
    store = ensure_store(settings, gaz)
    before = store.counts()
    again = ensure_store(settings, gaz)
    assert again.counts() == before
    # A new seed, and a copy of an old one under another name.
    (settings.seeds_dir / "900_own.txt").write_text(OWN_TEXT, encoding="utf-8")
    shutil.copy(settings.seeds_dir / "003_8c256ffd5ac9139f.txt", settings.seeds_dir / "901_copy.txt")
    with (settings.seeds_dir / "manifest.csv").open("a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow(["900_own.txt", "test-local", "", "2024-11-14", "", "written for the tests"])
    report = sync_seeds(store, settings.seeds_dir, gaz)
    assert report.added == ["900_own.txt"]
    assert report.duplicates == [("901_copy.txt", "003_8c256ffd5ac9139f.txt")]
    assert len(report.skipped) == 5 and report.failed == []
    own = store.article_by_file("900_own.txt")
    assert own.outlet == "test-local" and own.published == dt.date(2024, 11, 14)
    assert store.counts()["articles"] == before["articles"] + 1
    assert sync_seeds(store, settings.seeds_dir, gaz).added == []


def test_a_bad_seed_file_is_reported_and_the_rest_is_stored(settings: Settings, gaz):
    (settings.seeds_dir / "950_broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    store = Store(settings.db_path)
    report = sync_seeds(store, settings.seeds_dir, gaz)
    assert [f for f, _ in report.failed] == ["950_broken.txt"]
    assert report.failed[0][1]  # a message for the log
    assert len(report.added) == 5 and store.article_by_file("950_broken.txt") is None


def test_no_seeds_folder_gives_an_empty_store_not_a_crash(tmp_path: Path, gaz):
    s = Settings(seeds_dir=tmp_path / "missing", data_dir=tmp_path / "data")
    store = ensure_store(s, gaz)
    assert store.articles() == [] and load_features(store, gaz) == []
    assert sync_seeds(store, s.seeds_dir, gaz).failed[0][1].startswith("The seeds folder")


def test_features_follow_the_contract(settings: Settings, gaz):
    store = ensure_store(settings, gaz)
    features = load_features(store, gaz)
    assert features
    ids = {e.event_id for e in store.events()}
    for f in features:
        assert CONTRACT_KEYS <= set(f), CONTRACT_KEYS - set(f)
        assert f["event_id"] in ids and f["corrected"] is False and f["corrected_fields"] == []
        assert f["article_origin"] == "seed"
        assert f["actor_label"] == ACTORS[f["actor"]]
        if f["geometry"] is not None:
            assert f["geometry"]["coordinates"] == [f["lon"], f["lat"]]
    assert any(f["geometry"] is not None for f in features)


def _a_located_feature(store: Store, gaz):
    return next(f for f in load_features(store, gaz) if f["place_key"] and f["place_ar"])


def test_corrections_apply_on_read_and_survive_reextraction(settings: Settings, gaz):
    store = ensure_store(settings, gaz)
    f = _a_located_feature(store, gaz)
    eid, written = f["event_id"], f["place_ar"]
    new_actor = "sdf" if f["actor"] != "sdf" else "syrian_government"
    new_key = next(p.key for p in gaz.places if p.key != f["place_key"] and p.kind == "town")
    store.correct(eid, field="actor", value=new_actor, curator="rania")
    store.correct(eid, field="date", value="2020-01-02", curator="rania")
    store.correct(eid, field="place", target=written, value=new_key, curator="omar")

    def check():
        got = [x for x in load_features(store, gaz) if x["event_id"] == eid]
        assert got and all(x["actor"] == new_actor and x["actor_label"] == ACTORS[new_actor] for x in got)
        assert all(x["date"] in ("2020-01-02", dt.date(2020, 1, 2)) and x["time_precision"] == 1 for x in got)
        moved = [x for x in got if x["place_ar"] == written]
        place = gaz.get(new_key)
        assert moved and all(x["place_key"] == new_key for x in moved)
        assert all((x["lat"], x["lon"]) == (place.lat, place.lon) for x in moved)
        assert all(x["corrected_fields"] == ["actor", "date", "place"] for x in moved)
        assert all(x["corrected_by"] == ["omar", "rania"] for x in moved)
        # The extracted event itself is untouched: corrections are applied on read.
        raw = next(e for e in store.events() if e.event_id == eid)
        assert raw.actor == f["actor"]

    check()
    report = reextract(store, gaz)
    assert sorted(report.done) == sorted(a.file for a in store.articles()) and report.failed == []
    check()
    assert store.orphaned_corrections() == []


def test_a_rejected_event_leaves_the_map(settings: Settings, gaz):
    store = ensure_store(settings, gaz)
    eid = _a_located_feature(store, gaz)["event_id"]
    store.correct(eid, field="rejected", value=True, curator="rania")
    assert eid not in {f["event_id"] for f in load_features(store, gaz)}
    kept = [f for f in load_features(store, gaz, include_rejected=True) if f["event_id"] == eid]
    assert kept and all(f["rejected"] for f in kept)


def test_stale_articles_are_reextracted_on_the_next_run(settings: Settings, gaz):
    store = ensure_store(settings, gaz)
    art = store.articles()[0]
    store.replace_events(art.id, [], extractor_version="an-older-extractor")
    assert store.events(art.id) == []
    ensure_store(settings, gaz)
    assert store.article(art.id).extractor_version == extractor_version(gaz)
    assert store.events(art.id) != []
    # Without refresh the old events stay.
    store.replace_events(art.id, [], extractor_version="an-older-extractor")
    ensure_store(settings, gaz, refresh=False)
    assert store.events(art.id) == []


def test_an_unknown_name_is_listed_until_a_curator_adds_the_place(settings: Settings, gaz):
    text = "قصفت طائرة مسيرة مجهولة مواقع للميليشيات الإيرانية في قرية الزهيراء بريف دير الزور فجر اليوم."
    (settings.seeds_dir / "960_zuhayra.txt").write_text(text, encoding="utf-8")
    store = ensure_store(settings, gaz)
    art = store.article_by_file("960_zuhayra.txt")
    unresolved = {u.name: u for u in store.unresolved_names()}
    assert "الزهيراء" in unresolved
    assert unresolved["الزهيراء"].files == ("960_zuhayra.txt",) and unresolved["الزهيراء"].sentences == (text,)
    assert [f["place_key"] for f in load_features(store, gaz) if f["article"] == art.file] == [None]

    place = Place(key="test_village_zuhayra", name_ar="الزهيراء", name_en="Zuhayra (test)", kind="village",
                  admin1="Deir ez-Zor", country="SY", lat=35.1, lon=40.6, uncertainty_km=3,
                  source="written for the tests", estimate=True)
    store.add_place(place, curator="rania")
    curated = curated_gazetteer(store, gaz)
    assert curated.get(place.key) == place and gaz.get(place.key) is None
    assert extractor_version(curated) != extractor_version(gaz)
    ensure_store(settings, gaz)  # given the base gazetteer: the store adds the curator's place itself
    assert all(a.extractor_version == extractor_version(curated) for a in store.articles())
    assert "الزهيراء" not in {u.name for u in store.unresolved_names()}
    got = [f for f in load_features(store, gaz) if f["article"] == art.file]
    assert [(f["place_key"], f["lat"], f["lon"]) for f in got] == [(place.key, 35.1, 40.6)]


def test_the_seeds_store_feeds_incidents(settings: Settings, gaz):
    store = ensure_store(settings, gaz)
    features = load_features(store, gaz)
    merged = merge_incidents(features)
    assert 0 < len(merged) <= len(features)
    assert sum(m["sources_count"] for m in {m["incident_id"]: m for m in merged}.values()) >= len(
        {m["incident_id"] for m in merged})
    assert {e for m in merged for e in m["event_ids"]} == {f["event_id"] for f in features}


# Two reports of one drone attack, written for these tests in the styles of two outlets.
REPORT_A = ("استهدفت الميليشيات الإيرانية بطائرات مسيرة قاعدة حقل كونيكو للغاز بريف دير الزور، مساء الاثنين، "
            "دون ورود أنباء عن إصابات.")
REPORT_B = ("تعرضت قاعدة التحالف الدولي في حقل كونيكو لهجوم بطائرة مسيرة أطلقتها ميليشيات موالية لإيران، "
            "ليل الاثنين الثلاثاء، بحسب مصادر محلية.")


def test_two_outlets_reporting_one_attack_become_one_incident_with_two_sources(tmp_path: Path, gaz):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (folder / "b.txt").write_text(REPORT_B, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,outlet,url,published,title,notes\n"
        "a.txt,Outlet A,https://a.example/1,2024-10-15,,written for the tests\n"
        "b.txt,Outlet B,https://b.example/2,2024-10-15,,written for the tests\n", encoding="utf-8")
    store = ensure_store(Settings(seeds_dir=folder, data_dir=tmp_path / "data"), gaz)
    features = load_features(store, gaz)
    assert sorted(f["article"] for f in features) == ["a.txt", "b.txt"]
    merged = merge_incidents(features)
    assert len(merged) == 1
    m = merged[0]
    assert m["sources_count"] == 2 and m["role"] == "attack" and m["actor"] == "iran_backed"
    assert [(s["outlet"], s["url"]) for s in m["sources"]] == [("Outlet A", "https://a.example/1"),
                                                               ("Outlet B", "https://b.example/2")]
    assert [s["excerpt"] for s in m["sources"]] == [REPORT_A, REPORT_B]
    assert m["date"] == m["date_min"] and m["date_max"] > m["date_min"]  # evening vs the night after


_START_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
from geodata import load_gazetteer
from strikemap.config import Settings
from strikemap.corpus import ensure_store
store = ensure_store(Settings.from_env(), load_gazetteer())
print(len(store.articles()))
"""


def test_two_app_processes_starting_at_once_build_one_store(settings: Settings):
    import os
    import subprocess
    import sys

    env = dict(os.environ, STRIKEMAP_SEEDS=str(settings.seeds_dir), STRIKEMAP_DATA_DIR=str(settings.data_dir))
    procs = [subprocess.Popen([sys.executable, "-c", _START_SCRIPT, str(ROOT)], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err for _, err in results]
    assert [out.strip() for out, _ in results] == ["5", "5", "5"]
    store = Store(settings.db_path)
    assert store.counts()["articles"] == 5 and store.integrity_check() == "ok"
    assert len({e.event_id for e in store.events()}) == store.counts()["events"]
