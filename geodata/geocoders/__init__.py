"""Optional online geocoders: a fallback for names the gazetteer lacks.

They are off by default (see :meth:`geodata.Gazetteer.online_enabled`);
every place they return has ``verified=False`` and says where it came
from in ``source``, so a curator can check it before it joins the
gazetteer. Results go through a cache with ``get(key)`` / ``put(key,
place)``; :class:`MemoryCache` is the simplest one.

>>> from geodata.geocoders import MemoryCache, cache_key
>>> cache = MemoryCache()
>>> cache.get(cache_key("بالهري")) is None
True
>>> cache_key("الهَرّي") == cache_key("الهري")
True
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from geodata.arabic import name_key
from geodata.gazetteer import Place

__all__ = ["Geocoder", "GeocodeCache", "MemoryCache", "cache_key"]


def cache_key(name: str) -> str:
    """The cache key of a name: its name_key words, so spellings that fold alike share an entry."""
    return " ".join(name_key(name)) or name.strip()


@runtime_checkable
class Geocoder(Protocol):
    """Something that turns a place name into a :class:`Place` (or None)."""

    def geocode(self, name: str) -> Place | None: ...


@runtime_checkable
class GeocodeCache(Protocol):
    """Where geocoder answers are kept between calls (and runs).

    Only places are cached: a name the service did not find is asked
    again next time (rarely, and always rate-limited).
    """

    def get(self, key: str) -> Place | None: ...

    def put(self, key: str, place: Place) -> None: ...


class MemoryCache:
    """A dict-backed :class:`GeocodeCache` for one process (and for tests)."""

    def __init__(self) -> None:
        self._places: dict[str, Place] = {}

    def get(self, key: str) -> Place | None:
        return self._places.get(key)

    def put(self, key: str, place: Place) -> None:
        self._places[key] = place

    def __len__(self) -> int:
        return len(self._places)
