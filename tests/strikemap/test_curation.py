"""Curation: preview without saving, corrections, saving, gazetteer edits — all refused without a curator."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from extract.model import ArticleMeta, Event, PlaceMention
from geodata import load_gazetteer
from strikemap.auth import ENV_VAR, CuratorGate, NotSignedIn
from strikemap.curation import (
    Draft,
    Edit,
    add_alias,
    add_place,
    arabic_share,
    check_upload,
    correct_event,
    current_gazetteer,
    draft_article,
    new_place,
    preview_events,
    save_draft,
)
from strikemap.store import MAX_TEXT_BYTES, BadInput, DuplicateArticle, Store

# Written for these tests, in the style of the news.
STRIKES = (
    "دير الزور - خاص\n"
    "استهدفت ميليشيات موالية لإيران فجر الأحد قاعدة التحالف الدولي في حقل العمر النفطي بثلاثة صواريخ، "
    "دون أن تسجل إصابات بين الجنود.\n"
    "وبعد ساعات ردت طائرات حربية تابعة للتحالف الدولي بغارات على مواقع للميليشيات في مدينة الميادين، "
    "ما أدى إلى مقتل أربعة عناصر."
)
NO_EVENT = "عقد مجلس محافظة دير الزور اجتماعا لمناقشة واقع الخدمات في المدينة، وتناول المجتمعون أوضاع المياه والكهرباء."
NO_PLACE = "أعلنت وزارة الزراعة عن بدء موسم الحصاد في عدد من المناطق وسط توقعات بإنتاج جيد هذا العام."
ENGLISH = "US aircraft struck militia positions near Mayadin on Sunday, officials said, with no casualties reported."


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "s.sqlite3")


@pytest.fixture
def curator():
    return CuratorGate.configure(environ={ENV_VAR: "pw"}).sign_in("pw")


def snapshot(store: Store) -> list[str]:
    con = sqlite3.connect(store.path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def stored_event(store: Store) -> Event:
    """A stored article with one hand-made event (no extractor involved)."""
    text = "قصفت طائرة مسيرة مجهولة موقعا عسكريا قرب الميادين مساء الخميس."
    i = text.index("الميادين")
    ev = Event(event_id="hand.txt#1", article="hand.txt", role="attack", actor="unknown", actor_text="طائرة مسيرة",
               excerpt=text, excerpt_start=0, weapon="drone",
               targets=(PlaceMention(text="الميادين", start=i, end=i + 8, key="mayadin"),))
    store.add_article(text, ArticleMeta(file="hand.txt", outlet="اختبار"), events=[ev], origin="seed")
    return ev


# -- refusals without sign-in --------------------------------------------------


@pytest.mark.parametrize("who", [None, "curator", {"method": "password"}])
def test_every_write_is_refused_without_a_curator_and_nothing_changes(store, gaz, who):
    ev = stored_event(store)
    before = snapshot(store)
    draft = Draft(text="نص تجريبي عن قصف في الميادين", meta=ArticleMeta(file="x.txt"), events=())
    place = new_place(gazetteer=gaz, name_ar="تل الشيخ حمد", name_en="Tell Sheikh Hamad", lat=35.62, lon=40.74,
                      kind="site", source="estimated from a map", estimate=True)
    with pytest.raises(NotSignedIn):
        save_draft(store, draft, curator=who, gazetteer=gaz)
    with pytest.raises(NotSignedIn):
        correct_event(store, curator=who, event_id=ev.event_id, field="role", value="retaliation")
    with pytest.raises(NotSignedIn):
        add_place(store, curator=who, gazetteer=gaz, place=place)
    with pytest.raises(NotSignedIn):
        add_alias(store, curator=who, gazetteer=gaz, key="mayadin", alias_ar="المياذين")
    assert snapshot(store) == before


# -- input checks ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        (ENGLISH, "not in Arabic"),
        ("\x00\x01\x02" * 50, "binary"),
        ("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 10 + "قصف", "binary"),
    ],
)
def test_bad_text_is_refused_with_a_message_before_anything_is_stored(store, gaz, text, message):
    before = snapshot(store)
    with pytest.raises(BadInput, match=message):
        draft_article(text, gazetteer=gaz, store=store)
    assert snapshot(store) == before


def test_too_big_text_and_upload_are_refused_with_their_size(store, gaz):
    big = "قصف " * (MAX_TEXT_BYTES // 7 + 100_000)
    with pytest.raises(BadInput, match=r"The article is 20\.\d MB; the limit is 20\.0 MB"):
        draft_article(big, gazetteer=gaz)
    data = big.encode("utf-8")
    with pytest.raises(BadInput, match=r"big\.txt is 20\.\d MB; the limit is 20\.0 MB"):
        check_upload(data, filename="big.txt")
    with pytest.raises(BadInput, match=r"is 20,971,521 bytes; the limit is 20\.0 MB \(20,971,520 bytes\)"):
        check_upload(b"x" * (MAX_TEXT_BYTES + 1), filename="big.txt")
    check_upload(b"x" * MAX_TEXT_BYTES, filename="exactly.txt")  # the limit itself is allowed


def test_bad_metadata_is_refused(gaz):
    with pytest.raises(BadInput, match="not a date"):
        draft_article(STRIKES, gazetteer=gaz, published="الأحد")
    with pytest.raises(BadInput, match="not a web address"):
        draft_article(STRIKES, gazetteer=gaz, url="javascript:alert(1)")


def test_arabic_share():
    assert arabic_share(STRIKES) > 0.95 and arabic_share(ENGLISH) == 0.0


# -- preview, edit, save -----------------------------------------------------------


def test_draft_extracts_without_writing(store, gaz):
    before = snapshot(store)
    draft = draft_article(STRIKES, gazetteer=gaz, outlet="شبكة اختبار", published="2024-03-11", store=store)
    assert snapshot(store) == before
    assert draft.meta.file.startswith("curator-") and draft.meta.published == dt.date(2024, 3, 11)
    keys = {t.key for e in draft.events for t in e.targets}
    assert {"omar_oil_field", "mayadin"} <= keys
    assert {e.role for e in draft.events} >= {"attack"}
    assert all(e.article == draft.meta.file for e in draft.events)
    assert all(e.date is not None for e in draft.events)  # «فجر الأحد» before 11 March 2024
    assert draft.duplicate is None and draft.notices == ()


def test_edits_show_in_the_preview_then_are_saved_as_corrections_that_survive_reextraction(store, gaz, curator):
    draft = draft_article(STRIKES, gazetteer=gaz, outlet="شبكة اختبار", published="2024-03-11", store=store)
    first = draft.events[0]
    written = first.targets[0].text
    edits = [
        Edit(first.event_id, "actor", "iran_backed"),
        Edit(first.event_id, "date", "2024-03-10"),
        Edit(first.event_id, "place", "conoco", target=written),
    ]
    shown = preview_events(draft.events, edits, gazetteer=gaz)
    assert shown[0].actor == "iran_backed" and shown[0].date == dt.date(2024, 3, 10)
    assert shown[0].targets[0].key == "conoco" and shown[0].targets[0].lat == gaz.get("conoco").lat
    assert draft.events[0].targets[0].key != "conoco"  # the draft itself is untouched

    saved = save_draft(store, draft, curator=curator, edits=edits, gazetteer=gaz)
    assert saved.events == len(draft.events) and len(saved.corrections) == 3
    assert "Saved" in saved.message and f"{len(draft.events)} event" in saved.message
    assert store.article(saved.article.id).added_by.startswith("curator")
    assert [e.event_id for e in store.events(saved.article.id)] == [e.event_id for e in draft.events]

    # Re-extraction replaces the events; the corrections stay attached.
    again = draft_article(STRIKES, gazetteer=gaz, outlet="شبكة اختبار", published="2024-03-11")
    store.replace_events(saved.article.id, list(again.events), extractor_version="test-2")
    got = {(c.field, c.value) for c in store.corrections(first.event_id)}
    assert got == {("actor", "iran_backed"), ("date", "2024-03-10"), ("place", "conoco")}


def test_rejecting_an_event_hides_it_from_the_preview(gaz):
    draft = draft_article(STRIKES, gazetteer=gaz)
    shown = preview_events(draft.events, [Edit(draft.events[0].event_id, "rejected", True)], gazetteer=gaz)
    assert [e.event_id for e in shown] == [e.event_id for e in draft.events[1:]]


def test_bad_edits_are_refused_before_anything_is_written(store, gaz, curator):
    draft = draft_article(STRIKES, gazetteer=gaz)
    eid = draft.events[0].event_id
    before = snapshot(store)
    for edit, message in [
        (Edit(eid, "role", "massacre"), "Role"),
        (Edit(eid, "place", "nowhere_town", target=draft.events[0].targets[0].text), "no place"),
        (Edit(eid, "place", "mayadin", target="مكان غير مذكور"), "no target place"),
        (Edit("other#9", "role", "attack"), "no event"),
        (Edit(eid, "killed", "-3"), "plausible"),
    ]:
        with pytest.raises(BadInput, match=message):
            save_draft(store, draft, curator=curator, edits=[edit], gazetteer=gaz)
        assert snapshot(store) == before


@pytest.mark.parametrize("text", [NO_EVENT, NO_PLACE])
def test_text_without_event_is_saved_without_events_and_said_so(store, gaz, curator, text):
    draft = draft_article(text, gazetteer=gaz, store=store)
    assert draft.events == () and any("No strike" in n for n in draft.notices)
    saved = save_draft(store, draft, curator=curator, gazetteer=gaz)
    assert saved.events == 0 and "no events" in saved.message
    assert store.article(saved.article.id).text == text and store.events(saved.article.id) == []


def test_duplicate_is_recognised_and_not_doubled(store, gaz, curator):
    save_draft(store, draft_article(STRIKES, gazetteer=gaz), curator=curator, gazetteer=gaz)
    before = snapshot(store)
    # Same article with vocalisation and different spacing.
    again = draft_article(STRIKES.replace("استهدفت", "اِسْتَهْدَفَتْ") + "\n\n", gazetteer=gaz, store=store)
    assert again.duplicate is not None and any("already stored" in n for n in again.notices)
    with pytest.raises(DuplicateArticle, match="already stored"):
        save_draft(store, again, curator=curator, gazetteer=gaz)
    assert snapshot(store) == before


def test_correcting_a_stored_event(store, gaz, curator):
    ev = stored_event(store)
    c = correct_event(store, curator=curator, event_id=ev.event_id, field="actor", value="us_coalition",
                      note="البيان الأمريكي تبنى الضربة")
    assert (c.field, c.value, c.curator) == ("actor", "us_coalition", curator.name)
    with pytest.raises(BadInput):
        correct_event(store, curator=curator, event_id=ev.event_id, field="place", value="atlantis",
                      target="الميادين", gazetteer=gaz)


# -- gazetteer -----------------------------------------------------------------


def test_added_place_resolves_at_once_and_after_a_restart(tmp_path, gaz, curator):
    store = Store(tmp_path / "g.sqlite3")
    text = "سقطت قذائف قرب تل الشيخ حمد جنوب الحسكة."
    assert not any(m.name == "تل الشيخ حمد" for m in gaz.find(text))
    place = new_place(gazetteer=gaz, name_ar="تل الشيخ حمد", name_en="Tell Sheikh Hamad", lat=35.62, lon=40.74,
                      kind="site", admin1="Deir ez-Zor", source="estimated from a topographic map",
                      estimate=True, uncertainty_km=3)
    assert place.key == "tell_sheikh_hamad"
    updated = add_place(store, curator=curator, gazetteer=gaz, place=place)
    assert [m.places[0].key for m in updated.find(text) if m.name == "تل الشيخ حمد"] == ["tell_sheikh_hamad"]
    # A new process: only the file survives.
    restarted = current_gazetteer(Store(tmp_path / "g.sqlite3"), load_gazetteer())
    assert restarted.get("tell_sheikh_hamad").lat == 35.62
    assert store.gazetteer_rows()[0]["name_ar"] == "تل الشيخ حمد"


def test_alias_is_added_and_used(store, gaz, curator):
    text = "قصفت مسيرات مواقع في المياذين ليلا."
    updated = add_alias(store, curator=curator, gazetteer=gaz, key="mayadin", alias_ar="المياذين")
    assert [m.places[0].key for m in updated.find(text)] == ["mayadin"]
    assert "المياذين" in current_gazetteer(store, gaz).get("mayadin").aliases_ar
    with pytest.raises(BadInput, match="already has"):
        add_alias(store, curator=curator, gazetteer=updated, key="mayadin", alias_ar="المياذين")
    with pytest.raises(BadInput, match="no place"):
        add_alias(store, curator=curator, gazetteer=gaz, key="atlantis", alias_ar="أطلنطس")


@pytest.mark.parametrize(
    "fields,message",
    [
        (dict(name_ar=""), "Arabic name"),
        (dict(name_en=""), "English name"),
        (dict(source=""), "coordinates come from"),
        (dict(lat=45.0), "outside"),
        (dict(kind="castle"), "kind"),
    ],
)
def test_bad_places_are_refused(gaz, fields, message):
    base = dict(gazetteer=gaz, name_ar="تل الشيخ حمد", name_en="Tell Sheikh Hamad", lat=35.62, lon=40.74,
                kind="site", source="estimated")
    with pytest.raises(BadInput, match=message):
        new_place(**{**base, **fields})


def test_corrected_events_apply_active_corrections(store, gaz, curator):
    from strikemap.curation import corrected_events

    ev = stored_event(store)
    art = store.article_by_file("hand.txt")
    correct_event(store, curator=curator, event_id=ev.event_id, field="role", value="retaliation")
    correct_event(store, curator=curator, event_id=ev.event_id, field="place", value="albukamal", target="الميادين")
    (got,) = corrected_events(store, art.id, gazetteer=gaz)
    assert got.role == "retaliation" and got.targets[0].key == "albukamal"
    assert (got.targets[0].start, got.targets[0].end) == (ev.targets[0].start, ev.targets[0].end)
    correct_event(store, curator=curator, event_id=ev.event_id, field="rejected", value=True)
    assert corrected_events(store, art.id, gazetteer=gaz) == []


# -- uploads (decoding is extract.documents'; here: the curator's messages) -------------

def test_uploads_in_every_supported_encoding_read_the_same(gaz):
    from strikemap.curation import read_upload

    html_page = ("<!DOCTYPE html><html><head><title>خبر</title><script>alert(1)</script></head><body>"
                 + "".join(f"<p>{line}</p>" for line in STRIKES.split("\n")) + "</body></html>")
    texts = {
        "utf8.txt": read_upload(STRIKES.encode("utf-8"), filename="utf8.txt"),
        "bom.txt": read_upload(b"\xef\xbb\xbf" + STRIKES.encode("utf-8"), filename="bom.txt"),
        "cp1256.txt": read_upload(STRIKES.encode("cp1256"), filename="cp1256.txt"),
        "page.html": read_upload(html_page.encode("utf-8"), filename="page.html"),
    }
    for name, text in texts.items():
        assert "حقل العمر" in text and "الميادين" in text, name
        assert not text.startswith("\ufeff") and "<p>" not in text and "alert(1)" not in text, name
    keys = [{t.key for e in draft_article(t, gazetteer=gaz).events for t in e.targets} for t in texts.values()]
    assert all(k == keys[0] for k in keys) and "mayadin" in keys[0]


@pytest.mark.parametrize(
    "data,message",
    [
        (bytes(range(256)) * 40, "cannot be read as an article"),
        (b"PK\x03\x04" + bytes(200), "ZIP"),
        (b"", "empty"),
    ],
)
def test_unreadable_uploads_are_refused(data, message):
    from strikemap.curation import read_upload

    with pytest.raises(BadInput, match=message):
        read_upload(data, filename="x.bin")


def test_a_stored_article_is_re_read_when_its_unknown_place_is_added(store, gaz, curator):
    text = ("قصفت طائرات التحالف الدولي فجر الجمعة مواقع للميليشيات الإيرانية في قرية الصبحة "
            "بريف دير الزور الشرقي، ما أدى إلى مقتل عنصرين.")
    saved = save_draft(store, draft_article(text, gazetteer=gaz, published="2024-02-03"), curator=curator,
                       gazetteer=gaz)
    before = [t.key for e in store.events(saved.article.id) for t in e.targets]
    assert "subha" not in before
    place = new_place(gazetteer=gaz, name_ar="الصبحة", name_en="Subha", lat=35.07, lon=40.52, kind="village",
                      source="estimated from a map", estimate=True, key="subha")
    updated = add_place(store, curator=curator, gazetteer=gaz, place=place)
    after = [t.key for e in store.events(saved.article.id) for t in e.targets]
    assert "subha" in after, after
    assert updated.get("subha") is not None


def test_unresolved_places_come_from_stored_events_and_recorded_names(store, gaz, curator):
    from strikemap.curation import unresolved_places

    text = "قصفت طائرات مسيرة مجهولة فجر الاثنين موقعا عسكريا في قرية الزباري بريف دير الزور الشرقي."
    i = text.index("الزباري")
    ev = Event(event_id="u.txt#1", article="u.txt", role="attack", actor="unknown", actor_text="طائرات مسيرة",
               excerpt=text, excerpt_start=0, targets=(PlaceMention(text="الزباري", start=i, end=i + 7),))
    art = store.add_article(text, ArticleMeta(file="u.txt"), events=[ev], origin="seed")
    (u,) = unresolved_places(store)
    assert (u.name, u.count, u.files, u.sentences) == ("الزباري", 1, ("u.txt",), (text,))
    # Recorded again at save time: the same mention is not counted twice.
    store.record_unresolved(art.id, [("الزباري", text)])
    (u,) = unresolved_places(store)
    assert u.count == 1
    # A name only recorded (no event) is listed too.
    store.record_unresolved(art.id, [("تل السمن", "سمعت انفجارات قرب تل السمن.")])
    assert {x.name for x in unresolved_places(store)} == {"الزباري", "تل السمن"}
