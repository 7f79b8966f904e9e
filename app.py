"""Strike Map — the map page: filters, timeline, map, and the selected event.

Run: ``streamlit run app.py``. Logic lives in ``strikemap`` (tested without
Streamlit); this page only wires widgets to it, top to bottom.

The address holds the filters and the selected event (``?roles=attack&event=<id>``):
a link opens the same map with the same event in the panel. Curators signed
in (sidebar) correct the selected event from the panel.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import streamlit as st
from streamlit_folium import st_folium

from extract.model import ACTORS
from strikemap import auth, curation, page
from strikemap.corpus import curated_gazetteer, load_features
from strikemap.export import correction_link
from strikemap.filters import apply_filters, counts_per_day, date_bounds
from strikemap.incidents import merge_incidents
from strikemap.markers import ROLE_STYLES
from strikemap.mapview import (RETURNED_OBJECTS, base_map, clicked_ref, event_layers, find_feature,
                               layer_control, located)
from strikemap.panel import (CORRECTION_FIELDS, PANEL_CSS, correction_choices, current_value, panel_html,
                             places_written)
from strikemap.store import BadInput
from strikemap.viewstate import (ACTOR_CHOICES, EVENT_PARAM, ROLE_CHOICES, SELECTED_ZOOM, WEAPON_CHOICES, chosen,
                                 event_from_params, filters_from_widgets, initial_filters, page_params,
                                 select_event, slider_value)

st.set_page_config(page_title="Strike Map", page_icon="🗺", layout="wide")
# Without a configured curator password the server prints a one-time token on its first page view.
curator = page.curator()


@st.cache_data(show_spinner=False, max_entries=4)
def _map_data(_store, _gazetteer, db_path: str, revision: int):
    """Merged features (numbered: a marker reports its number on click), each event's own
    features (one per place, corrections applied) and the curated gazetteer.

    Re-read only when the store changed (an article or a correction added here or on another page).
    """
    gazetteer = curated_gazetteer(_store, _gazetteer)
    reports = load_features(_store, _gazetteer)
    merged = merge_incidents(reports)
    return [dict(f, ref=i) for i, f in enumerate(merged)], reports, gazetteer


store, base_gazetteer = page.store_and_gazetteer()
features, reports, gazetteer = _map_data(store, base_gazetteer, str(store.path), store.revision())
bounds = date_bounds(features)

# The selected event: an address this session did not write (a shared link, the Events table's
# "marker") wins and centres the map on it; else the session's own (kept across page visits).
if EVENT_PARAM in st.query_params and st.query_params.get(EVENT_PARAM) != st.session_state.get("sm_url_event"):
    st.session_state.update(sm_event=event_from_params(st.query_params) or st.query_params.get(EVENT_PARAM),
                            sm_centre_pending=True, sm_notice=None)

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
    st.divider()
    page.sign_in_box(curator)

timeline, chart = st.columns([2, 3])
with timeline:
    dates = None
    if bounds and bounds[0] < bounds[1]:
        dates = st.slider("Dates", min_value=bounds[0], max_value=bounds[1], key="sm_dates", format="YYYY-MM-DD")
    include_undated = st.toggle("Include events of unknown date", key="sm_undated")

filters = filters_from_widgets(actors=actors, roles=roles, weapons=weapons, dates=dates, bounds=bounds,
                               include_undated=include_undated)
st.session_state.sm_filters = filters
shown = apply_filters(features, filters)
on_map = located(shown)
selection = select_event(features, st.session_state.get("sm_event"), shown=shown)
if st.session_state.pop("sm_centre_pending", False) and selection.point:
    st.session_state.sm_view = (list(selection.point), SELECTED_ZOOM)
centre, zoom = st.session_state.get("sm_view") or (None, None)

with chart:
    per_day = counts_per_day(shown)
    st.bar_chart(per_day, height=170, color=[s.colour for s in ROLE_STYLES.values()],
                 x_label="day", y_label="events")
    st.caption(f"{len(on_map)} of {len(features)} event-places on the map; "
               f"{len(shown) - len(on_map)} shown have no place on the map.")
    # Streamlit's own page links in the sidebar drop the address; this one carries the filters.
    st.page_link("pages/1_Events.py", label="Table of these events", icon="📋",
                 query_params=filters.to_query_params())

map_col, panel_col = st.columns([5, 3])
with map_col:
    returned = st_folium(base_map(gazetteer=gazetteer), key="strikemap", height=640, use_container_width=True,
                         feature_group_to_add=event_layers(on_map), layer_control=layer_control(),
                         returned_objects=list(RETURNED_OBJECTS), center=centre, zoom=zoom)

# A click selects the clicked incident's event. The map keeps reporting its last click on every
# rerun, so only a click different from the last one seen counts.
tip = (returned or {}).get("last_object_clicked_tooltip")
if tip != st.session_state.get("sm_tip"):
    st.session_state.sm_tip = tip
    clicked = find_feature(features, clicked_ref(returned)) if tip else None
    if clicked is not None:
        st.session_state.update(sm_event=clicked.get("event_id"), sm_notice=None)
        selection = select_event(features, clicked.get("event_id"), shown=shown)


def _correction_form(event_id: str) -> None:
    """A curator's correction of one field of the selected event, saved to the store."""
    own = next((f for f in reports if f.get("event_id") == event_id), None)
    st.markdown("**Correct this event**")
    st.caption(f"Event `{event_id}`; the correction is kept when the article is read again.")
    field = st.selectbox("Field to correct", list(CORRECTION_FIELDS), format_func=CORRECTION_FIELDS.get,
                         key="sm_fix_field")
    key = f"sm_fix_{field}_{event_id}"  # per event, so each event's form starts from its own values
    now = current_value(own, field)
    target = None
    if field == "date":
        value = st.date_input("Corrected date", value=now or None, key=key)
        value = value.isoformat() if value else None
    elif field in ("killed", "wounded"):
        value = st.number_input(f"Corrected {field}", min_value=0, step=1, value=now, key=key)
        value = int(value) if value is not None else None
    elif field == "rejected":
        value = st.checkbox("This is not an event: hide it from the map", value=True, key=key)
    else:
        if field == "place":
            target = st.selectbox("Place as written", places_written(reports, event_id), key=key + "_target")
            now = next((f.get("place_key") for f in reports
                        if f.get("event_id") == event_id and f.get("place_ar") == target), None)
        choices = correction_choices(field, gazetteer=gazetteer)
        labels = {"role": lambda v: ROLE_STYLES[v].label, "actor": ACTORS.get,
                  "weapon": lambda v: v or "not said",
                  "place": lambda k: f"{gazetteer.get(k).name_en} · {gazetteer.get(k).name_ar}" if k
                  else "not a place on the map"}
        value = st.selectbox(f"Corrected {CORRECTION_FIELDS[field].lower()}", choices, key=key,
                             index=choices.index(now) if now in choices else 0, format_func=labels[field])
    note = st.text_input("Why (note)", key="sm_fix_note")
    if st.button("Save the correction", type="primary"):
        try:
            saved = curation.correct_event(store, curator=curator, event_id=event_id, field=field, value=value,
                                           target=target, note=note, gazetteer=gazetteer)
        except (BadInput, auth.NotSignedIn) as exc:
            st.error(str(exc))
        else:
            # The store's revision changed: the rerun reads the corrected events.
            st.session_state.sm_flash = f"Saved: {saved.field} of {saved.event_id} is now {saved.value!r}."
            st.rerun()
    # The Events page has the correction history; page_link keeps this session (and its sign-in).
    st.page_link("pages/1_Events.py", label="Corrections of this event (Events page)",
                 query_params=dict(parse_qsl(urlsplit(correction_link(event_id)).query)))


