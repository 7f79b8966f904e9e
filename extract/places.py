"""Which places of a clause are targets: resolution, qualifiers, the theatre.

A place mention is resolved once per article (:func:`_mention`): a kind word
before the name may pick a more precise row («قاعدة … الشدادي»), a shared
name goes to :func:`geodata.resolve.choose` with the whole article as
context, and a bare direction belonging to the country after it is cut off
(«دير الزور شرقي سوريا»). Places outside the theatre or too wide to map
are no targets; a broad area only situates the specific places beside it.

>>> from geodata import Gazetteer, Place
>>> from extract import extract_events
>>> gaz = Gazetteer([
...     Place(key="conoco", name_ar="كونيكو", name_en="Conoco", kind="gas_field", lat=35.34, lon=40.31),
...     Place(key="dez", name_ar="دير الزور", name_en="Deir ez-Zor", kind="city", lat=35.34, lon=40.14)])
>>> [[t.key for t in e.targets] for e in extract_events(
...     "استهدفت الميليشيات قاعدة كونيكو شمال دير الزور بالصواريخ.", gazetteer=gaz)]
[['conoco']]
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Final, TYPE_CHECKING

from extract.model import PlaceMention
from extract.scan import _CLAUSE_BREAK, DIRECTION_WORDS, QUOTE_RE, QUOTES, _any_in, _has, _hits_from, _labels, ArticleScan
from geodata.arabic import fold, token_variants
from geodata.resolve import ResolveContext

if TYPE_CHECKING:  # pragma: no cover
    from geodata.gazetteer import NameMatch, Place


# The theatre: eastern Syria, its borders with Jordan (Tower 22) and Iraq, and the Iraqi
# bases and militia strongholds struck in the same exchanges (Ain al-Asad, Harir,
# Jurf al-Sakhar, Baghdad); not Homs or Damascus, named as distance references.
# (not Final: mypyc loses a Final tuple of floats, «value for final name was not set», mypyc/mypyc#1183)
_THEATRE = (31.0, 37.6, 37.5, 46.0)  # lat min, lat max, lon min, lon max
_TOO_WIDE_KM: Final = 150.0  # «eastern Syria», the Euphrates: no point worth a marker
_BROAD_KM: Final = 60.0
_BROAD_KINDS: Final = frozenset({"governorate", "river", "country"})
# How specific a kind is: a qualifier is never more specific than its target.
_RANK: Final = {"site": 0, "base": 0, "shrine": 0, "airport": 0, "oil_field": 0, "gas_field": 0, "crossing": 0,
         "neighbourhood": 0, "island": 1, "village": 1, "town": 2, "city": 3, "desert": 4, "region": 4,
         "governorate": 5, "river": 5, "country": 6}

def _theatre(p: "Place") -> bool:
    lat0, lat1, lon0, lon1 = _THEATRE
    return lat0 <= p.lat <= lat1 and lon0 <= p.lon <= lon1


def is_broad(p: "Place | None") -> bool:
    """A governorate, a river or a wide region: a place only an analyst's last resort marks."""
    return p is not None and (p.kind in _BROAD_KINDS or p.uncertainty_km >= _BROAD_KM)


def _rank(p: "Place | None") -> int:
    return 3 if p is None else _RANK.get(p.kind, 2)


def _mention(scan: ArticleScan, mi: int) -> tuple[PlaceMention, "Place | None"]:
    """The place mention of match *mi*, resolved (cached per match)."""
    cached = scan.resolved.get(mi)
    m = scan.matches[mi]
    if cached is not None:
        return cached, scan.gazetteer.get(cached.key) if cached.key else None
    place, conf, cands = _resolve(scan, mi)
    if place is not None and place.kind in ("town", "city", "village"):
        base = _base_of(scan, mi, place)
        if base is not None:
            place, conf, cands = base, 0.9, ()
    start = m.name_start if m.name_start >= 0 else m.start
    end = m.end
    trimmed = _trim_direction(scan, m)
    if trimmed is not None:
        end, place, cands = trimmed
        conf = 0.5
    text = scan.text[start:end]
    # (most names hold no quote: one search for any, not an rfind per kind of quote)
    quote = max(text.rfind(q) for q in QUOTES) if QUOTE_RE.search(text) else -1
    if quote >= 0 and text[quote + 1:].strip():
        # «قاعدة ’تل بيدر’», «قاعدة "قسرك"»: the name is what the quotes hold
        start += quote + 1 + (len(text[quote + 1:]) - len(text[quote + 1:].lstrip()))
        text = scan.text[start:end]
    if place is not None:
        prec = place.geo_precision
        pm = PlaceMention(text=text, start=start, end=end, key=place.key, name_en=place.name_en,
                          lat=place.lat, lon=place.lon, geo_precision=prec, confidence=conf,
                          candidates=tuple(c.key for c in cands) if len(cands) > 1 else ())
    else:
        pm = PlaceMention(text=text, start=start, end=end, confidence=0.0,
                          candidates=tuple(c.key for c in cands))
    scan.resolved[mi] = pm
    return pm, place


