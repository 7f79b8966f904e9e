"""The page the map benchmark drives: N synthetic events, a date slider, the map (ours or naive)."""

import os

import streamlit as st
from streamlit_folium import st_folium

from bench.map_bench import naive_layers, synthetic_features
from strikemap.filters import Filters, apply_filters, date_bounds
from strikemap.mapview import RETURNED_OBJECTS, base_map, event_layers, layer_control, located

st.set_page_config(layout="wide")
N, MODE = int(os.environ.get("BENCH_N", "1000")), os.environ.get("BENCH_MODE", "ours")


@st.cache_data
def features(n: int) -> list[dict]:
    return synthetic_features(n)


fs = features(N)
lo, hi = date_bounds(fs)
a, b = st.slider("Dates", min_value=lo, max_value=hi, value=(lo, hi))
shown = located(apply_filters(fs, Filters(date_from=a, date_to=b)))
groups = event_layers(shown) if MODE == "ours" else naive_layers(shown)
st_folium(base_map(), key="bench", height=600, use_container_width=True, feature_group_to_add=groups,
          layer_control=layer_control(), returned_objects=list(RETURNED_OBJECTS))
