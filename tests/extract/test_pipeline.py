"""Article-level reading: restatements merge, generic places, answered attacks,
dates carried over, casualties told in the next sentence, stable event ids."""

from __future__ import annotations

import datetime as dt

import pytest

from extract import extract_events
from extract.model import ArticleMeta

PUB = dt.date(2024, 5, 9)  # a Thursday


def run(gaz, text, published=PUB, file="p.txt"):
    return extract_events(text, gazetteer=gaz, meta=ArticleMeta(file=file, published=published))


def keys(e):
    return sorted(t.key or t.text for t in e.targets)


ARTICLE = (
    "هجوم بطائرات مسيرة على قاعدة التنف ورد أمريكي في البوكمال\n"
    "تعرضت قاعدة التنف لهجوم بثلاث طائرات مسيرة فجر الأربعاء، دون وقوع إصابات.\n"
    "وردت القوات الأمريكية مساء الأربعاء بغارات على مواقع للحرس الثوري في مدينة البوكمال، ردّاً على الهجوم على قاعدة التنف.\n"
    "وأسفرت الغارات عن مقتل ستة عناصر من الميليشيات.\n"
    "وقال مسؤول أمريكي إن قاعدة التنف تعرضت لهجوم فجر الأربعاء.\n"
)


def test_restatements_merge_and_the_answer_is_linked(gaz):
    ev = run(gaz, ARTICLE)
    roles = [(e.role, keys(e)) for e in ev]
    assert roles == [("attack", ["tanf_garrison"]), ("retaliation", ["albukamal"])]
    attack, strike = ev
    assert strike.responds_to == attack.event_id
    assert attack.date == strike.date == dt.date(2024, 5, 8)
    assert attack.weapon == "drone" and strike.weapon == "airstrike"
    # the casualties told in the next sentence belong to the strike
    assert strike.killed == 6 and attack.killed == 0


def test_event_ids_are_deterministic_and_distinct(gaz):
    a = [e.event_id for e in run(gaz, ARTICLE)]
    b = [e.event_id for e in run(gaz, ARTICLE)]
    assert a == b and len(set(a)) == len(a)
    c = [e.event_id for e in run(gaz, ARTICLE, file="other.txt")]
    assert not set(a) & set(c)


def test_excerpt_offsets_point_at_the_places(gaz):
    for e in run(gaz, ARTICLE):
        assert ARTICLE[e.excerpt_start:e.excerpt_start + len(e.excerpt)] == e.excerpt
        for t in e.targets:
            assert e.excerpt[t.start - e.excerpt_start:t.end - e.excerpt_start] == ARTICLE[t.start:t.end] == t.text


def test_a_generic_lead_gives_way_to_the_specific_strikes(gaz):
    text = ("قصفت طائرات التحالف مواقع للميليشيات الإيرانية في محافظة دير الزور.\n"
            "واستهدفت الغارات مقرات في بلدتي الصالحية وحطلة ومطار دير الزور العسكري.")
    ev = run(gaz, text)
    assert [(e.role, keys(e)) for e in ev] == [
        ("retaliation", ["deir_ez_zor_airport", "hatla", "salhiyah_deir_ez_zor"])]


def test_a_generic_place_alone_is_kept_as_a_region(gaz):
    text = ("سُمع دوي انفجارات في المنطقة صباح اليوم.\n"
            "وقال ناشطون إن طائرة مسيرة مجهولة استهدفت سيارة تقل عناصر من الميليشيات بريف دير الزور الشرقي.")
    ev = run(gaz, text)
    assert [(e.role, keys(e)) for e in ev] == [("retaliation", ["deir_ez_zor_east_countryside"])]
    assert ev[0].targets[0].geo_precision == 3


def test_two_strikes_on_different_days_do_not_merge(gaz):
    text = ("قصفت القوات الأمريكية مواقع الميليشيات في بلدة خشام يوم الاثنين.\n"
            "وكانت القوات الأمريكية قد قصفت مواقع في بلدة خشام الأسبوع الماضي.\n"
            "وقصفت المدفعية الأمريكية بلدة خشام مجدداً يوم الاثنين.")
    ev = run(gaz, text)
    assert [(e.role, keys(e)) for e in ev] == [("retaliation", ["khasham"]), ("retaliation", ["khasham"])]
    assert ev[0].date == dt.date(2024, 5, 6) and ev[1].time_precision == 2


