"""How an event is drawn: a shape and a colour per role, a ring per geo precision.

Colours are from the Okabe–Ito palette (safe for the common colour-vision
deficiencies) and every role also has its own shape, so the map reads in
grey too: attack = orange triangle, retaliation = blue diamond, other = grey
square. ACLED geo_precision is drawn as certainty: 1 (the site or town
itself) solid; 2 (around a town) lighter, with a dashed ring; 3 (only a
region is known) faint, with a wide dashed ring.

The symbols are built in the browser by :func:`point_to_layer_js` from a
feature's short properties (see ``strikemap.mapview``); those values arrive
HTML-escaped, because Leaflet puts tooltips in the page as HTML.

>>> ROLE_STYLES["attack"].shape, ROLE_STYLES["retaliation"].colour
('triangle', '#0072B2')
>>> symbol_svg("attack", precision=3).count("stroke-dasharray")
1
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Sequence

from folium.utilities import JsCode

__all__ = ["js_literal", "RoleStyle", "ROLE_STYLES", "PRECISION_OPACITY", "symbol_svg", "point_to_layer_js",
           "cluster_icon_js", "MARKER_CSS"]

SIZE = 26  # px: the icon box; shapes are ~16 px, the room left is for the rings


@dataclass(frozen=True, slots=True)
class RoleStyle:
    """The look of one role on the map and in the legend."""

    role: str
    label: str
    colour: str
    shape: str
    svg: str  # the shape alone, in a SIZE×SIZE box


ROLE_STYLES: dict[str, RoleStyle] = {
    "attack": RoleStyle("attack", "Attack", "#E69F00", "triangle",
                        '<polygon points="13,4 22,20 4,20" fill="#E69F00" stroke="#222" stroke-width="1.3"/>'),
    "retaliation": RoleStyle("retaliation", "Retaliation", "#0072B2", "diamond",
                             '<polygon points="13,3 22,13 13,23 4,13" fill="#0072B2" stroke="#fff" stroke-width="1.3"/>'),
    "other": RoleStyle("other", "Other", "#999999", "square",
                       '<rect x="6" y="6" width="14" height="14" fill="#999999" stroke="#222" stroke-width="1.3"/>'),
}

# geo_precision → (fill opacity, ring svg)
PRECISION_OPACITY = {1: 1.0, 2: 0.75, 3: 0.45}
_RINGS = {
    1: "",
    2: '<circle cx="13" cy="13" r="11" fill="none" stroke="#333" stroke-width="1.2" stroke-dasharray="3 2"/>',
    3: '<circle cx="13" cy="13" r="12.3" fill="none" stroke="#333" stroke-width="1" stroke-dasharray="1.5 2.5"/>',
}


def symbol_svg(role: str, *, precision: int | None) -> str:
    """The marker's SVG (also used by the legend)."""
    style = ROLE_STYLES.get(role, ROLE_STYLES["other"])
    g = precision if precision in _RINGS else 3
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}">'
            f'{_RINGS[g]}<g opacity="{PRECISION_OPACITY[g]}">{style.svg}</g></svg>')


def _popup_head(role: str) -> str:
    style = ROLE_STYLES.get(role, ROLE_STYLES["other"])
    return f'<table><tr><th>Role</th><td style="color:{style.colour};font-weight:bold">{style.label}</td></tr>'


