"""Command line: ``python -m extract PATH... [--manifest FILE] [--format geojson|csv|jsonl] [-o FILE]``.

PATH is an article file (.txt, .html) or a folder of them; the manifest
defaults to ``manifest.csv`` beside the files. Output: one Feature per
(event, place) as a GeoJSON FeatureCollection (default), CSV (UTF-8 with
a BOM, so spreadsheet programs read the Arabic) or JSON lines. A file
that cannot be read gets one line on stderr naming it and why; the others
are still processed and the exit status is 1.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from typing import Any, Sequence

from extract.documents import load_documents
from extract.features import PROPERTIES, event_features, feature_collection
from extract.pipeline import extract_events

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m extract",
                                 description="Extract located strike events from Arabic news articles.")
    ap.add_argument("paths", nargs="+", metavar="PATH", help="article files (.txt, .html) or folders of them")
    ap.add_argument("--manifest", help="manifest CSV (default: manifest.csv beside the files)")
    ap.add_argument("--format", choices=("geojson", "csv", "jsonl"), default="geojson", help="output format")
    ap.add_argument("-o", "--output", help="write here instead of standard output")
    ap.add_argument("--gazetteer", help="gazetteer CSV (default: geodata/gazetteer.csv)")
    return ap


def render(features: list[dict[str, Any]], fmt: str) -> bytes:
    """The output bytes for *features* in *fmt*."""
    if fmt == "geojson":
        return (json.dumps(feature_collection(features), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt == "jsonl":
        return "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in features).encode("utf-8")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(list(PROPERTIES) + ["lon", "lat"])
    for f in features:
        p = f["properties"]
        coords = (f.get("geometry") or {}).get("coordinates") or ["", ""]
        w.writerow(["" if p.get(k) is None else p.get(k) for k in PROPERTIES] + coords)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        from geodata import load_gazetteer

        gaz = load_gazetteer(args.gazetteer) if args.gazetteer else load_gazetteer()
    except Exception as exc:  # a broken gazetteer: say so, do not trace back
        print(f"extract: cannot load the gazetteer: {exc}", file=sys.stderr)
        return 2
    try:
        docs, errors = load_documents(args.paths, manifest=args.manifest)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        print(f"extract: cannot read the manifest {args.manifest}: {exc}", file=sys.stderr)
        return 2
    for err in errors:
        print(f"extract: {err.file}: {err.reason}", file=sys.stderr)
    features: list[dict[str, Any]] = []
    for doc in docs:
        try:
            events = extract_events(doc.text, gazetteer=gaz, meta=doc.meta)
        except Exception as exc:  # pragma: no cover - extraction never raises; belt and braces
            print(f"extract: {doc.path}: extraction failed: {exc}", file=sys.stderr)
            errors.append(exc)  # type: ignore[arg-type]
            continue
        features.extend(event_features(events, doc.meta))
    data = render(features, args.format)
    if args.output:
        with open(args.output, "wb") as fh:
            fh.write(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
