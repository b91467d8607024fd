"""Read articles from files and folders: .txt with a sidecar, .json, .jsonl.

`read_path` yields, in order, an `ArticleRecord` for each article it could read and an
`InputError` for each file, line or record it could not; it never raises for bad input,
so a caller can report the error and go on with the next file.

A new input format is one function `(path) -> Iterator[ArticleRecord | InputError]`
added to `READERS` under its file suffix.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .._exceptions import InputError
from ..annotations import ArticleRecord
from ._checks import SNIFF_BYTES, decode_utf8, sniff_binary
from ._records import record_from_json, record_from_meta

ReadResult = ArticleRecord | InputError
Reader = Callable[[Path], Iterator[ReadResult]]

# Files that sit beside articles but are not articles: metadata sidecars and gold files.
SIDECAR_SUFFIXES = (".meta.json", ".gold.json")


def read_bytes(data: bytes, path: str, meta: dict[str, Any] | None = None,
               default_id: str | None = None) -> ArticleRecord:
    """Return the article whose text is `data` (a .txt file's bytes, or stdin); raise InputError."""
    if not data:
        raise InputError(path, "empty file")
    binary = sniff_binary(data[:SNIFF_BYTES])
    if binary:
        raise InputError(path, binary)
    text = decode_utf8(data, path)
    return record_from_meta(meta or {}, text, path=path, default_id=default_id)


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


def read_txt(path: Path) -> Iterator[ReadResult]:
    """Yield the article of a plain-text file, with metadata from its sidecar."""
    try:
        meta = _load_sidecar(path)
        yield read_bytes(path.read_bytes(), str(path), meta, default_id=path.stem)
    except InputError as err:
        yield err
    except OSError as err:
        yield InputError(str(path), err.strerror or str(err))


def read_json(path: Path) -> Iterator[ReadResult]:
    """Yield the articles of a .json file holding one record object or an array of them."""
    try:
        data = path.read_bytes()
        if not data.strip():
            raise InputError(str(path), "empty file")
        binary = sniff_binary(data[:SNIFF_BYTES])
        if binary:
            raise InputError(str(path), binary)
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
            yield _record_or_error(item, str(path), f"record {i}")
    else:
        yield _record_or_error(obj, str(path), None)


def read_jsonl(path: Path) -> Iterator[ReadResult]:
    """Yield the articles of a JSON Lines file, one record a line, streaming line by line.

    Errors name the 1-based line number; blank lines are skipped.
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
        for lineno, raw in enumerate(handle, start=1):
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
            yield _record_or_error(obj, str(path), lineno)
        if not seen_any:
            yield InputError(str(path), "empty file")


def _record_or_error(obj: Any, path: str, record: str | int | None) -> ReadResult:
    try:
        return record_from_json(obj, path=path, record=record)
    except InputError as err:
        return err


READERS: dict[str, Reader] = {".txt": read_txt, ".json": read_json, ".jsonl": read_jsonl}


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


def read_path(path: str | os.PathLike[str]) -> Iterator[ReadResult]:
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
            yield from READERS[file.suffix.lower()](file)
        if not found:
            yield InputError(str(path), "no .txt, .json or .jsonl files in this folder")
    elif path.is_file():
        yield from READERS.get(path.suffix.lower(), read_txt)(path)
    elif path.exists():
        yield InputError(str(path), "not a regular file or folder")
    else:
        yield InputError(str(path), "no such file or folder")


def read_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[ReadResult]:
    """Yield the results of `read_path` for each path in turn."""
    for path in paths:
        yield from read_path(path)
