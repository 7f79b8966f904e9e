"""Who may curate: viewing needs nothing, changing the store needs a curator.

A curator signs in with a password taken from Streamlit secrets
(``curator_password``) or the environment (``STRIKEMAP_CURATOR_PASSWORD``).
When neither is configured the server makes a one-time access token, prints
it once to its own terminal (as Jupyter does) and accepts only that token.
Attempts are compared in constant time (``hmac.compare_digest``).

The functions that change the store (``strikemap.curation``) take the
:class:`Curator` this module hands out and refuse anything else, so a page
that forgets to hide a button still cannot write.

>>> gate = CuratorGate.configure(secrets={"curator_password": "شمس-123"}, environ={})
>>> gate.method
'password'
>>> gate.sign_in("wrong") is None
True
>>> gate.sign_in("شمس-123").method
'password'
>>> require_curator(None)
Traceback (most recent call last):
...
strikemap.auth.NotSignedIn: this needs a curator: sign in first
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets as _secrets
import sys
import threading
import time
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any, Literal, TextIO

__all__ = [
    "ENV_VAR",
    "SECRET_KEY",
    "SESSION_KEY",
    "TOKEN_BANNER",
    "Curator",
    "CuratorGate",
    "NotSignedIn",
    "ProcessGate",
    "process_gate",
    "require_curator",
    "session_curator",
    "sign_in_session",
    "sign_out_session",
]

ENV_VAR = "STRIKEMAP_CURATOR_PASSWORD"
SECRET_KEY = "curator_password"
# Where a signed-in curator lives in a Streamlit session (st.session_state).
SESSION_KEY = "strikemap_curator"
TOKEN_BANNER = "Strike Map curator token: "

Method = Literal["password", "token"]


class NotSignedIn(PermissionError):
    """Raised when a curation action is asked for without a signed-in curator."""

    def __init__(self, message: str = "this needs a curator: sign in first") -> None:
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Curator:
    """A signed-in curator; only :meth:`CuratorGate.sign_in` makes one.

    ``gate_id`` ties it to the gate (so to the server process) that let it in.
    """

    method: Method
    signed_in_at: dt.datetime
    gate_id: str = field(repr=False, default="")

    @property
    def name(self) -> str:
        # One shared secret means one role, not a person: name the way in.
        return f"curator ({self.method})"


def _secret_from(secrets: Mapping[str, Any] | None) -> str | None:
    if secrets is None:
        return None
    try:
        value = secrets.get(SECRET_KEY)
    except Exception:  # st.secrets raises when there is no secrets.toml at all
        return None
    return str(value) if value is not None and str(value) != "" else None


@dataclass(frozen=True, slots=True)
class CuratorGate:
    """Checks sign-in attempts against one configured secret.

    ``method`` says where the secret came from: ``"password"`` (secrets or
    environment) or ``"token"`` (generated because none was configured).

    >>> gate = CuratorGate.configure(secrets={}, environ={}, token_factory=lambda: "abc")
    >>> gate.method, gate.announcement()
    ('token', 'Strike Map curator token: abc')
    >>> gate.sign_in("") is None, gate.sign_in("abc") is not None
    (True, True)
    """

    method: Method
    _secret: str = field(repr=False)
    gate_id: str = field(repr=False, default_factory=lambda: _secrets.token_hex(8))

    @classmethod
    def configure(
        cls,
        *,
        secrets: Mapping[str, Any] | None = None,
        environ: Mapping[str, str] | None = None,
        token_factory: Callable[[], str] = lambda: _secrets.token_urlsafe(24),
    ) -> CuratorGate:
        """The gate for this configuration: secrets first, then environment, else a token.

        An empty password counts as none, so an empty attempt never signs in.
        """
        password = _secret_from(secrets)
        if password is None and environ is not None:
            password = environ.get(ENV_VAR) or None
        if password is not None:
            return cls(method="password", _secret=password)
        token = token_factory()
        if not token:
            raise ValueError("the token factory gave an empty token")
        return cls(method="token", _secret=token)

    def sign_in(self, attempt: str | None) -> Curator | None:
        """A :class:`Curator` when ``attempt`` is the secret, else None (constant time)."""
        if not attempt:
            return None
        ok = hmac.compare_digest(attempt.encode("utf-8"), self._secret.encode("utf-8"))
        if not ok:
            return None
        return Curator(method=self.method, signed_in_at=dt.datetime.now(dt.UTC), gate_id=self.gate_id)

    def announcement(self) -> str | None:
        """The line to print in the server's terminal, or None when a password is configured."""
        if self.method != "token":
            return None
        return TOKEN_BANNER + self._secret

    def admits(self, curator: object) -> bool:
        """True for a curator this gate signed in."""
        return isinstance(curator, Curator) and hmac.compare_digest(curator.gate_id, self.gate_id)


