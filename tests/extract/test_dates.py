"""Date expressions in the news, resolved against a publication date."""

import datetime as dt

import pytest

from extract.dates import find_dates, parse_date
from geodata.arabic import fold

WED_2022_08_25 = dt.date(2022, 8, 25)  # a Thursday
SAT_2023_03_25 = dt.date(2023, 3, 25)
WED_2024_10_16 = dt.date(2024, 10, 16)
WED_2024_11_13 = dt.date(2024, 11, 13)


def when(text, published):
    return parse_date(fold(text), published=published)


@pytest.mark.parametrize(
    ("text", "published", "date", "precision"),
    [
        # weekdays: the most recent such day on or before publication
        ("استهدفت الميليشيات يوم الأربعاء، قاعدتين عسكريتين", WED_2022_08_25, "2022-08-24", 1),
        ("وأعلن الرئيس، الجمعة، في أوتاوا", SAT_2023_03_25, "2023-03-24", 1),
        ("هددت مصادر ليلة السبت بنبرة هجومية", SAT_2023_03_25, "2023-03-25", 1),
        ("قصفت المدفعية صباح الخميس مواقع", WED_2024_10_16, "2024-10-10", 1),
        ("مساء يوم الاثنين", WED_2024_10_16, "2024-10-14", 1),
        ("قبل ساعات", WED_2024_10_16, "2024-10-16", 1),
        ("خلال الساعات الماضية", WED_2024_10_16, "2024-10-16", 1),
        ("خلال الأسبوع الجاري", WED_2024_10_16, "2024-10-15", 2),
        ("يوم 12 الجاري", WED_2024_10_16, "2024-10-12", 1),
        ("الأحد الفائت", WED_2024_10_16, "2024-10-13", 1),
        ("فجر أمس الثلاثاء", WED_2024_10_16, "2024-10-15", 1),
        ("في الثاني عشر من شهر تشرين الثاني", WED_2024_11_13, "2024-11-12", 1),
        ("وقع الهجوم الأربعاء الماضي", WED_2024_10_16, "2024-10-09", 1),
        ("يوم الأربعاء", WED_2024_10_16, "2024-10-16", 1),
        ("قُتل عنصر يوم الاحد", WED_2024_10_16, "2024-10-13", 1),
        ("الإثنين", WED_2024_10_16, "2024-10-14", 1),
        # nights spanning two days: the later day
        ("ليل الاثنين وفجرَ الثلاثاء، مواقعَ", WED_2024_10_16, "2024-10-15", 1),
        ("شهدت المنطقة ليلة الجمعة-السبت هجمات", SAT_2023_03_25, "2023-03-25", 1),
        ("منذ رد الجيش، ليل الخميس الجمعة، على", SAT_2023_03_25, "2023-03-24", 1),
        ("ليلة الأحد على الاثنين", WED_2024_10_16, "2024-10-14", 1),
        # yesterday/today and combinations
        ("واستهدفت أمسِ الثلاثاءَ طائراتٌ مسيّرةٌ", WED_2024_10_16, "2024-10-15", 1),
        ("وتكررت الغارات صباح اليوم على المدينة", WED_2024_11_13, "2024-11-13", 1),
        ("فجر اليوم الأحد", dt.date(2024, 1, 21), "2024-01-21", 1),
        ("قصفت في آب الماضي مواقع", dt.date(2023, 10, 10), "2023-08-15", 3),
        ("لغارات جوية ليلة أمس، كما", WED_2024_11_13, "2024-11-12", 1),
        ("الليلة الماضية", WED_2024_11_13, "2024-11-12", 1),
        ("وضربة الأمس في سوريا", WED_2022_08_25, "2022-08-24", 1),
        ("مساء أمس", WED_2022_08_25, "2022-08-24", 1),
        ("أول أمس", WED_2022_08_25, "2022-08-23", 1),
        ("قبل يومين", WED_2024_10_16, "2024-10-14", 1),
        ("قبل ثلاثة أيام", WED_2024_10_16, "2024-10-13", 1),
        ("منذ 4 أيام", WED_2024_10_16, "2024-10-12", 1),
        ("قبل 10 ايام", WED_2024_10_16, "2024-10-06", 2),
        # weeks, a few days, months
        ("الهجوم على قاعدة التنف الأسبوع الماضي", WED_2022_08_25, "2022-08-18", 2),
        ("قُتلوا خلال الأسبوع الفائت", WED_2024_10_16, "2024-10-09", 2),
        ("بعد أيام من غارات أخرى", WED_2024_11_13, "2024-11-10", 2),
        ("وسبقها قبل أيام هجوم", WED_2024_11_13, "2024-11-10", 2),
        ("خلال الأيام الماضية", WED_2024_11_13, "2024-11-10", 2),
        ("وفي نهاية الشهر الماضي، ردت قوات التحالف", WED_2024_11_13, "2024-10-28", 2),
        ("مطلع الشهر الماضي", WED_2024_11_13, "2024-10-04", 2),
        ("الشهر الماضي", WED_2024_11_13, "2024-10-15", 3),
        ("الشهر الماضي", dt.date(2024, 1, 3), "2023-12-15", 3),
        ("خلال الشهر الجاري", WED_2024_11_13, "2024-11-13", 3),
        # explicit dates, Gregorian and Levantine months
        ("في 12 نوفمبر/تشرين الثاني.", WED_2024_11_13, "2024-11-12", 1),
        ("12 تشرين الثاني 2024", None, "2024-11-12", 1),
        ("في 5 كانون الثاني", WED_2024_11_13, "2024-01-05", 1),
        ("في 20 كانون الأول", dt.date(2024, 1, 10), "2023-12-20", 1),
        ("في 3 آذار", WED_2024_11_13, "2024-03-03", 1),
        ("يوم 7 آب", WED_2024_11_13, "2024-08-07", 1),
        ("في 9 أيلول/سبتمبر 2023", None, "2023-09-09", 1),
        ("في الـ12 من الشهر الجاري", WED_2024_10_16, "2024-10-12", 1),
        ("التي وقعت في الخامس عشر من الجاري ونفذتها", WED_2022_08_25, "2022-08-15", 1),
        ("في الحادي والعشرين من الشهر الماضي", WED_2024_11_13, "2024-10-21", 1),
        ("الأول من تشرين الثاني", WED_2024_11_13, "2024-11-01", 1),
        ("2024-11-12", None, "2024-11-12", 1),
        # breaking news: «a little while ago» is the day it was published
        ("سقوط قذائف على حقل العمر قبل قليل", WED_2024_11_13, "2024-11-13", 1),
        ("دوي انفجار منذ قليل", WED_2024_11_13, "2024-11-13", 1),
        ("٣ انفجارات قوية هزّت المدينة قبل شوي", WED_2024_11_13, "2024-11-13", 1),
        # «the same month»: a round-up's own month
        ("أسقطت الدفاعات مسيّرتين يوم 22 من الشهر ذاته", dt.date(2024, 8, 31), "2024-08-22", 1),
        ("بتاريخ 12/11/2024", None, "2024-11-12", 1),
        ("يوم الثلاثاء 12 تشرين الثاني 2024", None, "2024-11-12", 1),
        ("في شهر تشرين الأول 2023", WED_2024_10_16, "2023-10-15", 3),
        ("منذ مطلع شباط", WED_2024_10_16, "2024-02-15", 3),
    ],
)
def test_resolved(text, published, date, precision):
    got = when(text, published)
    assert got is not None
    assert (got.date.isoformat(), got.precision) == (date, precision)


