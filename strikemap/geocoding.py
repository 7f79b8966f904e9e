"""Optional online geocoding for the place names the gazetteer lacks.

Off unless ``STRIKEMAP_ONLINE_GEOCODER`` is on (:class:`~strikemap.config.Settings`).
Data still flows one way: extraction never goes online (its gazetteer has no
fallback geocoder). Afterwards, on a curator's request,
:func:`geocode_unresolved` asks the geocoder (Nominatim, rate-limited by
geopy's ``RateLimiter``) about the names extraction left unplaced, and caches
every answer in the store, "nothing found" included, so no name is asked
twice. :func:`place_online` (called by :func:`strikemap.corpus.load_features`
when the setting is on) puts those places on the map, marked unverified,
until a curator accepts one (:func:`accept_online_place`: it becomes a
curator place of the gazetteer) or rejects it (:func:`reject_online_place`).

Off means off: no request is made, and cached answers are not shown either.

>>> from pathlib import Path
>>> from strikemap.config import Settings
>>> geocoder_for(Settings(seeds_dir=Path("s"), data_dir=Path("d"))) is None   # off by default
True
>>> geocoder_for(Settings(seeds_dir=Path("s"), data_dir=Path("d"), online_geocoder=True,
...                       geocoder_url="http://127.0.0.1:8080"))
<NominatimGeocoder 127.0.0.1:8080 sy,iq,jo>
>>> query_name("بالهري"), query_name("وللقورية"), query_name("حي التمو")
('الهري', 'القورية', 'حي التمو')
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from strikemap.auth import Curator, require_curator
from strikemap.config import Settings
from strikemap.store import BadInput, Store

__all__ = [
    "geocoder_for",
    "query_name",
    "GeocodeReport",
    "names_to_look_up",
    "geocode_unresolved",
    "online_places",
    "online_answers",
    "place_online",
    "accept_online_place",
    "reject_online_place",
    "ONLINE_SOURCE",
    "DEFAULT_LIMIT",
]

log = logging.getLogger(__name__)

ONLINE_SOURCE = "online geocoder (unverified)"
# At one request a second (the public server's policy) a run stays under half a minute.
DEFAULT_LIMIT = 20


def geocoder_for(settings: Settings, *, min_delay_seconds: float = 1.0, timeout: float = 10.0) -> Any:
    """The settings' Nominatim geocoder, or None when online geocoding is off.

    It raises network errors instead of hiding them as "nothing found"
    (:func:`geocode_unresolved` reports them and caches nothing for them).
    One geocoder shares one rate limiter: keep one per process.
    """
    if not settings.online_geocoder:
        return None
    from geodata.geocoders.nominatim import NominatimGeocoder

    return NominatimGeocoder(domain=settings.geocoder_domain, scheme=settings.geocoder_scheme,
                             user_agent=settings.geocoder_user_agent, min_delay_seconds=min_delay_seconds,
                             timeout=timeout, raise_errors=True)


def query_name(name: str) -> str:
    """The name to ask for: a proclitic glued to the article is dropped (بالهري → الهري).

    Only before ``ال`` is that reading safe; other names are asked as written.
    """
    name = " ".join(name.split())
    m = re.match(r"^[وف]?ل(ل\w{2,})", name)  # لل = ل + ال
    if m:
        return "ا" + m.group(1) + name[m.end():]
    m = re.match(r"^(?:[وف][بك]?|[بك])(ال\w{2,})", name)
    if m:
        return m.group(1) + name[m.end():]
    return name


@dataclass
class GeocodeReport:
    """What one :func:`geocode_unresolved` run did, name by name.

    ``failed`` holds (name, reason) for lookups that could not be made
    (network, server error): nothing is cached for them, so the next run
    asks again. ``not_asked`` are names left for a later run (the limit, or
    a run stopped after repeated failures: see ``stopped``).
    """

    off: bool = False
    asked: list[str] = field(default_factory=list)
    found: list[tuple[str, Any]] = field(default_factory=list)  # (name, unverified Place)
    not_found: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    already_known: list[str] = field(default_factory=list)  # answered by an earlier run (cached)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, why it is not asked)
    not_asked: list[str] = field(default_factory=list)
    stopped: str = ""

    @property
    def summary(self) -> str:
        """One sentence for the curator (counts only: names are article text)."""
        if self.off:
            return "Online lookup is off: nothing was asked."
        parts = [f"Asked {len(self.asked)} name{'s' if len(self.asked) != 1 else ''}: "
                 f"{len(self.found)} found (unverified), {len(self.not_found)} not found, "
                 f"{len(self.failed)} failed."]
        if self.already_known:
            parts.append(f"{len(self.already_known)} answered earlier.")
        if self.not_asked:
            parts.append(f"{len(self.not_asked)} left for another run.")
        if self.stopped:
            parts.append(self.stopped)
        return " ".join(parts)


def names_to_look_up(store: Store, *, gazetteer: Any = None) -> tuple[list[str], list[tuple[str, str]]]:
    """(names to ask about, (name, reason) skipped), most frequent first.

    Names come from :func:`strikemap.curation.unresolved_places` (what the
    Gazetteer page lists). A name with gazetteer candidates is ambiguous,
    not missing: a curator picks among the candidates, the geocoder is not
    asked. With *gazetteer*, names it now matches are skipped too.
    """
    from strikemap.curation import unresolved_places

    ask, skipped = [], []
    for u in unresolved_places(store):
        if u.candidates:
            skipped.append((u.name, "the gazetteer has places of this name: a curator chooses one"))
        elif gazetteer is not None and gazetteer.find(u.name):
            skipped.append((u.name, "now in the gazetteer"))
        elif not query_name(u.name).strip():
            skipped.append((u.name, "nothing to ask"))
        else:
            ask.append(u.name)
    return ask, skipped


def geocode_unresolved(store: Store, *, geocoder: Any, gazetteer: Any = None, limit: int = DEFAULT_LIMIT,
                       max_failures: int = 3) -> GeocodeReport:
    """Ask *geocoder* about the unplaced names not cached yet; cache each answer; report.

    *geocoder* is :func:`geocoder_for`'s (None = the setting is off: nothing
    is asked). At most *limit* names are asked per run; after
    *max_failures* failures in a row (the server is down) the run stops.
    Errors are reported in the result, never raised.
    """
    report = GeocodeReport(off=geocoder is None)
    if geocoder is None:
        return report
    cache = store.geocode_cache()
    names, report.skipped = names_to_look_up(store, gazetteer=gazetteer)
    failures = 0
    for i, name in enumerate(names):
        if cache.known(name):
            report.already_known.append(name)
            continue
        if len(report.asked) >= limit or failures >= max_failures:
            report.not_asked.append(name)
            continue
        report.asked.append(name)
        try:
            place = geocoder.geocode(query_name(name))
        except Exception as exc:  # network, HTTP or parse errors: reported, never raised to the page
            log.warning("online geocoding of %r failed: %s", name, exc)
            report.failed.append((name, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__))
            failures += 1
            if failures >= max_failures:
                report.stopped = f"Stopped after {failures} failures in a row; try again later."
            continue
        failures = 0
        cache.put(name, place)  # None too: "nothing found" is an answer, not asked again
        if place is None:
            report.not_found.append(name)
        else:
            report.found.append((name, place))
    return report


def online_places(store: Store) -> dict[str, Any]:
    """Unverified cached places by cache key (rejected and not-found answers are not places).

    A verified answer is not here: accepting it made it a gazetteer place.
    """
    cache = store.geocode_cache()
    out = {}
    for entry in cache.entries():
        if entry["found"] and not entry["verified"]:
            place = cache.get(entry["name"])
            if place is not None:
                out[entry["name"]] = place
    return out


def online_answers(store: Store, names: Iterable[str]) -> dict[str, Any]:
    """For each of *names* the cache knows: its unverified Place, or None (nothing found / rejected)."""
    from geodata.geocoders import cache_key

    places = online_places(store)
    known = {e["name"] for e in store.geocode_cache().entries() if not e["verified"]}
    out = {}
    for name in names:
        key = cache_key(name)
        if key in places:
            out[name] = places[key]
        elif key in known:
            out[name] = None
    return out


def place_online(features: list[dict[str, Any]], places: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Give unplaced features the cached online place of their name, marked unverified (in place).

    ``places`` is :func:`online_places`. A feature whose place a curator
    corrected is left alone (the curator decided). The place is never
    mistaken for a gazetteer one: ``place_key`` stays None, ``geo_precision``
    is at best 2, and ``place_source`` / ``place_verified`` /
    ``online_key`` / ``online_name`` / ``online_source`` /
    ``online_uncertainty_km`` say where it came from.
    """
    if not places:
        return features
    from geodata.geocoders import cache_key

    for f in features:
        if f.get("place_key") or f.get("geometry") or not f.get("place_ar"):
            continue
        if "place" in (f.get("corrected_fields") or ()):
            continue
        place = places.get(cache_key(str(f["place_ar"])))
        if place is None:
            continue
        f.update(
            lat=place.lat, lon=place.lon, geometry={"type": "Point", "coordinates": [place.lon, place.lat]},
            # An unchecked answer is at best "near": ACLED precision 2, never 1.
            geo_precision=max(2, place.geo_precision or 3),
            place_source=ONLINE_SOURCE, place_verified=False, online_key=place.key,
            online_name=place.name_en, online_source=place.source,
            online_uncertainty_km=place.uncertainty_km,
        )
    return features


