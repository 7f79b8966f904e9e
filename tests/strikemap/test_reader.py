"""The article reader: escaped RTL HTML with places, actors and dates marked."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

from extract.model import Event, EventDate, PlaceMention
from geodata.gazetteer import Gazetteer, Place
from strikemap.reader import article_html, event_rows, highlights

MAYADIN = Place(key="mayadin", name_ar="الميادين", name_en="Mayadin", kind="city", admin1="Deir ez-Zor",
                lat=35.0206, lon=40.4513, uncertainty_km=3, source="test")
OMAR = Place(key="omar_field", name_ar="حقل العمر", aliases_ar=("العمر",), name_en="al-Omar oil field",
             kind="oil_field", admin1="Deir ez-Zor", lat=35.0617, lon=40.5446, uncertainty_km=2, source="test")
TANF_BASE = Place(key="tanf_garrison", name_ar="قاعدة التنف", aliases_ar=("التنف",), name_en="al-Tanf garrison",
                  kind="base", lat=33.49, lon=38.63, uncertainty_km=2, source="test", shared_names=("التنف",))
TANF_CROSSING = Place(key="tanf_crossing", name_ar="معبر التنف", aliases_ar=("التنف",),
                      name_en="al-Tanf border crossing", kind="crossing", lat=33.41, lon=38.67,
                      uncertainty_km=2, source="test", shared_names=("التنف",))
GAZ = Gazetteer([MAYADIN, OMAR, TANF_BASE, TANF_CROSSING])

# Written for this test, in the style of the news.
TEXT = (
    "قصف متبادل شرق سوريا\n"
    "استهدفت الميليشيات الموالية لإيران فجر الثلاثاء قاعدة حقل العمر بعدة صواريخ انطلقت من بادية الميادين.\n"
    "وردت طائرات التحالف الدولي بغارات على مواقع في الميادين مساء اليوم ذاته، بحسب مصادر محلية.\n"
    "ولم تسجل أي تحركات قرب التنف خلال الأيام الماضية."
)


def span(word: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(word, i + 1)
    return i, i + len(word)


def mention(word: str, place: Place | None, nth: int = 0, **kw) -> PlaceMention:
    s, e = span(word, nth)
    if place is None:
        return PlaceMention(text=word, start=s, end=e, **kw)
    return PlaceMention(text=word, start=s, end=e, key=place.key, name_en=place.name_en,
                        lat=place.lat, lon=place.lon, geo_precision=1, confidence=1.0)


def sentence(nth: int) -> tuple[str, int]:
    lines = TEXT.split("\n")
    start = sum(len(l) + 1 for l in lines[:nth])
    return lines[nth], start


def events() -> list[Event]:
    s1, o1 = sentence(1)
    s2, o2 = sentence(2)
    attack = Event(
        event_id="t-e1", article="t.txt", role="attack", actor="iran_backed",
        actor_text="الميليشيات الموالية لإيران", targets=(mention("حقل العمر", OMAR),),
        excerpt=s1, excerpt_start=o1, origin=mention("الميادين", MAYADIN, 0), weapon="rocket",
        when=EventDate(date=dt.date(2024, 5, 7), precision=1, text="فجر الثلاثاء"),
    )
    answer = Event(
        event_id="t-e2", article="t.txt", role="retaliation", actor="us_coalition",
        actor_text="طائرات التحالف الدولي", targets=(mention("الميادين", MAYADIN, 1),),
        excerpt=s2, excerpt_start=o2, weapon="airstrike", responds_to="t-e1",
        when=EventDate(date=dt.date(2024, 5, 7), precision=1, text="مساء اليوم ذاته"),
    )
    return [attack, answer]


def test_every_recognised_thing_is_marked_on_the_words_as_written():
    hs = highlights(TEXT, events(), gazetteer=GAZ)
    got = [(h.kind, TEXT[h.start:h.end]) for h in hs]
    assert got == [
        ("actor", "الميليشيات الموالية لإيران"),
        ("date", "فجر الثلاثاء"),
        ("place", "حقل العمر"),
        ("origin", "الميادين"),
        ("actor", "طائرات التحالف الدولي"),
        ("place", "الميادين"),
        ("date", "مساء اليوم ذاته"),
        ("mention", "التنف"),
    ]
    assert [h.start for h in hs] == sorted(h.start for h in hs)
    for a, b in zip(hs, hs[1:]):
        assert a.end <= b.start


def test_titles_say_how_each_was_resolved():
    hs = {(h.kind, TEXT[h.start:h.end]): h for h in highlights(TEXT, events(), gazetteer=GAZ)}
    omar = hs[("place", "حقل العمر")].title
    assert "gazetteer key: omar_field" in omar and "English: al-Omar oil field" in omar
    assert "confidence: 1.00" in omar and "reason: the only place with this name" in omar
    assert "event t-e1 (attack" in omar
    assert "launched from" in hs[("origin", "الميادين")].title
    actor = hs[("actor", "طائرات التحالف الدولي")].title
    assert "US / coalition" in actor and "t-e2" in actor
    date = hs[("date", "فجر الثلاثاء")].title
    assert "2024-05-07" in date and "(day)" in date
    tanf = hs[("mention", "التنف")].title
    assert "tanf_garrison" in tanf and "tanf_crossing" in tanf and "no event extracted here" in tanf


def test_unresolved_place_is_marked_as_such():
    s1, o1 = sentence(1)
    e = Event(event_id="u-e1", article="t.txt", role="attack", actor="unknown", actor_text="",
              targets=(mention("التنف", None, candidates=("tanf_garrison", "tanf_crossing")),),
              excerpt=TEXT, excerpt_start=0)
    (h,) = highlights(TEXT, [e])
    assert h.kind == "place" and not h.resolved
    assert "not resolved: could be tanf_garrison, tanf_crossing" in h.title
    assert "sm-unresolved" in article_html(TEXT, [e])


def test_offsets_that_do_not_fit_the_text_are_skipped():
    bad = Event(event_id="b", article="t.txt", role="attack", actor="unknown", actor_text="غير موجود",
                targets=(PlaceMention(text="الميادين", start=0, end=8, key="mayadin"),
                         PlaceMention(text="x", start=10_000, end=10_001)),
                excerpt="", excerpt_start=0)
    assert highlights(TEXT, [bad]) == []


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.titles = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self.titles.append(dict(attrs)["title"])

    def handle_data(self, data):
        if self.tags and self.tags[-1][0] == "style" and data.lstrip().startswith("."):
            return
        self.text.append(data)


def test_html_is_rtl_and_shows_the_text_exactly():
    out = article_html(TEXT, events(), gazetteer=GAZ, css=False)
    p = Collect()
    p.feed(out)
    assert p.tags[0] == ("div", {"class": "sm-reader", "dir": "rtl", "lang": "ar"})
    assert "".join(p.text) == TEXT
    assert {t for t, _ in p.tags} == {"div", "mark"}


def test_script_payloads_in_text_and_titles_are_inert():
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">"\'&'
    text = f"{payload} قصفت طائرات مسيرة مواقع في الميادين {payload}"
    i = text.index("الميادين")
    e = Event(event_id='e"><script>x</script>', article="p.txt", role="attack", actor="unknown",
              actor_text=payload, excerpt=text, excerpt_start=0,
              targets=(PlaceMention(text="الميادين", start=i, end=i + 8, key="mayadin",
                                    name_en='<b onmouseover="alert(3)">Mayadin</b>'),),
              when=EventDate(text=payload))
    out = article_html(text, [e], gazetteer=GAZ, selected_event='e"><script>x</script>')
    p = Collect()
    p.feed(out)
    assert {t for t, _ in p.tags} <= {"style", "div", "mark"}
    for _, attrs in p.tags:
        assert not any(k.startswith("on") for k in attrs)
    assert "".join(p.text) == text
    assert any('<b onmouseover="alert(3)">Mayadin</b>' in t for t in p.titles)  # shown as text
    assert "<script" not in out and "<img" not in out


def test_selected_event_gets_an_anchor_once():
    out = article_html(TEXT, events(), selected_event="t-e2", css=False)
    assert out.count('id="sm-selected"') == 1
    assert len(re.findall(r"sm-selected", out)) == 1 + 3  # anchor id + actor, place, date of t-e2


def test_event_rows_for_the_side_table():
    rows = event_rows(events())
    assert rows[0]["role"] == "attack" and rows[0]["places"] == "حقل العمر" and rows[0]["from"] == "الميادين"
    assert rows[1]["actor"] == "US / coalition" and rows[1]["date"] == "2024-05-07"


def test_words_the_extractor_gives_folded_are_found_as_written():
    text = "وكانت طائراتٌ مسيّرةٌ قد استهدفت أمسِ الثلاثاءَ قاعدةَ كونيكو."
    e = Event(event_id="f1", article="f.txt", role="attack", actor="unknown", actor_text="طائرات مسيره",
              targets=(), excerpt=text, excerpt_start=0,
              when=EventDate(date=dt.date(2024, 10, 15), precision=1, text="امس الثلاثاء"))
    got = {h.kind: text[h.start:h.end] for h in highlights(text, [e])}
    assert got["date"] == "أمسِ الثلاثاءَ"
    assert got["actor"] == "طائراتٌ مسيّرةٌ"
