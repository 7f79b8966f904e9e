"""The compiled build (``bench/compiled.py``, mypyc) reads every article as the source does.

It is built once into a temporary folder (about a minute on two cores); then
the command line of each build reads every annotated set, and both read odd
text, and their outputs must be the same byte for byte. A compiled module
checks at run time the types its annotations state, so odd input is where the
two could part.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETS = sorted(p.parent for p in [ROOT / "seeds" / "manifest.csv", *ROOT.glob("tests/*/manifest.csv")])

# Reads texts from stdin (one per line, escaped) and prints the repr of their events.
_READ = """
import datetime as dt, sys
from extract import ArticleMeta, extract_events
from geodata import load_gazetteer
gaz = load_gazetteer()
for line in sys.stdin.read().split("\\n"):
    text = line.encode("ascii").decode("unicode_escape")
    for e in extract_events(text, gazetteer=gaz, meta=ArticleMeta(file="odd.txt", published=dt.date(2024, 2, 6))):
        print(repr(e))
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("compiled") / "build"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "compiled.py"), "--out", str(out)],
                          capture_output=True, timeout=1800)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-4000:]
    return out


def _python(args: list[str], *, build: Path | None, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if build is not None:
        env["PYTHONPATH"] = str(build)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, input=stdin, capture_output=True, timeout=600)


def test_the_build_holds_extension_modules(compiled, tmp_path):
    # (run outside the checkout: there, its own packages would come first on the path)
    done = _python(["-c", "import extract.events, geodata.arabic; print(extract.events.__file__); "
                          "print(geodata.arabic.__file__)"], build=compiled, cwd=tmp_path)
    files = done.stdout.decode().split()
    assert done.returncode == 0 and len(files) == 2
    assert all(Path(f).is_relative_to(compiled) and f.endswith(".so") for f in files), files


def test_every_annotated_set_gives_the_same_events(compiled, tmp_path):
    args = ["-m", "extract", *map(str, SETS), "--format", "jsonl"]
    source = _python(args, build=None, cwd=ROOT)
    built = _python(args, build=compiled, cwd=tmp_path)
    assert source.returncode == 0, source.stderr.decode()
    assert built.returncode == 0, built.stderr.decode()
    assert len(SETS) >= 12 and source.stdout.count(b"\n") > 500
    assert built.stdout == source.stdout


def test_odd_text_gives_the_same_events(compiled, tmp_path):
    rng = random.Random(5)
    seed_text = (ROOT / "seeds" / sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))[0]).read_text(encoding="utf-8")
    alphabet = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "ًٌٍَُِّْـ" + "٠١٢٣٤٥٦٧٨٩0123456789" + " .،:؛!؟?\"'«»“”\n\t" + "\x00\u200f\u202e" + "abc<>{}"
    texts = ["", " ", "قصف", "\x00", "«»" * 40, "استهدف " * 50, seed_text[:500]]
    for _ in range(200):
        start = rng.randrange(len(seed_text))
        piece = seed_text[start:start + rng.randrange(1, 400)]
        noise = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        cut = rng.randrange(len(piece) + 1)
        texts.append(piece[:cut] + noise + piece[cut:])
    stdin = "\n".join(t.encode("unicode_escape").decode("ascii") for t in texts).encode("ascii")
    source = _python(["-c", _READ], build=None, cwd=ROOT, stdin=stdin)
    built = _python(["-c", _READ], build=compiled, cwd=tmp_path, stdin=stdin)
    assert source.returncode == 0, source.stderr.decode()[-2000:]
    assert built.returncode == 0, built.stderr.decode()[-2000:]
    assert source.stdout.count(b"\n") > 50  # the seed's pieces state events
    assert built.stdout == source.stdout


def test_the_compiled_reading_leaves_no_reference_cycles(compiled, tmp_path):
    """extract_events pauses the cyclic collector while it reads (see
    tests/extract/test_pipeline.py): compiled code must not make cycles either
    (a nested function did: its closure and frame referred to each other)."""
    check = ("import gc, pathlib, sys\n"
             "from extract import extract_events\nfrom geodata import load_gazetteer\n"
             "gaz = load_gazetteer()\n"
             "texts = [p.read_text(encoding='utf-8') for p in sorted(pathlib.Path(sys.argv[1]).glob('*.txt'))]\n"
             "extract_events(texts[0], gazetteer=gaz)\n"
             "gc.collect(); gc.disable()\n"
             "events = sum(len(extract_events(t, gazetteer=gaz)) for t in texts)\n"
             "print(len(texts), events, gc.collect())\n")
    done = _python(["-c", check, str(ROOT / "seeds")], build=compiled, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    texts, events, left = map(int, done.stdout.split())
    assert texts == 5 and events > 20
    assert left == 0
