"""Reading article files: bytes → text, manifests, corpus folders. (All extractor I/O lives here.)

News files arrive as UTF-8 (with or without a BOM), as Windows-1256 from
older Arabic sites, or as saved HTML pages. :func:`decode_document` turns
bytes into text or refuses them with a reason a person can act on: an
empty file, a binary file (NUL bytes, a PDF/image/archive signature), or
bytes that are neither UTF-8 nor plausible Windows-1256 Arabic.

>>> decode_text("قصف على مراط".encode("cp1256"))
'قصف على مراط'
>>> decode_text(b"<html><body><p>Strike &amp; counter-strike</p><script>x()</script></body></html>")
'Strike & counter-strike'
>>> decode_text(b"")
Traceback (most recent call last):
...
extract.documents.DocumentError: empty file
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

from extract.model import ArticleMeta

__all__ = [
    "Document", "DocumentError", "decode_text", "decode_document", "html_to_text", "read_manifest",
    "article_paths", "read_folder", "read_corpus", "load_documents", "read_document", "TEXT_SUFFIXES",
]

TEXT_SUFFIXES = (".txt", ".html", ".htm")
_SIGNATURES = [
    (b"%PDF", "a PDF file"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"), (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"), (b"\x7fELF", "an executable"), (b"MZ", "an executable"),
    (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7-Zip archive"), (b"SQLite format 3", "an SQLite database"),
]


class DocumentError(ValueError):
    """A file that cannot be read as an article; ``reason`` says why, ``file`` which."""

    def __init__(self, reason: str, *, file: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.file = file

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}" if self.file else self.reason


@dataclass(frozen=True, slots=True)
class Document:
    """An article's text with its manifest metadata (``path`` if read from disk)."""

    meta: ArticleMeta
    text: str
    path: Path | None = None


# -- decoding --------------------------------------------------------------------
def _looks_html(text: str, filename: str) -> bool:
    if filename.lower().endswith((".html", ".htm")):
        return True
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<head" in head:
        return True
    # a text with many paragraph tags is markup even without a header
    return len(re.findall(r"</?(?:p|div|br|span|a)\b", text[:20000], flags=re.I)) >= 3


def _plausible(text: str) -> bool:
    """Whether *text* (decoded as Windows-1256) reads as Arabic text rather than noise.

    Windows-1256 maps almost every byte to some character, so decoding never
    fails; real Arabic text, though, uses almost only the Arabic letters,
    diacritics and punctuation among its non-ASCII characters.
    """
    if not text:
        return False
    sample = text[:20000]
    if sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t\f") > len(sample) / 100:
        return False
    wide = [c for c in sample if ord(c) > 126]
    if not wide:
        return True
    arabic = sum(1 for c in wide if "\u0621" <= c <= "\u0652" or c in "،؛؟«»\u00a0\u200c\u200d\u200e\u200f–—…")
    return arabic / len(wide) >= 0.8


def decode_text(data: bytes, *, filename: str = "") -> str:
    """The article text in *data*; raises :class:`DocumentError` with a reason."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise DocumentError("not bytes", file=filename)
    data = bytes(data)
    if not data.strip():
        raise DocumentError("empty file", file=filename)
    text: str | None = None
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DocumentError(f"has a UTF-8 BOM but is not UTF-8 (byte {exc.start})", file=filename) from None
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError("has a UTF-16 BOM but is not UTF-16", file=filename) from None
    else:
        for sig, what in _SIGNATURES:
            if data.startswith(sig):
                raise DocumentError(f"binary file ({what}), not text", file=filename)
        if b"\x00" in data[:65536]:
            raise DocumentError("binary file (contains NUL bytes), not text", file=filename)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                candidate = data.decode("cp1256")
            except UnicodeDecodeError:
                candidate = ""
            if not _plausible(candidate):
                raise DocumentError("not text: neither UTF-8 nor Windows-1256", file=filename) from None
            text = candidate
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if _looks_html(text, filename):
        text = html_to_text(text)
    if not text.strip():
        raise DocumentError("empty file (no text after decoding)", file=filename)
    return text


def decode_document(data: bytes, *, filename: str = "", meta: ArticleMeta | None = None) -> Document:
    """A :class:`Document` from *data* (see :func:`decode_text`)."""
    text = decode_text(data, filename=filename)
    return Document(meta or ArticleMeta(file=Path(filename).name if filename else ""), text)


class _TextParser(HTMLParser):
    _SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
    _BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "article",
              "section", "header", "footer", "blockquote", "pre", "title", "hr", "dd", "dt", "figcaption"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self._SKIP:
            self.skip += 1
        if tag == "title":
            self._in_title = True
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self.skip:
            self.skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page: scripts/styles dropped, entities unescaped, one paragraph per line.

    >>> html_to_text("<p>قصف&nbsp;على <b>مراط</b></p><p>ثانٍ</p>")
    'قصف على مراط\\nثانٍ'
    """
    parser = _TextParser()
    try:
        parser.feed(markup)
        parser.close()
        raw = "".join(parser.parts)
    except Exception:  # malformed markup: fall back to stripping tags
        raw = html.unescape(re.sub(r"(?is)<(script|style).*?</\1>|<[^>]+>", "\n", markup))
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in raw.split("\n")]
    body = "\n".join(line for line in lines if line)
    if not body and parser.title:
        body = " ".join("".join(parser.title).split())
    return body


