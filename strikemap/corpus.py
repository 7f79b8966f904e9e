"""From the seeds folder to the store, and from the store to flat features.

* :func:`ensure_store` opens ``DATA_DIR/strikemap.sqlite3``; on first run it
  reads every seed (``extract.documents``), extracts its events
  (``extract.extract_events``) and saves both; on later runs it only adds
  seed files it has not stored yet, and re-extracts articles whose events
  came from another extractor version (the code changed, or the gazetteer
  did, e.g. a curator added a place).
* :func:`reextract` re-runs extraction over stored articles; corrections are
  kept (they live apart and follow their sentence).
* :func:`load_features` gives the flat features of CONTRACTS.md, one per
  (event, place), with curator corrections applied and marked.

>>> import tempfile, pathlib
>>> from geodata import load_gazetteer
>>> from strikemap.config import Settings, PROJECT_DIR
>>> settings = Settings(seeds_dir=PROJECT_DIR / "seeds", data_dir=pathlib.Path(tempfile.mkdtemp()))
>>> gaz = load_gazetteer()
>>> store = ensure_store(settings, gaz)
>>> len(store.articles())
5
>>> features = load_features(store, gaz)
>>> sorted({f["article"] for f in features}) == sorted(a.file for a in store.articles() if store.events(a.id))
True
>>> len(ensure_store(settings, gaz).articles())   # idempotent
5
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from extract.model import ArticleMeta, Event, EventDate, PlaceMention
from strikemap.config import PROJECT_DIR, Settings
from strikemap.store import BadInput, Correction, DuplicateArticle, Store

__all__ = [
    "ensure_store",
    "sync_seeds",
    "reextract",
    "load_features",
    "apply_corrections",
    "curated_gazetteer",
    "extractor_version",
    "read_seeds",
    "SyncReport",
    "ReextractReport",
]

log = logging.getLogger(__name__)


@dataclass
class SyncReport:
    """What :func:`sync_seeds` did with each seed file."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already stored under that name
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, stored as)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, message)


@dataclass
class ReextractReport:
    done: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Versions: re-extract when the extractor's code or the gazetteer changes.

_CODE_DIRS = ("extract", "geodata")


def _code_fingerprint() -> str:
    h = hashlib.sha256()
    for d in _CODE_DIRS:
        for path in sorted((PROJECT_DIR / d).glob("*.py")):
            if path.name in ("__main__.py", "evaluate.py", "documents.py", "features.py"):
                continue  # do not change what an article's events are
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:10]


def _gazetteer_fingerprint(gazetteer: Any) -> str:
    h = hashlib.sha256()
    for p in sorted(gazetteer.places, key=lambda p: p.key):
        h.update(repr((p.key, p.name_ar, p.name_en, p.aliases_ar, p.lat, p.lon, p.kind, p.uncertainty_km,
                       p.shared_names, p.affiliation)).encode("utf-8"))
    return h.hexdigest()[:8]


def extractor_version(gazetteer: Any) -> str:
    """``<declared version>+<code digest>.<gazetteer digest>``: changes whenever extraction could.

    The declared part is ``extract.__version__`` if the package has one.
    """
    import extract

    declared = getattr(extract, "__version__", "") or "dev"
    return f"{declared}+{_code_fingerprint()}.{_gazetteer_fingerprint(gazetteer)}"


# ---------------------------------------------------------------------------
# Reading seeds


def read_seeds(folder: str | Path) -> list[tuple[ArticleMeta, str | Exception]]:
    """Every article in *folder* with its manifest metadata; the text, or the error that kept it out."""
    from extract import documents

    return list(documents.read_folder(Path(folder)))


def _extract(text: str, meta: ArticleMeta, gazetteer: Any) -> list[Event]:
    from extract import extract_events

    return list(extract_events(text, gazetteer=gazetteer, meta=meta))


# ---------------------------------------------------------------------------
# Store building


def curated_gazetteer(store: Store, base: Any) -> Any:
    """*base* with the curator's places from the store (a bad stored row is skipped and logged)."""
    extra = []
    for place in store.curator_places():
        try:
            base.with_places([place])
        except ValueError as exc:
            log.warning("curator place %s skipped: %s", place.key, exc)
            continue
        extra.append(place)
    return base.with_places(extra) if extra else base


