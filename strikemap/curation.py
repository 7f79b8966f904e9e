"""What a curator does, as functions: add an article, correct an event, edit the gazetteer.

The pages only collect input and show results; the rules live here.

* :func:`draft_article` reads an article (pasted text or an uploaded file),
  checks it and extracts its events **without saving anything**: the preview.
* :func:`preview_events` applies the curator's pending :class:`Edit`\\ s to
  the draft's events, so the preview map shows what will be saved.
* :func:`save_draft` stores the article with its extracted events (one
  transaction) and records each edit as a correction, so a later
  re-extraction keeps them.
* :func:`correct_event` corrects an event already stored;
  :func:`add_place` and :func:`add_alias` extend the gazetteer.

Everything that writes takes the :class:`~strikemap.auth.Curator` that
:mod:`strikemap.auth` hands out after sign-in, and refuses without one:

>>> import tempfile, pathlib
>>> from strikemap.store import Store
>>> store = Store(pathlib.Path(tempfile.mkdtemp()) / "s.sqlite3")
>>> correct_event(store, curator=None, event_id="x#1", field="role", value="attack")
Traceback (most recent call last):
...
strikemap.auth.NotSignedIn: this needs a curator: sign in first
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from extract.model import ArticleMeta, Event
from strikemap.auth import Curator, require_curator
from strikemap.store import (
    MAX_TEXT_BYTES,
    Article,
    BadInput,
    Correction,
    Store,
    check_text,
    normalised_sha256,
)

__all__ = [
    "Draft",
    "Edit",
    "Saved",
    "arabic_share",
    "check_upload",
    "read_upload",
    "draft_article",
    "preview_events",
    "corrected_events",
    "draft_features",
    "unresolved_places",
    "save_draft",
    "correct_event",
    "current_gazetteer",
    "new_place",
    "add_place",
    "add_alias",
    "place_key_for",
    "MIN_ARABIC_SHARE",
]

# Below this share of Arabic among the letters the text is not an Arabic article.
MIN_ARABIC_SHARE = 0.3
_MIN_ARABIC_LETTERS = 20


def _is_arabic_letter(ch: str) -> bool:
    o = ord(ch)
    return (0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF
            or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF) and unicodedata.category(ch).startswith("L")


def arabic_share(text: str) -> float:
    """Share of the letters of ``text`` that are Arabic (0.0 when it has no letters).

    >>> arabic_share("قصف on Mayadin"), arabic_share("123")
    (0.25, 0.0)
    """
    letters = [ch for ch in text[:200_000] if unicodedata.category(ch).startswith("L")]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _is_arabic_letter(ch)) / len(letters)


def _check_arabic(text: str) -> None:
    share = arabic_share(text)
    arabic = sum(1 for ch in text[:200_000] if _is_arabic_letter(ch))
    if share < MIN_ARABIC_SHARE or arabic < _MIN_ARABIC_LETTERS:
        raise BadInput(
            f"This text is not in Arabic ({share:.0%} of its letters are Arabic); "
            "Strike Map reads Arabic news articles only."
        )


def _megabytes(n: int) -> str:
    mb = f"{n / 1024 / 1024:.1f} MB"
    # Just over the limit would round to the limit itself: say it in bytes then.
    return mb if mb != f"{MAX_TEXT_BYTES / 1024 / 1024:.1f} MB" or n == MAX_TEXT_BYTES else f"{n:,} bytes"


def check_upload(data: bytes, *, filename: str = "") -> None:
    """Refuse an empty upload, or one over the size limit naming both sizes.

    >>> check_upload(b"x" * (MAX_TEXT_BYTES * 2), filename="big.txt")
    Traceback (most recent call last):
    ...
    strikemap.store.BadInput: The file big.txt is 40.0 MB; the limit is 20.0 MB.
    >>> check_upload(b"x" * (MAX_TEXT_BYTES + 1), filename="big.txt")
    Traceback (most recent call last):
    ...
    strikemap.store.BadInput: The file big.txt is 20,971,521 bytes; the limit is 20.0 MB (20,971,520 bytes).
    """
    name = f"The file {filename}" if filename else "The file"
    if len(data) > MAX_TEXT_BYTES:
        size = _megabytes(len(data))
        limit = f"{MAX_TEXT_BYTES / 1024 / 1024:.1f} MB"
        if size.endswith("bytes"):
            limit += f" ({MAX_TEXT_BYTES:,} bytes)"
        raise BadInput(f"{name} is {size}; the limit is {limit}.")
    if not data:
        raise BadInput(f"{name} is empty.")


def read_upload(data: bytes, *, filename: str = "") -> str:
    """The text of an uploaded file (.txt or .html; UTF-8 with or without BOM, or Windows-1256).

    Decoding is :mod:`extract.documents`' job; this adds the size limit and
    turns its refusals into :class:`~strikemap.store.BadInput` messages.
    """
    check_upload(data, filename=filename)
    from extract import documents

    try:
        return documents.decode_text(data, filename=filename)
    except ValueError as exc:  # DocumentError: binary, undecodable or empty, with the reason
        raise BadInput(f"This file cannot be read as an article: {exc}.") from None


@dataclass(frozen=True, slots=True)
class Draft:
    """An article read and extracted but not saved.

    ``duplicate`` is the stored article with the same text, if any (saving
    would be refused). ``notices`` are things to tell the curator before
    saving (no place recognised, no event found).
    """

    text: str
    meta: ArticleMeta
    events: tuple[Event, ...]
    duplicate: Article | None = None
    notices: tuple[str, ...] = ()

    @property
    def places_found(self) -> int:
        return sum(len(e.targets) for e in self.events)


def _article_file(text: str) -> str:
    # The store names curator articles by content too; naming before extraction
    # gives the events their final ids.
    return f"curator-{normalised_sha256(text)[:12]}.txt"


def draft_article(
    text: str,
    *,
    gazetteer: Any,
    outlet: str = "",
    published: dt.date | str | None = None,
    url: str = "",
    title: str = "",
    notes: str = "",
    store: Store | None = None,
) -> Draft:
    """Check ``text`` and extract its events; nothing is written.

    Raises :class:`~strikemap.store.BadInput` with a message for the
    curator: empty text, over 20 MB, binary, not Arabic, a bad date or
    address. Needs no sign-in: a preview changes nothing.
    """
    if not isinstance(text, str):
        raise BadInput("The article must be text.")
    check_text(text)
    _check_arabic(text)
    if isinstance(published, str):
        published = published.strip() or None
        if published is not None:
            try:
                published = dt.date.fromisoformat(published)
            except ValueError:
                raise BadInput(f"The publication date {published!r} is not a date (YYYY-MM-DD).") from None
    url = (url or "").strip()
    if url and not re.match(r"^https?://\S+$", url):
        raise BadInput(f"The address {url!r} is not a web address (http:// or https://).")
    meta = ArticleMeta(file=_article_file(text), outlet=(outlet or "").strip(), url=url,
                       published=published, title=(title or "").strip(), notes=(notes or "").strip())
    from extract import extract_events

    events = tuple(extract_events(text, gazetteer=gazetteer, meta=meta))
    notices = []
    if not events:
        notices.append("No strike was found in this article; it can be saved without events.")
    elif not any(t.located for e in events for t in e.targets):
        notices.append("No place in this article could be put on the map; correct the places or add them to "
                       "the gazetteer.")
    duplicate = store.find_duplicate(text) if store is not None else None
    if duplicate is not None:
        notices.append(f"This article is already stored as {duplicate.file}; it will not be saved again.")
    return Draft(text=text, meta=meta, events=events, duplicate=duplicate, notices=tuple(notices))


@dataclass(frozen=True, slots=True)
class Edit:
    """A pending correction of one field of one event (same fields and values as ``Store.correct``).

    ``target`` is the place as written, for ``field="place"`` (value: a
    gazetteer key, or None for "not this place").
    """

    event_id: str
    field: str
    value: Any
    target: str | None = None
    note: str = ""


def _checked_value(edit: Edit, gazetteer: Any) -> Any:
    from strikemap.store import check_correction  # the store's rules, one definition

    value = check_correction(edit.field, edit.value)
    if edit.field == "place" and value is not None and gazetteer.get(value) is None:
        raise BadInput(f"There is no place {value!r} in the gazetteer.")
    return value


def _as_corrections(edits: Iterable[Edit]) -> dict[tuple[str, str | None], Correction]:
    # Pending edits in the store's shape, so the map's own rules apply them.
    out: dict[tuple[str, str | None], Correction] = {}
    for i, ed in enumerate(edits):
        target = ed.target if ed.field == "place" else None
        out[(ed.field, target)] = Correction(
            id=-(i + 1), event_id=ed.event_id, article_id=0, field=ed.field, target=target,
            value=ed.value, curator="", created_at="", note=ed.note)
    return out


def _corrected(event: Event, edits: Sequence[Edit], gazetteer: Any) -> Event | None:
    from strikemap.corpus import apply_corrections

    corrections = _as_corrections(edits)
    rejected = corrections.get(("rejected", None))
    if rejected is not None and rejected.value:
        return None
    fixed, _, _ = apply_corrections(event, corrections, gazetteer)
    return fixed


def preview_events(events: Iterable[Event], edits: Sequence[Edit], *, gazetteer: Any) -> list[Event]:
    """``events`` as they will read once ``edits`` are saved (rejected ones dropped).

    Raises :class:`~strikemap.store.BadInput` for an edit the store would
    refuse, naming the event.
    """
    events = list(events)
    ids = {e.event_id for e in events}
    by_event: dict[str, list[Edit]] = {}
    for edit in edits:
        if edit.event_id not in ids:
            raise BadInput(f"There is no event {edit.event_id!r} in this article.")
        by_event.setdefault(edit.event_id, []).append(edit)
    out = []
    for e in events:
        checked = []
        for edit in by_event.get(e.event_id, ()):
            if edit.field == "place" and edit.target not in {t.text for t in e.targets}:
                raise BadInput(f"Event {e.event_id} has no target place written {edit.target!r}.")
            checked.append(dataclasses.replace(edit, value=_checked_value(edit, gazetteer)))
        fixed = _corrected(e, checked, gazetteer) if checked else e
        if fixed is not None:
            out.append(fixed)
    return out


def corrected_events(store: Store, article_id: int, *, gazetteer: Any) -> list[Event]:
    """An article's stored events with the curators' active corrections applied
    (by :func:`strikemap.corpus.apply_corrections`, as on the map); rejected ones left out.

    The reader shows these, so a corrected place is highlighted as corrected.
    """
    from strikemap.corpus import apply_corrections

    active = store.active_corrections()
    out = []
    for e in store.events(article_id):
        corrections = active.get(e.event_id, {})
        rejected = corrections.get(("rejected", None))
        if rejected is not None and rejected.value:
            continue
        out.append(apply_corrections(e, corrections, gazetteer)[0] if corrections else e)
    return out


def draft_features(events: Iterable[Event], meta: ArticleMeta) -> list[dict[str, Any]]:
    """The flat features (as the map gets them: properties, ``geometry``, ``lat``/``lon``) of a preview."""
    from extract.features import event_features

    out = []
    for f in event_features(events, meta):
        geom = f.get("geometry")
        lon, lat = (geom["coordinates"][:2] if geom else (None, None))
        out.append(dict(f["properties"], geometry=geom, lat=lat, lon=lon))
    return out


@dataclass(frozen=True, slots=True)
class Saved:
    """What :func:`save_draft` stored, and the sentence to tell the curator."""

    article: Article
    events: int
    corrections: tuple[Correction, ...]
    message: str


def save_draft(
    store: Store,
    draft: Draft,
    *,
    curator: Curator,
    edits: Sequence[Edit] = (),
    gazetteer: Any,
    extractor_version: str = "",
) -> Saved:
    """Store the draft's article, its events and its edits as corrections, all or nothing.

    Every edit is checked before anything is written, and the article, its
    events and the corrections are one transaction: a crash or a refused
    edit leaves no article without the curator's corrections. Raises
    :class:`~strikemap.store.DuplicateArticle` (nothing written) when the
    text is already stored.
    """
    who = require_curator(curator)
    preview_events(draft.events, edits, gazetteer=gazetteer)  # refuse bad edits before writing
    article = store.add_article(
        draft.text, draft.meta, events=list(draft.events), origin="curator",
        extractor_version=extractor_version, curator=who.name,
        corrections=[{"event_id": ed.event_id, "field": ed.field, "value": ed.value,
                      "target": ed.target, "note": ed.note} for ed in edits],
    )
    edited = {ed.event_id for ed in edits}
    corrections = tuple(c for c in store.corrections() if c.event_id in edited)
    n = len(draft.events)
    if n == 0:
        message = f"Saved {article.file} with no events: no strike was found in it."
    else:
        message = f"Saved {article.file} with {n} event{'s' if n != 1 else ''}"
        message += f" and {len(corrections)} correction{'s' if len(corrections) != 1 else ''}." if corrections else "."
    return Saved(article=article, events=n, corrections=corrections, message=message)


def correct_event(
    store: Store,
    *,
    curator: Curator | None,
    event_id: str,
    field: str,
    value: Any,
    target: str | None = None,
    note: str = "",
    gazetteer: Any = None,
) -> Correction:
    """Correct one field of a stored event (kept across re-extraction)."""
    who = require_curator(curator)
    if field == "place" and value is not None and gazetteer is not None and gazetteer.get(value) is None:
        raise BadInput(f"There is no place {value!r} in the gazetteer.")
    return store.correct(event_id, field=field, value=value, curator=who.name, target=target, note=note)


# -- gazetteer ---------------------------------------------------------------


def unresolved_places(store: Store) -> list[Any]:
    """Place names the map could not place, most frequent first, with the sentences they came from.

    Joins the names recorded at save time (``Store.unresolved_names``) with
    every event place the stored extraction left without a gazetteer key
    (seeds included), one entry per folded name.
    """
    from geodata.arabic import name_key
    from strikemap.store import UnresolvedName

    groups: dict[tuple[str, ...], dict[str, Any]] = {}

    def add(name: str, *, files: Iterable[str], sentences: Iterable[str], candidates: Iterable[str], count: int):
        key = name_key(name) or (name,)
        g = groups.setdefault(key, {"name": name, "count": 0, "files": {}, "sentences": {}, "candidates": {}})
        g["count"] += count
        for bucket, values in (("files", files), ("sentences", sentences), ("candidates", candidates)):
            for v in values:
                if v:
                    g[bucket][v] = None

    files = {a.id: a.file for a in store.articles()}
    article_of = store.event_article_ids()
    seen: set[tuple[str, int, int]] = set()
    for e in store.events():
        for pm in e.targets + ((e.origin,) if e.origin else ()):
            if pm.key is None and (e.event_id, pm.start, pm.end) not in seen:
                seen.add((e.event_id, pm.start, pm.end))
                add(pm.text, files=[files.get(article_of.get(e.event_id), "")], sentences=[e.excerpt],
                    candidates=pm.candidates, count=1)
    for u in store.unresolved_names():
        key = name_key(u.name) or (u.name,)
        if key in groups:  # the same mentions, recorded when the article was saved
            add(u.name, files=u.files, sentences=u.sentences, candidates=u.candidates, count=0)
        else:
            add(u.name, files=u.files, sentences=u.sentences, candidates=u.candidates, count=u.count)
    out = [UnresolvedName(name=g["name"], count=g["count"], files=tuple(g["files"]),
                          sentences=tuple(g["sentences"]), candidates=tuple(g["candidates"]))
           for g in groups.values()]
    out.sort(key=lambda u: (-u.count, u.name))
    return out



def current_gazetteer(store: Store, base: Any) -> Any:
    """``base`` with the curator's places from the store (see :func:`strikemap.corpus.curated_gazetteer`)."""
    from strikemap.corpus import curated_gazetteer

    return curated_gazetteer(store, base)


