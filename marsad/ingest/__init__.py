"""Input readers: files and folders in, `ArticleRecord`s (or `InputError`s) out.

    >>> from marsad.ingest import read_path
    >>> for item in read_path("reports/"):
    ...     if isinstance(item, InputError): print(item)   # "reports/x.txt: empty file"
    ...     else: process(item)                             # an ArticleRecord

Formats: .txt (metadata from NAME.meta.json or NAME.txt.meta.json), .json (a record or
an array of records), .jsonl (one record a line, streamed). A record is
{id, url, source, published (YYYY-MM-DD), title, text}.

Live feeds: `FeedPoll` reads an RSS or Atom feed's new entries (their pages fetched by
`PoliteClient`, reduced like .html files) into the same records; see `_feeds.py`.
"""

from __future__ import annotations

from ._checks import MIN_ARABIC_SHARE, check_article_text, parse_published
from ._feeds import FeedPoll, FeedSchedule, FeedSpec, check_feed_url, read_feed_list
from ._http import FetchError, PoliteClient, Politeness
from ._readers import (
    READERS,
    ReadResult,
    read_bytes,
    read_json,
    read_jsonl,
    read_path,
    read_paths,
    read_txt,
)
from ._records import record_from_json, record_from_meta, text_id

__all__ = [
    "MIN_ARABIC_SHARE",
    "READERS",
    "FeedPoll",
    "FeedSchedule",
    "FeedSpec",
    "FetchError",
    "PoliteClient",
    "Politeness",
    "ReadResult",
    "check_article_text",
    "check_feed_url",
    "parse_published",
    "read_bytes",
    "read_feed_list",
    "read_json",
    "read_jsonl",
    "read_path",
    "read_paths",
    "read_txt",
    "record_from_json",
    "record_from_meta",
    "text_id",
]
