"""What every Streamlit page shares: the store, and who is signed in.

This is the one module of ``strikemap`` that imports Streamlit. The pages
(``app.py``, ``pages/*.py``) call it so that the store is opened once per
server, whatever page is visited first, and the sign-in box behaves the same
everywhere. The rules behind sign-in live in :mod:`strikemap.auth`.
"""

from __future__ import annotations

import os

import streamlit as st

from geodata import Gazetteer, load_gazetteer
from strikemap import auth
from strikemap.config import Settings
from strikemap.corpus import ensure_store
from strikemap.store import Store

__all__ = ["settings", "store_and_gazetteer", "online_geocoder", "curator", "sign_in_box"]


@st.cache_resource(show_spinner="Reading the seed articles…")
def _open(settings: Settings) -> tuple[Store, Gazetteer]:
    gazetteer = load_gazetteer()
    return ensure_store(settings, gazetteer), gazetteer


def settings() -> Settings:
    """The ``STRIKEMAP_*`` settings of this server process."""
    return Settings.from_env()


def store_and_gazetteer() -> tuple[Store, Gazetteer]:
    """The store (built from the seeds on first use) and the file gazetteer, one per server."""
    return _open(settings())


@st.cache_resource(show_spinner=False)
def _geocoder(settings: Settings):
    from strikemap.geocoding import geocoder_for

    return geocoder_for(settings)


def online_geocoder():
    """The online geocoder, or None when ``STRIKEMAP_ONLINE_GEOCODER`` is off.

    One per server, so every session shares its rate limiter (one request a second).
    """
    return _geocoder(settings())


def _gate() -> auth.CuratorGate:
    # Without a configured password, the first call prints the one-time token in the terminal.
    secrets = st.secrets if st.secrets.load_if_toml_exists() else None
    return auth.process_gate(secrets=secrets, environ=os.environ)


def curator() -> auth.Curator | None:
    """The curator signed in to this browser session, if any."""
    return auth.session_curator(st.session_state, gate=_gate())


def sign_in_box(signed_in: auth.Curator | None) -> None:
    """The sign-in form, or the signed-in notice with a sign-out button, in the current container."""
    if signed_in:
        st.success("Signed in as curator.")
        if st.button("Sign out"):
            auth.sign_out_session(st.session_state)
            st.rerun()
        return
    with st.form("sign-in"):
        attempt = st.text_input("Curator password or token", type="password")
        if st.form_submit_button("Sign in"):
            if auth.sign_in_session(st.session_state, gate=_gate(), attempt=attempt):
                st.rerun()
            st.error("Wrong password or token.")
