"""Clause reading on sentences written for these tests (not from the seeds): what is a
target, what is only a qualifier, an origin, a precaution or a threat, and who did it."""

from __future__ import annotations

import datetime as dt

import pytest

from extract import extract_events
from extract.model import ArticleMeta

PUB = dt.date(2024, 3, 14)  # a Thursday


def run(gaz, text, published=PUB):
    return extract_events(text, gazetteer=gaz, meta=ArticleMeta(file="t.txt", published=published))


def text_at(event, place):
    """The place as the excerpt shows it, through the excerpt offsets."""
    return event.excerpt[place.start - event.excerpt_start:place.end - event.excerpt_start]


def places(events):
    return [(e.role, sorted(t.key or t.text for t in e.targets)) for e in events]


def test_militia_rockets_on_a_coalition_base_are_an_attack(gaz):
    ev = run(gaz, "قصفت الميليشيات الإيرانية بالصواريخ قاعدة حقل العمر النفطي فجر الأربعاء.")
    assert places(ev) == [("attack", ["omar_oil_field"])]
    e = ev[0]
    assert e.actor == "iran_backed" and e.weapon == "rocket"
    assert e.date == dt.date(2024, 3, 13) and e.time_precision == 1


def test_coalition_strike_on_militia_positions_is_a_retaliation_with_a_list(gaz):
    ev = run(gaz, "شنّت طائرات التحالف الدولي غارات على مواقع لفصائل عراقية في قرى حطلة ومراط وخشام بريف دير الزور.")
    assert places(ev) == [("retaliation", ["hatla", "khasham", "marrat"])]
    assert ev[0].actor == "us_coalition" and ev[0].weapon == "airstrike"


def test_a_place_that_situates_another_is_not_a_target(gaz):
    ev = run(gaz, "استهدفت طائرة مسيرة قاعدة الشدادي جنوب الحسكة بمحافظة الحسكة.")
    assert places(ev) == [("attack", ["shaddadi_base"])]


def test_launch_point_is_the_origin_not_a_target(gaz):
    ev = run(gaz, "سقطت ثلاثة صواريخ على قاعدة كونيكو، وقالت مصادر إن الصواريخ أُطلقت من بلدة خشام.")
    assert places(ev) == [("attack", ["conoco"])]
    assert ev[0].origin is not None and ev[0].origin.key == "khasham"


def test_source_of_the_rockets_stated_in_its_own_sentence_is_the_origin(gaz):
    text = "تعرضت قاعدة التحالف في حقل العمر لهجوم صاروخي مساء الثلاثاء.\nوتم إطلاق الصواريخ من بادية الميادين."
    ev = run(gaz, text)
    assert places(ev) == [("attack", ["omar_oil_field"])]
    assert ev[0].origin.key == "badiya_mayadin"


def test_where_the_striking_force_is_stationed_is_the_origin(gaz):
    ev = run(gaz, "قصفت القوات الأمريكية المتمركزة في حقل كونيكو بالمدفعية مواقع الميليشيات في قريتي مراط وحطلة.")
    assert places(ev) == [("retaliation", ["hatla", "marrat"])]
    assert ev[0].origin.key == "conoco" and ev[0].weapon == "artillery"


def test_flares_and_precautions_are_not_events(gaz):
    ev = run(gaz, "أطلقت القوات الأمريكية قنابل مضيئة فوق قاعدة خراب الجير تحسباً لأي هجوم.")
    assert ev == []


def test_threats_conditions_and_purposes_are_not_events(gaz):
    text = ("هددت كتائب حزب الله باستهداف قاعدة التنف إذا استمرت الغارات.\n"
            "وقال المتحدث إن قواته لن تتردد في قصف مواقع الميليشيات في البوكمال.\n"
            "ونصبت المجموعة منصة بهدف استهداف القاعدة الأمريكية في حقل كونيكو.")
    assert run(gaz, text) == []


def test_background_deployment_and_reinforcements_are_not_events(gaz):
    text = ("تنتشر الميليشيات الإيرانية في البوكمال والميادين منذ سنوات.\n"
            "ودفعت قوات التحالف بتعزيزات عسكرية إلى قاعدة الشدادي.\n"
            "وسبق أن تعرضت القواعد الأمريكية في حقل العمر لهجمات متكررة.")
    assert run(gaz, text) == []


def test_places_outside_the_theatre_and_distance_references(gaz):
    ev = run(gaz, "تعرضت قاعدة التنف الواقعة على بعد 20 كم من الحدود في منطقة تبعد 240 كم شرقي حمص لهجوم بطائرتين مسيرتين.")
    assert places(ev) == [("attack", ["tanf_garrison"])]
    assert ev[0].weapon == "drone"


