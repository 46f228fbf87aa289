"""Where the shared activity files are (../shared/data/activities beside the repository)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_DEFAULT = Path(__file__).resolve().parents[3] / "shared" / "data" / "activities"
ACTIVITIES = Path(os.environ.get("BACKSTRIDE_ACTIVITY_DATA", _DEFAULT))


def activity_dir() -> Path:
    """The folder, or a skip (a failure on CI) when it is missing."""
    if not ACTIVITIES.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"activity test files not found at {ACTIVITIES}")
        pytest.skip(f"activity test files not found at {ACTIVITIES}")
    return ACTIVITIES


def files(folder: str, pattern: str) -> list[Path]:
    """Test parameters: the files, or nothing (tests then skip) when the data is absent."""
    root = ACTIVITIES / folder
    return sorted(root.glob(pattern)) if root.is_dir() else []
