"""Readers: every input kind, and every kind of bad input reported without stopping the rest."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad import ArticleRecord, InputError
from marsad.ingest import read_path, read_paths

# Sentences written for these tests.
AR_1 = "قصفت طائرات حربية أطراف بلدة بنش في ريف إدلب صباح اليوم، وأصيب مدنيان بجروح."
AR_2 = "خرج عشرات المحتجين في مدينة السويداء للمطالبة بتحسين الخدمات."
EN = "The committee met on Monday to discuss the harvest and the price of wheat in the region."


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def _one(path: Path) -> ArticleRecord | InputError:
    items = list(read_path(path))
    assert len(items) == 1, items
    return items[0]


def _error(path: Path) -> InputError:
    item = _one(path)
    assert isinstance(item, InputError), item
    assert item.path == str(path)
    return item


# -- .txt --------------------------------------------------------------------------------


def test_txt_takes_metadata_from_its_sidecar(tmp_path: Path) -> None:
    txt = _write(tmp_path / "report.txt", AR_1)
    _write(tmp_path / "report.meta.json", json.dumps(
        {"id": "r-1", "source": "مصدر", "source_en": "Source", "published": "2024-12-05", "title": "عنوان",
         "url": "https://example.org/1", "language": "ar", "author": "ignored"}, ensure_ascii=False))
    record = _one(txt)
    assert isinstance(record, ArticleRecord)
    assert (record.id, record.source, record.published) == ("r-1", "مصدر", dt.date(2024, 12, 5))
    assert (record.title, record.url, record.language, record.text) == ("عنوان", "https://example.org/1", "ar", AR_1)
    assert record.path == str(txt)


def test_txt_sidecar_may_keep_the_txt_suffix_and_source_en_fills_in(tmp_path: Path) -> None:
    txt = _write(tmp_path / "report.txt", AR_1)
    _write(tmp_path / "report.txt.meta.json", json.dumps({"source_en": "Enab Baladi", "published": "2023-01-02"}))
    record = _one(txt)
    assert isinstance(record, ArticleRecord)
    assert (record.id, record.source, record.published) == ("report", "Enab Baladi", dt.date(2023, 1, 2))


def test_txt_without_sidecar_gets_its_stem_as_id(tmp_path: Path) -> None:
    record = _one(_write(tmp_path / "a-b.c.txt", AR_2))
    assert isinstance(record, ArticleRecord)
    assert (record.id, record.published, record.source) == ("a-b.c", None, None)


def test_bom_and_crlf_are_accepted_and_made_plain(tmp_path: Path) -> None:
    raw = ("\ufeff" + AR_1 + "\r\n" + AR_2 + "\r\n").encode("utf-8")
    record = _one(_write(tmp_path / "bom.txt", raw))
    assert isinstance(record, ArticleRecord)
    assert record.text == AR_1 + "\n" + AR_2 + "\n"
    # the same offsets a reader of the file in Python's text mode gets
    assert record.text == (tmp_path / "bom.txt").read_text(encoding="utf-8-sig")


def test_empty_file(tmp_path: Path) -> None:
    assert _error(_write(tmp_path / "empty.txt", b"")).reason == "empty file"


def test_whitespace_only_file(tmp_path: Path) -> None:
    assert "whitespace" in _error(_write(tmp_path / "blank.txt", " \n\t\n")).reason


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    err = _error(_write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))))
    assert "binary" in err.reason and "NUL" in err.reason


def test_binary_file_of_control_bytes(tmp_path: Path) -> None:
    err = _error(_write(tmp_path / "blob.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 0x41]) * 50))
    assert "binary" in err.reason


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    good = AR_1.encode("utf-8")
    err = _error(_write(tmp_path / "bad.txt", good + b"\n\xff\xfe tail"))
    assert f"byte offset {len(good) + 1}" in err.reason
    assert "0xFF" in err.reason and "line 2" in err.reason


def test_windows_1256_text_gets_a_conversion_hint(tmp_path: Path) -> None:
    err = _error(_write(tmp_path / "legacy.txt", AR_2.encode("cp1256")))
    assert "not valid UTF-8" in err.reason and "WINDOWS-1256" in err.reason


def test_non_arabic_text_says_what_was_found(tmp_path: Path) -> None:
    err = _error(_write(tmp_path / "english.txt", EN))
    assert err.reason.startswith("not Arabic") and "Latin" in err.reason and "0%" in err.reason


def test_links_do_not_make_an_arabic_text_foreign(tmp_path: Path) -> None:
    text = AR_2 + " https://www.example.org/a/very/long/english/path/with/words/in/it?and=more&query=strings"
    assert isinstance(_one(_write(tmp_path / "link.txt", text)), ArticleRecord)


def test_text_without_letters(tmp_path: Path) -> None:
    assert "no letters" in _error(_write(tmp_path / "digits.txt", "12 / 34 - 56")).reason


def test_bad_sidecar_is_reported_on_the_txt(tmp_path: Path) -> None:
    txt = _write(tmp_path / "report.txt", AR_1)
    _write(tmp_path / "report.meta.json", '{"published": "2024-12-05",')
    err = _error(txt)
    assert "report.meta.json" in err.reason and "malformed JSON" in err.reason


def test_bad_published_date_in_sidecar(tmp_path: Path) -> None:
    txt = _write(tmp_path / "report.txt", AR_1)
    _write(tmp_path / "report.meta.json", '{"published": "05/12/2024"}')
    err = _error(txt)
    assert "published '05/12/2024' is not a date" in err.reason


# -- .json and .jsonl ----------------------------------------------------------------------


def _rec(i: int, text: str = AR_1, **extra: object) -> dict:
    return {"id": f"id{i}", "url": f"https://example.org/{i}", "source": "src", "published": "2015-07-21",
            "title": "t", "text": text, **extra}


def test_json_single_record(tmp_path: Path) -> None:
    record = _one(_write(tmp_path / "one.json", json.dumps(_rec(1), ensure_ascii=False)))
    assert isinstance(record, ArticleRecord)
    assert (record.id, record.url, record.published, record.text) == ("id1", "https://example.org/1",
                                                                        dt.date(2015, 7, 21), AR_1)


def test_json_array_reports_a_bad_record_by_number(tmp_path: Path) -> None:
    path = _write(tmp_path / "many.json", json.dumps([_rec(1), {"id": "x"}, _rec(3, AR_2)], ensure_ascii=False))
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["ArticleRecord", "InputError", "ArticleRecord"]
    assert str(items[1]) == f"{path}:record 2: record has no 'text'"
    assert items[2].id == "id3"


def test_malformed_json_file_names_the_line(tmp_path: Path) -> None:
    err = _error(_write(tmp_path / "broken.json", '{\n "id": "a",\n "text": oops\n}'))
    assert err.record == 3 and "malformed JSON" in err.reason


def test_jsonl_reports_each_bad_line_and_reads_the_others(tmp_path: Path) -> None:
    lines = [
        json.dumps(_rec(1), ensure_ascii=False),                          # 1 ok
        "",                                                              # 2 blank: skipped
        '{"id": "broken", "text": ',                                     # 3 malformed
        json.dumps({"id": "notext"}),                                    # 4 no text
        json.dumps(_rec(5, published="yesterday"), ensure_ascii=False),  # 5 bad date
        json.dumps(_rec(6, EN)),                                         # 6 not Arabic
        json.dumps(["a", "list"]),                                       # 7 not an object
        json.dumps(_rec(8, AR_2, published="2015-07-22T10:15:00Z"), ensure_ascii=False),  # 8 ok
    ]
    path = _write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    items = list(read_path(path))
    records = [i for i in items if isinstance(i, ArticleRecord)]
    errors = {i.record: i.reason for i in items if isinstance(i, InputError)}
    assert [r.id for r in records] == ["id1", "id8"]
    assert records[1].published == dt.date(2015, 7, 22)
    assert set(errors) == {3, 4, 5, 6, 7}
    assert errors[3].startswith("malformed JSON")
    assert errors[4] == "record has no 'text'"
    assert "not a date" in errors[5]
    assert errors[6].startswith("not Arabic")
    assert "expected a JSON object" in errors[7]


def test_jsonl_invalid_utf8_on_one_line(tmp_path: Path) -> None:
    good = json.dumps(_rec(1), ensure_ascii=False).encode("utf-8")
    path = _write(tmp_path / "mixed.jsonl", good + b"\n" + b'{"id": "x", "text": "\xc7\xe1"}\n' + good + b"\n")
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["ArticleRecord", "InputError", "ArticleRecord"]
    assert items[1].record == 2 and "not valid UTF-8" in items[1].reason


def test_jsonl_is_read_line_by_line_not_loaded_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "big.jsonl", "\n".join(json.dumps(_rec(i), ensure_ascii=False) for i in range(50)))

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("a .jsonl file must be streamed, not read whole")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "read_text", refuse)
    items = read_path(path)
    first = next(items)
    assert isinstance(first, ArticleRecord) and first.id == "id0"
    assert len(list(items)) == 49


def test_binary_jsonl_is_one_error_not_one_per_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "data.jsonl", b"\x00\x01\x02\n" * 1000)
    assert "binary" in _error(path).reason


def test_json_record_text_gets_bom_and_crlf_removed(tmp_path: Path) -> None:
    record = _one(_write(tmp_path / "r.json", json.dumps(_rec(1, "\ufeff" + AR_1 + "\r\n" + AR_2))))
    assert isinstance(record, ArticleRecord)
    assert record.text == AR_1 + "\n" + AR_2


# -- folders and paths ---------------------------------------------------------------------


def test_folder_is_read_recursively_in_sorted_order_skipping_sidecars(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", AR_1)
    _write(tmp_path / "b.meta.json", '{"id": "bee"}')
    _write(tmp_path / "b.gold.json", '{"events": []}')
    _write(tmp_path / "a" / "z.jsonl", json.dumps(_rec(9), ensure_ascii=False))
    _write(tmp_path / "c.json", json.dumps(_rec(3, AR_2), ensure_ascii=False))
    _write(tmp_path / "notes.md", "# not an article")
    _write(tmp_path / ".hidden.txt", AR_1)
    _write(tmp_path / "d.txt", b"")
    items = list(read_path(tmp_path))
    assert [getattr(i, "id", None) for i in items] == ["id9", "bee", "id3", None]
    assert isinstance(items[-1], InputError) and items[-1].path == str(tmp_path / "d.txt")


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    items = list(read_paths([tmp_path / "nope.txt", tmp_path / "empty"]))
    assert [i.reason for i in items] == ["no such file or folder", "no .txt, .json, .jsonl or .html files in this folder"]


def test_named_file_with_another_suffix_is_read_as_text(tmp_path: Path) -> None:
    record = _one(_write(tmp_path / "report.text", AR_2))
    assert isinstance(record, ArticleRecord) and record.text == AR_2


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".json", ".jsonl"]))
def test_no_bytes_make_a_reader_raise(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    for item in read_path(path):
        assert isinstance(item, (ArticleRecord, InputError))
        if isinstance(item, InputError):
            assert item.path == str(path) and item.reason
