"""Map building without Streamlit: layers, escaping, offline assets, stable base map."""

from __future__ import annotations

import json
import re

import folium
import pytest
import streamlit_folium

from geodata import load_gazetteer
from strikemap.assets import STATIC_URL, asset_links, vendored_file
from strikemap.mapview import (LAYER_NAMES, OSM_TILES, RETURNED_OBJECTS, _arrow, base_map, clicked_ref,
                               event_layers, find_feature, layer_control, located, map_properties,
                               short_excerpt)

PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>${window.__pwned=3}'


def feature(i: int, *, role: str = "attack", lat: float | None = 35.02, lon: float | None = 40.45, **kw) -> dict:
    excerpt = kw.pop("excerpt", "وقالت مصادر محلية إن طائرة مسيرة استهدفت موقعاً في مدينة الميادين بريف دير الزور الشرقي ليلة أمس")
    place = kw.pop("place_ar", "الميادين")
    start = excerpt.find(place)
    f = dict(event_id=f"a{i}.txt#1", article=f"a{i}.txt", outlet="زمان الوصل", published="2024-10-16",
             title="عنوان", url="", role=role, actor="iran_backed", actor_label="Iran-backed militias",
             actor_text="الميليشيات", actor_group=None, actor_hedge=None, place_ar=place, place_key="mayadin",
             place_en="Mayadin", geo_precision=2, date="2024-10-15", time_precision=1, weapon="drone",
             killed=None, wounded=None, origin_place_ar=None, origin_key=None, origin_lat=None, origin_lon=None,
             responds_to=None, excerpt=excerpt, excerpt_place_start=start, excerpt_place_end=start + len(place),
             lat=lat, lon=lon)
    f["geometry"] = {"type": "Point", "coordinates": [lon, lat]} if lat is not None else None
    f.update(kw)
    return f


def st_folium_args(m, groups) -> dict:
    """What st_folium sends to its browser component (captured instead of rendering)."""
    captured = {}
    real = streamlit_folium._component_func
    streamlit_folium._component_func = lambda **kw: captured.update(kw) or {}
    try:
        streamlit_folium.st_folium(m, key="t", feature_group_to_add=groups, layer_control=layer_control(),
                                   returned_objects=list(RETURNED_OBJECTS))
    finally:
        streamlit_folium._component_func = real
    return captured


def geojson_features(groups) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    def walk(el, name):
        for child in el._children.values():
            if isinstance(child, folium.GeoJson):
                out.setdefault(name, []).extend(child.data["features"])
            walk(child, name)
    for g in groups:
        walk(g, g.layer_name)
    return out


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_one_marker_per_located_feature_in_its_role_layer():
    fs = [feature(0), feature(1, role="retaliation"), feature(2, role="other"), feature(3),
          feature(4, lat=None, lon=None)]
    layers = geojson_features(event_layers(fs))
    assert len(layers[LAYER_NAMES["attack"]]) == 2
    assert len(layers[LAYER_NAMES["retaliation"]]) == 1
    assert len(layers[LAYER_NAMES["other"]]) == 1
    assert sorted(p["properties"]["i"] for ps in layers.values() for p in ps) == [0, 1, 2, 3]
    assert len(located(fs)) == 4


def test_refs_default_to_ref_key_and_are_reported_back():
    fs = [dict(feature(i), ref=10 + i) for i in range(3)]
    props = [p["properties"] for p in geojson_features(event_layers(fs))["Attacks"]]
    assert [p["i"] for p in props] == [10, 11, 12]
    assert find_feature(fs, clicked_ref({"last_object_clicked_tooltip": "#11 · Attack · Mayadin"})) is fs[1]
    assert clicked_ref({"last_object_clicked_tooltip": None}) is None
    assert clicked_ref(None) is None
    assert find_feature(fs, 99) is None


def test_every_property_value_is_html_escaped():
    f = feature(0, place_en=PAYLOAD, actor_group=PAYLOAD, weapon=PAYLOAD,
                excerpt="خبر " + PAYLOAD + " الميادين", place_ar="الميادين")
    props = map_properties(f, ref=0)
    for key, value in props.items():
        if isinstance(value, str):
            assert "<" not in value and ">" not in value and '"' not in value, key
    assert "&lt;img src=x onerror=&quot;" in props["p"]


