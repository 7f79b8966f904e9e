"""Article text is untrusted: extraction never raises, and every offset it returns is honest.

Property tests over arbitrary Unicode (no surrogates), mixed Arabic/Latin,
control characters, bidi marks, lone diacritics and huge repetitions, plus
text stitched from news fragments so that events really are produced.
"""

from functools import lru_cache

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from extract.features import event_features
from extract.model import ArticleMeta
from extract.pipeline import extract_events
from geodata import load_gazetteer


@lru_cache(maxsize=1)
def gazetteer():
    return load_gazetteer()


FRAGMENTS = [
    "قصفت طائرات التحالف الدولي ", "استهدفت الميليشيات الإيرانية ", "تعرضت قاعدة ", "حقل العمر", "كونيكو",
    "الميادين", "البوكمال", "بادية الميادين", "حويجة صكر", "التنف", "الصالحية", "عكاشات", "دير الزور",
    " لهجوم بطائرات مسيرة", " رداً على ", "مقتل خمسة عناصر", " وإصابة عنصرين", "يوم الأربعاء", " أمس ",
    "12 تشرين الثاني", "الخامس عشر من الجاري", "، ", ". ", "\n", "\r\n", "«", "»", "“", "”", '"',
    "\u200f", "\u200e", "\u202b", "\u202c", "\u061c", "\u0640", "\u064e", "\u0651", "\u0670", "\ufeff",
    "ـ", "١٢", "F-15", "CENTCOM", "\x00", "\x1b[0m", "\t", "  ", "و", "ال", "بـ", "لـ", "ة", "ى", "أ", "إ",
    "\u0301", "🙂", "\U0001F1F8\U0001F1FE", "ﻻ", "ﷲ",
]

# Fragments stitched the way the strategies below stitch them: this one does state events,
# so the offset checks are exercised on real events, not only on empty results.
STITCHED = ("استهدفت الميليشيات الإيرانية " + "\u064e" + "قاعدة " + "كونيكو" + " رداً على " + "\u200f"
            + "قصفت طائرات التحالف الدولي " + "«الميادين»" + "، " + "مقتل خمسة عناصر" + "\r\n"
            + "تعرضت قاعدة " + "حقل العمر" + " لهجوم بطائرات مسيرة" + ". ")


def test_stitched_fragments_do_produce_events():
    events = extract_events(STITCHED, gazetteer=gazetteer(), meta=ArticleMeta(file="prop.txt"))
    assert len(events) >= 2
    assert {t.key for e in events for t in e.targets} >= {"conoco", "omar_oil_field"}


no_surrogates = st.characters(blacklist_categories=("Cs",))
arabic_mixed = st.characters(
    whitelist_categories=("L", "M", "N", "P", "Z", "Cc", "Cf", "S"),
    blacklist_categories=("Cs",),
)
texts = st.one_of(
    st.text(no_surrogates, max_size=400),
    st.text(st.sampled_from([chr(c) for c in range(0x0600, 0x0700)] + list("abcXYZ019 ،.\n")), max_size=400),
    st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(arabic_mixed, max_size=8)), max_size=40).map("".join),
    st.builds(lambda piece, n: piece * n,
              st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map("".join),
              st.integers(min_value=50, max_value=400)),
)


def check_mention(text, event, mention):
    assert 0 <= mention.start <= mention.end <= len(text)
    assert text[mention.start:mention.end] == mention.text
    a, b = mention.start - event.excerpt_start, mention.end - event.excerpt_start
    assert 0 <= a <= b <= len(event.excerpt)
    assert event.excerpt[a:b] == mention.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
@example(text=STITCHED)
@example(text=STITCHED * 300)
@example(text="\u064e" * 1000 + "الميادين" + "\u200f" * 50)
def test_extract_events_never_raises_and_offsets_are_honest(text):
    meta = ArticleMeta(file="prop.txt")
    events = extract_events(text, gazetteer=gazetteer(), meta=meta)
    event(f"events: {min(len(events), 3)}")
    for ev in events:
        assert 0 <= ev.excerpt_start <= len(text)
        assert text[ev.excerpt_start:ev.excerpt_start + len(ev.excerpt)] == ev.excerpt
        for m in ev.targets:
            check_mention(text, ev, m)
        if ev.origin is not None:
            assert 0 <= ev.origin.start <= ev.origin.end <= len(text)
            assert text[ev.origin.start:ev.origin.end] == ev.origin.text
    for feat in event_features(events, meta):
        props = feat.get("properties", feat)
        s, e = props["excerpt_place_start"], props["excerpt_place_end"]
        assert 0 <= s <= e <= len(props["excerpt"])
        assert props["excerpt"][s:e] == props["place_ar"]
