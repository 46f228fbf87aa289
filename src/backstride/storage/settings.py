"""Where the database lives: an explicit URL, then the environment, then a config file, then
a SQLite file in the user's data directory."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from backstride.errors import StorageError

ENV_VAR = "BACKSTRIDE_DATABASE_URL"
APP_NAME = "backstride"


def config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_sqlite_url() -> str:
    data_dir = Path(platformdirs.user_data_dir(APP_NAME))
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'backstride.db'}"


def _url_from_config(path: Path) -> str | None:
    if not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise StorageError(f"{path}: cannot read settings ({exc})") from exc
    url = data.get("database_url")
    if url is not None and not isinstance(url, str):
        raise StorageError(f"{path}: database_url must be a string")
    return url


def resolve_database_url(
    explicit: str | None = None,
    env: Mapping[str, str] | None = None,
    config: Path | None = None,
) -> str:
    """The database URL: argument, else BACKSTRIDE_DATABASE_URL, else config, else default."""
    if explicit:
        return explicit
    environ = os.environ if env is None else env
    if environ.get(ENV_VAR):
        return environ[ENV_VAR]
    return _url_from_config(config or config_file()) or default_sqlite_url()
