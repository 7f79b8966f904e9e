"""``python -m extract`` as a subprocess on real files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

GOOD = ("استهدفت الميليشيات الإيرانية قاعدة حقل العمر بالصواريخ مساء الثلاثاء.\n"
        "وردت القوات الأمريكية بقصف مدفعي على مواقع الميليشيات في بلدتي مراط وحطلة، رداً على الهجوم.\n")
OTHER = "قصفت طائرة مسيرة مجهولة سيارة للميليشيات قرب مدينة البوكمال فجر الأحد."


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "extract", *map(str, args)], cwd=cwd, capture_output=True, timeout=120)


def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "win.txt").write_bytes(OTHER.encode("cp1256"))
    (d / "page.html").write_text(f"<html><body><script>alert(1)</script><p>{OTHER}</p></body></html>", encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (d / "manifest.csv").write_text("file,outlet,url,published,title,notes\n"
                                    "good.txt,اختبار,,2024-03-06,عنوان,\nwin.txt,,,2024-03-10,,\n",
                                    encoding="utf-8")
    return d


def test_geojson_on_a_folder_with_bad_files(tmp_path):
    d = corpus(tmp_path)
    r = run(d)
    assert r.returncode == 1
    err = r.stderr.decode("utf-8")
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 2
    assert any("empty.txt" in ln and "empty" in ln for ln in lines)
    assert any("binary.txt" in ln and "binary" in ln for ln in lines)
    fc = json.loads(r.stdout.decode("utf-8"))
    assert fc["type"] == "FeatureCollection"
    feats = fc["features"]
    by = {(f["properties"]["article"], f["properties"]["role"], f["properties"]["place_key"]) for f in feats}
    assert by == {("good.txt", "attack", "omar_oil_field"), ("good.txt", "retaliation", "marrat"),
                  ("good.txt", "retaliation", "hatla"), ("win.txt", "retaliation", "albukamal"),
                  ("page.html", "retaliation", "albukamal")}
    f = next(f for f in feats if f["properties"]["place_key"] == "marrat")
    p = f["properties"]
    assert f["geometry"]["type"] == "Point" and len(f["geometry"]["coordinates"]) == 2
    assert p["published"] == "2024-03-06" and p["outlet"] == "اختبار" and p["date"] == "2024-03-05"
    assert p["excerpt"][p["excerpt_place_start"]:p["excerpt_place_end"]] == p["place_ar"] == "مراط"
    attack = next(f for f in feats if f["properties"]["role"] == "attack")["properties"]
    assert p["responds_to"] == attack["event_id"]
    for key in ("event_id", "actor", "actor_text", "place_en", "geo_precision", "time_precision", "weapon",
                "killed", "wounded", "origin_place_ar", "origin_key"):
        assert key in p


def test_csv_has_a_bom_and_one_row_per_place(tmp_path):
    d = corpus(tmp_path)
    out = tmp_path / "out.csv"
    r = run(d / "good.txt", "--format", "csv", "-o", out)
    assert r.returncode == 0, r.stderr.decode()
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert sorted(r["place_key"] for r in rows) == ["hatla", "marrat", "omar_oil_field"]
    assert all(r["article"] == "good.txt" for r in rows)


def test_jsonl_and_explicit_manifest(tmp_path):
    d = corpus(tmp_path)
    m = tmp_path / "m.csv"
    m.write_text("file,outlet,url,published,title,notes\nwin.txt,منفذ آخر,,2024-03-11,,\n", encoding="utf-8")
    r = run(d / "win.txt", "--manifest", m, "--format", "jsonl")
    assert r.returncode == 0
    lines = r.stdout.decode("utf-8").splitlines()
    assert len(lines) == 1
    p = json.loads(lines[0])["properties"]
    assert p["outlet"] == "منفذ آخر" and p["date"] == "2024-03-10"


def test_missing_path_is_reported(tmp_path):
    r = run(tmp_path / "nope.txt")
    assert r.returncode == 1
    assert "nope.txt" in r.stderr.decode() and "no such file" in r.stderr.decode()
    assert json.loads(r.stdout.decode())["features"] == []
