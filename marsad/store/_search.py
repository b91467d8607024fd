"""Full-text search over events, the same words on SQLite (FTS5) and PostgreSQL (tsvector).

Arabic needs two things a plain index lacks: spelling variants must meet (أ/إ/آ/ا, ة/ه,
ى/ي, diacritics), so every word is folded with `marsad.text.normalize.fold` both when it
is indexed and when it is searched; and Arabic glues the article and proclitics to the
word ("والجيش", "بحماة"), so each Arabic word is also indexed without them ("جيش",
"حماة"). English words are lower-cased. The index is a plain column, `search_text`, so
both back ends tokenise the same string: FTS5's unicode61 tokenizer and PostgreSQL's
'simple' configuration both split on non-word characters and lower-case, nothing more.

A query matches events that have every query word as a word prefix ("strike" finds
"strikes", "قصف" finds "قصفت").
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, func, literal_column, select, text

from ..schema import Actor, Event
from ..text.normalize import fold, strip_article
from ._models import EventRow

_WORD = re.compile(r"\w+")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")


def words(text: str | None) -> list[str]:
    """Return the folded, lower-cased words of `text`."""
    if not text:
        return []
    return _WORD.findall(fold(text).lower())


def variants(word: str) -> set[str]:
    """Return an Arabic word with and without its article and proclitics (3 letters kept at least)."""
    out = {word}
    if not _ARABIC.match(word):
        return out
    for prefix in _PROCLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            stem = word[len(prefix):]
            if prefix.endswith("ل") and stem.startswith("ل"):
                stem = "ا" + stem  # ل + ال contracts to لل
            out.add(stem)
    out |= {strip_article(w) for w in out}
    return {w for w in out if len(w) >= 2}


def index_text(*parts: str | None) -> str:
    """Return the folded words of `parts` and their clitic-free variants, space-separated."""
    seen: dict[str, None] = {}
    for part in parts:
        for word in words(part):
            for form in sorted(variants(word)):
                seen.setdefault(form, None)
    return " ".join(seen)


def _names(actor: Actor | None) -> tuple[str | None, str | None]:
    return (actor.name_en, actor.name_ar) if actor else (None, None)


def event_columns(event: Event, title: str | None) -> dict[str, Any]:
    """Return the event's columns added in store version 2, `search_text` included."""
    loc = event.location
    a1, a2 = event.actor1, event.actor2
    search = index_text(event.event_type, event.sub_event_type, event.notes, loc.name_en, loc.name_ar, loc.text,
                        loc.admin1, loc.admin2, *_names(a1), *_names(a2), *(e.text for e in event.evidence),
                        *event.reported_by, *event.claimed_by, title)
    return {
        "actor1_ar": a1.name_ar if a1 else None, "actor2_ar": a2.name_ar if a2 else None,
        "inter1": a1.inter if a1 else None, "inter2": a2.inter if a2 else None,
        "side1": a1.side if a1 else None, "side2": a2.side if a2 else None,
        "geonames_id": loc.geonames_id, "search_text": search,
    }


def query_words(query: str) -> list[str]:
    """Return the words to search for in a user's query, folded like the index."""
    return words(query)


def matches(dialect: str, query: str) -> ColumnElement[bool] | None:
    """Return the condition 'event matches every word of `query`', or None for an empty query."""
    terms = query_words(query)
    if not terms:
        return None
    if dialect == "sqlite":
        fts = " AND ".join(f'"{t}"*' for t in terms)  # words are \\w+ only: no quotes to escape
        hits = select(literal_column("rowid")).select_from(text("events_fts")).where(
            text("events_fts MATCH :fts").bindparams(fts=fts))
        return EventRow.pk.in_(hits)
    if dialect == "postgresql":
        tsquery = " & ".join(f"'{t}':*" for t in terms)
        vector = func.to_tsvector(literal_column("'simple'"), func.coalesce(EventRow.search_text, ""))
        return vector.bool_op("@@")(func.to_tsquery(literal_column("'simple'"), tsquery))
    # Any other database: every word as a substring of the folded column.
    cond = None
    for t in terms:
        like = EventRow.search_text.like(f"%{t}%")
        cond = like if cond is None else cond & like
    return cond
