"""The same strike told more than once: which tellings are one event, and which wins.

News restates: a headline over the body, a lead summarising what follows, a toll
update, a sentence that details the towns a summary named, the same strike told
again with one place more. Drafts of one event merge here; what one telling lacks
(actor, weapon, casualties, date) comes from another (:func:`absorb`).

* a headline line folds into the body when its places are the body's, or a town
  the body's villages lie near (:func:`fold_headline`);
* a strike whose only place is a governorate or a wide area gives way to a
  specific telling of the same event close by, or in the lead (:func:`drop_generic`);
* a telling that named only towns gives way to the sites told in them a
  sentence or two later, and a toll update to the strike it counts
  (:func:`refine_summaries`);
* tellings of one side whose place sets nest and whose dates agree are one
  event (:func:`merge`).
"""

from __future__ import annotations

from typing import Final, TYPE_CHECKING

from extract.model import EventDate, PlaceMention
from geodata.arabic import name_key
from geodata.distance import km

if TYPE_CHECKING:  # pragma: no cover
    from extract.events import Draft

__all__ = ["absorb", "compatible", "details", "drop_generic", "fold_headline", "headline_sentences", "merge",
           "refine_summaries", "target_keys"]

NEAR_SENTENCES: Final = 2      # a specific restatement this close replaces a generic event
_LEAD_SENTENCES: Final = 3     # the lead: an article's first sentences summarise it
_HEADLINE_WORDS: Final = 25    # a headline line is at most this long
_HEADLINE_KM: Final = 75       # a headline's town and the body's villages: one strike
_SUMMARY_KM: Final = 15        # a site this close to a town the summary named is in it
_SITE_KINDS: Final = frozenset({"base", "oil_field", "gas_field", "airport", "crossing", "shrine", "site"})
# How far apart two dates may be and still be one event, by the looser precision:
# a day ±1 (reports straddle midnight), «last week» ±3, a month ±15.
_TOLERANCE: Final = {1: 1, 2: 3, 3: 15}


def compatible(a: EventDate | None, b: EventDate | None, *, loose: bool = False) -> bool:
    """Whether two dates can be one event's. *loose*: one of them was carried
    over from an earlier sentence, a guess worth a week's slack."""
    if a is None or b is None:
        return True
    if a.date is not None and b.date is not None:
        tol = max(_TOLERANCE.get(a.precision or 1, 1), _TOLERANCE.get(b.precision or 1, 1))
        if loose:
            tol = max(tol, 7)
        return abs((a.date - b.date).days) <= tol
    if a.date is None and b.date is None:
        return not a.text or not b.text or a.text == b.text
    return True


def target_keys(d: "Draft") -> set:
    return {t.key or name_key(t.text) for t in d.targets}


def absorb(into: "Draft", d: "Draft") -> None:
    """Fill what *into* lacks from *d* (a restatement of the same event)."""
    if (not into.who.stated and d.who.stated) or (
            into.who.actor == "unknown" and d.who.stated and d.who.actor != "unknown"):
        # «طيراناً مسيّراً مجهولاً» restated as «طيران مسيّر يرجح أنه تابع للتحالف»:
        # the attribution, hedge and all, is kept (the hedge says how sure)
        into.who = d.who
    for name in ("weapon", "killed", "wounded", "origin", "responds_to"):
        if getattr(into, name) is None and getattr(d, name) is not None:
            setattr(into, name, getattr(d, name))
    if into.when is None or (into.when.date is None and d.when is not None and d.when.date is not None):
        into.when = d.when
    elif (not into.date_own and d.date_own and d.when is not None and d.when.date is not None):
        into.when = d.when
        into.date_own = True


def refine_summaries(drafts: list["Draft"]) -> list["Draft"]:
    """«الضربات التي استهدفت مواقع في مدينتي الميادين والبوكمال … . وطالت الضربات مقرات في حي
    الجمعيات بالبوكمال ومحيط قلعة الرحبة قرب الميادين»: when the strike told again a sentence
    or two later names sites in the towns the first telling named, the sites are the event
    and the towns were its summary."""
    out: list["Draft"] = []
    gone: set[int] = set()
    for i, s in enumerate(drafts):
        if not s.target_places or any(p is None or p.kind not in ("city", "town") for p in s.target_places):
            continue  # (only a summary that named towns alone can be detailed)
        # «كشفت مصادر اليوم أن حصيلة القتلى جراء الضربات على الميادين ارتفعت …. وكانت مقاتلات
        # قد قصفت السبت مقراً في ثانوية عبد المنعم رياض»: a toll's date is the count's
        toll = s.reading.folded is not None and "حصيله" in s.reading.folded
        for d in drafts:
            if d is s or d.role != s.role or id(d) in gone:
                continue
            gap = d.reading.sentence.index - s.reading.sentence.index
            if toll:
                if not 0 < abs(gap) <= NEAR_SENTENCES:
                    continue
            elif not (d.reading.anaphoric and 0 < gap <= NEAR_SENTENCES and compatible(s.when, d.when)):
                continue
            if details(s.targets, s.target_places, d.target_places):
                absorb(d, s)
                s.merged_into = d
                gone.add(id(s))
                break
    out = [d for d in drafts if id(d) not in gone]
    return out


