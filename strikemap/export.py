"""Export what a table shows: CSV in ACLED's columns, and GeoJSON for QGIS.

Input is the flat features the app works with (one per event and place, see
CONTRACTS): GeoJSON-like ``{"geometry": ..., "properties": {...}}`` dicts, or
the bare properties with ``lat``/``lon``. Each becomes one row.

* CSV: ACLED's column names where one applies (``event_id_cnty``,
  ``event_date``, ``event_type``, ``sub_event_type``, ``actor1`` ...), then
  ours (``role``, ``initiator``, ``target``, ``responds_to``, ``origin`` ...).
  UTF-8 with a byte-order mark so Excel shows Arabic; text cells that a
  spreadsheet would run as a formula are prefixed with ``'``.
* GeoJSON: an RFC 7946 FeatureCollection, ``[lon, lat]``, every property a
  plain scalar. Rows without a location are kept with ``"geometry": null``
  (QGIS lists them in the attribute table), so both exports hold the same
  rows; pass ``located_only=True`` to drop them.

Unknown stays unknown: a count of dead that no source gives is empty, not 0.

>>> f = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [40.4513, 35.0206]},
...      "properties": {"event_id": "e1", "role": "retaliation", "actor": "us_coalition",
...                     "weapon": "drone", "place_ar": "الميادين", "place_en": "Mayadin",
...                     "date": "2022-08-24", "time_precision": 1, "geo_precision": 1,
...                     "killed": 3, "outlet": "زمان الوصل"}}
>>> row = acled_row(f)
>>> row["event_type"], row["sub_event_type"], row["actor1"], row["fatalities"]
('Explosions/Remote violence', 'Air/drone strike', 'US / coalition', 3)
>>> csv_bytes([f])[:3] == b"\\xef\\xbb\\xbf"
True
>>> import json; json.loads(geojson_text([f]))["features"][0]["geometry"]["coordinates"]
[40.4513, 35.0206]
"""

from __future__ import annotations

import csv
import io
import json
import math
from urllib.parse import urlencode
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

__all__ = [
    "ACLED_COLUMNS",
    "OUR_COLUMNS",
    "COLUMNS",
    "acled_event_type",
    "acled_row",
    "rows",
    "csv_bytes",
    "geojson_dict",
    "geojson_text",
    "spreadsheet_safe",
    "gazetteer_csv_bytes",
    "GAZETTEER_COLUMNS",
    "with_sources_count",
    "search_features",
    "table_rows",
    "map_link",
    "article_link",
    "correction_link",
]

# ACLED's own names, in ACLED's order (those we can fill).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities",
)
# Ours: what ACLED has no column for.
OUR_COLUMNS = (
    "role", "initiator", "target", "responds_to", "origin", "origin_key",
    "origin_latitude", "origin_longitude", "weapon", "wounded", "place_ar",
    "place_key", "place_source", "actor_text", "actor_hedge", "source_excerpt_ar",
    "sources_count", "incident_id", "article", "title", "url", "published", "corrected",
)
COLUMNS = ACLED_COLUMNS + OUR_COLUMNS

_ACTOR_LABELS = {
    "iran_backed": "Iran-backed militias",
    "us_coalition": "US / coalition",
    "syrian_government": "Syrian government",
    "sdf": "SDF",
    "unknown": "Unknown",
}
# ACLED's actor types (inter1/inter2). Foreign troops count as
# "External/Other forces"; ACLED codes the SDF as a rebel group and
# Iran-backed groups in Syria mostly as political militias.
_INTER = {
    "us_coalition": "External/Other forces",
    "iran_backed": "Political militia",
    "syrian_government": "State forces",
    "sdf": "Rebel group",
}
# Who holds a site, from the gazetteer's affiliation column.
_AFFILIATION_ACTOR = {
    "coalition": "us_coalition",
    "militia": "iran_backed",
    "government": "syrian_government",
    "sdf": "sdf",
}
# In this conflict each side's strikes are at the other.
_OPPONENT = {"iran_backed": "us_coalition", "us_coalition": "iran_backed"}

_COUNTRIES = {"SY": "Syria", "IQ": "Iraq", "JO": "Jordan", "LB": "Lebanon", "TR": "Turkey"}

_EXPLOSIONS = "Explosions/Remote violence"
_SUB_EVENT = {
    "airstrike": (_EXPLOSIONS, "Air/drone strike"),
    "drone": (_EXPLOSIONS, "Air/drone strike"),
    "rocket": (_EXPLOSIONS, "Shelling/artillery/missile attack"),
    "missile": (_EXPLOSIONS, "Shelling/artillery/missile attack"),
    "artillery": (_EXPLOSIONS, "Shelling/artillery/missile attack"),
    "explosive": (_EXPLOSIONS, "Remote explosive/landmine/IED"),
    "small_arms": ("Battles", "Armed clash"),
}
_WEAPON_WORDS = {
    "airstrike": "air strike", "drone": "drone strike", "rocket": "rocket attack",
    "missile": "missile attack", "artillery": "shelling", "explosive": "explosion",
    "small_arms": "armed clash",
}


