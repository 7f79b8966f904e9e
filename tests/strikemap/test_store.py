"""The SQLite store on real files: schema, atomic saves, duplicates, corrections, two processes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from extract.model import ArticleMeta, Event, EventDate, PlaceMention
from geodata.gazetteer import Gazetteer, Place
from strikemap.store import (
    MAX_TEXT_BYTES,
    SCHEMA_VERSION,
    BadInput,
    DuplicateArticle,
    Store,
    StoreError,
    check_text,
    normalised_sha256,
)

ROOT = Path(__file__).resolve().parents[2]

TEXT = (
    "استهدفت طائرات مسيّرة مجهولة فجر الثلاثاء مواقع للميليشيات الإيرانية في بلدة مراط "
    "وبادية الميادين بريف دير الزور، انطلاقاً من قاعدة كونيكو.\n"
    "وقصفت الميليشيات بالصواريخ قاعدة حقل العمر، ما أدى لإصابة جنديين."
)


def _events(file: str, text: str = TEXT, prefix: str = "") -> list[Event]:
    """Two events as the extractor would give them, with offsets into *text*."""
    s1_end = text.index("\n")
    def at(word: str, **kw) -> PlaceMention:
        i = text.index(word)
        return PlaceMention(text=word, start=i, end=i + len(word), **kw)
    e1 = Event(
        event_id=f"{prefix}{file}#1", article=file, role="retaliation", actor="unknown",
        actor_text="طائرات مسيّرة مجهولة",
        targets=(at("مراط", key="murat", name_en="Murat", lat=35.25, lon=40.33, geo_precision=1, confidence=0.9),
                 at("الميادين", key="mayadin", name_en="Mayadin", lat=35.02, lon=40.45, geo_precision=2,
                    confidence=0.8)),
        excerpt=text[:s1_end], excerpt_start=0, weapon="drone",
        origin=at("كونيكو", key="conoco_base", name_en="Conoco", lat=35.33, lon=40.3, geo_precision=1),
        when=EventDate(date=dt.date(2024, 10, 15), precision=1, text="فجر الثلاثاء"),
    )
    e2 = Event(
        event_id=f"{prefix}{file}#2", article=file, role="attack", actor="iran_backed", actor_text="الميليشيات",
        targets=(at("حقل العمر", key=None, candidates=("omar_field", "omar_town")),),
        excerpt=text[s1_end + 1:], excerpt_start=s1_end + 1, weapon="rocket", wounded=2,
        actor_group="الحرس الثوري", actor_hedge=None, responds_to=None,
    )
    return [e1, e2]


def _meta(file: str = "a.txt", **kw) -> ArticleMeta:
    return ArticleMeta(file=file, outlet=kw.get("outlet", "Test outlet"), url=kw.get("url", ""),
                       published=kw.get("published", dt.date(2024, 10, 16)), title=kw.get("title", "عنوان"),
                       notes=kw.get("notes", ""))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data" / "strikemap.sqlite3")


# -- schema ---------------------------------------------------------------

def test_creates_a_versioned_wal_sqlite_file(tmp_path: Path):
    path = tmp_path / "new" / "strikemap.sqlite3"
    Store(path)
    assert path.is_file()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 1
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "events", "event_places", "corrections", "gazetteer_places",
            "geocode_cache", "unresolved_names"} <= tables
    con.close()
    # Opening again migrates nothing and keeps data.
    s = Store(path)
    s.add_article(TEXT, _meta(), events=[], origin="seed")
    assert Store(path).counts()["articles"] == 1
    assert Store(path).integrity_check() == "ok"


def test_refuses_a_file_from_a_newer_app(tmp_path: Path):
    path = tmp_path / "s.sqlite3"
    Store(path)
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(StoreError, match="newer|knows up to"):
        Store(path)


def test_an_older_file_is_migrated_in_order_keeping_its_data(tmp_path: Path):
    from strikemap import store as store_module

    path = tmp_path / "v1.sqlite3"
    con = sqlite3.connect(path)
    con.executescript(store_module._MIGRATIONS[0])
    con.execute("PRAGMA user_version = 1")
    con.execute("INSERT INTO articles (file, text, sha256, origin, added_at) VALUES ('old.txt', ?, ?, 'seed', 'x')",
                (TEXT, normalised_sha256(TEXT)))
    con.commit()
    con.close()
    s = Store(path)
    assert s.schema_version == SCHEMA_VERSION == len(store_module._MIGRATIONS)
    assert [a.file for a in s.articles()] == ["old.txt"]
    r = s.revision()
    with pytest.raises(DuplicateArticle):  # the old row takes part in duplicate detection
        s.add_article(TEXT, _meta(), events=[], origin="seed")
    assert s.revision() == r  # a refused write is rolled back, counter included
    s.add_article(TEXT + " جديد", _meta(), events=[], origin="seed")
    assert s.revision() == r + 1


def test_a_file_that_is_not_a_store_gives_a_clear_error(tmp_path: Path):
    bad = tmp_path / "strikemap.sqlite3"
    bad.write_bytes(b"this is not a database, it is a text file" * 100)
    with pytest.raises(StoreError, match=r"Cannot use the store .*strikemap.sqlite3.*STRIKEMAP_DATA_DIR"):
        Store(bad)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="writable"):
        Store(blocker / "strikemap.sqlite3")


# -- articles and events ----------------------------------------------------

def test_article_and_events_round_trip(store: Store):
    events = _events("a.txt")
    art = store.add_article(TEXT, _meta(url="https://example.org/a"), events=events, origin="seed",
                            extractor_version="v1")
    assert (art.file, art.outlet, art.url, art.published, art.origin, art.extractor_version) == (
        "a.txt", "Test outlet", "https://example.org/a", dt.date(2024, 10, 16), "seed", "v1")
    assert art.text == TEXT and art.sha256 == normalised_sha256(TEXT)
    assert store.events(art.id) == events
    assert store.events() == events
    assert store.article_by_file("a.txt") == art == store.article(art.id)
    assert art.meta == _meta(url="https://example.org/a")
    assert store.counts()["event_places"] == 4  # 2 + 1 targets, 1 origin


def test_duplicate_is_recognised_even_vocalised_and_not_doubled(store: Store):
    first = store.add_article(TEXT, _meta("a.txt"), events=_events("a.txt"), origin="seed")
    vocalised = TEXT.replace("استهدفت", "استهدفَتْ").replace(" ", "  ")
    with pytest.raises(DuplicateArticle) as err:
        store.add_article(vocalised, _meta("b.txt"), events=_events("b.txt"), origin="curator")
    assert err.value.existing == first
    assert "a.txt" in str(err.value)
    assert store.find_duplicate(vocalised) == first
    assert store.counts()["articles"] == 1 and store.counts()["events"] == 2


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    (" \n\t ", "empty"),
    ("PK\x03\x04\x00\x00binary", "binary"),
    ("".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r\f\v") * 5, "binary"),
    ("نص" + "\ufffd" * 50, "wrongly decoded"),
])
def test_bad_text_is_refused_with_a_message(store: Store, text: str, message: str):
    with pytest.raises(BadInput, match=message):
        store.add_article(text, _meta(), events=[], origin="curator")
    assert store.counts()["articles"] == 0


def test_too_large_text_names_its_size(store: Store):
    big = "ق" * (MAX_TEXT_BYTES // 2 + 1000)  # 2 bytes each in UTF-8: just over 20 MB
    with pytest.raises(BadInput, match=r"20\.0 MB; the limit is 20\.0 MB"):
        check_text(big)
    with pytest.raises(BadInput, match="limit"):
        store.add_article(big, _meta(), events=[], origin="curator")
    assert store.counts()["articles"] == 0


@pytest.mark.parametrize("meta, message", [
    ({"file": "x.txt", "published": "16/10/2024"}, "not a date"),
    ({"file": "x.txt", "url": "javascript:alert(1)"}, "not a web address"),
    ({"file": "../etc/passwd"}, "plain file name"),
])
def test_bad_metadata_is_refused(store: Store, meta, message):
    with pytest.raises(BadInput, match=message):
        store.add_article(TEXT, meta, events=[], origin="curator")


def test_curator_article_without_name_gets_one_and_name_clash_is_refused(store: Store):
    art = store.add_article(TEXT, {"outlet": "x"}, events=[], origin="curator", curator="rania")
    assert art.file.startswith("curator-") and art.added_by == "rania"
    with pytest.raises(BadInput, match="already stored as"):
        store.add_article(TEXT + " إضافة", {"file": art.file}, events=[], origin="curator")


def test_failure_during_save_writes_nothing(store: Store):
    events = _events("a.txt")
    clash = events + [replace(events[0], targets=())]  # same event id twice
    with pytest.raises(ValueError, match="two events"):
        store.add_article(TEXT, _meta(), events=clash, origin="seed")
    def boom(stage: str) -> None:
        if stage == "events":
            raise RuntimeError("disk on fire")
    with pytest.raises(RuntimeError):
        store.add_article(TEXT, _meta(), events=events, origin="seed", progress=boom)
    assert store.counts() == dict.fromkeys(store.counts(), 0)
    store.add_article(TEXT, _meta(), events=events, origin="seed")
    assert len(store.events()) == 2


def test_corrections_saved_with_the_article_are_all_or_nothing(store: Store):
    good = {"event_id": "a.txt#2", "field": "killed", "value": 1, "note": "second source"}
    bad = {"event_id": "a.txt#1", "field": "role", "value": "massacre"}
    with pytest.raises(BadInput, match="massacre"):
        store.add_article(TEXT, _meta(), events=_events("a.txt"), origin="curator", curator="rania",
                          corrections=[good, bad])
    assert store.counts()["articles"] == 0 and store.corrections() == []
    store.add_article(TEXT, _meta(), events=_events("a.txt"), origin="curator", curator="rania",
                      corrections=[good, {"event_id": "a.txt#1", "field": "place", "target": "مراط",
                                          "value": None}])
    assert [(c.field, c.value, c.target, c.curator) for c in store.corrections()] == [
        ("killed", 1, None, "rania"), ("place", None, "مراط", "rania")]


_KILL_SCRIPT = textwrap.dedent("""
    import sys, time, pathlib
    sys.path.insert(0, {root!r})
    sys.path.insert(0, {tests!r})
    from strikemap.store import Store
    from test_store import TEXT, _events, _meta
    store = Store(sys.argv[1])
    marker = pathlib.Path(sys.argv[2])
    def pause(stage):
        if stage == sys.argv[3]:
            marker.write_text(stage)
            time.sleep(60)
    store.add_article(TEXT, _meta(), events=_events("a.txt"), origin="seed", progress=pause)