def test_no_payload_reaches_the_component_unescaped(gazetteer):
    f = feature(0, place_en=PAYLOAD, title=PAYLOAD, outlet=PAYLOAD, origin_place_ar=PAYLOAD,
                origin_lat=34.9, origin_lon=40.3, excerpt="خبر " + PAYLOAD + " الميادين")
    args = st_folium_args(base_map(gazetteer=gazetteer), event_layers([f]))
    sent = json.dumps({k: v for k, v in args.items() if not callable(v)}, ensure_ascii=False)
    assert "<img src=x" not in sent and "<script>window" not in sent
    # Data sit in JSON inside the script, with <, > escaped once more by folium's tojson.
    assert "onerror" in args["feature_group"]


def test_template_syntax_in_article_text_is_never_evaluated(gazetteer):
    """folium renders generated scripts as Jinja templates: text must not reach them with braces."""
    from geodata import Place
    jinja = "X{{ 7*7 }}Y {% raw %} {# c"
    f = feature(0, place_en=jinja, actor_group=jinja, weapon=jinja, excerpt="خبر " + jinja + " الميادين",
                origin_place_ar=jinja, origin_lat=34.9, origin_lon=40.3)
    bad = Place(key="tpl", name_ar="قاعدة", name_en=jinja, kind="base", lat=35.1, lon=40.1,
                affiliation="coalition", source="test: a hostile curator entry")
    m = base_map(gazetteer=gazetteer.with_places([bad]))
    args = st_folium_args(m, event_layers([f]))          # raised TemplateSyntaxError before the fix
    page = m.get_root().render()                        # what st_folium renders on the server
    assert "X49Y" not in page
    for text in (args["script"], args["feature_group"], args["layer_control"], page):
        assert "{{" not in text and "{%" not in text and "{#" not in text
    assert "X&#123;&#123; 7*7 &#125;&#125;Y" in args["feature_group"].replace("\\u0026", "&")
    # The full page (folium's own render) still has the events layer, written verbatim.
    assert "X&#123;&#123; 7*7 &#125;&#125;Y" in page.replace("\\u0026", "&")


def test_assets_are_local_and_vendored_except_osm_tiles(gazetteer):
    m = base_map(gazetteer=gazetteer)
    groups = event_layers([feature(0), feature(1, role="retaliation", origin_lat=34.9, origin_lon=40.3)])
    args = st_folium_args(m, groups)
    links = args["js_links"] + args["css_links"]
    assert any("leaflet.js" in u for u in links) and any("markercluster" in u for u in links)
    for url in links:
        assert url.startswith(STATIC_URL + "/"), url
        assert vendored_file(url).is_file(), url
    assert asset_links(m) and all(u.startswith(STATIC_URL) for u in asset_links(m))
    # Any http(s) address left in what the browser gets is the tile template or an attribution link.
    everything = args["script"] + args["header"] + args["html"] + args["feature_group"] + args["layer_control"]
    urls = set(re.findall(r"https?://[^\s\"'<>)\\]+", everything))
    assert urls <= {OSM_TILES, "https://www.openstreetmap.org/copyright", "http://www.w3.org/2000/svg"}, urls
    assert OSM_TILES in urls


def test_base_map_is_the_same_every_run_so_the_component_does_not_remount(gazetteer):
    a = st_folium_args(base_map(gazetteer=gazetteer), event_layers([feature(0)]))
    b = st_folium_args(base_map(gazetteer=gazetteer), event_layers([feature(0), feature(1, role="retaliation")]))
    assert a["key"] == b["key"]                     # same component, not remounted
    assert a["feature_group"] != b["feature_group"]  # the events are swapped in place
    assert args_keys_are_limited(a)


def args_keys_are_limited(args) -> bool:
    return list(args["returned_objects"]) == ["last_object_clicked_tooltip"] and \
        set(args["default"]) == {"last_object_clicked_tooltip"}


def test_layers_include_coalition_bases_from_the_gazetteer(gazetteer):
    m = base_map(gazetteer=gazetteer)
    names = [c.layer_name for c in m._children.values() if hasattr(c, "layer_name")]
    assert "Coalition bases" in names and "Borders, governorates, rivers (bundled)" in names
    bases = next(c for c in m._children.values() if getattr(c, "layer_name", "") == "Coalition bases")
    expected = [p for p in gazetteer.places if p.affiliation == "coalition"]
    (layer,) = bases._children.values()
    assert len(layer.data["features"]) == len(expected) > 0


