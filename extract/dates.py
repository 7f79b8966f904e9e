"""When an event happened: Arabic date expressions resolved against the publication date.

Input is text folded by :func:`geodata.arabic.fold` (ة→ه, ى→ي, أ/إ/آ→ا, no
diacritics, quotes are spaces, ASCII digits). Every result is an
:class:`extract.model.EventDate` with an ACLED ``time_precision``:

* 1 — a day: «يوم الأربعاء», «أمس», «صباح اليوم», «قبل ساعات», «12 تشرين الثاني»,
  «الخامس عشر من الجاري», «قبل يومين»;
* 2 — a week or a few days: «الأسبوع الماضي» (publication − 7 days),
  «الأسبوع الجاري» (midway between Monday and publication),
  «قبل أيام» / «بعد أيام من» / «خلال الأيام الماضية» (publication − 3),
  «نهاية الشهر الماضي» (last day of that month − 3), «مطلع/بداية الشهر
  الماضي» (the 4th), «منتصف الشهر الماضي» (the 15th);
* 3 — a month: «الشهر الماضي», «الشهر الجاري», «في نوفمبر 2024» (the 15th,
  never after publication).

Decisions (documented because analysts will ask):

* A weekday is the most recent such day on or before publication; with
  «الماضي» after it («الأربعاء الماضي») it is strictly before publication.
  «المقبل/القادم» (future) is not an event date: no match.
* A night spanning two days («ليل الاثنين وفجر الثلاثاء», «ليلة الجمعة-السبت»,
  «ليل الخميس الجمعة») is the later day. «ليلة أمس» / «الليلة الماضية» is
  publication − 1.
* «أمس الثلاثاء» — yesterday *and* a weekday: the weekday wins (publication
  dates in manifests are often approximate by a day; the weekday is in the
  text). «أمس الأول» / «أول أمس» is publication − 2.
* A day and month without a year take the publication year, or the previous
  year if that would fall after publication. «العشرين من الجاري» in an
  article of the 10th is still to come: no event date.
* Without a publication date a relative expression cannot be resolved:
  ``parse_date`` returns ``EventDate(None, None, text)`` — the text said
  *when*, we just cannot place it — while a clause with no date expression
  at all gives ``None``. Explicit dates with a year resolve without it.
* ``EventDate.text`` is the matched span of the *folded* input.
* A clause that reports («أعلنت سنتكوم اليوم الخميس أن طائراتها نفذت يوم
  الأربعاء ضربات») dates the statement first and the strike after «أن»: the
  date after «أن» is the event's.

>>> import datetime as dt
>>> pub = dt.date(2024, 10, 16)  # a Wednesday
>>> parse_date("واستهدفت امس الثلاثاء طايرات مسيره", published=pub)
EventDate(date=datetime.date(2024, 10, 15), precision=1, text='امس الثلاثاء')
>>> parse_date("في 12 نوفمبر/تشرين الثاني", published=dt.date(2024, 11, 13)).date
datetime.date(2024, 11, 12)
>>> parse_date("خلال الاسبوع الفايت", published=pub).precision
2
>>> parse_date("ليل الثلاثاء", published=None)
EventDate(date=None, precision=None, text='ليل الثلاثاء')
>>> parse_date("لا تاريخ هنا", published=pub) is None
True
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from extract.model import EventDate

__all__ = ["parse_date", "find_dates", "is_date_word", "DateMatch", "WEEKDAYS", "MONTHS"]

# Python weekday(): Monday 0 … Sunday 6. Keys are folded spellings.
WEEKDAYS: Final[dict[str, int]] = {
    "الاثنين": 0, "الاتنين": 0,
    "الثلاثاء": 1, "الثلاثا": 1,
    "الاربعاء": 2, "الاربعا": 2,
    "الخميس": 3,
    "الجمعه": 4,
    "السبت": 5,
    "الاحد": 6,
}

# Month names, folded: Gregorian (Egyptian/Gulf), Levantine/Iraqi, Maghrebi.
MONTHS: Final[dict[str, int]] = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "ابريل": 4, "مايو": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "اغسطس": 8, "اغسطس": 8,
    "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "نوفمير": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5,
    "حزيران": 6, "تموز": 7, "اب": 8, "ايلول": 9, "تشرين الاول": 10,
    "تشرين الثاني": 11, "كانون الاول": 12,
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7,
    "اوت": 8,
}

# Ordinal day words (masculine, as in «الخامس عشر من الجاري»), folded.
_UNITS: Final = {
    "الاول": 1, "الحادي": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5,
    "السادس": 6, "السابع": 7, "الثامن": 8, "التاسع": 9,
}
_ORDINALS: Final[dict[str, int]] = dict(_UNITS)
_ORDINALS["العاشر"] = 10
for _w, _n in _UNITS.items():
    if _n == 1 and _w == "الاول":
        continue
    _ORDINALS[f"{_w} عشر"] = 10 + _n
_ORDINALS["العشرين"] = 20
_ORDINALS["الثلاثين"] = 30
for _w, _n in _UNITS.items():
    if _w == "الاول":
        continue
    _ORDINALS[f"{_w} والعشرين"] = 20 + _n
_ORDINALS["الحادي والثلاثين"] = 31


def _alt(words) -> str:
    # Longest first so «تشرين الثاني» wins over a shorter prefix.
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_WD: Final = _alt(WEEKDAYS)
_MON: Final = _alt(MONTHS)
_ORD: Final = _alt(_ORDINALS)
_B: Final = r"(?<![^\W\d_])"  # word start: not preceded by a letter
_E: Final = r"(?![^\W\d_])"  # word end: not followed by a letter
_P: Final = r"(?:[وفب]|ل)?"  # proclitic on the first word («وليل», «بعد»)
_SEP: Final = r"\s*(?:[-/–—]|\s|علي|و)\s*"  # between two names of a range

# Patterns in priority order: explicit dates first, then ranges, then single words.
_PATTERNS: Final[list[tuple[str, re.Pattern[str]]]] = [
    # (the «no digit before» test sits after the first digit, «\d(?<!\d\d)»: a pattern
    # that opens on a digit lets the regex engine skip ahead to the next digit, where
    # an opening lookbehind makes it try every position of the clause)
    ("iso", re.compile(r"(\d(?<!\d\d)\d{3})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")),
    ("dmy", re.compile(r"(\d(?<!\d\d)\d?)[-/.](\d{1,2})[-/.](\d{4})(?!\d)")),
    # «12 نوفمبر/تشرين الثاني 2024», «الـ12 من تشرين الثاني», «5 كانون الثاني»
    ("day_month", re.compile(
        _B + r"(?:ال)?(\d{1,2}|" + _ORD + r")\s+(?:من\s+)?(?:شهر\s+)?(" + _MON + r")" + _E
        + r"(?:\s*[/(]\s*(?:" + _MON + r")\s*\)?)?"
        + r"(?:\s*,?\s*(?:من\s+)?(?:عام|سنه)?\s*(\d{4})(?!\d))?")),
    # «الخامس عشر من الجاري», «12 من الشهر الجاري», «العاشر من الشهر الماضي»
    ("day_rel_month", re.compile(
        _B + r"(?:ال)?(\d{1,2}|" + _ORD + r")\s+(?:من\s+)?(?:هذا\s+)?(?:(?:الشهر\s+)?(الجاري|الحالي)|الشهر\s+(الماضي|الفايت|المنصرم|السابق))" + _E)),
    # «يوم 22 من الشهر ذاته»: the month just told; read as the publication's (a round-up
    # tells its own month), the nearest guess the text allows
    ("day_same_month", re.compile(
        _B + r"(?:ال)?(\d{1,2}|" + _ORD + r")\s+(?:من\s+)?الشهر\s+(?:ذاته|نفسه)" + _E)),
    # «نهاية/مطلع/منتصف الشهر الماضي»
    ("part_month", re.compile(
        _B + _P + r"(نهايه|اواخر|اخر|مطلع|بدايه|اوايل|اول|منتصف|اواسط)\s+(?:الشهر|شهر)\s+(الماضي|الفايت|المنصرم|السابق|الجاري|الحالي)" + _E)),
    # «في نوفمبر 2024», «في شهر تشرين الثاني», «مطلع نوفمبر»
    ("month", re.compile(
        _B + r"(?:(?:في|خلال|منذ|مطلع|بدايه|منتصف|نهايه|اواخر)\s+)(?:شهر\s+)?(" + _MON + r")" + _E
        + r"(?:\s*[/(]\s*(?:" + _MON + r")\s*\)?)?(?:\s*(?:من\s+)?(?:عام\s+)?(\d{4})(?!\d))?"
        + r"(?:\s+(?:الماضي|الفايت|المنصرم))?")),
    # «ليل الاثنين وفجر الثلاثاء», «ليلة الجمعة-السبت», «ليل الخميس الجمعة»
    ("night_range", re.compile(
        _B + _P + r"(?:ليل|ليله|ليلتي)\s+(?:يوم\s+)?(" + _WD + r")" + _E
        + r"(?:" + _SEP + r"(?:(?:فجر|صباح|يوم|نهار)\s+)?(" + _WD + r")" + _E + ")")),
    ("yesterday_weekday", re.compile(
        _B + _P + r"(?:(?:صباح|مساء|فجر|ظهر|ليل|ليله|عصر)\s+)?(?:ال)?امس\s+(?:يوم\s+)?(" + _WD + r")" + _E)),
    ("today", re.compile(
        _B + _P + r"(?:(?:صباح|مساء|فجر|ظهر|عصر|ليله|ليل)\s+(?:هذا\s+)?اليوم|هذا\s+اليوم|اليوم|(?:قبل|منذ)\s+(?:ساعات|ساعه|ساعتين|قليل|شوي)|من\s+شوي|(?:خلال|في)\s+"
        r"(?:ال)?ساعات\s+(?:الماضيه|الاخيره|الفايته|القليله\s+الماضيه))" + _E
        + r"(?!\s+(?:التالي|السابق|الذي|نفسه|ذاته))(?:\s+(?:" + _WD + r")" + _E + ")?")),
    ("weekday", re.compile(
        _B + _P + r"(?:(?:يوم|ليل|ليله|صباح|مساء|فجر|ظهر|عصر|نهار|ظهيره)\s+)?(?:يوم\s+)?(" + _WD + r")" + _E
        + r"(?:\s+(الماضي|الفايت|المنصرم|المقبل|القادم))?")),
    ("day_before_yesterday", re.compile(
        _B + _P + r"(?:(?:ال)?امس\s+الاول|اول\s+(?:من\s+)?(?:ال)?امس)" + _E)),
    ("last_night", re.compile(_B + _P + r"(?:الليله\s+الماضيه|ليله\s+امس|ليل\s+امس)" + _E)),
    ("yesterday", re.compile(_B + _P + r"(?:(?:صباح|مساء|فجر|ظهر|عصر|يوم)\s+)?(?:ال)?امس" + _E)),
    ("days_ago", re.compile(
        _B + _P + r"(?:قبل|منذ)\s+(يومين|يوم\s+واحد|(?:\d{1,2}|ثلاثه|اربعه|خمسه|سته)\s+ايام)" + _E)),
    ("few_days", re.compile(
        _B + _P + r"(?:(?:قبل|منذ|بعد)\s+(?:بضعه\s+|عده\s+)?ايام|(?:خلال|في)\s+(?:ال)?ايام\s+(?:الماضيه|الاخيره|القليله\s+الماضيه|الفايته))" + _E)),
    ("last_week", re.compile(
        _B + _P + r"(?:(?:خلال|في|منذ)\s+)?(?:الاسبوع\s+(?:الماضي|الفايت|المنصرم|السابق)|قبل\s+اسبوع)" + _E)),
    ("this_week", re.compile(
        _B + _P + r"(?:(?:خلال|في|منذ\s+بدايه)\s+)?(?:الاسبوع\s+(?:الجاري|الحالي)|هذا\s+الاسبوع)" + _E)),
    ("last_month", re.compile(
        _B + _P + r"(?:(?:خلال|في|منذ)\s+)?(?:الشهر\s+(?:الماضي|الفايت|المنصرم|السابق)|قبل\s+شهر)" + _E)),
    ("this_month", re.compile(
        _B + _P + r"(?:(?:خلال|في)\s+)?(?:الشهر\s+(?:الجاري|الحالي)|هذا\s+الشهر)" + _E)),
]

# Each pattern runs only when one of its anchor words occurs in the text:
# substring tests are far cheaper than a regex scan, and most clauses of a
# news article hold no date at all.
_DIGIT: Final = re.compile(r"\d")
_MONTH_ANCHORS: Final = tuple(sorted({w.split()[0] for w in MONTHS}))
_ORDINAL_ANCHORS: Final = ("الاول", "الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع",
                    "الثامن", "التاسع", "العاشر", "العشرين", "الثلاثين")
_WEEKDAY_ANCHORS: Final = tuple(WEEKDAYS)
_ANCHORS: Final[dict[str, tuple[str, ...] | None]] = {
    "iso": None, "dmy": None,  # None: needs a digit
    "day_month": None,  # a month name, and a digit or an ordinal word; see _active
    "day_rel_month": ("الجاري", "الحالي", "الشهر"),
    "day_same_month": ("ذاته", "نفسه"),
    "part_month": ("شهر",),
    "month": _MONTH_ANCHORS,
    "night_range": ("ليل", "ليله", "ليلتي"),
    "yesterday_weekday": ("امس",),
    "today": ("اليوم", "ساعات", "ساعه", "ساعتين", "قليل", "شوي"),
    "this_week": ("اسبوع",),
    "weekday": _WEEKDAY_ANCHORS,
    "day_before_yesterday": ("امس",),
    "last_night": ("امس", "ليله"),
    "yesterday": ("امس",),
    "days_ago": ("يومين", "ايام", "واحد"),
    "few_days": ("ايام",),
    "last_week": ("اسبوع",),
    "last_month": ("شهر",),
    "this_month": ("شهر",),
}


_PROCLITIC_FORMS: Final = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل", "لل", "ولل", "بال", "وبال", "لل")
_TRAILING: Final = ("", "،", ",", ".", ":", "؛")


def _anchor_table() -> dict[str, frozenset[str]]:
    """Every written form of every anchor word -> the pattern kinds it enables."""
    kinds: dict[str, set[str]] = {}
    for kind, anchors in _ANCHORS.items():
        for a in anchors or ():
            kinds.setdefault(a, set()).add(kind)
    for a in _ORDINAL_ANCHORS:
        kinds.setdefault(a, set()).add("ordinal")
    table: dict[str, set[str]] = {}
    for a, k in kinds.items():
        bare = a[2:] if a.startswith("ال") else a
        for stem in {a, bare, "ال" + bare}:
            for pre in _PROCLITIC_FORMS:
                for post in _TRAILING:
                    table.setdefault(pre + stem + post, set()).update(k)
    # one shared frozenset per distinct set of kinds, not one per written form:
    # ~10,000 sets every full garbage collection walked, for a few dozen values
    shared: dict[frozenset[str], frozenset[str]] = {}
    return {w: shared.setdefault(frozenset(k), frozenset(k)) for w, k in table.items()}


_ANCHOR_KINDS: Final = _anchor_table()
_ANCHOR_WORDS: Final = frozenset(_ANCHOR_KINDS)
# Every word (a run of letters/digits) of an anchor: a clause none of whose
# words is here or holds a digit has no date expression, and need not be read.
_DATE_WORDS: Final = frozenset(w for k in _ANCHOR_KINDS for w in re.findall(r"[^\W_]+", k))


def is_date_word(word: str) -> bool:
    """Whether a folded word may belong to a date expression (a pre-filter:
    :func:`parse_date` finds nothing in a text with no such word).

    >>> is_date_word("الثلاثاء"), is_date_word("12"), is_date_word("قصف")
    (True, True, False)
    """
    return word in _DATE_WORDS or _DIGIT.search(word) is not None


_Active = tuple[tuple[str, re.Pattern[str]], ...]
_NO_KINDS: Final[frozenset[str]] = frozenset()
_NUMERIC_KINDS: Final = frozenset({"iso", "dmy"})
_DAY_MONTH: Final = frozenset({"day_month"})
_SPLIT_CHARS: Final = ("/", "-", "–", "—", "(", ")", "[", "]")  # (a tuple: iterating a str makes a str per char)


def _numeric_date(text: str) -> bool:
    """Whether *text* holds a digit, «-», «/» or «.», and a digit (what
    ``re.search(r"\\d[-/.]\\d", text)`` finds).

    >>> _numeric_date("في 12/11/2024"), _numeric_date("قتل 12. ثم 3"), _numeric_date("-1")
    (True, False, False)
    """
    # (a regex «\d» scan looks every character up in the Unicode tables; the
    # separators are few, a str.find skips to them at C speed)
    n = len(text)
    for sep in ("/", "-", "."):
        i: int = text.find(sep, 1)
        while i > 0:
            if i + 1 < n and text[i + 1].isdecimal() and text[i - 1].isdecimal():
                return True
            i = text.find(sep, i + 1)
    return False


def _active(text: str) -> _Active:
    """The patterns worth running on *text*, in priority order.

    Splitting on spaces and looking words up in a set runs at C speed,
    where a regex scan for ~100 anchor words does not.
    """
    # «12/11/2024», «2024-11-12»: iso and dmy both need a digit, a separator, a digit
    numeric = _numeric_date(text)
    for ch in _SPLIT_CHARS:  # str.replace of a present character beats a translate table
        if ch in text:
            text = text.replace(ch, " ")
    # (not «keys() & words»: a dict view's «&» copies all ~10,000 keys into a set first)
    found = _ANCHOR_WORDS.intersection(text.split())
    kinds: frozenset[str]
    if len(found) == 1:  # the common case: that word's (shared, hashed) set of kinds as it is
        (word,) = found
        kinds = _ANCHOR_KINDS[word]
    elif found:
        union: set[str] = set()
        for w in found:
            union |= _ANCHOR_KINDS[w]
        kinds = frozenset(union)
    elif not numeric:
        return ()
    else:
        kinds = _NO_KINDS
    if numeric:
        kinds = kinds | _NUMERIC_KINDS
    # a day and a month: a number or an ordinal word («12 نوفمبر», «الخامس من اذار»);
    # the digit scan, dear on Arabic text, only when a month is named
    if "month" in kinds and (numeric or "ordinal" in kinds or _DIGIT.search(text) is not None):
        kinds = kinds | _DAY_MONTH
    # the same few sets of kinds come back clause after clause: pick their patterns once
    active = _ACTIVE.get(kinds)
    if active is None:
        if len(_ACTIVE) > 4096:  # (a few dozen in practice)
            _ACTIVE.clear()
        active = _ACTIVE[kinds] = tuple((k, p) for k, p in _PATTERNS if k in kinds)
    return active


_ACTIVE: Final[dict[frozenset[str], _Active]] = {}

# Where the dearest patterns may match. Every pattern opens with the word-start
# lookbehind _B, which keeps the regex engine from skipping ahead: a scan tries
# every position of the clause. But every match of these patterns holds one of
# a few substrings (found by str.find at C speed), and begins at most a few
# whitespace-separated words before the word holding it; trying the pattern
# only at those word starts finds the same matches. (A match tried at a
# position still sees the text before it.)
# kind -> (substrings every match holds, or a regex finding them; whitespace
# runs a match may span before the word holding one).
_LEAD: Final[dict[str, tuple[tuple[str, ...] | re.Pattern[str], int]]] = {
    "night_range": (("ليل",), 0),
    "yesterday_weekday": (("امس",), 1),
    "today": (("اليوم", "ساع", "قليل", "شوي"), 2),
    # (one search for the weekday names: eight str.find calls cost more than a
    # regex whose literal prefix «ال» the engine skips to)
    "weekday": (re.compile("ال(?:اثنين|اتنين|ثلاثا|اربعا|خميس|جمعه|سبت|احد)"), 2),
    "day_before_yesterday": (("امس",), 2),
    "last_night": (("ليل",), 0),
    "yesterday": (("امس",), 1),
    "days_ago": (("قبل", "منذ"), 0),  # (not «ايام»: a number may stand before it)
    "few_days": (("ايام",), 2),
    "last_week": (("اسبوع",), 2),
    "this_week": (("اسبوع",), 3),
    "part_month": (("شهر",), 1),
    "last_month": (("شهر",), 2),
    "this_month": (("شهر",), 2),
}


def _is_letter(ch: str) -> bool:
    return ch.isalnum() and not ch.isdecimal()  # what «[^\W\d_]» matches


# (_word_starts walks back over a clause one character at a time: «ord(text[i])»
# compiles to a native read, where «text[i]» makes a str of each Arabic letter)
def _letter_at(text: str, i: int) -> bool:
    """``_is_letter(text[i])``, deciding Arabic letters and ASCII without a str."""
    c = ord(text[i])
    if 0x621 <= c <= 0x64A:  # ء … ي, tatweel: all letters
        return True
    if c < 0x80:
        return 0x61 <= c <= 0x7A or 0x41 <= c <= 0x5A
    return _is_letter(text[i])


def _space_at(text: str, i: int) -> bool:
    """``text[i].isspace()``, deciding a space, printable ASCII and Arabic letters without a str."""
    c = ord(text[i])
    if c == 0x20:
        return True
    if 0x21 <= c <= 0x7E or 0x621 <= c <= 0x64A:
        return False
    return text[i].isspace()


def _word_starts(text: str, subs: tuple[str, ...] | re.Pattern[str], runs: int) -> list[int]:
    """Sorted starts of every letter run holding one of *subs* (or a match of
    it) in *text*, and of the letter runs up to *runs* whitespace runs before
    it (a match of these patterns holds only letters and whitespace before
    its substring)."""
    found: list[int] = []
    if isinstance(subs, re.Pattern):
        found = [m.start() for m in subs.finditer(text)]
    else:
        for sub in subs:
            i = text.find(sub)
            while i >= 0:
                found.append(i)
                i = text.find(sub, i + 1)
    starts: set[int] = set()
    for i in found:
        j: int = i
        for k in range(runs + 1):
            while j > 0 and _letter_at(text, j - 1):
                j -= 1
            starts.add(j)
            if k == runs or j == 0 or not _space_at(text, j - 1):
                break
            while j > 0 and _space_at(text, j - 1):
                j -= 1
            if j == 0 or not _letter_at(text, j - 1):
                break
    return sorted(starts)


def _matches(kind: str, pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """What ``pattern.finditer(text)`` gives, found faster where _LEAD allows."""
    lead = _LEAD.get(kind)
    if lead is None:
        return list(pattern.finditer(text))
    out: list[re.Match[str]] = []
    pos = 0
    for start in _word_starts(text, lead[0], lead[1]):
        if start >= pos:
            m = pattern.match(text, start)
            if m is not None:
                out.append(m)
                pos = m.end()
    return out


_UNTIL: Final = re.compile(r"(?:حتي|الي|لغايه)\s+$")
_FEW: Final = {"يومين": 2, "يوم واحد": 1, "ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6}


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date expression found in folded text: its span and what it means."""

    start: int
    end: int
    when: EventDate

    # (written out, not generated: compiled by mypyc it runs natively; see extract/model.py)
    def __init__(self, start: int, end: int, when: EventDate) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "when", when)


