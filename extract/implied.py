"""What an article implies but does not say, filled in where the text allows one reading.

* «عاجل | …»: a breaking post tells what just happened; its undated strikes are
  dated to the day it was posted (day precision; the date's text says «عاجل»);
* a coalition «ضربة/غارة», or a strike by aircraft, that names no weapon is an
  air strike; «قصف» alone may be artillery fired from a base, so it stays unsaid.
"""

from __future__ import annotations

from typing import Final, TYPE_CHECKING

from extract.model import EventDate
from geodata.arabic import fold

if TYPE_CHECKING:  # pragma: no cover
    from extract.events import Draft
    from extract.scan import ArticleScan

__all__ = ["date_breaking_news", "imply_air_strikes"]

_AIR_STRIKE_WORDS: Final = tuple(p + w for p in ("", "و", "ب", "ال", "وال", "بال") for w in ("ضرب", "غار"))
_AIRCRAFT_STEMS: Final = ("مروحي", "طاير", "مقاتل", "طيران", "قاذف")
_BREAKING_CHARS: Final = 120   # «🔴 عاجل | #الميادين»: the label opens the post


def date_breaking_news(scan: "ArticleScan", drafts: list["Draft"]) -> None:
    """«عاجل | …»: a breaking report tells what just happened; its undated strikes
    happened the day it was published (the publication date is the only one the
    text allows, so it is used, at day precision, and says where it came from)."""
    if scan.published is None or not drafts:
        return
    first = scan.text[:_BREAKING_CHARS].split("\n", 1)[0]
    if "عاجل" not in fold(first):
        return
    for d in drafts:
        if d.when is None or (d.when.date is None and not d.when.text):
            d.when = EventDate(scan.published, 1, "عاجل")


def imply_air_strikes(scan: "ArticleScan", drafts: list["Draft"]) -> None:
    """«نفّذت القوات الأمريكية ضربات دقيقة على منشأتين …»: a coalition «strike» (ضربة،
    غارة) that names no weapon is an air strike, the only way these strikes are made;
    «قصف» alone may be artillery from a base, so it stays unsaid."""
    for d in drafts:
        if d.weapon is not None or d.role != "retaliation" or d.who.actor != "us_coalition":
            continue
        # (a clause that lists the targets of a strike told before: that strike's words)
        clauses = [d.reading.clause] + ([d.told.clause] if d.told is not None else [])
        words = scan.words
        actor_text = fold(d.who.text)
        flown = any(stem in actor_text for stem in _AIRCRAFT_STEMS) and "مسير" not in actor_text
        if flown or any(words[i].startswith(_AIR_STRIKE_WORDS) for c in clauses for i in scan.trigger_starts
                        if c.token_start <= i < c.token_end):
            # («مروحيتان أمريكيتان … وقصفتها»: what an aircraft strikes with is an air strike)
            d.weapon = "airstrike"
