"""Options and argument parsing shared by the commands that read or write your stored data."""

from __future__ import annotations

from datetime import date

import typer

from backstride.errors import UserError
from backstride.storage.athletes import DEFAULT_ATHLETE

DATABASE_OPTION = typer.Option(
    None,
    "--database",
    help="SQLAlchemy URL (default: BACKSTRIDE_DATABASE_URL, else SQLite in your data folder).",
    show_default=False,
)
ATHLETE_OPTION = typer.Option(DEFAULT_ATHLETE, "--athlete", help="Whose data (local mode: 'me').")


def parse_day(option: str, value: str | None, default: date | None = None) -> date:
    """A `YYYY-MM-DD` option; `default` (else today) when absent."""
    if value is None:
        return default if default is not None else date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(
            f"{option}: {value!r} is not a date; give it as YYYY-MM-DD, e.g. 2024-06-30"
        ) from None
