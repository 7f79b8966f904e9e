"""The gazetteer: places of eastern Syria and around, loaded from a checked CSV.

Every row of ``geodata/gazetteer.csv`` becomes a :class:`Place`. Loading
validates the whole file and stops at the first bad row with its line
number, key and problem, so a curator can fix it:

>>> import tempfile, pathlib
>>> header = ("key,name_ar,name_en,aliases_ar,aliases_en,kind,admin1,country,lat,lon,"
...           "uncertainty_km,source,estimate,affiliation,shared_names,notes\\n")
>>> row = "mayadin,الميادين,Mayadin,,Al Mayadin,city,Deir ez-Zor,SY,35.0206,40.4513,3,GeoNames,no,,,\\n"
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "g.csv").write_text(header + row, encoding="utf-8")
>>> gaz = load_gazetteer(d / "g.csv")
>>> gaz.get("mayadin").name_en, gaz.get("mayadin").geo_precision
('Mayadin', 1)
>>> [(m.name, m.places[0].key) for m in gaz.find("قصف بادية وبالميادين")]
[('الميادين', 'mayadin')]
>>> _ = (d / "bad.csv").write_text(header + row.replace("35.0206", "45.1"), encoding="utf-8")
>>> try:
...     load_gazetteer(d / "bad.csv")
... except GazetteerError as exc:
...     print(str(exc).split("bad.csv ")[1])
line 2 (mayadin): lat/lon 45.1,40.4513 is outside SY (lat 32.3..37.4, lon 35.6..42.4)
"""

from __future__ import annotations

import csv
import math
import os
import re
from importlib import resources
from dataclasses import dataclass, replace  # noqa: F401 - replace: the doctests use it
from pathlib import Path
from typing import Final, TYPE_CHECKING, Iterable, Iterator, Mapping

from geodata.arabic import NormalizedText, fold, name_key
from geodata.matcher import NameTrie

if TYPE_CHECKING:  # pragma: no cover
    from geodata.resolve import Resolution, ResolveContext

__all__ = [
    "Place",
    "NameMatch",
    "Gazetteer",
    "GazetteerError",
    "load_gazetteer",
    "COLUMNS",
    "KINDS",
    "AFFILIATIONS",
    "COUNTRY_BOUNDS",
    "DEFAULT_PATH",
    "ONLINE_ENV",
]

# (found through the package, not this module's __file__, which a compiled build lacks: bench/compiled.py)
DEFAULT_PATH: Final = Path(str(resources.files("geodata").joinpath("gazetteer.csv")))

COLUMNS: Final = (
    "key", "name_ar", "name_en", "aliases_ar", "aliases_en", "kind", "admin1",
    "country", "lat", "lon", "uncertainty_km", "source", "estimate",
    "affiliation", "shared_names", "notes",
)

# ACLED geo_precision by kind: 1 the place itself, 3 only a wide area.
_POINT_KINDS: Final = ("city", "town", "village", "neighbourhood", "base", "oil_field",
                "gas_field", "airport", "crossing", "island", "shrine", "site")
_AREA_KINDS: Final = ("desert", "governorate", "region", "river")
KINDS: Final = _POINT_KINDS + _AREA_KINDS
AFFILIATIONS: Final = ("", "coalition", "militia", "government", "sdf")

# Generous boxes (degrees) around each country: they catch swapped lat/lon
# and typos, not a point a few km over a border.
COUNTRY_BOUNDS: Final[dict[str, tuple[float, float, float, float]]] = {
    # code: (lat_min, lat_max, lon_min, lon_max)
    "SY": (32.3, 37.4, 35.6, 42.4),
    "IQ": (29.0, 37.4, 38.7, 48.7),
    "JO": (29.1, 33.4, 34.9, 39.4),
    "LB": (33.0, 34.7, 35.0, 36.7),
    "TR": (35.8, 42.2, 25.6, 44.9),
    "IR": (25.0, 39.8, 44.0, 63.4),
    "SA": (16.3, 32.2, 34.5, 55.7),
    "IL": (29.4, 33.4, 34.2, 35.9),
}