with panel_col:
    if "sm_flash" in st.session_state:
        st.success(st.session_state.pop("sm_flash"))
    if selection.status == "unknown":
        known = selection.event_id in store.event_article_ids()
        # Kept until another event is selected; the address drops the id below.
        st.session_state.update(sm_event=None, sm_notice="The event in the address is not on the map: " + (
            "a curator marked it as not an event." if known else "there is no event with that id."))
    if st.session_state.get("sm_notice") and selection.status in ("none", "unknown"):
        st.warning(st.session_state.sm_notice)
    if selection.status == "hidden":
        # No article or gazetteer text here: st.info reads markdown.
        st.info(f"The selected event ({selection.feature.get('date') or 'undated'}) is hidden by the filters. "
                "Widen them to see it again.")
        if st.button("Clear the selection"):
            st.session_state.sm_event = None
            st.rerun()
    elif selection.status in ("shown", "unlocated"):
        if selection.status == "unlocated":
            st.caption("This event has no place on the map.")
        st.html(PANEL_CSS + panel_html(selection.feature, selected_event=selection.event_id))
        if curator:
            _correction_form(selection.event_id)
        else:
            st.caption("Curators can correct this event after signing in (sidebar).")
    else:
        st.info("Click a marker to read the event and its Arabic source.")

# The address: the filters and the selected event, so what is on screen is a link.
params = page_params(filters, event_id=st.session_state.get("sm_event"))
st.session_state.sm_url_event = params.get(EVENT_PARAM)
if dict(st.query_params) != params:
    st.query_params.from_dict(params)
