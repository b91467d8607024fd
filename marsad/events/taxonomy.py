"""ACLED's event taxonomy, loaded from marsad/data/acled_taxonomy.yaml."""

from __future__ import annotations

import functools
from importlib import resources

from .. import _yaml


@functools.lru_cache(maxsize=1)
def _taxonomy() -> dict[str, dict]:
    with resources.files("marsad.data").joinpath("acled_taxonomy.yaml").open(encoding="utf-8") as fh:
        return _yaml.safe_load(fh)


@functools.lru_cache(maxsize=1)
def sub_event_types() -> dict[str, str]:
    """Return {sub-event type: event type} for all 25 ACLED sub-event types."""
    return {sub: etype for etype, spec in _taxonomy().items() for sub in spec["sub_event_types"]}


def event_type_of(sub_event_type: str) -> str:
    """Return the ACLED event type of a sub-event type (KeyError for unknown names)."""
    return sub_event_types()[sub_event_type]


def plover_of(sub_event_type: str) -> str:
    """Return the nearest PLOVER event type of an ACLED sub-event type."""
    etype = event_type_of(sub_event_type)
    return _taxonomy()[etype]["sub_event_types"][sub_event_type]["plover"]


def plover_mode_of(sub_event_type: str) -> str | None:
    """Return the PLOVER mode an ACLED sub-event type implies, if any."""
    etype = event_type_of(sub_event_type)
    return _taxonomy()[etype]["sub_event_types"][sub_event_type].get("mode")
