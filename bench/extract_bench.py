"""Extraction throughput on one core, against normalisation alone as the floor.

Derives a corpus of synthetic articles from the seeds (deterministic): each
article is as long as a seed (a seed's length, ±10%), made of whole seed
sentences from several seeds, grouped in paragraphs of one to a few
sentences like the seeds' lines, with every
gazetteer name swapped for another gazetteer name, numbers re-drawn and
weekdays swapped, so that clauses rarely repeat (caches must not flatter
the figures). The names come from the gazetteer, so the corpus changes when
it does. Then it times, on one core:

* the floor: ``geodata.arabic.normalize(text).tokens`` for every article;
* ``extract.pipeline.extract_events`` for every article (1,000 … 10,000);
* peak Python allocation (tracemalloc, on a separate 1,000-article run) and
  the process's peak RSS (``resource.getrusage``).

Usage::

    python bench/extract_bench.py [--articles 10000] [--seed 7] [--repeat 3] [--write bench/RESULTS-extract.md]
    python bench/extract_bench.py --profile 2000     # cProfile hotspots of extract_events
    python bench/extract_bench.py --build build/compiled --write bench/RESULTS-extract-compiled.md
                                                     # the compiled build (bench/compiled.py)

Prints a markdown table (and writes it with ``--write``).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import os
import platform
import pstats
import random
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:  # (the project's modules are imported where they run: see --build)
    from extract.model import ArticleMeta

WEEKDAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+|\n+")


def seed_sentences(seeds_dir: Path) -> tuple[list[str], list[int]]:
    """Sentences of every seed article, and each seed's length in characters."""
    sentences: list[str] = []
    lengths: list[int] = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lengths.append(len(text))
        sentences += [s.strip() for s in _SENTENCE_END.split(text) if len(s.strip()) > 20]
    return sentences, lengths


def derive_corpus(n: int, *, seed: int, seeds_dir: Path) -> list[tuple[str, "ArticleMeta"]]:
    """*n* synthetic seed-length articles derived from the seeds, the same for the same *seed*."""
    from extract.model import ArticleMeta
    from geodata import load_gazetteer

    rng = random.Random(seed)
    sentences, lengths = seed_sentences(seeds_dir)
    gaz = load_gazetteer()
    # longest first (the alternation must prefer «دير الزور» to «دير»), ties by spelling: a set's
    # order changes with the hash seed, and the corpus must not
    names = sorted({p.name_ar for p in gaz.places} | {a for p in gaz.places for a in p.aliases_ar},
                   key=lambda x: (-len(x), x))
    names = [x for x in names if len(x) >= 3]
    name_re = re.compile("|".join(re.escape(x) for x in names))
    digit_re = re.compile(r"\d+")
    day_re = re.compile("|".join(WEEKDAYS))
    start = dt.date(2022, 1, 1)
    out = []
    for i in range(n):
        # a seed's length, give or take a tenth: the corpus has the seeds' mean
        target = round(rng.choice(lengths) * rng.uniform(0.9, 1.1))
        paragraphs: list[str] = []
        para: list[str] = []
        size = 0
        while size < target:
            s = rng.choice(sentences)
            s = name_re.sub(lambda m: rng.choice(names), s)
            s = digit_re.sub(lambda m: str(rng.randint(1, 40)), s)
            s = day_re.sub(lambda m: rng.choice(WEEKDAYS), s)
            if para and size + len(s) > target + 60:
                break  # the next sentence would overshoot the length by more than a line
            para.append(s)
            size += len(s) + 1
            if rng.random() < 0.5:  # paragraphs of one to a few sentences, like the seeds' lines
                paragraphs.append(" ".join(para))
                para = []
        if para:
            paragraphs.append(" ".join(para))
        text = "\n".join(paragraphs) + "\n"
        published = start + dt.timedelta(days=rng.randint(0, 1200)) if rng.random() < 0.85 else None
        out.append((text, ArticleMeta(file=f"bench_{i:05d}.txt", published=published)))
    return out