def place_key_for(name_en: str, *, taken: Iterable[str] = ()) -> str:
    """A gazetteer key (lowercase ascii snake_case) from an English name, unique among ``taken``.

    >>> place_key_for("Al-Tabiyah (Jazira)", taken={"al_tabiyah_jazira"})
    'al_tabiyah_jazira_2'
    """
    ascii_name = unicodedata.normalize("NFKD", name_en).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_") or "place"
    taken = set(taken)
    candidate, n = key, 2
    while candidate in taken:
        candidate, n = f"{key}_{n}", n + 1
    return candidate


def _split_names(value: str | Sequence[str]) -> tuple[str, ...]:
    items = value.split("|") if isinstance(value, str) else value
    return tuple(dict.fromkeys(s.strip() for s in items if s and s.strip()))


def new_place(
    *,
    gazetteer: Any,
    name_ar: str,
    name_en: str,
    lat: float,
    lon: float,
    kind: str,
    source: str,
    uncertainty_km: float = 2.0,
    aliases_ar: str | Sequence[str] = (),
    admin1: str = "",
    country: str = "SY",
    estimate: bool = False,
    affiliation: str = "",
    notes: str = "",
    key: str = "",
) -> Any:
    """A :class:`geodata.Place` from a curator's form, checked like a gazetteer row.

    Raises :class:`~strikemap.store.BadInput` naming the problem.
    """
    from geodata.gazetteer import GazetteerError, Place

    name_ar, name_en = (name_ar or "").strip(), (name_en or "").strip()
    if not name_ar:
        raise BadInput("A place needs its Arabic name.")
    if not name_en:
        raise BadInput("A place needs an English name.")
    if not (source or "").strip():
        raise BadInput("Say where the coordinates come from (a web address or a dataset), or how you estimated them.")
    key = (key or "").strip() or place_key_for(name_en, taken=(p.key for p in gazetteer.places))
    try:
        place = Place(
            key=key, name_ar=name_ar, name_en=name_en, aliases_ar=_split_names(aliases_ar),
            kind=kind, admin1=(admin1 or "").strip(), country=(country or "SY").strip().upper(),
            lat=float(lat), lon=float(lon), uncertainty_km=float(uncertainty_km), source=source.strip(),
            estimate=bool(estimate), affiliation=affiliation or "", notes=(notes or "").strip(),
        )
        gazetteer.with_places([place])  # the gazetteer's own checks (kind, bounds, key, names)
    except (GazetteerError, ValueError, TypeError) as exc:
        raise BadInput(f"This place cannot be added: {exc}") from None
    return place


