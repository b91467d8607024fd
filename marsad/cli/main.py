"""The `marsad` command: extract, ingest, events, schema.

One click group, one function per command. Bad input is reported one line per file on
stderr ("marsad: error: PATH: reason") and the other files are still processed; the
exit code is 1 only when no article at all could be processed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from .. import __version__
from .._exceptions import InputError, StoreError
from ..annotations import ArticleRecord
from ..ingest import read_bytes, read_path
from ..pipeline import extract as extract_article
from ..schema import ArticleOutput, json_schema
from ._options import DATE, _db_option, open_store
from ._render import Bidi, render_article, render_events

STDIN = "-"


_bidi_option = click.option(
    "--bidi/--no-bidi", default=True, show_default=True,
    help="Reorder Arabic right-to-left for display in tables. Use --no-bidi if your terminal "
         "already does BiDi itself (Arabic then shows reversed with --bidi).")
_published_option = click.option(
    "--published", type=DATE,
    help="Publication date of the reports, used to resolve 'yesterday', 'on Friday'... "
         "Overrides the date in the files' metadata; give it for bare .txt files that have none.")
_source_option = click.option(
    "--source", metavar="NAME", help="Name of the outlet the reports come from; overrides their metadata.")


def _error(message: object) -> None:
    click.echo(f"marsad: error: {message}", err=True)


class Run:
    """Reads the inputs of one command, reports bad ones on stderr and counts what happened."""

    def __init__(self, debug: bool):
        self.debug = debug
        self.errors = 0
        self.read = 0

    def records(self, paths: tuple[str, ...], published: dt.date | None = None,
                source: str | None = None) -> Iterator[ArticleRecord]:
        """Yield each readable article of `paths` (a path of '-' is standard input)."""
        for path in paths:
            for item in self._read(path):
                if isinstance(item, InputError):
                    self.errors += 1
                    _error(item)
                    continue
                if published is not None or source is not None:
                    item = dataclasses.replace(item, published=published or item.published,
                                               source=source or item.source)
                self.read += 1
                yield item

    @staticmethod
    def _read(path: str) -> Iterator[ArticleRecord | InputError]:
        if path != STDIN:
            yield from read_path(path)
            return
        try:
            yield read_bytes(sys.stdin.buffer.read(), "<stdin>")
        except InputError as err:
            yield err

    def extract(self, record: ArticleRecord) -> ArticleOutput | None:
        """Return marsad's output for one article, or None (reported) when extraction failed."""
        try:
            return extract_article(record)
        except Exception as err:  # noqa: BLE001 - one failing article must not stop the rest
            if self.debug:
                raise
            self.errors += 1
            where = record.path or record.id
            _error(f"{where}: extraction of article {record.id} failed: {type(err).__name__}: {err} "
                   f"(run with --debug for the traceback)")
            return None


class JsonOut:
    """Writes ONE JSON object when there is one result and an array when there are more.

    Holds back only the first result until the second arrives, so output still streams.
    """

    def __init__(self) -> None:
        self.first: dict | None = None
        self.count = 0

    def add(self, obj: dict) -> None:
        self.count += 1
        if self.count == 1:
            self.first = obj
            return
        if self.count == 2:
            click.echo("[\n" + _indented(self.first), nl=False)
        click.echo(",\n" + _indented(obj), nl=False)

    def close(self) -> None:
        if self.count == 1:
            click.echo(_dumps(self.first, indent=2))
        elif self.count > 1:
            click.echo("\n]")


def _dumps(obj: Any, indent: int | None = None) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=indent)


def _indented(obj: Any) -> str:
    return "\n".join("  " + line for line in _dumps(obj, indent=2).splitlines())


# Width of tables written to a file or a pipe, where no terminal limits the line length.
PIPE_WIDTH = 120


