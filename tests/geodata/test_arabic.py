"""Folding and offsets, on the seed articles and on sentences of our own."""

from pathlib import Path

import pytest

from geodata.arabic import fold, name_key, normalize, token_variants

SEEDS = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_every_token_maps_back_to_its_original_words(path):
    text = path.read_text(encoding="utf-8")
    norm = normalize(text)
    assert norm.tokens, "a seed article has words"
    for tok in norm.tokens:
        # The original span, folded, is the token: offsets are exact.
        assert fold(text[tok.start:tok.end]).strip() == tok.text


def test_vocalised_and_plain_spellings_fold_alike():
    # Seed 004 is fully vocalised; matching must not care.
    assert fold("تصاعدُ وتيرةِ القصفِ المتبادلِ") == fold("تصاعد وتيرة القصف المتبادل")
    assert fold("إسقاط") == fold("اسقاط") == fold("أسقاط")
    assert fold("مستشفى") == fold("مستشفي")
    assert fold("ـالميـادين") == "الميادين"  # tatweel
    assert fold("١٢ نوفمبر") == "12 نوفمبر"
    assert fold("۱۵") == "15"


def test_quotes_of_every_kind_separate_words():
    words = [t.text for t in normalize('حقلي "العمر" و“كونيكو” و«التنف» و‘الشدادي’').tokens]
    assert words == ["حقلي", "العمر", "و", "كونيكو", "و", "التنف", "و", "الشدادي"]


def test_offsets_survive_diacritics_before_a_name():
    text = "واستهدفتْ الطائراتُ قاعدةَ خرابِ الجيرِ أمسِ"
    norm = normalize(text)
    i = norm.text.index("خراب الجير")
    start, end = norm.span(i, i + len("خراب الجير"))
    assert text[start:end] == "خرابِ الجيرِ"


def test_text_without_marks_keeps_its_offsets():
    text = "قصف مدفعي على بلدة مراط"
    norm = normalize(text)
    assert norm.text == "قصف مدفعي علي بلده مراط"  # letters fold one to one
    i = norm.text.index("مراط")
    assert text[norm.to_original(i):norm.to_original(i + 4)] == "مراط"


@pytest.mark.parametrize(
    "word, stem",
    [
        ("والميادين", "ميادين"),
        ("بالبوكمال", "بوكمال"),
        ("للميادين", "ميادين"),
        ("فالشدادي", "شدادي"),
        ("كالعمر", "عمر"),
        ("ومراط", "مراط"),
    ],
)
def test_proclitics_are_read_off(word, stem):
    assert stem in token_variants(fold(word))


def test_the_word_itself_is_the_first_reading():
    # «بقرص» is a village: its ب is not a preposition, so the word itself must come first.
    assert token_variants("بقرص")[0] == "بقرص"


def test_name_keys_ignore_article_hamza_and_ta_marbuta():
    assert name_key("حُوَيجة صقر") == name_key("حويجه صقر")
    assert name_key("البوكمال") == name_key("بوكمال")
    assert name_key("مطار دير الزور العسكري") == ("مطار", "دير", "زور", "عسكري")
    assert name_key("") == ()


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_words_and_slices_of_the_fold_agree_with_the_tokens(path):
    # The extractor reads words and clause text from these instead of folding again.
    text = path.read_text(encoding="utf-8")
    norm = normalize(text)
    assert norm.words == [t.text for t in norm.tokens]
    for tok in norm.tokens:
        assert norm.folded(tok.start, tok.end) == tok.text
    assert norm.folded(0, len(text)) == fold(text)


def test_a_stray_diacritic_is_no_word():
    norm = normalize("قصف \u064e مراط")
    assert norm.words == ["قصف", "مراط"]
    assert [text_span for _, *text_span in norm.tokens] == [[0, 3], [6, 10]]
