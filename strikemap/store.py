"""The app's SQLite store: articles, extracted events, and curator work kept apart.

One file, ``DATA_DIR/strikemap.sqlite3``, in WAL mode so readers never wait
for a writer and a second process (another Streamlit server, the CLI) can
use it at the same time. Every write is one ``BEGIN IMMEDIATE`` transaction:
an article and its events are saved together or not at all.

Extracted events are *replaceable*: re-running a better extractor deletes an
article's events and writes new ones. Curator corrections live in their own
table, keyed by the event's stable id, and are applied when reading
(:func:`strikemap.corpus.load_features`), so a re-extraction never loses a
human edit.

>>> import tempfile, pathlib
>>> from extract.model import ArticleMeta, Event, PlaceMention
>>> store = Store(pathlib.Path(tempfile.mkdtemp()) / "s.sqlite3")
>>> text = "قصفت طائرة مسيرة موقعا في الميادين."
>>> ev = Event(event_id="a.txt#1", article="a.txt", role="attack", actor="unknown",
...            actor_text="", excerpt=text, excerpt_start=0,
...            targets=(PlaceMention(text="الميادين", start=26, end=34, key="mayadin"),))
>>> art = store.add_article(text, ArticleMeta(file="a.txt", outlet="Test"),
...                         events=[ev], origin="curator", curator="rania")
>>> art.file, art.origin, [e.targets[0].key for e in store.events(art.id)]
('a.txt', 'curator', ['mayadin'])
>>> store.add_article(text + "  ", ArticleMeta(file="b.txt"), events=[], origin="curator")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
strikemap.store.DuplicateArticle: This article is already stored as a.txt (added ...).
>>> c = store.correct("a.txt#1", field="actor", value="iran_backed", curator="rania")
>>> [(c.field, c.value, c.curator) for c in store.corrections()]
[('actor', 'iran_backed', 'rania')]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
import sqlite3
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from extract.model import ACTORS, ROLES, ArticleMeta, Event, EventDate, PlaceMention
from geodata.arabic import fold, name_key

__all__ = [
    "Store",
    "Article",
    "Correction",
    "UnresolvedName",
    "GeocodeCache",
    "BadInput",
    "DuplicateArticle",
    "StoreError",
    "check_text",
    "normalised_sha256",
    "MAX_TEXT_BYTES",
    "CORRECTABLE_FIELDS",
    "WEAPONS",
    "ORIGINS",
    "SCHEMA_VERSION",
]

MAX_TEXT_BYTES = 20 * 1024 * 1024
ORIGINS = ("seed", "curator")
WEAPONS = ("drone", "rocket", "missile", "airstrike", "artillery", "small_arms", "explosive", "unknown")
CORRECTABLE_FIELDS = ("role", "actor", "actor_group", "date", "time_precision", "weapon",
                      "killed", "wounded", "place", "rejected")
_BUSY_TIMEOUT_MS = 10_000


class BadInput(ValueError):
    """The input cannot be stored; ``str(exc)`` is a message for the user."""


class DuplicateArticle(BadInput):
    """The same article (same normalised text) is already stored.

    ``existing`` is the stored :class:`Article`.
    """

    def __init__(self, existing: "Article"):
        self.existing = existing
        super().__init__(f"This article is already stored as {existing.file} (added {existing.added_at}).")


class StoreError(RuntimeError):
    """The store file cannot be used (e.g. written by a newer version of the app)."""


# ---------------------------------------------------------------------------
# Records


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article with its manifest fields and provenance."""

    id: int
    file: str
    text: str
    outlet: str
    url: str
    published: dt.date | None
    title: str
    notes: str
    sha256: str
    origin: str
    added_at: str
    added_by: str
    extractor_version: str
    extracted_at: str | None

    @property
    def meta(self) -> ArticleMeta:
        return ArticleMeta(file=self.file, outlet=self.outlet, url=self.url,
                           published=self.published, title=self.title, notes=self.notes)


@dataclass(frozen=True, slots=True)
class Correction:
    """One curator edit of one field of one event (``target``: the place as written, for ``place``)."""

    id: int
    event_id: str
    article_id: int
    field: str
    target: str | None
    value: Any
    curator: str
    created_at: str
    note: str
    withdrawn_at: str | None = None
    withdrawn_by: str | None = None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


@dataclass(frozen=True, slots=True)
class UnresolvedName:
    """A place name the extractor met but the gazetteer could not place."""

    name: str
    count: int
    files: tuple[str, ...]
    sentences: tuple[str, ...]
    candidates: tuple[str, ...]