# CPU time of this process: other processes on a shared machine slow the
# wall clock, not the work done here.
_clock = time.process_time


def time_normalize(articles) -> float:
    from geodata.arabic import normalize

    t = _clock()
    for text, _ in articles:
        normalize(text).tokens
    return _clock() - t


def time_extract(articles, gaz, *, chunk: int = 1_000) -> tuple[float, int, list[float]]:
    """Total seconds, events found, and seconds per consecutive *chunk* of articles."""
    from extract.pipeline import extract_events

    events = 0
    chunks: list[float] = []
    start = last = _clock()
    for i, (text, meta) in enumerate(articles, 1):
        events += len(extract_events(text, gazetteer=gaz, meta=meta))
        if i % chunk == 0:
            now = _clock()
            chunks.append(now - last)
            last = now
    return _clock() - start, events, chunks


def peak_tracemalloc(articles, gaz) -> int:
    from extract.pipeline import extract_events

    tracemalloc.start()
    for text, meta in articles:
        extract_events(text, gazetteer=gaz, meta=meta)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def profile(articles, gaz, *, top: int = 25) -> str:
    from extract.pipeline import extract_events

    prof = cProfile.Profile()
    prof.enable()
    for text, meta in articles:
        extract_events(text, gazetteer=gaz, meta=meta)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(top)
    return buf.getvalue()