# -- manifests and folders ---------------------------------------------------------
def _date(value: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_manifest(path: str | Path) -> dict[str, ArticleMeta]:
    """``file -> ArticleMeta`` from a manifest CSV (columns file,outlet,url,published,title,notes)."""
    out: dict[str, ArticleMeta] = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            name = (row.get("file") or "").strip()
            if not name:
                continue
            out[name] = ArticleMeta(file=name, outlet=(row.get("outlet") or "").strip(),
                                    url=(row.get("url") or "").strip(), published=_date(row.get("published") or ""),
                                    title=(row.get("title") or "").strip(), notes=(row.get("notes") or "").strip())
    return out


def article_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[DocumentError]]:
    """Article files named by *paths* (files, or folders of .txt/.html files), and the paths that are neither."""
    files: list[Path] = []
    errors: list[DocumentError] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files.extend(sorted(f for f in path.iterdir() if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            errors.append(DocumentError("no such file or directory", file=str(p)))
    return files, errors


def read_document(path: str | Path, *, meta: ArticleMeta | None = None) -> Document:
    """Read and decode one article file; raises :class:`DocumentError`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None
    try:
        text = decode_text(data, filename=path.name)
    except DocumentError as exc:
        raise DocumentError(exc.reason, file=str(path)) from None
    return Document(meta or ArticleMeta(file=path.name), text, path)


def _manifests(files: list[Path], manifest: str | Path | None) -> dict[str, ArticleMeta]:
    if manifest is not None:
        return read_manifest(manifest)
    out: dict[str, ArticleMeta] = {}
    for folder in dict.fromkeys(f.parent for f in files):
        m = folder / "manifest.csv"
        if m.is_file():
            try:
                out.update(read_manifest(m))
            except (OSError, UnicodeDecodeError, csv.Error):
                pass  # an unreadable manifest leaves the articles undated, not unread
    return out


def load_documents(paths: Iterable[str | Path], *, manifest: str | Path | None = None
                   ) -> tuple[list[Document], list[DocumentError]]:
    """Every readable article under *paths*, and an error per unreadable one."""
    files, errors = article_paths(paths)
    files = [f for f in files if f.name != "manifest.csv"]
    metas = _manifests(files, manifest)
    docs: list[Document] = []
    for f in files:
        try:
            docs.append(read_document(f, meta=metas.get(f.name)))
        except DocumentError as exc:
            errors.append(exc)
    return docs, errors


def read_corpus(paths: Iterable[str | Path], *, manifest: str | Path | None = None,
                errors: list[DocumentError] | None = None) -> Iterator[Document]:
    """The readable articles under *paths* (unreadable ones go to *errors* if given)."""
    docs, errs = load_documents(paths, manifest=manifest)
    if errors is not None:
        errors.extend(errs)
    return iter(docs)


def read_folder(folder: str | Path, *, manifest: str | Path | None = None
                ) -> Iterator[tuple[ArticleMeta, "str | DocumentError"]]:
    """``(meta, text)`` for every article of *folder*, or ``(meta, error)`` for one that cannot be read."""
    files, _ = article_paths([folder])
    files = [f for f in files if f.name != "manifest.csv"]
    metas = _manifests(files, manifest)
    for f in files:
        meta = metas.get(f.name) or ArticleMeta(file=f.name)
        try:
            yield meta, read_document(f, meta=meta).text
        except DocumentError as exc:
            yield meta, exc