_NOMINATIM_SOURCE = re.compile(r"^Nominatim \(unverified, (?P<domain>.+), (?P<date>\d{4}-\d{2}-\d{2})\)$")


def accept_online_place(store: Store, *, curator: Curator | None, gazetteer: Any, name: str, name_en: str,
                        admin1: str | None = None) -> Any:
    """A curator accepts the cached online answer for *name*: it becomes a curator place.

    Saved by :func:`strikemap.curation.add_place` (checked like a gazetteer
    row, articles re-read with it) with source ``"Nominatim <domain>
    <date>, verified by curator"``; if that OSM place is already in the
    gazetteer under another name, *name* becomes its alias instead. Returns
    the gazetteer with the place.
    """
    require_curator(curator)
    from strikemap import curation

    cache = store.geocode_cache()
    place = cache.get(name)
    if place is None:
        raise BadInput(f"There is no online result for {name!r} to accept.")
    name_en = (name_en or "").strip()
    if not name_en:
        raise BadInput("A place needs an English name.")
    if gazetteer.get(place.key) is not None:
        existing = gazetteer.get(place.key)
        alias = query_name(name)
        updated = gazetteer if alias in existing.names_ar else curation.add_alias(
            store, curator=curator, gazetteer=gazetteer, key=place.key, alias_ar=alias)
        cache.verify(name)
        return updated
    m = _NOMINATIM_SOURCE.match(place.source)
    source = (f"Nominatim {m['domain']} {m['date']}, verified by curator" if m
              else f"{place.source}, verified by curator")
    accepted = dataclasses.replace(place, name_en=name_en, source=source, verified=True,
                                   admin1=place.admin1 if admin1 is None else admin1.strip())
    updated = curation.add_place(store, curator=curator, gazetteer=gazetteer, place=accepted)
    cache.verify(name)
    return updated


def reject_online_place(store: Store, *, curator: Curator | None, name: str) -> None:
    """A curator rejects the online answer for *name*: kept as "nothing found", never shown or asked again."""
    require_curator(curator)
    cache = store.geocode_cache()
    if cache.get(name) is None:
        raise BadInput(f"There is no online result for {name!r} to reject.")
    cache.put(name, None)

