"""Score extracted events against gold annotations: precision, recall, F1.

A row is one (event, target place). Predicted rows are the flat feature
dicts the CLI writes (``article``, ``role``, ``place_ar``, ``place_key``,
``actor``, ``date``; a GeoJSON feature's ``properties`` also work) or rows in
the gold format (``file`` instead of ``article``). Rows match on
(file, role, place): places compare by ``place_key`` when both rows have one,
else by :func:`geodata.arabic.name_key` of the text as written. Each row
matches at most once, so an event reported twice counts once as a true
positive and once as a false positive. Actor, date, weapon and casualty
(killed and wounded both) accuracy are measured over the matched pairs.

>>> gold = [{"file": "a.txt", "role": "attack", "place_ar": "كونيكو", "place_key": "conoco_base",
...          "actor": "iran_backed", "date": "2024-11-12"},
...         {"file": "a.txt", "role": "retaliation", "place_ar": "الميادين", "place_key": "",
...          "actor": "us_coalition", "date": ""}]
>>> pred = [{"article": "a.txt", "role": "attack", "place_ar": "حقل كونيكو", "place_key": "conoco_base",
...          "actor": "unknown", "date": "2024-11-12"},
...         {"article": "a.txt", "role": "retaliation", "place_ar": "ميادين", "place_key": None,
...          "actor": "us_coalition", "date": None},
...         {"article": "a.txt", "role": "attack", "place_ar": "العمر", "place_key": "omar_field",
...          "actor": "iran_backed", "date": None}]
>>> r = score(pred, gold)
>>> (r.tp, r.fp, r.fn), round(r.precision, 3), r.recall, r.actor_accuracy
((2, 1, 0), 0.667, 1.0, 0.5)
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from geodata.arabic import name_key

__all__ = ["Row", "Pair", "ArticleScore", "Report", "score", "read_gold", "main"]


@dataclass(frozen=True, slots=True)
class Row:
    """The fields of one (event, place) row that scoring looks at."""

    file: str
    role: str
    place_ar: str
    place_key: str | None = None
    actor: str | None = None
    date: str | None = None
    event: str | None = None  # gold event number or predicted event_id
    weapon: str | None = None
    killed: int | None = None
    wounded: int | None = None

    @property
    def name(self) -> tuple[str, ...]:
        return name_key(self.place_ar or "")

    def label(self) -> str:
        key = f" [{self.place_key}]" if self.place_key else ""
        return f"{self.role} {self.place_ar}{key} ({self.actor or '?'}, {self.date or 'undated'})"

    @classmethod
    def of(cls, data: Mapping[str, Any] | "Row") -> "Row":
        """A Row from a flat feature dict, a GeoJSON feature, or a gold dict."""
        if isinstance(data, Row):
            return data
        if "properties" in data and isinstance(data["properties"], Mapping):
            data = data["properties"]
        file = data.get("file") or data.get("article") or ""
        return cls(
            file=Path(str(file)).name,
            role=str(data.get("role") or ""),
            place_ar=str(data.get("place_ar") or ""),
            place_key=_blank(data.get("place_key")),
            actor=_blank(data.get("actor")),
            date=_date_str(data.get("date")),
            event=_blank(data.get("event") if data.get("event") is not None else data.get("event_id")),
            weapon=_blank(data.get("weapon")),
            killed=_int(data.get("killed")),
            wounded=_int(data.get("wounded")),
        )


def _blank(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _int(value: Any) -> int | None:
    s = _blank(value)
    if s is None:
        return None
    try:
        return int(float(s))
    except ValueError:
        return None


def _date_str(value: Any) -> str | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    s = _blank(value)
    return s[:10] if s else None


def same_place(a: Row, b: Row) -> bool:
    """Places agree by gazetteer key when both rows have one, else by name key."""
    if a.place_key and b.place_key:
        return a.place_key == b.place_key
    return a.name == b.name and bool(a.name)


@dataclass(frozen=True, slots=True)
class Pair:
    """A predicted row matched to a gold row."""

    predicted: Row
    gold: Row

    @property
    def actor_ok(self) -> bool:
        return (self.predicted.actor or "unknown") == (self.gold.actor or "unknown")

    @property
    def date_ok(self) -> bool:
        return self.predicted.date == self.gold.date

    @property
    def weapon_ok(self) -> bool:
        return self.predicted.weapon == self.gold.weapon

    @property
    def casualties_ok(self) -> bool:
        """Killed and wounded both agree (unknown counts as a value)."""
        return (self.predicted.killed, self.predicted.wounded) == (self.gold.killed, self.gold.wounded)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


class _Scores:
    """Precision, recall and F1 from the ``tp``, ``fp`` and ``fn`` of the class that mixes it in."""

    __slots__ = ()
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return _prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return _prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return _prf(self.tp, self.fp, self.fn)[2]


@dataclass(slots=True)
class ArticleScore(_Scores):
    """Matches, false positives and false negatives of one article."""

    file: str
    pairs: list[Pair] = field(default_factory=list)
    false_positives: list[Row] = field(default_factory=list)
    false_negatives: list[Row] = field(default_factory=list)

    @property
    def tp(self) -> int:
        return len(self.pairs)

    @property
    def fp(self) -> int:
        return len(self.false_positives)

    @property
    def fn(self) -> int:
        return len(self.false_negatives)


@dataclass(slots=True)
class Report(_Scores):
    """Per-article and overall (micro-averaged) scores."""

    articles: dict[str, ArticleScore]

    @property
    def pairs(self) -> list[Pair]:
        return [p for a in self.articles.values() for p in a.pairs]

    @property
    def tp(self) -> int:
        return sum(a.tp for a in self.articles.values())

    @property
    def fp(self) -> int:
        return sum(a.fp for a in self.articles.values())

    @property
    def fn(self) -> int:
        return sum(a.fn for a in self.articles.values())

    @property
    def actor_accuracy(self) -> float | None:
        return self._share("actor_ok")

    @property
    def date_accuracy(self) -> float | None:
        return self._share("date_ok")

    @property
    def weapon_accuracy(self) -> float | None:
        return self._share("weapon_ok")

    @property
    def casualty_accuracy(self) -> float | None:
        return self._share("casualties_ok")

    def _share(self, ok: str) -> float | None:
        """The share of matched pairs whose *ok* field is true (None with no pairs)."""
        pairs = self.pairs
        return sum(getattr(p, ok) for p in pairs) / len(pairs) if pairs else None

    def by_role(self) -> dict[str, tuple[int, int, int]]:
        """(tp, fp, fn) per role, so a weak role is visible."""
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for a in self.articles.values():
            for p in a.pairs:
                out[p.gold.role][0] += 1
            for r in a.false_positives:
                out[r.role][1] += 1
            for r in a.false_negatives:
                out[r.role][2] += 1
        return {k: tuple(v) for k, v in sorted(out.items())}

    def table(self, *, details: bool = True) -> str:
        """A markdown table: one line per article, the total, then what went wrong."""
        lines = ["| article | tp | fp | fn | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
        for name in sorted(self.articles):
            a = self.articles[name]
            lines.append(f"| {name} | {a.tp} | {a.fp} | {a.fn} | {a.precision:.2f} | {a.recall:.2f} | {a.f1:.2f} |")
        lines.append(f"| **all** | {self.tp} | {self.fp} | {self.fn} | {self.precision:.3f} | "
                     f"{self.recall:.3f} | {self.f1:.3f} |")
        def fmt(x: float | None) -> str:
            return "-" if x is None else f"{x:.3f}"

        lines.append("")
        lines.append(f"over matched pairs — actor accuracy: {fmt(self.actor_accuracy)}; "
                     f"date accuracy: {fmt(self.date_accuracy)}; weapon accuracy: {fmt(self.weapon_accuracy)}; "
                     f"killed/wounded accuracy: {fmt(self.casualty_accuracy)}")
        for role, (tp, fp, fn) in self.by_role().items():
            p, r, f = _prf(tp, fp, fn)
            lines.append(f"- {role}: tp {tp} fp {fp} fn {fn} — P {p:.2f} R {r:.2f} F1 {f:.2f}")
        if details:
            for name in sorted(self.articles):
                a = self.articles[name]
                wrong = [p for p in a.pairs if not (p.actor_ok and p.date_ok and p.weapon_ok and p.casualties_ok)]
                if not (a.false_positives or a.false_negatives or wrong):
                    continue
                lines.append(f"\n{name}")
                lines += [f"  FP {r.label()}" for r in a.false_positives]
                lines += [f"  FN {r.label()}" for r in a.false_negatives]
                lines += [f"  ~  {p.gold.label()} {_extra(p.gold)} <- predicted {p.predicted.actor}, "
                          f"{p.predicted.date or 'undated'} {_extra(p.predicted)}" for p in wrong]
        return "\n".join(lines)


def _extra(r: Row) -> str:
    def n(x: int | None) -> str:
        return "?" if x is None else str(x)

    return f"[{r.weapon or '-'}, killed {n(r.killed)}, wounded {n(r.wounded)}]"


def score(
    predicted: Iterable[Mapping[str, Any] | Row],
    gold: Iterable[Mapping[str, Any] | Row],
    *,
    files: Iterable[str] | None = None,
) -> Report:
    """Match *predicted* rows to *gold* rows on (file, role, place).

    *files* limits scoring to those articles (by file name); by default every
    file that appears on either side is scored. An article with gold rows but
    no predictions scores zero recall; one with neither is perfect.
    """
    pred_rows = [Row.of(r) for r in predicted]
    gold_rows = [Row.of(r) for r in gold]
    wanted = {Path(f).name for f in files} if files is not None else None
    by_file: dict[str, tuple[list[Row], list[Row]]] = defaultdict(lambda: ([], []))
    for r in pred_rows:
        by_file[r.file][0].append(r)
    for r in gold_rows:
        by_file[r.file][1].append(r)
    if wanted is not None:
        for f in wanted:
            by_file[f]  # an article of the corpus with no rows at all still counts
        by_file = {f: v for f, v in by_file.items() if f in wanted}
    return Report({f: _score_article(f, p, g) for f, (p, g) in by_file.items()})


def _score_article(file: str, predicted: list[Row], gold: list[Row]) -> ArticleScore:
    out = ArticleScore(file)
    free = list(predicted)
    missed: list[Row] = []
    # Key matches first, so a name-only match cannot steal a keyed pair.
    for strict in (True, False):
        pending = gold if strict else missed
        missed_now: list[Row] = []
        for g in pending:
            hit = None
            for i, p in enumerate(free):
                if p.role != g.role:
                    continue
                if strict and not (p.place_key and g.place_key and p.place_key == g.place_key):
                    continue
                if not strict and not same_place(p, g):
                    continue
                # among equals, prefer the one with the right actor and date
                if hit is None or (Pair(p, g).actor_ok + Pair(p, g).date_ok
                                   > Pair(free[hit], g).actor_ok + Pair(free[hit], g).date_ok):
                    hit = i
            if hit is None:
                missed_now.append(g)
            else:
                out.pairs.append(Pair(free.pop(hit), g))
        missed = missed_now
    out.false_negatives = missed
    out.false_positives = free
    return out


def read_gold(path: str | Path) -> list[dict[str, str]]:
    """Rows of a gold CSV (UTF-8, header row) as dicts."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m extract.evaluate --gold FILE PATH... [--manifest FILE]``."""
    ap = argparse.ArgumentParser(prog="python -m extract.evaluate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", required=True, help="gold CSV (tests/gold/*.csv format)")
    ap.add_argument("paths", nargs="+", help="article files or directories of .txt files")
    ap.add_argument("--manifest", help="manifest CSV (default: manifest.csv next to the articles)")
    ap.add_argument("--gazetteer", help="gazetteer CSV (default: geodata/gazetteer.csv)")
    ap.add_argument("--brief", action="store_true", help="scores only, no list of errors")
    args = ap.parse_args(argv)

    errors: list[Any] = []
    predicted, files = run_extractor(args.paths, manifest=args.manifest, gazetteer=args.gazetteer, errors=errors)
    if not files:
        print("no article read: nothing to score", file=sys.stderr)
        return 2
    report = score(predicted, read_gold(args.gold), files=files)
    print(report.table(details=not args.brief))
    return 1 if errors else 0  # an unreadable article makes the figures incomplete


def run_extractor(
    paths: Sequence[str | Path], *, manifest: str | Path | None = None, gazetteer: str | Path | None = None,
    errors: list[Any] | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Run the extractor over article files: (flat feature rows, file names read).

    Articles that cannot be read are reported on stderr and added to *errors*.
    """
    # Lazy imports: scoring itself needs neither the gazetteer nor the pipeline.
    from extract import documents
    from extract.features import event_features
    from extract.pipeline import extract_events
    from geodata import load_gazetteer

    gaz = load_gazetteer(gazetteer) if gazetteer else load_gazetteer()
    rows: list[dict[str, Any]] = []
    names: list[str] = []
    errors = [] if errors is None else errors
    for doc in documents.read_corpus(list(paths), manifest=manifest, errors=errors):
        names.append(doc.meta.file)
        events = extract_events(doc.text, gazetteer=gaz, meta=doc.meta)
        for feat in event_features(events, doc.meta):
            props = feat.get("properties", feat)
            rows.append(dict(props, article=props.get("article") or doc.meta.file))
    for err in errors:  # an unreadable article is said, not silently scored as empty
        print(f"not read: {err}", file=sys.stderr)
    return rows, names


if __name__ == "__main__":
    sys.exit(main())
