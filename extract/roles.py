"""Who struck whom in a clause: the role (attack, retaliation, other) and the actor.

A hit on US/coalition forces or bases is an ``attack``; a US/coalition (or
unknown aircraft) strike on militia or government positions is a
``retaliation``; any other strike between named parties is ``other``. The
actor is the agent that fits the role, with its hedge («يرجح أنها تابعة
للتحالف») and its text as written.

>>> from geodata import Gazetteer, Place
>>> from extract import extract_events
>>> gaz = Gazetteer([Place(key="quriyah", name_ar="القورية", name_en="Al-Quriyah", kind="town",
...     lat=34.98, lon=40.53)])
>>> [(e.role, e.actor, e.actor_hedge) for e in extract_events(
...     "قصفت طائرات يرجح أنها تابعة للتحالف الدولي مواقع لحزب الله في القورية.", gazetteer=gaz)]
[('retaliation', 'us_coalition', 'يرجح أنها تابعة')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Sequence, TYPE_CHECKING

from extract.actors import ActorMention, agency, GOV, IRAN, mentions_from_hits, SDF, UNKNOWN, US
from extract.scan import QUOTE_RE, _any_in, _cut_start, _hits_in, ArticleScan, LEXICON
from geodata.arabic import token_variants
from geodata.distance import euphrates_bank

if TYPE_CHECKING:  # pragma: no cover
    from geodata.gazetteer import Place


@dataclass(frozen=True, slots=True)
class Agent:
    """Who acted, as the text says it: the canonical actor, the words as written,
    the named group, the hedge («يرجح أنها تابعة»), and whether the clause states it.

    A clause's reading and an event's draft each hold one; a clause that names no
    one takes over another's whole (frozen: shared, never changed in place).
    """

    actor: str | None
    text: str
    group: str | None
    hedge: str | None
    stated: bool

    # (written out, not generated: compiled by mypyc it runs natively; see extract/model.py)
    def __init__(self, actor: str | None, text: str, group: str | None, hedge: str | None, stated: bool) -> None:
        object.__setattr__(self, "actor", actor)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "group", group)
        object.__setattr__(self, "hedge", hedge)
        object.__setattr__(self, "stated", stated)

    def or_unknown(self) -> Agent:
        """This agent with ``"unknown"`` for no actor: what an event's draft holds."""
        return self if self.actor else Agent(UNKNOWN, self.text, self.group, self.hedge, self.stated)


# a clause that names no one (shared: most clauses)
NO_ONE: Final = Agent(None, "", None, None, False)


def _actors(scan: ArticleScan, a: int, b: int, trig: list[int], places: Sequence["Place | None"],
            weapon: str | None, hedges: list[int], mentions: list[ActorMention], agency_of: dict[int, str],
            floor: int = 0) -> tuple[str | None, Agent]:
    """(role, agent) of a clause."""
    agents: list[ActorMention] = []
    outside: list[ActorMention] = []  # agents of a party outside the three sides
    hit: set[str] = set()  # the sides hit, and the sides striking
    acting: set[str] = set()
    # (one pass that fills all four: this runs once per clause, and a comprehension
    # per list or set cost more than the reading itself)
    for m in mentions:
        how = agency_of.get(m.start, "agent")
        if how == "agent":
            agents.append(m)
            acting.add(m.actor)
            if m.party not in _SIDES:
                outside.append(m)
        elif how == "patient":
            hit.add(m.actor)
    affil = {p.affiliation for p in places if p is not None}
    p_us = US in hit or "coalition" in affil
    p_ir = IRAN in hit or GOV in hit or not affil.isdisjoint(_IRAN_SIDE)
    a_us = US in acting
    a_ir = IRAN in acting
    role: str | None
    known: list = []

    def early_of() -> list[ActorMention]:
        # the sentence's subjects before this clause, read once if at all
        if not known:
            known.append(_early_agents(scan, floor, a))
        return known[0]

    if outside and not (p_us and a_ir) and not (p_ir and a_us):
        role = "other"
    elif p_us and not p_ir:
        role = "attack"
    elif p_ir and not p_us:
        role = "retaliation"
    elif p_us and p_ir and "coalition" in affil and affil.isdisjoint(_IRAN_SIDE):
        role = "attack"
    elif p_us and p_ir and not affil.isdisjoint(_IRAN_SIDE) and "coalition" not in affil:
        role = "retaliation"
    elif a_us and not a_ir:
        role = "retaliation"
    elif a_ir and not a_us:
        # «قصف شنّه مرتزقة المجموعات المرتبطة بإيران على بلدتي ذيبان والحوايج»: fire on the
        # SDF-held east bank, no coalition site named, is no attack on the coalition
        # («على نقطة عسكرية لـ«قسد»»: the SDF hit, not the coalition)
        role = "other" if SDF in hit or _east_bank_only(places) else "attack"
    elif trig and (weapon == "airstrike" or _any_in(scan, "aircraft", a, b)):  # (aircraft: asked only here)
        role = "retaliation"
    elif trig and weapon in ("drone", "airstrike", "missile") and any(m.actor == UNKNOWN for m in agents):
        # «استهدفت مسيرة مجهولة منصة صواريخ …»: an unknown aircraft on a target not the coalition's
        role = "retaliation"
    else:
        role = None
    if role is None and a > floor:
        # «لاحقت مروحيات التحالف …، واستهدفتهم في محيط قرية الطابية»: the one who
        # strikes is the subject of the sentence, before this clause
        early = early_of()
        if any(m.actor == US for m in early) and not any(m.actor == IRAN for m in early):
            role = "retaliation"
        elif any(m.actor == IRAN for m in early) and not any(m.actor == US for m in early):
            role = "attack"
    # Who: the agent that fits the role.
    chosen: ActorMention | None = None
    if role == "attack":
        chosen = _first(agents, US, False)
    elif role == "retaliation":
        # «طائرات مجهولة، يرجح أنها تابعة للتحالف»: the hedged coalition wins
        chosen = _first(agents, US) or _first(agents, UNKNOWN) or _first(agents, IRAN, False)
    elif role == "other":
        chosen = outside[0] if outside else (agents[0] if agents else None)
    if chosen is None and role in ("attack", "retaliation") and a > floor:
        # «وكانت واشنطن قد ردت … بشن ضربات على …»: the subject sits earlier in the sentence
        want = (IRAN,) if role == "attack" else (US,)
        chosen = next((m for m in reversed(early_of()) if m.actor in want), None)
    if chosen is None:
        return role, NO_ONE
    toks = scan.tokens
    first = chosen.start
    if not chosen.named and first > min(a, floor) and (scan.heads.get(first - 1) == "air"
                                                        or scan.heads.get(first - 2) == "air"):
        # «طائرة أمريكية», «طائرات حربية مجهولة»: the aircraft with its flag
        first = first - 1 if scan.heads.get(first - 1) == "air" else first - 2
    text = _clean_actor_text(scan, first, scan.text[toks[first].start:toks[chosen.end - 1].end])
    hedge = None
    for hi in hedges:
        if chosen.start - 6 <= hi < chosen.start:
            hedge = scan.text[toks[hi].start:toks[chosen.start - 1].end].strip()
            break
    return role, Agent(chosen.actor, text, chosen.party_group, hedge, True)


