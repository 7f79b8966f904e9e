"""Bad input and faults through the real app: a clear message, and nothing lost or doubled.

Each refusal is checked against a snapshot of every row of the store taken
before and after. The shared server (``app_server``) is used for everything
but the kill test, which needs a server of its own to kill.
"""

from __future__ import annotations

import csv
import io
import json
import time

import pytest

from geodata import load_gazetteer
from strikemap.auth import ENV_VAR
from strikemap.curation import draft_article, read_upload
from strikemap.store import Store

from .conftest import ROOT, clickable_markers, expand_clusters, launch_app, map_frame, new_page, open_map, settle
from .pages_support import (
    PAYLOAD,
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

# Short reports written for these tests, in the style of the news; each differs so none is a duplicate.
CP1256 = ("الحسكة - خاص\nاستهدفت طائرة مسيرة مجهولة مساء الاثنين قاعدة خراب الجير الأمريكية في ريف الحسكة، "
          "وتمكنت الدفاعات الجوية من إسقاطها دون وقوع إصابات.")
BOM = ("قصفت قوات التحالف الدولي بالمدفعية فجر السبت مواقع للميليشيات الإيرانية في بلدة مراط بريف دير الزور "
       "الشرقي، ردا على هجوم صاروخي استهدف حقل كونيكو.")
HTML_TEXT = ("أطلقت الميليشيات الموالية لإيران ثلاثة صواريخ على قاعدة الشدادي في ريف الحسكة الجنوبي ليل الأربعاء، "
             "بحسب مصادر محلية.")
NO_EVENT = "ناقش مجلس مدينة الميادين في اجتماعه الدوري خطة ترميم المدارس وتوزيع مياه الشرب على الأحياء."
ENGLISH = "Coalition aircraft struck militia sites near Albukamal overnight, a spokesman said on Monday."
SESSION_A = ("استهدفت طائرات التحالف الدولي ظهر الأحد شاحنات أسلحة للميليشيات الإيرانية قرب معبر البوكمال "
             "الحدودي، ما أدى إلى تدمير ثلاث منها.")
SESSION_B = ("قصفت الميليشيات الإيرانية بالصواريخ مساء الأحد محيط حقل العمر النفطي انطلاقا من بادية الميادين، "
             "ولم تسجل إصابات.")
KILLED = ("قصفت طائرات مسيرة أمريكية مقرات للحرس الثوري الإيراني في مدينة البوكمال وبلدة الهري ليل الجمعة، "
          "ما أسفر عن مقتل أربعة عناصر وجرح ستة آخرين.")
HOSTILE = ("استهدفت طائرة مسيرة تابعة للتحالف الدولي مقرا للميليشيات الإيرانية في مدينة الميادين "
           f"{PAYLOAD} ليلة الثلاثاء، ما أسفر عن مقتل عنصرين.\n"
           f"وردت الميليشيات بقصف قاعدة حقل العمر بالصواريخ {PAYLOAD} صباح الأربعاء.")


HUGE = ("قصف " * 2_996_000).encode("utf-8")  # 20,972,000 bytes: just over the 20 MB limit


@pytest.fixture(scope="module")
def curator_page(browser, app_server):
    """One signed-in add-article page for the module (signing in per test costs seconds)."""
    page = new_page(browser)
    goto(page, app_server.url + "Add_article")
    sign_in(page, app_server)
    yield page
    page.context.close()


def expected_events(text: str) -> int:
    """How many events the app's own functions find in ``text``."""
    return len(draft_article(text, gazetteer=load_gazetteer()).events)


def preview_count(page) -> int:
    heading = page.get_by_text("Preview:", exact=False).first
    heading.wait_for(timeout=30_000)
    return int(heading.inner_text().split(":")[1].split()[0])


@pytest.mark.parametrize(
    "kind,text,file,message",
    [
        ("empty", "", None, "The article is empty."),
        ("blank", " \n\t  \n", None, "The article is empty."),
        ("not Arabic", ENGLISH, None, "This text is not in Arabic"),
        ("binary", None, {"name": "photo.txt", "mimeType": "text/plain",
                          "buffer": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8},
         "This file cannot be read as an article"),
        ("20 MB", None, {"name": "huge.txt", "mimeType": "text/plain", "buffer": HUGE},
         "The file huge.txt is 20,972,000 bytes; the limit is 20.0 MB (20,971,520 bytes)."),
    ],
)
def test_refused_input_says_why_and_changes_nothing(curator_page, app_server, kind, text, file, message):
    page = curator_page
    before = snapshot(app_server)
    fill_article(page, text=text, file=file)
    assert message in alert_text(page), (kind, alert_text(page))
    assert page.get_by_role("button", name="Save the article").count() == 0
    assert snapshot(app_server) == before
    nothing_ran(page)


@pytest.mark.parametrize(
    "name,text,data",
    [
        ("report-1256.txt", CP1256, CP1256.encode("cp1256")),
        ("report-bom.txt", BOM, b"\xef\xbb\xbf" + BOM.encode("utf-8")),
        ("report.html", HTML_TEXT, (
            "<!DOCTYPE html><html><head><meta charset='utf-8'><title>خبر</title>"
            f"<script>alert('xss-page');window.__xss=9</script></head><body><article><p>{HTML_TEXT}</p></article>"
            "<footer><a href='/'>الرئيسية</a></footer></body></html>").encode("utf-8")),
    ],
)
def test_files_in_each_encoding_are_read_previewed_and_saved(curator_page, app_server, name, text, data):
    page = curator_page
    decoded = read_upload(data, filename=name)
    assert text in decoded
    n = expected_events(decoded)
    assert n >= 1
    fill_article(page, file={"name": name, "mimeType": "text/html" if name.endswith("html") else "text/plain",
                             "buffer": data}, outlet="اختبار الترميز")
    assert preview_count(page) == n
    assert text in page.locator(".sm-reader").first.text_content()
    page.get_by_role("button", name="Save the article").click()
    rerun_done(page)
    assert f"with {n} event" in alert_text(page, "Success")
    stored = [a for a in store_of(app_server).articles() if text in a.text]
    assert len(stored) == 1 and stored[0].text == decoded and not stored[0].text.startswith("\ufeff")
    assert "<" not in stored[0].text and "alert" not in stored[0].text
    assert len(store_of(app_server).events(stored[0].id)) == n
    nothing_ran(page)


def test_article_without_events_is_saved_and_said_so(curator_page, app_server):
    page = curator_page
    fill_article(page, text=NO_EVENT, outlet="اختبار")
    assert "No strike was found in this article" in alert_text(page, "Warning")
    assert preview_count(page) == 0
    page.get_by_role("button", name="Save the article").click()
    rerun_done(page)
    assert "with no events: no strike was found in it." in alert_text(page, "Warning")
    (article,) = [a for a in store_of(app_server).articles() if a.text == NO_EVENT]
    assert store_of(app_server).events(article.id) == []


def test_duplicate_of_a_stored_article_is_recognised_not_doubled(curator_page, app_server):
    page = curator_page
    seed = (ROOT / "seeds" / "003_8c256ffd5ac9139f.txt").read_text(encoding="utf-8")
    before = snapshot(app_server)
    # The same article with other spacing and a vocalised word.
    fill_article(page, text="\n" + seed.replace("شنت", "شَنَّتْ", 1) + "\n\n")
    assert "already stored as 003_8c256ffd5ac9139f.txt" in alert_text(page, "Warning")
    assert page.get_by_role("button", name="Save the article").is_disabled()
    assert snapshot(app_server) == before


def test_two_sessions_saving_at_the_same_moment_are_both_saved(browser, curator_page, app_server):
    first = curator_page
    other_context = browser.new_context(viewport={"width": 1600, "height": 1150})
    second = other_context.new_page()
    second.dialogs = []
    second.on("dialog", lambda d: (second.dialogs.append(d.message), d.dismiss()))
    try:
        goto(second, app_server.url + "Add_article")
        sign_in(second, app_server)
        fill_article(first, text=SESSION_A, outlet="جلسة أ")
        fill_article(second, text=SESSION_B, outlet="جلسة ب")
        first_save = first.get_by_role("button", name="Save the article")
        second_save = second.get_by_role("button", name="Save the article")
        first_save.click(no_wait_after=True)
        second_save.click(no_wait_after=True)
        rerun_done(first)
        rerun_done(second)
        for p in (first, second):
            assert "Saved curator-" in alert_text(p, "Success") and "with 1 event." in alert_text(p, "Success")
        texts = [a.text for a in store_of(app_server).articles()]
        assert texts.count(SESSION_A) == 1 and texts.count(SESSION_B) == 1
        nothing_ran(second)
    finally:
        other_context.close()


def test_app_killed_while_saving_restarts_with_the_whole_article_or_none(page, start_app):
    env = {ENV_VAR: "kill-test-password"}
    server = start_app(ROOT / "seeds", env=env)
    goto(page, server.url + "Add_article")
    sign_in(page, server)
    fill_article(page, text=KILLED, outlet="اختبار الانقطاع")
    n = preview_count(page)
    assert n >= 1
    seeds = len(store_of(server).articles())
    page.get_by_role("button", name="Save the article").click(no_wait_after=True)
    time.sleep(0.05)
    server.process.kill()  # no clean shutdown: SIGKILL while the save runs (or just before/after)
    server.process.wait(timeout=10)
    restarted = launch_app(server.seeds_dir, server.data_dir, env=env)
    try:
        store = Store(server.data_dir / "strikemap.sqlite3")
        assert store.integrity_check() == "ok"
        saved = [a for a in store.articles() if a.text == KILLED]
        assert len(store.articles()) == seeds + len(saved)
        if saved:  # the whole article: with all its events
            assert len(store.events(saved[0].id)) == n
        goto(page, restarted.url + "Sources")
        page.get_by_text("Article", exact=True).wait_for(timeout=30_000)
        # And the app still saves after the restart (no lock or half row left behind).
        if not saved:
            goto(page, restarted.url + "Add_article")
            sign_in(page, restarted)
            fill_article(page, text=KILLED, outlet="اختبار الانقطاع")
            page.get_by_role("button", name="Save the article").click()
            rerun_done(page)
            assert f"with {n} event" in alert_text(page, "Success")
        (article,) = [a for a in store.articles() if a.text == KILLED]
        assert len(store.events(article.id)) == n
    finally:
        restarted.stop()


def test_script_payloads_execute_nowhere(curator_page, app_server):
    page = curator_page
    # An article whose text, title and outlet carry payloads, through the form.
    fill_article(page, text=HOSTILE, outlet="<img src=x onerror=\"alert('xss-outlet');window.__xss=4\">",
                 title="<script>alert('xss-title');window.__xss=5</script>")
    assert preview_count(page) >= 1
    page.get_by_text("The article as read").click()
    rerun_done(page)
    nothing_ran(page)
    page.get_by_role("button", name="Save the article").click()
    rerun_done(page)
    assert "Saved" in alert_text(page, "Success")
    store = store_of(app_server)
    (article,) = [a for a in store.articles() if a.text == HOSTILE]
    event = store.events(article.id)[0]

    # A curator correction carrying a payload.
    goto(page, app_server.url + f"Events?event={event.event_id}")
    sign_in(page, app_server)
    choose(page, "Field", "actor_group")
    page.get_by_label("Actor group").fill("<img src=x onerror=\"alert('xss-correction');window.__xss=6\">")
    page.get_by_label("Note (why)").fill(PAYLOAD)
    page.get_by_role("button", name="Save correction").click()
    rerun_done(page)
    assert "actor_group of" in alert_text(page, "Success")
    nothing_ran(page)

    # A gazetteer place whose names carry payloads.
    goto(page, app_server.url + "Gazetteer")
    sign_in(page, app_server)
    page.get_by_label("Arabic name").fill("تل الحمام <img src=x onerror=\"alert('xss-gaz');window.__xss=7\">")
    page.get_by_label("English name").fill("<script>alert('xss-gaz-en');window.__xss=8</script>{{ 7*7 }} Tell Hammam")
    page.get_by_label("Source of the coordinates (web address, dataset, or how you estimated them)").fill(PAYLOAD)
    page.get_by_role("button", name="Add place").click()
    rerun_done(page)
    assert "Added" in alert_text(page, "Success")
    frame = map_frame(page)
    frame.locator(".leaflet-container").wait_for(timeout=30_000)
    for circle in frame.locator("path.leaflet-interactive").all():
        circle.dispatch_event("mouseover")  # opens its tooltip (some circles lie under base icons)
    shown = frame.locator(".leaflet-tooltip").all_inner_texts()
    assert any("<img src=x onerror" in t and "{{ 7*7 }}" in t for t in shown)  # the name as text, not run
    assert not any("49 Tell Hammam" in t for t in shown)
    nothing_ran(page)

    # The reader shows the payloads as text.
    goto(page, app_server.url + "Sources?article=" + article.file)
    reader = page.locator(".sm-reader")
    reader.wait_for(timeout=30_000)
    assert "<script>alert('xss-script')" in reader.inner_text()
    assert "<script>alert('xss-title')" in page.locator(".sm-article-title").inner_text()
    for mark in reader.locator("mark").all()[:6]:
        mark.hover()
    nothing_ran(page)

    # The events table and both exports.
    goto(page, app_server.url + "Events")
    search = page.get_by_label("Search (Arabic or English; every word must appear)")
    search.fill("xss-outlet")
    search.press("Enter")
    rerun_done(page)
    rows = list(csv.DictReader(io.StringIO(download(page, "Download CSV (ACLED columns)").decode("utf-8-sig"))))
    assert rows and all(r["source"].startswith("<img") for r in rows)  # text, not a formula: kept as is
    assert any("xss-correction" in r["assoc_actor_1"] for r in rows)
    geo = download(page, "Download GeoJSON (for QGIS)").decode("utf-8")
    assert "<" not in geo and "xss-outlet" in json.loads(geo)["features"][0]["properties"]["source"]
    nothing_ran(page)

    # The map, its markers, popups and side panel.
    frame = open_map(page, app_server.url)
    expand_clusters(frame)
    for marker in clickable_markers(frame)[:6]:
        marker.hover()
        marker.click()
        settle(page, 0.3)
    nothing_ran(page)