def add_place(store: Store, *, curator: Curator | None, gazetteer: Any, place: Any) -> Any:
    """Save a curator's place (or a corrected row: same key) and return the gazetteer with it.

    The place takes part in resolution at once: the stored articles are
    re-extracted with the returned gazetteer; and, being in the store, it
    stays after a restart.
    """
    who = require_curator(curator)
    from geodata.gazetteer import GazetteerError

    try:
        updated = gazetteer.with_places([place])
    except (GazetteerError, ValueError) as exc:
        raise BadInput(f"This place cannot be added: {exc}") from None
    store.add_place(place, curator=who.name)
    # Re-read the stored articles with it, so a name it places moves onto the map now
    # (corrections are kept: they live apart from extracted events).
    from strikemap.corpus import reextract

    reextract(store, updated, only_stale=True)
    return updated


def add_alias(store: Store, *, curator: Curator | None, gazetteer: Any, key: str, alias_ar: str) -> Any:
    """Add an Arabic spelling to a place; return the gazetteer with it."""
    require_curator(curator)
    place = gazetteer.get(key)
    if place is None:
        raise BadInput(f"There is no place {key!r} in the gazetteer.")
    alias = (alias_ar or "").strip()
    if not alias:
        raise BadInput("The alias is empty.")
    if _is_arabic_letter(alias[0]) is False and arabic_share(alias) < 0.5:
        raise BadInput(f"The alias {alias!r} is not written in Arabic.")
    if alias in place.names_ar:
        raise BadInput(f"{place.name_ar} already has the name {alias}.")
    updated = dataclasses.replace(place, aliases_ar=tuple(place.aliases_ar) + (alias,))
    return add_place(store, curator=curator, gazetteer=gazetteer, place=updated)
