"""Clinic administration: `backstride admin create-admin|create-user|users|grant|revoke|tokens`
and `disable|enable|reset-password`.

Thin: each command opens the database, calls `backstride.storage.accounts` in one transaction
and prints. Passwords come from a hidden prompt or, for scripts, one line on stdin
(`--password-stdin`); they are never taken as an argument (it would land in shell history and
the process list). A new API token is printed once and cannot be shown again.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console
from rich.table import Table

from backstride.cli import app
from backstride.cli.options import DATABASE_OPTION
from backstride.errors import UserError
from backstride.storage.accounts import (
    SCOPES,
    AccountError,
    create_api_token,
    create_user,
    disable_user,
    enable_user,
    find_user,
    grant_access,
    list_api_tokens,
    list_users,
    revoke_access,
    revoke_api_token,
    set_password,
)
from backstride.storage.db import Database, open_database
from backstride.storage.models import User

PASSWORD_STDIN = typer.Option(
    False, "--password-stdin", help="Read the password from the first line of stdin."
)

admin_app = typer.Typer(
    help="Clinic accounts: the first admin, users, clinician access, API tokens.",
    no_args_is_help=True,
)
tokens_app = typer.Typer(help="API tokens for integrators.", no_args_is_help=True)
app.add_typer(admin_app, name="admin")
admin_app.add_typer(tokens_app, name="tokens")


def _open(url: str | None) -> Database:
    return open_database(url)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise UserError("--password-stdin: nothing on stdin; pipe the password in")
        return line.rstrip("\r\n")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


def _user(session_user: User | None, email: str) -> User:
    if session_user is None:
        raise AccountError(f"email: no account for {email.strip().lower()}")
    return session_user


def _athlete_id(user: User) -> int:
    if user.role != "athlete" or user.athlete_id is None:
        raise AccountError(f"{user.email} is not an athlete account with data to share")
    return user.athlete_id


@admin_app.command("create-admin")
def create_admin_command(
    email: str = typer.Option(..., "--email", help="The admin's email (their login)."),
    password_stdin: bool = PASSWORD_STDIN,
    database: str | None = DATABASE_OPTION,
) -> None:
    """Create an admin account (the first one starts a clinic)."""
    password = _password(password_stdin)
    db = _open(database)
    try:
        with db.transaction() as session:
            user = create_user(session, email, password, "admin")
            address = user.email
    finally:
        db.close()
    typer.echo(f"Admin {address} created.")


@admin_app.command("create-user")
def create_user_command(
    email: str = typer.Option(..., "--email", help="Their email (their login)."),
    role: str = typer.Option("athlete", "--role", help="athlete or clinician (or admin)."),
    name: str | None = typer.Option(
        None, "--name", help="Athlete's display name (default: the email).", show_default=False
    ),
    password_stdin: bool = PASSWORD_STDIN,
    database: str | None = DATABASE_OPTION,
) -> None:
    """Create an account; an athlete account gets an athlete record of its own."""
    password = _password(password_stdin)
    db = _open(database)
    try:
        with db.transaction() as session:
            user = create_user(session, email, password, role, athlete_name=name)
            address, chosen = user.email, user.role
    finally:
        db.close()
    typer.echo(f"{chosen.capitalize()} {address} created.")


@admin_app.command("users")
def users_command(
    role: str | None = typer.Option(None, "--role", help="Only this role.", show_default=False),
    database: str | None = DATABASE_OPTION,
) -> None:
    """List accounts (email, role, athlete, last login)."""
    db = _open(database)
    try:
        with db.transaction() as session:
            table = Table("email", "role", "athlete", "last login (UTC)", "status")
            users = list_users(session, role)
            for user in users:
                table.add_row(
                    user.email,
                    user.role,
                    user.athlete.name if user.athlete is not None else "",
                    user.last_login_at.strftime("%Y-%m-%d %H:%M")
                    if user.last_login_at
                    else "never",
                    "disabled" if user.disabled_at is not None else "active",
                )
    finally:
        db.close()
    Console().print(table if users else "No accounts yet: try `backstride admin create-admin`.")


@admin_app.command("grant")
def grant_command(
    athlete: str = typer.Option(..., "--athlete", help="The athlete's email."),
    clinician: str = typer.Option(..., "--clinician", help="The clinician's email."),
    database: str | None = DATABASE_OPTION,
) -> None:
    """Let a clinician see an athlete's data."""
    db = _open(database)
    try:
        with db.transaction() as session:
            owner = _user(find_user(session, athlete), athlete)
            reader = _user(find_user(session, clinician), clinician)
            grant_access(session, _athlete_id(owner), reader)
            message = f"{reader.email} can now see {owner.email}'s data."
    finally:
        db.close()
    typer.echo(message)