_BASE_WORDS = frozenset(fold(w) for w in ("قاعدتي", "قاعدتا", "قاعدتين", "قواعد"))


def _base_of(scan: ArticleScan, mi: int, town: "Place") -> "Place | None":
    """«استهداف قاعدتي الشدادي وخراب الجير»: a town named under a dual or plural «bases»
    is the base that bears its name, when the gazetteer has one («قاعدة الشدادي»)."""
    m = scan.matches[mi]
    k = m.token_start - 1
    if k < 0:
        return None
    if scan.words[k] not in _BASE_WORDS:
        # the second of the pair: «قاعدتي X وY»
        prev = scan.matches[mi - 1] if mi > 0 else None
        if not (scan.words[m.token_start].startswith("و") and prev is not None and prev.token_end == m.token_start
                and prev.token_start > 0 and scan.words[prev.token_start - 1] in _BASE_WORDS):
            return None
    for name in (town.name_ar, *town.aliases_ar):
        found = [p for p in scan.gazetteer.lookup("قاعدة " + name) if p.kind == "base"]
        if len(found) == 1:
            return found[0]
    return None


_COUNTRY_WORDS: Final = frozenset({"سوريا", "سوريه", "العراق", "البلاد"})


def _trim_direction(scan: ArticleScan, m: "NameMatch") -> "tuple[int, Place | None, tuple] | None":
    """«بريف دير الزور شرقي سوريا» is «ريف دير الزور» + «شرقي سوريا», not the
    row «ريف دير الزور الشرقي»: a bare direction word that belongs to the
    country after it is cut off the name."""
    last = m.token_end - 1
    if last <= m.token_start or scan.words[last] not in DIRECTION_WORDS or m.token_end >= len(scan.words):
        return None
    if not any(v in _COUNTRY_WORDS for v in token_variants(scan.words[m.token_end])):
        return None
    toks = scan.tokens
    end = toks[last - 1].end
    gaz = scan.gazetteer
    for first in range(m.token_start, last):
        name = scan.text[toks[first].start:end]
        found = gaz.lookup(name)
        if found:
            if len(found) == 1:
                return end, found[0], found
            gov = next((p for p in found if p.kind == "governorate"), None)
            return end, gov, found
    return None


_OWNER_KINDS: Final = frozenset({"actor", "marker", "gmarker"})
# «قاعدة عسكرية أمريكية في منطقة الشدادي»: words that describe a base, not name it
_BASE_ADJECTIVES: Final = frozenset(fold(w) for w in (
    "في", "عسكرية", "العسكرية", "أمريكية", "أميركية", "الأمريكية", "الأميركية", "جوية", "الجوية", "تابعة",
    "التابعة", "للتحالف", "غير", "شرعية", "الشرعية", "اللاشرعية"))


def _owner_word(scan: ArticleScan, j: int) -> bool:
    """«في», or a word of an actor's name («الاحتلال», «الأمريكي», «التحالف الدولي»)."""
    if scan.words[j] in _BASE_ADJECTIVES:
        return True
    for h in _hits_from(scan, max(0, j - 3), j + 1):
        if h.end > j and h.label[0] in _OWNER_KINDS:
            return True
    return False