def _console(bidi: bool) -> tuple[Console, Bidi]:
    width = None if sys.stdout.isatty() else PIPE_WIDTH
    return Console(file=sys.stdout, width=width, highlight=False, soft_wrap=False), Bidi(bidi)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class LazyGroup(click.Group):
    """A command group whose commands in other modules are imported only when run (or listed).

    `marsad extract` then starts without the store, the web server, Ray or the feed reader;
    `lazy` maps a command name to "module:attribute".
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            module, attr = self.lazy[name].split(":")
            self.add_command(getattr(importlib.import_module(module, __package__), attr), name)
        return super().get_command(ctx, name)


# Commands in their own modules, imported when used: the analyst's desk (export, serve,
# token), ingestion at scale (ingest, watch), the entity recogniser (ner, eval, train) and
# the gazetteers (gazetteer, geocode).
_LAZY_COMMANDS = {
    "export": "._desk:export", "serve": "._desk:serve", "token": "._desk:token",
    "ingest": "._ingest:ingest", "watch": "._watch:watch",
    "ner": "._ner:ner", "eval": "._ner:eval_group", "train": "._ner:train_group",
    "gazetteer": "._gazetteer:gazetteer_group", "geocode": "._gazetteer:geocode",
}


@click.group(cls=LazyGroup, lazy=_LAZY_COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="marsad")
@click.option("--debug", is_flag=True, help="Stop at the first article whose extraction fails and show the "
                                              "Python traceback, instead of one error line and going on.")
@click.option("--entities", type=click.Choice(["model", "rules"]), envvar="MARSAD_ENTITIES", default="model",
              show_default=True, help="Named entities from the trained model and rules, or from rules only: about "
                                      "3x faster, the same events and quotes, fewer entities (bulk runs).")
@click.pass_context
def cli(ctx: click.Context, debug: bool, entities: str) -> None:
    """marsad (مرصد) reads Arabic news reports and writes ACLED-shaped conflict events,
    with the quotes, named entities and geocoded places behind them (schema marsad.article/1).

    \b
    The flow:
      extract   show what marsad finds in reports (JSON, JSON Lines or a table)
      ingest    extract many reports and keep them in a database (SQLite by default)
      watch     poll RSS/Atom feeds and ingest their new articles as they appear
      events    query the stored events by date, governorate and type; table, JSON or CSV
      export    write stored events as ACLED CSV, GeoJSON or JSON Lines
      serve     the web map, timeline and HTTP API (/api/v1) on a store
      token     create, list and revoke the API's write tokens
      schema    print the JSON Schema of marsad's output

    \b
    Example:
      marsad extract report.txt --format table
      marsad ingest reports/ --db news.sqlite
      marsad events --db news.sqlite --admin1 Idlib --since 2024-11-27 --format csv > idlib.csv

    Inputs are .txt files (metadata such as the publication date from a sidecar
    NAME.meta.json), .json records or arrays of them, .jsonl files with one record a
    line, and folders of these. A bad file is reported on stderr and skipped.
    """
    os.environ["MARSAD_ENTITIES"] = entities  # read where pipelines are built, Ray workers included
    ctx.obj = {"debug": debug}


@cli.command(short_help="Print the events, quotes, places and entities of reports.")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@_published_option
@_source_option
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json", show_default=True,
              help="json: one object for one article, an array for several. jsonl: one object a line, "
                   "for piping many articles. table: a readable view for the terminal.")
@_bidi_option
@click.pass_context
def extract(ctx: click.Context, files: tuple[str, ...], published: dt.date | None, source: str | None,
            fmt: str, bidi: bool) -> None:
    """Extract events, quotes, places and entities from reports and print them.

    FILE is a .txt, .json or .jsonl file, a folder of them, or - for standard input.
    Nothing is stored; see `marsad ingest` for that.

    \b
    Example:
      marsad extract report.txt --published 2024-12-05 --format table
      marsad extract reports/ --format jsonl > outputs.jsonl
    """
    run = Run(ctx.obj["debug"])
    json_out = JsonOut()
    console = rtl = None
    if fmt == "table":
        console, rtl = _console(bidi)
    done = 0
    for record in run.records(files, published, source):
        output = run.extract(record)
        if output is None:
            continue
        done += 1
        if fmt == "json":
            json_out.add(output.to_json_dict())
        elif fmt == "jsonl":
            click.echo(_dumps(output.to_json_dict()))
        else:
            render_article(console, output, rtl)
    json_out.close()
    if done == 0:
        ctx.exit(1)


@cli.command(short_help="List stored events by date, governorate and type.")
@click.option("--since", type=DATE, help="Only events on or after this day (a range that ends on it or later counts).")
@click.option("--until", type=DATE, help="Only events on or before this day.")
@click.option("--admin1", metavar="NAME", help="Only events in this governorate, in English as ACLED writes it "
                                                 "(Idlib, Rural Damascus, Deir ez-Zor); case and hyphens ignored.")
@click.option("--type", "event_type", metavar="NAME",
              help="Only events of this ACLED event type (Battles, Explosions/Remote violence, Protests...) "
                   "or sub-event type (Air/drone strike, Armed clash, Peaceful protest...); case ignored.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Print at most this many events (the oldest first).")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="table: for reading in the terminal. json: an array of events, each with the article "
                   "it came from. csv: one row per event with ACLED-like columns, for spreadsheets.")
@click.option("--dedup", is_flag=True,
              help="Merge reports of the same real-world event from several articles or outlets into one "
                   "event listing every source (same sub-event type, place and day; see marsad.events.dedup).")
@_bidi_option
def events(since: dt.date | None, until: dt.date | None, admin1: str | None, event_type: str | None,
           limit: int | None, db: str | None, fmt: str, dedup: bool, bidi: bool) -> None:
    """List the stored events, oldest first, filtered by date, governorate and type.

    \b
    Example:
      marsad events --admin1 Hama --type "Shelling/artillery/missile attack" --since 2024-12-01
      marsad events --type Battles --format csv > battles.csv
    """
    if since and until and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}", param_hint="--since")
    with _open_store(db, create=False) as store:
        try:
            found = store.find_events(since=since, until=until, admin1=admin1, event_type=event_type, limit=limit)
        except StoreError as err:
            raise click.ClickException(str(err)) from None
    from ._export import csv_lines, event_json  # the exporters load SQLAlchemy: only when listing

    if dedup:
        found = _deduplicated(found)
    if fmt == "json":
        click.echo(_dumps([event_json(f) for f in found], indent=2))
    elif fmt == "csv":
        for line in csv_lines(found):
            click.echo(line, nl=False)
    else:
        console, rtl = _console(bidi)
        render_events(console, found, rtl)


@cli.command(short_help="Print the JSON Schema of the output.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the schema to this file instead of standard output.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of marsad's output (marsad.article/1).

    The same schema is kept in the repository at schema/marsad.article-1.schema.json.
    """
    text = _dumps(json_schema(), indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    click.echo(f"marsad: wrote {output}", err=True)


_open_store = open_store


def _deduplicated(found: list) -> list:
    """One stored event per real-world event, its article ids and sources joined."""
    from ..events.dedup import deduplicate

    by_id = {(f.article_id, f.event.id): f for f in found}
    merged = []
    for cluster in deduplicate((f.article_id, f.source, f.event) for f in found):
        first = by_id[cluster.members[0]]
        merged.append(dataclasses.replace(first, event=cluster.event,
                                          article_id=",".join(dict.fromkeys(a for a, _ in cluster.members)),
                                          source="; ".join(cluster.sources) or first.source))
    return merged



def main() -> None:  # pragma: no cover - `python -m marsad.cli.main`
    cli(prog_name="marsad")


if __name__ == "__main__":  # pragma: no cover
    main()
