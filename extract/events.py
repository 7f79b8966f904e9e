"""One clause → at most one event: what was hit, by whom, with what, in answer to what.

A clause states an event when it has a *trigger* (a strike verb or noun:
«استهدف», «قصف», «غارة», «ضربة», «هجوم», «تعرض … لهجوم», «دوي
انفجارات»; weaker words like «أطلق», «سقط», «أسقط», «اعترض», «شن» count
only with a weapon named) and at least one *target place*. Places are
filtered the way an analyst reads them:

* a place that qualifies the one before it («كونيكو شمال دير الزور»,
  «الشدادي بمحافظة الحسكة», «القورية بالقرب من مزار عين علي») is no target;
* a launch point («مصدر الصواريخ بادية الميادين», «تم إطلاقها من … مراط») is
  the origin, not a target;
* distance references («55 كم شرقي حمص»), places outside the theatre, and
  areas too wide to map (all of eastern Syria, the Euphrates) are dropped;
* places after a purpose, condition or threat («بهدف استهداف …», «في حال
  تم استهداف …», «لن نتسامح مع أي استهداف») are not events; precautions
  («قنابل مضيئة … كإجراء احترازي») and background («سبق وأن تعرضت …») neither.

The role follows who hit whom: a hit on US/coalition forces or bases is an
``attack``; a US/coalition (or unknown aircraft) strike on militia or
government positions is a ``retaliation``; any other strike between named
parties is ``other``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass
from typing import Final, TYPE_CHECKING

from extract.actors import agency, mentions_from_hits
from extract.casualties import casualties, parse_number
from extract.dates import parse_date
from extract.model import EventDate, PlaceMention
from extract.places import _is_list_gap, _match_range, _mention, _rank, _theatre, _TOO_WIDE_KM, is_broad
from extract.roles import _actors, Agent, NO_ONE
from extract.scan import DIRECTION_WORDS, is_gun, _any_in, _hits_from, _hits_in, _from_before, _has, _inside_hit, _MIN_FROM_WINDOW, _ORIGIN_WINDOW, ArticleScan, LEXICON, scan_article, TRIGGER_ENTRIES
from extract.sentences import Clause, Sentence
from extract.weapons import choose_weapon
from geodata.arabic import fold

def _tally(scan: ArticleScan, a: int, b: int) -> bool:
    """Whether a documenting clause counts strikes («خمس هجمات») or counts over a period
    («خلال شهر شباط»), rather than telling one strike."""
    words = scan.words
    for i in scan.trigger_starts[bisect_left(scan.trigger_starts, a):bisect_left(scan.trigger_starts, b)]:
        if i > a and words[i].endswith("ات") and (words[i - 1].isdigit() or parse_number(words[i - 1]) is not None):
            return True
    span = " ".join(words[a:b])
    return any(p in span for p in _PERIODS)


_PERIODS: Final = ("خلال شهر", "خلال الشهر", "خلال الاسبوع", "خلال اسبوع", "منذ مطلع", "منذ بدايه", "خلال العام")


def _speaks(scan: ArticleScan, k: int) -> bool:
    """Whether token *k* is a source who speaks («مصادر», «مصدر طبي»), not «مصادر النيران»."""
    return scan.heads.get(k) == "informant" and not scan.words[k + 1].startswith(("النار", "النيران", "الاطلاق",
                                                                                   "القصف", "الصواريخ"))


# strike words that are only a sound, and «the blasts» already told
_SOUND: Final = ("دوي", "سمع", "سماع", "انفجار", "الانفجار", "والانفجار", "دوت", "دوى", "هزت", "هز", "تهز", "وسمع", "ودوي",
          "بسماع")
_THE_BLASTS: Final = ("الانفجار", "والانفجار", "للانفجار")
# «مصدرها», «مصدره»: the source of it (a pronoun suffix on «مصدر»)
_OF_IT: Final = ("ها", "ه", "هما", "هم")
# «وشملت الأهداف مواقع في …»: the targets of the strike just told
_TARGET_NOUNS: Final = frozenset({"الاهداف", "والاهداف", "الاهداف"})

if TYPE_CHECKING:  # pragma: no cover
    from geodata.gazetteer import Place


__all__ = ["Reading", "Draft", "Agent", "ArticleScan", "scan_article", "read_clause", "sentence_date", "is_broad",
           "TRIGGER_ENTRIES", "LEXICON"]

# -- clause reading -------------------------------------------------------------
# (slots: ~17 readings and ~7 drafts per article, each built without an instance dict)
@dataclass(eq=False, slots=True)
class Reading:
    """What one clause says (before article-level merging)."""

    clause: Clause
    sentence: Sentence
    targets: list[PlaceMention]
    target_places: list["Place | None"]
    origins: list[PlaceMention]
    has_trigger: bool
    anaphoric: bool  # a trigger noun that refers back («الغارة أسفرت …»)
    new_event: bool  # «في غارة ثانية»: another strike, not the one before
    role: str | None
    who: Agent
    weapon: str | None
    folded: str | None  # the clause's folded text, where its casualties are counted (None: not read)
    when: EventDate | None
    suppressed: bool
    _counts: "tuple[int | None, int | None] | None" = None
    retracted: bool = False  # «ذكرت خطأً أن …»: a report the article says was wrong

    # (written out, not generated: compiled by mypyc it runs natively; see extract/model.py)
    def __init__(self, clause: Clause, sentence: Sentence, targets: list[PlaceMention],
                 target_places: list["Place | None"], origins: list[PlaceMention], has_trigger: bool,
                 anaphoric: bool, new_event: bool, role: str | None, who: Agent, weapon: str | None,
                 folded: str | None, when: EventDate | None, suppressed: bool,
                 _counts: "tuple[int | None, int | None] | None" = None, retracted: bool = False) -> None:
        self.clause = clause
        self.sentence = sentence
        self.targets = targets
        self.target_places = target_places
        self.origins = origins
        self.has_trigger = has_trigger
        self.anaphoric = anaphoric
        self.new_event = new_event
        self.role = role
        self.who = who
        self.weapon = weapon
        self.folded = folded
        self.when = when
        self.suppressed = suppressed
        self._counts = _counts
        self.retracted = retracted

    # Casualties are counted on demand: most clauses with a strike word never
    # become an event of their own or complete one, and counting costs.
    @property
    def killed(self) -> int | None:
        return self.counts()[0]

    @property
    def wounded(self) -> int | None:
        return self.counts()[1]

    def counts(self) -> tuple[int | None, int | None]:
        """(killed, wounded) the clause states, counted once."""
        if self._counts is None:
            self._counts = _casualties(self.folded) if self.folded is not None else (None, None)
        return self._counts


@dataclass(eq=False, slots=True)
class Draft:
    """An event under construction (mutable until the article is done)."""

    reading: Reading
    role: str
    who: Agent  # (its actor is never None: "unknown" when no one is named)
    targets: list[PlaceMention]
    target_places: list["Place | None"]
    origin: PlaceMention | None
    weapon: str | None
    killed: int | None
    wounded: int | None
    when: EventDate | None
    date_own: bool
    responds_to: "Draft | None" = None
    retracted: bool = False  # told as a wrong report, and not corrected (yet)
    generic: bool = False
    merged_into: "Draft | None" = None
    event_id: str = ""
    excerpt_end: int | None = None  # past the sentence, when the next one lists its targets
    told: Reading | None = None  # the strike told before, that an anaphoric clause («وشملت الأهداف …») lists
    last_sentence: int | None = None  # a later sentence that completed it («وأسفرت الغارة عن …»)

    # (written out, not generated: compiled by mypyc it runs natively; see extract/model.py)
    def __init__(self, reading: Reading, role: str, who: Agent, targets: list[PlaceMention],
                 target_places: list["Place | None"], origin: PlaceMention | None, weapon: str | None,
                 killed: int | None, wounded: int | None, when: EventDate | None, date_own: bool,
                 responds_to: "Draft | None" = None, retracted: bool = False, generic: bool = False,
                 merged_into: "Draft | None" = None, event_id: str = "", excerpt_end: int | None = None,
                 told: Reading | None = None, last_sentence: int | None = None) -> None:
        self.reading = reading
        self.role = role
        self.who = who
        self.targets = targets
        self.target_places = target_places
        self.origin = origin
        self.weapon = weapon
        self.killed = killed
        self.wounded = wounded
        self.when = when
        self.date_own = date_own
        self.responds_to = responds_to
        self.retracted = retracted
        self.generic = generic
        self.merged_into = merged_into
        self.event_id = event_id
        self.excerpt_end = excerpt_end
        self.told = told
        self.last_sentence = last_sentence


def read_clause(scan: ArticleScan, sentence: Sentence, clause: Clause, *, listed: bool = False) -> Reading:
    """Read one clause: its places, trigger, actors, weapon, casualties and date.

    *listed*: the clause is an item of a list announced by a sentence with a
    strike word («استهدف مجاهدونا: 1- قاعدة … 2- …»), so it needs none itself.
    """
    a, b = clause.token_start, clause.token_end
    words = scan.words
    triggers = scan.triggers
    # Where a purpose/condition/threat begins, the clause stops stating facts.
    cuts = scan.cut_starts
    ci = bisect_left(cuts, a)
    cut = cuts[ci] if ci < len(cuts) and cuts[ci] < b else b
    suppressed = _any_in(scan, "suppress", a, b) or (
        _any_in(scan, "recalled", a, b) and not _any_in(scan, "date", a, b)) or (
        _any_in(scan, "document", a, b) and _tally(scan, a, b))
    launch_at = [(h.start, h.label[1]) for h in _hits_in(scan, "launch", a, b)]
    starts = scan.trigger_starts
    trig = starts[bisect_left(starts, a):bisect_left(starts, cut)]
    in_names = scan.name_tokens
    weapon_hits = [h for h in _hits_in(scan, "weapon", a, cut) if h.start not in in_names]
    weapon = choose_weapon(words, a, cut, hits=weapon_hits) if weapon_hits else None  # (most clauses name none)
    strong = "strong" in map(triggers.__getitem__, trig)  # (no generator per clause)
    has_trigger = bool(trig) and (strong or weapon is not None)
    if has_trigger and words[trig[0]].startswith(_SOUND) and all(words[i].startswith(_SOUND) for i in trig) \
            and any(w.startswith(_THE_BLASTS) for w in words[a:cut]):
        # «في حين سُمع دوي الانفجارات في بلدة ذيبان المجاورة»: the blasts already told,
        # heard somewhere else; a sound is no strike of its own there
        has_trigger = False
    if not has_trigger and clause.kind == "cause" and _any_in(scan, "casualty", a, cut):
        # «ردت على مقتل ثلاثة من جنودها في البرج 22»: the deaths are the event answered
        has_trigger = True
    if listed and not has_trigger and not suppressed and cut == b:
        has_trigger = True
    if not has_trigger and not launch_at:
        # nothing happens here: no need to read places or actors (half the clauses read end here)
        return Reading(clause, sentence, [], [], [], False, False, False, None, NO_ONE, weapon, None, None,
                       suppressed)
    hedges = [h.start for h in _hits_in(scan, "hedge", a, b)]
    news = _hits_in(scan, "new", a, b)  # («ثانية» is rare: most clauses skip the test)
    new_event = bool(news) and any((h.start - 1) in triggers for h in news)
    anaphoric = False
    if has_trigger and trig:
        first = trig[0]
        # «الغارة أسفرت …», and «واستهدفت الغارات …», «وشملت الأهداف …»: the verb
        # whose subject is the strike (or its targets) just told
        after = words[first + 1] if first + 1 < len(words) else ""
        anaphoric = (words[first].startswith(("ال", "وال", "فال")) or (
            after.startswith("ال") and (first + 1 in triggers or fold(after) in _TARGET_NOUNS))) and not new_event

    # -- actors first: where the one who strikes sits is no target ------------------
    act_end = cut if cut > a else b
    # («قاعدة عين الأسد» names a base, not the Syrian president)
    act_hits = [h for h in _hits_in(scan, "@actors", a, act_end) if h.start not in in_names]
    mentions = mentions_from_hits(act_hits, scan.heads, words)
    trigset = set(trig)
    agency_of = {m.start: agency(words, m.start, scan.heads, triggers=trigset, floor=a) for m in mentions}

    # -- places --------------------------------------------------------------
    origins: list[PlaceMention] = []
    origin_mis: set[int] = set()
    skip_mis: set[int] = set()   # on a road: no target unless nothing else is
    route_mis: set[int] = set()  # passed through, a hospital: never a target
    mis = _match_range(scan, a, cut)
    gun_at, gun_base = _guns_on_a_base(scan, weapon_hits, mis)
    if gun_base is not None:
        origin_mis.add(gun_base)
    for mi in mis:
        ts = scan.matches[mi].token_start
        if ts - 2 >= a and words[ts - 1] == "في" and (
                _speaks(scan, ts - 2) or (ts - 3 >= a and words[ts - 2].endswith("يه") and _speaks(scan, ts - 3))):
            # «وأفادت مصادر طبية في مدينة دير الزور بوصول جثتي عنصرين»: where the source is
            route_mis.add(mi)
    if len(mis) > 1:
        m0 = scan.matches[mis[0]]
        if (m0.token_start == a + 1 or (m0.token_start == a + 2 and words[a + 1] == "ريف")) \
                and words[a] in ("في", "وفي") and m0.token_end < b \
                and any(c in scan.text[scan.tokens[m0.token_end - 1].end:scan.tokens[m0.token_end].start] for c in "،,"):
            # «وفي الحسكة، سقطت قذيفة … قرب قاعدة الشدادي»: the fronted place sets the scene
            skip_mis.add(mis[0])
    # (the kinds come merged in token order; each hit only adds to a set)
    for h in _hits_in(scan, "@place_roles", a, cut):
        place_role = h.label[0]
        if place_role == "station":
            owner = next((m for m in mentions if h.start - 2 <= m.end <= h.start), None)
            if owner is None or agency_of.get(owner.start) != "agent":
                continue
            window = (h.end, h.end + 4)
        elif place_role == "fromside":
            window = (h.end, h.end + 3)
        elif place_role == "route":
            for n, mi in enumerate(mis):
                if h.end <= scan.matches[mi].token_start <= h.end + 3:
                    if h.label[1] == "sky" and _coalition_site(scan.matches[mi]):
                        break
                    route_mis.add(mi)
                    end = scan.matches[mi].token_end
                    for nxt in mis[n + 1:]:  # «في سماء خشام وحطلة»: the places listed with it
                        m = scan.matches[nxt]
                        if m.token_start != end or not words[m.token_start].startswith("و"):
                            break
                        route_mis.add(nxt)
                        end = m.token_end
                    break
            continue
        elif place_role == "road":
            # «على طريق الميادين – دير الزور قرب بلدة محكان»: the road's towns only
            # frame the spot a near-word names after them
            road = [mi for mi in mis if h.end <= scan.matches[mi].token_start <= h.end + 4]
            if road:
                last = scan.matches[road[-1]].token_end
                if any(scan.matches[mi].token_start > last and _any_in(scan, "near", last, scan.matches[mi].token_start)
                       for mi in mis):
                    skip_mis.update(road)
            continue
        else:
            continue
        for mi in mis:
            if window[0] <= scan.matches[mi].token_start <= window[1]:
                origin_mis.add(mi)
                break
    for li, kind in launch_at:
        if kind == "source":
            # «مصدر الصواريخ بادية الميادين»: the place right after «source of the
            # rockets»; not «مجهول المصدر يستهدف …» (of unknown source)
            nxt = li + 1
            if words[li].endswith(_OF_IT):
                # «سقوط ٣ قذائف على حويجة صكر، مصدرها القوات الأمريكية في حقل كونوكو»:
                # the first place after «its source» is where they came from
                first_mi = next((mi for mi in mis if li < scan.matches[mi].token_start <= li + _ORIGIN_WINDOW // 2),
                                None)
                if first_mi is not None:
                    origin_mis.add(first_mi)
                continue
            if nxt >= b or not words[nxt].startswith("ال") or not (nxt in scan.triggers or _has(scan, nxt, "weapon")):
                continue
            for mi in mis:
                m = scan.matches[mi]
                if nxt < m.token_start <= nxt + 2:
                    origin_mis.add(mi)
                    break
            continue
        # «أُطلقت من», «تم إطلاقها من», «أطلقتها ميليشيا حزب الله من»: only the
        # weapon or the launcher may stand between the launch word and «من»
        frm = None
        for k in range(li + 1, min(b, li + 1 + _MIN_FROM_WINDOW)):
            if words[k] == "من":
                frm = k
                break
            if not any(h.label[0] in ("weapon", "actor", "marker", "group", "gmarker")
                       for h in _hits_from(scan, k, k + 1)) and not _inside_hit(scan, k):
                break
        if frm is None:
            continue
        for mi in mis:
            m = scan.matches[mi]
            if m.token_start <= frm:
                continue
            if m.token_start > frm + _ORIGIN_WINDOW:
                break
            if _any_in(scan, "toward", frm + 1, m.token_start):
                break
            origin_mis.add(mi)
            break
    near_mis: set[int] = set()
    targets: list[PlaceMention] = []
    places: list["Place | None"] = []
    target_mis: list[int] = []  # each target's match (kept alongside, not searched for again)
    prev_end = None
    origin_end = None  # just after the last launch point, whose qualifier is no target either
    prev_place: "Place | None" = None
    prev_mention_known = True
    for mi in mis:
        m = scan.matches[mi]
        pm, place = _mention(scan, mi)
        if origin_end is not None and m.token_start > origin_end and all(
                words[k] in DIRECTION_WORDS for k in range(origin_end, m.token_start)):
            continue  # «من منطقة جرف الصخر جنوب غربي بغداد»: where the origin lies
        origin_end = None
        if mi in origin_mis:
            origins.append(pm)
            origin_end = m.token_end
            continue
        if mi in route_mis or (mi in skip_mis and len(skip_mis | origin_mis | route_mis) < len(mis)):
            continue
        if skip_mis and prev_end is None and not targets:
            prev_end = None  # the first place after the road starts the list afresh
        if place is not None and (not _theatre(place) or place.uncertainty_km >= _TOO_WIDE_KM
                                  or place.kind == "river"):
            continue
        if place is None and pm.candidates:
            gz = scan.gazetteer
            cands = [gz.get(k) for k in pm.candidates]
            if cands and all(c is not None and not _theatre(c) for c in cands):
                continue
        # «20 كم جنوب غرب البوكمال»: the place is the reference point (near it)
        if _any_in(scan, "distance", max(a, m.token_start - 4), m.token_start):
            near_mis.add(mi)
        # «قصفت المدفعية من قاعدة حقل كونيكو قرى …»: «من» + a place before the targets
        if _from_before(scan, m.token_start, a) and any(scan.matches[x].token_start > m.token_start
                                                        and x not in origin_mis for x in mis):
            origins.append(pm)
            origin_end = m.token_end
            continue
        if prev_end is not None:
            gap_list = _is_list_gap(scan, prev_end, m.token_start, words[m.token_start])
            if not gap_list and prev_end == m.token_start and not is_broad(place):
                # «قرى الحسينية، الصالحية، حطلة»: a comma between two names lists them
                gap_text = scan.text[scan.tokens[prev_end - 1].end:scan.tokens[m.token_start].start]
                gap_list = ("،" in gap_text or "," in gap_text) and gap_text.strip(" ،,\"'«»“”()-–") == ""
            # («مستودعاً قرب البوكمال ومنشأةً أخرى قرب الميادين»: the near-word places
            # the list's next site, it does not tie the two places together)
            near = _any_in(scan, "near", prev_end, m.token_start) and not (
                gap_list and any(scan.heads.get(k) == "site" for k in range(prev_end, m.token_start)))
            unmapped = prev_place is None and not prev_mention_known and not any(t.key for t in targets)
            aside = not gap_list and any(words[k] in DIRECTION_WORDS or words[k] in ("ريف", "بريف")
                                         for k in range(prev_end, m.token_start))
            if unmapped and place is not None and not is_broad(place) and not near and not aside:
                pass  # «حي الكتف بمدينة البوكمال»: the town gives the unmapped quarter a point
            elif aside and unmapped:
                prev_end = m.token_end
                continue  # «دبلان جنوبي العشارة», «البوليل بريف الميادين»: near a town, not in it
            elif near or (not gap_list and _rank(place) >= _rank(prev_place)):
                # it qualifies the place before it; a list may go on after it
                # («في حي الجمعيات بالبوكمال ومحيط قلعة الرحبة»)
                prev_end = m.token_end
                continue
            elif not gap_list and is_broad(place):
                continue
        targets.append(pm)
        places.append(place)
        target_mis.append(mi)
        prev_end = m.token_end
        prev_place = place
        prev_mention_known = bool(pm.key or pm.candidates)
    # A broad area next to specific places only situates them.
    # (one place cannot be both: most clauses skip the two walks)
    if len(places) > 1 and any(not is_broad(p) for p in places) and any(is_broad(p) for p in places):
        keep = [(t, p, mi) for t, p, mi in zip(targets, places, target_mis) if not is_broad(p)]
        targets = [t for t, _, _ in keep]
        places = [p for _, p, _ in keep]
        target_mis = [mi for _, _, mi in keep]
    # near-words make a town mention an area («قرب الحسكة», «أطراف بادية …»)
    fixed = []
    for t, mi in zip(targets, target_mis):
        ts = scan.matches[mi].token_start
        if t.geo_precision == 1 and (mi in near_mis or _any_in(scan, "near", max(a, ts - 2), ts)
                                     or _any_in(scan, "area", max(a, ts - 2), ts)):
            # (built directly: dataclasses.replace costs several times as much)
            t = PlaceMention(t.text, t.start, t.end, t.key, t.name_en, t.lat, t.lon, 2, t.confidence, t.candidates)
        fixed.append(t)
    targets = fixed

    # -- actors and role -------------------------------------------------------------
    role, who = _actors(scan, a, cut if cut > a else b, trig, places, weapon, hedges, mentions, agency_of,
                        # what a strike answers has the other side's agent
                        sentence.token_start if clause.kind == "main" else a)
    if gun_base is not None and not who.stated:
        gm = scan.matches[gun_base]
        who = Agent("us_coalition", scan.text[scan.tokens[gun_at].start:gm.end], None, None, True)
        if not any(p is not None and p.affiliation == "coalition" for p in places):
            role = "retaliation"
    # -- casualties and date (folded clause text) -------------------------------------
    folded = None
    when = None
    if has_trigger:
        toks = scan.tokens
        span_a = toks[a].start if a < len(toks) else sentence.start
        span_b = toks[b - 1].end if b - 1 < len(toks) and b > a else sentence.end
        folded = scan.norm.folded(span_a, span_b)
        when = _date(folded, scan.published) if _any_in(scan, "date", a, b) else None
    return Reading(clause, sentence, targets, places, origins, has_trigger and not suppressed, anaphoric,
                   new_event, role, who, weapon, folded, when, suppressed, retracted=_any_in(scan, "wrong", a, b))


def _coalition_site(match) -> bool:
    return any(p.affiliation == "coalition" for p in match.places)


def _guns_on_a_base(scan: ArticleScan, weapon_hits: list, mis: list[int]) -> tuple[int, int | None]:
    """(the gun word's token, the match of the coalition base) of «مدفعية القاعدة», «راجمات قاعدة
    التنف»: guns named by the base they stand on; (0, None) when the clause has none."""
    words = scan.words
    for h in weapon_hits:
        if not is_gun(words[h.start]):
            continue
        for mi in mis:
            m = scan.matches[mi]
            right_after = m.token_start == h.end or (m.token_start == h.end + 1 and words[h.end] in ("قاعده", "قاعدتي"))
            if right_after and _coalition_site(m):
                return h.start, mi
    return 0, None


def sentence_date(scan: ArticleScan, sentence: Sentence) -> EventDate | None:
    """The date a whole sentence states (when no clause of it had its own)."""
    if not _any_in(scan, "date", sentence.token_start, sentence.token_end):
        return None
    when = _date(scan.norm.folded(sentence.start, sentence.end), scan.published)
    return when if when is not None and (when.date is not None or when.text) else None


def _casualties(folded: str) -> tuple[int | None, int | None]:
    return casualties(folded)


def _date(folded: str, published: dt.date | None) -> EventDate | None:
    return parse_date(folded, published=published)

