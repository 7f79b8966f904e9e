"""Build the folium map: a base map that never changes, and event layers that do.

streamlit-folium remounts its map whenever the map's own script changes, so
:func:`base_map` is built the same way on every run (tiles, the bundled
vector basemap, coalition bases, the legend) and the events go into
:func:`event_layers` — feature groups passed to ``st_folium(...,
feature_group_to_add=...)``, which the component swaps in place.

Events are one ``folium.GeoJson`` per role (fast for thousands of points)
inside a marker cluster, with short property names and only what the marker,
its tooltip and popup show. Every property value is HTML-escaped here
(Leaflet popups and tooltips put values into the page as HTML), braces
included (folium compiles generated scripts as Jinja templates, see
:func:`_esc`). The full
excerpt is not sent; the side panel reads it from the feature in Python
(:func:`find_feature` from the ``#ref`` a click reports).

>>> f = {"event_id": "a#1", "role": "attack", "actor": "iran_backed", "place_ar": "كونيكو",
...      "place_en": "Conoco <b>", "geo_precision": 1, "date": "2024-10-15", "time_precision": 1,
...      "weapon": "drone", "excerpt": "استهدفت مسيرات قاعدة كونيكو", "excerpt_place_start": 21,
...      "excerpt_place_end": 27, "lat": 35.336, "lon": 40.309}
>>> props = map_properties(f, ref=7)
>>> props["p"], props["d"], props["i"]
('Conoco &lt;b&gt; · كونيكو', '2024-10-15', 7)
>>> groups = event_layers([f])
>>> [g.layer_name for g in groups]
['Attacks', 'Retaliations', 'Other events', 'Launched from → target']
>>> clicked_ref({"last_object_clicked_tooltip": "#7 · Attack · Conoco"})
7
"""

from __future__ import annotations

import html
import json
import math
import re
from typing import Any, Iterable, Mapping, Sequence

import folium
from branca.element import Element
from folium.elements import ElementAddToElement
from folium.template import Template
from folium.utilities import JsCode, get_obj_in_upper_tree

from extract.model import ACTORS, TIME_PRECISION
from strikemap.assets import LocalMap, LocalMarkerCluster
from strikemap.basemap import khabur_line, region
from strikemap.legend import BASE_SVG, LEGEND_CSS, Legend
from strikemap.markers import MARKER_CSS, ROLE_STYLES, cluster_icon_js, js_literal, point_to_layer_js

__all__ = ["escape_html", "base_map", "event_layers", "layer_control", "map_properties", "short_excerpt",
           "clicked_ref", "find_feature", "located", "point_of", "RETURNED_OBJECTS", "CENTER", "ZOOM",
           "LAYER_NAMES", "OSM_TILES"]

CENTER = (35.0, 40.3)  # between Deir ez-Zor, Albukamal and al-Hasakah
ZOOM = 7
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
# What the page needs back from the map: only the clicked marker's tooltip,
# so panning and zooming never rerun the script.
RETURNED_OBJECTS = ("last_object_clicked_tooltip",)
LAYER_NAMES = {"attack": "Attacks", "retaliation": "Retaliations", "other": "Other events",
               "origins": "Launched from → target"}
ORIGIN_COLOUR = "#CC79A7"
POPUP_EXCERPT_MAX = 2000
_TABLED = ("a", "p", "d", "w")
_REF = re.compile(r"#(\d+)")


def escape_html(value: Any) -> str:
    """HTML-escape, and turn braces into entities too: use it for any text going into a folium map.

    Braces matter because folium's render (which st_folium calls) compiles
    each element's generated script as a *Jinja template*: a ``{{ … }}`` or
    ``{% … %}`` in article text would run on the server (or, unbalanced,
    break the page). As entities they show the same in popups and tooltips.

    >>> escape_html("<b>{{ 7*7 }}</b>")
    '&lt;b&gt;&#123;&#123; 7*7 &#125;&#125;&lt;/b&gt;'
    """
    text = html.escape("" if value is None else str(value), quote=True)
    return text.replace("{", "&#123;").replace("}", "&#125;")