def details(targets: list[PlaceMention], places: list, sites: list) -> bool:
    """Whether *sites* detail *places*, a summary that named only towns: each site lies by
    one of the towns (a desert around one), and each town has a site by it."""
    towns = [p for p in places if p is not None and p.kind in ("city", "town")]
    sites = [p for p in sites if p is not None]
    if not towns or len(towns) != len(targets) or not sites or any(p.kind in ("city", "town") for p in sites):
        return False
    return all(any(km((p.lat, p.lon), (t.lat, t.lon)) <= _SUMMARY_KM + p.uncertainty_km for t in towns)
               for p in sites) and \
        all(any(km((p.lat, p.lon), (t.lat, t.lon)) <= _SUMMARY_KM for p in sites) for t in towns)


def headline_sentences(scan) -> int:
    """How many sentences the article's headline line holds (0 when it has none): a
    first line that is short, closed by a line break rather than a full stop, with
    the body after it («هجوم على «كونوكو» وغارات على الميادين… تصعيد جديد»)."""
    text = scan.text
    end = text.find("\n")
    if end < 0 or not text[end:].strip() or text[:end].rstrip()[-1:] in (".", "؟", "!"):
        return 0
    inside = [s for s in scan.sentences if s.end <= end]
    if not inside or inside[-1].token_end > _HEADLINE_WORDS or len(inside) == len(scan.sentences):
        return 0
    return len(inside)


def fold_headline(scan, drafts: list["Draft"]) -> list["Draft"]:
    """A headline restates the body («عدوان أمريكي جديد على البوكمال» over «… في
    بلدة الهري وحي الجمعيات بمدينة البوكمال»): its strike is one the body tells
    when each of its places is a place the body's strikes name, or lies within
    :data:`_HEADLINE_KM` of one struck by the same side. The body's account wins."""
    if not drafts:
        return drafts
    head = headline_sentences(scan)
    if drafts[0].reading.sentence.index >= head:
        return drafts
    body = [d for d in drafts if d.reading.sentence.index >= head]
    named = {t.key or name_key(t.text) for d in body for t in d.targets}
    out = []
    for d in drafts:
        if d.reading.sentence.index >= head or not body:
            out.append(d)
            continue
        same = [b for b in body if b.role == d.role]
        points = [(p.lat, p.lon) for b in same for p in b.target_places if p is not None]

        def told(t, p) -> bool:
            # (a shared name the headline leaves open, «التنف», is told if one of its readings is)
            # (a town or an area may stand for the villages the body names; a base only for itself)
            return (t.key or name_key(t.text)) in named or not named.isdisjoint(t.candidates) or (
                p is not None and p.kind not in _SITE_KINDS
                and any(km((p.lat, p.lon), q) <= _HEADLINE_KM for q in points))

        if not all(told(t, p) for t, p in zip(d.targets, d.target_places)):
            out.append(d)
            continue
        if same:
            absorb(same[0], d)
    return out


def drop_generic(drafts: list["Draft"]) -> list["Draft"]:
    specific = [d for d in drafts if not d.generic]
    out: list["Draft"] = []
    pairs: list[tuple["Draft", "Draft"]] = []
    for g in drafts:
        if not g.generic:
            out.append(g)
            continue
        gi = g.reading.sentence.index
        same_role = [s for s in specific if s.role == g.role]
        near = next((s for s in same_role if 0 <= s.reading.sentence.index - gi <= NEAR_SENTENCES
                     and compatible(g.when, s.when)), None)
        if near is None and g.when is not None and g.when.date is not None:
            near = next((s for s in same_role if s.when is not None and s.when.date == g.when.date), None)
        if near is None and gi < _LEAD_SENTENCES and same_role:
            # the lead summarises what the article then details: drop it,
            # but do not pin its details on one of the specific events
            g.merged_into = None
            continue
        if near is None:
            out.append(g)
            continue
        g.merged_into = near
        pairs.append((g, near))
    # a strike's missing details come from the closest earlier statement by
    # the same side first («كثفت القوات الأميركية قصفها المدفعي» just before
    # «واستهدفت القوات الأميركية …»), not from whichever summary came first
    pairs.sort(key=lambda p: (p[0].who.actor != p[1].who.actor,
                              abs(p[1].reading.sentence.index - p[0].reading.sentence.index)))
    for g, near in pairs:
        absorb(near, g)
    return out


def merge(drafts: list["Draft"]) -> list["Draft"]:
    out: list["Draft"] = []
    # each kept draft's target keys, made once (not again for every later draft compared with it)
    keys: dict[int, set] = {}
    for d in drafts:
        dk = target_keys(d)
        host = None
        for e in out:
            if e.role != d.role:
                continue
            ek = keys[id(e)]
            if (dk <= ek or ek <= dk) and compatible(e.when, d.when, loose=not (e.date_own and d.date_own)):
                host = e
                break
        if host is None:
            out.append(d)
            keys[id(d)] = dk
            continue
        absorb(host, d)
        if len(dk) > len(keys[id(host)]):
            # the fuller statement becomes the excerpt, so every place's
            # offset lies inside it
            host.reading, host.targets, host.target_places = d.reading, list(d.targets), list(d.target_places)
            host.excerpt_end = d.excerpt_end
            keys[id(host)] = dk
        d.merged_into = host
    return out
