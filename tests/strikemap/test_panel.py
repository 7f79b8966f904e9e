"""The side panel: facts, sources with count, RTL excerpts with the place marked, all escaped."""

from __future__ import annotations

import re

from strikemap.panel import (correction_choices, current_value, highlight, page_link, panel_html, places_written,
                            safe_link, sources_of)

PAYLOAD = "<img src=x onerror=alert(1)><script>alert(2)</script>${alert(3)}"


def feature(**kw):
    excerpt = "وقصفت طائرات التحالف مواقع في بلدة مراط بريف دير الزور"
    f = dict(role="retaliation", actor="us_coalition", actor_group=None, actor_hedge=None, place_ar="مراط",
             place_en="Murat", geo_precision=1, date="2024-10-14", time_precision=2, weapon="airstrike",
             killed=3, wounded=None, excerpt=excerpt, excerpt_place_start=excerpt.index("مراط"),
             excerpt_place_end=excerpt.index("مراط") + 4, article="004.txt", outlet="السورية.نت",
             url="https://www.alsouria.net/x", title="عنوان", published="2024-10-16")
    f.update(kw)
    return f


def test_facts_and_the_marked_excerpt_right_to_left():
    html = panel_html(feature())
    assert "Retaliation" in html and "US / coalition" in html and "Murat" in html
    assert "2024-10-14" in html and "to the week" in html and "airstrike" in html
    assert re.search(r"Killed / wounded</th><td>3 / not said", html)
    quote = re.search(r'<blockquote class="sm-excerpt" dir="rtl" lang="ar">(.*?)</blockquote>', html).group(1)
    assert quote == "وقصفت طائرات التحالف مواقع في بلدة <mark>مراط</mark> بريف دير الزور"
    assert '<a href="https://www.alsouria.net/x"' in html and 'rel="noopener noreferrer"' in html


def test_merged_incident_lists_every_source_with_its_count():
    other = {"article": "b.txt", "outlet": "963+", "url": "", "title": "", "published": "2024-10-15",
             "excerpt": "استهدف القصف مراط فجراً"}
    f = feature(sources=[{k: feature()[k] for k in ("article", "outlet", "url", "title", "published", "excerpt")}, other],
                sources_count=2)
    html = panel_html(f)
    assert "Sources</th><td>2" in html
    assert html.count("<blockquote") == 2
    assert "استهدف القصف <mark>مراط</mark> فجراً" in html     # found by name in the other report
    assert len(sources_of(f)) == 2 and len(sources_of(feature())) == 1


def test_untrusted_fields_are_escaped_everywhere():
    f = feature(outlet=PAYLOAD, title=PAYLOAD, article=PAYLOAD, place_ar=PAYLOAD, place_en=PAYLOAD,
                actor_group=PAYLOAD, actor_hedge=PAYLOAD, weapon=PAYLOAD, excerpt="نص " + PAYLOAD,
                excerpt_place_start=3, excerpt_place_end=10, origin_place_ar=PAYLOAD, url="javascript:alert(1)")
    html = panel_html(f)
    assert "<img" not in html and "<script" not in html and "javascript:" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_links_only_for_web_addresses_and_highlight_fallbacks():
    assert safe_link("ftp://x.org/a", "t") == "t"
    assert safe_link("https://", "t") == "t"
    assert safe_link('https://x.org/"onmouseover="a', "t").startswith('<a href="https://x.org/&quot;onmouseover=&quot;a"')
    assert highlight("قصف الميادين", 100, 200, needle="غير") == "قصف الميادين"
    assert highlight("a<b", 0, 1) == "<mark>a</mark>&lt;b"


def test_each_source_links_to_its_article_in_the_reader_and_the_selected_one_is_marked():
    other = {"article": "b 1.txt", "outlet": "963+", "url": "", "title": "", "published": "2024-10-15",
             "excerpt": "استهدف القصف مراط فجراً", "event_ids": ["b#1", "b#2"]}
    mine = {k: feature()[k] for k in ("article", "outlet", "url", "title", "published", "excerpt")}
    f = feature(event_id="a#3", sources=[dict(mine, event_ids=["a#3"]), other], sources_count=2)
    html = panel_html(f, selected_event="b#2")
    assert 'href="./Sources?article=004.txt&amp;event=a%233" target="_self">read in Sources</a>' in html
    assert 'href="./Sources?article=b+1.txt&amp;event=b%232"' in html
    assert html.count('class="sm-selected"') == 1
    assert re.search(r'<li class="sm-selected">.*?b 1\.txt', html)
    assert 'class="sm-selected"' not in panel_html(f)


def test_page_links_only_to_this_apps_pages():
    assert page_link("./Sources?article=a.txt", "r") == '<a href="./Sources?article=a.txt" target="_self">r</a>'
    for bad in ("https://x.org/", "javascript:alert(1)", "//x.org/a", "./../x", "./a b", "", None,
                './Sources"onmouseover="x'):
        assert "<a" not in page_link(bad, "r"), bad
    assert page_link("./?event=e", "<b>") == '<a href="./?event=e" target="_self">&lt;b&gt;</a>'


def test_correction_choices_and_current_values():
    from geodata import load_gazetteer
    from strikemap.store import check_correction

    gaz = load_gazetteer()
    for field in ("role", "actor", "weapon", "place", "rejected"):
        choices = correction_choices(field, gazetteer=gaz)
        assert choices
        for value in choices:  # every value offered is one the store accepts
            assert check_correction(field, value) == value
    places = correction_choices("place", gazetteer=gaz)
    assert "mayadin" in places and places[-1] is None and len(places) == len(gaz.places) + 1
    assert correction_choices("date") == [] and correction_choices("killed") == []
    f = feature(place_key="murat")
    assert [current_value(f, k) for k in ("role", "actor", "place", "date", "killed", "wounded", "rejected")] == \
        ["retaliation", "us_coalition", "murat", "2024-10-14", 3, None, False]
    reports = [feature(event_id="e"), feature(event_id="e", place_ar="خشام"), feature(event_id="x", place_ar="حطلة")]
    assert places_written(reports, "e") == ["مراط", "خشام"] and places_written(reports, "none") == []
