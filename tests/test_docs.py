"""The README documents every command, and every command has help."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import typer.main

from backstride.cli import COMMAND_MODULES, _register, app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, object]:
    _register(["backstride"])  # every command module
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_every_command_module_is_importable() -> None:
    assert set(COMMAND_MODULES) >= {"assess", "knowledge", "history"}


def test_every_command_is_in_the_readme() -> None:
    missing = [name for name in _commands() if not re.search(rf"\b{name}\b", README)]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_every_command_has_help() -> None:
    for name, command in _commands().items():
        assert getattr(command, "help", None), f"{name} has no help text"


def test_readme_opens_with_the_two_commands() -> None:
    block = README.split("```", 2)[1]
    assert "scripts/run" in block
    assert "scripts/test" in block


ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(
    not (ROOT.parent / "shared" / "vignettes").is_dir(), reason="needs ../shared/vignettes"
)
def test_the_safety_report_is_up_to_date() -> None:
    """docs/safety-report.md must show what the engine does now: after a change to the engine
    or the vignettes, run scripts/safety-report and commit the report."""
    done = subprocess.run(
        [str(ROOT / "scripts" / "safety-report"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_every_test_the_hazard_log_names_exists() -> None:
    """The hazard log's controls point at tests; a renamed or deleted test must not leave a
    control that nothing enforces."""
    root = Path(__file__).resolve().parents[1]
    log = (root / "docs" / "hazard-log.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)::(test_\w+)`", log)
    assert len(named) >= 20
    missing = [
        f"{path}::{name}"
        for path, name in named
        if not re.search(rf"^def {name}\(", (root / path).read_text(encoding="utf-8"), re.M)
    ]
    assert not missing, f"docs/hazard-log.md names tests that do not exist: {missing}"