# Above this radius a point kind is only "near" the place (ACLED 2).
_NEAR_KM: Final = 10.0
_KEY_RE: Final = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_DECIMALS_RE: Final = re.compile(r"^-?\d+(?:\.\d{1,5})?$")

ONLINE_ENV: Final = "STRIKEMAP_ONLINE_GEOCODER"


class GazetteerError(ValueError):
    """A gazetteer row is invalid; the message names the file, line, key and problem."""


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer row.

    ``estimate`` is True when no source gives the coordinate (``source``
    then says how it was estimated). ``verified`` is False for places that
    came from an online geocoder and no curator has checked.

    >>> p = Place(key="omar_field", name_ar="حقل العمر", name_en="al-Omar oil field",
    ...           aliases_ar=("العمر",), kind="oil_field", admin1="Deir ez-Zor",
    ...           country="SY", lat=35.06, lon=40.54, uncertainty_km=2, source="x")
    >>> p.names_ar, p.geo_precision, p.point
    (('حقل العمر', 'العمر'), 1, (35.06, 40.54))
    """

    key: str
    name_ar: str
    name_en: str
    aliases_ar: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    kind: str = "site"
    admin1: str = ""
    country: str = "SY"
    lat: float = 0.0
    lon: float = 0.0
    uncertainty_km: float = 1.0
    source: str = ""
    estimate: bool = False
    affiliation: str = ""
    shared_names: tuple[str, ...] = ()
    notes: str = ""
    verified: bool = True

    def __hash__(self) -> int:
        # Cheaper than hashing every field; equal places have equal keys.
        return hash((self.key, self.lat, self.lon))

    @property
    def names_ar(self) -> tuple[str, ...]:
        """The Arabic name and its aliases."""
        return (self.name_ar,) + tuple(self.aliases_ar)

    @property
    def names_en(self) -> tuple[str, ...]:
        return (self.name_en,) + tuple(self.aliases_en)

    @property
    def point(self) -> tuple[float, float]:
        """(lat, lon), as geopy wants it."""
        return (self.lat, self.lon)

    @property
    def geo_precision(self) -> int:
        """ACLED geo_precision: 1 the site/town itself, 2 near it, 3 a wide area.

        A point kind with an honest radius above 10 km only says "near"
        (2); deserts, governorates, regions and rivers are 3.
        """
        if self.kind in _AREA_KINDS:
            return 3
        return 2 if self.uncertainty_km > _NEAR_KM else 1


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A gazetteer name found in a text.

    ``start``/``end`` are offsets in the original text and cover whole
    words (so a proclitic like «و» or «ب» may be inside); ``name`` is the
    name as written without those proclitics (the article kept) and starts
    at ``name_start``. ``places`` are all rows that carry the name (more
    than one for a shared name: resolve with :meth:`Gazetteer.choose`).
    """

    start: int
    end: int
    text: str
    token_start: int
    token_end: int
    places: tuple[Place, ...]
    name_start: int = -1
    name: str = ""

    # (written out, not generated: compiled by mypyc it runs natively; see extract/model.py)
    def __init__(self, start: int, end: int, text: str, token_start: int, token_end: int,
                 places: tuple[Place, ...], name_start: int = -1, name: str = "") -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "token_start", token_start)
        object.__setattr__(self, "token_end", token_end)
        object.__setattr__(self, "places", places)
        object.__setattr__(self, "name_start", name_start)
        object.__setattr__(self, "name", name)

    @property
    def ambiguous(self) -> bool:
        return len(self.places) > 1

    @property
    def key(self) -> tuple[str, ...]:
        """The name_key of the name as written."""
        return name_key(self.name or self.text)


_WORDS: Final = re.compile(r"[^\W_]+")  # (compiled once: re.findall with a string pattern looks it up per call)


def _english_key(name: str) -> str:
    # fold() lower-cases Latin; casefold for the rest (ß, Turkish İ …).
    return " ".join(_WORDS.findall(fold(name).casefold()))