def hotspots(articles, gaz, *, top: int = 12) -> list[str]:
    """Markdown rows: the functions with the most own time while extracting *articles*."""
    from extract.pipeline import extract_events

    prof = cProfile.Profile()
    prof.enable()
    for text, meta in articles:
        extract_events(text, gazetteer=gaz, meta=meta)
    prof.disable()
    stats = pstats.Stats(prof).stats  # {(file, line, func): (cc, nc, tottime, cumtime, callers)}
    total = sum(v[2] for v in stats.values())
    rows = sorted(stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    out = ["| function | calls | own time (s) | share | cumulative (s) |", "|---|---:|---:|---:|---:|"]
    for (file, line, func), (_, nc, tt, ct, _) in rows:
        if file == "~":
            where = "built-in"
        elif file.startswith(str(ROOT)):
            where = f"{Path(file).relative_to(ROOT)}:{line}"
        else:
            where = f"{Path(file).name}:{line}"
        func = re.sub(r" object at 0x[0-9a-f]+", "", func)
        out.append(f"| `{func}` ({where}) | {nc:,} | {tt:.3f} | {tt / total:.0%} | {ct:.3f} |")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--seeds-dir", default=str(ROOT / "seeds"))
    ap.add_argument("--repeat", type=int, default=3, help="runs per size; the fastest is reported (others share "
                    "the machine, and only slowdowns come from outside)")
    ap.add_argument("--write", help="also write the markdown to this file")
    ap.add_argument("--profile", type=int, metavar="N", help="profile extract_events over N articles and stop")
    ap.add_argument("--build", help="import the extractor from this build (bench/compiled.py) instead of the "
                    "checkout's source")
    args = ap.parse_args(argv)
    if args.build:
        sys.path.insert(0, str(Path(args.build).resolve()))
    import extract.events
    from geodata import load_gazetteer

    build = ("compiled (mypyc), from " + args.build) if extract.events.__file__.endswith(".so") else "source"

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    gaz = load_gazetteer()
    t0 = time.perf_counter()
    corpus = derive_corpus(args.articles, seed=args.seed, seeds_dir=Path(args.seeds_dir))
    derive_s = time.perf_counter() - t0
    chars = sum(len(t) for t, _ in corpus)
    _, seed_lengths = seed_sentences(Path(args.seeds_dir))

    from extract.pipeline import extract_events

    extract_events(corpus[0][0], gazetteer=gaz, meta=corpus[0][1])  # warm-up: compile patterns, load lexicons

    if args.profile:
        print(profile(corpus[: args.profile], gaz))
        return 0

    rows = []
    chunks: list[float] = []
    for n in (1_000, 2_000, 5_000, 10_000):
        if n > len(corpus):
            break
        part = corpus[:n]
        chunks = []
        norm_s = ext_s = float("inf")
        for _ in range(args.repeat):
            gc.collect()
            norm_s = min(norm_s, time_normalize(part))
            gc.collect()
            t, events, per_chunk = time_extract(part, gaz)
            ext_s = min(ext_s, t)
            chunks = per_chunk if not chunks else [min(a, b) for a, b in zip(chunks, per_chunk)]
        rows.append((n, norm_s, ext_s, events))
    peak = peak_tracemalloc(corpus[:1_000], gaz)
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    base_n, _, base_s, _ = rows[0]
    lines = [
        f"Corpus: {len(corpus):,} articles derived from the seeds (seed {args.seed}), "
        f"{chars / len(corpus):,.0f} characters per article on average (the seeds: "
        f"{sum(seed_lengths) / len(seed_lengths):,.0f}, {min(seed_lengths):,}–{max(seed_lengths):,}); "
        f"derived in {derive_s:.1f} s.",
        f"Machine: {platform.python_implementation()} {platform.python_version()} on {platform.machine()}, "
        f"one core ({os.cpu_count()} present); fastest of {args.repeat} runs per size. Extractor: {build}.",
        "",
        "Times are CPU seconds of the benchmark process (`time.process_time`).",
        "",
        "| articles | normalise (s) | extract (s) | extract articles/s | extract / normalise | events | "
        "time per 1,000 (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, norm_s, ext_s, events in rows:
        lines.append(f"| {n:,} | {norm_s:.3f} | {ext_s:.3f} | {n / ext_s:,.0f} | {ext_s / norm_s:.1f}× | "
                     f"{events:,} | {ext_s / n * 1000:.3f} |")
    last_n, _, last_s, _ = rows[-1]
    lines += [
        "",
        f"Linearity: {last_n:,} articles took {last_s / base_s:.2f}× the time of {base_n:,} "
        f"(linear would be {last_n / base_n:.0f}×). CPU seconds per consecutive 1,000 articles of that run "
        "(fastest of the repeats): " + ", ".join(f"{c:.2f}" for c in chunks) + ".",
        f"Peak Python allocation while extracting 1,000 articles (tracemalloc): {peak / 2**20:.1f} MiB; "
        f"peak RSS of the whole run (getrusage): {rss_kb / 1024:.0f} MiB.",
    ]
    rate = last_n / last_s
    ratio = last_s / rows[-1][1]
    lines.append(
        f"Goal (≥1,000 articles/s, within 5× of normalisation, linear): {rate:,.0f} articles/s "
        f"({'met' if rate >= 1000 else 'not met'}), {ratio:.1f}× normalisation "
        f"({'met' if ratio <= 5 else 'not met'}), per-1,000 time flat across the run."
    )
    if build == "source":
        lines += ["", f"Where the time goes (cProfile, {min(1_000, len(corpus)):,} articles, own time per function):",
                  ""]
        lines += hotspots(corpus[:1_000], gaz)
    # (cProfile sees a compiled function as one built-in call: no hotspots for a compiled build)
    text = "\n".join(lines)
    print(text)
    if args.write:
        out = Path(args.write)
        # a hand-kept «## History» section (earlier runs, for comparison) survives a rewrite
        old = out.read_text(encoding="utf-8") if out.exists() else ""
        history = old[old.index("\n## History\n"):] if "\n## History\n" in old else ""
        command = (f"python bench/compiled.py && python bench/extract_bench.py --build {args.build} --write {args.write}"
                   if args.build else f"python bench/extract_bench.py --write {args.write}")
        out.write_text(f"# Extraction benchmark\n\n`{command}`\n\n" + text + "\n" + history, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
