"""The bundled vector basemap: Natural Earth borders and rivers around eastern Syria; Khabur approximated."""

from geodata import load_gazetteer
from strikemap.basemap import KHABUR_TOWNS, khabur_line, region


def _points(feature):
    return [p for line in feature["geometry"]["coordinates"] for p in line]


def test_region_has_syrias_border_and_the_euphrates_near_deir_ez_zor():
    fc = region()
    syria = [f for f in fc["features"] if f["properties"].get("iso3") == "SYR"]
    assert syria and len(_points(syria[0])) > 50
    rivers = [p for f in fc["features"] if f["properties"]["kind"] == "river" for p in _points(f)]
    # Some river vertex within ~10 km of Deir ez-Zor (40.14 E, 35.33 N) and of Albukamal (40.92 E, 34.45 N).
    for lon, lat in ((40.14, 35.33), (40.92, 34.45)):
        assert min(abs(p[0] - lon) + abs(p[1] - lat) for p in rivers) < 0.15
    for f in fc["features"]:
        for lon, lat in _points(f):
            assert 34.0 <= lon <= 44.5 and 31.0 <= lat <= 38.5


def _inside(point, ring) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_governorates_hold_their_towns():
    gov = {f["properties"]["name"]: f for f in region()["features"] if f["properties"]["kind"] == "governorate"}
    assert len(gov) == 14
    gaz = load_gazetteer()
    for name, town in (("Dayr Az Zawr", "mayadin"), ("Dayr Az Zawr", "albukamal"), ("Hasaka (Al Haksa)", "shaddadi")):
        place = gaz.get(town)
        rings = gov[name]["geometry"]["coordinates"]
        assert any(_inside((place.lon, place.lat), ring) for ring in rings), (name, town)
    assert not any(_inside((gaz.get("mayadin").lon, gaz.get("mayadin").lat), r)
                   for r in gov["Hasaka (Al Haksa)"]["geometry"]["coordinates"])


def test_khabur_runs_from_ras_al_ayn_to_busayrah():
    line = khabur_line(load_gazetteer())
    coords = line["geometry"]["coordinates"]
    assert len(coords) == len(KHABUR_TOWNS)
    assert coords[0][1] > coords[-1][1]          # it flows south, to the Euphrates
    assert "approximate" in line["properties"]["name"]
    assert khabur_line(None) is None