def test_no_publication_date_leaves_relative_dates_undated(gaz):
    ev = run(gaz, "استهدفت الميليشيات قاعدة حقل العمر ليل الثلاثاء.", published=None)
    assert ev[0].date is None and ev[0].when.text


@pytest.mark.parametrize("text", ["", "   \n\n", "قصف", "دير الزور", "٫٫٫", "\x00\x01", "ا" * 10000,
                                  "قصفت قاعدة", "استهدف " * 500, "«»“”" * 50])
def test_odd_inputs_do_not_raise(gaz, text):
    ev = run(gaz, text)
    assert isinstance(ev, list)


def _best(fn, reps=5):
    import time

    best = float("inf")
    for _ in range(reps):
        t0 = time.process_time()  # CPU time: other jobs on the machine do not count
        fn()
        best = min(best, time.process_time() - t0)
    return best


def test_speed_is_linear_and_close_to_normalisation(gaz):
    """Timed against folding the same text on the same machine (other jobs
    share it), best of several runs: extraction stays within a small multiple
    of normalisation, and 20× the text costs about 20× the time."""
    from geodata.arabic import normalize

    one = ARTICLE * 8  # about 5 KB, dense with events
    big = one * 20
    run(gaz, one)
    norm = _best(lambda: normalize(one).tokens)
    ext = _best(lambda: run(gaz, one))
    ext_big = _best(lambda: run(gaz, big), reps=3)
    assert ext < 30 * norm, (ext, norm)
    assert ext_big < 40 * ext, (ext_big, ext)


def test_numbered_operations_announced_by_a_strike_sentence(gaz):
    text = ("استهدف مجاهدونا أمس الاثنين:\n"
            "1- قاعدة الاحتلال في التنف بطائرتين مسيرتين.\n"
            "2- قاعدة الاحتلال في حقل كونكو بعدد من الصواريخ.\n"
            "وستستمر عملياتنا ضد قواعد الاحتلال في حقل العمر.")
    ev = run(gaz, text)
    assert [(e.role, keys(e), e.weapon) for e in ev] == [("attack", ["tanf_garrison"], "drone"),
                                                        ("attack", ["conoco"], "rocket")]
    assert {e.actor for e in ev} == {"iran_backed"} and {e.date for e in ev} == {dt.date(2024, 5, 6)}


QUIET = [
    'وصلت تعزيزات عسكرية أمريكية جديدة إلى قاعدة حقل العمر قادمة من العراق عبر معبر الوليد، تضمنت مدرعات وراجمات صواريخ من طراز هيمارس.\nوسيرت القوات الأمريكية دورية مشتركة مع قسد في بلدات ذيبان والشحيل والبصيرة، والتقت بوجهاء العشائر.\nوقال مصدر إن الهدف من التعزيزات هو رفع الجاهزية لصد أي هجوم محتمل على القواعد في كونيكو والشدادي.\n',
    'حذر قائد في الحرس الثوري الإيراني من أن "أي اعتداء أمريكي على مواقع المقاومة في البوكمال والميادين سيقابل برد قاس".\nوأضاف أن القواعد الأمريكية في التنف والعمر "في مرمى نيراننا"، مشيراً إلى أن المقاومة تمتلك صواريخ قادرة على ضرب أي هدف.\nمن جهتها، قالت وزارة الخارجية الأمريكية إن واشنطن لا تسعى إلى التصعيد، لكنها سترد على أي هجوم يستهدف قواتها.\n',
    'تشهد مدينة البوكمال أزمة مياه خانقة مع انقطاع التيار الكهربائي لساعات طويلة، وسط تدهور الأوضاع المعيشية.\nوأعلنت منظمة إنسانية عن توزيع مساعدات غذائية على النازحين في مخيم الهول بريف الحسكة الشرقي.\nوفي الميادين، افتتحت الميليشيات الإيرانية مركزاً ثقافياً جديداً بحضور قياديين من الحرس الثوري.\n',
]


@pytest.mark.parametrize("text", QUIET)
def test_reinforcements_threats_and_daily_life_are_no_events(gaz, text):
    """Pieces full of bases, towns and strike words in threats or logistics."""
    assert run(gaz, text) == []


def test_an_analysis_piece_keeps_only_what_it_dates_to_the_day(gaz):
    text = ("تحليل | واشنطن وطهران في شرق سوريا\n"
            "ردت الولايات المتحدة بضربات محدودة على مواقع الفصائل في البوكمال والميادين.\n"
            "وفي أحدث الهجمات، استهدفت طائرة مسيرة صباح الإثنين قاعدة تل بيدر شمالي الحسكة.")
    ev = run(gaz, text)
    assert [(e.role, keys(e)) for e in ev] == [("attack", ["tal_baydar"])]
    assert ev[0].date == dt.date(2024, 5, 6)


