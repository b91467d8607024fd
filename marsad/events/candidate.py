"""A trigger with its place on its way to becoming an ACLED event."""

from __future__ import annotations

from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from ..annotations import ActorEntry, ActorMention, PlaceMention
from ..text.lexicon import TermMatch
from .lexicon import Trigger

if TYPE_CHECKING:
    from ..time import EventTime

_ARMED_KINDS = {"armed"}


@dataclass
class Candidate:
    """One (trigger, place) pair on its way to becoming an Event."""

    sub_event_type: str
    trigger: TermMatch
    spec: Trigger
    place: PlaceMention
    time: EventTime
    actor1: ActorEntry | None
    actor2: ActorEntry | None
    evidence: list[tuple[int, int]]
    claimed_by: list[str] = field(default_factory=list)
    reported_by: list[str] = field(default_factory=list)
    fatalities: int | None = None
    confidence: float = 0.5
    background: bool = False  # "بعد سيطرة ..." refers to an event told elsewhere


def is_armed(m: ActorMention) -> bool:
    return m.actor.kind in _ARMED_KINDS


def strongest(match: TermMatch) -> Trigger:
    specs: tuple[Trigger, ...] = match.payloads
    return sorted(specs, key=lambda t: (t.weak, t.pos == "noun"))[0]
