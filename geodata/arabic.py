"""Arabic text folding for matching, with offsets back into the original text.

News text spells one name many ways: vocalised or not, with hamza or bare
alef, ة or ه, tatweel, Persian letters, Arabic-Indic digits and every kind of
quote. Matching compares *folded* text; everything shown to a reader comes
from the original, so folding keeps a map from folded to original offsets.

Folding replaces, over the whole text, only the characters that need it:

* letters are mapped one to one (أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, …),
* digits ٠-٩ and ۰-۹ become 0-9, Latin is lower-cased,
* quotes of every kind become a space, so «حقلي "العمر"» splits into words,
* diacritics, tatweel and invisible marks are deleted.

>>> from geodata.arabic import fold, normalize, name_key
>>> fold("تصاعدُ وتيرةِ «القصفِ»")
'تصاعد وتيره  القصف '
>>> n = normalize("في حويجة صكر")
>>> [(t.text, t.start, t.end) for t in n.tokens]
[('في', 0, 2), ('حويجه', 3, 8), ('صكر', 9, 12)]
>>> name_key("البوكمال")
('بوكمال',)
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache, partial
from itertools import compress
from typing import Final, NamedTuple

__all__ = [
    "fold",
    "normalize",
    "name_key",
    "token_variants",
    "NormalizedText",
    "Token",
]

# Deleted characters: harakat and Quranic marks, superscript alef, tatweel,
# and invisible format characters (ZWNJ/ZWJ, LRM/RLM, BOM, soft hyphen).
_DELETED: Final = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)]
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u00ad",
       "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]
)

_LETTERS: Final = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ؤ": "و",
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ھ": "ه",
    "ک": "ك", "ڪ": "ك",
    "گ": "ك",
    "ڤ": "ف", "پ": "ب", "چ": "ج", "ژ": "ز",
}

_QUOTES: Final = "\"'`“”„‟«»‘’‚‛‹›″′〝〞＂"

_SPACES: Final = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\r\n\v\f"


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for ch, to in _LETTERS.items():
        table[ord(ch)] = to
    for ch in _QUOTES:
        table[ord(ch)] = " "
    for ch in _SPACES:
        table[ord(ch)] = " "
    for i, d in enumerate("٠١٢٣٤٥٦٧٨٩"):
        table[ord(d)] = str(i)
    for i, d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
        table[ord(d)] = str(i)
    table[ord("٫")] = "."  # Arabic decimal separator
    table[ord("٬")] = ","  # Arabic thousands separator
    for c in range(ord("A"), ord("Z") + 1):
        table[c] = chr(c + 32)
    return table


# Same-length table: deletable characters become a marker that is stripped
# in a second pass, so offsets of every other character are known.
_MARK: Final = "\u0640"  # tatweel: deleted anyway, never part of a folded word
_TABLE_KEEP_LENGTH: Final = _build_table()
for _ch in _DELETED:
    _TABLE_KEEP_LENGTH[ord(_ch)] = _MARK
# str.translate looks every character up in a dict, which is slow for
# non-ASCII text; finding which mapped characters occur (one regex scan)
# and replacing just those is several times faster on news text.
_KEEP_LENGTH_MAP: Final = {chr(k): v for k, v in _TABLE_KEEP_LENGTH.items() if v is not None}
_MAPPED: Final = re.compile("[" + "".join(re.escape(c) for c in _KEEP_LENGTH_MAP) + "]")


def _fold_keep_length(text: str) -> str:
    for ch in set(_MAPPED.findall(text)):
        text = text.replace(ch, _KEEP_LENGTH_MAP[ch])
    return text


# A word: letters and digits of any script, after folding.
_WORD: Final = re.compile(r"[^\W_]+")
_MARK_RUN: Final = re.compile(_MARK + "+")


def fold(text: str) -> str:
    """Fold *text* for matching: same letters, no diacritics, one quote kind (a space).

    >>> fold("كونيكو") == fold("كُونِيكُو")
    True
    """
    return _fold_keep_length(text).replace(_MARK, "")


class Token(NamedTuple):
    """A word of the folded text, with its span in the original text."""

    text: str
    start: int
    end: int


# A Token straight from a (text, start, end) tuple, skipping the named
# tuple's Python-level __new__; and the match accessors, for map().
_NEW_TOKEN: Final = partial(tuple.__new__, Token)
_GROUP, _START, _END = re.Match.group, re.Match.start, re.Match.end


class NormalizedText:
    """Folded text and a map from its offsets back to the original.

    >>> n = normalize("قاعدةَ خراب الجير")
    >>> n.text
    'قاعده خراب الجير'
    >>> i = n.text.index("خراب")
    >>> n.original[n.to_original(i):n.to_original(i + 4)]
    'خراب'
    """

    __slots__ = ("original", "_marked", "_text", "_breaks", "_shifts", "_tokens", "_words")

    def __init__(self, original: str) -> None:
        self.original = original
        # Same length as the original: deleted characters are still there,
        # as a marker, so word spans found here are original offsets.
        self._marked = _fold_keep_length(original)
        self._text: str | None = None
        self._breaks: list[int] = []
        self._shifts: list[int] = []
        self._tokens: list[Token] | None = None
        self._words: list[str] | None = None

    @property
    def text(self) -> str:
        """The folded text (deleted characters gone); offsets map back with :meth:`to_original`."""
        if self._text is None:
            marked = self._marked
            if _MARK in marked:
                # For each run of deleted characters: where it falls in the
                # folded text, and how far the original has moved ahead.
                deleted = 0
                for m in _MARK_RUN.finditer(marked):
                    self._breaks.append(m.start() - deleted)
                    deleted += m.end() - m.start()
                    self._shifts.append(deleted)
                marked = marked.replace(_MARK, "")
            self._text = marked
        return self._text

    def to_original(self, i: int) -> int:
        """Offset in the original text of folded offset *i*.

        Deleted marks that follow a letter belong to it, so an end offset
        includes a word's trailing diacritics.
        """
        if self._text is None:
            self.text  # noqa: B018 - builds the offset map
        if not self._breaks:
            return i
        k = bisect.bisect_right(self._breaks, i) - 1
        return i + self._shifts[k] if k >= 0 else i

    def folded(self, start: int, end: int) -> str:
        """``fold(original[start:end])``, without folding again: a slice of
        the article's fold (folding maps each character on its own).

        >>> n = normalize("قصفٌ على الميادينِ")
        >>> n.folded(5, 18) == fold("على الميادينِ")
        True
        """
        return self._marked[start:end].replace(_MARK, "")

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the folded span ``[start, end)``."""
        return self.to_original(start), self.to_original(end)

    @property
    def tokens(self) -> list[Token]:
        """The words of the folded text, each with its original span."""
        if self._tokens is None:
            marked = self._marked
            # Built with C-level map/zip over the matches: a Python-level loop
            # (or Token(...), whose __new__ is Python code) per word cost a
            # third more, and every article pays it.
            found = list(_WORD.finditer(marked))
            words = list(map(_GROUP, found))
            if _MARK in marked:
                # The marker is a word character (tatweel), so a vocalised
                # word is one match; its folded form drops the markers.
                words = [w.replace(_MARK, "") if _MARK in w else w for w in words]
                if "" in words:  # only marks: a stray diacritic, no word
                    keep = [w != "" for w in words]
                    words = list(compress(words, keep))
                    found = list(compress(found, keep))
            self._tokens = list(map(_NEW_TOKEN, zip(words, map(_START, found), map(_END, found))))
            self._words = words
        return self._tokens

    @property
    def words(self) -> list[str]:
        """The folded words alone (``[t.text for t in tokens]``, kept from building them).

        >>> normalize("قصفٌ على الميادينِ").words
        ['قصف', 'علي', 'الميادين']
        """
        if self._words is None:
            self.tokens  # noqa: B018 - builds both
        assert self._words is not None
        return self._words


