"""Article text → located strike events, the way an analyst reads it.

One pass of each kind per article: normalise once, find every gazetteer
name once, scan every vocabulary once, split sentences once. Then, clause
by clause (see :mod:`extract.events`), events are drafted and the article
is read as a whole:

* a clause without its own date takes the date of its sentence, else of
  the event told just before it (news tells one night's events in a row);
* a clause that names no place but refers back («الغارة أسفرت عن إصابة
  عنصرين», «، حيث استهدفت الميليشيات القاعدة») completes the event before;
* a launch point stated apart («تم إطلاقها من … مراط») becomes the origin
  of the attack just told;
* «رداً على …», «عقب تعرض … لهجوم» link a retaliation to the attack it
  answers (``responds_to``);
* a date that sets the scene a sentence or two before dates the strikes
  told after it; «في اليوم التالي» is the day after the strike just told;
* a sentence ending in «:» announces a list («1- قاعدة …», «الأولى: …»):
  each item is an event with the lead's strike word, actor and date (the
  lead's author may be a statement's issuer, named in its header);
* a later toll («ثم ارتفعت الحصيلة إلى …») replaces the counts before it;
* a correction («والصحيح أن …», «وفي تصحيح لاحق …») replaces what the report
  before it got wrong; a report said to be wrong («ذكرت خطأً») that nobody
  corrects is no event;
* «وفي اليوم نفسه», «الطائرات ذاتها»: the day and the striker of the strike
  just told; the next line of a breaking post may name who struck;
* who claims or is accused of a strike told elsewhere is its author
  (:mod:`extract.attribution`);
* restatements — a headline, a lead, a toll update, the same strike told
  again — merge into one event (:mod:`extract.restatements`);
* what the article implies but does not say (a breaking post's date, a
  coalition strike's weapon) is filled in (:mod:`extract.implied`).

>>> from geodata import Gazetteer, Place
>>> gaz = Gazetteer([Place(key="conoco", name_ar="كونيكو", name_en="Conoco", kind="gas_field",
...     lat=35.34, lon=40.31, affiliation="coalition")])
>>> [(e.role, e.actor, [t.key for t in e.targets], e.weapon)
...  for e in extract_events("استهدفت الميليشيات الإيرانية قاعدة كونيكو بالصواريخ.", gazetteer=gaz)]
[('attack', 'iran_backed', ['conoco'], 'rocket')]
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import re
import warnings
from bisect import bisect_right
from typing import Final, TYPE_CHECKING, cast

from extract.attribution import attribute
from extract.casualties import casualties, updates_toll
from extract.actors import mentions_from_hits
from extract.events import Draft, Reading, _any_in, _hits_in, is_broad, read_clause, scan_article
from extract.events import sentence_date as sentence_date_of
from extract.implied import date_breaking_news, imply_air_strikes
from extract.model import Actor, ArticleMeta, Event, EventDate, Role
from extract.restatements import (NEAR_SENTENCES, compatible, details, drop_generic, fold_headline, merge,
                                  refine_summaries, target_keys)
from extract.roles import Agent, mention_text
from extract.scan import _any_at
from extract.sentences import split_clauses
from geodata.arabic import name_key

if TYPE_CHECKING:  # pragma: no cover
    from geodata.gazetteer import Gazetteer

__all__ = ["extract_events"]

_CARRY_SENTENCES: Final = 3    # a date or an origin carries over at most this far
# «الضربات نُفّذت في مواقع قرب البوكمال …» after a statement's bullet list: «the
# strikes» refers back further than a bare clause's date carries
_ANAPHOR_SENTENCES: Final = 6
_SCENE_SENTENCES: Final = 2    # a date setting the scene reaches this many sentences on
_HEADER_WORDS: Final = 12      # «بيان صادر عن المقاومة الإسلامية في العراق»
_NEXT_DAY: Final = re.compile(r"(?:(?:صباح|مساء|فجر|ليل)\s+)?(?:في\s+)?اليوم\s+(?:التالي|الذي\s+تلاه)")
# «وفي اليوم نفسه، …», «في الليلة ذاتها»: the day of the strike just told
_SAME_DAY: Final = re.compile(r"(?:في\s+)?(?:اليوم|الليله|المساء|الصباح|الفجر)\s+(?:نفسه|ذاته|نفسها|ذاتها)")
# «قصفت الطائرات ذاتها …»: the aircraft of the strike just told
_SAME_STRIKER: Final = re.compile(r"(?:الطايرات|الطايره|الطايرتين|الطيران|المقاتلات|المسيرات|المروحيات|المروحيه)\s+"
                           r"(?:نفسها|ذاتها|نفسه|ذاته)")
# «1- قاعدة …», «٢) …», «- …», «• …»: an item of a list
# «تحليل | …», «قراءة في …», «رأي: …»: the article analyses rather than reports
_ANALYSIS: Final = re.compile(r"\s*(?:تحليل|قراءه في|قراءه|راي|مقال راي|وجهه نظر|تحليل اخباري)\s*[|:：\-–—]")
_HEAD_CHARS: Final = 400
_ANALYSIS_WORD: Final = len("تحليل اخباري")  # the longest label
_LIST_ITEM: Final = re.compile(r"\s*(?:[0-9٠-٩]{1,2}\s*[-–.)]|[-–•*▪●]|(?:ال)?(?:[أا]ول[ىي]?|ثاني[ةه]?|ثالث[ةه]?|رابع[ةه]?"
                        r"|خامس[ةه]?|سادس[ةه]?)\s*[:：\-–])")


def extract_events(text: str, *, gazetteer: "Gazetteer", meta: ArticleMeta | None = None) -> list[Event]:
    """Events stated in *text* (pure: no I/O). Never raises on odd text.

    ``meta.published`` resolves relative dates; ``meta.file`` names the
    article in event ids.
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    meta = meta or ArticleMeta(file="")
    if not text.strip():
        return []
    # Reading an article makes a few thousand small objects, and none of them
    # refers back to another in a cycle: they all go when the article is done
    # (tests/extract/test_pipeline.py checks that no cycle is left). The cyclic
    # collector would walk them several times an article and find nothing, a
    # tenth of the time; it waits until the article is read.
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        return _extract(text, gazetteer=gazetteer, meta=meta)
    except Exception as exc:  # pragma: no cover - a bug must not sink a whole corpus run
        # (tests/extract/conftest.py turns this warning into an error: tests see every bug)
        warnings.warn(f"extract_events failed on {meta.file or 'a text'}: {exc!r}", RuntimeWarning, stacklevel=2)
        return []
    finally:
        if collecting:
            gc.enable()


