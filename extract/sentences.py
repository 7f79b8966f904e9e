"""Sentences and clauses, with offsets into the original article.

A sentence ends at «.», «!», «?», «؟» or «…» followed by a space, a quote
or the end, and at every line break (news paragraphs are lines). A
clause is a stretch of a sentence that can state one event: sentences
split before connectors («فيما», «كما», «حيث», «مشيراً إلى» …) and before
cause markers («رداً على», «عقب», «كرد فعل على», «بعد ساعات من») that
introduce another event.

>>> from geodata.arabic import normalize
>>> text = "قصفت القوات مراط. وردت الميليشيات\\nهجوم ثان"
>>> n = normalize(text)
>>> [(text[s.start:s.end], s.paragraph) for s in split_sentences(text, n.tokens)]
[('قصفت القوات مراط.', 0), ('وردت الميليشيات', 0), ('هجوم ثان', 1)]
>>> [(c.token_start, c.token_end, c.kind) for c in split_clauses(0, 6, {2: "cause", 4: "split"})]
[(0, 2, 'main'), (2, 4, 'cause'), (4, 6, 'main')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter
from typing import Final, Mapping, Sequence

from geodata.arabic import Token

__all__ = ["Sentence", "Clause", "split_sentences", "split_clauses", "CONNECTOR_ENTRIES"]

_TOKEN_START: Final = attrgetter("start")
# A run of end marks before a space, a quote or the end, or a line break;
# written to open with one character class (a line break or a first end
# mark, then told apart looking back), which the regex engine scans for
# at C speed instead of trying two branches at every character.
_END: Final = re.compile(r"[.!?؟…\n](?:(?<=\n)|(?<=[.!?؟…])[.!?؟…]*(?=[\s\"'»”’)\]]|$))")


@dataclass(frozen=True, slots=True)
class Sentence:
    """Original offsets ``[start, end)`` (trimmed), tokens ``[token_start, token_end)``."""

    index: int
    start: int
    end: int
    token_start: int
    token_end: int
    paragraph: int

    # (written out, not generated: compiled by mypyc it runs natively; see extract/model.py)
    def __init__(self, index: int, start: int, end: int, token_start: int, token_end: int, paragraph: int) -> None:
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "token_start", token_start)
        object.__setattr__(self, "token_end", token_end)
        object.__setattr__(self, "paragraph", paragraph)


@dataclass(frozen=True, slots=True)
class Clause:
    """Tokens ``[token_start, token_end)``; ``kind`` is main, cause (what the
    main clause answers: «رداً على …») or prior (an earlier event: «بعد ساعات من …»)."""

    token_start: int
    token_end: int
    kind: str = "main"
    answers: bool = False  # «…، وردت القوات …»: a main clause that answers what came before
    corrects: bool = False  # «…، والصحيح أنها استهدفت …»: a main clause that corrects what came before

    # (written out, not generated: compiled by mypyc it runs natively; see extract/model.py)
    def __init__(self, token_start: int, token_end: int, kind: str = "main", answers: bool = False,
                 corrects: bool = False) -> None:
        object.__setattr__(self, "token_start", token_start)
        object.__setattr__(self, "token_end", token_end)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "answers", answers)
        object.__setattr__(self, "corrects", corrects)


def split_sentences(text: str, tokens: Sequence[Token]) -> list[Sentence]:
    """Sentences of *text*; *tokens* are its tokens (original offsets), in order."""
    starts = list(map(_TOKEN_START, tokens))  # (C-level: ~440 tokens per article)
    # (the spans first, then the sentences: a nested function to emit them
    # would make a reference cycle in a compiled build, kept until the collector runs)
    spans: list[tuple[int, int, int]] = []  # (start, end, paragraph), blanks not yet trimmed
    paragraph = 0
    last = 0
    n = len(text)
    for m in _END.finditer(text):
        if m.group() == "\n":
            spans.append((last, m.start(), paragraph))
            last = m.end()
            # a blank line or a single break both start a new paragraph
            paragraph += 1
        else:
            spans.append((last, m.end(), paragraph))
            last = m.end()
    if last < n:
        spans.append((last, n, paragraph))
    out: list[Sentence] = []
    # Paragraph numbers count line breaks; numbered densely as sentences are emitted.
    dense: dict[int, int] = {}
    for a, b, par in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append(Sentence(len(out), a, b, bisect_left(starts, a), bisect_left(starts, b),
                                dense.setdefault(par, len(dense))))
    return out


def _clause_kind(split: str) -> tuple[str, bool, bool]:
    """(kind, answers, corrects) of the clause a split of this kind opens.
    (A module function: nested in split_clauses, it was built anew per call.)"""
    if split == "answer":
        return "main", True, False
    if split == "correct":
        return "main", False, True
    return ("main" if split == "split" else split), False, False


def split_clauses(token_start: int, token_end: int, splits: Mapping[int, str],
                  order: Sequence[int] | None = None) -> list[Clause]:
    """Clauses of the token range, split before each token index in *splits*
    (its value: ``split`` for a plain connector, ``cause`` or ``prior``).
    *order* (``sorted(splits)``), if given, saves a pass over all splits."""
    if order is None:
        points = sorted(i for i in splits if token_start < i < token_end)
    else:
        points = list(order[bisect_right(order, token_start):bisect_left(order, token_end)])
    out: list[Clause] = []
    a, (kind, answers, corrects) = token_start, _clause_kind(splits.get(token_start, "main"))
    for p in points:
        if p > a:
            out.append(Clause(a, p, kind, answers, corrects))
        a = p
        kind, answers, corrects = _clause_kind(splits[p])
    if token_end > a:
        out.append(Clause(a, token_end, kind, answers, corrects))
    return out


# Connector phrases (folded words, proclitics allowed) -> split kind.
_SPLIT: Final = ["فيما", "بينما", "كما", "حيث", "في حين", "في المقابل", "من جهة أخرى", "من جهته", "من جهتها",
          "بالتزامن", "مشيرا", "مشيرة", "لافتا", "لافتة", "مؤكدا", "مؤكدة", "مضيفا", "مضيفة", "موضحا",
          "موضحة", "معتبرا", "معتبرة", "في سياق متصل", "إلى ذلك", "يأتي", "تأتي", "جاء", "جاءت",
          "وقالت", "وقال", "وأضاف", "وأضافت", "وأكد", "وأكدت", "وأفاد", "وأفادت", "بعدما", "في حين",
          # «…، وفي اليوم التالي سقطت صواريخ …، ثم استُهدفت قاعدة الشدادي …»: a chain of strikes
          "ثم", "وفي اليوم التالي", "في اليوم التالي"]
# «ذكر البيان أنه جرى استهداف قسرك …، وأن رشقة سقطت على تل بيدر»: a second report,
# after a comma only («وسبق وأن تعرضت …» is one clause)
# «…، إذ كانت القاعدة قد تعرضت …»: the recalled strike that explains; «…، وسط استنفار …»: the scene;
# «الأول بمسيّرة على …، والثاني بقذائف على …»: the items of a list in one sentence
_SPLIT_AFTER_COMMA: Final = ["وأن", "كما أن", "وسبق", "إذ", "وسط", "والثاني", "والثانية", "والثالث", "والثالثة",
                      "والرابع", "والرابعة", "والأخير", "والأخيرة"]
# «…، وردت مدفعية التحالف بقصف …»: the answer is another event, and answers the one before
_ANSWER: Final = ["وردت", "ورد", "وردوا", "فردت", "فرد", "فردوا", "وترد", "ويرد", "وردّت"]
# «…، والصحيح أنها استهدفت …», «وفي تصحيح لاحق، …», «…، قبل أن يتبيّن أن …»: what follows
# corrects the report before it
# («تصحيح | ورد في نشرتنا أن …» is a label: the report it corrects follows it)
_CORRECT: Final = ["والصحيح", "الصحيح أن", "والأصح", "الأصح أن", "في تصحيح", "تصحيحا لما", "وللتصحيح", "قبل أن يتبين",
            "قبل أن يتضح", "قبل أن تؤكد", "قبل أن يؤكد", "قبل أن توضح", "قبل أن يوضح", "ليتبين", "ليتضح", "تبين لاحقا", "اتضح لاحقا", "تبين لاحقا أن", "اتضح لاحقا أن",
            "والحقيقة أن", "في الحقيقة"]
_CAUSE: Final = ["ردا", "رداً", "ردّاً", "كرد", "عقب", "إثر", "على إثر", "في أعقاب", "أعقاب", "انتقاما", "ردا على"]
_PRIOR: Final = ["بعد دقائق من", "بعد دقيقة من", "بعد لحظات من", "عقب دقائق من", "بعد ساعات من", "بعد ساعة من", "بعد أيام من", "بعد يوم من", "بعد يومين من", "بعد أسبوع من",
          "بعد ساعات على", "بعد أيام على", "قبل ساعات من", "قبل أيام من", "بعد أسابيع من"]

CONNECTOR_ENTRIES: Final[list[tuple[str, tuple]]] = (
    [(w, ("split", "split", None)) for w in _SPLIT]
    + [(w, ("split", "comma", None)) for w in _SPLIT_AFTER_COMMA]
    + [(w, ("split", "cause", None)) for w in _CAUSE]
    + [(w, ("split", "prior", None)) for w in _PRIOR]
    + [(w, ("split", "answer", None)) for w in _ANSWER]
    + [(w, ("split", "correct", None)) for w in _CORRECT]
)