def _resolve(scan: ArticleScan, mi: int) -> tuple["Place | None", float, tuple]:
    m = scan.matches[mi]
    gaz = scan.gazetteer
    # «بادية مدينة الميادين», «قاعدة … الشدادي»: a kind word before the name
    # may name a more precise row («بادية الميادين», «قاعدة الشدادي»).
    # «قاعدة الاحتلال الأمريكي في الشدادي», «قاعدة التحالف في …»: the base's
    # owner and «في» may stand between the kind word and the name.
    floor = max(0, m.token_start - 6)
    # no kind word in reach: nothing to walk back over
    j = m.token_start - 1 if _any_in(scan, "prefix", floor, m.token_start) else -1
    while j >= floor and (_has(scan, j, "skipprefix") or _owner_word(scan, j)):
        if _CLAUSE_BREAK.search(scan.text, scan.tokens[j].end, scan.tokens[j + 1].start):
            j = -1
            break
        j -= 1
    if j >= 0 and j < m.token_start and not _CLAUSE_BREAK.search(scan.text, scan.tokens[j].end,
                                                               scan.tokens[j + 1].start):
        for lab in _labels(scan, j):
            if lab[0] == "prefix":
                name = m.name or m.text
                found = gaz.lookup(f"{lab[1]} {name}")
                if len(found) == 1:
                    return found[0], 1.0, found
    if len(m.places) == 1:
        return m.places[0], 1.0, m.places
    if scan._resolve_ctx is None:
        # already folded and matched: no second normalisation or scan
        scan._resolve_ctx = ResolveContext(text=scan.norm, matches=scan.found)
    r = gaz.choose(m, context=scan._resolve_ctx)
    if r.place is None:
        return _fallback(scan, m), 0.3, r.candidates or m.places
    return r.place, r.confidence, r.candidates or m.places


_BASE_WORDS = frozenset(fold(w) for w in ("قاعدة", "القاعدة", "قاعدتي", "قواعد", "القواعد", "بقاعدة", "لقاعدة",
                                           "وقاعدة", "قاعدتين", "ثكنة"))


def _fallback(scan: ArticleScan, m: "NameMatch") -> "Place | None":
    """A town and its governorate share a name («دير الزور», «الحسكة»): unless
    the words say «near the town», a strike «in Deir ez-Zor» is only known
    to the governorate."""
    kinds = {p.kind: p for p in m.places}
    if "base" in kinds and any(w in _BASE_WORDS for w in scan.words[max(0, m.token_start - 4):m.token_start]):
        return kinds["base"]  # «قاعدة الاحتلال في التنف»
    if len(m.places) == 2 and "governorate" in kinds:
        town = next(p for p in m.places if p.kind != "governorate")
        if _any_in(scan, "near", max(0, m.token_start - 2), m.token_start):
            return town
        return kinds["governorate"]
    return None


def _match_range(scan: ArticleScan, a: int, b: int) -> list[int]:
    """Indexes of place matches whose tokens lie in ``[a, b)``."""
    starts = scan.match_starts
    lo = bisect_left(starts, a)
    hi = bisect_left(starts, b)
    return list(range(lo, hi))


_LIST_FILLERS: Final = frozenset(fold(w) for w in (
    "في", "ب", "على", "الى", "إلى", "محيط", "أطراف", "اطراف", "ريف", "قرب", "منطقة", "مناطق", "قرية", "قرى", "بلدة",
    "بلدات", "مدينة", "حي", "أحياء", "حقل", "قاعدة", "مطار", "معبر", "بادية", "داخل", "مواقع", "موقع", "مقرات",
    "مقر", "كل", "من"))
_QUALIFIERS: Final = frozenset(fold(w) for w in ("شرق", "غرب", "شمال", "جنوب", "شرقي", "غربي", "شمالي", "جنوبي",
                                            "ريف", "شرقى", "غربى"))
_ALONG_WITH: Final = frozenset({("الي", "جانب"), ("فضلا", "عن"), ("بالاضافه", "الي"), ("اضافه", "الي"), ("علاوه", "علي")})
_ADJECTIVES: Final = frozenset(fold(w) for w in ("الحدودي", "الحدودية", "العسكري", "العسكرية", "النفطي", "النفطية",
                                            "الجوية", "الجوي", "الأمريكية", "الأمريكي", "الأميركية", "العراقية",
                                            "السورية", "الدولي", "الاستراتيجي", "الاستراتيجية"))
