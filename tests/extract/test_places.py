"""Which places of a clause are targets, on sentences written for these tests."""

from __future__ import annotations

from extract import extract_events
from extract.places import is_broad


def targets(gaz, text):
    return [[t.key or t.text for t in e.targets] for e in extract_events(text, gazetteer=gaz)]


def test_a_qualifier_after_the_target_is_no_target(gaz):
    assert targets(gaz, "استهدفت الميليشيات قاعدة كونيكو شمال دير الزور بالصواريخ.") == [["conoco"]]


def test_a_kind_word_before_the_name_picks_the_precise_row(gaz):
    assert targets(gaz, "قصفت طائرات التحالف مواقع في بادية مدينة الميادين.") == [["badiya_mayadin"]]


def test_a_governorate_beside_a_town_only_situates_it(gaz):
    assert targets(gaz, "قصفت طائرات التحالف بلدة القورية في محافظة دير الزور.") == [["quriyah"]]


def test_places_outside_the_theatre_are_dropped(gaz):
    assert targets(gaz, "قصفت طائرات التحالف مواقع في حلب.") == []


def test_broadness(gaz):
    assert is_broad(gaz.get("deir_ez_zor_governorate")) and not is_broad(gaz.get("quriyah"))
    assert not is_broad(None)


def test_a_list_goes_on_after_its_first_items_qualifier(gaz):
    text = "استهدفت المقاومة الإسلامية قاعدة عين الأسد غربي العراق وقاعدة التنف بالطيران المسير."
    assert targets(gaz, text) == [["ain_al_asad", "tanf_garrison"]]


def test_the_place_after_its_source_is_the_origin(gaz):
    text = "سقوط ثلاث قذائف صاروخية على حويجة صكر، مصدرها القوات الأمريكية في حقل كونوكو."
    (event,) = extract_events(text, gazetteer=gaz)
    assert [t.key for t in event.targets] == ["hawijat_saqr"]
    assert event.origin is not None and event.origin.key == "conoco"
    assert (event.role, event.actor, event.weapon) == ("retaliation", "us_coalition", "rocket")


def test_a_dateline_or_an_outlet_name_is_no_target(gaz):
    assert targets(gaz, "دير الزور، 12 شباط (وكالة الشرق) – أسقطت الدفاعات الجوية في قاعدة حقل كونيكو "
                        "طائرة مسيرة مفخخة.") == [["conoco"]]
    assert targets(gaz, "دير الزور 24 | مراسلنا: سقطت قذيفتان صاروخيتان على حقل العمر.") == [["omar_oil_field"]]


def test_the_next_item_of_a_list_may_be_a_site_described_then_placed(gaz):
    text = ("وأوضح البيان أن الضربات الأمريكية طالت مستودعاً للأسلحة قرب البوكمال، "
            "ومركزاً للقيادة والسيطرة في الميادين.")
    assert [sorted(t) for t in targets(gaz, text)] == [["albukamal", "mayadin"]]


def test_the_base_told_in_the_sentence_before_is_the_base_hit(gaz):
    text = ("نفى مصدر في التحالف استهداف قاعدة حقل العمر مساء أمس. "
            "وكانت القاعدة قد تعرضت الأسبوع الماضي لهجوم بطائرة مسيرة.")
    assert targets(gaz, text) == [["omar_oil_field"]]


def test_the_guns_of_the_base_fire_from_it(gaz):
    text = ("استهدفت ميليشيات موالية لإيران قاعدة كونوكو بالصواريخ، "
            "فيما ردت مدفعية القاعدة بقصف مصادر النيران في بلدة خشام.")
    assert targets(gaz, text) == [["conoco"], ["khasham"]]


def test_villages_the_gazetteer_lacks_are_kept_where_the_sites_are_placed(gaz):
    # al-Safafna and al-Zabari are real villages of the area that the gazetteer does not list
    assert targets(gaz, "قصفت قوات النظام بالمدفعية مواقع في السفافنة والزباري شرقي الفرات.") == [
        ["السفافنة", "الزباري"]]
    assert targets(gaz, "استهدفت غارات أمريكية مقرات في الجلاء والسفافنة.") == [["jalaa", "السفافنة"]]
    # common words after «في» name nothing
    assert targets(gaz, "قصفت طائرات التحالف مواقع في الداخل السوري.") == []


def test_a_fronted_place_only_sets_the_scene(gaz):
    assert targets(gaz, "وفي الحسكة، سقطت قذيفة هاون مجهولة المصدر صباح اليوم قرب قاعدة الشدادي.") == [
        ["shaddadi_base"]]


def test_along_with_continues_a_list(gaz):
    text = "وشملت الضربات الأمريكية مواقع في الميادين ومطار الحمدان، إلى جانب مقرات في بلدة القائم العراقية."
    assert [sorted(t) for t in targets(gaz, text)] == [["hamdan_airport", "mayadin", "qaim"]]