def test_hedged_attribution_in_the_lead_is_kept_over_an_unknown_aircraft_in_the_body(gaz):
    # the issue: «يرجح أنه تابع للتحالف» is kept as the actor, with the hedge
    text = ("قصفت طائرة مسيرة يرجح أنها تابعة للتحالف الدولي مواقع للميليشيات في محافظة دير الزور ليل الاثنين.\n"
            "وقال مصدر محلي إن طائرة مسيرة مجهولة استهدفت مقراً لحزب الله في بلدة القورية ليل الاثنين.\n")
    ev = run(gaz, text)
    assert [(e.role, keys(e)) for e in ev] == [("retaliation", ["quriyah"])]
    assert ev[0].actor == "us_coalition"
    assert ev[0].actor_hedge and "يرجح" in ev[0].actor_hedge
    assert ev[0].actor_text == "التحالف الدولي"


def test_a_stated_unknown_actor_stays_unknown_without_any_attribution(gaz):
    ev = run(gaz, "استهدفت طائرة مسيرة مجهولة مقراً لحزب الله في بلدة القورية ليل الاثنين.\n")
    assert [(e.role, e.actor, e.actor_hedge) for e in ev] == [("retaliation", "unknown", None)]


@pytest.mark.parametrize("text, killed, wounded", [
    ("استهدفت طائرات التحالف الدولي مواقع للميليشيات في بلدة القورية فجر الأحد، مشيرة إلى مقتل خمسة عناصر "
     "وإصابة ثلاثة آخرين.", 5, 3),
    ("استهدفت طائرات التحالف الدولي مواقع للميليشيات في بلدة القورية فجر الأحد.\n"
     "وأفاد المرصد بمقتل خمسة عناصر وإصابة ثلاثة آخرين.", 5, 3),
    ("قصفت طائرات التحالف مستودعاً للأسلحة في بلدة القورية، لافتاً إلى سقوط قتيلين.", 2, None),
])
def test_casualties_told_after_the_strike_belong_to_it(gaz, text, killed, wounded):
    ev = run(gaz, text)
    assert [(keys(e), e.killed, e.wounded) for e in ev] == [(["quriyah"], killed, wounded)]


def test_casualties_of_a_later_unrelated_sentence_are_not_attached(gaz):
    text = ("استهدفت طائرات التحالف الدولي مواقع للميليشيات في بلدة القورية فجر الأحد.\n"
            "وكانت القاعدة قد شهدت هجوماً العام الماضي.\n"
            "وأفاد المرصد بمقتل خمسة عناصر منذ بداية العام.\n")
    ev = run(gaz, text)
    assert [(keys(e), e.killed) for e in ev] == [(["quriyah"], None)]


@pytest.mark.parametrize("text", [
    "استهدف مجاهدونا صباح اليوم قاعدة الاحتلال الأمريكي في الشدادي بالطيران المسيّر.",
    "تعرضت قاعدة عسكرية أمريكية في منطقة الشدادي لهجوم بطائرة مسيرة صباح اليوم.",
])
def test_a_base_named_by_its_town_with_its_owner_between_is_the_base(gaz, text):
    ev = run(gaz, text)
    assert [(e.role, keys(e)) for e in ev] == [("attack", ["shaddadi_base"])]


def test_a_town_without_a_base_word_stays_the_town(gaz):
    ev = run(gaz, "قصفت طائرات التحالف مواقع للميليشيات في الشدادي صباح اليوم.")
    assert [keys(e) for e in ev] == [["shaddadi"]]


def test_the_other_sides_word_for_killed_counts(gaz):
    ev = run(gaz, "استشهد اثنان من المستشارين العسكريين الإيرانيين فجر اليوم في غارة جوية أمريكية على مقر "
                  "في محيط مطار دير الزور العسكري.")
    assert [(keys(e), e.killed) for e in ev] == [(["deir_ez_zor_airport"], 2)]


