"""Who a strike is attributed to, when the article says so in another sentence.

News often tells the strike first and its author later: «وتبنت المقاومة
الإسلامية في العراق الهجوم», «وأشار إلى أن الجماعات المدعومة من إيران تقف
وراء الهجوم», «وقالت مصادر إن الطائرة أطلقتها ميليشيات موالية لإيران».
Such a sentence names no target, so it states no event; it gives the
author of the strikes told just before it whose actor the text left
unsaid. A claim with a negation («لم تتبنَّ أي جهة الهجوم») attributes
nothing; an accusation («اتهمت واشنطن …») is kept as the actor's hedge,
the way a hedged attribution in the strike's own clause is.

>>> from geodata import Gazetteer, Place
>>> from extract import extract_events
>>> gaz = Gazetteer([Place(key="conoco", name_ar="كونيكو", name_en="Conoco", kind="gas_field",
...     lat=35.34, lon=40.31, affiliation="coalition")])
>>> text = "سقطت ثلاثة صواريخ على قاعدة كونيكو فجر اليوم. وتبنت المقاومة الإسلامية في العراق الهجوم."
>>> [(e.actor, e.actor_text) for e in extract_events(text, gazetteer=gaz)]
[('iran_backed', 'المقاومة الإسلامية في العراق')]
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Final, TYPE_CHECKING

from extract.actors import IRAN, ISRAEL, UNKNOWN, US, agency, mentions_from_hits
from extract.roles import Agent, mention_text
from extract.scan import _hits_in

if TYPE_CHECKING:  # pragma: no cover
    from extract.events import Draft
    from extract.scan import ArticleScan

__all__ = ["attribute"]

# «لم تتبنَّ أي جهة», «دون أن تعلن أي جهة مسؤوليتها»: nobody claimed it
_NEGATIONS: Final = frozenset({"لم", "لا", "دون", "بدون", "عدم", "ولم", "ولا"})
# «بحسب بيان لهيئة الحشد الشعبي»: a statement quoted as a source claims nothing
_ACCORDING: Final = frozenset({"بحسب", "وبحسب", "حسب", "وحسب", "وفق", "ووفق", "وفقا", "بموجب", "نقلا", "ونقلا"})
_BEFORE: Final = 3  # a claim reaches back this many sentences
_AFTER: Final = 1   # … or forward this many, when nothing before it is open («تبنت … الهجوم الذي استهدف …»)
_STATEMENT_BODY: Final = 3  # a statement's issuer authors the strikes of the sentences after it, this far
# whom a claim names -> the role of the strikes it may author (Israel: an unknown
# aircraft's strike on the militias, later laid at its door)
_ROLE_OF: Final = {IRAN: "attack", US: "retaliation", ISRAEL: "retaliation"}


def _open(d: "Draft") -> bool:
    """A strike whose author the text left unsaid, or said was unknown («طائرة مجهولة»)."""
    return d.role in ("attack", "retaliation") and (not d.who.stated or d.who.actor == UNKNOWN)


def _told_between(drafts: list["Draft"], role: str, sentence: int, first: int, last: int) -> list["Draft"]:
    """The open *drafts* of *role* told *first* to *last* sentences after *sentence*."""
    return [d for d in drafts if d.role == role and _open(d)
            and first <= d.reading.sentence.index - sentence <= last]


def attribute(scan: "ArticleScan", drafts: list["Draft"]) -> None:
    """Give the drafts whose actor the text left unsaid the author a nearby sentence names.

    Changes *drafts* in place; a draft with an actor of its own is never touched.
    """
    open_drafts = [d for d in drafts if _open(d)]
    if not open_drafts or not scan.kind_starts.get("claim"):
        return
    words = scan.words
    # (only the sentences holding a claim word are read: found by bisect from the claim hits)
    starts = [s.token_start for s in scan.sentences]
    with_claims = sorted({bisect_right(starts, i) - 1 for i in scan.kind_starts["claim"]})
    for s in (scan.sentences[k] for k in with_claims):
        claims = [h for h in _hits_in(scan, "claim", s.token_start, s.token_end)
                  if not any(w in _NEGATIONS for w in words[max(s.token_start, h.start - 3):h.start])
                  and not (h.label[1] == "statement" and h.start > s.token_start
                           and words[h.start - 1] in _ACCORDING)]
        if not claims:
            continue
        mentions = [m for m in mentions_from_hits(_hits_in(scan, "@actors", s.token_start, s.token_end),
                                                  scan.heads, words)
                    if m.party in _ROLE_OF
                    and agency(words, m.start, scan.heads, floor=s.token_start) != "patient"]
        if not mentions:
            continue
        for m in mentions:
            role = _ROLE_OF[m.party]
            # the claim nearest the mention says how it is attributed
            cue = min(claims, key=lambda h: abs(h.start - m.start))
            if cue.label[1] == "statement":
                # (only what follows the statement is its body: a strike told before it may be anyone's)
                told = _told_between(open_drafts, role, s.index, 0, _STATEMENT_BODY)
            else:
                # «تبنّت فيه عمليتين … . وذكر البيان أنه جرى استهداف قسرك …، وأن رشقة سقطت على تل بيدر»:
                # forward only when nothing before it is open
                told = (_told_between(open_drafts, role, s.index, -_BEFORE, 0)
                        or _told_between(open_drafts, role, s.index, 1, _AFTER))
            if not told:
                continue
            text = mention_text(scan, m)
            toks = scan.tokens
            hedge = scan.text[toks[cue.start].start:toks[cue.end - 1].end] if cue.label[1] == "accuse" else None
            who = Agent(m.actor, text, m.party_group, hedge, True)
            for d in told:
                d.who = who
                if m.party == ISRAEL:
                    # «اتهمت حسابات مقربة من الميليشيات إسرائيل بالوقوف وراءها»: a strike of
                    # another war; «other», the accusation kept as the hedge
                    d.role = "other"