def test_shot_down_drones_are_still_an_attack(gaz):
    ev = run(gaz, "أسقطت الدفاعات الجوية في قاعدة التنف طائرة مسيرة قبل وصولها، صباح اليوم.")
    assert places(ev) == [("attack", ["tanf_garrison"])]
    assert ev[0].date == PUB


def test_unknown_aircraft_and_hedged_coalition(gaz):
    ev = run(gaz, "استهدف طيران مجهول مقراً للواء فاطميون في مدينة البوكمال.")
    assert places(ev) == [("retaliation", ["albukamal"])]
    assert ev[0].actor == "unknown"
    ev = run(gaz, "قصفت طائرات يرجح أنها تابعة للتحالف الدولي مستودعات أسلحة لحزب الله في بادية البوكمال.")
    assert places(ev) == [("retaliation", ["badiya_albukamal"])]
    assert ev[0].actor == "us_coalition"
    assert ev[0].actor_hedge and "يرجح" in ev[0].actor_hedge


def test_other_parties_fighting_each_other_are_other(gaz):
    ev = run(gaz, "قصفت قوات النظام بقذائف الهاون مواقع قسد في بلدة ذيبان.")
    assert places(ev) == [("other", ["dhiban"])]
    assert ev[0].actor == "syrian_government"


def test_victims_named_after_site_nouns_are_not_the_actor(gaz):
    ev = run(gaz, "قتل أربعة عناصر من الحرس الثوري الإيراني بغارة جوية على موقعهم قرب مدينة الميادين.")
    assert places(ev) == [("retaliation", ["mayadin"])]
    assert ev[0].actor == "unknown" and ev[0].killed == 4


def test_place_names_the_gazetteer_lacks_are_kept_by_name(gaz):
    ev = run(gaz, "استهدفت طائرة مسيرة أمريكية سيارة لقيادي في الميليشيات عند مدخل قرية الزباري شرقي دير الزور.")
    assert places(ev) == [("retaliation", ["الزباري"])]
    t = ev[0].targets[0]
    assert t.key is None and t.lat is None and text_at(ev[0], t) == "الزباري"


def test_unknown_name_in_a_list_of_known_ones(gaz):
    ev = run(gaz, "قصفت المدفعية الأمريكية مواقع الميليشيات في بلدات العشارة والدوير والقورية.")
    assert places(ev) == [("retaliation", ["asharah", "quriyah", "الدوير"])]
    assert [t.text for t in ev[0].targets] == ["العشارة", "الدوير", "القورية"]


def test_the_town_named_earlier_in_the_sentence(gaz):
    ev = run(gaz, "انطلقت صواريخ من محيط مدينة الميادين باتجاه حقل العمر، وردت القوات الأمريكية بقصف مدفعي على أطراف المدينة.")
    assert places(ev) == [("attack", ["omar_oil_field"]), ("retaliation", ["mayadin"])]


def test_vocalised_text_with_tatweel_and_odd_quotes(gaz):
    text = "استهـدفَتْ الميليشياتُ الإيرانيّةُ ‹قاعدةَ› «كونيكو» بصواريخَ ‘غراد’ ليلَ الثلاثاء."
    ev = run(gaz, text)
    assert places(ev) == [("attack", ["conoco"])]
    t = ev[0].targets[0]
    assert text[t.start:t.end] == "كونيكو"


def test_casualties_from_the_clause(gaz):
    ev = run(gaz, "أسفرت غارة أمريكية على حي الجمعيات في البوكمال عن مقتل خمسة عناصر وإصابة ثلاثة آخرين.")
    assert places(ev) == [("retaliation", ["jamiyat_albukamal"])]
    assert (ev[0].killed, ev[0].wounded) == (5, 3)


def test_resistance_claims_name_the_occupation_base(gaz):
    text = ("أعلنت المقاومة الإسلامية في العراق أن مجاهديها استهدفوا قاعدة الاحتلال الأمريكي في حقل العمر بطائرة مسيّرة.\n"
            "وفي عملية ثانية، استهدف المجاهدون بالصواريخ قاعدة الاحتلال في الشدادي بريف الحسكة.")
    ev = run(gaz, text)
    # «قاعدة الاحتلال في الشدادي» is the base at al-Shaddadi, not the town
    assert places(ev) == [("attack", ["omar_oil_field"]), ("attack", ["shaddadi_base"])]
    assert {e.actor for e in ev} == {"iran_backed"}
    assert ev[0].actor_group == "المقاومة الإسلامية في العراق"