def _glued(name: str) -> tuple[str, ...] | None:
    """«دير الزور» is often typed «ديرالزور»: the glued key, if the name has words."""
    key = name_key(name)
    if len(key) < 2:
        return None
    words = _WORDS.findall(fold(name))
    return name_key("".join(words))


class Gazetteer:
    """Places and the names that point at them.

    Build one with :func:`load_gazetteer`; :meth:`find` every name in a
    text, :meth:`resolve` a name (choosing between places that share it).

    ``fallback`` is an optional online geocoder (see
    :mod:`geodata.geocoders`), asked by :meth:`resolve` only for names the
    gazetteer lacks and only when ``online`` is True (or, if None, when the
    environment variable ``STRIKEMAP_ONLINE_GEOCODER`` is ``1``).
    """

    def __init__(self, places: Iterable[Place], *, fallback=None, online: bool | None = None) -> None:
        self._places: tuple[Place, ...] = tuple(places)
        self._by_key: dict[str, Place] = {}
        for p in self._places:
            if p.key in self._by_key:
                raise GazetteerError(f"duplicate key {p.key!r}")
            self._by_key[p.key] = p
        self.fallback = fallback
        self.online = online
        # the scene of the article whose names geodata.resolve is choosing between (one at a time)
        self.scene_cache: dict[str, object] = {}
        self._trie: NameTrie[Place] = NameTrie()
        self._english: dict[str, tuple[Place, ...]] = {}
        explicit: set[tuple[str, ...]] = set()
        for p in self._places:
            for name in p.names_ar:
                if name_key(name):
                    self._trie.add(name, p)
                    explicit.add(name_key(name))
            for name in p.names_en:
                k = _english_key(name)
                if k and p not in self._english.get(k, ()):
                    self._english[k] = self._english.get(k, ()) + (p,)
        # Glued spellings («ديرالزور») only where they clash with no real name.
        for p in self._places:
            for name in p.names_ar:
                g = _glued(name)
                if g and g not in explicit and all(q is p for q in self._trie.lookup(g)):
                    self._trie.add(g, p)

    # -- lookup -------------------------------------------------------
    @property
    def places(self) -> tuple[Place, ...]:
        return self._places

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def get(self, key: str) -> Place | None:
        """The place with this key, or None."""
        return self._by_key.get(key)

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place called *name* (Arabic, any spelling that folds the same;
        or English, case-insensitive). Proclitics are not stripped here.

        >>> gaz = Gazetteer([Place(key="tanf_garrison", name_ar="التنف", name_en="al-Tanf garrison")])
        >>> [p.key for p in gaz.lookup("تَنَف")], [p.key for p in gaz.lookup("AL-TANF GARRISON")]
        (['tanf_garrison'], ['tanf_garrison'])
        """
        found = self._trie.lookup(name) if name_key(name) else ()
        if not found:
            found = self._english.get(_english_key(name), ())
        return found

    # -- matching -----------------------------------------------------
    def find(self, text: str | NormalizedText) -> list[NameMatch]:
        """Every gazetteer name in *text*: longest, non-overlapping, left to right.

        >>> gaz = Gazetteer([Place(key="omar", name_ar="العمر", name_en="Omar"),
        ...                  Place(key="conoco", name_ar="كونيكو", name_en="Conoco")])
        >>> [(m.text, m.name, m.places[0].key) for m in gaz.find('حقلي "العمر" و"كونيكو"')]
        [('العمر', 'العمر', 'omar'), ('كونيكو', 'كونيكو', 'conoco')]
        """
        # (straight from the trie's fields: no TrieMatch built only to be copied)
        return [
            NameMatch(start, end, written, token_start, token_end, values, name_start, name)
            for start, end, written, token_start, token_end, name_start, name, values in self._trie.iter_fields(text)
        ]

    # -- resolution ---------------------------------------------------
    def resolve(self, name: str, *, context: "str | ResolveContext" = "",
                online: bool | None = None) -> "Resolution":
        """Which place *name* means here. See :func:`geodata.resolve.resolve`."""
        from geodata.resolve import resolve

        return resolve(self, name, context=context, online=online)

    def choose(self, match: NameMatch, *, context: "ResolveContext | str" = "") -> "Resolution":
        """Which of a match's places is meant. See :func:`geodata.resolve.choose`."""
        from geodata.resolve import choose

        return choose(self, match, context=context)

    def online_enabled(self, online: bool | None = None) -> bool:
        """Whether the fallback geocoder may be asked (argument > attribute > env)."""
        if self.fallback is None:
            return False
        for setting in (online, self.online):
            if setting is not None:
                return bool(setting)
        return os.environ.get(ONLINE_ENV, "").strip() == "1"

    # -- curation -----------------------------------------------------
    def with_places(self, extra: Iterable[Place]) -> "Gazetteer":
        """A new gazetteer with *extra* places added; an extra place with an
        existing key replaces that row (a curator's correction). Names an
        extra place shares with others simply become ambiguous.

        >>> a = Place(key="a", name_ar="الصالحية", name_en="Salhiyah", lat=35.3, lon=40.2, source="x")
        >>> gaz = Gazetteer([a]).with_places([replace(a, lat=35.4)])
        >>> gaz.get("a").lat, len(gaz)
        (35.4, 1)
        """
        extra = tuple(extra)
        for p in extra:
            _check_place(p, where=f"extra place ({p.key})")
        replaced = {p.key: p for p in extra}
        places = [replaced.pop(p.key, p) for p in self._places]
        places.extend(p for p in extra if p.key in replaced)
        return Gazetteer(places, fallback=self.fallback, online=self.online)

    def __repr__(self) -> str:
        return f"<Gazetteer {len(self._places)} places>"


