"""Map speed benchmark: build time, payload, and draw / slider times in headless Chromium.

Not a test. Run (takes a few minutes)::

    python bench/map_bench.py            # 1,000 / 10,000 / 50,000 events → bench/RESULTS-map.md
    python bench/map_bench.py 1000       # just one size

For each size, synthetic events (roles, dates over two years, places drawn
from the gazetteer with jitter, Arabic excerpts ~200 characters) are drawn
two ways: ours (one clustered GeoJSON layer per role, short escaped
properties) and the naive way (one ``folium.Marker`` with a tooltip each, no
clustering). Measured:

* build — Python time to build the map and the strings st_folium sends;
* payload — bytes st_folium sends to the browser for the map (JSON of the
  component's arguments); Leaflet & plugin files (~180 kB) come once, cached;
* drawn — from opening the page until the first marker/cluster is in the
  map's DOM (Leaflet adds a layer's markers in one synchronous step);
* slider → redrawn — from pressing PageDown on the date slider's end
  (about a tenth of the days dropped) until the map has swapped in the new
  layers (``window.feature_group`` grows in the map's frame).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = (1_000, 10_000, 50_000)
TIMEOUT_S = 180
ARABIC = ("استهدفت طائرة مسيرة مجهولة مقراً عسكرياً تابعاً للميليشيات الإيرانية في {place} بريف دير الزور "
          "الشرقي ليلة أمس، ما أسفر عن مقتل عنصرين وإصابة آخرين بجروح، بحسب ما أفادت مصادر محلية.")


def synthetic_features(n: int, *, seed: int = 7) -> list[dict]:
    """``n`` flat features (CONTRACTS.md schema) at gazetteer places, jittered, over two years."""
    from geodata import load_gazetteer

    rnd = random.Random(seed)
    places = [p for p in load_gazetteer().places if p.country == "SY" and p.lat]
    roles = ("attack", "attack", "retaliation", "retaliation", "other")
    actors = ("iran_backed", "us_coalition", "unknown", "syrian_government", "sdf")
    out = []
    start = dt.date(2023, 1, 1)
    for i in range(n):
        p = rnd.choice(places)
        excerpt = ARABIC.format(place=p.name_ar)
        s = excerpt.index(p.name_ar)
        d = start + dt.timedelta(days=rnd.randrange(730))
        lat, lon = p.lat + rnd.uniform(-0.05, 0.05), p.lon + rnd.uniform(-0.05, 0.05)
        out.append(dict(
            event_id=f"s{i}.txt#1", article=f"s{i}.txt", outlet="Synthetic", published=d.isoformat(), title="عنوان",
            url="", role=rnd.choice(roles), actor=rnd.choice(actors), actor_label="", actor_text="", actor_group=None,
            actor_hedge=None, place_ar=p.name_ar, place_key=p.key, place_en=p.name_en, geo_precision=rnd.choice((1, 2, 3)),
            date=d.isoformat() if rnd.random() > 0.03 else None, time_precision=1,
            weapon=rnd.choice(("drone", "rocket", "airstrike", None)), killed=None, wounded=None, origin_place_ar=None,
            origin_key=None, origin_lat=None, origin_lon=None, responds_to=None, excerpt=excerpt,
            excerpt_place_start=s, excerpt_place_end=s + len(p.name_ar), lat=lat, lon=lon, ref=i,
            geometry={"type": "Point", "coordinates": [lon, lat]}))
    return out


def naive_layers(features: list[dict]) -> list:
    """The same points, one folium.Marker (with a tooltip) each: the baseline."""
    import folium
    import html
    group = folium.FeatureGroup(name="Events")
    for f in features:
        # A tooltip, not a folium.Popup: folium's Popup template needs jQuery, which the app does not load.
        folium.Marker([f["lat"], f["lon"]], tooltip=html.escape(f["excerpt"][:90])).add_to(group)
    return [group]


def component_args(features: list[dict], mode: str) -> dict:
    """What st_folium sends to the browser (captured, not rendered)."""
    import streamlit_folium
    from strikemap.mapview import RETURNED_OBJECTS, base_map, event_layers, layer_control
    captured: dict = {}
    real = streamlit_folium._component_func
    streamlit_folium._component_func = lambda **kw: captured.update(kw) or {}
    try:
        groups = event_layers(features) if mode == "ours" else naive_layers(features)
        streamlit_folium.st_folium(base_map(), key="bench", feature_group_to_add=groups,
                                   layer_control=layer_control(), returned_objects=list(RETURNED_OBJECTS))
    finally:
        streamlit_folium._component_func = real
    return {k: v for k, v in captured.items() if not callable(v)}


def measure_build(n: int, mode: str) -> tuple[float, int]:
    features = synthetic_features(n)
    component_args(features[:10], mode)  # warm up imports and templates
    t = time.perf_counter()
    args = component_args(features, mode)
    build = time.perf_counter() - t
    return build, len(json.dumps(args).encode())  # as Streamlit serialises component args


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure_browser(n: int, mode: str) -> tuple[float | None, float | None]:
    from playwright.sync_api import sync_playwright
    port = _free_port()
    env = dict(os.environ, BENCH_N=str(n), BENCH_MODE=mode, PYTHONPATH=str(ROOT))
    # Streamlit serves static/ next to the main script: run the bench page from a folder that has it.
    work = Path(tempfile.mkdtemp(prefix="map-bench-"))
    shutil.copy(ROOT / "bench" / "map_bench_app.py", work / "map_bench_app.py")
    (work / "static").symlink_to(ROOT / "static")
    shutil.copytree(ROOT / ".streamlit", work / ".streamlit")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "map_bench_app.py", "--server.headless",
                             "true", "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--server.fileWatcherType", "none", "--server.maxMessageSize", "1000"],
                            cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as pw:
            b = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                   args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                         "--disable-background-networking", "--disable-component-update",
                                         "--disable-sync"])
            page = b.new_page(viewport={"width": 1400, "height": 1000})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1")
                       else r.abort())
            # Warm the server's caches (synthetic data) and the browser's (Leaflet) first, then time a fresh load.
            page.goto(f"http://127.0.0.1:{port}/")
            frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
            sel = ".sm-marker, .sm-cluster, .leaflet-marker-icon:not(.sm-base)"
            frame.locator(sel).first.wait_for(timeout=TIMEOUT_S * 1000)
            t0 = time.perf_counter()
            page.reload()
            frame.locator(sel).first.wait_for(timeout=TIMEOUT_S * 1000)
            drawn = time.perf_counter() - t0
            time.sleep(1.5)
            mapframe = next(f for f in page.frames if "st_folium" in (f.url or ""))
            before = mapframe.evaluate("() => (window.feature_group || []).length")
            thumb = page.locator("[data-testid='stSlider'] input[type='range']").nth(1)
            thumb.focus()
            t1 = time.perf_counter()
            page.keyboard.press("PageDown")
            mapframe.wait_for_function(f"() => (window.feature_group || []).length > {before}",
                                       timeout=TIMEOUT_S * 1000, polling=20)
            redraw = time.perf_counter() - t1
            b.close()
            return drawn, redraw
    except Exception as e:  # a timeout is a result too
        print(f"  browser {mode} n={n}: {type(e).__name__}: {str(e)[:200]}", file=sys.stderr)
        return None, None
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def fmt(x: float | None, unit: str = "s") -> str:
    return f"> {TIMEOUT_S} s (gave up)" if x is None else f"{x:.2f} {unit}"


def main(sizes=SIZES) -> str:
    rows = []
    for n in sizes:
        for mode in ("ours", "naive"):
            if mode == "naive" and n > 10_000:
                build, size = measure_build(n, mode)
                rows.append((n, mode, build, size, None, None, "browser not run (the 10,000 case already fails)"))
                continue
            build, size = measure_build(n, mode)
            drawn, redraw = measure_browser(n, mode)
            rows.append((n, mode, build, size, drawn, redraw, ""))
            print(rows[-1], file=sys.stderr)
    lines = ["| events | drawn as | build (Python) | payload | page → markers drawn | slider → redrawn | note |",
             "|---:|---|---:|---:|---:|---:|---|"]
    for n, mode, build, size, drawn, redraw, note in rows:
        label = "clustered GeoJSON per role (ours)" if mode == "ours" else "one folium.Marker each"
        lines.append(f"| {n:,} | {label} | {build:.2f} s | {size / 1e6:.2f} MB | "
                     f"{fmt(drawn) if drawn or not note else '—'} | {fmt(redraw) if redraw or not note else '—'} | {note} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sizes = tuple(int(a) for a in sys.argv[1:]) or SIZES
    table = main(sizes)
    print(table)