def _without_geojson_data(script: str) -> tuple[str, list[dict]]:
    """The script with every embedded GeoJSON literal cut out, and those literals."""
    decoder, rest, data = json.JSONDecoder(), [], []
    pos = 0
    for m in re.finditer(r"_add\(", script):
        if m.end() < pos:
            continue
        obj, end = decoder.raw_decode(script, m.end())
        rest.append(script[pos:m.end()])
        data.append(obj)
        pos = end
    rest.append(script[pos:])
    return "".join(rest), data


def test_gazetteer_names_reach_the_map_only_escaped_as_data(gazetteer):
    from geodata import Place
    bad = Place(key="evil", name_ar="قاعدة`${window.__pwned=4}`", name_en=PAYLOAD, kind="base",
                lat=35.1, lon=40.1, affiliation="coalition", source="test: a hostile curator entry")
    args = st_folium_args(base_map(gazetteer=gazetteer.with_places([bad])), event_layers([feature(0)]))
    code, data = _without_geojson_data(args["script"])
    assert "__pwned" not in code                         # the payload is never code ...
    names = [f["properties"].get("t", "") for d in data for f in d.get("features", [])]
    assert any("&lt;img src=x onerror=&quot;" in n and "$&#123;window.__pwned=4&#125;" in n for n in names)  # ... only data


def test_origin_arrow_points_at_the_target():
    line, head = _arrow((34.9, 40.3), (35.3, 40.6))
    assert line == [[40.3, 34.9], [40.6, 35.3]]
    assert head[1] == [40.6, 35.3]
    # both wings lie behind the tip, towards the origin
    for wing in (head[0], head[2]):
        assert wing[1] < 35.3 and wing[0] < 40.6 + 0.05
    groups = event_layers([feature(0, origin_place_ar="بادية الميادين", origin_lat=34.9, origin_lon=40.3),
                           feature(1)])
    origins = geojson_features(groups)[LAYER_NAMES["origins"]]
    assert sum(1 for o in origins if o["geometry"]["type"] == "MultiLineString") == 1
    assert sum(1 for o in origins if o["geometry"]["type"] == "Point") == 1


def test_short_excerpt_keeps_the_place_and_is_short():
    f = feature(0, excerpt="بداية " * 40 + "في الميادين " + "نهاية " * 40)
    s = short_excerpt(f, chars=60)
    assert "الميادين" in s and len(s) <= 64 and s.startswith("…") and s.endswith("…")
    assert short_excerpt(feature(1, excerpt="قصف الميادين"), chars=60) == "قصف الميادين"


def test_geo_precision_and_missing_values_in_properties():
    p = map_properties(feature(0, geo_precision=None, date=None, weapon=None), ref=3)
    assert p["g"] == 3 and p["d"] == "undated" and p["w"] == "not said"
    assert map_properties(feature(0, time_precision=2), ref=0)["d"] == "2024-10-15 (week)"


def test_places_layers_draw_each_uncertainty_and_escape_names():
    from dataclasses import replace

    from strikemap.mapview import places_layers

    gaz = load_gazetteer()
    mayadin, badiya = gaz.get("mayadin"), gaz.get("badiya_mayadin")
    hostile = replace(gaz.get("hari"), name_en=PAYLOAD + "ZZ{{ 7*7 }}")
    m = base_map(legend=False)
    for group in places_layers([mayadin, badiya, hostile]):
        group.add_to(m)
    page = m.get_root().render()
    # Each ring's radius is that place's own uncertainty, in metres.
    assert f'"r": {mayadin.uncertainty_km * 1000}' in page
    assert f'"r": {badiya.uncertainty_km * 1000}' in page
    assert badiya.estimate and '"estimate": true' in page
    # A curator's place name is data: escaped, braces too (folium renders scripts as Jinja).
    assert "<img src=x" not in page and "<script>window.__pwned" not in page
    assert "ZZ49" not in page and "ZZ\\u0026#123;\\u0026#123; 7*7" in page
    assert "Legend" not in page