def _extract(text: str, *, gazetteer: "Gazetteer", meta: ArticleMeta) -> list[Event]:
    scan = scan_article(text, gazetteer=gazetteer, published=meta.published)
    sentences = scan.sentences
    # only clauses with a strike word or a launch word can state anything
    # (and «والصحيح أن المستهدف بلدة العشارة»: a correction may name the place with no strike word)
    corrections = {i for i, k in scan.splits.items() if k == "correct"}
    interesting = set(scan.triggers) | scan.kind_at.get("launch", set()) | corrections
    casualty = scan.kind_at.get("casualty", set())
    # … and in token order: «any of them in [a, b)?» is a bisect, not a walk over a clause's tokens
    interesting_at, casualty_at = sorted(interesting), sorted(casualty)
    # which sentences hold an interesting token (one pass, not a scan per sentence)
    s_starts = [s.token_start for s in sentences]
    busy: set[int] = {bisect_right(s_starts, i) - 1 for i in interesting | casualty}
    order = sorted(scan.splits)
    drafts: list[Draft] = []
    carry: list = [None, -99]  # the last date stated in a main clause, and its sentence
    # the last strike whose sides were clear, and its sentence; then the one before
    last_role: list = [None, -99, None, -99]
    lead: Reading | None = None  # a strike sentence ending in «:» announces a list
    for s in sentences:
        listed = lead is not None and _LIST_ITEM.match(text, s.start) is not None
        if not listed:
            lead = None
        announces = text[s.end - 1:s.end] in (":", "：") and s.index + 1 < len(sentences) \
            and _LIST_ITEM.match(text, sentences[s.index + 1].start) is not None
        if s.index not in busy and not listed:
            if announces:
                # «نفّذ مجاهدو المقاومة الإسلامية اليوم الأحد العمليات التالية:»: no strike
                # word, but it gives the list that follows its authors and its date
                lead = _lead_without_trigger(scan, s)
            continue
        sentence_date: EventDate | None = None
        sentence_drafts: list[Draft] = []
        pending_answer = False  # «وجاءت الضربات … رداً على»: a main clause with no place
        if listed and lead is not None:
            readings = [read_clause(scan, s, c, listed=True) for c in split_clauses(s.token_start, s.token_end,
                                                                                     scan.splits, order)[:1]]
            for r in readings:
                if r.role is None:
                    r.role = lead.role
                fits = (r.role == "attack" and lead.who.actor != "us_coalition") or (
                    r.role == "retaliation" and lead.who.actor in ("us_coalition", "unknown")) or r.role == lead.role
                if not r.who.stated and lead.who.stated and fits:
                    r.who = lead.who
                if r.weapon is None:
                    r.weapon = lead.weapon
                if r.when is None:
                    r.when = lead.when
        else:
            clauses = split_clauses(s.token_start, s.token_end, scan.splits, order)
            readings = [read_clause(scan, s, c, listed=c.corrects) for c in clauses
                        if _any_at(interesting_at, c.token_start, c.token_end)
                        or (c.kind == "cause" and _any_at(casualty_at, c.token_start, c.token_end))]
            if readings and text[s.end - 1:s.end] in (":", "："):
                lead = next((r for r in readings if r.has_trigger), None)
            if lead is None and announces:
                lead = _lead_without_trigger(scan, s)
        owns = [r.when if (r.has_trigger and r.when is not None and (r.when.date is not None or r.when.text))
                else None for r in readings]
        # the sentence's date: its main clause's, else any clause's
        if any(owns):  # (an EventDate is always true; most sentences state none: no search)
            sentence_date = next((o for o, r in zip(owns, readings) if o is not None and r.clause.kind == "main"),
                                 next((o for o in owns if o is not None), None))
        if sentence_date is None and any(r.has_trigger and r.targets and o is None for r, o in zip(readings, owns)):
            # (a sentence of one clause was read whole already, and stated no date: not twice)
            read_whole = not listed and len(clauses) == 1 and readings[0].folded is not None
            sentence_date = None if read_whole else sentence_date_of(scan, s)
            if sentence_date is None and not (carry[0] is not None and s.index - carry[1] <= _CARRY_SENTENCES):
                # «شهد ريف دير الزور يوم الثلاثاء الماضي تصعيداً. وقصفت مروحيات …»: the
                # date set the scene a sentence or two before, in a sentence with no strike
                sentence_date = _scene_date(scan, s.index)
        for k, (r, own) in enumerate(zip(readings, owns)):
            c = r.clause
            if (r.has_trigger and r.targets and not r.who.stated and not r.anaphoric and c.kind == "main"
                    and any(x.anaphoric and x.has_trigger and not x.targets for x in readings[:k])):
                # «إن الضربات "دقيقة"، واستهدفت مستودعاً قرب البوكمال»: the verb's subject
                # is «the strikes» of the clause before, the strikes told earlier
                r.anaphoric = True
            if r.has_trigger and r.role is not None and c.kind == "main":
                last_role[:] = [r, s.index, last_role[0], last_role[1]]
            if own is not None and c.kind == "main" and r.has_trigger:
                carry[0], carry[1] = own, s.index
            if c.corrects and _correct(r, own, sentence_drafts, drafts, s):
                continue
            if r.has_trigger and r.targets and r.anaphoric and c.kind == "main" and not sentence_drafts \
                    and not r.retracted and _extend(r, own, drafts, s):
                continue
            if r.has_trigger and r.targets:
                d = _new_draft(r, own, sentence_date, sentence_drafts, drafts, carry, last_role)
                if d is None:
                    continue
                d.retracted = r.retracted
                if c.kind == "cause":
                    main = next((x for x in reversed(sentence_drafts) if x.reading.clause.kind != "cause"), None)
                    if main is not None and main.role != d.role and main.responds_to is None:
                        main.responds_to = d
                    elif main is None and pending_answer:
                        answer = _recent(drafts, s.index, lambda x: x.role != d.role and x.responds_to is None,
                                         _CARRY_SENTENCES)
                        if answer is not None:
                            answer.responds_to = d
                if c.kind == "main" and sentence_drafts and sentence_drafts[-1].reading.clause.kind == "cause" \
                        and sentence_drafts[-1].role != d.role and d.responds_to is None:
                    d.responds_to = sentence_drafts[-1]
                elif c.answers and d.responds_to is None:
                    # «وردت القوات الأمريكية بقصف …»: the strike of the other side just told
                    d.responds_to = _recent(drafts, s.index, lambda x: x.role != d.role, _CARRY_SENTENCES)
                drafts.append(d)
                sentence_drafts.append(d)
                if r.origins:
                    d.origin = r.origins[0]
            else:
                if r.has_trigger and c.kind == "main" and not sentence_drafts:
                    pending_answer = True
                if r.has_trigger and c.kind == "cause" and sentence_drafts:
                    # «…، رداً على الهجوم»: the attack told before
                    main = sentence_drafts[-1]
                    if main.responds_to is None:
                        main.responds_to = _recent(drafts[:-1] if drafts and drafts[-1] is main else drafts,
                                                   s.index, lambda x: x.role != main.role, _CARRY_SENTENCES)
                if r.has_trigger and not r.new_event:
                    _continue(r, sentence_drafts, drafts, s.index)
                if r.origins:
                    target = _recent(sentence_drafts[::-1] and sentence_drafts or drafts, s.index,
                                     lambda x: x.role == "attack" and x.origin is None, _CARRY_SENTENCES)
                    if target is not None:
                        target.origin = r.origins[0]
        if not listed and _any_at(casualty_at, s.token_start, s.token_end):
            _trailing_casualties(scan, s, clauses, readings, sentence_drafts, drafts, interesting_at)
        if not sentence_drafts and drafts and _any_at(casualty_at, s.token_start, s.token_end):
            _update_toll(scan, s, drafts)
    # a report said to be wrong and never corrected is no event
    drafts = [d for d in drafts if not d.retracted]
    attribute(scan, drafts)
    if _is_analysis(scan.norm):
        # an analysis piece recalls a campaign; only what it dates to the day is news
        drafts = [d for d in drafts if d.date_own and d.when is not None and d.when.precision == 1]
    kept = refine_summaries(drop_generic(fold_headline(scan, drafts)))
    date_breaking_news(scan, kept)
    imply_air_strikes(scan, kept)
    merged = merge(kept)
    return _finish(merged, meta, text)


