"""Who struck whom, on sentences written for these tests."""

from __future__ import annotations

from extract import extract_events


def roles(gaz, text):
    return [(e.role, e.actor, e.actor_text, e.actor_hedge) for e in extract_events(text, gazetteer=gaz)]


def test_a_hit_on_a_coalition_base_is_an_attack(gaz):
    assert roles(gaz, "استهدفت الميليشيات الإيرانية قاعدة كونيكو بالصواريخ.") == [
        ("attack", "iran_backed", "الميليشيات الإيرانية", None)]


def test_a_coalition_strike_on_militia_positions_is_a_retaliation(gaz):
    assert roles(gaz, "قصفت طائرات التحالف الدولي مواقع لحزب الله في القورية.")[0][:2] == ("retaliation", "us_coalition")


def test_an_unknown_drone_on_a_militia_post_is_a_retaliation_by_an_unknown_actor(gaz):
    assert roles(gaz, "استهدفت طائرة مسيرة مجهولة مقراً لحزب الله في القورية.")[0][:2] == ("retaliation", "unknown")


def test_a_hedged_attribution_is_kept_with_its_hedge(gaz):
    role, actor, text, hedge = roles(gaz, "قصفت طائرات يرجح أنها تابعة للتحالف الدولي مواقع في القورية.")[0]
    assert (role, actor, text) == ("retaliation", "us_coalition", "التحالف الدولي")
    assert "يرجح" in hedge


def test_shelling_between_other_parties_is_other(gaz):
    assert roles(gaz, "قصفت قوات سوريا الديمقراطية بالمدفعية مواقع لقوات الحكومة السورية في بلدة الجلاء.")[0][0] == "other"


def test_militia_fire_on_the_sdf_held_east_bank_is_no_attack_on_the_coalition(gaz):
    ev = extract_events("قصفت المجموعات المرتبطة بإيران بقذائف الهاون مساء أمس بلدتي ذيبان والحوايج.", gazetteer=gaz)
    assert [(e.role, e.actor) for e in ev] == [("other", "iran_backed")]
    ev = extract_events("هاجمت مجموعات موالية لإيران بطائرة مسيّرة نقطة عسكرية لـ«قسد» في بلدة الصبحة.", gazetteer=gaz)
    assert [(e.role, e.actor) for e in ev] == [("other", "iran_backed")]
    # a coalition base on the same bank is still attacked
    ev = extract_events("قصفت الميليشيات الإيرانية بالصواريخ قاعدة كونيكو.", gazetteer=gaz)
    assert [(e.role, e.actor) for e in ev] == [("attack", "iran_backed")]
