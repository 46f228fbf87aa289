"""Upgrading from the first revision with data in place."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from backstride.storage.activities import known_files, list_activities
from backstride.storage.athletes import get_athlete
from backstride.storage.db import make_engine, open_database, upgrade


def test_upgrade_from_the_first_revision_keeps_the_data(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0001")
    when = datetime(2024, 5, 1, 7, 30, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO athletes (id, name, created_at) VALUES (1, 'me', :t)"), {"t": when}
        )
        conn.execute(
            text(
                "INSERT INTO imported_files (id, athlete_id, sha256, name, format, size,"
                " activity_count, imported_at) VALUES (1, 1, :h, 'run.fit', 'fit', 10, 1, :t)"
            ),
            {"h": "a" * 64, "t": when},
        )
        conn.execute(
            text(
                "INSERT INTO activities (athlete_id, file_id, sport, start_time, duration_s,"
                " distance_m, indoor, extra) VALUES (1, 1, 'running', :t, 1800, 5000, :f, '{}')"
            ),
            {"t": when, "f": False},
        )
    engine.dispose()

    db = open_database(database_url)
    with db.transaction() as session:
        athlete = get_athlete(session)
        assert athlete is not None
        (run,) = list_activities(session, athlete)
        assert run.distance_m == 5000
        assert run.start_time == when
        (source,) = known_files(session, athlete)
        assert source.sha256 == "a" * 64
        assert source.path_key is None
    db.close()
