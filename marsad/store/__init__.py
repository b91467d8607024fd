"""The store: extracted articles in a database (SQLite by default), events queried back.

    >>> from marsad.store import Store
    >>> with Store("news.sqlite") as store:
    ...     store.add(output, text)                  # idempotent on the text's SHA-256
    ...     store.events(admin1="Hama", event_type="Battles")
"""

from __future__ import annotations

from ._models import STORE_VERSION
from ._store import DEFAULT_DB, ENV_VAR, Store, StoredEvent, admin1_key, db_url, default_db

__all__ = ["DEFAULT_DB", "ENV_VAR", "STORE_VERSION", "Store", "StoredEvent", "admin1_key", "db_url", "default_db"]
