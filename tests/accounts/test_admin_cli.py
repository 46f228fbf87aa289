"""`backstride admin …` run as an operator would: a subprocess on a SQLite file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from backstride.storage.accounts import authenticate, verify_api_token, visible_athlete_ids
from backstride.storage.db import open_database
from tests.accounts.conftest import PASSWORD


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backstride", "admin", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A clinic with an admin, a clinician and an athlete, made through the commands."""
    url = f"sqlite:///{tmp_path_factory.mktemp('clinic') / 'clinic.db'}"
    made = run("create-admin", "--email", "Boss@Example.org", "--password-stdin",
               "--database", url, stdin=PASSWORD + "\n")  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert made.stdout == "Admin boss@example.org created.\n"
    for email, role in (("doc@example.org", "clinician"), ("ana@example.org", "athlete")):
        made = run("create-user", "--email", email, "--role", role, "--password-stdin",
                   "--database", url, stdin=PASSWORD + "\n")  # fmt: skip
        assert made.returncode == 0, made.stderr
    return url


def test_the_first_admin_can_log_in_and_the_password_is_not_echoed(url: str) -> None:
    db = open_database(url)
    with db.transaction() as session:
        assert authenticate(session, "boss@example.org", PASSWORD).role == "admin"
    db.close()
    listed = run("users", "--database", url)
    assert listed.returncode == 0, listed.stderr
    assert "boss@example.org" in listed.stdout and "clinician" in listed.stdout
    assert PASSWORD not in listed.stdout


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("create-admin", "--email", "boss@example.org"), PASSWORD, "already has an account"),
        (("create-admin", "--email", "new@example.org"), "short", "password: too short"),
        (("create-admin", "--email", "not-an-email"), PASSWORD, "email: not a valid address"),
        (("create-admin", "--email", "x@example.org"), "", "nothing on stdin"),
        (("create-user", "--email", "y@example.org", "--role", "owner"), PASSWORD, "not a role"),
    ],
)
def test_a_refused_account_is_one_line_and_exit_2(
    url: str, args: tuple[str, ...], stdin: str, message: str
) -> None:
    proc = run(*args, "--password-stdin", "--database", url, stdin=stdin + "\n" if stdin else "")
    assert proc.returncode == 2
    assert message in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert PASSWORD not in proc.stderr


def test_grant_and_revoke_change_what_the_clinician_sees(url: str) -> None:
    granted = run("grant", "--athlete", "ana@example.org", "--clinician", "doc@example.org",
                  "--database", url)  # fmt: skip
    assert granted.returncode == 0, granted.stderr
    assert "doc@example.org can now see ana@example.org's data." in granted.stdout
    db = open_database(url)
    with db.transaction() as session:
        doc = authenticate(session, "doc@example.org", PASSWORD)
        assert len(visible_athlete_ids(session, doc)) == 1
    revoked = run("revoke", "--athlete", "ana@example.org", "--clinician", "doc@example.org",
                  "--database", url)  # fmt: skip
    assert revoked.returncode == 0, revoked.stderr
    again = run("revoke", "--athlete", "ana@example.org", "--clinician", "doc@example.org",
                "--database", url)  # fmt: skip
    assert "nothing changed" in again.stdout
    with db.transaction() as session:
        doc = authenticate(session, "doc@example.org", PASSWORD)
        assert visible_athlete_ids(session, doc) == set()
    db.close()


@pytest.mark.parametrize(
    ("athlete", "clinician", "message"),
    [
        ("nobody@example.org", "doc@example.org", "no account for nobody@example.org"),
        ("ana@example.org", "boss@example.org", "not a clinician"),
        ("doc@example.org", "doc@example.org", "not an athlete account"),
    ],
)
def test_a_grant_that_makes_no_sense_is_refused(
    url: str, athlete: str, clinician: str, message: str
) -> None:
    proc = run("grant", "--athlete", athlete, "--clinician", clinician, "--database", url)
    assert proc.returncode == 2
    assert message in proc.stderr


def test_an_api_token_is_printed_once_listed_by_prefix_and_revoked(url: str) -> None:
    made = run("tokens", "create", "--email", "doc@example.org", "--name", "lab export",
               "--scope", "read", "--database", url)  # fmt: skip
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert token.startswith("bst_")
    assert "cannot be shown again" in made.stderr
    listed = run("tokens", "list", "--email", "doc@example.org", "--database", url)
    assert token[:12] in listed.stdout and token not in listed.stdout
    assert "active" in listed.stdout
    db = open_database(url)
    with db.transaction() as session:
        row = verify_api_token(session, token)
        assert row is not None and row.scopes == ["read"]
        token_id = row.id
    revoked = run("tokens", "revoke", str(token_id), "--database", url)
    assert revoked.returncode == 0, revoked.stderr
    with db.transaction() as session:
        assert verify_api_token(session, token) is None
    db.close()
    missing = run("tokens", "revoke", "99999", "--database", url)
    assert missing.returncode == 4
    assert "token not found" in missing.stderr
    bad = run("tokens", "create", "--email", "doc@example.org", "--name", "x",
              "--scope", "admin", "--database", url)  # fmt: skip
    assert bad.returncode == 2 and "'admin' unknown" in bad.stderr


def test_every_admin_command_has_help() -> None:
    for args in (("--help",), ("tokens", "--help")):
        proc = run(*args)
        assert proc.returncode == 0
    proc = run("--help")
    for command in ("create-admin", "create-user", "users", "grant", "revoke", "tokens"):
        assert command in proc.stdout


def test_create_admin_asks_for_the_password_twice_without_echo(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    import backstride.cli.admin  # noqa: F401 - registers the commands
    from backstride.cli import app

    url = f"sqlite:///{tmp_path / 'prompt.db'}"
    args = ["admin", "create-admin", "--email", "boss@example.org", "--database", url]
    mismatch = CliRunner().invoke(app, args, input=f"{PASSWORD}\nsomething else\n" * 3)
    assert mismatch.exit_code != 0
    made = CliRunner().invoke(app, args, input=f"{PASSWORD}\n{PASSWORD}\n")
    assert made.exit_code == 0, made.output
    assert "Admin boss@example.org created." in made.output
    assert PASSWORD not in made.output
    db = open_database(url)
    with db.transaction() as session:
        assert authenticate(session, "boss@example.org", PASSWORD).role == "admin"
    db.close()
