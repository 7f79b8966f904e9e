"""What was used: weapon words → the weapon vocabulary of the model.

Vocabulary: drone, rocket, missile, airstrike, artillery, small_arms,
explosive (``unknown`` is left to the caller). A weapon word names the
instrument only when it is not the *object* of the strike: «استهدفت
مخازن صواريخ» hit rockets, it did not use them, so words right after a
store/launcher noun are not weapons (see :data:`NOT_INSTRUMENT`).

>>> from geodata.arabic import normalize
>>> words = [t.text for t in normalize("هجوم بطائرات مسيرة وصواريخ على قاعدة").tokens]
>>> choose_weapon(words, 0, len(words))
'drone'
>>> words = [t.text for t in normalize("غارات استهدفت منصات إطلاق صواريخ").tokens]
>>> choose_weapon(words, 0, len(words))
'airstrike'
"""

from __future__ import annotations

from typing import Final, Iterable, Sequence

from extract.lexicon import Hit, Lexicon, forms

__all__ = ["WEAPON_ENTRIES", "WEAPONS", "choose_weapon", "weapons_in"]

WEAPONS: Final = ("drone", "rocket", "missile", "airstrike", "artillery", "small_arms", "explosive")

_WORDS: Final[dict[str, list[str]]] = {
    "drone": forms(["مسيرة", "مسيرات", "مسيرتين", "مسيرتان", "درون", "درونز", "طيران مسير", "طائرة مسيرة",
                    "طائرات مسيرة", "طائرات بدون طيار", "طائرة بدون طيار", "طائرة انتحارية",
                    "طائرات انتحارية", "مسيرة انتحارية", "الدرون", "مسير", "مسيرا", "مسيّر"]),
    "rocket": forms(["صاروخ", "صواريخ", "صاروخي", "صاروخية", "صاروخيا", "صاروخين", "صاروخان", "راجمة",
                     "راجمات", "كاتيوشا", "غراد", "قذائف صاروخية", "قذيفة صاروخية", "صاروخيتان",
                     "صاروخيتين", "قذيفتان صاروخيتان", "قذيفتين صاروخيتين"]),
    "missile": forms(["صاروخ باليستي", "صواريخ باليستية", "صواريخ بالستية", "صاروخ كروز", "صواريخ كروز",
                      "صاروخ موجه", "صواريخ موجهة", "صواريخ توماهوك", "صواريخ دقيقة"]),
    "airstrike": forms(["غارة", "غارات", "غارتين", "غارتان", "غارتي", "ضربة جوية", "ضربات جوية",
                        "ضربتين جويتين", "قصف جوي", "طيران حربي", "طائرات حربية", "الطائرات الحربية",
                        "مقاتلة", "مقاتلات", "الطيران الحربي", "جوية", "جويتين", "غاراتها", "مروحية",
                        "مروحيات", "إف 15", "اف 15", "إف 16", "f 15", "f 16", "إيه 10", "قاذفات", "قاذفة",
                        "بي 1", "b 1", "أباتشي", "الأباتشي", "حوامة", "حوامات", "عدوان جوي", "عدوانا جويا",
                        "اعتداء جوي"]),
    "artillery": forms(["مدفعي", "مدفعية", "مدفعيا", "قذائف مدفعية", "قذيفة مدفعية", "هاون", "الهاون",
                        "هاوتزر", "قذائف", "قذيفة", "قذيفتان", "قذيفتين", "قصف مدفعي", "مدافع", "قذيفة هاون",
                        "قذائف هاون"]),
    "small_arms": forms(["رشاش", "رشاشات", "رشاشة", "أسلحة خفيفة", "أسلحة متوسطة", "قناص", "قناصة",
                         "اشتباك", "اشتباكات", "رصاص"]),
    "explosive": forms(["عبوة ناسفة", "عبوات ناسفة", "لغم", "ألغام", "مفخخة", "سيارة مفخخة", "انتحاري",
                        "تفجير", "عبوة"]),
}

WEAPON_ENTRIES: Final[list[tuple[str, tuple]]] = [(w, ("weapon", kind, None)) for kind, ws in _WORDS.items() for w in ws]

# Nouns after which a weapon word is the target, not the instrument.
NOT_INSTRUMENT: Final = frozenset(
    forms(["منصة", "منصات", "مخزن", "مخازن", "مستودع", "مستودعات", "شحنة", "شحنات", "مصنع", "ورشة",
           "معمل", "تصنيع", "نقل", "قطع", "حطام", "بقايا", "مخزنا", "مخازنها", "منصتي", "منصتين", "إطلاق",
           "لإطلاق", "اطلاق", "تضمنت", "الدفاعات", "دفاعات", "المضادات",
           # «منشأة لتخزين الطائرات المسيّرة», «هنغار تُخزَّن فيه طائرات مسيّرة»: what was hit
           "تخزين", "لتخزين", "منشأة", "منشآت", "هنغار", "هنغارا", "حظيرة"])
)


def weapons_in(hits: Iterable[Hit], words: Sequence[str], start: int, end: int) -> list[str]:
    """The instrument weapons among *hits* inside tokens ``[start, end)``."""
    out: list[str] = []
    for h in hits:
        if h.label[0] != "weapon" or h.start < start or h.start >= end:
            continue
        if any(map(_folded_in, words[max(start, h.start - 2):h.start])):  # (no generator per hit)
            continue
        out.append(h.label[1])
    return out


_NOT_CACHE: Final[dict[str, bool]] = {}


def _folded_in(word: str) -> bool:
    hit = _NOT_CACHE.get(word)
    if hit is None:
        from geodata.arabic import token_variants

        hit = any(v in _NOT_INSTRUMENT_FOLDED for v in token_variants(word))
        if len(_NOT_CACHE) > 100_000:
            _NOT_CACHE.clear()
        _NOT_CACHE[word] = hit
    return hit


def choose_weapon(words: Sequence[str], start: int, end: int, *, hits: Iterable[Hit] | None = None) -> str | None:
    """The weapon of tokens ``[start, end)``: the most specific instrument named, or None."""
    if hits is None:
        hits = _lexicon().scan(words)
    found = weapons_in(hits, words, start, end)
    if not found:
        return None
    # A drone strike is also called «غارة», a ballistic missile «صاروخ»:
    # the specific word wins; otherwise the first instrument named.
    for specific in ("drone", "missile"):
        if specific in found:
            return specific
    if found[0] == "airstrike" and not {"artillery", "explosive"} & set(found):
        # «قصفت مروحيات أمريكية … بالرشاشات الثقيلة والصواريخ»: what an aircraft
        # named first fires is an air strike
        return "airstrike"
    for w in found:
        if w != "airstrike":
            return w
    return "airstrike"


_LEX: Lexicon | None = None


def _lexicon() -> Lexicon:
    global _LEX
    if _LEX is None:
        _LEX = Lexicon(WEAPON_ENTRIES)
    return _LEX


def _fold_all(words: Iterable[str]) -> frozenset[str]:
    from geodata.arabic import fold

    return frozenset(fold(w) for w in words)


_NOT_INSTRUMENT_FOLDED: Final = _fold_all(NOT_INSTRUMENT)
