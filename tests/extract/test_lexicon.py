"""The phrase lexicon: proclitic readings, longest phrase per label, inflection lists."""

from __future__ import annotations

from extract.lexicon import Lexicon, forms, words_of
from geodata.arabic import normalize


def words(text):
    return [t.text for t in normalize(text).tokens]


def test_proclitics_and_article_are_read_through():
    lex = Lexicon([("التحالف الدولي", "us"), ("قصف", "trigger")])
    hits = lex.scan(words("وللتحالف الدولي وبالقصف"))
    assert [(h.start, h.end, h.label) for h in hits] == [(0, 2, "us"), (2, 3, "trigger")]


def test_longest_phrase_wins_per_label_but_labels_coexist():
    lex = Lexicon([("الحرس", "a"), ("الحرس الثوري", "a"), ("الحرس", "b")])
    hits = lex.scan(words("الحرس الثوري"))
    assert sorted((h.end, h.label) for h in hits) == [(1, "b"), (2, "a")]


def test_no_partial_phrase_at_the_end():
    lex = Lexicon([("دوي انفجارات", "t")])
    assert lex.scan(words("سمع دوي")) == []


def test_forms_and_words_of():
    assert forms(["غارة"], ["", "ات"]) == ["غارة", "غارةات"]
    assert words_of("إف-15") == ("اف", "15")
    assert len(Lexicon([("قاعدة جوية", 1), ("قاعدة جوية", 1), ("مطار", 2)])) == 2
    # words of three letters or fewer are listed with their proclitics: «بشن» is not split by folding
    short = Lexicon([("شن", "t")])
    assert [h.label for h in short.scan(words("بشن وشن فشن لشن"))] == ["t"] * 4
