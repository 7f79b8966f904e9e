"""Leaflet and its plugins served by the app itself, never from a CDN.

folium names CDN addresses in ``default_js``/``default_css`` of the map and of
each plugin; streamlit-folium 0.27.4 does not bundle Leaflet: its component
walks the map, collects those addresses and adds them as ``<script>``/
``<link>`` tags in its iframe (it strips them from folium's header). So the
classes here override ``default_js``/``default_css`` with copies vendored in
``static/vendor/`` (npm packages, see ``static/README.md``), which Streamlit
serves at ``/app/static/`` (``server.enableStaticServing``).

folium's map also asks for jQuery, Bootstrap, Font Awesome and
Awesome-Markers; nothing on our map uses them, so they are dropped.

>>> m = LocalMap(location=[35.0, 40.0], tiles=None)
>>> [src for _, src in m.default_js]
['/app/static/vendor/leaflet-1.9.3/leaflet.js']
>>> external_assets(m)
[]
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import folium
import folium.elements
from folium.plugins import MarkerCluster

__all__ = ["STATIC_URL", "STATIC_DIR", "LEAFLET_VERSION", "MARKERCLUSTER_VERSION", "LocalMap",
           "LocalMarkerCluster", "asset_links", "external_assets"]

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STATIC_URL = "/app/static"
# The versions folium 0.20 asks for, so the map code it writes runs as it was tested.
LEAFLET_VERSION = "1.9.3"
MARKERCLUSTER_VERSION = "1.1.0"
_LEAFLET = f"{STATIC_URL}/vendor/leaflet-{LEAFLET_VERSION}"
_CLUSTER = f"{STATIC_URL}/vendor/leaflet.markercluster-{MARKERCLUSTER_VERSION}"


class LocalMap(folium.Map):
    """A ``folium.Map`` that loads Leaflet from the app (and nothing else)."""

    default_js = [("leaflet", f"{_LEAFLET}/leaflet.js")]
    default_css = [("leaflet_css", f"{_LEAFLET}/leaflet.css")]


class LocalMarkerCluster(MarkerCluster):
    """``folium.plugins.MarkerCluster`` with Leaflet.markercluster from the app."""

    default_js = [("markerclusterjs", f"{_CLUSTER}/leaflet.markercluster.js")]
    default_css = [
        ("markerclustercss", f"{_CLUSTER}/MarkerCluster.css"),
        ("markerclusterdefaultcss", f"{_CLUSTER}/MarkerCluster.Default.css"),
    ]


def _walk(element) -> Iterator:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def asset_links(element) -> list[str]:
    """Every JS/CSS address the element and its children ask for (what streamlit-folium loads)."""
    links: list[str] = []
    for e in _walk(element):
        if isinstance(e, folium.elements.JSCSSMixin):
            links += [u for _, u in e.default_js] + [u for _, u in e.default_css]
    return list(dict.fromkeys(links))


def external_assets(element) -> list[str]:
    """The asset addresses that would leave the app (should be none)."""
    return [u for u in asset_links(element) if not u.startswith(STATIC_URL + "/")]


def vendored_file(url: str) -> Path:
    """The file behind a ``/app/static/...`` address.

    >>> vendored_file(LocalMap.default_js[0][1]).is_file()
    True
    """
    if not url.startswith(STATIC_URL + "/"):
        raise ValueError(f"not a local asset: {url}")
    return STATIC_DIR / url[len(STATIC_URL) + 1:]
