"""The side panel: facts, sources with count, RTL excerpts with the place marked, all escaped."""

from __future__ import annotations

import re

from strikemap.panel import highlight, panel_html, safe_link, sources_of

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
