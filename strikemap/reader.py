"""An article as a reader sees it: right to left, with what was recognised marked.

:func:`highlights` lists the spans of the original text that the extractor
or the gazetteer recognised: the places each event targets (and where it was
launched from), the words naming the actor, the words giving the date, and
every other gazetteer name. Each carries a hover title saying how it was
resolved (gazetteer key, English name, confidence and reason).
:func:`article_html` renders the text with those spans as ``<mark>``
elements. Article text is untrusted: every piece of text and every title is
HTML-escaped, and nothing else from the text reaches the markup.

>>> from extract.model import Event, PlaceMention, EventDate
>>> import datetime as dt
>>> text = "قصفت طائرات التحالف مواقع في الميادين يوم الأربعاء."
>>> e = Event(event_id="a-e1", article="a.txt", role="attack", actor="us_coalition",
...           actor_text="طائرات التحالف", excerpt=text, excerpt_start=0,
...           targets=(PlaceMention(text="الميادين", start=29, end=37, key="mayadin",
...                                 name_en="Mayadin", lat=35.02, lon=40.45, confidence=1.0),),
...           when=EventDate(date=dt.date(2022, 8, 24), precision=1, text="يوم الأربعاء"))
>>> [(h.kind, text[h.start:h.end]) for h in highlights(text, [e])]
[('actor', 'طائرات التحالف'), ('place', 'الميادين'), ('date', 'يوم الأربعاء')]
>>> '<mark class="sm-hl sm-place"' in article_html(text, [e])
True
>>> "&lt;script&gt;" in article_html("<script>alert(1)</script>", [])
True
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from extract.model import ACTORS, TIME_PRECISION, Event, PlaceMention
from geodata.arabic import fold, normalize

__all__ = ["Highlight", "highlights", "article_html", "event_rows", "READER_CSS"]

Kind = Literal["place", "origin", "actor", "date", "mention"]

# Event highlights win over plain gazetteer names where they overlap.
_PRIORITY: dict[str, int] = {"place": 0, "origin": 1, "actor": 2, "date": 3, "mention": 4}

READER_CSS = """
.sm-reader { direction: rtl; text-align: right; unicode-bidi: isolate; white-space: pre-wrap;
  line-height: 1.9; font-size: 1.05rem; }