def test_text_is_the_folded_span():
    got = when("واستهدفت أمس الثلاثاء طائرات", WED_2024_10_16)
    assert got.text == "امس الثلاثاء"


def test_the_same_day_refers_back_it_is_not_today():
    assert when("وفي وقت لاحق من اليوم نفسه سقطت قذيفة", WED_2024_11_13) is None
    assert when("مساء اليوم ذاته", WED_2024_11_13) is None


@pytest.mark.parametrize(
    "text", ["ليل الثلاثاء", "صباح اليوم", "الأسبوع الماضي", "في 12 نوفمبر", "الخامس عشر من الجاري",
             "نهاية الشهر الماضي"],
)
def test_relative_without_publication_is_kept_but_unresolved(text):
    got = when(text, None)
    assert got is not None and got.date is None and got.precision is None and got.text


@pytest.mark.parametrize(
    "text",
    [
        "لا يعرف ما إذا كان التصعيد سيستمر",
        "في منطقة الجمعيات بمدينة البوكمال",  # not الجمعة
        "سيزور الوفد المنطقة الأربعاء المقبل",  # future: not an event date
        "ما زال الاستنفار قائماً حتى اليوم",  # up to now, not a day
        "في اليوم التالي",
        "قُتل 12 عنصراً",  # a number, not a date
        "في 31 شباط",  # no such day
        "بتاريخ 45/13/2024",
        "في العشرين من الشهر الجاري",  # published on the 16th: still to come
    ],
)
def test_no_date(text):
    assert when(text, WED_2024_10_16) is None


