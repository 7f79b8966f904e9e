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
    open_map(page, app_server.url)  # waits until the markers are drawn
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


# -- the selected event: ?event=<id>, clicks, and corrections from the panel ------------------------------------


def _map_view(page) -> tuple[float, float, int]:
    """(lat, lon, zoom) of the Leaflet map inside the component's frame."""
    frame = next(f for f in page.frames if f != page.main_frame and "st_folium" in (f.url or ""))
    return tuple(frame.evaluate("() => [window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]"))


def _alone(features: list[dict], role: str) -> dict:
    """A located incident of one event (its panel is that event's) of ``role``."""
    return next(f for f in features if f["role"] == role and f["event_ids"] == [f["event_id"]])


def test_an_event_link_shows_its_excerpt_centres_the_map_and_clicks_update_the_link(page, app_server):
    expected = expected_features(app_server)
    target = _alone(expected, "retaliation")
    frame = open_map(page, app_server.url + f"?roles=retaliation,attack&event={target['event_id']}")
    panel = page.locator(".sm-panel")
    panel.wait_for(timeout=20_000)
    quote = panel.locator("blockquote.sm-excerpt").first
    assert quote.get_attribute("dir") == "rtl" and quote.get_attribute("lang") == "ar"
    assert " ".join(quote.inner_text().split()) == " ".join(str(target["excerpt"]).split())
    assert quote.locator("mark").first.inner_text() == target["place_ar"]
    lat, lon, zoom = _map_view(page)
    assert (round(lat, 3), round(lon, 3), zoom) == (round(target["lat"], 3), round(target["lon"], 3), 11)
    q = parse_qs(urlsplit(page.url).query)
    assert q == {"roles": ["attack,retaliation"], "event": [target["event_id"]]}, page.url
    # Its article in the Sources reader, this event marked there.
    reader = panel.get_by_role("link", name="read in Sources").first
    assert parse_qs(urlsplit(reader.get_attribute("href")).query) == {
        "article": [target["article"]], "event": [target["event_id"]]}
    # Viewers get no correction controls.
    assert page.get_by_role("button", name="Save the correction").count() == 0

    # Clicking another marker selects it, and the address follows (a shareable selection).
    expand_clusters(frame)
    for marker in clickable_markers(frame):
        marker.hover()
        tip = frame.locator(".leaflet-tooltip").last
        tip.wait_for()
        ref = int(re.match(r"#(\d+)", tip.inner_text()).group(1))
        other = next(f for f in expected if f["ref"] == ref)
        if target["event_id"] not in other["event_ids"]:
            break
    else:
        pytest.fail("no other marker to click near the selected event")
    marker.click()
    settle(page)
    page.wait_for_function(f"() => location.search.includes('event={other['event_id']}')", timeout=20_000)
    assert parse_qs(urlsplit(page.url).query)["roles"] == ["attack,retaliation"]
    assert str(other["place_ar"]) in page.locator(".sm-panel").inner_text()

    # A filter hiding it: the panel says so instead of showing it.
    page.get_by_role("button", name="Remove " + {"attack": "Attack", "retaliation": "Retaliation"}[other["role"]]).click()
    settle(page)
    assert page.locator(".sm-panel").count() == 0
    page.get_by_text("is hidden by the filters").wait_for(timeout=20_000)

    # The table link takes the filters to the Events page (in this session).
    page.get_by_role("link", name="Table of these events").click()
    page.get_by_text("Filtered as on the map:").wait_for(timeout=30_000)
    assert urlsplit(page.url).path == "/Events"
    assert parse_qs(urlsplit(page.url).query)["roles"] == [
        "retaliation" if other["role"] == "attack" else "attack"]


def test_an_unknown_event_link_gives_a_notice_not_an_error(page, app_server):
    open_map(page, app_server.url + "?event=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    page.get_by_text("The event in the address is not on the map").wait_for(timeout=20_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert "event" not in parse_qs(urlsplit(page.url).query)
    assert page.dialogs == []


def test_a_curator_corrects_the_selected_event_from_the_panel(page, app_server):
    from .pages_support import choose, rerun_done, sign_in, store_of

    target = _alone(expected_features(app_server), "attack")
    open_map(page, app_server.url + f"?event={target['event_id']}")
    panel = page.locator(".sm-panel")
    panel.wait_for(timeout=20_000)
    role_cell = panel.locator("table.sm-facts tr", has_text="Role").locator("td")
    assert role_cell.inner_text() == "Attack"
    sign_in(page, app_server)           # in the map's sidebar; the selection stays
    choose(page, "Field to correct", "Role")
    choose(page, "Corrected role", "Other")
    page.get_by_label("Why (note)").fill("بيان نفي لا هجوم")
    page.get_by_role("button", name="Save the correction").click()
    rerun_done(page)
    page.get_by_text(f"role of {target['event_id']} is now 'other'").wait_for(timeout=30_000)
    # The panel now reads the corrected event; the address still selects it.
    assert page.locator(".sm-panel table.sm-facts tr", has_text="Role").locator("td").inner_text() == "Other"
    assert parse_qs(urlsplit(page.url).query)["event"] == [target["event_id"]]
    (c,) = [c for c in store_of(app_server).corrections(target["event_id"]) if c.field == "role"]
    assert (c.value, c.note) == ("other", "بيان نفي لا هجوم")
    # The map draws it as an "other" event now.
    assert any(f["role"] == "other" and target["event_id"] in f["event_ids"] for f in expected_features(app_server))
    # Its history on the Events page, reached within this session: still signed in, this event chosen.
    page.get_by_role("link", name="Corrections of this event (Events page)").click()
    page.get_by_role("button", name="Save correction").wait_for(timeout=30_000)
    assert urlsplit(page.url).path == "/Events"
    assert parse_qs(urlsplit(page.url).query) == {"event": [target["event_id"]]}
    assert target["event_id"] in page.get_by_label("Event", exact=True).input_value()
    page.get_by_text("Corrections of this event").wait_for()
