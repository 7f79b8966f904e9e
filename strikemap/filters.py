"""Narrow features by date, actor, role and weapon; keep the choice in the page address.

A :class:`Filters` is what the sidebar shows; :meth:`Filters.to_query_params`
and :meth:`Filters.from_query_params` put it in the URL so a view can be
shared. Reading the URL never raises: unknown words are dropped, bad dates
ignored, reversed ranges swapped, and dates clipped to the data's bounds.

``None`` for actors/roles/weapons means "any"; a tuple means "only these"
(an empty tuple lets nothing through). A feature without a weapon matches
the pseudo-weapon ``"unspecified"``.

>>> f = [{"event_id": "1", "role": "attack", "actor": "iran_backed", "weapon": "drone", "date": "2024-10-15"},
...      {"event_id": "2", "role": "retaliation", "actor": "us_coalition", "weapon": None, "date": None}]
>>> flt = Filters(roles=("attack",))
>>> [x["event_id"] for x in apply_filters(f, flt)]
['1']
>>> flt.to_query_params()
{'roles': 'attack'}
>>> Filters.from_query_params({"roles": "attack,bogus", "from": "2024-13-40", "undated": "0"})
Filters(date_from=None, date_to=None, include_undated=False, actors=None, roles=('attack',), weapons=None)
>>> [x["event_id"] for x in apply_filters(f, Filters(weapons=("unspecified",)))]
['2']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from extract.model import ACTORS, ROLES
from strikemap.incidents import as_date

__all__ = ["Filters", "apply_filters", "date_bounds", "counts_per_day", "WEAPON_CHOICES", "UNSPECIFIED"]

UNSPECIFIED = "unspecified"
WEAPON_CHOICES: tuple[str, ...] = ("drone", "rocket", "missile", "airstrike", "artillery", "small_arms",
                                   "explosive", "unknown", UNSPECIFIED)
_VOCAB = {"actors": tuple(ACTORS), "roles": tuple(ROLES), "weapons": WEAPON_CHOICES}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _choice(values: Iterable[str] | None, vocab: Sequence[str]) -> tuple[str, ...] | None:
    if values is None:
        return None
    wanted = {v for v in values}
    return tuple(v for v in vocab if v in wanted)


@dataclass(frozen=True, slots=True)
class Filters:
    """What to show. All fields optional; the default shows everything."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_undated: bool = True
    actors: tuple[str, ...] | None = None
    roles: tuple[str, ...] | None = None
    weapons: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        # Normalise so equal choices compare equal (and garbage is dropped).
        for name in ("actors", "roles", "weapons"):
            v = getattr(self, name)
            if v is not None:
                object.__setattr__(self, name, _choice([v] if isinstance(v, str) else v, _VOCAB[name]))
        a, b = as_date(self.date_from), as_date(self.date_to)
        if a and b and a > b:
            a, b = b, a
        object.__setattr__(self, "date_from", a)
        object.__setattr__(self, "date_to", b)
        object.__setattr__(self, "include_undated", bool(self.include_undated))

    def matches(self, feature: Mapping[str, Any]) -> bool:
        """Whether one feature passes."""
        if self.roles is not None and feature.get("role") not in self.roles:
            return False
        if self.actors is not None and (feature.get("actor") or "unknown") not in self.actors:
            return False
        if self.weapons is not None and (feature.get("weapon") or UNSPECIFIED) not in self.weapons:
            return False
        d = as_date(feature.get("date"))
        if d is None:
            return self.include_undated
        if self.date_from and d < self.date_from:
            return False
        if self.date_to and d > self.date_to:
            return False
        return True

    def to_query_params(self) -> dict[str, str]:
        """Only what differs from the default, as ``str`` values (comma-separated lists).

        >>> Filters(date_from=dt.date(2024, 1, 1), actors=(), include_undated=False).to_query_params()
        {'from': '2024-01-01', 'undated': '0', 'actors': ''}
        """
        out: dict[str, str] = {}
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        if not self.include_undated:
            out["undated"] = "0"
        for name in ("actors", "roles", "weapons"):
            v = getattr(self, name)
            if v is not None:
                out[name] = ",".join(v)
        return out

    @classmethod
    def from_query_params(cls, params: Mapping[str, Any],
                          *, bounds: tuple[dt.date, dt.date] | None = None) -> "Filters":
        """Read the URL (``st.query_params`` or any str → str | list mapping); never raises.

        With ``bounds`` (from :func:`date_bounds`) dates are clipped into them.

        >>> Filters.from_query_params({"from": "2020-01-01", "to": ["2030-01-01"], "actors": ["sdf", "x"]},
        ...                           bounds=(dt.date(2022, 8, 24), dt.date(2024, 11, 13)))
        Filters(date_from=datetime.date(2022, 8, 24), date_to=datetime.date(2024, 11, 13), include_undated=True, actors=('sdf',), roles=None, weapons=None)
        """
        def values(name: str) -> list[str] | None:
            try:
                raw = params.get(name) if hasattr(params, "get") else None
            except Exception:
                return None
            if raw is None:
                return None
            items = raw if isinstance(raw, (list, tuple)) else [raw]
            out: list[str] = []
            for item in items:
                out.extend(p.strip().lower() for p in str(item).split(",") if p.strip())
            return out

        def one(name: str) -> str | None:
            v = values(name)
            return v[-1] if v else None

        date_from, date_to = as_date(one("from")), as_date(one("to"))
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from
        if bounds:
            lo, hi = bounds
            date_from = min(max(date_from, lo), hi) if date_from else None
            date_to = max(min(date_to, hi), lo) if date_to else None
        undated = one("undated")
        include_undated = not (undated in _FALSE) if undated is not None else True
        kw: dict[str, Any] = {}
        for name in ("actors", "roles", "weapons"):
            v = values(name)
            kw[name] = None if v is None else _choice(v, _VOCAB[name])
        return cls(date_from=date_from, date_to=date_to, include_undated=include_undated, **kw)


