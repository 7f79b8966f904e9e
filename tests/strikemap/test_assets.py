"""Leaflet and the cluster plugin are vendored with their licences and served by the app."""

from pathlib import Path

import folium

from strikemap.assets import STATIC_DIR, LocalMap, LocalMarkerCluster, asset_links, external_assets, vendored_file

ROOT = Path(__file__).resolve().parents[2]


def test_every_asset_is_a_vendored_file_with_its_licence():
    m = LocalMap(location=[35, 40], tiles=None)
    LocalMarkerCluster().add_to(m)
    links = asset_links(m)
    assert len(links) == 5 and external_assets(m) == []
    for url in links:
        path = vendored_file(url)
        assert path.is_file() and path.stat().st_size > 500
    assert (STATIC_DIR / "vendor/leaflet-1.9.3/LICENSE").read_text().startswith("BSD 2-Clause License")
    assert "Permission is hereby granted" in (STATIC_DIR / "vendor/leaflet.markercluster-1.1.0/MIT-LICENCE.txt").read_text()
    assert "Leaflet 1.9.3" in vendored_file(LocalMap.default_js[0][1]).read_text()[:300]


def test_plain_folium_would_use_cdns_which_is_why_we_override():
    assert external_assets(folium.Map(tiles=None))


def test_streamlit_serves_the_static_folder():
    config = (ROOT / ".streamlit/config.toml").read_text()
    assert "enableStaticServing = true" in config
