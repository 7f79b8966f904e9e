"""geodata.matcher (NameTrie) and Gazetteer.find on our own sentences and the seeds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from geodata import Gazetteer, Place, load_gazetteer
from geodata.arabic import normalize
from geodata.matcher import NameTrie

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def place(key, name_ar, *aliases, kind="village", lat=35.0, lon=40.4):
    return Place(key=key, name_ar=name_ar, name_en=key, aliases_ar=tuple(aliases), kind=kind,
                 admin1="Deir ez-Zor", country="SY", lat=lat, lon=lon, source="test")


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    return Gazetteer([
        place("mayadin", "الميادين", kind="city"),
        place("badiya_mayadin", "بادية الميادين", kind="desert"),
        place("omar", "العمر", "حقل العمر", kind="oil_field"),
        place("conoco", "كونيكو", "كونوكو", "حقل كونيكو", kind="gas_field"),
        place("dez", "دير الزور", kind="city"),
        place("hawijat_saqr", "حويجة صقر", "حويجة صكر", kind="island"),
        place("baghuz", "الباغوز", "الباغوز فوقاني"),
        place("busayrah", "البصيرة", kind="town"),
        place("liwa", "اللواء"),
    ])


def found(gaz, text):
    return [(m.text, m.name, m.places[0].key) for m in gaz.find(text)]


def test_quotes_fold_to_spaces_and_standalone_conjunction(small):
    text = 'استهدف هجوم قاعدتي حقلي "العمر" و"كونيكو" النفطيين'
    ms = small.find(text)
    assert [(m.name, m.places[0].key) for m in ms] == [("العمر", "omar"), ("كونيكو", "conoco")]
    for m in ms:  # offsets are into the original text
        assert text[m.start:m.end] == m.text == m.name


def test_proclitics_on_the_first_word_only(small):
    text = "وبالميادين، ولدير الزور، وكونيكو، فللواء"
    assert found(small, text) == [
        ("وبالميادين", "الميادين", "mayadin"),
        ("ولدير الزور", "دير الزور", "dez"),
        ("وكونيكو", "كونيكو", "conoco"),
        ("فللواء", "لواء", "liwa"),  # ف + ل + (ا)للواء: the article's alef is not written
    ]
    # A later word may drop only the article, not a preposition.
    assert found(small, "قرب دير بالزور") == []


def test_name_that_starts_like_a_proclitic_keeps_its_letter(small):
    # «البصيرة» must not be read as ب + «صيرة»; «ببادية» as ب + «بادية».
    assert found(small, "في البصيرة وببادية الميادين") == [
        ("البصيرة", "البصيرة", "busayrah"),
        ("وببادية الميادين", "بادية الميادين", "badiya_mayadin"),
    ]


def test_longest_match_wins_and_matches_do_not_overlap(small):
    assert found(small, "قصف بادية الميادين ثم الميادين") == [
        ("بادية الميادين", "بادية الميادين", "badiya_mayadin"),
        ("الميادين", "الميادين", "mayadin"),
    ]
    assert found(small, "في الباغوز فوقاني والباغوز") == [
        ("الباغوز فوقاني", "الباغوز فوقاني", "baghuz"),
        ("والباغوز", "الباغوز", "baghuz"),
    ]
    # A trie prefix that is not a complete name is not a match.
    assert found(small, "في حويجة وحدها") == []


def test_spelling_variants_glued_and_vocalised(small):
    text = "في حُوَيْجَةِ صَكَر وديرالزور وكُونُوكُو"
    ms = small.find(text)
    assert [(m.name, m.places[0].key) for m in ms] == [
        ("حُوَيْجَةِ صَكَر", "hawijat_saqr"), ("ديرالزور", "dez"), ("كُونُوكُو", "conoco")]
    assert ms[0].start == text.index("حُ") and ms[0].end == text.index(" وديرالزور")


def test_name_start_skips_proclitic_with_diacritics(small):
    text = "وَبِالمَيادينِ"
    (m,) = small.find(text)
    assert (m.start, m.end) == (0, len(text))
    assert m.name == "المَيادينِ" and text[m.name_start:] == m.name


def test_token_indices_and_normalized_input(small):
    text = "استهدفت مسيرة حقل كونيكو في ريف دير الزور"
    norm = normalize(text)
    ms = small.find(norm)
    assert [(m.token_start, m.token_end) for m in ms] == [(2, 4), (6, 8)]
    assert [norm.tokens[m.token_start].start for m in ms] == [m.start for m in ms]
    assert ms == small.find(text)


def test_nametrie_stores_several_values_per_name():
    trie = NameTrie()
    trie.add("الصالحية", "a")
    trie.add("صالحيه", "b")
    trie.add("الصالحية", "a")
    assert len(trie) == 2 and trie.lookup("الصالحيّة") == ("a", "b")
    (m,) = trie.find("في بالصالحية")
    assert m.values == ("a", "b") and m.name == "الصالحية"
    with pytest.raises(ValueError):
        trie.add("«»", "c")


def test_real_gazetteer_on_the_seeds():
    gaz = load_gazetteer()
    names, keys = {}, {}
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        ms = gaz.find(text)
        for m in ms:
            assert text[m.start:m.end] == m.text
            assert m.start <= m.name_start < m.end
        names[path.name[:3]] = [m.name for m in ms]
        keys[path.name[:3]] = {p.key for m in ms for p in m.places}
    assert {"omar_oil_field", "conoco", "hawijat_saqr", "tanf_garrison", "mayadin"} <= keys["000"]
    assert 'قاعدة "التنف' in names["000"]  # the name as written, quote included
    assert {"marrat", "tabiyeh", "mariiyah", "jafra_village"} <= keys["001"]
    assert {"shaddadi", "akashat_albukamal", "albukamal", "asharah", "ain_ali_shrine"} <= keys["003"]
    # Seed 004 is fully vocalised: names still match and keep their marks.
    assert {"kharab_al_jir", "salhiyah_deir_ez_zor", "hawijat_saqr", "deir_ez_zor_airport"} <= keys["004"]
    assert "قاعدةَ خراب الجير" in names["004"] and "حقلِ “كونيكو" in names["004"]


def test_find_is_fast_enough_for_the_extractor():
    """The extractor's budget is 1 ms per 5 KB article in total; matching a
    normalised article must take a small part of it (measured: ~0.1 ms)."""
    gaz = load_gazetteer()
    texts = [normalize(p.read_text(encoding="utf-8")) for p in SEEDS]
    for n in texts:
        gaz.find(n)  # warm the per-word cache, as a long run would
    rounds = 50
    t0 = time.perf_counter()
    for _ in range(rounds):
        for n in texts:
            gaz.find(n)
    per_article = (time.perf_counter() - t0) / (rounds * len(texts))
    assert per_article < 0.0005, f"{per_article * 1e3:.3f} ms per article"


def test_a_later_reading_is_tried_when_the_earliest_completes_no_name():
    trie = NameTrie()
    trie.add("بقرص فوقاني", "upper")  # starts with ب like a preposition
    trie.add("قرص", "other")
    assert [m.values for m in trie.find("في بقرص فوقاني")] == [("upper",)]
    # «بقرص» begins «بقرص فوقاني» but nothing completes it: read it as ب + «قرص».
    assert [(m.name, m.values) for m in trie.find("في بقرص تحتاني")] == [("قرص", ("other",))]


from hypothesis import given, settings, strategies as st  # noqa: E402

_GAZ = load_gazetteer()
_PIECES = sorted({n for p in _GAZ.places for n in p.names_ar}) + [
    "و", "ب", "ال", "في", "قصف", "«", "»", '"', "“", "، ", ". ", "\n", " ", "ـ", "\u064e", "\u0651", "12",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_find_spans_are_sound_on_any_mix(pieces):
    text = "".join(pieces)
    ms = _GAZ.find(text)
    last_end, last_token = 0, 0
    for m in ms:
        assert text[m.start:m.end] == m.text and m.start < m.end
        assert m.start >= last_end and m.token_start >= last_token  # left to right, no overlap
        assert m.start <= m.name_start < m.end and text[m.name_start:m.end] == m.name
        assert m.places and all(p in _GAZ.places for p in m.places)
        last_end, last_token = m.end, m.token_end
