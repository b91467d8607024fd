"""Read articles from files and folders: .txt with a sidecar, .json, .jsonl, .html.

`read_path` yields, in order, an `ArticleRecord` for each article it could read and an
`InputError` for each file, line or record it could not; it never raises for bad input,
so a caller can report the error and go on with the next file.

A new input format is one function `(path, keep_foreign=False) -> Iterator[ReadResult]`
added to `READERS` under its file suffix. With `keep_foreign` a text in another language
than Arabic is a record marked with its language, not an error (ingest stores those).

Whole-file formats (.txt, .json, .html) are refused above `MAX_FILE_BYTES` before a byte
is read: no article is that long, and reading a stray 100 MB dump into memory to say so
would be waste. JSON Lines files are streamed, any length, one line (up to
`MAX_LINE_BYTES`) at a time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .._exceptions import InputError
from ..annotations import ArticleRecord
from ._checks import SNIFF_BYTES, decode_utf8, sniff_binary
from ._html import html_record
from ._records import record_from_json, record_from_meta

ReadResult = ArticleRecord | InputError
Reader = Callable[..., Iterator[ReadResult]]

# No news article comes near these; a larger input is a dump or a mistake.
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_LINE_BYTES = 8 * 1024 * 1024
_SKIP_CHUNK = 1024 * 1024

# Files that sit beside articles but are not articles: metadata sidecars and gold files.
SIDECAR_SUFFIXES = (".meta.json", ".gold.json")


def read_bytes(data: bytes, path: str, meta: dict[str, Any] | None = None,
               default_id: str | None = None, keep_foreign: bool = False) -> ArticleRecord:
    """Return the article whose text is `data` (a .txt file's bytes, or stdin); raise InputError."""
    if not data:
        raise InputError(path, "empty file")
    binary = sniff_binary(data[:SNIFF_BYTES])
    if binary:
        raise InputError(path, binary)
    text = decode_utf8(data, path)
    return record_from_meta(meta or {}, text, path=path, default_id=default_id, keep_foreign=keep_foreign)


def _read_whole(path: Path) -> bytes:
    """Return a file's bytes, refusing one larger than MAX_FILE_BYTES without reading it."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(str(path), f"file too large for one article ({size / 2**20:.0f} MiB, the limit is "
                                    f"{MAX_FILE_BYTES // 2**20} MiB); split archives into .jsonl, one record a line")
    return path.read_bytes()


def sidecar_of(path: Path) -> Path | None:
    """Return the metadata sidecar of a .txt file (NAME.meta.json or NAME.txt.meta.json), if any."""
    for candidate in (path.with_name(path.stem + ".meta.json"), path.with_name(path.name + ".meta.json")):
        if candidate.is_file():
            return candidate
    return None


def _load_sidecar(txt: Path) -> dict[str, Any]:
    sidecar = sidecar_of(txt)
    if sidecar is None:
        return {}
    try:
        meta = json.loads(decode_utf8(sidecar.read_bytes(), str(txt)))
    except json.JSONDecodeError as err:
        raise InputError(str(txt), f"sidecar {sidecar.name}: malformed JSON at line {err.lineno}: {err.msg}") from None
    except InputError as err:
        raise InputError(str(txt), f"sidecar {sidecar.name}: {err.reason}") from None
    if not isinstance(meta, dict):
        raise InputError(str(txt), f"sidecar {sidecar.name}: expected a JSON object")
    return meta


def read_txt(path: Path, keep_foreign: bool = False) -> Iterator[ReadResult]:
    """Yield the article of a plain-text file, with metadata from its sidecar."""
    try:
        meta = _load_sidecar(path)
        yield read_bytes(_read_whole(path), str(path), meta, default_id=path.stem, keep_foreign=keep_foreign)
    except InputError as err:
        yield err
    except OSError as err:
        yield InputError(str(path), err.strerror or str(err))


def _read_text_file(path: Path) -> bytes:
    """Return a file's bytes, refusing an empty or binary file (InputError)."""
    data = _read_whole(path)
    if not data.strip():
        raise InputError(str(path), "empty file")
    binary = sniff_binary(data[:SNIFF_BYTES])
    if binary:
        raise InputError(str(path), binary)
    return data


def read_html(path: Path, keep_foreign: bool = False) -> Iterator[ReadResult]:
    """Yield the article of a saved web page (.html, .htm), reduced by trafilatura; sidecar as for .txt."""
    try:
        meta = _load_sidecar(path)
        data = _read_text_file(path)
        yield html_record(data, str(path), meta, default_id=path.stem, keep_foreign=keep_foreign)
    except InputError as err:
        yield err
    except OSError as err:
        yield InputError(str(path), err.strerror or str(err))


def read_json(path: Path, keep_foreign: bool = False) -> Iterator[ReadResult]:
    """Yield the articles of a .json file holding one record object or an array of them."""
    try:
        data = _read_text_file(path)
        try:
            obj = json.loads(decode_utf8(data, str(path)))
        except json.JSONDecodeError as err:
            raise InputError(str(path), f"malformed JSON: {err.msg} (column {err.colno})", err.lineno) from None
    except InputError as err:
        yield err
        return
    except OSError as err:
        yield InputError(str(path), err.strerror or str(err))
        return
    if isinstance(obj, list):
        if not obj:
            yield InputError(str(path), "empty JSON array: no records")
        for i, item in enumerate(obj, start=1):
            yield _record_or_error(item, str(path), f"record {i}", keep_foreign)
    else:
        yield _record_or_error(obj, str(path), None, keep_foreign)


def _lines(handle: BinaryIO) -> Iterator[bytes | None]:
    """Yield a binary file's lines; None (after skipping it) for a line over MAX_LINE_BYTES."""
    while True:
        raw = handle.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := handle.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield raw


def read_jsonl(path: Path, keep_foreign: bool = False) -> Iterator[ReadResult]:
    """Yield the articles of a JSON Lines file, one record a line, streaming line by line.

    Errors name the 1-based line number; blank lines are skipped; memory stays bounded
    by the longest line, and a line over MAX_LINE_BYTES is reported and skipped.
    """
    try:
        handle = path.open("rb")
    except OSError as err:
        yield InputError(str(path), err.strerror or str(err))
        return
    with handle:
        binary = sniff_binary(handle.read(SNIFF_BYTES))
        if binary:
            yield InputError(str(path), binary)
            return
        handle.seek(0)
        seen_any = False
        for lineno, raw in enumerate(_lines(handle), start=1):
            if raw is None:
                seen_any = True
                yield InputError(str(path), f"line longer than {MAX_LINE_BYTES // 2**20} MiB, skipped", lineno)
                continue
            if not raw.strip():
                continue
            seen_any = True
            try:
                line = decode_utf8(raw, str(path), lineno)
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as err:
                    raise InputError(str(path), f"malformed JSON: {err.msg} (column {err.colno})", lineno) from None
            except InputError as err:
                yield err
                continue
            yield _record_or_error(obj, str(path), lineno, keep_foreign)
        if not seen_any:
            yield InputError(str(path), "empty file")


def _record_or_error(obj: Any, path: str, record: str | int | None, keep_foreign: bool = False) -> ReadResult:
    try:
        return record_from_json(obj, path=path, record=record, keep_foreign=keep_foreign)
    except InputError as err:
        return err


READERS: dict[str, Reader] = {".txt": read_txt, ".json": read_json, ".jsonl": read_jsonl,
                               ".html": read_html, ".htm": read_html}


def _is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIXES)