# The parties that are one of the three sides, and the places' affiliations on Iran's side.
_SIDES: Final = (US, IRAN, UNKNOWN)
_IRAN_SIDE: Final = frozenset({"militia", "government"})


def _first(mentions: list[ActorMention], actor: str, same: bool = True) -> ActorMention | None:
    """The first mention whose actor is *actor* (or, with ``same=False``, is not).

    (A loop, not ``next()`` over a generator: called once or three times per clause.)
    """
    for m in mentions:
        if (m.actor == actor) == same:
            return m
    return None


_BANK_KM: Final = 15  # the villages along the river, not the Jazira's bases far from it
_BANKS: Final[dict[tuple, str | None]] = {}  # place -> its bank, worked out once


def _east_bank_only(places: Sequence["Place | None"]) -> bool:
    """Whether every place is known, lies on the Euphrates' east bank and is no coalition site."""
    return bool(places) and all(
        p is not None and p.affiliation != "coalition" and p.kind not in ("base", "oil_field", "gas_field")
        and _bank(p) == "east" for p in places)


def _bank(p: "Place") -> str | None:
    """The Euphrates bank a place lies on (within :data:`_BANK_KM`), asked once per place."""
    key = (p.key, p.lat, p.lon)
    if key not in _BANKS:
        _BANKS[key] = euphrates_bank(p.lat, p.lon, max_km=_BANK_KM)
    return _BANKS[key]


def _early_agents(scan: ArticleScan, floor: int, a: int) -> list[ActorMention]:
    """Actor mentions that act, in the sentence before token *a*."""
    # (the actor kinds merged in token order; mentions_from_hits reads each kind apart)
    early = mentions_from_hits(_hits_in(scan, "@actors", floor, a), scan.heads, scan.words)
    return [m for m in early if agency(scan.words, m.start, scan.heads, floor=floor) == "agent"]


def mention_text(scan: ArticleScan, m: ActorMention) -> str:
    """The words of actor mention *m* as written, cleaned as :func:`_clean_actor_text` says."""
    toks = scan.tokens
    return _clean_actor_text(scan, m.start, scan.text[toks[m.start].start:toks[m.end - 1].end])


def _clean_actor_text(scan: ArticleScan, i: int, text: str) -> str:
    """The actor as written, without quotes and without a proclitic glued to it
    («لقوات "التحالف» → «قوات التحالف», «للتحالف الدولي» → «التحالف الدولي»)."""
    w = scan.words[i]
    for v in token_variants(w)[1:]:
        if v in LEXICON._index and not (w.startswith("ال") and not v.startswith("ال")):
            tok = scan.tokens[i]
            if w.startswith("لل") and v == "ال" + w[2:]:
                # ل + ال is written لل: drop the ل and restore the article's alif
                text = "ا" + text[_cut_start(scan, i, 1) - tok.start:]
                break
            cut = len(w) - len(v)
            text = text[_cut_start(scan, i, cut) - tok.start:]
            break
    return " ".join(QUOTE_RE.sub(" ", text).split())


