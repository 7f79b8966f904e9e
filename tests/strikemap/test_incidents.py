"""Merging reports of one incident from several articles."""

from __future__ import annotations

import copy
import random

from strikemap.incidents import merge_incidents, place_identity


def rep(event_id, article, *, role="attack", actor="iran_backed", place_key="conoco_base", place_ar="كونيكو",
        date="2024-10-15", time_precision=1, published="2024-10-16", killed=None, wounded=None, weapon="drone",
        **kw):
    return dict(event_id=event_id, article=article, outlet=f"outlet of {article}", url=f"https://x.org/{article}",
                published=published, title="", role=role, actor=actor, actor_label="", place_key=place_key,
                place_ar=place_ar, place_en=place_key, date=date, time_precision=time_precision, weapon=weapon,
                killed=killed, wounded=wounded, excerpt=f"جملة من {article}", **kw)


def by_sources(merged):
    return sorted(tuple(s["article"] for s in m["sources"]) for m in merged)


def test_two_outlets_one_strike_within_a_day():
    merged = merge_incidents([
        rep("a#1", "a.txt", date="2024-10-15", published="2024-10-16"),
        rep("b#3", "b.txt", date="2024-10-14", published="2024-10-15", killed=2),
    ])
    assert len(merged) == 1
    m = merged[0]
    assert m["sources_count"] == 2
    assert [s["article"] for s in m["sources"]] == ["b.txt", "a.txt"]  # by publication
    assert m["sources"][0] == {"article": "b.txt", "outlet": "outlet of b.txt", "url": "https://x.org/b.txt",
                               "published": "2024-10-15", "title": "", "excerpt": "جملة من b.txt",
                               "date": "2024-10-14", "event_ids": ["b#3"], "places_ar": ["كونيكو"]}
    assert (m["date"], m["date_min"], m["date_max"]) == ("2024-10-14", "2024-10-14", "2024-10-15")
    assert (m["killed"], m["killed_min"], m["killed_max"]) == (2, 2, 2)
    assert m["event_ids"] == ["b#3", "a#1"]
    assert m["incident_id"].startswith("inc-")


def test_more_than_a_day_apart_or_chained_stays_apart():
    merged = merge_incidents([rep("a#1", "a.txt", date="2024-10-10"), rep("b#1", "b.txt", date="2024-10-12")])
    assert by_sources(merged) == [("a.txt",), ("b.txt",)]
    # Daily strikes on one base: the window counts from the incident's first report.
    merged = merge_incidents([rep("a#1", "a.txt", date="2024-10-10"), rep("b#1", "b.txt", date="2024-10-11"),
                              rep("c#1", "c.txt", date="2024-10-12")])
    assert by_sources(merged) == [("a.txt", "b.txt"), ("c.txt",)]


def test_role_and_known_actors_must_agree_unknown_joins():
    merged = merge_incidents([rep("a#1", "a.txt"), rep("b#1", "b.txt", role="retaliation", actor="us_coalition")])
    assert len(merged) == 2
    merged = merge_incidents([rep("a#1", "a.txt"), rep("b#1", "b.txt", actor="us_coalition")])
    assert len(merged) == 2
    merged = merge_incidents([rep("a#1", "a.txt", actor="unknown", date="2024-10-14"),
                              rep("b#1", "b.txt", actor="iran_backed")])
    assert len(merged) == 1 and merged[0]["actor"] == "iran_backed"
    assert merged[0]["actor_label"] == "Iran-backed militias"


def test_places_of_one_event_are_one_incident():
    merged = merge_incidents([
        rep("a#1", "a.txt", place_key="murat", place_ar="مراط"),
        rep("a#1", "a.txt", place_key="mayadin", place_ar="الميادين"),
        rep("b#2", "b.txt", place_key="mayadin", place_ar="الميادين"),
    ])
    assert len(merged) == 2
    assert len({m["incident_id"] for m in merged}) == 1
    counts = {m["place_key"]: (m["sources_count"], m["place_sources_count"]) for m in merged}
    assert counts == {"murat": (2, 1), "mayadin": (2, 2)}
    assert sorted(merged[0]["incident_places"]) == ["mayadin", "murat"]


