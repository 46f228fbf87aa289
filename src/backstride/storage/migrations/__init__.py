"""Alembic migration scripts; run programmatically by `backstride.storage.db.upgrade`."""
