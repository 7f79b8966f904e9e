"""Events: the map's events as a table — sortable, searchable, exportable, correctable.

The filters come from the page address, as on the map (``?roles=attack&from=...``);
``?event=<id>`` points at one event (e.g. from the map's panel) and
``?q=<words>`` searches. Each row links to its marker and to its article.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from strikemap import curation, export, page
from strikemap.corpus import load_features
from strikemap.filters import Filters, apply_filters, date_bounds
from strikemap.store import CORRECTABLE_FIELDS, WEAPONS, BadInput

st.set_page_config(page_title="Events · Strike Map", page_icon="📋", layout="wide")


# -- who is here ----------------------------------------------------------------
curator = page.curator()
with st.sidebar:
    page.sign_in_box(curator)

# -- data -------------------------------------------------------------------------
store, base = page.store_and_gazetteer()
gaz = curation.current_gazetteer(store, base)
features = export.with_sources_count(load_features(store, gaz))
filters = Filters.from_query_params(st.query_params, bounds=date_bounds(features))
selected = st.query_params.get("event")

st.title("Events")
if "events-flash" in st.session_state:
    st.success(st.session_state.pop("events-flash"))
shown = apply_filters(features, filters)
params = filters.to_query_params()
if params:
    st.caption("Filtered as on the map: " + ", ".join(f"{k} = {v or 'none'}" for k, v in params.items()))
st.link_button("Back to the map with these filters", "./?" + urlencode(params))
query = st.text_input("Search (Arabic or English; every word must appear)", value=st.query_params.get("q", ""),
                      key="search")
if query.strip():
    st.query_params["q"] = query  # the search is part of a shareable address
elif "q" in st.query_params:
    del st.query_params["q"]
shown = export.search_features(shown, query)
st.caption(f"{len(shown)} of {len(features)} event places.")

# -- the table: sort by clicking a header; links open the marker or the article ---
table = pd.DataFrame(export.table_rows(shown, params=params), columns=[
    "map", "article", "event_id", "date", "role", "actor", "place", "place_en", "weapon", "killed", "wounded",
    "outlet", "sources", "corrected", "located"])
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        "map": st.column_config.LinkColumn("map", display_text="marker", width="small"),
        "article": st.column_config.LinkColumn("article", display_text="read", width="small"),
        "event_id": st.column_config.TextColumn("event", width="small"),
        "killed": st.column_config.NumberColumn("killed", format="%d"),
        "wounded": st.column_config.NumberColumn("wounded", format="%d"),
    },
    key="events-table",
)

# -- export what is shown ------------------------------------------------------------
left, right = st.columns(2)
left.download_button("Download CSV (ACLED columns)", export.csv_bytes(shown, gazetteer=gaz),
                     file_name="strikemap-events.csv", mime="text/csv", key="dl-csv")
right.download_button("Download GeoJSON (for QGIS)", export.geojson_text(shown, gazetteer=gaz).encode("utf-8"),
                      file_name="strikemap-events.geojson", mime="application/geo+json", key="dl-geojson")

# -- correct an event (curators only) -------------------------------------------------
st.subheader("Correct an event")
if curator is None:
    st.info("Sign in as curator (sidebar) to correct events.")
    st.stop()

ids = list(dict.fromkeys(f["event_id"] for f in features))
if not ids:
    st.write("No events to correct.")
    st.stop()
by_id = {f["event_id"]: f for f in features}
event_id = st.selectbox("Event", ids, index=ids.index(selected) if selected in ids else 0,
                        format_func=lambda e: f"{e} · {by_id[e].get('place_ar') or ''} · {by_id[e].get('date') or ''}")
places = [f.get("place_ar") for f in features if f["event_id"] == event_id and f.get("place_ar")]
st.text(by_id[event_id].get("excerpt") or "")
field = st.selectbox("Field", [f for f in CORRECTABLE_FIELDS if f != "time_precision"])
target = None
if field == "role":
    value = st.selectbox("Role", ["attack", "retaliation", "other"])
elif field == "actor":
    value = st.selectbox("Actor", ["iran_backed", "us_coalition", "syrian_government", "sdf", "unknown"])
elif field == "weapon":
    value = st.selectbox("Weapon", list(WEAPONS) + [None], format_func=lambda w: w or "not said")
elif field == "date":
    value = st.date_input("Date", value=None)
    value = value.isoformat() if value else None
elif field == "place":
    target = st.selectbox("Place as written", places)
    keys = sorted(p.key for p in gaz.places)
    value = st.selectbox("Is the gazetteer place", keys + [None], format_func=lambda k: (
        f"{k} · {gaz.get(k).name_ar} · {gaz.get(k).name_en}" if k else "not a place on the map"))
elif field == "rejected":
    value = st.checkbox("This is not an event (hide it)", value=True)
elif field in ("killed", "wounded"):
    value = st.number_input(field.capitalize(), min_value=0, step=1, value=None)
    value = int(value) if value is not None else None
else:
    value = st.text_input(field.replace("_", " ").capitalize()) or None
note = st.text_input("Note (why)")
if st.button("Save correction", type="primary"):
    try:
        c = curation.correct_event(store, curator=curator, event_id=event_id, field=field, value=value,
                                   target=target, note=note, gazetteer=gaz)
    except BadInput as exc:
        st.error(str(exc))
    else:
        st.cache_data.clear()  # the map reads the store afresh
        st.session_state["events-flash"] = f"Saved: {c.field} of {c.event_id} is now {c.value!r}."
        st.rerun()  # so the table above shows the correction
history = store.corrections(event_id)
if history:
    st.caption("Corrections of this event")
    st.dataframe(pd.DataFrame([{"field": c.field, "place": c.target or "", "value": str(c.value), "by": c.curator,
                                "at": c.created_at, "note": c.note} for c in history]), hide_index=True)
