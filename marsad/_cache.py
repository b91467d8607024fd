"""marsad's on-disk caches: built indexes kept as pickles in one folder.

The gazetteer and the actor catalogue take a fraction of a second to build and
milliseconds to unpickle; each is kept under a file name that encodes everything it was
built from, so a stale file is simply never read. A cache that cannot be read is
rebuilt; one that cannot be written (a read-only home) only costs the build.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


def cache_dir() -> Path:
    """Return the folder for marsad's caches ($MARSAD_CACHE_DIR or ~/.cache/marsad)."""
    return Path(os.environ.get("MARSAD_CACHE_DIR") or Path.home() / ".cache" / "marsad")


def read_pickle(path: Path, kind: type[T]) -> T | None:
    """Return the `kind` object pickled at `path`, or None when there is none or it is unreadable."""
    try:
        with path.open("rb") as fh:
            found = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - a truncated or foreign file: the caller rebuilds
        log.warning("cache %s unreadable (%s); rebuilding", path, exc)
        return None
    return found if isinstance(found, kind) else None


def write_pickle(path: Path, obj: object) -> None:
    """Pickle `obj` to `path` atomically (write a temporary file, then rename)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only home: keep working without a cache
        log.warning("cannot write cache %s: %s", path, exc)