def _lead_without_trigger(scan, s) -> Reading | None:
    """The reading of a list's lead that has no strike word of its own, when it names who acts."""
    clause = split_clauses(s.token_start, s.token_end, scan.splits, sorted(scan.splits))[0]
    r = read_clause(scan, s, clause, listed=True)
    if not r.who.stated:
        # «نفّذ مجاهدونا …:» under «بيان صادر عن المقاومة الإسلامية في العراق»: the
        # statement's issuer, named in its header or signature line
        issuer = _issuer(scan)
        if issuer is None:
            return None
        r.role = r.role or ("attack" if issuer.actor == "iran_backed" else "retaliation")
        r.who = Agent(issuer.actor, mention_text(scan, issuer), issuer.party_group, None, True)
    r.targets, r.target_places = [], []  # (its places frame the campaign; the items are the strikes)
    return r


def _issuer(scan):
    """Who issues a statement: the one actor named in a short header or signature line."""
    for s in (scan.sentences[0], scan.sentences[-1]):
        if s.token_end - s.token_start > _HEADER_WORDS:
            continue
        found = mentions_from_hits(_hits_in(scan, "@actors", s.token_start, s.token_end), scan.heads, scan.words)
        if len({m.actor for m in found}) == 1 and found[0].actor in ("iran_backed", "us_coalition"):
            return found[0]
    return None


