"""The map page's widgets under Streamlit's AppTest (no browser): filters from the URL, defaults, URL updates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