# ---------------------------------------------------------------------------
# Loading and validation


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _check_place(p: Place, *, where: str) -> None:
    """Checks that apply to one place on its own (CSV rows and curator additions)."""

    def fail(problem: str) -> None:
        raise GazetteerError(f"{where}: {problem}")

    if not _KEY_RE.match(p.key or ""):
        fail(f"key {p.key!r} is not lowercase ascii snake_case")
    if not p.name_ar.strip() or not name_key(p.name_ar):
        fail("name_ar is empty")
    if not p.name_en.strip():
        fail("name_en is empty")
    if p.kind not in KINDS:
        fail(f"unknown kind {p.kind!r} (one of {', '.join(KINDS)})")
    if p.affiliation not in AFFILIATIONS:
        fail(f"unknown affiliation {p.affiliation!r} (one of {', '.join(a for a in AFFILIATIONS if a)} or empty)")
    if p.country not in COUNTRY_BOUNDS:
        fail(f"unknown country {p.country!r} (one of {', '.join(COUNTRY_BOUNDS)})")
    if not (math.isfinite(p.lat) and math.isfinite(p.lon)):
        fail(f"lat/lon {p.lat},{p.lon} are not finite numbers")
    lat0, lat1, lon0, lon1 = COUNTRY_BOUNDS[p.country]
    if not (lat0 <= p.lat <= lat1 and lon0 <= p.lon <= lon1):
        fail(f"lat/lon {p.lat},{p.lon} is outside {p.country} "
             f"(lat {lat0}..{lat1}, lon {lon0}..{lon1})")
    if not (math.isfinite(p.uncertainty_km) and p.uncertainty_km > 0):
        fail(f"uncertainty_km must be > 0, got {p.uncertainty_km}")
    if not p.source.strip():
        fail("source is empty (give a page address, a dataset+version, or how it was estimated)")
    own = {name_key(n) for n in p.names_ar} | {_english_key(n) for n in p.names_en}
    for s in p.shared_names:
        if name_key(s) not in own and _english_key(s) not in own:
            fail(f"shared name {s!r} is not one of its own names")


