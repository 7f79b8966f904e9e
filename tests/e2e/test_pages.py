"""The Events, Sources, Gazetteer and Add-article pages in Chromium, against the real app.

All tests share the session's server (``app_server``, the repository's seeds,
no password configured: curators use the token the server printed).
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from geodata import load_gazetteer
from strikemap.auth import TOKEN_BANNER
from strikemap.corpus import load_features
from strikemap.curation import draft_article
from strikemap.export import COLUMNS, search_features
from strikemap.filters import Filters, apply_filters

from .conftest import count_markers, expected_features, map_frame, open_map
from .pages_support import (
    alert_text,
    choose,
    download,
    fill_article,
    goto,
    nothing_ran,
    rerun_done,
    sign_in,
    snapshot,
    store_of,
)

pytestmark = pytest.mark.e2e

# Written for this test, in the style of the news.
NEW_ARTICLE = (
    "دير الزور - مراسلنا\n"
    "قصفت طائرات مسيرة تابعة للتحالف الدولي فجر الخميس مقرا لميليشيا لواء فاطميون في مدينة البوكمال "
    "على الحدود السورية العراقية، ما أسفر عن مقتل ثلاثة عناصر وإصابة آخرين.\n"
    "وجاءت الغارة بعد ساعات من هجوم بالصواريخ شنته الميليشيات الإيرانية على قاعدة حقل العمر النفطي "
    "دون أن يسفر عن إصابات."
)


def features_of(server) -> list[dict]:
    return load_features(store_of(server), load_gazetteer())


def grid_cell(page, col: int, row: int, *, grid: int = 0) -> str:
    """The text of a cell of a data grid on the page (from the grid's accessible mirror)."""
    return page.locator("[data-testid='stDataFrame']").nth(grid).locator(
        f"[data-testid='glide-cell-{col}-{row}']").inner_text()


def unplaced_names(page) -> list[str]:
    """The texts of the Gazetteer page's table of names it could not place (empty if none)."""
    if page.get_by_text("Every place name met so far is in the gazetteer.").count():
        return []
    grid = page.locator("[data-testid='stDataFrame']").nth(1)
    grid.scroll_into_view_if_needed()
    grid.locator("[role=gridcell]").first.wait_for(state="attached", timeout=15_000)
    return grid.locator("[role=gridcell]").all_inner_texts()


def click_grid_link(page, *, column_x: float, row: int = 0):
    """Click a link cell of the first data grid; return the page it opens."""
    box = page.locator("[data-testid='stDataFrame'] canvas").first.bounding_box()
    x, y = box["x"] + column_x, box["y"] + 35 + 35 * row + 17
    page.mouse.move(x - 4, y)
    page.mouse.move(x, y)
    time.sleep(0.3)
    with page.context.expect_page(timeout=15_000) as opened:
        page.mouse.click(x, y)
    new = opened.value
    new.wait_for_load_state()
    return new


def test_events_page_lists_the_map_filters_events_and_links_each_to_marker_and_article(page, app_server):
    goto(page, app_server.url + "Events?roles=attack&undated=0")
    features = features_of(app_server)
    shown = apply_filters(features, Filters(roles=("attack",), include_undated=False))
    assert 0 < len(shown) < len(features)
    page.get_by_text(f"{len(shown)} of {len(features)} event places.").wait_for(timeout=30_000)
    # The first row's links: the map with this event selected, and its article in Sources.
    first_id = grid_cell(page, 2, 0)
    assert first_id in {f["event_id"] for f in shown}
    marker = click_grid_link(page, column_x=30)
    q = parse_qs(urlsplit(marker.url).query)
    assert urlsplit(marker.url).path == "/" and q["event"] == [first_id] and q["roles"] == ["attack"]
    marker.close()
    reading = click_grid_link(page, column_x=75 + 30)
    q = parse_qs(urlsplit(reading.url).query)
    article = next(f["article"] for f in shown if f["event_id"] == first_id)
    assert urlsplit(reading.url).path == "/Sources" and q == {"article": [article], "event": [first_id]}
    wait = reading.locator(".sm-reader mark.sm-selected")
    wait.first.wait_for(timeout=30_000)
    reading.close()
    nothing_ran(page)


def test_search_narrows_the_table_and_the_exports_hold_what_is_shown(page, app_server):
    goto(page, app_server.url + "Events")
    features = features_of(app_server)
    box = page.get_by_label("Search (Arabic or English; every word must appear)")
    box.fill("الميادين")
    box.press("Enter")
    rerun_done(page)
    found = search_features(features, "الميادين")
    assert 0 < len(found) < len(features)
    page.get_by_text(f"{len(found)} of {len(features)} event places.").wait_for(timeout=30_000)

    data = download(page, "Download CSV (ACLED columns)")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == list(COLUMNS)
    assert sorted(r["event_id_cnty"] for r in rows) == sorted(f["event_id"] for f in found)
    assert all(r["source_excerpt_ar"] for r in rows)

    doc = json.loads(download(page, "Download GeoJSON (for QGIS)"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == len(found)
    for f in doc["features"]:
        if f["geometry"] is not None:
            lon, lat = f["geometry"]["coordinates"]
            assert 38 < lon < 43 and 32 < lat < 38  # [lon, lat] in eastern Syria
        assert all(v is None or isinstance(v, (str, int, float, bool)) for v in f["properties"].values())


def test_sources_reader_marks_places_actors_and_dates_right_to_left(page, app_server):
    store = store_of(app_server)
    article = store.article_by_file("004_9fe638da2203b7af.txt")
    events = store.events(article.id)
    goto(page, app_server.url + "Sources?article=" + article.file)
    reader = page.locator(".sm-reader")
    reader.wait_for(timeout=30_000)
    assert reader.get_attribute("dir") == "rtl"
    assert reader.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert " ".join(reader.inner_text().split()) == " ".join(article.text.split())
    places = reader.locator("mark[data-kind='place']")
    targets = {(t.start, t.end) for e in events for t in e.targets}
    assert places.count() == len(targets) > 0
    title = places.first.get_attribute("title")
    assert "gazetteer key:" in title and "English:" in title and "confidence:" in title
    assert reader.locator("mark[data-kind='actor']").count() >= 1
    assert reader.locator("mark[data-kind='date']").count() >= 1
    bg = places.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")  # the reader's styles are applied
    page.get_by_text(f"{len(events)} events extracted from this article").wait_for()
    assert grid_cell(page, 0, 0, grid=1) in {e.event_id for e in events}
    nothing_ran(page)


def test_viewing_needs_nothing_and_curating_needs_the_printed_token(page, app_server):
    goto(page, app_server.url + "Add_article")
    assert page.get_by_label("Paste the article (Arabic)").count() == 0
    assert "needs a curator" in page.locator("[data-testid='stAlertContentInfo']").inner_text()
    sign_in(page, app_server, secret="not-the-token")
    page.get_by_text("Wrong password or token.").wait_for(timeout=30_000)  # after the deliberate delay
    assert page.get_by_label("Paste the article (Arabic)").count() == 0
    goto(page, app_server.url + "Events")
    assert page.get_by_role("button", name="Save correction").count() == 0
    goto(page, app_server.url + "Gazetteer")
    assert page.get_by_role("button", name="Add place").count() == 0
    # The token, printed once by this server process however many pages ran.
    assert app_server.log().count(TOKEN_BANNER) == 1
    sign_in(page, app_server)
    page.get_by_role("button", name="Add place").wait_for(timeout=30_000)


def test_add_an_article_preview_correct_save_then_it_is_on_the_map(page, app_server):
    goto(page, app_server.url + "Add_article")
    sign_in(page, app_server)
    before = snapshot(app_server)
    fill_article(page, text=NEW_ARTICLE, outlet="شبكة الاختبار", title="غارة على البوكمال",
                 url="https://example.org/news/1?a=1&b=2", published="2024-03-14")
    heading = page.get_by_text("Preview:", exact=False).first
    heading.wait_for(timeout=30_000)
    n = int(heading.inner_text().split(":")[1].split()[0])
    assert n >= 2
    assert snapshot(app_server) == before  # a preview writes nothing
    preview = map_frame(page)
    preview.locator(".leaflet-container").wait_for(timeout=30_000)
    assert count_markers(preview) >= 2
    # Correct the first event's role before saving.
    choose(page, "Field", "role")
    choose(page, "Role", "other")
    page.get_by_role("button", name="Apply to the preview").click()
    rerun_done(page)
    page.get_by_text("Corrections to save with the article").wait_for(timeout=30_000)
    page.get_by_role("button", name="Save the article").click()
    rerun_done(page)
    assert f"with {n} events and 1 correction" in alert_text(page, "Success")

    store = store_of(app_server)
    article = next(a for a in store.articles() if a.text == NEW_ARTICLE)
    assert (article.outlet, article.title, article.origin) == ("شبكة الاختبار", "غارة على البوكمال", "curator")
    assert (article.published.isoformat(), article.url) == ("2024-03-14", "https://example.org/news/1?a=1&b=2")
    events = store.events(article.id)
    assert len(events) == n
    (c,) = store.corrections(events[0].event_id)
    assert (c.field, c.value) == ("role", "other")
    mine = [f for f in features_of(app_server) if f["article"] == article.file]
    assert mine and any(f["role"] == "other" and f["corrected"] for f in mine)
    # Dates were read against the publication date given in the form, as the app's own functions read them.
    draft = draft_article(NEW_ARTICLE, gazetteer=load_gazetteer(), published="2024-03-14")
    dates = {e.event_id: e.date.isoformat() if e.date else None for e in draft.events}
    assert {f["event_id"]: f["date"] for f in mine} == {k: v for k, v in dates.items() if k in {f["event_id"] for f in mine}}
    assert any(dates.values())
    # On the map at once: the map draws what the store now holds.
    frame = open_map(page, app_server.url)
    assert count_markers(frame) == len(expected_features(app_server))
    assert any(article.file in [s["article"] for s in f.get("sources", [])] or f.get("article") == article.file
               for f in expected_features(app_server))
    nothing_ran(page)


def test_correct_an_existing_event_from_the_events_page(page, app_server):
    store = store_of(app_server)
    seed = store.article_by_file("003_8c256ffd5ac9139f.txt")
    event = store.events(seed.id)[0]
    goto(page, app_server.url + f"Events?event={event.event_id}")
    sign_in(page, app_server)
    page.get_by_role("button", name="Save correction").wait_for(timeout=30_000)
    choose(page, "Field", "killed")
    page.get_by_label("Killed").fill("7")
    page.get_by_label("Note (why)").fill("حصيلة المرصد المحدثة")
    page.get_by_role("button", name="Save correction").click()
    rerun_done(page)
    assert f"killed of {event.event_id} is now 7" in alert_text(page, "Success")
    (c,) = [c for c in store.corrections(event.event_id) if c.field == "killed"]
    assert (c.value, c.note) == (7, "حصيلة المرصد المحدثة")
    assert all(f["killed"] == 7 for f in features_of(app_server) if f["event_id"] == event.event_id)


def test_gazetteer_lists_places_and_unplaced_names_and_a_new_place_resolves_at_once(page, app_server):
    gaz = load_gazetteer()
    # An article naming a village the gazetteer lacks (stored directly: the form is tested above).
    text = ("قصفت طائرات التحالف الدولي فجر الجمعة مواقع للميليشيات الإيرانية في قرية الصبحة بريف دير الزور "
            "الشرقي، ما أدى إلى مقتل عنصرين.")
    draft = draft_article(text, gazetteer=gaz, published="2024-02-03", outlet="اختبار")
    assert [t.key for e in draft.events for t in e.targets] == [None]
    article = store_of(app_server).add_article(text, draft.meta, events=list(draft.events), origin="curator")

    goto(page, app_server.url + "Gazetteer")
    frame = map_frame(page)
    frame.locator(".leaflet-container").wait_for(timeout=30_000)
    assert frame.locator("path.leaflet-interactive").count() == len(gaz.places) + len(
        [p for p in store_of(app_server).curator_places() if gaz.get(p.key) is None])  # one circle per place
    assert "الصبحة" in unplaced_names(page)

    sign_in(page, app_server)
    page.get_by_label("Arabic name").fill("الصبحة")
    page.get_by_label("English name").fill("Subha")
    page.get_by_label("Latitude").fill("35.07")
    page.get_by_label("Longitude").fill("40.52")
    page.get_by_label("Source of the coordinates (web address, dataset, or how you estimated them)").fill(
        "estimated from a topographic map")
    page.get_by_role("button", name="Add place").click()
    rerun_done(page)
    assert "Added الصبحة (subha)" in alert_text(page, "Success")
    # Kept in the store, used at once: the stored article now has the place, on the map.
    place = next(p for p in store_of(app_server).curator_places() if p.key == "subha")
    assert (place.lat, place.lon, place.name_en) == (35.07, 40.52, "Subha")
    assert [t.key for e in store_of(app_server).events(article.id) for t in e.targets] == ["subha"]
    assert "الصبحة" not in unplaced_names(page)
    assert any(f.get("place_key") == "subha" for f in expected_features(app_server))
    button = page.get_by_role("button", name=re.compile(r"Download the \d+ curator place\(s\) as gazetteer.csv rows"))
    with page.expect_download(timeout=30_000) as info:
        button.click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert ("subha", "الصبحة", "35.07", "40.52") in [(r["key"], r["name_ar"], r["lat"], r["lon"]) for r in rows]
    nothing_ran(page)