def normalize(text: str) -> NormalizedText:
    """Fold *text* and keep the map back to it. See :class:`NormalizedText`."""
    return NormalizedText(text)


# Proclitics that attach to a word: conjunctions و ف, prepositions ب ل ك,
# and the article ال. ل + ال is written لل («للميادين»).
_CONJ: Final = ("و", "ف")
_PREP: Final = ("ب", "ل", "ك")
_MIN_STEM: Final = 2


@lru_cache(maxsize=65536)
def token_variants(token: str) -> tuple[str, ...]:
    """Readings of a folded word with proclitics removed, the word itself first.

    Callers prefer the earliest reading that matches a name, so a name that
    itself begins with one of these letters («بقرص», «كونيكو») still matches.

    >>> token_variants("وبالميادين")
    ('وبالميادين', 'بالميادين', 'الميادين', 'ميادين')
    >>> token_variants("للميادين")
    ('للميادين', 'لميادين', 'الميادين', 'ميادين')
    >>> token_variants("باديه")
    ('باديه', 'اديه')
    """
    out = [token]
    rest = token
    if len(rest) > _MIN_STEM + 1 and rest[0] in _CONJ:
        rest = rest[1:]
        out.append(rest)
    if len(rest) > _MIN_STEM + 2 and rest.startswith("لل"):
        out.append(rest[1:])  # ل + a word that starts with ل: «للواء»
        rest = "ال" + rest[2:]  # ل + ال: «للميادين»
        out.append(rest)
    elif len(rest) > _MIN_STEM + 1 and rest[0] in _PREP:
        rest = rest[1:]
        out.append(rest)
    if len(rest) > _MIN_STEM + 2 and rest.startswith("ال"):
        out.append(rest[2:])
    # dict.fromkeys keeps order and drops repeats
    return tuple(dict.fromkeys(out))


def _strip_article(word: str) -> str:
    if len(word) > _MIN_STEM + 2 and word.startswith("ال"):
        return word[2:]
    return word


@lru_cache(maxsize=65536)
def name_key(name: str) -> tuple[str, ...]:
    """The matching key of a place name: its folded words, each without the article.

    Two spellings that differ only in diacritics, hamza, ta marbuta,
    tatweel, quotes or the article have the same key.

    >>> name_key("حُوَيجة صَقر") == name_key("حويجه صقر")
    True
    >>> name_key("دير الزور")
    ('دير', 'زور')
    """
    return tuple(_strip_article(w) for w in _WORD.findall(fold(unicodedata.normalize("NFC", name))))