class ProcessGate:
    """One :class:`CuratorGate` per server process, announced exactly once.

    Streamlit reruns page scripts for every interaction and every session; the
    gate (and its token) must not change between them, and the token must be
    printed once, at the first page a server renders.

    >>> import io
    >>> out = io.StringIO()
    >>> pg = ProcessGate()
    >>> g1 = pg.get(secrets={}, environ={}, stream=out)
    >>> g2 = pg.get(secrets={}, environ={}, stream=out)
    >>> g1 is g2, out.getvalue().count("Strike Map curator token: ")
    (True, 1)
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._gate: CuratorGate | None = None

    def get(
        self,
        *,
        secrets: Mapping[str, Any] | None = None,
        environ: Mapping[str, str] | None = None,
        stream: TextIO | None = None,
    ) -> CuratorGate:
        with self._lock:
            if self._gate is None:
                gate = CuratorGate.configure(secrets=secrets, environ=environ)
                line = gate.announcement()
                if line is not None:
                    out = stream if stream is not None else sys.stderr
                    print(line, file=out, flush=True)
                self._gate = gate
            return self._gate


_PROCESS_GATE = ProcessGate()


def process_gate(
    *,
    secrets: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    stream: TextIO | None = None,
) -> CuratorGate:
    """This process's gate (made, and its token printed, on the first call)."""
    return _PROCESS_GATE.get(secrets=secrets, environ=environ, stream=stream)


def require_curator(curator: object, *, gate: CuratorGate | None = None) -> Curator:
    """Return ``curator`` if it is a signed-in :class:`Curator`, else raise :class:`NotSignedIn`.

    With ``gate``, the curator must also have been let in by that gate.
    """
    if not isinstance(curator, Curator):
        raise NotSignedIn()
    if gate is not None and not gate.admits(curator):
        raise NotSignedIn("this sign-in belongs to another server: sign in again")
    return curator


def session_curator(state: Mapping[str, Any], *, gate: CuratorGate | None = None) -> Curator | None:
    """The curator signed in to this session (e.g. ``st.session_state``), if any.

    >>> session_curator({}) is None
    True
    """
    curator = state.get(SESSION_KEY)
    if not isinstance(curator, Curator):
        return None
    if gate is not None and not gate.admits(curator):
        return None
    return curator


def sign_in_session(
    state: MutableMapping[str, Any], *, gate: CuratorGate, attempt: str | None, failure_delay: float = 1.0
) -> Curator | None:
    """Check ``attempt``; on success remember the curator in ``state`` and return it.

    A wrong attempt waits ``failure_delay`` seconds, so guessing a password
    through the form is slow.

    >>> gate = CuratorGate.configure(environ={ENV_VAR: "p"})
    >>> state = {}
    >>> sign_in_session(state, gate=gate, attempt="x", failure_delay=0) is None, SESSION_KEY in state
    (True, False)
    >>> sign_in_session(state, gate=gate, attempt="p") is session_curator(state, gate=gate)
    True
    """
    curator = gate.sign_in(attempt)
    if curator is None:
        time.sleep(failure_delay)
        return None
    state[SESSION_KEY] = curator
    return curator


def sign_out_session(state: MutableMapping[str, Any]) -> None:
    """Forget this session's curator."""
    state.pop(SESSION_KEY, None)
