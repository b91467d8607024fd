"""marsad's exceptions, one tree.

    MarsadError
    ├── InputError        an input file or record cannot be read (empty, binary,
    │                     bad encoding, malformed JSON, not Arabic); carries the path
    ├── GazetteerError    the gazetteer cannot be built or loaded
    └── StoreError        the store cannot be opened or written
"""

from __future__ import annotations


class MarsadError(Exception):
    """Base of every error marsad raises on purpose."""


class InputError(MarsadError):
    """An input that cannot be read; the message names the file (and record) and why."""

    def __init__(self, path: str, reason: str, record: str | int | None = None):
        self.path = str(path)
        self.reason = reason
        self.record = record
        where = f"{self.path}:{record}" if record is not None else self.path
        super().__init__(f"{where}: {reason}")


class GazetteerError(MarsadError):
    """The gazetteer index cannot be built or read."""


class StoreError(MarsadError):
    """The store cannot be opened, migrated or written."""