_esc = escape_html


def point_of(feature: Mapping[str, Any]) -> tuple[float, float] | None:
    """(lat, lon) of a flat feature, from ``lat``/``lon`` or its GeoJSON ``geometry``."""
    lat, lon = feature.get("lat"), feature.get("lon")
    if lat is None or lon is None:
        geom = feature.get("geometry")
        if isinstance(geom, Mapping) and geom.get("type") == "Point" and geom.get("coordinates"):
            lon, lat = geom["coordinates"][:2]
    if lat is None or lon is None:
        return None
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
        return None
    return lat, lon


def located(features: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The features that can be drawn (have a point)."""
    return [f for f in features if point_of(f) is not None]


def short_excerpt(feature: Mapping[str, Any], *, chars: int = 90) -> str:
    """About ``chars`` characters of the excerpt around the place (plain text, not escaped).

    >>> short_excerpt({"excerpt": "أ" * 50 + " الميادين " + "ب" * 50,
    ...                "excerpt_place_start": 51, "excerpt_place_end": 59}, chars=20)
    '… أأأأأ الميادين ببببب…'
    """
    text = str(feature.get("excerpt") or "")
    if len(text) <= chars:
        return " ".join(text.split())
    start, end = feature.get("excerpt_place_start"), feature.get("excerpt_place_end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        start = end = 0
    room = max(chars - (end - start), 0)
    a = max(0, start - room // 2)
    b = min(len(text), a + max(chars, end - start))
    a = max(0, min(a, b - chars))
    piece = " ".join(text[a:b].split())
    return ("… " if a > 0 else "") + piece + ("…" if b < len(text) else "")


def _date_label(feature: Mapping[str, Any]) -> str:
    date = feature.get("date")
    if not date:
        return "undated"
    precision = feature.get("time_precision")
    return f"{date}" + (f" ({TIME_PRECISION[precision]})" if precision in (2, 3) else "")


def _place_label(feature: Mapping[str, Any]) -> str:
    label = " · ".join(str(v) for v in (feature.get("place_en"), feature.get("place_ar")) if v) or "?"
    # Placed by the online geocoder, not checked by a curator (strikemap.geocoding).
    return label + " (unverified)" if feature.get("place_verified") is False else label


def map_properties(feature: Mapping[str, Any], *, ref: int, excerpt_chars: int = 90) -> dict[str, Any]:
    """The short, HTML-escaped properties one marker carries to the browser."""
    actor = feature.get("actor") or "unknown"
    actor_label = ACTORS.get(actor, str(actor))
    if feature.get("actor_group"):
        actor_label += f" ({feature['actor_group']})"
    if feature.get("actor_hedge"):
        actor_label += " ?"
    g = feature.get("geo_precision")
    props = {
        "i": int(ref),
        "g": g if g in (1, 2, 3) else 3,
        "a": _esc(actor_label),
        "p": _esc(_place_label(feature)),
        "d": _esc(_date_label(feature)),
        "w": _esc(feature.get("weapon") or "not said"),
    }
    if excerpt_chars > 0:
        props["x"] = _esc(short_excerpt(feature, chars=excerpt_chars))
    return props


def _tabulate(items: list[dict[str, Any]]) -> list[str]:
    """Replace repeated labels (actor, place, date, weapon) by indexes into one table (in place)."""
    table: dict[str, int] = {}
    for item in items:
        props = item["properties"]
        for key in _TABLED:
            props[key] = table.setdefault(props[key], len(table))
    return list(table)


def _refs(features: Sequence[Mapping[str, Any]], refs: Sequence[int] | None) -> list[int]:
    if refs is None:
        return [int(f.get("ref", i)) for i, f in enumerate(features)]
    if len(refs) != len(features):
        raise ValueError("refs and features differ in length")
    return [int(r) for r in refs]


def _arrow(origin: tuple[float, float], target: tuple[float, float]) -> list[list[list[float]]]:
    """A line origin → target and a two-stroke arrowhead at the target, in [lon, lat]."""
    (lat1, lon1), (lat2, lon2) = origin, target
    k = math.cos(math.radians((lat1 + lat2) / 2)) or 1.0
    dx, dy = (lon2 - lon1) * k, lat2 - lat1
    length = math.hypot(dx, dy)
    line = [[lon1, lat1], [lon2, lat2]]
    if length == 0:
        return [line]
    head = min(0.3 * length, 0.07)
    ux, uy = dx / length, dy / length
    wings = []
    for sign in (1, -1):
        ang = math.radians(25) * sign
        wx = -(ux * math.cos(ang) - uy * math.sin(ang)) * head
        wy = -(ux * math.sin(ang) + uy * math.cos(ang)) * head
        wings.append([round(lon2 + wx / k, 5), round(lat2 + wy, 5)])
    return [line, [wings[0], [lon2, lat2], wings[1]]]


def _origin_layer(features: Sequence[Mapping[str, Any]]) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=LAYER_NAMES["origins"])
    lines, points, seen = [], {}, set()
    for f in features:
        target = point_of(f)
        olat, olon = f.get("origin_lat"), f.get("origin_lon")
        if target is None or olat is None or olon is None:
            continue
        origin = (float(olat), float(olon))
        label = _esc(f.get("origin_place_ar") or f.get("origin_key") or "?")
        if (origin, target) not in seen:
            seen.add((origin, target))
            lines.append({"type": "Feature",
                          "properties": {"t": f"{label} → {_esc(_place_label(f))}"},
                          "geometry": {"type": "MultiLineString", "coordinates": _arrow(origin, target)}})
        points.setdefault(origin, {"type": "Feature", "properties": {"t": f"launched from {label}"},
                                   "geometry": {"type": "Point", "coordinates": [origin[1], origin[0]]}})
    if lines:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": lines + list(points.values())},
            style_function=lambda _: {"color": ORIGIN_COLOUR, "weight": 2.5, "opacity": 0.9},
            tooltip=folium.GeoJsonTooltip(fields=["t"], labels=False),
            pointToLayer=JsCode(
                "function(feature, latlng) { return L.circleMarker(latlng, {radius: 5, color: '"
                + ORIGIN_COLOUR + "', weight: 2, fillColor: '#fff', fillOpacity: 1}); }"),
        ).add_to(group)
    return group


def event_layers(features: Sequence[Mapping[str, Any]], *, refs: Sequence[int] | None = None,
                 cluster: bool = True, excerpt_chars: int | None = None) -> list[folium.FeatureGroup]:
    """One feature group per role (a clustered GeoJson inside) and one for origin arrows.

    ``refs`` (default: each feature's ``ref`` key, else its position) is the
    number a click reports back. Features without a point are skipped.
    Popups carry a short excerpt (``excerpt_chars``) unless more than
    :data:`POPUP_EXCERPT_MAX` events are drawn: then the excerpt is only in
    the side panel, to keep the page light (see bench/RESULTS-map.md).
    """
    refs_ = _refs(features, refs)
    if excerpt_chars is None:
        excerpt_chars = 80 if len(located(features)) <= POPUP_EXCERPT_MAX else 0
    by_role: dict[str, list[dict[str, Any]]] = {role: [] for role in ROLE_STYLES}
    for f, ref in zip(features, refs_):
        pt = point_of(f)
        if pt is None:
            continue
        role = f.get("role") if f.get("role") in ROLE_STYLES else "other"
        by_role[role].append({"type": "Feature", "properties": map_properties(f, ref=ref, excerpt_chars=excerpt_chars),
                              "geometry": {"type": "Point", "coordinates": [round(pt[1], 4), round(pt[0], 4)]}})
    groups = []
    for role, items in by_role.items():
        group = folium.FeatureGroup(name=LAYER_NAMES[role])
        if items:
            parent = group
            if cluster:
                parent = LocalMarkerCluster(control=False, icon_create_function=cluster_icon_js(role),
                                            options={"maxClusterRadius": 35, "showCoverageOnHover": False,
                                                     "spiderfyOnMaxZoom": True}).add_to(group)
            EventGeoJson(
                {"type": "FeatureCollection", "features": items},
                name=LAYER_NAMES[role], control=False,
                pointToLayer=point_to_layer_js(role, labels=_tabulate(items)),
            ).add_to(parent)
        groups.append(group)
    groups.append(_origin_layer(features))
    return groups


class _Verbatim(Element):
    """A script rendered already: written out as is, never compiled as a template."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class EventGeoJson(folium.GeoJson):
    """``folium.GeoJson`` that does not compile its rendered script as a Jinja template.

    branca's ``MacroElement.render`` wraps each element's generated script in
    a new ``Template``: for thousands of events that is a multi-megabyte
    template compiled on every rerun (~0.2 s at 10,000), and any ``{{``
    left in the data would run. This renders its script verbatim, with the
    data as compact JSON (no spaces; ``<``, ``>``, ``&``, ``'`` escaped).
    """

    # The data as compact JSON (folium's template writes it with spaces and \\u escapes).
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson(null, {...{{ this.options|tojavascript }}});
        {{ this.get_name() }}.addData({{ this.compact_data }});
        {% endmacro %}
        """
    )

    def render(self, **kwargs) -> None:
        self.compact_data = js_literal(self.data)
        self.parent_map = get_obj_in_upper_tree(self, folium.Map)
        if self.show:  # what folium's Layer.render adds: `<this>.addTo(<parent>)`
            self.add_child(ElementAddToElement(element_name=self.get_name(),
                                               element_parent_name=self._parent.get_name()),
                           name=self.get_name() + "_add")
        script = self._template.module.__dict__["script"]
        self.get_root().script.add_child(_Verbatim(script(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


POPUP_CSS = """
.sm-popup table { border-collapse: collapse; font-size: 12px; }
.sm-popup th { text-align: left; padding-right: 6px; vertical-align: top; color: #555; }
.sm-popup td { unicode-bidi: plaintext; text-align: start; }
.sm-popup td.sm-popup-excerpt { direction: rtl; text-align: right; font-size: 13px; }
.sm-popup-more { font-size: 11px; color: #555; margin-top: 4px; }
"""


def base_map(*, gazetteer: Any = None, tiles: bool = True, legend: bool = True) -> LocalMap:
    """The map without events: the same on every run (so streamlit-folium never remounts it).

    ``legend`` adds the events' legend (the gazetteer's map of places has none).
    """
    m = LocalMap(location=list(CENTER), zoom_start=ZOOM, tiles=None, control_scale=True,
                 prefer_canvas=False, min_zoom=4, max_zoom=17)
    if tiles:
        folium.TileLayer(OSM_TILES, name="OpenStreetMap (online)", max_zoom=19,
                         attr='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
                         ).add_to(m)
    fc = region()
    khabur = khabur_line(gazetteer)
    if khabur:
        fc["features"].append(khabur)
    styles = {"border": {"color": "#555", "weight": 1.5, "opacity": 0.8, "fill": False},
              "river": {"color": "#4a90c2", "weight": 2, "opacity": 0.9},
              "river_approx": {"color": "#4a90c2", "weight": 2, "opacity": 0.9, "dashArray": "6 5"},
              "governorate": {"color": "#777", "weight": 1, "opacity": 0.8, "dashArray": "2 4", "fill": False}}
    folium.GeoJson(fc, name="Borders, governorates, rivers (bundled)",
                   style_function=lambda f: styles.get(f["properties"]["kind"], styles["border"]),
                   interactive=False).add_to(m)
    if gazetteer is not None:
        bases = folium.FeatureGroup(name="Coalition bases")
        places = sorted((p for p in gazetteer.places if p.affiliation == "coalition" and p.lat is not None),
                        key=lambda p: p.key)
        if places:
            # Gazetteer names are data (curators add places): escaped, and passed as GeoJSON
            # properties — never as a folium Tooltip string, which lands in a JS template literal.
            folium.GeoJson(
                {"type": "FeatureCollection", "features": [
                    {"type": "Feature", "properties": {"t": _esc(f"{p.name_en} · {p.name_ar}")},
                     "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]}} for p in places]},
                control=False,
                pointToLayer=JsCode(
                    "function(feature, latlng) { return L.marker(latlng, {icon: L.divIcon({className: 'sm-base', html: "
                    + json.dumps(BASE_SVG) + ", iconSize: [16, 16], iconAnchor: [8, 8]})}); }"),
                tooltip=folium.GeoJsonTooltip(fields=["t"], labels=False),
            ).add_to(bases)
        bases.add_to(m)
    if legend:
        Legend().add_to(m)
    m.get_root().header.add_child(Element(f"<style>{MARKER_CSS}{LEGEND_CSS}{POPUP_CSS}</style>"))
    return m


def places_layers(places: Iterable[Any]) -> list[folium.FeatureGroup]:
    """Gazetteer places as dots, and each one's uncertainty as a ring of that radius.

    A sourced point has a solid ring, an estimate a dashed one, so a reader
    sees at once how far a place may be from its dot. Names are data
    (curators add places): escaped and passed as GeoJSON properties.

    >>> from geodata import load_gazetteer
    >>> rings, dots = places_layers(load_gazetteer().places)  # rings first: dots draw on top
    >>> rings.layer_name, dots.layer_name
    ('Uncertainty (radius in km)', 'Places')
    """
    located = [p for p in places if p.lat is not None and p.lon is not None]

    def feature(p: Any) -> dict[str, Any]:
        kind = "estimate" if p.estimate else "sourced"
        return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {"t": escape_html(f"{p.name_ar} · {p.name_en} ({p.kind}; ±{p.uncertainty_km:g} km, {kind})"),
                               "r": max(float(p.uncertainty_km), 0.2) * 1000, "estimate": bool(p.estimate)}}

    collection = {"type": "FeatureCollection", "features": [feature(p) for p in located]}
    dots = folium.FeatureGroup(name="Places")
    folium.GeoJson(
        collection,
        marker=folium.CircleMarker(radius=5, color="#495057", weight=1, fill=True, fill_color="#fab005",
                                   fill_opacity=0.9),
        style_function=lambda f: {"fillColor": "#ffffff" if f["properties"]["estimate"] else "#fab005"},
        tooltip=folium.GeoJsonTooltip(fields=["t"], labels=False),
    ).add_to(dots)
    rings = folium.FeatureGroup(name="Uncertainty (radius in km)")
    folium.GeoJson(
        collection,
        marker=folium.Circle(color="#e8590c", weight=1, fill=True),
        # Regions and governorates have rings of 100 km and more: outlines only, faint,
        # so they do not bury the villages' rings.
        # A ring takes no clicks or hovers (the dot does); folium merges the style into
        # the circle's options, which is the only way to set that per ring.
        style_function=lambda f: {"radius": f["properties"]["r"], "interactive": False,
                                  "dashArray": "4 4" if f["properties"]["estimate"] else None,
                                  "fillOpacity": 0.08 if f["properties"]["r"] <= 30_000 else 0,
                                  "opacity": 0.8 if f["properties"]["r"] <= 30_000 else 0.3},
        interactive=False,
    ).add_to(rings)
    return [rings, dots]


def layer_control() -> folium.LayerControl:
    """The layer switcher (given to st_folium so it also lists the event layers)."""
    return folium.LayerControl(collapsed=True, position="topright")


def clicked_ref(returned: Mapping[str, Any] | None) -> int | None:
    """The ``#ref`` of the clicked marker from st_folium's return value, if any."""
    if not returned:
        return None
    tip = returned.get("last_object_clicked_tooltip")
    m = _REF.match(str(tip).strip()) if tip else None
    return int(m.group(1)) if m else None


def find_feature(features: Sequence[Mapping[str, Any]], ref: int | None) -> Mapping[str, Any] | None:
    """The feature with this ref (``ref`` key, else position)."""
    if ref is None:
        return None
    for i, f in enumerate(features):
        if int(f.get("ref", i)) == ref:
            return f
    return None
