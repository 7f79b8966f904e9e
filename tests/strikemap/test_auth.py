"""Curator sign-in: secrets, environment, one-time token, constant-time check."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from strikemap.auth import (
    ENV_VAR,
    SESSION_KEY,
    TOKEN_BANNER,
    Curator,
    CuratorGate,
    NotSignedIn,
    ProcessGate,
    require_curator,
    session_curator,
    sign_in_session,
    sign_out_session,
)

ROOT = Path(__file__).resolve().parents[2]


def test_secrets_win_over_environment():
    gate = CuratorGate.configure(secrets={"curator_password": "من-الأسرار"}, environ={ENV_VAR: "from-env"})
    assert gate.method == "password"
    assert gate.sign_in("من-الأسرار") is not None
    assert gate.sign_in("from-env") is None


def test_environment_password_when_no_secret():
    gate = CuratorGate.configure(secrets={}, environ={ENV_VAR: "s3cret"})
    assert gate.method == "password" and gate.announcement() is None
    assert gate.sign_in("s3cret") is not None
    for wrong in ("", None, "s3cre", "s3cret ", "S3CRET"):
        assert gate.sign_in(wrong) is None


def test_empty_password_counts_as_none():
    gate = CuratorGate.configure(secrets={"curator_password": ""}, environ={ENV_VAR: ""})
    assert gate.method == "token"
    assert gate.sign_in("") is None


def test_secrets_object_that_raises_is_treated_as_absent():
    class NoSecretsFile(dict):
        def get(self, key, default=None):  # what st.secrets does without secrets.toml
            raise FileNotFoundError("no secrets.toml")

    gate = CuratorGate.configure(secrets=NoSecretsFile(), environ={ENV_VAR: "e"})
    assert gate.method == "password" and gate.sign_in("e") is not None


def test_generated_tokens_are_long_and_differ():
    a = CuratorGate.configure(secrets={}, environ={})
    b = CuratorGate.configure(secrets={}, environ={})
    ta, tb = a.announcement()[len(TOKEN_BANNER):], b.announcement()[len(TOKEN_BANNER):]
    assert ta != tb and len(ta) >= 30
    assert a.sign_in(ta) is not None and a.sign_in(tb) is None


def test_constant_time_comparison_is_used(monkeypatch):
    import hmac

    calls = []
    real = hmac.compare_digest

    def spy(x, y):
        calls.append((x, y))
        return real(x, y)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    gate = CuratorGate.configure(environ={ENV_VAR: "pw"})
    assert gate.sign_in("pw") is not None
    assert calls and calls[0][1] == b"pw"


def test_require_curator_refuses_everything_but_a_signed_in_curator():
    gate = CuratorGate.configure(environ={ENV_VAR: "pw"})
    other = CuratorGate.configure(environ={ENV_VAR: "pw"})
    curator = gate.sign_in("pw")
    assert require_curator(curator, gate=gate) is curator
    for bad in (None, "curator", {"method": "password"}, True):
        with pytest.raises(NotSignedIn):
            require_curator(bad)
    # A curator of another gate (another server process) is not admitted here.
    with pytest.raises(NotSignedIn):
        require_curator(curator, gate=other)
    assert isinstance(NotSignedIn(), PermissionError)


def test_session_sign_in_and_out():
    gate = CuratorGate.configure(environ={ENV_VAR: "pw"})
    state: dict = {}
    t0 = time.monotonic()
    assert sign_in_session(state, gate=gate, attempt="nope", failure_delay=0.2) is None
    assert time.monotonic() - t0 >= 0.2  # a wrong guess costs time
    assert session_curator(state, gate=gate) is None
    c = sign_in_session(state, gate=gate, attempt="pw")
    assert isinstance(c, Curator) and session_curator(state, gate=gate) is c
    state[SESSION_KEY] = "forged"
    assert session_curator(state) is None
    state[SESSION_KEY] = c
    sign_out_session(state)
    assert session_curator(state) is None


def test_process_gate_announces_once_even_under_concurrency():
    out = io.StringIO()
    pg = ProcessGate()
    gates = []
    threads = [threading.Thread(target=lambda: gates.append(pg.get(secrets={}, environ={}, stream=out)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(g) for g in gates}) == 1
    lines = [l for l in out.getvalue().splitlines() if l.startswith(TOKEN_BANNER)]
    assert len(lines) == 1
    assert gates[0].sign_in(lines[0][len(TOKEN_BANNER):]) is not None


def test_process_gate_prints_nothing_when_a_password_is_configured():
    out = io.StringIO()
    ProcessGate().get(environ={ENV_VAR: "pw"}, stream=out)
    assert out.getvalue() == ""


def test_token_printed_once_per_process_on_stderr():
    code = (
        "from strikemap.auth import process_gate\n"
        "g = [process_gate(secrets={}, environ={}) for _ in range(3)]\n"
        "assert g[0] is g[1] is g[2]\n"
    )
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stderr.count(TOKEN_BANNER) == 1
