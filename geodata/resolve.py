"""Which place a name means: disambiguation from the words around it.

Some names belong to several gazetteer rows: «التنف» is the coalition
garrison and the border crossing, «الحسكة» the city and the governorate,
«الصالحية» a village by Deir ez-Zor and another near Albukamal. A
:class:`Resolution` chooses one from the context, in this order:

1. a kind word just before the name, also across a list joined by «و»
   («قاعدة التنف», «حقل الجفرة», «قرى المريعية ومراط والجفرة»), or an
   adjective just after it («التنف الحدودي», «الجفرة النفطي»);
2. a qualifier just after it: the river bank («الصالحية شرقي الفرات»), a
   direction from a place («شمال دير الزور»), a countryside or
   neighbourhood («بريف البوكمال», «قرب الميادين»);
3. the other places of the context (and ``ResolveContext.near``): the
   candidate nearest to them, if clearly nearer.

When nothing separates the candidates, ``place`` is None and
``candidates`` lists them. ``confidence`` is about the *choice* (1.0 for a
name only one row carries), not about the coordinate.

>>> from geodata.gazetteer import Gazetteer, Place
>>> garrison = Place(key="tanf_garrison", name_ar="التنف", aliases_ar=("قاعدة التنف",),
...     name_en="al-Tanf garrison", kind="base", lat=33.49, lon=38.63, shared_names=("التنف",))
>>> crossing = Place(key="tanf_crossing", name_ar="التنف",
...     name_en="al-Tanf border crossing", kind="crossing", lat=33.41, lon=38.67,
...     shared_names=("التنف",))
>>> gaz = Gazetteer([garrison, crossing])
>>> r = gaz.resolve("التنف", context="أغلقت السلطات معبر التنف أمام الشاحنات")
>>> r.place.key, r.reason
('tanf_crossing', 'kind word «معبر» before the name: crossing')
>>> r = gaz.resolve("التنف", context="سقطت مسيرة داخل قاعدة التنف")
>>> r.place.key, r.reason
('tanf_garrison', 'the context names it «قاعدة التنف»')
>>> gaz.resolve("التنف").place is None, [p.key for p in gaz.resolve("التنف").candidates]
(True, ['tanf_garrison', 'tanf_crossing'])
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, TYPE_CHECKING, Iterable, Sequence

from geodata.arabic import NormalizedText, name_key, normalize, token_variants
from geodata.distance import euphrates_bank
from geodata.matcher import later_word_key

if TYPE_CHECKING:  # pragma: no cover
    from geodata.gazetteer import Gazetteer, NameMatch, Place

__all__ = ["Resolution", "ResolveContext", "resolve", "choose", "KIND_WORDS"]


@dataclass(frozen=True, slots=True)
class ResolveContext:
    """What surrounds a name: the sentence (or article) and places known to be
    mentioned with it. ``start`` is the name's offset in ``text`` if known.
    ``text`` may be an already normalised text (saves folding it again), and
    ``matches`` the gazetteer's ``find`` of that very text (saves a second scan)."""

    text: "str | NormalizedText" = ""
    near: tuple["Place", ...] = ()
    start: int | None = None
    matches: "tuple[NameMatch, ...] | None" = None


@dataclass(frozen=True, slots=True)
class Resolution:
    """The chosen place (None if undecided), how sure, the candidates, and why."""

    place: "Place | None"
    confidence: float
    candidates: tuple["Place", ...]
    reason: str

    @property
    def resolved(self) -> bool:
        return self.place is not None