def _walk(folder: Path) -> list[Path]:
    """Return the readable files under `folder`, recursively, sorted by path; skip hidden ones.

    Sorted by path components, so "a/z.jsonl" comes before "b.txt" whatever the depth.
    """
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root) / name
            if not name.startswith(".") and path.suffix.lower() in READERS and not _is_sidecar(path):
                found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def read_path(path: str | os.PathLike[str], keep_foreign: bool = False) -> Iterator[ReadResult]:
    """Yield an ArticleRecord or an InputError for everything at `path` (a file or a folder).

    A folder is read recursively in sorted order; sidecars (*.meta.json, *.gold.json),
    hidden files and files of other kinds are skipped. A named file whose suffix is not
    .json or .jsonl is read as plain text.
    """
    path = Path(path)
    if path.is_dir():
        found = False
        for file in _walk(path):
            found = True
            yield from READERS[file.suffix.lower()](file, keep_foreign=keep_foreign)
        if not found:
            yield InputError(str(path), "no .txt, .json, .jsonl or .html files in this folder")
    elif path.is_file():
        yield from READERS.get(path.suffix.lower(), read_txt)(path, keep_foreign=keep_foreign)
    elif path.exists():
        yield InputError(str(path), "not a regular file or folder")
    else:
        yield InputError(str(path), "no such file or folder")


def read_paths(paths: Iterable[str | os.PathLike[str]], keep_foreign: bool = False) -> Iterator[ReadResult]:
    """Yield the results of `read_path` for each path in turn."""
    for path in paths:
        yield from read_path(path, keep_foreign=keep_foreign)