def _is_analysis(norm) -> bool:
    """Whether the article opens as an analysis («تحليل | …»): read from its
    first lines only (the whole folded text is not needed for that)."""
    head = norm.folded(0, _HEAD_CHARS)
    if _ANALYSIS.match(head):
        return True
    # a match longer than the head can only be blanks and one label word
    return len(norm.original) > _HEAD_CHARS and len(head.strip()) <= _ANALYSIS_WORD and \
        _ANALYSIS.match(norm.text) is not None


def _trailing_casualties(scan, s, clauses, readings: list[Reading], sentence_drafts: list[Draft],
                         drafts: list[Draft], interesting_at: list[int]) -> None:
    """Casualties told after the strike, in a clause or sentence of their own
    («…، مشيرة إلى مقتل خمسة عناصر», «. وأفاد المرصد بمقتل خمسة عناصر»): they
    belong to the strike just told when that clause states no event itself."""
    struck = {id(r.clause) for r in readings if r.has_trigger}
    for c in clauses:
        a, b = c.token_start, c.token_end
        if id(c) in struck or not _any_in(scan, "casualty", a, b) or _any_in(scan, "suppress", a, b) \
                or _any_in(scan, "cut", a, b):
            continue
        if sentence_drafts:
            d = sentence_drafts[-1]
        elif (drafts and _last_sentence(drafts[-1]) == s.index - 1 and c.token_start == s.token_start
              and not _any_at(interesting_at, s.token_start, s.token_end)):
            d = drafts[-1]  # the sentence right after the strike, with no strike word of its own
        else:
            continue
        if d.killed is not None and d.wounded is not None:
            continue
        toks = scan.tokens
        killed, wounded = casualties(scan.norm.folded(toks[a].start, toks[b - 1].end))
        if d.killed is None and killed is not None:
            d.killed = killed
        if d.wounded is None and wounded is not None:
            d.wounded = wounded