def sync_seeds(store: Store, seeds_dir: str | Path, gazetteer: Any, *, version: str | None = None) -> SyncReport:
    """Add the seed files the store lacks (by file name; duplicates by text are recognised)."""
    report = SyncReport()
    folder = Path(seeds_dir)
    if not folder.is_dir():
        report.failed.append((str(folder), f"The seeds folder {folder} does not exist."))
        return report
    stored = {a.file for a in store.articles()}
    version = version or extractor_version(gazetteer)
    for meta, text in read_seeds(folder):
        if meta.file in stored:
            report.skipped.append(meta.file)
            continue
        if isinstance(text, Exception):
            report.failed.append((meta.file, str(text)))
            continue
        try:
            events = _extract(text, meta, gazetteer)
            store.add_article(text, meta, events=events, origin="seed", extractor_version=version)
        except DuplicateArticle as dup:
            if dup.existing.file == meta.file:  # another process stored it meanwhile
                report.skipped.append(meta.file)
            else:
                report.duplicates.append((meta.file, dup.existing.file))
            continue
        except BadInput as exc:
            if store.article_by_file(meta.file) is not None:
                report.skipped.append(meta.file)
            else:
                report.failed.append((meta.file, str(exc)))
            continue
        report.added.append(meta.file)
    for file, message in report.failed:
        log.warning("seed %s not stored: %s", file, message)
    return report


def ensure_store(settings: Settings, gazetteer: Any, *, refresh: bool = True) -> Store:
    """The store at ``settings.db_path``, built from ``settings.seeds_dir`` on first run.

    Later runs add new seed files only. With ``refresh`` (default), articles
    extracted by another extractor version (other code or gazetteer,
    curator places included) are re-extracted.
    """
    store = Store(settings.db_path)
    gaz = curated_gazetteer(store, gazetteer)
    version = extractor_version(gaz)
    sync_seeds(store, settings.seeds_dir, gaz, version=version)
    if refresh:
        reextract(store, gaz, only_stale=True, version=version)
    return store


def reextract(store: Store, gazetteer: Any, *, only_stale: bool = False, version: str | None = None,
              progress: Callable[[int, int, str], None] | None = None) -> ReextractReport:
    """Re-run extraction for every article (or only those of another version); corrections are kept.

    Pass the gazetteer with curator places (see :func:`curated_gazetteer`).
    An article whose extraction fails keeps its previous events and is
    listed in ``failed``.
    """
    version = version or extractor_version(gazetteer)
    report = ReextractReport()
    articles = store.articles()
    for i, article in enumerate(articles):
        if progress:
            progress(i, len(articles), article.file)
        if only_stale and article.extractor_version == version:
            report.unchanged.append(article.file)
            continue
        try:
            events = _extract(article.text, article.meta, gazetteer)
        except Exception as exc:  # a bug on one article must not take the others down
            log.exception("re-extraction of %s failed", article.file)
            report.failed.append((article.file, f"{type(exc).__name__}: {exc}"))
            continue
        store.replace_events(article.id, events, extractor_version=version)
        report.done.append(article.file)
    return report


# ---------------------------------------------------------------------------
# Features


def apply_corrections(event: Event, corrections: Mapping[tuple[str, str | None], Correction],
                      gazetteer: Any) -> tuple[Event, dict[str | None, list[str]], list[str]]:
    """The event with the curator's corrections applied.

    Returns (event, {target place as written or None for event-wide: fields}, problems).
    """
    changes: dict[str, Any] = {}
    marks: dict[str | None, list[str]] = {}
    problems: list[str] = []
    when = event.when
    for (fld, target), c in corrections.items():
        if fld in ("role", "actor", "actor_group", "weapon", "killed", "wounded"):
            changes[fld] = c.value
        elif fld == "date":
            d = dt.date.fromisoformat(c.value) if c.value else None
            # A curator's date is a day unless they also set the precision.
            when = EventDate(date=d, precision=1 if d else None, text=when.text)
        elif fld == "time_precision":
            continue  # applied after the date
        elif fld == "place":
            continue  # below
        elif fld == "rejected":
            pass
        marks.setdefault(None, []).append(fld)
    tp = corrections.get(("time_precision", None))
    if tp is not None:
        when = EventDate(date=when.date, precision=tp.value if when.date else None, text=when.text)
    if when != event.when:
        changes["when"] = when
    targets = list(event.targets)
    for (fld, target), c in corrections.items():
        if fld != "place":
            continue
        idx = [i for i, t in enumerate(targets) if t.text == target]
        if not idx:
            problems.append(f"place correction for {target!r}: the event no longer names it")
            continue
        for i in idx:
            t = targets[i]
            if c.value is None:
                targets[i] = PlaceMention(text=t.text, start=t.start, end=t.end, confidence=1.0)
            else:
                place = gazetteer.get(c.value)
                if place is None:
                    problems.append(f"place correction for {target!r}: {c.value!r} is not in the gazetteer")
                    continue
                targets[i] = PlaceMention(text=t.text, start=t.start, end=t.end, key=place.key,
                                          name_en=place.name_en, lat=place.lat, lon=place.lon,
                                          geo_precision=place.geo_precision, confidence=1.0)
            marks.setdefault(target, []).append("place")
    if tuple(targets) != event.targets:
        changes["targets"] = tuple(targets)
    return (dataclasses.replace(event, **changes) if changes else event), marks, problems


