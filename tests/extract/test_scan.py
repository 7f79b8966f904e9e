"""The article scan on sentences written for these tests: one pass finds names,
names the gazetteer lacks, strike words and the words that may date a clause."""

from __future__ import annotations

from extract.scan import scan_article


def scan(gaz, text):
    return scan_article(text, gazetteer=gaz, published=None)


def test_known_and_unknown_places_are_found_once(gaz):
    s = scan(gaz, "قصفت طائرات التحالف بلدة القورية وقرية السفافنة، ثم حقل العمر.")
    assert [(m.text, tuple(p.key for p in m.places)) for m in s.matches] == [
        ("القورية", ("quriyah",)), ("السفافنة", ()), ("حقل العمر", ("omar_oil_field",))]


def test_a_future_or_hypothetical_strike_word_is_no_trigger(gaz):
    s = scan(gaz, "ستستهدف الميليشيات أي هجوم على القاعدة")
    assert s.triggers == {}


def test_words_of_a_place_name_are_no_trigger(gaz):
    s = scan(gaz, "سقطت قذيفة في مربع الرشاشات")
    inside = {i for m in s.matches for i in range(m.token_start, m.token_end)}
    assert inside and not inside & set(s.triggers)


def test_date_words_are_marked_by_token(gaz):
    s = scan(gaz, "قصفت الطائرات الميادين ليل الثلاثاء 12 تشرين الثاني")
    assert [s.words[i] for i in sorted(s.kind_at["date"])] == ["ليل", "الثلاثاء", "12", "تشرين", "الثاني"]


def test_a_comma_then_a_new_subject_starts_a_clause(gaz):
    s = scan(gaz, "استهدفت الميليشيات قاعدة كونيكو، والقوات الأمريكية ترد بقصف الميادين")
    assert s.splits.get(s.words.index("والقوات")) == "split"
