"""Initial filters (URL, then what the session chose, then all) and widget values -> Filters."""

from __future__ import annotations

import datetime as dt

from strikemap.filters import Filters
from strikemap.viewstate import (ACTOR_CHOICES, ROLE_CHOICES, WEAPON_CHOICES, chosen, filters_from_widgets,
                                 initial_filters, slider_value)

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
