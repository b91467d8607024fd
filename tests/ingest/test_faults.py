"""Bad input never stops a run nor touches what is stored; readers and normalise never raise on any Unicode."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad import ArticleRecord, InputError
from marsad.cli.main import cli
from marsad.ingest import read_path
from marsad.ingest._language import detect_language
from marsad.ingest._readers import MAX_FILE_BYTES, MAX_LINE_BYTES
from marsad.store import Store
from marsad.text.normalize import fold, normalize

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
from cli_helpers import fixed_output  # noqa: E402

# Sentences written for these tests.
AR_1 = "أعلنت مديرية الصحة في المدينة افتتاح مستشفى ميداني جديد لاستقبال الجرحى."
AR_2 = "قال مسؤول محلي إن الطريق الواصل بين البلدتين أعيد فتحه أمام حركة المدنيين."
EN = "The council said on Tuesday that the new school would open in the autumn, and that it was built by the town."

PAGE = f"""<!doctype html><html><head><meta charset="utf-8"><title>عنوان الخبر</title>
<meta property="article:published_time" content="2024-06-03T08:00:00Z">
<script>document.write("مزيف");var x = "<p>لا يقرأ</p>";</script><style>p {{ color: red }}</style></head>
<body><nav><a href="/">الرئيسية</a></nav><article><h1>عنوان الخبر</h1><p>{AR_1}</p><p>{AR_2}</p>
<p>{AR_1} {AR_2}</p></article><script>alert("نص من سكربت")</script></body></html>"""


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_html_page_keeps_article_and_drops_scripts(tmp_path: Path) -> None:
    items = list(read_path(_write(tmp_path / "page.html", PAGE)))
    assert len(items) == 1 and isinstance(items[0], ArticleRecord), items
    record = items[0]
    assert AR_1 in record.text and AR_2 in record.text
    assert "سكربت" not in record.text and "مزيف" not in record.text and "color" not in record.text
    assert record.title == "عنوان الخبر" and str(record.published) == "2024-06-03" and record.id == "page"


def test_html_without_article_is_an_error(tmp_path: Path) -> None:
    items = list(read_path(_write(tmp_path / "empty.html", "<html><script>var a=1;</script></html>")))
    assert isinstance(items[0], InputError) and "no main content" in items[0].reason


def test_huge_txt_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "dump.txt"
    with big.open("wb") as handle:  # sparse: 100 MB on paper, nothing on disk
        handle.truncate(100 * 1024 * 1024)
    items = list(read_path(big))
    assert isinstance(items[0], InputError) and "too large" in items[0].reason and "100 MiB" in items[0].reason
    assert MAX_FILE_BYTES < 100 * 1024 * 1024


def test_huge_jsonl_line_is_skipped_and_the_next_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    with path.open("wb") as handle:
        handle.write(json.dumps({"id": "a", "text": AR_1}, ensure_ascii=False).encode() + b"\n")
        handle.write(b'{"id": "huge", "text": "' + b"x" * (MAX_LINE_BYTES + 10) + b'"}\n')
        handle.write(json.dumps({"id": "b", "text": AR_2}, ensure_ascii=False).encode() + b"\n")
    items = list(read_path(path))
    assert [getattr(i, "id", None) for i in items] == ["a", None, "b"]
    assert items[1].record == 2 and "longer than" in items[1].reason


def test_foreign_text_is_kept_and_marked_when_asked(tmp_path: Path) -> None:
    path = _write(tmp_path / "en.txt", EN)
    assert isinstance(next(read_path(path)), InputError)
    record = next(read_path(path, keep_foreign=True))
    assert isinstance(record, ArticleRecord) and record.language == "en"
    assert detect_language(AR_1) == "ar" and detect_language("Привет, как дела у вас сегодня") == "und-Cyrl"


def test_ingest_of_bad_inputs_reports_each_goes_on_and_keeps_the_store(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("marsad.engine._batch.extract_article", fixed_output)
    db = tmp_path / "s.sqlite"
    first = _write(tmp_path / "first" / "a.txt", AR_1)
    assert CliRunner().invoke(cli, ["ingest", str(first), "--db", str(db)]).exit_code == 0
    sha = hashlib.sha256(AR_1.encode()).hexdigest()
    with Store(db) as store:
        before = store.output(sha)
    assert before is not None
    bad = tmp_path / "bad"
    _write(bad / "binary.txt", b"\x00\x01\x02PK\x03\x04" * 40)
    _write(bad / "latin1.txt", "caf\xe9".encode("latin-1"))
    _write(bad / "empty.txt", b"")
    _write(bad / "script.html", "<html><script>while(1){}</script></html>")
    _write(bad / "lines.jsonl", "\n".join([json.dumps({"id": "dup", "text": AR_2}, ensure_ascii=False), "{oops",
                                          json.dumps({"id": "dup", "text": AR_2}, ensure_ascii=False),
                                          json.dumps({"id": "x", "text": AR_1}, ensure_ascii=False)]))
    _write(bad / "english.txt", EN)
    result = CliRunner().invoke(cli, ["ingest", str(bad), "--db", str(db)])
    assert result.exit_code == 0, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("marsad: error:")]
    assert len(errors) == 5, result.stderr
    assert any("binary" in e for e in errors) and any("not valid UTF-8" in e for e in errors)
    assert any("empty file" in e for e in errors) and any("malformed JSON" in e for e in errors)
    assert any("no main content" in e for e in errors)
    assert "stored 2" in result.stdout and "skipped 2 duplicates" in result.stdout  # dup id twice, AR_1 again
    assert "1 in other languages" in result.stdout
    with Store(db) as store:
        assert store.count_articles() == 3
        run = store.runs()[0]
        assert run.status == "finished" and run.counts["errors"] == 5 and run.counts["foreign"] == 1
        assert store.output(sha) == before


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_readers_never_raise_on_any_bytes(tmp_path: Path, data: bytes) -> None:
    for suffix in (".txt", ".json", ".jsonl", ".html"):
        path = tmp_path / f"x{suffix}"
        path.write_bytes(data)
        for item in read_path(path, keep_foreign=True):
            assert isinstance(item, (ArticleRecord, InputError))
            if isinstance(item, ArticleRecord):
                assert item.text.strip()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_normalize_offsets_are_always_valid(text: str) -> None:
    norm = normalize(text)
    assert norm.original == text and len(norm.origin) == len(norm.text) + 1 and norm.origin[-1] == len(text)
    assert all(0 <= m <= len(text) for m in norm.origin) and list(norm.origin) == sorted(norm.origin)
    for start in range(0, len(norm.text) + 1, 7):
        for end in (start, min(start + 3, len(norm.text)), len(norm.text)):
            lo, hi = norm.to_original(start, end)
            assert 0 <= lo <= hi <= len(text)
    assert fold(text) == norm.text
    assert isinstance(detect_language(text), str)
