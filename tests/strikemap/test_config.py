"""Settings from the environment."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from strikemap.config import DB_FILENAME, PROJECT_DIR, Settings

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_are_the_project_seeds_and_data_folders():
    s = Settings.from_env({})
    assert s.seeds_dir == ROOT / "seeds" and (s.seeds_dir / "manifest.csv").is_file()
    assert s.data_dir == ROOT / "data"
    assert s.db_path == ROOT / "data" / DB_FILENAME
    assert s.online_geocoder is False
    assert PROJECT_DIR == ROOT


def test_variables_override_and_relative_paths_follow_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = Settings.from_env({"STRIKEMAP_SEEDS": "corpus", "STRIKEMAP_DATA_DIR": str(tmp_path / "d"),
                           "STRIKEMAP_ONLINE_GEOCODER": " On "})
    assert s.seeds_dir == tmp_path / "corpus"
    assert s.db_path == tmp_path / "d" / "strikemap.sqlite3"
    assert s.online_geocoder is True
    # Empty values mean "default", not "the current folder".
    assert Settings.from_env({"STRIKEMAP_SEEDS": "  "}).seeds_dir == ROOT / "seeds"


@pytest.mark.parametrize("raw, expected", [("1", True), ("true", True), ("YES", True), ("0", False),
                                           ("off", False), ("", False), ("no", False)])
def test_online_geocoder_flag(raw, expected):
    assert Settings.from_env({"STRIKEMAP_ONLINE_GEOCODER": raw}).online_geocoder is expected


def test_a_typo_in_the_flag_is_an_error_naming_the_variable():
    with pytest.raises(ValueError, match="STRIKEMAP_ONLINE_GEOCODER='enable'"):
        Settings.from_env({"STRIKEMAP_ONLINE_GEOCODER": "enable"})


def test_settings_are_frozen():
    s = Settings.from_env({})
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.data_dir = Path("/elsewhere")  # type: ignore[misc]


def test_reads_the_real_process_environment(tmp_path):
    env = dict(os.environ, STRIKEMAP_DATA_DIR=str(tmp_path), STRIKEMAP_ONLINE_GEOCODER="1")
    out = subprocess.run(
        [sys.executable, "-c", "from strikemap.config import Settings; s = Settings.from_env(); "
                               "print(s.db_path, s.online_geocoder)"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert out == [str(tmp_path / "strikemap.sqlite3"), "True"]


def test_geocoder_address_and_user_agent_defaults():
    s = Settings.from_env({})
    assert s.geocoder_url == "https://nominatim.openstreetmap.org"
    assert (s.geocoder_scheme, s.geocoder_domain) == ("https", "nominatim.openstreetmap.org")
    assert s.geocoder_user_agent.startswith("strike-map/")
    # Blank variables mean the defaults too.
    assert Settings.from_env({"STRIKEMAP_GEOCODER_URL": " ", "STRIKEMAP_GEOCODER_USER_AGENT": ""}) == s


@pytest.mark.parametrize("url, scheme, domain", [
    ("http://127.0.0.1:8080", "http", "127.0.0.1:8080"),
    ("HTTPS://nominatim.example.org/", "https", "nominatim.example.org"),
    (" https://maps.example.org/nominatim/ ", "https", "maps.example.org/nominatim"),
])
def test_geocoder_url_is_split_into_scheme_and_domain(url, scheme, domain):
    s = Settings.from_env({"STRIKEMAP_GEOCODER_URL": url, "STRIKEMAP_GEOCODER_USER_AGENT": "sm-test (me@x.org)"})
    assert (s.geocoder_scheme, s.geocoder_domain) == (scheme, domain)
    assert s.geocoder_user_agent == "sm-test (me@x.org)"


@pytest.mark.parametrize("url", ["nominatim.openstreetmap.org", "ftp://example.org", "https://", "file:///etc",
                                 "https://example.org/search?q=x"])
def test_a_bad_geocoder_url_is_an_error_naming_the_variable(url):
    with pytest.raises(ValueError, match="STRIKEMAP_GEOCODER_URL="):
        Settings.from_env({"STRIKEMAP_GEOCODER_URL": url})


def test_the_flag_alone_ignores_other_variables():
    from strikemap.config import online_geocoder_enabled

    env = {"STRIKEMAP_ONLINE_GEOCODER": "yes", "STRIKEMAP_GEOCODER_URL": "not an address"}
    assert online_geocoder_enabled(env) is True
    assert online_geocoder_enabled({}) is False
    with pytest.raises(ValueError, match="STRIKEMAP_ONLINE_GEOCODER="):
        online_geocoder_enabled({"STRIKEMAP_ONLINE_GEOCODER": "sometimes"})
