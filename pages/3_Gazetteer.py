"""Gazetteer: the places the map knows, the names it could not place, and a curator's additions."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geodata.gazetteer import KINDS
from strikemap import auth, curation, export, geocoding, mapview, page
from strikemap.store import BadInput

st.set_page_config(page_title="Gazetteer · Strike Map", page_icon="📍", layout="wide")


# -- who is here ----------------------------------------------------------------
curator = page.curator()
with st.sidebar:
    page.sign_in_box(curator)

# -- data -------------------------------------------------------------------------
store, base = page.store_and_gazetteer()
gaz = curation.current_gazetteer(store, base)
curated = {row["key"]: row for row in store.gazetteer_rows()}

st.title("Gazetteer")
if "gazetteer-flash" in st.session_state:
    st.success(st.session_state.pop("gazetteer-flash"))

places = pd.DataFrame([{
    "name_ar": p.name_ar,
    "name_en": p.name_en,
    "kind": p.kind,
    "source": "curator: " + curated[p.key]["added_by"] if p.key in curated else p.source,
    "uncertainty_km": p.uncertainty_km,
    "estimate": p.estimate,
    "aliases_ar": "، ".join(p.aliases_ar),
    "affiliation": p.affiliation,
    "key": p.key,
    "lat": p.lat,
    "lon": p.lon,
} for p in gaz.places])
st_folium(mapview.base_map(gazetteer=gaz, tiles=True, legend=False), key="gazetteer-map", height=420,
          use_container_width=True, feature_group_to_add=mapview.places_layers(gaz.places),
          layer_control=mapview.layer_control(), returned_objects=[])
st.caption("Dots: yellow where a source gives the point, white where it is an estimate. Rings: each place's "
           "uncertainty radius (dashed for estimates). Hover a dot for its name.")
st.dataframe(places, hide_index=True, width="stretch", key="places-table")

st.subheader("Names the gazetteer could not place")
unresolved = curation.unresolved_places(store)
settings = page.settings()
online_on = settings.online_geocoder
# Off means off: cached online answers are neither shown here nor on the map.
answers = geocoding.online_answers(store, [u.name for u in unresolved]) if online_on else {}


def _online(name: str) -> str:
    if name not in answers:
        return "not looked up"
    p = answers[name]
    if p is None:
        return "not found online"
    return f"UNVERIFIED: {p.lat:.5f}, {p.lon:.5f} · {p.kind} · {p.name_en} ({p.source})"


if unresolved:
    st.dataframe(pd.DataFrame([{
        "name": u.name, "times": u.count, "could be": ", ".join(u.candidates),
        **({"online (unverified)": _online(u.name)} if online_on else {}),
        "sentences": "\n".join(u.sentences), "articles": ", ".join(u.files),
    } for u in unresolved]), hide_index=True, width="stretch", key="unresolved-table")
else:
    st.write("Every place name met so far is in the gazetteer.")
if not online_on:
    st.caption("Online lookup is off. To look up the names the gazetteer lacks on OpenStreetMap's Nominatim, "
               "start the app with STRIKEMAP_ONLINE_GEOCODER=1 (server: STRIKEMAP_GEOCODER_URL, default "
               "https://nominatim.openstreetmap.org; User-Agent: STRIKEMAP_GEOCODER_USER_AGENT). "
               "Answers are shown as unverified until a curator accepts them.")

# -- curators: add a place or an alias, export the additions ------------------------
if curator is None:
    st.info("Sign in as curator (sidebar) to add places or aliases.")
    st.stop()

# -- curators: look names up online, accept or reject the answers ---------------------
if online_on:
    st.subheader("Online lookup")
    st.caption(f"Asks {settings.geocoder_url} about unplaced names not asked before, at most "
               f"{geocoding.DEFAULT_LIMIT} a run, one a second. Every answer is kept in the store; places "
               "found show on the map marked unverified until you accept or reject them.")
    if st.button("Look up unplaced names online"):
        with st.spinner("Asking the online geocoder…"):
            st.session_state["gazetteer-lookup"] = geocoding.geocode_unresolved(
                store, geocoder=page.online_geocoder(), gazetteer=gaz)
        st.cache_data.clear()
        st.rerun()
    report = st.session_state.pop("gazetteer-lookup", None)
    if report is not None:
        (st.warning if report.failed else st.success)(report.summary)
        details = ([{"name": n, "result": f"found (unverified): {p.lat:.5f}, {p.lon:.5f} · {p.name_en}"}
                    for n, p in report.found]
                   + [{"name": n, "result": "not found"} for n in report.not_found]
                   + [{"name": n, "result": f"failed: {why}"} for n, why in report.failed]
                   + [{"name": n, "result": f"not asked: {why}"} for n, why in report.skipped])
        if details:
            st.dataframe(pd.DataFrame(details), hide_index=True, width="stretch", key="lookup-report")
    found = {name: p for name, p in answers.items() if p is not None}
    if found:
        with st.form("online-decide"):
            st.markdown("**Accept or reject an online result**")
            chosen = st.selectbox("Online result to decide on", list(found),
                                  format_func=lambda n: f"{n} → {found[n].lat:.5f}, {found[n].lon:.5f} "
                                                        f"({found[n].kind}, {found[n].name_en})")
            name_en_ok = st.text_input("Name in English for the gazetteer (needed to accept)")
            accept_col, reject_col = st.columns(2)
            accept = accept_col.form_submit_button("Accept as a gazetteer place", type="primary")
            reject = reject_col.form_submit_button("Reject this result")
        if accept or reject:
            try:
                if accept:
                    updated = geocoding.accept_online_place(store, curator=curator, gazetteer=gaz, name=chosen,
                                                            name_en=name_en_ok)
                    flash = f"Accepted {chosen}: it is now a gazetteer place."
                else:
                    geocoding.reject_online_place(store, curator=curator, name=chosen)
                    flash = f"Rejected the online result for {chosen}."
            except (BadInput, auth.NotSignedIn) as exc:
                st.error(str(exc))
            else:
                st.cache_data.clear()
                st.session_state["gazetteer-flash"] = flash
                st.rerun()

add_col, alias_col = st.columns(2)
with add_col, st.form("add-place"):
    st.subheader("Add a place")
    name_ar = st.text_input("Arabic name", value=unresolved[0].name if unresolved else "")
    name_en = st.text_input("English name")
    aliases = st.text_input("Other Arabic spellings (separated by |)")
    kind = st.selectbox("Kind", KINDS, index=KINDS.index("village"))
    lat = st.number_input("Latitude", value=35.0, format="%.5f")
    lon = st.number_input("Longitude", value=40.5, format="%.5f")
    uncertainty = st.number_input("Uncertainty (km)", min_value=0.1, value=2.0)
    source = st.text_input("Source of the coordinates (web address, dataset, or how you estimated them)")
    estimate = st.checkbox("The coordinates are my estimate")
    admin1 = st.text_input("Governorate (English)", value="Deir ez-Zor")
    if st.form_submit_button("Add place", type="primary"):
        try:
            place = curation.new_place(gazetteer=gaz, name_ar=name_ar, name_en=name_en, aliases_ar=aliases,
                                       kind=kind, lat=lat, lon=lon, uncertainty_km=uncertainty, source=source,
                                       estimate=estimate, admin1=admin1)
            curation.add_place(store, curator=curator, gazetteer=gaz, place=place)
        except BadInput as exc:
            st.error(str(exc))
        else:
            st.cache_data.clear()
            st.session_state["gazetteer-flash"] = f"Added {place.name_ar} ({place.key})."
            st.rerun()

with alias_col, st.form("add-alias"):
    st.subheader("Add an Arabic spelling to a place")
    keys = sorted(p.key for p in gaz.places)
    key = st.selectbox("Place", keys, format_func=lambda k: f"{gaz.get(k).name_ar} · {gaz.get(k).name_en} ({k})")
    alias = st.text_input("Spelling as written in the news")
    if st.form_submit_button("Add spelling"):
        try:
            curation.add_alias(store, curator=curator, gazetteer=gaz, key=key, alias_ar=alias)
        except BadInput as exc:
            st.error(str(exc))
        else:
            st.cache_data.clear()
            st.session_state["gazetteer-flash"] = f"{gaz.get(key).name_ar} can now also be written {alias}."
            st.rerun()

rows = store.gazetteer_rows()
st.download_button(f"Download the {len(rows)} curator place(s) as gazetteer.csv rows",
                   export.gazetteer_csv_bytes(rows), file_name="gazetteer-additions.csv", mime="text/csv",
                   disabled=not rows, key="dl-gazetteer")
