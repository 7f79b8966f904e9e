"""Authors named in another sentence than the strike: claims, accusations, and
claims nobody made. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from extract import extract_events
from extract.model import ArticleMeta

PUB = dt.date(2024, 3, 14)  # a Thursday


def run(gaz, text):
    return extract_events(text, gazetteer=gaz, meta=ArticleMeta(file="t.txt", published=PUB))


def test_a_claim_in_the_next_sentence_names_the_attacker(gaz):
    ev = run(gaz, "سقطت ثلاثة صواريخ على قاعدة كونيكو فجر اليوم دون وقوع إصابات. "
                  "وتبنت «المقاومة الإسلامية في العراق» الهجوم في بيان على تلغرام.")
    assert [(e.role, e.actor, e.actor_text, e.actor_hedge) for e in ev] == [
        ("attack", "iran_backed", "المقاومة الإسلامية في العراق", None)]


def test_an_accusation_is_kept_as_the_hedge(gaz):
    ev = run(gaz, "استهدفت طائرة مسيرة قاعدة الشدادي مساء الأربعاء. "
                  "واتهمت القيادة المركزية الأمريكية الميليشيات المدعومة من إيران بالوقوف وراء الهجوم.")
    assert [(e.role, e.actor) for e in ev] == [("attack", "iran_backed")]
    assert ev[0].actor_hedge == "واتهمت"


def test_nobody_claiming_it_leaves_the_attacker_unknown(gaz):
    ev = run(gaz, "سقطت قذيفتان في محيط قاعدة حقل العمر ليل الأربعاء. "
                  "ولم تتبن أي جهة الهجوم حتى الآن، فيما تنتشر ميليشيات موالية لإيران غرب الفرات.")
    assert [(e.role, e.actor) for e in ev] == [("attack", "unknown")]


def test_a_claim_does_not_reach_a_strike_of_the_other_side(gaz):
    ev = run(gaz, "قصفت طائرات أمريكية مواقع في الميادين فجر اليوم. "
                  "وتبنت كتائب حزب الله الهجوم على قاعدة التنف يوم الاثنين.")
    roles = {(e.role, e.actor) for e in ev}
    assert ("retaliation", "us_coalition") in roles
    assert all(e.actor == "iran_backed" for e in ev if e.role == "attack")


def test_a_fronted_cause_ends_at_its_comma_and_the_answer_keeps_the_date(gaz):
    ev = run(gaz, "تعرضت قاعدة حقل العمر مساء الثلاثاء لهجوم بالصواريخ. "
                  "وعقب الهجوم بدقائق، ردت مدفعية التحالف بقصف مصادر النيران في القورية.")
    got = {(e.role, tuple(t.key for t in e.targets)): e for e in ev}
    answer = got[("retaliation", ("quriyah",))]
    assert answer.actor == "us_coalition" and answer.date == dt.date(2024, 3, 12)
    assert answer.responds_to == got[("attack", ("omar_oil_field",))].event_id


def test_an_unknown_aircraft_laid_at_israels_door_is_another_war(gaz):
    ev = run(gaz, "قُتل أربعة عناصر من ميليشيا عراقية مساء الأربعاء في غارة نفذتها طائرة مجهولة على نقطة "
                  "لهم في بادية الميادين. "
                  "ولم تتبنَّ أي جهة الغارة، فيما اتهمت حسابات مقربة من الميليشيات إسرائيل بالوقوف وراءها.")
    assert [(e.role, e.actor, e.actor_group, e.actor_hedge) for e in ev] == [
        ("other", "unknown", "إسرائيل", "اتهمت")]


def test_a_claim_names_the_author_an_unknown_drone_was_said_to_have(gaz):
    ev = run(gaz, "استهدفت طائرة مسيرة مجهولة قاعدة الشدادي مساء الأربعاء. "
                  "وتبنت المقاومة الإسلامية في العراق الهجوم.")
    assert [(e.role, e.actor) for e in ev] == [("attack", "iran_backed")]


def test_who_issues_a_statement_authors_the_operations_it_lists(gaz):
    ev = run(gaz, "أعلنت المقاومة الإسلامية في العراق، في بيان، تنفيذ عمليتين يوم الأحد. "
                  "العملية الأولى: استهداف قاعدة التنف بطائرة مسيرة. العملية الثانية: قصف قاعدة الشدادي برشقة صاروخية.")
    assert [(e.role, e.actor, sorted(t.key for t in e.targets)) for e in ev] == [
        ("attack", "iran_backed", ["tanf_garrison"]), ("attack", "iran_backed", ["shaddadi_base"])]


@pytest.mark.parametrize("text", [
    # a statement quoted as a source
    "وقُتل عنصران في الغارات الأمريكية على القائم، بحسب بيان لهيئة الحشد الشعبي. وجاءت الغارات بعد هجوم "
    "بصواريخ باليستية استهدف قاعدة عين الأسد يوم السبت.",
    # a statement about something else, after the strike
    "سقطت صواريخ على قاعدة عين الأسد مساء السبت. وفي سياق آخر، أعلنت هيئة الحشد الشعبي في بيان تعيين قائد جديد.",
])
def test_a_statement_that_lists_no_operation_names_no_attacker(gaz, text):
    attacks = [e for e in run(gaz, text) if e.role == "attack"]
    assert [(e.actor, [t.key for t in e.targets]) for e in attacks] == [("unknown", ["ain_al_asad"])]
