"""The store: extracted articles in a database (SQLite by default, or PostgreSQL), queried back.

    >>> from marsad.store import Store, EventFilter
    >>> with Store("news.sqlite") as store:
    ...     store.add(output, text)                  # idempotent on the text's SHA-256
    ...     store.events(admin1="Hama", event_type="Battles")
    ...     store.search_events(EventFilter(q="قصف", bbox=(35, 32, 43, 37)), sort="-event_date", limit=20)
    ...     store.control(dt.date(2024, 12, 1))      # who holds each place that day
"""

from __future__ import annotations

from ._catalogue import StoredArticle, StoredQuote
from ._control import TERRITORY_SUB_EVENTS, ControlChange, control_at
from ._journal import DUPLICATE, ERROR, FOREIGN, STORED, Outcome, RunSummary
from ._models import STORE_VERSION
from ._queries import EVENT_SORTS, EventFilter
from ._store import DEFAULT_DB, ENV_VAR, Store, StoredEvent, admin1_key, db_url, default_db

__all__ = [
    "DEFAULT_DB", "ENV_VAR", "EVENT_SORTS", "STORE_VERSION", "TERRITORY_SUB_EVENTS", "ControlChange", "EventFilter",
    "Store", "Outcome", "RunSummary", "STORED", "DUPLICATE", "FOREIGN", "ERROR", "StoredArticle", "StoredEvent", "StoredQuote", "admin1_key", "control_at", "db_url", "default_db",
]
