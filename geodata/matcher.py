"""Find every gazetteer name in a text in one pass: a token trie.

Names are keyed by :func:`geodata.arabic.name_key` words (folded, no
article), so «دير الزور», «ديرِ الزور» and «بدير الزور» all reach the same
trie path. Only the first word of a match may carry proclitics (و ف ب ل ك
and the article); later words may only drop the article, as in the names.

The scan is one dictionary walk per token: each distinct folded word is
looked up once and remembered, so a long article costs about one dict
lookup per word.

>>> from geodata.matcher import NameTrie
>>> trie = NameTrie()
>>> trie.add("دير الزور", "dez")
>>> trie.add("الميادين", "mayadin")
>>> trie.add("بادية الميادين", "mayadin_desert")
>>> [(m.text, m.values) for m in trie.find("قصف في ديرِ الزور وبادية الميادين")]
[('ديرِ الزور', ('dez',)), ('وبادية الميادين', ('mayadin_desert',))]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import Final, Generic, Hashable, Iterator, TypeVar

from geodata.arabic import _MARK, NormalizedText, name_key, normalize, token_variants

__all__ = ["NameTrie", "TrieMatch", "later_word_key"]

V = TypeVar("V", bound=Hashable)
# what folds to nothing: a deleted mark, a space, a quote (which folds to a space)
_MARK_STRIP: Final = _MARK + " \t\n\r\f\v"

# A trie node is a dict from word to child node; the values stored at a node
# (the places whose name ends there) sit under the key None.
_Node = dict


@lru_cache(maxsize=65536)
def later_word_key(word: str) -> str:
    """The key of a non-first word of a name: folded, article stripped.

    >>> later_word_key("الزور")
    'زور'
    """
    key = name_key(word)
    return key[0] if len(key) == 1 else word


@dataclass(frozen=True, slots=True)
class TrieMatch:
    """A run of tokens ``[token_start, token_end)`` that spells a name.

    ``start``/``end`` are offsets in the original text and cover whole
    words; ``name_start`` is where the name proper begins inside the first
    word (after و/ب/ل…, keeping a written article), so
    ``original[name_start:end]`` is the name as written.
    """

    start: int
    end: int
    text: str
    token_start: int
    token_end: int
    name_start: int
    name: str
    values: tuple  # the values attached to the name (not generic: mypyc compiles no generic dataclass)


class NameTrie(Generic[V]):
    """A multi-pattern matcher over folded words; values are attached to names.

    >>> t = NameTrie()
    >>> t.add("حقل العمر", "omar")
    >>> [m.name for m in t.find('قاعدتي حقلي "العمر"')]
    []
    >>> t.add("حقلي العمر", "omar")
    >>> [m.name for m in t.find('قاعدتي حقلي "العمر"')]
    ['حقلي "العمر']
    """

    __slots__ = ("_root", "_first", "_size")

    def __init__(self) -> None:
        self._root: _Node = {}
        # folded first word -> its (reading, child node) pairs; filled lazily.
        self._first: dict[str, tuple[tuple[str, _Node], ...]] = {}
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def add(self, name: str | tuple[str, ...], value: V) -> None:
        """Attach *value* to *name* (a string, or a ready name_key tuple)."""
        key = name_key(name) if isinstance(name, str) else name
        if not key:
            raise ValueError(f"name {name!r} has no words")
        node = self._root
        for word in key:
            node = node.setdefault(word, {})
        values = node.get(None, ())
        if value not in values:
            node[None] = values + (value,)
            self._size += 1
        self._first.clear()

    def lookup(self, name: str | tuple[str, ...]) -> tuple[V, ...]:
        """Values attached to exactly this name (after name_key).

        >>> t = NameTrie(); t.add("التنف", "a"); t.add("التنف", "b")
        >>> t.lookup("تنف")
        ('a', 'b')
        """
        key = name_key(name) if isinstance(name, str) else name
        node = self._root
        for word in key:
            nxt = node.get(word)
            if nxt is None:
                return ()
            node = nxt
        return node.get(None, ())

    def _first_nodes(self, word: str) -> tuple[tuple[str, _Node], ...]:
        """The proclitic readings of *word* that start a name, earliest first."""
        try:
            return self._first[word]
        except KeyError:
            pass
        root = self._root
        found = tuple((v, root[v]) for v in token_variants(word) if v in root)
        if len(self._first) > 200_000:  # bound memory on endless input
            self._first.clear()
        self._first[word] = found
        return found

    def find(self, text: str | NormalizedText) -> list[TrieMatch]:
        """Longest non-overlapping names, left to right, with original offsets."""
        return list(self.iter_find(text))

    def iter_find(self, text: str | NormalizedText) -> Iterator[TrieMatch]:
        """Like :meth:`find`, lazily."""
        return (TrieMatch(*fields) for fields in self.iter_fields(text))

    def iter_fields(self, text: str | NormalizedText) -> Iterator[tuple]:
        """Like :meth:`iter_find`, each match as the tuple of its TrieMatch
        fields (a caller that builds its own record skips the TrieMatch)."""
        norm = text if isinstance(text, NormalizedText) else normalize(text)
        tokens = norm.tokens
        n = len(tokens)
        # Most words start no name: look every word's readings up at C speed
        # (map) and visit only the words that may start one (compress).
        words = norm.words
        # (a KeyError says a word is new, with no pass over the list looking for a None)
        readings_at: list[tuple[tuple[str, _Node], ...]]
        try:
            readings_at = list(map(self._first.__getitem__, words))
        except KeyError:  # words not seen before
            known = list(map(self._first.get, words))
            first_nodes = self._first_nodes
            readings_at = [first_nodes(w) if r is None else r for w, r in zip(words, known)]
        after = 0  # the end of the last name found: names do not overlap
        for i in compress(range(n), readings_at):
            if i < after:
                continue
            for variant, first in readings_at[i]:  # the earliest reading that completes a name
                best_end = i + 1 if None in first else -1
                best_node = node = first
                j = i + 1
                while j < n:
                    nxt = node.get(later_word_key(words[j]))
                    if nxt is None:
                        break
                    node = nxt
                    j += 1
                    if None in node:
                        best_end, best_node = j, node
                if best_end > 0:
                    yield self._make(norm, tokens, i, best_end, variant, best_node[None])
                    after = best_end
                    break

    @staticmethod
    def _make(norm: NormalizedText, tokens: list, i: int, j: int, variant: str, values: tuple) -> tuple:
        start, end = tokens[i].start, tokens[j - 1].end
        first = tokens[i]
        name_start = start
        word = first.text
        if variant != word and word.endswith(variant):
            cut = len(word) - len(variant)
            # Keep a written article («بالميادين» -> «الميادين»), not the
            # elided one of ل + ال («للميادين» -> «ميادين»).
            if cut >= 2 and word[cut - 2:cut] == "ال":
                cut -= 2
            # Map the cut back through the original word (it may hold
            # diacritics, which fold away).
            original_word = norm.original[first.start:first.end]
            if len(original_word) == len(word):  # nothing folded away: same offsets
                name_start = first.start + cut
            else:
                name_start = first.start + normalize(original_word).to_original(cut)
            # Deleted marks after the last proclitic belong to it (the
            # article's fold, same length as the original, says which).
            marked = norm._marked
            while name_start < first.end and not marked[name_start].strip(_MARK_STRIP):
                name_start += 1
        original = norm.original
        return start, end, original[start:end], i, j, name_start, original[name_start:end], values
