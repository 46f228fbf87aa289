"""Persistence: SQLAlchemy models, Alembic migrations and services that take a session.

The domain core (`backstride.training`) never imports this package; the CLI and the web app do.
"""

from backstride.storage.db import Database, open_database
from backstride.storage.settings import resolve_database_url

__all__ = ["Database", "open_database", "resolve_database_url"]