# ---------------------------------------------------------------------------
# Input checks


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def check_text(text: str) -> str:
    """Validate article text; return it, or raise :class:`BadInput` with a message for the user.

    >>> check_text("   ")
    Traceback (most recent call last):
    ...
    strikemap.store.BadInput: The article is empty.
    >>> check_text("abc\\x00\\x01\\x02")
    Traceback (most recent call last):
    ...
    strikemap.store.BadInput: This looks like a binary file, not article text (it contains NUL characters).
    """
    if not isinstance(text, str):
        raise TypeError(f"article text must be str (decode files with extract.documents), got {type(text).__name__}")
    if not text.strip():
        raise BadInput("The article is empty.")
    # Cheap bound first: UTF-8 takes at most 4 bytes per character.
    if len(text) > MAX_TEXT_BYTES // 4:
        n = len(text.encode("utf-8", "surrogatepass"))
        if n > MAX_TEXT_BYTES:
            raise BadInput(f"The article is {_size(n)}; the limit is {_size(MAX_TEXT_BYTES)}.")
    if "\x00" in text:
        raise BadInput("This looks like a binary file, not article text (it contains NUL characters).")
    sample = text[:100_000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\t\n\r\f\v")
    bad = sample.count("\ufffd")
    if controls + bad > max(8, len(sample) // 100):
        raise BadInput("This looks like a binary file or a wrongly decoded one, not article text "
                       f"({controls + bad} control or undecodable characters in the first {len(sample)}).")
    return text


def normalised_sha256(text: str) -> str:
    """SHA-256 of the text folded (diacritics, hamza forms, quotes) with spaces collapsed.

    Two copies of one article that differ only in vocalisation or spacing
    have the same digest.

    >>> normalised_sha256("تصاعدُ  القصفِ") == normalised_sha256("تصاعد القصف\\n")
    True
    """
    folded = " ".join(fold(unicodedata.normalize("NFC", text)).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def _parse_date(value: Any, *, what: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise BadInput(f"The {what} {value!r} is not a date (YYYY-MM-DD).")


def _meta_fields(meta: ArticleMeta | Mapping[str, Any] | None) -> dict[str, Any]:
    if meta is None:
        raw: Mapping[str, Any] = {}
    elif isinstance(meta, ArticleMeta):
        raw = {f: getattr(meta, f) for f in ("file", "outlet", "url", "published", "title", "notes")}
    else:
        raw = meta
    out = {f: str(raw.get(f) or "").strip() for f in ("file", "outlet", "url", "title", "notes")}
    out["published"] = _parse_date(raw.get("published"), what="publication date")
    if out["url"] and not re.match(r"^https?://\S+$", out["url"]):
        raise BadInput(f"The address {out['url']!r} is not a web address (http:// or https://).")
    if len(out["file"]) > 255 or any(c in out["file"] for c in "/\\\x00"):
        raise BadInput(f"The file name {out['file'][:80]!r} is not a plain file name.")
    return out


# ---------------------------------------------------------------------------
# Schema: ordered migrations; PRAGMA user_version is how many have run.

_MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        file TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        outlet TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        published TEXT,
        title TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        sha256 TEXT NOT NULL UNIQUE,
        origin TEXT NOT NULL CHECK (origin IN ('seed', 'curator')),
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL DEFAULT '',
        extractor_version TEXT NOT NULL DEFAULT '',
        extracted_at TEXT
    );
    CREATE TABLE events (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL UNIQUE,
        seq INTEGER NOT NULL,
        role TEXT NOT NULL,
        actor TEXT NOT NULL,
        actor_text TEXT NOT NULL DEFAULT '',
        actor_group TEXT,
        actor_hedge TEXT,
        excerpt TEXT NOT NULL,
        excerpt_start INTEGER NOT NULL,
        weapon TEXT,
        killed INTEGER,
        wounded INTEGER,
        date TEXT,
        time_precision INTEGER,
        date_text TEXT NOT NULL DEFAULT '',
        responds_to TEXT,
        extractor_version TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (article_id, seq)
    );
    CREATE TABLE event_places (
        event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,  -- 0 = the origin (launch site), 1.. = targets in order
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        key TEXT,
        name_en TEXT,
        lat REAL,
        lon REAL,
        geo_precision INTEGER,
        confidence REAL NOT NULL DEFAULT 0,
        candidates TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (event_id, seq)
    );
    CREATE INDEX event_places_key ON event_places(key);
    -- Not a foreign key to events: a correction outlives re-extraction.
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        target TEXT,
        value TEXT NOT NULL,  -- JSON
        curator TEXT NOT NULL,
        created_at TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        anchor_excerpt TEXT NOT NULL DEFAULT '',
        anchor_start INTEGER,
        anchor_role TEXT NOT NULL DEFAULT '',
        withdrawn_at TEXT,
        withdrawn_by TEXT
    );
    CREATE INDEX corrections_event ON corrections(event_id);
    CREATE TABLE gazetteer_places (
        key TEXT PRIMARY KEY,
        name_ar TEXT NOT NULL, name_en TEXT NOT NULL,
        aliases_ar TEXT NOT NULL DEFAULT '', aliases_en TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL, admin1 TEXT NOT NULL DEFAULT '', country TEXT NOT NULL,
        lat TEXT NOT NULL, lon TEXT NOT NULL, uncertainty_km TEXT NOT NULL,
        source TEXT NOT NULL, estimate TEXT NOT NULL DEFAULT 'no',
        affiliation TEXT NOT NULL DEFAULT '', shared_names TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        added_by TEXT NOT NULL, added_at TEXT NOT NULL
    );
    CREATE TABLE geocode_cache (
        name TEXT PRIMARY KEY,    -- folded name
        query TEXT NOT NULL,      -- the name as asked
        result TEXT,              -- JSON of the Place, NULL = looked up, nothing found
        verified INTEGER NOT NULL DEFAULT 0,
        fetched_at TEXT NOT NULL
    );
    CREATE TABLE unresolved_names (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_id TEXT,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        sentence TEXT NOT NULL DEFAULT '',
        candidates TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX unresolved_names_key ON unresolved_names(name_key);
    """,
    # 2: a revision counter, bumped by every write, so the app can cache what it reads
    """
    CREATE TABLE store_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        revision INTEGER NOT NULL
    );
    INSERT INTO store_meta (id, revision) VALUES (1, 0);
    """,
)
SCHEMA_VERSION = len(_MIGRATIONS)

_PLACE_COLUMNS = ("key", "name_ar", "name_en", "aliases_ar", "aliases_en", "kind", "admin1",
                  "country", "lat", "lon", "uncertainty_km", "source", "estimate",
                  "affiliation", "shared_names", "notes")


# ---------------------------------------------------------------------------
# The store


class Store:
    """The SQLite store at ``path`` (created and migrated on first use).

    Each call opens its own connection, so one ``Store`` may be shared by
    threads (Streamlit sessions) and several processes may open the file.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._migrate()
        except (OSError, sqlite3.DatabaseError) as exc:
            # The app shows this at start-up: say which file and what to do.
            raise StoreError(f"Cannot use the store {self.path}: {exc}. Check that the folder is writable and "
                             "the file is a Strike Map store (move a damaged file aside, or set "
                             "STRIKEMAP_DATA_DIR to another folder).") from exc

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- connections and transactions ------------------------------------

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves.
        con = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            con.row_factory = sqlite3.Row
            con.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            con.execute("PRAGMA foreign_keys = ON")
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: BEGIN IMMEDIATE takes the write lock up front (no upgrade deadlock)."""
        with self._connect() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
                con.execute("UPDATE store_meta SET revision = revision + 1")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def _migrate(self) -> None:
        with self._connect() as con:
            # Switching a new file to WAL needs it to itself; when another process
            # is opening it at the same moment SQLite just answers the old mode
            # (no busy wait), so ask again until the busy timeout runs out.
            deadline = time.monotonic() + _BUSY_TIMEOUT_MS / 1000
            while (mode := con.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower() != "wal":
                if time.monotonic() > deadline:
                    raise StoreError(f"{self.path}: cannot switch to WAL journal mode (got {mode})")
                time.sleep(0.05)
            con.execute("BEGIN IMMEDIATE")
            try:
                version = con.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise StoreError(f"{self.path} has schema version {version}; this app knows up to "
                                     f"{SCHEMA_VERSION}. Update the app or use another STRIKEMAP_DATA_DIR.")
                for number in range(version, SCHEMA_VERSION):
                    for statement in _statements(_MIGRATIONS[number]):
                        con.execute(statement)
                    con.execute(f"PRAGMA user_version = {number + 1}")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def revision(self) -> int:
        """A number that grows with every write (by any process): a cache key for what is read.

        >>> import tempfile, pathlib
        >>> s = Store(pathlib.Path(tempfile.mkdtemp()) / "r.sqlite3")
        >>> r = s.revision(); _ = s.record_unresolved(0, []); s.revision() > r
        True
        """
        with self._connect() as con:
            return con.execute("SELECT revision FROM store_meta").fetchone()[0]

    @property
    def schema_version(self) -> int:
        with self._connect() as con:
            return con.execute("PRAGMA user_version").fetchone()[0]

    def integrity_check(self) -> str:
        """``'ok'`` when SQLite finds the file sound."""
        with self._connect() as con:
            return con.execute("PRAGMA integrity_check").fetchone()[0]

    # -- articles ----------------------------------------------------------

    def add_article(
        self,
        text: str,
        meta: ArticleMeta | Mapping[str, Any] | None,
        *,
        events: Sequence[Event],
        origin: str,
        extractor_version: str = "",
        curator: str = "",
        corrections: Sequence[Mapping[str, Any]] = (),
        progress: Callable[[str], None] | None = None,
    ) -> Article:
        """Save an article and its events in one transaction; return the stored :class:`Article`.

        Raises :class:`BadInput` (empty, over 20 MB, binary, bad date or
        address, a file name already used by a different text) and
        :class:`DuplicateArticle` when the same normalised text is stored
        (nothing is written then). A curator article without a file name is
        named ``curator-<digest>.txt``. ``corrections`` (mappings with
        ``event_id, field, value`` and optional ``target, note``) are saved
        in the same transaction, by ``curator``, checked as in
        :meth:`correct`. Place names the events could not place are recorded
        as unresolved names. ``progress`` is called with
        ``"article"`` and ``"events"`` after each step, inside the
        transaction (a test uses it to kill a save half-way).
        """
        check_text(text)
        if origin not in ORIGINS:
            raise ValueError(f"origin must be one of {ORIGINS}, got {origin!r}")
        fields = _meta_fields(meta)
        digest = normalised_sha256(text)
        if not fields["file"]:
            fields["file"] = f"curator-{digest[:12]}.txt"
        now = _now()
        with self._write() as con:
            row = con.execute(f"{_ARTICLE_SELECT} WHERE sha256 = ?", (digest,)).fetchone()
            if row is not None:
                raise DuplicateArticle(_article(row))
            if con.execute("SELECT 1 FROM articles WHERE file = ?", (fields["file"],)).fetchone():
                raise BadInput(f"Another article is already stored as {fields['file']}; give this one another name.")
            cur = con.execute(
                "INSERT INTO articles (file, text, outlet, url, published, title, notes, sha256,"
                " origin, added_at, added_by, extractor_version, extracted_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (fields["file"], text, fields["outlet"], fields["url"],
                 fields["published"].isoformat() if fields["published"] else None,
                 fields["title"], fields["notes"], digest, origin, now, curator.strip(),
                 extractor_version, now),
            )
            article_id = cur.lastrowid
            if progress:
                progress("article")
            _insert_events(con, article_id, events, extractor_version=extractor_version)
            for c in corrections:
                _insert_correction(con, c["event_id"], field=c["field"], value=c.get("value"),
                                   curator=curator, target=c.get("target"), note=c.get("note") or "")
            if progress:
                progress("events")
            row = con.execute(f"{_ARTICLE_SELECT} WHERE id = ?", (article_id,)).fetchone()
        return _article(row)

    def articles(self, *, origin: str | None = None) -> list[Article]:
        """All articles in the order they were added (optionally only seeds or curator ones)."""
        with self._connect() as con:
            if origin is None:
                rows = con.execute(f"{_ARTICLE_SELECT} ORDER BY id").fetchall()
            else:
                rows = con.execute(f"{_ARTICLE_SELECT} WHERE origin = ? ORDER BY id", (origin,)).fetchall()
        return [_article(r) for r in rows]

    def article(self, article_id: int) -> Article | None:
        with self._connect() as con:
            row = con.execute(f"{_ARTICLE_SELECT} WHERE id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def article_by_file(self, file: str) -> Article | None:
        with self._connect() as con:
            row = con.execute(f"{_ARTICLE_SELECT} WHERE file = ?", (file,)).fetchone()
        return _article(row) if row else None

    def find_duplicate(self, text: str) -> Article | None:
        """The stored article with the same normalised text, if any."""
        with self._connect() as con:
            row = con.execute(f"{_ARTICLE_SELECT} WHERE sha256 = ?", (normalised_sha256(text),)).fetchone()
        return _article(row) if row else None

    def delete_article(self, article_id: int) -> bool:
        """Delete an article with its events, unresolved names and corrections; False if absent."""
        with self._write() as con:
            return con.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount > 0

    def counts(self) -> dict[str, int]:
        """Rows per table (articles, events, event_places, corrections, ...)."""
        tables = ("articles", "events", "event_places", "corrections", "gazetteer_places",
                  "geocode_cache", "unresolved_names")
        with self._connect() as con:
            return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    # -- events ------------------------------------------------------------

    def events(self, article_id: int | None = None) -> list[Event]:
        """Stored events (of one article, or all), in article then extraction order."""
        with self._connect() as con:
            where, args = ("WHERE e.article_id = ?", (article_id,)) if article_id is not None else ("", ())
            rows = con.execute(
                f"SELECT e.*, a.file FROM events e JOIN articles a ON a.id = e.article_id {where}"
                " ORDER BY e.article_id, e.seq", args).fetchall()
            places: dict[str, list[sqlite3.Row]] = {}
            prow = con.execute(
                "SELECT p.* FROM event_places p JOIN events e ON e.event_id = p.event_id "
                f"{where} ORDER BY p.event_id, p.seq", args).fetchall()
        for p in prow:
            places.setdefault(p["event_id"], []).append(p)
        return [_event(r, places.get(r["event_id"], [])) for r in rows]

    def event_article_ids(self) -> dict[str, int]:
        """event_id → article id, for every stored event."""
        with self._connect() as con:
            return {r[0]: r[1] for r in con.execute("SELECT event_id, article_id FROM events")}

    def replace_events(self, article_id: int, events: Sequence[Event], *, extractor_version: str) -> None:
        """Replace an article's extracted events wholesale (corrections are kept and re-anchored).

        A correction whose event id the new extraction no longer produces is
        moved to the new event stated in the same sentence (same excerpt and
        offset, preferring the same role); if there is none it stays, orphaned,
        and is listed by :meth:`orphaned_corrections`.
        """
        with self._write() as con:
            if not con.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                raise KeyError(f"no article with id {article_id}")
            con.execute("DELETE FROM unresolved_names WHERE article_id = ?", (article_id,))
            con.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
            _insert_events(con, article_id, events, extractor_version=extractor_version)
            con.execute("UPDATE articles SET extractor_version = ?, extracted_at = ? WHERE id = ?",
                        (extractor_version, _now(), article_id))
            _reanchor(con, article_id, events)

    # -- corrections -------------------------------------------------------

    def correct(self, event_id: str, *, field: str, value: Any, curator: str,
                target: str | None = None, note: str = "") -> Correction:
        """Record a curator's correction of one field of a stored event.

        ``value`` is checked for the field: role in ROLES, actor in ACTORS,
        weapon in WEAPONS or None, date ISO ``YYYY-MM-DD`` or None,
        time_precision 1/2/3 or None, killed/wounded a whole number ≥ 0 or
        None, place a gazetteer key or None (``target`` = the place as
        written in the article), rejected True/False. Raises
        :class:`BadInput` with a message otherwise.
        """
        with self._write() as con:
            cid = _insert_correction(con, event_id, field=field, value=value, curator=curator,
                                     target=target, note=note)
            row = con.execute("SELECT * FROM corrections WHERE id = ?", (cid,)).fetchone()
        return _correction(row)

    def withdraw_correction(self, correction_id: int, *, curator: str) -> bool:
        """Withdraw a correction (kept in the history); False if absent or already withdrawn."""
        with self._write() as con:
            return con.execute(
                "UPDATE corrections SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND withdrawn_at IS NULL",
                (_now(), curator.strip(), correction_id)).rowcount > 0

    def corrections(self, event_id: str | None = None, *, include_withdrawn: bool = False) -> list[Correction]:
        """Corrections (of one event, or all), oldest first."""
        sql = "SELECT * FROM corrections"
        cond, args = [], []
        if event_id is not None:
            cond.append("event_id = ?")
            args.append(event_id)
        if not include_withdrawn:
            cond.append("withdrawn_at IS NULL")
        if cond:
            sql += " WHERE " + " AND ".join(cond)
        with self._connect() as con:
            return [_correction(r) for r in con.execute(sql + " ORDER BY id", args)]

    def active_corrections(self) -> dict[str, dict[tuple[str, str | None], Correction]]:
        """event_id → {(field, target): the latest active correction}."""
        out: dict[str, dict[tuple[str, str | None], Correction]] = {}
        for c in self.corrections():
            out.setdefault(c.event_id, {})[(c.field, c.target)] = c
        return out

    def orphaned_corrections(self) -> list[Correction]:
        """Active corrections whose event the current extraction no longer has."""
        with self._connect() as con:
            rows = con.execute("SELECT * FROM corrections c WHERE withdrawn_at IS NULL AND NOT EXISTS"
                               " (SELECT 1 FROM events e WHERE e.event_id = c.event_id) ORDER BY id").fetchall()
        return [_correction(r) for r in rows]

    # -- curator places ----------------------------------------------------

    def add_place(self, place: Any, *, curator: str) -> None:
        """Save (or replace) a curator-added gazetteer place (a ``geodata.Place``).

        The caller validates it against the gazetteer first (e.g. with
        ``Gazetteer.with_places``), so the stored rows always load.
        """
        curator = (curator or "").strip()
        if not curator:
            raise BadInput("Adding a place needs the curator's name.")
        row = place_row(place)
        with self._write() as con:
            con.execute(
                f"INSERT OR REPLACE INTO gazetteer_places ({', '.join(_PLACE_COLUMNS)}, added_by, added_at)"
                f" VALUES ({', '.join('?' * (len(_PLACE_COLUMNS) + 2))})",
                [row[c] for c in _PLACE_COLUMNS] + [curator, _now()])

    def delete_place(self, key: str) -> bool:
        with self._write() as con:
            return con.execute("DELETE FROM gazetteer_places WHERE key = ?", (key,)).rowcount > 0

    def gazetteer_rows(self) -> list[dict[str, str]]:
        """Curator places as ``gazetteer.csv`` rows (plus added_by, added_at), by key."""
        with self._connect() as con:
            rows = con.execute(f"SELECT {', '.join(_PLACE_COLUMNS)}, added_by, added_at"
                               " FROM gazetteer_places ORDER BY key").fetchall()
        return [dict(r) for r in rows]

    def curator_places(self) -> list[Any]:
        """Curator places as ``geodata.Place`` objects (for ``Gazetteer.with_places``)."""
        from geodata.gazetteer import _parse_row  # the CSV row parser: one definition of the format

        return [_parse_row(r, where=f"{self.path} gazetteer_places ({r['key']})") for r in self.gazetteer_rows()]

    # -- geocode cache -----------------------------------------------------

    def geocode_cache(self) -> "GeocodeCache":
        """The cache for the optional online geocoder (``get(name)`` / ``put(name, place)``)."""
        return GeocodeCache(self)

    # -- unresolved names --------------------------------------------------

    def record_unresolved(self, article_id: int, names: Iterable[tuple[str, str]]) -> int:
        """Record (name, sentence) pairs the extractor could not place; return how many were new.

        Idempotent: a pair already recorded for the article (for instance by
        :meth:`add_article`, which records the events' unplaced names itself)
        is not recorded twice.
        """
        added = 0
        with self._write() as con:
            for name, sentence in names:
                if not name.strip():
                    continue
                if con.execute("SELECT 1 FROM unresolved_names WHERE article_id = ? AND name = ? AND sentence = ?",
                               (article_id, name, sentence)).fetchone():
                    continue
                con.execute("INSERT INTO unresolved_names (article_id, name, name_key, sentence) VALUES (?,?,?,?)",
                            (article_id, name, " ".join(name_key(name)), sentence))
                added += 1
        return added

    def unresolved_names(self) -> list[UnresolvedName]:
        """Place names met but not placed, most frequent first (one entry per folded name)."""
        with self._connect() as con:
            rows = con.execute("SELECT u.name, u.name_key, u.sentence, u.candidates, a.file FROM unresolved_names u"
                               " JOIN articles a ON a.id = u.article_id ORDER BY u.id").fetchall()
        groups: dict[str, list[sqlite3.Row]] = {}
        for r in rows:
            groups.setdefault(r["name_key"] or r["name"], []).append(r)
        out = []
        for rs in groups.values():
            out.append(UnresolvedName(
                name=rs[0]["name"], count=len(rs),
                files=tuple(dict.fromkeys(r["file"] for r in rs)),
                sentences=tuple(dict.fromkeys(r["sentence"] for r in rs if r["sentence"])),
                candidates=tuple(dict.fromkeys(c for r in rs for c in r["candidates"].split("|") if c)),
            ))
        out.sort(key=lambda u: (-u.count, u.name))
        return out


# ---------------------------------------------------------------------------
# Geocode cache


class GeocodeCache:
    """Online geocoder results by folded name: ``get(name)`` → Place | None, ``put(name, place)``.

    Implements ``geodata.geocoders.GeocodeCache`` (pass it as
    ``NominatimGeocoder(cache=store.geocode_cache())``); names or
    ``cache_key`` keys both work, since keys are folded again the same way.

    ``get`` returns None both for "never asked" and "asked, nothing found";
    :meth:`known` tells them apart, so a miss is not asked again.
    Places read back are marked ``verified`` only if a curator verified the row.
    """

    def __init__(self, store: Store):
        self._store = store

    @staticmethod
    def _key(name: str) -> str:
        from geodata.geocoders import cache_key  # the geocoder's own key: one definition

        return cache_key(name)

    def _row(self, name: str) -> sqlite3.Row | None:
        with self._store._connect() as con:
            return con.execute("SELECT * FROM geocode_cache WHERE name = ?", (self._key(name),)).fetchone()

    def known(self, name: str) -> bool:
        return self._row(name) is not None

    def get(self, name: str) -> Any:
        row = self._row(name)
        if row is None or row["result"] is None:
            return None
        from geodata.gazetteer import Place

        data = json.loads(row["result"])
        for k in ("aliases_ar", "aliases_en", "shared_names"):
            data[k] = tuple(data.get(k) or ())
        data["verified"] = bool(row["verified"])
        return Place(**data)

    def put(self, name: str, place: Any) -> None:
        """Cache a result (``None`` = nothing found). Re-putting keeps a curator's verification."""
        result = None if place is None else json.dumps(_place_dict(place), ensure_ascii=False)
        with self._store._write() as con:
            con.execute(
                "INSERT INTO geocode_cache (name, query, result, verified, fetched_at) VALUES (?,?,?,0,?)"
                " ON CONFLICT(name) DO UPDATE SET query = excluded.query, result = excluded.result,"
                " fetched_at = excluded.fetched_at",
                (self._key(name), name, result, _now()))

    def verify(self, name: str, *, verified: bool = True) -> bool:
        """Mark a cached result checked by a curator."""
        with self._store._write() as con:
            return con.execute("UPDATE geocode_cache SET verified = ? WHERE name = ?",
                               (int(verified), self._key(name))).rowcount > 0

    def entries(self) -> list[dict[str, Any]]:
        """All cached lookups: name, query, found, verified, fetched_at."""
        with self._store._connect() as con:
            rows = con.execute("SELECT * FROM geocode_cache ORDER BY fetched_at").fetchall()
        return [{"name": r["name"], "query": r["query"], "found": r["result"] is not None,
                 "verified": bool(r["verified"]), "fetched_at": r["fetched_at"]} for r in rows]


# ---------------------------------------------------------------------------
# Row conversion


_ARTICLE_SELECT = ("SELECT id, file, text, outlet, url, published, title, notes, sha256, origin,"
                   " added_at, added_by, extractor_version, extracted_at FROM articles")


def _statements(script: str) -> list[str]:
    # Migrations run statement by statement inside our own transaction
    # (executescript would COMMIT first).
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return [s for s in out if s]


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], file=row["file"], text=row["text"], outlet=row["outlet"], url=row["url"],
        published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
        title=row["title"], notes=row["notes"], sha256=row["sha256"], origin=row["origin"],
        added_at=row["added_at"], added_by=row["added_by"],
        extractor_version=row["extractor_version"], extracted_at=row["extracted_at"])


def _correction(row: sqlite3.Row) -> Correction:
    return Correction(
        id=row["id"], event_id=row["event_id"], article_id=row["article_id"], field=row["field"],
        target=row["target"], value=json.loads(row["value"]), curator=row["curator"],
        created_at=row["created_at"], note=row["note"], withdrawn_at=row["withdrawn_at"],
        withdrawn_by=row["withdrawn_by"])


def _insert_events(con: sqlite3.Connection, article_id: int, events: Sequence[Event], *,
                   extractor_version: str) -> None:
    seen: set[str] = set()
    for seq, ev in enumerate(events):
        if not isinstance(ev, Event):
            raise TypeError(f"events must be extract.model.Event, got {type(ev).__name__}")
        if ev.event_id in seen:
            raise ValueError(f"the extractor gave two events the id {ev.event_id!r}")
        seen.add(ev.event_id)
        d = ev.when.date if ev.when else None
        con.execute(
            "INSERT INTO events (article_id, event_id, seq, role, actor, actor_text, actor_group, actor_hedge,"
            " excerpt, excerpt_start, weapon, killed, wounded, date, time_precision, date_text, responds_to,"
            " extractor_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article_id, ev.event_id, seq, ev.role, ev.actor, ev.actor_text or "", ev.actor_group,
             ev.actor_hedge, ev.excerpt, ev.excerpt_start, ev.weapon, ev.killed, ev.wounded,
             d.isoformat() if d else None, ev.when.precision if ev.when else None,
             ev.when.text if ev.when else "", ev.responds_to, extractor_version))
        mentions = ([(0, ev.origin)] if ev.origin is not None else []) + [
            (i + 1, t) for i, t in enumerate(ev.targets)]
        for pseq, m in mentions:
            con.execute(
                'INSERT INTO event_places (event_id, seq, text, start, "end", key, name_en, lat, lon,'
                " geo_precision, confidence, candidates) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (ev.event_id, pseq, m.text, m.start, m.end, m.key, m.name_en, m.lat, m.lon,
                 m.geo_precision, m.confidence, "|".join(m.candidates)))
            if m.key is None and m.text.strip():
                con.execute(
                    "INSERT INTO unresolved_names (article_id, event_id, name, name_key, sentence, candidates)"
                    " VALUES (?,?,?,?,?,?)",
                    (article_id, ev.event_id, m.text, " ".join(name_key(m.text)), ev.excerpt,
                     "|".join(m.candidates)))


