"""The analyst's desk on the command line: `export`, `serve`, `token`.

`export` streams stored events to a file or standard output in the formats of
`marsad.export`; `serve` runs the HTTP API and the web UI (`marsad.api`) with uvicorn;
`token` hands out the write tokens the API asks for, kept hashed in the store.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from .._exceptions import StoreError
from ..export import FORMATS, export_chunks
from ..store import EVENT_SORTS, EventFilter
from ._options import DATE, _db_option, open_store


def _bbox(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[float, ...] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise click.BadParameter("write it WEST,SOUTH,EAST,NORTH in degrees, e.g. 35.5,32.3,42.4,37.3") from None
    if west > east or south > north:
        raise click.BadParameter(f"{value}: west must not exceed east, nor south north")
    return west, south, east, north


@click.command(short_help="Write stored events as ACLED CSV, GeoJSON or JSON Lines.")
@_db_option
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="acled-csv", show_default=True,
              help="acled-csv: ACLED's columns in ACLED's order. geojson: a FeatureCollection of points. "
                   "jsonl: one marsad event (with its article) a line. csv: marsad's own columns.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to this file instead of standard output.")
@click.option("--since", type=DATE, help="Only events on or after this day.")
@click.option("--until", type=DATE, help="Only events on or before this day.")
@click.option("--admin1", metavar="NAME", help="Only events in this governorate (English, as ACLED writes it).")
@click.option("--admin2", metavar="NAME", help="Only events in this district.")
@click.option("--type", "event_type", metavar="NAME", help="Only this ACLED event type or sub-event type.")
@click.option("--actor", metavar="TEXT", help="Only events with an actor whose English or Arabic name contains TEXT.")
@click.option("--source", metavar="NAME", help="Only events from articles of this outlet.")
@click.option("--bbox", callback=_bbox, metavar="W,S,E,N", help="Only events inside this box (degrees).")
@click.option("--q", "query", metavar="WORDS", help="Only events whose text has all these words (Arabic or English).")
@click.option("--sort", type=click.Choice(sorted(EVENT_SORTS) + [f"-{k}" for k in sorted(EVENT_SORTS)]),
              default="event_date", show_default=True, help="Order of the events; a leading - reverses it.")
def export(db: str | None, fmt: str, output: Path | None, since: dt.date | None, until: dt.date | None,
           admin1: str | None, admin2: str | None, event_type: str | None, actor: str | None, source: str | None,
           bbox: tuple[float, float, float, float] | None, query: str | None, sort: str) -> None:
    """Write the stored events, filtered, in an exchange format; streams, so any size fits.

    \b
    Example:
      marsad export --db news.sqlite --format acled-csv --admin1 Idlib -o idlib.csv
      marsad export --format geojson --since 2024-11-27 --q "قصف" > shelling.geojson
    """
    if since and until and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}", param_hint="--since")
    flt = EventFilter(since=since, until=until, admin1=admin1, admin2=admin2, event_type=event_type, actor=actor,
                      source=source, bbox=bbox, q=query)
    count = 0
    with open_store(db, create=False) as store:
        out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            def counted():  # noqa: ANN202 - a generator of StoredEvent
                nonlocal count
                for item in store.iter_events(flt, sort=sort):
                    count += 1
                    yield item
            for chunk in export_chunks(counted(), fmt):
                out.write(chunk)
        except StoreError as err:
            raise click.ClickException(str(err)) from None
        finally:
            if output:
                out.close()
    if output:
        click.echo(f"marsad: wrote {count} event{'' if count == 1 else 's'} to {output}", err=True)


@click.command(short_help="Serve the web map, timeline and HTTP API on a store.")
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; 0.0.0.0 for every one.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--private/--public", default=False, envvar="MARSAD_PRIVATE", show_default=True,
              help="private: reading needs a token too (Authorization: Bearer TOKEN). public: anyone may read; "
                   "writing always needs a token.")
@click.option("--tile-url", envvar="MARSAD_TILE_URL", metavar="URL",
              help="Your own map tiles (https://tiles.example.org/{z}/{x}/{y}.png) under the events; "
                   "without it the map shows the built-in offline country and governorate outlines.")
@click.option("--tile-attribution", envvar="MARSAD_TILE_ATTRIBUTION", metavar="TEXT",
              help="Credit line for --tile-url's tiles.")
def serve(db: str | None, host: str, port: int, private: bool, tile_url: str | None,
          tile_attribution: str | None) -> None:
    """Run the analyst's desk: the map and timeline at http://HOST:PORT/, the API at /api/v1 (docs at /docs).

    Writing (POST /api/v1/articles) needs a token from `marsad token create NAME`.

    \b
    Example:
      marsad serve --db news.sqlite --port 8000
      marsad serve --db postgresql+psycopg://marsad@localhost/news --host 0.0.0.0 --private
    """
    import uvicorn

    from ..api import Settings, create_app

    store = open_store(db, create=True)
    app = create_app(Settings(private=private, tile_url=tile_url, tile_attribution=tile_attribution), store=store)
    click.echo(f"marsad: serving {store.location} at http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


@click.group(short_help="Create, list and revoke the API's write tokens.")
def token() -> None:
    """Tokens for the API's write endpoints; the store keeps only a salted scrypt hash of each."""


@token.command("create")
@click.argument("name")
@_db_option
def token_create(name: str, db: str | None) -> None:
    """Create a token called NAME and print it; it is shown this once only."""
    with open_store(db, create=True) as store:
        try:
            click.echo(store.create_token(name))
        except StoreError as err:
            raise click.ClickException(str(err)) from None


@token.command("list")
@_db_option
def token_list(db: str | None) -> None:
    """Print the names of the tokens (never the tokens)."""
    with open_store(db, create=False) as store:
        for name in store.token_names():
            click.echo(name)


@token.command("revoke")
@click.argument("name")
@_db_option
def token_revoke(name: str, db: str | None) -> None:
    """Delete the token called NAME."""
    with open_store(db, create=False) as store:
        if not store.revoke_token(name):
            raise click.ClickException(f"no token named {name!r}")
    click.echo(f"marsad: revoked {name}", err=True)
