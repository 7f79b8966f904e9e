"""Initial filters (URL, then what the session chose, then all) and widget values -> Filters."""

from __future__ import annotations

import datetime as dt

from strikemap.filters import Filters
from strikemap.viewstate import (ACTOR_CHOICES, EVENT_PARAM, ROLE_CHOICES, WEAPON_CHOICES, chosen, event_from_params,
                                 filters_from_widgets, initial_filters, page_params, select_event, slider_value)

BOUNDS = (dt.date(2022, 8, 18), dt.date(2024, 11, 13))


def test_url_beats_saved_beats_default():
    saved = Filters(roles=("attack",))
    assert initial_filters({"actors": "sdf"}, saved=saved, bounds=BOUNDS) == Filters(actors=("sdf",))
    assert initial_filters({}, saved=saved, bounds=BOUNDS) is saved
    assert initial_filters({"unrelated": "1"}, saved=None, bounds=BOUNDS) == Filters()
    assert initial_filters({"from": "2001-01-01"}, saved=None, bounds=BOUNDS).date_from == BOUNDS[0]


def test_slider_value_is_clipped_and_ordered():
    assert slider_value(Filters(date_from=dt.date(2023, 1, 1)), BOUNDS) == (dt.date(2023, 1, 1), BOUNDS[1])
    assert slider_value(Filters(date_from=dt.date(2030, 1, 1)), BOUNDS) == (BOUNDS[1], BOUNDS[1])
    assert slider_value(Filters(), BOUNDS) == BOUNDS


def test_widgets_round_trip_through_the_url():
    f = filters_from_widgets(actors=["us_coalition"], roles=list(ROLE_CHOICES), weapons=["drone", "unspecified"],
                             dates=(dt.date(2023, 3, 1), BOUNDS[1]), bounds=BOUNDS, include_undated=False)
    params = f.to_query_params()
    assert params == {"from": "2023-03-01", "undated": "0", "actors": "us_coalition", "weapons": "drone,unspecified"}
    back = Filters.from_query_params(params, bounds=BOUNDS)
    assert back == f
    assert chosen(back.actors, ACTOR_CHOICES) == ["us_coalition"]
    assert chosen(back.roles, ROLE_CHOICES) == list(ROLE_CHOICES)
    assert chosen(back.weapons, WEAPON_CHOICES) == ["drone", "unspecified"]


def test_nothing_selected_shows_nothing_not_everything():
    f = filters_from_widgets(actors=[], roles=list(ROLE_CHOICES), weapons=list(WEAPON_CHOICES), dates=None,
                             bounds=None, include_undated=True)
    assert f.actors == () and not f.matches({"role": "attack", "actor": "sdf", "date": None})


# -- the selected event ----------------------------------------------------------------------------------------


def _incidents():
    # Two incidents: one located with two reports (events e1, e2), one event with no place on the map.
    return [
        {"ref": 0, "event_id": "e1", "event_ids": ["e1", "e2"], "role": "attack", "actor": "iran_backed",
         "date": "2024-10-15", "lat": 35.336, "lon": 40.309},
        {"ref": 1, "event_id": "e3", "event_ids": ["e3"], "role": "retaliation", "actor": "us_coalition",
         "date": None, "lat": None, "lon": None},
    ]


def test_event_id_from_the_address_never_raises():
    assert event_from_params({EVENT_PARAM: "631f5ee2a5f185d6"}) == "631f5ee2a5f185d6"
    assert event_from_params({EVENT_PARAM: ["  e1 ", "e2"]}) == "e1"
    for bad in ({}, {EVENT_PARAM: ""}, {EVENT_PARAM: "   "}, {EVENT_PARAM: []}, {EVENT_PARAM: 7},
                {EVENT_PARAM: "e" * 201}, None, object()):
        assert event_from_params(bad) is None, bad


def test_the_address_holds_the_filters_and_the_event():
    f = Filters(roles=("attack",), include_undated=False)
    assert page_params(f, event_id="e1") == {"undated": "0", "roles": "attack", EVENT_PARAM: "e1"}
    assert page_params(f) == f.to_query_params() == page_params(f, event_id="")
    back = Filters.from_query_params(page_params(f, event_id="e1"), bounds=BOUNDS)
    assert back == f  # the event does not disturb the filters


def test_select_event_finds_the_incident_of_any_of_its_reports():
    feats = _incidents()
    for eid in ("e1", "e2"):
        s = select_event(feats, eid, shown=feats)
        assert (s.status, s.feature["ref"], s.event_id) == ("shown", 0, eid)
        assert s.point == (35.336, 40.309)
    s = select_event(feats, "e3", shown=feats)
    assert (s.status, s.point) == ("unlocated", None)
    assert select_event(feats, None, shown=feats).status == "none"
    assert select_event(feats, "zz", shown=feats).status == "unknown"


def test_an_event_outside_the_filters_is_hidden_not_shown():
    feats = _incidents()
    flt = Filters(roles=("retaliation",))
    shown = [f for f in feats if flt.matches(f)]
    s = select_event(feats, "e2", shown=shown)
    assert s.status == "hidden" and s.feature["ref"] == 0 and s.point is None
    # Compared by ref: a copy of the feature (a rerun's fresh list) still counts as shown.
    assert select_event(feats, "e2", shown=[dict(f) for f in feats]).status == "shown"
