"""Casualty counts from folded Arabic: numbers in digits or words, duals, singulars.

Input is text folded by :func:`geodata.arabic.fold`. ``casualties`` reads a
clause and returns ``(killed, wounded)``; each is an int, ``0`` when the text
says nobody was hurt («دون وقوع إصابات», «لا خسائر بشرية»), or ``None``
when it is unknown («عدد من الإصابات», «قتلى وجرحى», «إصابة آخرين»).

How a count is read, after a trigger (مقتل، إصابة، قتل، أصيب، مصرع …):

* a number, in digits or words with any gender/case («خمسه», «ثلاث», «ستّة»,
  «خمسه وعشرين»), optionally followed by a noun: «مقتل خمسة عناصر» → 5;
* a singular person noun is one («مقتل جندي», «مقتل القيادي», «أحد العناصر»);
* a dual is two («عنصرين», «جنديان», «ضابطان»). Sound plurals in ـين
  («مدنيين», «عسكريين») are ambiguous with the dual when unvocalised, so
  alone they count as unknown, and with a number they take the number;
* a list joined by و continues the count: «إصابة خمسة عسكريين أميركيين
  ومقاول أميركي آخر» → 6; «بينهم/منهم» starts a subset and is not added;
* number + casualty noun: «ثلاثة قتلى» → 3, «قتيلان» → 2, «عشرين قتيلا» → 20;
* number + person noun + verb: «خمسة ضباط … قتلوا» → 5.

Several statements in one clause are added; an unknown count next to a
known one of the same kind leaves the known sum (a lower bound).

>>> casualties("اسفرت عن مقتل متعاقد اميركي، واصابه خمسه عسكريين اميركيين ومقاول اميركي اخر")
(1, 6)
>>> casualties("لافتا الي وقوع ثلاثه قتلي والعديد من الجرحي")
(3, None)
>>> casualties("دون وقوع اصابات بشريه")
(0, 0)
>>> parse_number("خمسه وعشرين")
25
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress
from typing import Final

__all__ = ["parse_number", "casualties", "updates_toll"]

# Number words, folded (ة→ه, ى→ي, ئ→ي), every gender and case form.
_ONES: Final[dict[str, int]] = {
    "واحد": 1, "واحده": 1, "احد": 1, "احدي": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5,
    "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8,
    "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}
_TENS: Final[dict[str, int]] = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}
_HUNDREDS: Final[dict[str, int]] = {
    "مايه": 100, "ميه": 100, "مئه": 100, "مءه": 100, "مائه": 100,
    "مايتان": 200, "مايتين": 200, "ميتان": 200, "ميتين": 200, "مئتان": 200, "مئتين": 200,
    "الف": 1000, "الفان": 2000, "الفين": 2000,
}
_NUMBER_WORDS: Final = {**_ONES, **_TENS, **_HUNDREDS}

# Person nouns: singular -> True when its plural is a sound plural in ـين
# (so «Xين» may be a dual or a plural), False when the plural is broken
# (so «Xين»/«Xان» is unambiguously a dual).
_PERSONS: Final[dict[str, bool]] = {
    "عنصر": False, "جندي": False, "ضابط": False, "شخص": False, "طفل": False,
    "رجل": False, "فرد": False, "عامل": False, "قائد": False, "حارس": False,
    "شاب": False, "عضو": False, "خبير": False, "طالب": False, "صف ضابط": False,
    "مقاتل": True, "مسلح": True, "مدني": True, "عسكري": True, "متعاقد": True,
    "مقاول": True, "قيادي": True, "مواطن": True, "مستشار": True, "سائق": True,
    "مرافق": True, "مجند": True, "مهندس": True, "ناشط": True, "صحفي": True,
    "موظف": True, "امريكي": True, "اميركي": True, "سوري": True, "عراقي": True,
    "ايراني": True, "افغاني": True, "باكستاني": True, "لبناني": True,
    "اخر": False,  # «وأُصيب آخر»: one more
    "امراه": False, "سيده": False, "فتاه": False, "طفله": False, "مدنيه": False,
}
_PLURALS: Final = {
    "عناصر", "جنود", "ضباط", "اشخاص", "اطفال", "رجال", "افراد", "عمال", "قاده",
    "حراس", "شبان", "اعضاء", "خبراء", "نساء", "مدنيين", "مقاتلين", "مسلحين",
    "عسكريين", "متعاقدين", "مقاولين", "قياديين", "مواطنين", "مستشارين", "اخرين",
    "اخرون", "اخري", "عشرات", "مئات", "بضعه", "بضع", "عدد", "العديد", "عديد",
}
_FILLER: Final = {
    "نحو", "حوالي", "قرابه", "ما", "لا", "يقل", "عن", "اكثر", "من", "اقل", "زهاء",
    "يزيد", "اي", "وقوع", "سقوط", "اقل",
}
_CASUALTY_NOUNS: Final[dict[str, tuple[str, int | None]]] = {
    "قتلي": ("k", None), "قتيل": ("k", 1), "قتيلا": ("k", 1), "قتيلان": ("k", 2),
    "قتيلين": ("k", 2), "ضحايا": ("k", None), "ضحيه": ("k", 1), "شهداء": ("k", None),
    "شهيد": ("k", 1), "شهيدا": ("k", 1), "شهيدان": ("k", 2), "شهيدين": ("k", 2),
    "جرحي": ("w", None), "جريح": ("w", 1), "جريحا": ("w", 1), "جريحان": ("w", 2),
    "جريحين": ("w", 2), "مصابين": ("w", None), "مصاب": ("w", 1), "مصابا": ("w", 1),
    "مصابان": ("w", 2), "اصابات": ("w", None), "اصابتين": ("w", 2), "اصابتان": ("w", 2),
    # «ما أدى لمقتلهما»: the two just named
    "مقتلهما": ("k", 2), "مصرعهما": ("k", 2), "اصابتهما": ("w", 2),
}
# Triggers followed by who was hit («مقتل خمسة», «قتل عنصر», «أصيب جندي»).
_TRIGGERS: Final[dict[str, str]] = {
    "مقتل": "k", "مصرع": "k", "قتل": "k", "استشهاد": "k", "اغتيال": "k",
    "استشهد": "k", "استشهدت": "k",  # «استشهد اثنان من المستشارين» (the other side's word for killed)
    "اصابه": "w", "جرح": "w", "اصيب": "w", "اصيبت": "w",
    "لقي": "k", "قضي": "k",  # «لقي ثلاثة عناصر حتفهم», «قضى عنصران»
    "ارتقي": "k", "ارتقت": "k", "ارتقاء": "k",  # «ارتقى مدنيان» (the government wire's «martyred»)
}
# Verbs after the people they count («خمسة ضباط … قتلوا»).
_POST_VERBS: Final[dict[str, str]] = {
    "قتلوا": "k", "قتلا": "k", "قتل": "k", "قتلت": "k", "لقوا": "k", "لقي": "k", "لقيا": "k",
    "قضوا": "k", "استشهدوا": "k", "استشهدا": "k", "اصيبوا": "w", "اصيبا": "w", "اصيب": "w", "جرحوا": "w", "جرحا": "w",
}
_TABLES: Final = {id(t): t for t in (_TRIGGERS, _CASUALTY_NOUNS, _POST_VERBS)}
_SUBSET: Final = {"بينهم", "منهم", "بينهما", "بينها", "منهما"}
_BREAK: Final = {".", ",", "،", "؛", ";", ":", "!", "؟", "?", "(", ")", "-", "–", "—"}

_TOKEN: Final = re.compile(r"\d+|[^\W\d_]+|[.,،؛;:!؟?()\-–—]")


def _tokens(text: str) -> list[str]:
    """The words, numbers and punctuation marks of *text*, as ``_TOKEN.findall`` gives them.

    No token holds a space, and a space-free piece of letters only is one
    token, so the regex runs only on the few pieces holding a digit or a
    mark: about a third faster than scanning the whole clause with it.
    """
    out: list[str] = []
    for piece in text.split():
        if piece.isalpha():
            out.append(piece)
        else:
            out.extend(_TOKEN.findall(piece))
    return out


_ZERO: Final = re.compile(
    r"(?<![^\W\d_])و?(?:(?:من\s+)?(?:دون|بدون)\s+ان\s+(?:تسفرا|يسفرا|تسفر|يسفر|توقع|يوقع|تسبب|يسبب|تخلف|يخلف|تسجل|يسجل|تقع|يقع)(?:\s+[^\s،,.]+)??(?:\s+(?:عن|في))?|دون|بدون|عدم|لا|لم\s+(?:تسفر|يسفر|تسجل|يسجل|تقع|يقع|توقع|يوقع|تسبب|يتسبب)"
    r"(?:\s+[^\s،,.]+){0,2}?(?:\s+(?:عن|في))?)\s+(?:(?:وقوع|سقوط|تسجيل|حدوث|ورود)\s+)?(?:اي\s+)?"
    # («من دون أن تُسجَّل أضرار أو إصابات»: damage named beside the casualties)
    r"(?:اضرار\s+(?:او|و)\s*(?:اي\s+)?)?"
    r"(?:(اصابات|ضحايا|خساير\s+بشريه|خساير\s+في\s+الارواح)|(قتلي|جرحي))"
    r"(?![^\W\d_])"
)
# one of these closes every match of _ZERO
_ZERO_NOUNS: Final = ("اصابات", "ضحايا", "خساير", "قتلي", "جرحي")
_PROCLITICS: Final = ("و", "ف", "ب", "ل")
# «ارتفعت الحصيلة …», «قبل أن تستقر الحصيلة على …»: a toll that replaces the counts before it
_SETTLED: Final = re.compile(r"(?<![^\W\d_])[وف]?(?:ارتفعت|ارتفع|ترتفع|يرتفع|لترتفع|ليرتفع|ارتفاع|استقرت|تستقر|لتستقر|"
                      r"وصلت|وصل|بلغت|بلغ|لتصل)\s+(?:ال)?(?:حصيله|عدد)(?![^\W\d_])")
# «ارتفعت حصيلة القتلى جراء الضربات … إلى تسعة عناصر»
_TOLL: Final = re.compile(r"(?:حصيله|عدد)\s+(القتلي|قتلي|الضحايا|ضحايا|الجرحي|جرحي|المصابين)(?![^\W\d_])[^.،,؛]{0,120}?"
                   r"(?<![^\W\d_])(?:الي|ل|لتصل\s+الي|لتبلغ)\s+([^\s،,.]+(?:\s+[^\s،,.]+)?)")
# «بين قتيل وجريح», «مقتل وإصابة خمسة»: a total whose split is not said.
_MIXED: Final = re.compile(
    r"(?<![^\W\d_])(?:بين\s+قتيل\s+و\s*جريح|بين\s+قتلي\s+و\s*جرحي|قتلي\s+او\s+جرحي"
    r"|[وبل]?(?:مقتل|قتل)\s+(?:و|او)\s*(?:اصابه|جرح)\s+[^\s،,.]+(?:\s+[^\s،,.]+)?)(?![^\W\d_])"
)
# What every _MIXED match holds. Led by a literal, it is searched far faster
# than _MIXED, which then runs only where this is found (few clauses: most
# «قتلى وجرحى» have no «بين» before them).
_MIXED_CORE: Final = re.compile(r"قت(?:يل|لي|ل)\s+ا?و\s*(?:جر|اصابه)")
# Stems every casualty statement contains. Substring tests run at C speed, so
# the many clauses that mention nobody hurt cost almost nothing.
_STEMS: Final = ("قتل", "قتي", "اصاب", "اصيب", "جرح", "جري", "مصرع", "شهد", "شهاد", "شهي", "ضحي", "ضحا", "ارتق",
          "قضوا", "قضي", "اغتيال", "خساير")
# The same stems grouped by their first two letters: most clauses hold none, and
# one test per group instead of one per stem cuts the tests they cost from 17 to 10.
_STEM_GROUPS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = tuple(
    (prefix, tuple(s for s in _STEMS if s.startswith(prefix))) for prefix in dict.fromkeys(s[:2] for s in _STEMS)
)
# «لقي/لقوا حتفهم» as whole words: as substrings they are in «لقوات» and «القياده»
_MET: Final = re.compile(r"(?<![^\W\d_])[وف]?[بل]?لق(?:ي|وا|يا)(?![^\W\d_])")


_RANGE: Final = re.compile(r"(?<![^\W\d_])(?:ما\s+)?بين\s+([^\s،,.]+(?:\s+عشر)?)\s+و\s*([^\s،,.]+(?:\s+عشر)?)(?![^\W\d_])")
# The part of every _RANGE match from «بين» on. Starting with a literal, it is
# searched far faster than _RANGE, so _RANGE runs only where this is found
# (most «بين» of a clause are «بينهم», «بينها» …).
_RANGE_CORE: Final = re.compile(r"بين\s+[^\s،,.]+(?:\s+عشر)?\s+و")


def _lower_bound(m: "re.Match[str]") -> str:
    if parse_number(m.group(1)) is None or parse_number(m.group(2)) is None:
        return m.group(0)
    return m.group(1)


def _maybe_casualties(text: str) -> bool:
    for prefix, stems in _STEM_GROUPS:
        if prefix in text:
            for stem in stems:
                if stem in text:
                    return True
    # (_MET needs «لقي» or «لقوا»; «لق» alone is in every «القوات»)
    return ("لقي" in text or "لقوا" in text) and _MET.search(text) is not None


def parse_number(folded_words: str) -> int | None:
    """The number written in *folded_words* (digits or Arabic words), or None.

    >>> parse_number("سته"), parse_number("12"), parse_number("ثلاثه عشر"), parse_number("مئتين")
    (6, 12, 13, 200)
    """
    words = folded_words.split()
    if not words:
        return None
    n, used = _number_at(words, 0)
    return n if used == len(words) else None


def _strip(word: str) -> list[str]:
    """Readings of *word* without proclitics, the word itself first."""
    out = [word]
    w = word
    if len(w) > 3 and w[0] in ("و", "ف"):
        w = w[1:]
        out.append(w)
    if len(w) > 3 and w.startswith("لل"):
        out.append("ال" + w[2:])
        w = "ال" + w[2:]
    elif len(w) > 3 and w[0] in ("ب", "ل"):
        w = w[1:]
        out.append(w)
    if len(w) > 4 and w.startswith("ال"):
        out.append(w[2:])
    return out


@lru_cache(maxsize=65536)
def _lookup_in(word: str, table_id: int) -> str | None:
    table = _TABLES[table_id]
    for v in _strip(word):
        if v in table:
            return v
    return None


def _lookup(word: str, table) -> str | None:
    """The proclitic-free reading of *word* found in *table* (cached per word)."""
    return _lookup_in(word, id(table))


def _number_at(words: list[str], i: int) -> tuple[int | None, int]:
    """A number starting at words[i]: (value, index after it) or (None, i)."""
    if i >= len(words):
        return None, i
    w = words[i]
    if w.isdecimal():
        return int(w), i + 1
    if w not in _NUMBER_WORDS:
        return None, i
    total, j = 0, i
    first = True
    while j < len(words):
        w = words[j]
        if not first:
            if w == "و" and j + 1 < len(words):
                j += 1
                w = words[j]
            elif w.startswith("و") and w[1:] in _NUMBER_WORDS:
                w = w[1:]
            elif w in ("عشر", "عشره") and 0 < total < 10:  # «خمسة عشر», «إحدى عشرة»
                total += 10
                j += 1
                continue
            else:
                break
        value = _NUMBER_WORDS.get(w)
        if value is None:
            break
        if value in (1000,) and total:
            total *= 1000
        else:
            total += value
        first = False
        j += 1
    return (total, j) if j > i else (None, i)


@lru_cache(maxsize=65536)
def _person(word: str) -> tuple[int | None, bool] | None:
    """Count a person noun stands for: (1, True) singular, (2, True) dual,
    (None, True) plural/ambiguous; None when *word* is not a person noun."""
    for v in _strip(word):
        if v in _PERSONS or (v.endswith("ا") and v[:-1] in _PERSONS):  # جندياً
            return 1, True
        if v in _PLURALS:
            return None, True
        for suffix in ("ان", "ين"):
            if v.endswith(suffix):
                stem = v[: -len(suffix)]
                if stem.endswith("ت") and stem[:-1] + "ه" in _PERSONS:
                    return 2, True  # امراتان
                if stem in _PERSONS:
                    if suffix == "ين" and _PERSONS[stem]:
                        return None, True  # مدنيين: plural or dual
                    return 2, True
    return None


@lru_cache(maxsize=65536)
def _classify(word: str) -> tuple[str | None, str | None, tuple[int | None, bool] | None]:
    """(trigger, casualty noun, person noun reading) of one word, cached."""
    return _lookup(word, _TRIGGERS), _lookup(word, _CASUALTY_NOUNS), _person(word)


@lru_cache(maxsize=65536)
def _counted(word: str) -> bool:
    """Whether *word* is a casualty trigger or noun (cached per word)."""
    trig, noun, _ = _classify(word)
    return trig is not None or noun is not None


def casualties(folded_clause: str) -> tuple[int | None, int | None]:
    """(killed, wounded) stated in *folded_clause*; see the module docstring.

    >>> casualties("اسفرت عن اصابه عنصرين من اللواء")
    (None, 2)
    >>> casualties("وكان خمسه ضباط من قوات الاسد قتلوا خلال الاسبوع الفايت، بينهم ضابطان برتبه عميد")
    (5, None)
    """
    if not _maybe_casualties(folded_clause):
        return None, None
    settled = None
    if _names_a_toll(folded_clause):  # (the regexes only where their nouns are)
        for settled in _SETTLED.finditer(folded_clause):
            pass
    if settled is not None and settled.start() > 0:
        # «أوقعت أربعة قتلى …، قبل أن تستقر الحصيلة على ستة قتلى وأربعة جرحى»: the
        # last toll supersedes the counts before it
        k2, w2 = casualties(folded_clause[settled.start():])
        k1, w1 = casualties(folded_clause[:settled.start()])
        return (k2 if k2 is not None else k1), (w2 if w2 is not None else w1)
    known: dict[str, int] = {}
    mentioned: set[str] = set()
    # «دون وقوع إصابات», «لا خسائر بشرية»: nobody hurt. Blank the phrase so
    # its nouns are not read again as unknown counts.
    # (each regex runs only where the words every match of it holds occur:
    # substring tests cost far less than the scans)
    zero = _ZERO.finditer(folded_clause) if any(w in folded_clause for w in _ZERO_NOUNS) else ()
    for m in zero:
        kinds = ("k", "w") if m.group(1) else ("k",) if m.group(2) == "قتلي" else ("w",)
        for kind in kinds:
            known.setdefault(kind, 0)
        folded_clause = folded_clause[:m.start()] + " " * (m.end() - m.start()) + folded_clause[m.end():]
    zero_only = set(known)
    toll = _TOLL.search(folded_clause) if _names_a_toll(folded_clause) else None
    if toll is not None:
        # «ارتفعت حصيلة القتلى … إلى تسعة عناصر»: the toll the count brings it to
        n = _number_at(_tokens(toll.group(2)), 0)[0]
        if n is not None:
            known["w" if toll.group(1) in ("الجرحي", "جرحي", "المصابين") else "k"] = n
            # (its words are not counted again: «إلى 23 قتيلاً» is the toll, not 23 more)
            folded_clause = folded_clause[:toll.start()] + " " * (toll.end() - toll.start()) + folded_clause[toll.end():]
            end = toll.end()
            nxt = _tokens(folded_clause[end:end + 20])
            if nxt and nxt[0] in _CASUALTY_NOUNS:
                folded_clause = folded_clause[:end] + folded_clause[end:].replace(nxt[0], " " * len(nxt[0]), 1)
    mixed = _MIXED.finditer(folded_clause) if _MIXED_CORE.search(folded_clause) is not None else ()
    for m in mixed:
        mentioned.update(("k", "w"))
        folded_clause = folded_clause[:m.start()] + " " * (m.end() - m.start()) + folded_clause[m.end():]
    if _RANGE_CORE.search(folded_clause) is not None:
        # «مقتل ما بين خمسة وسبعة عناصر»: the lower bound, as ACLED counts
        folded_clause = _RANGE.sub(_lower_bound, folded_clause)
    words = _tokens(folded_clause)
    used = [False] * len(words)

    def add(kind: str, n: int | None) -> None:
        if kind in zero_only:  # a real count beats «no casualties» elsewhere
            zero_only.discard(kind)
            known.pop(kind, None)
        mentioned.add(kind)
        if n is not None:
            known[kind] = known.get(kind, 0) + n

    post_verbs = not _POST_VERBS.keys().isdisjoint(words)
    # Without a verb after the noun («… قتلوا») only triggers and casualty
    # nouns count: visit just those words, picked at C speed (map/compress)
    # from the ~35 of a clause. (The loop only marks words ahead as used, so
    # skipping the others changes nothing.)
    visit = range(len(words)) if post_verbs else compress(range(len(words)), map(_counted, words))
    for i in visit:
        w = words[i]
        if used[i]:
            continue
        trig, noun, person = _classify(w)
        if trig is not None:
            if not _after_subset(words, i):
                n, j = _count_phrase(words, i + 1)
                if j > i + 1:
                    if j < len(words) and _classify(words[j])[1] is not None:
                        j += 1  # «ارتقى ثلاثة شهداء»: the noun after the count is the same people
                    for k in range(i, j):
                        used[k] = True
                    add(_TRIGGERS[trig], n)
            continue
        if noun is not None and i > 0 and words[i - 1] in ("احد", "احدي"):
            used[i] = True  # «بعد وفاة أحد الجريحين»: one of those told, no new count
            continue
        if noun is not None:
            kind, n = _CASUALTY_NOUNS[noun]
            num, _ = _number_before(words, i)
            if num is not None:
                n = num
            if not _after_subset(words, i - (1 if num is not None else 0)):
                add(kind, n)
            used[i] = True
            continue
        if not post_verbs:
            continue
        # number + person noun + verb later: «خمسه ضباط من قوات الاسد قتلوا»
        n, j = _number_at(words, i)
        p = person if n is None else None
        if (n is not None and j < len(words) and _person(words[j]) is not None) or (p and p[0] in (1, 2)):
            end = j + 1 if n is not None else i + 1
            if n is None and p is not None:
                n = p[0]
            # a lone noun must sit right by its verb («جندياً أصيب»)
            reach = 7 if n != 1 or p is None else 2
            for k in range(end, min(end + reach, len(words))):
                if words[k] in _BREAK:
                    break
                verb = words[k] if words[k] in _POST_VERBS else None
                if verb and not _after_subset(words, i):
                    add(_POST_VERBS[verb], n)
                    used[i:k + 1] = [True] * (k + 1 - i)
                    break
    return known.get("k"), known.get("w")


def updates_toll(folded_clause: str) -> bool:
    """Whether the clause gives a new toll for a strike told before («ارتفعت الحصيلة إلى …»).

    >>> updates_toll("ثم ارتفعت الحصيله مساء امس الي سبعه قتلي"), updates_toll("مقتل سبعه عناصر")
    (True, False)
    """
    return _names_a_toll(folded_clause) and _SETTLED.search(folded_clause) is not None


def _names_a_toll(folded_clause: str) -> bool:
    """Whether the clause holds a toll's noun («حصيلة», «عدد»), which every toll pattern holds."""
    return "حصيله" in folded_clause or "عدد" in folded_clause


