"""Nominatim (OpenStreetMap) as an online fallback geocoder, rate-limited and cached.

Off by default: the gazetteer asks it only when online geocoding is enabled
(``STRIKEMAP_ONLINE_GEOCODER=1`` or ``online=True``). Searches are limited
to Syria, Iraq and Jordan, answers are wrapped as unverified
:class:`~geodata.gazetteer.Place` rows, and requests are spaced by
``min_delay_seconds`` (the public server's policy is at most one per
second, with an identifying User-Agent).

>>> from geodata.geocoders.nominatim import NominatimGeocoder, place_from_nominatim
>>> raw = {"place_id": 7, "osm_type": "node", "osm_id": 1234, "lat": "34.43", "lon": "40.965",
...        "class": "place", "type": "village", "name": "الهري",
...        "display_name": "الهري, ناحية البوكمال, محافظة دير الزور, سوريا",
...        "boundingbox": ["34.41", "34.45", "40.945", "40.985"],
...        "address": {"state": "محافظة دير الزور", "country_code": "sy"}}
>>> p = place_from_nominatim(raw, query="بالهري", domain="nominatim.openstreetmap.org",
...                          date="2026-11-20")
>>> p.key, p.kind, p.country, p.verified, p.source
('nominatim_n1234', 'village', 'SY', False, 'Nominatim (unverified, nominatim.openstreetmap.org, 2026-11-20)')
>>> p.uncertainty_km
2.9
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Iterable, Mapping

from geopy.distance import geodesic
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from geodata.gazetteer import COUNTRY_BOUNDS, GazetteerError, Place, _check_place
from geodata.geocoders import GeocodeCache, cache_key

__all__ = ["NominatimGeocoder", "place_from_nominatim", "DEFAULT_COUNTRIES"]

log = logging.getLogger(__name__)

DEFAULT_COUNTRIES = ("sy", "iq", "jo")

# (class, type) -> gazetteer kind; a class alone for "any type".
_KINDS: dict[tuple[str, str] | str, str] = {
    ("place", "city"): "city",
    ("place", "town"): "town",
    ("place", "village"): "village",
    ("place", "hamlet"): "village",
    ("place", "isolated_dwelling"): "village",
    ("place", "locality"): "site",
    ("place", "suburb"): "neighbourhood",
    ("place", "neighbourhood"): "neighbourhood",
    ("place", "quarter"): "neighbourhood",
    ("place", "island"): "island",
    ("place", "islet"): "island",
    ("place", "state"): "governorate",
    ("place", "region"): "region",
    ("boundary", "administrative"): "region",
    ("aeroway", "aerodrome"): "airport",
    ("landuse", "military"): "base",
    "military": "base",
    ("natural", "desert"): "desert",
    ("waterway", "river"): "river",
    ("amenity", "place_of_worship"): "shrine",
    ("landuse", "industrial"): "site",
    ("man_made", "works"): "site",
}


def _kind(raw: Mapping[str, Any]) -> str:
    cls = raw.get("class") or raw.get("category") or ""  # json vs jsonv2
    typ = raw.get("type") or ""
    kind = _KINDS.get((cls, typ)) or _KINDS.get(cls) or "site"
    if kind == "region" and raw.get("addresstype") == "state":
        kind = "governorate"
    return kind


def _uncertainty_km(raw: Mapping[str, Any]) -> float:
    """Half the diagonal of Nominatim's bounding box, at least 1 km."""
    try:
        south, north, west, east = (float(v) for v in raw["boundingbox"])
    except (KeyError, TypeError, ValueError):
        return 5.0
    half = geodesic((south, west), (north, east)).km / 2
    return max(1.0, round(half, 1))


def _country(raw: Mapping[str, Any], lat: float, lon: float, allowed: Iterable[str]) -> str | None:
    code = str((raw.get("address") or {}).get("country_code", "")).upper()
    allowed = [c.upper() for c in allowed]
    if code:
        return code if code in allowed else None
    for c in allowed:  # no address details: the first allowed country whose box holds it
        lat0, lat1, lon0, lon1 = COUNTRY_BOUNDS.get(c, (0, 0, 0, 0))
        if lat0 <= lat <= lat1 and lon0 <= lon <= lon1:
            return c
    return None


