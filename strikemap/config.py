"""Settings from the environment, read once and frozen.

=============================  ==========  =======================================
variable                       default     meaning
=============================  ==========  =======================================
``STRIKEMAP_SEEDS``            ``seeds/``  folder of seed articles (+ manifest.csv)
``STRIKEMAP_DATA_DIR``         ``data/``   where ``strikemap.sqlite3`` lives
``STRIKEMAP_ONLINE_GEOCODER``  off         ``1``/``true``/``yes``/``on`` enables it
=============================  ==========  =======================================

Relative defaults are anchored at the project folder (so ``streamlit run``
works from anywhere); a relative path given in a variable is taken from the
current directory, as a shell user expects.

>>> s = Settings.from_env({"STRIKEMAP_DATA_DIR": "/tmp/sm", "STRIKEMAP_ONLINE_GEOCODER": "yes"})
>>> str(s.db_path), s.online_geocoder
('/tmp/sm/strikemap.sqlite3', True)
>>> Settings.from_env({}).seeds_dir.name
'seeds'
>>> Settings.from_env({"STRIKEMAP_ONLINE_GEOCODER": "maybe"})
Traceback (most recent call last):
...
ValueError: STRIKEMAP_ONLINE_GEOCODER='maybe': use 1/true/yes/on or 0/false/no/off
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

__all__ = ["Settings", "PROJECT_DIR", "DB_FILENAME"]

PROJECT_DIR = Path(__file__).resolve().parent.parent
DB_FILENAME = "strikemap.sqlite3"

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


def _folder(environ: Mapping[str, str], name: str, default: str) -> Path:
    raw = environ.get(name, "").strip()
    if not raw:
        return PROJECT_DIR / default
    return Path(raw).expanduser().resolve()


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the seeds and the data live, and whether to geocode online."""

    seeds_dir: Path
    data_dir: Path
    online_geocoder: bool = False

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
            online_geocoder=_flag(env, "STRIKEMAP_ONLINE_GEOCODER"),
        )