def _parse_row(row: Mapping[str, str], *, where: str) -> Place:
    def fail(problem: str) -> None:
        raise GazetteerError(f"{where}: {problem}")

    values = {c: (row.get(c) or "").strip() for c in COLUMNS}
    coords = {}
    for c in ("lat", "lon"):
        v = values[c]
        if not _DECIMALS_RE.match(v):
            fail(f"{c} {v!r} is not a decimal number with at most 5 decimals")
        coords[c] = float(v)
    try:
        unc = float(values["uncertainty_km"])
    except ValueError:
        fail(f"uncertainty_km {values['uncertainty_km']!r} is not a number")
    if values["estimate"] not in ("yes", "no"):
        fail(f"estimate must be yes or no, got {values['estimate']!r}")
    return Place(
        key=values["key"],
        name_ar=values["name_ar"],
        name_en=values["name_en"],
        aliases_ar=_split(values["aliases_ar"]),
        aliases_en=_split(values["aliases_en"]),
        kind=values["kind"],
        admin1=values["admin1"],
        country=values["country"],
        lat=coords["lat"],
        lon=coords["lon"],
        uncertainty_km=unc,
        source=values["source"],
        estimate=values["estimate"] == "yes",
        affiliation=values["affiliation"],
        shared_names=_split(values["shared_names"]),
        notes=values["notes"],
    )


def read_places(path: str | os.PathLike) -> list[Place]:
    """Read and validate a gazetteer CSV; raise :class:`GazetteerError` at the first problem."""
    path = Path(path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise GazetteerError(f"{path} line 1: missing columns {', '.join(missing)}")
        places: list[Place] = []
        seen_keys: dict[str, int] = {}
        # name -> (line, place) of the first row using it
        seen_ar: dict[tuple[str, ...], tuple[int, Place]] = {}
        seen_en: dict[str, tuple[int, Place]] = {}
        lines: dict[str, int] = {}
        for row in reader:
            line = reader.line_num
            key = (row.get("key") or "").strip()
            where = f"{path} line {line} ({key or 'no key'})"
            if None in row:  # more fields than columns
                raise GazetteerError(f"{where}: {len(row[None])} field(s) beyond the {len(header)} columns")
            place = _parse_row(row, where=where)
            _check_place(place, where=where)
            if key in seen_keys:
                raise GazetteerError(f"{where}: duplicate key, first used on line {seen_keys[key]}")
            seen_keys[key] = line
            lines[key] = line
            shared = {name_key(s) for s in place.shared_names} | {_english_key(s) for s in place.shared_names}
            # (an Arabic name's key is a tuple of words, an English name's a string)
            checks: list[tuple[object, dict, str]] = [(name_key(n), seen_ar, n) for n in dict.fromkeys(place.names_ar)]
            checks += [(_english_key(n), seen_en, n) for n in dict.fromkeys(place.names_en)]
            for k, seen, written in checks:
                if not k:
                    raise GazetteerError(f"{where}: name {written!r} has no letters")
                if k in seen and seen[k][1].key != key:
                    other_line, other = seen[k]
                    other_shared = ({name_key(s) for s in other.shared_names}
                                    | {_english_key(s) for s in other.shared_names})
                    if k not in shared or k not in other_shared:
                        raise GazetteerError(
                            f"{where}: name {written!r} is also used by {other.key} (line {other_line}); "
                            f"list it in shared_names of both rows if both really carry it")
                seen.setdefault(k, (line, place))
            places.append(place)
    if not places:
        raise GazetteerError(f"{path}: no rows")
    # A declared shared name that no other row carries is a stale declaration.
    owners: dict[tuple[str, ...], set[str]] = {}
    for p in places:
        for n in p.names_ar:
            owners.setdefault(name_key(n), set()).add(p.key)
        for n in p.names_en:
            owners.setdefault(("en", _english_key(n)), set()).add(p.key)
    for p in places:
        for s in p.shared_names:
            users = owners.get(name_key(s), set()) | owners.get(("en", _english_key(s)), set())
            if len(users) < 2:
                raise GazetteerError(
                    f"{path} line {lines[p.key]} ({p.key}): shared name {s!r} is carried by no other row")
    return places


def load_gazetteer(path: str | os.PathLike | None = None, *, fallback=None,
                   online: bool | None = None) -> Gazetteer:
    """Load and validate the gazetteer CSV (default ``geodata/gazetteer.csv``).

    Raises :class:`GazetteerError` naming the line, key and problem.
    """
    return Gazetteer(read_places(DEFAULT_PATH if path is None else path),
                     fallback=fallback, online=online)
