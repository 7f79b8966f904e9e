"""Build the extractor compiled by mypyc into a folder of its own (optional, for bulk runs).

The same source, compiled to C extension modules: the output is the same
(``tests/extract/test_compiled.py`` checks it on every test set), only
faster. The checkout is not touched: the build is a copy of the packages
``extract`` and ``geodata`` in which the modules that run per article are
extension modules, so nothing there can shadow an edited source. Rebuild
after a change (each run builds afresh).

Usage::

    python3 -m pip install -r requirements-dev.txt       # mypy, whose mypyc compiles
    python3 bench/compiled.py                            # → build/compiled/
    PYTHONPATH=build/compiled python3 -P -m extract seeds/  # the command line, compiled
                                                         # (-P: the current folder's source not first)
    python3 bench/extract_bench.py --build build/compiled

Needs a C compiler and Python's headers (Debian: gcc, python3-dev).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "build" / "compiled"

# What runs for every article. Not compiled: the command line, documents and
# evaluation (run once), and the online geocoders.
COMPILED = tuple(f"extract/{m}.py" for m in (
    "actors", "attribution", "casualties", "dates", "events", "implied", "lexicon", "model", "pipeline",
    "places", "restatements", "roles", "scan", "sentences", "weapons")) + tuple(
    f"geodata/{m}.py" for m in ("arabic", "gazetteer", "matcher", "resolve"))
PACKAGES = ("extract", "geodata")
# mypyc type-checks what it compiles, and a compiled module checks at run time
# the types its annotations state: the build stops on a type error. (geopy ships
# no type stubs.) What the compiled code gains from the source: module constants
# marked Final are C statics, not a dict lookup per use (but not a tuple of
# floats: mypyc loses it, mypyc/mypyc#1183); a class's written-out __init__ is
# native, where dataclass's generated one stays interpreted (extract/model.py).
MYPY_FLAGS = ("--ignore-missing-imports",)


def build(out: Path = DEFAULT_OUT, *, jobs: int | None = None) -> Path:
    """Compile :data:`COMPILED` and lay out the packages beside them in *out* (replaced)."""
    from mypyc.build import mypycify
    from setuptools import setup

    out = out.resolve()
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory(prefix="strikemap-mypyc-") as tmp:
        cwd = os.getcwd()
        os.chdir(ROOT)  # mypyc names each module by its path from here: extract/events.py → extract.events
        try:
            setup(name="strike-map-compiled", script_name="bench/compiled.py", packages=[], py_modules=[],
                  script_args=["build_ext", "--build-lib", str(out), "--build-temp", tmp,
                               "--parallel", str(jobs or os.cpu_count() or 1)],
                  ext_modules=mypycify([*MYPY_FLAGS, *COMPILED], opt_level="3", target_dir=tmp))
        finally:
            os.chdir(cwd)
    compiled = set(COMPILED)
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*")):
            rel = path.relative_to(ROOT)
            if path.is_dir() or "__pycache__" in rel.parts or rel.as_posix() in compiled:
                continue
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="where to build (replaced; default build/compiled)")
    args = ap.parse_args(argv)
    out = build(Path(args.out))
    print(f"compiled {len(COMPILED)} modules into {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