class _PlaceLookup(Protocol):
    def get(self, key: str) -> Any: ...


def acled_event_type(*, role: str | None, weapon: str | None) -> tuple[str, str, str]:
    """ACLED ``(disorder_type, event_type, sub_event_type)`` for one of our events.

    A strike whose weapon the text does not name is still remote violence,
    but its sub-event type is left empty rather than guessed.

    >>> acled_event_type(role="attack", weapon="rocket")
    ('Political violence', 'Explosions/Remote violence', 'Shelling/artillery/missile attack')
    >>> acled_event_type(role="retaliation", weapon=None)
    ('Political violence', 'Explosions/Remote violence', '')
    >>> acled_event_type(role="other", weapon=None)
    ('', '', '')
    """
    if weapon in _SUB_EVENT:
        event_type, sub = _SUB_EVENT[weapon]
        return "Political violence", event_type, sub
    if role in ("attack", "retaliation"):
        return "Political violence", _EXPLOSIONS, ""
    return "", "", ""


def _props_and_point(feature: Mapping[str, Any]) -> tuple[Mapping[str, Any], float | None, float | None]:
    if "properties" in feature:
        props = feature.get("properties") or {}
        geom = feature.get("geometry")
        if geom and geom.get("type") == "Point":
            lon, lat = geom["coordinates"][:2]
            return props, _num(lat), _num(lon)
        return props, None, None
    geom = feature.get("geometry")
    if isinstance(geom, Mapping) and geom.get("type") == "Point":
        lon, lat = geom["coordinates"][:2]
        return feature, _num(lat), _num(lon)
    return feature, _num(feature.get("lat")), _num(feature.get("lon"))


