"""Initial schema: athletes, imported files, shoes, activities, diary, saved assessments.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _owner() -> sa.Column[int]:
    return sa.Column(
        "athlete_id",
        sa.Integer(),
        sa.ForeignKey("athletes.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def _created(name: str = "created_at") -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "athletes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        _created(),
    )
    op.create_table(
        "imported_files",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("activity_count", sa.Integer(), nullable=False),
        _created("imported_at"),
        sa.UniqueConstraint("athlete_id", "sha256"),
    )
    op.create_table(
        "shoes",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("brand", sa.String(200), nullable=True),
        sa.Column("start_km", sa.Float(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        _created(),
        sa.UniqueConstraint("athlete_id", "name"),
        sa.CheckConstraint("start_km >= 0", name="start_km_not_negative"),
    )
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column(
            "file_id",
            sa.Integer(),
            sa.ForeignKey("imported_files.id", ondelete="SET NULL"),
            nullable=True,
            index=True,
        ),
        sa.Column(
            "shoe_id",
            sa.Integer(),
            sa.ForeignKey("shoes.id", ondelete="SET NULL"),
            nullable=True,
            index=True,
        ),
        sa.Column("sport", sa.String(20), nullable=False),
        sa.Column("start_time", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("duration_s", sa.Float(), nullable=False),
        *(
            sa.Column(name, sa.Float(), nullable=True)
            for name in (
                "distance_m",
                "moving_s",
                "avg_hr",
                "max_hr",
                "avg_cadence_spm",
                "median_cadence_spm",
                "elevation_gain_m",
            )
        ),
        sa.Column("indoor", sa.Boolean(), nullable=False),
        sa.Column("surface", sa.String(50), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("device", sa.String(200), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.UniqueConstraint("athlete_id", "sport", "start_time"),
    )
    op.create_table(
        "diary_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("pain_morning", sa.Integer(), nullable=True),
        sa.Column("pain_during", sa.Integer(), nullable=True),
        sa.Column("pain_after", sa.Integer(), nullable=True),
        sa.Column("regions", sa.JSON(), nullable=False),
        sa.Column("morning_stiffness_minutes", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        _created(),
        sa.UniqueConstraint("athlete_id", "day"),
        *(
            sa.CheckConstraint(f"{col} BETWEEN 0 AND 10", name=f"{col}_0_10")
            for col in ("pain_morning", "pain_during", "pain_after")
        ),
        sa.CheckConstraint("morning_stiffness_minutes >= 0", name="stiffness_not_negative"),
    )
    op.create_table(
        "saved_assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        _created(),
        sa.Column("kb_version", sa.String(50), nullable=False),
        sa.Column("case", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "saved_assessments",
        "diary_entries",
        "activities",
        "shoes",
        "imported_files",
        "athletes",
    ):
        op.drop_table(table)
