"""Decoding article files: encodings, HTML, refusals with reasons, manifests, folders."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.documents import (DocumentError, decode_document, decode_text, html_to_text, load_documents,
                               read_corpus, read_folder, read_manifest)

ARABIC = "استهدفت طائرة مسيّرة مجهولة مقراً للميليشيات في «البوكمال» فجر الأحد."


@pytest.mark.parametrize("data", [
    ARABIC.encode("utf-8"),
    b"\xef\xbb\xbf" + ARABIC.encode("utf-8"),
    ARABIC.encode("cp1256"),
    ARABIC.encode("utf-16"),
])
def test_encodings_decode_to_the_same_text(data):
    assert decode_text(data) == ARABIC


def test_windows_1256_with_diacritics_and_crlf():
    text = "قصفَت القوات الأمريكية مراط.\r\nوأصيب عنصران."
    assert decode_text(text.encode("cp1256")) == "قصفَت القوات الأمريكية مراط.\nوأصيب عنصران."


def test_html_page_is_stripped_and_unescaped():
    page = ("<!DOCTYPE html><html><head><title>t</title><style>p{}</style>"
            "<script>var a = 'قصف';</script></head><body><h1>غارة على &quot;الميادين&quot;</h1>"
            "<p>قصفت طائرات&nbsp;التحالف <b>مواقع</b> للميليشيات &amp; مخازن.</p><!-- c --></body></html>")
    assert decode_text(page.encode("utf-8"), filename="a.html") == 'غارة على "الميادين"\nقصفت طائرات التحالف مواقع للميليشيات & مخازن.'


def test_html_in_windows_1256():
    page = "<html><body><p>قصف على حطلة</p></body></html>"
    assert decode_text(page.encode("cp1256")) == "قصف على حطلة"


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"  \n\t ", "empty"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"abc\x00def\x00" * 20, "NUL"),
    (bytes(range(128, 256)) * 8, "neither UTF-8 nor Windows-1256"),
    (b"<html><body><script>x()</script></body></html>", "empty"),
])
def test_refusals_say_why(data, reason):
    with pytest.raises(DocumentError) as err:
        decode_text(data, filename="bad.txt")
    assert reason in str(err.value) and "bad.txt" in str(err.value)


def test_decode_document_names_the_article():
    doc = decode_document(ARABIC.encode(), filename="/tmp/x/a1.txt")
    assert doc.text == ARABIC and doc.meta.file == "a1.txt"


def test_html_to_text_keeps_paragraphs():
    assert html_to_text("<div>سطر أول<br>سطر ثان</div><p>ثالث</p>") == "سطر أول\nسطر ثان\nثالث"


def write_corpus(tmp_path):
    (tmp_path / "a.txt").write_text("قصفت القوات الأمريكية مراط.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("استهدفت الميليشيات حقل العمر.".encode("cp1256"))
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.html").write_text("<p>غارة على البوكمال</p>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,url,published,title,notes\n"
        "a.txt,منفذ,https://example.org/a,2024-02-03,عنوان,\n"
        "b.txt,,,not a date,,\n", encoding="utf-8-sig")


def test_manifest_rows(tmp_path):
    write_corpus(tmp_path)
    m = read_manifest(tmp_path / "manifest.csv")
    assert m["a.txt"].published == dt.date(2024, 2, 3) and m["a.txt"].outlet == "منفذ"
    assert m["b.txt"].published is None


def test_folder_reads_every_article_and_reports_the_bad_one(tmp_path):
    write_corpus(tmp_path)
    docs, errors = load_documents([tmp_path])
    assert [d.meta.file for d in docs] == ["a.txt", "b.txt", "d.html"]
    assert docs[0].meta.published == dt.date(2024, 2, 3)
    assert docs[1].text == "استهدفت الميليشيات حقل العمر."
    assert docs[2].text == "غارة على البوكمال"
    assert len(errors) == 1 and errors[0].file.endswith("c.txt") and "empty" in errors[0].reason
    pairs = list(read_folder(tmp_path))
    assert [(m.file, isinstance(t, DocumentError)) for m, t in pairs] == [
        ("a.txt", False), ("b.txt", False), ("c.txt", True), ("d.html", False)]
    errs: list = []
    assert [d.meta.file for d in read_corpus([tmp_path / "a.txt", tmp_path / "missing.txt"], errors=errs)] == ["a.txt"]
    assert "no such file" in errs[0].reason
