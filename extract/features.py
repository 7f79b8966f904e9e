"""Events → flat features: one GeoJSON Feature per (event, target place).

The flat property set is the one contract the CLI, the store and the map
share (see CONTRACTS.md). Geometry is a Point ``[lon, lat]``, or None
when the place could not be located.

>>> from extract.model import Event, PlaceMention, ArticleMeta
>>> p = PlaceMention(text="مراط", start=20, end=24, key="marrat", name_en="Murat",
...                  lat=35.285, lon=40.262, geo_precision=1)
>>> e = Event(event_id="abc", article="a.txt", role="retaliation", actor="us_coalition",
...           actor_text="القوات الأمريكية", targets=(p,), excerpt="قصفت القوات الأمريكية مراط", excerpt_start=2)
>>> f = event_features([e], ArticleMeta(file="a.txt"))[0]
>>> f["geometry"], f["properties"]["place_key"], f["properties"]["excerpt_place_start"]
({'type': 'Point', 'coordinates': [40.262, 35.285]}, 'marrat', 18)
"""

from __future__ import annotations

from typing import Any, Iterable

from extract.model import ACTORS, ArticleMeta, Event

__all__ = ["event_features", "feature_collection", "PROPERTIES"]

PROPERTIES = (
    "event_id", "article", "outlet", "published", "title", "url", "role", "actor", "actor_label", "actor_text",
    "actor_group", "actor_hedge", "place_ar", "place_key", "place_en", "geo_precision", "date", "time_precision",
    "weapon", "killed", "wounded", "origin_place_ar", "origin_key", "origin_lat", "origin_lon", "responds_to",
    "excerpt", "excerpt_place_start", "excerpt_place_end",
)


def event_features(events: Iterable[Event], meta: ArticleMeta | None = None) -> list[dict[str, Any]]:
    """One Feature dict per (event, target place), properties in :data:`PROPERTIES` order."""
    out: list[dict[str, Any]] = []
    for e in events:
        m = meta or ArticleMeta(file=e.article)
        origin = e.origin
        for p in e.targets:
            props = {
                "event_id": e.event_id,
                "article": e.article or m.file,
                "outlet": m.outlet or None,
                "published": m.published.isoformat() if m.published else None,
                "title": m.title or None,
                "url": m.url or None,
                "role": e.role,
                "actor": e.actor,
                "actor_label": ACTORS.get(e.actor, e.actor),
                "actor_text": e.actor_text or None,
                "actor_group": e.actor_group,
                "actor_hedge": e.actor_hedge,
                "place_ar": p.text,
                "place_key": p.key,
                "place_en": p.name_en,
                "geo_precision": p.geo_precision,
                "date": e.date.isoformat() if e.date else None,
                "time_precision": e.time_precision,
                "weapon": e.weapon,
                "killed": e.killed,
                "wounded": e.wounded,
                "origin_place_ar": origin.text if origin else None,
                "origin_key": origin.key if origin else None,
                "origin_lat": origin.lat if origin else None,
                "origin_lon": origin.lon if origin else None,
                "responds_to": e.responds_to,
                "excerpt": e.excerpt,
                "excerpt_place_start": p.start - e.excerpt_start,
                "excerpt_place_end": p.end - e.excerpt_start,
            }
            geometry = ({"type": "Point", "coordinates": [p.lon, p.lat]} if p.located else None)
            out.append({"type": "Feature", "geometry": geometry, "properties": props})
    return out


def feature_collection(features: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of *features*."""
    return {"type": "FeatureCollection", "features": list(features)}