def _after_subset(words: list[str], i: int) -> bool:
    """True when words[i] follows «بينهم»/«منهم» (a subset of a count already made)."""
    return any(w in _SUBSET for w in words[max(0, i - 2):i])


def _number_before(words: list[str], i: int) -> tuple[int | None, int]:
    """A number ending just before words[i] («ثلاثه قتلي», «خمسه وعشرين قتيلا»)."""
    for start in range(max(0, i - 4), i):
        w = words[start]
        if w.startswith("و") and w[1:] in _NUMBER_WORDS:  # «وثلاثه جرحي»
            words = words[:start] + [w[1:]] + words[start + 1:]
        n, j = _number_at(words, start)
        if n is not None and j == i:
            return n, start
    return None, i


def _count_phrase(words: list[str], i: int) -> tuple[int | None, int]:
    """Count of the people named from words[i]: (count or None, index after).

    Returns (None, i) when nothing countable follows (not a casualty phrase).
    """
    words = list(words)  # the list continuation below rewrites a word
    j = i
    while j < len(words) and words[j] in _FILLER:
        j += 1
    total: int | None = None
    known = True
    end = i
    first = True
    while j < len(words):
        n, k = _number_at(words, j)
        if n is not None and not (n == 1 and words[j] in ("احد", "احدي") and k < len(words)
                                  and _person(words[k]) is None and not words[k].startswith("ال")):
            count: int | None = n
            if k < len(words) and _person(words[k]) is not None:
                k += 1
            elif k < len(words) and words[k] == "من":
                k += 1  # «خمسة من عناصر …»
                if k < len(words) and _person(words[k]) is not None:
                    k += 1
        else:
            p = _person(words[j])
            if p is None:
                break
            count, k = p[0], j + 1
            # «جنديين اثنين», «عناصر ثلاثة»
            n2, k2 = _number_at(words, k)
            if n2 is not None and n2 <= 10:
                count, k = n2, k2
        if count is None:
            known = False
        else:
            total = (total or 0) + count
        end = k
        first = False
        # Continue a list «… ومقاول اميركي اخر»: skip a few describing words.
        nxt = None
        for m in range(k, min(k + 9, len(words))):
            w = words[m]
            if w in _BREAK or w in _SUBSET or _counted(w):
                break
            if w == "و" and m + 1 < len(words):
                m, rest = m + 1, words[m + 1]
            elif w.startswith("و") and len(w) > 2:
                rest = w[1:]
            else:
                continue
            p = _person(rest)
            if rest.isdecimal() or rest in _NUMBER_WORDS or (p is not None and p[0] is not None):
                words[m] = rest
                nxt = m
            break  # «وجرحى», «وآخرين», «وحرق» … the list ends here
        if nxt is None:
            break
        j = nxt
    if first:
        return None, i
    return (total if known or total else None), end
