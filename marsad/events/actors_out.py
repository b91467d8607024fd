"""Catalogue actors as output `Actor` records."""

from __future__ import annotations

from ..annotations import ActorEntry
from ..schema import Actor


def actor_out(entry: ActorEntry | None) -> Actor | None:
    """Return the output form of a catalogue actor (None stays None)."""
    if entry is None:
        return None
    inter = entry.inter if 0 <= entry.inter <= 8 else None
    return Actor(name_ar=entry.name_ar, name_en=entry.name_en or None, inter=inter, side=entry.side)