def test_a_strikes_weapon_comes_from_the_closest_statement_by_the_same_side(gaz):
    # a drone launch told first, the American shelling summed up next, then
    # the American strike on named villages: the shelling is its weapon
    text = (
        "واستهدفت طائرات مسيرة فجر الأربعاء قاعدة حقل العمر في ريف دير الزور.\n"
        "وذكرت مصادر محلية أن المسيرات تم إطلاقها من محيط مقر للميليشيات في بلدة مراط بريف دير الزور.\n"
        "في المقابل، صعّدت القوات الأمريكية قصفها المدفعي على مواقع الميليشيات في ريف دير الزور، "
        "رداً على استهداف قواعدها.\n"
        "واستهدفت القوات الأمريكية فجر الأربعاء مواقع للميليشيات في قريتي المريعية ومراط.\n"
    )
    ev = [e for e in run(gaz, text) if e.role == "retaliation" and "mariiyah" in keys(e)]
    assert len(ev) == 1 and ev[0].weapon == "artillery", [(e.role, keys(e), e.weapon) for e in run(gaz, text)]


@pytest.mark.parametrize("text, expected", [
    # the targets listed in the next sentence, with no strike verb of their own
    ("شنت طائرات التحالف غارات على مواقع الميليشيات في ريف دير الزور فجر الأربعاء. "
     "وشملت الأهداف مستودعات في الهري والسفافنة ومطار الحمدان.",
     ["hamdan_airport", "hari", "السفافنة"]),
    # the strike told with no place, its targets next
    ("استهدفت الغارات الأمريكية فجر الأربعاء عدة مواقع للميليشيات. "
     "وشملت الأهداف مواقع في الهري والسفافنة ومطار الحمدان.",
     ["hamdan_airport", "hari", "السفافنة"]),
    ("قصفت طائرات التحالف مواقع للميليشيات في مدينة الميادين فجر الأربعاء. "
     "واستهدفت الغارات أيضاً مقرات في بلدة حطلة.",
     ["hatla", "mayadin"]),
])
def test_targets_listed_after_the_strike_are_its_targets(gaz, text, expected):
    ev = run(gaz, text)
    assert [(e.role, e.actor, keys(e)) for e in ev] == [("retaliation", "us_coalition", expected)]
    e = ev[0]
    assert e.weapon == "airstrike"
    for t in e.targets:  # every place lies inside the excerpt
        assert e.excerpt[t.start - e.excerpt_start:t.end - e.excerpt_start] == t.text


def test_a_date_setting_the_scene_dates_the_strikes_told_after_it(gaz):
    text = ("شهد ريف دير الزور الشرقي يوم الثلاثاء الماضي تصعيداً جديداً بين القوات الأمريكية والميليشيات.\n"
            "وقصفت مروحيات أمريكية مواقع للميليشيات في محكان والقورية بالرشاشات الثقيلة.\n"
            "وفي وقت لاحق من اليوم نفسه، سقطت قذيفة صاروخية قرب حقل العمر.")
    events = run(gaz, text, dt.date(2024, 2, 8))
    assert [(e.role, e.date) for e in events] == [("retaliation", dt.date(2024, 2, 6)), ("attack", dt.date(2024, 2, 6))]


def test_an_answer_right_after_its_cause_is_its_own_event(gaz):
    text = ("ففي يوم السبت، استهدفت الميليشيات قاعدة كونيكو بثلاثة صواريخ، "
            "ورداً على ذلك قصفت المدفعية الأمريكية مواقع الميليشيات في خشام مساء اليوم ذاته.")
    events = run(gaz, text, dt.date(2024, 1, 15))
    got = [(e.role, [t.key for t in e.targets], e.date) for e in events]
    assert got == [("attack", ["conoco"], dt.date(2024, 1, 13)), ("retaliation", ["khasham"], dt.date(2024, 1, 13))]
    assert events[1].responds_to == events[0].event_id


def test_a_sweep_for_the_launch_team_is_no_strike(gaz):
    text = ("وعلى إثر الهجوم، شنت قوات سوريا الديمقراطية بمساندة مروحيات التحالف حملة تمشيط "
            "في محيط بلدة الطابية بحثاً عن الخلية التي أطلقت الطائرة.")
    assert extract_events(text, gazetteer=gaz) == []


def test_a_statements_list_takes_its_issuer_and_date_from_the_lead_and_header(gaz):
    text = ("بيان صادر عن المقاومة الإسلامية في العراق\n"
            "نفّذ مجاهدونا فجر هذا اليوم عمليتين ضد قواعد الاحتلال الأمريكي في سوريا:\n"
            "الأولى: استهداف قاعدة الاحتلال في التنف بطائرة مسيّرة.\n"
            "الثانية: استهداف قاعدة كونيكو برشقة صاروخية.")
    events = run(gaz, text, dt.date(2024, 1, 28))
    assert [(e.role, e.actor, [t.key for t in e.targets], e.date, e.weapon) for e in events] == [
        ("attack", "iran_backed", ["tanf_garrison"], dt.date(2024, 1, 28), "drone"),
        ("attack", "iran_backed", ["conoco"], dt.date(2024, 1, 28), "rocket")]


