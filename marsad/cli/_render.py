"""Terminal views of marsad output: rich tables with Arabic shown right-to-left.

Most terminals draw characters left to right in the order they receive them, so Arabic
comes out backwards. `rtl` reorders a string into visual order (Unicode BiDi algorithm,
python-bidi's `get_display`) for display only; JSON and CSV output keep logical order.
Long Arabic text is wrapped BEFORE reordering, so each line reads right-to-left and
the lines still follow each other top to bottom.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING

from bidi import get_display
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..schema import Actor, ArticleOutput, Event

if TYPE_CHECKING:
    from ..store import StoredEvent

_RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def has_rtl(text: str) -> bool:
    """Return True when `text` holds a right-to-left letter (Hebrew or Arabic script)."""
    return any(lo <= ord(ch) <= hi for ch in text for lo, hi in _RTL_RANGES)


class Bidi:
    """Reorders text for the terminal, or leaves it alone (for terminals that do BiDi themselves)."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled

    def __call__(self, text: str | None, width: int | None = None) -> str:
        """Return `text` in visual order, wrapped to `width` columns first when given."""
        if not text:
            return ""
        if not (self.enabled and has_rtl(text)):
            return text
        lines = textwrap.wrap(text, width) if width else text.splitlines() or [text]
        return "\n".join(get_display(line) for line in lines)


def _actor(actor: Actor | None, rtl: Bidi) -> str:
    if actor is None:
        return ""
    return actor.name_en or rtl(actor.name_ar)


def _dates(event: Event) -> str:
    if event.date_end and event.date_end != event.event_date:
        return f"{event.event_date.isoformat()}\n– {event.date_end.isoformat()}"
    return event.event_date.isoformat()


def _place(event: Event, rtl: Bidi) -> Text:
    loc = event.location
    # The Arabic as the report writes it; the gazetteer's Arabic may be another spelling.
    cell = Text("\n".join(n for n in (loc.name_en, rtl(loc.text or loc.name_ar)) if n))
    if loc.relation:
        cell.append(f"\n({loc.relation})", style="italic")
    area = ", ".join(x for x in (loc.admin1, loc.country) if x and x != loc.name_en)
    if area:
        cell.append(f"\n{area}", style="dim")
    return cell


def _actors(event: Event, rtl: Bidi) -> str:
    one, two = _actor(event.actor1, rtl), _actor(event.actor2, rtl)
    return f"{one}\nvs {two}" if one and two else one or two


def _kind(event: Event) -> Text:
    cell = Text(event.sub_event_type, style="bold")
    cell.append(f"\n{event.event_type}", style="dim")
    if event.fatalities:
        cell.append(f"\n{event.fatalities} killed", style="red")
    if event.status != "reported":
        cell.append(f"\n{event.status}", style="yellow")
    return cell


def _events_table(title: str, rows: Iterable[tuple[Event, str | None]], rtl: Bidi) -> Table:
    """Return a table of events: few, wide columns, so it still reads in an 80-column terminal.

    Admin1 and country sit under the place, deaths under the type, and the ACLED
    precision codes (geo, time) beside the confidence.
    """
    table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left", show_lines=True)
    table.add_column("Date", no_wrap=True)
    # Sub-event types run to 35 characters ("Non-state actor overtakes territory").
    table.add_column("Event", min_width=18, ratio=3)
    table.add_column("Place, admin1", ratio=2)
    table.add_column("Actors", ratio=2)
    table.add_column("geo time\nconf.", no_wrap=True)
    with_article = False
    for event, article in rows:
        cells = [_dates(event), _kind(event), _place(event, rtl), _actors(event, rtl),
                 f" {event.location.geo_precision}    {event.time_precision}\n{event.confidence:.2f}"]
        if article is not None:
            if not with_article:
                table.add_column("Article", overflow="fold", ratio=2)
                with_article = True
            cells.append(article)
        table.add_row(*cells)
    return table


def render_article(console: Console, output: ArticleOutput, rtl: Bidi) -> None:
    """Print one article's events, quotes, places and entities as tables."""
    meta = output.article
    header = Text()
    header.append(f"Article {meta.id}", style="bold")
    for part in (meta.source, meta.published.isoformat() if meta.published else None):
        if part:
            header.append(f"  ·  {rtl(part)}")
    console.rule(header, align="left")
    if meta.title:
        console.print(rtl(meta.title, console.width - 2), justify="right")
    wide = max(20, console.width - 30)

    if output.events:
        console.print(_events_table(f"Events ({len(output.events)})", ((e, None) for e in output.events), rtl))
    else:
        console.print("No events found.", style="dim")

    if output.quotes:
        quotes = Table(title=f"Quotes ({len(output.quotes)})", box=box.SIMPLE_HEAVY, title_justify="left")
        quotes.add_column("Speaker", max_width=24)
        quotes.add_column("Quote", justify="right")
        for q in output.quotes:
            who = q.speaker.name_en or rtl(q.speaker.text, 22)
            if q.speaker.role:
                who += f"\n{rtl(q.speaker.role, 22)}"
            quotes.add_row(who, rtl(("« " if q.direct else "") + q.text + (" »" if q.direct else ""), wide))
        console.print(quotes)

    if output.places:
        places = Table(title=f"Places ({len(output.places)})", box=box.SIMPLE_HEAVY, title_justify="left")
        for name in ("Text", "Name", "Admin1", "Country", "GeoNames"):
            places.add_column(name)
        for p in output.places:
            places.add_row(rtl(p.text), p.name_en or rtl(p.name_ar), p.admin1 or "", p.country or "",
                           str(p.geonames_id or ""))
        console.print(places)

    if output.entities:
        ents = Table(title=f"Entities ({len(output.entities)})", box=box.SIMPLE_HEAVY, title_justify="left")
        ents.add_column("Label", no_wrap=True)
        ents.add_column("Names", justify="right")
        by_label: dict[str, list[str]] = {}
        for ent in output.entities:
            names = by_label.setdefault(ent.label, [])
            if ent.text not in names:
                names.append(ent.text)
        for label, names in by_label.items():
            ents.add_row(label, rtl("، ".join(names), wide))
        console.print(ents)


def render_events(console: Console, found: list[StoredEvent], rtl: Bidi) -> None:
    """Print stored events as one table, with the article each came from."""
    if not found:
        console.print("No events match.", style="dim")
        return
    # Below 100 columns the article id leaves too little room for the rest; json/csv keep it.
    wide = console.width >= 100
    rows = ((s.event, s.article_id if wide else None) for s in found)
    console.print(_events_table(f"Events ({len(found)})", rows, rtl))
