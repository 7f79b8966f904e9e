"""Word and phrase lists matched on folded tokens: one dictionary lookup per word.

The extractor reads an article through vocabularies (trigger verbs, actors,
weapons, clause connectors …). Every entry is a phrase of one or more
words; a text token matches a word when one of its proclitic readings
(:func:`geodata.arabic.token_variants`: «وبالقصف» → «القصف», «قصف») is that
word. Inflected forms are listed explicitly (see :func:`forms`) because a
set lookup is far cheaper than a regular expression per token.

>>> from geodata.arabic import normalize
>>> lex = Lexicon([("قصف", "trigger"), ("التحالف الدولي", "actor")])
>>> toks = normalize("وبالقصف قوات التحالفِ الدولي").tokens
>>> [(h.start, h.end, h.label) for h in lex.scan([t.text for t in toks])]
[(0, 1, 'trigger'), (2, 4, 'actor')]
"""

from __future__ import annotations

from typing import Any, Generic, Hashable, Iterable, NamedTuple, Sequence, TypeVar, final

from geodata.arabic import fold, token_variants

__all__ = ["Lexicon", "Hit", "forms", "words_of"]

L = TypeVar("L", bound=Hashable)


class Hit(NamedTuple):
    """Tokens ``[start, end)`` spell an entry whose label is ``label``.

    A named tuple rather than a dataclass: an article makes hundreds, and
    tuple construction is several times cheaper.
    """

    start: int
    end: int
    label: Any


def words_of(phrase: str) -> tuple[str, ...]:
    """The folded words of *phrase*.

    >>> words_of("الحرسُ الثوريّ")
    ('الحرس', 'الثوري')
    """
    return tuple(w for w in fold(phrase).replace("-", " ").split() if w)


def forms(stems: Iterable[str], suffixes: Iterable[str] = ("",), prefixes: Iterable[str] = ("",)) -> list[str]:
    """Every prefix + stem + suffix: a compact way to list inflections.

    >>> forms(["قصف"], ["", "ت"], ["", "ي"])
    ['قصف', 'قصفت', 'يقصف', 'يقصفت']
    """
    return [p + s + x for p in prefixes for s in stems for x in suffixes]


@final
class _Plan:
    """What :meth:`Lexicon.scan` needs to know about one word, computed once per word.

    A class with typed fields, not a tuple: the compiled build reads them
    natively. Every word has one, also words that start no entry, because
    the word before may need its readings.
    """

    __slots__ = ("variants", "singles", "nexts", "cands")

    def __init__(self, variants: tuple[str, ...], singles: tuple[Any, ...], nexts: set[str],
                 cands: tuple[tuple[tuple[str, ...], Any], ...]) -> None:
        self.variants = variants  # its proclitic readings (token_variants)
        self.singles = singles  # labels of its one-word entries, deduplicated
        self.nexts = nexts  # first words of the rest of its longer phrases
        self.cands = cands  # all the entries it starts; () when none


class Lexicon(Generic[L]):
    """Phrases → labels, matched left to right over folded tokens.

    A word matches a token if it equals any proclitic reading of the token,
    so write entries without proclitics; with or without the article both
    work («التحالف» also matches «تحالف» readings). A token may start
    several hits with different labels; :meth:`scan` reports all of them.
    """

    __slots__ = ("_index", "_plans")

    def __init__(self, entries: Iterable[tuple[str, L]] = ()) -> None:
        # first word -> [(rest words, label)], longest first
        self._index: dict[str, list[tuple[tuple[str, ...], L]]] = {}
        self._plans: dict[str, _Plan] = {}  # word -> its plan (holds its candidates)
        self.update(entries)

    def update(self, entries: Iterable[tuple[str, L]]) -> None:
        """Add entries (phrase, label)."""
        for phrase, label in entries:
            words = words_of(phrase)
            if not words:
                continue
            firsts = [words[0]]
            if len(words[0]) <= 3:
                # proclitics are not split off words this short («بشن», «وتل»): list them
                firsts += [p + words[0] for p in "وفبل"]
            for first in firsts:
                bucket = self._index.setdefault(first, [])
                item = (words[1:], label)
                if item not in bucket:
                    bucket.append(item)
                    bucket.sort(key=lambda e: -len(e[0]))
        self._plans.clear()

    def __len__(self) -> int:
        return sum(len(v) for v in self._index.values())

    def candidates(self, word: str) -> tuple[tuple[tuple[str, ...], L], ...]:
        """Entries whose first word is a reading of *word* (:meth:`scan` keeps
        them per word, in the word's plan)."""
        out: list[tuple[tuple[str, ...], L]] = []
        for v in token_variants(word):
            out.extend(self._index.get(v, ()))
        return tuple(dict.fromkeys(out))

    def _plan(self, word: str) -> _Plan:
        """What :meth:`scan` needs to know about *word*, computed once per word."""
        cands = self.candidates(word)
        singles = tuple(dict.fromkeys(label for rest, label in cands if not rest))
        nexts = {rest[0] for rest, _ in cands if rest}
        plan = _Plan(token_variants(word), singles, nexts, cands)
        if len(self._plans) > 200_000:  # bound memory on endless input
            self._plans.clear()
        self._plans[word] = plan
        return plan

    def scan(self, words: Sequence[str]) -> list[Hit]:
        """Every hit over the folded *words*, in token order."""
        hits: list[Hit] = []
        new = tuple.__new__  # a Hit without the named tuple's Python-level constructor
        hit = Hit  # a local: compiled, a global name is a dictionary lookup per use
        plans = self._plans
        n = len(words)
        # Every word's plan, looked up at C speed (map); a KeyError says a
        # word is new, with no pass over the list looking for a None.
        try:
            found: list[_Plan] = list(map(plans.__getitem__, words))
        except KeyError:  # words not seen before: plan them once
            found = [plans.get(w) or self._plan(w) for w in words]
        for i in range(n):
            plan = found[i]
            cands = plan.cands
            if not cands:
                continue  # half the words of an article start no entry
            # Most phrases die at their second word: when no reading of the
            # next word continues one, only the one-word entries can match.
            # (a loop over its few readings: compiled, isdisjoint would stay a method call)
            nexts = plan.nexts
            more = False
            if nexts and i + 1 < n:
                for v in found[i + 1].variants:
                    if v in nexts:
                        more = True
                        break
            if not more:
                for label in plan.singles:
                    hits.append(new(hit, (i, i + 1, label)))
                continue
            seen: set[Any] = set()
            for rest, label in cands:
                if label in seen:
                    continue  # the longest phrase with this label wins
                j = i + 1
                for r in rest:
                    if j >= n or r not in found[j].variants:
                        break
                    j += 1
                else:
                    hits.append(new(hit, (i, j, label)))
                    seen.add(label)
        return hits
