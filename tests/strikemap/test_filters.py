"""Filters: matching, the URL round trip (never raising on garbage), bounds and the daily counts."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings, strategies as st

from strikemap.filters import UNSPECIFIED, Filters, apply_filters, counts_per_day, date_bounds

D = dt.date


def feat(event_id, role="attack", actor="iran_backed", weapon="drone", date="2024-10-15", **kw):
    return {"event_id": event_id, "role": role, "actor": actor, "weapon": weapon, "date": date, **kw}


FEATURES = [
    feat("a", date="2022-08-24", weapon="rocket"),
    feat("b", role="retaliation", actor="us_coalition", weapon="airstrike", date="2022-08-24"),
    feat("c", role="retaliation", actor="us_coalition", weapon=None, date="2023-03-24"),
    feat("d", date=None, actor="unknown"),
    feat("e", role="other", actor="syrian_government", weapon="artillery", date=D(2024, 11, 12)),
]


def ids(features):
    return [f["event_id"] for f in features]


def test_default_shows_everything():
    assert ids(apply_filters(FEATURES, Filters())) == list("abcde")


def test_each_criterion():
    assert ids(apply_filters(FEATURES, Filters(roles=("retaliation",)))) == ["b", "c"]
    assert ids(apply_filters(FEATURES, Filters(actors=("iran_backed", "unknown")))) == ["a", "d"]
    assert ids(apply_filters(FEATURES, Filters(weapons=("rocket", UNSPECIFIED)))) == ["a", "c"]
    assert ids(apply_filters(FEATURES, Filters(date_from=D(2023, 1, 1)))) == ["c", "d", "e"]
    assert ids(apply_filters(FEATURES, Filters(date_from=D(2023, 1, 1), include_undated=False))) == ["c", "e"]
    assert ids(apply_filters(FEATURES, Filters(date_to=D(2022, 8, 24), include_undated=False))) == ["a", "b"]
    # An empty choice lets nothing through (not "everything").
    assert apply_filters(FEATURES, Filters(roles=())) == []


def test_constructor_normalises_choices_and_swaps_reversed_dates():
    f = Filters(date_from="2024-01-02", date_to=D(2023, 1, 1), roles=("retaliation", "attack", "nonsense"))
    assert (f.date_from, f.date_to, f.roles) == (D(2023, 1, 1), D(2024, 1, 2), ("attack", "retaliation"))
    assert f == Filters(date_from=D(2023, 1, 1), date_to=D(2024, 1, 2), roles=("attack", "retaliation"))


def test_query_params_round_trip():
    f = Filters(date_from=D(2023, 3, 1), date_to=D(2024, 10, 31), include_undated=False,
                actors=("us_coalition",), roles=("attack", "retaliation"), weapons=("drone", UNSPECIFIED))
    params = f.to_query_params()
    assert all(isinstance(v, str) for v in params.values())
    assert Filters.from_query_params(params) == f
    assert Filters.from_query_params({}) == Filters() and Filters().to_query_params() == {}
    # An explicitly empty list survives the trip.
    assert Filters.from_query_params(Filters(roles=()).to_query_params()).roles == ()


def test_query_params_repeated_keys_and_case():
    f = Filters.from_query_params({"roles": ["Attack", "other"], "undated": ["1", "false"]})
    assert f.roles == ("attack", "other") and f.include_undated is False


def test_query_params_garbage_is_dropped_and_dates_clipped():
    bounds = (D(2022, 8, 24), D(2024, 11, 13))
    f = Filters.from_query_params({"from": "2030-01-01", "to": "1999-01-01", "actors": "x,,y",
                                   "weapons": "drone;rocket", "undated": "perhaps"}, bounds=bounds)
    assert (f.date_from, f.date_to) == (D(2022, 8, 24), D(2024, 11, 13))  # swapped, then clipped
    assert f.actors == () and f.weapons == () and f.include_undated is True


class Weird:
    """A mapping whose get raises: reading the URL still must not."""

    def get(self, key):
        raise RuntimeError("boom")


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(
    st.sampled_from(["from", "to", "undated", "actors", "roles", "weapons", "other", ""]) | st.text(max_size=5),
    st.text(max_size=30) | st.lists(st.text(max_size=15), max_size=4), max_size=8))
def test_from_query_params_never_raises(params):
    f = Filters.from_query_params(params, bounds=(D(2022, 1, 1), D(2024, 12, 31)))
    assert isinstance(f, Filters)
    if f.date_from and f.date_to:
        assert f.date_from <= f.date_to
    assert Filters.from_query_params(f.to_query_params()) == f
    apply_filters(FEATURES, f)


def test_from_query_params_survives_a_broken_mapping():
    assert Filters.from_query_params(Weird()) == Filters()


def test_date_bounds():
    assert date_bounds(FEATURES) == (D(2022, 8, 24), D(2024, 11, 12))
    assert date_bounds([feat("x", date=None), feat("y", date="not a date")]) is None
    assert date_bounds([]) is None


def test_counts_per_day_counts_events_once_per_day_and_role():
    rows = FEATURES + [feat("a", date="2022-08-24", place_key="other_place"),  # same event, 2nd place
                       feat("f", role="retaliation", date="2022-08-26"),
                       feat("g", role="attack", date="2022-08-24", incident_id="inc-1"),
                       feat("h", role="attack", date="2022-08-24", incident_id="inc-1")]  # merged incident
    df = counts_per_day(apply_filters(rows, Filters(date_to=D(2022, 12, 31))))
    assert list(df.columns) == ["attack", "retaliation", "other"]
    assert [d.isoformat() for d in df.index.date] == ["2022-08-24", "2022-08-25", "2022-08-26"]
    assert df.loc["2022-08-24"].to_dict() == {"attack": 2, "retaliation": 1, "other": 0}
    assert df.loc["2022-08-25"].sum() == 0
    assert df.loc["2022-08-26", "retaliation"] == 1
    assert df.index.name == "date" and all(str(t) == "int64" for t in df.dtypes)


def test_counts_per_day_without_dated_events_is_an_empty_frame():
    df = counts_per_day([feat("x", date=None)])
    assert isinstance(df, pd.DataFrame) and df.empty and list(df.columns) == ["attack", "retaliation", "other"]