def test_unknown_villages_after_kull_min_and_after_a_named_groups_site(gaz):
    text = ("استهدفت طائرات حربية يُعتقد أنها تابعة للتحالف مواقع لميليشيا «حزب الله العراقي» "
            "في كلٍّ من الزباري والسفافنة وحسرات.")
    assert targets(gaz, text) == [["الزباري", "السفافنة", "hasrat"]]
    text = "تعرّض مقر لميليشيا «لواء الباقر» في السفافنة لقصف بطائرة مسيّرة يُرجَّح أنها أمريكية."
    assert targets(gaz, text) == [["السفافنة"]]


def test_each_site_of_a_list_may_have_its_own_near_word(gaz):
    text = ("قال الوزير إن الضربات الأمريكية استهدفت مستودعاً للأسلحة قرب البوكمال "
            "ومنشأة أخرى قرب الميادين.")
    assert [sorted(t) for t in targets(gaz, text)] == [["albukamal", "mayadin"]]


def test_what_coincided_with_a_strike_is_not_hit(gaz):
    text = ("قصفت طائرات أمريكية مواقع في حسرات. "
            "وتزامن القصف مع استنفار للميليشيات في مدينة البوكمال وعلى معبر القائم الحدودي.")
    assert targets(gaz, text) == [["hasrat"]]


def test_each_item_of_a_claim_with_its_weapon_is_still_a_list(gaz):
    text = ("استهدف مجاهدو المقاومة الإسلامية في العراق ليلة أمس قاعدة الاحتلال في خراب الجير بصواريخ "
            "الكاتيوشا، وقاعدة قسرك بطائرة انتحارية، وحقل كونيكو بمسيّرتين.")
    assert [sorted(t) for t in targets(gaz, text)] == [["conoco", "kharab_al_jir", "qasrak"]]


def test_legitimate_targets_are_a_threat(gaz):
    text = ("قال المتحدث إنّ «قواعد الاحتلال الأمريكي في عين الأسد والتنف وحقل العمر ستبقى أهدافاً "
            "مشروعة ما دام العدوان مستمراً».")
    assert targets(gaz, text) == []


def test_a_village_in_a_towns_countryside_is_not_in_the_town(gaz):
    # al-Bulayl is a real village of the Mayadin countryside that the gazetteer does not list
    text = "ضربت مسيّرة يرجّح أنها تابعة للتحالف سيارة عند أطراف البوليل بريف الميادين."
    assert targets(gaz, text) == [["البوليل"]]


def test_a_quoted_name_is_written_as_the_quotes_hold_it(gaz):
    (event,) = extract_events("قال المتحدث إن الهجوم استهدف قاعدة ’تل بيدر‘ وقاعدة 'قسرك' شمال الحسكة.",
                              gazetteer=gaz)
    assert [t.text for t in event.targets] == ["تل بيدر", "قسرك"]
    assert [event.excerpt[t.start - event.excerpt_start:t.end - event.excerpt_start] for t in event.targets] == [
        "تل بيدر", "قسرك"]


def test_where_a_source_speaks_from_is_not_hit(gaz):
    text = ("قصفت طائرات أمريكية مقرات في حويجة صكر. وأفادت مصادر طبية في مدينة دير الزور بوصول جثتي "
            "عنصرين من الميليشيات إثر القصف.")
    assert targets(gaz, text) == [["hawijat_saqr"]]


def test_weapons_moved_to_escape_strikes_are_no_strike(gaz):
    text = ("وتقول مصادر محلية إن الميليشيات نقلت خلال الأسابيع الأخيرة أسلحتها إلى مزارع في محيط السكرية "
            "والسيال، في محاولة لتقليل خسائرها من الضربات الجوية.")
    assert targets(gaz, text) == []


def test_a_recalled_strike_with_its_date_is_an_event_background_without_one_is_not(gaz):
    assert targets(gaz, "إذ سبق أن قصفت طائرات التحالف، منتصف الشهر الماضي، مطار دير الزور العسكري.") == [
        ["deir_ez_zor_airport"]]
    assert targets(gaz, "وسبق أن تعرضت القواعد الأمريكية في الحسكة لهجمات من الميليشيات.") == []


def test_a_documented_count_over_a_period_is_a_tally(gaz):
    assert targets(gaz, "وثّقت وحدة الرصد خمس هجمات على مواقع التحالف في ريفي دير الزور والحسكة.") == []
    assert targets(gaz, "كما وثّقت الشبكة خلال شهر شباط مقتل 41 عنصراً جراء الضربات في محافظة دير الزور.") == []
    # one strike the Observatory documents is still an event
    assert targets(gaz, "وثّق المرصد مقتل خمسة عناصر بغارة أمريكية على مواقع في حطلة.") == [["hatla"]]


def test_a_street_of_a_city_is_not_the_city(gaz):
    text = "استهدفت غارة أمريكية بطائرة مسيّرة مقراً لحركة النجباء في شارع فلسطين شرقي بغداد."
    assert targets(gaz, text) == [["شارع فلسطين"]]


def test_the_qualifier_of_a_launch_point_is_no_target(gaz):
    text = ("وتتخذ «كتائب حزب الله» من منطقة جرف الصخر جنوب غربي بغداد معقلاً لها، وسبق أن تعرضت "
            "جرف الصخر لغارات أمريكية في 22 تشرين الثاني/نوفمبر.")
    assert targets(gaz, text) == [["jurf_al_sakhar"]]
