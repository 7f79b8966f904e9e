"""Sentence and clause splitting with offsets into the original text."""

from __future__ import annotations

from extract.events import LEXICON
from extract.sentences import split_clauses, split_sentences
from geodata.arabic import normalize


def sentences(text):
    n = normalize(text)
    return [text[s.start:s.end] for s in split_sentences(text, n.tokens)]


def test_sentences_end_at_stops_and_lines():
    text = "قصفت القوات مراط. وأصيب 2.5 بالمئة؟ نعم!\n\nسطر جديد…  وآخر"
    assert sentences(text) == ["قصفت القوات مراط.", "وأصيب 2.5 بالمئة؟", "نعم!", "سطر جديد…", "وآخر"]


def test_offsets_and_tokens_and_paragraphs():
    text = "  أولى. ثانية\nثالثة  "
    n = normalize(text)
    ss = split_sentences(text, n.tokens)
    assert [(s.start, s.end, s.paragraph) for s in ss] == [(2, 7, 0), (8, 13, 0), (14, 19, 1)]
    assert [[t.text for t in n.tokens[s.token_start:s.token_end]] for s in ss] == [["اولي"], ["ثانيه"], ["ثالثه"]]


def test_vocalised_text_keeps_its_diacritics_in_the_sentence():
    text = "قَصَفَتْ القُوّاتُ مَراطَ. ثمّ"
    assert sentences(text)[0] == "قَصَفَتْ القُوّاتُ مَراطَ."


def test_empty_and_blank():
    assert sentences("") == [] and sentences(" \n \n") == []


def clause_texts(text):
    n = normalize(text)
    words = [t.text for t in n.tokens]
    splits = {}
    for h in LEXICON.scan(words):
        if h.label[0] == "split":
            splits.setdefault(h.start, h.label[1])
    return [(" ".join(words[c.token_start:c.token_end]), c.kind) for c in split_clauses(0, len(words), splits)]


def test_clauses_split_at_connectors_and_causes():
    text = "قصفت القوات مراط، فيما ردت الميليشيات على القاعدة رداً على القصف، مشيرة إلى مقتل عنصر"
    assert [k for _, k in clause_texts(text)] == ["main", "main", "cause", "main"]
    assert clause_texts(text)[2][0].startswith("ردا علي")


def test_prior_events():
    text = "جاء الهجوم بعد ساعات من استهداف قاعدة كونيكو"
    assert clause_texts(text) == [("جاء الهجوم", "main"), ("بعد ساعات من استهداف قاعده كونيكو", "prior")]