""")


@pytest.mark.parametrize("stage", ["article", "events"])
def test_killed_in_the_middle_of_a_save_leaves_the_store_intact(tmp_path: Path, stage: str):
    db = tmp_path / "s.sqlite3"
    keep = Store(db)
    keep.add_article("مقال سابق عن قصف في البوكمال.", _meta("old.txt"), events=[], origin="seed")
    marker = tmp_path / "marker"
    script = _KILL_SCRIPT.format(root=str(ROOT), tests=str(Path(__file__).parent))
    proc = subprocess.Popen([sys.executable, "-c", script, str(db), str(marker), stage])
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert proc.poll() is None, "the saving process ended before the pause"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        # The writer holds the lock mid-transaction: readers still read.
        assert [a.file for a in keep.articles()] == ["old.txt"]
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
    reopened = Store(db)
    assert reopened.integrity_check() == "ok"
    assert [a.file for a in reopened.articles()] == ["old.txt"]
    assert reopened.counts()["events"] == 0 and reopened.counts()["event_places"] == 0
    # The half-done save left no lock behind: the same article saves now, whole.
    art = reopened.add_article(TEXT, _meta(), events=_events("a.txt"), origin="seed")
    assert len(reopened.events(art.id)) == 2


_WRITER_SCRIPT = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    sys.path.insert(0, {tests!r})
    from strikemap.store import Store
    from test_store import TEXT, _events, _meta
    store = Store(sys.argv[1])
    for i in range(int(sys.argv[2])):
        text = TEXT + f" (نسخة الكاتب الثاني {{i}})"
        store.add_article(text, _meta(f"p2-{{i}}.txt"), events=_events(f"p2-{{i}}.txt", text), origin="curator")
        store.correct(f"p2-{{i}}.txt#2", field="killed", value=i, curator="second")
    print("done")
""")


