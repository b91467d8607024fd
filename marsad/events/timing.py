"""When an event happened: the time stage's answer for a trigger.

The time stage (marsad.time) resolves date expressions; this module asks it for the one
governing a trigger and drops events whose date lies in the future or long before the
report's window (history such as "since 2015" is background, not an event).
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from .. import time as _time
from .lexicon import grammar


def _citation_after(doc: Doc, token_i: int) -> int | None:
    """The token where a citation of a source follows the trigger in its sentence ("حسبما أفاد")."""
    sent = doc[token_i].sent
    cues = [m.start for m in grammar().source_cues.finditer(doc, token_i + 1, sent.end)]
    return min(cues) if cues else None


def time_for(doc: Doc, token_i: int):
    """Return the event's EventTime for the trigger at token_i, or None when it is no event of this report."""
    published: dt.date | None = _time.reference_date(doc)  # the publication date, or one inferred from the text
    # "خطف التنظيم ... مدنيين، وفق ما أعلن المرصد الجمعة": Friday is the report's day, not the event's
    t = _time.event_time(doc, token_i, reported_after=_citation_after(doc, token_i))
    if t is None or t.date is None:
        return None
    if t.mention is not None and published is not None:
        if t.mention.kind == "future" or t.date > published:
            return None
        if _time.is_out_of_window(t.mention, published):
            return None
    return t