def _update_toll(scan, s, drafts: list[Draft]) -> None:
    """«ثم ارتفعت الحصيلة مساء أمس إلى سبعة قتلى»: a later toll replaces the counts of
    the strike told in the sentences just before (the one that had counts, else the last)."""
    recent = [d for d in drafts if 0 < s.index - d.reading.sentence.index <= NEAR_SENTENCES]
    if not recent:
        return
    folded = scan.norm.folded(s.start, s.end)
    if not updates_toll(folded):
        return
    killed, wounded = casualties(folded)
    d = next((x for x in reversed(recent) if x.killed is not None or x.wounded is not None), recent[-1])
    if killed is not None:
        d.killed = killed
    if wounded is not None:
        d.wounded = wounded


def _scene_date(scan, index: int) -> EventDate | None:
    """The date stated by one of the :data:`_SCENE_SENTENCES` sentences before
    sentence *index*, the nearest first."""
    for k in range(index - 1, max(-1, index - 1 - _SCENE_SENTENCES), -1):
        when = sentence_date_of(scan, scan.sentences[k])
        if when is not None and when.date is not None:
            return when
    return None


def _recent(pool: list[Draft], sentence: int, ok, window: int) -> Draft | None:
    for x in reversed(pool):
        if sentence - x.reading.sentence.index > window:
            return None
        if ok(x):
            return x
    return None


