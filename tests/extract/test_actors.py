"""Actor vocabularies and who acts in a phrase (agent) versus who is hit (patient)."""

from __future__ import annotations

import pytest

from extract.actors import agency, find_actors, lexicon
from geodata.arabic import normalize


def read(text):
    words = [t.text for t in normalize(text).tokens]
    hits = lexicon().scan(words)
    heads = {h.start: h.label[1] for h in hits if h.label[0] == "head"}
    return words, find_actors(words), heads


@pytest.mark.parametrize("text, actor, group", [
    ("أعلن الحرس الثوري الإيراني", "iran_backed", "الحرس الثوري"),
    ("عناصر لواء فاطميون الأفغاني", "iran_backed", "لواء فاطميون"),
    ("فصيل أبو الفضل العباس", "iran_backed", "لواء أبو الفضل العباس"),
    ("كتائب حزب الله العراقية", "iran_backed", "كتائب حزب الله"),
    ("المقاومة الإسلامية في العراق", "iran_backed", "المقاومة الإسلامية في العراق"),
    ("أعلنت سينتكوم", "us_coalition", "القيادة المركزية الأمريكية"),
    ("قالت القيادة المركزية الأميركية", "us_coalition", "القيادة المركزية الأمريكية"),
    ("وزارة الدفاع الأمريكية (البنتاغون)", "us_coalition", "البنتاغون"),
    ("قصفت قوات الأسد", "syrian_government", None),
    ("هاجمت قوات سوريا الديمقراطية", "sdf", "قسد"),
])
def test_named_parties(text, actor, group):
    _, mentions, _ = read(text)
    assert mentions and mentions[0].actor == actor and mentions[0].group == group


@pytest.mark.parametrize("text, actor", [
    ("جماعات مدعومة من إيران", "iran_backed"),
    ("مقاتلون يشتبه بأنهم مرتبطون بإيران", "iran_backed"),
    ("فصائل عراقية", "iran_backed"),
    ("الميليشيات الموالية لإيران", "iran_backed"),
    ("طائرات مسيرة أمريكية", "us_coalition"),
    ("قوات الاحتلال الأمريكي", "us_coalition"),
    ("طيران مجهول", "unknown"),
    ("غارات إسرائيلية", "unknown"),  # Israel: no actor of its own; kept as the group
])
def test_markers_after_group_nouns(text, actor):
    _, mentions, _ = read(text)
    assert [m.actor for m in mentions] == [actor]


def test_israel_and_russia_keep_their_name_as_group():
    _, mentions, _ = read("غارات إسرائيلية وطيران روسي")
    assert [(m.actor, m.party_group) for m in mentions] == [("unknown", "إسرائيل"), ("syrian_government", "روسيا")]


def test_bare_group_noun_before_a_named_party_is_that_party():
    _, mentions, _ = read("مناطق سيطرة ميليشيا قسد")
    assert [m.actor for m in mentions] == ["sdf"]


@pytest.mark.parametrize("text, expected", [
    ("استهدفت طائرات مسيرة تابعة للتحالف الدولي مواقع للميليشيات الإيرانية", ["agent", "patient"]),
    ("قصفت الميليشيات الإيرانية قاعدتي قوات التحالف", ["agent", "patient"]),
    ("مقتل جندي أمريكي بهجوم لفصائل عراقية", ["patient", "agent"]),
    ("قال مسؤول أمريكي إن", ["ignore"]),
    ("مصدر مقرب من القوات الحكومية", ["ignore"]),
    ("مواقع مشتركة بين قوات الأسد والميليشيات", ["patient", "patient"]),
    ("قصف متبادل بين الميليشيات وقوات التحالف", ["agent", "agent"]),
    ("ثانوية تتخذها الميليشيات الإيرانية مقراً", ["agent"]),
    ("المدرسة التي تتخذها الميليشيات مقراً", ["ignore"]),
])
def test_agency(text, expected):
    words, mentions, heads = read(text)
    triggers = {i for i, w in enumerate(words) if w in ("استهدفت", "قصفت", "قصف", "بهجوم")}
    assert [agency(words, m.start, heads, triggers=triggers) for m in mentions] == expected
