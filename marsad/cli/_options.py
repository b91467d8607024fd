"""Options and parameter types the `marsad` commands share."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import click

from .._exceptions import StoreError
from ..store import ENV_VAR

if TYPE_CHECKING:
    from ..store import Store


class DateParam(click.ParamType):
    """A calendar date written YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
        except ValueError:
            pass
        self.fail(f"{value!r} is not a date; write it YYYY-MM-DD, e.g. 2024-12-05", param, ctx)


DATE = DateParam()

_db_option = click.option(
    "--db", metavar="PATH|URL", envvar=ENV_VAR, show_envvar=True,
    help="The database: a SQLite file path, or a SQLAlchemy URL (sqlite:///news.sqlite, "
         "postgresql+psycopg://user@host/marsad). "
         "Default: ./marsad.sqlite.")


def open_store(db: str | None, create: bool) -> Store:
    """Open the store or stop with its error as a one-line message."""
    from ..store import Store

    try:
        return Store(db, create=create)
    except StoreError as err:
        raise click.ClickException(str(err)) from None