def test_the_same_base_told_sentences_before(gaz):
    text = ("تعرّضت القاعدة الأمريكية في حقل كونوكو مساء السبت لهجوم بطائرتين مسيّرتين.\n"
            "وفجر الأحد، شنّت طائرات أمريكية غارات على مواقع في مدينة الميادين.\n"
            "وقال متحدث باسم البنتاغون إن بلاده سترد على أي اعتداء.\n"
            "وكانت القاعدة ذاتها قد تعرّضت الأربعاء الماضي لقصف صاروخي.")
    events = run(gaz, text, dt.date(2024, 1, 22))
    assert [(e.role, [t.key for t in e.targets], e.date) for e in events] == [
        ("attack", ["conoco"], dt.date(2024, 1, 20)), ("retaliation", ["mayadin"], dt.date(2024, 1, 21)),
        ("attack", ["conoco"], dt.date(2024, 1, 17))]


def test_the_next_day_follows_the_strike_just_told(gaz):
    text = ("وكان أعنف الهجمات قصف صاروخي طال قاعدة حقل العمر يوم 14 آب.\n"
            "وردّت طائرات أمريكية في اليوم التالي بغارات على مواقع في محيط القورية.")
    events = run(gaz, text, dt.date(2024, 8, 31))
    assert [(e.role, e.date) for e in events] == [("attack", dt.date(2024, 8, 14)), ("retaliation", dt.date(2024, 8, 15))]


def test_blasts_already_told_heard_in_a_nearby_town_are_no_strike_there(gaz):
    text = ("تعرّضت قاعدة حقل العمر لهجوم صاروخي مساء أمس، "
            "في حين سُمع دوي الانفجارات في بلدة ذيبان المجاورة.")
    events = run(gaz, text, dt.date(2023, 10, 23))
    assert [(e.role, [t.key for t in e.targets]) for e in events] == [("attack", ["omar_oil_field"])]


def test_a_launch_team_chased_and_struck_by_two_helicopters_near_an_unlisted_village(gaz):
    # al-Dablan is a real village of the area that the gazetteer does not list
    text = ("بعد دقائق من سقوط ثلاثة صواريخ في محيط القاعدة الخضراء مساء أمس، لاحقت مروحيتان أمريكيتان "
            "سيارة تقل خلية الإطلاق، وقصفتها قرب دبلان جنوبي العشارة، ما أدى إلى مقتل شخصين.")
    events = run(gaz, text, dt.date(2023, 11, 14))
    got = [(e.role, e.actor, [t.key or t.text for t in e.targets], e.weapon, e.killed) for e in events]
    assert got == [("attack", "unknown", ["green_village"], "rocket", None),
                   ("retaliation", "us_coalition", ["دبلان"], "airstrike", 2)]


def test_a_later_toll_replaces_the_first_counts(gaz):
    text = ("وفجر الأحد، شنّت طائرات أمريكية غارات على مواقع في مدينة الميادين، ما أدى إلى مقتل خمسة عناصر.\n"
            "ثم ارتفعت الحصيلة مساء أمس إلى سبعة قتلى، فيما لا يزال أربعة جرحى يتلقون العلاج.")
    (event,) = run(gaz, text, dt.date(2024, 1, 22))
    assert (event.killed, event.wounded) == (7, 4)


def test_a_chain_of_strikes_in_one_sentence_is_three_events(gaz):
    text = ("وقال المتحدث إن طائرة مسيّرة استهدفت قاعدة كونوكو الاثنين الماضي، وفي اليوم التالي سقطت صواريخ "
            "قرب القوات الأمريكية في حقل العمر، ثم استُهدفت قاعدة الشدادي بطائرتين مسيّرتين أمس الأربعاء.")
    events = run(gaz, text, dt.date(2023, 10, 26))
    assert [([t.key for t in e.targets], e.date) for e in events] == [
        (["conoco"], dt.date(2023, 10, 23)), (["omar_oil_field"], dt.date(2023, 10, 24)),
        (["shaddadi_base"], dt.date(2023, 10, 25))]


