"""Read saved web pages: trafilatura reduces a page to its article (title, date, author, body).

A news page is mostly menus, related links, comments and scripts; trafilatura keeps the
main text and reads the metadata a page declares (Open Graph, JSON-LD, <time>). Scripts
and styles never reach the text. The page's declared charset is honoured, so a
Windows-1256 page reads as well as a UTF-8 one. `author` has no field in ArticleRecord
and is dropped; the title and date fill the record when the sidecar gives none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .._exceptions import InputError
from ..annotations import ArticleRecord
from ._records import record_from_meta


def page_fields(data: bytes | str, url: str | None = None) -> dict[str, Any] | None:
    """Return {title, published, author, url, text} of a page's main article, or None when it has none."""
    import trafilatura  # imported here: it is slow to import and only pages need it

    doc = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None:
        return None
    get = doc.get if isinstance(doc, dict) else (lambda key: getattr(doc, key, None))
    text = get("text") or ""
    if not text.strip():
        return None
    return {"title": get("title"), "published": get("date"), "author": get("author"),
            "url": url or get("url"), "text": text}


def html_record(data: bytes, path: str, meta: dict[str, Any] | None = None, default_id: str | None = None,
                keep_foreign: bool = False) -> ArticleRecord:
    """Return the article of an HTML page's bytes; raise InputError when the page holds none."""
    meta = dict(meta or {})
    fields = page_fields(data, meta.get("url"))
    if fields is None:
        raise InputError(path, "HTML page without article text (trafilatura found no main content)")
    for key in ("title", "published", "url"):
        if not meta.get(key) and fields.get(key):
            meta[key] = fields[key]
    text = fields["text"].replace("\r\n", "\n").replace("\r", "\n")
    return record_from_meta(meta, text, path=path, default_id=default_id, keep_foreign=keep_foreign)


def html_default_id(path: Path) -> str:
    """Return a page's id when its sidecar gives none: the file name without .html/.htm."""
    return path.stem
