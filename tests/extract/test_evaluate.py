"""Scoring predicted (event, place) rows against gold rows, on small hand-made rows."""

import datetime as dt

import pytest

from extract.evaluate import Row, main, read_gold, score


def gold(role, place_ar, place_key="", actor="iran_backed", date="2024-11-12", file="a.txt"):
    return {"file": file, "event": "1", "role": role, "actor": actor, "place_ar": place_ar,
            "place_key": place_key, "date": date}


def feature(role, place_ar, place_key=None, actor="iran_backed", date=dt.date(2024, 11, 12), file="a.txt"):
    return {"event_id": "e1", "article": file, "role": role, "actor": actor, "place_ar": place_ar,
            "place_key": place_key, "date": date.isoformat() if date else None}


def test_perfect_match_by_key_even_when_written_differently():
    r = score([feature("attack", "حقل كونيكو", "conoco_base")], [gold("attack", "كونيكو", "conoco_base")])
    assert (r.tp, r.fp, r.fn) == (1, 0, 0)
    assert (r.precision, r.recall, r.f1) == (1.0, 1.0, 1.0)


def test_name_key_when_one_side_has_no_key():
    # article, hamza and ta marbuta differences fold away
    r = score([feature("retaliation", "بمنطقة", None)], [gold("retaliation", "حويجة صقر")])
    assert (r.tp, r.fp, r.fn) == (0, 1, 1)
    r = score([feature("retaliation", "حويجه صقر", None)], [gold("retaliation", "حُوَيجة صَقر")])
    assert (r.tp, r.fp, r.fn) == (1, 0, 0)
    r = score([feature("attack", "الميادين", "mayadin")], [gold("attack", "ميادين", "")])
    assert r.tp == 1


def test_different_keys_do_not_match_even_with_the_same_name():
    # الصالحية near Deir ez-Zor vs الصالحية near al-Bukamal
    r = score([feature("other", "الصالحية", "salhiyah_albukamal")],
              [gold("other", "الصالحية", "salhiyah_deir_ez_zor")])
    assert (r.tp, r.fp, r.fn) == (0, 1, 1)


def test_role_must_agree():
    r = score([feature("attack", "الميادين", "mayadin")], [gold("retaliation", "الميادين", "mayadin")])
    assert (r.tp, r.fp, r.fn) == (0, 1, 1)
    assert r.by_role() == {"attack": (0, 1, 0), "retaliation": (0, 0, 1)}


def test_file_must_agree():
    r = score([feature("attack", "الميادين", "mayadin", file="b.txt")], [gold("attack", "الميادين", "mayadin")])
    assert (r.tp, r.fp, r.fn) == (0, 1, 1)
    assert set(r.articles) == {"a.txt", "b.txt"}


def test_each_row_matches_once_so_a_duplicate_is_a_false_positive():
    pred = [feature("attack", "كونيكو", "conoco_base"), feature("attack", "كونيكو", "conoco_base")]
    r = score(pred, [gold("attack", "كونيكو", "conoco_base")])
    assert (r.tp, r.fp, r.fn) == (1, 1, 0)
    assert r.precision == 0.5 and r.recall == 1.0
    assert r.f1 == pytest.approx(2 / 3)


def test_keyed_pairs_are_not_stolen_by_name_matches():
    # gold has two rows; the first (no key) could match either prediction by name,
    # the second only by key. Both must match.
    pred = [feature("attack", "العمر", "omar_field"), feature("attack", "حقل العمر", "omar_field")]
    g = [gold("attack", "حقل العمر", ""), gold("attack", "العمر", "omar_field")]
    r = score(pred, g)
    assert (r.tp, r.fp, r.fn) == (2, 0, 0)


def test_actor_and_date_accuracy_over_matched_pairs():
    pred = [feature("attack", "كونيكو", "conoco_base", actor="unknown"),
            feature("attack", "العمر", "omar_field", date=dt.date(2024, 11, 11)),
            feature("attack", "التنف", "tanf_garrison", date=None)]
    g = [gold("attack", "كونيكو", "conoco_base"), gold("attack", "العمر", "omar_field"),
         gold("attack", "التنف", "tanf_garrison", date="")]
    r = score(pred, g)
    assert r.tp == 3
    assert r.actor_accuracy == pytest.approx(2 / 3)
    assert r.date_accuracy == pytest.approx(2 / 3)  # both undated counts as agreeing