def test_a_telegraphic_round_up_line_is_a_strike(gaz):
    text = ("حصاد الأسبوع في دير الزور\n"
            "الخميس: ثلاث قذائف صاروخية على حقل العمر، والقوات الأمريكية ترد بقصف مدفعي على محكان.")
    events = run(gaz, text, dt.date(2023, 11, 12))
    assert [(e.role, [t.key for t in e.targets], e.date, e.weapon) for e in events] == [
        ("attack", ["omar_oil_field"], dt.date(2023, 11, 9), "rocket"),
        ("retaliation", ["mahkan"], dt.date(2023, 11, 9), "artillery")]


def test_drones_that_hit_a_base_attacked_it(gaz):
    text = "وأضافت المقاومة في بيان أن مسيّرتين أصابتا «بشكل مباشر» قاعدة الاحتلال الأمريكي في حقل العمر."
    (event,) = extract_events(text, gazetteer=gaz)
    assert (event.role, [t.key for t in event.targets], event.weapon) == ("attack", ["omar_oil_field"], "drone")


@pytest.mark.parametrize("text, expected", [
    # the place corrected in the same sentence
    ("ذكرت مصادر محلية أن غارة أمريكية استهدفت مدينة الميادين فجر اليوم، والصحيح أنها استهدفت محيط بلدة العشارة.",
     [("retaliation", "us_coalition", ["asharah"], dt.date(2024, 5, 9))]),
    # … in the next sentence, with the place denied beside it
    ("أفادت شبكة محلية بأن مسيرة استهدفت قاعدة حقل العمر مساء أمس. وفي تصحيح لاحق، أوضحت الشبكة أن الهجوم "
     "استهدف حقل كونيكو وليس حقل العمر.", [("attack", "unknown", ["conoco"], dt.date(2024, 5, 8))]),
    ("أعلنت وسائل إعلام أن صواريخ سقطت على قاعدة الشدادي مساء الثلاثاء، قبل أن يتضح أنها سقطت قرب قاعدة خراب الجير.",
     [("attack", "unknown", ["kharab_al_jir"], dt.date(2024, 5, 7))]),
    # the date corrected, the place kept
    ("استهدفت مسيرة قاعدة التنف يوم الاثنين. والصحيح أن الهجوم وقع يوم الأحد.",
     [("attack", "unknown", ["tanf_garrison"], dt.date(2024, 5, 5))]),
    # a correction with no strike word of its own
    ("استهدفت غارة أمريكية مقراً في الميادين فجر الأربعاء. والصحيح أن المستهدف مقر في بلدة العشارة.",
     [("retaliation", "us_coalition", ["asharah"], dt.date(2024, 5, 8))]),
    # «تصحيح |» labels the report that follows it; the source of the correction speaks, it does not strike
    ("تصحيح | ورد في نشرتنا السابقة أن الهجوم الصاروخي الذي وقع مساء الثلاثاء استهدف قاعدة كونيكو، والصحيح أن "
     "الصواريخ سقطت داخل قاعدة حقل العمر، بحسب ما أكده مصدر عسكري في قسد.",
     [("attack", "unknown", ["omar_oil_field"], dt.date(2024, 5, 7))]),
])
def test_a_correction_replaces_what_the_report_got_wrong(gaz, text, expected):
    assert [(e.role, e.actor, keys(e), e.date) for e in run(gaz, text)] == expected


@pytest.mark.parametrize("text, expected", [
    # the right place told first, the wrong report recalled and corrected
    ("سقطت قذائف صاروخية قرب حقل التنك ليل الثلاثاء. وكانت وسائل إعلام قد ذكرت خطأً أن الهجوم استهدف حقل العمر، "
     "قبل أن تؤكد مصادر أن القذائف سقطت قرب حقل التنك.", [("attack", ["tanak_oil_field"])]),
    # a wrong report, corrected in the same sentence
    ("ذكرت مصادر خطأً أن غارة أمريكية استهدفت الميادين مساء الثلاثاء، والصحيح أنها استهدفت العشارة.",
     [("retaliation", ["asharah"])]),
    # … and never corrected: no event
    ("ذكرت وكالة محلية خطأً أن غارة استهدفت الميادين مساء الثلاثاء.", []),
])
def test_a_report_said_to_be_wrong_is_no_event(gaz, text, expected):
    assert [(e.role, keys(e)) for e in run(gaz, text)] == expected


