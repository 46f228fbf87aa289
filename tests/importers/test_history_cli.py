"""The history commands, run through Typer as a person would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import backstride.cli.history  # noqa: F401  (registers the commands)
from backstride.cli import app

runner = CliRunner()


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def call(*args: str, url: str, input: str | None = None) -> str:
    result = runner.invoke(app, [*args, "--database", url], input=input)
    assert result.exit_code == 0, result.output
    return result.output


def test_import_then_list_export_and_delete(data_dir: Path, tmp_path: Path, url: str) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(data_dir / "fit" / "runpandas__run.fit", inbox)
    shutil.copy(data_dir / "tcx" / "edge" / "runpandas__malformed.tcx", inbox)
    out = call("import", str(inbox), "--no-progress", url=url)
    assert "1 file(s) imported with 1 activity" in out
    assert "runpandas__malformed.tcx: not well-formed XML" in out
    assert "running" in call("activities", url=url)

    call("shoes", "add", "Peg 40", "--brand", "Nike", "--start-km", "12.5", url=url)
    assert "Peg 40" in call("shoes", "list", url=url)
    call("shoes", "retire", "Peg 40", url=url)
    assert "Peg 40" not in call("shoes", "list", url=url)
    assert "retired" in call("shoes", "list", "--all", url=url)

    exported = json.loads(call("export", url=url))
    assert len(exported["activities"]) == 1
    assert exported["shoes"][0]["name"] == "Peg 40"

    refused = runner.invoke(app, ["delete", "--database", url], input="n\n")
    assert refused.exit_code == 1
    assert len(json.loads(call("export", url=url))["activities"]) == 1
    assert "Deleted" in call("delete", url=url, input="y\n")
    assert "No activities yet" in call("activities", url=url)


def test_a_second_shoe_with_the_same_name_is_a_user_error(url: str) -> None:
    call("shoes", "add", "Peg", url=url)
    result = runner.invoke(app, ["shoes", "add", "Peg", "--database", url])
    assert result.exit_code != 0
