"""Which filters the map page starts from, and how widget values become a Filters.

The page address wins (a shared link shows what its sender saw); with no
filter in the address, the page keeps what the user chose before switching
to another page; else everything is shown. Widgets show "everything" as all
options selected and the full date range; :func:`filters_from_widgets` maps
that back to ``None`` so the address stays short.

>>> import datetime as dt
>>> from strikemap.filters import Filters
>>> bounds = (dt.date(2022, 8, 24), dt.date(2024, 11, 13))
>>> initial_filters({"roles": "attack"}, saved=Filters(actors=("sdf",)), bounds=bounds).roles
('attack',)
>>> initial_filters({}, saved=Filters(actors=("sdf",)), bounds=bounds).actors
('sdf',)
>>> slider_value(Filters(), bounds)
(datetime.date(2022, 8, 24), datetime.date(2024, 11, 13))
>>> f = filters_from_widgets(actors=list(ACTOR_CHOICES), roles=["attack"], weapons=list(WEAPON_CHOICES),
...                          dates=bounds, bounds=bounds, include_undated=True)
>>> f.to_query_params()
{'roles': 'attack'}
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping, Sequence

from extract.model import ACTORS, ROLES
from strikemap.filters import WEAPON_CHOICES, Filters

__all__ = ["FILTER_PARAMS", "ACTOR_CHOICES", "ROLE_CHOICES", "WEAPON_CHOICES", "initial_filters",
           "slider_value", "filters_from_widgets", "chosen"]

FILTER_PARAMS = ("from", "to", "undated", "actors", "roles", "weapons")
ACTOR_CHOICES: tuple[str, ...] = tuple(ACTORS)
ROLE_CHOICES: tuple[str, ...] = tuple(ROLES)


def initial_filters(params: Mapping[str, Any], *, saved: Filters | None,
                    bounds: tuple[dt.date, dt.date] | None) -> Filters:
    """Filters from the address if it has any, else the saved ones, else the default."""
    try:
        has_params = any(k in params for k in FILTER_PARAMS)
    except Exception:  # a strange mapping must not break the page
        has_params = False
    if has_params:
        return Filters.from_query_params(params, bounds=bounds)
    return saved if saved is not None else Filters()


def slider_value(filters: Filters, bounds: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """The date slider's (from, to), clipped into the data's bounds."""
    lo, hi = bounds
    a = min(max(filters.date_from or lo, lo), hi)
    b = max(min(filters.date_to or hi, hi), lo)
    return (a, b) if a <= b else (b, a)


def chosen(values: Sequence[str] | None, choices: Sequence[str]) -> list[str]:
    """What a multiselect shows for a filter field (None = all)."""
    return list(choices) if values is None else [v for v in choices if v in values]


def _all_or(values: Sequence[str], choices: Sequence[str]) -> tuple[str, ...] | None:
    return None if set(values) >= set(choices) else tuple(values)


def filters_from_widgets(*, actors: Sequence[str], roles: Sequence[str], weapons: Sequence[str],
                         dates: tuple[dt.date, dt.date] | None, bounds: tuple[dt.date, dt.date] | None,
                         include_undated: bool) -> Filters:
    """The Filters the widgets describe (all selected / full range → no filter)."""
    date_from = date_to = None
    if dates and bounds:
        date_from = dates[0] if dates[0] > bounds[0] else None
        date_to = dates[1] if dates[1] < bounds[1] else None
    return Filters(date_from=date_from, date_to=date_to, include_undated=include_undated,
                   actors=_all_or(actors, ACTOR_CHOICES), roles=_all_or(roles, ROLE_CHOICES),
                   weapons=_all_or(weapons, WEAPON_CHOICES))
