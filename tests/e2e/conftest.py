"""End-to-end fixtures: the real app (``streamlit run app.py``) driven by Debian's Chromium.

Reusable by any e2e test:

* ``browser`` (session) — Playwright Chromium from ``/usr/bin/chromium`` (no
  download). Missing browser: a FAILURE under ``CI=true``, a skip otherwise.
* ``app_server`` (session) — the app on the repository's seeds, in a fresh
  data dir; an :class:`AppServer` (``.url``, ``.port``, ``.data_dir``,
  ``.seeds_dir``, ``.env``, ``.log()``).
* ``start_app`` (function) — factory ``start_app(seeds_dir, *, env=None,
  script="app.py")`` for a server on a seeds folder of the test's own
  (e.g. hostile articles); each is killed at the end of the test.
* ``page`` (function) — a fresh page whose requests may only reach
  127.0.0.1 (everything else, e.g. map tiles, is aborted: the app must work
  offline); ``page.dialogs`` lists every alert/confirm/prompt the page raised
  (they are dismissed), ``page.external_requests`` what was aborted.
* ``screenshot_dir`` (session) — a tmp folder for screenshots.
* helpers: :func:`open_map` (go to a URL and wait for the markers), :func:`clickable_markers`,
  :func:`map_frame`, :func:`count_markers` (markers + numbers on clusters, as
  a person counts them), :func:`expand_clusters`, :func:`expected_features`
  (what the app's own functions put on the map for a server's store).

Run: ``python -m pytest tests/e2e -q``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MAP_IFRAME = "iframe[title='streamlit_folium.st_folium']"
START_TIMEOUT = 60.0

pytestmark = pytest.mark.e2e


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AppServer:
    """A running ``streamlit run`` subprocess."""

    port: int
    data_dir: Path
    seeds_dir: Path
    env: dict[str, str]
    process: subprocess.Popen = field(repr=False)
    log_path: Path = field(repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def launch_app(seeds_dir: Path, data_dir: Path, *, env: dict[str, str] | None = None,
               script: str = "app.py") -> AppServer:
    """Start the app and wait for /_stcore/health (raises with the server log if it never comes up)."""
    port = _free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    full_env = dict(os.environ, STRIKEMAP_DATA_DIR=str(data_dir), STRIKEMAP_SEEDS=str(seeds_dir),
                    PYTHONPATH=str(ROOT), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    full_env.update(env or {})
    log_path = data_dir / f"streamlit-{port}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    server = AppServer(port=port, data_dir=data_dir, seeds_dir=seeds_dir, env=full_env, process=process,
                       log_path=log_path)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{server.log()}")
        try:
            with urllib.request.urlopen(f"{server.url}_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"streamlit did not become healthy in {START_TIMEOUT}s:\n{server.log()}")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium to run the e2e tests"
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="session")
def app_server(tmp_path_factory) -> Iterator[AppServer]:
    server = launch_app(ROOT / "seeds", tmp_path_factory.mktemp("app-data"))
    yield server
    server.stop()


@pytest.fixture
def start_app(tmp_path) -> Iterator[Callable[..., AppServer]]:
    servers: list[AppServer] = []

    def start(seeds_dir: Path, *, env: dict[str, str] | None = None, script: str = "app.py") -> AppServer:
        server = launch_app(Path(seeds_dir), tmp_path / f"data-{len(servers)}", env=env, script=script)
        servers.append(server)
        return server

    yield start
    for s in servers:
        s.stop()


def new_page(browser):
    """A page whose dialogs are recorded (``.dialogs``) and which reaches only loopback
    (``.external_requests`` lists what it tried elsewhere); close its ``.context`` after."""
    context = browser.new_context(viewport={"width": 1600, "height": 1150}, locale="en-GB")
    pg = context.new_page()
    pg.dialogs = []
    pg.external_requests = []

    def on_dialog(dialog):
        pg.dialogs.append((dialog.type, dialog.message))
        dialog.dismiss()

    def route(r):
        url = r.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
            r.continue_()
        else:
            pg.external_requests.append(url)
            r.abort()

    pg.on("dialog", on_dialog)
    context.route("**/*", route)
    return pg


@pytest.fixture
def page(browser):
    pg = new_page(browser)
    yield pg
    pg.context.close()


def map_frame(page):
    """The map's iframe (streamlit-folium component)."""
    return page.frame_locator(MAP_IFRAME)


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Until Streamlit has finished running the script."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !/Running|Connecting/i.test(document.querySelector('[data-testid=\"stStatusWidget\"]').innerText)",
        timeout=timeout)


