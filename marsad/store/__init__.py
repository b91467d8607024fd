"""The store: extracted articles in a database (SQLite by default, or PostgreSQL), queried back.

    >>> from marsad.store import Store, EventFilter
    >>> with Store("news.sqlite") as store:
    ...     store.add(output, text)                  # idempotent on the text's SHA-256
    ...     store.events(admin1="Hama", event_type="Battles")
    ...     store.search_events(EventFilter(q="قصف", bbox=(35, 32, 43, 37)), sort="-event_date", limit=20)
    ...     store.control(dt.date(2024, 12, 1))      # who holds each place that day
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._settings import DEFAULT_DB, ENV_VAR, db_url, default_db

# Everything else needs SQLAlchemy (about half a second to import): loaded on first use,
# so that `marsad extract`, which never opens a store, does not pay for it.
_LAZY = {
    "StoredArticle": "_catalogue", "StoredQuote": "_catalogue",
    "TERRITORY_SUB_EVENTS": "_control", "ControlChange": "_control", "control_at": "_control",
    "DUPLICATE": "_journal", "ERROR": "_journal", "FOREIGN": "_journal", "STORED": "_journal",
    "Outcome": "_journal", "RunSummary": "_journal",
    "STORE_VERSION": "_models",
    "EVENT_SORTS": "_queries", "EventFilter": "_queries",
    "Store": "_store", "StoredEvent": "_store", "admin1_key": "_store",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    from ._catalogue import StoredArticle, StoredQuote
    from ._control import TERRITORY_SUB_EVENTS, ControlChange, control_at
    from ._journal import DUPLICATE, ERROR, FOREIGN, STORED, Outcome, RunSummary
    from ._models import STORE_VERSION
    from ._queries import EVENT_SORTS, EventFilter
    from ._store import Store, StoredEvent, admin1_key

__all__ = [
    "DEFAULT_DB", "ENV_VAR", "EVENT_SORTS", "STORE_VERSION", "TERRITORY_SUB_EVENTS", "ControlChange", "EventFilter",
    "Store", "Outcome", "RunSummary", "STORED", "DUPLICATE", "FOREIGN", "ERROR", "StoredArticle", "StoredEvent", "StoredQuote", "admin1_key", "control_at", "db_url", "default_db",
]