.sm-reader mark.sm-hl { padding: 0 .15em; border-radius: .2em; cursor: help; color: inherit; }
.sm-reader mark.sm-place { background: #fcd9b6; border-bottom: 2px solid #d9480f; }
.sm-reader mark.sm-origin { background: #ffe8cc; border-bottom: 2px dashed #d9480f; }
.sm-reader mark.sm-actor { background: #d0ebff; border-bottom: 2px solid #1c7ed6; }
.sm-reader mark.sm-date { background: #d3f9d8; border-bottom: 2px solid #2f9e44; }
.sm-reader mark.sm-mention { background: #f1f3f5; border-bottom: 1px dotted #868e96; }
.sm-reader mark.sm-unresolved { border-bottom-style: wavy; }
.sm-reader mark.sm-selected { outline: 2px solid #862e9c; }
"""


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of the original text, what it is, and how it was resolved (``title``)."""

    start: int
    end: int
    kind: Kind
    title: str
    event_ids: tuple[str, ...] = ()
    resolved: bool = True


def _place_title(
    label: str, pm: PlaceMention, *, reason: str = "", events: Sequence[Event] = ()
) -> tuple[str, bool]:
    lines = [f"{label}: {pm.text}"]
    if pm.key:
        lines.append(f"gazetteer key: {pm.key}")
        if pm.name_en:
            lines.append(f"English: {pm.name_en}")
        lines.append(f"confidence: {pm.confidence:.2f}")
        if pm.lat is not None and pm.lon is not None:
            lines.append(f"at {pm.lat:.4f}, {pm.lon:.4f}")
        else:
            lines.append("no coordinates")
    elif pm.candidates:
        lines.append("not resolved: could be " + ", ".join(pm.candidates))
    else:
        lines.append("not in the gazetteer")
    if reason:
        lines.append(f"reason: {reason}")
    for e in events:
        lines.append(f"event {e.event_id} ({e.role}, {ACTORS.get(e.actor, e.actor)})")
    return "\n".join(lines), pm.key is not None


def _find_in_excerpt(text: str, event: Event, needle: str) -> tuple[int, int] | None:
    """Offsets of ``needle`` in the article, looked for inside the event's sentence.

    The extractor may give the words folded («امس» for «أمس»); then they are
    found by folding the sentence too, and mapped back to the words as written.
    """
    if not needle or not needle.strip():
        return None
    lo = max(0, event.excerpt_start)
    hi = min(len(text), lo + len(event.excerpt))
    i = text.find(needle, lo, hi)
    if i >= 0:
        return i, i + len(needle)
    folded_needle = " ".join(fold(needle).split())
    if not folded_needle:
        return None
    n = normalize(text[lo:hi])
    j = n.text.find(folded_needle)
    if j < 0:
        return None
    a, b = n.span(j, j + len(folded_needle))
    return lo + a, lo + b


def _valid(text: str, start: int, end: int, expected: str | None = None) -> bool:
    if not (0 <= start < end <= len(text)):
        return False
    return expected is None or text[start:end] == expected


def highlights(text: str, events: Iterable[Event], *, gazetteer: Any = None) -> list[Highlight]:
    """The recognised spans of ``text``, non-overlapping, in text order.

    ``events`` must have been extracted from this very ``text`` (their
    offsets point into it); a span whose offsets do not match the text is
    skipped rather than drawn in the wrong place. With a ``gazetteer``,
    place titles also give the resolver's reason, and gazetteer names that
    no event uses are marked too (kind ``"mention"``).
    """
    events = list(events)
    reasons: dict[tuple[int, int], str] = {}
    matches = []
    if gazetteer is not None and text:
        from geodata.resolve import ResolveContext

        matches = gazetteer.find(text)
        for m in matches:
            r = gazetteer.choose(m, context=ResolveContext(text=text, start=m.start))
            reasons[(m.start, m.end)] = r.reason
            if m.name_start >= 0 and m.name:
                reasons[(m.name_start, m.name_start + len(m.name))] = r.reason

    def reason_for(pm: PlaceMention) -> str:
        return reasons.get((pm.start, pm.end), "")

    # One place may be the target of several events: merge them.
    by_span: dict[tuple[int, int, str], list[Event]] = {}
    mentions: dict[tuple[int, int, str], PlaceMention] = {}
    candidates: list[Highlight] = []
    for e in events:
        for kind, pms in (("place", e.targets), ("origin", (e.origin,) if e.origin else ())):
            for pm in pms:
                if not _valid(text, pm.start, pm.end, pm.text):
                    continue
                k = (pm.start, pm.end, kind)
                by_span.setdefault(k, []).append(e)
                mentions.setdefault(k, pm)
        span = _find_in_excerpt(text, e, e.actor_text)
        if span:
            lines = [f"actor: {e.actor_text}", f"read as: {ACTORS.get(e.actor, e.actor)}"]
            if e.actor_group:
                lines.append(f"group: {e.actor_group}")
            if e.actor_hedge:
                lines.append(f"attribution hedged: {e.actor_hedge}")
            lines.append(f"event {e.event_id} ({e.role})")
            candidates.append(Highlight(span[0], span[1], "actor", "\n".join(lines), (e.event_id,)))
        span = _find_in_excerpt(text, e, e.when.text)
        if span:
            when = e.when.date.isoformat() if e.when.date else "no date worked out"
            precision = TIME_PRECISION.get(e.when.precision or 0)
            lines = [f"date: {e.when.text}", f"read as: {when}" + (f" ({precision})" if precision else "")]
            lines.append(f"event {e.event_id} ({e.role})")
            candidates.append(Highlight(span[0], span[1], "date", "\n".join(lines), (e.event_id,)))

    for (start, end, kind), evs in by_span.items():
        pm = mentions[(start, end, kind)]
        label = "target place" if kind == "place" else "launched from"
        title, resolved = _place_title(label, pm, reason=reason_for(pm), events=evs)
        candidates.append(Highlight(start, end, kind, title, tuple(e.event_id for e in evs), resolved))

    for m in matches:
        start = m.name_start if m.name_start >= 0 and m.name else m.start
        end = start + len(m.name) if m.name_start >= 0 and m.name else m.end
        if not _valid(text, start, end):
            continue
        lines = [f"place name: {text[start:end]}"]
        if len(m.places) == 1:
            p = m.places[0]
            lines += [f"gazetteer key: {p.key}", f"English: {p.name_en}"]
        else:
            lines.append("shared by: " + ", ".join(f"{p.key} ({p.name_en})" for p in m.places))
        lines.append(f"reason: {reasons.get((m.start, m.end), '')}")
        lines.append("no event extracted here")
        candidates.append(Highlight(start, end, "mention", "\n".join(lines)))

    # Greedy by priority, then position: a span overlapping a kept one is dropped.
    kept: list[Highlight] = []
    for h in sorted(candidates, key=lambda h: (_PRIORITY[h.kind], h.start, -(h.end - h.start))):
        if all(h.end <= k.start or h.start >= k.end for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: h.start)


def article_html(
    text: str,
    events: Iterable[Event],
    *,
    gazetteer: Any = None,
    selected_event: str | None = None,
    css: bool = True,
) -> str:
    """``text`` as escaped right-to-left HTML with its :func:`highlights` marked.

    The spans of ``selected_event`` get the ``sm-selected`` class (and an
    ``id`` so a link can scroll to the first of them).
    """
    parts: list[str] = []
    if css:
        parts.append(f"<style>{READER_CSS}</style>")
    parts.append('<div class="sm-reader" dir="rtl" lang="ar">')
    pos = 0
    anchored = False
    for h in highlights(text, events, gazetteer=gazetteer):
        parts.append(html.escape(text[pos:h.start]))
        classes = ["sm-hl", f"sm-{h.kind}"]
        if not h.resolved:
            classes.append("sm-unresolved")
        extra = ""
        if selected_event is not None and selected_event in h.event_ids:
            classes.append("sm-selected")
            if not anchored:
                extra = ' id="sm-selected"'
                anchored = True
        parts.append(
            f'<mark class="{" ".join(classes)}" data-kind="{h.kind}"{extra} '
            f'title="{html.escape(h.title, quote=True)}">{html.escape(text[h.start:h.end])}</mark>'
        )
        pos = h.end
    parts.append(html.escape(text[pos:]))
    parts.append("</div>")
    return "".join(parts)


def event_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    """One plain row per event, for the table beside the text.

    >>> event_rows([])
    []
    """
    out = []
    for e in events:
        out.append({
            "event": e.event_id,
            "role": e.role,
            "actor": ACTORS.get(e.actor, e.actor),
            "group": e.actor_group or "",
            "places": "، ".join(t.text for t in e.targets),
            "date": e.when.date.isoformat() if e.when.date else "",
            "weapon": e.weapon or "",
            "killed": e.killed,
            "wounded": e.wounded,
            "from": e.origin.text if e.origin else "",
        })
    return out
