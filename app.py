"""Strike Map — the map page: filters, timeline, map, and the clicked event.

Run: ``streamlit run app.py``. Logic lives in ``strikemap`` (tested without
Streamlit); this page only wires widgets to it, top to bottom.
"""

from __future__ import annotations

import os

import streamlit as st
from streamlit_folium import st_folium

from extract.model import ACTORS
from geodata import load_gazetteer
from strikemap import auth
from strikemap.config import Settings
from strikemap.corpus import curated_gazetteer, ensure_store, load_features
from strikemap.filters import apply_filters, counts_per_day, date_bounds
from strikemap.incidents import merge_incidents
from strikemap.markers import ROLE_STYLES
from strikemap.mapview import (RETURNED_OBJECTS, base_map, clicked_ref, event_layers, find_feature,
                               layer_control, located)
from strikemap.panel import PANEL_CSS, panel_html
from strikemap.viewstate import (ACTOR_CHOICES, ROLE_CHOICES, WEAPON_CHOICES, chosen, filters_from_widgets,
                                 initial_filters, slider_value)

st.set_page_config(page_title="Strike Map", page_icon="🗺", layout="wide")
# Without a configured curator password the server prints a one-time token on its first page view.
auth.process_gate(secrets=st.secrets if st.secrets.load_if_toml_exists() else None, environ=os.environ)


@st.cache_resource(show_spinner="Reading the seed articles…")
def _store_and_gazetteer(settings: Settings):
    gazetteer = load_gazetteer()
    return ensure_store(settings, gazetteer), gazetteer


@st.cache_data(show_spinner=False, max_entries=4)
def _map_data(_store, _gazetteer, db_path: str, revision: int):
    """Merged features (numbered: a marker reports its number on click) and the curated gazetteer.

    Re-read only when the store changed (another page added an article or a correction).
    """
    gazetteer = curated_gazetteer(_store, _gazetteer)
    merged = merge_incidents(load_features(_store, _gazetteer))
    return [dict(f, ref=i) for i, f in enumerate(merged)], gazetteer


settings = Settings.from_env()
store, base_gazetteer = _store_and_gazetteer(settings)
features, gazetteer = _map_data(store, base_gazetteer, str(settings.db_path), store.revision())
bounds = date_bounds(features)

# Filters: the address first (shared links), else what this session chose on an earlier visit.
# Streamlit forgets a page's widget values when another page runs, so this runs on every return.
if "sm_actors" not in st.session_state:
    start = initial_filters(st.query_params, saved=st.session_state.get("sm_filters"), bounds=bounds)
    st.session_state.update(
        sm_actors=chosen(start.actors, ACTOR_CHOICES), sm_roles=chosen(start.roles, ROLE_CHOICES),
        sm_weapons=chosen(start.weapons, WEAPON_CHOICES), sm_undated=start.include_undated)
    if bounds:
        st.session_state.sm_dates = slider_value(start, bounds)

st.title("Strike Map — eastern Syria")
with st.sidebar:
    st.header("Filters")
    actors = st.multiselect("Actor", ACTOR_CHOICES, format_func=ACTORS.get, key="sm_actors")
    roles = st.multiselect("Role", ROLE_CHOICES, format_func=lambda r: ROLE_STYLES[r].label, key="sm_roles")
    weapons = st.multiselect("Weapon", WEAPON_CHOICES, key="sm_weapons")

timeline, chart = st.columns([2, 3])
with timeline:
    dates = None
    if bounds and bounds[0] < bounds[1]:
        dates = st.slider("Dates", min_value=bounds[0], max_value=bounds[1], key="sm_dates", format="YYYY-MM-DD")
    include_undated = st.toggle("Include events of unknown date", key="sm_undated")

filters = filters_from_widgets(actors=actors, roles=roles, weapons=weapons, dates=dates, bounds=bounds,
                               include_undated=include_undated)
st.session_state.sm_filters = filters
if dict(st.query_params) != filters.to_query_params():
    st.query_params.from_dict(filters.to_query_params())
shown = apply_filters(features, filters)
on_map = located(shown)

with chart:
    per_day = counts_per_day(shown)
    st.bar_chart(per_day, height=170, color=[s.colour for s in ROLE_STYLES.values()],
                 x_label="day", y_label="events")
    st.caption(f"{len(on_map)} of {len(features)} event-places on the map; "
               f"{len(shown) - len(on_map)} shown have no place on the map.")

map_col, panel_col = st.columns([5, 3])
with map_col:
    returned = st_folium(base_map(gazetteer=gazetteer), key="strikemap", height=640, use_container_width=True,
                         feature_group_to_add=event_layers(on_map), layer_control=layer_control(),
                         returned_objects=list(RETURNED_OBJECTS))
with panel_col:
    picked = find_feature(features, clicked_ref(returned))
    if picked is None:
        st.info("Click a marker to read the event and its Arabic source.")
    else:
        st.html(PANEL_CSS + panel_html(picked))