def _insert_correction(con: sqlite3.Connection, event_id: str, *, field: str, value: Any, curator: str,
                       target: str | None, note: str) -> int:
    curator = (curator or "").strip()
    if not curator:
        raise BadInput("A correction needs the curator's name.")
    value = check_correction(field, value)
    if field == "place":
        if not target or not str(target).strip():
            raise BadInput("A place correction needs the place as written in the article (target).")
        target = str(target).strip()
    else:
        target = None
    ev = con.execute("SELECT article_id, excerpt, excerpt_start, role FROM events WHERE event_id = ?",
                     (event_id,)).fetchone()
    if ev is None:
        raise BadInput(f"There is no event {event_id!r} in the store.")
    if field == "place":
        written = [r[0] for r in con.execute(
            "SELECT text FROM event_places WHERE event_id = ? AND seq > 0", (event_id,))]
        if target not in written:
            raise BadInput(f"Event {event_id} has no target place written {target!r} "
                           f"(it has: {', '.join(written) or 'none'}).")
    cur = con.execute(
        "INSERT INTO corrections (event_id, article_id, field, target, value, curator, created_at,"
        " note, anchor_excerpt, anchor_start, anchor_role) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (event_id, ev["article_id"], field, target, json.dumps(value, ensure_ascii=False),
         curator, _now(), (note or "").strip(), ev["excerpt"], ev["excerpt_start"], ev["role"]))
    return cur.lastrowid