def _flatten(item: Mapping[str, Any]) -> dict[str, Any]:
    if "properties" in item and isinstance(item.get("properties"), Mapping):
        flat = dict(item["properties"])
        flat["geometry"] = item.get("geometry")
    else:
        flat = dict(item)
    geom = flat.get("geometry")
    if "lat" not in flat or "lon" not in flat:
        if isinstance(geom, Mapping) and geom.get("coordinates"):
            flat["lon"], flat["lat"] = geom["coordinates"][:2]
        else:
            flat.setdefault("lat", None)
            flat.setdefault("lon", None)
    if "geometry" not in flat:
        flat["geometry"] = ({"type": "Point", "coordinates": [flat["lon"], flat["lat"]]}
                            if flat.get("lat") is not None and flat.get("lon") is not None else None)
    return flat


def load_features(store: Store, gazetteer: Any, *, include_rejected: bool = False,
                  online: bool | None = None) -> list[dict[str, Any]]:
    """Flat features (one per event and place) of every stored article, corrections applied.

    Each feature has the CONTRACTS.md properties at top level plus
    ``geometry`` (GeoJSON Point or None), ``lat``/``lon``, ``article_id``,
    ``origin`` (seed/curator: where the article came from — named
    ``article_origin``), ``corrected`` (bool), ``corrected_fields`` (sorted
    field names), ``corrected_by`` (curators) and ``correction_problems``
    (corrections that could not be applied, e.g. a place key no longer in
    the gazetteer). Events a curator rejected are left out unless
    ``include_rejected`` (then ``rejected`` is True).

    With ``online`` (default: the ``STRIKEMAP_ONLINE_GEOCODER`` setting), a
    place the gazetteer lacks but the online geocoder found (cached in the
    store) is put on the map marked unverified: see
    :func:`strikemap.geocoding.place_online`. Off, cached answers are ignored.
    """
    from extract.features import event_features

    gaz = curated_gazetteer(store, gazetteer)
    active = store.active_corrections()
    by_article: dict[int, list[Event]] = {}
    ids = store.event_article_ids()
    for ev in store.events():
        by_article.setdefault(ids[ev.event_id], []).append(ev)
    out: list[dict[str, Any]] = []
    for article in store.articles():
        events = by_article.get(article.id, [])
        if not events:
            continue
        fixed: list[Event] = []
        info: dict[str, tuple[dict[str | None, list[str]], list[str], list[str], bool]] = {}
        for ev in events:
            cs = active.get(ev.event_id, {})
            rejected = bool(cs.get(("rejected", None)) and cs[("rejected", None)].value)
            if rejected and not include_rejected:
                continue
            new, marks, problems = apply_corrections(ev, cs, gaz) if cs else (ev, {}, [])
            curators = sorted({c.curator for c in cs.values()})
            info[ev.event_id] = (marks, problems, curators, rejected)
            fixed.append(new)
        for item in event_features(fixed, article.meta):
            f = _flatten(item)
            marks, problems, curators, rejected = info.get(f.get("event_id"), ({}, [], [], False))
            fields = set(marks.get(None, []))
            if f.get("place_ar") in marks:
                fields |= set(marks[f["place_ar"]])
            f["article_id"] = article.id
            f["article_origin"] = article.origin
            f["corrected"] = bool(fields)
            f["corrected_fields"] = sorted(fields)
            f["corrected_by"] = curators if fields else []
            f["correction_problems"] = problems
            if include_rejected:
                f["rejected"] = rejected
            out.append(f)
    if online is None:
        from strikemap.config import online_geocoder_enabled

        online = online_geocoder_enabled()
    if online:
        from strikemap.geocoding import online_places, place_online

        if any(f["geometry"] is None for f in out):
            place_online(out, online_places(store))
    return out