def apply_filters(features: Iterable[Mapping[str, Any]], filters: Filters) -> list[Any]:
    """The features that pass, in their order."""
    return [f for f in features if filters.matches(f)]


def date_bounds(features: Iterable[Mapping[str, Any]]) -> tuple[dt.date, dt.date] | None:
    """(earliest, latest) date among the features, or None if none is dated.

    >>> date_bounds([{"date": "2024-10-15"}, {"date": None}, {"date": "2022-08-24"}])
    (datetime.date(2022, 8, 24), datetime.date(2024, 10, 15))
    """
    dates = [d for d in (as_date(f.get("date")) for f in features) if d]
    return (min(dates), max(dates)) if dates else None


def counts_per_day(features: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Events per day and role, for the timeline: a DataFrame indexed by day (every day in range).

    An event (or merged incident) counts once however many places it has;
    undated features are left out. Columns: attack, retaliation, other.

    >>> df = counts_per_day([{"event_id": "a", "role": "attack", "date": "2024-10-14"},
    ...                      {"event_id": "a", "role": "attack", "date": "2024-10-14"},
    ...                      {"event_id": "b", "role": "retaliation", "date": "2024-10-16"}])
    >>> df.to_dict("list")
    {'attack': [1, 0, 0], 'retaliation': [0, 0, 1], 'other': [0, 0, 0]}
    >>> [d.isoformat() for d in df.index.date]
    ['2024-10-14', '2024-10-15', '2024-10-16']
    """
    seen: set[Any] = set()
    rows = []
    for f in features:
        d = as_date(f.get("date"))
        role = f.get("role")
        if d is None or role not in ROLES:
            continue
        ident = f.get("incident_id") or f.get("event_id") or id(f)
        if ident in seen:
            continue
        seen.add(ident)
        rows.append((pd.Timestamp(d), role))
    columns = list(ROLES)
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype="int64") for c in columns},
                            index=pd.DatetimeIndex([], name="date"))
    df = pd.DataFrame(rows, columns=["date", "role"])
    table = pd.crosstab(df["date"], df["role"])
    full = pd.date_range(table.index.min(), table.index.max(), freq="D", name="date")
    table = table.reindex(index=full, columns=columns, fill_value=0).astype("int64")
    table.columns.name = None
    return table
