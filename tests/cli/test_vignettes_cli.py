"""`backstride vignettes`: scores files of vignettes as a user would run it (a subprocess),
with its exit codes: 0 all passed, 1 some not passed, 2 a file that cannot be used."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests.cli.runner import run_cli as run

STRAIN: dict[str, Any] = {
    "id": "strain",
    "case": {
        "age": 34,
        "pain": {
            "regions": [{"region": "lower_back", "side": "left"}],
            "onset": "sudden",
            "onset_trigger": "lifting",
            "duration_days": 2,
            "worse_with": ["bending_forward"],
            "better_with": ["rest"],
        },
        "neuro": {"leg_numbness": "none", "leg_weakness": "none", "saddle_numbness": False},
        "general": {"fever": False, "history_of_cancer": False},
    },
    "expected_triage": "self_care",
    "acceptable_triage": ["consultation"],
    "expected_condition": "lumbar_muscle_strain",
    "acceptable_conditions": ["nonspecific_low_back_pain"],
}
# The same case, wrongly expected to be an emergency: the engine must not agree.
WRONG = {**STRAIN, "id": "wrong", "expected_triage": "emergency", "acceptable_triage": []}


def write(path: Path, items: list[Any]) -> str:
    path.write_text(json.dumps(items) if path.suffix == ".json" else yaml.safe_dump(items))
    return str(path)


def test_a_passing_set_prints_its_figures_and_exits_0(tmp_path: Path) -> None:
    done = run("vignettes", write(tmp_path / "mine.yaml", [STRAIN]))
    assert done.returncode == 0, done.stderr
    assert "mine" in done.stdout and "1/1" in done.stdout


def test_a_missed_emergency_is_named_and_exits_1(tmp_path: Path) -> None:
    done = run(
        "vignettes", write(tmp_path / "a.json", [STRAIN]), write(tmp_path / "b.json", [WRONG])
    )
    assert done.returncode == 1
    assert "b wrong: EMERGENCY MISSED" in done.stdout
    assert "all" in done.stdout  # a row for both sets together


def test_json_gives_the_counts_of_each_set(tmp_path: Path) -> None:
    done = run("vignettes", "--format", "json", write(tmp_path / "b.json", [STRAIN, WRONG]))
    assert done.returncode == 1
    report = json.loads(done.stdout)
    (figures,) = report["sets"]
    assert figures["set"] == "b" and figures["vignettes"] == 2
    assert report["all"]["vignettes"] == 2 and report["kb_version"]
    assert set(report["confusion"]) == {"self_care", "emergency"}  # rows with vignettes
    assert report["confusion"]["emergency"]["self_care"] == 1
    assert (figures["emergencies"], figures["emergencies_caught"]) == (1, 0)
    assert figures["failures"][0]["id"] == "wrong"


def test_markdown_is_the_safety_report(tmp_path: Path) -> None:
    done = run("vignettes", "-f", "markdown", write(tmp_path / "b.json", [STRAIN]))
    assert done.returncode == 0
    assert done.stdout.startswith("# How well backstride triages")
    assert "| b | 1 | 1/1 (100%) | 0 | 0 | - |" in done.stdout


def test_a_malformed_file_gets_one_line_per_problem_and_exits_2(tmp_path: Path) -> None:
    bad = {**STRAIN, "case": {**STRAIN["case"], "age": "old"}, "expected_condition": "flu"}
    done = run("vignettes", write(tmp_path / "bad.json", [bad]))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        'error: bad.json: vignette strain: case.age: "old" is not allowed; expected a whole '
        "number from 10 to 100",
        "error: bad.json: vignette strain: expected_condition: 'flu' is not a condition id of "
        "the knowledge base",
    ]
    (tmp_path / "broken.json").write_text("[{")
    done = run("vignettes", str(tmp_path / "broken.json"))
    assert done.returncode == 2 and "broken.json: not valid JSON at line 1" in done.stderr
