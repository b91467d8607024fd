"""The imported-gazetteer index: one SQLite file holding every imported place.

``marsad gazetteer import``/``install`` write here; the runtime gazetteer reads it once,
merges it into the bundled registry (conflate.py) and caches the result, so workers
only ever open it read-only. Tables:

* ``sources``: one row per imported dataset (label, format, files and their SHA-256,
  record count, time); re-importing a label replaces its rows;
* ``places``: the `ImportedPlace` records as JSON, by source label;
* ``names``: folded Arabic name keys -> place ids (a normalised-key table), for
  ``marsad gazetteer search`` without loading the whole index;
* ``meta``: a fingerprint that changes with every import (part of the cache key).

Every write goes to a copy that replaces the file only once complete (``os.replace``),
so a failed or interrupted import leaves the previous index exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from ..text.tokenizer import word_keys
from .imports import GazetteerImportError, ImportedPlace

LEVEL_ORDER = ("country", "admin1", "admin2", "admin3", "populated", "feature", "neighbourhood")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (label TEXT PRIMARY KEY, format TEXT NOT NULL, files TEXT NOT NULL,
    records INTEGER NOT NULL, imported_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (id INTEGER PRIMARY KEY, label TEXT NOT NULL, level TEXT NOT NULL,
    data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS places_label ON places(label);
CREATE TABLE IF NOT EXISTS names (norm TEXT NOT NULL, place INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS names_norm ON names(norm);
"""


def default_index_path() -> Path:
    """Return the index file: $MARSAD_GAZETTEER, else gazetteer.sqlite in marsad's cache folder."""
    from .._cache import cache_dir

    env = os.environ.get("MARSAD_GAZETTEER")
    return Path(env) if env else cache_dir() / "gazetteer.sqlite"


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of a file, or of a folder's files in name order."""
    h = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for f in files:
        with f.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def _name_key(name: str) -> str:
    return " ".join(word_keys(name))


class ImportIndex:
    """Read and write the imported-gazetteer SQLite file."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_index_path()

    def exists(self) -> bool:
        return self.path.exists()

    def _connect_ro(self) -> sqlite3.Connection:
        try:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            con.execute("SELECT 1 FROM places LIMIT 1")
        except sqlite3.DatabaseError as exc:
            raise GazetteerImportError(f"{self.path}: not a marsad gazetteer index ({exc})") from exc
        return con

    # -- reading --------------------------------------------------------------------
    def fingerprint(self) -> str | None:
        """Return the index's fingerprint (changes with every import), or None without an index."""
        if not self.exists():
            return None
        with closing(self._connect_ro()) as con:
            row = con.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        return row[0] if row else None

    def sources(self) -> list[dict]:
        if not self.exists():
            return []
        with closing(self._connect_ro()) as con:
            rows = con.execute("SELECT label, format, files, records, imported_at FROM sources ORDER BY label")
            return [{"label": r[0], "format": r[1], "files": json.loads(r[2]), "records": r[3], "imported_at": r[4]}
                    for r in rows]

    def records(self) -> Iterator[ImportedPlace]:
        """Yield every imported record, coarse levels first (units before the places inside them)."""
        if not self.exists():
            return
        order = " ".join(f"WHEN '{lvl}' THEN {i}" for i, lvl in enumerate(LEVEL_ORDER))
        with closing(self._connect_ro()) as con:
            for (data,) in con.execute(f"SELECT data FROM places ORDER BY CASE level {order} ELSE 99 END, id"):
                yield ImportedPlace.from_json(data)

    def search(self, name: str) -> list[ImportedPlace]:
        """Return the imported records one of whose Arabic names folds like `name`."""
        if not self.exists():
            return []
        with closing(self._connect_ro()) as con:
            rows = con.execute("SELECT p.data FROM names n JOIN places p ON p.id = n.place WHERE n.norm = ?",
                               (_name_key(name),))
            return [ImportedPlace.from_json(r[0]) for r in rows]

    # -- writing --------------------------------------------------------------------
    @contextmanager
    def _rewrite(self) -> Iterator[sqlite3.Connection]:
        """Yield a connection to a copy of the index; swap the copy in only if the block succeeds.

        An error in record 90,000 (or a kill) leaves the index exactly as it was.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".sqlite.tmp")
        os.close(fd)
        try:
            if self.exists():
                shutil.copyfile(self.path, tmp)
            with closing(sqlite3.connect(tmp)) as con:
                con.executescript(_SCHEMA)
                yield con
                con.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (uuid.uuid4().hex[:16],))
                con.commit()
            os.replace(tmp, self.path)
        finally:
            Path(tmp).unlink(missing_ok=True)

    @staticmethod
    def _drop(con: sqlite3.Connection, label: str) -> None:
        con.execute("DELETE FROM names WHERE place IN (SELECT id FROM places WHERE label = ?)", (label,))
        con.execute("DELETE FROM places WHERE label = ?", (label,))

    def replace_source(self, label: str, fmt: str, files: list[dict], records: Iterable[ImportedPlace]) -> int:
        """Store `records` as the source `label` (replacing an earlier import of it); return the count."""
        count = 0
        with self._rewrite() as con:
            self._drop(con, label)
            for rec in records:
                cur = con.execute("INSERT INTO places (label, level, data) VALUES (?, ?, ?)",
                                  (label, rec.level, rec.to_json()))
                keys = {_name_key(n) for n in rec.ar_names} - {""}
                con.executemany("INSERT INTO names (norm, place) VALUES (?, ?)", [(k, cur.lastrowid) for k in keys])
                count += 1
            con.execute("INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?)",
                        (label, fmt, json.dumps(files, ensure_ascii=False), count,
                         dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
        return count

    def remove_source(self, label: str) -> bool:
        """Drop one imported source; return False when there is none of that label."""
        if label not in {s["label"] for s in self.sources()}:
            return False
        with self._rewrite() as con:
            self._drop(con, label)
            con.execute("DELETE FROM sources WHERE label = ?", (label,))
        return True
