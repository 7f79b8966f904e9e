"""Add an article: paste or upload it, preview its events, correct them, save. Curators only."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from strikemap import curation, export, mapview, page, reader
from strikemap.store import WEAPONS, BadInput

st.set_page_config(page_title="Add an article · Strike Map", page_icon="➕", layout="wide")


# -- who is here ----------------------------------------------------------------
curator = page.curator()
with st.sidebar:
    page.sign_in_box(curator)

st.title("Add an article")
if "add-flash" in st.session_state:
    kind, message, link = st.session_state.pop("add-flash")
    (st.success if kind == "ok" else st.warning)(message)
    if link:
        st.link_button("Read it in Sources", link)
if curator is None:
    st.info("Adding articles needs a curator: sign in with the password or the token the server printed.")
    st.stop()

store, base = page.store_and_gazetteer()
gaz = curation.current_gazetteer(store, base)

# -- 1. the article ---------------------------------------------------------------
with st.form("article"):
    text = st.text_area("Paste the article (Arabic)", height=220, key="article-text")
    upload = st.file_uploader("…or upload it (.txt or .html, UTF-8 or Windows-1256)", type=["txt", "html", "htm"],
                              key="article-file")
    c1, c2 = st.columns(2)
    outlet = c1.text_input("Outlet", key="article-outlet")
    published = c2.date_input("Published", value=None, key="article-published")
    title = c1.text_input("Title", key="article-title")
    url = c2.text_input("Address (https://…)", key="article-url")
    preview = st.form_submit_button("Preview", type="primary")

if preview:
    st.session_state.pop("draft", None)
    st.session_state["edits"] = []
    try:
        if upload is not None:
            body = curation.read_upload(upload.getvalue(), filename=upload.name)
        else:
            body = text
        st.session_state["draft"] = curation.draft_article(
            body, gazetteer=gaz, outlet=outlet, published=published, url=url, title=title, store=store)
    except BadInput as exc:
        st.error(str(exc))

draft = st.session_state.get("draft")
if draft is None:
    st.stop()

# -- 2. preview ---------------------------------------------------------------------
edits: list[curation.Edit] = st.session_state.setdefault("edits", [])
for notice in draft.notices:
    st.warning(notice)
events = curation.preview_events(draft.events, edits, gazetteer=gaz)
st.subheader(f"Preview: {len(events)} event{'s' if len(events) != 1 else ''}")
preview_features = curation.draft_features(events, draft.meta)
on_map = mapview.located(preview_features)
st.caption(f"{len(on_map)} of {len(preview_features)} event places can be put on the map.")
preview_map = mapview.base_map(gazetteer=gaz)
if on_map:
    lats = [f["lat"] for f in on_map]
    lons = [f["lon"] for f in on_map]
    preview_map.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], max_zoom=10, padding=(30, 30))
st_folium(preview_map, key="preview-map", height=420, use_container_width=True,
          feature_group_to_add=mapview.event_layers(on_map, cluster=False), returned_objects=[])
if events:
    st.dataframe(pd.DataFrame(reader.event_rows(events)), hide_index=True, width="stretch", key="preview-events")
with st.expander("The article as read", expanded=not events):
    st.html(reader.article_html(draft.text, events, gazetteer=gaz))

# -- 3. corrections before saving -----------------------------------------------------
if draft.events:
    st.subheader("Correct an event")
    ids = [e.event_id for e in draft.events]
    by_id = {e.event_id: e for e in draft.events}
    event_id = st.selectbox("Event", ids, key="edit-event",
                            format_func=lambda i: f"{i} · {'، '.join(t.text for t in by_id[i].targets)}")
    field = st.selectbox("Field", ["role", "actor", "place", "date", "weapon", "killed", "wounded", "rejected"],
                         key="edit-field")
    target = None
    if field == "role":
        value = st.selectbox("Role", ["attack", "retaliation", "other"], key="edit-role")
    elif field == "actor":
        value = st.selectbox("Actor", ["iran_backed", "us_coalition", "syrian_government", "sdf", "unknown"],
                             key="edit-actor")
    elif field == "place":
        target = st.selectbox("Place as written", [t.text for t in by_id[event_id].targets], key="edit-target")
        keys = sorted(p.key for p in gaz.places)
        value = st.selectbox("Is the gazetteer place", keys + [None], key="edit-place", format_func=lambda k: (
            f"{k} · {gaz.get(k).name_ar} · {gaz.get(k).name_en}" if k else "not a place on the map"))
    elif field == "date":
        value = st.date_input("Date", value=None, key="edit-date")
        value = value.isoformat() if value else None
    elif field == "weapon":
        value = st.selectbox("Weapon", list(WEAPONS) + [None], key="edit-weapon",
                             format_func=lambda w: w or "not said")
    elif field in ("killed", "wounded"):
        value = st.number_input(field.capitalize(), min_value=0, step=1, value=None, key=f"edit-{field}")
        value = int(value) if value is not None else None
    else:
        value = st.checkbox("This is not an event (leave it out)", value=True, key="edit-rejected")
    if st.button("Apply to the preview", key="edit-apply"):
        edit = curation.Edit(event_id, field, value, target=target)
        try:
            curation.preview_events(draft.events, edits + [edit], gazetteer=gaz)
        except BadInput as exc:
            st.error(str(exc))
        else:
            edits.append(edit)
            st.rerun()
    if edits:
        st.caption("Corrections to save with the article")
        st.dataframe(pd.DataFrame([{"event": e.event_id, "field": e.field, "place": e.target or "",
                                    "value": str(e.value)} for e in edits]), hide_index=True, key="pending-edits")
        if st.button("Forget these corrections", key="edit-clear"):
            edits.clear()
            st.rerun()

# -- 4. save --------------------------------------------------------------------------
if st.button("Save the article", type="primary", key="save", disabled=draft.duplicate is not None):
    try:
        saved = curation.save_draft(store, draft, curator=curator, edits=edits, gazetteer=gaz)
    except BadInput as exc:  # DuplicateArticle included
        st.error(str(exc))
    else:
        st.cache_data.clear()  # the map and tables read the store afresh
        st.session_state.pop("draft", None)
        st.session_state["edits"] = []
        st.session_state["add-flash"] = ("ok" if saved.events else "warn", saved.message,
                                         export.article_link(saved.article.file))
        st.rerun()