def test_a_second_process_writes_while_this_one_reads_and_writes(tmp_path: Path):
    db = tmp_path / "s.sqlite3"
    store = Store(db)
    n = 25
    script = _WRITER_SCRIPT.format(root=str(ROOT), tests=str(Path(__file__).parent))
    proc = subprocess.Popen([sys.executable, "-c", script, str(db), str(n)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen_other = 0
    for i in range(n):
        text = TEXT + f" (نسخة الكاتب الأول {i})"
        store.add_article(text, _meta(f"p1-{i}.txt"), events=_events(f"p1-{i}.txt", text), origin="curator")
        # Whatever the other process has committed is whole: every article has both its events.
        arts = store.articles()
        per_article: dict[str, int] = {}
        for e in store.events():
            per_article[e.article] = per_article.get(e.article, 0) + 1
        assert all(per_article.get(a.file) == 2 for a in arts)
        seen_other = max(seen_other, sum(a.file.startswith("p2-") for a in arts))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert out.strip() == "done"
    assert store.revision() == 3 * n  # every write of both processes counts (n + n adds, n corrections)
    assert store.counts()["articles"] == 2 * n
    assert store.counts()["events"] == 4 * n
    assert sorted(c.value for c in store.corrections()) == list(range(n))
    assert store.integrity_check() == "ok"


# -- re-extraction and corrections --------------------------------------------

def test_corrections_survive_reextraction_even_when_ids_change(store: Store):
    art = store.add_article(TEXT, _meta(), events=_events("a.txt"), origin="seed", extractor_version="v1")
    store.correct("a.txt#2", field="actor", value="iran_backed", curator="rania", note="source names the IRGC")
    store.correct("a.txt#1", field="place", target="مراط", value="mayadin", curator="omar")
    # Same ids: kept as they are.
    store.replace_events(art.id, _events("a.txt"), extractor_version="v2")
    assert store.article(art.id).extractor_version == "v2"
    assert {(c.event_id, c.field) for c in store.corrections()} == {("a.txt#2", "actor"), ("a.txt#1", "place")}
    # A better extractor numbers its events differently: corrections follow the sentence.
    store.replace_events(art.id, _events("a.txt", prefix="v3:"), extractor_version="v3")
    assert {(c.event_id, c.field) for c in store.corrections()} == {
        ("v3:a.txt#2", "actor"), ("v3:a.txt#1", "place")}
    assert store.orphaned_corrections() == []
    # An extractor that no longer finds the event: the correction waits, orphaned, never deleted.
    store.replace_events(art.id, _events("a.txt")[:1], extractor_version="v4")
    assert [c.field for c in store.orphaned_corrections()] == ["actor"]
    assert len(store.corrections()) == 2


def test_correction_values_are_checked(store: Store):
    store.add_article(TEXT, _meta(), events=_events("a.txt"), origin="seed")
    cases = [
        dict(field="role", value="massacre"),
        dict(field="actor", value="russia"),
        dict(field="weapon", value="catapult"),
        dict(field="date", value="yesterday"),
        dict(field="killed", value=-3),
        dict(field="killed", value="many"),
        dict(field="time_precision", value=7),
        dict(field="colour", value="red"),
        dict(field="place", value="Mayadin City", target="مراط"),
        dict(field="place", value="mayadin", target="البوكمال"),
        dict(field="rejected", value="yes"),
    ]
    for kw in cases:
        with pytest.raises(BadInput):
            store.correct("a.txt#1", curator="rania", **kw)
    with pytest.raises(BadInput, match="no event"):
        store.correct("nope#1", field="role", value="attack", curator="rania")
    with pytest.raises(BadInput, match="curator"):
        store.correct("a.txt#1", field="role", value="attack", curator=" ")
    assert store.corrections() == []
    c = store.correct("a.txt#1", field="killed", value="3", curator="rania")
    assert c.value == 3 and c.curator == "rania" and c.created_at.endswith("Z")


def test_latest_correction_wins_and_withdrawal_keeps_history(store: Store):
    store.add_article(TEXT, _meta(), events=_events("a.txt"), origin="seed")
    first = store.correct("a.txt#1", field="date", value="2024-10-14", curator="a")
    second = store.correct("a.txt#1", field="date", value=dt.date(2024, 10, 13), curator="b")
    active = store.active_corrections()["a.txt#1"][("date", None)]
    assert active.id == second.id and active.value == "2024-10-13"
    assert store.withdraw_correction(second.id, curator="a")
    assert not store.withdraw_correction(second.id, curator="a")
    assert store.active_corrections()["a.txt#1"][("date", None)].id == first.id
    history = store.corrections(include_withdrawn=True)
    assert [(c.id, c.active, c.withdrawn_by) for c in history] == [(first.id, True, None), (second.id, False, "a")]


def test_delete_article_removes_its_events_and_corrections(store: Store):
    a = store.add_article(TEXT, _meta(), events=_events("a.txt"), origin="seed")
    b_text = TEXT + " ثانية"
    store.add_article(b_text, _meta("b.txt"), events=_events("b.txt", b_text), origin="seed")
    store.correct("a.txt#1", field="role", value="attack", curator="x")
    assert store.delete_article(a.id) and not store.delete_article(a.id)
    counts = store.counts()
    assert (counts["articles"], counts["events"], counts["corrections"], counts["event_places"]) == (1, 2, 0, 4)
    assert {e.article for e in store.events()} == {"b.txt"}


# -- unresolved names, curator places, geocode cache ---------------------------

def test_unresolved_names_come_from_unplaced_mentions(store: Store):
    store.add_article(TEXT, _meta(), events=_events("a.txt"), origin="seed")
    b_text = TEXT + " ثانية"
    store.add_article(b_text, _meta("b.txt"), events=_events("b.txt", b_text), origin="seed")
    names = store.unresolved_names()
    assert [(u.name, u.count, u.files, u.candidates) for u in names] == [
        ("حقل العمر", 2, ("a.txt", "b.txt"), ("omar_field", "omar_town"))]
    assert names[0].sentences[0].startswith("وقصفت الميليشيات")
    # Re-extraction replaces them with the events.
    store.replace_events(store.article_by_file("a.txt").id, _events("a.txt")[:1], extractor_version="v2")
    assert store.unresolved_names()[0].count == 1
    a_id = store.article_by_file("a.txt").id
    assert store.record_unresolved(a_id, [("الطيبة", "قصف قرب الطيبة")]) == 1
    assert {u.name for u in store.unresolved_names()} == {"حقل العمر", "الطيبة"}
    # Recording what add_article already recorded (or the same pair again) does not double it.
    b_id = store.article_by_file("b.txt").id
    excerpt = _events("b.txt", b_text)[1].excerpt
    assert store.record_unresolved(b_id, [("حقل العمر", excerpt)]) == 0
    assert store.record_unresolved(a_id, [("الطيبة", "قصف قرب الطيبة")]) == 0
    assert {u.name: u.count for u in store.unresolved_names()} == {"حقل العمر": 1, "الطيبة": 1}


PLACE = Place(key="tabiyah_jazirah", name_ar="طابية جزيرة", name_en="Tabiyah Jazirah",
              aliases_ar=("الطابية",), kind="village", admin1="Deir ez-Zor", country="SY",
              lat=35.26111, lon=40.28, uncertainty_km=2.5, source="curator check on map", estimate=True,
              notes="east bank")


def test_curator_places_round_trip_as_gazetteer_rows(store: Store):
    with pytest.raises(BadInput):
        store.add_place(PLACE, curator="")
    store.add_place(PLACE, curator="rania")
    rows = store.gazetteer_rows()
    assert rows[0]["key"] == "tabiyah_jazirah" and rows[0]["lat"] == "35.26111" and rows[0]["estimate"] == "yes"
    assert rows[0]["added_by"] == "rania"
    assert store.curator_places() == [PLACE]
    # A curator alias for an existing row: the same key replaces it.
    store.add_place(replace(PLACE, aliases_ar=("الطابية", "طابية")), curator="omar")
    assert [p.aliases_ar for p in store.curator_places()] == [("الطابية", "طابية")]
    gaz = Gazetteer([]).with_places(store.curator_places())
    assert [m.places[0].key for m in gaz.find("قصف على طابية جزيرة")] == ["tabiyah_jazirah"]
    assert store.delete_place("tabiyah_jazirah") and store.curator_places() == []


def test_geocode_cache_remembers_hits_misses_and_verification(store: Store):
    cache = store.geocode_cache()
    assert cache.get("الطابية") is None and not cache.known("الطابية")
    online = replace(PLACE, verified=False, source="Nominatim")
    cache.put("الطابية", online)
    cache.put("مكان لا يوجد", None)
    assert cache.known("مكان لا يوجد") and cache.get("مكان لا يوجد") is None
    # Lookups fold the name: the same name written with a proclitic-free variant hits.
    got = store.geocode_cache().get("الطَّابية")
    assert got == online and got.verified is False
    assert cache.verify("الطابية")
    cache.put("الطابية", online)  # refreshed by the geocoder: the curator's check stays
    assert cache.get("الطابية").verified is True
    assert {e["query"]: (e["found"], e["verified"]) for e in cache.entries()} == {
        "الطابية": (True, True), "مكان لا يوجد": (False, False)}


_HOLD_SCRIPT = textwrap.dedent("""
    import sys, time, pathlib
    sys.path.insert(0, {root!r})
    sys.path.insert(0, {tests!r})
    from strikemap.store import Store
    from test_store import TEXT, _events, _meta
    store = Store(sys.argv[1])
    def hold(stage):
        if stage == "events":
            pathlib.Path(sys.argv[2]).write_text("holding")
            time.sleep(float(sys.argv[3]))
    store.add_article(TEXT, _meta("held.txt"), events=_events("held.txt"), origin="seed", progress=hold)
""")


def test_a_writer_waits_for_the_other_process_lock_instead_of_failing(tmp_path: Path):
    db = tmp_path / "s.sqlite3"
    store = Store(db)
    marker = tmp_path / "marker"
    hold = 1.5
    script = _HOLD_SCRIPT.format(root=str(ROOT), tests=str(Path(__file__).parent))
    proc = subprocess.Popen([sys.executable, "-c", script, str(db), str(marker), str(hold)],
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not marker.exists():
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    t0 = time.monotonic()
    assert store.articles() == []  # reading is not blocked by the open write transaction
    other = TEXT + " أخرى"
    art = store.add_article(other, _meta("mine.txt"), events=_events("mine.txt", other), origin="curator")
    waited = time.monotonic() - t0
    assert proc.wait(timeout=30) == 0, proc.stderr.read()
    assert waited > hold / 3  # it really queued behind the other process's transaction
    assert sorted(a.file for a in store.articles()) == ["held.txt", "mine.txt"]
    assert len(store.events(art.id)) == 2


def test_the_store_cache_serves_the_nominatim_geocoder(store: Store):
    from geodata.geocoders import GeocodeCache as Protocol, cache_key
    from geodata.geocoders.nominatim import NominatimGeocoder

    cache = store.geocode_cache()
    assert isinstance(cache, Protocol)
    online = replace(PLACE, key="nominatim_n1", verified=False, source="Nominatim (unverified)")
    # Port 9 on loopback refuses connections: a hit must come from the store, not the network.
    geocoder = NominatimGeocoder(domain="127.0.0.1:9", scheme="http", cache=cache, min_delay_seconds=0.01,
                                 timeout=1, max_retries=0)
    assert geocoder.geocode("الطابية") is None
    cache.put(cache_key("الطابية"), online)
    assert geocoder.geocode("الطابية") == online
    assert geocoder.geocode("الطَّابية") == online  # vocalised: the same key
    assert Store(store.path).geocode_cache().get(cache_key("الطابية")) == online  # kept across runs