def test_places_joined_by_wa_fi_are_a_list_and_a_wide_region_is_dropped(gaz):
    text = "نفذت القوات الأمريكية ضربات دقيقة على منشأتين للحرس الثوري قرب الميادين وفي محيط البوكمال شرق سوريا."
    ev = run(gaz, text)
    assert places(ev) == [("retaliation", ["albukamal", "mayadin"])]
    # «قرب الميادين», «في محيط البوكمال»: near the towns, not in them
    assert [t.geo_precision for t in ev[0].targets] == [2, 2]


def test_hospital_and_convoy_route_are_not_targets(gaz):
    text = ("قتل ستة عناصر من حزب الله بغارات جوية مجهولة على مقرات في حي الطويبة بمدينة البوكمال، ونقل المصابون إلى مشفى الميادين.\n"
            "وكانت قافلة صهاريج قادمة من العراق عبر معبر البوكمال قد تعرضت لغارة أمس.")
    ev = run(gaz, text)
    # the quarter the gazetteer lacks is kept by name; its town gives the map a point
    assert places(ev) == [("retaliation", ["albukamal", "حي الطويبة"])]
    assert ev[0].killed == 6 and [t.key for t in ev[0].targets] == [None, "albukamal"]


def test_a_flight_after_a_strike_is_not_a_strike_on_the_town(gaz):
    text = ("عاجل | قصف صاروخي مجهول المصدر يستهدف قاعدة التحالف في حقل العمر قبل قليل\n"
            "عاجل | تحليق مكثف لمروحيات التحالف فوق مدينة الميادين بعد استهداف القاعدة")
    ev = run(gaz, text)
    assert places(ev) == [("attack", ["omar_oil_field"])]


def test_future_and_modal_strikes_are_not_events(gaz):
    text = ("ويرى محللون أن الفصائل قد تصعّد هجماتها على قاعدتي التنف والشدادي.\n"
            "وسيستهدف الطيران الأمريكي مواقع الميليشيات في البوكمال إذا تواصلت الهجمات.\n"
            "ويمكن للولايات المتحدة أن تقصف مستودعات الأسلحة في الميادين.\n"
            "وتعرضت القواعد الأمريكية في حقل العمر لعشرات الهجمات منذ بداية العام.")
    assert run(gaz, text) == []


def test_actor_text_is_clean_and_the_aircraft_is_named(gaz):
    ev = run(gaz, 'استهدفت طائرات مُسيرة تابعة لقوات "التحالف الدولي" مواقع للميليشيات في منطقة "حويجة صقر".')
    assert ev[0].actor_text == "قوات التحالف"
    ev = run(gaz, "استهدفت طائرات حربية مجهولة مقراً للنجباء في البوكمال.")
    assert (ev[0].actor, ev[0].actor_text) == ("unknown", "طائرات حربية مجهولة")


def test_a_short_first_word_behind_a_proclitic(gaz):
    ev = run(gaz, "تبنت المقاومة الإسلامية في العراق استهداف قاعدتي الشدادي وتل بيدر بالطائرات المسيرة.")
    # («قاعدتي الشدادي»: the base at al-Shaddadi, not the town)
    assert places(ev) == [("attack", ["shaddadi_base", "tal_baydar"])]


def test_comma_lists_without_wa(gaz):
    ev = run(gaz, "قصفت القوات الأمريكية مواقع الميليشيات في قرى الحسينية، الصالحية، حطلة بريف دير الزور.")
    assert places(ev) == [("retaliation", ["hatla", "husayniyah", "salhiyah_deir_ez_zor"])]
    ev = run(gaz, "استهدفت طائرة مسيرة قاعدة الشدادي، الحسكة.")
    assert places(ev) == [("attack", ["shaddadi_base"])]


def test_the_sentence_subject_strikes_in_a_later_clause(gaz):
    text = ("لاحقت مروحيات التحالف الدولي مجموعة من عناصر الميليشيات بعد إطلاقهم صواريخ نحو حقل العمر، "
            "واستهدفتهم في محيط قرية الطابية، ما أدى إلى إصابة عنصر.")
    ev = run(gaz, text)
    assert sorted(places(ev)) == [("attack", ["omar_oil_field"]), ("retaliation", ["tabiyeh"])]
    strike = next(e for e in ev if e.role == "retaliation")
    assert strike.actor == "us_coalition" and strike.wounded == 1


def test_the_answer_after_a_comma_and_an_unknown_source(gaz):
    text = ("تعرضت قاعدة حقل العمر مساء الأحد لهجوم بعدة صواريخ انطلقت من بادية الميادين، "
            "وردت مدفعية التحالف بقصف مصادر إطلاق الصواريخ في بلدات القورية والعشارة والزباري.")
    ev = run(gaz, text)
    assert places(ev) == [("attack", ["omar_oil_field"]), ("retaliation", ["asharah", "quriyah", "الزباري"])]
    assert ev[0].origin.key == "badiya_mayadin" and ev[1].responds_to == ev[0].event_id
    ev = run(gaz, "هجوم بقذيفة هاون مجهولة المصدر يستهدف محيط قاعدة الشدادي، وأعلنت القوات الأمريكية الاستنفار.")
    assert places(ev) == [("attack", ["shaddadi_base"])] and ev[0].origin is None