def _mention(row: sqlite3.Row) -> PlaceMention:
    return PlaceMention(
        text=row["text"], start=row["start"], end=row["end"], key=row["key"], name_en=row["name_en"],
        lat=row["lat"], lon=row["lon"], geo_precision=row["geo_precision"],
        confidence=row["confidence"], candidates=tuple(c for c in row["candidates"].split("|") if c))


def _event(row: sqlite3.Row, places: list[sqlite3.Row]) -> Event:
    origin = next((_mention(p) for p in places if p["seq"] == 0), None)
    return Event(
        event_id=row["event_id"], article=row["file"], role=row["role"], actor=row["actor"],
        actor_text=row["actor_text"], targets=tuple(_mention(p) for p in places if p["seq"] > 0),
        excerpt=row["excerpt"], excerpt_start=row["excerpt_start"], actor_group=row["actor_group"],
        actor_hedge=row["actor_hedge"], origin=origin, weapon=row["weapon"], killed=row["killed"],
        wounded=row["wounded"],
        when=EventDate(date=dt.date.fromisoformat(row["date"]) if row["date"] else None,
                       precision=row["time_precision"], text=row["date_text"]),
        responds_to=row["responds_to"])


def _reanchor(con: sqlite3.Connection, article_id: int, events: Sequence[Event]) -> None:
    ids = {e.event_id for e in events}
    orphans = con.execute("SELECT id, event_id, anchor_excerpt, anchor_start, anchor_role FROM corrections"
                          " WHERE article_id = ?", (article_id,)).fetchall()
    for c in orphans:
        if c["event_id"] in ids:
            continue
        same = [e for e in events if e.excerpt == c["anchor_excerpt"] and e.excerpt_start == c["anchor_start"]]
        same = same or [e for e in events if e.excerpt == c["anchor_excerpt"]]
        best = [e for e in same if e.role == c["anchor_role"]] or same
        if best:
            con.execute("UPDATE corrections SET event_id = ? WHERE id = ?", (best[0].event_id, c["id"]))


