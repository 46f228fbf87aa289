"""Tables. Every row hangs off an athlete so that one database can later serve several people."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Stable constraint names keep Alembic batch migrations on SQLite and PostgreSQL in step.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, even on SQLite (which drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _owner() -> Mapped[int]:
    """The athlete a row belongs to; deleting the athlete deletes the row."""
    return mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"), index=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class Athlete(Base):
    __tablename__ = "athletes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    activities: Mapped[list[ActivityRow]] = relationship(
        back_populates="athlete", cascade="all, delete-orphan", passive_deletes=True
    )
    shoes: Mapped[list[Shoe]] = relationship(
        back_populates="athlete", cascade="all, delete-orphan", passive_deletes=True
    )


class ImportedFile(Base):
    """One imported file, known by the hash of its content so it is never imported twice."""

    __tablename__ = "imported_files"
    __table_args__ = (UniqueConstraint("athlete_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = _owner()
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(20))
    size: Mapped[int] = mapped_column(BigInteger)
    activity_count: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Added in revision 0002: lets a re-import skip unchanged files without reading them.
    path_key: Mapped[str | None] = mapped_column(Text, index=True)
    mtime_ns: Mapped[int | None] = mapped_column(BigInteger)


class Shoe(Base):
    __tablename__ = "shoes"
    __table_args__ = (
        UniqueConstraint("athlete_id", "name"),
        CheckConstraint("start_km >= 0", name="start_km_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = _owner()
    name: Mapped[str] = mapped_column(String(200))
    brand: Mapped[str | None] = mapped_column(String(200))
    start_km: Mapped[float] = mapped_column(Float, default=0.0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    athlete: Mapped[Athlete] = relationship(back_populates="shoes")


class ActivityRow(Base):
    """The stored form of `backstride.training.activity.Activity` (summary only, no streams)."""

    __tablename__ = "activities"
    __table_args__ = (UniqueConstraint("athlete_id", "sport", "start_time"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = _owner()
    file_id: Mapped[int | None] = mapped_column(
        ForeignKey("imported_files.id", ondelete="SET NULL"), index=True
    )
    shoe_id: Mapped[int | None] = mapped_column(
        ForeignKey("shoes.id", ondelete="SET NULL"), index=True
    )
    sport: Mapped[str] = mapped_column(String(20))
    start_time: Mapped[datetime] = mapped_column(index=True)
    duration_s: Mapped[float] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    moving_s: Mapped[float | None] = mapped_column(Float)
    avg_hr: Mapped[float | None] = mapped_column(Float)
    max_hr: Mapped[float | None] = mapped_column(Float)
    avg_cadence_spm: Mapped[float | None] = mapped_column(Float)
    median_cadence_spm: Mapped[float | None] = mapped_column(Float)
    elevation_gain_m: Mapped[float | None] = mapped_column(Float)
    indoor: Mapped[bool] = mapped_column(Boolean, default=False)
    surface: Mapped[str | None] = mapped_column(String(50))
    name: Mapped[str | None] = mapped_column(Text)
    device: Mapped[str | None] = mapped_column(String(200))
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)

    athlete: Mapped[Athlete] = relationship(back_populates="activities")
    shoe: Mapped[Shoe | None] = relationship()


def _pain_check(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} BETWEEN 0 AND 10", name=f"{column}_0_10")


class DiaryEntry(Base):
    """A day of the pain diary; runs of the same date are that day's load."""

    __tablename__ = "diary_entries"
    __table_args__ = (
        UniqueConstraint("athlete_id", "day"),
        _pain_check("pain_morning"),
        _pain_check("pain_during"),
        _pain_check("pain_after"),
        CheckConstraint("morning_stiffness_minutes >= 0", name="stiffness_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = _owner()
    day: Mapped[date] = mapped_column(Date)
    pain_morning: Mapped[int | None] = mapped_column(Integer)
    pain_during: Mapped[int | None] = mapped_column(Integer)
    pain_after: Mapped[int | None] = mapped_column(Integer)
    regions: Mapped[list[str]] = mapped_column(default=list)
    morning_stiffness_minutes: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SavedAssessment(Base):
    """A case and the engine's result, kept with the knowledge-base version that produced it."""

    __tablename__ = "saved_assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = _owner()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    kb_version: Mapped[str] = mapped_column(String(50))
    case: Mapped[dict[str, Any]] = mapped_column()
    result: Mapped[dict[str, Any]] = mapped_column()


# --- Clinic mode: accounts, sessions, access grants, API tokens (revision 0003) -------------
# Secrets never sit in these tables in the clear: passwords are argon2 hashes, session and API
# tokens are SHA-256 digests of 256-bit random values (high entropy, so a fast digest is enough
# and allows an indexed lookup).

ROLES = ("athlete", "clinician", "admin")


class User(Base):
    """A clinic account. An athlete user owns exactly one athlete; other roles own none."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('athlete', 'clinician', 'admin')", name="role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    # Deleting an athlete's data keeps the account but cuts the link.
    athlete_id: Mapped[int | None] = mapped_column(
        ForeignKey("athletes.id", ondelete="SET NULL"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column()
    # Set while an admin has switched the account off (revision 0006): no sign-in, no session,
    # no API token works; clearing it gives the account back as it was.
    disabled_at: Mapped[datetime | None] = mapped_column()

    athlete: Mapped[Athlete | None] = relationship()


class WebSession(Base):
    """A logged-in browser. The cookie holds the token; only its digest is stored."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)

    user: Mapped[User] = relationship()


class ClinicianGrant(Base):
    """An athlete lets a clinician see their data."""

    __tablename__ = "clinician_grants"
    __table_args__ = (UniqueConstraint("athlete_id", "clinician_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = _owner()
    clinician_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    """A bearer token for integrators; the full token is shown once, then only its prefix."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # None: everything the user may do; otherwise a subset of ("read", "write").
    scopes: Mapped[list[str] | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()

    user: Mapped[User] = relationship()


class InstrumentScore(Base):
    """One completed instrument (STarT Back, Oswestry, Roland-Morris, pain 0-10) on a day.

    `items` keeps the item scores exactly as entered, so the total can be recomputed; the
    questionnaires' wording is never stored. Added in revision 0004.
    """

    __tablename__ = "instrument_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = _owner()
    instrument: Mapped[str] = mapped_column(String(20), index=True)
    taken_on: Mapped[date] = mapped_column(Date)
    items: Mapped[dict[str, Any]] = mapped_column()
    total: Mapped[float] = mapped_column(Float)
    band: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LoginFailure(Base):
    """A failed sign-in, counted to slow down password guessing (revision 0005).

    Only a digest of the email is kept: people sometimes type a password into the email
    field, and an attempted address need not belong to anybody.
    """

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_digest: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
