"""What an article implies: a breaking post's date, a coalition strike's weapon. Texts written for these tests."""

from __future__ import annotations

import datetime as dt


from extract import extract_events
from extract.model import ArticleMeta


def run(gaz, text, published=None):
    return extract_events(text, gazetteer=gaz, meta=ArticleMeta(file="t.txt", published=published))


def test_a_breaking_post_tells_what_happened_the_day_it_was_posted(gaz):
    text = ("#عاجل | #دير_الزور\n"
            "سقوط قذائف صاروخية داخل قاعدة حقل العمر اللي فيها القوات الأمريكية")
    (event,) = run(gaz, text, dt.date(2023, 12, 30))
    assert (event.date, event.time_precision) == (dt.date(2023, 12, 30), 1)
    # without the label, the same text stays undated
    (event,) = extract_events(text.split("\n", 1)[1], gazetteer=gaz,
                              meta=ArticleMeta(file="t.txt", published=dt.date(2023, 12, 30)))
    assert event.date is None

def test_a_coalition_strike_that_names_no_weapon_is_an_air_strike(gaz):
    text = "نفّذت القوات الأمريكية فجر الجمعة ضربات دقيقة على منشأة للحرس الثوري قرب البوكمال."
    (event,) = run(gaz, text, dt.date(2023, 10, 27))
    assert (event.actor, event.weapon) == ("us_coalition", "airstrike")
    text = "قصفت القوات الأمريكية مواقع للميليشيات في الميادين."
    (event,) = extract_events(text, gazetteer=gaz)
    assert event.weapon is None  # «قصف» alone may be artillery