def check_correction(field: str, value: Any) -> Any:
    if field not in CORRECTABLE_FIELDS:
        raise BadInput(f"{field!r} cannot be corrected; one of: {', '.join(CORRECTABLE_FIELDS)}.")
    if field == "role":
        if value not in ROLES:
            raise BadInput(f"Role {value!r} is not one of {', '.join(ROLES)}.")
    elif field == "actor":
        if value not in ACTORS:
            raise BadInput(f"Actor {value!r} is not one of {', '.join(ACTORS)}.")
    elif field == "actor_group":
        value = (str(value).strip() or None) if value is not None else None
    elif field == "weapon":
        if value is not None and value not in WEAPONS:
            raise BadInput(f"Weapon {value!r} is not one of {', '.join(WEAPONS)} (or none).")
    elif field == "date":
        d = _parse_date(value, what="date")
        value = d.isoformat() if d else None
    elif field == "time_precision":
        if value is not None and value not in (1, 2, 3):
            raise BadInput(f"Time precision {value!r} is not 1 (day), 2 (week) or 3 (month).")
    elif field in ("killed", "wounded"):
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, int):
                try:
                    value = int(str(value).strip())
                except ValueError:
                    raise BadInput(f"{field.capitalize()} {value!r} is not a whole number.") from None
            if value < 0 or value > 100_000:
                raise BadInput(f"{field.capitalize()} {value} is not a plausible count.")
    elif field == "place":
        if value is not None and not re.match(r"^[a-z0-9]+(?:_[a-z0-9]+)*$", str(value)):
            raise BadInput(f"Place {value!r} is not a gazetteer key.")
    elif field == "rejected":
        if not isinstance(value, bool):
            raise BadInput("Rejected must be true or false.")
    return value


def _place_dict(place: Any) -> dict[str, Any]:
    d = {c: getattr(place, c) for c in _PLACE_COLUMNS}
    for k in ("aliases_ar", "aliases_en", "shared_names"):
        d[k] = list(d[k] or ())
    return d


def place_row(place: Any) -> dict[str, str]:
    """A ``geodata.Place`` as a ``gazetteer.csv`` row (strings, ``|``-joined aliases).

    >>> from geodata.gazetteer import Place
    >>> place_row(Place(key="x", name_ar="س", name_en="X", aliases_ar=("ص", "ض"), lat=35.123456, lon=40.5,
    ...                 source="s"))["aliases_ar"]
    'ص|ض'
    """
    row: dict[str, str] = {}
    for c in _PLACE_COLUMNS:
        v = getattr(place, c)
        if c in ("aliases_ar", "aliases_en", "shared_names"):
            row[c] = "|".join(v or ())
        elif c == "estimate":
            row[c] = "yes" if v else "no"
        elif c in ("lat", "lon"):
            row[c] = f"{float(v):.5f}".rstrip("0").rstrip(".")
        elif c == "uncertainty_km":
            row[c] = f"{float(v):g}"
        else:
            row[c] = "" if v is None else str(v)
    return row
