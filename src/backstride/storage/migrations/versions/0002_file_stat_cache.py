"""Remember where each imported file was and its modification time.

A re-import can then skip a file whose path, size and mtime are unchanged without reading it;
the content hash stays the rule for anything else.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("imported_files") as batch:
        batch.add_column(sa.Column("path_key", sa.Text(), nullable=True))
        batch.add_column(sa.Column("mtime_ns", sa.BigInteger(), nullable=True))
        batch.create_index("ix_imported_files_path_key", ["path_key"])


def downgrade() -> None:
    with op.batch_alter_table("imported_files") as batch:
        batch.drop_index("ix_imported_files_path_key")
        batch.drop_column("mtime_ns")
        batch.drop_column("path_key")