def js_literal(value) -> str:
    """JSON for a script: ``<``, ``>``, ``&`` and ``'`` escaped as folium does."""
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
            .replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def point_to_layer_js(role: str, *, labels: Sequence[str] = ()) -> JsCode:
    """Leaflet ``pointToLayer`` for one role's GeoJSON: a divIcon marker with a tooltip and popup.

    Tooltip and popup are bound to each marker, not to the GeoJSON layer: a
    layer absorbed by a marker cluster is never on the map itself, so a popup
    bound to it would never open; and streamlit-folium reports a clicked
    marker's own tooltip even when the marker sits in a cluster. The tooltip
    starts with ``#<ref>``, which the app reads back to find the event.

    Properties ``a`` (actor), ``p`` (place), ``d`` (date), ``w`` (weapon) are
    strings or, to keep thousands of markers small, indexes into ``labels``
    (sent once); ``x`` (a short excerpt) may be absent. All values arrive
    HTML-escaped.
    """
    style = ROLE_STYLES.get(role, ROLE_STYLES["other"])
    icons = {g: symbol_svg(role, precision=g) for g in _RINGS}
    head = _popup_head(role)
    return JsCode(
        "(function() {\n"
        f"  var T = {js_literal(list(labels))}, icons = {js_literal(icons)};\n"
        "  function v(x) { return typeof x === 'number' ? T[x] : (x === undefined || x === null ? '' : x); }\n"
        # One icon per precision, shared by every marker of the role.
        "  var divs = {};\n"
        "  [1, 2, 3].forEach(function(g) {\n"
        f"    divs[g] = L.divIcon({{className: 'sm-marker sm-{style.role} sm-g' + g, html: icons[g],"
        f" iconSize: [{SIZE}, {SIZE}], iconAnchor: [{SIZE // 2}, {SIZE // 2}], popupAnchor: [0, -8]}});\n"
        "  });\n"
        "  return function(feature, latlng) {\n"
        "    var p = feature.properties, g = (p.g === 1 || p.g === 2) ? p.g : 3;\n"
        "    var m = L.marker(latlng, {icon: divs[g], riseOnHover: true});\n"
        # The tooltip is bound on first hover or click (before streamlit-folium reads it on click).
        "    function tip() {\n"
        f"      if (!m.getTooltip()) m.bindTooltip('#' + p.i + ' \u00b7 {style.label} \u00b7 ' + v(p.p) + '\u200e \u00b7 ' + v(p.d),"
        " {direction: 'top'});\n"
        "    }\n"
        "    m.on('mouseover', function() { if (!m.getTooltip()) { tip(); m.openTooltip(); } });\n"
        "    m.on('click', tip);\n"
        # The popup is built when opened: no cost for markers nobody opens.
        f"    m.bindPopup(function() {{ return {js_literal(head)}"
        " + '<tr><th>Actor</th><td>' + v(p.a) + '</td></tr><tr><th>Place</th><td>' + v(p.p) + '</td></tr>'"
        " + '<tr><th>Date</th><td>' + v(p.d) + '</td></tr><tr><th>Weapon</th><td>' + v(p.w) + '</td></tr>'"
        " + (p.x ? '<tr><th>Excerpt</th><td class=\"sm-popup-excerpt\" dir=\"rtl\" lang=\"ar\">' + p.x + '</td></tr>' : '')"
        " + '</table><div class=\"sm-popup-more\">Source and full excerpt: beside the map.</div>'; },"
        " {maxWidth: 360, className: 'sm-popup'});\n"
        "    return m;\n"
        "  };\n"
        "})()"
    )


def cluster_icon_js(role: str) -> str:
    """Cluster icons in the role's colour and shape family, with the count (JS source)."""
    style = ROLE_STYLES.get(role, ROLE_STYLES["other"])
    return (
        "function(cluster) {\n"
        "  var n = cluster.getChildCount();\n"
        f"  return L.divIcon({{html: '<div><span>' + n + '</span></div>',"
        f" className: 'marker-cluster sm-cluster sm-cluster-{style.role}', iconSize: L.point(36, 36)}});\n"
        "}"
    )


MARKER_CSS = "\n".join(
    [".sm-marker { background: none; border: none; }"]
    + [f".sm-cluster-{s.role} div {{ background: {s.colour}; color: {'#000' if s.role != 'retaliation' else '#fff'};"
       f" font-weight: bold; {'border-radius: 3px; transform: rotate(45deg);' if s.shape == 'diamond' else ''}"
       f"{'clip-path: polygon(50% 0, 100% 100%, 0 100%); border-radius: 0;' if s.shape == 'triangle' else ''} }}\n"
       f".sm-cluster-{s.role} div span {{ display: inline-block;"
       f" {'transform: rotate(-45deg);' if s.shape == 'diamond' else ''}"
       f"{'padding-top: 6px;' if s.shape == 'triangle' else ''} }}\n"
       f".sm-cluster-{s.role} {{ background: {s.colour}55; }}"
       for s in ROLE_STYLES.values()]
)
