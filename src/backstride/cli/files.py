"""Reading an input file named on the command line (light: `assess --case` imports it)."""

from __future__ import annotations

import sys
from pathlib import Path

from backstride.errors import CaseInputError, UserError


def read_text(source: str | Path, error: type[UserError] = CaseInputError) -> str:
    """The file's text (`-`: standard input); a missing or unreadable file raises `error` with
    a one-line message naming it."""
    if str(source) == "-":
        return sys.stdin.read()
    try:
        return Path(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{source}: no such file") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as exc:
        raise error(f"{source}: cannot be read ({exc.__class__.__name__})") from None