def open_map(page, url: str, *, expect_markers: bool = True, timeout: float = 45_000):
    """Go to ``url`` and wait until the map has drawn (its markers, if any expected)."""
    page.goto(url)
    wait_for_app(page, timeout)
    frame = map_frame(page)
    frame.locator(".leaflet-container").wait_for(timeout=timeout)
    if expect_markers:
        frame.locator(".sm-marker, .sm-cluster").first.wait_for(timeout=timeout)
    settle(page)
    return frame


def settle(page, pause: float = 0.8) -> None:
    """Let a rerun finish and the map redraw (cluster animations take ~0.3 s)."""
    time.sleep(pause)
    wait_for_app(page)
    time.sleep(pause)


def count_markers(frame, role: str | None = None) -> int:
    """Markers drawn plus the numbers written on clusters (what a person would count)."""
    marker_sel = f".sm-marker.sm-{role}" if role else ".sm-marker"
    cluster_sel = f".sm-cluster.sm-cluster-{role}" if role else ".sm-cluster"
    singles = frame.locator(marker_sel).count()
    clustered = sum(int(t) for t in frame.locator(cluster_sel).all_inner_texts() if t.strip().isdigit())
    return singles + clustered


_UNCOVERED = """(sel) => Array.from(document.querySelectorAll(sel)).map((e, i) => {
    const r = e.getBoundingClientRect(); const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const top = document.elementFromPoint(x, y);
    return top && top.closest(sel) === e ? i : -1; }).filter(i => i >= 0)"""


def uncovered(frame, selector: str) -> list[int]:
    """Indexes of the elements matching ``selector`` whose centre is not hidden by a control."""
    return frame.locator("body").evaluate(f"(b, sel) => ({_UNCOVERED})(sel)", selector)


def clickable_markers(frame) -> list:
    """Single markers a person can click (not under the legend or layer switcher)."""
    return [frame.locator(".sm-marker").nth(i) for i in uncovered(frame, ".sm-marker")]


def expand_clusters(frame, *, rounds: int = 8) -> None:
    """Click clusters until single markers show (zooms in, then spiderfies)."""
    for _ in range(rounds):
        if uncovered(frame, ".sm-marker"):
            return
        free = uncovered(frame, ".sm-cluster")
        if not free:
            return
        frame.locator(".sm-cluster").nth(free[0]).click()
        time.sleep(0.9)


def expected_features(server: AppServer, filters: Any = None) -> list[dict]:
    """The features the app's own functions put on the map for this server's store (and filters)."""
    from geodata import load_gazetteer
    from strikemap.config import Settings
    from strikemap.corpus import ensure_store, load_features
    from strikemap.filters import Filters, apply_filters
    from strikemap.incidents import merge_incidents
    from strikemap.mapview import located

    settings = Settings.from_env(server.env)
    gazetteer = load_gazetteer()
    store = ensure_store(settings, gazetteer)
    features = [dict(f, ref=i) for i, f in enumerate(merge_incidents(load_features(store, gazetteer)))]
    return located(apply_filters(features, filters or Filters()))


def save_docs_screenshot(page, name: str = "screenshot-map.png") -> Path | None:
    """With STRIKEMAP_DOCS_SCREENSHOT=1, also save the page as docs/<name> (for the README)."""
    if os.environ.get("STRIKEMAP_DOCS_SCREENSHOT") != "1":
        return None
    out = ROOT / "docs" / name
    out.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(out), full_page=False)
    return out