def test_weapon_and_casualty_accuracy_over_matched_pairs():
    g = [dict(gold("attack", "كونيكو", "conoco_base"), weapon="drone", killed="1", wounded=""),
         dict(gold("attack", "العمر", "omar_field"), weapon="rocket", killed="", wounded="")]
    p = [dict(feature("attack", "كونيكو", "conoco_base"), weapon="drone", killed=1, wounded=None),
         dict(feature("attack", "العمر", "omar_field"), weapon=None, killed=None, wounded=0)]
    r = score(p, g)
    assert r.weapon_accuracy == 0.5
    assert r.casualty_accuracy == 0.5  # 0 wounded is not «unknown»
    assert "weapon accuracy: 0.500" in r.table()


def test_geojson_features_and_rows_are_accepted():
    feat = {"type": "Feature", "geometry": None, "properties": feature("attack", "كونيكو", "conoco_base")}
    r = score([feat, Row(file="a.txt", role="attack", place_ar="العمر", place_key="omar_field")],
              [gold("attack", "كونيكو", "conoco_base"), gold("attack", "العمر", "omar_field")])
    assert r.tp == 2


def test_files_limit_and_empty_articles():
    r = score([], [gold("attack", "كونيكو", "conoco_base")], files=["a.txt", "quiet.txt"])
    assert (r.tp, r.fp, r.fn) == (0, 0, 1)
    assert r.articles["quiet.txt"].precision == 1.0 and r.articles["quiet.txt"].recall == 1.0
    assert r.articles["a.txt"].recall == 0.0
    r = score([feature("attack", "كونيكو", "conoco_base", file="other.txt")],
              [gold("attack", "كونيكو", "conoco_base")], files=["a.txt"])
    assert set(r.articles) == {"a.txt"} and r.fp == 0


def test_table_lists_articles_totals_and_errors():
    r = score([feature("attack", "الميادين", "mayadin")], [gold("attack", "كونيكو", "conoco_base")])
    text = r.table()
    assert "| a.txt | 0 | 1 | 1 |" in text
    assert "| **all** |" in text
    assert "FP attack الميادين [mayadin]" in text and "FN attack كونيكو [conoco_base]" in text


def test_read_gold_and_paths_in_file_names(tmp_path):
    path = tmp_path / "gold.csv"
    path.write_text("file,event,role,actor,place_ar,place_key,date\n"
                    "a.txt,1,attack,iran_backed,كونيكو,conoco_base,2024-11-12\n", encoding="utf-8")
    rows = read_gold(path)
    r = score([feature("attack", "كونيكو", "conoco_base", file="corpus/a.txt")], rows)
    assert r.tp == 1 and r.date_accuracy == 1.0


def test_cli_requires_gold(capsys):
    with pytest.raises(SystemExit):
        main(["tests/corpus"])


def test_cli_refuses_to_score_nothing(tmp_path, capsys):
    gold_csv = tmp_path / "gold.csv"
    gold_csv.write_text("file,event,role,actor,place_ar,place_key,date\n", encoding="utf-8")
    assert main(["--gold", str(gold_csv), str(tmp_path / "missing")]) == 2
    assert "no article read" in capsys.readouterr().err


def test_cli_scores_an_article_and_flags_an_unreadable_one(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("استهدفت الميليشيات الإيرانية قاعدة كونيكو بالصواريخ يوم الأربعاء.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "manifest.csv").write_text("file,outlet,url,published,title,notes\na.txt,,,2024-10-17,,\n",
                                           encoding="utf-8")
    gold_csv = tmp_path / "gold.csv"
    gold_csv.write_text("file,event,role,actor,place_ar,place_key,date\n"
                        "a.txt,1,attack,iran_backed,كونيكو,conoco,2024-10-16\n", encoding="utf-8")
    code = main(["--gold", str(gold_csv), str(tmp_path)])
    out = capsys.readouterr()
    assert "| a.txt | 1 | 0 | 0 |" in out.out
    assert "b.txt" in out.err and code == 1