def _new_draft(r: Reading, own: EventDate | None, sentence_date: EventDate | None,
               sentence_drafts: list[Draft], drafts: list[Draft], carry: list, last_role: list) -> Draft | None:
    role, who, weapon = r.role, r.who, r.weapon
    prev = sentence_drafts[-1] if sentence_drafts else None
    told_when = None  # the date of the strike an anaphoric clause refers back to
    told_reading: Reading | None = None
    if role is None:
        if r.clause.kind == "cause" and prev is not None:
            role = "attack" if prev.role == "retaliation" else "retaliation"
        elif prev is not None and prev.reading.clause.kind == "cause":
            # the answer after what it answers («ردت على الهجوم … بقصف …»)
            role = "attack" if prev.role == "retaliation" else "retaliation"
        elif prev is None and r.anaphoric and last_role[0] is not None and r.sentence.index - last_role[1] <= _ANAPHOR_SENTENCES:
            # «الضربة استهدفت مستودعاً في …»: the strike just told of
            role = last_role[0].role
            told_when = last_role[0].when
            told_reading = last_role[0]
            if not who.stated and last_role[0].who.stated:
                who = last_role[0].who
        elif prev is not None:
            # «…، كما تم استهداف مواقع أخرى في …»: the same kind of strike
            role = prev.role
            if not who.stated:
                who = prev.who
        else:
            return None
    elif not who.stated and r.anaphoric and prev is None:
        # «استهدفت الغارات الأمريكية عدة مواقع. وشملت الأهداف …»: the strike's actor
        told, at = (last_role[2], last_role[3]) if last_role[0] is r else (last_role[0], last_role[1])
        if (told is not None and told.role == role and told.who.stated
                and r.sentence.index - at <= _ANAPHOR_SENTENCES):
            who = told.who
            weapon = weapon or told.weapon
            told_when = told.when
            told_reading = told
    elif not who.stated and prev is not None and prev.role == role and prev.who.stated and r.clause.kind == "main":
        # «طالت الغارات الأمريكية مواقع في الميادين، فيما استُهدفت في العراق مقارّ …»:
        # a passive clause of the same sentence, the same side striking
        who = prev.who
        weapon = weapon or prev.weapon
    elif not who.stated and r.folded is not None and ("نفس" in r.folded or "ذات" in r.folded) \
            and _SAME_STRIKER.search(r.folded):
        same = _recent(drafts, r.sentence.index, lambda x: x.role == role and x.who.stated, _ANAPHOR_SENTENCES)
        if same is not None:
            who = same.who
            weapon = weapon or same.weapon
    date_own = own is not None
    if r.clause.kind != "main":
        # what a strike answers, or what came before it, happened earlier:
        # the sentence's date is not its date
        when = own
    elif own is None and r.folded is not None and ("التالي" in r.folded or "تلاه" in r.folded) \
            and (next_day := _NEXT_DAY.search(r.folded)) and drafts \
            and drafts[-1].when is not None and drafts[-1].when.date is not None and drafts[-1].when.precision == 1:
        # «وردّت طائرات أمريكية في اليوم التالي بغارات …»: the day after the strike just told
        when = EventDate(drafts[-1].when.date + dt.timedelta(days=1), 1, next_day.group())
    elif own is None and r.folded is not None and ("نفس" in r.folded or "ذات" in r.folded) \
            and (same_day := _SAME_DAY.search(r.folded)) and drafts \
            and drafts[-1].when is not None and drafts[-1].when.date is not None:
        when = EventDate(drafts[-1].when.date, drafts[-1].when.precision, same_day.group())
    else:
        # («إن الضربات "دقيقة"، واستهدفت مستودعاً …، رداً على هجمات بدأت في 17 أكتوبر»:
        # the strikes told before keep their date over another clause's)
        when = own or told_when or sentence_date
        reach = _ANAPHOR_SENTENCES if r.anaphoric else _CARRY_SENTENCES
        if when is None and carry[0] is not None and r.sentence.index - carry[1] <= reach:
            when = carry[0]
    return Draft(reading=r, role=role, who=who.or_unknown(), targets=list(r.targets),
                 target_places=list(r.target_places), origin=None, weapon=weapon, killed=r.killed,
                 wounded=r.wounded, when=when, date_own=date_own,
                 generic=all(is_broad(p) for p in r.target_places), told=told_reading)


def _extend(r: Reading, own: EventDate | None, drafts: list[Draft], s) -> bool:
    """«… غارات على ريف البوكمال. وشملت الأهداف مواقع في الهري ومطار الحمدان»:
    a sentence naming the targets of the strike told just before adds them to it."""
    d = drafts[-1] if drafts else None
    if d is None or d.reading.sentence.index != s.index - 1 or d.reading.clause.kind == "cause":
        return False
    if (r.role is not None and r.role != d.role) or (r.who.stated and r.who.actor != d.who.actor):
        return False
    if not compatible(d.when, own):
        return False
    if (d.generic and not all(is_broad(p) for p in r.target_places)) or details(d.targets, d.target_places,
                                                                                   r.target_places):
        # «… على مواقع في دير الزور. واستهدفت الغارات مقرات في حطلة …», «… مواقع في
        # مدينتي الميادين والبوكمال. وطالت الضربات مقرات في حي الجمعيات بالبوكمال …»:
        # the region or the towns give way to the places named in them
        d.targets, d.target_places = [], []
    have = target_keys(d)
    for t, p in zip(r.targets, r.target_places):
        if (t.key or name_key(t.text)) not in have:
            d.targets.append(t)
            d.target_places.append(p)
    d.generic = all(is_broad(p) for p in d.target_places)
    d.excerpt_end = s.end
    for name in ("weapon", "killed", "wounded"):
        if getattr(d, name) is None and getattr(r, name) is not None:
            setattr(d, name, getattr(r, name))
    if d.when is None and own is not None:
        # «ارتفاع حصيلة الغارات على القائم والبوكمال» then «… التي استهدفت، فجر أمس السبت، …»
        d.when, d.date_own = own, True
    return True