def test_unresolved_places_compare_by_folded_name():
    merged = merge_incidents([rep("a#1", "a.txt", place_key=None, place_ar="بلدة الطيبة"),
                              rep("b#1", "b.txt", place_key=None, place_ar="بلدة الطَّيبة")])
    assert len(merged) == 1 and merged[0]["sources_count"] == 2
    assert place_identity({"place_key": None, "place_ar": ""}).startswith("event:")


def test_undated_reports_merge_only_within_their_article():
    merged = merge_incidents([rep("a#1", "a.txt", date=None, time_precision=None),
                              rep("b#1", "b.txt", date=None, time_precision=None)])
    assert by_sources(merged) == [("a.txt",), ("b.txt",)]
    # The article restates its dated strike without a date: one incident.
    merged = merge_incidents([rep("a#1", "a.txt", date="2024-10-15"),
                              rep("a#5", "a.txt", date=None, time_precision=None),
                              rep("b#1", "b.txt", date=None, time_precision=None)])
    assert by_sources(merged) == [("a.txt",), ("b.txt",)]
    a = next(m for m in merged if m["sources"][0]["article"] == "a.txt")
    assert a["event_ids"] == ["a#1", "a#5"] and a["date"] == "2024-10-15"
    assert a["sources"][0]["event_ids"] == ["a#1", "a#5"]
    # Two dated incidents there: the undated restatement cannot be placed, it stays apart.
    merged = merge_incidents([rep("a#1", "a.txt", date="2024-10-10"), rep("a#2", "a.txt", date="2024-10-15"),
                              rep("a#5", "a.txt", date=None, time_precision=None)])
    assert len(merged) == 3


def test_week_or_month_dates_merge_only_when_identical():
    merged = merge_incidents([rep("a#1", "a.txt", date="2024-10-14", time_precision=2),
                              rep("b#1", "b.txt", date="2024-10-15", time_precision=1)])
    assert len(merged) == 2
    merged = merge_incidents([rep("a#1", "a.txt", date="2024-10-14", time_precision=2),
                              rep("b#1", "b.txt", date="2024-10-14", time_precision=2)])
    assert len(merged) == 1


def test_the_most_precise_date_wins():
    merged = merge_incidents([rep("a#1", "a.txt", date="2024-10-01", time_precision=3),
                              rep("b#1", "b.txt", date="2024-10-01", time_precision=3)])
    assert merged[0]["time_precision"] == 3
    merged = merge_incidents([rep("a#1", "a.txt", date="2024-10-16", time_precision=1),
                              rep("b#1", "b.txt", date="2024-10-15", time_precision=1, weapon=None)])
    assert (merged[0]["date"], merged[0]["weapon"]) == ("2024-10-15", "drone")


def test_ids_are_stable_whatever_the_order_and_input_is_not_changed():
    reports = [rep("a#1", "a.txt"), rep("b#1", "b.txt", date="2024-10-14"), rep("c#1", "c.txt", date="2024-11-01"),
               rep("d#1", "d.txt", place_key="omar_field", place_ar="العمر"),
               rep("e#1", "e.txt", date=None, time_precision=None)]
    before = copy.deepcopy(reports)
    first = merge_incidents(reports)
    assert reports == before
    ids = [m["incident_id"] for m in first]
    assert len(set(ids)) == len(ids) == 4
    for seed in range(5):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert [m["incident_id"] for m in merge_incidents(shuffled)] == ids
    # Dated first, by date; undated last.
    assert [m["date"] for m in first] == ["2024-10-14", "2024-10-15", "2024-11-01", None]


def test_no_reports_no_incidents():
    assert merge_incidents([]) == []
