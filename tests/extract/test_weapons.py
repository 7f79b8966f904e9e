"""Weapon words → the model's weapon vocabulary; objects of a strike are no weapon."""

from __future__ import annotations

import pytest

from extract.weapons import choose_weapon
from geodata.arabic import normalize


def weapon(text):
    words = [t.text for t in normalize(text).tokens]
    return choose_weapon(words, 0, len(words))


@pytest.mark.parametrize("text, expected", [
    ("هجوم بطائرة مسيّرة انتحارية على القاعدة", "drone"),
    ("قصف صاروخي على حقل العمر", "rocket"),
    ("سقوط قذيفتي هاون قرب القاعدة", "artillery"),
    ("قصف مدفعي وصاروخي على القرى", "artillery"),
    ("غارات جوية على مواقع الميليشيات", "airstrike"),
    ("ضربات بطائرات إف-15 على منشأتين", "airstrike"),
    ("هجوم بصواريخ باليستية", "missile"),
    ("غارة بطائرة مسيرة على سيارة", "drone"),  # a drone strike is also «غارة»
    ("انفجار عبوة ناسفة بسيارة عسكرية", "explosive"),
    ("اشتباكات بالأسلحة الخفيفة", "small_arms"),
    ("غارات استهدفت مخازن صواريخ ومنصات إطلاق صواريخ", "airstrike"),
    ("غارة على مستودعات طائرات مسيرة", "airstrike"),
    # what an aircraft named first fires is an air strike; rockets fired from the ground are not
    ("قصفت مروحيات أمريكية المواقع بالرشاشات الثقيلة والصواريخ", "airstrike"),
    ("سقطت صواريخ على القاعدة وحلقت طائرات حربية فوقها", "rocket"),
    ("سقطت قذيفتان صاروخيتان في محيط القاعدة", "rocket"),
    ("تعرضت القاعدة لهجوم", None),
])
def test_weapon(text, expected):
    assert weapon(text) == expected