def test_a_corrected_toll_replaces_the_first(gaz):
    text = "قصفت طائرات أمريكية مواقع في البوكمال. والصحيح أن القصف أسفر عن مقتل خمسة عناصر."
    assert [(keys(e), e.killed) for e in run(gaz, text)] == [(["albukamal"], 5)]


def test_only_a_place_after_a_denial_is_denied(gaz):
    text = ("وليست هذه المرة الأولى التي تستهدف فيها المنطقة، إذ سبق أن قصفت طائرات التحالف منتصف الشهر الماضي "
            "مستودعات في محيط مطار دير الزور.")
    assert [(e.role, keys(e)) for e in run(gaz, text)] == [("retaliation", ["deir_ez_zor_airport"])]


@pytest.mark.parametrize("text, expected", [
    # a statement's targets listed after the strike was told, the verb after its subject
    ("أعلن البنتاغون أن طائراته نفذت مساء الثلاثاء ضربات على مواقع للميليشيات الإيرانية. وأوضح أن الأهداف شملت: "
     "مستودعاً في الميادين، ومقراً قرب البوكمال.",
     [("retaliation", "us_coalition", ["albukamal", "mayadin"], dt.date(2024, 5, 7))]),
    ("نفذت مقاتلات أمريكية غارات فجر الأربعاء على ثلاثة مواقع. وبحسب البيان فإن المواقع المستهدفة هي: مخزن في "
     "بلدة العشارة، ومقر في حي الجمعيات بالبوكمال.",
     [("retaliation", "us_coalition", ["asharah", "jamiyat_albukamal"], dt.date(2024, 5, 8))]),
    # «شنته»: the one who launched the attack
    ("وجاءت الضربات رداً على الهجوم الذي شنته ميليشيات مدعومة من إيران يوم الأحد على قاعدة الشدادي.",
     [("attack", "iran_backed", ["shaddadi_base"], dt.date(2024, 5, 5))]),
    # where a blast was heard in the sky is no target
    ("أسقطت الدفاعات الجوية طائرة مسيّرة قبل وصولها إلى قاعدة كونيكو مساء الثلاثاء. وقال المراسل إن دوي انفجار "
     "سُمع في سماء خشام.", [("attack", "unknown", ["conoco"], dt.date(2024, 5, 7))]),
    # «، إذ كانت القاعدة قد تعرضت …»: the strike recalled to explain a count
    ("تعرضت قاعدة حقل العمر مساء الثلاثاء لهجوم بطائرة مسيرة. وهذا الهجوم هو الثالث منذ مطلع العام، إذ كانت "
     "القاعدة نفسها قد تعرضت في الخامس من الشهر الجاري لهجوم مماثل.",
     [("attack", "unknown", ["omar_oil_field"], dt.date(2024, 5, 7)),
      ("attack", "unknown", ["omar_oil_field"], dt.date(2024, 5, 5))]),
    # «الأول …، والثاني …»: two items of one sentence
    ("وشهد يوم الأربعاء هجومين: الأول بطائرة مسيّرة على قاعدة الشدادي، والثاني بقذائف صاروخية على حقل كونيكو.",
     [("attack", "unknown", ["shaddadi_base"], dt.date(2024, 5, 8)),
      ("attack", "unknown", ["conoco"], dt.date(2024, 5, 8))]),
])
def test_lists_and_recalls_told_in_other_shapes(gaz, text, expected):
    assert [(e.role, e.actor, keys(e), e.date) for e in run(gaz, text)] == expected


def test_the_scene_after_a_comma_does_not_name_the_striker(gaz):
    text = ("عاجل: دويّ انفجارات داخل قاعدة حقل العمر. مصادرنا: الهجوم نُفّذ بثلاث مسيّرات انطلقت من بادية "
            "الميادين، وسط استنفار كبير للقوات الأمريكية.")
    assert [(e.role, e.actor, keys(e), e.weapon, e.origin.key) for e in run(gaz, text)] == [
        ("attack", "unknown", ["omar_oil_field"], "drone", "badiya_mayadin")]


@pytest.mark.parametrize("text, weapon", [
    # what was stored at the site hit is not what hit it
    ("استهدفت الغارات الأمريكية فجر الأربعاء منشأة لتخزين الطائرات المسيّرة في الميادين.", "airstrike"),
    # the targets listed after the strike keep the strike's weapon
    ("نفذت القوات الأمريكية ضربات دقيقة على ثلاثة مواقع مساء السبت. وأوضح البيان أن الأهداف شملت: مقراً في "
     "البوكمال، ومستودعاً في الميادين.", "airstrike"),
])
def test_the_weapon_is_what_struck(gaz, text, weapon):
    assert [e.weapon for e in run(gaz, text)] == [weapon]