def place_from_nominatim(raw: Mapping[str, Any], *, query: str, domain: str, date: str,
                         countries: Iterable[str] = DEFAULT_COUNTRIES) -> Place | None:
    """An unverified :class:`Place` from one Nominatim result, or None if it
    lies outside *countries* or fails the gazetteer's checks."""
    try:
        lat, lon = round(float(raw["lat"]), 5), round(float(raw["lon"]), 5)
    except (KeyError, TypeError, ValueError):
        return None
    country = _country(raw, lat, lon, countries)
    if country is None:
        return None
    osm_type, osm_id = str(raw.get("osm_type") or ""), raw.get("osm_id")
    if osm_type and osm_id is not None:
        key = f"nominatim_{osm_type[:1].lower()}{int(osm_id)}"
    else:
        key = f"nominatim_{int(raw.get('place_id') or 0)}"
    display = str(raw.get("display_name") or "").strip()
    own_name = str(raw.get("name") or display.split(",")[0]).strip()
    aliases = tuple(n for n in dict.fromkeys([own_name]) if n and n != query.strip())
    place = Place(
        key=key,
        name_ar=query.strip(),
        name_en=display or own_name or query.strip(),
        aliases_ar=aliases,
        kind=_kind(raw),
        admin1=str((raw.get("address") or {}).get("state") or ""),
        country=country,
        lat=lat,
        lon=lon,
        uncertainty_km=_uncertainty_km(raw),
        source=f"Nominatim (unverified, {domain}, {date})",
        estimate=False,
        notes=f"OSM {osm_type} {osm_id}; {raw.get('class', raw.get('category', ''))}/{raw.get('type', '')}; "
              f"{display}",
        verified=False,
    )
    try:
        _check_place(place, where=f"Nominatim result for {query!r}")
    except GazetteerError as exc:
        log.warning("%s", exc)
        return None
    return place


class NominatimGeocoder:
    """geopy's Nominatim behind a RateLimiter, restricted to *country_codes*.

    ``cache`` is any :class:`~geodata.geocoders.GeocodeCache`; a hit
    makes no request. Network errors are logged and give None (after one
    retry), so a pipeline never stops on them; with ``raise_errors=True``
    they are raised instead (geopy's ``GeocoderServiceError`` family), for
    a caller that must tell "nothing found" from "could not ask".
    """

    def __init__(self, *, domain: str = "nominatim.openstreetmap.org", scheme: str = "https",
                 user_agent: str = "strike-map/0.1 (eastern Syria strike map; gazetteer fallback)",
                 min_delay_seconds: float = 1.0, country_codes: Iterable[str] = DEFAULT_COUNTRIES,
                 language: str = "ar", timeout: float = 10.0, cache: GeocodeCache | None = None,
                 max_retries: int = 1, raise_errors: bool = False) -> None:
        self.domain = domain
        self.country_codes = tuple(c.lower() for c in country_codes)
        self.language = language
        self.cache = cache
        self._nominatim = Nominatim(domain=domain, scheme=scheme, user_agent=user_agent,
                                    timeout=timeout)
        self._geocode = RateLimiter(
            self._nominatim.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=max(min_delay_seconds, 0.1),
            swallow_exceptions=not raise_errors,
            return_value_on_exception=None,
        )

    def geocode(self, name: str) -> Place | None:
        """The best match for *name* in the allowed countries, as an unverified Place."""
        key = cache_key(name)
        if not key:
            return None
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                return hit
        location = self._geocode(
            name.strip(),
            exactly_one=True,
            country_codes=list(self.country_codes),
            language=self.language,
            addressdetails=True,
        )
        if location is None:
            return None
        date = dt.datetime.now(dt.timezone.utc).date().isoformat()
        place = place_from_nominatim(location.raw, query=name, domain=self.domain, date=date,
                                     countries=self.country_codes)
        if place is not None and self.cache is not None:
            self.cache.put(key, place)
        return place

    def __repr__(self) -> str:
        return f"<NominatimGeocoder {self.domain} {','.join(self.country_codes)}>"
