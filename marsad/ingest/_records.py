"""Build `ArticleRecord`s from metadata mappings (sidecar .meta.json, JSON records).

One field vocabulary for every format: id, source (or source_en), published, title,
url, language, text. Keys marsad does not use (author, note, ...) are ignored so that
records from other tools can be read as they are.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from .._exceptions import InputError
from ..annotations import ArticleRecord
from ._checks import check_article_text, parse_published
from ._language import detect_language

_STRING_FIELDS = ("id", "source", "source_en", "title", "url", "language")


def text_id(text: str) -> str:
    """Return the id an article without one gets: the first 16 hex of its text's SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _string_field(meta: Mapping[str, Any], key: str, path: str, record: str | int | None) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(path, f"'{key}' should be a string, not {type(value).__name__}", record)
    value = str(value).strip()
    return value or None


def record_from_meta(
    meta: Mapping[str, Any],
    text: str,
    *,
    path: str,
    record: str | int | None = None,
    default_id: str | None = None,
    keep_foreign: bool = False,
) -> ArticleRecord:
    """Return the ArticleRecord for `text` described by `meta`; raise InputError when a field is bad.

    The text must already be decoded; it is checked here (non-empty, Arabic). The id is
    `meta["id"]`, else `default_id` (a .txt file's stem), else derived from the text.
    With `keep_foreign` a text in another language is no error: the record comes back
    with that language (`detect_language`), for the caller to store it unprocessed.
    """
    if not isinstance(meta, Mapping):
        raise InputError(path, f"expected a JSON object, got {type(meta).__name__}", record)
    fields = {key: _string_field(meta, key, path, record) for key in _STRING_FIELDS}
    published = parse_published(meta.get("published"), path, record)
    language = fields["language"]
    detected = detect_language(text) if keep_foreign else "ar"
    if detected not in ("ar", "und"):
        language = detected
    else:
        check_article_text(text, path, record)
        if language is not None and not language.lower().startswith("ar"):
            language = "ar"  # the text is Arabic whatever the metadata claims
    return ArticleRecord(
        id=fields["id"] or default_id or text_id(text),
        text=text,
        source=fields["source"] or fields["source_en"],
        published=published,
        title=fields["title"],
        url=fields["url"],
        language=language,
        path=path,
    )


def record_from_json(obj: Any, *, path: str, record: str | int | None = None,
                     keep_foreign: bool = False) -> ArticleRecord:
    """Return the ArticleRecord of one JSON record object {id, url, source, published, title, text}."""
    if not isinstance(obj, Mapping):
        raise InputError(path, f"expected a JSON object, got {_json_kind(obj)}", record)
    if "text" not in obj or obj["text"] is None:
        raise InputError(path, "record has no 'text'", record)
    text = obj["text"]
    if not isinstance(text, str):
        raise InputError(path, f"'text' should be a string, not {_json_kind(text)}", record)
    # JSON strings may carry a BOM or CRLF from the page they were scraped from; treat
    # them as a .txt file's bytes are treated, so the same article hashes the same.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return record_from_meta(obj, text, path=path, record=record, keep_foreign=keep_foreign)


def _json_kind(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), type(value).__name__)
