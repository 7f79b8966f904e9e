"""Merge reports of one incident from several articles, and count its sources.

Several outlets report the same strike; the map should show it once, with
every source listed — as Airwars does when it grades an incident by how many
independent sources corroborate it. Input and output are flat features (one
per event and place, see CONTRACTS.md).

The rules, chosen to rather leave two reports apart than fuse two strikes:

* Two reports at one place are **the same incident** when they have the same
  role (attack / retaliation / other), the same place (``place_key``; for an
  unresolved place, the folded name as written), compatible actors (equal, or
  one of them ``unknown``) and dates no more than ``window_days`` (1) apart,
  measured from the incident's earliest report, so a week of daily strikes on
  one base does not chain into one incident. Dates known only to the week or
  month (time_precision 2/3) merge only with the very same date and precision.
* The places of **one event** belong to one incident (a raid on three villages
  is one incident with three places), so reports join across places too. (So an
  incident can span more than a day when reports chain through shared events:
  X+Y on the 1st, Y+Z on the 2nd, Z on the 3rd. Rare; ``date_min``/``date_max``
  show it.)
* An **undated** report merges with nothing from other articles: the same base
  is hit many times, and without a date there is no telling which time. Within
  one article an undated report joins that article's dated incident at the same
  place and role if there is exactly one (the article restating itself), else
  other undated reports of the same article, place and role.

Each output feature is one (incident, place): the properties of the report with
the most precise, then earliest, date, plus ``incident_id`` (deterministic: the
same reports give the same id whatever their order), ``sources`` (one per
article: article, outlet, url, published, title, excerpt, event_ids, date),
``sources_count`` (distinct articles), ``event_ids``, ``date_min``/``date_max``,
``killed_min``/``killed_max`` (and ``killed``/``wounded`` the largest report),
``incident_places`` (every place of the incident).

>>> a = dict(event_id="a#1", article="a.txt", outlet="A", url="", published="2024-10-16", title="",
...          role="attack", actor="iran_backed", place_key="conoco_base", place_ar="كونيكو",
...          date="2024-10-15", time_precision=1, weapon="drone", killed=None, wounded=None,
...          excerpt="استهدفت مسيرات قاعدة كونيكو")
>>> b = dict(a, event_id="b#4", article="b.txt", outlet="B", date="2024-10-14", actor="unknown",
...          killed=2, excerpt="هجوم على حقل كونيكو")
>>> c = dict(a, event_id="c#1", article="c.txt", date="2024-10-20")
>>> merged = merge_incidents([a, b, c])
>>> [(m["date"], m["sources_count"], [s["article"] for s in m["sources"]]) for m in merged]
[('2024-10-14', 2, ['a.txt', 'b.txt']), ('2024-10-20', 1, ['c.txt'])]
>>> merged[0]["actor"], merged[0]["killed"]
('iran_backed', 2)
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Iterable, Mapping

from extract.model import ACTORS
from geodata.arabic import name_key

__all__ = ["merge_incidents", "place_identity", "feature_date"]


def as_date(value: Any) -> dt.date | None:
    """*value* (a date, a datetime or an ISO string) as a ``datetime.date``; None when it is none of those.

    >>> as_date(" 2024-10-15T03:00 "), as_date("غير معروف")
    (datetime.date(2024, 10, 15), None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def feature_date(feature: Mapping[str, Any]) -> dt.date | None:
    """The feature's date as a ``datetime.date`` (features carry ISO strings or dates)."""
    return as_date(feature.get("date"))


def place_identity(feature: Mapping[str, Any]) -> str:
    """What makes two reports "the same place": the gazetteer key, else the folded name.

    >>> place_identity({"place_key": "mayadin"}), place_identity({"place_key": None, "place_ar": "بالميادين"})
    ('key:mayadin', 'name:بالميادين')
    """
    if feature.get("place_key"):
        return f"key:{feature['place_key']}"
    written = feature.get("place_ar") or ""
    if written and name_key(written):
        return "name:" + " ".join(name_key(written))
    return f"event:{feature.get('event_id')}"


def _precision(f: Mapping[str, Any]) -> int:
    p = f.get("time_precision")
    return p if isinstance(p, int) and p in (1, 2, 3) else 1


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _order_key(f: Mapping[str, Any]) -> tuple:
    d = feature_date(f)
    return (d is None, _precision(f) if d else 9, d or dt.date.max, str(f.get("published") or "9999"),
            str(f.get("article") or ""), str(f.get("event_id") or ""))


def merge_incidents(features: Iterable[Mapping[str, Any]], *, window_days: int = 1) -> list[dict[str, Any]]:
    """One feature per (incident, place), with the incident's sources; see the module docs."""
    feats = [dict(f) for f in features]
    # Deterministic whatever the input order.
    feats.sort(key=lambda f: (str(f.get("event_id")), place_identity(f), str(f.get("place_ar") or "")))
    n = len(feats)
    uf = _Union(n)

    # (1) places of one event are one incident.
    by_event: dict[Any, int] = {}
    for i, f in enumerate(feats):
        j = by_event.setdefault(f.get("event_id"), i)
        uf.join(i, j)

    # (2) reports of one (role, place) close in time.
    groups: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(feats):
        groups.setdefault((str(f.get("role")), place_identity(f)), []).append(i)
    for members in groups.values():
        dated = sorted((i for i in members if feature_date(feats[i])), key=lambda i: _order_key(feats[i]))
        dated.sort(key=lambda i: feature_date(feats[i]))
        clusters: list[dict[str, Any]] = []  # first date, precision, actor, members
        for i in dated:
            f = feats[i]
            d, p, actor = feature_date(f), _precision(f), f.get("actor") or "unknown"
            home = None
            for c in clusters:
                if c["actor"] != "unknown" and actor != "unknown" and c["actor"] != actor:
                    continue
                if p == 1 and c["precision"] == 1:
                    if (d - c["first"]).days > window_days:
                        continue
                elif not (p == c["precision"] and d == c["first"]):
                    continue
                home = c
                break
            if home is None:
                clusters.append({"first": d, "precision": p, "actor": actor, "members": [i]})
            else:
                home["members"].append(i)
                if home["actor"] == "unknown":
                    home["actor"] = actor
        for c in clusters:
            for i in c["members"][1:]:
                uf.join(c["members"][0], i)
        # Undated: only within one article.
        undated: dict[str, list[int]] = {}
        for i in members:
            if feature_date(feats[i]) is None:
                undated.setdefault(str(feats[i].get("article")), []).append(i)
        for article, idx in undated.items():
            own = [c for c in clusters if any(str(feats[m].get("article")) == article for m in c["members"])]
            anchor = own[0]["members"][0] if len(own) == 1 else idx[0]
            for i in idx:
                uf.join(anchor, i)

    incidents: dict[int, list[int]] = {}
    for i in range(n):
        incidents.setdefault(uf.find(i), []).append(i)

    out: list[dict[str, Any]] = []
    for idx in incidents.values():
        out.extend(_incident_features([feats[i] for i in idx]))
    out.sort(key=lambda f: (feature_date(f) is None, feature_date(f) or dt.date.max, f["incident_id"],
                            place_identity(f)))
    return out


def _incident_features(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    members = sorted(members, key=_order_key)
    best = members[0]
    dates = sorted(d for d in (feature_date(f) for f in members) if d)
    places = list(dict.fromkeys(place_identity(f) for f in members))
    seed = "|".join([str(best.get("role")), dates[0].isoformat() if dates else "undated",
                     min(places), "" if dates else str(min(str(f.get("event_id")) for f in members))])
    incident_id = "inc-" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:12]

    sources: dict[str, dict[str, Any]] = {}
    for f in members:
        key = str(f.get("article") or f.get("event_id"))
        s = sources.get(key)
        if s is None:
            sources[key] = {
                "article": f.get("article"), "outlet": f.get("outlet") or "", "url": f.get("url") or "",
                "published": f.get("published"), "title": f.get("title") or "",
                "excerpt": f.get("excerpt") or "", "date": f.get("date"),
                "event_ids": [f.get("event_id")], "places_ar": [f.get("place_ar")] if f.get("place_ar") else [],
            }
        else:
            if f.get("event_id") not in s["event_ids"]:
                s["event_ids"].append(f.get("event_id"))
            if f.get("place_ar") and f.get("place_ar") not in s["places_ar"]:
                s["places_ar"].append(f.get("place_ar"))
    source_list = sorted(sources.values(), key=lambda s: (str(s["published"] or "9999"), str(s["article"])))

    actor = best.get("actor")
    if (actor or "unknown") == "unknown":
        known = next((f for f in members if (f.get("actor") or "unknown") != "unknown"), None)
        if known is not None:
            actor = known.get("actor")
    # Casualties are per event: take each event once.
    per_event = {f.get("event_id"): f for f in members}
    extra = {"actor": actor}
    if "actor_label" in best or actor != best.get("actor"):
        extra["actor_label"] = ACTORS.get(actor or "unknown", actor)
    for k in ("killed", "wounded"):
        vals = [f.get(k) for f in per_event.values() if isinstance(f.get(k), int)]
        extra[k] = max(vals) if vals else None
        extra[f"{k}_min"] = min(vals) if vals else None
        extra[f"{k}_max"] = max(vals) if vals else None
    if best.get("weapon") is None:
        extra["weapon"] = next((f.get("weapon") for f in members if f.get("weapon")), None)
    incident_places = []
    for f in members:
        label = f.get("place_en") or f.get("place_ar")
        if label and label not in incident_places:
            incident_places.append(label)

    common = {
        "incident_id": incident_id,
        "sources": source_list,
        "sources_count": len(source_list),
        "event_ids": list(dict.fromkeys(f.get("event_id") for f in members)),
        "date": best.get("date"),
        "time_precision": best.get("time_precision"),
        "date_min": dates[0].isoformat() if dates else None,
        "date_max": dates[-1].isoformat() if dates else None,
        "incident_places": incident_places,
        "corrected": any(bool(f.get("corrected")) for f in members),
        **extra,
    }
    out = []
    by_place: dict[str, list[dict[str, Any]]] = {}
    for f in members:
        by_place.setdefault(place_identity(f), []).append(f)
    for place_members in by_place.values():
        rep = dict(place_members[0])  # members are sorted: most precise, earliest first
        rep.update(common)
        rep["place_sources_count"] = len({str(f.get("article") or f.get("event_id")) for f in place_members})
        out.append(rep)
    return out
