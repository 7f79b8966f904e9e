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

The selected event (``?event=<id>``) lives in the address next to the
filters, so a selection is a link too; :func:`select_event` finds its
incident among the map's features and says whether the filters hide it.

>>> page_params(f, event_id="e1")
{'roles': 'attack', 'event': 'e1'}
>>> feats = [{"ref": 0, "event_id": "e1", "event_ids": ["e1", "e2"], "role": "attack", "lat": 35.0, "lon": 40.4}]
>>> select_event(feats, "e2", shown=feats).status
'shown'
>>> select_event(feats, "e2", shown=[]).status, select_event(feats, "nope", shown=feats).status
('hidden', 'unknown')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Literal, Mapping, Sequence

from extract.model import ACTORS, ROLES
from strikemap.filters import WEAPON_CHOICES, Filters

__all__ = ["FILTER_PARAMS", "EVENT_PARAM", "ACTOR_CHOICES", "ROLE_CHOICES", "WEAPON_CHOICES", "initial_filters",
           "slider_value", "filters_from_widgets", "chosen", "event_from_params", "page_params", "Selection",
           "select_event", "SELECTED_ZOOM"]

FILTER_PARAMS = ("from", "to", "undated", "actors", "roles", "weapons")
EVENT_PARAM = "event"
SELECTED_ZOOM = 11  # a town and its surroundings: the selected marker stands out of its cluster
_MAX_EVENT_ID = 200  # ids are 16 hex digits; anything much longer is not one
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


def event_from_params(params: Mapping[str, Any]) -> str | None:
    """The ``event`` id in the address, stripped; None when absent, empty or absurd (never raises).

    >>> event_from_params({"event": " 631f5ee2a5f185d6 "}), event_from_params({"event": ["a", "b"]})
    ('631f5ee2a5f185d6', 'a')
    >>> event_from_params({}), event_from_params({"event": "x" * 5000})
    (None, None)
    """
    try:
        value = params.get(EVENT_PARAM)
    except Exception:  # a strange mapping must not break the page
        return None
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if 0 < len(value) <= _MAX_EVENT_ID else None


def page_params(filters: Filters, *, event_id: str | None = None) -> dict[str, str]:
    """The map page's address: the filters (only non-defaults) and the selected event."""
    params = filters.to_query_params()
    if event_id:
        params[EVENT_PARAM] = event_id
    return params


@dataclass(frozen=True, slots=True)
class Selection:
    """The selected event and what the panel can show of it.

    ``status``: ``none`` (nothing selected), ``unknown`` (no such event on
    the map: a wrong link, or a rejected or deleted event), ``hidden`` (the
    filters hide it), ``unlocated`` (shown, but it has no place on the map),
    ``shown``. ``feature`` is its incident (one of the map's features) except
    for ``none`` and ``unknown``.
    """

    event_id: str | None
    status: Literal["none", "unknown", "hidden", "unlocated", "shown"]
    feature: Mapping[str, Any] | None = None

    @property
    def point(self) -> tuple[float, float] | None:
        """(lat, lon) to centre the map on, when the event is on the map."""
        if self.status != "shown" or self.feature is None:
            return None
        from strikemap.mapview import point_of

        return point_of(self.feature)


def _incident_of(features: Iterable[Mapping[str, Any]], event_id: str) -> Mapping[str, Any] | None:
    # The incident's row for the event's own place first; else any row of the incident holding it.
    fallback = None
    for f in features:
        if f.get("event_id") == event_id:
            return f
        if fallback is None and event_id in (f.get("event_ids") or ()):
            fallback = f
    return fallback


def select_event(features: Sequence[Mapping[str, Any]], event_id: str | None, *,
                 shown: Iterable[Mapping[str, Any]]) -> Selection:
    """Find ``event_id``'s incident among ``features`` and whether it is among ``shown`` (the filtered ones).

    Features are compared by ``ref`` (see ``strikemap.mapview``), else by identity.
    """
    if not event_id:
        return Selection(None, "none")
    feature = _incident_of(features, event_id)
    if feature is None:
        return Selection(event_id, "unknown")
    ref = feature.get("ref")
    visible = [f for f in shown if (f.get("ref") == ref if ref is not None else f is feature)]
    if not visible:
        return Selection(event_id, "hidden", feature)
    from strikemap.mapview import point_of

    return Selection(event_id, "shown" if point_of(feature) is not None else "unlocated", feature)