_QUALIFIER_WORDS: Final = 4  # «غربي العراق», «بريف دير الزور الشرقي»
_SITE_ITEM_WORDS: Final = 7  # «ومركزاً للقيادة والسيطرة في», «وموقعاً للحرس الثوري الإيراني في محيط»
_NOT_LIST: Final = frozenset({"وسط", "وفق", "وفقا", "وذلك", "وهو", "وهي", "وهم", "وراء", "واقع", "وقوع", "وصول"})


def _is_list_gap(scan: ArticleScan, a: int, b: int, first_word: str) -> bool:
    """Whether the words ``[a, b)`` between two places join a list («، و», «وبلدة»)."""
    if a >= b:
        return _wa_glued(first_word)
    w = scan.words[a]
    if tuple(scan.words[a:a + 2]) in _ALONG_WITH and a + 2 < b:
        # «… ومطار الحمدان، إلى جانب مقرات في بلدة القائم»: the list goes on
        rest = a + 2
        return (scan.heads.get(rest) == "site" or _is_filler(scan.words[rest])) and _is_filler(scan.words[b - 1]) \
            and b - rest <= _SITE_ITEM_WORDS and not any(i in scan.triggers for i in range(rest, b))
    if _weapon_at(scan, a):
        # «قاعدة خراب الجير بصواريخ الكاتيوشا، وقاعدة قسرك بطائرة انتحارية»: each item
        # with its weapon; the list goes on after the weapon
        return _goes_on_after(scan, a, b, first_word, only=_weapon_at)
    if w in _ADJECTIVES and a + 1 < b:
        # «قرب معبر القائم الحدودي وموقعاً …»: an adjective of the place before
        return _is_list_gap(scan, a + 1, b, first_word)
    if any(v in _QUALIFIERS for v in token_variants(w)):
        # «قاعدة عين الأسد غربي العراق وقاعدة التنف»: the list goes on after
        # the first item's qualifier
        return _goes_on_after(scan, a, b, first_word)
    if not _joins(w):
        return False
    if scan.heads.get(a) == "site" and b - a <= _SITE_ITEM_WORDS and _is_filler(scan.words[b - 1]) \
            and not any(i in scan.triggers for i in range(a, b)):
        # «… قرب البوكمال، ومركزاً للقيادة والسيطرة في الميادين»: the next item is
        # a site of its own, described, then placed
        return True
    # «وفي محيط البوكمال», «وبلدة القورية», «واستهداف أطراف مطار …»; not «ورد أمريكي في …»
    return all(_is_filler(x) for x in scan.words[a + 1:b])


def _goes_on_after(scan: ArticleScan, a: int, b: int, first_word: str, *, only=None) -> bool:
    """Whether the list goes on after the words opening the gap ``[a, b)`` (a first
    item's qualifier or weapon): a «و» within a few words, or glued to the next
    place, carries it on. *only*, if given, says which words may stand before that «و»."""
    for j in range(a + 1, min(b, a + _QUALIFIER_WORDS + 1)):
        skippable = only is None or only(scan, j)
        if _joins(scan.words[j]) and (only is None or not skippable):
            return _is_list_gap(scan, j, b, first_word)
        if not skippable:
            return False
    return b - a <= _QUALIFIER_WORDS and _wa_glued(first_word)


def _joins(word: str) -> bool:
    """«و» alone, or glued to a word that is no «وسط», «وفق» …: a list's joint."""
    return word == "و" or (word.startswith("و") and word not in _NOT_LIST)


def _wa_glued(word: str) -> bool:
    """A place glued to its «و» («والبوكمال»)."""
    return word.startswith("و") and len(word) > 2


def _weapon_at(scan: ArticleScan, k: int) -> bool:
    """Whether token *k* names a weapon or lies inside a weapon's name («بصواريخ الكاتيوشا»)."""
    return any(h.label[0] == "weapon" and h.end > k for h in _hits_from(scan, max(0, k - 3), k + 1))


def _is_filler(word: str) -> bool:
    return word in _LIST_FILLERS or any(v in _LIST_FILLERS for v in token_variants(word))