def test_the_places_listed_where_a_blast_was_heard_are_no_targets(gaz):
    text = ("أسقطت الدفاعات الجوية طائرة مسيّرة قبل وصولها إلى قاعدة كونيكو مساء الثلاثاء. وقال المراسل إن دوي "
            "انفجارين سُمع في سماء خشام وحطلة.")
    assert [(e.role, keys(e)) for e in run(gaz, text)] == [("attack", ["conoco"])]


def test_a_drone_downed_in_a_bases_sky_attacked_the_base(gaz):
    text = "أسقطت الدفاعات الجوية طائرة مسيّرة في أجواء قاعدة التنف فجر الأربعاء."
    assert [(e.role, keys(e)) for e in run(gaz, text)] == [("attack", ["tanf_garrison"])]


def test_the_same_aircraft_on_the_same_day_strike_again(gaz):
    text = ("شنّت طائرات أمريكية مساء الإثنين غارات على مواقع لكتائب حزب الله في القائم. وقال مسؤول عراقي إن "
            "الضربات أسفرت عن مقتل عنصر. وأضاف المسؤول أن التحقيقات جارية. وأشار إلى أن الحدود مغلقة. وفي اليوم "
            "نفسه، قصفت الطائرات ذاتها مخزناً للأسلحة في البوكمال.")
    assert [(e.role, e.actor, keys(e), e.date) for e in run(gaz, text)] == [
        ("retaliation", "us_coalition", ["qaim"], dt.date(2024, 5, 6)),
        ("retaliation", "us_coalition", ["albukamal"], dt.date(2024, 5, 6))]


def test_the_next_lines_of_a_breaking_post_say_who_struck_and_the_toll(gaz):
    text = ("انفجارات عنيفة تهز حويجة صكر قرب مدينة دير الزور قبل قليل.\n"
            "المعلومات الأولية: غارة من طيران مجهول يُرجَّح أنه أمريكي على مقر للميليشيات.\n"
            "الحصيلة الأولية: قتيلان وعدد من الجرحى.")
    assert [(e.role, e.actor, keys(e), e.killed) for e in run(gaz, text)] == [
        ("retaliation", "us_coalition", ["hawijat_saqr"], 2)]


@pytest.mark.parametrize("text, expected", [
    ("قصفت مدفعية قاعدة حقل العمر بلدة الطيبة مساء الأربعاء.",
     [("retaliation", "us_coalition", ["tayyibah_mayadin"], "omar_oil_field")]),
    ("وقصفت راجمات قاعدة التنف مواقع في بادية البوكمال مساء الأربعاء.",
     [("retaliation", "us_coalition", ["badiya_albukamal"], "tanf_garrison")]),
    # an update line: «the base» is the one of the post it updates
    ("عاجل: دوي انفجارات داخل قاعدة حقل العمر.\nمصادرنا: الهجوم نُفّذ بطائرات مسيّرة.\n"
     "تحديث: مدفعية القاعدة ترد بقصف مكثف على محيط بلدة الطيبة.",
     [("attack", "unknown", ["omar_oil_field"], None),
      ("retaliation", "us_coalition", ["tayyibah_mayadin"], "omar_oil_field")]),
])
def test_a_bases_guns_fire_from_it_for_its_side(gaz, text, expected):
    assert [(e.role, e.actor, keys(e), e.origin and e.origin.key) for e in run(gaz, text)] == expected


def test_reading_leaves_no_reference_cycles(gaz):
    """extract_events pauses the cyclic collector while it reads, which is only
    right if what it builds never refers back to itself: everything it made is
    freed by reference counting alone (the seeds and the article above)."""
    import gc
    from pathlib import Path

    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds] + [ARTICLE]
    gc.collect()
    gc.disable()
    try:
        events = [run(gaz, t) for t in texts]
        left = gc.collect()
    finally:
        gc.enable()
    assert len(seeds) == 5 and all(events)
    assert left == 0


def test_the_collector_is_left_as_it_was(gaz):
    import gc

    assert gc.isenabled()
    run(gaz, ARTICLE)
    assert gc.isenabled()
    gc.disable()
    try:
        run(gaz, ARTICLE)
        assert not gc.isenabled()
    finally:
        gc.enable()
