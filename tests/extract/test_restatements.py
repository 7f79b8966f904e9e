"""The same strike told twice is one event: headlines, summaries of towns, toll updates. Texts written for these tests."""

from __future__ import annotations

import datetime as dt


from extract import extract_events
from extract.model import ArticleMeta


def run(gaz, text, published=None):
    return extract_events(text, gazetteer=gaz, meta=ArticleMeta(file="t.txt", published=published))


def test_a_headline_restating_the_body_is_one_event_with_it(gaz):
    text = ("عدوان أمريكي جديد على البوكمال يوقع ضحايا بين المدنيين\n"
            "ارتقى مدنيان جراء عدوان جوي أمريكي استهدف فجر اليوم منازل في بلدة الهري وحي الجمعيات "
            "بمدينة البوكمال.")
    events = run(gaz, text, dt.date(2024, 2, 3))
    assert [(e.role, sorted(t.key for t in e.targets)) for e in events] == [
        ("retaliation", ["hari", "jamiyat_albukamal"])]

def test_a_headline_naming_what_the_body_does_not_is_kept(gaz):
    text = ("غارات أمريكية على مطار الحمدان\n"
            "وفي سياق آخر، سقطت قذيفتان على قاعدة كونيكو مساء أمس.")
    events = run(gaz, text, dt.date(2024, 2, 3))
    assert sorted((e.role, tuple(t.key for t in e.targets)) for e in events) == [
        ("attack", ("conoco",)), ("retaliation", ("hamdan_airport",))]

def test_the_sites_told_after_a_summary_of_towns_are_the_event(gaz):
    text = ("ارتفعت حصيلة القتلى جراء الضربات الأمريكية التي استهدفت مساء الجمعة مواقع في مدينتي الميادين "
            "والبوكمال إلى 23 قتيلاً.\n"
            "وطالت الضربات مقرات في حي الجمعيات بالبوكمال ومحيط قلعة الرحبة قرب الميادين.")
    events = run(gaz, text, dt.date(2024, 2, 4))
    assert [(e.role, sorted(t.key for t in e.targets), e.killed) for e in events] == [
        ("retaliation", ["jamiyat_albukamal", "rahba_castle"], 23)]

def test_a_toll_update_is_the_strike_it_counts(gaz):
    text = ("كشفت مصادر محلية اليوم الأربعاء أن حصيلة القتلى جراء الضربات الأمريكية على الميادين ارتفعت "
            "إلى تسعة عناصر.\n"
            "وكانت مقاتلات أمريكية قد قصفت مساء السبت الماضي مقراً للميليشيا في ثانوية عبد المنعم رياض "
            "وسط المدينة.")
    events = run(gaz, text, dt.date(2024, 9, 11))
    assert [(e.role, [t.key for t in e.targets], e.date, e.killed) for e in events] == [
        ("retaliation", ["abdulmunim_riyad_school"], dt.date(2024, 9, 7), 9)]