_WHITESPACE: Final = re.compile(r"\s+")  # (compiled once: re.sub with a string pattern looks it up per call)


def _day(word: str) -> int | None:
    if word.isdecimal():
        return int(word)
    return _ORDINALS.get(_WHITESPACE.sub(" ", word))


def _month(words: str) -> int:
    return MONTHS[_WHITESPACE.sub(" ", words)]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, published: dt.date | None) -> dt.date | None:
    if published is None:
        return None
    d = _safe_date(published.year, month, day)
    if d is not None and d > published:
        d = _safe_date(published.year - 1, month, day)
    return d


def _weekday_on_or_before(weekday: int, published: dt.date, *, strictly: bool = False) -> dt.date:
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly:
        back = 7
    return published - dt.timedelta(days=back)


def _prev_month(d: dt.date) -> tuple[int, int]:
    return (d.year - 1, 12) if d.month == 1 else (d.year, d.month - 1)


def _month_for(word: str, published: dt.date) -> tuple[int, int]:
    if word in ("الجاري", "الحالي"):
        return published.year, published.month
    return _prev_month(published)


def _not_after(d: dt.date, published: dt.date | None) -> dt.date:
    return min(d, published) if published else d


def _resolve(kind: str, m: re.Match[str], published: dt.date | None) -> EventDate | None:
    """Meaning of match *m* of pattern *kind*; None when it is not an event date."""
    text = m.group(0).strip()
    # (the undated result is built only where returned: a frozen dataclass is dear to build)
    g = m.groups()
    if kind == "iso":
        d = _safe_date(int(g[0]), int(g[1]), int(g[2]))
        return EventDate(d, 1, text) if d else None
    if kind == "dmy":
        d = _safe_date(int(g[2]), int(g[1]), int(g[0]))
        return EventDate(d, 1, text) if d else None
    if kind == "day_month":
        day, month = _day(g[0]), _month(g[1])
        if day is None or _safe_date(2024, month, day) is None:  # 2024: a leap year
            return None
        if g[2]:
            d = _safe_date(int(g[2]), month, day)
            return EventDate(d, 1, text) if d else None
        d = _infer_year(month, day, published)
        return EventDate(d, 1, text) if d else EventDate(None, None, text)
    if kind in ("day_rel_month", "day_same_month"):
        day = _day(g[0])
        if day is None or not 1 <= day <= 31:
            return None
        if published is None:
            return EventDate(None, None, text)
        # («من الشهر ذاته»: the month told before, read as the publication's)
        y, mo = (published.year, published.month) if kind == "day_same_month" else _month_for(g[1] or g[2],
                                                                                              published)
        d = _safe_date(y, mo, day)
        if d is None or d > published:
            return None  # a day still to come is not when something happened
        return EventDate(d, 1, text)
    if kind == "part_month":
        if published is None:
            return EventDate(None, None, text)
        y, mo = _month_for(g[1], published)
        last = calendar.monthrange(y, mo)[1]
        part = g[0]
        if part in ("نهايه", "اواخر", "اخر"):
            day = last - 3
        elif part in ("منتصف", "اواسط"):
            day = 15
        else:
            day = 4
        return EventDate(_not_after(dt.date(y, mo, day), published), 2, text)
    if kind == "month":
        month = _month(g[0])
        if g[1]:
            return EventDate(_not_after(dt.date(int(g[1]), month, 15), published), 3, text)
        if published is None:
            return EventDate(None, None, text)
        y = published.year if month <= published.month else published.year - 1
        return EventDate(_not_after(dt.date(y, month, 15), published), 3, text)
    if kind == "night_range":
        if published is None:
            return EventDate(None, None, text)
        return EventDate(_weekday_on_or_before(WEEKDAYS[g[1]], published), 1, text)
    if kind == "yesterday_weekday":
        if published is None:
            return EventDate(None, None, text)
        return EventDate(_weekday_on_or_before(WEEKDAYS[g[0]], published), 1, text)
    if kind == "weekday":
        if g[1] in ("المقبل", "القادم"):
            return None
        if published is None:
            return EventDate(None, None, text)
        strictly = g[1] is not None
        return EventDate(_weekday_on_or_before(WEEKDAYS[g[0]], published, strictly=strictly), 1, text)
    if published is None:
        return EventDate(None, None, text)
    if kind == "day_before_yesterday":
        return EventDate(published - dt.timedelta(days=2), 1, text)
    if kind in ("last_night", "yesterday"):
        return EventDate(published - dt.timedelta(days=1), 1, text)
    if kind == "today":
        return EventDate(published, 1, text)
    if kind == "days_ago":
        words = g[0].split()
        n = _FEW.get(" ".join(words)) or _FEW.get(words[0])  # «يومين», «ثلاثه ايام»
        if n is None:
            n = int(words[0])  # «3 ايام»
        if n > 7:
            return EventDate(published - dt.timedelta(days=n), 2, text)  # «قبل 12 يوماً» is vaguer
        return EventDate(published - dt.timedelta(days=n), 1, text)
    if kind == "few_days":
        return EventDate(published - dt.timedelta(days=3), 2, text)
    if kind == "this_week":
        monday = published - dt.timedelta(days=published.weekday())
        return EventDate(monday + (published - monday) / 2, 2, text)
    if kind == "last_week":
        return EventDate(published - dt.timedelta(days=7), 2, text)
    if kind == "last_month":
        y, mo = _prev_month(published)
        return EventDate(dt.date(y, mo, 15), 3, text)
    if kind == "this_month":
        return EventDate(_not_after(dt.date(published.year, published.month, 15), published), 3, text)
    raise AssertionError(kind)  # every pattern kind is handled above


