"""The map page's widgets under Streamlit's AppTest (no browser): filters from the URL, defaults, URL updates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("STRIKEMAP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("STRIKEMAP_SEEDS", str(ROOT / "seeds"))
    monkeypatch.chdir(ROOT)

    def make(**params) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        for k, v in params.items():
            at.query_params[k] = v
        return at.run()
    return make


def _day(value) -> dt.date:
    # AppTest reports a date slider's bounds in microseconds since the epoch (UTC).
    return value if isinstance(value, dt.date) else (dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=value)).date()


def _bounds(at: AppTest) -> tuple[dt.date, dt.date]:
    s = at.slider(key="sm_dates")
    return _day(s.min), _day(s.max)


def _param(at: AppTest, key: str) -> list[str]:
    value = at.query_params[key]
    return list(value) if isinstance(value, (list, tuple)) else [value]


def test_defaults_show_everything(app):
    at = app()
    assert not at.exception
    assert at.multiselect(key="sm_actors").value == ["iran_backed", "us_coalition", "syrian_government", "sdf", "unknown"]
    assert at.multiselect(key="sm_roles").value == ["attack", "retaliation", "other"]
    lo, hi = _bounds(at)
    assert at.slider(key="sm_dates").value == (lo, hi) and lo < hi
    assert at.toggle(key="sm_undated").value is True
    assert dict(at.query_params) == {}
    assert "Click a marker" in at.info[0].value


def test_filters_come_from_the_url(app):
    at = app(actors="us_coalition,bogus", roles="retaliation", undated="0", **{"from": "2024-01-01"})
    assert not at.exception
    assert at.multiselect(key="sm_actors").value == ["us_coalition"]
    assert at.multiselect(key="sm_roles").value == ["retaliation"]
    assert at.toggle(key="sm_undated").value is False
    lo, hi = _bounds(at)
    assert at.slider(key="sm_dates").value == (dt.date(2024, 1, 1), hi)
    # The page writes back the normalised filters (the bogus actor is gone).
    assert _param(at, "actors") == ["us_coalition"]
    caption = at.caption[0].value
    assert caption.split(" of ")[0].isdigit()


def test_dates_outside_the_data_are_clipped_and_reversed_ranges_swapped(app):
    at = app(**{"from": "2030-01-01", "to": "1999-01-01"})
    lo, hi = _bounds(at)
    assert at.slider(key="sm_dates").value == (lo, hi)


def test_changing_a_widget_updates_the_url(app):
    at = app()
    at.multiselect(key="sm_roles").set_value(["attack"]).run()
    assert _param(at, "roles") == ["attack"]
    lo, hi = _bounds(at)
    at.slider(key="sm_dates").set_value((lo, lo)).run()
    assert _param(at, "to") == [lo.isoformat()]
    at.toggle(key="sm_undated").set_value(False).run()
    assert _param(at, "undated") == ["0"]
    # Back to everything: the address is clean again.
    at.multiselect(key="sm_roles").set_value(["attack", "retaliation", "other"])
    at.slider(key="sm_dates").set_value((lo, hi))
    at.toggle(key="sm_undated").set_value(True).run()
    assert dict(at.query_params) == {}


# -- the selected event (?event=<id>) -------------------------------------------------------------------------


def _reports(at: AppTest) -> list[dict]:
    """The events the app stored (its own functions, on the store the run just made)."""
    from geodata import load_gazetteer
    from strikemap.config import Settings
    from strikemap.corpus import load_features
    from strikemap.store import Store

    return load_features(Store(Settings.from_env().db_path), load_gazetteer())


def _panel(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def _one_source_event(reports: list[dict], role: str) -> dict:
    """An event with a place on the map that no other article reports (its incident is its own)."""
    from strikemap.incidents import merge_incidents

    alone = {f["event_id"] for f in merge_incidents(reports) if len(f["event_ids"]) == 1}
    return next(f for f in reports if f["role"] == role and f["event_id"] in alone and f.get("lat") is not None)


def test_event_in_the_url_selects_its_incident_and_stays_in_the_url(app):
    first = app()
    event = _one_source_event(_reports(first), "retaliation")
    at = app(event=event["event_id"], roles="attack,retaliation")
    assert not at.exception
    html = _panel(at)
    assert 'class="sm-panel"' in html and event["place_ar"] in html
    assert event["excerpt"][:40] in html.replace("<mark>", "").replace("</mark>", "")
    # Its article in the Sources reader, pointing at this event.
    assert f'href="./Sources?article={event["article"]}&amp;event={event["event_id"]}"' in html
    assert dict(at.query_params) == {"roles": "attack,retaliation", "event": event["event_id"]}
    assert not at.warning and "Click a marker" not in " ".join(i.value for i in at.info)
    # Viewers are not offered corrections.
    assert not [b for b in at.button if b.label == "Save the correction"]
    assert any("sign" in c.value for c in at.caption)


def test_a_garbage_event_id_gives_a_short_notice_and_leaves_the_url(app):
    for garbage in ("no-such-event", "<script>alert(1)</script>", "x" * 5000):
        at = app(event=garbage, actors="sdf")
        assert not at.exception
        assert len(at.warning) == 1 and "not on the map" in at.warning[0].value
        assert "<script>" not in at.warning[0].value
        assert 'class="sm-panel"' not in _panel(at)
        assert dict(at.query_params) == {"actors": "sdf"}
        at.run()  # a rerun neither repeats it nor brings the id back
        assert len(at.warning) == 1 and dict(at.query_params) == {"actors": "sdf"}


def test_an_event_the_filters_hide_is_said_hidden_not_shown(app):
    event = _one_source_event(_reports(app()), "retaliation")
    at = app(event=event["event_id"])
    assert 'class="sm-panel"' in _panel(at)
    at.multiselect(key="sm_roles").set_value(["attack"]).run()
    assert 'class="sm-panel"' not in _panel(at)
    assert any("hidden by the filters" in i.value for i in at.info)
    assert _param(at, "event") == [event["event_id"]]      # kept: widening the filters shows it again
    at.multiselect(key="sm_roles").set_value(["attack", "retaliation"]).run()
    assert event["place_ar"] in _panel(at)
    at.multiselect(key="sm_roles").set_value(["attack"]).run()
    next(b for b in at.button if b.label == "Clear the selection").click().run()
    assert "event" not in at.query_params and "Click a marker" in at.info[0].value


def test_the_table_link_carries_the_filters_to_the_events_page(app):
    at = app(roles="attack", undated="0")
    link = next(p.proto for p in at.get("page_link") if p.proto.label == "Table of these events")
    assert link.page == "Events" and parse_qs(link.query_string) == {"roles": ["attack"], "undated": ["0"]}
    at.multiselect(key="sm_roles").set_value(["attack", "retaliation", "other"]).run()
    link = next(p.proto for p in at.get("page_link") if p.proto.label == "Table of these events")
    assert link.query_string == "undated=0"


def test_a_signed_in_curator_corrects_the_selected_event_from_the_panel(app, monkeypatch):
    from strikemap import auth
    from strikemap.config import Settings
    from strikemap.corpus import load_features, reextract
    from strikemap.store import Store
    from geodata import load_gazetteer

    # A gate of this test's own: the password below, not a token from an earlier test's gate.
    monkeypatch.setattr(auth, "_PROCESS_GATE", auth.ProcessGate())
    monkeypatch.setenv(auth.ENV_VAR, "كلمة-سر-الاختبار")
    event = _one_source_event(_reports(app()), "retaliation")
    at = app(event=event["event_id"])
    box = next(t for t in at.text_input if t.label == "Curator password or token")
    box.input("wrong")
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert any("Wrong password" in e.value for e in at.error)
    assert not [b for b in at.button if b.label == "Save the correction"]
    box = next(t for t in at.text_input if t.label == "Curator password or token")
    box.input("كلمة-سر-الاختبار")
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception
    assert any("Signed in as curator" in s.value for s in at.success)

    at.selectbox(key="sm_fix_field").set_value("role").run()
    at.selectbox(key=f"sm_fix_role_{event['event_id']}").set_value("other").run()
    next(t for t in at.text_input if t.label == "Why (note)").input("بيان لا غارة")
    next(b for b in at.button if b.label == "Save the correction").click().run()
    assert not at.exception
    assert any(f"role of {event['event_id']} is now 'other'" in s.value for s in at.success)
    # The panel shows the corrected event (still selected, now an "Other" event).
    assert ">Other</span>" in _panel(at) and event["place_ar"] in _panel(at)
    # Saved in the store as a correction by a curator, and kept when the article is read again.
    store = Store(Settings.from_env().db_path)
    (c,) = store.corrections(event["event_id"])
    assert (c.field, c.value, c.note, c.curator) == ("role", "other", "بيان لا غارة", "curator (password)")
    reextract(store, load_gazetteer())
    again = [f for f in load_features(store, load_gazetteer()) if f["event_id"] == event["event_id"]]
    assert again and all(f["role"] == "other" and f["corrected"] for f in again)

    # A place correction: the event's place as written, now another gazetteer place.
    at.selectbox(key="sm_fix_field").set_value("place").run()
    at.selectbox(key=f"sm_fix_place_{event['event_id']}").set_value("mayadin").run()
    next(b for b in at.button if b.label == "Save the correction").click().run()
    assert not at.exception
    assert "Mayadin" in _panel(at)

    # A date: the form starts from the event's own date; the corrected one is shown.
    at.selectbox(key="sm_fix_field").set_value("date").run()
    box = at.date_input(key=f"sm_fix_date_{event['event_id']}")
    assert box.value == dt.date.fromisoformat(event["date"])
    box.set_value(dt.date(2024, 10, 20)).run()
    next(b for b in at.button if b.label == "Save the correction").click().run()
    assert not at.exception
    assert "2024-10-20" in _panel(at)
