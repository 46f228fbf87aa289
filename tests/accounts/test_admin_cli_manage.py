"""`backstride admin disable|enable|reset-password EMAIL`, run as an operator would."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from backstride.storage.accounts import (
    AccountDisabled,
    LoginFailed,
    authenticate,
    create_api_token,
    create_user,
    find_user,
    session_user,
    start_session,
    verify_api_token,
)
from backstride.storage.db import open_database
from backstride.storage.models import ApiToken, WebSession
from tests.accounts.conftest import PASSWORD
from tests.accounts.test_admin_cli import run

NEW = "a brand new passphrase"


@pytest.fixture
def url(tmp_path: Path) -> str:
    """An admin and a clinician with a session and an API token."""
    url = f"sqlite:///{tmp_path / 'clinic.db'}"
    db = open_database(url)
    with db.transaction() as session:
        create_user(session, "boss@example.org", PASSWORD, "admin")
        doc = create_user(session, "doc@example.org", PASSWORD, "clinician")
        start_session(session, doc)
        create_api_token(session, doc, "lab")
    db.close()
    return url


def _doc_state(url: str) -> tuple[int, int]:
    """How many live sessions and working tokens Doc has."""
    db = open_database(url)
    with db.transaction() as session:
        doc = find_user(session, "doc@example.org")
        assert doc is not None
        sessions = len(
            session.scalars(select(WebSession).where(WebSession.user_id == doc.id)).all()
        )
        tokens = session.scalars(select(ApiToken).where(ApiToken.user_id == doc.id)).all()
        working = sum(1 for t in tokens if doc.disabled_at is None and t.revoked_at is None)
    db.close()
    return sessions, working


def test_disable_and_enable_an_account(url: str) -> None:
    off = run("disable", "Doc@Example.org", "--database", url)
    assert off.returncode == 0, off.stderr
    assert off.stdout == "doc@example.org is disabled (1 session(s) ended).\n"
    assert _doc_state(url) == (0, 0)
    listed = run("users", "--database", url)
    assert "disabled" in listed.stdout
    db = open_database(url)
    with db.transaction() as session, pytest.raises(AccountDisabled):
        authenticate(session, "doc@example.org", PASSWORD)
    on = run("enable", "doc@example.org", "--database", url)
    assert on.returncode == 0, on.stderr
    assert on.stdout == "doc@example.org is enabled.\n"
    with db.transaction() as session:
        assert authenticate(session, "doc@example.org", PASSWORD).disabled_at is None
    db.close()
    assert _doc_state(url) == (0, 1)  # the token works again; the session stays ended


def test_reset_password_ends_the_sessions_and_keeps_the_tokens(url: str) -> None:
    done = run("reset-password", "doc@example.org", "--password-stdin", "--database", url,
               stdin=NEW + "\n")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "doc@example.org has a new password" in done.stdout
    assert NEW not in done.stdout + done.stderr
    assert _doc_state(url) == (0, 1)
    db = open_database(url)
    with db.transaction() as session:
        with pytest.raises(LoginFailed):
            authenticate(session, "doc@example.org", PASSWORD)
        assert authenticate(session, "doc@example.org", NEW).role == "clinician"
        assert session_user(session, "not a session") is None
        assert verify_api_token(session, "bst_nothing") is None
    db.close()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("disable", "nobody@example.org"), None, "no account for nobody@example.org"),
        (("enable", "nobody@example.org"), None, "no account for nobody@example.org"),
        (("disable", "boss@example.org"), None, "boss@example.org is the last enabled admin"),
        (("reset-password", "nobody@example.org", "--password-stdin"), NEW, "no account for"),
        (("reset-password", "doc@example.org", "--password-stdin"), "short", "too short"),
        (("reset-password", "doc@example.org", "--password-stdin"), "", "nothing on stdin"),
    ],
)
def test_a_refused_change_is_one_line_and_exit_2(
    url: str, args: tuple[str, ...], stdin: str | None, message: str
) -> None:
    proc = run(
        *args, "--database", url, stdin=None if stdin is None else stdin + "\n" * bool(stdin)
    )
    assert proc.returncode == 2, proc.stdout
    assert message in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert _doc_state(url) == (1, 1)


def test_the_new_commands_have_help() -> None:
    for command in ("disable", "enable", "reset-password"):
        proc = run(command, "--help")
        assert proc.returncode == 0 and "EMAIL" in proc.stdout