# Folded kind words (and their duals/plurals) -> the kinds they announce.
_FIELD: Final = ("oil_field", "gas_field")
_SETTLEMENT: Final = ("town", "village")
KIND_WORDS: Final[dict[str, tuple[str, ...]]] = {
    # singular, dual (genitive and nominative), plural
    **dict.fromkeys(("حقل", "حقلي", "حقلا", "حقول"), _FIELD),
    **dict.fromkeys(("قاعده", "قاعدتي", "قاعدتا", "قواعد", "ثكنه"), ("base",)),
    **dict.fromkeys(("معبر", "معبري", "معبرا", "معابر", "منفذ"), ("crossing",)),
    **dict.fromkeys(("محافظه", "محافظتي", "محافظتا", "محافظات"), ("governorate",)),
    **dict.fromkeys(("ريف", "ارياف"), ("governorate", "region")),
    **dict.fromkeys(("مدينه", "مدينتي", "مدينتا", "مدن"), ("city", "town")),
    **dict.fromkeys(("بلده", "بلدتي", "بلدتا", "بلدات"), _SETTLEMENT),
    **dict.fromkeys(("قريه", "قريتي", "قريتا", "قري"), ("village", "town")),
    # Iraqi districts and subdistricts are named after their town.
    **dict.fromkeys(("ناحيه", "قضاء"), ("town", "city")),
    **dict.fromkeys(("مطار", "مطاري"), ("airport",)),
    **dict.fromkeys(("باديه", "صحراء", "صحراء"), ("desert", "region")),
    **dict.fromkeys(("حي", "احياء"), ("neighbourhood",)),
    **dict.fromkeys(("مزار", "مقام"), ("shrine",)),
    **dict.fromkeys(("جزيره",), ("island",)),
    **dict.fromkeys(("نهر",), ("river",)),
}
# Words that only hint at a wide area: weaker evidence.
_WEAK_KIND_WORDS: Final[dict[str, tuple[str, ...]]] = {
    **dict.fromkeys(("منطقه", "مناطق"), ("governorate", "region", "desert")),
    # «شرق دير الزور», «شمال الحسكة»: the area around, more often than the city.
    **dict.fromkeys(("شمال", "شمالي", "شرق", "شرقي", "جنوب", "جنوبي", "غرب", "غربي"),
                    ("governorate", "region", "desert")),
}
# Adjectives after the name.
_KIND_AFTER: Final[dict[str, tuple[str, ...]]] = {
    "نفطي": _FIELD, "نفطيين": _FIELD, "نفطيه": _FIELD,
    "غازي": ("gas_field",),
    "عسكريه": ("base",), "عسكري": ("base",),
    "حدودي": ("crossing",),
    "عراقي": (), "عراقيه": (), "سوري": (), "سوريه": (), "اردني": (), "اردنيه": (),
}
# Country adjectives after a name («عكاشات العراقية»).
_COUNTRY_WORDS: Final = {"العراق": "IQ", "عراق": "IQ", "الانبار": "IQ", "سوريا": "SY", "سوريه": "SY",
                  "الاردن": "JO", "اردن": "JO"}
_COUNTRY_WINDOW: Final = 10
_COUNTRY_AFTER_WINDOW: Final = 3  # «عكاشات بالبادية العراقية»
_COUNTRY_AFTER: Final = {"عراقي": "IQ", "عراقيه": "IQ", "سوري": "SY", "سوريه": "SY",
                  "اردني": "JO", "اردنيه": "JO"}
# Words that may stand between a kind word and its name («قاعدة التحالف الدولي في التنف»).
_FILLERS: Final = frozenset({
    "تحالف", "دولي", "امريكيه", "امريكي", "اميركيه", "اميركي", "عسكريه", "عسكري",
    "غاز", "نفط", "نفطي", "غازي", "حدودي", "في", "كل", "من",
})
_DIRECTIONS: Final[dict[str, float]] = {
    "شمال": 0, "شمالي": 0, "شرق": 90, "شرقي": 90, "جنوب": 180, "جنوبي": 180,
    "غرب": 270, "غربي": 270,
    "شماليه": 0, "شرقيه": 90, "جنوبيه": 180, "غربيه": 270,
}
# Words allowed between a name and the place that qualifies it («الصالحية بريف البوكمال»).
_GLUE: Final = frozenset({"ريف", "باديه", "قرب", "بالقرب", "من", "في", "محيط", "اطراف", "مدينه",
                   "محافظه", "منطقه", "ضواحي", "نهر", "ضمن", "واقعه", "الواقعه",
                   "علي", "ضفه", "بلده", "قريه"}) | frozenset(_DIRECTIONS)
_RIVER: Final = frozenset({"فرات"})
_STOP: Final = set(".!?؟:;؛()[]\n")
_MAX_QUALIFIER_GAP: Final = 4


def _context(context: "ResolveContext | str | NormalizedText") -> ResolveContext:
    return context if isinstance(context, ResolveContext) else ResolveContext(text=context or "")