def test_find_dates_returns_every_expression_left_to_right():
    text = fold("قصف يوم الأربعاء، ثم ليلة أمس، بعد هجوم 12 آب")
    found = find_dates(text, published=WED_2022_08_25)
    assert [text[m.start:m.end] for m in found] == ["يوم الاربعاء", "ليله امس", "12 اب"]
    assert [m.when.date for m in found] == [dt.date(2022, 8, 24), dt.date(2022, 8, 24), dt.date(2022, 8, 12)]


def test_today_with_its_weekday_is_one_expression():
    text = fold("تعرضت القاعدة، فجر اليوم الأحد، لهجوم")
    found = find_dates(text, published=dt.date(2024, 1, 21))
    assert [m.when.text for m in found] == ["فجر اليوم الاحد"]


def test_first_expression_is_the_clause_date():
    got = when("ردا على هجوم الأسبوع الماضي، قصفت الطائرات يوم الأربعاء", WED_2022_08_25)
    assert got.precision == 2


@pytest.mark.parametrize("text, date", [
    # the report is dated first, the strike after «أن»
    ("أعلن البنتاغون اليوم الخميس أن طائراته قصفت يوم الثلاثاء مواقع في البوكمال", dt.date(2024, 10, 15)),
    ("وقال المرصد مساء اليوم إنّ غارات استهدفت أمس مواقع في الميادين", dt.date(2024, 10, 16)),
    # no «أن» between them: the first stays
    ("قصفت الطائرات يوم الثلاثاء مواقع في البوكمال، وقال مسؤول اليوم إن الضربات دقيقة", dt.date(2024, 10, 15)),
])
def test_a_report_dates_itself_before_the_strike_it_tells(text, date):
    assert when(text, dt.date(2024, 10, 17)).date == date


# -- untrusted text -------------------------------------------------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = ["يوم", "الاربعاء", "ليل", "ليله", "امس", "اليوم", "الاسبوع", "الماضي", "الشهر", "الجاري", "من",
           "الخامس", "عشر", "تشرين", "الثاني", "كانون", "اب", "12", "2024", "/", "-", "31", "شباط", "قبل", "ايام",
           "يومين", "نهايه", "علي", "و", "فجر", "ثلاثه", "منذ", "ساعات", "الحادي", "والعشرين", "ال12", "الثلاثاء", " ", "، ", "99", "0", "13/13/2024", "2024-02-30"]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=30),
       published=st.one_of(st.none(), st.dates(min_value=dt.date(1, 3, 1), max_value=dt.date(9999, 12, 31))))
def test_find_dates_never_raises_and_spans_are_ordered(words, published):
    text = " ".join(words)
    found = find_dates(text, published=published)
    ends = -1
    for m in found:
        assert ends <= m.start < m.end <= len(text)
        ends = m.end
        assert m.when.text == text[m.start:m.end].strip()
        if m.when.date is not None:
            assert m.when.precision in (1, 2, 3)
            if published is not None and m.when.text and not any(c.isdigit() for c in m.when.text):
                assert m.when.date <= published  # relative dates never land after publication
        else:
            assert m.when.precision is None


def test_the_narrowed_search_finds_what_a_full_scan_finds():
    """find_dates tries its dearest patterns only near a word every match must
    hold (``_LEAD``); on every sentence of the seeds and the test sets, and on
    each of their clauses cut at a comma, that finds exactly the matches of a
    scan position by position. (A pattern edited without its lead fails here.)"""
    import re
    from pathlib import Path

    from extract.dates import _LEAD, _PATTERNS, _matches

    root = Path(__file__).resolve().parents[2]
    texts = set()
    for path in [*root.glob("seeds/*.txt"), *root.glob("tests/*/*.txt")]:
        folded = fold(path.read_bytes().decode("utf-8", errors="replace"))  # (a few are cp1256 on purpose)
        for sentence in re.split(r"[.!?؟\n]+", folded):
            texts.add(sentence)
            texts.update(sentence.split("،"))
    led = [(kind, pattern) for kind, pattern in _PATTERNS if kind in _LEAD]
    assert len(led) == len(_LEAD) and len(texts) > 3000
    found = 0
    for text in texts:
        for kind, pattern in led:
            narrowed = [m.span() for m in _matches(kind, pattern, text)]
            assert narrowed == [m.span() for m in pattern.finditer(text)], (kind, text)
            found += len(narrowed)
    assert found > 500