def _correct(r: Reading, own: EventDate | None, sentence_drafts: list[Draft], drafts: list[Draft], s) -> bool:
    """«ذكرت مصادر أن غارة استهدفت الميادين، والصحيح أنها استهدفت العشارة», «وفي تصحيح
    لاحق، …»: a correction replaces what the report of the strike just told got wrong
    (its places, date or counts) and keeps the rest."""
    d = sentence_drafts[-1] if sentence_drafts else (
        drafts[-1] if drafts and s.index - drafts[-1].reading.sentence.index <= 1 else None)
    if d is None or (r.role is not None and r.role != d.role) or (r.who.stated and r.who.actor != d.who.actor):
        return False
    d.retracted = False
    if r.targets:
        d.targets, d.target_places = list(r.targets), list(r.target_places)
        d.generic = all(is_broad(p) for p in d.target_places)
    if own is not None:
        d.when, d.date_own = own, True
    killed, wounded = r.counts()
    d.killed = killed if killed is not None else d.killed
    d.wounded = wounded if wounded is not None else d.wounded
    if d.reading.sentence.index != s.index:
        d.excerpt_end = s.end  # the excerpt shows the correction too
    return True


def _continue(r: Reading, sentence_drafts: list[Draft], drafts: list[Draft], sentence: int) -> None:
    """A place-less clause that completes the event told just before it."""
    same_sentence = bool(sentence_drafts)
    # «انفجارات تهز حويجة صكر … . المعلومات الأولية: غارة من طيران يُرجَّح أنه أمريكي»: the
    # next sentence tells who struck the place just told, naming no place of its own
    # (not a launch point's: «أُطلقت من قرية حطلة الخاضعة لسيطرة الميليشيات» names who holds the village)
    elaborates = not same_sentence and not r.anaphoric and r.who.stated and not r.origins and bool(drafts) \
        and not drafts[-1].who.stated and sentence - _last_sentence(drafts[-1]) == 1
    d: Draft | None
    if same_sentence:
        d = sentence_drafts[-1]
    elif r.anaphoric:
        d = _recent(drafts, sentence, lambda x: (r.role is None or x.role == r.role)
                    and x.reading.clause.kind != "cause", NEAR_SENTENCES)
        if d is None:
            return
    elif elaborates:
        d = drafts[-1]
    else:
        return
    if r.role is not None and r.role != d.role:
        return
    if not same_sentence:
        d.last_sentence = sentence
    if (same_sentence or elaborates) and not d.who.stated and r.who.stated:
        d.who = r.who.or_unknown()
    if d.weapon is None and r.weapon is not None:
        d.weapon = r.weapon
    if d.killed is None and r.killed is not None:
        d.killed = r.killed
    if d.wounded is None and r.wounded is not None:
        d.wounded = r.wounded


def _last_sentence(d: Draft) -> int:
    """The last sentence that told of *d* (its own, or one that completed it)."""
    return d.reading.sentence.index if d.last_sentence is None else d.last_sentence


def _root(d: Draft | None) -> Draft | None:
    seen = 0
    while d is not None and d.merged_into is not None and seen < 64:
        d = d.merged_into
        seen += 1
    return d


def _event_id(meta: ArticleMeta, d: Draft) -> str:
    keys = sorted(t.key or t.text for t in d.targets)
    date = d.when.date.isoformat() if d.when is not None and d.when.date is not None else ""
    raw = "|".join([meta.file, d.role, ",".join(keys), date, str(d.reading.sentence.start)])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _finish(drafts: list[Draft], meta: ArticleMeta, text: str) -> list[Event]:
    alive = {id(d) for d in drafts}
    for d in drafts:
        d.event_id = _event_id(meta, d)
    events: list[Event] = []
    for d in drafts:
        s = d.reading.sentence
        target = _root(d.responds_to)
        responds = target.event_id if target is not None and id(target) in alive and target is not d else None
        events.append(Event(
            # (a draft's role and actor are always among these: the readers only ever set them so)
            event_id=d.event_id, article=meta.file, role=cast(Role, d.role), actor=cast(Actor, d.who.actor),
            actor_text=d.who.text,
            targets=tuple(d.targets), excerpt=text[s.start:d.excerpt_end or s.end], excerpt_start=s.start,
            actor_group=d.who.group, actor_hedge=d.who.hedge, origin=d.origin, weapon=d.weapon,
            killed=d.killed, wounded=d.wounded, when=d.when or EventDate(), responds_to=responds))
    return events
