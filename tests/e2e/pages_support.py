"""Helpers for the e2e tests of the Events, Sources, Gazetteer and Add-article pages.

They reuse the servers and pages of ``conftest.py``; what they add is how a
person signs in, fills the add-article form, downloads an export, and how a
test looks at the store behind a server (a snapshot of every row).
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path
from typing import Any

from strikemap.auth import ENV_VAR, TOKEN_BANNER
from strikemap.config import Settings
from strikemap.store import Store

from .conftest import AppServer, wait_for_app

# Script payloads: each would set window.__xss or raise a dialog if it ever ran.
PAYLOAD = ("<img src=x onerror=\"alert('xss-img');window.__xss=1\">"
           "<script>alert('xss-script');window.__xss=2</script>"
           "<svg onload=\"alert('xss-svg');window.__xss=3\"></svg>${alert('xss-tpl')}")


def goto(page, url: str, *, timeout: float = 60_000) -> None:
    """Open ``url`` and wait until Streamlit has run the page."""
    page.goto(url)
    wait_for_app(page, timeout)
    # Every page has a title; the data pages write it once the store is read.
    page.locator("h1").first.wait_for(timeout=timeout)
    time.sleep(0.3)
    wait_for_app(page, timeout)


def rerun_done(page, pause: float = 0.4) -> None:
    """After a click: let Streamlit start and finish the rerun."""
    time.sleep(pause)
    wait_for_app(page, 60_000)
    time.sleep(pause)
    wait_for_app(page, 60_000)


def curator_secret(server: AppServer) -> str:
    """The password the server was given, else the one-time token it printed."""
    if server.env.get(ENV_VAR):
        return server.env[ENV_VAR]
    tokens = re.findall(re.escape(TOKEN_BANNER) + r"(\S+)", server.log())
    assert tokens, "the server printed no curator token:\n" + server.log()[-2000:]
    return tokens[-1]


def sign_in(page, server: AppServer, *, secret: str | None = None) -> None:
    """Sign in through the sidebar form of the page already open."""
    box = page.get_by_label("Curator password or token")
    box.wait_for(timeout=30_000)
    box.fill(secret if secret is not None else curator_secret(server))
    page.get_by_role("button", name="Sign in").click()
    if secret is None:
        page.get_by_text("Signed in as curator.").wait_for(timeout=30_000)
    rerun_done(page)


def store_of(server: AppServer) -> Store:
    return Store(Settings.from_env(server.env).db_path)


def snapshot(server: AppServer) -> list[str]:
    """Every row of the server's store, as SQL (read-only; WAL lets it read while the app runs)."""
    path = Settings.from_env(server.env).db_path
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def download(page, button: str) -> bytes:
    """Click a download button and return the file's bytes."""
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name=button).click()
    return Path(info.value.path()).read_bytes()


def fill_article(page, *, text: str | None = None, file: dict[str, Any] | None = None, outlet: str = "",
                 title: str = "", url: str = "", published: str = "") -> None:
    """Fill the add-article form and press Preview (the page must be open, signed in).

    A file left in the uploader by an earlier preview is removed first: it
    would win over pasted text.
    """
    chips = page.locator("[data-testid='stFileChipDeleteBtn']")
    while chips.count():
        chips.first.click()
        time.sleep(0.2)
    if text is not None:
        page.get_by_label("Paste the article (Arabic)").fill(text)
    if file is not None:
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(file)
        page.locator("[data-testid='stFileChipName']").first.wait_for(timeout=60_000)
    if outlet:
        page.get_by_label("Outlet").fill(outlet)
    if title:
        page.get_by_label("Title").fill(title)
    if url:
        page.get_by_label("Address (https://…)").fill(url)
    if published:  # YYYY-MM-DD, typed into the date field's year, month and day segments
        year, month, day = published.split("-")
        for part, value in (("year", year), ("month", month), ("day", day)):
            page.get_by_role("spinbutton", name=f"{part}, Published").click()
            page.keyboard.type(value)
    page.get_by_role("button", name="Preview", exact=True).click()
    rerun_done(page)


def alert_text(page, kind: str = "Error") -> str:
    """The text of the page's alerts of one kind (Error, Warning, Success, Info)."""
    return "\n".join(page.locator(f"[data-testid='stAlertContent{kind}']").all_inner_texts())


def nothing_ran(page) -> None:
    """No dialog, no payload flag in the page or any of its frames, no injected image or script."""
    assert page.dialogs == [], page.dialogs
    for frame in page.frames:
        try:
            flag = frame.evaluate("() => window.__xss")
        except Exception:  # a frame that went away while we looked
            continue
        assert flag is None, (frame.url, flag)
        assert frame.evaluate("() => document.querySelectorAll('img[src=\"x\"], svg[onload]').length") == 0, frame.url


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the Streamlit selectbox labelled ``label`` (type to filter, click the option)."""
    box = page.get_by_label(label, exact=True)
    if box.input_value() == option:
        return
    box.click()
    box.press("ArrowDown")
    box.fill(option)
    page.locator("[role=option]").filter(has_text=option).first.click()
    rerun_done(page, 0.3)