def find_dates(folded_text: str, *, published: dt.date | None) -> list[DateMatch]:
    """Every date expression in *folded_text*, left to right, without overlaps.

    Earlier patterns (explicit dates, night ranges) win over later ones
    (a bare weekday) where they overlap. A weekday directly followed by an
    explicit date («يوم الثلاثاء 12 تشرين الثاني») merges into the explicit date.

    >>> import datetime as dt
    >>> [m.when.date.isoformat() for m in find_dates(
    ...     "قصف يوم الاربعاء، ثم ليله امس", published=dt.date(2022, 8, 25))]
    ['2022-08-24', '2022-08-24']
    """
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, EventDate]] = []
    for kind, pattern in _active(folded_text):
        for m in _matches(kind, pattern, folded_text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "today" and _UNTIL.search(folded_text, max(0, s - 8), s):
                continue  # «حتى اليوم»: up to now, not the event's day
            when = _resolve(kind, m, published)
            taken.append((s, e))  # even a refused match («المقبل») hides its words
            if when is not None:
                found.append((s, e, kind, when))
    found.sort()
    out: list[DateMatch] = []
    for s, e, kind, when in found:
        if out and kind in ("iso", "dmy", "day_month") and s - out[-1].end <= 3 \
                and folded_text[out[-1].end:s].strip(" ,،") == "" and _is_weekday_text(out[-1].when.text):
            prev = out.pop()
            when = EventDate(when.date, when.precision, folded_text[prev.start:e])
            s = prev.start
        out.append(DateMatch(s, e, when))
    return out


def _is_weekday_text(text: str) -> bool:
    return any(w in text for w in WEEKDAYS)


def parse_date(folded_clause: str, *, published: dt.date | None) -> EventDate | None:
    """The date of the event a clause states: its first date expression, or the
    first after «أن» when the one before it dates the report.

    Returns None when the clause has no date expression, and
    ``EventDate(None, None, text)`` when it has one that cannot be resolved
    without a publication date. See the module docstring for the rules.

    >>> import datetime as dt
    >>> parse_date("الخامس عشر من الجاري", published=dt.date(2022, 8, 25))
    EventDate(date=datetime.date(2022, 8, 15), precision=1, text='الخامس عشر من الجاري')
    """
    found = find_dates(folded_clause, published=published)
    if not found:
        return None
    if len(found) > 1 and _THAT.search(folded_clause, found[0].end, found[1].start):
        return found[1].when  # «… اليوم الخميس أن طائراتها نفذت يوم الأربعاء ضربات»
    return found[0].when


# «أن», «إن», «بأن», «أنه», «إنها» (folded): reported speech begins
_THAT: Final = re.compile(r"(?<![^\W\d_])(?:ب?ان|ب?انه|ب?انها|ب?انهم)(?![^\W\d_])")