@admin_app.command("revoke")
def revoke_command(
    athlete: str = typer.Option(..., "--athlete", help="The athlete's email."),
    clinician: str = typer.Option(..., "--clinician", help="The clinician's email."),
    database: str | None = DATABASE_OPTION,
) -> None:
    """Withdraw a clinician's access to an athlete's data."""
    db = _open(database)
    try:
        with db.transaction() as session:
            owner = _user(find_user(session, athlete), athlete)
            reader = _user(find_user(session, clinician), clinician)
            withdrawn = revoke_access(session, _athlete_id(owner), reader)
            who, whose = reader.email, owner.email
    finally:
        db.close()
    typer.echo(
        f"{who} can no longer see {whose}'s data."
        if withdrawn
        else f"{who} had no access to {whose}'s data; nothing changed."
    )


@admin_app.command("disable")
def disable_command(
    email: str = typer.Argument(..., metavar="EMAIL", help="The account's email."),
    database: str | None = DATABASE_OPTION,
) -> None:
    """Disable an account: no sign-in, its sessions end, its API tokens stop working."""
    db = _open(database)
    try:
        with db.transaction() as session:
            user = _user(find_user(session, email), email)
            ended = disable_user(session, user)
            address = user.email
    finally:
        db.close()
    typer.echo(f"{address} is disabled ({ended} session(s) ended).")


@admin_app.command("enable")
def enable_command(
    email: str = typer.Argument(..., metavar="EMAIL", help="The account's email."),
    database: str | None = DATABASE_OPTION,
) -> None:
    """Enable a disabled account again (its password and API tokens work again)."""
    db = _open(database)
    try:
        with db.transaction() as session:
            user = _user(find_user(session, email), email)
            enable_user(session, user)
            address = user.email
    finally:
        db.close()
    typer.echo(f"{address} is enabled.")


@admin_app.command("reset-password")
def reset_password_command(
    email: str = typer.Argument(..., metavar="EMAIL", help="The account's email."),
    password_stdin: bool = PASSWORD_STDIN,
    database: str | None = DATABASE_OPTION,
) -> None:
    """Give an account a new password; every session of theirs ends (API tokens are kept)."""
    password = _password(password_stdin)
    db = _open(database)
    try:
        with db.transaction() as session:
            user = _user(find_user(session, email), email)
            set_password(session, user, password)
            address = user.email
    finally:
        db.close()
    typer.echo(f"{address} has a new password; their sessions were ended.")


@tokens_app.command("list")
def tokens_list(
    email: str = typer.Option(..., "--email", help="Whose tokens."),
    database: str | None = DATABASE_OPTION,
) -> None:
    """List a user's API tokens (prefix only; the full token is never stored)."""
    db = _open(database)
    try:
        with db.transaction() as session:
            user = _user(find_user(session, email), email)
            tokens = list_api_tokens(session, user)
            table = Table("id", "name", "prefix", "scopes", "created", "last used", "status")
            for token in tokens:
                table.add_row(
                    str(token.id),
                    token.name,
                    token.prefix + "…",
                    ", ".join(token.scopes) if token.scopes is not None else "all",
                    token.created_at.strftime("%Y-%m-%d"),
                    token.last_used_at.strftime("%Y-%m-%d %H:%M")
                    if token.last_used_at
                    else "never",
                    "revoked" if token.revoked_at else "active",
                )
    finally:
        db.close()
    Console().print(table if tokens else "No API tokens.")


@tokens_app.command("create")
def tokens_create(
    email: str = typer.Option(..., "--email", help="Whose token; it acts with their rights."),
    name: str = typer.Option(..., "--name", help="What it is for, e.g. 'lab export'."),
    scope: list[str] | None = typer.Option(
        None, "--scope", help=f"Limit to {' or '.join(SCOPES)} (repeatable; default: all)."
    ),
    database: str | None = DATABASE_OPTION,
) -> None:
    """Create an API token and print it once."""
    db = _open(database)
    try:
        with db.transaction() as session:
            user = _user(find_user(session, email), email)
            token, row = create_api_token(session, user, name, scopes=scope or None)
            token_id = row.id
    finally:
        db.close()
    typer.echo(token)
    typer.echo(f"Token {token_id} created; copy it now, it cannot be shown again.", err=True)


@tokens_app.command("revoke")
def tokens_revoke(
    token_id: int = typer.Argument(..., help="The token's id (see `admin tokens list`)."),
    database: str | None = DATABASE_OPTION,
) -> None:
    """Revoke an API token at once."""
    db = _open(database)
    try:
        with db.transaction() as session:
            revoke_api_token(session, token_id)
    finally:
        db.close()
    typer.echo(f"Token {token_id} revoked.")
