"""The types the extractor produces: places as written, events, and their dates.

Everything downstream (the CLI, the store, the map) speaks these types, so
they hold only plain values and are frozen.

Each writes out the ``__init__`` that ``dataclass`` would generate (fields
in order, set through ``object.__setattr__`` as a frozen one must). The
generated one is Python source made at import time, so a build compiled by
mypyc (``bench/compiled.py``) still interprets it, about 1 µs a build of ten
fields; written out, it compiles to native code, some 30 times faster, and
the extractor builds about 120 such objects per article (this module's,
``Sentence``, ``Clause``, ``NameMatch``, ``DateMatch``, ``Agent``, ``Reading``,
``Draft``). ``tests/extract/test_model.py`` checks that each one still
takes exactly its fields.

>>> from extract.model import PlaceMention, Event
>>> p = PlaceMention(text="الميادين", start=10, end=18, key="mayadin",
...                  name_en="Mayadin", lat=35.02, lon=40.45, geo_precision=2)
>>> p.located
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final, Literal

Role = Literal["attack", "retaliation", "other"]
ROLES: Final[tuple[Role, ...]] = ("attack", "retaliation", "other")

# Canonical actors. The named group («لواء فاطميون») is kept in Event.actor_group.
Actor = Literal["iran_backed", "us_coalition", "syrian_government", "sdf", "unknown"]
ACTORS: Final[dict[str, str]] = {
    "iran_backed": "Iran-backed militias",
    "us_coalition": "US / coalition",
    "syrian_government": "Syrian government",
    "sdf": "SDF",
    "unknown": "Unknown",
}

# ACLED time_precision: 1 day, 2 week (or a few days), 3 month.
TIME_PRECISION: Final = {1: "day", 2: "week", 3: "month"}
# ACLED geo_precision: 1 the site or town itself, 2 near it / a part of a
# region, 3 only a larger region (governorate, desert) is known.
GEO_PRECISION: Final = {1: "site or town", 2: "area around a town", 3: "region or province"}


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place as written in an article, and where the gazetteer put it.

    ``start``/``end`` are offsets into the article's original text.
    ``key`` is None when no gazetteer row matched; ``candidates`` then lists
    the keys the resolver could not choose between (if any).
    """

    text: str
    start: int
    end: int
    key: str | None = None
    name_en: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    confidence: float = 0.0
    candidates: tuple[str, ...] = ()

    def __init__(self, text: str, start: int, end: int, key: str | None = None, name_en: str | None = None,
                 lat: float | None = None, lon: float | None = None, geo_precision: int | None = None,
                 confidence: float = 0.0, candidates: tuple[str, ...] = ()) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "name_en", name_en)
        object.__setattr__(self, "lat", lat)
        object.__setattr__(self, "lon", lon)
        object.__setattr__(self, "geo_precision", geo_precision)
        object.__setattr__(self, "confidence", confidence)
        object.__setattr__(self, "candidates", candidates)

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened, as precisely as the text allows."""

    date: dt.date | None = None
    precision: int | None = None  # ACLED time_precision 1/2/3, None when undated
    text: str = ""  # the words that gave the date («يوم الأربعاء»)

    def __init__(self, date: dt.date | None = None, precision: int | None = None, text: str = "") -> None:
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "precision", precision)
        object.__setattr__(self, "text", text)


UNDATED: Final = EventDate()  # (frozen, so one instance serves every event with no date)


@dataclass(frozen=True, slots=True)
class Event:
    """One strike (or other violent event) stated in one clause of an article.

    ``excerpt`` is the sentence that states it; ``excerpt_start`` is the
    sentence's offset in the article, so a place's offset inside the excerpt
    is ``place.start - excerpt_start``.
    """

    event_id: str
    article: str
    role: Role
    actor: Actor
    actor_text: str
    targets: tuple[PlaceMention, ...]
    excerpt: str
    excerpt_start: int
    actor_group: str | None = None
    actor_hedge: str | None = None  # «يرجح أنه تابع للتحالف»: attribution is not certain
    origin: PlaceMention | None = None
    weapon: str | None = None
    killed: int | None = None
    wounded: int | None = None
    when: EventDate = UNDATED
    responds_to: str | None = None  # event_id of the attack this answers

    def __init__(self, event_id: str, article: str, role: Role, actor: Actor, actor_text: str,
                 targets: tuple[PlaceMention, ...], excerpt: str, excerpt_start: int,
                 actor_group: str | None = None, actor_hedge: str | None = None,
                 origin: PlaceMention | None = None, weapon: str | None = None, killed: int | None = None,
                 wounded: int | None = None, when: EventDate = UNDATED, responds_to: str | None = None) -> None:
        object.__setattr__(self, "event_id", event_id)
        object.__setattr__(self, "article", article)
        object.__setattr__(self, "role", role)
        object.__setattr__(self, "actor", actor)
        object.__setattr__(self, "actor_text", actor_text)
        object.__setattr__(self, "targets", targets)
        object.__setattr__(self, "excerpt", excerpt)
        object.__setattr__(self, "excerpt_start", excerpt_start)
        object.__setattr__(self, "actor_group", actor_group)
        object.__setattr__(self, "actor_hedge", actor_hedge)
        object.__setattr__(self, "origin", origin)
        object.__setattr__(self, "weapon", weapon)
        object.__setattr__(self, "killed", killed)
        object.__setattr__(self, "wounded", wounded)
        object.__setattr__(self, "when", when)
        object.__setattr__(self, "responds_to", responds_to)

    @property
    def date(self) -> dt.date | None:
        return self.when.date

    @property
    def time_precision(self) -> int | None:
        return self.when.precision


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What a corpus manifest says of one article (any field may be unknown)."""

    file: str
    outlet: str = ""
    url: str = ""
    published: dt.date | None = None
    title: str = ""
    notes: str = ""
