"""marsad.time: date expressions in Arabic news, resolved against the publication date.

    marsad_dates (component.py)   doc._.dates: DateMentions with original-text offsets
    expressions.py                what each expression states (Expr), no dates yet
    resolve.py                    Expr + publication date -> calendar dates, precision
    window.py                     event_time(doc, i): the date governing an event trigger;
                                  is_out_of_window(mention, published): history vs news
    lexicon.py                    the words of marsad/data/time_words.yaml, folded
"""

from __future__ import annotations

from .component import DateRecognizer, reference_date
from .window import EventTime, event_time, is_out_of_window

__all__ = ["DateRecognizer", "EventTime", "event_time", "is_out_of_window", "reference_date"]
