"""Run the `backstride` command line as a user would: a subprocess with its own environment."""

from __future__ import annotations

import os
import subprocess
import sys


def run_cli(
    *args: str, stdin: str | None = None, database: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if database is not None:
        env["BACKSTRIDE_DATABASE_URL"] = database
    return subprocess.run(
        [sys.executable, "-m", "backstride", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