def _num(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _int(value: Any) -> int | None:
    x = _num(value)
    return int(x) if x is not None else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return "|".join(_text(v) for v in value)
    return str(value)


def _target_actor(props: Mapping[str, Any], place: Any) -> str:
    affiliation = getattr(place, "affiliation", "") if place is not None else ""
    if affiliation in _AFFILIATION_ACTOR:
        return _AFFILIATION_ACTOR[affiliation]
    return _OPPONENT.get(_text(props.get("actor")), "")


def acled_row(feature: Mapping[str, Any], *, gazetteer: _PlaceLookup | None = None) -> dict[str, Any]:
    """One export row (all of :data:`COLUMNS`) for one flat feature.

    With a ``gazetteer`` the row also gets the place's country and admin1,
    and the target side from who holds the place (a coalition base is a
    coalition target); without one, the target is the other side of the
    conflict when the actor is one of the two sides, else empty.
    """
    props, lat, lon = _props_and_point(feature)
    actor = _text(props.get("actor")) or "unknown"
    role = _text(props.get("role"))
    weapon = props.get("weapon") or None
    place_key = _text(props.get("place_key"))
    place = gazetteer.get(place_key) if gazetteer is not None and place_key else None
    disorder, event_type, sub = acled_event_type(role=role, weapon=weapon)
    target = _target_actor(props, place)
    date = _text(props.get("date"))
    initiator = _text(props.get("actor_label")) or _ACTOR_LABELS.get(actor, actor)
    target_label = _ACTOR_LABELS.get(target, "") if target else ""
    inter1 = _INTER.get(actor, "")
    inter2 = _INTER.get(target, "")
    place_en = _text(props.get("place_en"))
    place_ar = _text(props.get("place_ar"))
    location = place_en or place_ar
    origin = _text(props.get("origin_place_ar"))
    country_code = getattr(place, "country", "") if place is not None else ""
    sources_count = _int(props.get("sources_count"))
    if sources_count is None:
        sources = props.get("sources")
        sources_count = len(sources) if isinstance(sources, (list, tuple)) else 1

    what = _WEAPON_WORDS.get(weapon or "", "strike")
    notes = f"On {date or 'an unknown date'}, {initiator}: {what}"
    notes += f" at {location}" if location else " at an unnamed place"
    if place_ar and place_en:
        notes += f" ({place_ar})"
    if props.get("place_verified") is False:
        notes += f" [location from {_text(props.get('place_source')) or 'an online geocoder'}]"
    if origin:
        notes += f", launched from {origin}"
    if role == "retaliation":
        notes += ", in retaliation"
    killed, wounded = _int(props.get("killed")), _int(props.get("wounded"))
    if killed is not None or wounded is not None:
        notes += f"; killed {killed if killed is not None else 'unknown'}, wounded {wounded if wounded is not None else 'unknown'}"
    notes += "."

    return {
        "event_id_cnty": _text(props.get("event_id")),
        "event_date": date,
        "year": int(date[:4]) if date[:4].isdigit() else None,
        "time_precision": _int(props.get("time_precision")),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub,
        "actor1": initiator if actor != "unknown" else "Unidentified armed group",
        "assoc_actor_1": _text(props.get("actor_group")),
        "inter1": inter1,
        "actor2": target_label,
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": f"{inter1}-{inter2}" if inter1 and inter2 else "",
        "civilian_targeting": "",
        "iso": country_code,
        "region": "Middle East",
        "country": _COUNTRIES.get(country_code, country_code),
        "admin1": getattr(place, "admin1", "") if place is not None else "",
        "admin2": "",
        "admin3": "",
        "location": location,
        "latitude": round(lat, 5) if lat is not None else None,
        "longitude": round(lon, 5) if lon is not None else None,
        "geo_precision": _int(props.get("geo_precision")),
        "source": _text(props.get("outlet")),
        "source_scale": "",
        "notes": notes,
        "fatalities": killed,
        "role": role,
        "initiator": initiator,
        "target": target_label,
        "responds_to": _text(props.get("responds_to")),
        "origin": origin,
        "origin_key": _text(props.get("origin_key")),
        "origin_latitude": _num(props.get("origin_lat")),
        "origin_longitude": _num(props.get("origin_lon")),
        "weapon": _text(weapon),
        "wounded": wounded,
        "place_ar": place_ar,
        "place_key": place_key,
        "place_source": _text(props.get("place_source")),
        "actor_text": _text(props.get("actor_text")),
        "actor_hedge": _text(props.get("actor_hedge")),
        "source_excerpt_ar": _text(props.get("excerpt")),
        "sources_count": sources_count,
        "incident_id": _text(props.get("incident_id")),
        "article": _text(props.get("article")),
        "title": _text(props.get("title")),
        "url": _text(props.get("url")),
        "published": _text(props.get("published")),
        "corrected": bool(props.get("corrected")) if "corrected" in props else None,
    }


def rows(features: Iterable[Mapping[str, Any]], *, gazetteer: _PlaceLookup | None = None) -> list[dict[str, Any]]:
    """:func:`acled_row` for each feature, in order."""
    return [acled_row(f, gazetteer=gazetteer) for f in features]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(value: Any) -> Any:
    """A text cell a spreadsheet would evaluate (``=HYPERLINK(...)``) gets a leading ``'``.

    Numbers stay numbers, so a negative longitude is still a number.

    >>> spreadsheet_safe("=1+1"), spreadsheet_safe("-2"), spreadsheet_safe(-2.5), spreadsheet_safe("الميادين")
    ("'=1+1", "'-2", -2.5, 'الميادين')
    """
    if isinstance(value, str) and value.lstrip(" ").startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(features: Iterable[Mapping[str, Any]], *, gazetteer: _PlaceLookup | None = None) -> bytes:
    """The CSV export: header of :data:`COLUMNS`, UTF-8 with BOM, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for row in rows(features, gazetteer=gazetteer):
        writer.writerow({k: ("" if v is None else spreadsheet_safe(v)) for k, v in row.items()})
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def geojson_dict(
    features: Iterable[Mapping[str, Any]],
    *,
    gazetteer: _PlaceLookup | None = None,
    located_only: bool = False,
) -> dict[str, Any]:
    """The GeoJSON export as a dict: a FeatureCollection with flat scalar properties."""
    out = []
    for f in features:
        row = acled_row(f, gazetteer=gazetteer)
        lat, lon = row["latitude"], row["longitude"]
        if lat is None or lon is None:
            if located_only:
                continue
            geometry = None
        else:
            geometry = {"type": "Point", "coordinates": [lon, lat]}
        out.append({"type": "Feature", "geometry": geometry, "properties": row})
    return {"type": "FeatureCollection", "features": out}


def geojson_text(
    features: Iterable[Mapping[str, Any]],
    *,
    gazetteer: _PlaceLookup | None = None,
    located_only: bool = False,
) -> str:
    """The GeoJSON export as text (UTF-8, Arabic as is).

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, which JSON
    readers decode back, so the file cannot turn into markup if a browser
    or a page ever shows it inline.
    """
    text = json.dumps(
        geojson_dict(features, gazetteer=gazetteer, located_only=located_only),
        ensure_ascii=False,
        allow_nan=False,
    )
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


GAZETTEER_COLUMNS = (
    "key", "name_ar", "name_en", "aliases_ar", "aliases_en", "kind", "admin1", "country", "lat", "lon",
    "uncertainty_km", "source", "estimate", "affiliation", "shared_names", "notes",
)


def gazetteer_csv_bytes(place_rows: Iterable[Mapping[str, Any]], *, header: bool = True) -> bytes:
    """Curator places as rows for ``geodata/gazetteer.csv`` (its columns, UTF-8, no BOM).

    No BOM and no formula escaping: the rows are meant to be appended to the
    gazetteer file, which the gazetteer loader validates.

    >>> csv_text = gazetteer_csv_bytes([{"key": "x", "name_ar": "س", "lat": "35.1", "lon": "40.2"}]).decode()
    >>> csv_text.splitlines()[1]
    'x,س,,,,,,,35.1,40.2,,,,,,'
    """
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=GAZETTEER_COLUMNS, lineterminator="\n", extrasaction="ignore")
    if header:
        writer.writeheader()
    for row in place_rows:
        writer.writerow({k: _text(row.get(k)) for k in GAZETTEER_COLUMNS})
    return buf.getvalue().encode("utf-8")


def with_sources_count(features: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each feature with ``sources_count``: how many articles report its incident.

    Uses :func:`strikemap.incidents.merge_incidents` (the map's merging) to
    group reports; a feature keeps its own event id and article.
    """
    from strikemap.incidents import merge_incidents

    features = [dict(f) for f in features]
    counts: dict[str, int] = {}
    incident: dict[str, str] = {}
    for inc in merge_incidents(features):
        for eid in inc.get("event_ids") or ():
            counts[eid] = max(counts.get(eid, 0), int(inc.get("sources_count") or 1))
            incident.setdefault(eid, inc.get("incident_id") or "")
    for f in features:
        f["sources_count"] = counts.get(f.get("event_id"), 1)
        f.setdefault("incident_id", incident.get(f.get("event_id"), ""))
    return features


_SEARCHED = ("event_id", "article", "outlet", "title", "role", "actor", "actor_label", "actor_text",
             "actor_group", "place_ar", "place_en", "place_key", "weapon", "date", "excerpt",
             "origin_place_ar")


def search_features(features: Iterable[Mapping[str, Any]], query: str) -> list[Mapping[str, Any]]:
    """Features whose text fields contain every word of ``query``, compared folded
    (so «الميادين» finds «الميادين» and «ميادين», hamza and diacritics aside).

    >>> fs = [{"place_ar": "الميادين", "outlet": "A"}, {"place_ar": "البوكمال", "outlet": "B"}]
    >>> [f["outlet"] for f in search_features(fs, "ميادين")], len(search_features(fs, "  "))
    (['A'], 2)
    """
    from geodata.arabic import fold

    words = fold(query or "").casefold().split()
    if not words:
        return list(features)
    out = []
    for f in features:
        hay = fold(" ".join(_text(f.get(k)) for k in _SEARCHED)).casefold()
        if all(w in hay for w in words):
            out.append(f)
    return out


def map_link(event_id: str, *, params: Mapping[str, str] | None = None) -> str:
    """The map page with this event selected (relative, so it works under any base path).

    >>> map_link("a.txt#2")
    './?event=a.txt%232'
    """
    return "./?" + urlencode({**(params or {}), "event": event_id})


def article_link(file: str, *, event_id: str | None = None) -> str:
    """The Sources page reading this article (and pointing at one event).

    >>> article_link("000_x.txt", event_id="000_x.txt#1")
    './Sources?article=000_x.txt&event=000_x.txt%231'
    """
    q = {"article": file}
    if event_id:
        q["event"] = event_id
    return "./Sources?" + urlencode(q)


def correction_link(event_id: str) -> str:
    """The Events page with this event chosen for correction (curators sign in there).

    >>> correction_link("a.txt#2")
    './Events?event=a.txt%232'
    """
    return "./Events?" + urlencode({"event": event_id})


def table_rows(features: Iterable[Mapping[str, Any]], *, params: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Rows for the events table: what a reader scans, plus links to the marker and the article."""
    out = []
    for f in features:
        props, lat, lon = _props_and_point(f)
        eid = _text(props.get("event_id"))
        out.append({
            "date": _text(props.get("date")),
            "role": _text(props.get("role")),
            "actor": _text(props.get("actor_label")) or _ACTOR_LABELS.get(_text(props.get("actor")), ""),
            "place": _text(props.get("place_ar")),
            "place_en": _text(props.get("place_en")),
            "weapon": _text(props.get("weapon")),
            "killed": _int(props.get("killed")),
            "wounded": _int(props.get("wounded")),
            "outlet": _text(props.get("outlet")),
            "sources": _int(props.get("sources_count")) or 1,
            "corrected": bool(props.get("corrected")),
            "located": lat is not None and lon is not None,
            "map": map_link(eid, params=params),
            "article": article_link(_text(props.get("article")), event_id=eid),
            "event_id": eid,
        })
    return out