def _first_in(word: str, table: dict[str, tuple[str, ...]]) -> tuple[str, tuple[str, ...]] | None:
    for v in token_variants(word):
        k = later_word_key(v)
        if k in table:
            return k, table[k]
        if v in table:
            return v, table[v]
    return None


def _plain(word: str, vocabulary: Iterable[str]) -> str | None:
    """The reading of a context word (proclitics, article stripped) that is in
    *vocabulary*, earliest first; None if no reading is."""
    for v in token_variants(word):
        for k in (v, later_word_key(v)):
            if k in vocabulary:
                return k
    return None


def _bearing(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lat2 = math.radians(a[0]), math.radians(b[0])
    dlon = math.radians(b[1] - a[1])
    y = math.sin(dlon) * math.cos(lat2)
    x = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlon)
    return math.degrees(math.atan2(y, x)) % 360


@lru_cache(maxsize=65536)
def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km (haversine, mean earth radius).

    Within 0.5% of the WGS84 geodesic, which is plenty to order candidates
    a few to a hundred km apart, and a hundred times cheaper to compute.

    >>> round(km((35.336, 40.140), (34.452, 40.918)))   # Deir ez-Zor city to Albukamal
    121
    """
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _angle(a: float, b: float) -> float:
    d = abs(a - b) % 360
    return min(d, 360 - d)


# Kinds whose coordinate is only a centroid: useless for distances.
_CENTROIDS: Final = ("governorate", "region", "river")


def _refs(places: Iterable["Place"]) -> list["Place"]:
    """Places whose coordinate can anchor a distance (not a governorate's centroid)."""
    return [p for p in places if p.kind not in _CENTROIDS]


def _not_among(places: Iterable["Place"], cands: Sequence["Place"]) -> list["Place"]:
    """*places* that are none of *cands*. Equal places have equal keys, so a
    key test settles most without comparing every field of two rows."""
    keys = {c.key for c in cands}
    return [p for p in places if p.key not in keys or p not in cands]


def _nearest(cands: Sequence["Place"], refs: Sequence["Place"], *,
             ratio: float, min_gap_km: float) -> tuple["Place", float, float] | None:
    """The candidate clearly nearest to *refs*: (place, its km, runner-up km)."""
    refs = _not_among(refs, cands)
    if not refs or len(cands) < 2:
        return None
    dists = sorted(
        ((min(km(c.point, r.point) for r in refs), i, c) for i, c in enumerate(cands)),
        key=lambda t: (t[0], t[1]),
    )
    (d1, _, best), (d2, _, _) = dists[0], dists[1]
    if d1 <= ratio * d2 and d2 - d1 >= min_gap_km:
        return best, d1, d2
    return None


class _Scene:
    """The context text, its tokens and every gazetteer name in it."""

    def __init__(self, gaz: "Gazetteer", text: "str | NormalizedText",
                 matches: "Sequence[NameMatch] | None" = None) -> None:
        self.norm: NormalizedText = text if isinstance(text, NormalizedText) else normalize(text)
        self.tokens = self.norm.tokens
        self.matches = list(matches) if matches is not None else gaz.find(self.norm)
        self.by_last = {m.token_end - 1: m for m in self.matches}

    def gap(self, k: int) -> str:
        """Original text between token k and token k+1."""
        t = self.tokens
        return self.norm.original[t[k].end:t[k + 1].start]

    @staticmethod
    def _conj(m: "NameMatch") -> bool:
        return m.name_start > m.start and m.text[:1] == "و"

    def country_near(self, m: "NameMatch") -> tuple[str, str] | None:
        """The country (ISO2) named by a word like «العراق» a few words before *m*,
        or «العراقية» just after it, within its sentence: (country, the word as folded)."""
        tokens = self.tokens
        for k in range(m.token_start - 1, max(-1, m.token_start - 1 - _COUNTRY_WINDOW), -1):
            if _STOP & set(self.gap(k)):
                break
            for v in token_variants(tokens[k].text):
                if v in _COUNTRY_WORDS:
                    return _COUNTRY_WORDS[v], f"«{v}» before the name"
        for k in range(m.token_end, min(len(tokens), m.token_end + _COUNTRY_AFTER_WINDOW)):
            if _STOP & set(self.gap(k - 1)):
                break
            for v in token_variants(tokens[k].text):
                if v in _COUNTRY_AFTER:
                    return _COUNTRY_AFTER[v], f"«{v}» after the name"
        return None

    def kind_before(self, m: "NameMatch") -> tuple[str, tuple[str, ...], bool] | None:
        """(word, kinds, strong) of the kind word governing *m*, if any."""
        tokens = self.tokens
        k = m.token_start - 1
        conj = self._conj(m)
        fillers = hops = 0
        while k >= 0 and hops <= 8:
            gap = self.gap(k)
            if _STOP & set(gap):
                return None
            word = tokens[k].text
            hit = _first_in(word, KIND_WORDS)
            if hit:
                return hit[0], hit[1], True
            hit = _first_in(word, _WEAK_KIND_WORDS)
            if hit:
                return hit[0], hit[1], False
            prev = self.by_last.get(k)
            if prev is not None and (conj or "," in gap or "،" in gap):
                conj, k, hops, fillers = self._conj(prev), prev.token_start - 1, hops + 1, 0
                continue
            if word == "و":
                conj, k = True, k - 1
                continue
            if _plain(word, _FILLERS) and fillers < 3:
                fillers, k = fillers + 1, k - 1
                continue
            return None
        return None

    def is_dateline(self, m: "NameMatch") -> bool:
        """The name opens the text alone on its line or before a dash/colon
        («دير الزور – ...»): a news dateline, which names a city."""
        original = self.norm.original
        if original[:m.start].strip():
            return False
        rest = original[m.end:m.end + 4]
        return rest[:1] in ("\n", ":", "-", "–", "—", "،", "") or rest.lstrip(" ")[:1] in ("-", "–", "—", ":")

    def kind_after(self, m: "NameMatch") -> tuple[str, tuple[str, ...]] | None:
        j = m.token_end
        if j >= len(self.tokens) or _STOP & set(self.gap(j - 1)):
            return None
        return _first_in(self.tokens[j].text, _KIND_AFTER)

    def qualifier(self, m: "NameMatch") -> tuple[list[str], "NameMatch | None", str | None]:
        """Glue words after *m*, the place match they lead to, and a river bank."""
        tokens = self.tokens
        glue: list[str] = []
        j = m.token_end
        while j < len(tokens) and len(glue) <= _MAX_QUALIFIER_GAP:
            if _STOP & set(self.gap(j - 1)):
                break
            word = tokens[j].text
            if _plain(word, _RIVER):
                dirs = [_DIRECTIONS[g] for g in glue if g in _DIRECTIONS]
                side = {90.0: "east", 270.0: "west"}.get(dirs[-1]) if dirs else None
                return glue, None, side
            nxt = next((q for q in self.matches if q.token_start == j), None)
            if nxt is not None:
                words = [_plain(w, _DIRECTIONS) or _plain(w, _RIVER) for w in nxt.key]
                if "فرات" in words:  # «شرقي الفرات» may itself be a gazetteer region
                    dirs = [_DIRECTIONS[g] for g in glue + words if g in _DIRECTIONS]
                    side = {90.0: "east", 270.0: "west"}.get(dirs[-1]) if dirs else None
                    return glue, None, side
                return glue, nxt, None
            plain = _plain(word, _GLUE)
            if plain is None:
                break
            glue.append(plain)
            j += 1
        return glue, None, None


def _decide(cands: tuple["Place", ...], scene: _Scene, mentions: list["NameMatch"],
            ctx: ResolveContext) -> Resolution:
    pool = list(cands)
    notes: list[str] = []

    def done(place: "Place", confidence: float, reason: str) -> Resolution:
        return Resolution(place, round(confidence, 2), cands, "; ".join(notes + [reason]))

    # 0. the context spells out a longer name only one candidate carries
    #    («معبر التنف» when asked about «التنف»).
    own = {m.places[0] for m in mentions if len(m.places) == 1 and m.places[0] in cands}
    if len(own) == 1:
        place = own.pop()
        written = next(m.name for m in mentions if m.places == (place,))
        return done(place, 0.95, f"the context names it «{written}»")

    # 1. a country named just before or after it, in the same sentence («وفي العراق،
    #    استُهدفت مقار في القائم وعكاشات», «منطقة عكاشات بالبادية العراقية»): it
    #    outweighs a kind word, which both candidates may answer to.
    if len({p.country for p in pool}) > 1:
        for m in mentions:
            near = scene.country_near(m)
            if near is None:
                continue
            country, said = near
            narrowed = [p for p in pool if p.country == country]
            if len(narrowed) == 1:
                return done(narrowed[0], 0.8, f"{said}: {narrowed[0].key} ({country})")

    # 1b. kind words around each mention (the first that narrows wins).
    weak: Resolution | None = None  # a hint («منطقة») used only if nothing better
    for m in mentions:
        found = scene.kind_before(m)
        if found:
            word, kinds, strong = found
            narrowed = [p for p in pool if p.kind in kinds]
            if len(narrowed) == 1:
                if strong:
                    return done(narrowed[0], 0.9, f"kind word «{word}» before the name: {narrowed[0].kind}")
                weak = weak or done(narrowed[0], 0.6, f"«{word}» before the name hints at a {narrowed[0].kind}")
            elif strong and 1 < len(narrowed) < len(pool):
                pool = narrowed
                notes.append(f"kind word «{word}» keeps {', '.join(p.key for p in pool)}")
        after = scene.kind_after(m)
        if after:
            word, kinds = after
            if word in _COUNTRY_AFTER:
                narrowed = [p for p in pool if p.country == _COUNTRY_AFTER[word]]
            else:
                narrowed = [p for p in pool if p.kind in kinds]
            if len(narrowed) == 1:
                return done(narrowed[0], 0.85, f"«{word}» after the name: {narrowed[0].key}")

    # A dateline names the city the report is filed from.
    for m in mentions:
        if scene.is_dateline(m):
            narrowed = [p for p in pool if p.kind in ("city", "town")]
            if len(narrowed) == 1:
                return done(narrowed[0], 0.6, "a dateline: the city the report is filed from")

    # 2. qualifiers right after a mention.
    for m in mentions:
        glue, qual, side = scene.qualifier(m)
        if side:
            narrowed = [p for p in pool if euphrates_bank(p.lat, p.lon) == side]
            if len(narrowed) == 1:
                return done(narrowed[0], 0.85, f"on the {side} bank of the Euphrates")
            continue
        if qual is None:
            continue
        qplaces = [q for q in qual.places if q not in pool]
        if not qplaces:
            continue
        dirs = [_DIRECTIONS[g] for g in glue if g in _DIRECTIONS]
        qpoints = _refs(qplaces)
        if dirs and qpoints:
            # «شمال شرق» -> the mean of the two directions
            d = math.degrees(math.atan2(sum(math.sin(math.radians(x)) for x in dirs),
                                        sum(math.cos(math.radians(x)) for x in dirs))) % 360
            narrowed = [p for p in pool if any(
                km(q.point, p.point) < 150 and _angle(_bearing(q.point, p.point), d) <= 67.5
                for q in qpoints)]
            if len(narrowed) == 1:
                return done(narrowed[0], 0.85, f"qualifier «{' '.join(glue)} {qual.name}»: "
                                               f"{narrowed[0].key} lies that way")
            continue
        govs = [q for q in qplaces if q.kind == "governorate"]
        if govs and (("ريف" in glue or "محافظه" in glue) or not qpoints):
            narrowed = [p for p in pool if p.admin1 in {g.admin1 for g in govs}]
            if len(narrowed) == 1:
                return done(narrowed[0], 0.85, f"qualifier «{qual.name}»: in {narrowed[0].admin1}")
            continue
        best = _nearest(pool, qpoints, ratio=0.5, min_gap_km=10)
        if best:
            return done(best[0], 0.85, f"qualifier «{' '.join(glue + [qual.name])}»: "
                                       f"{best[0].key} is {best[1]:.0f} km from it, the other {best[2]:.0f} km")

    # 3. the other places of the context.
    others: list["Place"] = list(ctx.near)
    if scene is not None:
        keys = {p.key for p in cands}
        for q in scene.matches:
            if len(q.places) != 1 or q.places[0].key in keys:
                continue
            others.extend(q.places)
    refs = _not_among(_refs(others), cands)
    # A city and its governorate are not told apart by distance.
    contains = any(p.kind in ("governorate", "river") for p in pool)
    best = None if contains else _nearest(pool, refs, ratio=0.6, min_gap_km=15)
    if best:
        place, d1, d2 = best
        ref = min(refs, key=lambda r: km(r.point, place.point))
        return done(place, 0.55 + 0.35 * (1 - d1 / d2),
                    f"nearest to {ref.key} mentioned with it ({d1:.0f} km vs {d2:.0f} km)")

    if weak is not None:
        return weak
    if len(pool) == 1:
        return done(pool[0], 0.6, "only candidate left")
    why = "; ".join(notes + ["nothing in the context separates "
                             + ", ".join(p.key for p in pool)])
    return Resolution(None, 0.0, cands, why)


def _mentions(scene: _Scene, cands: tuple["Place", ...], ctx: ResolveContext,
              match: "NameMatch | None") -> list["NameMatch"]:
    if ctx.start is not None:
        at = [m for m in scene.matches if m.start <= ctx.start < m.end]
        if at:
            return at
    if match is not None:
        exact = [m for m in scene.matches if m.start == match.start and m.end == match.end
                 and m.places == match.places]
        if exact:
            return exact
    return [m for m in scene.matches if set(m.places) & set(cands)]


def _scene(gaz: "Gazetteer", text: "str | NormalizedText",
           matches: "Sequence[NameMatch] | None" = None) -> _Scene:
    # Resolving several names of one sentence re-uses its scan.
    cache = gaz.scene_cache
    key = text.original if isinstance(text, NormalizedText) else text
    scene = cache.get(key)
    if not isinstance(scene, _Scene):
        # A scene serves one article (its names are resolved one after the
        # other): keep only the latest. Keeping a few kept their articles'
        # tokens and matches alive too, and freeing them in a heap cost more.
        cache.clear()
        scene = cache[key] = _Scene(gaz, text, matches)
    return scene


def choose(gaz: "Gazetteer", match: "NameMatch", *,
           context: "ResolveContext | str" = "") -> Resolution:
    """Choose among the places of a :class:`~geodata.gazetteer.NameMatch`.

    If ``context.text`` is the text the match was found in (same offsets),
    the words around that very mention decide; otherwise every mention of
    the name in the context counts.
    """
    ctx = _context(context)
    cands = tuple(match.places)
    if len(cands) == 1:
        return Resolution(cands[0], 1.0, cands, "the only place with this name")
    if not cands:
        return Resolution(None, 0.0, (), "no place")
    scene = _scene(gaz, ctx.text, ctx.matches)
    return _decide(cands, scene, _mentions(scene, cands, ctx, match), ctx)


def resolve(gaz: "Gazetteer", name: str, *, context: "ResolveContext | str" = "",
            online: bool | None = None) -> Resolution:
    """Resolve *name* (as written; proclitics allowed) in *context*.

    Names the gazetteer lacks go to its online fallback geocoder when that
    is enabled (see :meth:`Gazetteer.online_enabled`); such places come
    back with ``verified=False``.
    """
    ctx = _context(context)
    cands = gaz.lookup(name)
    if not cands and name_key(name):
        whole = [m for m in gaz.find(name)]
        if len(whole) == 1 and whole[0].token_start == 0 and whole[0].token_end == len(normalize(name).tokens):
            cands = whole[0].places
    if not cands:
        if gaz.online_enabled(online):
            place = gaz.fallback.geocode(name)
            if place is not None:
                return Resolution(place, 0.5, (place,), f"not in the gazetteer; online geocoder: {place.source}")
            return Resolution(None, 0.0, (), "not in the gazetteer; online geocoder found nothing")
        return Resolution(None, 0.0, (), "not in the gazetteer")
    if len(cands) == 1:
        return Resolution(cands[0], 1.0, cands, "the only place with this name")
    scene = _scene(gaz, ctx.text)
    key = name_key(name)
    mentions = _mentions(scene, cands, ctx, None)
    # Prefer mentions spelled like the name asked about.
    same = [m for m in mentions if m.key[-len(key):] == key or m.places == cands]
    return _decide(cands, scene, same or mentions, ctx)
