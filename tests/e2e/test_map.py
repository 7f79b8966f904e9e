"""The map page as a person uses it, in Chromium, against the real app."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from strikemap.filters import Filters, date_bounds

from .conftest import (clickable_markers, count_markers, expand_clusters, expected_features, map_frame, open_map,
                       save_docs_screenshot, settle)

pytestmark = pytest.mark.e2e


def test_every_seed_event_is_a_marker_and_nothing_leaves_the_machine(page, app_server, screenshot_dir):
    expected = expected_features(app_server)
    assert len(expected) >= 10  # the seeds hold dozens of event-places
    frame = open_map(page, app_server.url)
    roles = {"attack": 0, "retaliation": 0, "other": 0}
    for f in expected:
        roles[f["role"] if f["role"] in roles else "other"] += 1
    for role, n in roles.items():
        assert count_markers(frame, role) == n, role
    assert count_markers(frame) == len(expected)
    # Leaflet, the cluster plugin and their CSS came from the app; only tiles were asked of the internet.
    assert page.external_requests, "the tiles should have been requested (and blocked)"
    assert all(u.startswith("https://tile.openstreetmap.org/") for u in page.external_requests), \
        page.external_requests
    # The bundled basemap draws borders and rivers without tiles.
    assert frame.locator("path.leaflet-interactive, svg path").count() > 5
    assert frame.locator(".sm-legend").inner_text().count("Retaliation") == 1
    # Launch origins: one arrow per (origin, target) and one ring per origin, in the origin colour.
    pairs = {((f["origin_lat"], f["origin_lon"]), (f["lat"], f["lon"])) for f in expected if f.get("origin_lat")}
    origins = {o for o, _ in pairs}
    assert pairs, "the seeds name where some rockets were launched from"
    assert frame.locator(".leaflet-overlay-pane path[stroke='#CC79A7']").count() == len(pairs) + len(origins)
    page.screenshot(path=str(screenshot_dir / "map-all.png"))
    assert page.dialogs == []


def _slider_thumbs(page):
    return page.locator("[data-testid='stSlider'] input[type='range']")


def test_moving_the_date_slider_removes_markers_outside_the_range(page, app_server, screenshot_dir):
    frame = open_map(page, app_server.url)
    all_features = expected_features(app_server)
    lo, hi = date_bounds(all_features)
    thumbs = _slider_thumbs(page)
    assert thumbs.count() == 2
    # Drag the upper end back to the first day with the keyboard, as a person can.
    thumbs.nth(1).focus()
    page.keyboard.press("Home")
    settle(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query.get("to") == [lo.isoformat()], page.url
    kept = expected_features(app_server, Filters(date_to=lo))
    assert 0 < len(kept) < len(all_features)
    assert count_markers(map_frame(page)) == len(kept)
    # Undated events go with the toggle.
    page.get_by_text("Include events of unknown date").click()
    settle(page)
    kept_dated = expected_features(app_server, Filters(date_to=lo, include_undated=False))
    assert count_markers(map_frame(page)) == len(kept_dated)
    page.screenshot(path=str(screenshot_dir / "map-slider.png"))


def test_actor_filter_removes_markers_and_lives_in_the_url(page, app_server):
    open_map(page, app_server.url)
    total = len(expected_features(app_server))
    page.get_by_role("button", name="Remove Iran-backed militias").click()
    settle(page)
    query = parse_qs(urlsplit(page.url).query)
    assert "iran_backed" not in query["actors"][0]
    flt = Filters(actors=("us_coalition", "syrian_government", "sdf", "unknown"))
    kept = expected_features(app_server, flt)
    assert len(kept) < total
    assert count_markers(map_frame(page)) == len(kept)
    # The address is a shareable link: opened fresh, it shows the same map.
    shared = page.url
    page.goto("about:blank")
    frame = open_map(page, shared, expect_markers=bool(kept))
    assert count_markers(frame) == len(kept)
    assert page.locator("[data-testid='stSidebar'] [data-tag][aria-label='Iran-backed militias']").count() == 0
    assert page.locator("[data-testid='stSidebar'] [data-tag][aria-label='US / coalition']").count() == 1


def test_filters_survive_a_visit_to_another_page(page, app_server):
    open_map(page, app_server.url)
    page.get_by_role("button", name="Remove Retaliation").click()
    settle(page)
    assert parse_qs(urlsplit(page.url).query).get("roles") == ["attack,other"]
    nav = page.locator("[data-testid='stSidebarNav'] a")
    assert nav.count() >= 2, "the other pages should be listed in the sidebar"
    nav.nth(1).click()
    settle(page)
    assert page.locator("[data-testid='stSlider']").count() == 0      # really on another page
    nav.nth(0).click()
    frame = map_frame(page)
    frame.locator(".leaflet-container").wait_for()
    settle(page)
    assert page.locator("[data-testid='stSidebar'] [data-tag][aria-label='Retaliation']").count() == 0
    assert page.locator("[data-testid='stSidebar'] [data-tag][aria-label='Attack']").count() == 1
    kept = expected_features(app_server, Filters(roles=("attack", "other")))
    assert count_markers(frame) == len(kept)


def test_clicking_a_marker_shows_its_arabic_excerpt_right_to_left(page, app_server, screenshot_dir):
    frame = open_map(page, app_server.url)
    expand_clusters(frame)
    marker = clickable_markers(frame)[0]
    marker.hover()
    tip = frame.locator(".leaflet-tooltip").first
    tip.wait_for()
    ref = int(re.match(r"#(\d+)", tip.inner_text()).group(1))
    marker.click()
    panel = page.locator(".sm-panel")
    panel.wait_for(timeout=20_000)
    feature = next(f for f in expected_features(app_server) if f["ref"] == ref)
    quote = panel.locator("blockquote.sm-excerpt").first
    assert quote.get_attribute("dir") == "rtl" and quote.get_attribute("lang") == "ar"
    assert quote.evaluate("e => getComputedStyle(e).direction") == "rtl"
    text = " ".join(quote.inner_text().split())
    assert " ".join(str(feature["excerpt"]).split()) in text or text in " ".join(str(feature["excerpt"]).split())
    assert quote.locator("mark").first.inner_text() == feature["place_ar"]
    assert str(feature["place_ar"]) in panel.inner_text()
    # The popup on the map shows a short excerpt too.
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert "Excerpt" in popup.inner_text()
    page.screenshot(path=str(screenshot_dir / "map-clicked.png"))
    save_docs_screenshot(page)


HOSTILE = (
    "استهدفت طائرة مسيرة تابعة للتحالف الدولي مقراً للميليشيات الإيرانية في مدينة الميادين "
    "<img src=x onerror=\"alert('xss-img');window.__xss=1\"> <script>alert('xss-script');window.__xss=2</script> "
    "${alert('xss-template')} `${window.__xss=3}` X{{ 7*7 }}Y {% raw %} ليلة الثلاثاء، ما أسفر عن مقتل عنصرين.\n"
    "وقصفت الميليشيات الإيرانية قاعدة حقل العمر بالصواريخ <b onmouseover=\"alert('xss-b')\">صباح الأربعاء</b>.\n"
)


def _write_hostile_seeds(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "900_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,outlet,url,published,title,notes\n"
        "900_hostile.txt,\"<img src=x onerror=alert('xss-outlet')>\","
        "\"https://example.org/n?q='\"\"><img/src=x/onerror=alert('xss-url')>\",2024-10-16,"
        "\"<script>alert('xss-title')</script>${alert('xss-title2')}\",test article written for the XSS test\n",
        encoding="utf-8")
    return folder


def test_script_payloads_in_articles_execute_nothing(page, start_app, tmp_path, screenshot_dir):
    server = start_app(_write_hostile_seeds(tmp_path / "seeds"))
    expected = expected_features(server)
    assert expected, "the hostile article should still give events on the map"
    frame = open_map(page, server.url)
    assert count_markers(frame) == len(expected)
    expand_clusters(frame)
    for m in clickable_markers(frame):
        m.hover()
        m.click()
        settle(page, 0.5)
    panel = page.locator(".sm-panel")
    panel.wait_for(timeout=20_000)
    text = panel.inner_text()
    assert "<img src=x onerror" in text or "<b onmouseover" in text   # shown as text
    assert "xss-outlet" in text and "<img" in text                     # the outlet, as text
    assert panel.locator("a[href^='javascript']").count() == 0
    # Template syntax (folium compiles generated scripts as Jinja) is shown, not evaluated.
    assert "X{{ 7*7 }}Y" in text and "X49Y" not in text
    assert all("X49Y" not in t for t in frame.locator(".leaflet-popup-content").all_inner_texts())
    # Nothing ran: no dialog, no flag, in the page or in the map's frame.
    assert page.dialogs == []
    assert page.evaluate("() => window.__xss === undefined")
    iframe = next(f for f in page.frames if f != page.main_frame and "st_folium" in (f.url or ""))
    assert iframe.evaluate("() => window.__xss === undefined")
    assert page.locator("img[src='x']").count() == 0
    assert frame.locator("img[src='x']").count() == 0
    page.screenshot(path=str(screenshot_dir / "map-hostile.png"))
