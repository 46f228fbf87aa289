"""The `backstride assess`, `schema`, `kb` and `technique` commands, run as a user would:
as a subprocess, checking exit codes, stdout and stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.cli.runner import run_cli as run
from tests.engine.cases import SHARED

CASE = {
    "age": 35,
    "pain": {
        "regions": [{"region": "lower_back", "side": "central"}],
        "character": ["aching"],
        "when": ["after_run"],
        "duration_days": 4,
    },
    "running": {"weekly_km": 40, "weekly_km_before": 20},
}
CES = {
    "age": 41,
    "pain": {"regions": [{"region": "lower_back", "side": "central"}]},
    "neuro": {"saddle_numbness": True, "urinary_retention": True, "leg_numbness": "both"},
}


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_assess_case_file_prints_a_json_result_that_matches_the_result_schema(
    tmp_path: Path,
) -> None:
    proc = run("assess", "--case", write(tmp_path, "c.json", json.dumps(CASE)), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    schema = json.loads(run("schema", "result").stdout)
    jsonschema.validate(result, schema)
    assert result["schema_version"] == "1" and result["triage"]["level"] == "self_care"


def test_assess_reads_a_case_from_standard_input() -> None:
    proc = run("assess", "--case", "-", "--format", "json", stdin=json.dumps(CES))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["triage"]["level"] == "emergency"


@pytest.mark.parametrize(("fmt", "expected"), [("text", "EMERGENCY"), ("markdown", "# Emergency")])
def test_assess_renders_text_and_markdown_reports(fmt: str, expected: str) -> None:
    proc = run("assess", "--case", "-", "--format", fmt, stdin=json.dumps(CES))
    assert proc.returncode == 0
    assert expected in proc.stdout
    assert "not a diagnosis" in proc.stdout.replace("\n", " ")


def test_batch_answers_every_line_in_order_and_marks_invalid_ones(tmp_path: Path) -> None:
    lines = [json.dumps(CASE), json.dumps({"age": -3}), "{not json", json.dumps(CES)]
    proc = run("assess", "--batch", write(tmp_path, "b.jsonl", "\n".join(lines) + "\n"))
    assert proc.returncode == 2
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == 4
    assert out[0]["triage"]["level"] == "self_care"
    assert out[1]["error"]["problems"] == [
        "age: -3 is not allowed; expected a whole number from 10 to 100"
    ]
    assert "line 3" in out[2]["error"]["message"]
    assert out[3]["triage"]["level"] == "emergency"


def test_batch_of_valid_cases_exits_zero(tmp_path: Path) -> None:
    proc = run("assess", "--batch", write(tmp_path, "b.jsonl", json.dumps(CASE) + "\n\n"))
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 1


def test_a_large_batch_in_worker_processes_answers_as_one_process_does(tmp_path: Path) -> None:
    # Over the size where workers start: the same lines, in the same order, invalid ones too.
    varied = [{**CASE, "age": 20 + i % 60} for i in range(240)]
    lines = [json.dumps(c) for c in varied] + ["{not json", json.dumps(CES)]
    path = write(tmp_path, "big.jsonl", "\n".join([*lines[:100], "", *lines[100:]]) + "\n")
    alone = run("assess", "--batch", path, "--jobs", "1")
    workers = run("assess", "--batch", path, "--jobs", "2")
    assert alone.returncode == workers.returncode == 2
    assert workers.stdout == alone.stdout
    out = workers.stdout.splitlines()
    assert len(out) == 242 and json.loads(out[-1])["triage"]["level"] == "emergency"
    assert json.loads(out[-2])["error"]["line"] == 242


def test_batch_jobs_must_be_at_least_one(tmp_path: Path) -> None:
    proc = run("assess", "--batch", write(tmp_path, "b.jsonl", json.dumps(CASE)), "--jobs", "0")
    assert proc.returncode == 2 and proc.stdout == ""
    message = " ".join(proc.stderr.replace("│", " ").split())  # as one line, without the box
    assert "Invalid value for '--jobs'" in message and "greater than or equal to 1" in message


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ({"age": -3}, "age: -3 is not allowed; expected a whole number from 10 to 100"),
        (
            {"pain": {"regions": [{"region": "knee", "side": "left"}]}},
            'pain.regions[0].region: "knee" is not allowed; expected one of lower_back',
        ),
        (
            {"pain": {"intensity_now": "very"}},
            'pain.intensity_now: "very" is not allowed; expected a number from 0 to 10',
        ),
        (
            {"pain": {"colour": "red"}},
            "pain.colour: unknown field; known fields in pain are regions",
        ),
        ({"mood": "low"}, "mood: unknown field; known top-level fields are"),
        (
            {"neuro": {"leg_numbness": "yes"}},
            'neuro.leg_numbness: "yes" is not allowed; expected one of none, left, right, both',
        ),
        ([1, 2], "case: expected a JSON object, got list"),
    ],
)
def test_an_invalid_case_exits_2_naming_field_value_and_what_is_allowed(
    tmp_path: Path, case: object, message: str
) -> None:
    proc = run("assess", "--case", write(tmp_path, "bad.json", json.dumps(case)), "-f", "json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_every_problem_gets_its_own_line(tmp_path: Path) -> None:
    bad = {"age": 5, "sex": "robot", "pain": {"duration_days": -1}}
    proc = run("assess", "--case", write(tmp_path, "bad.json", json.dumps(bad)))
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 3
    assert all(line.startswith("error: ") for line in lines)


def test_malformed_json_says_where_it_broke(tmp_path: Path) -> None:
    proc = run("assess", "--case", write(tmp_path, "bad.json", '{"age": 30,\n "sex": }'))
    assert proc.returncode == 2
    assert "not valid JSON at line 2, column" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_missing_case_file_is_reported_plainly() -> None:
    proc = run("assess", "--case", "/no/such/case.json")
    assert proc.returncode == 2 and "no such file" in proc.stderr


def test_schema_case_rejects_unknown_fields_as_the_contract_says() -> None:
    schema = json.loads(run("schema", "case").stdout)
    assert schema["additionalProperties"] is False
    assert "pain" in schema["properties"]


def test_kb_commands_browse_and_check_the_knowledge_base() -> None:
    assert run("kb", "check").returncode == 0
    listing = run("kb", "list", "red_flags")
    assert listing.returncode == 0 and "cauda_equina_sphincter" in listing.stdout
    shown = run("kb", "show", "spondylolysis")
    assert shown.returncode == 0 and "Micheli" in shown.stdout
    missing = run("kb", "show", "no_such_thing")
    assert missing.returncode == 2 and "no entry" in missing.stderr


def test_technique_prints_twelve_rules_with_reasons() -> None:
    proc = run("technique")
    assert proc.returncode == 0
    assert proc.stdout.count("Why:") == 12


def test_public_vignettes_pass_through_the_command_line() -> None:
    scorer = SHARED / "tools" / "score_vignettes.py"
    vignettes = SHARED / "vignettes" / "public.json"
    if not scorer.exists():
        pytest.skip("shared/ is not beside the project")
    proc = subprocess.run(
        [sys.executable, str(scorer), str(vignettes), "--cmd", f"{sys.executable} -m backstride"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