def test_an_unknown_drone_on_a_launcher_is_a_retaliation(gaz):
    ev = run(gaz, "استهدفت مسيرة مجهولة منصة صواريخ جنوب حقل التيم بريف ديرالزور.")
    assert places(ev) == [("retaliation", ["حقل التيم"])] and ev[0].actor == "unknown"


@pytest.mark.parametrize("text, target_keys, weapon, killed", [
    ("عدوان جوي شنه طيران الاحتلال الأمريكي فجر اليوم على محيط مدينة البوكمال ومطار الحمدان.",
     ["albukamal", "hamdan_airport"], "airstrike", None),
    ("شن طيران الاحتلال الأميركي مساء أمس عدواناً جوياً على محيط مدينة البوكمال ومطار دير الزور.",
     ["albukamal", "deir_ez_zor_airport"], "airstrike", None),
    ("استشهد ثلاثة مدنيين جراء عدوان أمريكي على قرية حطلة بريف دير الزور فجر اليوم.",
     ["hatla"], None, 3),
])
def test_the_government_wires_aggression_is_an_american_strike(gaz, text, target_keys, weapon, killed):
    ev = run(gaz, text)
    assert places(ev) == [("retaliation", target_keys)]
    assert ev[0].actor == "us_coalition" and ev[0].weapon == weapon and ev[0].killed == killed


@pytest.mark.parametrize("text, expected", [
    ("رفعت الميليشيات جاهزيتها في الميادين وأخلت مقراتها خوفاً من ضربات أمريكية.", []),
    ("أخلت الميليشيات الإيرانية مقراتها في مدينة البوكمال ترقباً لضربات أمريكية انتقامية.", []),
    ("استهدفت غارات أمريكية فجر الأربعاء مواقع في الميادين، فيما أخلت الميليشيات مقراتها في البوكمال "
     "خوفاً من ضربات جديدة.", [("retaliation", ["mayadin"])]),
])
def test_a_strike_feared_is_no_strike(gaz, text, expected):
    assert places(run(gaz, text)) == expected


@pytest.mark.parametrize("text", [
    # a search-and-arrest sweep, even when it names the strike it hunts for
    "نفذت قوات سوريا الديمقراطية حملة تمشيط في محيط بلدتي ذيبان والشحيل بحثاً عن الخلية واعتقلت خمسة أشخاص.",
    "نفذت قسد بدعم من التحالف حملة أمنية في محيط بلدتي ذيبان والشحيل بحثاً عن المتورطين في استهداف قاعدة حقل العمر.",
    # a tally of attacks is background
    "أحصت وزارة الدفاع الأمريكية أكثر من 150 هجوماً على قواتها منذ أكتوبر، تركز معظمها على قاعدتي التنف والشدادي.",
    "أحصى المرصد 40 هجوماً على قواعد التحالف خلال الشهر الماضي، تركز معظمها على قاعدتي حقل العمر وكونيكو.",
    # … and so is the share of a tally a base took
    "وانتقلت الهجمات من قاعدة التنف، التي تلقّت معظم الهجمات في الشهر الأول، إلى قاعدتي الشدادي وحقل العمر.",
    "وتعرضت قاعدة حقل العمر لأغلب الهجمات خلال الأسابيع الماضية.",
    # a strike risked is not one struck
    "وتنصب الميليشيات منصاتها بين بيوت قرية الطيبة قرب الميادين، ما يعرّض السكان لخطر القصف الأمريكي المضاد.",
])
def test_sweeps_and_tallies_are_no_events(gaz, text):
    assert places(run(gaz, text)) == []


@pytest.mark.parametrize("text, key, weapon", [
    ("سقطت قذيفة هاون مجهولة المصدر قرب قاعدة حقل العمر مساء الأربعاء.", "omar_oil_field", "artillery"),
    ("أعلن التحالف الدولي إسقاط ثلاث مسيرات فوق قاعدة التنف فجر الأربعاء.", "tanf_garrison", "drone"),
])
def test_a_round_falling_or_a_drone_shot_down_by_a_base_is_an_attack_on_it(gaz, text, key, weapon):
    ev = run(gaz, text)
    assert [(e.role, e.actor, keys, e.weapon) for e, keys in ((e, sorted(t.key for t in e.targets)) for e in ev)] \
        == [("attack", "unknown", [key], weapon)]
