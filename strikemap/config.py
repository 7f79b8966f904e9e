"""Settings from the environment, read once and frozen.

=================================  ==========================================  ===================================
variable                           default                                     meaning
=================================  ==========================================  ===================================
``STRIKEMAP_SEEDS``                ``seeds/``                                  folder of seed articles
                                                                               (+ manifest.csv)
``STRIKEMAP_DATA_DIR``             ``data/``                                   where ``strikemap.sqlite3`` lives
``STRIKEMAP_ONLINE_GEOCODER``      off                                         ``1``/``true``/``yes``/``on``
                                                                               enables online lookup
``STRIKEMAP_GEOCODER_URL``         ``https://nominatim.openstreetmap.org``     the Nominatim server (http or
                                                                               https; a path prefix is kept)
``STRIKEMAP_GEOCODER_USER_AGENT``  ``strike-map/0.1 (eastern Syria strike      the User-Agent sent to it
                                   map; gazetteer fallback)``
=================================  ==========================================  ===================================

Relative defaults are anchored at the project folder (so ``streamlit run``
works from anywhere); a relative path given in a variable is taken from the
current directory, as a shell user expects.

Online geocoding (see :mod:`strikemap.geocoding`) is off unless
``STRIKEMAP_ONLINE_GEOCODER`` is on: then a curator can look up the names
the gazetteer lacks (Gazetteer page), and the map shows the places found
there, marked unverified. Off means off: no request is made and results
cached earlier are not shown either. The public server allows at most one
request a second and asks for a User-Agent that identifies the
application; set ``STRIKEMAP_GEOCODER_USER_AGENT`` to one with a contact
address, or point ``STRIKEMAP_GEOCODER_URL`` at your own Nominatim.

>>> s = Settings.from_env({"STRIKEMAP_DATA_DIR": "/tmp/sm", "STRIKEMAP_ONLINE_GEOCODER": "yes"})
>>> str(s.db_path), s.online_geocoder
('/tmp/sm/strikemap.sqlite3', True)
>>> Settings.from_env({}).seeds_dir.name
'seeds'
>>> Settings.from_env({"STRIKEMAP_ONLINE_GEOCODER": "maybe"})
Traceback (most recent call last):
...
ValueError: STRIKEMAP_ONLINE_GEOCODER='maybe': use 1/true/yes/on or 0/false/no/off
>>> s = Settings.from_env({"STRIKEMAP_GEOCODER_URL": "http://127.0.0.1:8080/nominatim/"})
>>> s.geocoder_scheme, s.geocoder_domain
('http', '127.0.0.1:8080/nominatim')
>>> Settings.from_env({"STRIKEMAP_GEOCODER_URL": "ftp://example.org"})
Traceback (most recent call last):
...
ValueError: STRIKEMAP_GEOCODER_URL='ftp://example.org': use an http:// or https:// address such as https://nominatim.openstreetmap.org
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

__all__ = ["Settings", "online_geocoder_enabled", "PROJECT_DIR", "DB_FILENAME", "DEFAULT_GEOCODER_URL", "DEFAULT_GEOCODER_USER_AGENT",
           "GEOCODER_URL_ENV", "GEOCODER_USER_AGENT_ENV", "ONLINE_GEOCODER_ENV"]

PROJECT_DIR = Path(__file__).resolve().parent.parent
DB_FILENAME = "strikemap.sqlite3"
ONLINE_GEOCODER_ENV = "STRIKEMAP_ONLINE_GEOCODER"
GEOCODER_URL_ENV = "STRIKEMAP_GEOCODER_URL"
GEOCODER_USER_AGENT_ENV = "STRIKEMAP_GEOCODER_USER_AGENT"
DEFAULT_GEOCODER_URL = "https://nominatim.openstreetmap.org"
# Nominatim's usage policy asks for a User-Agent naming the application.
DEFAULT_GEOCODER_USER_AGENT = "strike-map/0.1 (eastern Syria strike map; gazetteer fallback)"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


def _flag(environ: Mapping[str, str], name: str) -> bool:
    raw = environ.get(name, "")
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    # A typo must not silently switch on network access (or fail to).
    raise ValueError(f"{name}={raw!r}: use 1/true/yes/on or 0/false/no/off")


def online_geocoder_enabled(environ: Mapping[str, str] | None = None) -> bool:
    """Just the ``STRIKEMAP_ONLINE_GEOCODER`` flag (for readers that need nothing else).

    >>> online_geocoder_enabled({}), online_geocoder_enabled({"STRIKEMAP_ONLINE_GEOCODER": "on"})
    (False, True)
    """
    return _flag(os.environ if environ is None else environ, ONLINE_GEOCODER_ENV)


def _folder(environ: Mapping[str, str], name: str, default: str) -> Path:
    raw = environ.get(name, "").strip()
    if not raw:
        return PROJECT_DIR / default
    return Path(raw).expanduser().resolve()


def _split_url(url: str, *, name: str = GEOCODER_URL_ENV) -> tuple[str, str]:
    """(scheme, domain) as geopy's Nominatim takes them; the domain keeps a path prefix."""
    try:
        parts = urlsplit(url.strip())
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and not parts.query
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"{name}={url!r}: use an http:// or https:// address such as {DEFAULT_GEOCODER_URL}")
    return parts.scheme.lower(), parts.netloc + parts.path.rstrip("/")


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the seeds and the data live, and whether (and where) to geocode online."""

    seeds_dir: Path
    data_dir: Path
    online_geocoder: bool = False
    geocoder_url: str = DEFAULT_GEOCODER_URL
    geocoder_user_agent: str = DEFAULT_GEOCODER_USER_AGENT

    def __post_init__(self) -> None:
        _split_url(self.geocoder_url)  # refuse a bad address when the settings are made, not at first use
        if not self.geocoder_user_agent.strip():
            raise ValueError(f"{GEOCODER_USER_AGENT_ENV} is empty: the geocoder needs a User-Agent")

    @property
    def geocoder_scheme(self) -> str:
        """``http`` or ``https``, from :attr:`geocoder_url`."""
        return _split_url(self.geocoder_url)[0]

    @property
    def geocoder_domain(self) -> str:
        """Host, port and path prefix of :attr:`geocoder_url` (geopy's ``domain``)."""
        return _split_url(self.geocoder_url)[1]

    @property
    def db_path(self) -> Path:
        """The SQLite store: ``DATA_DIR/strikemap.sqlite3``."""
        return self.data_dir / DB_FILENAME

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """Read ``STRIKEMAP_*`` variables (``os.environ`` unless given)."""
        env = os.environ if environ is None else environ
        return cls(
            seeds_dir=_folder(env, "STRIKEMAP_SEEDS", "seeds"),
            data_dir=_folder(env, "STRIKEMAP_DATA_DIR", "data"),
            online_geocoder=_flag(env, ONLINE_GEOCODER_ENV),
            geocoder_url=env.get(GEOCODER_URL_ENV, "").strip() or DEFAULT_GEOCODER_URL,
            geocoder_user_agent=env.get(GEOCODER_USER_AGENT_ENV, "").strip() or DEFAULT_GEOCODER_USER_AGENT,
        )
