"""The `backstride` command line: a thin Typer layer over the core.

Each sub-module registers its commands on `app`; `main` installs the one error handler that
turns a `UserError` into a one-line message and its exit code, with no traceback.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

app = typer.Typer(
    name="backstride",
    help="Triage, explanation and self-management for runners with back pain.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Triage, explanation and self-management for runners with back pain."""


# Command modules, imported for their side effect of registering commands on `app`.
COMMAND_MODULES = (
    "assess",
    "knowledge",
    "history",
    "load",
    "admin",
    "measure",
    "report",
    "fhir",
    "web",
    "plan",
    "vignettes",
)
# Commands whose module is light: importing only it keeps `assess --case` fast (the storage
# layer alone takes a second to import). Anything else imports every module.
LIGHT_COMMANDS = {
    "assess": "assess",
    "kb": "knowledge",
    "technique": "knowledge",
    "schema": "knowledge",
    "serve": "web",
    "vignettes": "vignettes",
}


def _register(argv: list[str]) -> None:
    command = next((a for a in argv[1:] if not a.startswith("-")), None)
    light = LIGHT_COMMANDS.get(command or "")
    for name in (light,) if light else COMMAND_MODULES:
        try:
            importlib.import_module(f"backstride.cli.{name}")
        except ModuleNotFoundError as exc:  # a layer not built yet must not break the others
            if exc.name != f"backstride.cli.{name}":
                raise


def main() -> None:
    from backstride.errors import BackstrideError, UserError

    _register(sys.argv)
    try:
        app()
    except UserError as exc:
        for line in exc.problems:
            print(f"error: {line}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except BackstrideError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(getattr(exc, "exit_code", 1))
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # a bug: one line for the user, the details only on request
        if os.environ.get("BACKSTRIDE_DEBUG"):
            raise
        print(
            f"error: internal error ({type(exc).__name__}); nothing was changed. Run again with "
            "BACKSTRIDE_DEBUG=1 to see the details, and please report it.",
            file=sys.stderr,
        )
        sys.exit(1)
